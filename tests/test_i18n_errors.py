"""The errors an examiner or trainer meets with a bad file or a wrong choice reach them in their language (issue 23):
every message raised in the modules below is marked for translation where it is raised, but for the programmer's
errors listed with their reason; the JSON output keeps them in English."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest

from docexam.cli import main
from docexam.i18n import set_language
from tests.conftest import ROOT
from tests.i18n_scan import allowed, any_words, hit_text, unmarked_messages
from tests.test_i18n_catalogues import MARKING

#: The modules whose every raised message is marked.
MARKED = ("imageio.py", "zipread.py", "workbench/*.py", "references/*.py", "compare/reference.py",
          "compare/geometry.py", "compare/pipeline.py", "specimens/exercise.py")

#: Raised messages that stay English on purpose, as (module, the start of the message's fixed text), each with its
#: reason: arguments a program passes (a wrong type, shape or option), which no examiner can type or choose.
PROGRAMMER_ERRORS: dict[tuple[str, str], str] = {
    ("imageio.py", "max_pixels must be"): "a limit a caller passes (the command line passes none)",
    ("imageio.py", "max_bytes must be"): "a limit a caller passes (the command line passes none)",
    ("imageio.py", "pages must be"): "a page count a caller passes",
    ("imageio.py", "to_gray expects"): "an array of the wrong type or shape handed to an image function",
    ("imageio.py", "to_gray got an image"): "an array without pixels handed to an image function",
    # The workstation's own calls: its widgets offer only the values these accept.
    ("workbench/adjust.py", "channel must be one of"): "the adjustment panel offers only the channels it names",
    ("workbench/adjust.py", "image must be"): "an array of the wrong type or shape handed to an image function",
    ("workbench/cases.py", "day must be a datetime.date"): "the search panel passes dates, not text",
    ("workbench/comparison.py", "mode must be one of"): "the comparison view offers only its modes",
    ("workbench/comparison.py", "the difference map must be"): "an array handed to an image function",
    ("workbench/comparison.py", "threshold must be above 0"): "the slider's range starts above 0",
    ("workbench/library.py", "size must be at least 8 pixels"): "a thumbnail size the workstation passes",
    ("workbench/ranges.py", "must be a number from"): "the widgets' own ranges (sliders, spin boxes)",
    ("workbench/ranges.py", "must be from"): "the widgets' own ranges (sliders, spin boxes)",
    ("workbench/state.py", "reference must be a docexam"): "an object of the wrong type handed to the state",
    ("workbench/state.py", "comparison must be a docexam"): "an object of the wrong type handed to the state",
    ("workbench/tasks.py", "settle_s must be"): "the watcher's settle time is the workstation's, not the examiner's",
    ("workbench/trainee.py", "size must be a positive"): "the view passes its image's size",
    ("workbench/trainee.py", "key regions must be KeyRegion"): "objects of the wrong type handed to the scorer",
    ("workbench/trainee.py", "images must be DocumentImages"): "an object of the wrong type handed to the view",
    ("workbench/training.py", "options must be a PackOptions"): "an object of the wrong type handed to generate()",
    ("workbench/training.py", "marks must be Mark objects"): "objects of the wrong type handed to the answers",
    ("workbench/view.py", "centre must be"): "the viewport's geometry comes from the widget, never typed",
    ("workbench/view.py", "dpi must be positive"): "the viewport's geometry comes from the widget, never typed",
    ("workbench/view.py", "the viewport must be"): "the viewport's geometry comes from the widget, never typed",
    ("workbench/view.py", "factor must be"): "the viewport's geometry comes from the widget, never typed",
    ("workbench/view.py", "image_size must be"): "the viewport's geometry comes from the widget, never typed",
    ("workbench/view.py", "box must have"): "the viewport's geometry comes from the widget, never typed",
    ("references/annotate.py", "images must be a mapping"): "a mapping of the wrong shape handed to annotate()",
    ("references/annotate.py", "the  capture must be an (H, W, 3)"): "an array of the wrong type or shape",
    ("references/faces.py", "the cascade file is not"): "the cascade is bundled with docexam",
    ("references/faces.py", "is not an OpenCV LBP cascade"): "the cascade is bundled with docexam",
    ("references/faces.py", "gray must be"): "an array of the wrong type or shape",
    ("references/faces.py", "scale_factor must be"): "an option the caller passes",
    ("references/holder_text.py", "visible must be"): "an array of the wrong type or shape",
    ("references/perforation.py", "grey must be"): "an array of the wrong type or shape",
    ("references/perforation.py", "px_per_mm must be"): "a scale computed by the caller",
    ("references/viz.py", "image must be"): "an array of the wrong type or shape",
    ("references/viz.py", "px_per_mm must be"): "a scale computed by the caller",
    ("references/variable.py", "specimen  is not (captures with a visible image"): "objects of the wrong type",
    ("references/variable.py", "diff must be an (H, W, C) array"): "an array learn_variable computes",
    ("references/variable.py", "grey must be a 2-D image"): "an array of the wrong type or shape",
    ("references/variable.py", "box must be (x, y, w, h)"): "a region's box the caller passes",
    ("compare/geometry.py", "must be a numpy array"): "an object of the wrong type handed to an image function",
    ("compare/geometry.py", "is empty (shape"): "an array without pixels handed to an image function",
    ("compare/geometry.py", "must have dtype uint8"): "an array of the wrong type",
    ("compare/geometry.py", "must be (H, W) grey"): "an array of the wrong shape",
    ("compare/geometry.py", "must be a finite, invertible"): "a homography computed by the caller",
    ("compare/geometry.py", "aspect must be"): "a ratio the caller computes",
    ("compare/geometry.py", "reference must be a docexam"): "an object of the wrong type",
    ("compare/geometry.py", "questioned must be a non-empty"): "a mapping of the wrong shape",
    ("compare/geometry.py", "unknown light(s)"): "the lights come from file names the loader checked",
    ("compare/geometry.py", "image must be a non-empty"): "an array of the wrong shape",
    ("compare/geometry.py", "alignment must be"): "an object of the wrong type",
    ("compare/geometry.py", "shape must give"): "a shape the caller computes",
    ("compare/geometry.py", "border must be one of"): "an option the caller passes",
    ("compare/geometry.py", "capture_shape must"): "a shape the caller computes",
    ("compare/geometry.py", "margin_px must"): "an option the caller passes",
    ("compare/geometry.py", "mask must be"): "an array of the wrong type or shape",
    ("compare/geometry.py", "reference must be a Reference with a"): "an object of the wrong type handed to the residual fit",
    ("compare/geometry.py", "the rectified image is"): "the pipeline warps every capture into the reference's frame first",
    ("compare/geometry.py", "residual must be a ResidualField"): "an object of the wrong type or shape",
}


def unmarked_raises(source: str, filename: str = "<module>") -> list[str]:
    """Each phrase (words with a space) that a ``raise`` or an exception's ``super().__init__`` carries outside a
    marking call (``_``, ``N_``, ``ngettext``: ``ImageReadError`` translates its ``N_`` templates itself); a file name
    (``specimen.json``) or a lone word is not a phrase."""
    return unmarked_messages(source, filename, marking=MARKING, is_phrase=any_words)


def _allowed(filename: str, hit: str) -> bool:
    return allowed(hit, filename, PROGRAMMER_ERRORS)


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
        assert any(hit_text(h).startswith(start) for h in unmarked_raises(source, module)), (module, start)


def test_the_raise_check_catches_a_message_raised_unmarked():
    source = textwrap.dedent('''
        def load(path, n):
            if n:
                raise ImageReadError(path, N_("page {page}: damaged"), page=n)
            raise ImageReadError(path, "is damaged", _("check it"))
            raise PackError(f"{path} is not a pack")
            raise PackError(_("{path} is not a pack").format(path=path))
            raise ValueError(f"{n}")
            raise KeyError(path, "specimen.json")

        class PackError(ValueError):
            def __init__(self, pack):
                super().__init__(f"{pack} is damaged; hand it out again")
    ''')
    assert unmarked_raises(source) == ["<module>:5 is damaged", "<module>:6 is not a pack",
                                       "<module>:13 is damaged; hand it out again"]


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
