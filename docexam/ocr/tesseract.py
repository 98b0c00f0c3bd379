"""The tesseract adapter: Debian's ``tesseract-ocr`` (5.x, LSTM, ``eng``) probed, run and its output parsed. It is
the only place in docexam that talks to tesseract.

1. **Probe** (:func:`available`, :func:`version`, :func:`status`): tesseract 4 or later, its English model and
   pytesseract, cached per tesseract command.
2. **Run**. :func:`recognise_line` prepares one straightened MRZ line (:func:`preprocess`: cropped to its text band,
   contrast-stretched, scaled to capitals :data:`TEXT_HEIGHT` pixels high, which tesseract's LSTM reads best,
   bordered, and binarised when grainy) and reads it in one run: ``--psm 7`` (one text line), ``--oem 1`` (LSTM),
   the MRZ alphabet whitelisted, hOCR with ``hocr_char_boxes=1`` and ``lstm_choice_mode=2``. :func:`recognise` runs
   it on an image already prepared; :func:`read_text` reads a block of printed (VIZ) text, :func:`read_words` the
   words scattered over a page, :func:`read_lines` many single lines (VIZ values) in one run.
3. **Parse** (:func:`parse_hocr`). Tesseract 5.3 emits, per symbol, an ``ocrx_cinfo`` span with its box
   (``x_bboxes``) and confidence (``x_conf``, 0-100), then an ``lstm_choices`` span of alternatives with their own
   ``x_confs`` (0-100, many exactly 0, not sorted, and not always below the chosen symbol's).

Putting the symbols in the MRZ's fixed-pitch cells and checking them against OCR-B's glyph shapes is the reader's
work (:mod:`docexam.read.tesseract_lines`, :mod:`docexam.read.glyphs`), as that geometry serves every engine.

With ``OMP_THREAD_LIMIT=1`` tesseract is 3-5x faster on two cores with the same output, so the adapter sets it in
:data:`os.environ` (which pytesseract passes on) unless it is set. ``pytesseract`` is imported only when tesseract is
first used, so the rest of docexam imports without it.
"""

from __future__ import annotations

import functools
import html.parser
import math
import os
import re
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import cv2
import numpy as np

from docexam.errors import DocexamError
from docexam.mrz.alphabet import MRZ_ALPHABET
from docexam.ocr.levels import paper_and_ink

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

# Preprocessing and recognition
#: Height in pixels the line's characters are scaled to before tesseract reads them.
TEXT_HEIGHT = 36
#: White border added around the line (pixels, after scaling).
BORDER = 16
#: :func:`noise_level` above which a line is binarised before tesseract reads it.
NOISY = 0.045
#: Seconds one tesseract run may take before it is abandoned.
TIMEOUT_S = 30

_CHEVRON_LOOKALIKES = {"«": "<", "‹": "<", "〈": "<", "⟨": "<", "＜": "<", "<": "<"}
_CONFIG = (
    f"--psm 7 --oem 1 -c tessedit_char_whitelist={MRZ_ALPHABET} -c lstm_choice_mode=2 -c hocr_char_boxes=1 "
    "-c load_system_dawg=0 -c load_freq_dawg=0"
)


class TesseractUnavailable(DocexamError, RuntimeError):
    """Tesseract (or pytesseract, or its English model) is missing or cannot run."""

    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(
            f"tesseract is not available: {detail}. Install Debian's tesseract-ocr (apt install tesseract-ocr "
            "tesseract-ocr-eng) and the pytesseract package, or read with --engine ocrb"
        )


