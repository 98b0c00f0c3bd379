"""Loading scans and photos: the one place that turns an image file into pixels for the MRZ reader and the
comparison pipeline.

Every page comes out the same way, whatever the file held: ``(H, W, 3)`` ``uint8`` RGB with the EXIF orientation
applied, plus the page index, the resolution written in the file and the bit depth of the source. Anything that
cannot be loaded raises :class:`ImageReadError` (a ``ValueError``) saying which file, what is wrong and what to do.

Pillow does the decoding, restricted to the formats docexam supports (the content decides, never the file name).
Every limit is judged from the headers, before any pixel is decoded, so a small file that claims to be 20000x20000,
or to hold a thousand large pages, cannot exhaust memory (a "decompression bomb"):

- a page may hold at most ``max_pixels`` pixels (:data:`MAX_PIXELS`);
- a file may hold at most :data:`MAX_PAGES` pages;
- the pages decoded from one file together may take at most ``max_bytes`` bytes as given (:data:`MAX_BYTES`):
  pixels x 3 bytes for RGB, x 1 for grey (16-bit, 32-bit and float samples are decoded a band at a time, and
  Pillow's own copy of a page is freed before the next is decoded);
- only the pages asked for are decoded (``pages=1`` for the first page only, :func:`iter_images` for one at a
  time), and a decode that still runs out of memory is an :class:`ImageReadError`, not a ``MemoryError``.
"""

from __future__ import annotations

import contextlib
import functools
import io
import itertools
import math
import os
import re
import struct
import warnings
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

import numpy as np
from PIL import Image, UnidentifiedImageError

from docexam.errors import DocexamError
from docexam.i18n import N_, _

#: Suffixes of the image files docexam reads (compared case-insensitively): what :func:`iter_image_files` picks up
#: in folders, a reference folder holds, and a watched scanner folder receives.
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".webp")

#: Default ceiling on the pixels of one page; larger images are refused before they are decoded.
MAX_PIXELS = 100_000_000

#: Ceiling on the pages of one file (a multi-page TIFF); a file with more is refused before any page is decoded.
MAX_PAGES = 100

#: Default ceiling on the bytes the pages decoded from one file take together as they are given (pixels x 3 for
#: RGB, x 1 for grey): three pages of the largest size in colour. A file over it is refused before any page is
#: decoded. The peak memory of a load is about this plus 4 bytes per pixel of one page (Pillow's copy).
MAX_BYTES = 3 * 3 * MAX_PIXELS

#: Rows of deep (16-bit, 32-bit, float) samples converted at a time, in pixels: bounds the float64 working copy.
_BAND_PIXELS = 1 << 22

#: The Pillow decoders :func:`load_images` lets near a file (no EPS, PDF or other plugin that runs more code).
_PIL_FORMATS = ("PNG", "JPEG", "TIFF", "BMP", "WEBP")
#: What Pillow may report for those: a JPEG with a Multi-Picture extension opens as "MPO".
_ACCEPTED_FORMATS = frozenset({*_PIL_FORMATS, "MPO"})

_DEFAULT_HINT = N_("re-export the scan as PNG or JPEG")
_TOO_LARGE_HINT = N_(
    "scan at a lower resolution (300-600 dpi is enough) or crop the image; raise max_pixels only for files you trust"
)
_TOO_MANY_PAGES_HINT = N_("save one image per page (one file per light), or split the TIFF, e.g. `tiffsplit`")
_OUT_OF_MEMORY_HINT = N_("close other programs, or scan at a lower resolution (300-600 dpi is enough)")

#: EXIF orientation (tag 0x0112) -> the transposition that shows the image upright (as ``ImageOps.exif_transpose``).
_ORIENTATION_TAG = 0x0112
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}

#: Pillow's errors for data it cannot decode. ``struct.error`` and ``EOFError`` come from damaged TIFF/EXIF
#: structures, ``zlib.error`` from damaged compressed chunks.
_DECODE_ERRORS = (
    UnidentifiedImageError,
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    TypeError,  # TIFF pages without dimensions
    IndexError,
    struct.error,
    zlib.error,
    Image.DecompressionBombError,
    Image.DecompressionBombWarning,
)

