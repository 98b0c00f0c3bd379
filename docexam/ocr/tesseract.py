"""The tesseract adapter: per-position MRZ candidates from Debian's ``tesseract-ocr`` (5.x, LSTM, ``eng``).

This module is the only place in docexam that talks to tesseract. It reads one straightened MRZ line at a time and
returns what the MRZ corrector (:func:`docexam.mrz.correct.correct`) consumes: for each of the line's ``length``
character positions, (char, confidence) pairs from :data:`MRZ_ALPHABET`, best first.

How one line is read:

1. **Preprocessing.** The text band is found from the ink's row profile; the line is cropped to it with a margin,
   contrast-stretched between its paper and ink levels and rescaled so that the characters are about
   :data:`TEXT_HEIGHT` pixels high (tesseract's LSTM reads 30-40 px capitals best), then given a white border.
2. **Recognition.** One tesseract run per line: ``--psm 7`` (a single text line), ``--oem 1`` (LSTM),
   ``tessedit_char_whitelist`` = the MRZ alphabet, hOCR output with ``hocr_char_boxes=1`` and
   ``lstm_choice_mode=2``. Tesseract 5.3 then gives, per recognised symbol, an ``ocrx_cinfo`` span with its box
   (``x_bboxes``) and confidence (``x_conf``, 0-100), followed by an ``lstm_choices`` span listing alternative
   characters with their own ``x_confs`` (many of them 0). Both are parsed with :mod:`html.parser`.
3. **Alignment to the MRZ's fixed pitch.** Tesseract may return too few characters (a run of fillers ``<<<<`` read
   as fewer symbols) or too many (a glyph read twice, e.g. ``O0``), so its string cannot be trusted to have
   ``length`` characters. Every MRZ character occupies one cell of a fixed pitch (Doc 9303 Part 3, 4.4), so the
   symbols' box centres are fitted to a grid: the pitch starts as the median distance between adjacent centres
   and is refined, with the grid's phase, by least squares on the symbols that sit near a cell centre. Each symbol
   then goes to cell ``round((x_centre - x_first_centre) / pitch)``; when two symbols fall into one cell the more
   confident one wins and the other becomes a low-confidence alternative. If the symbols span fewer than
   ``length`` cells, cells are added where the line still has ink beyond them (right first: fillers end a line),
   and a cell no symbol reached gets ``<`` (most missing characters are fillers) at low confidence.
4. **OCR-B geometry.** Tesseract's ``eng`` model does not know OCR-B's filler: in runs of ``<`` it reads ``K``,
   ``E``, ``X``... with high confidence, and it reads OCR-B's letter ``O`` and digit ``0`` by context. OCR-B
   (ISO 1073-2, the MRZ font of Doc 9303 Part 3, 4.2) tells these apart by height: the chevron ``<`` stands clear
   of the baseline (its lower arm ends about a tenth of the capital height above it) and the digits are some 8 %
   taller than the capitals. Each cell's ink is measured (top and bottom edges), the line's own baseline, capital
   height and digit height are estimated from the characters tesseract read unambiguously, and then: a symbol in
   a cell that is clearly chevron-shaped becomes ``<`` (tesseract's reading stays as an alternative); ``O`` and
   ``0`` are ordered by the cell's height when the line shows the letter/digit height difference; the other
   readings are left to the corrector, whose check digits and field alphabets do the rest.

Tesseract's OpenMP threads fight each other on small machines: with ``OMP_THREAD_LIMIT=1`` it is 3-5x faster on
two cores with the same output. The adapter sets ``OMP_THREAD_LIMIT=1`` in :data:`os.environ` before running
tesseract when the variable is not set (pytesseract passes ``os.environ`` to the subprocess); a value set by the
user is kept.

``pytesseract`` is imported only when tesseract is first used, so that the rest of docexam imports without it.
"""

from __future__ import annotations

import hashlib
import html.parser
import os
import subprocess
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field

import cv2
import numpy as np

from docexam.errors import DocexamError

MRZ_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
_DIGITS = frozenset("0123456789")
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")

