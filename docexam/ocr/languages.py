"""Which of tesseract's language models read a VIZ, and what to install when one is missing.

A VIZ prints the holder's name in the State's language and script (Doc 9303 Part 3, 3.1): Azerbaijani Latin with
``Ə Ş Ğ İ ı``, Russian or Ukrainian Cyrillic. Tesseract reads a script only with a model trained on it; its English
model takes ``Ə`` for ``E`` or ``0`` and Cyrillic for Latin look-alikes. :func:`models_for` says which models a
language's VIZ is read with (the language's own, and English for the captions, numbers and dates), which of them
this machine has, and for those it lacks the Debian package that brings them (``tesseract-ocr-aze``). It never raises
for a missing model: the caller reads with what is installed and tells the examiner what is missing
(:attr:`ModelChoice.message`); :func:`require` raises :class:`LanguageModelMissing` for a caller that cannot go on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docexam.errors import DocexamError
from docexam.i18n import _

__all__ = ["ENGLISH", "MODELS", "LanguageModelMissing", "ModelChoice", "models_for", "package", "require"]

#: Tesseract's model for each language docexam reads names in (ISO 639-1 -> tesseract's ISO 639-2 name).
MODELS: dict[str, str] = {
    "az": "aze", "ru": "rus", "uk": "ukr", "be": "bel", "bg": "bul", "sr": "srp", "mk": "mkd", "kk": "kaz",
    "tr": "tur", "pl": "pol", "cs": "ces", "de": "deu", "es": "spa", "fr": "fra", "en": "eng", "ar": "ara",
}
#: The model every VIZ is read with too: captions in English (Part 3, 3.1), numbers and dates.
ENGLISH = "eng"
#: Cyrillic languages read with the models of both when the name's language is not known (the VIZ's script is).
CYRILLIC_FALLBACK = ("rus", "ukr")


def package(model: str) -> str:
    """The Debian package that installs tesseract's ``model``: ``aze`` -> ``tesseract-ocr-aze``."""
    return "tesseract-ocr-" + model.replace("_", "-").lower()


class LanguageModelMissing(DocexamError, ValueError):
    """Tesseract lacks a language model a VIZ needs; the message names the package to install."""

    def __init__(self, models: tuple[str, ...]) -> None:
        self.models = models
        self.packages = tuple(package(m) for m in models)
        super().__init__(_("tesseract has no {models} model: install {packages} (apt install {packages}), or the "
                           "names printed in that script cannot be read").format(
            models=", ".join(models), packages=" ".join(self.packages)))


@dataclass(frozen=True)
class ModelChoice:
    """The models a VIZ in ``language`` is read with: ``wanted`` (its own first, then English), ``installed`` (those
    tesseract has, joined as tesseract takes them in :attr:`lang`) and ``missing``."""

    language: str | None
    wanted: tuple[str, ...]
    installed: tuple[str, ...]

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(m for m in self.wanted if m not in self.installed)

    @property
    def lang(self) -> str:
        """The ``-l`` argument for tesseract (``aze+eng``); ``eng`` when none of the wanted ones is installed."""
        return "+".join(self.installed) or ENGLISH

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def packages(self) -> tuple[str, ...]:
        """The Debian packages that would install the missing models."""
        return tuple(package(m) for m in self.missing)

    @property
    def message(self) -> str:
        """What is missing and how to install it, in the current language; empty when nothing is."""
        if self.complete:
            return ""
        return _("the names of this VIZ ({language}) need tesseract's {models} model, which is not installed: read "
                 "with {used} instead; install {packages}").format(
            language=self.language or "-", models=", ".join(self.missing), used=self.lang,
            packages=" ".join(self.packages))

    def to_dict(self) -> dict[str, Any]:
        return {"language": self.language, "wanted": list(self.wanted), "installed": list(self.installed),
                "missing": list(self.missing), "packages": list(self.packages)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ModelChoice:
        return cls(d.get("language"), tuple(d["wanted"]), tuple(d["installed"]))


def models_for(language: str | None, *, script: str | None = None,
               available: frozenset[str] | None = None) -> ModelChoice:
    """The models a VIZ whose names are in ``language`` (ISO 639-1) is read with: the language's own, then English.

    ``script`` (``"Cyrillic"``) stands in when the language is not known: Russian's and Ukrainian's models.
    ``available``: the models tesseract has (default: :func:`docexam.ocr.tesseract.languages`, empty when
    tesseract cannot run). Never raises for a missing model (see :attr:`ModelChoice.missing`); a ``ValueError``
    for a language docexam has no model name for.
    """
    if language is not None and language not in MODELS:
        raise ValueError(f"no tesseract model is known for language {language!r}; the languages are "
                         f"{', '.join(sorted(MODELS))}")
    if available is None:
        from docexam.ocr import tesseract

        available = tesseract.languages()
    if language is not None:
        wanted: tuple[str, ...] = tuple(dict.fromkeys((MODELS[language], ENGLISH)))
    elif script is not None and script.lower() == "cyrillic":
        wanted = (*CYRILLIC_FALLBACK, ENGLISH)
    else:
        wanted = (ENGLISH,)
    return ModelChoice(language, wanted, tuple(m for m in wanted if m in available))


def require(choice: ModelChoice) -> str:
    """``choice``'s ``-l`` argument, or :class:`LanguageModelMissing` naming the packages when a model is missing."""
    if not choice.complete:
        raise LanguageModelMissing(choice.missing)
    return choice.lang
