"""Which reference specimen a document is set against, Qt-free, now that there are many designs
(:mod:`docexam.specimens.designs`), not one per family.

- A pack document's: the folder its answer key names (``reference``, ``reference/<design folder>``), else the folder
  of the key's ``design``; a handout without keys: what ``pack.json`` says of the document; else the pack's only
  reference. Packs written before there were designs name only the ``family``: Utopia's design of it.
- A case's: the design the answer key (or a reference's ``specimen.json``) beside the capture its MRZ was read from
  names, else Utopia's design of its MRZ's family, as the workstation always did.

A design's folder name is :attr:`docexam.specimens.design.Family.folder`: the family's name for Utopia (``td3``, as
packs always had), the lower-case code for the others (``csp-td1-3``).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from docexam.errors import UntrustedInputError
from docexam.jsonsafe import load_file
from docexam.specimens.design import FAMILIES, FamilyName

#: A key, a manifest or a specimen description worth reading for a name is small; a larger one is not ours.
_MAX_BYTES = 4 * 1024 * 1024


def utopia_design(family: str) -> str | None:
    """Utopia's design code of ``family`` (``"td3"`` -> ``"UTO-TD3"``), or None for a family Utopia has no design
    of (MRV-B) or no family at all."""
    try:
        return FAMILIES[FamilyName(family)].design
    except (ValueError, KeyError):
        return None


def canonical(code: str) -> str | None:
    """The design code as the generator writes it (``csp-td1-3`` -> ``CSP-TD1-3``, ``td3`` -> ``UTO-TD3``), or None
    for text that is not a design code."""
    from docexam.specimens.designs import parse_code

    try:
        state, fam, variant = parse_code(code)
    except ValueError:
        return None
    return FAMILIES[fam].design if variant is None else f"{state}-{fam.value.upper()}-{variant}"


def design_folder(code: str) -> str:
    """The folder name of design ``code`` under a pack's ``reference/`` (and the workstation's reference cache).

    Raises
    ------
    ValueError
        ``code`` is not a design the generator makes (:class:`docexam.specimens.designs.UnknownDesignError`).
    """
    from docexam.specimens.designs import design

    return design(code).folder


def folder_design(folder: Path) -> str | None:
    """The design of the reference specimen in ``folder``: its ``specimen.json``'s ``design``, else read from the
    folder's name (a pack's ``reference/td3`` is Utopia's passport), else None."""
    meta = _json_object(Path(folder) / "specimen.json")
    named = meta.get("design") if meta else None
    if isinstance(named, str) and canonical(named):
        return canonical(named)
    return canonical(Path(folder).name)


def key_design(key: Mapping[str, Any]) -> str | None:
    """The design an answer key (or a pack's entry for a document) names; for a pack written before there were
    designs, which names only the ``family``, Utopia's design of it."""
    named = key.get("design")
    if isinstance(named, str):
        return canonical(named)
    family = key.get("family")
    return utopia_design(family) if isinstance(family, str) else None


def document_reference(pack: Path, document: str) -> str | None:
    """The folder under ``pack/reference/`` that holds ``document``'s reference specimen, or None when nothing in
    the pack says which (or the folder named is not there)."""
    pack = Path(pack)
    folders = {p.name for p in (pack / "reference").glob("*") if p.is_dir()}
    for entry in (_json_object(pack / document / "key.json"), _manifest_entry(pack, document)):
        if entry is None:
            continue
        folder = _named_folder(entry, folders)
        if folder is not None:
            return folder
    return next(iter(folders)) if len(folders) == 1 else None


def design_beside(path: str | Path | None) -> str | None:
    """The design named beside the image at ``path``: by an answer key (a pack document's ``key.json``, its
    ``design`` or, for an older pack, Utopia's design of its ``family``) or a reference's ``specimen.json``; None
    when neither is there."""
    if not path:
        return None
    folder = Path(path).parent
    key = _json_object(folder / "key.json")
    if key is not None and (design := key_design(key)) is not None:
        return design
    meta = _json_object(folder / "specimen.json")
    named = meta.get("design") if meta else None
    return canonical(named) if isinstance(named, str) else None


def _named_folder(entry: Mapping[str, Any], folders: set[str]) -> str | None:
    ref = entry.get("reference")
    if isinstance(ref, str) and ref.startswith("reference/") and ref.removeprefix("reference/") in folders:
        return ref.removeprefix("reference/")
    design = key_design(entry)
    if design is None:
        return None
    try:
        folder = design_folder(design)
    except (ValueError, ImportError):  # a design this version cannot draw: the folder may still say it
        folder = design.lower()
    return folder if folder in folders else None


def _manifest_entry(pack: Path, document: str) -> Mapping[str, Any] | None:
    manifest = _json_object(pack / "pack.json")
    docs = manifest.get("documents") if manifest else None
    if isinstance(docs, list):
        for doc in docs:
            if isinstance(doc, dict) and doc.get("id") == document:
                return doc
    return None


def _json_object(path: Path) -> dict[str, Any] | None:
    """The JSON object in ``path``, or None when it is missing, unreadable or not an object: these files only help
    find a reference, and a missing one is answered by the next place to look."""
    if not path.is_file():
        return None
    try:
        value = load_file(path, max_bytes=_MAX_BYTES)
    except (UntrustedInputError, OSError):
        return None
    return value if isinstance(value, dict) else None


__all__ = ["canonical", "design_beside", "design_folder", "document_reference", "folder_design", "key_design",
           "utopia_design"]