#: Leading bytes of formats people hand in by mistake, to say what the file is instead of "not recognised".
_UNSUPPORTED_SIGNATURES: tuple[tuple[bytes, int, str, str], ...] = (
    (b"%PDF", 0, N_("is a PDF document, not an image"), N_("export the page as an image, e.g. `pdftoppm -r 600 -png`")),
    (b"GIF8", 0, N_("is a GIF image, which docexam does not read (GIF keeps only 256 colours)"), _DEFAULT_HINT),
    (b"ftypheic", 4, N_("is a HEIC photo, which docexam does not read"), N_("export the photo as JPEG")),
    (b"ftypheix", 4, N_("is a HEIC photo, which docexam does not read"), N_("export the photo as JPEG")),
    (b"ftypmif1", 4, N_("is a HEIF photo, which docexam does not read"), N_("export the photo as JPEG")),
    (b"ftypavif", 4, N_("is an AVIF image, which docexam does not read"), _DEFAULT_HINT),
    (b"\x00\x00\x00\x0cjP  ", 0, N_("is a JPEG 2000 image, which docexam does not read"), _DEFAULT_HINT),
    (b"\xff\x4f\xff\x51", 0, N_("is a JPEG 2000 codestream, which docexam does not read"), _DEFAULT_HINT),
)
_SUPPORTED_SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "PNG"),
    (b"\xff\xd8\xff", 0, "JPEG"),
    (b"II*\x00", 0, "TIFF"),
    (b"MM\x00*", 0, "TIFF"),
    (b"II+\x00", 0, "BigTIFF"),
    (b"MM\x00+", 0, "BigTIFF"),
    (b"BM", 0, "BMP"),
    (b"WEBP", 8, "WebP"),
)


class ImageReadError(DocexamError, ValueError):
    """An image file cannot be loaded: missing, not an image, unsupported, damaged or too large.

    The message is in the examiner's language (issue 23), translated when the error is made; :attr:`english` keeps
    it in English for what stays language-neutral (``docexam read --json``).

    Parameters
    ----------
    path : str or Path
        The file as the caller named it.
    reason : str
        What is wrong, in English (marked with ``N_`` where it is written), with named ``str.format`` fields.
    hint : str, optional
        What to do about it, likewise; by default "re-export the scan as PNG or JPEG".
    **fields
        The values of the fields in ``reason`` and ``hint`` (none: they are taken as they are).
    """

    def __init__(self, path: str | Path, reason: str, hint: str | None = None, **fields: object) -> None:
        self.path = Path(path)
        self.fields = fields
        self._templates = (reason, hint or _DEFAULT_HINT)

        def words(text: str, say=lambda t: t) -> str:
            return say(text).format(**fields) if fields else say(text)

        self.reason, self.hint = words(reason, _), words(self._templates[1], _)
        #: The message in English, whatever the language.
        self.english = f"{path}: {words(reason)}; {words(self._templates[1])}"
        super().__init__(f"{path}: {self.reason}; {self.hint}")

    def __reduce__(self):  # keep the fields through pickling (worker processes)
        return (functools.partial(type(self), **self.fields), (self.path, *self._templates))


@dataclass(frozen=True, eq=False)  # eq=False: arrays do not compare or hash as values
class LoadedImage:
    """One page of an image file, ready for processing.

    Attributes
    ----------
    path : Path
        The file it came from.
    page : int
        0 for single images; the page index (from 0) in a multi-page TIFF.
    image : numpy.ndarray
        ``(H, W, 3)`` ``uint8`` RGB, upright (EXIF orientation applied), transparency flattened onto white; ``(H, W)``
        grey when loaded with ``gray=True``.
    dpi : float or None
        Horizontal resolution of the upright image as written in the file, or None when the file has none.
        Cameras often write 72, which says nothing about the document.
    source_bit_depth : int
        8, or 16 when the file held more than 8 bits per sample (16-bit PNG/TIFF, 32-bit or float TIFF).
    """

    path: Path
    page: int
    image: np.ndarray = field(repr=False)
    dpi: float | None
    source_bit_depth: int

    def __repr__(self) -> str:
        h, w = self.image.shape[:2]
        return (
            f"LoadedImage(path={str(self.path)!r}, page={self.page}, size={w}x{h}, dpi={self.dpi}, "
            f"source_bit_depth={self.source_bit_depth})"
        )


