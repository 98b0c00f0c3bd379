"""The workstation in English, Azerbaijani and Russian (issue 23): every string a widget shows is marked for Qt's
translation system, every catalogue entry is translated, and the window speaks the language chosen."""

import ast
import importlib.util
import re
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

from docexam import i18n
from docexam.gui import i18n as gui_i18n
from docexam.gui.main_window import MainWindow
from docexam.workbench import Workbench

ROOT = Path(__file__).resolve().parents[2]
GUI = ROOT / "docexam" / "gui"

_spec = importlib.util.spec_from_file_location("gui_i18n_tool", ROOT / "tools" / "gui_i18n.py")
tool = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("gui_i18n_tool", tool)
_spec.loader.exec_module(tool)

#: Calls whose first argument (or text= keyword) is shown to the examiner.
SHOWN_FIRST = {"setText", "setToolTip", "setStatusTip", "setWhatsThis", "setWindowTitle", "setPlaceholderText",
               "addMenu", "addToolBar", "setTitle", "showMessage", "QLabel", "QPushButton", "QToolButton", "QCheckBox",
               "QRadioButton", "QGroupBox", "QAction", "QDockWidget", "QMenu", "addItem", "addTab", "setPrefix",
               "setSuffix", "setSpecialValueText", "addSection", "setHeaderLabels", "setHorizontalHeaderLabels",
               "show_error", "set_choice", "_action", "addRow", "set_message", "set_caption", "emit"}
#: Dialogs: which arguments (after the parent) are shown words: a title and a text, or a file dialog's caption and
#: filter (not its proposed file name).
SHOWN_DIALOG = {**dict.fromkeys(("getText", "getItem", "getInt", "getDouble", "question", "warning", "information",
                                 "critical", "about"), (1, 2)),
                **dict.fromkeys(("getOpenFileName", "getOpenFileNames", "getSaveFileName", "getExistingDirectory"),
                                (1, 3))}
#: Modules of docexam/gui still to be marked (each leaves this set as it is done; the set only shrinks).
PENDING: set[str] = set()


def _name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


#: Words the same in every language: the product's name ("… — docexam" in a title), a hash's and a resolution's name.
SAME_IN_EVERY_LANGUAGE = ("docexam", "sha256", "dpi")


def _letters(text: str) -> bool:
    """Words in ``text``, HTML tags and the words that stay the same in every language aside."""
    text = re.sub(r"<[^>]*>", "", text)
    for same in SAME_IN_EVERY_LANGUAGE:
        text = text.replace(same, "")
    return any(c.isalpha() for c in text)


def _words(node: ast.expr) -> bool:
    """A literal with letters in it (an f-string counts: its words are fixed, so they should be marked)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return _letters(node.value)
    if isinstance(node, ast.JoinedStr):  # its fixed parts, the fields between them as "{}" (a tag may hold one)
        return _letters("".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values))
    if isinstance(node, ast.BinOp):
        return _words(node.left) or _words(node.right)
    if isinstance(node, (ast.List, ast.Tuple)):
        return any(_words(e) for e in node.elts)
    if isinstance(node, ast.IfExp):
        return _words(node.body) or _words(node.orelse)
    return False


def unmarked(source: str) -> list[tuple[int, str]]:
    """``(line, call)`` of each string literal passed where a widget shows it, not through tr()/translate()."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        shown: list[ast.expr] = []
        if name in SHOWN_FIRST:
            shown += node.args[:1]
        shown += [node.args[i] for i in SHOWN_DIALOG.get(name, ()) if i < len(node.args)]
        if name in ("drawText", "_draw_label", "_draw_banner"):  # painted text: the last argument
            shown += [a for a in node.args[1:] if isinstance(a, (ast.Constant, ast.JoinedStr))][-1:]
        shown += [k.value for k in node.keywords if k.arg in ("text", "tip", "title", "failure", "toolTip", "suffix")]
        found += [(node.lineno, name) for arg in shown if _words(arg)]
    return found


def test_the_scan_finds_an_unmarked_label_and_passes_a_marked_one():
    assert unmarked('QLabel("Verdict")\nb.setToolTip(f"{n} findings")') == [(1, "QLabel"), (2, "setToolTip")]
    assert unmarked('QLabel(self.tr("Verdict"))\nb.setToolTip(self.tr("%n finding(s)", "", n))\nQLabel("12")') == []
    assert unmarked('QMessageBox.question(self, "Export", self.tr("Sure?"))') == [(1, "question")]
    assert unmarked('w.setText(f"<b>{name}</b><br>" + self.tr("examiner"))\nw.setText(f"{n} dpi")') == []


@pytest.mark.parametrize("module", sorted(p.name for p in GUI.glob("*.py") if p.name not in PENDING))
def test_every_string_a_widget_shows_is_marked_for_translation(module):
    assert unmarked((GUI / module).read_text(encoding="utf-8")) == []


def test_pending_modules_exist():
    assert PENDING <= {p.name for p in GUI.glob("*.py")}


