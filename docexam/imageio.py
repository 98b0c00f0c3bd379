"""The one place that loads scans and photos: every page, EXIF orientation applied, 8-bit RGB out.

Pillow sniffs the format from the content (never the file name), and the pixel count is checked from the header
before anything is decoded, so a 20000 x 20000 image or a decompression bomb is refused at once without
allocating it. Every failure is an :class:`ImageReadError` (a ``ValueError``) naming the file and what to do.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from docexam.errors import DocexamError

SUPPORTED = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".webp")
#: Refuse larger images before decoding them (a 600 dpi A4 scan has about 35 million pixels).
MAX_PIXELS = 100_000_000


class ImageReadError(DocexamError, ValueError):
    """A file could not be read as an image."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


@dataclass(frozen=True)
class LoadedImage:
    path: Path
    page: int  # 0 for single images; the page of a multi-page TIFF
    image: np.ndarray  # (H, W, 3) uint8 RGB, EXIF orientation applied
    dpi: float | None
    source_bit_depth: int  # 8 or 16


def _to_rgb8(img) -> tuple[np.ndarray, int]:
    from PIL import Image

    depth = 16 if img.mode in ("I;16", "I;16B", "I;16L", "I", "I;16N") else 8
    if img.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        a = np.asarray(img, dtype=np.float64)
        lo, hi = float(a.min()), float(a.max())
        scale = 255.0 / (hi - lo) if hi > lo else 0.0
        grey = ((a - lo) * scale + 0.5).astype(np.uint8) if hi > lo else np.zeros(a.shape, np.uint8)
        return np.repeat(grey[..., None], 3, axis=2), depth
    if img.mode == "F":
        a = np.asarray(img, dtype=np.float64)
        a = (a - a.min()) / max(float(np.ptp(a)), 1e-9) * 255
        return np.repeat(a.astype(np.uint8)[..., None], 3, axis=2), 8
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return np.asarray(Image.alpha_composite(background, rgba).convert("RGB")), depth
    return np.asarray(img.convert("RGB")), depth


def load_images(path: str | Path, *, max_pixels: int = MAX_PIXELS) -> list[LoadedImage]:
    """Every page of one image file.

    Raises
    ------
    ImageReadError
        For a missing file, a folder, an empty, corrupt or truncated file, a format that is not an image,
        or more than ``max_pixels`` pixels.
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    p = Path(path)
    if not p.exists():
        raise ImageReadError(p, "no such file")
    if p.is_dir():
        raise ImageReadError(p, "is a folder; give image files, or pass the folder to `docexam read` to expand it")
    if p.stat().st_size == 0:
        raise ImageReadError(p, "the file is empty")
    pages: list[LoadedImage] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(p) as img:
                w, h = img.size
                if w * h > max_pixels or w <= 0 or h <= 0:
                    raise ImageReadError(p, f"{w} x {h} = {w * h:,} pixels, more than the {max_pixels:,} docexam reads; "
                                            "scan at 600 dpi or less, or crop the image")
                n_frames = getattr(img, "n_frames", 1)
                for page in range(n_frames):
                    img.seek(page)
                    fw, fh = img.size
                    if fw * fh > max_pixels:
                        raise ImageReadError(p, f"page {page + 1} has {fw * fh:,} pixels, more than {max_pixels:,}")
                    frame = ImageOps.exif_transpose(img) if page == 0 else img.copy()
                    rgb, depth = _to_rgb8(frame)
                    dpi = img.info.get("dpi")
                    pages.append(LoadedImage(p, page, np.ascontiguousarray(rgb), float(dpi[0]) if dpi and dpi[0] else None, depth))
    except ImageReadError:
        raise
    except UnidentifiedImageError:
        raise ImageReadError(p, "not an image docexam can read (JPEG, PNG, TIFF, BMP or WebP)") from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        raise ImageReadError(p, f"refused as a decompression bomb ({e})") from None
    except (OSError, SyntaxError, ValueError, EOFError) as e:
        raise ImageReadError(p, f"corrupt or truncated image ({e}); re-export the scan as PNG or JPEG") from None
    return pages


def iter_image_files(paths: Sequence[str | Path]) -> Iterator[Path]:
    """Files to read: folders expanded (sorted, recursive, image suffixes, hidden files skipped); files and
    missing paths as given, so that each gets its own result or error."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p)
                if f.is_file() and f.suffix.lower() in SUPPORTED and not any(part.startswith(".") for part in rel.parts):
                    yield f
        else:
            yield p


def to_gray(image: np.ndarray) -> np.ndarray:
    """(H, W) uint8 luminance of an RGB or grey uint8 image."""
    if image.dtype != np.uint8 or image.ndim not in (2, 3) or (image.ndim == 3 and image.shape[2] not in (3, 4)):
        raise ValueError(f"expected an (H, W) or (H, W, 3) uint8 image, got {image.dtype} with shape {image.shape}")
    if image.ndim == 2:
        return image
    import cv2

    return cv2.cvtColor(image[..., :3], cv2.COLOR_RGB2GRAY)
