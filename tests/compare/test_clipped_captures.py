"""Issues 19 and 20: genuine documents of other holders whose capture, or whose reference's capture, clipped white are
not alarmed for what the clipping hides (development designs at reference_bench's seed 67, bench-drawn as
bench/reference_bench.py draws them).

Before (7 December): development KST-TD1-1, a genuine document whose IR capture clipped over the upper half of its
page (the fitted gain extrapolated there, the paper 6 grey levels over a faint design's reference), alarmed over
695 mm^2; development KST-TD2-3, whose specimen's UV capture clipped its pink emblem red, alarmed under UV where
another holder's yellow-green date crosses the emblem (2 of its 3 genuine documents).
"""

from __future__ import annotations

from bench import reference_bench as rb
from docexam.compare import checks
from docexam.compare.pipeline import compare
from docexam.lights import Light
from tests.compare.bench_capture import bench_documents


def _alarms(comparison, light: str) -> list:
    return [(f.kind.value, f.light, f.bbox, round(f.score, 2)) for f in comparison.alarms if f.light == light]


def test_paper_over_exposed_past_the_extrapolated_white_is_no_difference(tmp_path, monkeypatch):
    reference, documents = bench_documents("KST-TD1-1", 67, tmp_path, 1)
    shot, alteration = documents[0]
    assert alteration is None
    comparison, _ = compare(shot, reference, today=rb.TODAY, compare_viz=False)
    assert not _alarms(comparison, Light.IR)
    # Compared up to the extrapolated white itself, the page alarms over most of its upper half.
    monkeypatch.setattr(checks, "_CLIPPED_TRUST", 1.0)
    comparison, _ = compare(shot, reference, today=rb.TODAY, compare_viz=False)
    assert any(kind == "difference" and box[2] * box[3] > 100_000 for kind, _, box, _ in _alarms(comparison, Light.IR))


def test_another_holders_fluorescent_value_over_an_emblem_the_specimen_clipped_is_no_spot(tmp_path):
    reference, documents = bench_documents("KST-TD2-3", 67, tmp_path, 3)
    for shot, alteration in (documents[0], documents[2]):
        assert alteration is None
        comparison, _ = compare(shot, reference, today=rb.TODAY, compare_viz=False)
        assert not _alarms(comparison, Light.UV)
