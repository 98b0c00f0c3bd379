"""Image files at their boundary: a scan damaged anywhere (bytes changed, cut short, a header that lies) loads as
an upright 8-bit page or is refused with an ImageReadError; never another exception, never a page past the limits."""

import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from docexam.imageio import ImageReadError, load_image_bytes


def _encoded(fmt: str, **save) -> bytes:
    rng = np.random.default_rng(5)
    img = Image.fromarray(rng.integers(0, 255, (24, 32, 3), np.uint8))
    pages = {"append_images": [img.convert("L"), img.convert("F")], "save_all": True} if fmt == "TIFF" else {}
    buf = io.BytesIO()
    img.save(buf, format=fmt, **pages, **save)
    return buf.getvalue()


def _rotated_exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90 degrees to show upright
    return exif


SEEDS = {
    "png": _encoded("PNG"),
    "jpeg": _encoded("JPEG", quality=80, exif=_rotated_exif()),
    "tiff": _encoded("TIFF", compression="tiff_adobe_deflate"),
    "bmp": _encoded("BMP"),
    "webp": _encoded("WEBP", quality=80),
}
#: Small limits, so that a header lying its way up to them still decodes in a blink.
LIMITS = {"max_pixels": 200_000, "max_bytes": 600_000}


def _damage(data: bytes, edits: list[tuple[int, int]], cut: int | None) -> bytes:
    out = bytearray(data)
    for at, value in edits:
        out[at % len(out)] = value
    return bytes(out[:cut] if cut else out)


@pytest.mark.parametrize("fmt", sorted(SEEDS))
def test_the_undamaged_seeds_load(fmt):
    pages = load_image_bytes(SEEDS[fmt], name=f"seed.{fmt}", **LIMITS)
    assert len(pages) == (3 if fmt == "tiff" else 1)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(sorted(SEEDS)), st.lists(st.tuples(st.integers(0, 1 << 16), st.integers(0, 255)), max_size=6),
       st.none() | st.integers(1, 4000), st.booleans())
def test_a_damaged_image_loads_within_the_limits_or_is_an_image_read_error(fmt, edits, cut, gray):
    data = _damage(SEEDS[fmt], edits, cut)
    try:
        pages = load_image_bytes(data, name=f"damaged.{fmt}", gray=gray, **LIMITS)
    except ImageReadError:
        return
    assert pages and sum(p.image.nbytes for p in pages) <= LIMITS["max_bytes"]
    for p in pages:
        assert p.image.dtype == np.uint8 and p.image.ndim == (2 if gray else 3)
        assert p.image.shape[0] * p.image.shape[1] <= LIMITS["max_pixels"]
