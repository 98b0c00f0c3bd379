"""The MRZ printed in every position: a character erased or covered leaves a blank the specimen's line has not; other
holders' documents, soft, compressed or printed a little shifted, leave none."""

import cv2
import numpy as np
import pytest

from docexam.compare.checks import run_checks
from docexam.compare.mrz_print import line_ink, missing_print, mrz_print_findings
from docexam.compare.performed import CHECKS
from docexam.compare.reference import Reference
from docexam.compare.result import ALARM, FindingKind
from docexam.specimens import FAMILIES, random_specimen, render
from docexam.specimens.exercise import reference_specimen
from tests.conftest import TODAY

DPI = 150
PITCH = DPI / 10  # Doc 9303 Part 3, 4.4: 2.54 mm


def _reference(name: str) -> Reference:
    fam = FAMILIES[name]
    spec = reference_specimen(name)
    images = {light.value: img for light, img in render(spec, dpi=DPI).items()}
    regions = {"portrait": fam.portrait.px(DPI), "mrz": fam.mrz_box(len(spec.mrz)).px(DPI)}
    regions |= {f"viz:{f.key}": f.value_box().px(DPI) for f in fam.fields}
    return Reference(images, regions, frozenset(["mrz"]), float(DPI), name)


@pytest.fixture(scope="module")
def references() -> dict[str, Reference]:
    return {name: _reference(name) for name in ("td3", "td1")}


def _document(name: str, seed: int) -> dict[str, np.ndarray]:
    return {light.value: img for light, img in render(random_specimen(FAMILIES[name], seed, today=TODAY), dpi=DPI).items()}


def _lines(reference: Reference, images: dict[str, np.ndarray]):
    grey = cv2.cvtColor(images["visible"], cv2.COLOR_RGB2GRAY)
    n = 3 if reference.family == "td1" else 2
    return line_ink(grey, box=reference.regions["mrz"], n_lines=n, pitch_px=PITCH)


def _cover(images: dict[str, np.ndarray], reference: Reference, line: int, x0: int, x1: int,
           level: int | None = None) -> dict[str, np.ndarray]:
    """Paper (the paper's own colour, or ``level``) stuck over columns x0..x1 of an MRZ line's rows, as a patch or
    an erasure leaves them."""
    ink = _lines(reference, images)[line]
    out = images["visible"].copy()
    a, b = ink.band
    paper = np.percentile(out[a - 20 : a - 8, x0:x1].reshape(-1, 3), 90, axis=0) if level is None else level
    out[a - 2 : b + 2, x0:x1] = paper
    return dict(images, visible=out)


def _mrz_findings(findings):
    return [f for f in findings if f.kind is FindingKind.DIFFERENCE and f.region == "mrz"]


@pytest.mark.parametrize("name", ["td3", "td1"])
def test_every_line_of_a_genuine_mrz_is_printed_from_end_to_end(references, name):
    ref = references[name]
    lines = _lines(ref, ref.images)
    assert len(lines) == (3 if name == "td1" else 2)
    length = 30 if name == "td1" else 44
    for line in lines:
        # the first character's left edge to the last's right edge: a little under the line's positions
        assert length - 1.5 <= (line.last - line.first) / PITCH <= length
        assert all(b - a < 0.85 * PITCH for a, b in line.gaps)


@pytest.mark.parametrize("name", ["td3", "td1"])
@pytest.mark.parametrize("capture", ["sharp", "soft", "jpeg", "shifted"])
def test_other_holders_documents_soft_compressed_or_printed_shifted_leave_no_blank(references, name, capture):
    ref = references[name]
    for seed in (3, 11):
        images = _document(name, seed)
        vis = images["visible"]
        if capture == "soft":
            vis = cv2.GaussianBlur(vis, (0, 0), 1.2)
        elif capture == "jpeg":
            ok, buf = cv2.imencode(".jpg", vis, [cv2.IMWRITE_JPEG_QUALITY, 35])
            vis = cv2.imdecode(buf, cv2.IMREAD_UNCHANGED)
        elif capture == "shifted":  # the personalisation printed 0.7 mm right and 0.3 mm down of the specimen's
            x, y, w, h = ref.regions["mrz"]
            vis = vis.copy()
            vis[y + 2 : y + h, x + 4 : x + w] = images["visible"][y : y + h - 2, x : x + w - 4]
        images = dict(images, visible=vis)
        assert mrz_print_findings(images, ref) == [], (capture, seed)