class TesseractTimeout(TesseractUnavailable):
    """A tesseract run did not answer within its timeout (:data:`TIMEOUT_S`, or the reader's time budget)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        DocexamError.__init__(self, f"tesseract did not answer within {seconds:.2f} s")
        self.detail = f"it did not answer within {seconds:.2f} s"


# --------------------------------------------------------------------------------------------------- availability

_probes: dict[str, tuple[bool, str | None, str]] = {}


def _pytesseract():
    import pytesseract  # deferred: only the tesseract engine needs it

    return pytesseract


def _command() -> str | None:
    try:
        return str(_pytesseract().pytesseract.tesseract_cmd)
    except (ImportError, AttributeError):  # no pytesseract, or one without the usual layout
        return None


def _probe() -> tuple[bool, str | None, str]:
    """(usable, version, why not) for the current tesseract command, cached per command. Never raises: every way
    running ``tesseract --version`` and ``--list-langs`` can fail means "not usable"."""
    cmd = _command()
    if cmd is None:
        return False, None, "the pytesseract package is not installed"
    if cmd in _probes:
        return _probes[cmd]
    _limit_threads()
    result: tuple[bool, str | None, str]
    try:
        out = subprocess.run([cmd, "--version"], capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
        found = re.search(r"tesseract\s+v?(\d+)\.(\d+)(?:\.(\d+))?", out.stdout + out.stderr, re.IGNORECASE)
        version = ".".join(g for g in found.groups() if g is not None) if found else None
        if out.returncode != 0 or version is None:
            result = (False, None, f"{cmd} --version failed")
        elif int(version.split(".")[0]) < 4:
            result = (False, version, f"tesseract {version} has no LSTM engine (4 or later is needed)")
        else:
            langs = subprocess.run([cmd, "--list-langs"], capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
            if "eng" not in (langs.stdout + langs.stderr).split():
                result = (False, version, "tesseract's English model (eng.traineddata) is missing")
            else:
                result = (True, version, "")
    except (OSError, subprocess.SubprocessError, ValueError) as e:
        result = (False, None, f"cannot run {cmd!r} ({type(e).__name__}: {e})")
    _probes[cmd] = result
    return result


def available() -> bool:
    """Whether tesseract (4 or later, with its English model) and pytesseract are installed and run.

    The answer is cached per tesseract command (``pytesseract.pytesseract.tesseract_cmd``); :func:`clear_cache`
    forgets it. Never raises.
    """
    return _probe()[0]


def version() -> str | None:
    """Tesseract's version (e.g. ``"5.3.0"``), or None when it cannot be run."""
    return _probe()[1]


def status() -> dict:
    """What ``docexam engines`` reports: ``available``, ``version``, ``command`` (as pytesseract runs it), ``path``
    (where that command was found on PATH, or None) and ``reason`` (why it is not usable, or None). Never raises."""
    import shutil

    usable, found_version, why = _probe()
    cmd = _command()
    path = shutil.which(cmd) if cmd else None
    return {"available": usable, "version": found_version, "command": cmd, "path": path, "reason": why or None}


def clear_cache() -> None:
    """Forget the availability probes (after changing the tesseract command)."""
    _probes.clear()
    _languages.clear()


def _limit_threads() -> None:
    # One OpenMP thread: 3-5x faster on two cores, same output. A value the user set is kept.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")


# --------------------------------------------------------------------------------------------------- hOCR parsing


@dataclass
class Symbol:
    """One character tesseract recognised: its box in the image it was given, confidence and alternatives."""

    char: str
    conf: float  # 0..1
    box: tuple[int, int, int, int]  # x0, y0, x1, y1
    choices: list[tuple[str, float]] = field(default_factory=list)

    @property
    def x_centre(self) -> float:
        return (self.box[0] + self.box[2]) / 2


def _title_props(title: str) -> dict[str, list[str]]:
    props = {}
    for part in title.split(";"):
        words = part.split()
        if words:
            props[words[0]] = words[1:]
    return props


def to_mrz_char(text: str) -> str | None:
    """The MRZ character a recognised glyph stands for, or None: upper case, chevron look-alikes to ``<``."""
    text = "".join(text.split()).upper()
    if len(text) != 1:
        return None
    text = _CHEVRON_LOOKALIKES.get(text, text)
    return text if text in MRZ_ALPHABET else None


