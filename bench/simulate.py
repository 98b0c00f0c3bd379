"""Alterations and re-captures for measuring the comparison, written apart from its checks (issue 20, item 3).

Nothing here imports :mod:`docexam.compare` or :mod:`docexam.references` (tests/bench/test_simulate.py holds it to
that): what an alteration looks like is not drawn from what the checks look for. The documents themselves come from
the design generator (:mod:`docexam.specimens`), or are real images read at run time.

Every alteration is drawn from wide ranges (shape, size, place, intensity) and records its ``kind``, the lights it
changed (measured on the images, not assumed) and its box in the *document frame* (the pixels of the image it was
made on), so that "found" means an alarm in one of those lights overlapping that box (:func:`found`).

Kinds (:data:`KINDS`):

- ``patch``: a region of any shape, anywhere (personalised areas included), replaced by other printing (a piece of
  the page moved from elsewhere, other text, or a stuck-on piece of paper), in visible light and in UV and IR as
  the patch's own paper and inks happen to show;
- ``viz_reprint``: one VIZ field's value inpainted from the background around it and printed again with another
  value in a similar size;
- ``portrait``: another face put in the portrait's place (printed in, or a photograph stuck on);
- ``fixed_design``: the background print lifted (abraded or bleached) or replaced in an area of the fixed design;
- ``uv_spot``: a local fluorescent spot under UV (glue, fluorescent ink, a brightener) of any shape and colour;
- ``mrz_ir``: some MRZ characters re-printed in IR-transparent ink: present in visible light, gone in IR (the
  Doc 9303 Part 3, 4.3 B900 requirement broken).

:func:`recapture` takes any document (genuine or altered) through another capture: rotation and a little
perspective, 150 to 600 dpi, blur, noise, JPEG, exposure and white balance drawn per light. It returns the document
frame's homography into the capture, so boxes can be followed.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

Box = tuple[int, int, int, int]

#: The capture lights, as the project names them.
LIGHTS = ("visible", "uv", "ir")
#: Every alteration kind, in the order they are reported.
KINDS = ("patch", "viz_reprint", "portrait", "fixed_design", "uv_spot", "mrz_ir")
#: Grey-level change from which a light counts as altered at a pixel, and the share of the altered box that must
#: change in that light for the light to be one that shows the alteration.
CHANGED_FROM = 18
CHANGED_SHARE = 0.01

_DEJAVU = "/usr/share/fonts/truetype/dejavu/"


def _font_path(name: str) -> str:
    from docexam.paths import font_file

    return font_file(name)


SANS_FONTS = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSerif.ttf", "DejaVuSansCondensed.ttf",
              "DejaVuSansMono.ttf")


# --- what was altered ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Alteration:
    """One alteration: its ``kind``, the ``lights`` it changed, its ``box`` ``(x, y, w, h)`` in the document frame,
    and in words how it was made."""

    kind: str
    lights: tuple[str, ...]
    box: Box
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "lights": list(self.lights), "box": list(self.box), "detail": self.detail}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Alteration:
        x, y, w, h = (int(v) for v in d["box"])
        return cls(str(d["kind"]), tuple(str(v) for v in d["lights"]), (x, y, w, h), str(d.get("detail", "")))

    def moved(self, homography: np.ndarray) -> Alteration:
        """The same alteration with its box carried by ``homography`` (document frame -> another frame)."""
        return Alteration(self.kind, self.lights, map_box(self.box, homography), self.detail)


@dataclass(frozen=True)
class Layout:
    """Where a document's parts lie in its own frame (pixels at ``dpi``): the portrait, each VIZ value's box, each
    MRZ line's box with its character count, the document's own area, and the boxes of everything personalised.
    The generator knows them for its designs (:func:`generated_layout`); for a real image the bench finds them."""

    dpi: float
    document: Box
    portrait: Box | None = None
    fields: dict[str, Box] = field(default_factory=dict)
    mrz_lines: tuple[tuple[Box, int], ...] = ()
    personalised: tuple[Box, ...] = ()


def map_box(box: Box, homography: np.ndarray) -> Box:
    """The bounding box of ``box``'s corners carried by ``homography``."""
    x, y, w, h = box
    pts = np.float32([[x, y], [x + w, y], [x + w, y + h], [x, y + h]]).reshape(-1, 1, 2)
    out = cv2.perspectiveTransform(pts, np.asarray(homography, np.float64)).reshape(-1, 2)
    x0, y0 = np.floor(out.min(axis=0)).astype(int)
    x1, y1 = np.ceil(out.max(axis=0)).astype(int)
    return int(x0), int(y0), int(x1 - x0), int(y1 - y0)


