"""The workstation's language (issue 23): its menus, panels and dialogs in English, Azerbaijani (Latin script) and
Russian through Qt's own translation system.

Source strings are English, marked with ``self.tr()`` in widgets, ``QCoreApplication.translate(context, ...)`` or
:func:`tr` elsewhere, and ``QT_TRANSLATE_NOOP(context, ...)`` for a word defined once in a table (a comparison mode's
label) and translated where it is shown. Plurals use Qt's ``%n`` (``self.tr("%n finding(s)", "", n)``), which each
catalogue gives in the forms its language has (Russian three).

The catalogues ``docexam/gui/translations/docexam_<lang>.ts`` are in the repository; ``tools/gui_i18n.py update`` extracts the
marked strings into them (pyside6-lupdate) and ``tools/gui_i18n.py compile`` (``make locale``, which ``make run``,
``make test`` and ``make dist`` run first) compiles them to ``.qm`` beside them (pyside6-lrelease; not committed); the
checkpoint build ships the ``.qm`` files. A ``.qm`` missing or older than its ``.ts`` (a fresh checkout, a catalogue
just edited) is compiled at start-up into the user cache when PySide6's lrelease is at hand; else the ``.ts`` is read
as it is (:class:`TsTranslator`), so a source tree is never shown in English for want of a build step.

The language: the command line's ``--lang`` (:func:`docexam.i18n.set_language`), else the workstation's own setting
(View > Language, kept with QSettings as ``ui/language``), else ``$DOCEXAM_LANG``, else the system locale, else
English: the Qt-free layers' rule (:func:`docexam.i18n.language`) with the window's setting in between. A language
chosen in the menu applies from the next start of the window; nothing is reinstalled.

Qt's own words (the standard buttons of dialogs and message boxes: OK, Cancel, Yes, No...) come from Qt's catalogue
``qtbase_<lang>.qm`` in PySide6's translations folder where Qt ships one (Russian); Qt ships none for Azerbaijani, so
docexam's catalogues carry them (:data:`QT_STANDARD_WORDS`, in Qt's own contexts), and are searched first.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from docexam import i18n

__all__ = ["CATALOGUE_DIR", "LIGHT_LABELS", "QT_STANDARD_WORDS", "SETTING", "TsTranslator", "catalogue_files", "install", "language", "light_code_or_word", "light_label", "light_phrase",
           "light_word", "locale_for",
           "qt_catalogue", "qt_language", "set_setting", "tr", "when_text", "word"]

#: Qt's words for the standard buttons, in the contexts Qt translates them in (QPlatformTheme's defaults, the GNOME
#: theme's mnemonics, a message box's details button): marked so that docexam's catalogues carry them for a language
#: Qt has no catalogue of its own for (Azerbaijani). Never shown from here: Qt asks for them itself.
QT_STANDARD_WORDS = (
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"), QT_TRANSLATE_NOOP("QPlatformTheme", "Save"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Save All"), QT_TRANSLATE_NOOP("QPlatformTheme", "Open"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&Yes"), QT_TRANSLATE_NOOP("QPlatformTheme", "Yes to &All"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&No"), QT_TRANSLATE_NOOP("QPlatformTheme", "N&o to All"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Abort"), QT_TRANSLATE_NOOP("QPlatformTheme", "Retry"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Ignore"), QT_TRANSLATE_NOOP("QPlatformTheme", "Close"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"), QT_TRANSLATE_NOOP("QPlatformTheme", "Discard"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Help"), QT_TRANSLATE_NOOP("QPlatformTheme", "Apply"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Reset"), QT_TRANSLATE_NOOP("QPlatformTheme", "Restore Defaults"),
    QT_TRANSLATE_NOOP("QGnomeTheme", "&OK"), QT_TRANSLATE_NOOP("QGnomeTheme", "&Save"),
    QT_TRANSLATE_NOOP("QGnomeTheme", "&Cancel"), QT_TRANSLATE_NOOP("QGnomeTheme", "&Close"),
    QT_TRANSLATE_NOOP("QGnomeTheme", "Close without Saving"),
    QT_TRANSLATE_NOOP("QMessageBox", "Show Details..."), QT_TRANSLATE_NOOP("QMessageBox", "Hide Details..."),
)

# Where the catalogues are: ``docexam_<lang>.ts`` (kept) and ``docexam_<lang>.qm`` (built).
CATALOGUE_DIR = Path(__file__).resolve().parent / "translations"
# The workstation's language setting in QSettings ("" or missing: the environment decides).
SETTING = "ui/language"

_installed: list[QTranslator] = []
_language: list[str] = [i18n.SOURCE_LANGUAGE]


def tr(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` of ``context`` in the workstation's language (``QCoreApplication.translate``)."""
    return QCoreApplication.translate(context, text, disambiguation, n)