class _HocrParser(html.parser.HTMLParser):
    """Symbols (``ocrx_cinfo`` with ``x_bboxes``) with their ``lstm_choices``; words as a fallback."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.symbols: list[tuple[str, float, tuple[int, int, int, int], list[tuple[str, float]]]] = []
        self.words: list[tuple[str, float, tuple[int, int, int, int]]] = []
        self._stack: list[list] = []  # [kind, text parts, props]
        self._in_choices = 0

    def handle_starttag(self, tag, attrs):
        if tag != "span":
            return
        a = dict(attrs)
        cls, ident, props = a.get("class") or "", a.get("id") or "", _title_props(a.get("title") or "")
        if ident.startswith("lstm_choices"):
            kind = "choices"
            self._in_choices += 1
        elif ident.startswith("choice_") and self._in_choices:
            kind = "choice"
        elif cls == "ocrx_cinfo" and "x_bboxes" in props:
            kind = "symbol"
        elif cls == "ocrx_word":
            kind = "word"
        else:
            kind = "other"
        self._stack.append([kind, [], props])

    def handle_data(self, data):
        for entry in reversed(self._stack):
            if entry[0] in ("symbol", "choice", "word"):
                entry[1].append(data)
                return

    def handle_endtag(self, tag):
        if tag != "span" or not self._stack:
            return
        kind, parts, props = self._stack.pop()
        text = "".join(parts)
        try:
            if kind == "symbol":
                box = tuple(int(float(v)) for v in props["x_bboxes"][:4])
                conf = float(props.get("x_conf", ["0"])[0]) / 100
                if len(box) == 4:
                    self.symbols.append((text, conf, box, []))
            elif kind == "choice" and self.symbols:
                self.symbols[-1][3].append((text, float(props.get("x_confs", ["0"])[0]) / 100))
            elif kind == "choices":
                self._in_choices -= 1
            elif kind == "word" and "bbox" in props:
                box = tuple(int(float(v)) for v in props["bbox"][:4])
                self.words.append((text, float(props.get("x_wconf", ["0"])[0]) / 100, box))
        except (ValueError, IndexError):
            pass  # a malformed title: skip that element, keep the rest


def parse_hocr(hocr: str | bytes) -> list[Symbol]:
    """The recognised symbols of a tesseract hOCR page, left to right, characters mapped to the MRZ alphabet.

    Uses per-character boxes (``hocr_char_boxes=1``) and LSTM alternatives (``lstm_choice_mode=2``) when present;
    without character boxes, each word's characters share its box equally. Never raises on odd hOCR: what cannot
    be parsed is left out.
    """
    if isinstance(hocr, bytes):
        hocr = hocr.decode("utf-8", errors="replace")
    p = _HocrParser()
    p.feed(hocr)
    p.close()
    raw = p.symbols
    if not raw:  # no character boxes: split each word's box evenly among its characters
        for text, conf, (x0, y0, x1, y1) in p.words:
            chars = "".join(text.split())
            for i, glyph in enumerate(chars):
                w = (x1 - x0) / len(chars)
                raw.append((glyph, conf, (round(x0 + i * w), y0, round(x0 + (i + 1) * w), y1), []))
    out = []
    for glyph, conf, box, choices in raw:
        ch = to_mrz_char(glyph)
        if ch is None:
            continue
        conf = min(max(conf, 0.0), 1.0)
        alts: dict[str, float] = {}
        for t, c in choices:
            a = to_mrz_char(t)
            if a is not None and a != ch and c > 0:
                alts[a] = max(alts.get(a, 0.0), min(c, conf))  # tesseract's own pick stays first
        out.append(Symbol(ch, conf, box, sorted(alts.items(), key=lambda o: -o[1])))
    out.sort(key=lambda s: s.x_centre)
    return out


# --------------------------------------------------------------------------------------------------- preprocessing


def _text_band(ink: np.ndarray) -> tuple[int, int]:
    """Rows (top, bottom) of the line's text: the run around the row profile's peak above a quarter of it."""
    profile = cv2.GaussianBlur((ink > 0.5).mean(axis=1).astype(np.float32).reshape(-1, 1), (1, 0), 1.0).ravel()
    if profile.max() <= 0:
        return 0, len(profile)
    peak = int(np.argmax(profile))
    floor = profile[peak] / 4
    a = peak
    while a > 0 and profile[a - 1] > floor:
        a -= 1
    b = peak + 1
    while b < len(profile) and profile[b] > floor:
        b += 1
    return a, b


def noise_level(gray: np.ndarray) -> float:
    """Pixel noise relative to the ink/paper contrast: the robust spread of what a 3x3 median filter removes."""
    paper, ink = paper_and_ink(gray)
    r = gray.astype(np.float32) - cv2.medianBlur(gray, 3).astype(np.float32)
    return float(1.4826 * np.median(np.abs(r - np.median(r)))) / (paper - ink)


def preprocess(line: np.ndarray) -> np.ndarray:
    """The line as tesseract reads it: cropped to its text band, contrast-stretched, scaled, bordered (uint8).

    A noisy line (:func:`noise_level` above :data:`NOISY`) is also binarised (Otsu): tesseract's LSTM loses whole
    stretches of a grainy line that it reads once the grain is gone, while on clean or mildly noisy lines the grey
    levels serve it better (measured on synthetic OCR-B lines with blur and Gaussian noise).
    """
    paper, ink_level = paper_and_ink(line)
    norm = np.clip((line.astype(np.float32) - ink_level) * (255.0 / (paper - ink_level)), 0, 255)
    a, b = _text_band(1.0 - norm / 255.0)
    text_h = max(b - a, 1)
    margin = max(2, round(0.3 * text_h))
    crop = norm[max(0, a - margin) : b + margin]
    scale = float(np.clip(TEXT_HEIGHT / text_h, 0.2, 8.0))
    interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    out = np.clip(cv2.resize(crop, None, fx=scale, fy=scale, interpolation=interp), 0, 255).astype(np.uint8)
    if noise_level(line) > NOISY:
        _, out = cv2.threshold(out, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return cv2.copyMakeBorder(out, BORDER, BORDER, BORDER, BORDER, cv2.BORDER_CONSTANT, value=255)


# --------------------------------------------------------------------------------------------------- recognition


def _page(image: np.ndarray) -> PILImage:
    """``image`` as the page handed to tesseract: a PIL image marked to be written as uncompressed netpbm (PGM or
    PPM), not pytesseract's default PNG, whose compression took 50 ms of a page's run and changes no pixel."""
    from PIL import Image

    page = Image.fromarray(image)
    page.format = "PPM"  # PIL's PPM writer: PGM for a grey image, PPM for RGB
    return page


def _check_image(image: object, what: str = "image") -> None:
    """ValueError unless ``image`` is a non-empty (H, W) or (H, W, 3) uint8 array."""
    if not isinstance(image, np.ndarray) or image.dtype != np.uint8 or image.ndim not in (2, 3) or min(image.shape[:2]) < 1:
        raise ValueError(f"{what} must be a non-empty (H, W) or (H, W, 3) uint8 array, got {getattr(image, 'shape', type(image))}")


def _ready(lang: str | None = None) -> None:
    """TesseractUnavailable unless tesseract runs; LanguageModelMissing (naming the Debian package) unless it has every
    model ``lang`` names (``rus+ukr``)."""
    ok, _, why = _probe()
    if not ok:
        raise TesseractUnavailable(why)
    missing = set(lang.split("+")) - languages() if lang else set()
    if missing:
        from docexam.ocr.languages import LanguageModelMissing

        raise LanguageModelMissing(tuple(sorted(missing)))


def recognise(img: np.ndarray, *, deadline: float | None = None) -> list[Symbol]:
    """The symbols tesseract reads in one run on ``img``, an image already prepared as :func:`preprocess` prepares
    a line (the reader lays single cells out on such a strip to read them again). ``deadline``: the
    :func:`time.perf_counter` time by which the run must have answered (the reader's time budget), else
    :class:`TesseractTimeout`. Raises TesseractUnavailable."""
    _ready()
    hocr = _call("image_to_pdf_or_hocr", _page(img), extension="hocr", config=_CONFIG, deadline=deadline)
    return parse_hocr(hocr)


def _call(function: str, *args, deadline: float | None = None, **kwargs):
    """``pytesseract.<function>(*args, **kwargs)`` with one OpenMP thread and a timeout (:data:`TIMEOUT_S`, or what is
    left until ``deadline``); its failures raised as :class:`TesseractUnavailable`, running out of time as
    :class:`TesseractTimeout`."""
    timeout: float = TIMEOUT_S
    if deadline is not None:
        timeout = min(timeout, deadline - time.perf_counter())
        if timeout <= 0.001:  # pytesseract reads a timeout of 0 as none at all
            raise TesseractTimeout(0.0)
    pytesseract = _pytesseract()
    _limit_threads()
    try:
        return getattr(pytesseract, function)(*args, timeout=timeout, **kwargs)
    except pytesseract.TesseractNotFoundError as e:
        _probes[_command() or ""] = (False, None, str(e))
        raise TesseractUnavailable(str(e)) from e
    except pytesseract.TesseractError as e:
        raise TesseractUnavailable(f"tesseract failed: {e.message}") from e
    except RuntimeError as e:  # pytesseract's timeout
        raise TesseractTimeout(timeout) from e


@dataclass(frozen=True)
class LineRecognition:
    """What tesseract recognised on one MRZ line: the line as it was given to tesseract (:func:`preprocess`) and the
    symbols, left to right, with their boxes on that image."""

    image: np.ndarray
    symbols: list[Symbol]


def recognise_line(line: np.ndarray, *, deadline: float | None = None) -> LineRecognition:
    """One MRZ line recognised by tesseract (one run).

    Parameters
    ----------
    line : (H, W) uint8 ndarray
        Greyscale, dark ink on light paper: one straightened MRZ text line (OCR-B, fixed pitch), cropped with a
        small margin.

    Raises
    ------
    ValueError
        ``line`` is not a 2-D uint8 image.
    TesseractUnavailable
        Tesseract, its English model or pytesseract is missing or fails.
    """
    check_line(line)
    img = preprocess(line)
    return LineRecognition(img, recognise(img) if deadline is None else recognise(img, deadline=deadline))




def check_line(line: object, name: str = "line") -> None:
    """Raise ValueError unless ``line`` is a 2-D uint8 image large enough to hold a text line."""
    if not isinstance(line, np.ndarray):
        raise ValueError(f"{name} must be a numpy array, got {type(line).__name__}")
    if line.ndim != 2 or line.dtype != np.uint8:
        raise ValueError(f"{name} must be a 2-D uint8 greyscale image, got {line.dtype} with shape {line.shape}")
    if min(line.shape) < 4:
        raise ValueError(f"{name} is too small to hold a text line: shape {line.shape}")


__all__ = ["LineRecognition", "ReadAhead", "Symbol", "TesseractTimeout", "TesseractUnavailable", "TextLine", "Word", "available", "check_line",
           "clear_cache", "languages", "parse_hocr", "read_lines", "read_text", "read_words", "recognise", "recognise_line", "status", "version"]


# --------------------------------------------------------------------------------------------------- printed text


@dataclass(frozen=True)
class TextLine:
    """One line of printed text tesseract read: its words joined by spaces, their mean confidence (0..1), and the
    rows it spans in the image given."""

    text: str
    conf: float
    top: int
    bottom: int


_TEXT_CONFIG = "--psm 6 --oem 1 -c load_system_dawg=0 -c load_freq_dawg=0"


def read_text(image: np.ndarray) -> list[TextLine]:
    """The lines of printed (non-MRZ) text in a grey or RGB uint8 image, top to bottom: a block of VIZ fields.

    One tesseract run (``--psm 6``, a uniform block of text, dictionaries off: the fields are names, numbers and
    dates, not words). Raises ValueError if ``image`` is not a 2-D or 3-D uint8 array, and TesseractUnavailable
    if tesseract cannot run.
    """
    _check_image(image)
    _ready()
    data = _call("image_to_data", _page(image), config=_TEXT_CONFIG, output_type=_pytesseract().Output.DICT)
    lines: dict[tuple[int, int, int], list[int]] = {}
    for i, word in enumerate(data["text"]):
        # tesseract gives specks and background lines a word of their own, with a confidence near 0
        if word.strip() and float(data["conf"][i]) >= 20:
            lines.setdefault((data["block_num"][i], data["par_num"][i], data["line_num"][i]), []).append(i)
    out = []
    for idx in lines.values():
        out.append(TextLine(
            " ".join(data["text"][i].strip() for i in idx),
            float(np.mean([float(data["conf"][i]) for i in idx])) / 100.0,
            min(data["top"][i] for i in idx), max(data["top"][i] + data["height"][i] for i in idx)))
    return sorted(out, key=lambda t: t.top)


@dataclass(frozen=True)
class Word:
    """One word of printed text tesseract found: its text, confidence (0..1), box ``(x, y, w, h)`` in the image given,
    and the line it belongs to (``(block, paragraph, line)``, the same for the words of one line)."""

    text: str
    conf: float
    box: tuple[int, int, int, int]
    line: tuple[int, int, int]


_languages: dict[str, frozenset[str]] = {}


def languages() -> frozenset[str]:
    """The language models tesseract has (``eng``, ``rus``...), cached per tesseract command; empty when it cannot
    run. Never raises."""
    if not available():
        return frozenset()
    cmd = _command() or ""
    if cmd not in _languages:
        try:
            out = subprocess.run([cmd, "--list-langs"], capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
            found = frozenset(w for w in out.stdout.split() if re.fullmatch(r"[a-z_]{3,}", w))
        except (OSError, subprocess.SubprocessError):
            found = frozenset()
        _languages[cmd] = found
    return _languages[cmd]


def read_words(image: np.ndarray, *, min_conf: float = 0.2, lang: str = "eng", line: bool = False,
               seconds: float | None = None) -> list[Word]:
    """The words of printed text scattered over a grey or RGB uint8 image (a document's VIZ around its portrait and
    art), with their boxes: one tesseract run, ``--psm 11`` (sparse text, no assumed layout), dictionaries off.

    Words read with less than ``min_conf`` are left out (tesseract gives specks and guilloche lines words of
    their own, read with a confidence near 0). ``lang``: the models to read with (``rus+ukr`` for Cyrillic; see
    :func:`languages`). ``line``: the image holds one line of text (``--psm 7``: a VIZ value cut to its line). Raises ValueError if ``image`` is not a 2-D or 3-D uint8 array or ``lang`` names a model
    tesseract does not have (:class:`docexam.ocr.languages.LanguageModelMissing`, naming the Debian package to install;
    :func:`docexam.ocr.languages.models_for` chooses the models a VIZ needs), and TesseractUnavailable if tesseract
    cannot run. ``seconds``: the most the run may take (default :data:`TIMEOUT_S`), else :class:`TesseractTimeout`.
    """
    _check_image(image)
    _ready(lang)
    if seconds is not None and not (math.isfinite(seconds) and seconds > 0):
        raise ValueError(f"seconds must be a positive number, got {seconds!r}")
    data = _call("image_to_data", _page(image), lang=lang, config=_LINE_CONFIG if line else _WORDS_CONFIG,
                 output_type=_pytesseract().Output.DICT,
                 deadline=None if seconds is None else time.perf_counter() + seconds)
    out = []
    for i, text in enumerate(data["text"]):
        conf = float(data["conf"][i]) / 100.0
        if text.strip() and conf >= min_conf:
            out.append(Word(text.strip(), conf, (int(data["left"][i]), int(data["top"][i]), int(data["width"][i]),
                                                 int(data["height"][i])),
                            (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))))
    return out


class ReadAhead:
    """:func:`read_words` of pages a caller may want one after another, each wanted only if the ones before it did not
    give enough (a page's ink read after the page itself): with more than one core, each page is read as soon as it
    is named, in a tesseract process of its own, while the caller looks at the readings before it; a reading never
    asked for is left unread if it has not started (a running one ends on its own). On one core each page is read
    when its reading is asked for, as without this. The readings are those :func:`read_words` gives.

    Use it as a context manager; :meth:`start` names a page and returns what gives its words (raising what
    :func:`read_words` raises; a page asked for after the block that was not read ahead is read then)."""

    def __init__(self) -> None:
        from concurrent.futures import ThreadPoolExecutor

        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        self._pool = ThreadPoolExecutor(2, thread_name_prefix="docexam-tesseract") if cores > 1 else None

    def start(self, image: np.ndarray, **options: Any) -> Callable[[], list[Word]]:
        """Name a page to read (``options`` as for :func:`read_words`); call what is returned for its words."""
        _check_image(image)
        if self._pool is None:
            return functools.partial(read_words, image, **options)
        from concurrent.futures import CancelledError

        future = self._pool.submit(read_words, image, **options)

        def words() -> list[Word]:
            try:
                return future.result()
            except CancelledError:  # asked for after close(), never started: read now
                return read_words(image, **options)

        return words

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)

    def __enter__(self) -> ReadAhead:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_WORDS_CONFIG = "--psm 11 --oem 1 -c load_system_dawg=0 -c load_freq_dawg=0"
_LINE_CONFIG = "--psm 7 --oem 1 -c load_system_dawg=0 -c load_freq_dawg=0"


def read_lines(images: list[np.ndarray], *, lang: str = "eng", deadline: float | None = None) -> list[list[Word]]:
    """The words of each of ``images``, each one line of printed text (a VIZ field's value cut to its line), read in
    one tesseract run: the images are its pages (a list file), each read as one text line (``--psm 7``), dictionaries
    off. One run loads the models once; a run per field would load them once a field.

    Returns, per image in order, its words left to right (a word's ``line`` is ``(page, block, line)``; confidence
    0..1, any, even 0: a caller judges a reading by more than tesseract's word confidence). ``deadline``: the
    :func:`time.perf_counter` time by which the run must have answered. Raises ValueError if an image is not a 2-D
    or 3-D uint8 array or ``lang`` names a model tesseract does not have (as :func:`read_words`),
    TesseractUnavailable if tesseract cannot run.
    """
    for image in images:
        _check_image(image, "each image")
    if not images:
        return []
    _ready(lang)
    import tempfile

    with tempfile.TemporaryDirectory(prefix="docexam-lines-") as tmp:
        names = []
        for i, image in enumerate(images):
            pic = _page(image)
            name = os.path.join(tmp, f"line-{i:03d}.{'pgm' if pic.mode == 'L' else 'ppm'}")
            pic.save(name, format=pic.format)
            names.append(name)
        listing = os.path.join(tmp, "pages.txt")
        with open(listing, "w", encoding="utf-8") as f:
            f.write("\n".join(names) + "\n")
        data = _call("image_to_data", listing, lang=lang, config=_LINE_CONFIG, deadline=deadline,
                     output_type=_pytesseract().Output.DICT)
    out: list[list[Word]] = [[] for _ in images]
    for i, text in enumerate(data["text"]):
        page = int(data["page_num"][i]) - 1
        if text.strip() and 0 <= page < len(out):
            out[page].append(Word(text.strip(), max(0.0, float(data["conf"][i])) / 100.0,
                                  (int(data["left"][i]), int(data["top"][i]), int(data["width"][i]), int(data["height"][i])),
                                  (page, int(data["block_num"][i]), int(data["line_num"][i]))))
    return [sorted(words, key=lambda w: w.box[0]) for words in out]
