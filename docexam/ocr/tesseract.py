"""The tesseract adapter: per-position MRZ candidates from Debian's ``tesseract-ocr`` (5.x, LSTM, ``eng``).

This module is the only place in docexam that talks to tesseract. It reads one straightened MRZ line at a time and
returns what the MRZ corrector (:func:`docexam.mrz.correct.correct`) consumes: for each of the line's ``length``
character positions, (char, confidence) pairs from :data:`MRZ_ALPHABET`, best first.

Tesseract's ``eng`` model was not trained on OCR-B and, left to itself, reads an MRZ line badly: runs of fillers
become ``KKKEKK``, glyphs are read twice or merged, OCR-B's ``O`` and ``0`` are told apart by context only. On the
synthetic OCR-B lines of the tests it gets about 89 % of the characters right in place; with the steps below, 99 %.

1. **Preprocessing** (:func:`preprocess`). The text band is found from the ink's row profile; the line is cropped
   to it with a margin, contrast-stretched between its paper and ink levels, scaled so that the characters are
   :data:`TEXT_HEIGHT` pixels high (tesseract's LSTM reads 30-40 px capitals best) and given a white border.
   A grainy line (:func:`noise_level` above :data:`NOISY`) is also binarised: tesseract loses whole stretches of
   it otherwise, while on cleaner lines the grey levels serve it better.
2. **Recognition** (:func:`parse_hocr`). One tesseract run per line: ``--psm 7`` (one text line), ``--oem 1``
   (LSTM), ``tessedit_char_whitelist`` = the MRZ alphabet, hOCR with ``hocr_char_boxes=1`` and
   ``lstm_choice_mode=2``. Tesseract 5.3 then emits, per symbol, an ``ocrx_cinfo`` span with its box
   (``x_bboxes``) and confidence (``x_conf``, 0-100), followed by an ``lstm_choices`` span of alternatives with
   their own ``x_confs`` (0-100, many exactly 0, not sorted, and not always below the chosen symbol's).
3. **Alignment to the fixed pitch** (:func:`fit_grid`, :func:`align`). Every MRZ character fills one cell of a
   fixed pitch (Doc 9303 Part 3, 4.4), so tesseract's symbols are put in cells by the centres of their boxes, not
   by their order: the pitch starts as the median distance between adjacent centres about one character apart and
   is refined, with the grid's phase, by least squares on the centres near a cell centre; each symbol goes to cell
   ``round((x_centre - x_first_centre) / pitch)``. Two symbols in one cell (a glyph read twice): the more confident
   wins, the other becomes a weak alternative. Symbols spanning more than ``length`` cells: the window of
   ``length`` cells holding the most confidence. Fewer: cells are added where the line still has ink beyond them,
   right first (fillers end lines). A cell no symbol reached gets ``<`` at 0.3 (most lost characters are fillers).
4. **Cells read again** (:func:`_reread`). A cell that holds a full-height glyph but no symbol (typically a lone
   check digit after fillers, swallowed into one wide ``<``) is cut out and read on its own, all such cells of a
   line in one more tesseract run.
5. **OCR-B geometry** (:func:`measure_cells`, :func:`line_geometry`). OCR-B (ISO 1073-2, Doc 9303 Part 3, 4.2)
   draws the chevron clear of the baseline (its lower arm ends ~0.10 of the capital height above it, and it is
   ~0.85 of the capitals high) and the digits ~8 % taller than the capitals (1.05-1.14 measured on real MRZs).
   Each cell's ink is measured (top and bottom edge, sub-pixel), the line's baseline is fitted to the glyphs
   standing on it, and the heights of those glyphs are split into capitals and digits when both are there. Then a
   chevron-shaped cell read as one of tesseract's usual chevron misreadings (:data:`CHEVRON_MISREADS`) becomes
   ``<``; a ``<`` at full height on the baseline yields to tesseract's next choice; a letter at digit height
   becomes its digit look-alike (``O`` -> ``0``, ``B`` -> ``8``...) and, where the line's two heights were
   measured, a digit at capital height its letter. Tesseract's reading stays as a weak alternative, and nothing is
   overruled when the measurements are too scattered (blur, noise, faded print) to be trusted. What remains is the
   corrector's: check digits and field alphabets.

Tesseract's OpenMP threads fight each other on small machines: with ``OMP_THREAD_LIMIT=1`` it is 3-5x faster on
two cores with the same output. Before running tesseract the adapter sets ``OMP_THREAD_LIMIT=1`` in
:data:`os.environ` if it is not set (pytesseract passes ``os.environ`` to the subprocess); a value already set is
kept.

``pytesseract`` is imported only when tesseract is first used, so the rest of docexam imports without it.
"""

