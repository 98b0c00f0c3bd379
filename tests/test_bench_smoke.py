"""The benchmarks must keep running; their figures are printed by `make bench`, never timed here."""

import json
import os
import subprocess
import sys

from tests.conftest import ROOT


def run_bench(script: str, tmp_path, *, timeout: float, env: dict[str, str] | None = None):
    """Run bench/SCRIPT --quick, which must succeed; its completed process and the figures it wrote."""
    out = tmp_path / "figures.json"
    r = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), "--quick", "--json", str(out)],
        capture_output=True, text=True, timeout=timeout, cwd=ROOT, env=dict(os.environ, **(env or {})),
    )
    assert r.returncode == 0, r.stderr
    return r, json.loads(out.read_text())


def test_mrz_bench_runs_and_docexam_gets_every_verdict_right(tmp_path):
    r, fig = run_bench("mrz_parse_bench.py", tmp_path, timeout=300)
    assert "Throughput" in r.stdout and "Known reader bugs" in r.stdout
    assert fig["throughput_per_s"]["docexam"] > 0
    verdicts = fig["verdicts"]
    assert verdicts["valid synthetic MRZs, judged valid"]["docexam"] == 1.0
    assert verdicts["one digit altered, judged invalid"]["docexam"] == 1.0
    assert all(row["docexam"] == "yes" for row in fig["regressions"].values()), fig["regressions"]
    assert fig["correction"]["protected"]["docexam_with_candidates"] >= 0.95


def test_read_bench_runs_on_a_few_generated_captures(tmp_path):
    _, fig = run_bench("read_bench.py", tmp_path, timeout=600)
    syn = fig["synthetic"]["docexam ocrb"]
    assert syn["images"] == 6 and syn["valid_but_wrong"] == 0
    assert syn["exact_rate"] >= 0.5  # the easy and normal captures of the six at least
    assert fig["startup"]["docexam_read_startup_s"] > 0
    # the generated designs' captures, development and held-out side by side
    designs = fig["synthetic_designs"]
    assert set(designs) == {"development", "held-out"}
    assert all(designs[s]["docexam ocrb"]["images"] == 2 for s in designs)
    assert all(designs[s]["docexam auto"]["valid_but_wrong"] == 0 for s in designs)
    # forged MRZs (none holds as printed): Utopia's and both splits' designs, read as printed, none made to hold
    forged = fig["forged"]
    assert set(forged) == {"Utopia", "development", "held-out"}
    for split in forged.values():
        ocrb = split["docexam ocrb"]
        assert ocrb["images"] == 2 and ocrb["exact_valid_as_printed"] == "0/0"
        assert ocrb["holds_but_wrong"] == 0 and ocrb["exact"] == 2, ocrb


def test_recapture_bench_reads_degraded_corpus_images(tmp_path):
    r, fig = run_bench("recapture_bench.py", tmp_path, timeout=600)
    assert set(fig) == {"down0.6", "jpeg25", "designs down0.6", "designs jpeg25"}
    assert "passporteye" not in fig["jpeg25"]
    # the generated designs' captures, development and held-out side by side, each condition
    for condition in ("designs down0.6", "designs jpeg25"):
        assert set(fig[condition]) == {"development", "held-out"}
        for split in fig[condition].values():
            assert split["docexam ocrb"]["images"] == 2 and split["docexam ocrb"]["valid_but_wrong"] == 0
    for condition, figures in ((c, f) for c, f in fig.items() if not c.startswith("designs")):
        ocrb = figures["docexam ocrb"]
        # four images, less those whose characters the condition shrinks below 7 px (counted apart, in the title)
        assert 0 < ocrb["images"] <= 4 and ocrb["valid_but_wrong"] == 0, (condition, ocrb)
    assert fig["jpeg25"]["docexam ocrb"]["images"] == 4 and "Condition jpeg25: 4 images" in r.stdout


def test_specimen_bench_times_utopia_and_generated_designs(tmp_path):
    _, fig = run_bench("specimen_bench.py", tmp_path, timeout=300)
    assert all(fig[f]["render_ms"] > 0 for f in ("td3", "td1", "td2", "mrva"))
    splits = {r["split"] for r in fig["designs"]["per_design"].values()}
    assert splits == {"development", "held-out"} and fig["designs"]["render_max_ms"] > 0


def test_design_read_bench_reads_one_genuine_document_of_a_development_and_a_held_out_design(tmp_path):
    r, fig = run_bench("design_read_bench.py", tmp_path, timeout=300)
    assert fig["total"]["readings"] == 4  # two documents, visible and IR
    assert set(fig["per_split"]) == {"development", "held-out"}
    assert all(v["readings"] == 2 for v in fig["per_split"].values())
    assert fig["total"]["valid_but_wrong"] == 0
    assert "valid but wrong" in r.stdout