def load_images(
    path: str | Path, *, max_pixels: int = MAX_PIXELS, max_bytes: int = MAX_BYTES, pages: int | None = None,
    gray: bool = False,
) -> list[LoadedImage]:
    """Load every page (or the first ``pages``) of one image file as upright 8-bit RGB (or grey).

    Parameters
    ----------
    path : str or Path
        A JPEG, PNG, TIFF (single or multi-page), BMP or WebP file. The content decides the format, not the suffix.
    max_pixels : int, optional
        Refuse any page with more pixels than this, judged from the header before decoding. Pillow's own hard
        ceiling (``2 * PIL.Image.MAX_IMAGE_PIXELS``, about 179 million) applies on top of it.
    max_bytes : int, optional
        Refuse the file when the pages to decode take more than this many bytes together as given (pixels x 3
        for RGB, x 1 with ``gray=True``), judged from the headers before decoding.
    pages : int, optional
        Decode only the first ``pages`` pages (``1`` when only the first is used); the others are neither decoded
        nor counted against ``max_bytes``. All pages (up to :data:`MAX_PAGES`) by default.
    gray : bool, optional
        Give ``(H, W)`` grey images (BT.601 luma, as :func:`to_gray`) instead of RGB. The MRZ reader's path: an RGB or
        grey page is converted while decoding, without the RGB array in between.

    Returns
    -------
    list of LoadedImage
        One per page, in file order: every page of a TIFF (or the first ``pages``), the first image of any other
        format.

    Raises
    ------
    ImageReadError
        The path is missing, a directory or not a regular file, the file is empty, not an image, of an unsupported
        format, damaged or truncated, has zero width or height, a page has more than ``max_pixels`` pixels, the file
        has more than :data:`MAX_PAGES` pages, its pages take more than ``max_bytes`` decoded, or the memory ran
        out while decoding.

    Notes
    -----
    16-bit samples are scaled by 257 (65535 -> 255), keeping brightness comparable between captures; data that
    uses only part of the 16-bit range (e.g. 12-bit sensors) therefore comes out dark. 32-bit integer TIFFs within
    0..65535 are taken as 16-bit, other 32-bit and float data is stretched over its actual range (floats within
    0..1 are scaled by 255). Colour profiles (ICC) are not applied; CMYK is converted by Pillow's naive formula.
    """
    return list(iter_images(path, max_pixels=max_pixels, max_bytes=max_bytes, pages=pages, gray=gray))


def iter_images(
    path: str | Path, *, max_pixels: int = MAX_PIXELS, max_bytes: int = MAX_BYTES, pages: int | None = None,
    gray: bool = False,
) -> Iterator[LoadedImage]:
    """:func:`load_images` one page at a time: each page is decoded when it is asked for, so only one is held at
    once. The file's limits are checked (from the headers) before the first page is given."""
    p = Path(path)
    _check_limits(max_pixels, max_bytes, pages)
    _check_file(p, path)
    return _decode(p, p, path, max_pixels=max_pixels, max_bytes=max_bytes, pages=pages, gray=gray)


def load_image_bytes(
    data: bytes, *, name: str, max_pixels: int = MAX_PIXELS, max_bytes: int = MAX_BYTES, pages: int | None = None,
    gray: bool = False,
) -> list[LoadedImage]:
    """:func:`load_images` for an image file's bytes held in memory (a capture kept in the case store); ``name``
    stands for the file in error messages."""
    _check_limits(max_pixels, max_bytes, pages)
    if not data:
        raise ImageReadError(name, N_("the image is empty (0 bytes)"))
    return list(
        _decode(io.BytesIO(data), Path(name), name, max_pixels=max_pixels, max_bytes=max_bytes, pages=pages, gray=gray)
    )


def _check_limits(max_pixels: int, max_bytes: int, pages: int | None) -> None:
    if max_pixels < 1:
        raise ValueError(f"max_pixels must be at least 1, got {max_pixels}")
    if max_bytes < 1:
        raise ValueError(f"max_bytes must be at least 1, got {max_bytes}")
    if pages is not None and pages < 1:
        raise ValueError(f"pages must be at least 1 (or None for every page), got {pages}")


@functools.cache
def _open_plugins() -> None:
    """Register the Pillow plugins of :data:`_PIL_FORMATS` that Pillow does not load up front (TIFF, WebP): asked for a
    format it has not registered, ``Image.open`` imports every plugin it has (about 20 ms at each start-up)."""
    from PIL import TiffImagePlugin, WebPImagePlugin  # noqa: F401 - registering them is the point

    Image.preinit()


