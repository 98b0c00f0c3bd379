"""The catalogues keep up with the code: every string marked for translation (extracted with Babel, as
tools/i18n_catalogue.py does) has a translation in Azerbaijani and Russian, and every word the PDF report draws is
marked."""

from __future__ import annotations

import ast
import gettext
import importlib.util
import re
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import ROOT

_spec = importlib.util.spec_from_file_location("i18n_catalogue", ROOT / "tools" / "i18n_catalogue.py")
catalogue = sys.modules.setdefault("i18n_catalogue", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(catalogue)

#: The calls that mark a string (docexam.i18n's and the report's own).
MARKING = frozenset(catalogue.KEYWORDS)
#: The calls through which the report draws text: every string in their arguments must be marked.
DRAWING = frozenset({"cell", "multi_cell", "para", "heading", "bullets", "grid", "key_values", "text", "set_title",
                     "set_subject"})


@pytest.fixture(scope="module")
def template():
    return catalogue.extract()


def test_every_marked_string_is_translated_in_every_language(template):
    assert len(template) > 200
    for c in catalogue.coverage(template=template):
        assert c.missing == () and c.untranslated == (), (
            f"{c.lang}: {len(c.missing)} marked string(s) not in the catalogue and {len(c.untranslated)} untranslated "
            f"(run `make locale-update`, then translate docexam/locale/{c.lang}/LC_MESSAGES/docexam.po): "
            f"{(c.missing + c.untranslated)[:5]}")
        assert c.share == 1.0


def test_the_check_finds_a_marked_string_a_catalogue_lacks(tmp_path):
    package = tmp_path / "docexam"
    (package / "gui").mkdir(parents=True)
    (package / "words.py").write_text('from docexam.i18n import _, N_\nA = N_("open")\nB = _("a new sentence")\n'
                                      'C = ngettext("{n} finding", "{n} findings", 2)\n')
    (package / "gui" / "window.py").write_text('_("left to Qt")\n')
    for lang in catalogue.LANGUAGES:
        po = catalogue.po_file(lang, tmp_path)
        po.parent.mkdir(parents=True)
        po.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=utf-8\\n"\n\nmsgid "open"\nmsgstr "x"\n\n'
                      'msgid "a new sentence"\nmsgstr ""\n', encoding="utf-8")
    found = catalogue.coverage(tmp_path)
    assert [(c.lang, c.marked, c.translated, c.missing, c.untranslated) for c in found] == [
        (lang, 3, 1, ("{n} finding",), ("a new sentence",)) for lang in catalogue.LANGUAGES]


def _name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _words(node: ast.expr) -> bool:
    """Whether a string constant or f-string holds words (two letters or more) a reader reads."""
    parts = [node.value] if isinstance(node, ast.Constant) and isinstance(node.value, str) else [
        v.value for v in node.values if isinstance(v, ast.Constant)] if isinstance(node, ast.JoinedStr) else []
    return any(len(w) >= 2 and w.isalpha() for part in parts for w in
               "".join(ch if ch.isalpha() else " " for ch in part).split())


#: Strings in drawing calls that are not words to translate: fpdf2's arguments, and what is the same in every
#: language (units and the program's name).
NOT_WORDS = {"LMARGIN", "NEXT", "DF", "F", "D", "B", "C", "R", "L", "LEFT", "HORIZONTAL_LINES", "BOLD", "SHA-256",
             " px", " dpi", "{nb}"}


def unmarked_drawn_strings(source: str, filename: str = "<report>") -> list[str]:
    """Each string with words in the arguments of a drawing call (or an f-string anywhere) that no marking call
    holds, as ``file:line 'text'``."""
    tree = ast.parse(source, filename)
    marked: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _name(node.func) in MARKING:
            marked.update(id(n) for arg in node.args for n in ast.walk(arg))
    parts = {id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for v in node.values}
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and _name(node.func) in DRAWING):
            continue
        for arg in [*node.args, *(k.value for k in node.keywords)]:
            for n in ast.walk(arg):
                if id(n) in marked or id(n) in parts or not isinstance(n, (ast.Constant, ast.JoinedStr)) or not _words(n):
                    continue
                text = ast.unparse(n)
                if isinstance(n, ast.Constant) and n.value in NOT_WORDS:
                    continue
                found.append(f"{filename}:{n.lineno} {text}")
    return found


def marked_f_strings(source: str, filename: str = "<module>") -> list[str]:
    """Marking calls given an f-string: extraction cannot see what it will be, so it is never translated."""
    tree = ast.parse(source, filename)
    return [f"{filename}:{node.lineno} {ast.unparse(node)}" for node in ast.walk(tree)
            if isinstance(node, ast.Call) and _name(node.func) in MARKING and node.args
            and isinstance(node.args[0], ast.JoinedStr)]


def test_every_word_the_report_draws_is_marked():
    for path in sorted((ROOT / "docexam" / "report").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        assert unmarked_drawn_strings(source, path.name) == []


def test_no_marked_string_is_an_f_string():
    for path in sorted((ROOT / "docexam").rglob("*.py")):
        if "gui" not in path.relative_to(ROOT / "docexam").parts:
            assert marked_f_strings(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT))) == []


