"""The design generator: codes, splits, the fictional states' codes, and layouts that hold for every design."""

from __future__ import annotations

import re

import numpy as np
import pycountry
import pytest

from docexam.lights import Light
from docexam.mrz import parse
from docexam.specimens import designs
from docexam.specimens.design import FAMILIES, Box, FamilyName, mm_to_px
from docexam.specimens.designs import STATES, Split, UnknownDesignError, catalogue, choose, design, parse_code, split
from docexam.specimens.render import random_specimen, render
from tests.conftest import ROOT, TODAY

ICAO_PART3 = ROOT.parent / "shared" / "reference" / "icao9303" / "doc9303-part3.txt"


def _overlap(a: Box, b: Box) -> float:
    w = min(a.x + a.w, b.x + b.w) - max(a.x, b.x)
    h = min(a.y + a.h, b.y + b.h) - max(a.y, b.y)
    return max(0.0, w) * max(0.0, h)


def test_codes_parse_and_utopia_keeps_its_families():
    assert parse_code("CSP-TD1-3") == ("CSP", FamilyName.TD1, 3)
    assert parse_code("uto-td3") == ("UTO", FamilyName.TD3, None)
    assert parse_code("td3") == ("UTO", FamilyName.TD3, None)  # a family's name alone: Utopia's design of it
    for fam in FAMILIES.values():
        assert design(fam.design) is fam
        assert fam.folder == fam.name.value  # packs keep reference/<family>/ for Utopia
    assert design("NVR-MRVB-2").folder == "nvr-mrvb-2"


@pytest.mark.parametrize("code", ["", "CSP", "CSP-TD4-1", "CSP-TD1-0", "CSP-TD1-1000", "XYZ-TD1-1", "CSP-TD1",
                                  "UTO-TD3-1", "UTO-MRVB", 7])
def test_bad_codes_say_what_a_code_is(code):
    with pytest.raises(UnknownDesignError, match=r"design|state|variant|Utopia"):
        design(code)  # type: ignore[arg-type]


def test_splits_by_variant_parity_and_catalogue_lists_both():
    assert split("UTO-TD3") is Split.DEVELOPMENT
    assert split("ARC-TD3-1") is Split.DEVELOPMENT and split("ARC-TD3-2") is Split.HELD_OUT
    dev, held = catalogue(which=Split.DEVELOPMENT), catalogue(which=Split.HELD_OUT)
    assert not set(dev) & set(held)
    assert len(held) == len(STATES) * len(FamilyName) * designs.CATALOGUE_VARIANTS // 2
    assert set(catalogue()) == set(dev) | set(held)
    assert all(c.endswith(("-2", "-4", "-6", "-8")) for c in held)


def test_choose_spreads_over_states_and_families_and_is_seeded():
    picked = choose(20, seed=7)
    assert len(set(picked)) == 20 and not any(c.startswith("UTO") for c in picked)
    assert len({c.rsplit("-", 1)[0] for c in picked}) == 20  # no second variant of a state's family yet
    assert choose(20, seed=7) == picked and choose(20, seed=8) != picked
    assert all(split(c) is Split.HELD_OUT for c in choose(5, seed=1, which=Split.HELD_OUT))
    assert {design(c).name for c in choose(6, seed=1, families=(FamilyName.MRVB,))} == {FamilyName.MRVB}
    with pytest.raises(ValueError, match="positive"):
        choose(0, seed=1)
    with pytest.raises(ValueError, match="catalogue has"):
        choose(10_000, seed=1)


def test_state_codes_are_invented_not_iso_3166_nor_reserved_by_doc9303():
    reserved = set(re.findall(r"\b([A-Z]{3})\s*$", ICAO_PART3.read_text(encoding="utf-8"), flags=re.M))
    assert {"XXA", "UTO", "XOM"} <= reserved  # the text was read
    for state in STATES:
        assert pycountry.countries.get(alpha_3=state.code) is None, state.code
        assert pycountry.historic_countries.get(alpha_3=state.code) is None, state.code
        assert state.code not in reserved, state.code


def test_the_same_code_gives_the_same_design_and_variants_differ():
    a = design("ARC-TD3-5")
    designs._generate.cache_clear()
    assert design("ARC-TD3-5") == a
    others = [design(f"ARC-TD3-{v}") for v in range(1, 9)]
    assert len({(d.portrait, d.guilloche_style, d.print_ink, d.fields) for d in others}) == 8