from __future__ import annotations

import hashlib
import html.parser
import os
import re
import subprocess
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field

import cv2
import numpy as np

from docexam.errors import DocexamError

MRZ_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
_DIGITS = frozenset("0123456789")
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")

# Preprocessing and recognition
#: Height in pixels the line's characters are scaled to before tesseract reads them.
TEXT_HEIGHT = 36
#: White border added around the line (pixels, after scaling).
BORDER = 16
#: :func:`noise_level` above which a line is binarised before tesseract reads it.
NOISY = 0.045
#: Seconds one tesseract run may take before it is abandoned.
TIMEOUT_S = 30

# Candidates
#: What a cell no recognised symbol reached is given: probably a filler (most lost characters are).
MISSING = (("<", 0.3), ("K", 0.05))
#: ... and a cell no symbol reached whose ink is chevron-shaped.
MISSING_CHEVRON = (("<", 0.6), ("K", 0.05))
#: Confidence of the character the OCR-B geometry puts first, and the cap on the confidences of the readings it
#: overrules (which stay as alternatives).
OVERRULING_CONF = 0.9
OVERRULED_CONF = 0.1

# OCR-B geometry, in fractions of the line's capital height
#: Clearance of a cell's ink above the baseline from which the cell is chevron-shaped (OCR-B ``<``: ~0.10; letters
#: and digits: ~0, but stems such as P, T, Y and 9 measure up to ~0.05). A chevron is also 0.7-0.92 high.
CHEVRON_RAISE = 0.072
#: Clearance below which (and height above 0.97) a cell holds a letter or digit standing on the baseline.
FULL_RAISE = 0.025
#: What tesseract's ``eng`` model reads OCR-B chevrons as (seen on synthetic and real MRZs). A chevron-shaped cell
#: read as one of these, or with ``<`` among tesseract's alternatives, becomes ``<``; other readings stand, so that
#: a letter whose foot has faded (a P, an I) is not taken for a filler.
CHEVRON_MISREADS = frozenset("KXECSRMGZ46")
#: OCR-B digit height / capital height (fonts-ocr-b: 1.08), assumed for a line of capitals.
DIGIT_HEIGHT_RATIO = 1.08
#: Below this measured ratio two height classes are not capitals and digits.
MIN_DIGIT_HEIGHT_RATIO = 1.04
#: How far from the middle between capital and digit height (in units of their difference) a cell must measure for
#: its height to overrule tesseract's letter or digit: at least MIN_MARGIN, and SPREAD_MARGIN times the spread of
#: the line's measurements.
MIN_MARGIN = 0.2
SPREAD_MARGIN = 1.0
#: Characters tesseract tells apart in OCR-B by context only (it reads the same glyph as O or 0 depending on its
#: neighbours): their confidence is capped at OVERRULING_CONF, below the corrector's "sure" (0.95), so that check
#: digits and field alphabets can still decide between them.
_GUESSED_BY_CONTEXT = frozenset("O0QD")
#: Beyond these, a line's measurements are too scattered to overrule tesseract: the spread of the bottoms of the
#: glyphs on the baseline and of the tops within a height class (OCR-B's own design varies both by ~0.01), and the
#: fraction of cells whose bottom is neither on the baseline nor where a chevron's would be.
MAX_BOTTOM_SPREAD = 0.03
MAX_TOP_SPREAD = 0.025
MAX_SCATTERED = 0.2
#: Largest tilt of the fitted baseline over the whole line (the line comes straightened).
MAX_TILT = 0.1
#: Row-mass threshold of a glyph's top and bottom edges, as a fraction of the pitch (about half a stroke width).
EDGE_MASS = 0.06

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
    try:
        out = subprocess.run([cmd, "--version"], capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
        found = re.search(r"tesseract\s+v?(\d+)\.(\d+)(?:\.(\d+))?", out.stdout + out.stderr, re.IGNORECASE)
        version = ".".join(g for g in found.groups() if g is not None) if found else None
        if out.returncode != 0 or version is None:
            result = (False, None, f"{cmd} --version failed")
        elif int(version.split(".")[0]) < 4:
            result = (False, version, f"tesseract {version} has no LSTM engine (4 or later is needed)")
        else:
            langs = subprocess.run(
                [cmd, "--list-langs"], capture_output=True, text=True, timeout=TIMEOUT_S, check=False
            )
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
    """Forget the availability probes and the recent recognitions (after changing the tesseract command)."""
    _probes.clear()
    with _recent_lock:
        _recent.clear()


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
            for i, ch in enumerate(chars):
                w = (x1 - x0) / len(chars)
                raw.append((ch, conf, (round(x0 + i * w), y0, round(x0 + (i + 1) * w), y1), []))
    out = []
    for text, conf, box, choices in raw:
        ch = to_mrz_char(text)
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


def _levels(gray: np.ndarray) -> tuple[float, float]:
    """(paper, ink) grey levels: the medians of the two sides of Otsu's threshold, so that noise does not set the
    contrast (a percentile would pick the darkest speck) and blurred strokes still reach full ink at their core."""
    thr, _ = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    dark, light = gray[gray <= thr], gray[gray > thr]
    ink = float(np.median(dark)) if dark.size else 0.0
    paper = float(np.median(light)) if light.size else 255.0
    return paper, min(ink, paper - 10)


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
    paper, ink = _levels(gray)
    r = gray.astype(np.float32) - cv2.medianBlur(gray, 3).astype(np.float32)
    return float(1.4826 * np.median(np.abs(r - np.median(r)))) / (paper - ink)


def preprocess(line: np.ndarray) -> np.ndarray:
    """The line as tesseract reads it: cropped to its text band, contrast-stretched, scaled, bordered (uint8).

    A noisy line (:func:`noise_level` above :data:`NOISY`) is also binarised (Otsu): tesseract's LSTM loses whole
    stretches of a grainy line that it reads once the grain is gone, while on clean or mildly noisy lines the grey
    levels serve it better (measured on synthetic OCR-B lines with blur and Gaussian noise).
    """
    paper, ink_level = _levels(line)
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

_recent: OrderedDict[tuple, tuple[np.ndarray, list[Symbol]]] = OrderedDict()
_recent_lock = threading.Lock()
_RECENT_MAX = 16


def _run(img: np.ndarray) -> list[Symbol]:
    """One tesseract run on a prepared line image."""
    ok, _, why = _probe()
    if not ok:
        raise TesseractUnavailable(why)
    from PIL import Image

    hocr = _call("image_to_pdf_or_hocr", Image.fromarray(img), extension="hocr", config=_CONFIG)
    return parse_hocr(hocr)


def _call(function: str, *args, **kwargs):
    """``pytesseract.<function>(*args, **kwargs)`` with one OpenMP thread and a timeout; its failures raised as
    :class:`TesseractUnavailable`."""
    pytesseract = _pytesseract()
    _limit_threads()
    try:
        return getattr(pytesseract, function)(*args, timeout=TIMEOUT_S, **kwargs)
    except pytesseract.TesseractNotFoundError as e:
        _probes[_command() or ""] = (False, None, str(e))
        raise TesseractUnavailable(str(e)) from e
    except pytesseract.TesseractError as e:
        raise TesseractUnavailable(f"tesseract failed: {e.message}") from e
    except RuntimeError as e:  # pytesseract's timeout
        raise TesseractUnavailable(f"tesseract did not answer within {TIMEOUT_S} s") from e


def _recognise(line: np.ndarray) -> tuple[np.ndarray, list[Symbol]]:
    """(preprocessed image, symbols) for one line; the last few lines are remembered, because the reader asks for
    the same line at several lengths (44 and 36 for a two-line MRZ)."""
    key = (_command(), line.shape, hashlib.blake2b(np.ascontiguousarray(line).tobytes(), digest_size=16).digest())
    with _recent_lock:
        if key in _recent:
            _recent.move_to_end(key)
            return _recent[key]
    img = preprocess(line)
    result = (img, _run(img))
    with _recent_lock:
        _recent[key] = result
        while len(_recent) > _RECENT_MAX:
            _recent.popitem(last=False)
    return result


def _reread(img: np.ndarray, centres: Sequence[float], pitch: float) -> list[list[tuple[str, float]] | None]:
    """Candidates for single cells read again on their own: each cell cut out and set one pitch apart from the next
    on a white strip, read in one more tesseract run. For glyphs the line reading lost, most often a lone digit
    after a run of fillers that tesseract swallowed into one wide ``<``."""
    h, w = img.shape
    half = int(round(0.46 * pitch))
    gap = int(round(pitch))
    strip = np.full((h, len(centres) * (2 * half + 1 + gap) + gap), 255, np.uint8)
    mids = []
    x = gap
    for xc in centres:
        x0 = int(round(xc)) - half
        src = img[:, max(0, x0) : min(w, x0 + 2 * half + 1)]
        off = max(0, -x0)
        strip[:, x + off : x + off + src.shape[1]] = src
        mids.append(x + half)
        x += 2 * half + 1 + gap
    out: list[list[tuple[str, float]] | None] = [None] * len(centres)
    for s in _run(strip):
        k = int(np.argmin([abs(s.x_centre - m) for m in mids]))
        if abs(s.x_centre - mids[k]) < half and (out[k] is None or s.conf > out[k][0][1]):
            out[k] = [(s.char, s.conf), *s.choices]
    return out


# --------------------------------------------------------------------------------------------------- alignment


def fit_grid(centres: np.ndarray, weights: np.ndarray, *, pitch_hint: float) -> tuple[float, float, np.ndarray]:
    """(first centre, pitch, cell index of each centre) of the fixed-pitch grid the symbol centres sit on.

    The pitch starts as the median distance between adjacent centres that are roughly one character apart
    (duplicates sit closer, merged fillers further), else ``pitch_hint``; then the grid's phase and pitch are
    refined by weighted least squares over the centres within a quarter pitch of a cell centre.
    """
    c = np.asarray(centres, dtype=np.float64)
    w = np.asarray(weights, dtype=np.float64) + 1e-3
    pitch = float(pitch_hint)
    if len(c) >= 3:
        d = np.diff(np.sort(c))
        near = d[(d > 0.6 * pitch_hint) & (d < 1.5 * pitch_hint)]
        if len(near) >= 2:
            pitch = float(np.median(near))
    # phase: circular mean of the centres modulo the pitch
    ang = 2 * np.pi * c / pitch
    phase = float(np.arctan2((w * np.sin(ang)).sum(), (w * np.cos(ang)).sum())) * pitch / (2 * np.pi)
    origin = phase + np.floor((c.min() - phase) / pitch + 0.5) * pitch
    for _ in range(3):
        j = np.round((c - origin) / pitch)
        resid = c - (origin + j * pitch)
        inl = np.abs(resid) < 0.25 * pitch
        if inl.sum() >= 2 and np.ptp(j[inl]) > 0:
            A = np.stack([np.ones(inl.sum()), j[inl]], axis=1) * np.sqrt(w[inl])[:, None]
            sol, *_ = np.linalg.lstsq(A, c[inl] * np.sqrt(w[inl]), rcond=None)
            if 0.5 * pitch < sol[1] < 1.5 * pitch:
                origin, pitch = float(sol[0]), float(sol[1])
        elif inl.sum() >= 1:
            origin += float(np.average(resid[inl], weights=w[inl]))
    j = np.round((c - origin) / pitch).astype(int)
    shift = int(j.min()) if len(j) else 0
    return origin + shift * pitch, pitch, j - shift


@dataclass(frozen=True)
class CellInk:
    """Vertical extent of the ink in each cell (rows of the preprocessed image, sub-pixel); NaN where no ink."""

    top: np.ndarray
    bottom: np.ndarray


def measure_cells(img: np.ndarray, centres: np.ndarray, pitch: float) -> CellInk:
    """Top and bottom edge of each cell's ink: where its row mass crosses about half a stroke.

    Only what is darker than halfway between paper and ink counts (background print is lighter than the MRZ's
    black), and only the run of inked rows through the middle of the line (stray marks above or below are not
    the glyph): every MRZ glyph inks each row between its top and bottom.
    """
    paper, ink_level = _levels(img)
    mid = (paper + ink_level) / 2
    ink = np.clip((mid - img.astype(np.float32)) / (mid - ink_level), 0, 1)
    ink = cv2.GaussianBlur(ink, (0, 0), max(0.6, pitch / 40))
    h, w = ink.shape
    half = 0.42 * pitch  # OCR-B glyphs fill the middle ~70 % of their cell; the rest allows for the grid's error
    tau = EDGE_MASS * pitch
    centre_rows = slice(h // 2 - max(1, h // 8), h // 2 + max(1, h // 8) + 1)  # the text band is centred
    tops = np.full(len(centres), np.nan)
    bottoms = np.full(len(centres), np.nan)
    for i, xc in enumerate(centres):
        x0, x1 = int(round(xc - half)), int(round(xc + half)) + 1
        if x1 <= 0 or x0 >= w:
            continue
        mass = ink[:, max(0, x0) : min(w, x1)].sum(axis=1)
        core = centre_rows.start + int(np.argmax(mass[centre_rows]))
        if mass[core] < 2 * tau:
            continue
        t = core
        while t > 0 and mass[t - 1] >= tau:
            t -= 1
        b = core
        while b + 1 < h and mass[b + 1] >= tau:
            b += 1
        # sub-pixel: where the mass crosses tau between the last row above it and the next one out
        tops[i] = t - (mass[t] - tau) / (mass[t] - mass[t - 1]) + 0.5 if t > 0 else float(t)
        bottoms[i] = b + (mass[b] - tau) / (mass[b] - mass[b + 1]) + 0.5 if b + 1 < h else float(b + 1)
    return CellInk(tops, bottoms)


#: OCR-B look-alikes across letters and digits, for a cell whose height says the other class.
#: Not A/4 nor 6->G: the apex of 4 and the hook of 6 measure low, like a capital.
_AS_DIGIT = {"O": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "T": "7", "Z": "2", "S": "5", "G": "6", "B": "8"}
_AS_LETTER = {"0": "O", "1": "I", "2": "Z", "5": "S", "8": "B", "7": "T"}


@dataclass(frozen=True)
class LineGeometry:
    """A line's vertical metrics, in rows of the preprocessed image and fractions of its capital height."""

    #: Baseline under each cell (a straight line fitted to the glyphs' bottoms, so a slight tilt does not matter).
    baseline: np.ndarray
    cap_height: float
    #: digit height / capital height; None when the line cannot tell digits from capitals by height.
    digit_ratio: float | None
    #: Whether the ratio was measured on the line's own capitals and digits (else it is OCR-B's, assumed for a
    #: line of capitals, and only a cell that stands out as taller is judged by it).
    measured: bool
    #: Robust spread (fraction of the capital height) of the bottoms of the glyphs standing on the baseline and of
    #: the tops within each height class. OCR-B's own design varies them by ~0.01 (round glyphs overshoot); more
    #: means blur or noise, and tells how far a single cell's measurement can be trusted.
    spread_bottom: float
    spread_top: float
    #: Fraction of the inked cells whose bottom is neither on the baseline nor where a chevron's is: when noise or
    #: faded print scatter the bottoms, a raised bottom says little.
    scattered: float


def _mad(x: np.ndarray) -> float:
    return float(1.4826 * np.median(np.abs(x - np.median(x)))) if len(x) else 0.0


def _two_classes(h: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Split heights into a lower and an upper class (1-D Otsu), or None when one class explains them."""
    hs = np.sort(h)
    n = len(hs)
    best, k_best = 0.0, 0
    for k in range(2, n - 1):  # at least two in each class
        lo, hi = hs[:k], hs[k:]
        score = k * (n - k) * (hi.mean() - lo.mean()) ** 2
        if score > best:
            best, k_best = score, k
    if not k_best:
        return None
    lo, hi = hs[:k_best], hs[k_best:]
    return lo, hi


def _agrees(split: tuple[np.ndarray, np.ndarray], h: np.ndarray, read: list[str | None]) -> bool:
    """Whether two height classes are capitals and digits: clearly apart, and matching what tesseract read for at
    least four in five of the reference glyphs (blur and noise can split any set of heights in two)."""
    lo, hi = np.median(split[0]), np.median(split[1])
    if hi / lo < MIN_DIGIT_HEIGHT_RATIO:
        return False
    mid = (lo + hi) / 2
    letters = [hh > mid for hh, c in zip(h, read) if c is not None and c in _LETTERS and c not in "JL"]
    digits = [hh > mid for hh, c in zip(h, read) if c is not None and c in _DIGITS and c not in "46"]
    if len(letters) < 2 or len(digits) < 1:
        return False
    agree = (len(letters) - sum(letters)) + sum(digits)
    return agree >= 0.8 * (len(letters) + len(digits))


def _fit_baseline(cells: CellInk, ok: np.ndarray, scale: float) -> np.ndarray | None:
    """The baseline under every cell: a straight line through the bottoms of the glyphs standing on it.

    Starts from the lowest bottoms (chevrons stand higher) and refits on the cells within 4 % of the scale. The
    line comes straightened, so the tilt allowed is small (:data:`MAX_TILT`), and a constant is fitted when the
    glyphs on the baseline cover less than half the line (a name followed by fillers): extrapolating a slope from
    them would bend the baseline onto the fillers.
    """
    x = np.arange(len(cells.bottom), dtype=np.float64)
    b = np.where(ok, cells.bottom, np.nan)
    sel = ok & (b >= np.nanpercentile(b, 85) - 0.05 * scale)
    line = np.full(len(x), np.nan)
    for _ in range(3):
        if sel.sum() < 3:
            return None
        if np.ptp(x[sel]) >= 0.5 * len(x):
            slope, icpt = np.polyfit(x[sel], b[sel], 1)
            limit = MAX_TILT * scale / len(x)
            slope = float(np.clip(slope, -limit, limit))
            icpt = float(np.median(b[sel] - slope * x[sel]))
        else:
            slope, icpt = 0.0, float(np.median(b[sel]))
        line = icpt + slope * x
        sel = ok & (np.abs(b - line) < 0.04 * scale)
    return line


def line_geometry(chars: list[str | None], cells: CellInk) -> LineGeometry | None:
    """The line's baseline, capital height and digit/capital ratio, measured on its own glyphs.

    The baseline is where most glyphs stand (chevrons stand higher); the glyphs standing on it fall into two height
    classes when the line has both capitals and digits (OCR-B digits are taller); tesseract's readings only say
    which class a line has when there is one.
    """
    ok = ~np.isnan(cells.top)
    if ok.sum() < 3:
        return None
    bottoms, tops = cells.bottom[ok], cells.top[ok]
    scale = float(np.median(bottoms - tops))
    if scale <= 0:
        return None
    baseline = _fit_baseline(cells, ok, scale)
    if baseline is None:
        return None
    standing = ok & (np.abs(baseline - cells.bottom) < 0.05 * scale)
    idx = np.nonzero(standing)[0]
    if len(idx) < 3:
        return None
    h = baseline[idx] - cells.top[idx]
    read = [chars[i] for i in idx]
    split = _two_classes(h)
    if split is not None and _agrees(split, h, read):
        lo, hi = split
        cap = float(np.median(lo))
        ratio: float | None = float(np.median(hi)) / cap
        spread_top = float(np.sqrt((len(lo) * _mad(lo / cap) ** 2 + len(hi) * _mad(hi / cap) ** 2) / len(h)))
        measured = True
    else:
        measured = False
        n_digits = sum(c is not None and c in _DIGITS for c in read)
        n_letters = sum(c is not None and c in _LETTERS for c in read)
        if n_letters >= n_digits:  # capitals only: the prior ratio lets a digit-height cell stand out
            cap, ratio = float(np.median(h)), DIGIT_HEIGHT_RATIO
        else:  # digits only: the scale is known, but letters cannot be told from them
            cap, ratio = float(np.median(h)) / DIGIT_HEIGHT_RATIO, None
        spread_top = _mad(h / cap)
    spread_bottom = _mad((cells.bottom[idx] - baseline[idx]) / cap)
    raised = (baseline[ok] - cells.bottom[ok]) / cap
    explained = (np.abs(raised) < 0.04) | ((raised >= CHEVRON_RAISE - 0.01) & (raised <= 0.2))
    scattered = 1.0 - float(explained.mean())
    if ratio is not None and spread_top > MAX_TOP_SPREAD:
        ratio = None  # blur or noise: a cell's height says too little
    return LineGeometry(baseline, cap, ratio, measured, spread_bottom, spread_top, scattered)


def _demote(cands: list[tuple[str, float]], new_first: str, conf: float) -> list[tuple[str, float]]:
    rest = [(c, min(p, OVERRULED_CONF)) for c, p in cands if c != new_first]
    return [(new_first, conf), *rest]


def _shape(i: int, cells: CellInk, geo: LineGeometry | None) -> str:
    """What a cell's ink looks like: ``"none"``, ``"chevron"``, ``"glyph"`` (a letter or digit standing on the
    baseline at full height) or ``"unsure"``."""
    if np.isnan(cells.top[i]):
        return "none"
    if geo is None or geo.spread_bottom > MAX_BOTTOM_SPREAD or geo.scattered > MAX_SCATTERED:
        # A raised bottom may be noise: the chevron decision is left to tesseract and the corrector.
        return "unsure"
    raise_ = (geo.baseline[i] - cells.bottom[i]) / geo.cap_height
    top = (geo.baseline[i] - cells.top[i]) / geo.cap_height
    height = top - raise_
    # An OCR-B chevron clears the baseline by ~0.10 of the capital height and is ~0.85 of it high.
    if max(CHEVRON_RAISE, 2.5 * geo.spread_bottom) <= raise_ <= 0.25 and 0.7 <= height <= 0.92:
        return "chevron"
    if raise_ < FULL_RAISE and height > 0.97:
        return "glyph"
    return "unsure"


def _apply_geometry(cands: list[list[tuple[str, float]]], cells: CellInk, geo: LineGeometry, read: list[bool]) -> None:
    """Overrule tesseract where a cell's OCR-B shape clearly says otherwise (module docstring, step 5)."""
    for i, cand in enumerate(cands):
        shape = _shape(i, cells, geo)
        top = cand[0][0]
        if not read[i]:
            if shape == "chevron":
                cands[i] = list(MISSING_CHEVRON)
            continue
        if shape == "chevron":
            if top != "<" and (top in CHEVRON_MISREADS or any(c == "<" for c, _ in cand)):
                cands[i] = _demote(cand, "<", OVERRULING_CONF)
            continue
        if top == "<":
            if shape == "glyph":
                # Read as a filler but it stands on the baseline at full height: not a chevron. Tesseract's next
                # choice goes first if it gave one; the corrector's look-alikes (< : K X C) do the rest.
                alts = [(c, p) for c, p in cand if c != "<"]
                if alts:
                    cands[i] = _demote(cand, alts[0][0], min(max(alts[0][1], 0.5 * cand[0][1]), OVERRULING_CONF))
                else:
                    cands[i] = [("<", 0.5 * cand[0][1])]
            continue
        if geo.digit_ratio is None or shape == "none":
            continue
        # 0 at capital height, 1 at digit height; a decision needs the cell clearly on one side.
        x = ((geo.baseline[i] - cells.top[i]) / geo.cap_height - 1.0) / (geo.digit_ratio - 1.0)
        margin = max(MIN_MARGIN, SPREAD_MARGIN * geo.spread_top / (geo.digit_ratio - 1.0))
        if top in _LETTERS and x > 0.5 + margin:
            want = _AS_DIGIT.get(top)
        elif top in _DIGITS and x < 0.5 - margin and geo.measured:
            want = _AS_LETTER.get(top)
        else:
            continue
        if want is not None:
            cands[i] = _demote(cand, want, min(cand[0][1], OVERRULING_CONF))


def _window(symbols: list[Symbol], j: np.ndarray, img: np.ndarray, first: float, pitch: float, length: int) -> int:
    """Index of the grid cell where the line's ``length`` cells start."""
    span = int(j.max()) + 1 if len(j) else 0
    if span > length:  # extra symbols (noise, a neighbour's ink): the window holding the most confidence
        conf_per_cell = np.zeros(span)
        np.add.at(conf_per_cell, j, [s.conf for s in symbols])
        return int(np.argmax(np.convolve(conf_per_cell, np.ones(length), mode="valid")))
    if span == length:
        return 0
    # Missing symbols: extend where the line still has ink beyond them, right first (fillers end a line).
    missing = length - span
    has = ~np.isnan(measure_cells(img, first + np.arange(-missing, span + missing) * pitch, pitch).top)
    right = 0
    while right < missing and has[missing + span + right]:
        right += 1
    left = 0
    while left < missing - right and has[missing - 1 - left]:
        left += 1
    return -left


def align(symbols: list[Symbol], img: np.ndarray, length: int, *, reread: bool = True) -> list[list[tuple[str, float]]]:
    """``length`` positions of candidates from tesseract's symbols on the preprocessed line ``img``.

    See the module docstring, steps 3 to 5. With ``reread``, cells that hold a letter or digit tesseract did not
    return are read again on their own (one more tesseract run, only when there are such cells).
    """
    if symbols:
        centres = np.array([s.x_centre for s in symbols])
        first, pitch, j = fit_grid(centres, np.array([s.conf for s in symbols]), pitch_hint=float(TEXT_HEIGHT))
    else:
        first, pitch, j = BORDER + 0.5 * TEXT_HEIGHT, float(TEXT_HEIGHT), np.zeros(0, dtype=int)
    start = _window(symbols, j, img, first, pitch, length)
    cands: list[list[tuple[str, float]] | None] = [None] * length
    for s, cell in zip(symbols, j - start):
        if not 0 <= cell < length:
            continue
        held = cands[cell]
        mine = [(s.char, s.conf), *s.choices]
        if held is None:
            cands[cell] = mine
        else:  # two symbols in one cell: the more confident wins, the other stays as a weak alternative
            win, lose = (mine, held) if s.conf > held[0][1] else (held, mine)
            extra = [(c, p * 0.5) for c, p in lose if c not in {w for w, _ in win}]
            cands[cell] = win + extra[:1]
    read = [c is not None for c in cands]
    out = [c if c is not None else list(MISSING) for c in cands]
    centres_out = first + (np.arange(length) + start) * pitch
    cells = measure_cells(img, centres_out, pitch)
    geo = line_geometry([c[0][0] if r else None for c, r in zip(out, read)], cells)
    if reread and len(symbols) >= length / 3:
        shapes = [_shape(i, cells, geo) for i in range(length)]
        lost = [i for i in range(length) if shapes[i] != "none" and (
            (not read[i] and shapes[i] != "chevron") or (out[i][0][0] == "<" and shapes[i] == "glyph"))]
        if lost:
            for i, again in zip(lost, _reread(img, centres_out[lost], pitch)):
                if again is not None:
                    out[i] = again + [(c, min(p, 0.5 * again[0][1])) for c, p in out[i]]
                    read[i] = True
    if geo is not None:
        _apply_geometry(out, cells, geo, read)
    for cand in out:
        if cand[0][0] in _GUESSED_BY_CONTEXT:
            cand[0] = (cand[0][0], min(cand[0][1], OVERRULING_CONF))
    return [_tidy(c) for c in out]


def _tidy(cands: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """Unique characters (the first mention of each), most confident first (ties keep their order), confidences
    clipped to [0, 1]."""
    seen: dict[str, float] = {}
    for c, p in cands:
        if c in MRZ_ALPHABET and c not in seen:
            seen[c] = float(min(max(p, 0.0), 1.0))
    return sorted(seen.items(), key=lambda o: -o[1])


# --------------------------------------------------------------------------------------------------- public API


def _validate(line: object, name: str = "line") -> None:
    if not isinstance(line, np.ndarray):
        raise ValueError(f"{name} must be a numpy array, got {type(line).__name__}")
    if line.ndim != 2 or line.dtype != np.uint8:
        raise ValueError(f"{name} must be a 2-D uint8 greyscale image, got {line.dtype} with shape {line.shape}")
    if min(line.shape) < 4:
        raise ValueError(f"{name} is too small to hold a text line: shape {line.shape}")


def _validate_length(length: object) -> None:
    if isinstance(length, bool) or not isinstance(length, (int, np.integer)) or length < 1:
        raise ValueError(f"length must be a positive number of characters (30, 36 or 44 for an MRZ), got {length!r}")


def read_line(line: np.ndarray, *, length: int) -> list[list[tuple[str, float]]]:
    """Per-position candidates for one MRZ line read by tesseract.

    Parameters
    ----------
    line : (H, W) uint8 ndarray
        Greyscale, dark ink on light paper: one straightened MRZ text line (OCR-B, fixed pitch), cropped with a
        small margin.
    length : int
        Number of characters in the line (44 for TD3, 36 for TD2 and MRV-B, 30 for TD1).

    Returns
    -------
    list of ``length`` positions, each a non-empty list of (char, confidence) pairs from :data:`MRZ_ALPHABET`,
    best first, confidences in [0, 1].

    Raises
    ------
    ValueError
        ``line`` is not a 2-D uint8 image or ``length`` is not a positive integer.
    TesseractUnavailable
        Tesseract, its English model or pytesseract is missing or fails.
    """
    _validate(line)
    _validate_length(length)
    img, symbols = _recognise(line)
    return align(symbols, img, int(length))


def read_lines(lines: Sequence[np.ndarray], *, length: int) -> list[list[list[tuple[str, float]]]]:
    """:func:`read_line` for each line of an MRZ: lines -> positions -> (char, confidence) pairs."""
    if isinstance(lines, np.ndarray) or not isinstance(lines, Sequence):
        raise ValueError(f"lines must be a sequence of 2-D uint8 line images, got {type(lines).__name__}")
    for k, line in enumerate(lines):
        _validate(line, f"lines[{k}]")
    _validate_length(length)
    return [read_line(line, length=length) for line in lines]


__all__ = [
    "MRZ_ALPHABET",
    "TesseractUnavailable",
    "available",
    "status",
    "clear_cache",
    "read_line",
    "read_lines",
    "version",
]


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
    dates, not words).

    Raises
    ------
    ValueError
        If ``image`` is not a 2-D or 3-D uint8 array.
    TesseractUnavailable
        If tesseract cannot run.
    """
    if not isinstance(image, np.ndarray) or image.dtype != np.uint8 or image.ndim not in (2, 3) or min(image.shape[:2]) < 1:
        raise ValueError(f"image must be a non-empty (H, W) or (H, W, 3) uint8 array, got {getattr(image, 'shape', type(image))}")
    ok, _, why = _probe()
    if not ok:
        raise TesseractUnavailable(why)
    from PIL import Image

    data = _call("image_to_data", Image.fromarray(image), config=_TEXT_CONFIG, output_type=_pytesseract().Output.DICT)
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
