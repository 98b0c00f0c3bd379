"""Exercise packs handed out as one file: the trainer writes a zip of a pack, the trainee opens it.

A pack is a folder (:func:`docexam.specimens.exercise.generate_pack`): ``pack.json``, ``reference/<design>/...``,
``doc-NNNN/{visible,uv,ir}.png`` and ``doc-NNNN/key.json``. The handout holds the same files plus ``handout.json``
listing each file's SHA-256. Without the keys (``with_keys=False``), the ``key.json`` files are left out and
``pack.json`` loses the documents' verdicts, so the trainee's copy gives nothing away and is scored by the trainer;
with them, the trainee's workstation scores the attempt itself (the keys stay hidden in the panel until the
attempt is submitted, but a trainee who unzips the file can read them).

Opening a handout checks all of it before anything is written: names (no absolute paths, no ``..``, only the files
a pack has), sizes against a limit counted while reading (a zip bomb is refused, whatever its headers say), and
every file's hash. It is unpacked into a temporary folder renamed into place, so a failure leaves nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import zipfile
from pathlib import Path

from docexam import jsonsafe
from docexam.errors import DocexamError, UntrustedInputError
from docexam.i18n import _
from docexam.zipread import MemberDamaged, MemberTooLarge, member_name_problem, read_member

FORMAT = "docexam-exercise-pack"
VERSION = 1
#: The most a handout may expand to: a pack of 500 documents is about a gigabyte.
MAX_EXPANDED_BYTES = 3 * 1024**3
#: The files a pack holds (a reference's files: no hidden ones, and never "." or "..").
_ALLOWED = re.compile(
    r"^(pack\.json|reference/[a-z0-9][a-z0-9-]*/[A-Za-z0-9_-][A-Za-z0-9_.-]*|doc-\d{4}/(visible|uv|ir)\.png|doc-\d{4}/key\.json)$"
)
#: The most handout.json may take: a list of a few thousand names and hashes.
MAX_MANIFEST_BYTES = 16 * 1024 * 1024


class PackBundleError(DocexamError, ValueError):
    """A handout that cannot be written or opened; the message says why and what to do."""


def export_pack(pack: str | os.PathLike, out: str | os.PathLike, *, with_keys: bool = True) -> Path:
    """Write exercise pack folder ``pack`` to the zip ``out`` (atomically) and return its path."""
    pack, out = Path(pack), Path(out)
    if not (pack / "pack.json").is_file():
        raise PackBundleError(_("{pack} has no pack.json: choose the folder `docexam exercise generate` wrote").format(
            pack=pack))
    files = sorted(p for p in pack.rglob("*") if p.is_file())
    names = {p: p.relative_to(pack).as_posix() for p in files}
    names = {p: n for p, n in names.items() if _ALLOWED.match(n) and (with_keys or not n.endswith("key.json"))}
    if not any(n.endswith(".png") and n.startswith("doc-") for n in names.values()):
        raise PackBundleError(_("{pack} holds no doc-NNNN/*.png captures: is it an exercise pack?").format(pack=pack))
    hashes: dict[str, str] = {}
    manifest = {"format": FORMAT, "version": VERSION, "with_keys": with_keys, "files": hashes}
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}-", dir=out.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED) as z:  # PNGs do not compress further
            for path, name in names.items():
                data = path.read_bytes()
                if name == "pack.json" and not with_keys:
                    meta = _pack_manifest(data, path)
                    for doc in meta["documents"]:
                        doc.pop("verdict", None)
                    data = (json.dumps(meta, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
                hashes[name] = hashlib.sha256(data).hexdigest()
                z.writestr(name, data)
            z.writestr("handout.json", json.dumps(manifest, indent=1))
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out


def open_pack(bundle: str | os.PathLike, dest: str | os.PathLike) -> Path:
    """Check handout ``bundle`` whole and unpack it into a new folder under ``dest`` (named after the file);
    return the folder. Opening the same handout again returns the folder already unpacked."""
    bundle, dest = Path(bundle), Path(dest)
    try:
        z = zipfile.ZipFile(bundle)
    except (OSError, zipfile.BadZipFile) as e:
        raise PackBundleError(_("{bundle} is not an exercise pack handout (not a readable zip: {error})").format(
            bundle=bundle, error=e)) from e
    with z:
        try:
            manifest = jsonsafe.loads(_read(z, "handout.json", MAX_MANIFEST_BYTES), source=f"{bundle}:handout.json")
        except KeyError:
            raise PackBundleError(_("{bundle} has no handout.json: it was not written by docexam's 'Hand out a pack'").format(
                bundle=bundle)) from None
        except UntrustedInputError as e:  # not UTF-8, not JSON, nested too deep
            raise PackBundleError(_("{bundle}: handout.json {reason} (nothing was unpacked)").format(
                bundle=bundle, reason=e.reason)) from e
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
            raise PackBundleError(_("{bundle} is not a version {version} exercise pack handout").format(
                bundle=bundle, version=VERSION))
        files = manifest.get("files")
        if not isinstance(files, dict) or "pack.json" not in files:
            raise PackBundleError(_("{bundle}: handout.json lists no pack.json").format(bundle=bundle))
        names = set(z.namelist()) - {"handout.json"}
        for name in names | set(files):
            if member_name_problem(name) or not _ALLOWED.match(name):
                raise PackBundleError(_("{bundle} holds {name}, which is not a file of an exercise pack (refused: "
                                        "nothing was unpacked)").format(bundle=bundle, name=repr(name)))
        if names != set(files):
            missing, extra = sorted(set(files) - names), sorted(names - set(files))
            raise PackBundleError(_("{bundle} does not match its list of files (missing {missing}, unlisted {extra}): "
                                    "it was changed or cut short").format(
                bundle=bundle, missing=missing[:3], extra=extra[:3]))
        digest = hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()[:12]
        folder = dest / f"{bundle.stem}-{digest}"
        if (folder / "pack.json").is_file():
            return folder
        dest.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=dest))
        try:
            budget = MAX_EXPANDED_BYTES
            for name in sorted(names):
                data = _read(z, name, budget)
                budget -= len(data)
                if hashlib.sha256(data).hexdigest() != files[name]:
                    raise PackBundleError(_("{bundle}: {name} does not have the SHA-256 its list gives: the handout "
                                            "was changed or damaged (nothing was unpacked)").format(
                        bundle=bundle, name=name))
                target = tmp / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            os.replace(tmp, folder)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    return folder


def _pack_manifest(data: bytes, path: Path) -> dict:
    """pack.json's object, checked for what a handout without keys rewrites: a list of documents (objects)."""
    try:
        meta = jsonsafe.loads(data, source=str(path))
    except UntrustedInputError as e:
        raise PackBundleError(_("{error}: generate the pack again").format(error=e)) from e
    docs = meta.get("documents") if isinstance(meta, dict) else None
    if not (isinstance(docs, list) and all(isinstance(d, dict) for d in docs)):
        raise PackBundleError(_("{path} has no list of documents: generate the pack again").format(path=path))
    return meta


def _read(z: zipfile.ZipFile, name: str, budget: int) -> bytes:
    """``name``'s bytes, refused once they pass ``budget`` (counted as read: headers can lie)."""
    try:
        return read_member(z, name, budget)
    except MemberTooLarge:
        if name == "handout.json":
            raise PackBundleError(_("the handout's handout.json expands past {max_manifest_bytes} MiB: refused as a "
                                    "zip bomb (nothing was unpacked)").format(
                max_manifest_bytes=MAX_MANIFEST_BYTES // 1024**2)) from None
        raise PackBundleError(_("the handout expands past {max_expanded_bytes} GiB at {name}: refused as a zip bomb "
                                "(nothing was unpacked)").format(
            max_expanded_bytes=MAX_EXPANDED_BYTES // 1024**3, name=name)) from None
    except MemberDamaged as e:
        raise PackBundleError(_("the handout is damaged at {name} ({error})").format(name=name, error=e)) from e
