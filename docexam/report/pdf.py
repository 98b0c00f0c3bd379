"""The PDF report of one examination case, from the case store (fpdf2, no Qt): what the examiner hands over.

In order: the case (reference, title, examiner, dates, status) and its verdict; the questioned document's details;
the MRZ as read, with every check digit and the warnings; the MRZ against the VIZ values the examiner confirmed;
the comparison with the reference specimen, with the checks it ran in each light and their outcome, and, per
light, the capture it was made on with each finding outlined where it lies, and the table of those findings; each
alarm beside the reference specimen's region (the capture brought into the reference frame); the examiner's notes; the SHA-256 of every capture, checked against the stored bytes; the audit trail. Every page's
footer names the case, the page, when the report was made and the head hash of the case's audit trail, which ties
the report to the state of the case it shows.

A comparison's findings are boxes in reference-specimen pixels (:mod:`docexam.compare.result`); the homography a
comparison stores for each light maps capture pixels to those, so a box is brought onto the capture through its
inverse, as a quadrilateral (the capture may be turned or in perspective). The marks are drawn over the image, never
burned into it, and the images are downscaled copies (JPEG, about :data:`IMAGE_DPI` dpi on the page): the stored
files, named by their SHA-256, remain the evidence.

The report is made whole in memory and only then written, through a temporary file in the target's folder renamed
over it: a failure at any point leaves an existing file as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from fpdf import FPDF
from fpdf.fonts import FontFace
from PIL import Image

from docexam import __version__
from docexam.checkrun import REGISTRATION_LABEL, Outcome
from docexam.compare.result import ALARM, ALARM_COLOUR, FINDING_WORDS, NOTE_COLOUR, OBSERVATION_WORDS, Finding, finding_quad
from docexam.errors import DocexamError
from docexam.i18n import N_, SOURCE_LANGUAGE, Translator, _, upper
from docexam.lights import Light
from docexam.mrz.codes import state_name
from docexam.mrz.explain import CHECK_NAMES, FORMAT_NAMES
from docexam.mrz.issues import worded
from docexam.paths import font_file
from docexam.report.text import TextDrawing
from docexam.verdicts import Verdict

if TYPE_CHECKING:
    from docexam.compare.reference import Reference
    from docexam.store import Store
    from docexam.store.records import AlignmentRecord, CaptureRecord, CaseRecord, ComparisonRecord, FindingRecord, ReferenceId
    from docexam.store.review import Review

#: The folder of the DejaVu fonts used for Unicode text (fpdf2's core fonts are Latin-1 only): the package's copies
#: of Debian's fonts-dejavu-core (docexam/fonts/, found by docexam.paths.font_file).
DEJAVU_DIR = Path(font_file("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")).parent
_DEJAVU_FILES = {
    ("DejaVu", ""): "DejaVuSans.ttf",
    ("DejaVu", "B"): "DejaVuSans-Bold.ttf",
    ("DejaVu", "I"): "DejaVuSans-Oblique.ttf",
    ("DejaVuMono", ""): "DejaVuSansMono.ttf",
    ("DejaVuMono", "B"): "DejaVuSansMono-Bold.ttf",
}

#: Resolution of the embedded images at their size on the page, and their JPEG quality: enough to see a finding,
#: small enough that a report of several lights stays a few MB.
IMAGE_DPI = 150
JPEG_QUALITY = 85

#: Recognition confidences below which an MRZ character is underlined: red under the reader's own trust threshold
#: (docexam.read.reader.MIN_CHAR_CONFIDENCE), amber where the recogniser was not sure.
MRZ_LOW = 0.45
MRZ_UNSURE = 0.9

_MARGIN = 15.0  # mm
_WIDTH = 210.0 - 2 * _MARGIN  # A4 content width, mm
_IMAGE_MAX_H = 150.0  # mm
_EVIDENCE_MAX_H = 30.0  # mm: a finding's row of evidence crops, so that 20 findings take about three pages
_INK = (25, 35, 50)
_GREY = (110, 115, 125)
_RULE = (190, 195, 205)
_HEAD_FILL = (228, 232, 238)
_AMBER_TEXT = (170, 110, 0)
_RED_TEXT = (190, 20, 20)

#: Verdict box colours (fill, text): the wording of the verdict decides, as in examination reports.
_VERDICT_COLOURS = {Verdict.GENUINE: ((222, 242, 226), (20, 100, 40)), Verdict.INCONCLUSIVE: ((252, 240, 210), (140, 90, 0))}
_VERDICT_BAD = ((250, 224, 224), (160, 20, 20))
_NO_VERDICT = ((236, 236, 236), (90, 90, 90))

#: The finding kind of the VIZ values an examiner confirmed against the MRZ (the workstation's MRZ panel records it).
VIZ_CONFIRMED = "viz_confirmed"

#: Words the report shows for what the case store keeps as codes or English words, marked here for the catalogues:
#: a case's status (docexam.store.schema.CaseStatus), an MRZ field against the VIZ (docexam.workbench.mrz_view.Match,
#: the labels of docexam.mrz.viz.VIZField) and what the stored bytes of a capture are now.
SHOWN_WORDS = (N_("open"), N_("concluded"), N_("reopened"), N_("closed"),
               N_("match"), N_("differs"), N_("not entered"),
               N_("Surname"), N_("Given names"),
               N_("ALTERED"), N_("MISSING"))


class ReportWriteError(DocexamError, OSError):
    """The report cannot be written where it was asked for; an existing file there is left as it was."""

    def __init__(self, path: str | os.PathLike, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(_("cannot write the report to {path}: {reason}; choose a file in a folder you can write to "
                           "(--out FILE.pdf)").format(path=path, reason=reason))


@dataclass(frozen=True)
class ReportInfo:
    """A report written: where, how many pages, the SHA-256 and size of the PDF file."""

    path: Path
    pages: int
    sha256: str
    size: int
    #: Where the content ends on the last page (mm from the top): room there for the signature's box (report.pdfsign).
    end_mm: float | None = None


def write_report(store: Store, ident: int | str, out: str | os.PathLike, *, generated_at: dt.datetime | None = None,
                 font_dir: str | os.PathLike | None = DEJAVU_DIR,
                 reference_cache: str | os.PathLike | None = None, language: str | None = None,
                 bilingual: bool = False) -> ReportInfo:
    """Write the PDF report of case ``ident`` (id, reference or uid) in ``store`` to ``out``.

    Parameters
    ----------
    store : docexam.store.Store
    ident : int or str
    out : path
        The PDF file; made whole in memory, then written through a temporary file in the same folder (made if
        missing) renamed over it, so an existing file is replaced only by a whole report.
    generated_at : datetime, optional
        The time the report states it was made (default: now; a naive time is taken as UTC). The same case and
        time give the same PDF, byte for byte.
    font_dir : path, optional
        Folder of the DejaVu fonts, for Unicode text; without them (or with None) fpdf2's core fonts are used and
        text they cannot show is written in the nearest Latin-1.
    reference_cache : path, optional
        Where the workstation keeps its rendered reference specimens (:func:`docexam.workbench.tasks.reference_folder`,
        default the user's cache folder): each alarm is shown beside the reference specimen the comparison was made
        with, found there by family (or in the folder an older comparison named) and checked by its SHA-256.
    language : str, optional
        The report's language (``en``, ``az``, ``ru``: :data:`docexam.i18n.LANGUAGES`); default the current language
        (:func:`docexam.i18n.language`). Its fixed words, the verdict, the checks' and the MRZ's words are
        translated, dates and numbers written in its form; what the case holds (titles, notes, finding details) is
        shown as entered.
    bilingual : bool
        Each fixed word also in English beside the national language's (``Ekspert / Examiner``; a sentence under
        its translation), for a report handed across a border. Nothing changes for an English report.

    Raises
    ------
    docexam.store.CaseNotFoundError
        No such case (nothing is written).
    ReportWriteError
        ``out`` cannot be written (an existing file is left as it was).
    """
    out = Path(out)
    record = store.show(ident)  # an unknown case fails here, before anything is made or written
    when = generated_at or dt.datetime.now(dt.UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    _check_target(out)  # the plain mistakes said plainly, before the work
    cache = Path(reference_cache) if reference_cache is not None else None
    words = Translator(language)
    pdf = _Report(record, store, when.astimezone(dt.UTC), font_dir=Path(font_dir) if font_dir else None,
                  reference_cache=cache, words=words, bilingual=bilingual)
    body = bytes(pdf.render())
    if pdf.undrawn or pdf.rtl_unshaped:  # known once drawn; the first page says so: made again, with the notice
        first, pdf = pdf, _Report(record, store, when.astimezone(dt.UTC), font_dir=Path(font_dir) if font_dir else None,
                                  reference_cache=cache, words=words, bilingual=bilingual)
        pdf.carry_notice(first)
        body = bytes(pdf.render())
    _write_atomically(body, out)
    return ReportInfo(out, pdf.pages_count, hashlib.sha256(body).hexdigest(), len(body), pdf.end_mm)


def _check_target(out: Path) -> None:
    if out.is_dir():
        raise ReportWriteError(out, _("it is a folder"))
    for folder in (out.parent, *out.parent.parents):
        if folder.exists():
            if not folder.is_dir():
                raise ReportWriteError(out, _("{folder} is a file, not a folder").format(folder=folder))
            break


def _write_atomically(body: bytes, out: Path) -> None:
    tmp = None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
        with os.fdopen(fd, "wb") as f:
            f.write(body)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, out)
        tmp = None
    except OSError as e:
        raise ReportWriteError(out, e.strerror or str(e)) from e
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


# --------------------------------------------------------------------------------------------------------------
# What the report shows, gathered from the case


@dataclass
class _Numbered:
    number: int
    row: FindingRecord


@dataclass
class _LightSection:
    light: str
    capture: CaptureRecord | None  # the capture the findings are marked on (else the newest of the light)
    newer: CaptureRecord | None  # a capture of this light added after the one shown
    alignment: AlignmentRecord | None
    findings: list[_Numbered] = field(default_factory=list)


def _when(text: str | None, words: Translator | None = None) -> str:
    """An ISO time as a reader wants it: to the minute, in UTC when the time has a zone (a capture's time may not),
    in the form of ``words``' language (ISO 8601 in English)."""
    if not text:
        return "-"
    try:
        t = dt.datetime.fromisoformat(str(text))
    except ValueError:
        return str(text)
    words = words or Translator(SOURCE_LANGUAGE)
    if t.tzinfo is None:
        return words.datetime(t)
    return words.datetime(t.astimezone(dt.UTC), utc=True)


def _format_name(value: Any) -> str | None:
    """An MRZ format as the report names it ("TD3 passport (2 x 44)"), from its code in any case."""
    if not value:
        return None
    return next((name for fmt, name in FORMAT_NAMES.items() if fmt.value.lower() == str(value).lower()), str(value))


def _light_order(light: str | None) -> tuple[int, str]:
    order = list(Light)
    return (order.index(light) if light in order else len(order), light or "")


def _light_heading(light: str) -> str:
    known = Light.named(light)
    return known.heading if known else light


def _page_jpeg(image: np.ndarray, w_mm: float, h_mm: float) -> bytes:
    """The image as JPEG at :data:`IMAGE_DPI` for its size on the page (never enlarged); grey when it is grey."""
    pil = Image.fromarray(image)
    target = (max(1, round(w_mm / 25.4 * IMAGE_DPI)), max(1, round(h_mm / 25.4 * IMAGE_DPI)))
    if pil.width > target[0]:
        pil = pil.resize(target, Image.Resampling.LANCZOS, reducing_gap=3.0)
    if pil.mode == "RGB":
        a = np.asarray(pil)
        if np.array_equal(a[..., 0], a[..., 1]) and np.array_equal(a[..., 1], a[..., 2]):
            pil = pil.convert("L")
    buf = io.BytesIO()
    pil.save(buf, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return buf.getvalue()


def _padded(box: Sequence[float], width: int, height: int) -> tuple[int, int, int, int]:
    """``(x0, y0, x1, y1)``: a finding's box ``(x, y, w, h)`` with a margin of a quarter of its size (at least 20
    pixels) around it, inside an image of ``width`` x ``height``."""
    x, y, w, h = (float(v) for v in box)
    mx, my = max(20.0, w / 4), max(20.0, h / 4)
    x0, y0 = max(0, int(x - mx)), max(0, int(y - my))
    x1, y1 = min(width, int(round(x + w + mx))), min(height, int(round(y + h + my)))
    return x0, y0, max(x1, x0 + 1), max(y1, y0 + 1)


def _find_reference(rid: ReferenceId, *, cache: Path | None, store: Store | None = None,
                    words: Translator | None = None) -> tuple[Reference | None, str]:
    """The reference specimen a comparison was made with, or None and why it cannot be had.

    As the workstation finds it: a reference of the library (issue 19) from the case's own database, with the
    annotation version the comparison used; else the rendered specimen of its family
    (:func:`docexam.workbench.tasks.reference_folder`), or the folder an older comparison named. When the
    comparison stored the reference's SHA-256, the specimen found must have it, or it is not the one compared with.
    """
    from docexam.compare.reference import load_reference, reference_id

    words = words or Translator(SOURCE_LANGUAGE)
    try:
        if rid.library and store is not None:
            from docexam.references.convert import library_reference
            from docexam.store.library import ReferenceLibrary

            reference = library_reference(ReferenceLibrary(store), rid.library, version=rid.version)
        elif rid.source and Path(rid.source).is_dir():
            reference = load_reference(rid.source)
        elif rid.family:
            from docexam.workbench.tasks import reference_folder

            reference = load_reference(reference_folder(rid.design or rid.family, cache=cache))
        elif rid.source:
            return None, words.gettext("the reference folder {folder} the comparison was made with is not on this "
                                       "computer").format(folder=rid.source)
        else:
            return None, words.gettext("the comparison does not say which reference specimen it was made with")
    except (DocexamError, ValueError, OSError) as e:
        return None, words.gettext("the reference specimen {label} could not be loaded ({error})").format(
            label=rid.label, error=e)
    if rid.sha256 and reference_id(reference).sha256 != rid.sha256:
        return None, words.gettext("the reference specimen found for {name} is not the one the comparison was made "
                                   "with (its SHA-256 differs from {sha}...)").format(
            name=rid.design or rid.family or rid.source, sha=rid.sha256[:12])
    return reference, ""


# --------------------------------------------------------------------------------------------------------------
# The document


class _Report(TextDrawing, FPDF):
    def __init__(self, data: CaseRecord, store: Store, generated_at: dt.datetime, *, font_dir: Path | None,
                 reference_cache: Path | None = None, words: Translator | None = None, bilingual: bool = False) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.words = words or Translator(SOURCE_LANGUAGE)
        # English beside the national language; an English report is English alone
        self.bilingual = bilingual and self.words.lang != SOURCE_LANGUAGE
        self.reference_cache = reference_cache
        self._images: dict[str, np.ndarray] = {}
        self.data = data
        self.store = store
        self.case = data.case
        self.generated_at = generated_at
        self.captures = data.captures
        self._blob_checks: dict[str, str] = {}
        self.set_margins(_MARGIN, _MARGIN, _MARGIN)
        self.set_auto_page_break(True, margin=22)
        self.unicode = font_dir is not None and all((font_dir / f).is_file() for f in _DEJAVU_FILES.values())
        if self.unicode:
            for (family, style), name in _DEJAVU_FILES.items():
                self.add_font(family, style, str(font_dir / name))
            self.sans, self.mono = "DejaVu", "DejaVuMono"
        else:
            self.sans, self.mono = "helvetica", "courier"
            # fpdf2's core fonts are Latin-1: Cyrillic and Azerbaijani's ə would stand as code points, so the fixed
            # words are English then (what the case holds is marked where it cannot be drawn, as before)
            self.words, self.bilingual = Translator(SOURCE_LANGUAGE), False
        self.setup_text(unicode=self.unicode)  # shaping, fallback fonts, characters no font has (report.text)
        trail = data.audit
        self.head = trail[-1] if trail else None
        self.set_title(self.tr("Examination report {reference}", reference=self.case.reference, bilingual=False))
        self.set_subject(self.case.title)
        self.set_author(self.case.examiner)
        self.set_creator(f"docexam {__version__}")
        self.set_lang(self.words.lang)
        self.set_creation_date(generated_at)

    # --- words ----------------------------------------------------------------------------------------------------

    def tr(self, message: str, *, bilingual: bool = True, **params: Any) -> str:
        """``message`` in the report's language, its ``{fields}`` filled from ``params``; in a bilingual report
        (``bilingual`` true) the English follows: after a slash for a label, on its own line for a sentence."""
        own = self.words.gettext(message)
        return self._both(own, message, bilingual, params)

    def trn(self, singular: str, plural: str, n: int, *, bilingual: bool = True, **params: Any) -> str:
        """The form of ``singular``/``plural`` for ``n`` (``{n}`` is filled with it), as :meth:`tr`."""
        own = self.words.ngettext(singular, plural, n)
        return self._both(own, singular if n == 1 else plural, bilingual, {"n": self.words.integer(n), **params})

    def _both(self, own: str, english: str, bilingual: bool, params: dict[str, Any]) -> str:
        if params:
            own, english = own.format(**params), english.format(**params)
        if not (bilingual and self.bilingual) or own == english:
            return own
        sentence = len(english) > 48 or ". " in english
        return f"{own}\n{english}" if sentence else f"{own} / {english}"

    def in_each_language(self, say: Callable[[Translator], str]) -> str:
        """A sentence made of parts (``say`` words it with the translator it is given): in the report's language,
        and in English under it in a bilingual report."""
        own = say(self.words)
        if not self.bilingual:
            return own
        english = say(Translator(SOURCE_LANGUAGE))
        return own if english == own else f"{own}\n{english}"

    def issue_text(self, issue: Any) -> str:
        """An MRZ error or warning in the report's language (:func:`docexam.mrz.issues.worded`)."""
        return worded(issue, self.words)

    def num(self, value: float, digits: int = 2) -> str:
        """A score or a residual in the report language's form (``0.73``, ``0,73``)."""
        return self.words.decimal(value, digits)

    def when(self, text: str | None) -> str:
        return _when(text, self.words)

    def light_heading(self, light: str) -> str:
        return self.tr(_light_heading(light))

    def light_word(self, light: str | None) -> str:
        """A light's code in a table cell (``visible``, ``uv``), as English reports show it; translated in others."""
        if not light or self.words.lang == SOURCE_LANGUAGE:
            return light or "-"
        known = Light.named(light)
        return self.tr(known.word, bilingual=False) if known else light

    def kind_word(self, kind: str) -> str:
        """A finding's kind: its code in an English report, as before; its words in another language."""
        if self.words.lang == SOURCE_LANGUAGE:
            return kind
        words = FINDING_WORDS.get(kind)
        return self.tr(words, bilingual=False) if words else kind

    # --- page furniture ---------------------------------------------------------------------------------------

    def footer(self) -> None:
        self.set_y(-17)
        self.set_draw_color(*_RULE)
        self.set_line_width(0.2)
        self.line(_MARGIN, self.get_y(), _MARGIN + _WIDTH, self.get_y())
        self.ln(1)
        self.set_font(self.sans, "", 7)
        self.set_text_color(*_GREY)
        left = self.tr("Case {reference} - report made {when} by docexam {version}", bilingual=False,
                       reference=self.case.reference, when=self.words.datetime_seconds(self.generated_at),
                       version=__version__)
        self.cell(_WIDTH * 0.8, 3.5, left)
        self.cell(_WIDTH * 0.2, 3.5, self.tr("Page {page} of {pages}", bilingual=False, page=self.page_no(),
                                             pages="{nb}"), align="R", new_x="LMARGIN", new_y="NEXT")
        if self.head is not None:
            label = self.tr("Audit trail head (entry {seq}):", bilingual=False, seq=self.head.seq)
            self.cell(self.get_string_width(label) + 3, 3.5, label)
            self.set_font(self.mono, "", 7)
            self.cell(0, 3.5, self.head.hash, new_x="LMARGIN", new_y="NEXT")
        else:
            self.cell(0, 3.5, self.tr("The case has no audit trail.", bilingual=False), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*_INK)

    def heading(self, text: str, *, size: float = 13) -> None:
        if self.get_y() > self.page_break_trigger - 40:  # a heading never ends a page alone
            self.add_page()
        else:
            self.ln(4)
        self.set_font(self.sans, "B", size)
        self.set_text_color(*_INK)
        self.cell(_WIDTH, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(*_RULE)
        self.set_line_width(0.3)
        self.line(_MARGIN, self.get_y() + 0.8, _MARGIN + _WIDTH, self.get_y() + 0.8)
        self.ln(2.5)

    def para(self, text: str, *, size: float = 9, style: str = "", colour=_INK, height: float | None = None) -> None:
        self.set_font(self.sans, style, size)
        self.set_text_color(*colour)
        self.multi_cell(_WIDTH, height or size * 0.48, text, new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*_INK)

    def bullets(self, items: Sequence[str], *, colour=_INK) -> None:
        for item in items:
            self.set_font(self.sans, "", 9)
            self.set_text_color(*colour)
            self.cell(5, 4.4, "-")
            self.multi_cell(_WIDTH - 5, 4.4, item, new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*_INK)

    def key_values(self, rows: Sequence[tuple[str, str]]) -> None:
        self.set_font(self.sans, "", 9)
        self.set_draw_color(*_RULE)
        self.set_fill_color(0)  # fpdf2's default: tables take any other fill colour set for every cell
        with self.table(col_widths=(45, _WIDTH - 45), width=_WIDTH, first_row_as_headings=False, text_align="LEFT",
                        borders_layout="HORIZONTAL_LINES", line_height=4.6, padding=(0.8, 1.5)) as t:
            for k, v in rows:
                r = t.row()
                r.cell(k, style=FontFace(emphasis="BOLD", color=_GREY))
                r.cell(v)

    def grid(self, head: Sequence[str], rows: Sequence[Sequence[Any]], widths: Sequence[float], *,
             size: float = 8) -> None:
        """A table with a heading row repeated on each page; a cell may be text or (text, FontFace)."""
        self.set_font(self.sans, "", size)
        self.set_draw_color(*_RULE)
        self.set_fill_color(0)
        with self.table(col_widths=tuple(widths), width=sum(widths), text_align="LEFT", line_height=size * 0.5,
                        padding=(0.8, 1.0), headings_style=FontFace(emphasis="BOLD", fill_color=_HEAD_FILL),
                        borders_layout="HORIZONTAL_LINES") as t:
            r = t.row()
            for h in head:
                r.cell(h)
            for row in rows:
                r = t.row()
                for c in row:
                    if isinstance(c, tuple):
                        r.cell(c[0], style=c[1])
                    else:
                        r.cell(str(c))

    # --- the report ---------------------------------------------------------------------------------------------

    def render(self) -> bytearray:
        self.alias_nb_pages()
        self.add_page()
        self.title_block()
        self.documents_section()
        self.mrz_section()
        self.viz_table()
        sections = self.comparison_section()
        for s in sections:
            self.light_section(s)
        self.alarms_section(sections)
        self.other_findings_section()
        self.notes_section()
        self.hashes_section()
        self.audit_section()
        self.end_mm = self.get_y()
        return self.output()

    def title_block(self) -> None:
        c = self.case
        self.set_font(self.sans, "", 9)
        self.set_text_color(*_GREY)
        self.cell(_WIDTH, 4.5, self.tr("DOCUMENT EXAMINATION REPORT"), new_x="LMARGIN", new_y="NEXT")
        review = self.data.review
        if not review.issued:  # only an issued case (technically reviewed, docexam.store.review) yields a final report
            self.set_font(self.sans, "B", 11)
            self.set_text_color(*_VERDICT_BAD[1])
            self.cell(_WIDTH, 6, self.tr("DRAFT - NOT ISSUED"), new_x="LMARGIN", new_y="NEXT")
        self.set_font(self.sans, "B", 18)
        self.set_text_color(*_INK)
        self.cell(_WIDTH, 9, c.reference, new_x="LMARGIN", new_y="NEXT")
        self.set_font(self.sans, "", 11)
        self.multi_cell(_WIDTH, 5.5, c.title, new_x="LMARGIN", new_y="NEXT")
        self.ln(3)
        self.drawing_notice(_WIDTH)
        self.verdict_box()
        self.ln(3)
        self.key_values([
            (self.tr("Examiner"), c.examiner),
            (self.tr("Case opened"), self.tr("{when} at {origin}", bilingual=False, when=self.when(c.created_at),
                                             origin=c.origin) if c.origin else self.when(c.created_at)),
            (self.tr("Last changed"), self.when(c.updated_at)),
            (self.tr("Status"), self.tr(c.status, bilingual=False) if c.status else "-"),
            *self.conclusion_rows(review),
            (self.tr("Report made"), self.words.datetime(self.generated_at, utc=True)),
        ])

    def conclusion_rows(self, review: Review) -> list[tuple[str, str]]:
        """The conclusion's scale (fraud type, confidence) and its technical review, as rows of the title block."""
        rows = []
        if review.fraud_type:
            rows.append((self.tr("Fraud type"), self.tr(review.fraud_type, bilingual=False)))
        if review.confidence:
            rows.append((self.tr("Confidence"), self.tr(review.confidence, bilingual=False)))
        if review.issued:
            said = self.tr("issued {when} by {issuer}, reviewed by {reviewer}", bilingual=False,
                           when=self.when(review.issued_at), issuer=review.issued_by, reviewer=review.reviewed_by)
        else:
            said = self.tr("not issued ({state})", bilingual=False, state=self.tr(review.state.value, bilingual=False))
        rows.append((self.tr("Technical review"), said))
        return rows

    def verdict_box(self) -> None:
        verdict = self.case.verdict
        if verdict:
            fill, ink = _VERDICT_COLOURS.get(verdict, _VERDICT_BAD)
            own = upper(self.tr(verdict, bilingual=False), self.words.lang)
            text = own if not self.bilingual or own == verdict.upper() else f"{own} / {verdict.upper()}"
        else:
            fill, ink = _NO_VERDICT
            text = self.tr("NO VERDICT YET")
        self.set_fill_color(*fill)
        self.set_text_color(*ink)
        margin, self.c_margin = self.c_margin, 4
        self.set_font(self.sans, "B", 8)
        self.cell(_WIDTH, 6, self.tr("VERDICT"), fill=True, new_x="LMARGIN", new_y="NEXT")
        self.set_font(self.sans, "B", 20 if "\n" not in text else 14)
        self.multi_cell(_WIDTH, 11 if "\n" not in text else 7, text, fill=True, new_x="LMARGIN", new_y="NEXT")
        self.c_margin = margin
        note = self.case.verdict_note
        self.set_font(self.sans, "", 9.5)
        self.set_text_color(*_INK)
        if note:
            self.multi_cell(_WIDTH, 5, self.tr("Reasons: {note}", bilingual=False, note=note), fill=True,
                            padding=(0.5, 4, 2.5, 4),
                            new_x="LMARGIN", new_y="NEXT")
        else:
            self.cell(_WIDTH, 3, "", fill=True, new_x="LMARGIN", new_y="NEXT")

    def documents_section(self) -> None:
        docs = self.data.documents
        self.heading(self.trn("Questioned document", "Questioned documents", max(len(docs), 1)))
        if not docs:
            self.para(self.tr("No document is recorded in this case yet."))
            return
        unrecorded = self.tr("not recorded", bilingual=False)
        for i, d in enumerate(docs, start=1):
            if len(docs) > 1:
                self.para(self.tr("Document {number}", number=i), style="B")
            family_text = _format_name(d.family)
            state = d.issuing_state
            state_text = f"{state} ({state_name(state) or self.tr('unknown code', bilingual=False)})" if state else None
            caps = self.data.captures_of(d)
            self.key_values([
                (self.tr("Document"), self.tr(family_text, bilingual=False) if family_text else unrecorded),
                (self.tr("Issuing state"), state_text or unrecorded),
                (self.tr("Document number"), d.number or unrecorded),
                (self.tr("Holder"), d.holder or unrecorded),
                (self.tr("Date of birth"), d.birth_date or unrecorded),
                (self.tr("Date of expiry"), d.expiry_date or unrecorded),
                (self.tr("Captures"), ", ".join(f"{self.light_word(c.light)} ({c.source_name})" for c in caps)
                 or self.tr("none", bilingual=False)),
            ])

    def mrz_section(self) -> None:
        self.heading(self.tr("Machine readable zone"))
        f = self.data.latest_reading()
        if f is None:
            self.para(self.tr("No MRZ reading is recorded in this case."))
            return
        n_readings = len(self.data.readings)
        r = f.reading
        cap = self.data.capture(f.capture_id)
        lines = list(r.lines)
        name = cap.source_name if cap is not None else ""

        def read_from(words: Translator) -> str:
            light = self.light_word(f.light) if words is self.words else f.light
            if f.light:
                source = (words.gettext("the {light} capture {name}").format(light=light, name=name)
                          if name else words.gettext("the {light} capture").format(light=light))
            else:
                source = words.gettext("a capture {name}").format(name=name) if name else words.gettext("a capture")
            parts = [words.gettext("Read from {source} on {when}").format(source=source, when=self.when(f.created_at))]
            if r.engine:
                parts.append(words.gettext("by the {engine} engine").format(engine=r.engine))
            if r.confidence is not None:
                parts.append(words.gettext("with a confidence of {confidence}").format(
                    confidence=self.words.percent(r.confidence)))
            said = " ".join(parts) + "."
            if n_readings > 1:
                said += " " + words.ngettext("{n} earlier reading(s) are in the case; the newest is shown.",
                                             "{n} earlier reading(s) are in the case; the newest is shown.",
                                             n_readings - 1).format(n=n_readings - 1)
            return said

        self.para(self.in_each_language(read_from))
        if not lines:
            self.para(self.tr("No MRZ was found on that capture."), style="B", colour=_RED_TEXT)
            self.bullets([self.issue_text(i) for i in (*r.errors, *r.warnings)])
            return
        fmt_text = self.tr(_format_name(r.format) or "unrecognised format", bilingual=False)
        valid = r.valid
        self.ln(1)
        self.set_font(self.sans, "B", 10)
        self.set_text_color(*((20, 100, 40) if valid else _RED_TEXT))
        said = self.tr("VALID", bilingual=False) if valid else self.tr("NOT VALID", bilingual=False)
        self.cell(_WIDTH, 5.5, f"{fmt_text}: {said}", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*_INK)
        self.mrz_lines(lines, r.char_confidence)
        self.check_digit_table(lines)
        problems = [self.issue_text(i) for i in r.errors]
        warnings = [self.issue_text(i) for i in r.warnings]
        if problems:
            self.para(self.tr("Errors"), style="B", colour=_RED_TEXT)
            self.bullets(problems, colour=_RED_TEXT)
        self.ln(1.5)
        self.para(self.tr("Warnings"), style="B")
        self.bullets(warnings or [self.tr("none", bilingual=False)])
        changes = r.corrections or ()
        if changes:
            self.para(self.tr("Characters the check digits corrected"), style="B")
            self.bullets([self.tr("line {line}, position {position}: read {read}, taken as {corrected}", bilingual=False,
                                  line=c.line, position=c.position, read=repr(c.read), corrected=repr(c.corrected))
                          for c in changes])

    def viz_table(self) -> None:
        """The MRZ against the VIZ as the examiner last confirmed it: each field's MRZ value, the VIZ value the
        examiner confirmed, and whether they agree (the MRZ repeats the VIZ's data, Doc 9303 Part 3, 4.1)."""
        confirmed = [f for f in self.data.findings if f.kind == VIZ_CONFIRMED]
        self.ln(1.5)
        self.para(self.tr("MRZ against the VIZ, as the examiner confirmed it"), style="B")
        if not confirmed:
            self.para(self.tr("The examiner has not confirmed the VIZ values against the MRZ."), size=8.5)
            return
        f = confirmed[-1]
        rows_in = f.detail.get("rows") if isinstance(f.detail, dict) else None
        if not isinstance(rows_in, list) or not rows_in:
            self.para(self.tr("Confirmed on {when}, but the values were not recorded.", when=self.when(f.created_at)),
                      size=8.5, colour=_AMBER_TEXT)
            return
        styles = {"match": FontFace(color=(20, 100, 40), emphasis="BOLD"),
                  "differs": FontFace(color=_RED_TEXT, emphasis="BOLD")}
        rows = []
        for row in rows_in:
            if not isinstance(row, dict):
                continue
            state = str(row.get("state") or "-")
            note = str(row.get("note") or "")
            rows.append((self.tr(str(row.get("label") or row.get("field") or "-"), bilingual=False),
                         str(row.get("mrz") or "-"), str(row.get("viz") or "-"),
                         (self.tr(state, bilingual=False), styles.get(state, FontFace(color=_GREY))), note or "-"))
        if len(confirmed) > 1:
            said = self.trn("Confirmed on {when} ({n} earlier confirmation(s) in the case; the newest is shown).",
                            "Confirmed on {when} ({n} earlier confirmation(s) in the case; the newest is shown).",
                            len(confirmed) - 1, when=self.when(f.created_at))
        else:
            said = self.tr("Confirmed on {when}.", when=self.when(f.created_at))
        self.para(said, size=8.5)
        self.grid((self.tr("Field"), self.tr("MRZ value"), self.tr("VIZ value (confirmed)"), self.tr("Match"),
                   self.tr("Note")), rows, (32, 42, 42, 22, 42))

    def mrz_lines(self, lines: list[str], confidences: Sequence[Sequence[float | None]] | None) -> None:
        size = 10.5
        self.set_font(self.mono, "", size)
        step = self.get_string_width("M")
        line_h = 6.0
        x0 = _MARGIN + 4
        box_h = line_h * len(lines) + 4
        if self.get_y() + box_h > self.page_break_trigger:
            self.add_page()
        y0 = self.get_y() + 1
        self.set_fill_color(244, 245, 247)
        self.set_draw_color(*_RULE)
        self.rect(_MARGIN, y0, _WIDTH, box_h, "DF")
        for i, line in enumerate(lines):
            baseline = y0 + 2 + line_h * i + 4.2
            self.set_text_color(*_INK)
            self.text(x0, baseline, line)
            conf = confidences[i] if confidences is not None and i < len(confidences) else None
            if conf is None or len(conf) != len(line):
                continue
            for j, c in enumerate(conf):
                if isinstance(c, (int, float)) and c < MRZ_UNSURE:
                    self.set_fill_color(*(ALARM_COLOUR if c < MRZ_LOW else NOTE_COLOUR))
                    self.rect(x0 + j * step + 0.2, baseline + 0.9, step - 0.4, 0.6, "F")
        self.set_y(y0 + box_h + 1)
        self.set_font(self.sans, "", 7.5)
        self.set_text_color(*_GREY)
        self.multi_cell(_WIDTH, 3.6, self.tr("Characters underlined in amber were read with less than {unsure} "
                                             "confidence, in red with less than {low}.",
                                             unsure=self.words.percent(MRZ_UNSURE), low=self.words.percent(MRZ_LOW)),
                        new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*_INK)
        self.ln(1.5)

    def check_digit_table(self, lines: list[str]) -> None:
        from docexam.mrz import parse

        result = parse(lines)  # check digits and their positions do not depend on the reference day
        if not result.checks:
            self.para(self.tr("The lines are not a known MRZ layout, so no check digit can be verified."))
            return
        ok = FontFace(color=(20, 100, 40), emphasis="BOLD")
        bad = FontFace(color=_RED_TEXT, emphasis="BOLD")
        rows = [(self.tr(CHECK_NAMES.get(c.name, c.name), bilingual=False),
                 self.tr("line {line}, position {position}", bilingual=False, line=c.line + 1, position=c.column + 1),
                 c.found, c.expected if c.expected is not None else self.tr("- (data not MRZ characters)", bilingual=False),
                 (self.tr("ok", bilingual=False), ok) if c.valid else (self.tr("FAIL", bilingual=False), bad))
                for c in result.checks]
        self.grid((self.tr("Check digit"), self.tr("Where"), self.tr("Found (printed)"), self.tr("Expected (computed)"),
                   self.tr("Result")), rows, (45, 45, 30, 40, 20))

    # --- comparison and lights ------------------------------------------------------------------------------------

    def comparison_section(self) -> list[_LightSection]:
        comparison = self.data.latest_comparison()
        n_comparisons = len(self.data.comparisons)
        summary = comparison.comparison if comparison is not None else None
        aligned = summary.aligned if summary is not None else {}
        found = self.data.findings_of(comparison) if comparison is not None else []
        examiner = [f for f in self.data.findings
                    if f.source == "examiner" and f.kind not in ("mrz", "comparison") and f.light]
        lights = sorted({c.light for c in self.captures} | {f.light for f in found + examiner if f.light},
                        key=_light_order)
        sections = []
        number = 0
        for light in lights:
            own = sorted((f for f in found if f.light == light), key=lambda f: -(f.score or 0.0))
            own += [f for f in examiner if f.light == light]
            caps = [c for c in self.captures if c.light == light]
            named = next((self.data.capture(f.capture_id) for f in own
                          if f.source == "automatic" and self.data.capture(f.capture_id) is not None), None)
            shown = named or (caps[-1] if caps else None)
            newer = caps[-1] if caps and shown is not None and caps[-1].id != shown.id else None
            s = _LightSection(light, shown, newer, aligned.get(light))
            for f in own:
                number += 1
                s.findings.append(_Numbered(number, f))
            sections.append(s)

        self.heading(self.tr("Comparison with the reference specimen"))
        if comparison is None:
            self.para(self.tr("No comparison with a reference specimen is recorded in this case. The captures follow, "
                              "light by light."))
            return sections
        alarms = sum(1 for f in found if (f.score or 0.0) >= ALARM)
        ref = summary.reference.label
        params = {"reference": ref, "when": self.when(comparison.created_at), "findings": len(found),
                  "alarms": alarms, "level": self.num(ALARM, 1), "notes": len(found) - alarms}
        if ref:
            said = self.tr("Compared with the reference specimen {reference} on {when}: {findings} finding(s), {alarms} "
                           "of them alarm(s) (score {level} or more) and {notes} note(s).", **params)
        else:
            said = self.tr("Compared with the reference specimen on {when}: {findings} finding(s), {alarms} of them "
                           "alarm(s) (score {level} or more) and {notes} note(s).", **params)
        if n_comparisons > 1:
            said += (" " if "\n" not in said else "\n") + self.tr("The newest of {n} comparisons is shown.",
                                                                    n=n_comparisons)
        self.para(said)
        self.ln(1.5)
        rows = []
        for s in sections:
            a = s.alignment
            auto = [n.row for n in s.findings if n.row.source == "automatic"]
            n_alarm = sum(1 for f in auto if (f.score or 0.0) >= ALARM)
            rows.append((self.tr(_light_heading(s.light), bilingual=False),
                         a.method if a else self.tr("not registered", bilingual=False),
                         f"{self.num(a.residual_px)} px" if a and a.residual_px is not None else "-",
                         str(a.inliers) if a and a.inliers is not None else "-", str(n_alarm), str(len(auto) - n_alarm)))
        self.grid((self.tr("Light"), self.tr("Registration"), self.tr("Residual"), self.tr("Matches"), self.tr("Alarms"),
                   self.tr("Notes")), rows, (30, 50, 25, 25, 25, 25))
        self.checks_table(summary)
        notes = summary.mrz.note_words(self.words.gettext) if summary.mrz is not None else []
        if notes:
            self.ln(1)
            self.para(self.tr("What the comparison could not check"), style="B")
            self.bullets(notes)
        return sections

    def checks_table(self, summary: ComparisonRecord) -> None:
        """Every check the comparison ran, light by light, with its outcome: what a "genuine" conclusion rests on."""
        self.ln(1.5)
        self.para(self.tr("Checks performed"), style="B")
        if summary.checks is None:
            self.para(self.tr("Checks not recorded: this comparison was stored by an earlier version of docexam, which "
                              "did not record which checks ran. A light without findings shows only that nothing was "
                              "found; run the comparison again for the list of checks and their outcome."),
                      size=8.5, colour=_AMBER_TEXT)
            return
        if not summary.checks:
            self.para(self.tr("The comparison recorded no check."), size=8.5, colour=_AMBER_TEXT)
            return
        ok = FontFace(color=(20, 100, 40), emphasis="BOLD")
        bad = FontFace(color=_RED_TEXT, emphasis="BOLD")
        note = FontFace(color=_AMBER_TEXT, emphasis="BOLD")
        rows = []
        styles = {Outcome.REGISTERED: ok, Outcome.PASSED: ok, Outcome.ALARM: bad, Outcome.NOTE: note}
        for c in summary.checks:
            style = styles[c.state]
            label = self.tr(c.label, bilingual=False)
            a = summary.aligned.get(c.light) if c.light else None
            if c.state is Outcome.REGISTERED and a is not None and self.words.lang != SOURCE_LANGUAGE:
                label = self.tr(REGISTRATION_LABEL, bilingual=False, method=a.method,
                                residual=self.num(a.residual_px) if a.residual_px is not None else "-")
            rows.append((self.tr(_light_heading(c.light), bilingual=False) if c.light else self.tr("document", bilingual=False),
                         label, (self.outcome(c), style)))
        self.grid((self.tr("Light"), self.tr("Check"), self.tr("Outcome")), rows, (30, 115, 35))
        self.para(self.tr("\"passed\": the check ran and found nothing at or above the reporting level."), size=7.5,
                  colour=_GREY)

    def outcome(self, c: Any) -> str:
        """A check's outcome (:attr:`docexam.checkrun.CheckRun.outcome`) in the report's language."""
        if c.state is Outcome.REGISTERED:
            return self.tr("registered", bilingual=False)
        if c.state is Outcome.PASSED:
            return self.tr("passed", bilingual=False)
        said = ([self.trn("{n} alarm(s)", "{n} alarm(s)", c.alarms, bilingual=False)] if c.alarms else []) + (
            [self.trn("{n} note(s)", "{n} note(s)", c.notes, bilingual=False)] if c.notes else [])
        return ", ".join(said)

    def light_section(self, s: _LightSection) -> None:
        if s.capture is not None:  # the heading, the caption and the image on one page
            iw, ih = s.capture.width or 1, s.capture.height or 1
            need = 30 + min(_WIDTH * ih / iw, _IMAGE_MAX_H)
            if self.get_y() + need > self.page_break_trigger:
                self.add_page()
        self.heading(self.light_heading(s.light))
        if s.capture is None:
            self.para(self.tr("No capture in this light is in the case."))
        else:
            cap = s.capture
            size = f"{cap.width} x {cap.height} px" + (f", {cap.dpi:.0f} dpi" if cap.dpi else "")
            self.para(self.tr("Capture {name} ({size}), added {when}; SHA-256 {sha}..., in full below.",
                              name=cap.source_name, size=size, when=self.when(cap.created_at), sha=cap.sha256[:16]),
                      size=8.5)
            if s.newer is not None:
                self.para(self.tr("A newer capture in this light ({name}, added {when}) came after the comparison; the "
                                  "findings are marked on the capture they were found on.",
                                  name=s.newer.source_name, when=self.when(s.newer.created_at)),
                          size=8.5, colour=_AMBER_TEXT)
            self.ln(1)
            self.figure(s)
        if s.findings:
            self.ln(1)
            rows = []
            for n in s.findings:
                f = n.row
                score = f.score
                if f.source == "examiner":
                    level = (self.tr("examiner", bilingual=False), FontFace(color=_GREY))
                elif (score or 0.0) >= ALARM:
                    level = (self.tr("ALARM", bilingual=False), FontFace(color=_RED_TEXT, emphasis="BOLD"))
                else:
                    level = (self.tr("note", bilingual=False), FontFace(color=_AMBER_TEXT, emphasis="BOLD"))
                text = f.words(self.words.gettext)
                if f.region_name:
                    text = f"[{f.region_name}] {text}"
                rows.append((str(n.number), self.kind_word(f.kind), self.light_word(f.light),
                             self.num(score) if isinstance(score, (int, float)) else "-", level, text or "-"))
            head = ("#", self.tr("Kind"), self.tr("Light"), self.tr("Score"), self.tr("Level"), self.tr("Detail"))
            self.grid(head, rows, self.fitted((8, 34, 15, 13, 17, 93), head, rows, narrow=(2, 3, 4)))
            self.evidence_rows(s)
        elif s.capture is not None:
            comparison = self.data.latest_comparison()
            summary = comparison.comparison if comparison is not None else None
            ran = [c for c in summary.checks or () if c.light == s.light and c.state is not Outcome.REGISTERED
                   ] if summary is not None else []
            said = self.tr("No finding in this light.")
            if ran:
                said += (" " if "\n" not in said else "\n") + self.trn(
                    "{n} check(s) ran in it and passed (Checks performed, above).",
                    "{n} check(s) ran in it and passed (Checks performed, above).", len(ran))
            self.para(said, size=9)

    def observation(self, code: str) -> str:
        """A finding's ``expected`` or ``seen`` in words (:data:`OBSERVATION_WORDS`), a value after a colon."""
        name, sep, value = code.partition("=")
        words = OBSERVATION_WORDS.get(name)
        said = self.tr(words, bilingual=False) if words else name
        return f"{said}: {value}" if sep else said

    def evidence_rows(self, s: _LightSection) -> None:
        """Each finding of the light that kept its evidence, one compact row: its number, kind, score, what was
        expected and what was seen, beside the reference and the questioned document (registered) cropped to it and
        their difference (the crops the comparison made, as the case keeps them). A finding kept before evidence
        was, or an examiner's, has no row."""
        rows = []
        for n in s.findings:
            detail = n.row.detail if isinstance(n.row.detail, dict) else {}
            if n.row.source != "automatic" or not isinstance(detail.get("evidence"), dict):
                continue
            try:
                rows.append((n, Finding.from_dict(detail)))
            except ValueError:
                continue
        if not rows:
            return
        text_w, gap = 55.0, 2.0
        pane_w = (_WIDTH - text_w - 3 * gap) / 3
        if self.get_y() + 45 > self.page_break_trigger:
            self.add_page()
        self.ln(2)
        self.para(self.tr("Evidence of each finding: the reference specimen and the questioned document (registered "
                          "to it) cropped to the finding with a margin, and their difference (dark where they agree, "
                          "bright where they differ)."), size=8.5)
        self.set_font(self.sans, "B", 7.5)
        self.set_text_color(*_GREY)
        y = self.get_y() + 1
        for i, label in enumerate((self.tr("Reference", bilingual=False), self.tr("Questioned", bilingual=False),
                                   self.tr("Difference", bilingual=False))):
            self.set_xy(_MARGIN + text_w + gap + i * (pane_w + gap), y)
            self.cell(pane_w, 3.5, label, align="C")
        self.set_text_color(*_INK)
        self.set_xy(_MARGIN, y + 4.5)
        for n, f in rows:
            self.evidence_row(n, f, text_w=text_w, pane_w=pane_w, gap=gap)

    def evidence_row(self, n: _Numbered, f: Finding, *, text_w: float, pane_w: float, gap: float) -> None:
        assert f.evidence is not None
        ex, ey, ew, eh = f.evidence.box
        pane_h = min(_EVIDENCE_MAX_H, pane_w * eh / max(ew, 1))
        w = pane_h * ew / max(eh, 1)
        if self.get_y() + max(pane_h, 16.0) + 2 > self.page_break_trigger:
            self.add_page()
        y = self.get_y()
        level = self.tr("ALARM", bilingual=False) if f.alarm else self.tr("note", bilingual=False)
        self.set_xy(_MARGIN, y)
        self.set_font(self.sans, "B", 7.5)
        self.set_text_color(*(_RED_TEXT if f.alarm else _AMBER_TEXT))
        self.multi_cell(text_w, 3.4, f"#{n.number} {self.kind_word(f.kind.value)}, {self.num(f.score)} {level}",
                        new_x="LMARGIN", new_y="NEXT", align="L")
        self.set_text_color(*_INK)
        for label, code in ((self.tr("Expected", bilingual=False), f.expected), (self.tr("Seen", bilingual=False), f.seen)):
            self.set_x(_MARGIN)
            self.set_font(self.sans, "", 7.5)
            self.multi_cell(text_w, 3.4, f"{label}: {self.observation(code)}", new_x="LMARGIN", new_y="NEXT", align="L")
        text_bottom = self.get_y()
        for i, sha in enumerate(f.evidence.images.values()):
            x = _MARGIN + text_w + gap + i * (pane_w + gap) + (pane_w - w) / 2
            try:
                data = self.store.blob(sha)
            except DocexamError:
                data = None
            if data is None:
                self.set_xy(x, y)
                self.set_font(self.sans, "", 7)
                self.set_text_color(*_AMBER_TEXT)
                self.multi_cell(pane_w, 3.2, self.tr("image {sha}... missing from the case", bilingual=False,
                                                     sha=sha[:12]))
                self.set_text_color(*_INK)
                continue
            self.image(io.BytesIO(data), x=x, y=y, w=w, h=pane_h)
            self.set_draw_color(*_RULE)
            self.set_line_width(0.2)
            self.rect(x, y, w, pane_h)
        self.set_xy(_MARGIN, max(text_bottom, y + pane_h) + 2)

    def fitted(self, widths: Sequence[float], head: Sequence[str], rows: Sequence[Sequence[Any]], *,
               narrow: Sequence[int], give: int = -1, size: float = 8) -> tuple[float, ...]:
        """``widths`` with each ``narrow`` column widened to its longest word (headings bold, and cells given with a
        style), column ``give`` making the room: a column sized for English words ("Light", "ALARM") does not cut a
        longer word in two; columns whose words fit keep their width (an English report's, as before)."""
        out = list(widths)
        for i in narrow:
            self.set_font(self.sans, "B", size)
            need = max((self.get_string_width(w) for w in str(head[i]).split()), default=0.0)
            for r in rows:
                styled = isinstance(r[i], tuple)
                self.set_font(self.sans, "B" if styled else "", size)
                text = r[i][0] if styled else r[i]
                need = max([need, *(self.get_string_width(w) for w in str(text).split())])
            out[i] = max(out[i], need + 2.5)
        give = give % len(out)
        out[give] = max(20.0, out[give] - (sum(out) - sum(widths)))
        return tuple(out)

    def figure(self, s: _LightSection) -> None:
        cap = s.capture
        try:
            blob = self.store.blob(cap.sha256)
            from docexam.imageio import load_image_bytes

            self._blob_checks[cap.sha256] = "ok" if hashlib.sha256(blob).hexdigest() == cap.sha256 else "ALTERED"
            image = load_image_bytes(blob, name=cap.source_name or s.light, pages=1)[0].image
            self._images[cap.sha256] = image
        except DocexamError as e:
            self.para(self.tr("IMAGE NOT AVAILABLE: {error}", bilingual=False, error=e), style="B", colour=_RED_TEXT)
            return
        if self._blob_checks[cap.sha256] != "ok":
            self.para(self.tr("THE STORED IMAGE NO LONGER HAS THE SHA-256 RECORDED WHEN IT WAS ATTACHED: what is shown "
                              "here is not the capture as attached. Run `docexam case verify`."),
                      style="B", colour=_RED_TEXT)
            self.ln(1)
        ih, iw = image.shape[:2]
        w = _WIDTH
        h = w * ih / iw
        if h > _IMAGE_MAX_H:
            h = _IMAGE_MAX_H
            w = h * iw / ih
        if self.get_y() + h > self.page_break_trigger:
            self.add_page()
        x = _MARGIN + (_WIDTH - w) / 2
        y = self.get_y()
        self.image(io.BytesIO(_page_jpeg(image, w, h)), x=x, y=y, w=w, h=h)
        scale = w / iw
        homography = s.alignment.homography if s.alignment is not None else None
        marks, unplaced = [], []
        for n in s.findings:
            f = n.row
            if f.source != "automatic" or not f.region or f.capture_id not in (None, cap.id):
                continue  # examiner findings have no known frame; findings of another capture do not belong here
            try:
                if homography is None:
                    raise ValueError("no alignment")
                quad = finding_quad(f.region, homography)
            except ValueError:
                unplaced.append(n.number)
                continue
            alarm = (f.score or 0.0) >= ALARM
            marks.append((n.number, [(x + px * scale, y + py * scale) for px, py in quad], alarm))
        with self.rect_clip(x, y, w, h):
            self.set_line_width(0.5)
            for _number, points, alarm in marks:
                self.set_draw_color(*(ALARM_COLOUR if alarm else NOTE_COLOUR))
                self.polygon(points, style="D")
            self.set_font(self.sans, "B", 7)
            for number, points, alarm in marks:
                label = str(number)
                lw, lh = self.get_string_width(label) + 2, 3.6
                lx = min(max(min(p[0] for p in points), x), x + w - lw)
                ly = min(max(min(p[1] for p in points) - lh, y), y + h - lh)
                self.set_fill_color(*(ALARM_COLOUR if alarm else NOTE_COLOUR))
                self.set_text_color(255, 255, 255)
                self.set_xy(lx, ly)
                self.cell(lw, lh, label, align="C", fill=True)
        self.set_text_color(*_INK)
        self.set_draw_color(*_GREY)
        self.set_line_width(0.2)
        self.rect(x, y, w, h)
        self.set_xy(_MARGIN, y + h + 1.5)
        legend = self.legend(s.alignment, unplaced, plain=homography is None and not marks and not s.findings)
        self.set_font(self.sans, "", 7.5)
        self.set_text_color(*_GREY)
        self.multi_cell(_WIDTH, 3.6, legend, new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*_INK)

    def legend(self, a: AlignmentRecord | None, unplaced: list[int], *, plain: bool) -> str:
        """What the marks on a capture mean, under it (in each language of a bilingual report, one after the
        other)."""
        def legend(words: Translator) -> str:
            downscaled = words.gettext("Image downscaled for the page (about {dpi} dpi).").format(dpi=IMAGE_DPI)
            if plain:
                return downscaled
            if a is not None and a.residual_px is not None:
                legend = words.gettext(
                    "Each finding is outlined where it lies, numbered as in the table: red for alarms (score {level} or "
                    "more), amber for notes. The boxes are in the reference specimen's frame, brought onto this capture "
                    "through the inverse of the registration ({method}, residual {residual} px).").format(
                    level=self.num(ALARM, 1), method=a.method, residual=self.num(a.residual_px))
            else:
                legend = words.gettext(
                    "Each finding is outlined where it lies, numbered as in the table: red for alarms (score {level} or "
                    "more), amber for notes. The boxes are in the reference specimen's frame, brought onto this capture "
                    "through the inverse of the registration.").format(level=self.num(ALARM, 1))
            legend += " " + downscaled
            if unplaced:
                legend += " " + words.gettext("Not marked: finding(s) {numbers}, as the comparison recorded no usable "
                                              "registration for this light.").format(numbers=", ".join(map(str, unplaced)))
            return legend

        return self.in_each_language(legend)

    def alarms_section(self, sections: list[_LightSection]) -> None:
        """Each alarm as a pair: the reference specimen's region beside the questioned capture's, brought into the
        reference frame through the registration the comparison stored, the finding's box outlined on both."""
        comparison = self.data.latest_comparison()
        summary = comparison.comparison if comparison is not None else None
        alarms = [(s, n) for s in sections for n in s.findings
                  if n.row.source == "automatic" and (n.row.score or 0.0) >= ALARM and n.row.box]
        if summary is None or not alarms:
            return
        self.add_page()
        self.heading(self.tr("Alarms beside the reference specimen"))
        reference, why = _find_reference(summary.reference, cache=self.reference_cache, store=self.store,
                                         words=self.words)
        if reference is None:
            self.para(self.tr("THE REFERENCE SPECIMEN CANNOT BE SHOWN: {why}. Each alarm is outlined on its capture "
                              "above; the reference images are not in this report.", bilingual=False, why=why),
                      style="B", colour=_AMBER_TEXT)
            return
        self.para(self.tr("Each alarm, numbered as above: on the left the reference specimen {reference}, on the right "
                          "the questioned capture brought into the reference's frame through the registration the "
                          "comparison stored, the finding's box outlined on both, with a margin around it. Both "
                          "downscaled for the page.", reference=summary.reference.label), size=8.5)
        for s, n in alarms:
            self.alarm_pair(s, n, reference)

    def alarm_pair(self, s: _LightSection, n: _Numbered, reference: Reference) -> None:
        f = n.row
        box = f.box or [0.0, 0.0, 0.0, 0.0]
        cap = self.data.capture(f.capture_id) or s.capture
        ref_image = reference.images.get(s.light)
        problem = None
        image = self._images.get(cap.sha256) if cap is not None else None
        homography = s.alignment.homography if s.alignment is not None else None
        if ref_image is None:
            problem = self.tr("the reference specimen has no {light} image", bilingual=False,
                              light=self.light_word(s.light))
        elif image is None:
            problem = self.tr("the capture's image is not available", bilingual=False)
        elif homography is None:
            problem = self.tr("the comparison recorded no registration for this light", bilingual=False)
        self.ln(2)
        text = self.tr("#{number} {kind}, {light}, score {score}: {detail}", bilingual=False, number=n.number,
                       kind=self.kind_word(f.kind), light=self.tr(_light_heading(s.light), bilingual=False),
                       score=self.num(f.score or 0.0), detail=f.words(self.words.gettext) or "-")
        pane_w = (_WIDTH - 6) / 2
        rh, rw = ref_image.shape[:2] if ref_image is not None else (1, 1)
        x0, y0, x1, y1 = _padded(box, rw, rh)
        pane_h = min(pane_w * (y1 - y0) / max(x1 - x0, 1), 70.0) if problem is None else 0.0
        if self.get_y() + pane_h + 20 > self.page_break_trigger:
            self.add_page()
        self.para(text, size=8.5, style="B")
        if problem is not None or ref_image is None or image is None or homography is None:
            self.para(self.tr("Not shown side by side: {problem}.", bilingual=False, problem=problem), size=8.5,
                      colour=_AMBER_TEXT)
            return
        import cv2

        shift = np.array([[1.0, 0.0, -x0], [0.0, 1.0, -y0], [0.0, 0.0, 1.0]])
        size = (x1 - x0, y1 - y0)
        questioned = cv2.warpPerspective(image if image.ndim == 3 else cv2.cvtColor(image, cv2.COLOR_GRAY2RGB),
                                         shift @ np.asarray(homography, dtype=float), size, flags=cv2.INTER_AREA,
                                         borderMode=cv2.BORDER_CONSTANT, borderValue=(255, 255, 255))
        ref_crop = ref_image[y0:y1, x0:x1]
        w = min(pane_w, pane_h * size[0] / size[1])
        y = self.get_y() + 4.5
        self.set_font(self.sans, "", 7.5)
        self.set_text_color(*_GREY)
        labels = (self.tr("Reference specimen ({light})", bilingual=False, light=self.light_word(s.light)),
                  self.tr("Questioned: {name}, registered", bilingual=False,
                          name=cap.source_name if cap else self.light_word(s.light)))
        for i, (label, crop) in enumerate(zip(labels, (ref_crop, questioned))):
            x = _MARGIN + i * (pane_w + 6)
            self.set_xy(x, y - 4)
            self.cell(pane_w, 3.5, label)
            self.image(io.BytesIO(_page_jpeg(np.ascontiguousarray(crop), w, pane_h)), x=x, y=y, w=w, h=pane_h)
            scale = w / size[0]
            bx, by, bw, bh = box
            self.set_draw_color(*ALARM_COLOUR)
            self.set_line_width(0.4)
            self.rect(x + (bx - x0) * scale, y + (by - y0) * scale, bw * scale, bh * scale)
            self.set_draw_color(*_GREY)
            self.set_line_width(0.2)
            self.rect(x, y, w, pane_h)
        self.set_text_color(*_INK)
        self.set_xy(_MARGIN, y + pane_h + 1)

    def other_findings_section(self) -> None:
        others = [f for f in self.data.findings
                  if f.kind not in ("mrz", "comparison", VIZ_CONFIRMED) and not f.light and f.source == "examiner"]
        if not others:
            return
        self.heading(self.tr("Other findings"))
        rows = [(self.kind_word(f.kind), self.when(f.created_at), self.num(f.score) if f.score is not None else "-",
                 f.text or "-") for f in others]
        self.grid((self.tr("Kind"), self.tr("Recorded"), self.tr("Score"), self.tr("Detail")), rows, (35, 30, 15, 100))

    def notes_section(self) -> None:
        self.heading(self.tr("Examiner's notes"))
        note = self.case.verdict_note
        if note:
            self.para(self.tr("Reasons for the verdict"), style="B")
            self.para(note)
            self.ln(1.5)
        if self.case.notes:
            if note:
                self.para(self.tr("Notes"), style="B")
            self.para(self.case.notes)
        elif not note:
            self.para(self.tr("No notes."))

    def blob_check(self, sha: str) -> str:
        """'ok' when the stored bytes still have the recorded SHA-256, else what is wrong."""
        if sha not in self._blob_checks:
            try:
                data = self.store.blob(sha)
            except DocexamError:
                self._blob_checks[sha] = "MISSING"
            else:
                self._blob_checks[sha] = "ok" if hashlib.sha256(data).hexdigest() == sha else "ALTERED"
        return self._blob_checks[sha]

    def hashes_section(self) -> None:
        self.heading(self.tr("Image hashes"))
        if not self.captures:
            self.para(self.tr("No capture is in the case."))
            return
        self.para(self.tr("The SHA-256 of each capture's image file as it was attached, byte for byte, and whether the "
                          "bytes stored now still have it. The images on the pages above are downscaled copies; these "
                          "files are the evidence. `docexam case verify` checks them and every audit trail again."),
                  size=8.5)
        self.ln(1)
        mono = FontFace(family=self.mono, size_pt=7)  # 64 hex digits on one line of the 100 mm column
        rows = []
        for c in sorted(self.captures, key=lambda c: (_light_order(c.light), c.id)):
            check = self.blob_check(c.sha256)
            style = FontFace(emphasis="BOLD", color=(20, 100, 40) if check == "ok" else _RED_TEXT)
            when = self.when(c.captured_at) if c.captured_at else self.when(c.created_at)
            taken = (self.tr("taken {when}", bilingual=False, when=when) if c.captured_at
                     else self.tr("added {when}", bilingual=False, when=when))
            file_text = "\n".join((c.source_name, self.tr("{width} x {height} px, {size} bytes", bilingual=False,
                                                           width=c.width, height=c.height,
                                                           size=self.words.integer(c.size)), taken))
            rows.append((self.light_word(c.light), file_text, (c.sha256, mono),
                         (self.tr(check, bilingual=False), style)))
        head = (self.tr("Light"), self.tr("File"), "SHA-256", self.tr("Stored"))
        self.grid(head, rows, self.fitted((13, 50, 100, 17), head, rows, narrow=(0, 3), give=1, size=7.5), size=7.5)

    def audit_section(self) -> None:
        trail = self.data.audit
        self.heading(self.tr("Audit trail"))
        if not trail:
            self.para(self.tr("The case has no audit trail."), colour=_RED_TEXT)
            return
        self.para(self.trn("{n} entries, each chained to the one before by its hash. The head below is in every "
                           "page's footer: the case as this report shows it.",
                           "{n} entries, each chained to the one before by its hash. The head below is in every "
                           "page's footer: the case as this report shows it.", len(trail)), size=8.5)
        self.ln(1)
        mono = FontFace(family=self.mono, size_pt=6.5)
        rows = [(str(e.seq), self.when(e.at), e.actor, e.action, (e.hash[:16], mono)) for e in trail]
        self.grid(("#", self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Hash (start)")), rows,
                  (10, 38, 50, 50, 32), size=7.5)
        self.ln(1.5)
        self.set_font(self.sans, "", 8.5)
        label = self.tr("Head of the trail:", bilingual=False)
        self.cell(max(32, self.get_string_width(label) + 3), 4.5, label)
        self.set_font(self.mono, "", 8)
        self.cell(0, 4.5, self.head.hash, new_x="LMARGIN", new_y="NEXT")
