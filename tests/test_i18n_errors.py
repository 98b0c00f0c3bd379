"""The errors an examiner or trainer meets with a bad file or a wrong choice reach them in their language (issue 23):
every message raised in the modules below is marked for translation where it is raised, but for the programmer's
errors listed with their reason; the JSON output keeps them in English."""

from __future__ import annotations

import ast
import json
import re
import textwrap
from pathlib import Path

import pytest

from docexam.cli import main
from docexam.i18n import set_language
from tests.conftest import ROOT
from tests.test_i18n_catalogues import MARKING, _name

#: The modules whose every raised message is marked.
MARKED = ("imageio.py", "zipread.py")

#: Raised messages that stay English on purpose, as (module, the message's start), each with its reason.
PROGRAMMER_ERRORS: dict[tuple[str, str], str] = {
    ("imageio.py", "max_pixels must be"): "a limit a caller passes (the command line passes none)",
    ("imageio.py", "max_bytes must be"): "a limit a caller passes (the command line passes none)",
    ("imageio.py", "pages must be"): "a page count a caller passes",
    ("imageio.py", "to_gray expects"): "an array of the wrong type or shape handed to an image function",
    ("imageio.py", "to_gray got an image"): "an array without pixels handed to an image function",
}


def _literal(node: ast.expr) -> str | None:
    """The text of a string constant or f-string (its fixed parts), None for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    return None


def unmarked_raises(source: str, filename: str = "<module>") -> list[str]:
    """Each string with a word in it that a ``raise`` carries outside a marking call (``_``, ``N_``, ``ngettext``):
    ``raise X("text")``, ``raise X(f"{path}: text")``, ``raise X(path, "text" + hint)``."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
            continue
        marked: set[int] = set()
        for sub in ast.walk(node.exc):
            if isinstance(sub, ast.Call) and _name(sub.func) in MARKING:
                marked.update(id(n) for n in ast.walk(sub))
            if isinstance(sub, ast.JoinedStr):
                marked.update(id(v) for v in sub.values)  # the f-string is judged whole
        for sub in ast.walk(node.exc):
            text = None if id(sub) in marked else _literal(sub)
            if text is not None and re.search(r"[A-Za-z]{2,}", text):
                found.append(f"{filename}:{sub.lineno} {text.strip()}")
    return found


def _allowed(filename: str, hit: str) -> bool:
    text = hit.split(" ", 1)[1]
    return any(filename == module and text.startswith(start) for module, start in PROGRAMMER_ERRORS)


def test_every_message_raised_in_the_marked_modules_is_marked():
    for pattern in MARKED:
        for path in sorted((ROOT / "docexam").glob(pattern)):
            name = str(path.relative_to(ROOT / "docexam"))
            hits = unmarked_raises(path.read_text(encoding="utf-8"), name)
            assert [h for h in hits if not _allowed(name, h)] == []


def test_every_allowed_programmer_error_is_still_raised():
    """An entry of the allow-list whose message is gone would let a new unmarked one with the same start pass."""
    for module, start in PROGRAMMER_ERRORS:
        source = (ROOT / "docexam" / module).read_text(encoding="utf-8")
        assert any(h.split(" ", 1)[1].startswith(start) for h in unmarked_raises(source, module)), (module, start)


def test_the_raise_check_catches_a_message_raised_unmarked():
    source = textwrap.dedent('''
        def load(path, n):
            if n:
                raise ImageReadError(path, N_("page {page}: damaged"), page=n)
            raise ImageReadError(path, "is damaged", _("check it"))
            raise PackError(f"{path} is not a pack")
            raise PackError(_("{path} is not a pack").format(path=path))
            raise ValueError(f"{n}")
            raise KeyError(path)
    ''')
    assert unmarked_raises(source) == ["<module>:5 is damaged", "<module>:6 is not a pack"]


@pytest.fixture
def corrupt_png(tmp_path: Path) -> Path:
    from PIL import Image

    path = tmp_path / "visible.png"
    Image.new("RGB", (64, 48), "white").save(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # cut short: the header reads, the pixels do not
    return path


@pytest.mark.parametrize(("lang", "words"), [
    ("ru", "данные изображения повреждены или обрезаны"),
    ("az", "təsvir məlumatları zədələnib və ya yarımçıqdır"),
    ("en", "image data is damaged or truncated"),
])
def test_docexam_read_of_a_corrupt_image_says_so_in_the_language(corrupt_png, lang, words, capsys):
    try:
        code = main(["--lang", lang, "read", str(corrupt_png)])
    finally:
        set_language(None)
    out = capsys.readouterr().out
    assert code == 1  # as in English: the image could not be read
    assert words in out, out
    assert str(corrupt_png) in out


def test_docexam_read_json_keeps_the_english_message_in_any_language(corrupt_png, capsys):
    try:
        code = main(["--lang", "ru", "read", "--json", str(corrupt_png)])
    finally:
        set_language(None)
    assert code == 1
    record = json.loads(capsys.readouterr().out)
    assert record["path"] == str(corrupt_png)
    assert "image data is damaged or truncated" in record["error"]
    assert not re.search("[а-яА-Я]", record["error"])


def test_an_image_error_is_made_in_the_language_and_keeps_its_english(tmp_path):
    import pickle

    from docexam.imageio import ImageReadError, load_images

    set_language("ru")
    try:
        with pytest.raises(ImageReadError) as e:
            load_images(tmp_path / "nope.png")
    finally:
        set_language(None)
    back = pickle.loads(pickle.dumps(e.value))
    assert str(e.value) == f"{tmp_path / 'nope.png'}: нет такого файла; проверьте путь"
    assert e.value.english == f"{tmp_path / 'nope.png'}: no such file; check the path"
    assert (back.reason, back.english) == ("no such file", e.value.english)  # remade in the language of the reader
