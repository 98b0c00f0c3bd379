"""The examiner's language for everything below the GUI (issue 23): the command line's messages and errors, the words
of verdicts, checks and findings, and the PDF report, in English, Azerbaijani (Latin script) and Russian.

One mechanism, without Qt: GNU gettext catalogues, kept as ``docexam/locale/<lang>/LC_MESSAGES/docexam.po`` in the
repository (source strings in English, managed with Babel), compiled to ``.mo`` at build time (``make locale``, which
``make run``, ``make test`` and ``make dist`` run first; the checkpoint build ships the ``.mo`` files). A catalogue
whose ``.mo`` is missing or older than its ``.po`` (a fresh checkout, a catalogue just edited) is compiled in memory
from the ``.po`` when first used, so a source tree works before ``make`` has run; nothing is written into the package.

Marking, as gettext does it:

- ``_("text")`` translates into the current language where the text is used;
- ``ngettext("one finding", "{n} findings", n)`` picks the plural form the language needs (Russian has three);
- ``N_("text")`` marks a text defined once and shown later (a verdict's wording, a check's label): it returns the
  text unchanged, and the place that shows it translates it with ``_(text)`` or a :class:`Translator`.

Placeholders are ``str.format`` fields with names (``{count}``), so a translation may put them in any order.

The language: :func:`set_language` (the command line's ``--lang``), else ``$DOCEXAM_LANG``, else the system locale
(``$LANGUAGE``, ``$LC_ALL``, ``$LC_MESSAGES``, ``$LANG``), else English; a language docexam has no catalogue for is
English. A :class:`Translator` holds one language on its own (the report is made in the language asked for, or in two
side by side), whatever the current language is.

What is never translated: codes (verdict values, finding kinds, check codes, MRZ issue codes), which the JSON output
and the case store keep as they are, language-neutral.

Dates and numbers in a language's own form come from Babel's CLDR data (:meth:`Translator.datetime`,
:meth:`Translator.decimal`); English keeps the ISO 8601 times and the figures docexam has always printed.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import io
import os
from pathlib import Path

__all__ = ["DOMAIN", "LANGUAGES", "LOCALE_DIR", "N_", "SOURCE_LANGUAGE", "Translator", "_", "catalogue_files", "chosen_language",
           "language", "ngettext", "normalize", "set_language", "translations", "translator", "upper"]

#: The gettext domain: ``docexam.po`` / ``docexam.mo``.
DOMAIN = "docexam"
#: The language the source strings are written in.
SOURCE_LANGUAGE = "en"
#: Every language docexam speaks, with its name in itself (for ``--lang`` and menus).
LANGUAGES: dict[str, str] = {"en": "English", "az": "Azərbaycanca", "ru": "Русский"}
#: The catalogues: ``<lang>/LC_MESSAGES/docexam.po`` and its compiled ``.mo``.
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_chosen: str | None = None


def normalize(value: str | None) -> str | None:
    """The language ``value`` names, as a key of :data:`LANGUAGES`: ``az``, ``az_AZ.UTF-8``, ``ru-RU``, ``RU`` and
    ``az-Latn`` all name one; None for an empty value, ``C``/``POSIX`` and languages docexam does not speak."""
    if not value:
        return None
    code = value.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else None


def set_language(value: str | None) -> None:
    """Make ``value`` the current language (None: back to ``$DOCEXAM_LANG`` and the system locale).

    Raises
    ------
    ValueError
        ``value`` names no language docexam speaks.
    """
    global _chosen
    if value is not None and normalize(value) is None:
        raise ValueError(f"docexam does not speak {value!r}; choose one of {', '.join(LANGUAGES)}")
    _chosen = normalize(value)


def chosen_language() -> str | None:
    """The language :func:`set_language` chose, None when none is (the environment decides)."""
    return _chosen


def language() -> str:
    """The current language: :func:`set_language`'s, else ``$DOCEXAM_LANG``'s, else the system locale's, else
    English."""
    if _chosen is not None:
        return _chosen
    explicit = os.environ.get("DOCEXAM_LANG")
    if explicit:
        return normalize(explicit) or SOURCE_LANGUAGE
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            # $LANGUAGE is a list of preferences (az:ru:en); the others name one locale, the first set wins.
            for part in value.split(":"):
                lang = normalize(part)
                if lang is not None:
                    return lang
            return SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


def catalogue_files(lang: str) -> tuple[Path, Path]:
    """The ``.po`` and ``.mo`` files of ``lang``'s catalogue (either may be missing)."""
    folder = LOCALE_DIR / lang / "LC_MESSAGES"
    return folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """``lang``'s catalogue: its ``.mo``, or its ``.po`` compiled in memory when the ``.mo`` is missing or older;
    English (the source language) and a language without a catalogue translate nothing."""
    if lang == SOURCE_LANGUAGE or lang not in LANGUAGES:
        return gettext.NullTranslations()
    po, mo = catalogue_files(lang)
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as f:
            return gettext.GNUTranslations(f)
    if po.is_file():
        return gettext.GNUTranslations(_compiled(po, lang))
    return gettext.NullTranslations()