def test_the_report_check_catches_unmarked_and_f_string_words():
    source = textwrap.dedent('''
        def section(self, n):
            self.heading("Checks performed")
            self.cell(10, 5, f"{n} finding(s)", new_x="LMARGIN", new_y="NEXT")
            self.grid((self.tr("Light"), "Score"), [], (10, 10))
            self.para(self.tr("Reasons: {note}", note=n), style="B")
            self.cell(10, 5, "#")
            self.tr(f"{n} alarms")
    ''')
    assert unmarked_drawn_strings(source) == ["<report>:3 'Checks performed'", "<report>:4 f'{n} finding(s)'",
                                              "<report>:5 'Score'"]
    assert marked_f_strings(source) == ["<module>:8 self.tr(f'{n} alarms')"]


def test_the_catalogues_compile(tmp_path):
    for lang in catalogue.LANGUAGES:
        copy = tmp_path / lang / "LC_MESSAGES" / "docexam.po"
        copy.parent.mkdir(parents=True)
        copy.write_bytes(catalogue.po_file(lang).read_bytes())
        mo = catalogue.compile_po(copy)
        with mo.open("rb") as f:
            compiled = gettext.GNUTranslations(f)
        assert compiled.gettext("Examiner") != "Examiner"
        assert Path(mo).stat().st_size > 10_000


#: Phrases in the report's modules that are not shown to a reader as docexam's words: font files, an exception
#: caught where it is raised, and the stand-in for a character's Unicode name (Unicode's names are English).
NOT_SHOWN = {"no alignment", "a control character"}


def unmarked_phrases(source: str, filename: str = "<report>") -> list[str]:
    """Each string holding two words or more (``Checks performed``, ``finding(s), {n}``) outside a marking call,
    docstrings, file names and :data:`NOT_SHOWN`: a phrase built apart from the drawing call that shows it."""
    tree = ast.parse(source, filename)
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _name(node.func) in MARKING:
            skipped.update(id(n) for arg in node.args for n in ast.walk(arg))
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body and isinstance(
                node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant):
            skipped.add(id(node.body[0].value))
        if isinstance(node, ast.JoinedStr):
            skipped.update(id(v) for v in node.values)
    found = []
    for n in ast.walk(tree):
        if id(n) in skipped:
            continue
        if isinstance(n, ast.Constant) and isinstance(n.value, str):
            text = n.value
        elif isinstance(n, ast.JoinedStr):
            text = "".join(v.value for v in n.values if isinstance(v, ast.Constant))
        else:
            continue
        if re.search(r"[A-Za-z]{2,}[ ,.:;()]+[A-Za-z]{2,}", text) and text not in NOT_SHOWN and not re.search(
                r"\.(ttf|otf|ttc)$", text):
            found.append(f"{filename}:{n.lineno} {ast.unparse(n)}")
    return found


def test_every_phrase_in_the_report_is_marked():
    for path in sorted((ROOT / "docexam" / "report").glob("*.py")):
        assert unmarked_phrases(path.read_text(encoding="utf-8"), path.name) == []


def test_the_phrase_check_catches_a_sentence_built_apart():
    source = textwrap.dedent('''
        def legend(self, n):
            """A docstring is not shown."""
            text = "Each finding is outlined"
            text += f" ({n} finding(s))"
            return self.tr("Not marked: {n}", n=n) + text + "DejaVuSans.ttf"
    ''')
    assert unmarked_phrases(source) == ["<report>:4 'Each finding is outlined'"]


def gettext_aliases(source: str, filename: str = "<module>") -> list[str]:
    """Names bound to a translating function (``say = words.gettext``): strings passed to them are never extracted."""
    tree = ast.parse(source, filename)
    return [f"{filename}:{node.lineno} {ast.unparse(node)}" for node in ast.walk(tree)
            if isinstance(node, ast.Assign) and _name(node.value) in MARKING]


def test_no_module_calls_a_translating_function_by_another_name():
    assert gettext_aliases("say = words.gettext\nn = ngettext\nx = words.gettext('a')\n") == [
        "<module>:1 say = words.gettext", "<module>:2 n = ngettext"]
    for path in sorted((ROOT / "docexam").rglob("*.py")):
        if "gui" not in path.relative_to(ROOT / "docexam").parts:
            assert gettext_aliases(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT))) == []


def test_the_tool_compiles_catalogues_named_relative_to_the_root_as_make_names_them(tmp_path, monkeypatch, capsys):
    for lang in catalogue.LANGUAGES:
        copy = tmp_path / "docexam" / "locale" / lang / "LC_MESSAGES" / "docexam.po"
        copy.parent.mkdir(parents=True)
        copy.write_bytes(catalogue.po_file(lang).read_bytes())
    monkeypatch.chdir(tmp_path)
    assert catalogue.main(["compile", "docexam/locale/az/LC_MESSAGES/docexam.po"]) == 0
    assert (tmp_path / "docexam" / "locale" / "az" / "LC_MESSAGES" / "docexam.mo").is_file()
    assert "compiled" in capsys.readouterr().out
