"""The command line speaks the examiner's language throughout (issue 23): every command's help, argparse's own words,
and the messages of every command (compare, exercise, reference, user, key, trust, case, demo, engines, mrz, read) are
marked for translation and translated; English stays as it always was."""

from __future__ import annotations

import argparse
import ast
import re
import textwrap

import pytest

from docexam.cli import build_parser, main
from docexam.i18n import set_language
from tests.conftest import ROOT
from tests.test_i18n_catalogues import unmarked_phrases


def help_texts(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> dict[tuple[str, ...], str]:
    """Every text a reader sees in ``--help`` of ``parser`` and of each command below it: descriptions, epilogs,
    each option's and command's help, and the titles of argument groups, keyed by where they are."""
    out: dict[tuple[str, ...], str] = {}
    if parser.description:
        out[(*path, "<description>")] = parser.description
    if parser.epilog:
        out[(*path, "<epilog>")] = parser.epilog
    for i, group in enumerate(parser._action_groups):
        if group.title:
            out[(*path, f"<group {i}>")] = group.title
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                out[(*path, choice.dest, "<help>")] = choice.help or ""
            for name, sub in action.choices.items():
                out.update(help_texts(sub, (*path, name)))
        elif action.help and action.help != argparse.SUPPRESS:
            out[(*path, "/".join(action.option_strings) or action.dest)] = action.help
    return out


def parser_in(lang: str) -> argparse.ArgumentParser:
    set_language(lang)
    try:
        return build_parser()
    finally:
        set_language(None)


def untranslated_help(lang: str) -> list[str]:
    """Each help text with words that reads the same in ``lang`` as in English."""
    english, other = help_texts(parser_in("en")), help_texts(parser_in(lang))
    assert english.keys() == other.keys()
    return [f"{' '.join(where)}: {text!r}" for where, text in english.items()
            if other[where] == text and re.search(r"[A-Za-z]{2,}", text)]


@pytest.mark.parametrize("lang", ["az", "ru"])
def test_every_commands_help_is_translated(lang):
    assert untranslated_help(lang) == []


def test_the_help_check_finds_a_help_text_nobody_marked(monkeypatch):
    from docexam.cli import user_cmd

    real = user_cmd.add_parser

    def with_an_unmarked_option(sub):
        real(sub)
        sub.choices["user"].add_argument("--colour", help="the colour of the account")

    monkeypatch.setattr(user_cmd, "add_parser", with_an_unmarked_option)
    assert untranslated_help("az") == ["user --colour: 'the colour of the account'"]


@pytest.mark.parametrize(("lang", "words"), [
    ("az", ["istifadə: docexam trust", "seçimlər:", "bu kömək mesajını göstərmək və çıxmaq", "etibar siyahısı əmrləri:"]),
    ("ru", ["использование: docexam trust", "параметры:", "показать эту справку и выйти", "команды списка доверия:"]),
    ("en", ["usage: docexam trust", "options:", "show this help message and exit", "trust commands:"]),
])
def test_a_commands_help_with_argparses_own_words_in_each_language(lang, words, capsys):
    with pytest.raises(SystemExit):
        main(["--lang", lang, "trust", "--help"])
    out = capsys.readouterr().out
    assert all(w in out for w in words), out


def test_argparses_errors_are_in_the_language_too(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--lang", "ru", "exercise", "generate", "--count", "x"])
    assert stop.value.code == 2
    assert "docexam exercise generate: ошибка: аргумент --count: недопустимое значение int: 'x'" in \
        capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["exercise", "generate", "--count", "x"])  # and English again after it
    assert "error: argument --count: invalid int value: 'x'" in capsys.readouterr().err


#: The command modules whose every message is marked: every one.
MARKED_MODULES = ("compare_cmd", "exercise_cmd", "reference_cmd", "user_cmd", "key_cmd", "argparse_words", "case_cmd",
                  "demo_cmd", "engines_cmd", "read_cmd", "mrz_cmd")
#: What a command module writes that is not a phrase to translate: a command's name before its message
#: (``docexam reference create: ``, ``docexam case {command}: ``, ``docexam case attach: {file}: ``), the module a
#: command's work is in, file names given as metavars or globs, an audit entry's action (``case.verdict``), a command
#: line to type (``docexam compare --reference DIR ...``), the demo case's title and note as the store keeps them, the
#: reasons ``docexam mrz --correct`` refuses a character, which its JSON gives in English (``not_corrected``; the text
#: output wraps them in a marked sentence), and an action's name passed to the store's English permission error.
NOT_A_PHRASE = re.compile(r"^(docexam )?(compare|exercise|reference|user|key|trust|case|demo|read|mrz)( [a-z-]*)?"
                          r"(:\s*)*"
                          r"( ?--[a-z-]+ ?)*$|^docexam\.cli\.|\.(json|zip|pdf|jpg)$|^case\.[a-z-]+$"
                          r"|^docexam [a-z]+ [a-z ]*--[a-z-]+ |^docexam demo: the bundled specimens$"
                          r"|^made by `make run`; safe to ignore$|^grant database roles$"
                          r"|^bytes that are not UTF-8 text$|^not an ASCII character$|^line  position  holds$")


def unmarked_messages(source: str, filename: str = "<command>") -> list[str]:
    """The phrases of a command module that no marking call holds, but command names and the like."""
    found = []
    for hit in unmarked_phrases(source, filename):
        literal = hit.split(" ", 1)[1]
        node = ast.parse(literal, mode="eval").body
        text = node.value if isinstance(node, ast.Constant) else "".join(
            v.value for v in node.values if isinstance(v, ast.Constant))
        if not NOT_A_PHRASE.search(text.strip()):
            found.append(hit)
    return found


def test_every_message_of_the_marked_commands_is_marked():
    for name in MARKED_MODULES:
        path = ROOT / "docexam" / "cli" / f"{name}.py"
        assert unmarked_messages(path.read_text(encoding="utf-8"), path.name) == []


def test_the_message_check_catches_a_message_built_unmarked():
    source = textwrap.dedent('''
        def run(args):
            print(f"docexam key create: {e}")
            print(_("made the {kind} key").format(kind=k))
            print(f"wrote the key to {args.out}")
            return fail("trust add", "the key is not trusted here")
    ''')
    assert unmarked_messages(source) == ["<command>:5 f'wrote the key to {args.out}'",
                                         "<command>:6 'the key is not trusted here'"]


def test_reference_list_and_user_list_speak_each_language(tmp_path, capsys):
    db = str(tmp_path / "cases.db")
    said = {}
    for lang in ("en", "az", "ru"):
        assert main(["--lang", lang, "reference", "list", "--db", db]) == 0
        assert main(["--lang", lang, "trust", "list", "--db", db]) == 0
        said[lang] = capsys.readouterr().out.splitlines()
    assert said["en"] == ["no references; make one with `docexam reference create`", "no trusted keys"]
    assert said["az"] == ["etalon yoxdur; `docexam reference create` ilə yaradın", "etibar edilən açar yoxdur"]
    assert said["ru"] == ["эталонов нет; создайте эталон командой `docexam reference create`", "доверенных ключей нет"]


def test_docexam_read_says_why_no_mrz_was_found_in_the_language_asked_for(tmp_path, capsys):
    """The reader's note (docexam.read.reader.NO_LINES) is worded where it is printed; JSON keeps it in English."""
    import numpy as np
    from PIL import Image

    blank = tmp_path / "blank.png"
    Image.fromarray(np.full((300, 420, 3), 240, np.uint8)).save(blank)
    assert main(["--lang", "ru", "read", "--engine", "ocrb", str(blank)]) != 0
    out = capsys.readouterr().out
    assert "МСЗ не найдена (не найдено строк текста, похожих на МСЗ)" in out and "MRZ-like" not in out
    assert main(["read", "--engine", "ocrb", "--json", str(blank)]) != 0
    assert '"no MRZ-like text lines found"' in capsys.readouterr().out