def _compiled(po: Path, lang: str) -> io.BytesIO:
    """The ``.mo`` bytes of ``po``, as ``pybabel compile`` writes them (fuzzy entries left out), in a file object."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as f:
        catalog = read_po(f, locale=lang, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return buf


def N_(message: str) -> str:  # noqa: N802 - gettext's own name for it, which the extraction looks for
    """Mark ``message`` for translation where it is defined; it is translated where it is shown."""
    return message


def _(message: str) -> str:
    """``message`` in the current language (itself when the catalogue has no translation)."""
    return translations(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of ``singular``/``plural`` for ``n`` in the current language."""
    return translations(language()).ngettext(singular, plural, n)


class Translator:
    """One language on its own: its catalogue, and its dates and numbers (Babel's CLDR data)."""

    def __init__(self, lang: str | None = None) -> None:
        self.lang = normalize(lang) or (language() if lang is None else SOURCE_LANGUAGE)
        self._catalogue = translations(self.lang)

    def __repr__(self) -> str:
        return f"Translator({self.lang!r})"

    def gettext(self, message: str) -> str:
        return self._catalogue.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalogue.ngettext(singular, plural, n)

    def datetime(self, value: dt.datetime, *, utc: bool = False) -> str:
        """``value`` to the minute: ``2026-12-04 19:07`` in English (ISO 8601, as docexam has always written it),
        ``04.12.2026 19:07`` in Azerbaijani and Russian (each locale's numeric date, a 24-hour clock); ``utc``
        adds `` UTC``."""
        suffix = " UTC" if utc else ""
        if self.lang == SOURCE_LANGUAGE:
            return value.strftime("%Y-%m-%d %H:%M") + suffix
        from babel.dates import format_skeleton

        return f"{format_skeleton('yMd', value, locale=self.lang)} {value.strftime('%H:%M')}{suffix}"

    def datetime_seconds(self, value: dt.datetime) -> str:
        """``value`` to the second, in UTC words: the time a report was made, in its footer."""
        if self.lang == SOURCE_LANGUAGE:
            return value.strftime("%Y-%m-%d %H:%M:%S UTC")
        from babel.dates import format_skeleton

        return f"{format_skeleton('yMd', value, locale=self.lang)} {value.strftime('%H:%M:%S')} UTC"

    def decimal(self, value: float, digits: int = 2) -> str:
        """``value`` with ``digits`` decimals, in the language's form (``0.73``; ``0,73`` in Azerbaijani and
        Russian)."""
        if self.lang == SOURCE_LANGUAGE:
            return f"{value:.{digits}f}"
        from babel.numbers import format_decimal

        return format_decimal(value, "0." + "0" * digits if digits else "0", locale=self.lang)

    def integer(self, value: int) -> str:
        """``value`` with the language's thousands separator (``1,234,567``; ``1 234 567`` in Russian)."""
        if self.lang == SOURCE_LANGUAGE:
            return f"{value:,}"
        from babel.numbers import format_decimal

        return format_decimal(value, locale=self.lang)

    def percent(self, value: float) -> str:
        """``value`` (0.95) as a whole percentage in the language's form (``95%``; ``95 %`` in Russian)."""
        if self.lang == SOURCE_LANGUAGE:
            return f"{value:.0%}"
        from babel.numbers import format_percent

        return format_percent(value, locale=self.lang)


def upper(text: str, lang: str) -> str:
    """``text`` in capitals as ``lang`` writes them: Azerbaijani (as Turkish) capitalises ``i`` as ``İ`` and ``ı`` as
    ``I`` (``həqiqi`` -> ``HƏQİQİ``), which :meth:`str.upper` does not."""
    if lang == "az":
        text = text.replace("i", "\u0130")
    return text.upper()


def translator(lang: str | None = None) -> Translator:
    """A :class:`Translator` for ``lang`` (a language docexam does not speak is English), or for the current
    language."""
    return Translator(lang)
