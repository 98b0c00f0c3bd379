"""A plain PNG's pixels decoded straight into an array (imageio._png_page): the page Pillow's path gives, pixel for
pixel, with its resolution and orientation; any other PNG goes Pillow's way (issue 21, item 5)."""

import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from docexam import imageio
from docexam.imageio import ImageReadError, load_image_bytes, load_images


def _pillow_only(monkeypatch, path, **kwargs):
    with monkeypatch.context() as m:
        m.setattr(imageio, "_png_page", lambda *a, **k: None)
        return load_images(path, **kwargs)[0]


def _fast_path_taken(path, *, gray=False) -> bool:
    with Image.open(path) as im:
        return imageio._png_page(im, path, path, path, gray=gray) is not None


def _noise(h, w, channels, seed=3):
    rng = np.random.default_rng(seed)
    shape = (h, w, channels) if channels else (h, w)
    return (rng.integers(0, 256, shape) // 3 * 3).astype(np.uint8)  # some runs for the compressor


def _exif(orientation: int) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = orientation
    return exif


@pytest.mark.parametrize("mode", ["RGB", "L"])
@pytest.mark.parametrize("gray", [False, True])
@pytest.mark.parametrize("orientation", [None, 6, 3])
def test_a_plain_png_decodes_to_pillow_s_page(tmp_path, monkeypatch, mode, gray, orientation):
    path = tmp_path / "page.png"
    img = Image.fromarray(_noise(37, 53, 3 if mode == "RGB" else 0))
    save = {"dpi": (300, 300)} | ({"exif": _exif(orientation)} if orientation else {})
    img.save(path, **save)
    page = load_images(path, gray=gray)[0]
    plain = _pillow_only(monkeypatch, path, gray=gray)
    assert np.array_equal(page.image, plain.image) and page.image.shape == plain.image.shape
    assert (page.dpi, page.source_bit_depth, page.page) == (plain.dpi, plain.source_bit_depth, plain.page) == (
        300.0, 8, 0)
    if orientation == 6:
        assert page.image.shape[:2] == (53, 37)  # upright: turned
    # grey pages either way, colour pages unless asked for grey (Pillow's luma then, as ever)
    assert _fast_path_taken(path, gray=gray) == (mode == "L" or not gray)


def _with_chunk_after_image(data: bytes, kind: bytes, body: bytes) -> bytes:
    end = data.rindex(b"IEND") - 4
    chunk = struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    return data[:end] + chunk + data[end:]


def test_an_orientation_after_the_image_data_is_left_to_pillow_which_reads_it(tmp_path, monkeypatch):
    buf = io.BytesIO()
    Image.fromarray(_noise(20, 30, 3)).save(buf, format="PNG")
    exif = _exif(8).tobytes()
    path = tmp_path / "late-exif.png"
    path.write_bytes(_with_chunk_after_image(buf.getvalue(), b"eXIf", exif[6:] if exif.startswith(b"Exif") else exif))
    assert not _fast_path_taken(path)
    page = load_images(path)[0]
    assert page.image.shape[:2] == (30, 20)  # turned by the orientation found after the pixels
    assert np.array_equal(page.image, _pillow_only(monkeypatch, path).image)


@pytest.mark.parametrize("kind", ["palette", "rgba", "transparent grey", "16-bit grey", "1-bit"])
def test_other_pngs_go_pillow_s_way(tmp_path, kind):
    path = tmp_path / "other.png"
    rgb = _noise(16, 24, 3)
    if kind == "palette":
        Image.fromarray(rgb).convert("P").save(path)
    elif kind == "rgba":
        Image.fromarray(np.dstack([rgb, np.full((16, 24), 128, np.uint8)])).save(path)
    elif kind == "transparent grey":
        Image.fromarray(rgb[..., 0]).save(path, transparency=0)
    elif kind == "16-bit grey":
        Image.fromarray(rgb[..., 0].astype(np.uint16) * 257).save(path)
    else:
        Image.fromarray(rgb[..., 0] > 128).save(path)
    assert not _fast_path_taken(path)
    assert load_images(path)[0].image.shape == (16, 24, 3)


def test_a_truncated_png_is_still_an_image_read_error():
    buf = io.BytesIO()
    Image.fromarray(_noise(40, 60, 3)).save(buf, format="PNG")
    data = buf.getvalue()
    with pytest.raises(ImageReadError):
        load_image_bytes(data[: len(data) // 2], name="cut.png")
    page = load_image_bytes(data, name="whole.png")[0]  # from memory, the fast way too
    assert np.array_equal(page.image, _noise(40, 60, 3))


@pytest.mark.parametrize("where", [0.1, 0.5, 0.9])
def test_a_png_damaged_inside_its_image_data_is_an_image_read_error_never_other_pixels(where):
    # libspng, which decodes the plain PNGs, does not check the chunks' CRCs: a flipped byte in the compressed pixels
    # could give a page with some pixels wrong and no word of it. The CRCs are checked first; Pillow's path then says
    # what is wrong.
    buf = io.BytesIO()
    Image.fromarray(_noise(60, 80, 3)).save(buf, format="PNG")
    data = bytearray(buf.getvalue())
    start = data.index(b"IDAT") + 4
    length = struct.unpack(">I", data[start - 8:start - 4])[0]
    data[start + int(length * where)] ^= 0x5A
    assert imageio._png_layout(bytes(data)) == (False, "IDAT") and imageio._png_layout(buf.getvalue()) == (True, None)
    with pytest.raises(ImageReadError, match="checksum of its IDAT chunk"):
        load_image_bytes(bytes(data), name="damaged.png")
    # a palette page too, which libspng never decodes: Pillow's path would decode it into other pixels
    buf = io.BytesIO()
    Image.fromarray(_noise(60, 80, 3)).convert("P").save(buf, format="PNG")
    data = bytearray(buf.getvalue())
    data[data.index(b"IDAT") + 40] ^= 0x5A
    with pytest.raises(ImageReadError, match="checksum"):
        load_image_bytes(bytes(data), name="damaged-palette.png")
