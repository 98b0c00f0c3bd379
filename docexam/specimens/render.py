"""Render a synthetic document in visible, UV (365 nm) and IR (~870 nm) light from one design.

All three lights come from the same list of printed elements, each drawn through a coverage mask with an
:class:`Ink` that says how it looks in each light, so the lights register exactly:

* visible: the printed page on off-white paper;
* UV: security paper stays dull and dark; fluorescent fibres, the UV emblem, the ghost image and the fluorescent
  personalisation glow; ordinary inks absorb;
* IR: only IR-absorbing (B900) ink stays dark (the MRZ, Doc 9303 Part 3, 4.11; selected VIZ fields; the portrait);
  the background print, captions and the other personalisation drop out.

The static part of a family's design (paper, background print, captions, emblem, fibres) is rendered once per
(family, dpi, paper features) and cached; personalisation is drawn per document. Rendering is deterministic.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import lru_cache

import cv2
import numpy as np

from docexam.lights import LIGHTS, Light
from docexam.paths import font_file
from docexam.specimens import art
from docexam.specimens.design import MRZ_CHAR_HEIGHT_MM, MRZ_LINE_SPACING_MM, MRZ_PITCH_MM, REFERENCE_DPI, Box, Family, FieldSlot, mm_to_px
from docexam.specimens.face import synthetic_face
from docexam.specimens.persons import DocumentData, mrz_lines, viz_values

# The package's copies of Debian's fonts-ocr-b and fonts-dejavu-core (docexam/fonts/, found by docexam.paths.font_file).
OCRB = font_file("/usr/share/fonts/opentype/ocr-b/OCRB.otf")
SANS = font_file("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
SANS_BOLD = font_file("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
_DEJAVU = "/usr/share/fonts/truetype/dejavu/"
#: The faces a design may print its header, captions and values in (``Family.header_font`` and so on).
FONTS: dict[str, str] = {
    "sans": SANS,
    "sans-bold": SANS_BOLD,
    "serif": font_file(_DEJAVU + "DejaVuSerif.ttf"),
    "serif-bold": font_file(_DEJAVU + "DejaVuSerif-Bold.ttf"),
    "condensed": font_file(_DEJAVU + "DejaVuSansCondensed.ttf"),
    "condensed-bold": font_file(_DEJAVU + "DejaVuSansCondensed-Bold.ttf"),
    "mono": font_file(_DEJAVU + "DejaVuSansMono.ttf"),
}
#: Capital height as a fraction of the em, to turn millimetres of capital height into a font size (every DejaVu
#: face: 1493/2048).
CAP_HEIGHT = {OCRB: 0.723} | {path: 0.729 for path in FONTS.values()}


@dataclass(frozen=True)
class Ink:
    """How an ink looks in each light.

    ``visible``: its colour (``None``: invisible in daylight, as UV inks are). ``uv``: its fluorescence under 365 nm
    (``None``: it does not glow, and darkens the UV image by ``uv_absorb``). ``ir``: its absorption at ~870 nm, from 0
    (IR-transparent: drops out) to 1 (carbon black, B900).
    """

    visible: tuple[int, int, int] | None
    uv: tuple[int, int, int] | None = None
    uv_absorb: float = 0.5
    ir: float = 0.0


# Personalisation toner on UV-dull paper makes no visible difference under UV (uv_absorb 0); the two blacks look
# the same in daylight and differ only in IR.
BLACK_IR = Ink((22, 22, 28), uv_absorb=0.0, ir=0.95)  # personalisation and MRZ in IR-absorbing ink
BLACK_PLAIN = Ink((22, 22, 28), uv_absorb=0.0, ir=0.0)  # personalisation in IR-transparent ink


class Paper(StrEnum):
    SECURITY = "security"  # UV-dull security paper with fibres
    BRIGHTENED = "brightened"  # ordinary paper with optical brighteners: glows blue-white under UV


@dataclass(frozen=True)
class Features:
    """The paper and security features of one document; genuine documents use the defaults."""

    paper: Paper = Paper.SECURITY
    fibres: bool = True
    #: ``present``, ``missing``, or ``moved`` (printed in the wrong place).
    uv_emblem: str = "present"
    #: The number's UV-fluorescent personalisation.
    uv_number: bool = True
    #: VIZ fields printed in IR-absorbing ink although the design wants them to drop out in IR.
    ir_absorbing_extra: tuple[str, ...] = ()


@dataclass(frozen=True)
class FieldEdit:
    """A VIZ field re-printed after personalisation: the new value in IR-transparent ink over an erasure, with a
    trace of the erased original left in IR-absorbing residue."""

    value: str
    original: str
    residue: float = 0.35


@dataclass(frozen=True)
class Specimen:
    """A personalised document ready to render: design, data, what is printed, and any tampering."""

    family: Family
    data: DocumentData
    mrz: tuple[str, ...]
    viz: dict[str, str]
    features: Features = Features()
    #: Seed of a substituted portrait (a photo pasted over the original), or ``None``.
    substituted_portrait: int | None = None
    edits: dict[str, FieldEdit] = field(default_factory=dict)

    def replace(self, **changes) -> Specimen:
        return replace(self, **changes)


def make_specimen(family: Family, data: DocumentData) -> Specimen:
    return Specimen(family, data, mrz_lines(family, data), viz_values(family, data))


# --- drawing helpers -------------------------------------------------------------------------------------------


class _Canvas:
    """Three float32 RGB images of one page, composited in place."""

    def __init__(self, shape: tuple[int, int], dpi: int) -> None:
        self.dpi = dpi
        self.shape = shape
        self.img = {light: np.empty((*shape, 3), np.float32) for light in LIGHTS}

    def px(self, mm: float) -> float:
        return mm_to_px(mm, self.dpi)

    def paint(self, mask: np.ndarray, ink: Ink, *, at: tuple[int, int] = (0, 0), lights=LIGHTS) -> None:
        """Composite ``ink`` through ``mask`` (float32 in [0, 1]) placed with its top-left at ``at`` (y, x)."""
        y, x = at
        h, w = mask.shape
        y0, x0, y1, x1 = max(y, 0), max(x, 0), min(y + h, self.shape[0]), min(x + w, self.shape[1])
        if y1 <= y0 or x1 <= x0:
            return
        a = mask[y0 - y : y1 - y, x0 - x : x1 - x, None]
        for light in lights:
            region = self.img[light][y0:y1, x0:x1]
            if light is Light.VISIBLE:
                if ink.visible is not None:
                    region *= 1 - a
                    region += a * np.asarray(ink.visible, np.float32)
            elif light is Light.UV:
                if ink.uv is not None:
                    region *= 1 - a
                    region += a * np.asarray(ink.uv, np.float32)
                elif ink.uv_absorb:
                    region *= 1 - a * ink.uv_absorb
            elif ink.ir:
                region *= 1 - a * ink.ir

    def paste(self, image: np.ndarray, box: tuple[int, int, int, int], *, light: Light, alpha: np.ndarray | float = 1.0) -> None:
        x, y, w, h = box
        region = self.img[light][y : y + h, x : x + w]
        a = alpha[..., None] if isinstance(alpha, np.ndarray) else alpha
        region *= 1 - a
        region += a * image[: region.shape[0], : region.shape[1]].astype(np.float32)


def _font_px(cap_mm: float, font: str, dpi: int) -> float:
    return mm_to_px(cap_mm, dpi) / CAP_HEIGHT[font]


def _text(canvas: _Canvas, text: str, *, x_mm: float, baseline_mm: float, cap_mm: float, font: str, ink: Ink,
          width_mm: float, tracking_mm: float | None = None, lights=LIGHTS) -> None:
    """Draw a line of text, rendering its mask only over the box it can occupy."""
    if not text:
        return
    size = _font_px(cap_mm, font, canvas.dpi)
    x0 = int(canvas.px(x_mm) - 2)
    y0 = int(canvas.px(baseline_mm) - size * 1.05)
    h = int(size * 1.45) + 2
    w = int(canvas.px(width_mm)) + 4
    origin = (canvas.px(x_mm) - x0, canvas.px(baseline_mm) - y0)
    tracking = canvas.px(tracking_mm) if tracking_mm else None
    mask = art.text_mask((h, w), text=text, font_path=font, size_px=size, origin=origin, anchor="ls", tracking_px=tracking)
    canvas.paint(mask, ink, at=(y0, x0), lights=lights)


# --- the static design -----------------------------------------------------------------------------------------


PAPER_VISIBLE = (246, 244, 236)
PAPER_UV = {Paper.SECURITY: (30, 24, 54), Paper.BRIGHTENED: (150, 162, 238)}
PAPER_IR = (206, 206, 206)


@lru_cache(maxsize=16)
def _static(family: Family, dpi: int, features: Features) -> dict[Light, np.ndarray]:
    """Paper, background print, captions, emblem and fibres of ``family`` (read-only arrays)."""
    h, w = family.size_px(dpi)
    canvas = _Canvas((h, w), dpi)
    seed = sum(map(ord, family.name.value)) * 1000 + dpi if family.art_seed is None else family.art_seed
    rng = np.random.default_rng(seed)
    grain = rng.normal(0.0, 1.6, (h, w, 1)).astype(np.float32)
    paper_uv = family.paper_uv if features.paper is Paper.SECURITY else PAPER_UV[features.paper]
    canvas.img[Light.VISIBLE][:] = np.asarray(family.paper_visible, np.float32) + grain
    canvas.img[Light.UV][:] = np.asarray(paper_uv, np.float32) + grain * 0.6
    canvas.img[Light.IR][:] = np.asarray(PAPER_IR, np.float32) + grain

    # Background: rainbow-printed guilloche, clear of the MRZ zone (Doc 9303 Part 3, 4.11: the MRZ needs a clear
    # background), in IR-transparent inks that absorb a little UV.
    clear = family.mrz_clear.px(dpi)
    field_mask = art.guilloche((h, w), seed=seed, line_width_px=max(1.0, dpi / 300), density=family.guilloche_density,
                               style=family.guilloche_style)
    field_mask[clear[1] : clear[1] + clear[3], :] *= 0.12
    colours = art.rainbow((h, w), colors=family.rainbow, axis=family.rainbow_axis, seed=seed)
    tint = np.asarray(family.print_ink, np.float32)
    line_colour = colours * 0.55 + tint * 0.25
    a = (field_mask * 0.75)[..., None]
    vis = canvas.img[Light.VISIBLE]
    vis *= 1 - a
    vis += a * line_colour
    vis *= (colours / 255.0) * 0.06 + 0.94  # the rainbow's faint flat tint under the lines
    canvas.img[Light.UV] *= 1 - a * 0.25
    if family.background_ir:
        canvas.img[Light.IR] *= 1 - a * family.background_ir
    _design_art(canvas, family, seed)

    # UV emblem: invisible in daylight, glowing under UV.
    if features.uv_emblem != "missing":
        box = family.emblem
        if features.uv_emblem == "moved":
            box = moved_emblem_box(family)
        x, y, bw, bh = box.px(dpi)
        mask = art.emblem((bh, bw), seed=seed + 1, kind=family.emblem_kind)
        canvas.paint(mask, Ink(None, uv=family.emblem_uv), at=(y, x))

    if features.fibres:
        fmask, label = art.fibres((h, w), seed=seed + 2, count=int(family.width * family.height / family.fibre_area),
                                  length_px=(canvas.px(2.0), canvas.px(6.0)), width_px=max(1.0, dpi / 250))
        n = len(family.fibre_colours)
        for k in range(1, art.FIBRE_FAMILIES + 1):  # a design with fewer colours repeats them
            m = np.where(label == k, fmask, 0.0).astype(np.float32)
            canvas.paint(m, Ink(None, uv=family.fibre_colours[(k - 1) % n], ir=0.0), lights=(Light.UV,))  # invisible in daylight

    _scanner_background(canvas, family)
    caption_ink = Ink(tuple(int(c) for c in family.print_ink), uv_absorb=0.3, ir=family.caption_ir)
    header_font, caption_font = FONTS[family.header_font], FONTS[family.caption_font]
    for text, x_mm, y_mm, cap in family.header:
        _text(canvas, text, x_mm=x_mm, baseline_mm=y_mm, cap_mm=cap, font=header_font, ink=caption_ink, width_mm=family.width - x_mm)
    for slot in family.fields:
        cap = family.caption_size
        if family.code:  # a generated design's caption keeps to its field's width (short fields share a row)
            cap = _fitted_cap(slot.caption, cap, caption_font, slot.max_width + 3.0)
        _text(canvas, slot.caption, x_mm=slot.x, baseline_mm=slot.y - slot.size - 1.0, cap_mm=cap,
              font=caption_font, ink=caption_ink, width_mm=slot.max_width + 20)
    if family.page_number is not None:
        text, x_mm, y_mm = family.page_number
        _text(canvas, text, x_mm=x_mm, baseline_mm=y_mm, cap_mm=2.0, font=header_font, ink=caption_ink, width_mm=8)
    if family.window is not None:
        _window(canvas, family)
    for img in canvas.img.values():
        np.clip(img, 0, 255, out=img)
        img.setflags(write=False)
    return canvas.img


#: What the scanner shows where there is no document (its lid), per light.
SCANNER = {Light.VISIBLE: (214, 214, 210), Light.UV: (8, 6, 16), Light.IR: (128, 128, 128)}


def document_mask(family: Family, dpi: int) -> np.ndarray:
    """(H, W) bool: True on the document itself, False on the scanner background (gaps, rounded corners)."""
    h, w = family.size_px(dpi)
    panels = family.panels or (Box(0.0, 0.0, family.width, family.height),)
    mask = np.zeros((h, w), np.uint8)
    r = round(mm_to_px(family.corner_radius, dpi))
    for panel in panels:
        x, y, pw, ph = panel.px(dpi)
        x1, y1 = x + pw - 1, y + ph - 1
        if r <= 0:
            mask[y : y1 + 1, x : x1 + 1] = 1
            continue
        cv2.rectangle(mask, (x + r, y), (x1 - r, y1), 1, -1)
        cv2.rectangle(mask, (x, y + r), (x1, y1 - r), 1, -1)
        for cx, cy in ((x + r, y + r), (x1 - r, y + r), (x + r, y1 - r), (x1 - r, y1 - r)):
            cv2.circle(mask, (cx, cy), r, 1, -1, lineType=cv2.LINE_8)
    return mask.astype(bool)


def _scanner_background(canvas: _Canvas, family: Family) -> None:
    outside = ~document_mask(family, canvas.dpi)
    if outside.any():
        for light, colour in SCANNER.items():
            canvas.img[light][outside] = colour


def _design_art(canvas: _Canvas, family: Family, seed: int) -> None:
    """A design's printed extras over the background: rosettes, a frame, microtext lines, a national emblem and
    faint art text, in the design's ink (IR-transparent, as background print is; Utopia has none of them)."""
    ink = Ink(tuple(int(c) for c in family.print_ink), uv_absorb=0.25, ir=family.background_ir)
    light_ink = Ink(tuple(int(c * 0.5 + 255 * 0.5) for c in family.print_ink), uv_absorb=0.15, ir=family.background_ir)
    dpi = canvas.dpi
    for i, box in enumerate(family.rosettes):
        x, y, w, h = box.px(dpi)
        canvas.paint(art.rosette((h, w), seed=seed + 10 + i, line_width_px=max(1.0, dpi / 300)) * 0.8, light_ink, at=(y, x))
    if family.frame is not None:
        h, w = canvas.shape
        mask = art.frame((h, w), width_px=max(2.0, canvas.px(family.frame_width)), style=family.frame, seed=seed + 3)
        mask[~document_mask(family, dpi)] = 0.0
        clear = family.mrz_clear.px(dpi)
        mask[clear[1] : clear[1] + clear[3], :] = 0.0  # the MRZ's band stays clear (Doc 9303 Part 3, 4.11)
        canvas.paint(mask, ink)
    for i, (text, band) in enumerate(family.microtext):
        x, y, w, h = band.px(dpi)
        h = max(h, 1)
        canvas.paint(art.microtext_line((h, w), text=text, height_px=max(1.0, h * 0.8), seed=seed + 20 + i), ink, at=(y, x))
    if family.visible_emblem is not None:
        x, y, w, h = family.visible_emblem.px(dpi)
        canvas.paint(art.emblem((h, w), seed=seed + 4, kind=family.emblem_kind), ink, at=(y, x))
    for text, x_mm, y_mm, cap in family.art_text:  # in DejaVu Sans, which has the Hebrew the serif faces lack
        _text(canvas, text, x_mm=x_mm, baseline_mm=y_mm, cap_mm=cap, font=SANS_BOLD, ink=light_ink, width_mm=family.width - x_mm)


