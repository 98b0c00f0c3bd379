"""Image loading: formats, modes, pages, orientation, resolution, the size guard, bad files, folder expansion.

Every file is generated in tmp_path; nothing binary is committed.
"""

import os
import pickle
import struct
import time
import warnings
import zlib
from pathlib import Path

import cv2
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from PIL import Image, ImageOps, features

from docexam import imageio
from docexam.errors import DocexamError
from docexam.imageio import (
    IMAGE_SUFFIXES,
    MAX_BYTES,
    MAX_PAGES,
    MAX_PIXELS,
    ImageReadError,
    LoadedImage,
    iter_image_files,
    iter_images,
    load_image_bytes,
    load_images,
    to_gray,
)
from tests.limits import tiff


def _pattern(h: int = 24, w: int = 32) -> np.ndarray:
    """Flat colour blocks (survive JPEG/WebP compression): red top-left, green top-right, blue bottom-left."""
    a = np.full((h, w, 3), 255, np.uint8)
    a[: h // 2, : w // 2] = (220, 20, 20)
    a[: h // 2, w // 2 :] = (20, 200, 20)
    a[h // 2 :, : w // 2] = (20, 20, 220)
    return a


def _png_bytes(width: int, height: int, *, bit_depth: int = 8, colour_type: int = 0, data: bytes = b"") -> bytes:
    """A PNG assembled by hand, so its header can claim anything."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(data)) + chunk(b"IEND", b"")


def _one(path, **kw) -> LoadedImage:
    pages = load_images(path, **kw)
    assert len(pages) == 1
    return pages[0]


def _assert_rgb8(img: LoadedImage, h: int, w: int) -> None:
    assert img.image.dtype == np.uint8 and img.image.shape == (h, w, 3)
    assert img.image.flags.c_contiguous


# --- formats -----------------------------------------------------------------------------------------------------

LOSSLESS = ["png", "tiff", "bmp", "webp-lossless"]
LOSSY = ["jpeg", "webp"]


@pytest.mark.parametrize("fmt", LOSSLESS + LOSSY)
def test_each_format_round_trips(tmp_path, fmt):
    if fmt.startswith("webp") and not features.check("webp"):
        pytest.skip("Pillow built without WebP")
    src = _pattern()
    suffix = {"png": ".png", "tiff": ".tif", "bmp": ".bmp", "jpeg": ".jpg"}.get(fmt, ".webp")
    path = tmp_path / f"img{suffix}"
    opts = {"lossless": True} if fmt == "webp-lossless" else {"quality": 95} if fmt in LOSSY else {}
    Image.fromarray(src).save(path, **opts)
    img = _one(path)
    _assert_rgb8(img, 24, 32)
    assert img.path == path and img.page == 0 and img.source_bit_depth == 8
    if fmt in LOSSLESS:
        assert np.array_equal(img.image, src)
    else:
        assert np.abs(img.image.astype(int) - src).mean() < 6


def test_content_decides_the_format_not_the_suffix(tmp_path):
    path = tmp_path / "really-a-png.jpg"
    Image.fromarray(_pattern()).save(path, format="PNG")
    assert np.array_equal(_one(path).image, _pattern())


def test_accepts_str_paths(tmp_path):
    path = tmp_path / "a.png"
    Image.fromarray(_pattern()).save(path)
    assert _one(str(path)).path == path


# --- modes --------------------------------------------------------------------------------------------------------


def test_grey_and_bilevel_become_rgb(tmp_path):
    grey = np.tile(np.arange(0, 250, 10, dtype=np.uint8), (5, 1))
    Image.fromarray(grey).save(tmp_path / "g.png")
    img = _one(tmp_path / "g.png")
    _assert_rgb8(img, 5, 25)
    assert all(np.array_equal(img.image[..., c], grey) for c in range(3))

    bw = np.zeros((4, 8), bool)
    bw[:, 4:] = True
    Image.fromarray(bw).save(tmp_path / "b.png")  # mode "1"
    out = _one(tmp_path / "b.png").image
    assert (out[:, :4] == 0).all() and (out[:, 4:] == 255).all()


def test_rgba_and_la_are_flattened_onto_white(tmp_path):
    a = np.zeros((2, 3, 4), np.uint8)
    a[..., :3] = (200, 0, 0)
    a[..., 3] = [[255, 0, 128]] * 2
    Image.fromarray(a, "RGBA").save(tmp_path / "rgba.png")
    out = _one(tmp_path / "rgba.png").image.astype(int)
    assert out[0, 0].tolist() == [200, 0, 0]
    assert out[0, 1].tolist() == [255, 255, 255]
    assert abs(out[0, 2, 0] - 227) <= 1 and abs(out[0, 2, 1] - 127) <= 1  # half red over white

    la = Image.fromarray(np.array([[[0, 255], [0, 0]]], np.uint8), "LA")
    la.save(tmp_path / "la.png")
    assert _one(tmp_path / "la.png").image[0].tolist() == [[0, 0, 0], [255, 255, 255]]


def test_palette_images_give_their_colours(tmp_path):
    src = _pattern()
    Image.fromarray(src).quantize(colors=4).save(tmp_path / "p.png")
    assert np.array_equal(_one(tmp_path / "p.png").image, src)

    p = Image.new("P", (2, 1))
    p.putpalette([10, 20, 30, 0, 0, 0] + [0] * 762)
    p.putpixel((1, 0), 1)
    p.info["transparency"] = 1
    p.save(tmp_path / "pt.png", transparency=1)
    assert _one(tmp_path / "pt.png").image[0].tolist() == [[10, 20, 30], [255, 255, 255]]


def test_cmyk_jpeg_becomes_rgb(tmp_path):
    Image.new("CMYK", (16, 16), (0, 255, 255, 0)).save(tmp_path / "c.jpg", quality=95)
    out = _one(tmp_path / "c.jpg").image.astype(int)
    assert np.abs(out - [255, 0, 0]).max() <= 8


@pytest.mark.parametrize("fmt", ["png", "tif"])
def test_16_bit_grey_maps_monotonically_onto_0_255(tmp_path, fmt):
    ramp = np.linspace(0, 65535, 300).astype(np.uint16)[None, :].repeat(3, axis=0)
    path = tmp_path / f"g16.{fmt}"
    Image.fromarray(ramp).save(path)
    img = _one(path)
    _assert_rgb8(img, 3, 300)
    assert img.source_bit_depth == 16
    row = img.image[1, :, 0].astype(int)
    assert row[0] == 0 and row[-1] == 255
    assert (np.diff(row) >= 0).all() and len(np.unique(row)) > 200
    assert (img.image[..., 0] == img.image[..., 2]).all()


def test_16_bit_is_scaled_by_257_so_a_dark_capture_stays_dark(tmp_path):
    dark = np.full((2, 2), 100 * 257, np.uint16)
    Image.fromarray(dark).save(tmp_path / "dark.png")
    assert (_one(tmp_path / "dark.png").image == 100).all()


@pytest.mark.parametrize("fmt", ["png", "tif"])
def test_16_bit_colour(tmp_path, fmt):
    bgr = np.zeros((4, 6, 3), np.uint16)
    bgr[..., 2] = 65535  # red
    bgr[:, 3:, 1] = 32896  # orange on the right: green at 128 / 255
    path = tmp_path / f"c16.{fmt}"
    assert cv2.imwrite(str(path), bgr)
    img = _one(path)
    _assert_rgb8(img, 4, 6)
    assert img.source_bit_depth == 16
    assert img.image[0, 0].tolist() == [255, 0, 0] and img.image[0, 5].tolist() == [255, 128, 0]


def test_32_bit_and_float_tiffs(tmp_path):
    Image.fromarray(np.array([[0, 1000, 70000]], np.int32), "I").save(tmp_path / "i32.tif")
    img = _one(tmp_path / "i32.tif")
    assert img.image[0, :, 0].tolist() == [0, 4, 255] and img.source_bit_depth == 16  # stretched: beyond 16 bits

    Image.fromarray(np.array([[0.0, 0.5, 1.0]], np.float32), "F").save(tmp_path / "f.tif")
    assert _one(tmp_path / "f.tif").image[0, :, 0].tolist() == [0, 128, 255]


# --- pages, orientation, resolution -----------------------------------------------------------------------------


def test_multi_page_tiff_gives_every_page(tmp_path):
    pages = [Image.new("RGB", (10 + i, 8), colour) for i, colour in enumerate([(255, 0, 0), (0, 255, 0), (0, 0, 255)])]
    pages[1] = pages[1].convert("L")  # pages may differ in mode and size
    path = tmp_path / "multi.tif"
    pages[0].save(path, save_all=True, append_images=pages[1:], dpi=(300, 300))
    out = load_images(path)
    assert [p.page for p in out] == [0, 1, 2]
    assert [p.image.shape for p in out] == [(8, 10, 3), (8, 11, 3), (8, 12, 3)]
    assert out[0].image[0, 0].tolist() == [255, 0, 0]
    assert out[1].image[0, 0].tolist() == [150, 150, 150]  # grey of pure green
    assert out[2].image[0, 0].tolist() == [0, 0, 255]
    assert all(p.path == path and p.dpi == 300.0 for p in out)


def _marked(h: int = 20, w: int = 40) -> np.ndarray:
    """White with a black block in the stored top-left corner."""
    a = np.full((h, w, 3), 255, np.uint8)
    a[:5, :5] = 0
    return a


def _with_orientation(path: Path, orientation: int, **save) -> None:
    exif = Image.Exif()
    exif[0x0112] = orientation
    Image.fromarray(_marked()).save(path, exif=exif, **save)


@pytest.mark.parametrize(
    "orientation, corner",
    [(1, (0, 0)), (3, (-1, -1)), (6, (0, -1)), (8, (-1, 0)), (2, (0, -1))],
)
@pytest.mark.parametrize("suffix", [".jpg", ".png", ".tif"])
def test_exif_orientation_turns_the_pixels_upright(tmp_path, suffix, orientation, corner):
    path = tmp_path / f"o{orientation}{suffix}"
    _with_orientation(path, orientation, **({"quality": 95} if suffix == ".jpg" else {}))
    img = _one(path).image
    assert img.shape == ((40, 20, 3) if orientation in (6, 8) else (20, 40, 3))
    r, c = corner
    h, w = img.shape[:2]
    r, c = (r % h, c % w)
    assert img[r, c].max() < 60, "the marked corner should land here"
    assert img[h - 1 - r, w - 1 - c].min() > 200
    with Image.open(path) as ref:  # Pillow's own transposition agrees
        expected = np.asarray(ImageOps.exif_transpose(ref).convert("RGB"))
    assert np.abs(img.astype(int) - expected).max() <= 1


@pytest.mark.parametrize("orientation", [1, 3, 6])
@pytest.mark.parametrize("suffix", [".jpg", ".png", ".tif", ".webp"])
def test_grey_loading_matches_rgb_then_to_gray(tmp_path, suffix, orientation):
    path = tmp_path / f"g{orientation}{suffix}"
    exif = Image.Exif()
    exif[0x0112] = orientation
    marked = _marked()
    marked[10:, 20:] = (200, 40, 90)  # some colour, for the luma weights
    Image.fromarray(marked).save(path, exif=exif, **({"quality": 95} if suffix in (".jpg", ".webp") else {}))
    grey = _one(path, gray=True).image
    rgb = _one(path).image
    assert grey.dtype == np.uint8 and grey.shape == rgb.shape[:2]
    # JPEG gives its own luma channel, decoded without colour conversion: within a few levels of the RGB's
    tolerance = 12 if suffix in (".jpg", ".webp") else 1
    assert np.abs(grey.astype(int) - to_gray(rgb)).max() <= tolerance


@pytest.mark.parametrize("suffix, dpi", [(".png", 300), (".tif", 400), (".jpg", 600), (".bmp", 1200)])
def test_dpi_read_from_metadata(tmp_path, suffix, dpi):
    path = tmp_path / f"d{suffix}"
    Image.fromarray(_pattern()).save(path, dpi=(dpi, dpi))
    assert _one(path).dpi == float(dpi)


def test_dpi_is_none_without_metadata(tmp_path):
    Image.fromarray(_pattern()).save(tmp_path / "n.png")
    Image.fromarray(_pattern()).save(tmp_path / "n.jpg")
    assert _one(tmp_path / "n.png").dpi is None
    assert _one(tmp_path / "n.jpg").dpi is None


def test_dpi_follows_a_quarter_turn(tmp_path):
    exif = Image.Exif()
    exif[0x0112] = 6
    Image.fromarray(_marked()).save(tmp_path / "r.tif", exif=exif, dpi=(300, 600))
    assert _one(tmp_path / "r.tif").dpi == 600.0


# --- size guard ---------------------------------------------------------------------------------------------------


def test_a_header_claiming_20000x20000_is_refused_without_decoding(tmp_path):
    path = tmp_path / "bomb.png"
    path.write_bytes(_png_bytes(20000, 20000, data=b"\x00" * 64))  # a few hundred bytes on disk
    t = time.perf_counter()
    with pytest.raises(ImageReadError, match="400,000,000 pixels") as e:
        load_images(path)
    assert time.perf_counter() - t < 1.0
    assert "large" in str(e.value) and "lower resolution" in str(e.value)


def test_more_pixels_than_max_pixels_is_refused_from_the_header(tmp_path):
    # 110 million pixels: above our default, below Pillow's hard limit, so our check names the size.
    path = tmp_path / "big.png"
    path.write_bytes(_png_bytes(11000, 10000, data=b"\x00" * 64))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # Pillow's DecompressionBombWarning must not leak out
        with pytest.raises(ImageReadError, match="11000x10000") as e:
            load_images(path)
    assert f"{MAX_PIXELS:,}" in str(e.value)


def test_max_pixels_is_an_option(tmp_path):
    path = tmp_path / "small.png"
    Image.fromarray(_pattern()).save(path)
    with pytest.raises(ImageReadError, match="32x24"):
        load_images(path, max_pixels=32 * 24 - 1)
    assert _one(path, max_pixels=32 * 24).image.shape == (24, 32, 3)
    with pytest.raises(TypeError):
        load_images(path, 100)  # keyword-only
    with pytest.raises(ValueError, match="max_pixels"):
        load_images(path, max_pixels=0)


def test_every_page_of_a_tiff_is_checked(tmp_path):
    path = tmp_path / "multi.tif"
    Image.new("L", (4, 4)).save(path, save_all=True, append_images=[Image.new("L", (40, 40))])
    with pytest.raises(ImageReadError, match="page 2.*40x40"):
        load_images(path, max_pixels=100)


# --- the whole file's budget: pages, bytes, lazy decoding ---------------------------------------------------------


def test_pages_that_fit_one_by_one_but_not_together_are_refused_before_any_is_decoded(tmp_path, monkeypatch):
    path = tiff(tmp_path / "pages.tif", width=100, height=100, pages=5)
    decoded = []
    real = imageio._load_frame
    monkeypatch.setattr(imageio, "_load_frame", lambda *a, **k: decoded.append(a[2]) or real(*a, **k))
    with pytest.raises(ImageReadError, match=r"first 4 pages take 120,000 bytes decoded, more than the 100,000") as e:
        load_images(path, max_bytes=100_000)
    assert decoded == [] and "split the TIFF" in str(e.value)
    assert len(load_images(path, max_bytes=150_000)) == 5
    assert len(load_images(path, max_bytes=50_000, gray=True)) == 5  # grey pages take a third


def test_thirty_pages_of_100_megapixels_are_refused_from_their_headers(tmp_path):
    path = tiff(tmp_path / "bomb.tif", width=9999, height=9999, pages=30)  # 30 x 99.98 Mpx in 100 KB
    with pytest.raises(ImageReadError, match=rf"first 4 pages take .* more than the {MAX_BYTES:,} allowed"):
        load_images(path)


def test_a_file_with_more_than_max_pages_is_refused(tmp_path):
    path = tiff(tmp_path / "many.tif", width=2, height=2, pages=MAX_PAGES + 1)
    with pytest.raises(ImageReadError, match=rf"more than {MAX_PAGES} pages"):
        load_images(path)
    assert len(load_images(tiff(tmp_path / "enough.tif", width=2, height=2, pages=MAX_PAGES))) == MAX_PAGES


def test_only_the_pages_asked_for_are_decoded_or_counted(tmp_path):
    path = tmp_path / "two.tif"
    Image.new("L", (4, 4), 7).save(path, save_all=True, append_images=[Image.new("L", (400, 400))])
    with pytest.raises(ImageReadError, match="page 2"):
        load_images(path, max_pixels=100)
    (first,) = load_images(path, max_pixels=100, pages=1)
    assert first.page == 0 and first.image.shape == (4, 4, 3) and (first.image == 7).all()
    assert [p.page for p in load_image_bytes(path.read_bytes(), name="two.tif", pages=1)] == [0]
    assert len(load_images(path, pages=5)) == 2
    with pytest.raises(ValueError, match="pages"):
        load_images(path, pages=0)
    with pytest.raises(ValueError, match="max_bytes"):
        load_images(path, max_bytes=0)


def test_iter_images_decodes_a_page_when_it_is_asked_for(tmp_path, monkeypatch):
    path = tiff(tmp_path / "three.tif", width=8, height=6, pages=3)
    decoded = []
    real = imageio._load_frame
    monkeypatch.setattr(imageio, "_load_frame", lambda *a, **k: decoded.append(a[2]) or real(*a, **k))
    pages = iter_images(path, gray=True)
    assert decoded == []
    first = next(pages)
    assert decoded == [0] and first.image.shape == (6, 8)
    assert [p.page for p in pages] == [1, 2] and decoded == [0, 1, 2]


def test_iter_images_leaves_the_callers_warning_filters_alone_between_pages(tmp_path):
    before = list(warnings.filters)
    pages = iter_images(tiff(tmp_path / "two.tif", width=4, height=4, pages=2))
    next(pages)
    assert warnings.filters == before  # a generator must not hold a catch_warnings() open across its yields
    assert len(list(pages)) == 1 and warnings.filters == before


def test_iter_images_checks_the_whole_file_before_the_first_page(tmp_path):
    pages = iter_images(tiff(tmp_path / "pages.tif", width=100, height=100, pages=5), max_bytes=100_000)
    with pytest.raises(ImageReadError, match="first 4 pages"):
        next(pages)


def test_running_out_of_memory_while_decoding_is_an_image_read_error(tmp_path, monkeypatch):
    path = tiff(tmp_path / "two.tif", width=8, height=8, pages=2)

    def exhausted(frame, p, page, *a, **k):
        if page == 1:
            raise MemoryError
        return real(frame, p, page, *a, **k)

    real = imageio._load_frame
    monkeypatch.setattr(imageio, "_load_frame", exhausted)
    with pytest.raises(ImageReadError, match="not enough memory to decode page 2") as e:
        load_images(path)
    assert "lower resolution" in str(e.value) and isinstance(e.value, DocexamError)


def _deep_reference(a: np.ndarray, mode: str) -> np.ndarray:
    """The rule of load_images for deep samples, on the whole array at once (as docexam did before banding)."""
    if mode.startswith("I;16"):
        return ((a.astype(np.uint32) + 128) // 257).astype(np.uint8)
    if mode == "I" and a.min() >= 0 and a.max() <= 65535:
        return ((a.astype(np.int64) + 128) // 257).astype(np.uint8)
    f = np.nan_to_num(a.astype(np.float64), nan=0.0, posinf=0.0, neginf=0.0)
    lo, hi = float(f.min()), float(f.max())
    if mode == "F" and lo >= 0.0 and hi <= 1.0:
        return np.rint(f * 255.0).astype(np.uint8)
    if hi <= lo:
        return np.zeros(f.shape, np.uint8)
    return np.rint((f - lo) * (255.0 / (hi - lo))).astype(np.uint8)


_FLOATS = st.one_of(
    st.floats(width=32, allow_nan=True, allow_infinity=True),
    st.floats(0.0, 1.0, width=32),
    st.floats(-1e6, 1e6, width=32),
)


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["F", "I", "I;16"]).flatmap(
        lambda mode: st.tuples(
            st.just(mode),
            hnp.arrays(
                {"F": np.float32, "I": np.int32, "I;16": np.uint16}[mode],
                st.tuples(st.integers(1, 9), st.integers(1, 7)),
                elements=_FLOATS if mode == "F" else None,
            ),
        )
    ),
    st.integers(1, 20),
)
def test_deep_samples_converted_band_by_band_match_the_whole_page_rule(mode_and_samples, band_pixels):
    mode, a = mode_and_samples
    img = Image.frombytes(mode, (a.shape[1], a.shape[0]), a.tobytes()) if mode == "I;16" else Image.fromarray(a, mode)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(imageio, "_BAND_PIXELS", band_pixels)  # as little as one row a band
        assert np.array_equal(imageio._deep_to_uint8(img), _deep_reference(a, mode))


# --- bad files ----------------------------------------------------------------------------------------------------


def _error(path, *, match: str) -> ImageReadError:
    with pytest.raises(ImageReadError, match=match) as e:
        load_images(path)
    msg = str(e.value)
    assert msg.startswith(f"{path}: ") and "; " in msg  # which file, what is wrong; what to do
    assert isinstance(e.value, ValueError) and isinstance(e.value, DocexamError)
    assert e.value.path == Path(path)
    return e.value


def test_truncated_png(tmp_path):
    path = tmp_path / "t.png"
    Image.fromarray(np.random.default_rng(0).integers(0, 255, (64, 64, 3), np.uint8)).save(path)
    path.write_bytes(path.read_bytes()[:3000])
    err = _error(path, match="damaged or truncated")
    assert "re-export" in str(err)


def test_truncated_jpeg(tmp_path):
    path = tmp_path / "t.jpg"
    Image.fromarray(np.random.default_rng(1).integers(0, 255, (64, 64, 3), np.uint8)).save(path, quality=90)
    path.write_bytes(path.read_bytes()[:1500])
    _error(path, match="damaged or truncated")


def test_random_bytes_named_jpg(tmp_path):
    path = tmp_path / "noise.jpg"
    path.write_bytes(np.random.default_rng(2).integers(0, 256, 4096, np.uint8).tobytes())
    _error(path, match="not a JPEG, PNG, TIFF, BMP or WebP image")


def test_damaged_header_of_a_known_format(tmp_path):
    path = tmp_path / "zero.png"
    path.write_bytes(_png_bytes(0, 5))  # zero width: Pillow refuses the header
    _error(path, match="looks like a PNG file but its header is damaged")


def test_empty_file(tmp_path):
    (tmp_path / "e.png").write_bytes(b"")
    _error(tmp_path / "e.png", match="empty")


def test_text_file(tmp_path):
    (tmp_path / "notes.txt").write_text("Passport scanned on 2026-11-28.\nSee the attached images.\n")
    _error(tmp_path / "notes.txt", match="text file")


@pytest.mark.parametrize(
    "head, match",
    [(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"), (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00", "HEIC")],
)
def test_other_formats_are_named(tmp_path, head, match):
    (tmp_path / "f.jpg").write_bytes(head + bytes(200))
    _error(tmp_path / "f.jpg", match=match)


def test_gif_is_not_supported_even_though_pillow_reads_it(tmp_path):
    Image.fromarray(_pattern()).save(tmp_path / "a.gif")
    _error(tmp_path / "a.gif", match="GIF")


def test_directory(tmp_path):
    _error(tmp_path, match="directory")


def test_missing_path(tmp_path):
    err = _error(tmp_path / "nope.png", match="no such file")
    assert "check the path" in str(err)


def test_error_survives_pickling():
    e = ImageReadError("a/b.png", "broken", "fix it")
    back = pickle.loads(pickle.dumps(e))
    assert (back.path, back.reason, back.hint, str(back)) == (e.path, e.reason, e.hint, str(e))


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_no_file_is_left_open(tmp_path):
    good = tmp_path / "g.tif"
    Image.new("L", (4, 4)).save(good, save_all=True, append_images=[Image.new("L", (4, 4))])
    bad = tmp_path / "t.png"
    Image.fromarray(np.random.default_rng(3).integers(0, 255, (32, 32, 3), np.uint8)).save(bad)
    bad.write_bytes(bad.read_bytes()[:1000])
    (tmp_path / "x.txt").write_text("text")
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(5):
        load_images(good)
        for p in (bad, tmp_path / "x.txt"):
            with pytest.raises(ImageReadError):
                load_images(p)
    assert len(os.listdir("/proc/self/fd")) == before


def test_loaded_image_is_frozen_and_has_a_short_repr(tmp_path):
    Image.fromarray(_pattern()).save(tmp_path / "a.png", dpi=(300, 300))
    img = _one(tmp_path / "a.png")
    with pytest.raises(AttributeError):
        img.page = 1
    assert repr(img).endswith("page=0, size=32x24, dpi=300.0, source_bit_depth=8)")


# --- folders ------------------------------------------------------------------------------------------------------


def test_iter_image_files_expands_folders_sorted_and_skips_hidden_and_other_files(tmp_path):
    root = tmp_path / "scans"
    for rel in [
        "b.png", "a.JPG", "Z.tiff", "sub/c.tif", "sub/deeper/d.webp", "sub/e.jpeg", "f.bmp",
        "notes.txt", "scan.pdf", ".hidden.png", "sub/._c.tif", ".git/x.png", "sub/.cache/y.jpg",
    ]:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(b"x")
    got = [p.relative_to(root).as_posix() for p in iter_image_files([root])]
    assert got == ["Z.tiff", "a.JPG", "b.png", "f.bmp", "sub/c.tif", "sub/deeper/d.webp", "sub/e.jpeg"]
    assert all(Path(p).suffix.lower() in IMAGE_SUFFIXES for p in got)


def test_iter_image_files_keeps_explicit_files_and_missing_paths_in_order(tmp_path):
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "x.png").write_bytes(b"x")
    (tmp_path / "notes.txt").write_text("hi")
    args = [str(tmp_path / "notes.txt"), tmp_path / "missing.png", str(tmp_path / "dir"), tmp_path / ".hidden.jpg"]
    assert list(iter_image_files(args)) == [
        tmp_path / "notes.txt", tmp_path / "missing.png", tmp_path / "dir" / "x.png", tmp_path / ".hidden.jpg",
    ]
    assert list(iter_image_files(str(tmp_path / "dir"))) == [tmp_path / "dir" / "x.png"]  # one path, not its letters
    assert list(iter_image_files([])) == []


def test_a_batch_reports_each_bad_file_and_goes_on(tmp_path):
    Image.fromarray(_pattern()).save(tmp_path / "1-good.png")
    (tmp_path / "2-empty.jpg").write_bytes(b"")
    Image.fromarray(_pattern()).save(tmp_path / "3-good.bmp")
    results = {}
    for path in iter_image_files([tmp_path, tmp_path / "4-missing.png"]):
        try:
            results[path.name] = len(load_images(path))
        except ImageReadError as e:
            results[path.name] = e.reason
    assert results == {"1-good.png": 1, "2-empty.jpg": "the file is empty (0 bytes)", "3-good.bmp": 1,
                       "4-missing.png": "no such file"}


# --- to_gray ------------------------------------------------------------------------------------------------------


def test_to_gray_uses_bt601_luma():
    rgb = np.array([[[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 255]]], np.uint8)
    g = to_gray(rgb)
    assert g.dtype == np.uint8 and g.shape == (1, 4)
    assert g[0].tolist() == [76, 150, 29, 255]


def test_to_gray_passes_grey_through():
    grey = np.arange(12, dtype=np.uint8).reshape(3, 4)
    assert to_gray(grey) is grey
    assert np.array_equal(to_gray(grey[..., None]), grey)
    assert np.array_equal(to_gray(np.repeat(grey[..., None], 3, axis=2)[:, ::-1]), grey[:, ::-1])  # non-contiguous


@pytest.mark.parametrize(
    "bad",
    [np.zeros((4, 4, 4), np.uint8), np.zeros((4, 4, 2), np.uint8), np.zeros(4, np.uint8),
     np.zeros((2, 4, 4, 3), np.uint8), np.zeros((4, 4, 3), np.uint16), np.zeros((4, 4), np.float32),
     np.zeros((0, 4, 3), np.uint8)],
)
def test_to_gray_rejects_bad_input(bad):
    with pytest.raises(ValueError):
        to_gray(bad)


def test_to_gray_rejects_non_arrays():
    with pytest.raises(TypeError):
        to_gray([[1, 2], [3, 4]])


@settings(max_examples=40, deadline=None)
@given(hnp.arrays(np.uint8, hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=12)))
def test_to_gray_of_equal_channels_is_the_grey(grey):
    assert np.array_equal(to_gray(np.repeat(grey[..., None], 3, axis=2)), grey)


@settings(max_examples=40, deadline=None)
@given(hnp.arrays(np.uint8, st.tuples(st.integers(1, 10), st.integers(1, 10), st.just(3))))
def test_to_gray_lies_between_the_channels(rgb):
    g = to_gray(rgb).astype(int)
    assert (g >= rgb.min(axis=2).astype(int) - 1).all() and (g <= rgb.max(axis=2).astype(int) + 1).all()
