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
