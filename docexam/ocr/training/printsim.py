"""A print-and-capture simulator: MRZ lines as documents print them and as scanners, phones and screens capture them.

The built-in recogniser (:mod:`docexam.ocr.ocrb`) learns from what this module makes; nothing here runs when docexam
reads a document. An MRZ is drawn in one of the faces documents use (the OCR-B cuts of Doc 9303 Part 3, 4.2 and the
monospaced sans faces some issuers print instead), at the fixed 2.54 mm pitch (Part 3, 4.4), then goes through three
stages, each a set of functions that take and return numpy arrays:

1. **print** (ink coverage in [0, 1] at :data:`PRINT_PITCH` pixels a character, 320 dpi): character width and
   size, stroke weight and dot gain (:func:`ink_spread`), the technology's marks (:func:`laser_toner`,
   :func:`inkjet_dots`, :func:`thermal_transfer`, :func:`engraved`, :func:`dot_matrix`);
2. **paper** (reflectance in [0, 1]): the security print under the characters (:func:`guilloche`,
   :func:`rainbow_tint`, :func:`microtext`) and the ink laid over it;
3. **capture** (grey levels 0-255): resolution down to 100 dpi (:func:`downsample`), defocus and motion blur,
   uneven light and glare, low-light noise, JPEG, a screen's anti-aliasing (:func:`screen_render`) and the moire of a
   photographed screen (:func:`moire`), a small rotation and perspective left over by the reader's straightening, and
   the reader's resampling to its working pitch (:func:`to_reader_crop`).

:func:`simulate` draws a recipe at random and runs it, keeping the true centre of every character through each
geometric step; :func:`reader_centres` adds the errors the reader's grid makes. Every random choice comes from the
``numpy.random.Generator`` passed in: the same seed makes the same image.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from docexam.mrz.alphabet import MRZ_ALPHABET
from docexam.paths import font_file, fonts_dir

#: Pixels per character pitch (2.54 mm) where the document is printed: 320 dpi.
PRINT_PITCH = 32
#: The reader's working pitch (docexam.read.locate.TARGET_PITCH): crops are resampled to about this.
READER_PITCH = 26.0
# Optional faces from Debian packages the Makefile installs: fonts-ocr-b's other cuts, fonts-wqy-microhei.
_OCRB_SHARP = "/usr/share/fonts/opentype/ocr-b/OCRBS.otf"
_OCRB_OBLIQUE = "/usr/share/fonts/opentype/ocr-b/OCRBL.otf"
_WQY = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
#: Where Debian installs fonts: the training and held-out faces below are not docexam's (none is drawn at run time,
#: nor shipped), so they are named in their system folders and skipped where not installed.
_SYSTEM_FONTS = "/usr/share/fonts"
_TT = f"{_SYSTEM_FONTS}/truetype"
#: Free monospaced faces from the Debian packages the Makefile installs for training (fonts-liberation2,
#: fonts-freefont-ttf, fonts-go, fonts-hack, fonts-inconsolata, fonts-firacode, fonts-anonymous-pro): (name, path,
#: weight). Issuers that do not print OCR-B print a monospaced sans or slab face like these; each face taught widens
#: what the recogniser takes for a character (issue 21: faces it never saw were read poorly).
TRAINING_MONO_FACES: tuple[tuple[str, str, float], ...] = (
    ("Liberation Mono", f"{_TT}/liberation2/LiberationMono-Regular.ttf", 0.09),
    ("Liberation Mono Bold", f"{_TT}/liberation2/LiberationMono-Bold.ttf", 0.035),
    ("FreeMono", f"{_TT}/freefont/FreeMono.ttf", 0.09),
    ("FreeMono Bold", f"{_TT}/freefont/FreeMonoBold.ttf", 0.035),
    ("Go Mono", f"{_SYSTEM_FONTS}/fonts-go/Go-Mono.ttf", 0.09),
    ("Go Mono Bold", f"{_SYSTEM_FONTS}/fonts-go/Go-Mono-Bold.ttf", 0.035),
    ("Hack", f"{_TT}/hack/Hack-Regular.ttf", 0.09),
    ("Hack Bold", f"{_TT}/hack/Hack-Bold.ttf", 0.035),
    ("Inconsolata", f"{_TT}/inconsolata/Inconsolata.otf", 0.09),
    ("Fira Code", f"{_TT}/firacode/FiraCode-Regular.ttf", 0.09),
    ("Fira Code Bold", f"{_TT}/firacode/FiraCode-Bold.ttf", 0.035),
    ("Anonymous Pro", f"{_TT}/anonymous-pro/Anonymous Pro.ttf", 0.09),
    ("Anonymous Pro Bold", f"{_TT}/anonymous-pro/Anonymous Pro B.ttf", 0.035),
)
#: Faces training never uses: the recogniser is measured on them as on typefaces it has never seen
#: (``bench/font_bench.py``; the Makefile installs fonts-noto-mono, fonts-dejavu-extra, fonts-jetbrains-mono,
#: fonts-courier-prime and fonts-mononoki for it). Their kin in training, said plainly: Noto Sans Mono and Noto Mono
#: descend from Droid Sans Mono, drawn by Liberation Mono's designer; DejaVu Sans Mono Oblique is the trained upright
#: slanted; Courier Prime is a Courier, as FreeMono is. JetBrains Mono and mononoki have no kin there.
HELD_OUT_FACES: tuple[tuple[str, str], ...] = (
    ("Noto Sans Mono", f"{_TT}/noto/NotoSansMono-Regular.ttf"),
    ("Noto Mono", f"{_TT}/noto/NotoMono-Regular.ttf"),
    ("DejaVu Sans Mono Oblique", f"{_TT}/dejavu/DejaVuSansMono-Oblique.ttf"),
    ("JetBrains Mono", f"{_TT}/jetbrains-mono/JetBrainsMono-Regular.ttf"),
    ("Courier Prime", f"{_SYSTEM_FONTS}/opentype/courier-prime/Courier Prime.otf"),
    ("mononoki", f"{_TT}/mononoki/mononoki-Regular.ttf"),
)


@dataclass(frozen=True)
class Face:
    """A typeface an MRZ may be printed in.

    ``kind``: ``ocrb`` (sized as Doc 9303 sizes OCR-B: capitals 0.94 of the pitch), ``mono`` (a monospaced face whose
    advance is the pitch, as issuers that print in it set it), ``sans`` (a proportional face, each glyph centred in
    its cell), ``stroke`` (an OpenCV Hershey stroke font: engraving and plotter-like print).
    """

    name: str
    kind: str
    path: str = ""
    index: int = 0
    hershey: int = 0
    weight: float = 1.0


def available_faces() -> tuple[Face, ...]:
    """The training faces installed here: the OCR-B cuts (Regular, Sharp, Oblique; the Outline and Inverted cuts
    print no MRZ), DejaVu Sans Mono and DejaVu Sans (shipped in docexam/fonts), WenQuanYi Micro Hei Mono, the free
    monospaced faces of :data:`TRAINING_MONO_FACES` and two Hershey stroke fonts. All come with docexam or from the
    Debian packages the Makefile installs; none is one of :data:`HELD_OUT_FACES`.

    ``weight`` is a face's share of the simulated documents: OCR-B's cuts about seven in ten, as Doc 9303 prescribes
    it and nearly every issuer prints it. The other faces' O is as narrow as OCR-B's 0, so a larger share of them
    leaves a model unsure of OCR-B's O and 0 (measured: a one-in-three share read clean OCR-B O at 0.2 to 0.5)."""
    own = fonts_dir()
    faces = [Face("OCR-B", "ocrb", str(own / "OCRB.otf"), weight=4.0)]
    for path, w in ((font_file(_OCRB_SHARP, required=False), 1.5), (font_file(_OCRB_OBLIQUE, required=False), 0.7)):
        if Path(path).exists():
            faces.append(Face(f"OCR-B {Path(path).name[4:-4]}", "ocrb", path, weight=w))
    faces += [Face("DejaVu Sans Mono", "mono", str(own / "DejaVuSansMono.ttf"), weight=0.6),
              Face("DejaVu Sans Mono Bold", "mono", str(own / "DejaVuSansMono-Bold.ttf"), weight=0.25),
              Face("DejaVu Sans", "sans", str(own / "DejaVuSans.ttf"), weight=0.15),
              Face("DejaVu Sans Condensed", "sans", str(own / "DejaVuSansCondensed.ttf"), weight=0.15),
              Face("Hershey Simplex", "stroke", hershey=cv2.FONT_HERSHEY_SIMPLEX, weight=0.15),
              Face("Hershey Duplex", "stroke", hershey=cv2.FONT_HERSHEY_DUPLEX, weight=0.1)]
    wqy = font_file(_WQY, required=False)
    if Path(wqy).exists():
        faces.append(Face("WenQuanYi Micro Hei Mono", "mono", wqy, index=1, weight=0.25))
    faces += [Face(name, "mono", path, weight=w) for name, path, w in TRAINING_MONO_FACES]
    return tuple(f for f in faces if f.kind == "stroke" or Path(f.path).exists())