def test_a_character_covered_with_paper_is_an_alarm_over_its_place(references):
    ref = references["td3"]
    images = _document("td3", 5)
    line = _lines(ref, images)[1]
    x0 = int(line.first + 20 * PITCH)  # position 21 of line 2 and a little of its neighbours
    covered = _cover(images, ref, 1, x0, x0 + int(PITCH))
    found = mrz_print_findings(covered, ref)
    assert len(found) == 1 and found[0].score >= ALARM
    x, y, w, h = found[0].bbox
    assert x <= x0 + 2 and x + w >= x0 + PITCH - 2 and y <= line.band[0] + 2
    assert found[0].said.code == "mrz_print_missing" and found[0].said.args["line"] == 2
    # the same through the whole comparison, in its own check
    findings, _ = run_checks(covered, ref)
    assert [f.score >= ALARM for f in _mrz_findings(findings)] == [True]


def test_the_end_of_a_line_cut_off_is_an_alarm_though_no_blank_lies_between_characters(references):
    ref = references["td1"]
    images = _document("td1", 7)
    line = _lines(ref, images)[0]
    covered = _cover(images, ref, 0, int(line.last - 3 * PITCH + 4), line.last + 4)
    q = _lines(ref, covered)[0]
    assert all(b - a < 0.85 * PITCH for a, b in q.gaps)  # nothing blank inside what is left
    found = mrz_print_findings(covered, ref)
    assert len(found) == 1 and found[0].score >= ALARM and found[0].said.args["line"] == 1
    assert found[0].said.args["positions"] >= 2.5


def test_glare_washing_characters_out_is_not_called_an_erasure(references):
    ref = references["td3"]
    images = _document("td3", 5)
    line = _lines(ref, images)[1]
    x0 = int(line.first + 10 * PITCH)
    glare = _cover(images, ref, 1, x0, x0 + 2 * int(PITCH), level=255)
    assert missing_print(_lines(ref, glare), _lines(ref, ref.images), pitch_px=PITCH)  # the blank is measured
    assert mrz_print_findings(glare, ref) == []  # but clipped white is not paper


def test_the_specimens_own_blank_is_no_finding(references):
    """A position the design leaves blank on the specimen itself (a national layout) is left blank on every one of
    its documents: not evidence."""
    ref = references["td3"]
    line = _lines(ref, ref.images)[1]
    x0 = int(line.first + 30 * PITCH)
    specimen = _cover(ref.images, ref, 1, x0, x0 + int(PITCH))
    odd = Reference(specimen, ref.regions, ref.ir_absorbing, ref.dpi, ref.family)
    document = _cover(_document("td3", 9), ref, 1, x0, x0 + int(PITCH))
    assert mrz_print_findings(document, odd) == []
    assert mrz_print_findings(document, ref)[0].score >= ALARM


def test_line_ink_says_what_it_cannot_measure():
    grey = np.full((100, 400), 200, np.uint8)
    with pytest.raises(ValueError, match="2-D"):
        line_ink(np.zeros((10, 10, 3), np.uint8), box=(0, 0, 10, 10), n_lines=2, pitch_px=10)
    with pytest.raises(ValueError, match="2 or 3 lines"):
        line_ink(grey, box=(0, 0, 100, 50), n_lines=4, pitch_px=10)
    with pytest.raises(ValueError, match="too small"):
        line_ink(grey, box=(0, 0, 100, 50), n_lines=2, pitch_px=1)
    with pytest.raises(ValueError, match="outside"):
        line_ink(grey, box=(500, 0, 100, 50), n_lines=2, pitch_px=10)
    assert line_ink(grey, box=(0, 0, 300, 60), n_lines=2, pitch_px=10) == []  # plain paper: no print to measure


