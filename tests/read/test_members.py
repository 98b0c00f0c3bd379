"""The recogniser's networks read one by one where together they were unsure (docexam.read.reader, issue 21): one
trained on another font than the document's can be sure of a wrong character where the other is sure of the right
one, and together neither is."""

import numpy as np

from docexam.ocr import ocrb
from docexam.read import reader
from docexam.read.budget import Budget
from docexam.read.segment import LineCells

TRUTH = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
         "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]


class _Net:
    """A stand-in network: reads every cell as ``reads`` says, at ``confidence``."""

    def __init__(self, reads, confidence):
        self.reads, self.confidence = reads, confidence


def _reading(monkeypatch, nets):
    monkeypatch.setattr(ocrb, "load_model", lambda path=None: ocrb.Ensemble(tuple(nets)))
    monkeypatch.setattr(ocrb, "cut_cells", lambda img, centres, y, pitch, levels=None: (y, len(centres)))

    def classify(cells, *, top=4, model=None):
        line = 0 if cells[0] < 50 else 1
        return [[(model.reads[line][j], model.confidence), ("<", 1 - model.confidence)] for j in range(cells[1])]

    monkeypatch.setattr(ocrb, "classify", classify)
    img = np.full((100, 500), 230, np.uint8)
    view = reader._View(img, img.astype(np.float32), [(20, 40), (60, 80)], (230.0, 40.0), img)
    lines = [LineCells(y, 10.0, np.arange(44) * 10.0 + 5, (y - 10, y + 10)) for y in (30.0, 70.0)]
    together = [[[(ch, 0.5)] for ch in line] for line in TRUTH]  # unsure of everything together
    return reader._Reading(view, 44, lines, together)


def test_a_network_sure_alone_is_read_alone(monkeypatch):
    garbage = ["X" * 44, "Y" * 44]
    reading = _reading(monkeypatch, [_Net(garbage, 0.6), _Net(TRUTH, 0.99)])
    out = list(reader._member_readings(reading, Budget.unlimited(), None))
    assert len(out) == 1  # the network unsure alone too is not worth a correction
    c, alone = out[0]
    assert list(c.lines) == TRUTH and c.result.valid and reader.trusted(c)
    assert alone.lines is reading.lines and alone.view is reading.view


def test_no_network_is_read_alone_when_none_is_surer_than_together(monkeypatch):
    reading = _reading(monkeypatch, [_Net(TRUTH, 0.5), _Net(TRUTH, 0.45)])
    assert list(reader._member_readings(reading, Budget.unlimited(), None)) == []


def test_one_network_is_never_read_alone_again(monkeypatch):
    reading = _reading(monkeypatch, [_Net(TRUTH, 0.99)])
    monkeypatch.setattr(ocrb, "load_model", lambda path=None: _Net(TRUTH, 0.99))
    assert list(reader._member_readings(reading, Budget.unlimited(), None)) == []


def _correction(lines, unsure=()):
    from docexam.mrz.correct import correct

    return correct([[[(ch, 0.3 if (i, j) in unsure else 1.0)] for j, ch in enumerate(line)]
                    for i, line in enumerate(lines)])


def test_a_reading_whose_checks_hold_is_not_given_up_for_one_network_s_that_breaks_one():
    together = _correction(TRUTH, unsure={(1, 20)})  # every check holds, one character unsure: not confirmed
    assert together.result.valid and not reader.trusted(together)
    broken = TRUTH[:1] + [TRUTH[1][:43] + "1"]  # one network alone, sure of every character, composite broken
    alone = _correction(broken)
    assert reader.trusted(alone) and not alone.result.valid
    assert reader._rank(alone) > reader._rank(together)  # ranked alone, the sure reading would win
    assert not reader._member_wins(alone, together, reader._rank)
    assert reader._member_wins(_correction(TRUTH), together, reader._rank)  # a confirmed one does
    garbled = _correction(broken, unsure={(1, 3), (1, 5)})
    assert reader._member_wins(alone, garbled, reader._rank)  # where nothing validated, the surer one does
    assert reader._member_wins(alone, None, reader._rank)
