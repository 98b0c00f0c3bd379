"""Which checks a comparison ran, light by light, and what each found: the positive support of a conclusion.

A check runs when its light was captured and the reference describes what it needs (a portrait region, VIZ
fields, the fluorescent emblem); its findings are those of its kind, light and region. The table mirrors the
preconditions of :mod:`docexam.compare.checks` and :mod:`docexam.compare.mrz_viz`: a check listed here as run
and passed is one that looked and found nothing at or above the reporting level.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from docexam.checkrun import REGISTRATION_LABEL
from docexam.compare.checks import FIXED_REGIONS
from docexam.compare.mrz_print import specimen_lines
from docexam.compare.reference import Reference
from docexam.compare.result import OTHER_EXPECTED_SEEN, Alignment, CheckRun, Finding, FindingKind
from docexam.i18n import N_
from docexam.lights import Light


@dataclass(frozen=True)
class Check:
    """One check: its code, light, words, whether it can run (lights captured, reference regions) and which
    findings are its own."""

    code: str
    light: Light | None
    label: str
    runs: Callable[[frozenset[str], Reference], bool]
    owns: Callable[[Finding], bool]


def _viz(reference: Reference) -> bool:
    return any(n.startswith("viz:") for n in reference.regions)


def _personalised(reference: Reference) -> list[str]:
    return [n for n in reference.regions if n not in FIXED_REGIONS]


def _checks_regions(reference: Reference, light: Light, others: tuple[str, ...]) -> bool:
    """Whether a region other than ``others`` has its ink (IR) or glow (UV) checked: each personalised region as
    ``specimen.json`` implies, or each region a library reference's annotation says something of in that light."""
    if reference.expected is not None:
        return any(n not in others and (e.ir if light is Light.IR else e.uv) is not None
                   for n, e in reference.expected.items())
    return any(n not in others for n in _personalised(reference))


def _is(kind: FindingKind, light: Light, region: Callable[[str | None], bool] = lambda r: True) -> Callable[[Finding], bool]:
    return lambda f: f.kind is kind and f.light == light and region(f.region)


_DESIGN_KINDS = (FindingKind.DIFFERENCE, FindingKind.UV_UNEXPECTED, FindingKind.UV_FEATURE_MISSING)
#: What :func:`docexam.compare.checks.visible_values` says.
_VALUE_PRINT_SAID = frozenset({"value_missing", "value_late"})


def _value_print(f: Finding) -> bool:
    """Whether ``f`` is a VIZ value's print found missing (:func:`docexam.compare.checks.visible_values`)."""
    return f.kind is FindingKind.VIZ_FIELD and f.said is not None and f.said.code in _VALUE_PRINT_SAID


def _glyphs(f: Finding) -> bool:
    """Whether ``f`` is an MRZ cell unlike the document's other prints of its character (:mod:`docexam.compare.mrz_glyphs`)."""
    return f.kind is FindingKind.DIFFERENCE and f.said is not None and f.said.code == "mrz_glyph_departs"


def _design(light: Light) -> Check:
    return Check(f"design:{light.value}", light, N_("fixed design against the specimen (difference map)"),
                 lambda lights, ref: light in lights,
                 lambda f: f.light == light and f.region is None and f.kind in _DESIGN_KINDS
                 and not (f.kind is FindingKind.UV_FEATURE_MISSING and f.region == "fibres"))


#: Every check of a comparison, in the order the report lists them.
CHECKS: tuple[Check, ...] = (
    Check("visible:portrait", Light.VISIBLE, N_("portrait edge (a glued photograph's hairline)"),
          lambda lights, ref: Light.VISIBLE in lights and "portrait" in ref.regions,
          _is(FindingKind.PORTRAIT, Light.VISIBLE)),
    Check("visible:viz_fields", Light.VISIBLE, N_("background print under the VIZ fields (erasure)"),
          lambda lights, ref: Light.VISIBLE in lights and _viz(ref),
          lambda f: _is(FindingKind.VIZ_FIELD, Light.VISIBLE)(f) and not _value_print(f)),
    Check("visible:viz_values", Light.VISIBLE, N_("VIZ values printed from their field's start, dates and numbers in "
                                                  "full (nothing covered or erased)"),
          lambda lights, ref: Light.VISIBLE in lights and "mrz" in ref.regions and _viz(ref), _value_print),
    _design(Light.VISIBLE),
    Check("visible:mrz_print", Light.VISIBLE, N_("MRZ printed in every position (nothing erased or covered)"),
          lambda lights, ref: Light.VISIBLE in lights and bool(specimen_lines(ref)),
          lambda f: _is(FindingKind.DIFFERENCE, Light.VISIBLE, lambda r: r == "mrz")(f) and not _glyphs(f)),
    Check("uv:paper", Light.UV, N_("paper fluorescence (optical brighteners)"),
          lambda lights, ref: Light.UV in lights, _is(FindingKind.PAPER_FLUORESCENCE, Light.UV)),
    Check("uv:emblem", Light.UV, N_("fluorescent emblem present and in place"),
          lambda lights, ref: Light.UV in lights and "uv_emblem" in ref.regions,
          _is(FindingKind.UV_FEATURE_MISSING, Light.UV, lambda r: r == "uv_emblem")),
    Check("uv:fibres", Light.UV, N_("fluorescent fibres"),
          lambda lights, ref: Light.UV in lights, _is(FindingKind.UV_FEATURE_MISSING, Light.UV, lambda r: r == "fibres")),
    Check("uv:personalisation", Light.UV, N_("fluorescent personalisation"),
          lambda lights, ref: Light.UV in lights and _checks_regions(ref, Light.UV, ("portrait", "uv_emblem")),
          lambda f: f.light == Light.UV and f.kind in (FindingKind.UV_FEATURE_MISSING, FindingKind.UV_UNEXPECTED)
          and f.region not in (None, "uv_emblem", "fibres")),
    Check("uv:portrait", Light.UV, N_("portrait under UV (a fluorescing photograph)"),
          lambda lights, ref: Light.UV in lights and "portrait" in ref.regions, _is(FindingKind.PORTRAIT, Light.UV)),
    _design(Light.UV),
    Check("ir:inks", Light.IR, N_("IR inks of the MRZ and VIZ fields (absorb or drop out)"),
          lambda lights, ref: {Light.IR, Light.VISIBLE} <= lights and _checks_regions(ref, Light.IR,
                                                                                    ("portrait", "ghost")),
          lambda f: f.light == Light.IR and f.kind in (FindingKind.IR_DROPOUT, FindingKind.IR_NO_DROPOUT,
                                                        FindingKind.VIZ_FIELD)),
    Check("ir:b900", Light.IR, N_("each MRZ and IR-absorbing VIZ character dark in IR (B900)"),
          lambda lights, ref: {Light.IR, Light.VISIBLE} <= lights, _is(FindingKind.B900, Light.IR)),
    Check("ir:portrait", Light.IR, N_("portrait in IR (a photograph's dyes)"),
          lambda lights, ref: {Light.IR, Light.VISIBLE} <= lights and "portrait" in ref.regions,
          _is(FindingKind.PORTRAIT, Light.IR)),
    _design(Light.IR),
)