def test_a_loose_mrz_region_taking_in_the_viz_above_is_measured_on_the_mrzs_own_lines(references):
    ref = references["td3"]
    x, y, w, h = ref.regions["mrz"]
    up = int(9 * DPI / 25.4)  # 9 mm more above: a line of the VIZ's print in the region
    loose = Reference(ref.images, dict(ref.regions, mrz=(x, y - up, w, h + up)), ref.ir_absorbing, ref.dpi, None)
    assert mrz_print_findings(_document("td3", 3), loose) == []
    images = _document("td3", 5)
    line = _lines(ref, images)[1]
    x0 = int(line.first + 20 * PITCH)
    found = mrz_print_findings(_cover(images, ref, 1, x0, x0 + int(PITCH)), loose)
    assert len(found) == 1 and found[0].score >= ALARM and found[0].said.args["line"] == 2


def test_a_reference_whose_resolution_is_not_its_captures_judges_nothing(references):
    """Lines that do not run over an MRZ's length at the pitch the stated resolution gives are not an MRZ measured
    right: nothing is judged against them, rather than blanks read at the wrong scale."""
    ref = references["td3"]
    wrong = Reference(ref.images, ref.regions, ref.ir_absorbing, ref.dpi * 1.12, ref.family)
    images = _document("td3", 5)
    line = _lines(ref, images)[1]
    x0 = int(line.first + 20 * PITCH)
    assert mrz_print_findings(_cover(images, ref, 1, x0, x0 + 2 * int(PITCH)), wrong) == []


def test_the_list_of_checks_names_the_mrz_print_check_only_where_it_judges(references):
    """A reference whose MRZ lines cannot be measured (here: a resolution that is not its capture's) is not judged,
    and the report's list of checks does not say it was."""
    check = next(c for c in CHECKS if c.code == "visible:mrz_print")
    ref = references["td1"]
    wrong = Reference(ref.images, ref.regions, ref.ir_absorbing, ref.dpi * 1.12, ref.family)
    lights = frozenset({"visible"})
    assert check.runs(lights, ref) and not check.runs(lights, wrong)
    assert not check.runs(frozenset({"uv"}), ref)


def test_the_mrz_cells_of_findings_sit_on_the_lines_where_the_specimen_prints_them(references):
    """Real passports print their two MRZ lines a quarter inch apart, not the sixth of an inch of Doc 9303 Part 3, 4.10's
    six lines to the inch: the boxes of the MRZ's findings (a failing check digit, a field against the VIZ) follow the
    specimen's own lines."""
    from docexam.compare.mrz_viz import _cell_boxes
    from docexam.mrz.formats import MRZFormat

    ref = references["td3"]
    lines = _lines(ref, ref.images)
    x, y, w, h = ref.regions["mrz"]
    apart = int(round(DPI / 4 - (lines[1].centre - lines[0].centre)))  # line 2 moved down to a quarter inch
    vis = ref.images["visible"].copy()
    a, b = lines[1].band
    moved = vis[a - 2 : b + 2, x : x + w].copy()
    vis[a - 2 : b + 2, x : x + w] = np.percentile(vis[y - 10 : y - 4, x : x + w].reshape(-1, 3), 90, axis=0)
    vis[a - 2 + apart : b + 2 + apart, x : x + w] = moved
    wide = Reference(dict(ref.images, visible=vis), dict(ref.regions, mrz=(x, y, w, h + apart)), ref.ir_absorbing,
                     ref.dpi, ref.family)
    spaced = _lines(wide, wide.images)
    assert abs((spaced[1].centre - spaced[0].centre) - DPI / 4) <= 2
    cells = _cell_boxes(wide, MRZFormat.TD3, 2)
    for line, ink in enumerate(spaced):
        cx, cy, cw, ch = cells[line * 44 + 10]
        assert abs(cy + ch / 2 - ink.centre) <= 1.5, (line, cy + ch / 2, ink.centre)