def catalogue_files(lang: str) -> tuple[Path, Path]:
    """The ``.ts`` and ``.qm`` files of ``lang``'s catalogue (either may be missing)."""
    return CATALOGUE_DIR / f"docexam_{lang}.ts", CATALOGUE_DIR / f"docexam_{lang}.qm"


def qt_language(settings: QSettings | None = None) -> str:
    """The workstation's language: ``--lang``, else the window's setting, else ``$DOCEXAM_LANG`` and the locale."""
    chosen = i18n.chosen_language()
    if chosen is not None:
        return chosen
    if settings is not None:
        stored = i18n.normalize(str(settings.value(SETTING) or ""))
        if stored is not None:
            return stored
    return i18n.language()


def set_setting(settings: QSettings, lang: str | None) -> None:
    """Keep ``lang`` as the workstation's language from its next start (None: the environment decides again)."""
    if lang is not None and i18n.normalize(lang) is None:
        raise ValueError(f"docexam does not speak {lang!r}; choose one of {', '.join(i18n.LANGUAGES)}")
    settings.setValue(SETTING, i18n.normalize(lang) or "")


def locale_for(lang: str) -> QLocale:
    """The QLocale whose dates and numbers ``lang`` uses (Azerbaijani in Latin script; English: the C locale)."""
    if lang == "az":
        return QLocale(QLocale.Language.Azerbaijani, QLocale.Script.LatinScript, QLocale.Country.Azerbaijan)
    if lang == "ru":
        return QLocale(QLocale.Language.Russian, QLocale.Country.Russia)
    return QLocale.c()  # English: the figures docexam has always shown (1200 dpi, 0.73), as docexam.i18n keeps them


