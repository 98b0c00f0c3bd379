"""What a finding says, as a code and its figures, put in words in the reader's language where it is shown (issue 23).

A comparison's finding keeps its sentence as data: :class:`Said`, a code of :data:`DETAILS` with the figures and names
the sentence needs (``ir_fades`` with ``name="viz:surname"``, ``ratio=0.31``). The record, the JSON output and the case
store hold the code and the figures (``detail_code``, ``detail_args``) beside the English sentence they have always
held (``detail``, so that older readers and stored records keep working); the command line, the PDF report and the
workstation put the code in words in their reader's language (:meth:`Said.text`). A stored finding without a code (made
before codes) is shown with its stored English sentence (:func:`finding_words`).

The sentences are ``str.format`` templates with named fields, marked for the catalogues of :mod:`docexam.i18n`; a
figure's format is part of the template (``{ratio:.0%}``), so a translation may move it but keeps it. A field may be
another :class:`Said` (a clause said in the same language: ``how`` the paper was compared).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from docexam.i18n import N_

__all__ = ["DETAILS", "Said", "finding_words", "say"]

#: Every sentence a finding's detail can be, by code (English, as docexam has always written it).
DETAILS: dict[str, str] = {
    # paper under UV (compare.checks.paper_fluorescence): the comparison said ``how`` is another code
    "paper_bright": N_("under UV the paper is {bright:.1f} times as bright as the specimen's {how}: it fluoresces "
                       "(optical brighteners), as ordinary paper does and security paper does not"),
    "paper_dull": N_("under UV the paper is only {dull:.2f} times as bright as the specimen's {how}: another paper?"),
    "paper_vs_features": N_("relative to the document's own fluorescent emblem and fibres"),
    "paper_vs_exposure": N_("for the exposure (the UV capture is {uv:.2f} times as bright as the specimen's, the "
                            "visible and IR captures {others:.2f} times; the document shows no fluorescent feature to "
                            "compare its paper with)"),
    # UV features (compare.checks, compare.expectations)
    "uv_emblem_weak": N_("the UV emblem glows {mass:.0%} as much as the specimen's: it is missing or weak"),
    "uv_emblem_part": N_("part of the UV emblem ({area:.0f} mm\u00b2) glows {level:.0%} as much as the rest of it "
                         "where the specimen's glows evenly: covered, replaced or scraped there?"),
    "uv_emblem_moved": N_("the UV emblem is not where or as the specimen has it (pattern correlation {corr:.2f}, "
                          "{mass:.0%} of the specimen's glow in its place)"),
    "uv_fibres": N_("fluorescent fibres: {ratio:.0%} of the specimen's density under UV"),
    "uv_print_weak": N_("{name} glows under UV only {ratio:.0%} as much as the specimen's fluorescent print"),
    "uv_portrait_bright": N_("under UV the portrait is {ratio:.1f} times as bright as the specimen's printed portrait: "
                             "a photograph on fluorescent paper glued over the page?"),
    "uv_portrait_slope": N_("under UV the portrait's glow changes by {seen:+.2f} of its level per unit of daylight "
                            "darkness where the specimen's printed portrait changes by {expected:+.2f}: another "
                            "portrait printed in, or a photograph?"),
    "uv_spot": N_("a spot glows under UV over {area:.0f} mm\u00b2 where the specimen shows none: glue, fluorescent "
                  "ink or a brightener applied locally?"),
    "uv_spot_in": N_("a spot glows under UV over {area:.0f} mm\u00b2 in {where} where the specimen shows none: glue, "
                     "fluorescent ink or a brightener applied locally?"),
    "uv_weak": N_("{name} glows under UV only {ratio:.0%} as much as on the specimen"),
    "uv_colour": N_("{name} glows under UV in another colour than on the specimen (RGB {questioned} against "
                    "{specimen}): another ink?"),
    "uv_dull_glows": N_("{extra:.0%} of {name} glows under UV where the specimen's stays dull: fluorescent ink or "
                        "paper applied there?"),
    # IR (compare.checks.ir_regions; compare.expectations with the specimen's own figure)
    "ir_reprinted": N_("{name} should be printed in IR-absorbing ink but its ink is only {ratio:.0%} as dark in IR as "
                       "in daylight: re-printed in another ink over an erasure, with the erased original showing "
                       "faintly?"),
    "ir_reprinted_vs": N_("{name} should be printed in IR-absorbing ink but its ink is only {ratio:.0%} as dark in IR "
                          "as in daylight (the specimen's {own:.0%}): re-printed in another ink over an erasure, with "
                          "the erased original showing faintly?"),
    "ir_fades": N_("{name} fades in IR ({ratio:.0%} of its daylight darkness): the specimen prints it in IR-absorbing "
                   "ink"),
    "ir_fades_vs": N_("{name} fades in IR ({ratio:.0%} of its daylight darkness, the specimen's {own:.0%}): the "
                      "specimen prints it in IR-absorbing ink"),
    "ir_stays_dark": N_("{name} stays dark in IR ({ratio:.0%} of its daylight darkness); the specimen prints it in "
                        "ink that drops out"),
    "ir_stays_dark_vs": N_("{name} stays dark in IR ({ratio:.0%} of its daylight darkness, the specimen's {own:.0%}); "
                           "the specimen prints it in ink that drops out"),
    "ir_residue": N_("{name} shows faint IR-absorbing ink ({ratio:.0%} of its daylight darkness, the specimen's "
                     "{own:.0%}) where the specimen's ink drops out: the residue of an erased original?"),
    "ir_portrait_part": N_("in IR a part of the portrait ({area:.0f} mm\u00b2) is {departure:.0%} of the range away from "
                           "what its daylight darkness says, where the rest of its print follows it: another ink or "
                           "paper stuck on over the portrait?"),
    "ir_portrait_flat": N_("in IR the portrait shows {ratio:.0%} of the contrast the specimen's printed portrait has: "
                           "a photograph (dye inks, transparent in IR) substituted?"),
    # visible light (compare.checks)
    "portrait_hairline": N_("a dark hairline runs along the portrait's edges ({contrast:.2f} darker than either side): "
                            "the edge of a photograph glued over the page?"),
    "value_missing": N_("{name} keeps {share:.0%} of the ink the specimen's value has (for as much of the MRZ's): "
                        "a value of that field is as long whoever the holder; covered, painted over or erased?"),
    "value_late": N_("{name} starts {late:.1f} of its field's height later than the specimen's value: a value of that "
                     "field starts at the field's edge whoever the holder; its first characters covered or erased?"),
    "background_lifted": N_("the background print under {name} is {share:.0%} lighter than the specimen's: lifted by "
                            "an erasure?"),
    "design_differs": N_("the fixed design differs from the specimen's over {area:.0f} mm\u00b2"),
    "portrait_surround": N_("the background print round the portrait differs from the specimen's over {area:.0f} "
                            "mm\u00b2: a photograph stuck on over the portrait's edge?"),
    "design_text_differs": N_("the design differs from the specimen's over {area:.0f} mm\u00b2 as another holder's "
                              "value would: letters of a value's size on the specimen's line"),
    # the MRZ's print (compare.mrz_print)
    "mrz_print_missing": N_("line {line} of the MRZ is blank over {positions:.1f} character positions where the "
                            "specimen's is printed: every position of an MRZ carries a character, fillers included "
                            "(Doc 9303 Part 3, 4.10): characters erased or covered?"),
    # the MRZ's characters against each other (compare.mrz_glyphs)
    "mrz_glyph_departs": N_("line {line} of the MRZ, position(s) {positions}: the print departs from the document's "
                            "other prints of the same character {departure:.1f} times as much as they differ among "
                            "themselves, where one printer prints every character alike (Doc 9303 Part 3, 4.2): a "
                            "patch, or a character printed again?"),
    "design_uv_extra": N_("fluorescence where the specimen has none, over {area:.0f} mm\u00b2"),
    "design_uv_missing": N_("the specimen's fluorescence is missing over {area:.0f} mm\u00b2"),
    # the holder's ink (compare.checks.visible_inks; compare.personal)
    "viz_ink_departs": N_("the ink of {name} departs from the other values' by {departure:.0f} grey levels more than "
                          "on the specimen: printed again in another ink?"),
    # B900 (compare.b900; Doc 9303 Part 3, 4.11)
    "b900_mrz_one": N_("MRZ {positions}: the character is printed in daylight but fades in IR ({low:.0%}-{high:.0%} "
                       "of the darkness the other MRZ characters keep); Doc 9303 Part 3, 4.11 wants MRZ ink that "
                       "absorbs in the B900 band: re-printed in an ordinary ink?"),
    "b900_mrz_many": N_("MRZ {positions}: the characters are printed in daylight but fade in IR ({low:.0%}-{high:.0%} "
                        "of the darkness the other MRZ characters keep); Doc 9303 Part 3, 4.11 wants MRZ ink that "
                        "absorbs in the B900 band: re-printed in an ordinary ink?"),
    "b900_field": N_("{failing} of the {judged} characters of {name} fade in IR ({low:.0%}-{high:.0%} of the darkness "
                     "of the document's IR-absorbing print); the specimen prints the field in IR-absorbing ink: "
                     "re-printed in another ink?"),
    # the MRZ (compare.mrz_viz)
    "mrz_check": N_("MRZ check digit '{check}' does not hold: printed {found}, the data it covers give {expected}"),
    "mrz_check_unsure": N_("MRZ check digit '{check}' does not hold: printed {found}, the data it covers give "
                           "{expected}; the MRZ was read with low confidence, so check the characters by eye before "
                           "relying on it"),
    "no_digit": N_("no digit (characters outside the MRZ alphabet)"),
    # the MRZ against the VIZ (compare.mrz_viz): ``field`` is a field_* word below, ``viz`` as read (quoted), ``why``
    # one of the viz_*_differs sentences
    "viz_mismatch": N_("{why}: one of them has been altered, or the VIZ was misread (check by eye)"),
    "viz_date_differs": N_("the VIZ {field} reads {viz!r}, the MRZ says {mrz} (YYMMDD)"),
    "viz_number_differs": N_("the VIZ document number reads {viz!r}, the MRZ says {mrz}"),
    "viz_name_differs": N_("the VIZ {field} reads {viz!r}, the MRZ says {mrz!r}"),
    "viz_code_differs": N_("the VIZ {field} reads {viz!r}, the MRZ says {mrz}"),
    "field_birth_date": N_("birth date"),
    "field_expiry_date": N_("expiry date"),
    "field_surname": N_("surname"),
    "field_given_names": N_("given names"),
    "field_sex": N_("sex"),
    "field_nationality": N_("nationality"),
    "field_issuing_state": N_("issuing state"),
    "field_number": N_("document number"),
    "field_document_number": N_("document number"),
    # what the MRZ check could not check (compare.mrz_viz.MRZEvidence.notes): a note of the comparison, not a finding
    "mrz_unread": N_("no MRZ could be read in IR or visible light: the check digits were not verified and the VIZ was "
                     "not compared with the MRZ; read the MRZ by eye, or capture it again"),
    "mrz_unread_ir": N_("no MRZ could be read in IR light (the only light captured of the two it is read in): the "
                        "check digits were not verified and the VIZ was not compared with the MRZ"),
    "mrz_unread_visible": N_("no MRZ could be read in visible light (the only light captured of the two it is read "
                             "in): the check digits were not verified and the VIZ was not compared with the MRZ"),
    "mrz_no_light": N_("no MRZ was read: the comparison had neither an IR nor a visible capture to read it in"),
    "viz_unread": N_("the VIZ {field} could not be read: not examined"),
    "viz_uncomparable": N_("the VIZ {field} was read as {viz!r}, which cannot be compared with the MRZ: not examined"),
    "viz_not_compared_unsure": N_("the VIZ was not compared with the MRZ: the MRZ was read with low confidence"),
    "viz_compared_vouched": N_("the MRZ was read with low confidence: only the VIZ fields its check digits cover "
                               "(document number, dates) and those it read surely were compared with it"),
    "viz_not_compared_no_ocr": N_("the VIZ was not compared with the MRZ: tesseract is not installed, or the reference "
                                  "names no VIZ fields"),
    # outside the capture (compare.pipeline)
    "not_examined": N_("{share:.0%} of the reference frame lies outside the {light} capture and was not examined: "
                       "capture the document again, whole, to compare that part"),
    # the fixed design's print an over-exposed capture clipped white (compare.checks.clipped_print)
    "print_clipped": N_("{share:.0%} of the design's print is clipped white in the {light} capture (over-exposed) and "
                        "was not examined there: capture the document again with less exposure to compare it"),
    # a registration that failed its trust rule (compare.geometry, compare.pipeline): ``basis`` is the light whose fit
    # it is (the light itself, or the anchor it was registered from)
    "registration_uncertain": N_("the {light} capture is not surely registered to the specimen (the {basis} capture's "
                                 "fit: {inliers} of {tried} patches of the design agree, spread {span:.2f}, the "
                                 "finest enclosing {cover:.0%} of the document, residual {residual:.2f} px; a "
                                 "trusted fit needs {least} agreeing and {share:.0%} of those tried, spread "
                                 "{need:.2f}, the finest enclosing {need_cover:.0%}, residual under {limit:.1f} px): "
                                 "what is compared "
                                 "pixel by pixel with the specimen in {light} light (the fixed design, portrait, "
                                 "fields and inks) was not examined, and what it found is a note, not an alarm; "
                                 "capture the document again, or check it by eye"),
}


def _plain(value: Any) -> Any:
    """``value`` as JSON keeps it: numpy's numbers as Python's, a clause as its dict."""
    if isinstance(value, Said):
        return value.to_dict()
    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, float):
        return float(value)
    if hasattr(value, "item"):  # a numpy scalar
        return value.item()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    raise ValueError(f"a finding's detail holds figures, names and clauses, not {type(value).__name__}")


@dataclass(frozen=True)
class Said:
    """A finding's detail as data: the code of its sentence (:data:`DETAILS`) and the fields the sentence needs."""

    code: str
    args: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        if self.code not in DETAILS:
            raise ValueError(f"no finding detail has the code {self.code!r}; add it to docexam.details.DETAILS")

    def text(self, gettext: Callable[[str], str] | None = None) -> str:
        """The sentence, in the language of ``gettext`` (a :class:`docexam.i18n.Translator`'s ``gettext``, or
        :func:`docexam.i18n._`); in English without one. A translation that does not take the fields (a catalogue
        gone wrong) gives the English sentence rather than none."""
        fields = {k: v.text(gettext) if isinstance(v, Said) else v for k, v in self.args.items()}
        english = DETAILS[self.code]
        if gettext is not None:
            try:
                return gettext(english).format(**fields)
            except (KeyError, ValueError, IndexError):
                pass
        return english.format(**fields)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "args": {k: _plain(v) for k, v in self.args.items()}}

    @classmethod
    def from_dict(cls, d: Any) -> Said | None:
        """The detail a stored ``{"code": ..., "args": {...}}`` holds; None for anything else (a record made before
        codes, a code this version does not know)."""
        if not isinstance(d, Mapping) or d.get("code") not in DETAILS or not isinstance(d.get("args", {}), Mapping):
            return None
        args = {}
        for k, v in d.get("args", {}).items():
            if isinstance(v, Mapping):
                inner = cls.from_dict(v)
                if inner is None:
                    return None
                v = inner
            args[str(k)] = v
        try:
            said = cls(str(d["code"]), args)
            said.text()  # the fields the sentence needs are there
        except (KeyError, ValueError, IndexError):
            return None
        return said


def say(code: str, **args: Any) -> Said:
    """A finding's detail: the sentence ``code`` with its fields (``say("ir_fades", name=name, ratio=0.31)``)."""
    return Said(code, {k: v if isinstance(v, Said) else _plain(v) for k, v in args.items()})


def finding_words(stored: Mapping[str, Any], gettext: Callable[[str], str] | None = None) -> str:
    """What a stored comparison finding (its ``to_dict()``) says, in ``gettext``'s language: from its code and
    figures (``detail_code``, ``detail_args``), else its stored English ``detail`` (older records), else ""."""
    said = Said.from_dict({"code": stored.get("detail_code"), "args": stored.get("detail_args") or {}})
    if said is not None:
        return said.text(gettext)
    value = stored.get("detail")
    return value if isinstance(value, str) else ""
