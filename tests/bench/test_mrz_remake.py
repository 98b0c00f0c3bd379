"""bench/mrz_remake.py: an MRZ re-made with new data and valid check digits, printed over a genuine document by code
that knows nothing of the checks (issue 20)."""

import datetime as dt
import random

import numpy as np
import pytest

from bench import mrz_remake as mr
from bench import simulate as sim
from docexam.mrz import parse
from docexam.specimens import random_specimen, render
from docexam.specimens.designs import design
from tests.bench import checks_imported_by

TODAY = dt.date(2026, 11, 28)


def test_the_remake_imports_nothing_of_the_checks_or_the_annotation():
    code = ("import sys, random, datetime as dt; from bench import mrz_remake as mr, simulate as sim;"
            "from docexam.specimens import random_specimen, render; from docexam.specimens.designs import design;"
            "s = random_specimen(design('UTO-TD2'), 1, today=dt.date(2026, 11, 28));"
            "imgs = {str(k): v for k, v in render(s, dpi=150).items()};"
            "new = mr.remake_text(s.mrz, random.Random(1), field='document_number')[0];"
            "lay = sim.generated_layout(s.family, dpi=150, mrz_lines=len(s.mrz), chars=len(s.mrz[0]));"
            "mr.remake_images(imgs, lay, tuple(s.mrz), new, random.Random(2))")
    assert checks_imported_by(code) == []


@pytest.mark.parametrize("field", mr.FIELDS)
def test_each_field_is_remade_with_valid_check_digits(field):
    lines = random_specimen(design("UTO-TD3"), 7, today=TODAY).mrz
    new, changed, old, value = mr.remake_text(lines, random.Random(field), field=field)
    before, after = parse(list(lines)), parse(list(new))
    assert after.valid and changed == field and old != value
    compared = ("birth_date", "expiry_date", "document_number", "surname", "given_names", "sex", "nationality")
    differing = {k for k in compared if getattr(after.fields, k) != getattr(before.fields, k)}
    assert differing == {field}  # that field alone, its check digits recomputed

def test_the_remade_lines_are_printed_in_visible_light_and_ir_over_the_changed_characters():
    s = random_specimen(design("UTO-TD1"), 5, today=TODAY)
    imgs = {str(k): v for k, v in render(s, dpi=200).items()}
    new = mr.remake_text(s.mrz, random.Random(3), field="birth_date")[0]
    layout = sim.generated_layout(s.family, dpi=200, mrz_lines=len(s.mrz), chars=len(s.mrz[0]))
    out, alteration = mr.remake_images(imgs, layout, tuple(s.mrz), new, random.Random(4))
    assert alteration.kind == "mrz_remade" and {"visible", "ir"} <= set(alteration.lights)
    x, y, w, h = alteration.box
    for light in ("visible", "ir"):
        assert np.abs(out[light][y : y + h, x : x + w].astype(int) - imgs[light][y : y + h, x : x + w]).max() > 60
    line = layout.mrz_lines[0][0]  # the first line of a TD1 holds no date of birth: left as it was
    assert np.array_equal(out["visible"][line[1] : line[1] + line[3]], imgs["visible"][line[1] : line[1] + line[3]])
