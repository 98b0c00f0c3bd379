"""A finding's evidence: the reference and the questioned document cropped to its box with a margin, and their
difference, kept as PNGs by SHA-256; what it expected and what it saw, as codes."""

import hashlib

import numpy as np
import pytest

from docexam.compare.evidence import EVIDENCE_SIDE, attach_evidence, decode_png, difference_image, encode_png, evidence_box, evidence_crops
from docexam.compare.result import (
    EXPECTED_SEEN,
    MEASURED,
    OBSERVATION_WORDS,
    OTHER_EXPECTED_SEEN,
    Comparison,
    Finding,
    FindingEvidence,
    FindingKind,
)


def _page(seed: int = 0, shape=(600, 900)) -> np.ndarray:
    """A light page with dark print at random."""
    rng = np.random.default_rng(seed)
    img = np.full((*shape, 3), 225, np.uint8)
    for _ in range(80):
        x, y = int(rng.integers(0, shape[1] - 40)), int(rng.integers(0, shape[0] - 12))
        img[y : y + 8, x : x + int(rng.integers(10, 40))] = rng.integers(20, 90)
    return img


def test_the_box_grows_by_a_margin_and_stays_within_the_image():
    assert evidence_box((100, 100, 200, 100), (600, 900)) == (70, 70, 260, 160)  # 15% of the longer side
    assert evidence_box((100, 100, 20, 10), (600, 900)) == (76, 76, 68, 58)  # at least 24 pixels
    assert evidence_box((0, 580, 900, 20), (600, 900)) == (0, 445, 900, 155)  # clipped at the edges


@pytest.mark.parametrize("bbox", [(10, 10, 0, 5), (10, 10, 5), (1000, 1000, 10, 10), (1.5, 2, 3, 4)])
def test_a_box_that_is_not_one_inside_the_image_is_refused(bbox):
    with pytest.raises(ValueError, match="bbox"):
        evidence_box(bbox, (600, 900))


def test_the_difference_is_dark_where_they_agree_even_a_stop_darker_and_bright_where_they_differ():
    ref = _page()
    darker = (ref.astype(np.float32) * 0.5).astype(np.uint8)  # one stop darker, nothing changed
    assert difference_image(ref, ref).max() < 20
    assert np.percentile(difference_image(ref, darker), 99) < 60
    patched = ref.copy()
    patched[200:260, 300:420] = 40  # a patch of other printing
    diff = difference_image(ref, patched).astype(np.float32).sum(axis=2)
    assert diff[215:245, 315:405].mean() > 3 * diff[:150].mean() + 100


def test_the_difference_refuses_crops_of_two_sizes():
    with pytest.raises(ValueError, match="differ in size"):
        difference_image(_page(shape=(50, 60)), _page(shape=(50, 61)))


def test_the_crops_are_one_size_small_and_show_the_box_of_each_image():
    ref = _page(1)
    questioned = ref.copy()
    questioned[100:180, 100:250] = 0
    crops = evidence_crops(ref, questioned, (100, 100, 150, 80))
    assert crops.box == (76, 76, 198, 128) and crops.scale == 1.0
    for img in crops.images().values():
        assert img.shape == (128, 198, 3) and img.dtype == np.uint8
    assert np.array_equal(crops.reference, ref[76:204, 76:274])
    assert np.array_equal(crops.questioned, questioned[76:204, 76:274])
    whole = evidence_crops(ref, questioned, (0, 0, 900, 600))  # a finding over the page: reduced
    assert max(whole.reference.shape[:2]) == EVIDENCE_SIDE and whole.scale < 1.0


def test_crops_of_an_image_not_registered_to_the_reference_are_refused():
    with pytest.raises(ValueError, match="registered"):
        evidence_crops(_page(shape=(600, 900)), _page(shape=(300, 450)), (10, 10, 50, 50))


def test_png_round_trip_is_lossless():
    img = _page(2, shape=(40, 70))
    assert np.array_equal(decode_png(encode_png(img)), img)
    with pytest.raises(ValueError):
        decode_png(b"not a png")


def test_every_finding_in_a_registered_light_gets_its_evidence_kept_by_sha256():
    ref = {"visible": _page(3), "uv": _page(4)}
    rectified = {"visible": ref["visible"].copy(), "uv": ref["uv"].copy()}
    rectified["visible"][300:350, 400:500] = 0
    findings = [Finding(FindingKind.DIFFERENCE, "visible", (400, 300, 100, 50), 0.9),
                Finding(FindingKind.UV_UNEXPECTED, "uv", (10, 10, 30, 30), 0.3),
                Finding(FindingKind.B900, "ir", (10, 10, 30, 30), 0.8)]  # a light the comparison did not register
    comparison = Comparison({}, findings, rectified, {})
    assert attach_evidence(comparison, ref) == 2
    first, second, third = comparison.findings
    assert third.evidence is None
    assert first.evidence.box == (376, 276, 148, 98)
    for f in (first, second):
        for sha in f.evidence.images.values():
            data = comparison.evidence_images[sha]
            assert hashlib.sha256(data).hexdigest() == sha
    shown = decode_png(comparison.evidence_images[first.evidence.questioned])
    assert np.array_equal(shown, rectified["visible"][276:374, 376:524])
    assert attach_evidence(comparison, ref) == 0  # made once


