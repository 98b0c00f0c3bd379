"""Screenshots of the main window in each comparison mode, for ``docs/`` and the README.

The bundled sample case (a UTO passport with a substituted photograph) is opened in a throw-away store, its MRZ
read, compared with the TD3 reference specimen, and the window is captured once per comparison mode, plus once
with the top finding selected (zoomed to it). ``make screenshots`` runs this under Xvfb (a real X server, the same
platform plugin as a desktop); it also runs headless with ``QT_QPA_PLATFORM=offscreen``, as the test suite does.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshots.py --out docs

``take_exercise`` adds the trainee's view: a pack document beside its reference, a mark drawn, the key shown after
scoring (``screenshot-exercise.png``); ``take_case`` the Case dock with a verdict, its reason and its audit entry
opened (``screenshot-case.png``); ``take_pack_dialog`` the trainer's dialog with the catalogue of designs
(``screenshot-pack-dialog.png``); ``take_references`` the reference library's browser over the window
(``screenshot-reference-library.png``) and the reference editor (``screenshot-reference-editor.png``);
``take_evidence`` the selected finding's evidence in the Findings dock and enlarged
(``screenshot-evidence.png``, ``screenshot-evidence-large.png``), and the checks the comparison performed
(``screenshot-checks.png``); ``take_language`` the main window in Azerbaijani and Russian (``screenshot-main-az.png``, ``screenshot-main-ru.png``),
with the texts a longer word left cut (``clipped_texts``); ``take_signin`` the sign-in dialog of a store with
accounts after a wrong passphrase (``screenshot-signin.png``); ``take_review_queue`` a reviewer's review queue over
the window, a returned and resubmitted case open behind it with its Review box (``screenshot-review-queue.png``).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZE = (1366, 768)  # the usual checkpoint laptop


@contextlib.contextmanager
def _window(tmp: str, size: tuple[int, int]) -> Iterator[tuple[Any, Any, Any, list[str]]]:
    """A main window over a throw-away store in ``tmp``, shown at ``size`` (not maximised, as a small screen would
    start it), the user folders inside ``tmp``: yields (app, store, window, errors shown); closes them after."""
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QApplication

    from docexam.gui.main_window import MainWindow
    from docexam.store import Store
    from docexam.workbench import Workbench

    app = QApplication.instance() or QApplication([sys.argv[0]])
    for var in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
        os.environ.setdefault(var, str(Path(tmp) / var.lower()))
    store = Store.open(Path(tmp) / "cases.db")
    window = MainWindow(Workbench(store), settings=QSettings(str(Path(tmp) / "gui.ini"), QSettings.Format.IniFormat))
    errors: list[str] = []
    window.error_shown.connect(lambda title, text: errors.append(f"{title}: {text}"))
    try:
        window.setWindowState(Qt.WindowState.WindowNoState)  # a small screen starts maximised: take this size
        window.resize(*size)
        window.show()
        yield app, store, window, errors
    finally:
        window.close()
        window.runner.wait(20_000)
        store.close()


def _settle(app: Any, window: Any, errors: list[str], deadline_s: float = 300.0) -> None:
    """Let the main window finish its work (the sample case and its reference loaded, no job running), then raise
    what went wrong on the way."""
    end = time.monotonic() + deadline_s
    while window.runner.busy or window.workbench.reference is None and not errors:
        if time.monotonic() > end:
            raise RuntimeError("the sample case did not finish loading in time")
        app.processEvents()
        time.sleep(0.01)
    for _ in range(5):
        app.processEvents()
    if errors:
        raise RuntimeError("; ".join(errors))


def take(out: Path, *, size: tuple[int, int] = SIZE, light: str = "visible") -> list[Path]:
    """Write ``screenshot-<mode>.png`` for every comparison mode and ``screenshot-finding.png`` into ``out``;
    return the paths. Raises RuntimeError when the sample case cannot be read or compared."""
    from docexam.workbench import CompareMode
    from docexam.workbench.samples import ensure_sample_case

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="docexam-shots-") as tmp, _window(tmp, size) as (app, store, window, errors):
        window.open_case(ensure_sample_case(store).id)

        def settle() -> None:
            _settle(app, window, errors)

        settle()
        window.compare_with_reference()
        settle()
        bench = window.workbench
        if bench.comparison is None:
            raise RuntimeError("the comparison gave no result")
        bench.set_light(light)
        window.docks["findings"].raise_()
        paths = []
        for mode in CompareMode:
            bench.compare.set_mode(mode)
            if mode is CompareMode.FLICKER:
                window.compare_view.flicker_timer.stop()  # a still: the questioned phase
            window._fit()
            settle()
            paths.append(_save(window, out / f"screenshot-{mode.value}.png"))
        bench.compare.set_mode(CompareMode.SIDE_BY_SIDE)
        top = max(range(len(bench.findings)), key=lambda i: bench.findings[i].score)
        bench.select_finding(top)
        settle()
        paths.append(_save(window, out / "screenshot-finding.png"))
        return paths


def take_evidence(out: Path, *, size: tuple[int, int] = SIZE) -> tuple[Path, Path, Path, list[str]]:
    """Write ``screenshot-evidence.png`` (the sample case compared side by side, its top finding selected, the
    Findings dock showing what was expected and seen and the three crops: reference | questioned | difference),
    ``screenshot-evidence-large.png`` (the crops enlarged, as a double-click opens them) and ``screenshot-checks.png``
    (the checks performed, opened from the Findings dock); return their paths and the texts shown cut (none
    expected)."""
    from docexam.workbench import CompareMode
    from docexam.workbench.samples import ensure_sample_case

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="docexam-shots-") as tmp, _window(tmp, size) as (app, store, window, errors):
        window.open_case(ensure_sample_case(store).id)
        _settle(app, window, errors)
        window.compare_with_reference()
        _settle(app, window, errors)
        bench = window.workbench
        if bench.comparison is None or not bench.findings:
            raise RuntimeError("the comparison gave no finding to show")
        bench.compare.set_mode(CompareMode.SIDE_BY_SIDE)
        window.docks["findings"].raise_()
        top = max(range(len(bench.findings)), key=lambda i: bench.findings[i].score)
        bench.select_finding(top)
        window._fit()
        _settle(app, window, errors)
        if window.findings_panel.evidence_shown() is None:
            raise RuntimeError("the selected finding shows no evidence")
        shot = _save(window, out / "screenshot-evidence.png")
        cut = clipped_texts(window)

        def over_window(dialog: Any, name: str, failure: str) -> Path:
            """``dialog`` centred over the window, saved as ``name`` with the window behind it, and closed."""
            if dialog is None:
                raise RuntimeError(failure)
            dialog.move(window.geometry().center() - dialog.rect().center())
            _settle(app, window, errors)
            path = _save_composite(window, dialog, out / name)
            dialog.close()
            return path

        large = over_window(window.findings_panel.enlarge(), "screenshot-evidence-large.png",
                            "the evidence did not open enlarged")
        # Every check the comparison ran, light by light, and what it could not check, over the window.
        listed = over_window(window.findings_panel.show_checks(), "screenshot-checks.png",
                             "the compared case lists no checks")
        return shot, large, listed, cut


def take_exercise(out: Path, *, size: tuple[int, int] = SIZE, seed: int = 9) -> Path:
    """Write ``screenshot-exercise.png``: a two-document pack opened as a trainee, a mark drawn with the mouse over
    the first alteration, the attempt scored and the key drawn. Raises RuntimeError when something fails."""
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    from docexam.workbench import training

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="docexam-shots-") as tmp:
        pack = Path(tmp) / "pack"
        training.generate(training.PackOptions(count=2, families=("td1",), difficulty="normal", seed=seed, out=pack))
        with _window(tmp, size) as (app, _store, window, errors):
            window.open_exercise(pack)
            end = time.monotonic() + 120
            while window.runner.busy and time.monotonic() < end:
                app.processEvents()
                time.sleep(0.01)
            for _ in range(5):
                app.processEvents()
            view, panel = window.exercise_view, window.exercise_panel
            if errors or view is None or panel is None or view.state.images is None:
                raise RuntimeError("; ".join(errors) or "the exercise did not open")
            key = training.answer_key(pack)[panel.document]["alterations"]
            if key:
                region = key[0]
                view.state.set_light(region.lights[0])
                for _ in range(3):
                    app.processEvents()
                x, y, w, h = region.bbox
                a, b = view.view.to_screen(x + 4, y + 3), view.view.to_screen(x + w + 6, y + h - 2)
                left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
                for kind, pos, button, buttons in ((QEvent.Type.MouseButtonPress, a, left, left),
                                                   (QEvent.Type.MouseMove, b, none, left),
                                                   (QEvent.Type.MouseButtonRelease, b, left, none)):
                    p = QPointF(*pos)
                    QApplication.sendEvent(view.canvas, QMouseEvent(kind, p, p, button, buttons,
                                                                    Qt.KeyboardModifier.NoModifier))
            panel.set_verdict("altered")
            panel.trainee.setText("A. Trainee")
            panel.submit_attempt()
            for _ in range(5):
                app.processEvents()
            if errors:
                raise RuntimeError("; ".join(errors))
            return _save(window, out / "screenshot-exercise.png")


def take_case(out: Path, *, size: tuple[int, int] = SIZE) -> Path:
    """Write ``screenshot-case.png``: the sample case with a verdict and its reason recorded, the Case dock on top,
    its newest audit entry opened to what it recorded."""
    from docexam.workbench.samples import ensure_sample_case

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="docexam-shots-") as tmp, _window(tmp, size) as (app, store, window, errors):
        window.open_case(ensure_sample_case(store).id)
        end = time.monotonic() + 120
        while window.runner.busy and not errors and time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)
        if errors:
            raise RuntimeError("; ".join(errors))
        panel = window.case_panel
        panel.verdict.setCurrentIndex(panel.verdict.findData("forged/altered"))
        panel.verdict_note.setText("photograph substituted: its edge shows in UV and the laminate is cut")
        panel.set_verdict.click()
        window.docks["case"].raise_()
        panel.tabs.setCurrentWidget(panel.audit)
        last = panel.audit.topLevelItem(panel.audit.topLevelItemCount() - 1)
        last.setExpanded(True)
        panel.audit.scrollToItem(last.child(last.childCount() - 1))
        for _ in range(10):
            app.processEvents()
        if errors:
            raise RuntimeError("; ".join(errors))
        return _save(window, out / "screenshot-case.png")


#: The accounts of the review screenshots (names invented from syllables, as every name in docexam's samples).
SHOT_PASSPHRASE = "screenshot passphrase"
SHOT_PEOPLE = (("Ada Lovan", "administrator"), ("Emin Vasor", "examiner"), ("Rena Tulap", "reviewer"))


def _accounts_store(path: Path) -> None:
    """A case store at ``path`` with the accounts of :data:`SHOT_PEOPLE`."""
    from docexam.store import Store, accounts

    with Store.open(path) as store:
        for name, role in SHOT_PEOPLE:
            accounts.add_user(store, name, role, SHOT_PASSPHRASE)


def take_signin(out: Path) -> Path:
    """Write ``screenshot-signin.png``: the sign-in dialog of a store with accounts, after a wrong passphrase (its
    message shown, the name kept for another try)."""
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from docexam.gui.signin import SignInDialog
    from docexam.store import Store
    from docexam.workbench.signoff import Signoff

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    with tempfile.TemporaryDirectory(prefix="docexam-shots-") as tmp:
        _accounts_store(Path(tmp) / "cases.db")
        with Store.open(Path(tmp) / "cases.db") as store:
            dialog = SignInDialog(Signoff(store))
            dialog.user.setCurrentText(SHOT_PEOPLE[1][0])
            dialog.passphrase.setText("not my passphrase")
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
            dialog.passphrase.setText("correct horse")
            dialog.show()
            for _ in range(10):
                app.processEvents()
            path = _save(dialog, out / "screenshot-signin.png")
            dialog.close()
            return path


def take_review_queue(out: Path, *, size: tuple[int, int] = SIZE) -> Path:
    """Write ``screenshot-review-queue.png``: a reviewer signed in, the review queue over the window (two cases of
    an examiner awaiting them, one of their own greyed with the reason), the first case open behind it: its Review
    box with the reviewer's earlier comment, returned and submitted again."""
    from PySide6.QtCore import QPoint

    from docexam.workbench.samples import ensure_sample_case

    examiner, reviewer = SHOT_PEOPLE[1][0], SHOT_PEOPLE[2][0]
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="docexam-shots-") as tmp:
        _accounts_store(Path(tmp) / "cases.db")
        with _window(tmp, size) as (app, store, window, errors):
            bench = window.workbench
            bench.signoff.sign_in(examiner, SHOT_PASSPHRASE)
            window.signed_in()
            sample = ensure_sample_case(store).id
            window.open_case(sample)
            bench.set_verdict("forged/altered", note="photograph substituted: its edge shows in UV",
                              fraud_type="forgery", confidence="highly probable")
            bench.submit_for_review()
            bench.signoff.sign_in(reviewer, SHOT_PASSPHRASE)
            bench.review_case(agree=False, comment="The UV edge could be the laminate's: compare the IR capture "
                                                    "along the photograph's left side before concluding.")
            bench.signoff.sign_in(examiner, SHOT_PASSPHRASE)
            bench.add_note("IR capture compared along the left edge: the photograph's edge is cut, not the laminate's")
            bench.submit_for_review()
            other = bench.new_case("Identity card UTO D23145890, airport").summary.id
            bench.set_verdict("counterfeit", note="offset print instead of intaglio", fraud_type="counterfeit",
                              confidence="certain")
            bench.submit_for_review()
            bench.signoff.sign_in(reviewer, SHOT_PASSPHRASE)
            own = bench.new_case("Visa UTO, seaport").summary.id
            bench.set_verdict("genuine", note="every feature present in each light")
            bench.submit_for_review()
            del other, own
            window.signed_in()
            window.open_case(sample)
            _settle(app, window, errors)
            window.docks["case"].raise_()
            dialog = window.show_review_queue()
            # Over the image, the Case dock beside it in view.
            dialog.resize(min(800, size[0] - 520), 300)
            dialog.move(window.geometry().topLeft() + QPoint(24, 150))
            for _ in range(10):
                app.processEvents()
            if errors:
                raise RuntimeError("; ".join(errors))
            return _save_composite(window, dialog, out / "screenshot-review-queue.png")