def held_out_faces() -> tuple[Face, ...]:
    """The :data:`HELD_OUT_FACES` installed here, for measuring (never for training)."""
    return tuple(Face(name, "mono", path) for name, path in HELD_OUT_FACES if Path(path).exists())


def _check_image(a: np.ndarray, name: str) -> None:
    if not isinstance(a, np.ndarray) or a.ndim != 2 or a.size == 0:
        raise ValueError(f"{name} must be a non-empty 2-D array, got {getattr(a, 'shape', type(a))}")


# ---------------------------------------------------------------------------------------------------------- text
def mrz_like_text(rng: np.random.Generator, n: int) -> str:
    """``n`` MRZ characters in the runs real lines have: names (letters and single fillers), numbers, codes and
    filler runs, with every character of the alphabet frequent enough to be learnt."""
    if n < 1:
        raise ValueError(f"n must be positive, got {n}")
    letters, digits = MRZ_ALPHABET[:26], MRZ_ALPHABET[26:36]
    out: list[str] = []
    while len(out) < n:
        kind = rng.choice(4, p=[0.3, 0.25, 0.3, 0.15])
        k = int(rng.integers(2, 10))
        if kind == 0:
            out += [letters[i] for i in rng.integers(0, 26, k)] + ["<"] * int(rng.integers(1, 3))
        elif kind == 1:
            out += [digits[i] for i in rng.integers(0, 10, k)]
        elif kind == 2:
            out += [MRZ_ALPHABET[i] for i in rng.integers(0, 36, k)]
        else:
            out += ["<"] * k
    return "".join(out[:n])


# ---------------------------------------------------------------------------------------------------------- print
@dataclass(frozen=True)
class Block:
    """The printed MRZ: ink coverage at print resolution and each character's true centre (x, y) in its pixels."""

    ink: np.ndarray
    centres: tuple[np.ndarray, ...]  # per line, (n, 2) float64 (x, y)
    texts: tuple[str, ...]
    pitch: float


@lru_cache(maxsize=64)
def _font(path: str, index: int, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, index=index)


def _glyph(face: Face, ch: str, size: float, pitch: float, *, bold: int) -> tuple[np.ndarray, float, float]:
    """One glyph's ink on a canvas of 3 pitches square, with the (x, y) of its cell centre on the canvas."""
    side = int(pitch * 3)
    cx, cy = side / 2, side / 2
    if face.kind == "stroke":
        canvas = np.zeros((side, side), np.uint8)
        (tw, th), _ = cv2.getTextSize("H", face.hershey, 1.0, 1)
        scale = size / th
        thick = max(1, int(round(size * (0.10 + 0.04 * bold))))
        (cw, _), _ = cv2.getTextSize(ch, face.hershey, scale, thick)
        cv2.putText(canvas, ch, (int(round(cx - cw / 2)), int(round(cy + size / 2))), face.hershey, scale, 255, thick,
                    cv2.LINE_AA)
        return canvas.astype(np.float32) / 255.0, cx, cy
    font = _font(face.path, face.index, max(4, int(round(size))))
    img = Image.new("L", (side, side), 0)
    draw = ImageDraw.Draw(img)
    cap = -font.getbbox("H", anchor="ls")[1]
    baseline = cy + cap / 2
    if face.kind == "sans":  # a proportional face: its ink centred in the cell
        x0, _, x1, _ = font.getbbox(ch, anchor="ls")
        x = cx - (x0 + x1) / 2
    else:
        x = cx - font.getlength(ch) / 2
    draw.text((x, baseline), ch, font=font, fill=255, anchor="ls", stroke_width=max(0, bold))
    return np.asarray(img, np.float32) / 255.0, cx, cy


