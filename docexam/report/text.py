"""How the PDF report draws text it did not write itself (titles, names, notes, file names): in every script its
fonts cover, shaped and in reading order, and never silently dropped.

- **Shaping**: Arabic letters join and right-to-left runs are laid out right to left through fpdf2's text shaping
  (HarfBuzz, through ``uharfbuzz``) and its implementation of the Unicode bidirectional algorithm. DejaVu Sans
  covers Arabic and Hebrew.
- **Fallback fonts**: characters DejaVu lacks are drawn with :data:`FALLBACK_FONTS` (WenQuanYi Micro Hei: Chinese,
  Japanese kana, Korean Hangul), loaded only when a report holds such characters (a CJK font takes about a quarter
  of a second to load).
- **Characters no font carries** (Thai, Devanagari, emoji... and control characters) stand where they occur as
  their code point, ``[U+0E01]``, and the report says on its first page which they are: fpdf2 alone would leave
  them out without a word. With fpdf2's core fonts (no DejaVu), text is written in the nearest Latin-1 and the
  rest is marked the same way.

Mixed lines follow the bidirectional algorithm's levels (:func:`bidi_runs`): ``Ahmed أحمد 123`` reads
"Ahmed", then from the right the Arabic name and its number.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from fontTools.ttLib import TTLibError  # type: ignore[import-untyped]
from fpdf.bidi import BidiParagraph, auto_detect_base_direction
from fpdf.enums import TextDirection
from fpdf.fonts import TTFFont
from fpdf.line_break import Fragment

from docexam.paths import font_file

if TYPE_CHECKING:
    from fpdf import FPDF as _FPDF
else:  # a mixin at run time: the report's class puts fpdf.FPDF after it
    _FPDF = object

#: Fonts for what DejaVu lacks, in the order they are tried: Debian's fonts-wqy-microhei, or the copy the checkpoint
#: build carries. Optional (5 MB, not in the package): one that is missing is skipped, and its characters marked.
FALLBACK_FONTS = (font_file("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", required=False),)
#: A character no font of the report can draw, where it stands.
UNDRAWN_MARK = "[U+{:04X}]"
#: How many characters not drawn the first page names (the rest are counted).
NOTICE_MAX_LISTED = 24
_NOTICE_FILL = (252, 240, 210)
_NOTICE_INK = (140, 90, 0)

#: Typography and letters without a Latin-1 form for the core fonts (fpdf2's built-in fonts are Latin-1 only).
_FALLBACK = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
             "\u2026": "...", "\u2022": "-", "\u2265": ">=", "\u2264": "<=", "\u2192": "->", "\u2260": "!=",
             # letters NFKD does not take apart
             "\u0141": "L", "\u0142": "l", "\u0110": "D", "\u0111": "d", "\u0152": "OE", "\u0153": "oe", "\u0131": "i"}


def shaping_available() -> bool:
    """Whether fpdf2 can shape text (``uharfbuzz`` is importable; a dependency, checked all the same)."""
    import importlib

    try:
        importlib.import_module("uharfbuzz")
    except ImportError:
        return False
    return True


def _is_rtl(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in ("R", "AL")


def _needs_shaping(ch: str) -> bool:
    """Right-to-left letters and Arabic digits (laid out by the bidirectional algorithm, Arabic letters joined) and
    combining marks (placed on their letter)."""
    return unicodedata.bidirectional(ch) in ("R", "AL", "AN") or unicodedata.category(ch) in ("Mn", "Mc", "Me")


def _kept(ch: str) -> bool:
    """Characters that are not drawn on purpose: line breaks (fpdf2 breaks the line there) and format characters
    (joiners, direction marks), which have no glyph of their own."""
    return ch == "\n" or unicodedata.category(ch) == "Cf"


def latin1(text: str, undrawn: set[str]) -> str:
    """``text`` in Latin-1 for the core fonts: letters with accents beyond Latin-1 lose them, typography becomes
    ASCII, anything else is marked (:data:`UNDRAWN_MARK`) and added to ``undrawn``."""
    out = []
    for ch in text:
        if ord(ch) < 256 and (ch == "\n" or unicodedata.category(ch) != "Cc"):
            out.append(ch)
        elif ch in _FALLBACK:
            out.append(_FALLBACK[ch])
        else:
            base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
            if base and all(ord(c) < 256 and unicodedata.category(c) != "Cc" for c in base):
                out.append(base)
            else:
                undrawn.add(ch)
                out.append(UNDRAWN_MARK.format(ord(ch)))
    return "".join(out)


def describe(ch: str) -> str:
    """``[U+0E01] THAI CHARACTER KO KAI``: a character as the notice names it."""
    name = unicodedata.name(ch, "") or ("a control character" if unicodedata.category(ch) == "Cc" else "unnamed")
    return f"{UNDRAWN_MARK.format(ord(ch))} {name}"


def bidi_runs(paragraph: BidiParagraph) -> list[tuple[str, TextDirection]]:
    """The runs of one direction fpdf2 shapes and lays out, from its resolved bidirectional levels (Unicode TR 9).

    On a left-to-right line, a number after right-to-left words is at level 2 (rule I1), inside their run: reversing
    the levels from the highest (rule L2) puts it before the words, read from the right. fpdf2 lays runs out by
    direction only, so such a number is handed over as part of the right-to-left run, its characters reversed: the
    shaper reverses them back and the whole run lands where rule L2 puts it. A run holding a mirrored character
    (brackets), which the right-to-left shaper would mirror, is left as fpdf2 has it.
    """
    runs: list[tuple[str, int]] = []
    for c in paragraph.get_characters():
        if runs and runs[-1][1] == c.embedding_level:
            runs[-1] = (runs[-1][0] + c.character, c.embedding_level)
        else:
            runs.append((c.character, c.embedding_level))
    out: list[tuple[str, TextDirection]] = []
    for text, level in runs:
        if paragraph.alias and paragraph.sentinel:
            text = text.replace(paragraph.sentinel, paragraph.alias)
        direction = TextDirection.RTL if level % 2 else TextDirection.LTR
        if paragraph.base_embedding_level == 0 and level == 2 and not any(unicodedata.mirrored(ch) for ch in text):
            text, direction = text[::-1], TextDirection.RTL
        if out and out[-1][1] == direction:
            out[-1] = (out[-1][0] + text, direction)
        else:
            out.append((text, direction))
    return out


class TextDrawing(_FPDF):
    """What an fpdf2 document of the report needs to draw any text: mixed in before :class:`fpdf.FPDF`.

    Call :meth:`setup_text` once the report's fonts are added; every text then passes through
    :meth:`normalize_text`, where fpdf2 hands it over before measuring or drawing it. ``undrawn`` holds the
    characters marked, ``rtl_unshaped`` whether right-to-left text was drawn without a shaper; a report made again
    after :meth:`carry_notice` says both on its first page (:meth:`drawing_notice`).
    """

    sans: str  # the report's sans-serif family

    def setup_text(self, *, unicode: bool) -> None:
        self.undrawn: set[str] = set()
        self.rtl_unshaped = False
        self._shaping = unicode and shaping_available()
        self._shaping_params: dict[str, Any] | None = None
        if self._shaping:
            # Turned on for the texts that need it only (see drawable): Latin text is laid out as before, and a
            # report with no such text is made in two thirds of the time.
            self.set_text_shaping(True)
            self._shaping_params, self.text_shaping = self.text_shaping, None
        self._fallback_cmaps: list[Any] | None = None  # loaded on the first character DejaVu lacks
        self._notice: tuple[frozenset[str], bool] = (frozenset(), False)

    def tr(self, message: str, *, bilingual: bool = True, **params: Any) -> str:
        """``message`` as the document says it: English here, translated by the report (:mod:`docexam.report.pdf`)."""
        return message.format(**params) if params else message

    def trn(self, singular: str, plural: str, n: int, *, bilingual: bool = True, **params: Any) -> str:
        """The form of ``singular``/``plural`` for ``n``, as :meth:`tr` (``{n}`` is filled with it)."""
        return (singular if n == 1 else plural).format(n=n, **params)

    def normalize_text(self, text: str) -> str:
        text = self.drawable(text)
        return super().normalize_text(text)

    def drawable(self, text: str) -> str:
        """``text`` with every character no font of the report can draw marked where it stands."""
        if text.isascii() and text.isprintable():
            return text
        if not self.is_ttf_font:
            return latin1(text, self.undrawn)
        needs_shaping = any(_needs_shaping(ch) for ch in text)
        if self._shaping_params is not None:
            # fpdf2 reads the setting right after normalize_text, for this text (measured or drawn).
            self.text_shaping = dict(self._shaping_params) if needs_shaping else None
        elif needs_shaping and not self.rtl_unshaped and any(_is_rtl(ch) for ch in text):
            self.rtl_unshaped = True
        font = self.current_font
        assert isinstance(font, TTFFont)  # is_ttf_font
        cmap = font.cmap
        missing = {ch for ch in text if ord(ch) not in cmap and not _kept(ch)}
        fallen_back = {ch for ch in missing if self._fallback_has(ch)}
        if fallen_back and not self.current_font_is_set_on_page and self.page:
            # fpdf2 (2.8) sets the text's own font inside the line's q/Q when a line starts in a fallback font, then
            # takes it as set for the page: once Q restores the font before, the next lines were drawn in the
            # wrong font (garbage). Set it for the page first, as fpdf2 does for text in one font.
            self._out(self._set_font_for_page(font, self.font_size_pt))
        missing -= fallen_back
        if not missing:
            return text
        self.undrawn |= missing
        return "".join(UNDRAWN_MARK.format(ord(ch)) if ch in missing else ch for ch in text)

    def _preload_bidirectional_text(self, text: str, markdown: bool) -> Sequence[Fragment]:
        """fpdf2's own (2.8), with the bidirectional runs of :func:`bidi_runs`: fpdf2 splits a paragraph where the
        direction changes and lays the runs out by direction alone, so a number inside right-to-left words on a
        left-to-right line (embedding level 2) came after the words instead of before them."""
        if not self.text_shaping:
            return super()._preload_bidirectional_text(text, markdown)
        direction = self.text_shaping["direction"] or auto_detect_base_direction(text)
        self.text_shaping["paragraph_direction"] = direction
        paragraph = BidiParagraph(text=text, base_direction=direction, preserve_bn_chars=True,
                                  alias=self.str_alias_nb_pages)
        emphasis = ("B" in self.font_style, "I" in self.font_style, self.strikethrough, self.underline)
        fragments: list[Fragment] = []
        for run_text, run_direction in bidi_runs(paragraph):
            self.text_shaping["fragment_direction"] = run_direction
            fragments.extend(self._preload_font_styles(run_text, markdown, _initial_emphasis=emphasis))
            emphasis = getattr(self, "_markdown_emphasis", emphasis)
        return tuple(fragments)

    def _fallback_has(self, ch: str) -> bool:
        if unicodedata.category(ch) == "Cc":
            return False
        if self._fallback_cmaps is None:
            self._fallback_cmaps = []
            names = []
            for i, path in enumerate(FALLBACK_FONTS):
                try:
                    self.add_font(f"fallback{i}", "", path)
                except (OSError, ValueError, TTLibError):  # missing or unreadable: the marks will say so
                    continue
                added = self.fonts[f"fallback{i}"]
                assert isinstance(added, TTFFont)
                names.append(f"fallback{i}")
                self._fallback_cmaps.append(added.cmap)
            if names:
                # Any style: a bold title in Chinese is better drawn regular than not at all.
                self.set_fallback_fonts(names, exact_match=False)
        return any(ord(ch) in cmap for cmap in self._fallback_cmaps)

    def carry_notice(self, earlier: TextDrawing) -> None:
        """Say on the first page what ``earlier`` (the same report made once already) could not draw."""
        self._notice = (frozenset(earlier.undrawn), earlier.rtl_unshaped)

    def drawing_notice(self, width: float) -> None:
        """The box on the first page naming what the report could not draw as entered (nothing when all was)."""
        undrawn, unshaped = self._notice
        if not undrawn and not unshaped:
            return
        parts = []
        if undrawn:
            listed = sorted(undrawn)[:NOTICE_MAX_LISTED]
            more = len(undrawn) - len(listed)
            names = "; ".join(describe(ch) for ch in listed)
            if more:
                names += self.trn("; and {n} more", "; and {n} more", more, bilingual=False)
            parts.append(self.trn(
                "This report could not draw {n} character(s) of the case's text with the fonts it carries; each "
                "stands where it occurs as its Unicode code point in brackets: {names}. The case store keeps the "
                "text as it was entered; docexam case show --json prints it.",
                "This report could not draw {n} character(s) of the case's text with the fonts it carries; each "
                "stands where it occurs as its Unicode code point in brackets: {names}. The case store keeps the "
                "text as it was entered; docexam case show --json prints it.", len(undrawn), names=names))
        if unshaped:
            parts.append(self.tr("Right-to-left text (Arabic, Hebrew) is drawn letter by letter from left to right, "
                                 "its letters unjoined: the text shaper (uharfbuzz) is missing from this installation."))
        self.set_fill_color(*_NOTICE_FILL)
        self.set_text_color(*_NOTICE_INK)
        self.set_font(self.sans, "B", 8)
        margin, self.c_margin = self.c_margin, 4
        self.cell(width, 5.5, self.tr("TEXT NOT DRAWN AS ENTERED", bilingual=False), fill=True, new_x="LMARGIN",
                  new_y="NEXT")
        self.c_margin = margin
        self.set_font(self.sans, "", 8.5)
        self.multi_cell(width, 4.2, " ".join(parts), fill=True, padding=(0, 4, 3, 4), align="L",
                        new_x="LMARGIN", new_y="NEXT")
        self.ln(3)