@pytest.mark.parametrize("code", [c for c in catalogue() if not c.startswith("UTO-")])
def test_every_design_lays_out_inside_the_page_and_clear_of_the_mrz(code):
    d = design(code)
    page = Box(0.0, 0.0, d.width, d.height)
    assert d.mrz_clear.y + d.mrz_clear.h == pytest.approx(d.height)
    boxes = {"portrait": d.portrait, "emblem": d.emblem} | ({"ghost": d.ghost} if d.ghost else {})
    for f in d.fields:
        boxes[f"viz:{f.key}"] = f.value_box()
    for name, box in boxes.items():
        assert _overlap(box, page) == pytest.approx(box.w * box.h, abs=0.05), name
        assert _overlap(box, d.mrz_clear) < 0.5, f"{name} runs into the MRZ's clear band"
    for f in d.fields:
        box = f.value_box()
        assert _overlap(box, d.portrait) < 0.5 and (d.ghost is None or _overlap(box, d.ghost) < 0.5), f.key
        for extra in (d.signature, d.perforation, d.window):
            assert extra is None or _overlap(box, extra) < 0.5, f.key
    text = [(f.key, Box(f.x, f.y - f.size * 1.05, f.max_width, f.size * 1.3)) for f in d.fields]
    for i, (ka, a) in enumerate(text):
        for kb, b in text[i + 1 :]:
            assert _overlap(a, b) < 0.2, f"{ka} and {kb} overlap"
    assert len({f.key for f in d.fields}) == len(d.fields)
    assert {"surname", "given_names", "number", "birth_date", "expiry_date"} <= {f.key for f in d.fields}


@pytest.mark.parametrize("code", ["CSP-TD3-1", "NVR-TD1-3", "ARC-TD2-5", "OPH-MRVA-1", "KST-MRVB-7", "ZLN-TD3-2"])
def test_designs_render_in_three_registered_lights_with_their_ir_and_uv_behaviour(code):
    d = design(code)
    s = random_specimen(d, 11, today=TODAY)
    assert parse(list(s.mrz), today=TODAY).valid
    imgs = render(s, dpi=150)
    assert {img.shape for img in imgs.values()} == {(round(mm_to_px(d.height, 150)), round(mm_to_px(d.width, 150)), 3)}
    grey = {light: imgs[light].mean(axis=2) for light in imgs}

    def region(light: Light, box: Box) -> np.ndarray:
        x, y, w, h = box.px(150)
        return grey[light][y : y + h, x : x + w]

    mrz = d.mrz_box(len(s.mrz))
    assert region(Light.IR, mrz).min() < 60  # B900: the MRZ absorbs in IR (Doc 9303 Part 3, 4.11)
    for f in d.fields:
        value = region(Light.IR, f.value_box())
        if f.ir_absorbing:
            assert value.min() < 80, f"{f.key} should stay dark in IR"
        elif not d.caption_ir and not d.background_ir and d.perforation is None:
            assert value.min() > 120, f"{f.key} should drop out in IR"
    emblem = region(Light.UV, d.emblem)
    assert emblem.max() > grey[Light.UV].mean() + 60  # the UV emblem glows


def test_every_text_a_design_prints_has_its_glyphs_in_the_font_it_is_printed_in():
    from fontTools.ttLib import TTFont

    from docexam.specimens.render import FONTS, SANS_BOLD

    cmaps: dict[str, set[int]] = {}

    def covered(text: str, font: str) -> bool:
        if font not in cmaps:
            cmaps[font] = set(TTFont(font, fontNumber=0).getBestCmap())
        return all(ord(c) in cmaps[font] for c in text if not c.isspace())

    for code in catalogue():
        d = design(code)
        for text, *_ in d.header:
            assert covered(text, FONTS[d.header_font]), (code, text)
        for f in d.fields:
            assert covered(f.caption, FONTS[d.caption_font]), (code, f.caption)
        for text, *_ in d.art_text:  # right-to-left titles: DejaVu Sans has Hebrew, the serif faces do not
            assert covered(text, SANS_BOLD), (code, text)
