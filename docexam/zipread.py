"""Reading one member of a zip from outside, bounded: the bytes are counted as they expand (a zip's headers can lie
about sizes, which is how a zip bomb passes a check of its directory), and a damaged member is one error. Both
docexam's case bundles and its exercise-pack handouts read through here."""

from __future__ import annotations

import zipfile
import zlib

_CHUNK = 1 << 20


class MemberTooLarge(ValueError):
    """The member expands past the bytes allowed for it."""


class MemberDamaged(ValueError):
    """The member cannot be read whole (truncated, corrupt, a bad CRC)."""


def read_member(z: zipfile.ZipFile, member: str | zipfile.ZipInfo, limit: int) -> bytes:
    """The bytes of ``member``; :class:`MemberTooLarge` as soon as more than ``limit`` have come out,
    :class:`MemberDamaged` when it cannot be read."""
    chunks, n = [], 0
    try:
        with z.open(member) as f:
            while chunk := f.read(_CHUNK):
                n += len(chunk)
                if n > limit:
                    raise MemberTooLarge(f"expands past {limit:,} bytes")
                chunks.append(chunk)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, zlib.error) as e:
        raise MemberDamaged(str(e)) from e
    return b"".join(chunks)