def render_block(texts: Sequence[str], *, face: Face, rng: np.random.Generator, pitch: float = PRINT_PITCH,
                 size_scale: float = 1.0, width_scale: float = 1.0, line_spacing: float = 1.75, bold: int = 0,
                 slant: float = 0.0, placement_jitter: float = 0.03, glyph_jitter: float = 0.0) -> Block:
    """Draw ``texts`` (one string per line) at ``pitch`` pixels a character: ink coverage, 1 = full ink.

    ``size_scale`` scales the face's nominal size for the pitch; ``width_scale`` narrows or widens every glyph about its
    centre (printers' OCR-B varies in width as much as in height); ``line_spacing`` is the distance between line centres
    in pitches; ``bold`` thickens strokes by that many pixels; ``slant`` shears the glyphs (x shift per pixel of
    height); ``placement_jitter`` is the standard deviation of each glyph's placement, in pitches; ``glyph_jitter``
    redraws each character as another foundry's cut of the face might (:func:`recut_glyph`, this many pitches of
    change), the same wherever that character recurs in the block.
    """
    if not texts or any(not t for t in texts):
        raise ValueError("texts must be one or more non-empty lines")
    if pitch < 8 or not 0.5 < size_scale < 2 or not 0.5 < width_scale < 2 or line_spacing < 1.2:
        raise ValueError(f"implausible print geometry: pitch {pitch}, size {size_scale}, width {width_scale}, "
                         f"spacing {line_spacing}")
    if not 0 <= glyph_jitter <= 0.1:
        raise ValueError(f"glyph_jitter must be in [0, 0.1] pitches, got {glyph_jitter}")
    if face.kind == "ocrb":
        size = pitch * (3.35 / 2.54) * size_scale  # OCR-B size 1 on the 2.54 mm pitch
    elif face.kind == "mono":
        font = _font(face.path, face.index, 100)
        size = 100 * pitch / font.getlength("0") * size_scale
    elif face.kind == "sans":
        font = _font(face.path, face.index, 100)
        size = 100 * pitch * 0.95 / -font.getbbox("H", anchor="ls")[1] * size_scale
    else:
        size = pitch * 0.95 * size_scale  # stroke fonts: size is the capital height
    margin = int(pitch * 2)
    n = max(len(t) for t in texts)
    w = int(n * pitch + 2 * margin)
    h = int((len(texts) - 1) * line_spacing * pitch + 2 * margin)
    ink = np.zeros((h, w), np.float32)
    cache: dict[str, tuple[np.ndarray, float, float]] = {}
    centres = []
    for li, text in enumerate(texts):
        yc = margin + li * line_spacing * pitch
        pts = np.zeros((len(text), 2))
        for i, ch in enumerate(text):
            if ch not in cache:
                g, gx, gy = _glyph(face, ch, size, pitch, bold=bold)
                if width_scale != 1.0 or slant:
                    m = np.array([[width_scale, -slant, gx * (1 - width_scale) + slant * gy], [0, 1, 0]], np.float32)
                    g = cv2.warpAffine(g, m, (g.shape[1], g.shape[0]), flags=cv2.INTER_LINEAR)
                if glyph_jitter:
                    g = recut_glyph(g, (gx, gy), rng=rng, amount=glyph_jitter * pitch)
                cache[ch] = (g, gx, gy)
            g, gx, gy = cache[ch]
            xc = margin + (i + 0.5) * pitch + rng.normal(0, placement_jitter) * pitch
            y = yc + rng.normal(0, placement_jitter) * pitch
            pts[i] = xc, y
            x0, y0 = int(round(xc - gx)), int(round(y - gy))
            gh, gw = g.shape
            sx0, sy0 = max(0, -x0), max(0, -y0)
            dx0, dy0 = max(0, x0), max(0, y0)
            dx1, dy1 = min(w, x0 + gw), min(h, y0 + gh)
            if dx1 > dx0 and dy1 > dy0:
                region = ink[dy0:dy1, dx0:dx1]
                np.maximum(region, g[sy0 : sy0 + dy1 - dy0, sx0 : sx0 + dx1 - dx0], out=region)
        centres.append(pts)
    return Block(ink, tuple(centres), tuple(texts), float(pitch))