def test_store_bench_runs_and_its_stores_verify(tmp_path):
    _, fig = run_bench("store_bench.py", tmp_path, timeout=300)
    assert fig["verify"]["ok"] and fig["export"]["imported_verify_ok"] and fig["verify_after_export"]
    assert fig["export"]["imported"] == fig["export"]["cases"] > 0
    assert all(s["missed"] == [] for s in fig["search"].values()), fig["search"]


def test_compare_bench_runs_on_a_few_generated_documents(tmp_path):
    _, fig = run_bench("compare_bench.py", tmp_path, timeout=600)
    for difficulty in ("normal", "hard"):
        f = fig[difficulty]
        assert f["documents"] == 2 and not f["registration_failures"]
        assert all(e["median"] < 1.0 for e in f["residual_px"].values()), f["residual_px"]
    assert fig["total"]["found_rate"] >= 0.75
    # one development and one held-out design, each compared with its own reference, reported side by side
    designs = fig["designs"]
    assert set(designs["per_split"]) == {"development", "held-out"}
    assert all(v["documents"] == 2 for v in designs["per_split"].values())  # one per difficulty
    assert {r["documents"] for r in designs["per_design"].values()} == {2} and len(designs["per_design"]) == 2


def test_gui_bench_runs_the_examination_headless(tmp_path):
    _, fig = run_bench("gui_bench.py", tmp_path, timeout=600, env={"QT_QPA_PLATFORM": "offscreen"})
    assert len(fig["launch_s"]["all"]) == 1 and fig["launch_s"]["median"] > 0
    assert fig["open_case_ms"]["median"] > 0
    exam = fig["examination"]
    assert exam["findings"] >= 1 and exam["report_bytes"] > 10_000
    assert set(exam["blocks_ms"]) >= {"verdict", "PDF report (in a worker)"}


def test_store_lock_bench_runs_and_reports_the_second_writers_wait(tmp_path):
    r, fig = run_bench("store_lock_bench.py", tmp_path, timeout=300)
    assert fig["runs"] == 1 and fig["decode_s"] > 0 and fig["second_writer_wait_s"] > 0
    assert "second writer's wait" in r.stdout


def test_annotate_bench_runs_on_a_design_of_each_split_and_a_few_real_images(tmp_path):
    r, fig = run_bench("annotate_bench.py", tmp_path, timeout=600)
    assert "per role" in r.stdout and "real documents" in r.stdout
    for split in ("development", "held-out"):
        roles = fig["generated"][split]["roles"]
        assert roles["mrz"]["recall"] == 1.0 and roles["portrait"]["recall"] == 1.0, roles
        assert fig["generated"][split]["time_s"]["median"] > 0
    assert fig["real"]["images"] >= 3 and fig["real"]["mrz"] == fig["real"]["images"]


def test_reference_bench_runs_a_design_of_each_split_and_a_real_specimen(tmp_path):
    r, fig = run_bench("reference_bench.py", tmp_path, timeout=600)
    assert "development against held-out" in r.stdout and "ROC" in r.stdout
    gen = fig["generated"]
    assert set(gen["per_split"]) == {"development", "held-out"}
    for split in gen["per_split"].values():
        s = split["one specimen"]
        assert s["genuine"] == 1 and s["alterations"] == 1 and len(s["roc"]) == 7
    assert all(t > 0 for t in gen["creation_s"]["one specimen"])
    assert all(t["library"]["compare_ms"] > 0 and t["folder"]["compare_ms"] > 0 for t in gen["timing"].values())
    real = fig["real"]
    assert len(real["images"]) == 1 and real["summary"]["one specimen"]["genuine"] == 1
    assert real["summary"]["one specimen"]["alterations"] == 1  # --real-altered 1


def test_sign_bench_times_signing_and_verifying(tmp_path):
    r, fig = run_bench("sign_bench.py", tmp_path, timeout=600)
    assert "Per audit entry" in r.stdout
    assert fig["entry"]["sign_us"] > 0 and fig["entry"]["verify_us"] > 0
    assert fig["bundle"]["cases"] == 50 and fig["bundle"]["entries"] == 200
    assert set(fig["store"]) == {"unsigned", "signed"}


def test_report_sign_bench_signs_and_checks_reports(tmp_path):
    r, fig = run_bench("report_sign_bench.py", tmp_path, timeout=600)
    assert "signed inside the PDF" in r.stdout and fig["reports"] == 2
    assert all(v > 0 for v in fig["median"].values()) and fig["import_pyhanko_s"] > 0


def test_name_check_bench_checks_national_names_printed_and_read(tmp_path):
    r, fig = run_bench("name_check_bench.py", tmp_path, timeout=600)
    truth = fig["passes"]["truth"]
    for split in ("development", "held-out"):
        counts = truth[split]["counts"]
        # the rules on the printed text: every genuine name accepted, every changed letter flagged where it is
        assert counts["accepted"] == counts["flagged"] == counts["located"] == truth[split]["n"] > 0
        assert counts["spellings_accepted"] == counts["spellings"] > 0
        assert fig["passes"]["ocr"][split]["n"] == truth[split]["n"]
    assert "VIZ read with the state's language models" in r.stdout