def _decode(
    source, p: Path, path: str | Path, *, max_pixels: int, max_bytes: int, pages: int | None, gray: bool
) -> Iterator[LoadedImage]:
    page = 0
    _open_plugins()
    try:
        with _no_bomb_warning():
            img = Image.open(source, formats=_PIL_FORMATS)
        with img:
            if img.format not in _ACCEPTED_FORMATS:  # pragma: no cover - the formats= filter prevents it
                raise ImageReadError(path, N_("{format} images are not supported"), format=img.format)
            with _no_bomb_warning():
                count = _plan(img, path, max_pixels=max_pixels, max_bytes=max_bytes, pages=pages, gray=gray)
            for page in range(count):
                with _no_bomb_warning():  # not around the yield: the filters are global, the caller's own
                    if page:
                        img.seek(page)
                    loaded = _png_page(img, source, p, path, gray=gray) or _load_frame(img, p, page, path, gray=gray)
                img.im = None  # drop this page's pixels before the next is decoded (or the caller goes on)
                yield loaded
    except ImageReadError:
        raise
    except MemoryError as e:
        if page:
            raise ImageReadError(path, N_("there is not enough memory to decode page {page}"), _OUT_OF_MEMORY_HINT,
                                 page=page + 1) from e
        raise ImageReadError(path, N_("there is not enough memory to decode it"), _OUT_OF_MEMORY_HINT) from e
    except UnidentifiedImageError:
        reason, hint, fields = _identify(p) if source is p else (N_("is not an image Pillow can decode"), None, {})
        raise ImageReadError(path, reason, hint, **fields) from None
    except Image.DecompressionBombError as e:
        m = re.search(r"\((\d+) pixels\)", str(e))
        if m:
            raise ImageReadError(
                path, N_("image is too large to decode safely ({pixels:,} pixels, more than {allowed:,} allowed)"),
                _TOO_LARGE_HINT, pixels=int(m[1]), allowed=max_pixels) from e
        raise ImageReadError(
            path, N_("image is too large to decode safely (too many pixels, more than {allowed:,} allowed)"),
            _TOO_LARGE_HINT, allowed=max_pixels) from e
    except PermissionError as e:
        raise ImageReadError(path, N_("cannot be read ({error})"), N_("check the file's permissions"),
                             error=e.strerror) from e
    except _DECODE_ERRORS as e:
        _damaged(path, page, e)


def _damaged(path: str | Path, page: int, e: BaseException) -> NoReturn:
    """Raise the ImageReadError for page ``page`` (from 0) that Pillow could not decode (``e``)."""
    detail = str(e) or type(e).__name__
    if page:
        raise ImageReadError(path, N_("page {page}: image data is damaged or truncated ({detail})"), page=page + 1,
                             detail=detail) from e
    raise ImageReadError(path, N_("image data is damaged or truncated ({detail})"), detail=detail) from e


@contextlib.contextmanager
def _no_bomb_warning() -> Iterator[None]:
    """Pillow's DecompressionBombWarning silenced: our max_pixels check replaces it (its hard error stays, and is
    translated by :func:`_decode`)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        yield


def _plan(
    img: Image.Image, path: str | Path, *, max_pixels: int, max_bytes: int, pages: int | None, gray: bool
) -> int:
    """How many pages to decode, after checking every one of them from its header (nothing is decoded here): its
    size, the file's page count and the bytes they take together. Leaves ``img`` on its first page."""
    if img.format != "TIFF":
        pages = 1  # MPO, animated WebP and PNG: the first image only
    total = 0
    count = 0
    for page in itertools.count():
        if pages is not None and page >= pages:
            break
        if page:
            try:
                img.seek(page)
            except EOFError:
                break
            except _DECODE_ERRORS as e:
                _damaged(path, page, e)
        if page >= MAX_PAGES:
            raise ImageReadError(
                path, N_("has more than {pages} pages, more than docexam reads from one file"), _TOO_MANY_PAGES_HINT,
                pages=MAX_PAGES)
        w, h = _check_size(img, path, page, max_pixels)
        total += w * h * (1 if gray else 3)
        if total > max_bytes:
            if page == 0:
                raise ImageReadError(
                    path, N_("is too large to decode safely: its first page take {total:,} bytes decoded, more than "
                             "the {allowed:,} allowed for one file"), _TOO_LARGE_HINT, total=total, allowed=max_bytes)
            raise ImageReadError(
                path, N_("is too large to decode safely: its first {pages} pages take {total:,} bytes decoded, more "
                         "than the {allowed:,} allowed for one file"), _TOO_MANY_PAGES_HINT,
                pages=page + 1, total=total, allowed=max_bytes)
        count = page + 1
    if count > 1:
        img.seek(0)
    return count


def _check_file(p: Path, path: str | Path) -> None:
    """Raise ImageReadError for what is not a non-empty regular file."""
    try:
        st = p.stat()
    except FileNotFoundError:
        raise ImageReadError(path, N_("no such file"), N_("check the path")) from None
    except OSError as e:
        raise ImageReadError(path, N_("cannot be read ({error})"), N_("check the path and its permissions"),
                             error=e.strerror or e) from e
    if p.is_dir():
        raise ImageReadError(
            path, N_("is a directory, not an image file"),
            N_("pass the image files in it, or the folder to `docexam read`")
        )
    if not p.is_file():
        raise ImageReadError(path, N_("is not a regular file"), N_("pass an image file"))
    if st.st_size == 0:
        raise ImageReadError(path, N_("the file is empty (0 bytes)"), N_("copy or export the scan again"))