def recut_glyph(glyph: np.ndarray, centre: tuple[float, float], *, rng: np.random.Generator,
                amount: float) -> np.ndarray:
    """The glyph as another cut of its face might draw it: its own height and lean a few percent off (about
    ``centre``) and its strokes bent by a smooth random displacement of about ``amount`` pixels, less across than
    down (bowls rounder or flatter, arms longer or shorter, a junction higher or lower). OCR-B comes from several
    foundries and issuers' printers redraw it; the recogniser should take what they share for the character, not one
    cut's details. Its width is left as the face draws it: OCR-B and faces like it tell O from 0 by width alone (a
    whole cut narrower or wider is ``render_block``'s ``width_scale``, the same for every glyph)."""
    _check_image(glyph, "glyph")
    if amount < 0:
        raise ValueError(f"amount must not be negative, got {amount}")
    h, w = glyph.shape
    span = max(h, w)
    a = amount / max(span / 3, 1.0)  # the change as a share of the glyph's cell (the canvas is three cells wide)
    sy, lean = 1 + rng.uniform(-1, 1) * a, rng.uniform(-1, 1) * a
    # a displacement field under two control points a cell across, smooth between them (finer, it makes strokes
    # wobble as no cut draws them)
    dx = cv2.resize(rng.normal(0, 0.3 * amount, (5, 5)).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
    dy = cv2.resize(rng.normal(0, 0.6 * amount, (5, 5)).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    cx, cy = centre
    map_x = xx + lean * (yy - cy) + dx
    map_y = cy + (yy - cy) / sy + dy
    return cv2.remap(glyph.astype(np.float32), map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                     borderValue=0.0)


def ink_spread(ink: np.ndarray, *, amount: float, sigma: float = 1.5, aspect: float = 1.0) -> np.ndarray:
    """Dot gain (``amount`` > 0: ink spreads into the paper, strokes bolder and counters closing) or starved print
    (``amount`` < 0: thinner strokes), as the ink's edge moves with the threshold of its blurred coverage.
    ``aspect`` is the spread down the page over the spread across it: away from 1, horizontal and vertical strokes
    gain or lose weight unequally, as a face's contrast between its thick and thin strokes differs from cut to cut
    and a print head's dots spread further along its travel."""
    _check_image(ink, "ink")
    if not -0.45 < amount < 0.45 or sigma <= 0 or not 0.3 <= aspect <= 3:
        raise ValueError(f"amount must be in (-0.45, 0.45), sigma positive and aspect in [0.3, 3], got {amount}, "
                         f"{sigma}, {aspect}")
    soft = cv2.GaussianBlur(ink.astype(np.float32), (0, 0), sigmaX=sigma, sigmaY=sigma * aspect)
    return np.clip((soft - (0.5 - amount)) / 0.25 + 0.5, 0.0, 1.0).astype(np.float32)


def laser_toner(ink: np.ndarray, *, rng: np.random.Generator, scatter: float = 0.02) -> np.ndarray:
    """Laser print: crisp strokes with stray toner specks near them (``scatter``: the share of nearby pixels hit)."""
    _check_image(ink, "ink")
    near = cv2.dilate((ink > 0.3).astype(np.uint8), np.ones((7, 7), np.uint8)).astype(bool)
    specks = (rng.random(ink.shape) < scatter) & near
    return np.maximum(ink, specks.astype(np.float32) * rng.uniform(0.5, 1.0)).astype(np.float32)


def inkjet_dots(ink: np.ndarray, *, rng: np.random.Generator, dot_step: float = 4.0, gain: float = 1.2) -> np.ndarray:
    """Inkjet print: the glyph laid down as round drops on the printer's grid (``dot_step`` pixels apart; each drop
    ``gain`` times the step wide, so drops merge into a wavy-edged stroke) with stray satellite drops."""
    _check_image(ink, "ink")
    if dot_step < 1.5:
        raise ValueError(f"dot_step must be at least 1.5 pixels, got {dot_step}")
    h, w = ink.shape
    step = float(dot_step)
    ys, xs = np.mgrid[step / 2 : h : step, step / 2 : w : step]
    on = ink[ys.astype(int).clip(0, h - 1), xs.astype(int).clip(0, w - 1)] > 0.5
    out = np.zeros((h, w), np.uint8)
    radius = max(1, int(round(step * gain / 2)))
    jit = rng.normal(0, step * 0.12, (2, int(on.sum())))
    for x, y in zip(xs[on] + jit[0], ys[on] + jit[1]):
        cv2.circle(out, (int(round(x)), int(round(y))), radius, 255, -1, cv2.LINE_AA)
    n_sat = int(on.sum() * 0.03)
    if n_sat:
        pick = rng.integers(0, int(on.sum()), n_sat)
        for x, y in zip(xs[on][pick] + rng.normal(0, step * 2, n_sat), ys[on][pick] + rng.normal(0, step * 2, n_sat)):
            cv2.circle(out, (int(round(x)), int(round(y))), max(1, radius // 2), 255, -1, cv2.LINE_AA)
    return out.astype(np.float32) / 255.0


def thermal_transfer(ink: np.ndarray, *, rng: np.random.Generator, voids: float = 0.05) -> np.ndarray:
    """Thermal-transfer print (the ribbon printers of card issuers): crisp, squared edges on the head's dot rows,
    and ``voids``, the share of the head's dot rows that transfer no ink (faint white lines across the strokes)."""
    _check_image(ink, "ink")
    h, w = ink.shape
    step = 3  # a 300 dpi head at the 320 dpi print resolution, near enough
    small = cv2.resize(ink, (max(1, w // step), max(1, h // step)), interpolation=cv2.INTER_AREA)
    out = cv2.resize((small > 0.45).astype(np.float32), (w, h), interpolation=cv2.INTER_NEAREST)
    out = cv2.GaussianBlur(out, (0, 0), 0.7)
    rows = rng.random(h // step + 1) < voids
    dead = np.repeat(rows, step)[:h]
    out[dead[:h]] *= rng.uniform(0.0, 0.4)
    return out.astype(np.float32)


def engraved(ink: np.ndarray, *, rng: np.random.Generator, depth: float = 0.6) -> np.ndarray:
    """Laser engraving in a polycarbonate card: strokes a dark grey of ``depth`` (not full black), blurred at the
    edges, with the bright rim and dark shadow of a relief on opposite sides. The result may be below 0 (the rim
    lifts the paper), and the paper stage clips it."""
    _check_image(ink, "ink")
    soft = cv2.GaussianBlur(ink, (0, 0), 1.2) * depth
    ang = rng.uniform(0, 2 * np.pi)
    dx, dy = np.cos(ang) * 1.5, np.sin(ang) * 1.5
    shifted = cv2.warpAffine(soft, np.array([[1, 0, dx], [0, 1, dy]], np.float32), (ink.shape[1], ink.shape[0]))
    return (soft + 0.35 * (soft - shifted)).astype(np.float32)


def dot_matrix(ink: np.ndarray, *, dot_step: float = 6.0) -> np.ndarray:
    """Laser-perforated or dot-matrix characters: the glyph as separate round dots ``dot_step`` pixels apart."""
    _check_image(ink, "ink")
    if dot_step < 3:
        raise ValueError(f"dot_step must be at least 3 pixels, got {dot_step}")
    h, w = ink.shape
    out = np.zeros((h, w), np.uint8)
    ys, xs = np.mgrid[dot_step / 2 : h : dot_step, dot_step / 2 : w : dot_step]
    on = ink[ys.astype(int).clip(0, h - 1), xs.astype(int).clip(0, w - 1)] > 0.5
    r = max(1, int(round(dot_step * 0.38)))
    for x, y in zip(xs[on], ys[on]):
        cv2.circle(out, (int(round(x)), int(round(y))), r, 255, -1, cv2.LINE_AA)
    return out.astype(np.float32) / 255.0


# ---------------------------------------------------------------------------------------------------------- paper
def guilloche(shape: tuple[int, int], *, rng: np.random.Generator, strength: float = 0.25,
              line_px: float = 1.2) -> np.ndarray:
    """Reflectance of a guilloche: families of thin interlaced sine curves (1 = paper, lower = printed line)."""
    h, w = shape
    # drawn at half resolution (its lines stay smooth when enlarged), which keeps the simulator fast
    hh, ww = (h + 1) // 2, (w + 1) // 2
    xx = np.arange(ww, dtype=np.float32)[None, :] * 2
    yy = np.arange(hh, dtype=np.float32)[:, None] * 2
    dark = np.zeros((hh, ww), np.float32)
    for _ in range(int(rng.integers(1, 4))):
        period = rng.uniform(6, 30)
        amp, wl = rng.uniform(3, 25), rng.uniform(60, 400)
        cycles = (yy + amp * np.sin(xx * (2 * np.pi / wl) + rng.uniform(0, 6.3))) / period
        # a line where the curve family passes a whole cycle, line_px wide
        dist = np.abs((cycles + 0.5) % 1.0 - 0.5) * period
        dark = np.maximum(dark, np.clip(1 - dist / line_px, 0, 1))
    return (1 - strength * cv2.resize(dark, (w, h), interpolation=cv2.INTER_LINEAR)).astype(np.float32)


def rainbow_tint(shape: tuple[int, int], *, rng: np.random.Generator, strength: float = 0.2) -> np.ndarray:
    """Reflectance of a rainbow (iris) tint seen in grey: broad bands of colour whose greys differ smoothly."""
    h, w = shape
    sw, sh = max(2, w // 8), max(2, h // 8)  # smooth: drawn small and enlarged
    xx = np.linspace(0, 1, sw, dtype=np.float32)[None, :]
    yy = np.linspace(0, 1, sh, dtype=np.float32)[:, None]
    a = rng.uniform(0, 2 * np.pi)
    t = np.cos(a) * xx * rng.uniform(1, 4) + np.sin(a) * yy * rng.uniform(0.3, 2)
    tint = (0.5 + 0.5 * np.sin(2 * np.pi * t + rng.uniform(0, 6.3))).astype(np.float32)
    return (1 - strength * cv2.resize(tint, (w, h), interpolation=cv2.INTER_LINEAR)).astype(np.float32)


def microtext(shape: tuple[int, int], *, rng: np.random.Generator, strength: float = 0.3,
              height_px: float = 6.0) -> np.ndarray:
    """Reflectance of rows of microprinted text (``height_px`` pixels high, far below the MRZ's size)."""
    h, w = shape
    canvas = np.zeros(shape, np.uint8)
    scale = height_px / 22.0  # Hershey Simplex capitals are 22 units high at scale 1
    row = max(4, int(height_px * rng.uniform(1.4, 2.2)))
    words = ["".join(MRZ_ALPHABET[i] for i in rng.integers(0, 26, int(rng.integers(4, 9)))) for _ in range(6)]
    text = " ".join(words * 12)
    for y in range(int(rng.integers(0, row)), h + row, row):
        cv2.putText(canvas, text, (-int(rng.integers(0, 200)), y), cv2.FONT_HERSHEY_SIMPLEX, scale, 255, 1, cv2.LINE_AA)
    return (1 - strength * canvas.astype(np.float32) / 255.0).astype(np.float32)


def lay_ink(ink: np.ndarray, background: np.ndarray, *, density: float = 0.92) -> np.ndarray:
    """Reflectance of ink of ``density`` (1 = black) printed over ``background`` (reflectance)."""
    _check_image(ink, "ink")
    if ink.shape != background.shape or not 0 < density <= 1:
        raise ValueError("ink and background must have one shape, and density be in (0, 1]")
    return np.clip(background * (1 - density * ink), 0.0, 1.0).astype(np.float32)


# ---------------------------------------------------------------------------------------------------------- capture
def downsample(img: np.ndarray, *, factor: float) -> np.ndarray:
    """The capture at a lower resolution: ``factor`` output pixels per print pixel (area averaging, as a sensor)."""
    _check_image(img, "img")
    if not 0 < factor <= 1:
        raise ValueError(f"factor must be in (0, 1], got {factor}")
    h, w = img.shape
    return cv2.resize(img, (max(2, round(w * factor)), max(2, round(h * factor))), interpolation=cv2.INTER_AREA)


def defocus(img: np.ndarray, *, radius: float) -> np.ndarray:
    """Out-of-focus blur: a disc of ``radius`` pixels (a lens's blur, not a Gaussian's soft tail)."""
    _check_image(img, "img")
    if radius <= 0:
        return img
    r = int(np.ceil(radius))
    k = np.zeros((2 * r + 1, 2 * r + 1), np.float32)
    cv2.circle(k, (r, r), max(1, int(round(radius))), 1.0, -1, cv2.LINE_AA)
    return cv2.filter2D(img.astype(np.float32), -1, k / k.sum(), borderType=cv2.BORDER_REPLICATE)


def motion_blur(img: np.ndarray, *, length: float, angle: float) -> np.ndarray:
    """A hand's movement during the exposure: a line kernel ``length`` pixels long at ``angle`` degrees."""
    _check_image(img, "img")
    if length < 1:
        return img
    r = int(np.ceil(length / 2))
    k = np.zeros((2 * r + 1, 2 * r + 1), np.float32)
    dx, dy = np.cos(np.radians(angle)) * length / 2, np.sin(np.radians(angle)) * length / 2
    cv2.line(k, (int(round(r - dx)), int(round(r - dy))), (int(round(r + dx)), int(round(r + dy))), 1.0, 1, cv2.LINE_AA)
    return cv2.filter2D(img.astype(np.float32), -1, k / k.sum(), borderType=cv2.BORDER_REPLICATE)


def expose(reflectance: np.ndarray, *, white: float, black: float, gradient: float = 0.0, angle: float = 0.0,
           vignette: float = 0.0) -> np.ndarray:
    """Grey levels of a capture: paper at ``white``, a perfect black at ``black``, the light falling off by up to
    ``gradient`` across the image in direction ``angle`` (degrees) and by ``vignette`` towards the corners."""
    _check_image(reflectance, "reflectance")
    h, w = reflectance.shape
    xx = np.arange(w, dtype=np.float32)[None, :]
    yy = np.arange(h, dtype=np.float32)[:, None]
    u = (np.cos(np.radians(angle)) * xx / w + np.sin(np.radians(angle)) * yy / h)
    u = (u - u.min()) / max(float(u.max() - u.min()), 1e-6)
    light = 1 - gradient * u
    if vignette:
        light *= 1 - vignette * (((xx / w - 0.5) ** 2 + (yy / h - 0.5) ** 2) * 2)
    return (black + (white - black) * reflectance * light).astype(np.float32)


def glare(img: np.ndarray, *, rng: np.random.Generator, strength: float = 120.0, radius: float = 0.3) -> np.ndarray:
    """A specular reflection (laminate, phone flash): light added over an elliptic patch whose size is ``radius``
    of the image's width; it lifts ink and paper alike and clips, so the contrast there falls."""
    _check_image(img, "img")
    h, w = img.shape
    cx, cy = rng.uniform(0.1, 0.9) * w, rng.uniform(0, 1) * h
    rx, ry = radius * w, radius * w * rng.uniform(0.2, 0.8)
    xx = np.arange(w, dtype=np.float32)[None, :]
    yy = np.arange(h, dtype=np.float32)[:, None]
    patch = np.exp(-(((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2) * 2)
    return np.clip(img + strength * patch, 0, 255).astype(np.float32)


def low_light_noise(img: np.ndarray, *, rng: np.random.Generator, read_sigma: float = 6.0,
                    shot: float = 0.5) -> np.ndarray:
    """Sensor noise of a dim capture: read noise of ``read_sigma`` grey levels plus shot noise (its variance
    ``shot`` times the level)."""
    _check_image(img, "img")
    sigma = np.sqrt(read_sigma**2 + shot * np.clip(img, 0, 255))
    return np.clip(img + rng.normal(0, 1, img.shape) * sigma, 0, 255).astype(np.float32)


def jpeg(img: np.ndarray, *, quality: int) -> np.ndarray:
    """The image through a JPEG encoder at ``quality`` (block artefacts and ringing at the strokes)."""
    _check_image(img, "img")
    if not 1 <= quality <= 100:
        raise ValueError(f"quality must be in 1-100, got {quality}")
    ok, buf = cv2.imencode(".jpg", np.clip(img, 0, 255).astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, int(quality)])
    if not ok:
        raise ValueError("the JPEG encoder refused the image")
    decoded = cv2.imdecode(buf, cv2.IMREAD_GRAYSCALE)
    if decoded is None:
        raise ValueError("the JPEG decoder refused the encoder's output")
    return decoded.astype(np.float32)


def screen_render(reflectance: np.ndarray, *, factor: float, gamma: float = 2.2, hinting: float = 0.0) -> np.ndarray:
    """Text as a screen shows it at a small size: coverage averaged over each screen pixel in linear light and
    shown through the display's ``gamma`` (anti-aliasing: grey fringes, thin strokes lighter), ``hinting`` in
    [0, 1] pulling pixels towards full ink or paper as a font rasteriser's hinting does. Reflectance in, out."""
    _check_image(reflectance, "reflectance")
    small = downsample(reflectance, factor=factor)
    if hinting:
        small = (1 - hinting) * small + hinting * (small > 0.5)
    return np.clip(small, 0, 1) ** (1 / gamma) if gamma != 1 else small


def moire(img: np.ndarray, *, rng: np.random.Generator, period: float = 1.1, strength: float = 0.25,
          angle: float = 2.0) -> np.ndarray:
    """A photograph of a screen: the display's pixel grid (``period`` sensor pixels a screen pixel, at ``angle``
    degrees to the sensor's rows) is sampled by the sensor's own grid; where the two nearly agree (a period near 1)
    they beat, and broad bands of light and dark cross the text."""
    _check_image(img, "img")
    if period <= 0.3:
        raise ValueError(f"period must be above 0.3 sensor pixels, got {period}")
    h, w = img.shape
    up = 4  # the scene at four times the sensor's resolution ...
    yy = (np.arange(h * up, dtype=np.float32)[:, None] + 0.5) / up
    xx = (np.arange(w * up, dtype=np.float32)[None, :] + 0.5) / up
    a = np.radians(angle)
    u = xx * np.cos(a) + yy * np.sin(a)
    v = -xx * np.sin(a) + yy * np.cos(a)
    lit = (np.cos(np.pi * u / period) ** 2) * (np.cos(np.pi * v / (period * rng.uniform(0.95, 1.05))) ** 2)
    big = cv2.resize(img.astype(np.float32), (w * up, h * up), interpolation=cv2.INTER_LINEAR)
    seen = big * (1 - strength + strength * 2 * lit)
    # ... sampled by photosites that cover half of each pixel's width (a fill factor of 1/4), which aliases
    seen = cv2.blur(seen, (2, 2))
    return seen[1::up, 1::up][:h, :w].astype(np.float32)


def to_reader_crop(img: np.ndarray, *, matrix: np.ndarray, out_size: tuple[int, int]) -> np.ndarray:
    """The reader's straightened crop: ``img`` warped by the 3x3 ``matrix`` to ``out_size`` (w, h), smoothed first
    when shrinking as docexam.read.locate.cut_quad does."""
    _check_image(img, "img")
    k = float(np.sqrt(abs(np.linalg.det(matrix[:2, :2]))))
    src = cv2.GaussianBlur(img, (0, 0), 0.45 / k) if k < 0.7 else img
    return cv2.warpPerspective(src.astype(np.float32), matrix.astype(np.float64), out_size, flags=cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_REPLICATE)


# ---------------------------------------------------------------------------------------------------------- recipe
@dataclass(frozen=True)
class SimLine:
    """One simulated line: its text, each character's true centre x and the line's centre y in the output image."""

    text: str
    centres: np.ndarray
    y_centre: float


@dataclass(frozen=True)
class Simulated:
    """A simulated MRZ as the reader's crop: grey uint8, its lines and pitch, and the recipe that made it."""

    image: np.ndarray
    lines: tuple[SimLine, ...]
    pitch: float
    recipe: dict[str, object] = field(default_factory=dict)


def _apply(m: np.ndarray, pts: np.ndarray) -> np.ndarray:
    p = np.c_[pts, np.ones(len(pts))] @ m.T
    return p[:, :2] / p[:, 2:3]


def _pick_face(rng: np.random.Generator, faces: Sequence[Face]) -> Face:
    w = np.array([f.weight for f in faces])
    return faces[int(rng.choice(len(faces), p=w / w.sum()))]


@dataclass(frozen=True)
class Capture:
    """A capture set rather than drawn (:func:`simulate`'s ``capture``): the sensor's ``pitch`` (its pixels a
    character), a soft focus after it (a Gaussian of ``blur`` of its pixels), the light (``contrast``: the paper-to-ink
    range as a share of a good capture's; a photo in low light keeps a third of it or less), sensor noise of
    ``noise`` grey levels, and JPEG at ``jpeg`` (None: none). For measuring the recogniser under one condition."""

    pitch: float
    blur: float = 0.0
    contrast: float = 1.0
    noise: float = 0.0
    jpeg: int | None = None

    def __post_init__(self) -> None:
        if not 4 <= self.pitch <= PRINT_PITCH or self.blur < 0 or not 0.05 <= self.contrast <= 1 or self.noise < 0:
            raise ValueError(f"implausible capture: {self}")
        if self.jpeg is not None and not 1 <= self.jpeg <= 100:
            raise ValueError(f"jpeg quality must be in 1-100, got {self.jpeg}")


def _soft_focus(rng: np.random.Generator, recipe: dict[str, object]) -> float:
    """The Gaussian sigma (sensor pixels) of a soft focus drawn for :func:`simulate`'s ``soft`` share: 0.4 to 1.8
    pixels whatever the pitch (a phone focused a little off, a scan's or a messenger's resampling), so at a small
    pitch it blurs a stroke into its neighbour as the disc of the optics stage (a share of the pitch) never does."""
    sigma = float(rng.uniform(0.4, 1.8))
    recipe["soft_focus"] = round(sigma, 2)
    return sigma


def simulate(texts: Sequence[str], *, rng: np.random.Generator, faces: Sequence[Face] | None = None,
             reader_pitch: float = READER_PITCH, mild: bool = False, variants: bool = True,
             soft: float = 0.0, capture: Capture | None = None) -> Simulated:
    """``texts`` printed, captured and cut as the reader's crop, with a recipe drawn from ``rng``.

    The recipe's choices and ranges are those real MRZs show: the printing technology (laser, inkjet, thermal
    transfer, engraving, perforation), the face and its width and weight, the security print under the text, the
    capture (flatbed scan, phone photo, screenshot, photo of a screen) with its resolution (a pitch of 8 to 45
    pixels: down to below 100 dpi), blur, light, noise and compression, and the residue of the reader's straightening.
    ``mild``: a good OCR-B print (laser, offset or thermal transfer, fainter security print) scanned or photographed
    with care at a 12 to 32-pixel pitch, as most documents an examiner reads are. ``variants=False`` prints each
    face as it is drawn (no re-cut glyphs, strokes spread evenly), for measuring how a face itself is read: nothing
    is drawn for the variants, so a seed makes the capture it made before they were added (measurements stay
    comparable across that change).

    ``soft``: the share of full-recipe scans and photos captured in soft focus and dimmer (:func:`_soft_focus`:
    a Gaussian of 0.4 to 1.8 sensor pixels after the sensor, the smallest pitches down to 7 pixels, low light in
    scans too and JPEG down to quality 15); 0 (the default) draws nothing for it, so a seed makes the capture it made
    before it was added. ``capture`` sets the capture instead of drawing it (:class:`Capture`; the print is drawn as
    the recipe draws it): for measuring one condition.
    """
    if not 0 <= soft <= 1:
        raise ValueError(f"soft must be a share in [0, 1], got {soft}")
    faces = tuple(faces) if faces is not None else available_faces()
    if mild:  # a good OCR-B print, scanned or photographed with care: what most documents look like
        faces = tuple(f for f in faces if f.kind == "ocrb") or faces
    if not faces:
        raise ValueError("no faces to print with")
    recipe: dict[str, object] = {}
    face = _pick_face(rng, faces)
    recipe["face"] = face.name
    bold = int(rng.choice([0, 0, 0, 1, 1, 2])) if face.kind != "stroke" else int(rng.choice([0, 1]))
    if "Bold" in face.name:
        bold = 0
    # OCR-B tells O from 0 and D by width alone (its O is wider), so its printers keep its proportions: a narrow
    # range there; the other faces are printed narrower or wider as issuers fit them to the pitch.
    width = float(rng.uniform(0.97, 1.03) if face.kind == "ocrb" else rng.uniform(0.85, 1.1))
    # every cut of a face draws its glyphs a little differently: OCR-B's less (its O and 0 differ by width alone)
    recut = 0.0
    if variants:
        recut = float(rng.uniform(0, 0.02) if face.kind == "ocrb" else rng.uniform(0, 0.035))
        recipe["recut"] = round(recut, 3)
    block = render_block(texts, face=face, rng=rng, size_scale=float(rng.uniform(0.88, 1.1)), width_scale=width,
                         line_spacing=float(rng.uniform(1.45, 2.1)), bold=bold, slant=float(rng.normal(0, 0.04)),
                         placement_jitter=float(rng.uniform(0, 0.04)), glyph_jitter=recut)
    ink = block.ink
    tech = str(rng.choice(["laser", "inkjet", "thermal", "engraved", "perforated", "offset"],
                          p=[0.4, 0.0, 0.2, 0.0, 0.0, 0.4] if mild else [0.3, 0.2, 0.17, 0.13, 0.05, 0.15]))
    recipe["technology"] = tech
    spread = float(rng.uniform(-0.1, 0.12) if mild else rng.uniform(-0.2, 0.22))
    recipe["ink_spread"] = round(spread, 3)
    aspect = float(np.clip(np.exp(rng.normal(0, 0.25)), 0.6, 1.7)) if variants else 1.0
    ink = ink_spread(ink, amount=spread, sigma=float(rng.uniform(0.8, 2.5)), aspect=aspect)
    density = float(rng.uniform(0.75, 0.98))
    if tech == "laser":
        ink = laser_toner(ink, rng=rng, scatter=float(rng.uniform(0, 0.03)))
    elif tech == "inkjet":
        ink = inkjet_dots(ink, rng=rng, dot_step=float(rng.uniform(0.06, 0.14) * block.pitch), gain=float(rng.uniform(1.0, 1.6)))
    elif tech == "thermal":
        ink = thermal_transfer(ink, rng=rng, voids=float(rng.uniform(0, 0.12)))
    elif tech == "engraved":
        ink = engraved(ink, rng=rng, depth=float(rng.uniform(0.45, 0.9)))
        density = 1.0
    elif tech == "perforated":
        ink = dot_matrix(ink, dot_step=float(rng.uniform(0.11, 0.18) * block.pitch))
    # paper and security print
    shape = ink.shape
    paper = np.ones(shape, np.float32)
    backgrounds = []
    busy = 0.5 if mild else 1.0
    if rng.random() < 0.55 * busy:
        paper *= guilloche(shape, rng=rng, strength=float(rng.uniform(0.1, 0.5)), line_px=float(rng.uniform(0.8, 2.5)))
        backgrounds.append("guilloche")
    if rng.random() < 0.45 * busy:
        paper *= rainbow_tint(shape, rng=rng, strength=float(rng.uniform(0.05, 0.35)))
        backgrounds.append("rainbow")
    if rng.random() < 0.25 * busy:
        paper *= microtext(shape, rng=rng, strength=float(rng.uniform(0.15, 0.5)), height_px=float(rng.uniform(0.1, 0.25) * block.pitch))
        backgrounds.append("microtext")
    recipe["background"] = backgrounds
    refl = np.clip(paper * (1 - density * ink), 0.0, 1.0).astype(np.float32) if tech != "engraved" else \
        np.clip(paper * (1 - ink), 0.0, 1.0).astype(np.float32)
    # capture
    m = np.eye(3)  # print pixels -> current pixels
    if capture is not None:
        img, cap_pitch = _set_capture(refl, capture, block.pitch, rng=rng, recipe=recipe)
        return _reader_crop(img, block, cap_pitch, m, rng=rng, reader_pitch=reader_pitch, recipe=recipe)
    kind = str(rng.choice(["scan", "photo", "screenshot", "screen_photo"],
                          p=[0.5, 0.5, 0.0, 0.0] if mild else [0.35, 0.45, 0.1, 0.1]))
    recipe["capture"] = kind
    # the soft share: drawn only when asked for, so soft=0 draws what the recipe drew before it
    is_soft = bool(soft) and not mild and kind in ("scan", "photo") and rng.random() < soft
    # a soft focus matters where the pitch is small (a pixel of blur is a tenth of a character there): most soft
    # captures are drawn in the smallest band
    band = rng.choice(3, p=[0.6, 0.25, 0.15] if is_soft else [0.3, 0.35, 0.35])
    cap_pitch = float([rng.uniform(7 if is_soft else 8, 14), rng.uniform(14, 26), rng.uniform(26, 45)][band])
    if mild:
        cap_pitch = float(rng.uniform(12, 32))
    if kind in ("screenshot", "screen_photo"):
        cap_pitch = float(rng.uniform(7, 16))
    cap_pitch = min(cap_pitch, block.pitch)
    recipe["capture_pitch"] = round(cap_pitch, 2)
    factor = cap_pitch / block.pitch
    if kind in ("screenshot", "screen_photo"):
        img = screen_render(refl, factor=factor, gamma=float(rng.uniform(1.0, 2.2)), hinting=float(rng.uniform(0, 0.5)))
        img = expose(img, white=float(rng.uniform(220, 255)), black=float(rng.uniform(0, 30)))
        if kind == "screen_photo":
            img = moire(img, rng=rng, period=float(rng.uniform(0.85, 1.25)), strength=float(rng.uniform(0.05, 0.2)),
                        angle=float(rng.uniform(-5, 5)))
            img = defocus(img, radius=float(rng.uniform(0, 1.0)))
    else:
        # optics before the sensor (in print pixels), then the sensor's sampling
        if kind == "photo" and not mild and rng.random() < 0.4:
            refl = motion_blur(refl, length=float(rng.uniform(1, 0.25 * block.pitch)), angle=float(rng.uniform(0, 180)))
            recipe["motion"] = True
        blur_r = float(rng.uniform(0, 0.05 if mild else 0.1 if kind == "scan" else 0.16) * block.pitch)
        refl = defocus(refl, radius=blur_r) if blur_r > 1 else refl
        img = downsample(refl, factor=factor)
        if is_soft:
            img = cv2.GaussianBlur(img, (0, 0), _soft_focus(rng, recipe))
        low_light = (kind == "photo" or is_soft) and not mild and rng.random() < 0.3
        recipe["low_light"] = low_light
        white = float(rng.uniform(60, 130) if low_light else rng.uniform(150, 250))
        black = float(rng.uniform(0, 0.25) * white)
        img = expose(img, white=white, black=black, gradient=float(rng.uniform(0, 0.35)), angle=float(rng.uniform(0, 360)),
                     vignette=float(rng.uniform(0, 0.3)) if kind == "photo" else 0.0)
        if kind == "photo" and not mild and rng.random() < 0.2:
            img = glare(img, rng=rng, strength=float(rng.uniform(40, 160)), radius=float(rng.uniform(0.1, 0.4)))
            recipe["glare"] = True
        img = low_light_noise(img, rng=rng, read_sigma=float(rng.uniform(0, 12 if low_light else 5)),
                              shot=float(rng.uniform(0, 1.5 if low_light else 0.4)))
        if low_light and rng.random() < 0.5:  # the phone's own noise reduction
            img = cv2.GaussianBlur(img, (0, 0), 0.7)
    if rng.random() < 0.6:
        q = int(rng.integers(50 if mild else 15 if is_soft else 20, 95))
        img = jpeg(img, quality=q)
        recipe["jpeg"] = q
    return _reader_crop(img, block, cap_pitch, m, rng=rng, reader_pitch=reader_pitch, recipe=recipe)


def _set_capture(refl: np.ndarray, capture: Capture, print_pitch: float, *, rng: np.random.Generator,
                 recipe: dict[str, object]) -> tuple[np.ndarray, float]:
    """The reflectance captured as ``capture`` sets (grey levels, and the capture's pitch): sampled at its pitch,
    softened, lit (paper at 230 and ink at 20 in a good light, ``contrast`` of that range above a floor of 10 in
    a dim one), noisy and compressed."""
    recipe["capture"] = "set"
    cap_pitch = min(capture.pitch, print_pitch)
    recipe["capture_pitch"] = round(cap_pitch, 2)
    img = downsample(refl, factor=cap_pitch / print_pitch)
    if capture.blur:
        img = cv2.GaussianBlur(img, (0, 0), capture.blur)
        recipe["soft_focus"] = round(capture.blur, 2)
    img = expose(img, white=10 + 220 * capture.contrast, black=10 + 10 * capture.contrast)
    if capture.noise:
        img = low_light_noise(img, rng=rng, read_sigma=capture.noise, shot=0.0)
    if capture.jpeg is not None:
        img = jpeg(img, quality=capture.jpeg)
        recipe["jpeg"] = capture.jpeg
    return img, cap_pitch


def _reader_crop(img: np.ndarray, block: Block, cap_pitch: float, m: np.ndarray, *, rng: np.random.Generator,
                 reader_pitch: float, recipe: dict[str, object]) -> Simulated:
    """The capture ``img`` (at ``cap_pitch``) as the reader's crop, and where each character of ``block`` fell."""
    factor = cap_pitch / block.pitch
    m = np.diag([factor, factor, 1.0]) @ m
    m[:2, 2] += 0.5 * factor - 0.5  # pixel centres under area averaging
    # the reader's crop: scaled to its working pitch, with what its straightening leaves (rotation, keystone, shear)
    h, w = img.shape
    out_pitch = reader_pitch * float(rng.uniform(0.85, 1.2))
    k = out_pitch / cap_pitch
    rot = np.radians(rng.normal(0, 0.5))
    c, s = np.cos(rot), np.sin(rot)
    shear = float(rng.normal(0, 0.02))
    a = np.array([[k * c, -k * s + k * shear, 0], [k * s, k * c, 0], [0, 0, 1]])
    a[2, 0] = rng.normal(0, 0.02) / (w * k)  # keystone: a gentle perspective along the line
    cx, cy = w / 2, h / 2
    t_in = np.array([[1, 0, -cx], [0, 1, -cy], [0, 0, 1]])
    out_w, out_h = int(round(w * k)), int(round(h * k))
    t_out = np.array([[1, 0, out_w / 2], [0, 1, out_h / 2], [0, 0, 1]])
    warp = t_out @ a @ t_in
    crop = to_reader_crop(img, matrix=warp, out_size=(out_w, out_h))
    m = warp @ m
    lines = []
    for text, pts in zip(block.texts, block.centres):
        at = _apply(m, pts)
        lines.append(SimLine(text, at[:, 0], float(at[:, 1].mean())))
    pitch = float(np.median(np.diff(lines[0].centres))) if len(lines[0].centres) > 1 else out_pitch
    return Simulated(np.clip(crop, 0, 255).astype(np.uint8), tuple(lines), pitch, recipe)


def reader_centres(line: SimLine, pitch: float, *, rng: np.random.Generator, scale: float = 1.0
                   ) -> tuple[np.ndarray, float, float]:
    """Cell centres, centre line and pitch as the reader's grid might place them on ``line``: a pitch off by a
    percent or two (the grid drifts along the line), the whole grid shifted, each cell a little off, the centre
    line a little high or low. ``scale`` multiplies every error (0: the truth)."""
    n = len(line.centres)
    est_pitch = pitch * (1 + rng.normal(0, 0.012) * scale)
    i = np.arange(n) - (n - 1) / 2
    drift = i * (est_pitch - pitch)
    xs = line.centres + drift + (rng.normal(0, 0.06) * pitch + rng.normal(0, 0.04, n) * pitch) * scale
    xs = np.clip(xs, line.centres - 0.3 * pitch, line.centres + 0.3 * pitch)
    y = line.y_centre + rng.normal(0, 0.06) * pitch * scale
    return xs, float(y), float(est_pitch)


def reader_grid(sim: Simulated) -> list[tuple[np.ndarray, float, float]] | None:
    """The reader's own grid on the simulated crop (:func:`docexam.read.segment.segment_lines`): per line, the cell
    centres, centre line and pitch it fits, with the errors it really makes. None where it finds other lines than
    the simulated ones or is off by more than 0.4 pitch somewhere (a grid a whole cell off would teach wrong labels,
    not its errors)."""
    from docexam.read.segment import ink_map, line_bands, segment_lines

    ink = ink_map(sim.image)
    bands = line_bands(ink, len(sim.lines))
    if len(bands) != len(sim.lines):
        return None
    try:
        cells = segment_lines(ink, bands, len(sim.lines[0].text))
    except ValueError:
        return None
    out = []
    for fitted, line in zip(cells, sim.lines):
        if (len(fitted.centres) != len(line.centres) or np.abs(fitted.centres - line.centres).max() > 0.4 * sim.pitch
                or abs(fitted.y_centre - line.y_centre) > 0.4 * sim.pitch):
            return None
        out.append((np.asarray(fitted.centres, np.float64), float(fitted.y_centre), float(fitted.pitch)))
    return out