def found(alarm_box: Sequence[int], alarm_light: str, alteration: Alteration) -> bool:
    """Whether an alarm at ``alarm_box`` in ``alarm_light`` finds ``alteration``: the light is one the alteration
    changed, and the boxes overlap by an IoU of 0.1 or more, or by half of the smaller of the two."""
    if alarm_light not in alteration.lights:
        return False
    ax, ay, aw, ah = alarm_box
    bx, by, bw, bh = alteration.box
    iw = min(ax + aw, bx + bw) - max(ax, bx)
    ih = min(ay + ah, by + bh) - max(ay, by)
    if iw <= 0 or ih <= 0:
        return False
    inter = iw * ih
    union = aw * ah + bw * bh - inter
    return inter / union >= 0.1 or inter >= 0.5 * min(aw * ah, bw * bh)


def changed_lights(before: Mapping[str, np.ndarray], after: Mapping[str, np.ndarray], box: Box) -> tuple[str, ...]:
    """The lights in which ``after`` differs from ``before`` inside ``box`` (:data:`CHANGED_FROM`,
    :data:`CHANGED_SHARE`)."""
    x, y, w, h = box
    out = []
    for light in LIGHTS:
        if light not in before:
            continue
        a = before[light][y : y + h, x : x + w].astype(np.int16)
        b = after[light][y : y + h, x : x + w].astype(np.int16)
        if a.size and (np.abs(a - b).max(axis=2) > CHANGED_FROM).mean() >= CHANGED_SHARE:
            out.append(light)
    return tuple(out)


# --- shapes --------------------------------------------------------------------------------------------------------