def _identify(p: Path) -> tuple[str, str, dict[str, object]]:
    """Why Pillow did not recognise the file, from its first bytes: (reason, hint, fields), English templates and
    the values of their fields, for :class:`ImageReadError`."""
    try:
        with open(p, "rb") as f:
            head = f.read(512)
    except OSError as e:
        return N_("cannot be read ({error})"), N_("check the file's permissions"), {"error": e.strerror or e}
    for sig, at, reason, hint in _UNSUPPORTED_SIGNATURES:
        if head[at : at + len(sig)] == sig:
            return reason, hint, {}
    for sig, at, name in _SUPPORTED_SIGNATURES:
        if head[at : at + len(sig)] == sig and (name != "WebP" or head[:4] == b"RIFF"):
            return (N_("looks like a {name} file but its header is damaged or of a variant Pillow cannot read"),
                    _DEFAULT_HINT, {"name": name})
    if _looks_like_text(head):
        return N_("is a text file, not an image"), N_("pass the scan or photo itself"), {}
    return (
        N_("is not a JPEG, PNG, TIFF, BMP or WebP image (its content was not recognised, whatever its name says)"),
        _DEFAULT_HINT, {},
    )


def _looks_like_text(head: bytes) -> bool:
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        # Cut in the middle of a multi-byte character at the end of the sample?
        try:
            text = head[:-3].decode("utf-8")
        except UnicodeDecodeError:
            return False
    return all(c.isprintable() or c in "\t\r\n\f" for c in text.lstrip("\ufeff"))



def _check_size(frame: Image.Image, path: str | Path, page: int, max_pixels: int) -> tuple[int, int]:
    """The frame's (width, height), from its header, refused when empty or past ``max_pixels``."""
    w, h = frame.size
    size = {"page": page + 1, "width": w, "height": h}
    if w <= 0 or h <= 0:
        raise ImageReadError(path, N_("page {page}: image has zero size ({width}x{height})") if page else
                             N_("image has zero size ({width}x{height})"), **size)
    if w * h > max_pixels:
        raise ImageReadError(
            path,
            N_("page {page}: image is too large: {width}x{height} = {pixels:,} pixels, more than {allowed:,} allowed")
            if page else N_("image is too large: {width}x{height} = {pixels:,} pixels, more than {allowed:,} allowed"),
            _TOO_LARGE_HINT, pixels=w * h, allowed=max_pixels, **size,
        )
    return w, h

#: PNG chunks that may follow the image data without carrying anything :func:`_load_frame` reads.
_PNG_TRAILERS = frozenset({b"IDAT", b"IEND"})


def _png_page(frame: Image.Image, source, p: Path, path: str | Path, *, gray: bool) -> LoadedImage | None:
    """The page of a plain PNG (8-bit RGB or grey, no transparency, one frame) decoded by libspng (pyspng) straight
    into an array: the pixels Pillow gives (PNG is lossless), without Pillow's copy at 4 bytes a pixel and the copy
    from it, and a quarter faster than OpenCV's libpng (its inflating and unfiltering: most of a scan's reading time,
    26 of 56 ms at the median of read_bench's synthetic scans); a 16-megapixel scan is read in 500 ms only if its
    decoding leaves room (issue 21, item 5). libspng does not check the chunks' CRCs as libpng does, so they are
    checked first, on every PNG (:func:`_png_layout`, under a millisecond for 4 MB): a damaged file is an
    ImageReadError, never silently other pixels. ``None`` for any other file, or one libspng refuses (:func:`_load_frame` then
    reads it, and says what is wrong).

    Everything but the pixels comes from Pillow's reading of the header, as on the other path: the resolution, and the
    orientation where an EXIF block before the image data has one (a file with any chunk but the image data after it,
    where Pillow would find more, is left to Pillow)."""
    if frame.format != "PNG":
        return None
    data = source.read_bytes() if isinstance(source, Path) else source.getvalue()
    plain_layout, damaged = _png_layout(data)  # (every PNG's CRCs checked: Pillow's path does not check them either)
    if damaged is not None:
        raise ImageReadError(path, N_("image data is damaged: the checksum of its {chunk} chunk does not match its data"),
                             chunk=damaged)
    if frame.mode not in ("RGB", "L") or (gray and frame.mode == "RGB"):
        return None  # (a colour page asked for in grey: Pillow's luma, as ever)
    if "transparency" in frame.info or getattr(frame, "is_animated", False) or len(frame.tile) != 1:
        return None
    raw = frame.tile[0].args[0] if isinstance(frame.tile[0].args, tuple) else frame.tile[0].args
    if raw != frame.mode or not plain_layout:  # 1, 2, 4 or 16 bits a sample, or a palette; or chunks after the pixels
        return None
    if "exif" not in frame.info and ("Raw profile type exif" in frame.info or "XML:com.adobe.xmp" in frame.info):
        return None  # an orientation Pillow reads from text: its path
    orientation = _orientation(frame) if "exif" in frame.info else 1  # (Pillow's getexif() would decode the page)
    import pyspng  # here, not at module level: loading other files needs no PNG decoder

    try:
        pixels = pyspng.load(data, format=frame.mode)
    except (RuntimeError, ValueError, MemoryError):  # a decoder refusing, or out of memory: Pillow's path says which
        return None
    if pixels.dtype != np.uint8 or pixels.shape != ((frame.height, frame.width, 3) if frame.mode == "RGB" else (
            frame.height, frame.width)):
        return None
    image = _transpose_array(pixels, orientation)
    if frame.mode == "L" and not gray:
        image = np.repeat(image[:, :, None], 3, axis=2)
    dpi = _dpi(frame.info.get("dpi"), swap=orientation in (5, 6, 7, 8))
    return LoadedImage(path=p, page=0, image=image, dpi=dpi, source_bit_depth=8)