#: The checks of a light that do not rest on its registration's pixel alignment: the paper's glow and the fibres'
#: density, over the page.
_ALIGNMENT_FREE = frozenset({"uv:paper", "uv:fibres"})
#: What a light whose registration is uncertain shows in place of the checks that rest on its pixel alignment.
UNCERTAIN_LABEL = N_("compared pixel by pixel with the specimen: not examined, the registration is uncertain")


def checks_performed(lights: Sequence[str], reference: Reference, findings: Sequence[Finding],
                     alignments: Mapping[str, Alignment], *, mrz_light: str | None, mrz_read: bool,
                     viz_compared: bool) -> list[CheckRun]:
    """The checks a comparison of ``lights`` with ``reference`` ran, each with the findings that are its own.

    Registration comes first, per registered light (its residual in the label); the MRZ's check digits when an
    MRZ was read (in ``mrz_light``); the MRZ against the VIZ when the VIZ was compared (the MRZ repeats
    the VIZ's data, ICAO Doc 9303 Part 3, 4.1). In a light whose registration is uncertain
    (:attr:`Alignment.uncertain`) the checks that rest on its pixel alignment are not listed as passed: one
    ``not_examined:<light>`` entry (:data:`UNCERTAIN_LABEL`) stands for them, with the light's findings that are
    theirs (notes only) and the note that says why.
    """
    given = frozenset(lights)
    out = []
    for light in Light:
        a = alignments.get(light)
        if a is not None:
            out.append(CheckRun(f"registration:{light.value}", light.value,
                                REGISTRATION_LABEL.format(method=a.method, residual=f"{a.residual_px:.2f}")))
        uncertain = a is not None and a.uncertain is not None
        skipped: list[Finding] = []
        for check in CHECKS:
            if check.light is light and check.runs(given, reference):
                own = [f for f in findings if check.owns(f)]
                if uncertain and check.code not in _ALIGNMENT_FREE:
                    skipped += own
                    continue
                out.append(CheckRun(check.code, light.value, check.label, len(own), sum(f.alarm for f in own)))
        if uncertain:
            own = skipped + [f for f in findings if f.light == light and f.kind is FindingKind.NOT_EXAMINED
                             and f.seen == OTHER_EXPECTED_SEEN[FindingKind.NOT_EXAMINED][0][1]]
            out.append(CheckRun(f"not_examined:{light.value}", light.value, UNCERTAIN_LABEL, len(own),
                                sum(f.alarm for f in own)))
    if mrz_read:
        own = [f for f in findings if f.kind is FindingKind.MRZ_CHECK]
        out.append(CheckRun("mrz:check_digits", mrz_light, N_("MRZ check digits (Doc 9303 Part 3, 4.9)"), len(own),
                            sum(f.alarm for f in own)))
    if mrz_read:
        own = [f for f in findings if _glyphs(f)]
        out.append(CheckRun("mrz:glyphs", mrz_light, N_("MRZ characters printed alike, each like the document's other "
                                                          "prints of it (nothing stuck on or printed again)"),
                            len(own), sum(f.alarm for f in own)))
    if viz_compared:
        own = [f for f in findings if f.kind is FindingKind.MRZ_VIZ_MISMATCH]
        out.append(CheckRun("mrz:viz", mrz_light, N_("MRZ against the VIZ fields"), len(own), sum(f.alarm for f in own)))
    return out
