"""Starting the workstation: ``docexam`` (no command) or ``docexam gui``."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from docexam.cli.common import EXIT_OK, EXIT_USAGE


def _no_display() -> str | None:
    """Why Qt would abort for want of a screen, before it does (it exits the process without a word of use)."""
    if sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM") \
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        return ("no display: start docexam from a desktop session, or run it headless with "
                "QT_QPA_PLATFORM=offscreen (the command-line tools need no display: see docexam --help)")
    return None


def run(args: argparse.Namespace) -> int:
    t0 = time.perf_counter()
    reason = _no_display()
    if reason:
        print(f"docexam gui: {reason}", file=sys.stderr)
        return EXIT_USAGE

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from docexam.errors import DocexamError
    from docexam.gui.main_window import MainWindow
    from docexam.store import Store
    from docexam.workbench import Workbench

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("docexam")
    app.setOrganizationName("docexam")
    # The language before the first widget: --lang, else View > Language, else $DOCEXAM_LANG and the locale.
    from PySide6.QtCore import QSettings

    from docexam import i18n
    from docexam.gui import i18n as gui_i18n

    lang = gui_i18n.install(app, gui_i18n.qt_language(QSettings("docexam", "docexam")))
    if i18n.chosen_language() is None:  # the words of the layers below (verdicts, errors) in the window's language
        i18n.set_language(lang)
    register_bundled_fonts()
    from docexam.store.accounts import PASSPHRASE_ENV, USER_ENV

    env_user = os.environ.get(USER_ENV) or ""
    try:
        if env_user and os.environ.get(PASSPHRASE_ENV) is None:
            # A name without its passphrase: the sign-in dialog asks for it, the name filled in (as the command
            # line asks on a terminal), rather than the store refusing to open.
            del os.environ[USER_ENV]
            try:
                store = Store.open(args.db)
            finally:
                os.environ[USER_ENV] = env_user
        else:
            store = Store.open(args.db)
    except DocexamError as e:
        print(f"docexam gui: {e}", file=sys.stderr)
        return EXIT_USAGE
    workbench = Workbench(store)
    # A store with accounts: who is working, before the window opens ($DOCEXAM_USER and $DOCEXAM_PASSPHRASE signed
    # them in already); cancelling the sign-in quits.
    from docexam.gui.signin import ask_sign_in

    if not ask_sign_in(workbench.signoff, user=env_user):
        store.close()
        return EXIT_OK
    window = MainWindow(workbench)
    case_id = None
    if args.sample:
        from docexam.workbench.samples import ensure_sample_case

        case_id = ensure_sample_case(store).id
    elif args.case:
        try:
            case_id = store.case(args.case).id
        except DocexamError as e:
            print(f"docexam gui: {e}", file=sys.stderr)
            return EXIT_USAGE
    window.show()
    if case_id is not None:
        window.open_case(case_id)
    shown = (time.perf_counter() - t0) * 1000
    if args.startup_time:
        print(f"window shown {shown:.0f} ms after start", file=sys.stderr)
    if args.quit_after is not None:
        QTimer.singleShot(int(args.quit_after * 1000), window.close)
    code = app.exec()
    window.runner.wait(10_000)
    store.close()
    return EXIT_OK if code == 0 else code


def register_bundled_fonts() -> list[str]:
    """Make the fonts docexam carries known to Qt, for a laptop or a pip install without Debian's font packages: the
    package's own (``docexam/fonts/``: OCR-B for the MRZ panel, DejaVu) and any in the checkpoint build's ``fonts/``
    folder; returns the families added."""
    from docexam.paths import fonts_dir, install_root

    return register_fonts(fonts_dir()) + register_fonts(install_root() / "fonts")


def register_fonts(folder: Path) -> list[str]:
    """Register with Qt every ``.otf`` and ``.ttf`` font in ``folder`` (none when it does not exist; a file Qt cannot
    read is passed over); returns the families added."""
    from PySide6.QtGui import QFontDatabase

    families = []
    for path in sorted(folder.glob("*.[ot]tf")) if folder.is_dir() else []:
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    return families
