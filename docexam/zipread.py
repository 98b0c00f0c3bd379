"""Reading one member of a zip from outside, bounded: the bytes are counted as they expand (a zip's headers can lie
about sizes, which is how a zip bomb passes a check of its directory), and a damaged member is one error; and the
one check of a member's name before it becomes a path. Both docexam's case bundles and its exercise-pack handouts
read through here."""

from __future__ import annotations

import re
import zipfile
import zlib

from docexam.i18n import _

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
                    raise MemberTooLarge(_("expands past {limit:,} bytes").format(limit=limit))
                chunks.append(chunk)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, zlib.error) as e:
        raise MemberDamaged(str(e)) from e
    return b"".join(chunks)


# Control characters (C0, DEL, C1) and the separators of other systems have no place in a member's name.
_BAD_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\\:]")


def member_name_problem(name: object) -> str | None:
    """Why a zip member's name cannot be unpacked as a relative path below a folder, or None when it can: not text,
    empty, absolute, with a drive letter, a backslash or a control character, or with an empty, ``.`` or ``..``
    part (``a/./b``, ``a/..``, ``a//b``, ``a/``), any of which would name another file than the one it spells."""
    if not isinstance(name, str) or not name:
        return _("is not a file name")
    if name.startswith("/"):
        return _("is an absolute path")
    if _BAD_CHARACTERS.search(name):
        return _("holds a backslash, a colon or a control character")
    if any(part in ("", ".", "..") for part in name.split("/")):
        return _("has an empty, '.' or '..' part")
    return None