#: Height in pixels the line's characters are scaled to before tesseract reads them.
TEXT_HEIGHT = 36
#: White border added around the line (pixels, after scaling).
BORDER = 16
#: Seconds one tesseract run may take before it is abandoned.
TIMEOUT_S = 30
#: What a cell that no recognised symbol reached is given: probably a filler (most missing characters are).
MISSING = (("<", 0.3), ("K", 0.05))
#: A missing cell whose ink is chevron-shaped.
MISSING_CHEVRON = (("<", 0.6), ("K", 0.05))
#: Confidence given to ``<`` in a cell that is clearly chevron-shaped but was read as something else, and the cap on
#: the confidence of that reading, which stays as an alternative.
CHEVRON_CONF = 0.9
OVERRULED_CONF = 0.1
#: Clearance of a cell's ink above the baseline, as a fraction of the capital height, from which the cell is clearly
#: a chevron (OCR-B ``<``: ~0.10; letters and digits: ~0, round bottoms overshoot slightly below).
CHEVRON_RAISE = 0.06
#: ... and below which it is clearly not one.
FULL_RAISE = 0.025
#: OCR-B digit height / capital height (fonts-ocr-b: 1.08), used when a line has letters but no digits to measure.
DIGIT_HEIGHT_RATIO = 1.08
#: Below this measured ratio the line's font does not separate digits from capitals by height: no O/0 decision.
MIN_DIGIT_HEIGHT_RATIO = 1.04
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
    except ImportError:
        return None


def _probe() -> tuple[bool, str | None, str]:
    """(usable, version, why not) for the current tesseract command, cached per command."""
    cmd = _command()
    if cmd is None:
        return False, None, "the pytesseract package is not installed"
    if cmd in _probes:
        return _probes[cmd]
    _limit_threads()
    try:
        out = subprocess.run([cmd, "--version"], capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
        first = (out.stdout or out.stderr).strip().splitlines()
        version = first[0].split()[-1] if first and first[0].lower().startswith("tesseract") else None
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
    try:
        return _probe()[0]
    except Exception:  # noqa: BLE001 - a probe must never break the caller; anything odd means "not available"
        return False


def version() -> str | None:
    """Tesseract's version (e.g. ``"5.3.0"``), or None when it cannot be run."""
    try:
        return _probe()[1]
    except Exception:  # noqa: BLE001 - see available()
        return None


def clear_cache() -> None:
    """Forget the availability probes and the recent recognitions (after changing the tesseract command)."""
    _probes.clear()
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
    """(paper, ink) grey levels: robust percentiles, so one stain does not set the contrast."""
    paper = float(np.percentile(gray, 90))
    ink = float(np.percentile(gray, 2))
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


def preprocess(line: np.ndarray) -> np.ndarray:
    """The line as tesseract reads it: cropped to its text band, contrast-stretched, scaled, bordered (uint8)."""
    paper, ink_level = _levels(line)
    norm = np.clip((line.astype(np.float32) - ink_level) * (255.0 / (paper - ink_level)), 0, 255)
    a, b = _text_band(1.0 - norm / 255.0)
    text_h = max(b - a, 1)
    margin = max(2, round(0.3 * text_h))
    crop = norm[max(0, a - margin) : b + margin]
    scale = float(np.clip(TEXT_HEIGHT / text_h, 0.2, 8.0))
    interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    out = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=interp)
    out = np.clip(out, 0, 255).astype(np.uint8)
    return cv2.copyMakeBorder(out, BORDER, BORDER, BORDER, BORDER, cv2.BORDER_CONSTANT, value=255)


# --------------------------------------------------------------------------------------------------- recognition

_recent: OrderedDict[tuple, tuple[np.ndarray, list[Symbol]]] = OrderedDict()
_RECENT_MAX = 16


