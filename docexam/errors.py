"""Domain exceptions.

Each subclasses the built-in exception a caller would naturally catch (``ValueError`` for bad input,
``TypeError`` for API misuse) and carries the context needed to say what went wrong and what to do.
"""

from __future__ import annotations

from docexam.i18n import _


def _rebuilt(cls: type[DocexamError], args: tuple[object, ...], state: dict[str, object]) -> DocexamError:
    """A domain exception as :meth:`DocexamError.__reduce__` took it apart, its ``__init__`` not called again."""
    error = cls.__new__(cls, *args)
    error.args = args
    error.__dict__.update(state)
    return error


class DocexamError(Exception):
    """Base class of every error docexam raises on purpose.

    Picklable whatever its subclass's constructor asks for: an error raised in a worker process reaches the parent as
    it was raised (Python rebuilds an exception by calling its class with ``args``, its message, which a constructor
    taking the error's context cannot take; the parent's pool then broke as if the worker had died: reference_bench,
    development OPH-MRVB-5 at seed 43, a :class:`docexam.ocr.tesseract.TesseractTimeout`)."""

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuilt, (type(self), self.args, dict(self.__dict__)))


class MRZInputError(DocexamError, TypeError):
    """The MRZ API was called with something that is not text (API misuse, not bad OCR)."""

    def __init__(self, what: str, got: object) -> None:
        self.what = what
        self.got = got
        super().__init__(
            _("{what} must be a str or a sequence of str, got {type}; pass the MRZ lines as text, e.g. "
              "parse(['P<UTO...', 'L898902C3...'])").format(what=what, type=type(got).__name__)
        )


class MRZGenerationError(DocexamError, ValueError):
    """The fields given to the MRZ generator cannot be written as an MRZ of the requested format."""

    def __init__(self, field: str, value: object, reason: str) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(_("cannot write {field}={value} into the MRZ: {reason}").format(field=field, value=repr(value),
                                                                                        reason=reason))


class TransliterationError(DocexamError, ValueError):
    """A name holds a character that Doc 9303 Part 3, section 6 does not transliterate into the MRZ's A-Z."""

    def __init__(self, character: str, text: str, reason: str) -> None:
        self.character = character
        self.text = text
        self.reason = reason
        super().__init__(_("cannot transliterate {character} in {text}: {reason}").format(
            character=repr(character), text=repr(text), reason=reason))

    def __reduce__(self) -> tuple[type[TransliterationError], tuple[str, str, str]]:
        return (type(self), (self.character, self.text, self.reason))


class CandidateError(DocexamError, ValueError):
    """Per-position OCR candidates handed to the MRZ corrector are malformed."""

    def __init__(self, line: int, column: int | None, reason: str) -> None:
        self.line = line
        self.column = column
        self.reason = reason
        where = (_("line {line}, column {column}").format(line=line + 1, column=column + 1) if column is not None
                 else _("line {line}").format(line=line + 1))
        super().__init__(_("bad OCR candidates at {where}: {reason}").format(where=where, reason=reason))


class UntrustedInputError(DocexamError, ValueError):
    """A file or member handed to docexam from outside (a bundle's manifest, a handout, a trainee's answers, an
    answer key, a specimen description) is unreadable, too large, too deeply nested or not of the shape it must be.

    ``source`` names it (a path, or ``bundle.zip:handout.json``), ``reason`` says what is wrong and ``hint`` what to do.
    """

    def __init__(self, source: str, reason: str, hint: str | None = None) -> None:
        self.source = source
        self.reason = reason
        self.hint = hint
        super().__init__(f"{source}: {reason}" + (f"; {hint}" if hint else ""))

    def __reduce__(self) -> tuple[type[UntrustedInputError], tuple[str, str, str | None]]:
        return (type(self), (self.source, self.reason, self.hint))


class StoreError(DocexamError, RuntimeError):
    """The case store cannot be opened or used; the message says why and what to do."""


class StoreReadOnlyError(StoreError):
    """The case database may be read here but not written (a read-only file, folder, mount or server)."""


class StoreFullError(StoreError):
    """The disk (or the quota) holding the case database is full: the change was not written."""


class StoreBusyError(StoreError):
    """Another docexam held the case database's write lock for longer than the busy timeout."""


class StoreUnavailableError(StoreError):
    """The case database cannot be opened or reached (missing folder, permissions, a disk I/O error, a server)."""


class ForeignDatabaseError(StoreError):
    """The database named is another application's: docexam leaves it untouched."""


class SchemaRevisionError(StoreError):
    """The database's schema revision is not one this docexam knows (newer, or not docexam's)."""


class FontMissingError(DocexamError, FileNotFoundError):
    """A font docexam draws with is neither in the package's ``docexam/fonts/`` nor at its system path: the installation
    is incomplete (the package ships its fonts; see docexam/fonts/README.md).

    ``name`` is the font's file name, ``system_path`` where the system would have it, ``package_dir`` the package's
    fonts folder.
    """

    def __init__(self, name: str, system_path: str, package_dir: str) -> None:
        self.name = name
        self.system_path = system_path
        self.package_dir = package_dir
        super().__init__(_("the font {name} is missing: it is neither in docexam's package ({package_dir}) nor at "
                           "{system_path}; reinstall docexam (pip install --force-reinstall docexam, or a fresh copy of "
                           "the checkpoint folder), whose package carries it").format(
            name=name, package_dir=package_dir, system_path=system_path))

    def __reduce__(self) -> tuple[type[FontMissingError], tuple[str, str, str]]:
        return (type(self), (self.name, self.system_path, self.package_dir))