def test_a_finding_says_what_was_expected_and_seen_and_reads_back_from_its_dict():
    f = Finding(FindingKind.IR_DROPOUT, "ir", (1, 2, 3, 4), 0.7, "mrz", "fades")
    assert (f.expected, f.seen) == EXPECTED_SEEN[FindingKind.IR_DROPOUT] == ("ir_dark", "ir_dropout")
    given = Finding(FindingKind.MRZ_CHECK, "ir", (1, 2, 3, 4), 0.9, expected="check_digit=7", seen="check_digit=3")
    assert (given.expected, given.seen) == ("check_digit=7", "check_digit=3")
    ev = FindingEvidence((0, 0, 10, 10), "a" * 64, "b" * 64, "c" * 64)
    with_evidence = Finding(FindingKind.PORTRAIT, "uv", (5, 5, 5, 5), 0.8, "portrait", "glued", evidence=ev)
    for finding in (f, given, with_evidence):
        d = finding.to_dict()
        assert d["expected"] == finding.expected and d["seen"] == finding.seen
        assert Finding.from_dict(d) == finding
    assert with_evidence.to_dict()["evidence"] == {"box": [0, 0, 10, 10], "reference": "a" * 64,
                                                   "questioned": "b" * 64, "difference": "c" * 64}
    assert "evidence" not in f.to_dict()


def test_a_finding_stored_before_evidence_was_kept_reads_with_its_kinds_codes():
    old = {"kind": "portrait", "light": "uv", "bbox": [1, 2, 3, 4], "score": 0.8, "region": "portrait",
           "detail": "glued", "alarm": True}
    f = Finding.from_dict(old)
    assert (f.expected, f.seen, f.evidence) == ("portrait_as_printed", "portrait_differs", None)
    with pytest.raises(ValueError, match="SHA-256"):
        Finding.from_dict({**old, "evidence": {"box": [0, 0, 1, 1], "reference": "x"}})
    with pytest.raises(ValueError, match="not a comparison finding"):
        Finding.from_dict({**old, "kind": "mrz"})


def test_every_kind_has_its_expected_and_seen_codes():
    assert set(EXPECTED_SEEN) == set(FindingKind)
    for expected, seen in EXPECTED_SEEN.values():
        assert expected != seen and expected.isascii() and seen.isascii()
    valued = MEASURED  # the codes a check gives with a value (check_digit=7)
    assert {"check_digit", "mrz_value", "viz_text"} <= valued
    others = {code for pairs in OTHER_EXPECTED_SEEN.values() for pair in pairs for code in pair}
    assert {code for pair in EXPECTED_SEEN.values() for code in pair} | others | valued == set(OBSERVATION_WORDS)


def test_a_failing_check_digit_says_the_digit_expected_and_the_digit_printed(tmp_path):
    from docexam.compare.pipeline import compare
    from docexam.compare.reference import load_reference
    from docexam.specimens import FAMILIES, Kind, alter, random_specimen, render
    from docexam.specimens.capture import capture, sample_conditions
    from docexam.specimens.exercise import write_reference
    from tests.conftest import TODAY

    write_reference(tmp_path / "td2", "td2")
    spec, _ = alter(random_specimen(FAMILIES["td2"], 4, today=TODAY), Kind.MRZ_CHECK_DIGIT, seed=4)
    shot = capture({light.value: img for light, img in render(spec).items()}, sample_conditions(seed=4), seed=4)
    comparison, mrz = compare(shot.images, load_reference(tmp_path / "td2"), today=TODAY, compare_viz=False)
    checks = {c.name: c for c in mrz.reading.correction.result.checks if not c.valid}
    found = [f for f in comparison.findings if f.kind is FindingKind.MRZ_CHECK]
    assert found and checks
    for f in found:
        name, value = f.seen.split("=")
        assert name == "check_digit" and f.expected.startswith("check_digit=") and f.expected != f.seen
        assert any(c.found == value and f"check_digit={c.expected}" == f.expected for c in checks.values())


def test_an_mrz_against_viz_finding_expects_the_mrz_value():
    from docexam.compare.mrz_viz import _mrz_said
    from docexam.mrz import parse

    # Doc 9303 Part 4, Appendix A's specimen (Utopia)
    fields = parse(["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                    "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]).fields
    assert _mrz_said("birth_date", fields) == "740812"
    assert _mrz_said("number", fields) == "L898902C3"
    assert _mrz_said("sex", fields) == "F"
    assert _mrz_said("nationality", fields) == "UTO"
    assert _mrz_said("authority", fields) is None  # not in the MRZ
