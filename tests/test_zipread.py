"""Bounded reading of one zip member, shared by case bundles and exercise handouts."""

import io
import zipfile

import pytest

from docexam.zipread import MemberDamaged, MemberTooLarge, read_member


def _zip(data: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.bin", data)
    return buf.getvalue()


def test_a_member_is_read_whole_within_its_limit():
    data = bytes(range(256)) * 100
    with zipfile.ZipFile(io.BytesIO(_zip(data))) as z:
        assert read_member(z, "a.bin", len(data)) == data


def test_a_member_expanding_past_its_limit_is_stopped():
    with zipfile.ZipFile(io.BytesIO(_zip(b"\0" * 5_000_000))) as z:  # 5 MB from a few kilobytes
        with pytest.raises(MemberTooLarge):
            read_member(z, "a.bin", 1_000_000)


def test_a_corrupt_compressed_member_is_one_error():
    raw = bytearray(_zip(bytes(range(256)) * 400))
    start = raw.index(b"a.bin") + len(b"a.bin")  # the compressed stream follows the local header's name
    for i in range(start + 10, start + 60):
        raw[i] ^= 0xFF
    with zipfile.ZipFile(io.BytesIO(bytes(raw))) as z:
        with pytest.raises(MemberDamaged):
            read_member(z, "a.bin", 10**9)


# --- member names -------------------------------------------------------------------------------------------------

from pathlib import PurePosixPath  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from docexam.zipread import member_name_problem  # noqa: E402


@pytest.mark.parametrize("name", [
    "reference/td3/..", "reference/td3/.", "reference/./td3/visible.png", "reference/../pack.json", "../evil.sh",
    "/etc/passwd", "a//b", "reference/td3/", "", "C:evil", "a\\..\\b", "doc-0001/key.json\x00.png", "a/\x1b[2Jb",
])
def test_names_that_would_name_another_file_are_refused(name):
    assert member_name_problem(name) is not None


@pytest.mark.parametrize("name", ["pack.json", "reference/td3/visible.png", "doc-0001/key.json", "a/b.c/d..e"])
def test_plain_relative_names_pass(name):
    assert member_name_problem(name) is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "b.png", ".", "..", "", "x..y", ".hidden", "c:d", "e\\f"]), min_size=1, max_size=5))
def test_a_name_that_passes_stays_below_the_folder_it_is_unpacked_in(parts):
    name = "/".join(parts)
    if member_name_problem(name) is None:
        joined = PurePosixPath("/root/unpack", name)
        assert ".." not in joined.parts and "." not in parts and str(joined).startswith("/root/unpack/")
        assert PurePosixPath(name).as_posix() == name  # no part that a path would fold away
    assert member_name_problem(123) is not None