def _png_layout(data: bytes) -> tuple[bool, str | None]:
    """(whether the PNG ``data``'s chunks are whole and none but the image data and the end follow the first image
    data chunk, the type of the first whole chunk whose data does not match the CRC it carries or ``None``).

    PNG specification, ISO/IEC 15948, 5.3: each chunk ends with a CRC-32 over its type and data. Neither libspng nor
    Pillow checks the image data's, and either would decode a damaged file into other pixels without a word."""
    view = memoryview(data)
    at, end, plain, seen = 8, len(data), True, False
    while at + 12 <= end:
        length, kind = struct.unpack_from(">I4s", view, at)
        seen = seen or kind == b"IDAT"
        plain = plain and not (seen and kind not in _PNG_TRAILERS)
        if at + 12 + length > end:
            return False, None  # cut short: Pillow's path says so
        if zlib.crc32(view[at + 4:at + 8 + length]) != struct.unpack_from(">I", view, at + 8 + length)[0]:
            return False, kind.decode("latin-1")
        at += 12 + length
        if kind == b"IEND":
            return plain, None
    return False, None


def _load_frame(frame: Image.Image, p: Path, page: int, path: str | Path, *, gray: bool = False) -> LoadedImage:
    """Decode and convert the current frame of an open image (its size was checked by :func:`_plan`)."""
    bit_depth = _source_bit_depth(frame)  # before load(): the tile list is gone after decoding
    dpi = _dpi(frame.info.get("dpi"), swap=_orientation(frame) in (5, 6, 7, 8))
    if gray and frame.mode in ("RGB", "L") and frame.format == "JPEG":
        frame.draft("L", frame.size)  # libjpeg converts to grey while decoding, at full size
    frame.load()
    # After load(): Pillow's TIFF decoder applies the orientation itself and drops the tag; JPEG, PNG and WebP keep it.
    orientation = _orientation(frame)
    if _is_deep(frame.mode):
        # Deep samples go through numpy band by band (no float64 copy of the whole page), grey first, then RGB.
        grey = _transpose_array(_deep_to_uint8(frame), orientation)
        image = grey if gray else np.repeat(grey[:, :, None], 3, axis=2)
        return LoadedImage(path=p, page=page, image=image, dpi=dpi, source_bit_depth=bit_depth)
    if frame.mode in ("L", "1") and "transparency" not in frame.info:
        # Grey pages stay grey until the end (a third of the memory of Pillow's RGB, which pads to 4 bytes a pixel).
        grey = _transpose_array(_array(frame.convert("L") if frame.mode == "1" else frame), orientation)
        image = grey if gray else np.repeat(grey[:, :, None], 3, axis=2)
        return LoadedImage(path=p, page=page, image=image, dpi=dpi, source_bit_depth=bit_depth)
    out = frame.convert("L") if gray and frame.mode == "RGB" else _to_rgb(frame)  # "L": BT.601 luma, as to_gray()
    image = _transpose_array(_array(out), orientation)
    del out
    if gray and image.ndim == 3:
        image = to_gray(image)
    return LoadedImage(path=p, page=page, image=image, dpi=dpi, source_bit_depth=bit_depth)


