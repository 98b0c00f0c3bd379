"""The fixed designs ("specimens") of the synthetic document families.

Every length here is in millimetres on the document; :func:`mm_to_px` converts at a rendering's dpi. A family
fixes the page, where the portrait, the visual inspection zone (VIZ) fields, the ghost image, the UV emblem and the
machine readable zone (MRZ) sit, and which inks print what. Personal data comes from
:class:`~docexam.specimens.persons.DocumentData`.

The MRZ follows Doc 9303: OCR-B size 1 at a fixed pitch of 2.54 mm (Part 3, 4.4), the first character 6.0 mm from
the left edge on TD3 (Part 4, 4.2.1.3) and 5.0 mm on TD1 (Part 5, 4.2.1.3), lines 4.23 mm apart (6 lines per inch).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from docexam.mrz import MRZFormat
from docexam.mrz.viz import viz_date

#: Pixels of the reference specimen rendering; answer-key regions are in these pixels.
REFERENCE_DPI = 300

#: Doc 9303 Part 3, 4.4: OCR-B size 1, 10 characters per inch.
MRZ_PITCH_MM = 2.54
MRZ_LINE_SPACING_MM = 25.4 / 6
#: OCR-B size 1 capital height; OCR-B's capital height is 0.723 em, so the font size is this / 0.723.
MRZ_CHAR_HEIGHT_MM = 2.42


def mm_to_px(mm: float, dpi: int) -> float:
    return mm * dpi / 25.4


class FamilyName(StrEnum):
    TD3 = "td3"  # passport data page
    TD1 = "td1"  # identity card, front and back scanned side by side
    TD2 = "td2"  # identity card (TD2 size)
    MRVA = "mrva"  # visa sticker (MRV-A, 80 x 120 mm)
    MRVB = "mrvb"  # visa sticker (MRV-B, 74 x 105 mm); no Utopia design, only generated ones (designs.py)


@dataclass(frozen=True)
class Box:
    """A rectangle on the document, in millimetres from the top-left corner."""

    x: float
    y: float
    w: float
    h: float

    def px(self, dpi: int) -> tuple[int, int, int, int]:
        """``(x, y, w, h)`` in whole pixels at ``dpi`` (the answer key's bbox convention)."""
        x0, y0 = round(mm_to_px(self.x, dpi)), round(mm_to_px(self.y, dpi))
        x1, y1 = round(mm_to_px(self.x + self.w, dpi)), round(mm_to_px(self.y + self.h, dpi))
        return x0, y0, x1 - x0, y1 - y0

    def union(self, other: Box) -> Box:
        x0, y0 = min(self.x, other.x), min(self.y, other.y)
        x1, y1 = max(self.x + self.w, other.x + other.w), max(self.y + self.h, other.y + other.h)
        return Box(x0, y0, x1 - x0, y1 - y0)


@dataclass(frozen=True)
class FieldSlot:
    """One VIZ field: its caption and where its value is printed.

    ``ir_absorbing``: printed with IR-absorbing (B900) ink, so it stays dark under IR; other personalisation
    drops out. ``uv_fluorescent``: the value also glows under UV (a fluorescent personalisation field).
    """

    key: str
    caption: str
    x: float
    y: float  # baseline of the value
    size: float = 2.6  # value capital height, mm
    ir_absorbing: bool = False
    uv_fluorescent: bool = False
    max_width: float = 60.0

    def value_box(self) -> Box:
        """Where the value may be printed, ascenders, descenders and the UV echo included (for alterations and the
        answer key)."""
        return Box(self.x - 0.6, self.y - self.size * 1.55, self.max_width + 1.2, self.size * 2.35)


@dataclass(frozen=True)
class Family:
    name: FamilyName
    title: str
    mrz_format: MRZFormat
    document_code: str
    width: float
    height: float
    header: tuple[tuple[str, float, float, float], ...]  # (text, x, baseline y, capital height)
    portrait: Box
    ghost: Box | None
    emblem: Box  # UV-fluorescent emblem, invisible in visible light
    fields: tuple[FieldSlot, ...]
    mrz_left: float  # left edge of the first MRZ character
    mrz_bottom_centre: float  # centre line of the last MRZ line, from the top edge
    mrz_clear: Box  # the MRZ zone: kept free of background print
    #: The document's own area(s) on the page, and their corner radius (ID-1 cards: 3.18 mm, ISO/IEC 7810); the rest
    #: of the page is the scanner's background. ``()`` means the whole page.
    panels: tuple[Box, ...] = ()
    corner_radius: float = 0.0
    guilloche_style: str = "rosette"
    rainbow: tuple[tuple[int, int, int], ...] = ((232, 214, 226), (214, 230, 236), (226, 236, 214))
    print_ink: tuple[int, int, int] = (48, 74, 112)  # captions and background line colour base

    # --- what varies between designs (docexam.specimens.designs); the defaults are Utopia's -----------------
    #: The design's code (``UTO-TD3``, ``ARC-TD1-3``; see :mod:`docexam.specimens.designs`).
    code: str = ""
    #: Issuing state's code: UTO (Doc 9303 Part 3, 5, Part G) or an invented code that is not in ISO 3166.
    state: str = "UTO"
    #: Label languages, English first.
    languages: tuple[str, ...] = ("en", "fr")
    #: Language the holder's names are printed in, in the VIZ (their Part 3, 6 transliteration goes in the MRZ);
    #: ``None``: the MRZ's own Latin spelling.
    name_language: str | None = None
    #: Seed of the background art; ``None``: Utopia's seed from the family name and dpi.
    art_seed: int | None = None
    #: Background guilloche's line spacing as a multiple of the generator's default.
    guilloche_density: float = 1.0
    rainbow_axis: int = 1
    emblem_kind: str = "seal"
    #: Fluorescent colours under 365 nm: the UV emblem, the ghost image, the fluorescent personalisation.
    emblem_uv: tuple[int, int, int] = (196, 236, 120)
    ghost_uv: tuple[int, int, int] = (255, 150, 90)
    uv_ink: tuple[int, int, int] = (255, 170, 70)
    paper_visible: tuple[int, int, int] = (246, 244, 236)
    #: Paper under UV: dark (UV-dull security paper) or faintly glowing, per design.
    paper_uv: tuple[int, int, int] = (30, 24, 54)
    fibre_colours: tuple[tuple[int, int, int], ...] = ((235, 70, 70), (90, 230, 110), (110, 150, 255))
    #: Document area (mm^2) per UV fibre.
    fibre_area: float = 60.0
    #: Fonts by role (keys of ``render.FONTS``) and the caption's capital height (mm).
    header_font: str = "sans-bold"
    caption_font: str = "sans"
    value_font: str = "sans"
    caption_size: float = 1.25
    #: IR absorption of the captions and the background print (0: they drop out in IR, as on Utopia).
    caption_ir: float = 0.0
    background_ir: float = 0.0
    #: Printed extras: a national emblem in daylight, rosettes, microtext lines ``(text, band)``, a frame style of
    #: :func:`art.frame` and its width (mm), faint art text ``(text, x, baseline, capital height)`` (right-to-left
    #: titles among them).
    visible_emblem: Box | None = None
    rosettes: tuple[Box, ...] = ()
    microtext: tuple[tuple[str, Box], ...] = ()
    frame: str | None = None
    frame_width: float = 0.0
    art_text: tuple[tuple[str, float, float, float], ...] = ()
    #: Personalisation extras: the holder's signature, a data-page number ``(text, x, baseline)``, the document
    #: number laser-perforated into a band, a clear window.
    signature: Box | None = None
    signature_ir: bool = False
    page_number: tuple[str, float, float] | None = None
    perforation: Box | None = None
    window: Box | None = None
    #: How the VIZ prints dates (Doc 9303 Part 3, 3.8 allows the month in letters or digits): ``icao``
    #: (``12 AUG/AOÛT 74``, Utopia's) or ``numeric`` (``12.08.1974``).
    date_style: str = "icao"
    #: The document number laser-engraved into the card (blackened, IR-absorbing, with a tactile relief that
    #: catches the scanner's light) rather than printed.
    engraved_number: bool = False

    def date_text(self, day: dt.date) -> str:
        """``day`` as this design's VIZ prints it."""
        if self.date_style == "numeric":
            return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"
        return viz_date(day)

    @property
    def design(self) -> str:
        """The design's code: ``UTO-TD3`` for Utopia's passport."""
        return self.code or f"UTO-{self.name.value.upper()}"

    @property
    def folder(self) -> str:
        """The design's folder name under a pack's ``reference/``: the family's name for Utopia (as packs always
        had), the lower-case code for the others."""
        return self.code.lower() if self.code else self.name.value

    def mrz_box(self, lines: int) -> Box:
        length = {MRZFormat.TD3: 44, MRZFormat.MRVA: 44, MRZFormat.TD2: 36, MRZFormat.MRVB: 36, MRZFormat.TD1: 30}[self.mrz_format]
        top = self.mrz_bottom_centre - (lines - 1) * MRZ_LINE_SPACING_MM - MRZ_CHAR_HEIGHT_MM * 0.75
        return Box(self.mrz_left - 0.5, top, length * MRZ_PITCH_MM + 1.0, (lines - 1) * MRZ_LINE_SPACING_MM + MRZ_CHAR_HEIGHT_MM * 1.5)

    def field(self, key: str) -> FieldSlot:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(f"{self.name.value} has no VIZ field {key!r}; it has {', '.join(f.key for f in self.fields)}")

    def size_px(self, dpi: int) -> tuple[int, int]:
        """(height, width) of the rendered page in pixels."""
        return round(mm_to_px(self.height, dpi)), round(mm_to_px(self.width, dpi))


def _td3() -> Family:
    x = 44.0
    return Family(
        name=FamilyName.TD3,
        title="passport data page (TD3)",
        mrz_format=MRZFormat.TD3,
        document_code="P",
        width=125.0,
        height=88.0,
        header=(("UTOPIA", 6.0, 7.5, 3.2), ("PASSPORT / PASSEPORT", 44.0, 7.5, 2.4)),
        portrait=Box(6.0, 13.0, 32.0, 41.0),
        ghost=Box(106.0, 25.5, 14.0, 17.5),
        emblem=Box(70.0, 14.0, 40.0, 40.0),
        fields=(
            FieldSlot("type", "Type/Type", x, 15.5, 2.3, max_width=10),
            FieldSlot("code", "Code/Code", x + 16, 15.5, 2.3, max_width=12),
            FieldSlot("number", "Passport No./N° du passeport", x + 40, 15.5, 2.6, ir_absorbing=True, uv_fluorescent=True, max_width=36),
            FieldSlot("surname", "Surname/Nom", x, 22.5, 2.6, ir_absorbing=True, max_width=76),
            FieldSlot("given_names", "Given names/Prénoms", x, 29.0, 2.6, max_width=76),
            FieldSlot("nationality", "Nationality/Nationalité", x, 35.5, 2.3, max_width=40),
            FieldSlot("birth_date", "Date of birth/Date de naissance", x, 42.0, 2.3, ir_absorbing=True, max_width=36),
            FieldSlot("sex", "Sex/Sexe", x + 40, 42.0, 2.3, max_width=10),
            FieldSlot("birth_place", "Place of birth/Lieu de naissance", x, 48.5, 2.3, max_width=56),
            FieldSlot("issue_date", "Date of issue/Date de délivrance", x, 55.0, 2.3, max_width=36),
            FieldSlot("authority", "Authority/Autorité", x + 40, 55.0, 2.3, max_width=40),
            FieldSlot("expiry_date", "Date of expiry/Date d'expiration", x, 61.5, 2.3, ir_absorbing=True, max_width=36),
        ),
        mrz_left=6.0,
        mrz_bottom_centre=88.0 - 6.35,
        mrz_clear=Box(0.0, 88.0 - 17.0, 125.0, 17.0),
        guilloche_style="rosette",
    )


def _td1() -> Family:
    # Front (top) and back (bottom) of an 85.6 x 54 mm card, scanned side by side with a 4 mm gap.
    back = 54.0 + 4.0
    x = 33.0
    return Family(
        name=FamilyName.TD1,
        title="identity card (TD1), front and back",
        mrz_format=MRZFormat.TD1,
        document_code="ID",
        width=85.6,
        height=back + 54.0,
        header=(("UTOPIA", 4.0, 6.0, 2.6), ("IDENTITY CARD / CARTE D'IDENTITÉ", 25.0, 6.0, 1.8)),
        portrait=Box(4.0, 10.0, 25.0, 32.0),
        ghost=Box(70.0, 32.0, 11.0, 14.0),
        emblem=Box(46.0, 12.0, 32.0, 32.0),
        fields=(
            FieldSlot("surname", "Surname/Nom", x, 14.0, 2.2, ir_absorbing=True, max_width=50),
            FieldSlot("given_names", "Given names/Prénoms", x, 20.0, 2.2, max_width=50),
            FieldSlot("sex", "Sex/Sexe", x, 26.0, 2.0, max_width=8),
            FieldSlot("nationality", "Nationality/Nationalité", x + 12, 26.0, 2.0, max_width=26),
            FieldSlot("birth_date", "Date of birth/Date de naissance", x, 32.0, 2.0, ir_absorbing=True, max_width=30),
            FieldSlot("number", "Document No./N° du document", x, 38.0, 2.2, ir_absorbing=True, uv_fluorescent=True, max_width=34),
            FieldSlot("expiry_date", "Date of expiry/Date d'expiration", x, 44.0, 2.0, ir_absorbing=True, max_width=30),
            FieldSlot("birth_place", "Place of birth/Lieu de naissance", 4.0, back + 9.0, 2.0, max_width=50),
            FieldSlot("issue_date", "Date of issue/Date de délivrance", 4.0, back + 16.0, 2.0, max_width=30),
            FieldSlot("authority", "Authority/Autorité", 40.0, back + 16.0, 2.0, max_width=40),
        ),
        mrz_left=5.0,
        mrz_bottom_centre=back + 54.0 - 4.8,
        mrz_clear=Box(0.0, back + 54.0 - 18.5, 85.6, 18.5),
        panels=(Box(0.0, 0.0, 85.6, 54.0), Box(0.0, back, 85.6, 54.0)),
        corner_radius=3.18,
        guilloche_style="waves",
        rainbow=((226, 220, 238), (218, 236, 226), (238, 228, 214)),
        print_ink=(70, 60, 110),
    )


def _td2() -> Family:
    x = 36.0
    return Family(
        name=FamilyName.TD2,
        title="identity card (TD2)",
        mrz_format=MRZFormat.TD2,
        document_code="I",
        width=105.0,
        height=74.0,
        header=(("UTOPIA", 5.0, 6.5, 2.8), ("RESIDENCE CARD / TITRE DE SÉJOUR", 36.0, 6.5, 2.0)),
        portrait=Box(5.0, 11.0, 27.0, 35.0),
        ghost=Box(88.0, 36.0, 12.0, 15.0),
        emblem=Box(58.0, 12.0, 34.0, 34.0),
        fields=(
            FieldSlot("surname", "Surname/Nom", x, 15.0, 2.4, ir_absorbing=True, max_width=64),
            FieldSlot("given_names", "Given names/Prénoms", x, 21.5, 2.4, max_width=64),
            FieldSlot("nationality", "Nationality/Nationalité", x, 28.0, 2.2, max_width=30),
            FieldSlot("sex", "Sex/Sexe", x + 34, 28.0, 2.2, max_width=8),
            FieldSlot("birth_date", "Date of birth/Date de naissance", x, 34.5, 2.2, ir_absorbing=True, max_width=30),
            FieldSlot("number", "Document No./N° du document", x + 34, 34.5, 2.2, ir_absorbing=True, uv_fluorescent=True, max_width=30),
            FieldSlot("expiry_date", "Date of expiry/Date d'expiration", x, 41.0, 2.2, ir_absorbing=True, max_width=30),
            FieldSlot("authority", "Authority/Autorité", x + 34, 41.0, 2.2, max_width=30),
        ),
        mrz_left=6.0,
        mrz_bottom_centre=74.0 - 5.6,
        mrz_clear=Box(0.0, 74.0 - 15.0, 105.0, 15.0),
        corner_radius=3.18,
        guilloche_style="mesh",
        rainbow=((236, 222, 214), (222, 230, 240), (230, 238, 222)),
        print_ink=(96, 60, 60),
    )


def _mrva() -> Family:
    x = 40.0
    return Family(
        name=FamilyName.MRVA,
        title="visa sticker (MRV-A)",
        mrz_format=MRZFormat.MRVA,
        document_code="V",
        width=120.0,
        height=80.0,
        header=(("UTOPIA", 5.0, 7.0, 3.0), ("VISA", 40.0, 7.0, 3.0)),
        portrait=Box(5.0, 12.0, 30.0, 38.0),
        ghost=None,
        emblem=Box(74.0, 12.0, 36.0, 36.0),
        fields=(
            FieldSlot("valid_for", "Valid for/Valable pour", x, 15.0, 2.3, max_width=40),
            FieldSlot("number", "Visa No./N° du visa", x + 44, 15.0, 2.5, ir_absorbing=True, uv_fluorescent=True, max_width=32),
            FieldSlot("surname", "Surname/Nom", x, 22.0, 2.5, ir_absorbing=True, max_width=76),
            FieldSlot("given_names", "Given names/Prénoms", x, 28.5, 2.5, max_width=76),
            FieldSlot("birth_date", "Date of birth/Date de naissance", x, 35.0, 2.2, ir_absorbing=True, max_width=34),
            FieldSlot("sex", "Sex/Sexe", x + 40, 35.0, 2.2, max_width=10),
            FieldSlot("nationality", "Nationality/Nationalité", x + 54, 35.0, 2.2, max_width=24),
            FieldSlot("issue_date", "Date of issue/Date de délivrance", x, 41.5, 2.2, max_width=34),
            FieldSlot("expiry_date", "Until/Jusqu'au", x + 40, 41.5, 2.2, ir_absorbing=True, max_width=34),
            FieldSlot("entries", "Entries/Entrées", x, 48.0, 2.2, max_width=20),
            FieldSlot("authority", "Issued in/Délivré à", x + 40, 48.0, 2.2, max_width=38),
        ),
        mrz_left=6.0,
        mrz_bottom_centre=80.0 - 6.35,
        mrz_clear=Box(0.0, 80.0 - 17.0, 120.0, 17.0),
        corner_radius=2.0,
        guilloche_style="waves",
        rainbow=((220, 232, 240), (240, 226, 232), (232, 240, 224)),
        print_ink=(40, 90, 90),
    )


FAMILIES: dict[FamilyName, Family] = {f.name: f for f in (_td3(), _td1(), _td2(), _mrva())}


def family(name: str | FamilyName) -> Family:
    """Utopia's design of the family called ``name`` (``td3``, ``td1``, ``td2``, ``mrva``; MRV-B visas exist only
    in generated designs, :mod:`docexam.specimens.designs`)."""
    try:
        return FAMILIES[FamilyName(name)]
    except (ValueError, KeyError):
        raise ValueError(f"unknown document family {name!r}; choose one of {', '.join(f.value for f in FAMILIES)} "
                         "(other designs, MRV-B visas among them: `docexam exercise designs`)") from None
