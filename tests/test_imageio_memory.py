"""Image loading under a capped address space: the hostile files of issue 16 either load within their budget or are
refused with an ImageReadError; none may take the memory a regression would (3 GB and more before the fix)."""

from __future__ import annotations

import pytest

from tests.limits import GIB, REPORT_RSS, run_limited, tiff

MIB = 1 << 20


def _load(path, *, limit: int, **kw) -> dict:
    return run_limited(
        f"""
        from docexam.imageio import ImageReadError, load_images
        try:
            pages = load_images({str(path)!r}, **{kw!r})
            out = {{"pages": len(pages), "shape": list(pages[0].image.shape)}}
        except ImageReadError as e:
            out = {{"error": str(e)}}
        out["rss_kb"] = {REPORT_RSS}
        print(json.dumps(out))
        """,
        limit=limit,
    )


@pytest.fixture(scope="module")
def thirty_pages(tmp_path_factory):
    """30 pages of 9999 x 9999 in about 440 KB (the issue's file held them in 3.3 MB)."""
    return tiff(tmp_path_factory.mktemp("bomb") / "thirty.tif", width=9999, height=9999, pages=30)


def test_thirty_large_pages_are_refused_in_a_gigabyte(thirty_pages):
    out = _load(thirty_pages, limit=1 * GIB)
    assert "too large to decode safely" in out.get("error", ""), out
    assert out["rss_kb"] < 200 * 1024  # refused from the headers: nothing decoded


def test_the_first_of_thirty_pages_loads_alone(tmp_path):
    # attach, compare and the report use the first page only: the others are never decoded (before: every page,
    # 30 x 75 MB here, was decoded as RGB and kept).
    path = tiff(tmp_path / "thirty.tif", width=5000, height=5000, pages=30)
    out = _load(path, limit=600 * MIB, pages=1)
    assert out.get("pages") == 1 and out["shape"] == [5000, 5000, 3], out


def test_a_float_page_is_converted_without_a_float64_copy_of_itself(tmp_path):
    # 25 Mpx of 32-bit floats: 100 MB as Pillow holds them; the whole-page float64 conversion took 8 times that.
    path = tiff(tmp_path / "float.tif", width=5000, height=5000, bits=32, sample_format=3)
    out = _load(path, limit=600 * MIB)
    assert out.get("pages") == 1 and out["shape"] == [5000, 5000, 3], out


def test_a_page_that_does_not_fit_in_memory_is_an_image_read_error_not_a_traceback(tmp_path):
    path = tiff(tmp_path / "big.tif", width=9000, height=9000)  # 81 Mpx: 243 MB as RGB, more with Pillow's copy
    out = _load(path, limit=400 * MIB)
    assert "not enough memory to decode" in out.get("error", ""), out
    assert out["returncode"] == 0