def _recognise(line: np.ndarray) -> tuple[np.ndarray, list[Symbol]]:
    """(preprocessed image, symbols) for one line; the last few lines are remembered, because the reader asks for
    the same line at several lengths (44 and 36 for a two-line MRZ)."""
    key = (_command(), line.shape, hashlib.blake2b(np.ascontiguousarray(line).tobytes(), digest_size=16).digest())
    if key in _recent:
        _recent.move_to_end(key)
        return _recent[key]
    ok, _, why = _probe()
    if not ok:
        raise TesseractUnavailable(why)
    pytesseract = _pytesseract()
    from PIL import Image

    img = preprocess(line)
    _limit_threads()
    try:
        hocr = pytesseract.image_to_pdf_or_hocr(Image.fromarray(img), extension="hocr", config=_CONFIG, timeout=TIMEOUT_S)
    except pytesseract.TesseractNotFoundError as e:
        _probes[_command() or ""] = (False, None, str(e))
        raise TesseractUnavailable(str(e)) from e
    except pytesseract.TesseractError as e:
        raise TesseractUnavailable(f"tesseract failed: {e.message}") from e
    except RuntimeError as e:  # pytesseract's timeout
        raise TesseractUnavailable(f"tesseract did not answer within {TIMEOUT_S} s") from e
    result = (img, parse_hocr(hocr))
    _recent[key] = result
    while len(_recent) > _RECENT_MAX:
        _recent.popitem(last=False)
    return result


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
    """Top and bottom edge of each cell's ink: where its row mass crosses about half a stroke."""
    paper, ink_level = _levels(img)
    ink = np.clip((paper - img.astype(np.float32)) / max(paper - ink_level, 1.0), 0, 1)
    ink = cv2.GaussianBlur(ink, (0, 0), max(0.6, pitch / 40))
    h, w = ink.shape
    half = 0.36 * pitch  # OCR-B glyphs fill the middle ~70 % of their cell
    tau = EDGE_MASS * pitch
    tops = np.full(len(centres), np.nan)
    bottoms = np.full(len(centres), np.nan)
    for i, xc in enumerate(centres):
        x0, x1 = int(round(xc - half)), int(round(xc + half)) + 1
        if x1 <= 0 or x0 >= w:
            continue
        mass = ink[:, max(0, x0) : min(w, x1)].sum(axis=1)
        mass = mass - np.percentile(mass, 20)  # background: the crop's margins are a third of its rows
        rows = np.nonzero(mass >= tau)[0]
        if len(rows) == 0 or mass.max() < 3 * tau:
            continue
        t, b = int(rows[0]), int(rows[-1])
        # sub-pixel: interpolate the crossing between the first/last row above tau and its outer neighbour
        tops[i] = t - (mass[t] - tau) / (mass[t] - mass[t - 1]) + 0.5 if t > 0 and mass[t] > mass[t - 1] else t
        bottoms[i] = b + (mass[b] - tau) / (mass[b] - mass[b + 1]) + 0.5 if b + 1 < h and mass[b] > mass[b + 1] else b + 1
    return CellInk(tops, bottoms)


# Letters and digits tesseract reads reliably in OCR-B, used to measure a line's baseline and heights: not O/0/Q/D
# (read by context) nor the letters it substitutes for the chevron.
_REF_LETTERS = frozenset("ABFGHIJLMNPRTUVWYZ")
_REF_DIGITS = frozenset("123456789")


@dataclass(frozen=True)
class LineGeometry:
    baseline: float
    cap_height: float
    digit_ratio: float | None  # digit height / capital height, None when the font does not separate them


def line_geometry(chars: list[str | None], cells: CellInk) -> LineGeometry | None:
    """The line's baseline and capital height from the cells read as reference letters and digits."""
    letters = [i for i, ch in enumerate(chars) if ch in _REF_LETTERS and not np.isnan(cells.top[i])]
    digits = [i for i, ch in enumerate(chars) if ch in _REF_DIGITS and not np.isnan(cells.top[i])]
    refs = letters + digits
    if len(refs) < 2:
        return None
    baseline = float(np.median(cells.bottom[refs]))
    cap = float(np.median(baseline - cells.top[letters])) if len(letters) >= 2 else None
    dig = float(np.median(baseline - cells.top[digits])) if len(digits) >= 2 else None
    if cap is None:
        # No capitals to measure: the digit height gives the scale, but O/0 cannot be told apart safely.
        return LineGeometry(baseline, dig / DIGIT_HEIGHT_RATIO, None) if dig else None
    ratio = dig / cap if dig else DIGIT_HEIGHT_RATIO
    return LineGeometry(baseline, cap, ratio if ratio >= MIN_DIGIT_HEIGHT_RATIO else None)