def _source_bit_depth(frame: Image.Image) -> int:
    if frame.mode in ("I", "F") or frame.mode.startswith("I;16"):
        return 16
    tags = getattr(frame, "tag_v2", None)
    if tags is not None:  # TIFF: BitsPerSample
        bits = tags.get(258)
        bits = bits if isinstance(bits, tuple) else (bits,)
        if any(isinstance(b, int) and b > 8 for b in bits):
            return 16
    if frame.format == "PNG":  # 16-bit colour PNGs open as 8-bit modes; the raw mode still says ";16"
        for tile in frame.tile:
            raw = tile.args[0] if isinstance(tile.args, tuple) and tile.args else tile.args
            if isinstance(raw, str) and ";16" in raw:
                return 16
    return 8


def _orientation(frame: Image.Image) -> int:
    """The EXIF (or XMP) orientation, 1 when absent or unreadable: a damaged EXIF block does not stop the load."""
    try:
        value = frame.getexif().get(_ORIENTATION_TAG, 1)
    except Exception:  # noqa: BLE001 - any failure to parse metadata means "no orientation"
        return 1
    return value if isinstance(value, int) and value in _TRANSPOSE else 1


def _dpi(value: object, *, swap: bool) -> float | None:
    """Horizontal resolution of the upright image, from Pillow's ``info["dpi"]``; None when absent or nonsense."""
    if not isinstance(value, tuple) or len(value) != 2:
        return None
    try:
        x, y = (float(v) for v in value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    v = y if swap else x
    if not math.isfinite(v) or v <= 0:
        return None
    # PNG and BMP store pixels per metre: 300 dpi reads back as 299.9994. Snap what is integral within that rounding.
    r = round(v)
    return float(r) if abs(v - r) <= 0.02 else round(v, 3)


def _to_rgb(frame: Image.Image) -> Image.Image:
    """Any 8-bit Pillow mode -> an 8-bit RGB image, alpha flattened onto white."""
    mode = frame.mode
    if mode in ("RGBA", "LA", "La", "RGBa", "PA") or "transparency" in frame.info:
        rgba = frame.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    if mode == "RGB":
        return frame
    if mode == "1":
        frame = frame.convert("L")
    return frame.convert("RGB")  # L, P, CMYK, YCbCr, RGBX, HSV...; a mode Pillow cannot convert raises ValueError


def _is_deep(mode: str) -> bool:
    return mode in ("I", "F") or mode.startswith("I;16")


def _bands(frame: Image.Image) -> Iterator[tuple[int, np.ndarray]]:
    """(first row, samples) of a decoded page, a few million pixels at a time."""
    w, h = frame.size
    rows = max(1, _BAND_PIXELS // w)
    for y in range(0, h, rows):
        yield y, np.asarray(frame.crop((0, y, w, min(h, y + rows))))


def _array(img: Image.Image) -> np.ndarray:
    """A decoded 8-bit image as a new writable array, filled band by band (``np.array(img)`` holds a second copy
    of the whole page on the way)."""
    out = None
    for y, a in _bands(img):
        if out is None:
            out = np.empty((img.height, *a.shape[1:]), np.uint8)
        out[y : y + len(a)] = a
    assert out is not None  # a page has at least one row
    return out


def _deep_to_uint8(frame: Image.Image) -> np.ndarray:
    """16-bit, 32-bit integer or float samples of a decoded page -> ``(H, W)`` uint8 (see :func:`load_images` for
    the rule), converted band by band: the largest page allowed never needs a float64 copy of itself."""
    mode = frame.mode
    w, h = frame.size
    out = np.empty((h, w), np.uint8)
    if mode.startswith("I;16"):
        for y, a in _bands(frame):
            out[y : y + len(a)] = (a.astype(np.uint32) + 128) // 257
        return out
    lo, hi = np.inf, -np.inf
    for _rows, a in _bands(frame):
        if a.dtype.kind == "f" and not (finite := np.isfinite(a)).all():
            a = np.where(finite, a, 0)  # as _finite(), without the float64 copy: min and max are exact in float32
        lo, hi = min(lo, float(a.min())), max(hi, float(a.max()))
    if mode == "I" and lo >= 0 and hi <= 65535:
        for y, a in _bands(frame):
            out[y : y + len(a)] = (a.astype(np.int64) + 128) // 257
        return out
    if mode == "F" and lo >= 0.0 and hi <= 1.0:
        scale, lo = 255.0, 0.0
    elif hi <= lo:
        out.fill(0)
        return out
    else:
        scale = 255.0 / (hi - lo)
    for y, a in _bands(frame):
        f = _finite(a)
        f -= lo
        f *= scale
        out[y : y + len(a)] = np.rint(f, out=f)
    return out


def _finite(a: np.ndarray) -> np.ndarray:
    """Samples as float64 with NaN and infinities taken as 0."""
    f = a.astype(np.float64)
    bad = ~np.isfinite(f)
    if bad.any():
        f[bad] = 0.0
    return f


def _transpose_array(a: np.ndarray, orientation: int) -> np.ndarray:
    """The numpy twin of ``_TRANSPOSE``: the upright view of an array for an EXIF orientation."""
    if orientation == 2:
        a = a[:, ::-1]
    elif orientation == 3:
        a = a[::-1, ::-1]
    elif orientation == 4:
        a = a[::-1]
    elif orientation == 5:
        a = a.swapaxes(0, 1)
    elif orientation == 6:
        a = np.rot90(a, -1)
    elif orientation == 7:
        a = a[::-1, ::-1].swapaxes(0, 1)
    elif orientation == 8:
        a = np.rot90(a, 1)
    else:
        return a
    return np.ascontiguousarray(a)


def iter_image_files(paths: Sequence[str | Path]) -> Iterator[Path]:
    """The image files named by ``paths``, with folders expanded.

    Parameters
    ----------
    paths : sequence of str or Path
        Files and folders, as typed on a command line. A single str or Path is taken as one path.

    Yields
    ------
    Path
        For a folder: every file below it (recursively) whose suffix is in :data:`IMAGE_SUFFIXES`, compared
        case-insensitively, in sorted order; hidden files and folders (name starting with ".") are skipped and
        symbolic links to folders are not followed. Anything else is yielded as given, in argument order: a file
        with another suffix, or a path that does not exist, so that :func:`load_images` reports it for that file.

    Notes
    -----
    Folders that cannot be listed (permissions) are skipped silently. A file named twice is yielded twice.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for item in paths:
        p = Path(item)
        if p.is_dir():
            yield from _walk(p)
        else:
            yield p


def _walk(root: Path) -> Iterator[Path]:
    found: list[tuple[tuple[str, ...], Path]] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        base = Path(dirpath)
        rel = base.relative_to(root).parts
        for name in filenames:
            if not name.startswith(".") and name.lower().endswith(IMAGE_SUFFIXES):
                found.append(((*rel, name), base / name))
    found.sort(key=lambda t: t[0])
    for _key, path in found:
        yield path


def to_gray(image: np.ndarray) -> np.ndarray:
    """Grey levels of an 8-bit image, as the MRZ reader wants them.

    Parameters
    ----------
    image : numpy.ndarray
        ``(H, W)``, ``(H, W, 1)`` or ``(H, W, 3)`` RGB, ``uint8``, at least one pixel.

    Returns
    -------
    numpy.ndarray
        ``(H, W)`` ``uint8``: ITU-R BT.601 luma (0.299 R + 0.587 G + 0.114 B) for RGB; a grey image is returned
        as is (no copy).

    Raises
    ------
    TypeError
        ``image`` is not a numpy array.
    ValueError
        Wrong shape, wrong dtype or no pixels.
    """
    if not isinstance(image, np.ndarray):
        raise TypeError(f"to_gray expects a numpy array, got {type(image).__name__}; load images with load_images()")
    if image.dtype != np.uint8:
        raise ValueError(f"to_gray expects uint8 pixels, got {image.dtype}; convert 16-bit data with load_images()")
    if image.ndim == 3 and image.shape[2] == 1:
        image = image[:, :, 0]
    if image.ndim not in (2, 3) or (image.ndim == 3 and image.shape[2] != 3):
        raise ValueError(f"to_gray expects an (H, W) or (H, W, 3) RGB image, got shape {image.shape}")
    if image.shape[0] == 0 or image.shape[1] == 0:
        raise ValueError(f"to_gray got an image without pixels (shape {image.shape})")
    if image.ndim == 2:
        return image
    import cv2  # here, not at module level: loading files needs no OpenCV

    return cv2.cvtColor(np.ascontiguousarray(image), cv2.COLOR_RGB2GRAY)


__all__ = [
    "IMAGE_SUFFIXES",
    "MAX_BYTES",
    "MAX_PAGES",
    "MAX_PIXELS",
    "ImageReadError",
    "LoadedImage",
    "iter_image_files",
    "iter_images",
    "load_image_bytes",
    "load_images",
    "to_gray",
]
