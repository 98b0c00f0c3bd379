"""The workstation on a real X server at 1366x768, the usual checkpoint laptop (Xvfb and Qt's xcb platform, not the
offscreen plugin the rest of the suite uses): the window and every dock within the screen on first start, after a
comparison and with the exercise open, and again after a restart; the heat map's legend; the trainee's whole path
(each document shown aligned with its reference, a mark drawn with the mouse, answered documents ticked, the key
drawn after scoring). ``make test`` installs Xvfb (the Makefile's SCREENSHOT_APT_PACKAGES)."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SESSION = Path(__file__).with_name("xvfb_session.py")
SCREEN = (1366, 768)


@pytest.fixture(scope="module")
def seen(tmp_path_factory):
    if shutil.which("xvfb-run") is None:
        pytest.fail("xvfb-run is missing: `make test` installs it (apt-get install xvfb xauth and Qt's xcb libraries)")
    out = tmp_path_factory.mktemp("xvfb")
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    env["PYTHONPATH"] = os.pathsep.join([str(SESSION.parents[2]), env.get("PYTHONPATH", "")])
    env["XDG_CONFIG_HOME"] = str(out / "config")
    run = subprocess.run(["xvfb-run", "-a", "-s", f"-screen 0 {SCREEN[0]}x{SCREEN[1]}x24 -dpi 96",
                          sys.executable, str(SESSION), str(out)], env=env, capture_output=True, text=True,
                         timeout=900)
    lines = [ln for ln in run.stdout.splitlines() if ln.startswith("XVFB-SESSION ")]
    assert run.returncode == 0 and lines, f"the session failed ({run.returncode}):\n{run.stdout}\n{run.stderr}"
    return json.loads(lines[-1].removeprefix("XVFB-SESSION ")) | {"out": str(out)}


def inside(inner, outer):
    x, y, w, h = inner
    ox, oy, ow, oh = outer
    return ox <= x and oy <= y and x + w <= ox + ow and y + h <= oy + oh


def test_it_runs_on_a_real_x_server_without_errors(seen):
    assert seen["platform"] == "xcb" and seen["errors"] == []


@pytest.mark.parametrize("moment", ["first_start", "compared", "exercise", "restarted_fit"])
def test_the_window_and_every_dock_shown_fit_the_laptops_screen(seen, moment):
    fit = seen[moment]
    assert fit["available"][2:] == list(SCREEN) or fit["available"][2] <= SCREEN[0]
    assert inside(fit["frame"], fit["available"]), fit
    assert fit["docks"], "no dock is shown"
    for name, dock in fit["docks"].items():
        assert inside(dock, fit["available"]), (name, dock)
    width, height = fit["image_area"]
    assert width >= 0.55 * SCREEN[0] and height >= 0.75 * SCREEN[1]  # the image keeps most of a small screen


def test_the_first_start_fills_the_small_screen_and_a_restart_keeps_the_window(seen):
    assert seen["first_start"]["frame"] == seen["first_start"]["available"]
    assert inside(seen["restarted"]["restored"], seen["restarted_fit"]["available"])


def test_the_examiner_sees_what_the_comparison_checked_and_opens_the_list_within_the_screen(seen):
    c = seen["checks"]
    assert c["summary_shown"] and c["button_shown"] and "check(s) passed" in c["summary"]
    assert inside(c["frame"], seen["compared"]["available"]) and c["close_on_screen"] and c["closed"]
    lights = {row[0] for row in c["rows"]}
    assert {"visible", "UV", "IR"} <= lights  # the sample is compared in the three lights, each with its checks
    assert any(row[2] == "passed" for row in c["rows"]) and any(row[2] == "registered" for row in c["rows"])
    assert c["rows_visible"] >= 8  # enough of the list to read without scrolling at every line


def test_the_heat_map_has_its_legend_and_says_nothing_is_above_the_threshold(seen):
    heat = seen["heatmap"]
    assert heat["legend"] is not None and inside([round(v) for v in heat["legend"]], [0, 0, *heat["canvas"]])
    assert "No difference above the threshold" in heat["message"] and heat["summary"].endswith("none above 0.50")


def test_the_trainee_sees_each_document_draws_a_mark_and_sees_the_key(seen):
    t = seen["trainee"]
    assert [d["document"] for d in t["documents"]] == ["doc-0001", "doc-0002", "doc-0001"]
    assert all(d["shown"] and d["aligned"] and d["reference"] and d["image"] for d in t["documents"])
    assert len(t["marks"]) == 1
    mark, key = t["marks"][0]["bbox"], t["key_region"]
    assert all(abs(a - b) <= 8 for a, b in zip(mark, key))  # drawn with the mouse over the key's region
    assert t["ticked"] == ["doc-0001"] and t["found"] == 1 and t["key_shown"] == [key]
    assert t["submit_on_screen"]


def test_loupe_and_ruler_keys_work_without_clicking_the_image_but_not_while_typing(seen):
    keys = seen["keys"]
    assert keys["loupe_from_panel"] and keys["loupe_off_again"]
    assert keys["typed"] == "lr" and not keys["loupe_after_typing"] and not keys["ruler_after_typing"]
    assert inside(keys["shortcuts_dialog"], seen["compared"]["available"])


def test_the_trainers_dialog_with_the_catalogue_of_designs_fits_the_screen(seen):
    d = seen["pack_dialog"]
    assert d["choice"] == "chosen" and d["chosen"] == ["UTO-TD3", "CSP-TD1-3", "NVR-TD3-5"]
    assert inside(d["frame"], seen["compared"]["available"]) and d["generate_on_screen"]
    assert d["rows_visible"] >= 8  # the searchable list shows enough designs to choose among


def test_the_reference_library_and_editor_fit_the_screen_with_their_controls_on_it(seen):
    avail = seen["compared"]["available"]
    library, editor = seen["library"], seen["editor"]
    assert inside(library["frame"], avail) and library["buttons_on_screen"]
    assert library["rows"] == 2 and library["thumbnails"] == 2
    assert inside(editor["frame"], avail) and editor["widgets_on_screen"] and editor["regions"] >= 5
    width, height = editor["view"]
    assert width >= 0.55 * avail[2] and height >= 0.7 * avail[3]  # the specimen keeps most of the screen