def _demote(cands: list[tuple[str, float]], new_first: str, conf: float) -> list[tuple[str, float]]:
    rest = [(c, min(p, OVERRULED_CONF)) for c, p in cands if c != new_first]
    return [(new_first, conf), *rest]


def _apply_geometry(cands: list[list[tuple[str, float]]], cells: CellInk, geo: LineGeometry, read: list[bool]) -> None:
    for i, cand in enumerate(cands):
        if np.isnan(cells.top[i]):
            continue
        raise_ = (geo.baseline - cells.bottom[i]) / geo.cap_height
        height = (cells.bottom[i] - cells.top[i]) / geo.cap_height
        chevron = raise_ >= CHEVRON_RAISE and 0.7 <= height <= 0.97
        top = cand[0][0]
        if not read[i]:
            if chevron:
                cands[i] = list(MISSING_CHEVRON)
            continue
        if chevron and top != "<":
            cands[i] = _demote(cand, "<", CHEVRON_CONF)
        elif top == "<" and raise_ < FULL_RAISE and height > 0.97:
            # Read as a filler but it stands on the baseline at full height: not a chevron. Tesseract's next
            # choice goes first if it gave one; the corrector's look-alikes (<: K X C) do the rest.
            alts = [(c, p) for c, p in cand if c != "<"]
            cands[i] = (alts[:1] + [("<", cand[0][1] * 0.5)] + alts[1:]) if alts else [("<", cand[0][1] * 0.5)]
        elif top in "O0" and geo.digit_ratio is not None:
            t = (geo.baseline - cells.top[i]) / geo.cap_height
            x = (t - 1.0) / (geo.digit_ratio - 1.0)  # 0 at capital height, 1 at digit height
            want = "0" if x > 0.65 else "O" if x < 0.35 else None
            if want is not None and want != top:
                cands[i] = _demote(cand, want, min(cand[0][1], CHEVRON_CONF))
            elif want is None and not any(c == ("O" if top == "0" else "0") for c, _ in cand):
                other = "O" if top == "0" else "0"
                cands[i] = [(top, min(cand[0][1], CHEVRON_CONF)), (other, 0.3), *cand[1:]]


def align(symbols: list[Symbol], img: np.ndarray, length: int) -> list[list[tuple[str, float]]]:
    """``length`` positions of candidates from tesseract's symbols (see the module docstring, steps 3 and 4)."""
    text_h = float(TEXT_HEIGHT)  # the characters' height after preprocessing; OCR-B's pitch is about the same
    if symbols:
        centres = np.array([s.x_centre for s in symbols])
        first, pitch, j = fit_grid(centres, np.array([s.conf for s in symbols]), pitch_hint=text_h)
    else:
        first, pitch, j = BORDER + 0.5 * text_h, text_h, np.zeros(0, dtype=int)
    span = int(j.max()) + 1 if len(j) else 0
    # Choose which `length` cells of the grid are the line.
    if span > length:  # extra symbols (noise, a neighbour's ink): the window holding the most confidence
        conf_per_cell = np.zeros(span)
        np.add.at(conf_per_cell, j, [s.conf for s in symbols])
        sums = np.convolve(conf_per_cell, np.ones(length), mode="valid")
        start = int(np.argmax(sums))
    elif span < length:  # missing symbols: extend where the line still has ink, right first
        missing = length - span
        probe = first + (np.arange(-missing, span + missing)) * pitch
        ink = measure_cells(img, probe, pitch)
        has = ~np.isnan(ink.top)
        right = 0
        while right < missing and has[missing + span + right]:
            right += 1
        left = 0
        while left < missing - right and has[missing - 1 - left]:
            left += 1
        start = -left
    else:
        start = 0
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
    if geo is not None:
        _apply_geometry(out, cells, geo, read)
    return [_tidy(c) for c in out]


def _tidy(cands: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """Unique characters, the first kept in place, the rest by confidence; confidences clipped to [0, 1]."""
    seen: dict[str, float] = {}
    for c, p in cands:
        if c in MRZ_ALPHABET and c not in seen:
            seen[c] = float(min(max(p, 0.0), 1.0))
    items = list(seen.items())
    return items[:1] + sorted(items[1:], key=lambda o: -o[1])


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
    "clear_cache",
    "read_line",
    "read_lines",
    "version",
]