def take_pack_dialog(out: Path, *, size: tuple[int, int] = SIZE) -> Path:
    """Write ``screenshot-pack-dialog.png``: the trainer's "New exercise pack" dialog over the window at ``size``,
    three designs ticked and the catalogue searched for one state's."""
    from docexam.gui.trainer import GeneratePackDialog

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="docexam-shots-") as tmp, _window(tmp, size) as (app, _store, window, errors):
        dialog = GeneratePackDialog(window, out="~/packs/week-12", seed=4711)
        dialog.choose_designs(["CSP-TD1-3", "NVR-TD3-5", "UTO-TD3"])
        dialog.design_search.setText("caspiana")
        dialog.show()
        dialog.move(window.geometry().center() - dialog.rect().center())  # as a window manager places it
        for _ in range(10):
            app.processEvents()
        if errors:
            raise RuntimeError("; ".join(errors))
        return _save_composite(window, dialog, out / "screenshot-pack-dialog.png")


def take_references(out: Path, *, size: tuple[int, int] = SIZE) -> tuple[Path, Path]:
    """Write ``screenshot-reference-library.png`` (the library's browser over the window: the generator's references
    of three designs, marked synthetic, beside two made from genuine documents, one of them the sample case's) and
    ``screenshot-reference-editor.png`` (the editor on the sample case's reference, its MRZ region corrected and
    saved as version 2, a VIZ field selected)."""
    from docexam.paths import samples_dir
    from docexam.store.library import ReferenceLibrary
    from docexam.workbench.library import NewReference, add_synthetic, create_reference
    from docexam.workbench.samples import ensure_sample_case
    from docexam.workbench.tasks import reference_folder

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="docexam-shots-") as tmp, _window(tmp, size) as (app, store, window, errors):
        library = ReferenceLibrary(store)
        for design in ("UTO-TD3", "CSP-TD1-3", "NVR-TD3-5"):
            add_synthetic(library, reference_folder(design))
        case = ensure_sample_case(store)
        genuine = create_reference(store, NewReference("Utopia passport, 2020 series", dpi=300, series="2020"),
                                   case=case.id).summary
        create_reference(store, NewReference("Utopia identity card", dpi=300),
                         paths=[samples_dir() / "specimens" / "td1-genuine"])
        window.open_case(case.id)

        def settle() -> None:
            end = time.monotonic() + 120
            while window.runner.busy and not errors and time.monotonic() < end:
                app.processEvents()
                time.sleep(0.01)
            for _ in range(10):
                app.processEvents()
            if errors:
                raise RuntimeError("; ".join(errors))

        settle()
        dialog = window.show_reference_library()
        dialog.move(window.geometry().center() - dialog.rect().center())
        settle()
        dialog.select(genuine.uid)
        settle()
        library_shot = _save_composite(window, dialog, out / "screenshot-reference-library.png")
        dialog.close()

        editor = window.open_reference_editor(genuine.uid)
        editor.move(window.geometry().topLeft())
        settle()
        draft = editor.draft
        if draft is None:
            raise RuntimeError("the editor did not load the reference")
        x, y, w, h = draft.region("mrz").box
        draft.move("mrz", (x - 6, y - 6, w + 12, h + 12))
        editor.note.setText("MRZ box grown to its margins")
        editor.save_version()
        surname = next((r.id for r in draft.regions if r.field == "surname"), None)
        draft.select(surname)
        settle()
        editor_shot = _save(editor, out / "screenshot-reference-editor.png")
        return library_shot, editor_shot