@pytest.mark.parametrize("lang", tool.LANGUAGES)
def test_every_catalogue_entry_is_translated(lang):
    share = tool.share(lang)
    assert share.total > 150
    assert share.missing == (), f"untranslated in docexam_{lang}.ts (tools/gui_i18n.py stats --list)"


@pytest.mark.parametrize("lang", tool.LANGUAGES)
def test_a_translation_names_only_the_placeholders_its_source_gives(lang):
    """A placeholder the source does not fill would raise at run time; {label} (a light's name on its own, for a
    language whose sentence cannot take the light's phrase) is given wherever {light} is."""
    import xml.etree.ElementTree as ET

    for message in ET.parse(tool.ts_file(lang)).getroot().iter("message"):
        source = message.findtext("source") or ""
        given = set(re.findall(r"{(\w+)}", source)) | ({"label"} if "{light}" in source else set())
        translation = message.find("translation")
        for text in [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]:
            assert set(re.findall(r"{(\w+)}", text)) <= given, (source, text)
            assert ("%n" in text) == ("%n" in source), (source, text)


@pytest.mark.parametrize("lang", tool.LANGUAGES)
def test_every_marked_string_is_in_the_catalogues(lang, tmp_path):
    """The catalogue is up to date with the code: lupdate into a copy adds nothing."""
    copy = tmp_path / "docexam" / "gui" / "translations"
    copy.mkdir(parents=True)
    (copy / f"docexam_{lang}.ts").write_bytes(tool.ts_file(lang).read_bytes())
    for p in GUI.glob("*.py"):
        (tmp_path / "docexam" / "gui" / p.name).write_bytes(p.read_bytes())
    tool.update(tmp_path)
    fresh = tool.share(lang, tmp_path)
    assert fresh.missing == (), "marked strings missing from the catalogue: run make locale-update and translate them"
    assert fresh.total == tool.share(lang).total


@pytest.fixture
def language(qapp):
    """``language(lang)``: install ``lang`` as the application's language; English again after the test."""
    yield lambda lang: gui_i18n.install(qapp, lang)
    gui_i18n.install(qapp, "en")


@pytest.fixture
def window_in(qtbot, tmp_path, language, store):
    def make(lang):
        language(lang)
        settings = QSettings(str(tmp_path / f"{lang}.ini"), QSettings.Format.IniFormat)
        win = MainWindow(Workbench(store), settings=settings)
        qtbot.addWidget(win)
        return win

    return make


@pytest.fixture
def store(tmp_path):
    from docexam.store import Store

    s = Store.open(tmp_path / "c.db")
    yield s
    s.close()


def _menus(win) -> list[str]:
    return [a.text() for a in win.menuBar().actions()]


@pytest.mark.parametrize(("lang", "menus", "action"), [
    ("en", ["&File", "&Examine", "Re&ferences", "&Case", "&View", "&Training", "&Help"], "&Compare with reference"),
    ("az", ["&Fayl", "&Ekspertiza", "&Etalonlar", "İş&lər", "&Görünüş", "&Təlim", "&Kömək"], "Etalonla &müqayisə et"),
    ("ru", ["&Файл", "&Экспертиза", "&Эталоны", "&Дело", "&Вид", "&Обучение", "&Справка"], "&Сравнить с эталоном"),
])
def test_the_main_window_shows_its_menus_in_the_language_chosen(window_in, lang, menus, action):
    win = window_in(lang)
    assert _menus(win) == menus
    assert win.act_compare.text() == action
    assert win.docks["findings"].windowTitle() == {"en": "Findings", "az": "Aşkarlananlar",
                                                   "ru": "Выявленные признаки"}[lang]


def test_lights_and_plurals_follow_the_language(window_in):
    win = window_in("ru")
    assert [a.text() for a in win.light_actions.values()] == ["Видимый", "УФ 365 нм", "ИК 870 нм"]
    tr = QCoreApplication.translate
    assert [tr("MainWindow", "%n finding(s)", "", n) for n in (1, 3, 5, 21)] == \
        ["1 признак", "3 признака", "5 признаков", "21 признак"]
    assert QLocale().toString(1234567) == "1\u00a0234\u00a0567"


def test_a_catalogue_read_from_its_ts_translates_as_the_compiled_one(qapp, tmp_path):
    ts, _qm = gui_i18n.catalogue_files("ru")
    read = gui_i18n.TsTranslator(ts, "ru")
    copy = tmp_path / "docexam_ru.ts"
    copy.write_bytes(ts.read_bytes())
    qm = tool.compile_ts(copy)
    compiled = QTranslator()
    assert compiled.load(str(qm))
    for source, n in [("&File", -1), ("%n finding(s)", 2), ("%n finding(s)", 11), ("%n case(s) exported to {path}", 3)]:
        assert read.translate("MainWindow", source, None, n) == compiled.translate("MainWindow", source, None, n) != ""