class TsTranslator(QTranslator):
    """A catalogue read straight from its ``.ts`` (a source tree without a compiled ``.qm``): finished entries only,
    plural forms by the language's rule."""

    def __init__(self, ts: Path, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self.messages: dict[tuple[str, str, str], list[str]] = {}
        for context in ET.parse(ts).getroot().iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                translation = message.find("translation")
                if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
                    continue
                forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
                self.messages[(name, message.findtext("source") or "", message.findtext("comment") or "")] = forms

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return not self.messages

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        forms = self.messages.get((context, source, disambiguation or ""))
        if not forms:
            return ""
        # %n is QCoreApplication.translate's to fill, as for a compiled catalogue.
        return forms[min(_plural_index(self.lang, n), len(forms) - 1)] if n >= 0 else forms[0]


def _plural_index(lang: str, n: int) -> int:
    """Which plural form ``n`` takes, in Qt's order for ``lang`` (Russian: one, few, many; others: one, other)."""
    if lang == "ru":
        if n % 10 == 1 and n % 100 != 11:
            return 0
        return 1 if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else 2
    if lang == "az":
        return 0 if n == 1 else 1
    return 0 if n == 1 else 1


def _lrelease() -> str | None:
    """PySide6's lrelease (the venv's pyside6-lrelease, or the binary inside the PySide6 package)."""
    import PySide6

    inside = Path(PySide6.__file__).resolve().parent / "lrelease"
    return str(inside) if inside.is_file() else shutil.which("pyside6-lrelease")


def _compiled(ts: Path, lang: str) -> Path | None:
    """``ts`` compiled into the user cache (None when lrelease is not at hand or fails)."""
    tool = _lrelease()
    if tool is None:
        return None
    import hashlib

    import platformdirs

    # Named by the catalogue's content: another checkout's (or version's) catalogue compiled later into the same
    # cache is never taken for this one's.
    digest = hashlib.sha256(ts.read_bytes()).hexdigest()[:16]
    out = Path(platformdirs.user_cache_dir("docexam")) / "i18n" / f"docexam_{lang}-{digest}.qm"
    if out.is_file():
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_name(f"{out.stem}.{os.getpid()}.part")  # whole or not at all, when two start at once
    done = subprocess.run([tool, "-silent", str(ts), "-qm", str(part)], capture_output=True, check=False)
    if done.returncode != 0 or not part.is_file():
        part.unlink(missing_ok=True)
        return None
    os.replace(part, out)
    return out


def load(lang: str) -> QTranslator | None:
    """``lang``'s catalogue as a translator: its ``.qm``, else its ``.ts`` compiled (or read) now; None for English
    and a language without a catalogue."""
    if lang == i18n.SOURCE_LANGUAGE or lang not in i18n.LANGUAGES:
        return None
    ts, qm = catalogue_files(lang)
    if not (qm.is_file() and (not ts.is_file() or qm.stat().st_mtime >= ts.stat().st_mtime)):
        qm = _compiled(ts, lang) if ts.is_file() else None  # type: ignore[assignment]
    if qm is not None:
        translator = QTranslator()
        if translator.load(str(qm)):
            return translator
    return TsTranslator(ts, lang) if ts.is_file() else None


def qt_catalogue(lang: str) -> QTranslator | None:
    """Qt's own catalogue of ``lang`` (``qtbase_<lang>.qm`` in PySide6's translations folder: its dialogs' standard
    buttons), None for English and where Qt ships none (Azerbaijani: docexam's catalogue carries those words)."""
    if lang == i18n.SOURCE_LANGUAGE:
        return None
    translator = QTranslator()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    return translator if translator.load(f"qtbase_{lang}", folder) else None


def install(app: QCoreApplication, lang: str) -> str:
    """Make ``lang`` the application's language (removing one installed before): Qt's catalogue and docexam's (Qt
    searches the one installed last first, so docexam's words win), its QLocale for dates and numbers, and the layout
    direction; returns the language in force."""
    while _installed:
        app.removeTranslator(_installed.pop())
    lang = i18n.normalize(lang) or i18n.SOURCE_LANGUAGE
    for translator in (qt_catalogue(lang), load(lang)):
        if translator is not None:
            app.installTranslator(translator)
            _installed.append(translator)
    QLocale.setDefault(locale_for(lang))
    _language[0] = lang
    return lang


# The lights' labels on buttons and in menus (:attr:`docexam.lights.Light.label`), translated where shown.
LIGHT_LABELS = (QT_TRANSLATE_NOOP("Light", "Visible"), QT_TRANSLATE_NOOP("Light", "UV 365 nm"),
                QT_TRANSLATE_NOOP("Light", "IR 870 nm"), QT_TRANSLATE_NOOP("Light", "Coaxial"),
                QT_TRANSLATE_NOOP("Light", "Transmitted"), QT_TRANSLATE_NOOP("Light", "Other"))


# The lights' words in a table cell or a sentence (:attr:`docexam.lights.Light.word`).
LIGHT_WORDS = (QT_TRANSLATE_NOOP("Light", "visible"), QT_TRANSLATE_NOOP("Light", "UV"), QT_TRANSLATE_NOOP("Light", "IR"),
               QT_TRANSLATE_NOOP("Light", "coaxial"), QT_TRANSLATE_NOOP("Light", "transmitted"),
               QT_TRANSLATE_NOOP("Light", "other"))


def light_word(light: object) -> str:
    """``light``'s word (``"visible"``, ``"UV"``) in the workstation's language; a name no light has, as it is."""
    from docexam.lights import Light

    named = Light.named(light)
    return QCoreApplication.translate("Light", named.word) if named is not None else str(light)


# The lights in a sentence, after "in" (:attr:`docexam.lights.Light.phrase`).
LIGHT_PHRASES = (QT_TRANSLATE_NOOP("Light", "visible light"), QT_TRANSLATE_NOOP("Light", "coaxial light"),
                 QT_TRANSLATE_NOOP("Light", "transmitted light"), QT_TRANSLATE_NOOP("Light", "other light"))


def light_phrase(light: object) -> str:
    """``light`` in a sentence (``"visible light"``, ``"UV"``) in the workstation's language."""
    from docexam.lights import Light

    named = Light.named(light)
    return QCoreApplication.translate("Light", named.phrase) if named is not None else str(light)


def light_label(light: object) -> str:
    """``light``'s label (``"UV 365 nm"``) in the workstation's language; a name no light has, as it is."""
    from docexam.lights import Light

    named = Light.named(light)
    label = named.label if named is not None else str(light)
    return QCoreApplication.translate("Light", label)


def word(text: str) -> str:
    """A word of the Qt-free layers (a verdict, a case's status: marked ``N_()`` there, translated in docexam's
    gettext catalogues, one home per word) in the workstation's language."""
    return i18n.translator(_language[0]).gettext(text)


def language() -> str:
    """The language :func:`install` put in force (English before it is called)."""
    return _language[0]


def when_text(iso: str, *, seconds: bool = False) -> str:
    """A stored time (ISO 8601, ``2026-12-04T19:07:31``) to the minute (or the second) as the language writes it: ISO
    in English (as the workstation always showed it), the locale's short date and a 24-hour clock otherwise
    (``04.12.2026 19:07``)."""
    iso_text = iso[:19 if seconds else 16].replace("T", " ")
    if _language[0] == i18n.SOURCE_LANGUAGE:
        return iso_text
    from PySide6.QtCore import QDateTime, Qt

    moment = QDateTime.fromString(iso[:19], Qt.DateFormat.ISODate)
    if not moment.isValid():
        return iso_text
    clock = moment.time().toString("HH:mm:ss" if seconds else "HH:mm")
    # The locale's numeric date with the year in full (a record's date is never ambiguous: 04.12.2026, not 04.12.26).
    locale = QLocale()
    pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in pattern:
        pattern = pattern.replace("yy", "yyyy")
    return f"{locale.toString(moment.date(), pattern)} {clock}"


def light_code_or_word(light: str) -> str:
    """A light in a list that has always shown its code (``uv``) in English: the code in English, its word
    (:func:`light_word`) in another language."""
    return light if _language[0] == i18n.SOURCE_LANGUAGE else light_word(light)