def clipped_texts(root) -> list[str]:
    """The texts under ``root`` (a window and what it holds) shown cut: a label without word wrap, a button or a
    check box narrower than its text needs (what a longer word in another language does to a layout)."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    cut = []
    for w in [root, *root.findChildren(QLabel), *root.findChildren(QAbstractButton)]:
        if not w.isVisible() or w.visibleRegion().isEmpty():
            continue
        text = w.text().replace("&", "") if hasattr(w, "text") else ""
        if not text or "<" in text:  # rich text (its words wrap) and icon-only buttons aside
            continue
        if isinstance(w, QLabel):
            if w.wordWrap():
                continue
            need = max(w.fontMetrics().horizontalAdvance(line) for line in text.splitlines() or [""])
            if need > w.contentsRect().width() + 1:
                cut.append(f"label {text!r}: needs {need} px, has {w.contentsRect().width()}")
        elif w.sizeHint().width() > w.width() + 1:
            cut.append(f"{type(w).__name__} {text!r}: needs {w.sizeHint().width()} px, has {w.width()}")
    return cut


def take_language(out: Path, lang: str, *, size: tuple[int, int] = SIZE) -> tuple[Path, list[str]]:
    """Write ``screenshot-main-<lang>.png``: the window in ``lang`` (az, ru) with the sample case compared side by
    side, the findings listed; returns its path and the texts shown cut (none expected). The language is English
    again after."""
    from PySide6.QtWidgets import QApplication

    from docexam import i18n
    from docexam.gui import i18n as gui_i18n
    from docexam.workbench import CompareMode
    from docexam.workbench.samples import ensure_sample_case

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    gui_i18n.install(app, lang)
    i18n.set_language(lang)
    try:
        with tempfile.TemporaryDirectory(prefix="docexam-shots-") as tmp, _window(tmp, size) as (app, store, window,
                                                                                                 errors):
            window.open_case(ensure_sample_case(store).id)

            def settle() -> None:
                _settle(app, window, errors)

            settle()
            window.compare_with_reference()
            settle()
            window.workbench.compare.set_mode(CompareMode.SIDE_BY_SIDE)
            window.docks["findings"].raise_()
            window._fit()
            settle()
            return _save(window, out / f"screenshot-main-{lang}.png"), clipped_texts(window)
    finally:
        gui_i18n.install(app, "en")
        i18n.set_language(None)


def _save_composite(window, dialog, path: Path) -> Path:
    """The window with ``dialog`` drawn where it is on the screen (a grab of the window leaves its dialogs out)."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor, QPainter

    shot = window.grab()
    painter = QPainter(shot)
    offset = dialog.geometry().topLeft() - window.geometry().topLeft()
    pixmap = dialog.grab()
    painter.drawPixmap(offset, pixmap)
    painter.setPen(QColor(90, 90, 90))  # the frame a window manager would draw
    painter.drawRect(QRect(offset, pixmap.size()).adjusted(-1, -1, 0, 0))
    painter.end()
    if not shot.toImage().save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    return path


def _save(window, path: Path) -> Path:
    image = window.grab().toImage()
    if not image.save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    return path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs")
    ap.add_argument("--light", default="visible", choices=("visible", "uv", "ir"))
    args = ap.parse_args()
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")):
        print("screenshots: no display; run under xvfb-run (make screenshots) or with QT_QPA_PLATFORM=offscreen",
              file=sys.stderr)
        return 2
    for p in take(args.out, light=args.light):
        print(p)
    *shots, cut = take_evidence(args.out)
    for p in shots:
        print(f"{p}" + (f" (texts cut: {'; '.join(cut)})" if p.name == "screenshot-evidence.png" and cut else ""))
    print(take_exercise(args.out))
    print(take_case(args.out))
    print(take_pack_dialog(args.out))
    print(take_signin(args.out))
    print(take_review_queue(args.out))
    for p in take_references(args.out):
        print(p)
    for lang in ("az", "ru"):
        path, cut = take_language(args.out, lang)
        print(f"{path}" + (f" (texts cut: {'; '.join(cut)})" if cut else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