def test_a_catalogue_compiled_into_the_user_cache_is_never_another_checkouts(qapp, tmp_path, monkeypatch):
    # Two checkouts share one user cache: the one compiled last must not stand for the other's catalogue.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    ts, _qm = gui_i18n.catalogue_files("ru")
    ours, theirs = tmp_path / "a" / "docexam_ru.ts", tmp_path / "b" / "docexam_ru.ts"
    for path, word in ((ours, "&amp;Файл"), (theirs, "&amp;Файлы")):
        path.parent.mkdir()
        path.write_text(ts.read_text(encoding="utf-8").replace("<translation>&amp;Файл</translation>",
                                                               f"<translation>{word}</translation>", 1),
                        encoding="utf-8")
    first, second = gui_i18n._compiled(ours, "ru"), gui_i18n._compiled(theirs, "ru")
    assert first is not None and second is not None and first != second
    assert gui_i18n._compiled(ours, "ru") == first
    translators = [QTranslator(), QTranslator()]
    assert translators[0].load(str(first)) and translators[1].load(str(second))
    assert [t.translate("MainWindow", "&File") for t in translators] == ["&Файл", "&Файлы"]


def test_the_language_is_the_command_lines_then_the_windows_then_the_environments(tmp_path, monkeypatch):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    monkeypatch.setenv("DOCEXAM_LANG", "ru")
    assert gui_i18n.qt_language(settings) == "ru"
    gui_i18n.set_setting(settings, "az")
    assert gui_i18n.qt_language(settings) == "az"
    i18n.set_language("en")
    try:
        assert gui_i18n.qt_language(settings) == "en"
    finally:
        i18n.set_language(None)
    gui_i18n.set_setting(settings, None)
    assert gui_i18n.qt_language(settings) == "ru"
    with pytest.raises(ValueError, match="does not speak"):
        gui_i18n.set_setting(settings, "xx")


def test_view_language_keeps_the_choice_for_the_next_start(window_in):
    win = window_in("en")
    win.language_menu.actions()[1].trigger()  # the first language after "System language"
    assert win.settings.value(gui_i18n.SETTING) == "en"
    az = next(a for a in win.language_menu.actions() if a.text() == "Azərbaycanca")
    az.trigger()
    assert win.settings.value(gui_i18n.SETTING) == "az" and az.isChecked()
    assert "next start" in win.statusBar().currentMessage()
    assert QApplication.instance() is not None


_shots_spec = importlib.util.spec_from_file_location("screenshots_tool", ROOT / "tools" / "screenshots.py")
shots = importlib.util.module_from_spec(_shots_spec)
_shots_spec.loader.exec_module(shots)


@pytest.mark.parametrize("lang", ["en", "az", "ru"])
def test_no_text_is_cut_on_a_laptops_screen_in_any_language(window_in, qapp, lang):
    """At 1366x768 every label and button of the window and of each dock brought to the front shows its whole text
    (the Azerbaijani and Russian words are longer than the English)."""
    win = window_in(lang)
    win.setGeometry(0, 0, 1366, 768)
    win.show()
    cut = []
    for dock in win.docks.values():
        dock.show()
        dock.raise_()
        qapp.processEvents()
        cut += shots.clipped_texts(win)
    assert sorted(set(cut)) == []


def test_the_clipped_text_check_sees_a_cut_label(qtbot):
    from PySide6.QtWidgets import QLabel, QWidget

    root = QWidget()
    qtbot.addWidget(root)
    label = QLabel("Tədqiq olunan sənədin bütün çəkilişləri", root)
    label.setGeometry(0, 0, 40, 20)
    root.show()
    assert shots.clipped_texts(root) and "Tədqiq" in shots.clipped_texts(root)[0]


def test_times_are_iso_in_english_and_the_locales_own_in_azerbaijani_and_russian(qapp, language):
    assert gui_i18n.when_text("2026-12-04T19:07:31.5+00:00") == "2026-12-04 19:07"
    assert gui_i18n.when_text("2026-12-04T19:07:31", seconds=True) == "2026-12-04 19:07:31"
    language("ru")
    assert gui_i18n.when_text("2026-12-04T19:07:31", seconds=True) == "04.12.2026 19:07:31"
    language("az")
    assert gui_i18n.when_text("2026-12-04T19:07:31") == "04.12.2026 19:07"


def test_the_tool_compiles_a_catalogue_named_relative_to_the_working_folder_as_make_names_it(tmp_path, monkeypatch,
                                                                                             capsys):
    copy = tmp_path / "docexam" / "gui" / "translations" / "docexam_az.ts"
    copy.parent.mkdir(parents=True)
    copy.write_bytes(gui_i18n.catalogue_files("az")[0].read_bytes())
    monkeypatch.chdir(tmp_path)
    assert tool.main(["compile", "docexam/gui/translations/docexam_az.ts"]) == 0
    assert (tmp_path / "docexam" / "gui" / "translations" / "docexam_az.qm").stat().st_size > 0
    assert "docexam_az.qm" in capsys.readouterr().out