def shape_mask(h: int, w: int, rng: random.Random, *, soft: float | None = None) -> np.ndarray:
    """A float mask (0..1) of ``(h, w)`` holding one random shape: a rectangle, an ellipse, a polygon or a blob,
    its edge softened by 0 to 3 pixels (or ``soft``)."""
    mask = np.zeros((h, w), np.uint8)
    kind = rng.choice(("rect", "ellipse", "polygon", "blob"))
    if kind == "rect":
        mask[:] = 255
    elif kind == "ellipse":
        cv2.ellipse(mask, (w // 2, h // 2), (max(1, w // 2 - 1), max(1, h // 2 - 1)), 0, 0, 360, 255, -1)
    elif kind == "polygon":
        n = rng.randint(3, 8)
        angles = sorted(rng.uniform(0, 2 * math.pi) for _ in range(n))
        pts = [(w / 2 + (w / 2 - 1) * rng.uniform(0.5, 1) * math.cos(a), h / 2 + (h / 2 - 1) * rng.uniform(0.5, 1) * math.sin(a))
               for a in angles]
        cv2.fillPoly(mask, [np.int32(np.round(pts))], 255)
    else:
        for _ in range(rng.randint(2, 6)):
            cx, cy = rng.uniform(0.25, 0.75) * w, rng.uniform(0.25, 0.75) * h
            ax, ay = rng.uniform(0.15, 0.5) * w, rng.uniform(0.15, 0.5) * h
            cv2.ellipse(mask, (int(cx), int(cy)), (max(1, int(ax)), max(1, int(ay))), rng.uniform(0, 180), 0, 360, 255, -1)
    if not mask.any():
        mask[h // 4 : max(h // 4 + 1, 3 * h // 4), w // 4 : max(w // 4 + 1, 3 * w // 4)] = 255
    out = mask.astype(np.float32) / 255
    r = rng.uniform(0, 3) if soft is None else soft
    if r > 0.3:
        out = cv2.GaussianBlur(out, (0, 0), r)
    return out


def _blend(img: np.ndarray, box: Box, content: np.ndarray, alpha: np.ndarray) -> None:
    x, y, w, h = box
    region = img[y : y + h, x : x + w].astype(np.float32)
    a = alpha[..., None]
    img[y : y + h, x : x + w] = np.clip(region * (1 - a) + content.astype(np.float32) * a + 0.5, 0, 255).astype(np.uint8)


def _box_in(rng: random.Random, area: Box, w: int, h: int) -> Box:
    ax, ay, aw, ah = area
    w, h = min(w, aw), min(h, ah)
    return rng.randint(ax, ax + aw - w), rng.randint(ay, ay + ah - h), w, h


def _overlap_share(a: Box, b: Box) -> float:
    iw = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    ih = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return max(0, iw) * max(0, ih) / max(1, a[2] * a[3])


def _mm(layout: Layout, mm: float) -> int:
    return max(1, round(mm / 25.4 * layout.dpi))


# --- text ----------------------------------------------------------------------------------------------------------


def text_mask(text: str, *, font: str, cap_px: float) -> np.ndarray:
    """``text`` drawn white on black, its capitals ``cap_px`` tall, cropped to the ink (float 0..1)."""
    size = max(6, round(cap_px / 0.729))
    f = ImageFont.truetype(font, size)
    left, top, right, bottom = f.getbbox(text)
    canvas = Image.new("L", (max(1, right - left + 4), max(1, bottom - top + 4)), 0)
    ImageDraw.Draw(canvas).text((2 - left, 2 - top), text, font=f, fill=255)
    arr = np.asarray(canvas, np.float32) / 255
    ys, xs = np.nonzero(arr > 0.05)
    if not len(ys):
        return np.zeros((1, 1), np.float32)
    return arr[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]


def ink_mask(grey: np.ndarray, *, box: Box, darker_by: float = 40) -> np.ndarray:
    """Boolean mask (the size of ``box``) of the pixels of ``grey`` in ``box`` darker than their neighbourhood by
    ``darker_by``: the printing of text on a lighter background."""
    x, y, w, h = box
    crop = grey[y : y + h, x : x + w]
    k = max(3, (max(h, 8) // 2) | 1)
    background = cv2.morphologyEx(crop, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    return (background.astype(np.int16) - crop.astype(np.int16)) > darker_by


def inpaint(img: np.ndarray, mask: np.ndarray, *, box: Box, grow: int = 2) -> None:
    """Fill ``mask`` (the size of ``box``) from the image around it (OpenCV's Telea inpainting), in place."""
    x, y, w, h = box
    pad = max(6, grow * 3)
    x0, y0 = max(0, x - pad), max(0, y - pad)
    x1, y1 = min(img.shape[1], x + w + pad), min(img.shape[0], y + h + pad)
    full = np.zeros((y1 - y0, x1 - x0), np.uint8)
    full[y - y0 : y - y0 + h, x - x0 : x - x0 + w] = mask.astype(np.uint8) * 255
    if grow:
        full = cv2.dilate(full, np.ones((2 * grow + 1, 2 * grow + 1), np.uint8))
    img[y0:y1, x0:x1] = cv2.inpaint(np.ascontiguousarray(img[y0:y1, x0:x1]), full, grow + 2, cv2.INPAINT_TELEA)


def print_text(img: np.ndarray, text: str, *, at: tuple[int, int], cap_px: float, font: str,
               colour: Sequence[float], opacity: float = 0.95) -> Box:
    """Print ``text`` with its ink's top-left at ``at`` (x, y) in ``colour``; the box it took (clipped)."""
    mask = text_mask(text, font=font, cap_px=cap_px)
    x, y = at
    h = min(mask.shape[0], img.shape[0] - y)
    w = min(mask.shape[1], img.shape[1] - x)
    if h <= 0 or w <= 0:
        return x, y, 0, 0
    _blend(img, (x, y, w, h), np.broadcast_to(np.float32(colour), (h, w, 3)), mask[:h, :w] * opacity)
    return x, y, w, h


def ink_colour(img: np.ndarray, mask: np.ndarray, box: Box) -> tuple[float, float, float]:
    x, y, w, h = box
    """The colour of the ink under ``mask`` in ``box``: its darker half (the glyphs' cores, not their edges)."""
    px = img[y : y + h, x : x + w][mask].astype(np.float32)
    if not len(px):
        return 30.0, 30.0, 40.0
    lum = px.mean(axis=1)
    core = px[lum <= np.median(lum)]
    return tuple(float(v) for v in np.median(core, axis=0))  # type: ignore[return-value]


def _ink_box(mask: np.ndarray, box: Box) -> Box | None:
    ys, xs = np.nonzero(mask)
    if not len(ys):
        return None
    return box[0] + int(xs.min()), box[1] + int(ys.min()), int(xs.max() - xs.min() + 1), int(ys.max() - ys.min() + 1)


def union(a: Box, b: Box) -> Box:
    x0, y0 = min(a[0], b[0]), min(a[1], b[1])
    x1, y1 = max(a[0] + a[2], b[0] + b[2]), max(a[1] + a[3], b[1] + b[3])
    return x0, y0, x1 - x0, y1 - y0


# --- the alterations -----------------------------------------------------------------------------------------------


def _copy_images(images: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    return {k: np.ascontiguousarray(v).copy() for k, v in images.items()}


def alter_patch(images: Mapping[str, np.ndarray], layout: Layout, rng: random.Random) -> tuple[dict[str, np.ndarray], Alteration]:
    """A region of any shape, anywhere on the document, replaced by other printing."""
    out = _copy_images(images)
    w, h = _mm(layout, rng.uniform(3, 25)), _mm(layout, rng.uniform(3, 20))
    box = _box_in(rng, layout.document, w, h)
    if layout.personalised and rng.random() < 0.5:  # half of them over the holder's data
        target = rng.choice(layout.personalised)
        cx, cy = target[0] + rng.randint(0, target[2]), target[1] + rng.randint(0, target[3])
        dx, dy, dw, dh = layout.document
        box = (min(max(dx, cx - w // 2), dx + dw - box[2]), min(max(dy, cy - box[3] // 2), dy + dh - box[3]), box[2], box[3])
    alpha = shape_mask(box[3], box[2], rng)
    how = rng.choice(("moved", "text", "paper"))
    if how == "moved":  # a piece of the page moved here from elsewhere
        src = _box_in(rng, layout.document, box[2], box[3])
        for light, img in out.items():
            content = images[light][src[1] : src[1] + box[3], src[0] : src[0] + box[2]]
            _blend(img, box, content, alpha)
    else:  # a stuck-on piece of paper, blank or with other text on it
        paper = [float(v) * rng.uniform(0.9, 1.05) for v in np.median(out["visible"][box[1] : box[1] + box[3], box[0] : box[0] + box[2]].reshape(-1, 3), axis=0)]
        content = np.broadcast_to(np.float32(paper), (box[3], box[2], 3)).copy()
        if how == "text":
            letters = "".join(rng.choice("ABCDEFGHIJKLMNOPRSTUVWXYZ0123456789 ") for _ in range(rng.randint(3, 12)))
            font = _font_path(_DEJAVU + rng.choice(SANS_FONTS))
            print_text(content, letters.strip() or "X", at=(rng.randint(0, max(0, box[2] // 3)), rng.randint(0, max(0, box[3] // 3))),
                       cap_px=_mm(layout, rng.uniform(1.5, 4)), font=font, colour=[rng.uniform(10, 80)] * 3)
        _blend(out["visible"], box, content, alpha)
        grey = content.mean(axis=2, keepdims=True)
        if "uv" in out:  # the patch's paper: brightened (glows bluish) or dull
            glow = rng.random() < 0.5
            uv = np.broadcast_to(np.float32((120, 130, 220) if glow else (25, 22, 45)), content.shape) * (grey / 255)
            _blend(out["uv"], box, uv, alpha * rng.uniform(0.4, 1))
        if "ir" in out:  # its ink may or may not absorb IR
            ir_paper = float(np.median(out["ir"][box[1] : box[1] + box[3], box[0] : box[0] + box[2]]))
            ir = ir_paper - (255 - grey) * rng.uniform(0, 0.9) * ir_paper / 255
            _blend(out["ir"], box, np.repeat(ir, 3, axis=2), alpha)
    alt = Alteration("patch", changed_lights(images, out, box), box, f"{how}, {box[2]}x{box[3]} px")
    return out, alt


def _field_text(img: np.ndarray, box: Box) -> tuple[np.ndarray, Box] | None:
    grey = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)
    mask = ink_mask(grey, box=box)
    ink = _ink_box(mask, box)
    return (mask, ink) if ink is not None else None


def alter_viz(images: Mapping[str, np.ndarray], layout: Layout, rng: random.Random, *,
              values: Mapping[str, str] | None = None, blank: Mapping[str, np.ndarray] | None = None,
              font: str | None = None) -> tuple[dict[str, np.ndarray], Alteration]:
    """One VIZ field inpainted from the background around it and printed again with another value.

    ``values``: a value to print per field (another holder's; else digits and letters of the same length are
    drawn). ``blank``: the document without that field (the generator can say exactly which pixels are the
    field's ink); else the ink is found as what is darker than its neighbourhood."""
    out = _copy_images(images)
    keys = [k for k in layout.fields if values is None or k in values]
    key = rng.choice(keys)
    box = layout.fields[key]
    masks: dict[str, np.ndarray] = {}
    x, y, w, h = box
    for light in out:
        if blank is not None and light in blank:
            diff = np.abs(images[light][y : y + h, x : x + w].astype(np.int16) - blank[light][y : y + h, x : x + w].astype(np.int16))
            masks[light] = diff.max(axis=2) > 30
        else:
            grey = cv2.cvtColor(images[light], cv2.COLOR_RGB2GRAY)
            masks[light] = ink_mask(grey, box=box) if light != "uv" else np.zeros((h, w), bool)
    vis_mask = masks["visible"]
    old = _ink_box(vis_mask, box)
    if old is None:
        old = (x, y + h // 4, w // 3, h // 2)
    colour = ink_colour(out["visible"], vis_mask, box)
    for light, m in masks.items():
        if m.any():
            inpaint(out[light], m, box=box, grow=rng.randint(1, 3))
    old_value = (values or {}).get(key)
    new = old_value if old_value else "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(rng.randint(4, 10)))
    cap = old[3] * rng.uniform(0.7, 0.95)  # the ink box holds descenders and accents: capitals a little less
    font = font or _font_path(_DEJAVU + rng.choice(SANS_FONTS))
    at = (old[0] + rng.randint(-2, 2), old[1] + rng.randint(-1, 2))
    tone = [min(255.0, max(0.0, c + rng.uniform(-25, 25))) for c in colour]
    printed = print_text(out["visible"], new, at=at, cap_px=cap, font=font, colour=tone)
    if "ir" in out and rng.random() < 0.5:  # the new ink absorbs IR (else it drops out)
        ir_tone = [float(np.median(out["ir"][y : y + h, x : x + w])) * rng.uniform(0.1, 0.5)] * 3
        print_text(out["ir"], new, at=at, cap_px=cap, font=font, colour=ir_tone)
    alt_box = union(old, printed) if printed[2] else old
    alt = Alteration("viz_reprint", changed_lights(images, out, alt_box) or ("visible",), alt_box,
                     f"{key}: re-printed {new!r}")
    return out, alt


def alter_portrait(images: Mapping[str, np.ndarray], layout: Layout, rng: random.Random) -> tuple[dict[str, np.ndarray], Alteration]:
    """Another face in the portrait's place: printed in (as the page's own portrait is) or a photograph stuck on
    (a little larger or shifted, its own paper under UV, dye inks in IR)."""
    from docexam.specimens.face import synthetic_face

    if layout.portrait is None:
        raise ValueError("this document's layout has no portrait")
    out = _copy_images(images)
    px, py, pw, ph = layout.portrait
    glued = rng.random() < 0.6
    if glued:
        grow_x, grow_y = _mm(layout, rng.uniform(0, 1.5)), _mm(layout, rng.uniform(0, 1.5))
        dx, dy = rng.randint(-grow_x, grow_x), rng.randint(-grow_y, grow_y)
        box = (max(0, px - grow_x + dx), max(0, py - grow_y + dy), pw + 2 * grow_x, ph + 2 * grow_y)
        box = (box[0], box[1], min(box[2], out["visible"].shape[1] - box[0]), min(box[3], out["visible"].shape[0] - box[1]))
    else:
        box = layout.portrait
    face = synthetic_face(seed=rng.randrange(2**31), height=box[3], width=box[2]).astype(np.float32)
    face = face * np.float32([rng.uniform(0.9, 1.08) for _ in range(3)]) + rng.uniform(-10, 10)
    alpha = np.ones((box[3], box[2]), np.float32)
    _blend(out["visible"], box, face, alpha)
    grey = face.mean(axis=2, keepdims=True)
    if "uv" in out:
        if glued and rng.random() < 0.6:  # photo paper with brighteners
            glow = np.float32([rng.uniform(60, 160), rng.uniform(60, 170), rng.uniform(150, 240)]) * (0.5 + 0.5 * grey / 255)
            _blend(out["uv"], box, glow, alpha * rng.uniform(0.5, 1))
        else:
            region = out["uv"][box[1] : box[1] + box[3], box[0] : box[0] + box[2]].astype(np.float32)
            _blend(out["uv"], box, region * (0.6 + 0.4 * grey / 255), alpha)
    if "ir" in out:
        paper = float(np.percentile(out["ir"], 90))
        contrast = rng.uniform(0.05, 0.8)
        ir = paper - (255 - grey) * contrast * paper / 255
        _blend(out["ir"], box, np.repeat(ir, 3, axis=2), alpha)
    how = "photograph stuck on" if glued else "printed in"
    return out, Alteration("portrait", changed_lights(images, out, box), box, how)


def alter_fixed_design(images: Mapping[str, np.ndarray], layout: Layout, rng: random.Random) -> tuple[dict[str, np.ndarray], Alteration]:
    """The background print lifted (abraded, bleached) or replaced, in an area of the fixed design (away from the
    holder's data)."""
    out = _copy_images(images)
    for _ in range(50):
        box = _box_in(rng, layout.document, _mm(layout, rng.uniform(3, 30)), _mm(layout, rng.uniform(3, 25)))
        if all(_overlap_share(box, p) < 0.1 for p in layout.personalised):
            break
    alpha = shape_mask(box[3], box[2], rng, soft=rng.uniform(0, 4))
    how = rng.choice(("lifted", "replaced", "redrawn"))
    vis = out["visible"]
    region = images["visible"][box[1] : box[1] + box[3], box[0] : box[0] + box[2]].astype(np.float32)
    paper = np.percentile(images["visible"][layout.document[1] : layout.document[1] + layout.document[3],
                                            layout.document[0] : layout.document[0] + layout.document[2]].reshape(-1, 3), 95, axis=0)
    if how == "lifted":
        content = region + (np.float32(paper) - region) * rng.uniform(0.5, 1.0)
        _blend(vis, box, content, alpha)
        if "uv" in out and rng.random() < 0.4:  # a bleach leaves the paper glowing
            uv = out["uv"][box[1] : box[1] + box[3], box[0] : box[0] + box[2]].astype(np.float32)
            _blend(out["uv"], box, uv + np.float32([30, 40, 90]) * rng.uniform(0.5, 1.5), alpha)
    elif how == "replaced":
        src = _box_in(rng, layout.document, box[2], box[3])
        _blend(vis, box, images["visible"][src[1] : src[1] + box[3], src[0] : src[0] + box[2]], alpha)
    else:  # other line work drawn over paper
        content = np.broadcast_to(np.float32(paper), region.shape).copy()
        ink = [float(v) for v in np.percentile(region.reshape(-1, 3), 20, axis=0)]
        period = rng.uniform(0.6, 3.0) / 25.4 * layout.dpi
        yy, xx = np.mgrid[0 : box[3], 0 : box[2]].astype(np.float32)
        phase = rng.uniform(0, 6)
        lines = 0.5 + 0.5 * np.cos((yy + 0.3 * period * np.sin(xx / (2 * period) + phase)) * 2 * np.pi / period)
        a = (lines > 0.8).astype(np.float32) * rng.uniform(0.4, 1)
        content = content * (1 - a[..., None]) + np.float32(ink) * a[..., None]
        _blend(vis, box, content, alpha)
    lights = changed_lights(images, out, box)
    return out, Alteration("fixed_design", lights or ("visible",), box, f"background print {how}")


def alter_uv_spot(images: Mapping[str, np.ndarray], layout: Layout, rng: random.Random) -> tuple[dict[str, np.ndarray], Alteration]:
    """A local fluorescent spot under UV, of any shape and colour, anywhere."""
    out = _copy_images(images)
    box = _box_in(rng, layout.document, _mm(layout, rng.uniform(1.5, 20)), _mm(layout, rng.uniform(1.5, 15)))
    alpha = shape_mask(box[3], box[2], rng, soft=rng.uniform(0, 5)) * rng.uniform(0.25, 0.9)
    hue = rng.uniform(0, 180)
    hsv = np.uint8([[[hue, rng.uniform(80, 255), rng.uniform(150, 255)]]])
    colour = cv2.cvtColor(hsv, cv2.COLOR_HSV2RGB)[0, 0].astype(np.float32)
    region = out["uv"][box[1] : box[1] + box[3], box[0] : box[0] + box[2]].astype(np.float32)
    _blend(out["uv"], box, np.maximum(region, colour), alpha)
    lights = changed_lights(images, out, box)
    return out, Alteration("uv_spot", lights or ("uv",), box, f"{box[2]}x{box[3]} px, colour {tuple(int(c) for c in colour)}")


def alter_mrz_ir(images: Mapping[str, np.ndarray], layout: Layout, rng: random.Random) -> tuple[dict[str, np.ndarray], Alteration]:
    """One to eight MRZ characters re-printed in IR-transparent ink: unchanged in visible light, gone in IR."""
    out = _copy_images(images)
    line_box, chars = rng.choice(layout.mrz_lines)
    lx, ly, lw, lh = line_box
    pitch = lw / chars
    n = rng.randint(1, 8)
    first = rng.randint(0, chars - n)
    box = (int(lx + first * pitch), ly, max(1, int(round(n * pitch))), lh)
    grey = cv2.cvtColor(out["ir"], cv2.COLOR_RGB2GRAY)
    mask = ink_mask(grey, box=box, darker_by=25)
    if mask.any():
        inpaint(out["ir"], mask, box=box, grow=1)
    lights = changed_lights(images, out, box)
    return out, Alteration("mrz_ir", lights or ("ir",), box, f"MRZ characters {first + 1} to {first + n} of a line")


ALTER = {"patch": alter_patch, "viz_reprint": alter_viz, "portrait": alter_portrait,
         "fixed_design": alter_fixed_design, "uv_spot": alter_uv_spot, "mrz_ir": alter_mrz_ir}


def possible_kinds(images: Mapping[str, np.ndarray], layout: Layout) -> tuple[str, ...]:
    """The kinds that can be made on a document with these lights and this layout."""
    ok = ["patch", "fixed_design"]
    if layout.fields:
        ok.append("viz_reprint")
    if layout.portrait is not None:
        ok.append("portrait")
    if "uv" in images:
        ok.append("uv_spot")
    if "ir" in images and layout.mrz_lines:
        ok.append("mrz_ir")
    return tuple(k for k in KINDS if k in ok)


# --- the generator's documents -------------------------------------------------------------------------------------


def generated_layout(family: Any, *, dpi: int, mrz_lines: int, chars: int | None = None) -> Layout:
    """Where the generator draws ``family``'s parts at ``dpi`` (:class:`docexam.specimens.design.Family`)."""
    from docexam.specimens.design import MRZ_CHAR_HEIGHT_MM, MRZ_LINE_SPACING_MM, MRZ_PITCH_MM
    from docexam.specimens.design import Box as MMBox

    h, w = family.size_px(dpi)
    panels = family.panels or (MMBox(0, 0, family.width, family.height),)
    fields = {f.key: _clip(f.value_box().px(dpi), (h, w)) for f in family.fields}
    lines = []
    length = chars or round(family.mrz_box(mrz_lines).w / MRZ_PITCH_MM)
    for i in range(mrz_lines):
        centre = family.mrz_bottom_centre - (mrz_lines - 1 - i) * MRZ_LINE_SPACING_MM
        b = MMBox(family.mrz_left - 0.2, centre - MRZ_CHAR_HEIGHT_MM * 0.75, length * MRZ_PITCH_MM,
                  MRZ_CHAR_HEIGHT_MM * 1.5)
        lines.append((_clip(b.px(dpi), (h, w)), length))
    personal = [family.portrait.px(dpi), *fields.values(), *(lb for lb, _ in lines)]
    if family.ghost is not None:
        personal.append(family.ghost.px(dpi))
    if family.signature is not None:
        personal.append(family.signature.px(dpi))
    doc = panels[0]
    for p in panels[1:]:
        doc = doc.union(p)
    return Layout(float(dpi), _clip(doc.px(dpi), (h, w)), family.portrait.px(dpi), fields, tuple(lines),
                  tuple(personal))


def _clip(box: Box, shape: tuple[int, int]) -> Box:
    x, y, w, h = box
    x0, y0 = max(0, x), max(0, y)
    x1, y1 = min(shape[1], x + w), min(shape[0], y + h)
    return x0, y0, max(1, x1 - x0), max(1, y1 - y0)


def alter_generated(specimen: Any, images: Mapping[str, np.ndarray], kind: str, rng: random.Random, *,
                    dpi: int, other: Any | None = None) -> tuple[dict[str, np.ndarray], Alteration]:
    """An alteration of ``kind`` on the generator's ``specimen`` rendered as ``images`` (``{light: array}``, light
    names as strings) at ``dpi``. ``other``: another holder's specimen of the design, whose values a re-printed
    VIZ field takes."""
    from docexam.specimens import render

    layout = generated_layout(specimen.family, dpi=dpi, mrz_lines=len(specimen.mrz), chars=len(specimen.mrz[0]))
    if kind == "viz_reprint":
        values = {k: v for k, v in (other.viz if other is not None else {}).items()
                  if v and specimen.viz.get(k) and v != specimen.viz.get(k) and k in layout.fields}
        if not values:
            values = {k: "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(len(v)))
                      for k, v in specimen.viz.items() if v and k in layout.fields}
        key = rng.choice(sorted(values))
        blank = {str(k): v for k, v in render(specimen.replace(viz={**specimen.viz, key: ""}), dpi=dpi).items()}
        from docexam.specimens.render import FONTS

        font = FONTS[specimen.family.value_font] if rng.random() < 0.6 else None
        return alter_viz(images, Layout(layout.dpi, layout.document, layout.portrait, {key: layout.fields[key]},
                                        layout.mrz_lines, layout.personalised),
                         rng, values={key: values[key]}, blank=blank, font=font)
    return ALTER[kind](images, layout, rng)


# --- re-capture ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaptureDraw:
    """How one re-capture was made: its resolution, the document frame's homography into it, and per light the
    exposure gain, white balance, blur (pixels), noise (grey levels) and JPEG quality (0: PNG)."""

    dpi: float
    homography: tuple[tuple[float, ...], ...]
    lights: dict[str, dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {"dpi": self.dpi, "homography": [list(r) for r in self.homography], "lights": self.lights}


def photometry(img: np.ndarray, rng: random.Random, *, gain: tuple[float, float] = (0.7, 1.35),
               balance: float = 0.1, blur: tuple[float, float] = (0.0, 1.4), noise: tuple[float, float] = (0.0, 5.0),
               jpeg: float = 0.6, seed: int | None = None) -> tuple[np.ndarray, dict[str, Any]]:
    """``img`` with an exposure gain, a white balance (each channel by up to ``balance``), a blur, noise and a JPEG
    round trip drawn from these ranges; and what was drawn."""
    g = rng.uniform(*gain)
    wb = [rng.uniform(1 - balance, 1 + balance) for _ in range(3)]
    sigma = rng.uniform(*blur)
    noise_sd = rng.uniform(*noise)
    quality = rng.randint(60, 95) if rng.random() < jpeg else 0
    out = img.astype(np.float32)
    if sigma > 0.3:
        out = cv2.GaussianBlur(out, (0, 0), sigma)
    out = out * np.float32(wb) * g
    if noise_sd > 0:
        nrng = np.random.default_rng(seed if seed is not None else rng.randrange(2**31))
        out += nrng.normal(0, noise_sd, out.shape[:2])[..., None].astype(np.float32)
    res = np.clip(out + 0.5, 0, 255).astype(np.uint8)
    if quality:
        ok, buf = cv2.imencode(".jpg", cv2.cvtColor(res, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, quality])
        res = cv2.cvtColor(cv2.imdecode(buf, cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)
    return res, {"gain": round(g, 3), "white_balance": [round(v, 3) for v in wb], "blur_px": round(sigma, 2),
                 "noise": round(noise_sd, 2), "jpeg_quality": quality}


def recapture(images: Mapping[str, np.ndarray], rng: random.Random, *, doc_dpi: float,
              dpi: tuple[float, float] = (150, 600), angle: float = 3.0, perspective: float = 0.012,
              margin: tuple[float, float] = (0.02, 0.1), photometric: bool = True) -> tuple[dict[str, np.ndarray], CaptureDraw]:
    """``images`` (one document frame, ``{light: RGB array}`` at ``doc_dpi``) captured again: at a resolution drawn
    from ``dpi``, turned by up to ``angle`` degrees, its corners moved by up to ``perspective`` of its size, on a
    background margin, then each light's exposure, white balance, blur, noise and JPEG drawn on its own."""
    if not images:
        raise ValueError("images must hold at least one light")
    shapes = {v.shape[:2] for v in images.values()}
    if len(shapes) != 1:
        raise ValueError(f"the lights differ in size: {sorted(shapes)}")
    h, w = shapes.pop()
    out_dpi = rng.uniform(*dpi)
    s = out_dpi / doc_dpi
    a = math.radians(rng.uniform(-angle, angle))
    corners = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    centre = corners.mean(axis=0)
    rot = np.float32([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
    dst = (corners - centre) @ rot.T * s
    jitter = perspective * max(w, h) * s
    dst += np.float32([[rng.uniform(-jitter, jitter), rng.uniform(-jitter, jitter)] for _ in range(4)])
    m = rng.uniform(*margin) * max(w, h) * s
    dst -= dst.min(axis=0) - m
    size = (int(math.ceil(dst[:, 0].max() + m)), int(math.ceil(dst[:, 1].max() + m)))
    homography = cv2.getPerspectiveTransform(corners, dst)
    background = {"visible": [rng.uniform(15, 240)] * 3, "uv": [rng.uniform(3, 30)] * 3, "ir": [rng.uniform(15, 230)] * 3}
    out: dict[str, np.ndarray] = {}
    drawn: dict[str, dict[str, Any]] = {}
    for light, img in images.items():
        src = img
        if s < 0.9:  # no aliasing: the sensor integrates over its pixel
            src = cv2.GaussianBlur(img, (0, 0), 0.45 / s)
        warped = cv2.warpPerspective(src, homography, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                                     borderValue=background.get(light, [128] * 3))
        if photometric:
            warped, drawn[light] = photometry(warped, rng)
        out[light] = warped
    return out, CaptureDraw(round(out_dpi, 1), tuple(tuple(float(v) for v in row) for row in homography), drawn)


def reference_capture(images: Mapping[str, np.ndarray], rng: random.Random) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """A flat scan of a genuine specimen for a reference: the document frame kept, each light's exposure and white
    balance, a slight blur, noise and no JPEG drawn from narrow ranges."""
    out: dict[str, np.ndarray] = {}
    drawn = {}
    for light, img in images.items():
        out[light], drawn[light] = photometry(img, rng, gain=(0.9, 1.1), balance=0.04, blur=(0.0, 0.7),
                                              noise=(0.0, 2.5), jpeg=0.0)
    return out, drawn
