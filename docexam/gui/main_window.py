"""The examiner's main window: the case browser, the comparison view, the MRZ, findings and case panels, and the
jobs that feed them. Everything it shows lives in a :class:`~docexam.workbench.Workbench`; this module wires
widgets to it and runs long work in :class:`~docexam.gui.workers.JobRunner` threads."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from psygnal import EmissionInfo
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, QObject, QPoint, QRect, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QDoubleSpinBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QScrollArea,
    QSlider,
    QStackedWidget,
    QToolButton,
)

from docexam import i18n
from docexam.gui import i18n as gui_i18n
from docexam.gui.adjust_panel import AdjustPanel
from docexam.gui.case_browser import CaseBrowser
from docexam.gui.case_panel import CasePanel, FitScrollArea
from docexam.gui.compare_view import CompareView
from docexam.gui.dialogs import open_warning
from docexam.gui.findings_panel import FindingsPanel
from docexam.gui.i18n import light_label
from docexam.gui.mrz_panel import MrzPanel
from docexam.gui.reference_picker import ReferencePicker
from docexam.gui.review_view import ReviewQueueDialog, blocked_text
from docexam.gui.signin import ask_sign_in, role_word
from docexam.gui.workers import Job, JobRunner
from docexam.imageio import IMAGE_SUFFIXES
from docexam.lights import LIGHTS, Light, light_from_name
from docexam.store.accounts import Permission
from docexam.workbench.comparison import CompareMode
from docexam.workbench.signoff import Blocked
from docexam.workbench.state import Workbench
from docexam.workbench.tasks import FolderWatcher, compare_case, import_capture, reference_folder

#: The comparison modes' labels, translated where shown (context "MainWindow").
MODE_LABELS = {
    CompareMode.SINGLE: QT_TRANSLATE_NOOP("MainWindow", "Questioned"),
    CompareMode.SIDE_BY_SIDE: QT_TRANSLATE_NOOP("MainWindow", "Side by side"),
    CompareMode.OVERLAY: QT_TRANSLATE_NOOP("MainWindow", "Overlay"),
    CompareMode.SWIPE: QT_TRANSLATE_NOOP("MainWindow", "Swipe"),
    CompareMode.FLICKER: QT_TRANSLATE_NOOP("MainWindow", "Flicker"),
    CompareMode.HEATMAP: QT_TRANSLATE_NOOP("MainWindow", "Heat map"),
}
MAX_RECENT = 8
#: The image's own keys and mouse gestures (the canvas's; listed in Help > Keyboard shortcuts).
IMAGE_KEYS = (
    (QT_TRANSLATE_NOOP("MainWindow", "Zoom about the pointer"), QT_TRANSLATE_NOOP("MainWindow", "Wheel")),
    (QT_TRANSLATE_NOOP("MainWindow", "Pan"), QT_TRANSLATE_NOOP("MainWindow", "Drag, arrows")),
    (QT_TRANSLATE_NOOP("MainWindow", "Zoom in / out"), "+ / -"),
    (QT_TRANSLATE_NOOP("MainWindow", "Fit"), QT_TRANSLATE_NOOP("MainWindow", "0, double click")),
    (QT_TRANSLATE_NOOP("MainWindow", "Actual pixels"), "1"),
    (QT_TRANSLATE_NOOP("MainWindow", "Measure once"), QT_TRANSLATE_NOOP("MainWindow", "Shift+drag")),
    (QT_TRANSLATE_NOOP("MainWindow", "Clear the measurement"), "Esc"),
    (QT_TRANSLATE_NOOP("MainWindow", "Mark a region (exercise, Draw marks on)"),
     QT_TRANSLATE_NOOP("MainWindow", "Drag on the questioned image")),
)
#: Below this available screen width (a checkpoint laptop: 1366 or 1280 px) the window starts maximised and the
#: docks share one column of tabs beside the image; above it, the window starts at FIRST_SIZE with docks either side.
SMALL_SCREEN_WIDTH = 1600
FIRST_SIZE = (1400, 900)


class MainWindow(QMainWindow):
    """The workstation. ``error_shown(title, text)`` is emitted with every error dialog (tests listen to it)."""

    error_shown = Signal(str, str)

    def __init__(self, workbench: Workbench, *, settings: QSettings | None = None, today: dt.date | None = None) -> None:
        super().__init__()
        self.workbench = workbench
        self.store = workbench.store
        self.settings = settings if settings is not None else QSettings("docexam", "docexam")
        self.today = today
        self.runner = JobRunner(self)
        self.watcher: FolderWatcher | None = None
        self.last_error: tuple[str, str] | None = None
        self.setWindowTitle("docexam")
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        self.setDockNestingEnabled(True)

        self.compare_view = CompareView(workbench)
        # The centre shows the open case, or the exercise document a trainee chose (_show_exercise_document).
        self.centre = QStackedWidget()
        self.centre.addWidget(self.compare_view)
        self.setCentralWidget(self.centre)
        self.exercise_view = None
        self.exercise_panel = None
        self._exercise_images: dict = {}  # (pack, document) -> DocumentImages, the last few opened
        self.browser = CaseBrowser(self.store)
        self.mrz_panel = MrzPanel(workbench)
        self.reference_picker = ReferencePicker()
        self.mrz_panel.add_section(self.reference_picker)
        self.library_dialog = None
        self.review_queue_dialog: ReviewQueueDialog | None = None
        self.reference_editors: dict = {}
        self.findings_panel = FindingsPanel(workbench)
        self.case_panel = CasePanel(workbench)
        self.adjust_panel = AdjustPanel(workbench.adjust)
        # The case panel (verdict, review, notes, captures, audit trail) scrolls rather than make the window taller
        # than a laptop's screen.
        self.case_scroll = FitScrollArea(self.case_panel)
        self.case_scroll.setObjectName("caseScroll")
        self.docks = {}
        for name, title, widget, area in (
            ("cases", self.tr("Cases"), self.browser, Qt.DockWidgetArea.LeftDockWidgetArea),
            ("case", self.tr("Case"), self.case_scroll, Qt.DockWidgetArea.LeftDockWidgetArea),
            ("mrz", self.tr("MRZ"), self.mrz_panel, Qt.DockWidgetArea.RightDockWidgetArea),
            ("findings", self.tr("Findings"), self.findings_panel, Qt.DockWidgetArea.RightDockWidgetArea),
            ("view", self.tr("Image adjustments"), self.adjust_panel, Qt.DockWidgetArea.RightDockWidgetArea),
        ):
            dock = QDockWidget(title, self)
            dock.setObjectName(f"dock-{name}")
            dock.setWidget(widget)
            self.addDockWidget(area, dock)
            self.docks[name] = dock
        self.tabifyDockWidget(self.docks["cases"], self.docks["case"])
        self.docks["cases"].raise_()

        self._build_status_bar()
        self._build_actions()
        self._build_menus_and_toolbars()

        self.browser.case_activated.connect(self.open_case)
        self.browser.new_case_requested.connect(self.new_case_dialog)
        self.case_panel.error.connect(lambda text: self.show_error(self.tr("Case"), text))
        self.case_panel.review_box.changed.connect(self._review_step_taken)
        workbench.events.case.connect(self._case_changed)
        workbench.events.light.connect(self._light_changed)
        workbench.events.reference.connect(self._reference_changed)
        workbench.compare.events.connect(self._compare_changed)
        self.mrz_panel.viz_confirmed.connect(self._record_viz)
        self.reference_picker.use_requested.connect(self.use_library_reference)
        self.reference_picker.library_requested.connect(self.show_reference_library)
        self.runner.busy_changed.connect(self._busy_changed)
        self.runner.job_started.connect(self._track)

        self._watch_timer = QTimer(self, interval=1000)
        self._watch_timer.timeout.connect(self._poll_watched_folder)
        self.browser.refresh()
        self._update_actions()
        self.propose_reference()
        self._restore_layout()

    # --- construction -------------------------------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.job_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setMaximumWidth(220)
        self.cancel_button = QToolButton(text=self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Cancel the running work (nothing half-done is stored)"))
        self.cancel_button.clicked.connect(self.runner.cancel_all)
        for w in (self.job_label, self.progress, self.cancel_button):
            bar.addPermanentWidget(w)
            w.hide()
        # Who is signed in (a store with accounts): everything the window records is theirs.
        self.user_label = QLabel()
        self.user_label.setObjectName("signedInUser")
        bar.addPermanentWidget(self.user_label)
        self._show_user()

    def _action(self, text: str, slot, shortcut=None, *, tip: str = "", checkable: bool = False) -> QAction:
        a = QAction(text, self)
        plain = text.replace("&", "").replace("…", "")
        if shortcut is not None:
            a.setShortcut(QKeySequence(shortcut))
            # A toolbar button names its key too (the menus show it beside the text).
            keys = a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            a.setToolTip(self.tr("{action} ({keys})").format(action=plain, keys=keys) if keys and f"({keys})" not in (tip or plain) else tip or plain)
        a.setStatusTip(tip or text.replace("…", ""))
        a.setCheckable(checkable)
        if slot is not None:
            a.triggered.connect(slot)
        return a

    def _build_actions(self) -> None:
        K = QKeySequence.StandardKey
        self.act_new = self._action(self.tr("&New case…"), self.new_case_dialog, K.New)
        self.act_open = self._action(self.tr("&Find case…"), self._focus_browser, K.Find)
        self.act_import = self._action(self.tr("&Import captures…"), self.import_dialog, "Ctrl+I",
                                       tip=self.tr("Add scans or photos of the questioned document to the case"))
        self.act_watch = self._action(self.tr("&Watch scanner folder…"), self.watch_dialog, checkable=True,
                                      tip=self.tr("New images saved by the scanner into a folder are imported into the open case"))
        self.act_report = self._action(self.tr("Export PDF &report…"), self.report_dialog, "Ctrl+P")
        self.act_export = self._action(self.tr("&Export cases to a bundle…"), self.export_dialog, "Ctrl+E")
        self.act_export_today = self._action(self.tr("Export &today's cases…"), self.export_today_dialog,
                                             tip=self.tr("Every case changed today, in one bundle for the centre"))
        self.act_import_bundle = self._action(self.tr("Import a &bundle…"), self.import_bundle_dialog)
        self.act_quit = self._action(self.tr("&Quit"), self.close, K.Quit)
        self.act_sign_out = self._action(self.tr("Sign &out / switch user…"), self.sign_out_switch,
                                         tip=self.tr("Sign out, and sign in as someone else"))
        self.act_submit = self._action(self.tr("&Submit for review"), lambda: self.case_panel.review_box.submit_for_review(),
                                       tip=self.tr("Send the conclusion to a second examiner for technical review"))
        self.act_queue = self._action(self.tr("Review &queue…"), self.show_review_queue,
                                      tip=self.tr("The cases submitted and awaiting a reviewer"))
        self.act_agree = self._action(self.tr("&Agree with the conclusion"),
                                      lambda: self.case_panel.review_box.review(agree=True))
        self.act_return = self._action(self.tr("&Return with comment…"),
                                       lambda: self.case_panel.review_box.review(agree=False))
        self.act_issue = self._action(self.tr("&Issue report"), self.issue_case,
                                      tip=self.tr("Issue the reviewed case: its report becomes final"))
        #: The tooltips the actions have when offered (a withheld one shows why instead).
        self._tips: dict[QAction, str] = {}
        self.act_compare = self._action(self.tr("&Compare with reference"), self.compare_with_reference, "Ctrl+R",
                                        tip=self.tr("Register every light to the reference specimen and list where they differ"))
        self.act_reference = self._action(self.tr("Choose reference &folder…"), self.reference_dialog)
        self.act_library = self._action(self.tr("Reference &library…"), self.show_reference_library, "Ctrl+Shift+L",
                                        tip=self.tr("Browse, make and annotate the references of genuine documents"))
        self.act_as_reference = self._action(self.tr("&Use this document as a reference…"), self.document_as_reference,
                                             tip=self.tr("Make a reference of the library from the open case's captures "
                                                         "(a genuine document)"))
        self.act_lock = self._action(self.tr("&Lock zoom and pan"), lambda on: self.workbench.compare.set_locked(on),
                                     checkable=True)
        self.act_lock.setChecked(self.workbench.compare.locked)
        self.act_findings = self._action(self.tr("Show &findings"), lambda on: self.workbench.compare.set_show_findings(on),
                                         "Ctrl+Shift+F", checkable=True)
        self.act_findings.setChecked(True)
        self.act_fit = self._action(self.tr("&Fit"), self._fit, "Ctrl+0")
        self.act_actual = self._action(self.tr("&Actual pixels"), self.compare_view.questioned_canvas.actual_pixels, "Ctrl+1")
        self.act_zoom_in = self._action(self.tr("Zoom &in"), lambda: self.workbench.view.zoom_by(1.25), K.ZoomIn)
        self.act_zoom_out = self._action(self.tr("Zoom &out"), lambda: self.workbench.view.zoom_by(0.8), K.ZoomOut)
        self.mode_group = QActionGroup(self)
        self.mode_actions = {}
        for i, (mode, label) in enumerate(MODE_LABELS.items(), start=2):
            a = self._action(self.tr(label), None, f"Ctrl+{i}", checkable=True)
            a.triggered.connect(lambda _on, m=mode: self.workbench.compare.set_mode(m))
            self.mode_group.addAction(a)
            self.mode_actions[mode] = a
        self.mode_actions[self.workbench.compare.mode].setChecked(True)
        self.light_group = QActionGroup(self)
        self.light_actions = {}
        for i, light in enumerate(LIGHTS, start=1):
            a = self._action(light_label(light), None, f"Alt+{i}", checkable=True)
            a.triggered.connect(lambda _on, lt=light: self.set_light(lt))
            self.light_group.addAction(a)
            self.light_actions[light] = a
        self.light_actions[self.workbench.light].setChecked(True)
        self.act_generate = self._action(self.tr("&Generate exercise pack…"), self.generate_pack_dialog)
        self.act_handout = self._action(self.tr("&Hand out a pack as a bundle…"), self.handout_dialog,
                                        tip=self.tr("One file of an exercise pack for trainees, with or without the answer keys"))
        self.act_trainee = self._action(self.tr("&Trainee exercise…"), self.trainee_dialog)
        self.act_loupe = self._action(self.tr("&Loupe"), self._set_loupe, "L", checkable=True,
                                      tip=self.tr("A round magnifier at the pointer over the image (L)"))
        self.act_ruler = self._action(self.tr("&Ruler"), self._set_ruler, "R", checkable=True,
                                      tip=self.tr("Drag on the image to measure, in millimetres from the capture's dpi (R)"))
        for canvas in (self.compare_view.questioned_canvas, self.compare_view.reference_canvas):
            canvas.loupe_toggled.connect(self.act_loupe.setChecked)
            canvas.ruler_toggled.connect(self.act_ruler.setChecked)
        self.act_shortcuts = self._action(self.tr("&Keyboard shortcuts"), self.show_shortcuts, QKeySequence.StandardKey.HelpContents)
        self.act_about = self._action(self.tr("&About docexam"), self.about)

    def _build_menus_and_toolbars(self) -> None:
        mb = self.menuBar()
        m = mb.addMenu(self.tr("&File"))
        for a in (self.act_new, self.act_open):
            m.addAction(a)
        self.recent_menu = m.addMenu(self.tr("Open &recent"))
        m.addSeparator()
        for a in (self.act_import, self.act_watch):
            m.addAction(a)
        m.addSeparator()
        for a in (self.act_report, self.act_export, self.act_export_today, self.act_import_bundle):
            m.addAction(a)
        m.addSeparator()
        m.addAction(self.act_sign_out)
        m.addAction(self.act_quit)
        m = mb.addMenu(self.tr("&Examine"))
        m.addAction(self.act_compare)
        m.addAction(self.act_reference)
        m = mb.addMenu(self.tr("Re&ferences"))
        m.addAction(self.act_library)
        m.addAction(self.act_as_reference)
        m = self.case_menu = mb.addMenu(self.tr("&Case"))
        m.setToolTipsVisible(True)  # a step not offered says why
        for a in (self.act_submit, self.act_queue):
            m.addAction(a)
        m.addSeparator()
        for a in (self.act_agree, self.act_return):
            m.addAction(a)
        m.addSeparator()
        m.addAction(self.act_issue)
        m = self.view_menu = mb.addMenu(self.tr("&View"))
        m.addSection(self.tr("Light ({keys})").format(keys=self._key_range(self.light_actions.values())))
        for a in self.light_actions.values():
            m.addAction(a)
        # The modes start at Ctrl+2: Ctrl+0 fits and Ctrl+1 shows actual pixels, as in image viewers.
        m.addSection(self.tr("Comparison mode ({keys}; Ctrl+0 fit, Ctrl+1 actual pixels)").format(
            keys=self._key_range(self.mode_actions.values())))
        for a in self.mode_actions.values():
            m.addAction(a)
        m.addSeparator()
        for a in (self.act_lock, self.act_findings, self.act_fit, self.act_actual, self.act_zoom_in, self.act_zoom_out):
            m.addAction(a)
        m.addSeparator()
        m.addAction(self.act_loupe)
        m.addAction(self.act_ruler)
        m.addSeparator()
        for dock in self.docks.values():
            m.addAction(dock.toggleViewAction())
        m.addSeparator()
        self._build_language_menu(m.addMenu(self.tr("Lan&guage")))
        m = mb.addMenu(self.tr("&Training"))
        m.addAction(self.act_generate)
        m.addAction(self.act_handout)
        m.addAction(self.act_trainee)
        m = mb.addMenu(self.tr("&Help"))
        m.addAction(self.act_shortcuts)
        m.addAction(self.act_about)
        self._refresh_recent_menu()

        tb = self.addToolBar(self.tr("Case"))
        tb.setObjectName("toolbar-case")
        for a in (self.act_new, self.act_import, self.act_compare, self.act_report):
            tb.addAction(a)
        tb = self.addToolBar(self.tr("Light"))
        tb.setObjectName("toolbar-light")
        for a in self.light_actions.values():
            tb.addAction(a)
        self.addToolBarBreak()  # the comparison controls on a row of their own: they never fold into a '>>' menu
        tb = self.addToolBar(self.tr("Comparison"))
        tb.setObjectName("toolbar-compare")
        for a in self.mode_actions.values():
            tb.addAction(a)
        tb.addSeparator()
        tb.addAction(self.act_lock)
        tb.addAction(self.act_findings)
        tb.addAction(self.act_loupe)
        tb.addAction(self.act_ruler)
        tb.addWidget(QLabel(" {} ".format(self.tr("Opacity"))))
        self.opacity = QSlider(Qt.Orientation.Horizontal)
        self.opacity.setRange(0, 100)
        self.opacity.setMaximumWidth(120)
        self.opacity.setValue(round(self.workbench.compare.opacity * 100))
        self.opacity.valueChanged.connect(lambda v: self.workbench.compare.set_opacity(v / 100))
        tb.addWidget(self.opacity)
        tb.addWidget(QLabel(" {} ".format(self.tr("Flicker"))))
        self.flicker = QDoubleSpinBox(suffix=" " + self.tr("Hz"), decimals=1, minimum=0.5, maximum=20.0, singleStep=0.5)
        self.flicker.setValue(self.workbench.compare.flicker_hz)
        self.flicker.valueChanged.connect(self.workbench.compare.set_flicker_hz)
        tb.addWidget(self.flicker)

    def _build_language_menu(self, menu) -> None:
        """View > Language: the system's language (``$DOCEXAM_LANG``, else the locale) or one of docexam's, each named
        in itself; kept in the settings and in force from the window's next start."""
        self.language_menu = menu
        group = QActionGroup(self)
        stored = i18n.normalize(str(self.settings.value(gui_i18n.SETTING) or ""))
        self.language_actions = {}
        for code, name in [(None, self.tr("System language")), *i18n.LANGUAGES.items()]:
            a = QAction(name, self, checkable=True)
            a.setChecked(code == stored)
            a.triggered.connect(lambda _on, c=code: self.choose_language(c))
            group.addAction(a)
            menu.addAction(a)
            self.language_actions[code] = a

    def choose_language(self, lang: str | None) -> None:
        """Keep ``lang`` (None: the system's) as the workstation's language; it speaks it from its next start."""
        gui_i18n.set_setting(self.settings, lang)
        self.language_actions[i18n.normalize(lang) if lang else None].setChecked(True)
        now = gui_i18n.qt_language(self.settings)
        self.statusBar().showMessage(self.tr("The workstation speaks {language} from its next start").format(
            language=i18n.LANGUAGES[now]), 10000)

    def available_geometry(self) -> QRect:
        """The part of the window's screen free for windows (without panels and docks of the desktop)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry()

    @property
    def small_screen(self) -> bool:
        return self.available_geometry().width() < SMALL_SCREEN_WIDTH

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if geometry is not None:
            self.restoreGeometry(geometry)  # Qt moves a geometry saved on a larger screen back onto this one
        else:
            self._first_geometry()
        if state is not None:
            self.restoreState(state)
        elif self.small_screen:
            # One column of tabs beside the image: each panel gets the whole height, the image the rest of the width.
            order = ["case", "cases", "mrz", "findings", "view"]
            for name in order:
                self.removeDockWidget(self.docks[name])
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.docks[order[0]])
            self.docks[order[0]].show()
            for name in order[1:]:
                self.tabifyDockWidget(self.docks[order[0]], self.docks[name])
                self.docks[name].show()
            self.docks["cases"].raise_()
            self.resizeDocks([self.docks["case"]], [min(520, self.available_geometry().width() // 3 + 60)],
                             Qt.Orientation.Horizontal)
        else:  # first start: room for two MRZ lines of 44 OCR-B characters and the findings' columns
            self.resizeDocks([self.docks["cases"], self.docks["mrz"]], [340, 540], Qt.Orientation.Horizontal)

    def _first_geometry(self) -> None:
        """Within the screen's available geometry: maximised on a small screen, else FIRST_SIZE (or less) centred."""
        avail = self.available_geometry()
        if avail.width() < SMALL_SCREEN_WIDTH:
            # The geometry too: without a window manager (a kiosk session, Xvfb) maximising does nothing.
            self.setGeometry(avail)
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        else:
            w, h = min(FIRST_SIZE[0], avail.width()), min(FIRST_SIZE[1], avail.height())
            self.resize(w, h)
            self.move(avail.center() - QPoint(w // 2, h // 2))

    def keep_on_screen(self) -> None:
        """Bring the window back within the available screen geometry (a dock that asked for more room grew it)."""
        avail, frame = self.available_geometry(), self.frameGeometry()
        if avail.contains(frame) or self.isMaximized() and frame.size() == avail.size():
            return
        extra_w, extra_h = frame.width() - self.width(), frame.height() - self.height()
        w = min(self.width(), avail.width() - extra_w)
        h = min(self.height(), avail.height() - extra_h)
        self.resize(w, h)
        x = min(max(self.frameGeometry().x(), avail.x()), avail.right() + 1 - self.frameGeometry().width())
        y = min(max(self.frameGeometry().y(), avail.y()), avail.bottom() + 1 - self.frameGeometry().height())
        self.move(x, y)

    # --- the case -----------------------------------------------------------------------------------------------

    def open_case(self, case_id: int) -> None:
        """Open a case: its captures, reading and stored findings, and the reference specimen of its family."""
        try:
            view = self.workbench.open_case(case_id)
        except Exception as e:  # noqa: BLE001 - a missing case or an unreadable database, shown to the examiner
            self.show_error(self.tr("Open case"), self.tr("Case {case} could not be opened: {error}").format(case=case_id, error=e))
            return
        self._remember_recent(view.summary.id, f"{view.summary.reference} — {view.summary.title}")
        self.browser.select_case(view.summary.id)
        self.centre.setCurrentWidget(self.compare_view)
        self.docks["case"].raise_()
        self._load_needed_reference()
        self._fit()

    def new_case_dialog(self) -> None:
        title, ok = QInputDialog.getText(self, self.tr("New case"), self.tr(
            "What is the case about?\n(e.g. Passport UTO L898902C3, border post 4)"))
        if ok and title.strip():
            self.new_case(title.strip())

    def new_case(self, title: str) -> None:
        try:
            view = self.workbench.new_case(title)
        except Exception as e:  # noqa: BLE001
            self.show_error(self.tr("New case"), str(e))
            return
        self.browser.refresh()
        self.open_case(view.summary.id)

    def _case_changed(self, case) -> None:
        self.setWindowTitle(f"{case.summary.reference} — {case.summary.title} — docexam" if case else "docexam")
        for light, action in self.light_actions.items():
            action.setEnabled(case is None or not case.lights or light in case.lights)
        self._update_actions()
        self.propose_reference()
        if self.library_dialog is not None:
            self.library_dialog.set_case(case.summary.id if case is not None else None)

    def _light_changed(self, light: str) -> None:
        if light in self.light_actions:
            self.light_actions[light].setChecked(True)

    def _compare_changed(self, info: EmissionInfo) -> None:
        c, name = self.workbench.compare, info.signal.name
        if name == "mode":
            self.mode_actions[c.mode].setChecked(True)
        elif name == "locked":
            self.act_lock.setChecked(c.locked)
        elif name == "show_findings":
            self.act_findings.setChecked(c.show_findings)
        elif name == "opacity" and self.opacity.value() != round(c.opacity * 100):
            self.opacity.setValue(round(c.opacity * 100))
        elif name == "flicker_hz" and self.flicker.value() != c.flicker_hz:
            self.flicker.setValue(c.flicker_hz)

    def set_light(self, light: str) -> None:
        try:
            self.workbench.set_light(light)
        except ValueError as e:
            self.statusBar().showMessage(str(e), 5000)
            self._light_changed(self.workbench.light)

    def _set_loupe(self, on: bool) -> None:
        for canvas in (self.compare_view.questioned_canvas, self.compare_view.reference_canvas):
            canvas.set_loupe(on)

    def _set_ruler(self, on: bool) -> None:
        for canvas in (self.compare_view.questioned_canvas, self.compare_view.reference_canvas):
            canvas.set_ruler(on)

    @staticmethod
    def _key_range(actions) -> str:
        """``Ctrl+2 to Ctrl+7``: the first and last shortcut of a run of actions, as the menus write them."""
        keys = [a.shortcut().toString(QKeySequence.SequenceFormat.NativeText) for a in actions]
        return QCoreApplication.translate("MainWindow", "{first} to {last}").format(first=keys[0], last=keys[-1]) if len(keys) > 1 else "".join(keys)

    def shortcut_rows(self) -> list[tuple[str, str, str]]:
        """``(menu, action, keys)`` of every action in the menus that has a shortcut, then the image's own keys."""
        rows = []
        for menu_action in self.menuBar().actions():
            menu = menu_action.menu()
            if menu is None:
                continue
            where = menu_action.text().replace("&", "")
            for a in menu.actions():
                keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in a.shortcuts())
                if keys:
                    rows.append((where, a.text().replace("&", "").replace("…", ""), keys))
        rows += [(self.tr("Image"), self.tr(text), self.tr(keys)) for text, keys in IMAGE_KEYS]
        return rows

    def show_shortcuts(self) -> None:
        """Help > Keyboard shortcuts: every shortcut of the menus and of the image, in one table."""
        from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTableWidget, QTableWidgetItem, QVBoxLayout

        rows = self.shortcut_rows()
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Keyboard shortcuts"))
        dialog.setObjectName("shortcutsDialog")
        table = QTableWidget(len(rows), 3, dialog)
        table.setHorizontalHeaderLabels([self.tr("Where"), self.tr("What"), self.tr("Keys")])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.setItem(r, c, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(table)
        layout.addWidget(buttons)
        avail = self.available_geometry()
        dialog.resize(min(640, avail.width() - 40), min(620, avail.height() - 60))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.shortcuts_dialog = dialog
        dialog.open()

    def _fit(self) -> None:
        img = None
        if self.workbench.case is not None:
            img = self.workbench.rectified()
            if img is None:
                img = self.workbench.image()
        if img is not None:
            self.workbench.view.fit((img.shape[1], img.shape[0]))

    def _update_actions(self) -> None:
        has_case = self.workbench.case is not None
        for a in (self.act_import, self.act_watch, self.act_report, self.act_export, self.act_as_reference):
            a.setEnabled(has_case)
        self.act_compare.setEnabled(self.workbench.can_compare and not self.runner.busy)
        # What the signed-in examiner's role, and the case's review, allow; a withheld action says why.
        signoff = self.workbench.signoff
        case_actions = signoff.actions(self.workbench.case)
        withheld = {
            self.act_new: (signoff.blocked(Permission.CASE_WRITE), Permission.CASE_WRITE),
            self.act_import_bundle: (signoff.blocked(Permission.CASE_WRITE), Permission.CASE_WRITE),
            self.act_import: (case_actions.change, Permission.CASE_WRITE),
            self.act_watch: (case_actions.change, Permission.CASE_WRITE),
            self.act_compare: (case_actions.change, Permission.CASE_WRITE),
            self.act_export: (signoff.blocked(Permission.CASE_WRITE), Permission.CASE_WRITE),
            self.act_export_today: (signoff.blocked(Permission.CASE_WRITE), Permission.CASE_WRITE),
            self.act_as_reference: (signoff.blocked(Permission.REFERENCE_WRITE), Permission.REFERENCE_WRITE),
            self.act_submit: (case_actions.submit, Permission.CASE_WRITE),
            self.act_agree: (case_actions.review, Permission.CASE_REVIEW),
            self.act_return: (case_actions.review, Permission.CASE_REVIEW),
            self.act_issue: (case_actions.issue, Permission.CASE_WRITE),
            # Packs are written with their answer keys: never by a trainee.
            self.act_generate: (signoff.blocked(Permission.EXERCISE_KEYS_READ, need_key=False),
                                Permission.EXERCISE_KEYS_READ),
            self.act_handout: (signoff.blocked(Permission.EXERCISE_KEYS_READ, need_key=False),
                               Permission.EXERCISE_KEYS_READ),
        }
        # These follow the open case (above) as well as what may be done with it.
        case_bound = {self.act_import, self.act_watch, self.act_compare, self.act_export, self.act_as_reference}
        for action, (blocked, permission) in withheld.items():
            tip = self._tips.setdefault(action, action.toolTip())
            if blocked is None:
                if action not in case_bound:
                    action.setEnabled(True)
                action.setToolTip(tip)
            else:
                action.setEnabled(False)
                action.setToolTip(tip if blocked is Blocked.NO_CASE else blocked_text(blocked, signoff, permission))
        self.browser.new_button.setEnabled(self.act_new.isEnabled())
        self.browser.new_button.setToolTip(self.act_new.toolTip() if not self.act_new.isEnabled() else "")
        self.case_panel.review_box.update_actions()

    # --- signing in and the technical review --------------------------------------------------------------------

    def _show_user(self) -> None:
        user = self.workbench.signoff.user
        self.user_label.setVisible(user is not None)
        if user is not None:
            self.user_label.setText(self.tr("Signed in: {name} ({role})").format(name=user.name,
                                                                                  role=role_word(user.role)))
            self.user_label.setToolTip(self.tr("Everything you record is kept under {name} and signed with their key")
                                       .format(name=user.name))

    def sign_out_switch(self) -> bool:
        """File > Sign out / switch user: nobody is signed in, the case is closed, and the sign-in dialog asks who
        comes next; cancelling it closes the workstation (nothing is recorded without a sign-in). True when someone
        signed in (or the store has no accounts: nothing to switch)."""
        signoff = self.workbench.signoff
        if not signoff.accounts:
            self.statusBar().showMessage(self.tr("This case store has no accounts: nobody signs in."), 8000)
            return True
        previous = signoff.user.name if signoff.user is not None else ""
        signoff.sign_out()
        self.workbench.close_case()
        self._show_user()
        self._update_actions()
        if not self.ask_sign_in(user=previous):
            self.close()
            return False
        self.signed_in()
        return True

    def signed_in(self) -> None:
        """Someone signed in (here, or through the workbench's signoff): show who, and offer what they may do."""
        self._show_user()
        self._update_actions()
        self.case_panel.show_case(self.workbench.case)
        self.browser.refresh()
        if self.review_queue_dialog is not None:
            self.review_queue_dialog.refresh()

    def ask_sign_in(self, *, user: str = "") -> bool:
        """The sign-in dialog (tests replace it)."""
        return ask_sign_in(self.workbench.signoff, self, user=user)

    def show_review_queue(self) -> ReviewQueueDialog:
        """Case > Review queue…: the cases awaiting a reviewer (one window, refreshed when raised)."""
        if self.review_queue_dialog is None:
            dialog = ReviewQueueDialog(self.workbench, self)
            dialog.open_requested.connect(self.open_case)
            avail = self.available_geometry()
            dialog.resize(min(900, avail.width() - 40), min(480, avail.height() - 80))
            self.review_queue_dialog = dialog
        else:
            self.review_queue_dialog.refresh()
        self.review_queue_dialog.show()
        self.review_queue_dialog.raise_()
        self.review_queue_dialog.activateWindow()
        return self.review_queue_dialog

    def issue_case(self) -> bool:
        """Case > Issue report: issue the reviewed case (the store refuses one not agreed, and the window says why);
        its report, exported from then on, is final."""
        return self.case_panel.review_box.issue_case()

    def _review_step_taken(self, done: str) -> None:
        self.statusBar().showMessage(done, 10000)
        self.browser.refresh()
        if self.review_queue_dialog is not None and self.review_queue_dialog.isVisible():
            self.review_queue_dialog.refresh()
        self._update_actions()

    # --- captures -----------------------------------------------------------------------------------------------

    def import_dialog(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Import captures"), "", self.tr("Images ({patterns})").format(
            patterns=" ".join(f"*{s}" for s in sorted(IMAGE_SUFFIXES))))
        if not files:
            return
        light = None
        if any(light_from_name(f) is None for f in files):
            choice, ok = QInputDialog.getItem(self, self.tr("Light"), self.tr(
                "In which light were these taken?\n(files named …_uv / …_ir are tagged by their name)"),
                [light_label(x) for x in LIGHTS], 0, False)
            if not ok:
                return
            light = next(x for x in LIGHTS if light_label(x) == choice)
        self.import_files(files, default_light=light or Light.VISIBLE)

    def import_files(self, paths: Iterable[str | Path], *, default_light: str = Light.VISIBLE) -> list[Job]:
        """Import each file in a worker: its light from its name (else ``default_light``), its MRZ read. A bad file
        fails alone, with its own message."""
        case = self.workbench.case
        if case is None:
            self.show_error(self.tr("Import"), self.tr("Open or create a case first, then add its captures."))
            return []
        jobs = []
        for p in map(Path, paths):
            light = light_from_name(p) or default_light
            jobs.append(self._start(self.tr("Importing {file} ({light})").format(file=p.name, light=light_label(light)), lambda progress, cancel, p=p, light=light: import_capture(
                self.store, case.summary.id, p, light=light, progress=progress, cancel=cancel),
                then=self._imported, title=self.tr("Import"), failure=self.tr("{file} was not imported").format(file=p.name)))
        return jobs

    def _imported(self, result) -> None:
        if self.workbench.case is None:
            return
        self.workbench.refresh()
        self.browser.refresh()
        if result.reading is not None:
            self._load_needed_reference()
        if self.workbench.show_imported(result.light):  # visible light first, whatever finished first
            self._fit()
        self.statusBar().showMessage(
            self.tr("{file} imported as {light}").format(file=result.path.name, light=light_label(result.light))
            + ((self.tr("; MRZ valid") if result.reading.valid else self.tr("; MRZ read, not valid"))
               if result.reading else ""), 8000)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.mimeData().hasUrls() and any(Path(u.toLocalFile()).suffix.lower() in IMAGE_SUFFIXES
                                              for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt's name
        files = [u.toLocalFile() for u in event.mimeData().urls()
                 if Path(u.toLocalFile()).suffix.lower() in IMAGE_SUFFIXES]
        if files:
            event.acceptProposedAction()
            self.import_files(files)

    def watch_dialog(self, checked: bool = True) -> None:
        if not checked:
            self.watch_folder(None)
            return
        folder = QFileDialog.getExistingDirectory(self, self.tr("Scanner folder to watch"))
        self.watch_folder(folder or None)

    def watch_folder(self, folder: str | Path | None) -> None:
        """Import new images saved into ``folder`` into the open case (None stops watching)."""
        self._watch_timer.stop()
        self.watcher = None
        if folder:
            try:
                self.watcher = FolderWatcher(Path(folder))
            except ValueError as e:
                self.show_error(self.tr("Scanner folder"), str(e))
            else:
                self._watch_timer.start()
                self.statusBar().showMessage(self.tr("Watching {folder}: new scans go into the open case").format(folder=folder), 8000)
        self.act_watch.setChecked(self.watcher is not None)

    def _poll_watched_folder(self) -> None:
        if self.watcher is not None and self.workbench.case is not None:
            new = self.watcher.poll()
            if new:
                self.import_files(new)

    # --- comparing ----------------------------------------------------------------------------------------------

    def _load_needed_reference(self) -> None:
        design = self.workbench.needed_reference_design()
        if design is None:
            return
        # Utopia's by its family, as the workstation always named it ("TD3 specimen"); a generated design by its code.
        name = design.removeprefix("UTO-")
        self._start(self.tr("Loading the {name} reference specimen").format(name=name),
                    lambda progress, cancel: self._reference_task(design),
                    then=lambda ref: self._bundled_reference_loaded(ref, f"{name} specimen"), title=self.tr("Reference"),
                    failure=self.tr("The {name} reference could not be loaded").format(name=name))

    def _bundled_reference_loaded(self, reference, source: str) -> None:
        # A reference the examiner chose meanwhile (from the library, a folder) is not replaced by the automatic one.
        if self.workbench.reference is None:
            self.workbench.set_reference(reference, source)

    @staticmethod
    def _reference_task(design: str):
        import docexam.compare.geometry  # noqa: F401 - OpenCV imported here, not on the UI thread's first warp
        from docexam.compare.reference import load_reference

        return load_reference(reference_folder(design))

    def _reference_changed(self, reference) -> None:
        if reference is None:
            self.compare_view.set_reference_images({})
        else:
            self.compare_view.set_reference_images(dict(reference.images), dpi=reference.dpi)
            self.statusBar().showMessage(self.tr("Reference: {source}").format(source=self.workbench.reference_source), 5000)
            if self.workbench.view.fitted:  # a reopened case now shows its captures in the reference frame
                self._fit()
        self._update_actions()
        self.propose_reference()

    def reference_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Reference specimen folder (visible.*, uv.*, ir.*)"))
        if folder:
            self.load_reference_folder(folder)

    def load_reference_folder(self, folder: str | Path) -> Job:
        from docexam.compare.reference import load_reference

        return self._start(self.tr("Loading the reference {name}").format(name=Path(folder).name),
                           lambda progress, cancel: load_reference(folder),
                           then=lambda ref: self.workbench.set_reference(ref, str(folder)), title=self.tr("Reference"),
                           failure=self.tr("{folder} is not a usable reference").format(folder=folder))

    def compare_with_reference(self) -> Job | None:
        case, reference, today = self.workbench.case, self.workbench.reference, self.today
        if case is None or reference is None:
            self.show_error(self.tr("Compare"), self.tr("Open a case with captures and choose a reference specimen first."))
            return None
        job = self._start(self.tr("Comparing with the reference"), lambda progress, cancel: compare_case(
            self.store, case.summary.id, reference, today=today, progress=progress, cancel=cancel),
            then=self._compared, title=self.tr("Compare"), failure=self.tr("The comparison failed"))
        self._update_actions()
        return job

    def _compared(self, result) -> None:
        if self.workbench.case is None:
            return
        self.workbench.refresh()
        self.workbench.set_comparison(result.comparison)
        if result.evidence is not None and result.evidence.viz:
            self.mrz_panel.set_viz_values(result.evidence.viz)
        if self.workbench.compare.mode is CompareMode.SINGLE:
            self.workbench.compare.set_mode(CompareMode.SIDE_BY_SIDE)
        self._fit()
        self.docks["findings"].raise_()
        alarms = len(result.comparison.alarms)
        self.statusBar().showMessage(self.tr("Compared in {ms} ms: {alarms}, {findings}").format(
            ms=QLocale().toString(round(result.comparison.elapsed_ms)),
            alarms=self.tr("%n alarm(s)", "", alarms), findings=self.tr("%n finding(s)", "", len(result.comparison.findings))),
            10000)

    def _record_viz(self, values: dict) -> None:
        case = self.workbench.case
        if case is None:
            return
        try:
            self.store.add_finding(case.summary.id, kind="viz_confirmed", detail=values, source="examiner")
        except Exception as e:  # noqa: BLE001
            self.show_error(self.tr("MRZ and VIZ"), self.tr("Not recorded: {error}").format(error=e))
            return
        self.workbench.refresh()
        self.statusBar().showMessage(self.tr("The VIZ values you confirmed are recorded in the case"), 5000)

    # --- the reference library ---------------------------------------------------------------------------------

    def show_reference_library(self):
        """References > Reference library…: the library's browser (one window, raised when open already)."""
        from docexam.gui.reference_library import ReferenceLibraryDialog

        if self.library_dialog is None:
            case = self.workbench.case
            dialog = ReferenceLibraryDialog(self.store, runner=self.runner, parent=self,
                                            case=case.summary.id if case is not None else None)
            dialog.open_requested.connect(self.open_reference_editor)
            dialog.use_requested.connect(self.use_library_reference)
            dialog.created.connect(self._reference_created)
            dialog.described.connect(lambda kind: self._library_reference_changed(kind.id))
            dialog.specimens_added.connect(lambda added: self._library_reference_changed(added.summary.uid))
            dialog.error_shown.connect(lambda title, text: setattr(self, "last_error", (title, text)))
            dialog.error_shown.connect(self.error_shown)
            avail = self.available_geometry()
            dialog.resize(min(1100, avail.width() - 40), min(620, avail.height() - 80))
            self.library_dialog = dialog
        self.library_dialog.show()
        self.library_dialog.raise_()
        self.library_dialog.activateWindow()
        return self.library_dialog

    def document_as_reference(self) -> None:
        """References > Use this document as a reference…: the open case's captures as a genuine specimen."""
        if self.workbench.case is None:
            self.show_error(self.tr("Reference"), self.tr("Open the case of a genuine document first."))
            return
        self.show_reference_library().from_case()

    def _reference_created(self, created) -> None:
        s = created.summary
        self.statusBar().showMessage(self.tr("Reference {name} made: {specimens}, annotation version {version}").format(
            name=s.name, specimens=self.tr("%n specimen(s)", "", s.specimens), version=s.version)
            + (f" ({created.how})" if created.how else ""), 10000)
        self.propose_reference()

    def _library_reference_changed(self, uid: str) -> None:
        """A reference's details or specimens changed in the browser: its open editor and the proposal follow."""
        editor = self.reference_editors.get(uid)
        if editor is not None:
            editor.reread()
        self.propose_reference()

    def open_reference_editor(self, uid: str):
        """The editor of the library's reference ``uid`` (one window per reference)."""
        from docexam.gui.reference_editor import ReferenceEditor

        editor = self.reference_editors.get(uid)
        if editor is None:
            editor = ReferenceEditor(self.store, uid, runner=self.runner, parent=self)
            editor.error_shown.connect(lambda title, text: setattr(self, "last_error", (title, text)))
            editor.error_shown.connect(self.error_shown)
            editor.saved.connect(lambda _ann: (self.library_dialog.refresh() if self.library_dialog else None,
                                               self.propose_reference()))
            editor.destroyed.connect(lambda *_: self.reference_editors.pop(uid, None))
            avail = self.available_geometry()
            editor.resize(min(1300, avail.width() - 20), min(740, avail.height() - 30))
            self.reference_editors[uid] = editor
        editor.show()
        editor.raise_()
        editor.activateWindow()
        return editor

    def propose_reference(self) -> None:
        """The library's references for the open case's MRZ, in the MRZ panel (the examiner confirms one)."""
        from docexam.store.library import ReferenceLibrary
        from docexam.workbench.library import propose

        case = self.workbench.case
        in_use = self.workbench.reference_source if self.workbench.reference is not None else None
        if case is None:
            self.reference_picker.set_choice(None, self.tr("Open a case to have a reference proposed."))
            return
        if case.reading is None:
            self.reference_picker.set_choice(None, self.tr("Once the MRZ is read, the library's references of its issuing "
                                                     "state, document code and format are proposed here."))
            return
        try:
            choice = propose(ReferenceLibrary(self.store), case.reading)
        except Exception as e:  # noqa: BLE001 - an unreadable library: said in the panel, the case stays
            self.reference_picker.set_choice(None, self.tr("The reference library could not be read: {error}").format(error=e))
            return
        fields = case.reading.fields or {}
        self.reference_picker.set_choice(
            choice, self.tr("No reference of the library matches this MRZ (issuing state {state}, document code "
                            "{code}, format {format}); make one from a genuine document in References > Reference "
                            "library.").format(state=fields.get("issuing_state"), code=fields.get("document_code"),
                                               format=case.reading.format), in_use=in_use)

    def use_library_reference(self, uid: str, *, version: int | None = None) -> Job:
        """Compare the open case with the library's reference ``uid`` (its annotation ``version``, default the
        current one); the comparison records which type and version it used."""
        from docexam.references.convert import library_reference
        from docexam.store.library import ReferenceLibrary

        store = self.store

        def task(progress, cancel):
            import docexam.compare.geometry  # noqa: F401 - OpenCV imported here, not on the UI thread's first warp

            library = ReferenceLibrary(store)
            kind = library.show(uid)
            return kind, library_reference(library, uid, version=version)

        def loaded(result) -> None:
            kind, reference = result
            self.workbench.set_reference(reference, f"library reference {kind.name}, annotation version "
                                         f"{reference.version or 'none'}" + (" (synthetic)" if kind.synthetic else ""))

        return self._start(self.tr("Loading the library reference"), task, then=loaded, title=self.tr("Reference"),
                           failure=self.tr("The library reference could not be used"))

    # --- reports and bundles ------------------------------------------------------------------------------------

    def report_dialog(self) -> None:
        case = self.workbench.case
        if case is None:
            return
        if not self.confirm_report_without_verdict():
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export PDF report"), f"{case.summary.reference}.pdf",
                                              self.tr("PDF (*.pdf)"))
        if path:
            self.export_report(path)

    def confirm_report_without_verdict(self) -> bool:
        """True when the open case has a verdict, or the examiner chooses to export a report saying "NO VERDICT
        YET" all the same."""
        case = self.workbench.case
        if case is None or case.summary.verdict:
            return True
        answer = QMessageBox.warning(
            self, self.tr("Export PDF report"),
            self.tr("Case {case} has no verdict yet: the report will say NO VERDICT YET.\n\n"
                    "Record a verdict first (the Case panel's Record verdict), or export this report anyway?").format(
                case=case.summary.reference),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def export_report(self, path: str | Path) -> Job | None:
        case = self.workbench.case
        if case is None:
            return None

        def task(progress, cancel):
            # fpdf, fontTools and pyHanko take a moment to import: not on the UI thread
            from docexam.report.signed import write_signed_report

            # as ``docexam case report`` does: signed by the signed-in examiner (inside the PDF and FILE.pdf.sig)
            return write_signed_report(self.store, case.summary.id, Path(path))

        def written(done) -> None:
            if done.signer is not None:
                text = self.tr("Report written and signed by {signer}: {path}").format(signer=done.signer, path=path)
            else:
                text = self.tr("Report written: {path}").format(path=path)
            self.statusBar().showMessage(text, 10000)

        return self._start(self.tr("Writing the report {file}").format(file=Path(path).name), task, then=written,
                           title=self.tr("Report"), failure=self.tr("The report was not written"))

    def export_dialog(self) -> None:
        case = self.workbench.case
        if case is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export case"), f"{case.summary.reference}.zip",
                                              self.tr("Bundles (*.zip)"))
        if path:
            self.export_cases([case.summary.id], path)

    def export_today_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export today's cases"), f"cases-{dt.date.today()}.zip",
                                              self.tr("Bundles (*.zip)"))
        if path:
            self.export_today(path)

    def export_today(self, path: str | Path) -> Job | None:
        """One bundle with every case changed today: the checkpoint's end-of-day action."""
        ids = [c.id for c in self.workbench.todays_cases()]
        if not ids:
            self.show_error(self.tr("Export"), self.tr("No case was changed today."))
            return None
        return self.export_cases(ids, path)

    def export_cases(self, ids: Sequence[int], path: str | Path) -> Job:
        from docexam.store.bundle import export_cases

        return self._start(self.tr("Exporting %n case(s)", "", len(ids)),
                           lambda progress, cancel: export_cases(self.store, list(ids), path),
                           then=lambda r: self.statusBar().showMessage(
                               self.tr("%n case(s) exported to {path}", "", len(ids)).format(path=path), 10000),
                           title=self.tr("Export"), failure=self.tr("Nothing was exported"))

    def import_bundle_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a bundle"), "", self.tr("Bundles (*.zip)"))
        if path:
            self.import_bundle(path)

    def import_bundle(self, path: str | Path) -> Job:
        from docexam.store.bundle import import_bundle

        return self._start(self.tr("Importing {file}").format(file=Path(path).name),
                           lambda progress, cancel: import_bundle(self.store, path),
                           then=lambda r: (self.browser.refresh(), self.statusBar().showMessage(
                               self.tr("Imported {path}").format(path=path), 10000)),
                           title=self.tr("Import"), failure=self.tr("The bundle was not imported (nothing changed)"))

    # --- training -----------------------------------------------------------------------------------------------

    def generate_pack_dialog(self) -> None:
        from docexam.gui.trainer import GeneratePackDialog

        dialog = GeneratePackDialog(self)
        if not dialog.exec():
            return
        try:
            options, task = dialog.options(), dialog.task()
        except ValueError as e:
            self.show_error(self.tr("Exercise pack"), str(e))
            return
        self._start(self.tr("Generating %n documents", "", options.count), task,
                    then=lambda _r: self.statusBar().showMessage(
                        self.tr("Exercise pack written to {folder}").format(folder=options.out), 10000),
                    title=self.tr("Exercise pack"), failure=self.tr("The pack was not generated"))

    def handout_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Exercise pack to hand out"))
        if not folder:
            return
        answer = QMessageBox.question(
            self, self.tr("Hand out a pack"), self.tr(
                "Include the answer keys?\n\nWith them, each trainee's workstation scores the attempt and shows the "
                "key after it is submitted (a trainee who unzips the file can read them). Without them, trainees "
                "cannot see the verdicts; you score their answers."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Cancel:
            return
        out, _ = QFileDialog.getSaveFileName(self, self.tr("Save the handout"), f"{Path(folder).name}.zip",
                                             self.tr("Exercise packs (*.zip)"))
        if out:
            self.hand_out_pack(folder, out, with_keys=answer == QMessageBox.StandardButton.Yes)

    def hand_out_pack(self, folder: str | Path, out: str | Path, *, with_keys: bool) -> Job:
        """Write exercise pack ``folder`` as one file for trainees (:mod:`docexam.workbench.pack_bundle`)."""
        from docexam.workbench.pack_bundle import export_pack

        return self._start(self.tr("Writing the handout {file}").format(file=Path(out).name),
                           lambda progress, cancel: export_pack(folder, out, with_keys=with_keys),
                           then=lambda path: self.statusBar().showMessage(
                               (self.tr("Handout written: {path} (with the answer keys)") if with_keys
                                else self.tr("Handout written: {path} (without the answer keys)")).format(path=path), 10000),
                           title=self.tr("Hand out a pack"), failure=self.tr("The handout was not written"))

    def trainee_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open an exercise (a handout, or a pack folder's pack.json)"), "",
                                              self.tr("Exercise packs (*.zip pack.json)"))
        if path:
            self.open_exercise(path)

    def open_exercise(self, path: str | Path, *, unpack_to: str | Path | None = None) -> Job | None:
        """Open an exercise for a trainee: a handout (unpacked, checked whole, into the user data folder, or
        ``unpack_to``) or a pack folder (or its ``pack.json``). Returns the unpacking job for a handout."""
        path = Path(path)
        if path.suffix.lower() != ".zip":
            self._show_exercise(path.parent if path.name == "pack.json" else path)
            return None
        from docexam.workbench.pack_bundle import open_pack

        if unpack_to is None:
            import platformdirs

            unpack_to = Path(platformdirs.user_data_dir("docexam")) / "exercises"
        return self._start(self.tr("Opening {file}").format(file=path.name), lambda progress, cancel: open_pack(path, unpack_to),
                           then=self._show_exercise, title=self.tr("Exercise"),
                           failure=self.tr("{file} was not opened").format(file=path.name))

    def _show_exercise(self, folder: Path) -> None:
        from docexam.gui.trainer import TraineePanel

        try:
            panel = TraineePanel(self.store, Path(folder))
        except Exception as e:  # noqa: BLE001 - shown to the trainee; nothing else changes
            self.show_error(self.tr("Exercise"), self.tr("{folder} is not an exercise pack: {error}").format(folder=folder, error=e))
            return
        self._exercise_images.clear()
        # A trainee never sees an answer key (issue 22): the attempt is scored, the key is not shown.
        panel.hide_keys = not self.workbench.signoff.may(Permission.EXERCISE_KEYS_READ)
        if "exercise" in self.docks:
            self.exercise_scroll.setWidget(panel)  # the scroll area deletes the panel before
        else:
            # In a scroll area, and a tab beside the findings: the panel's height never grows the window.
            self.exercise_scroll = QScrollArea()
            self.exercise_scroll.setWidgetResizable(True)
            self.exercise_scroll.setWidget(panel)
            dock = QDockWidget(self.tr("Exercise"), self)
            dock.setObjectName("dock-exercise")
            dock.setWidget(self.exercise_scroll)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            self.tabifyDockWidget(self.docks["findings"], dock)
            self.docks["exercise"] = dock
            self.view_menu.addAction(dock.toggleViewAction())
        self.docks["exercise"].show()
        self.docks["exercise"].raise_()
        QTimer.singleShot(0, self.keep_on_screen)
        self.exercise_panel = panel
        view = self._exercise_view()
        view.set_marks(None)
        view.state.document = None
        view.state.images = None
        view.state.key = ()
        panel.document_selected.connect(self._show_exercise_document)
        panel.key_regions.connect(view.state.set_key)
        if panel.document:
            self._show_exercise_document(panel.document)

    def _exercise_view(self):
        from docexam.gui.exercise_view import ExerciseView

        if self.exercise_view is None:
            self.exercise_view = ExerciseView()
            self.exercise_view.mark_drawn.connect(self._exercise_mark_drawn)
            self.exercise_view.state.events.light.connect(self._exercise_light_changed)
            self.centre.addWidget(self.exercise_view)
        return self.exercise_view

    def _exercise_mark_drawn(self, light: str, bbox: tuple) -> None:
        panel = self.exercise_panel
        if panel is not None and panel.document is not None:
            panel.add_mark(light, bbox, panel.kind.currentData())

    def _exercise_light_changed(self, light: str) -> None:
        if self.exercise_panel is not None:
            self.exercise_panel.light.setCurrentIndex(max(self.exercise_panel.light.findData(light), 0))

    def _show_exercise_document(self, document: str) -> Job | None:
        """Show ``document`` of the open exercise in the centre: aligned with its reference in a worker (the last
        few are kept), with its marks, and the key once the attempt is scored. Returns the loading job, if any."""
        from docexam.workbench.trainee import load_document

        panel, view = self.exercise_panel, self._exercise_view()
        if panel is None or panel.pack is None or panel.attempt is None:
            return None
        self.centre.setCurrentWidget(view)
        view.state.show_document(document)
        view.set_marks(panel.attempt.marks_of(document))
        view.state.set_key(document, panel.alterations_of(document))
        pack = panel.pack
        cached = self._exercise_images.get((pack, document))
        if cached is not None:
            view.state.set_images(cached)
            return None

        def loaded(images) -> None:
            self._exercise_images[(pack, document)] = images
            while len(self._exercise_images) > 6:
                self._exercise_images.pop(next(iter(self._exercise_images)))
            view.state.set_images(images)

        return self._start(self.tr("Opening {file}").format(file=document), lambda progress, cancel: load_document(
            pack, document, progress=progress, cancel=cancel), then=loaded, title=self.tr("Exercise"),
            failure=self.tr("{file} could not be shown").format(file=document))

    # --- jobs, errors, settings ---------------------------------------------------------------------------------

    def _start(self, name: str, task, *, then, title: str, failure: str) -> Job:
        """Run ``task`` in a worker: ``then(result)`` when it succeeds, else an error box ``title`` saying
        ``failure: <the error>``."""
        job = self.runner.start(name, task)
        job.finished.connect(then)
        job.failed.connect(lambda e: self.show_error(title, self.tr("{failure}: {error}").format(failure=failure, error=e)))
        return job

    def _track(self, job: Job) -> None:
        self.job_label.setText(job.name)
        self.progress.setValue(0)
        job.progress.connect(lambda f, m: (self.progress.setValue(round(f * 1000)), self.job_label.setText(m)))
        job.cancelled.connect(lambda: self.statusBar().showMessage(self.tr("{job}: cancelled, nothing stored").format(job=job.name), 8000))

    def _busy_changed(self, busy: bool) -> None:
        for w in (self.job_label, self.progress, self.cancel_button):
            w.setVisible(busy)
        self._update_actions()

    def show_error(self, title: str, text: str) -> None:
        """A clear message in a window-modal box that does not block the UI thread; the work on screen stays."""
        self.last_error = (title, text)
        self.error_shown.emit(title, text)
        open_warning(self, title, text)

    def about(self) -> None:
        import docexam

        QMessageBox.about(self, self.tr("About docexam"), f"docexam {docexam.__version__}\n"
                          + self.tr("Forensic examination of travel documents in visible, UV and IR light."))

    def _focus_browser(self) -> None:
        self.docks["cases"].raise_()
        self.browser.text.setFocus()
        self.browser.text.selectAll()

    def _remember_recent(self, case_id: int, label: str) -> None:
        recent = [r for r in (self.settings.value("recent/cases") or []) if isinstance(r, str)]
        entry = f"{case_id}\t{label}"
        recent = [entry] + [r for r in recent if r.split("\t", 1)[0] != str(case_id)]
        self.settings.setValue("recent/cases", recent[:MAX_RECENT])
        self._refresh_recent_menu()

    def recent_cases(self) -> list[tuple[int, str]]:
        out = []
        for r in self.settings.value("recent/cases") or []:
            ident, _, label = str(r).partition("\t")
            if ident.isdigit():
                out.append((int(ident), label))
        return out

    def _refresh_recent_menu(self) -> None:
        self.recent_menu.clear()
        for ident, label in self.recent_cases():
            self.recent_menu.addAction(label, lambda i=ident: self.open_case(i))
        self.recent_menu.setEnabled(bool(self.recent_cases()))

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()
        if self.runner.busy:
            # Jobs store only in their last step, in one transaction: cancelling loses nothing half-done.
            self.runner.cancel_all()
            self.runner.wait(10_000)
        self._watch_timer.stop()
        super().closeEvent(event)


class UiWatch(QObject):
    """Measures how long the UI thread is kept from its event loop: a 10 ms timer notes the longest gap between
    its ticks (the figure the workstation's benchmark reports)."""

    def __init__(self) -> None:
        super().__init__()
        self.longest_ms = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer(self, interval=10)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.longest_ms, self._last = 0.0, time.perf_counter()
        self._timer.start()

    def stop(self) -> float:
        self._timer.stop()
        return self.longest_ms

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest_ms = max(self.longest_ms, (now - self._last) * 1000.0 - 10.0)
        self._last = now