def _window(canvas: _Canvas, family: Family) -> None:
    """A clear window through the card: the scanner's lid shows through, with the emblem printed on the window."""
    assert family.window is not None
    x, y, w, h = family.window.px(canvas.dpi)
    r = max(1, min(w, h) // 5)
    mask = np.zeros((h, w), np.uint8)
    cv2.rectangle(mask, (r, 0), (w - 1 - r, h - 1), 1, -1)
    cv2.rectangle(mask, (0, r), (w - 1, h - 1 - r), 1, -1)
    for cx, cy in ((r, r), (w - 1 - r, r), (r, h - 1 - r), (w - 1 - r, h - 1 - r)):
        cv2.circle(mask, (cx, cy), r, 1, -1)
    a = cv2.GaussianBlur(mask.astype(np.float32), (0, 0), max(0.6, canvas.dpi / 300)) * 0.7
    for light, colour in SCANNER.items():
        canvas.paste(np.broadcast_to(np.asarray(colour, np.float32), (h, w, 3)), (x, y, w, h), light=light, alpha=a)
    emblem = art.emblem((h, w), seed=(family.art_seed or 0) + 5, kind=family.emblem_kind) * 0.5
    canvas.paint(emblem, Ink(tuple(int(c) for c in family.print_ink), uv_absorb=0.2), at=(y, x))


def moved_emblem_box(family: Family) -> Box:
    """Where a wrong UV emblem sits: shifted down-left by half its size."""
    e = family.emblem
    return Box(max(2.0, e.x - e.w * 0.6), e.y + e.h * 0.25, e.w * 0.8, e.h * 0.8)


# --- personalisation -------------------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _face(seed: int, h: int, w: int) -> np.ndarray:
    face = synthetic_face(seed=seed, height=h, width=w)
    face.setflags(write=False)
    return face


def render(specimen: Specimen, *, dpi: int = REFERENCE_DPI) -> dict[Light, np.ndarray]:
    """Render ``specimen`` in the three lights: (H, W, 3) uint8 RGB arrays that register exactly.

    Parameters
    ----------
    specimen : Specimen
        Design, data and tampering of the document.
    dpi : int
        Resolution, 100 to 1200 (the answer keys use :data:`~docexam.specimens.design.REFERENCE_DPI`).
    """
    if not isinstance(dpi, int) or not 100 <= dpi <= 1200:
        raise ValueError(f"dpi must be an int from 100 to 1200, got {dpi!r}")
    fam = specimen.family
    static = _static(fam, dpi, specimen.features)
    canvas = _Canvas(static[Light.VISIBLE].shape[:2], dpi)
    for light in LIGHTS:
        canvas.img[light][:] = static[light]

    _portrait(canvas, specimen)
    for slot in fam.fields:
        _field(canvas, specimen, slot)
    if fam.signature is not None:
        _signature(canvas, specimen)
    if fam.perforation is not None:
        _perforation(canvas, specimen)
    _mrz(canvas, specimen)
    return {light: np.clip(img + 0.5, 0, 255).astype(np.uint8) for light, img in canvas.img.items()}


def _portrait(canvas: _Canvas, specimen: Specimen) -> None:
    fam, dpi = specimen.family, canvas.dpi
    x, y, w, h = fam.portrait.px(dpi)
    genuine = _face(specimen.data.portrait_seed, h, w).astype(np.float32)
    grey = genuine @ np.asarray([0.299, 0.587, 0.114], np.float32)
    if specimen.substituted_portrait is None:
        canvas.paste(genuine, (x, y, w, h), light=Light.VISIBLE)
        # Printed into the page: absorbs UV; its carbon-based print shows in IR.
        canvas.img[Light.UV][y : y + h, x : x + w] *= 0.35
        ir = 255 - (255 - np.repeat(grey[..., None], 3, axis=2)) * 0.8
        canvas.paste(ir * (PAPER_IR[0] / 255), (x, y, w, h), light=Light.IR)
    else:
        # A photograph glued over the page: its own paper, a hairline edge, optical brighteners under UV, and dye
        # inks that are transparent in IR.
        new = _face(specimen.substituted_portrait, h, w).astype(np.float32)
        new = new * np.asarray([1.0, 0.97, 0.93], np.float32) + 4.0
        edge = np.zeros((h, w), np.float32)
        cv2.rectangle(edge, (0, 0), (w - 1, h - 1), 1.0, max(1, dpi // 150))
        canvas.paste(new, (x, y, w, h), light=Light.VISIBLE)
        canvas.paste(np.full((h, w, 3), 70, np.float32), (x, y, w, h), light=Light.VISIBLE, alpha=edge * 0.8)
        new_grey = new @ np.asarray([0.299, 0.587, 0.114], np.float32)
        glow = np.asarray((120, 132, 210), np.float32) * (0.55 + 0.45 * new_grey[..., None] / 255)
        canvas.paste(glow, (x, y, w, h), light=Light.UV)
        ir = 255 - (255 - np.repeat(new_grey[..., None], 3, axis=2)) * 0.12
        canvas.paste(ir * (PAPER_IR[0] / 255), (x, y, w, h), light=Light.IR)
    if fam.ghost is not None:
        gx, gy, gw, gh = fam.ghost.px(dpi)
        small = cv2.resize(grey, (gw, gh), interpolation=cv2.INTER_AREA)
        a = ((255 - small) / 255 * 0.45).astype(np.float32)
        canvas.paint(a, Ink(tuple(int(c) for c in fam.print_ink), uv=fam.ghost_uv, ir=0.0), at=(gy, gx), lights=(Light.VISIBLE,))
        canvas.paint(a * 0.8, Ink(None, uv=fam.ghost_uv), at=(gy, gx), lights=(Light.UV,))


@lru_cache(maxsize=8)
def _measuring_font(path: str):
    from PIL import ImageFont

    return ImageFont.truetype(path, 100)


def _fitted_cap(text: str, cap_mm: float, font: str, width_mm: float) -> float:
    """The capital height that fits ``text`` into ``width_mm``: ``cap_mm`` when it fits, else smaller (to 55%)."""
    em_mm = cap_mm / CAP_HEIGHT[font]
    wide = _measuring_font(font).getlength(text) / 100 * em_mm
    return cap_mm if wide <= width_mm else max(cap_mm * 0.55, cap_mm * width_mm / wide * 0.98)


def _field(canvas: _Canvas, specimen: Specimen, slot: FieldSlot) -> None:
    features = specimen.features
    value = specimen.viz.get(slot.key, "")
    ir_absorbing = slot.ir_absorbing or slot.key in features.ir_absorbing_extra
    ink = BLACK_IR if ir_absorbing else BLACK_PLAIN
    font = FONTS[specimen.family.value_font]
    edit = specimen.edits.get(slot.key)
    cap = slot.size
    if specimen.family.code and value:  # a generated design sets a long value smaller, as issuers do, never cut
        cap = _fitted_cap(edit.value if edit else value, cap, font, slot.max_width)
    kw = dict(x_mm=slot.x, baseline_mm=slot.y, cap_mm=cap, font=font, width_mm=slot.max_width)
    if edit is None and slot.key == "number" and specimen.family.engraved_number and value:
        _engraved(canvas, value, slot, cap=cap, font=font)
    elif edit is None:
        _text(canvas, value, ink=ink, **kw)
    else:
        # Chemical erasure lifts the background print under the field; the original survives faintly in IR.
        x, y, w, h = slot.value_box().px(canvas.dpi)
        paper = np.asarray(specimen.family.paper_visible, np.float32)
        region = canvas.img[Light.VISIBLE][y : y + h, x : x + w]
        region += (paper - region) * 0.6
        _text(canvas, edit.original, ink=Ink(None, uv_absorb=0.0, ir=edit.residue), lights=(Light.IR,), **kw)
        _text(canvas, edit.value, ink=Ink((30, 30, 44), uv_absorb=0.0, ir=0.0), **kw)
    if slot.uv_fluorescent and features.uv_number:
        # The same value printed again in invisible UV ink, offset slightly, as a fluorescent personalisation.
        _text(canvas, specimen.data.document_number if slot.key == "number" else value, ink=Ink(None, uv=specimen.family.uv_ink),
              lights=(Light.UV,), **(kw | {"x_mm": slot.x + 0.3, "baseline_mm": slot.y + 0.3}))


def _engraved(canvas: _Canvas, text: str, slot: FieldSlot, *, cap: float, font: str) -> None:
    """A laser-engraved value: blackened glyphs (IR-absorbing, UV-absorbing) and the light and shadow of their
    relief in daylight."""
    size = _font_px(cap, font, canvas.dpi)
    x0 = int(canvas.px(slot.x) - 2)
    y0 = int(canvas.px(slot.y) - size * 1.05)
    h, w = int(size * 1.45) + 2, int(canvas.px(slot.max_width)) + 4
    origin = (canvas.px(slot.x) - x0, canvas.px(slot.y) - y0)
    ink, shade = art.engraved_mask((h, w), text=text, font_path=font, size_px=size, origin=origin, anchor="ls")
    canvas.paint(ink, Ink((34, 32, 30), uv_absorb=0.6, ir=0.9), at=(y0, x0))
    y1, x1 = min(y0 + h, canvas.shape[0]), min(x0 + w, canvas.shape[1])
    canvas.img[Light.VISIBLE][y0:y1, x0:x1] += shade[: y1 - y0, : x1 - x0, None] * 28.0


def _signature(canvas: _Canvas, specimen: Specimen) -> None:
    """The holder's signature: a smooth pen stroke drawn from the holder's seed, in the design's signature ink."""
    fam = specimen.family
    assert fam.signature is not None
    x, y, w, h = fam.signature.px(canvas.dpi)
    rng = np.random.default_rng(specimen.data.portrait_seed + 17)
    n = int(rng.integers(5, 9))
    t = np.linspace(0, 1, 24 * n)
    xs = 0.08 + 0.84 * t + 0.05 * np.sin(t * n * 2 * np.pi + rng.uniform(0, 6))
    ys = 0.55 + 0.3 * np.sin(t * n * np.pi * rng.uniform(1.5, 2.5)) * rng.uniform(0.5, 1.0) + 0.1 * np.sin(t * 3 + rng.uniform(0, 6))
    pts = np.stack([xs * (w - 1), np.clip(ys, 0.05, 0.95) * (h - 1)], axis=1)
    mask = np.zeros((h, w), np.uint8)
    cv2.polylines(mask, [np.round(pts * 16).astype(np.int32)], False, 255, max(1, round(canvas.dpi / 200)), cv2.LINE_AA, shift=4)
    canvas.paint(mask.astype(np.float32) / 255, Ink((28, 40, 96), uv_absorb=0.1, ir=0.9 if fam.signature_ir else 0.0), at=(y, x))


def _perforation(canvas: _Canvas, specimen: Specimen) -> None:
    """The document number laser-perforated through the page, turned to run up the band: in reflected light each
    hole shows the scanner's lid, darker than the paper, in every light."""
    fam = specimen.family
    assert fam.perforation is not None
    x, y, w, h = fam.perforation.px(canvas.dpi)
    number = specimen.data.document_number
    size = min(w * 0.8, h / max(1, len(number)) * 1.5)
    holes = art.perforation_mask((w, h), text=number, font_path=SANS_BOLD, size_px=size, hole_px=max(1.0, canvas.dpi / 150))
    mask = np.ascontiguousarray(np.rot90(holes))  # the number reads bottom to top
    canvas.paint(mask[:h, :w], Ink((96, 96, 100), uv_absorb=0.7, ir=0.55), at=(y, x))


def _mrz(canvas: _Canvas, specimen: Specimen) -> None:
    fam = specimen.family
    n = len(specimen.mrz)
    for i, line in enumerate(specimen.mrz):
        centre = fam.mrz_bottom_centre - (n - 1 - i) * MRZ_LINE_SPACING_MM
        _text(canvas, line, x_mm=fam.mrz_left, baseline_mm=centre + MRZ_CHAR_HEIGHT_MM / 2, cap_mm=MRZ_CHAR_HEIGHT_MM,
              font=OCRB, ink=BLACK_IR, width_mm=len(line) * MRZ_PITCH_MM + 2, tracking_mm=MRZ_PITCH_MM)


def random_specimen(family: Family, seed: int, *, today) -> Specimen:
    """A genuine document of the design ``family`` with a synthetic holder drawn from ``seed``: of the design's
    state and named in its language for a generated design (:mod:`docexam.specimens.designs`), as always for
    Utopia's."""
    from docexam.specimens.persons import random_document

    rng = random.Random(seed)
    if not family.code:
        return make_specimen(family, random_document(family, rng, today=today))
    import docexam.specimens.designs  # noqa: F401  (registers the fictional states with persons)

    return make_specimen(family, random_document(family, rng, today=today, language=family.name_language, state=family.state))
