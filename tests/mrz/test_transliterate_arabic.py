"""Arabic script into the MRZ: the table is Doc 9303 Part 3, 6.C's, teh marbuta and shadda follow its notes, and
Appendix B's examples come out as the Appendix writes them; the name check takes Arabic names like any other."""

import re

import pytest

from docexam.mrz.name_check import NameAgreement, check_name
from docexam.mrz.transliterate import ARABIC, SHADDA, TEH_MARBUTA, spellings, transliterate
from tests.conftest import SHARED

PART3 = SHARED / "reference" / "icao9303" / "doc9303-part3.txt"


def test_the_arabic_table_is_section_6c():
    if not PART3.exists():
        pytest.fail(f"Doc 9303 Part 3 is missing: {PART3} (../shared beside the repo)")
    text = PART3.read_text(encoding="utf-8")
    begin = text.index("C.    Transliteration of Arabic Script", text.index("6.     TRANSLITERATIONS RECOMMENDED"))
    rows = {}
    for line in text[begin:text.index("7.    DEVIATIONS", begin)].splitlines():
        m = re.match(r"^(06[0-9A-F]{2}) .*? (X?[A-Z]+(?:/X?[A-Z]+)?\d?|\(Not encoded\)|\[DOUBLE\]\d) *$", line)
        if m:
            rows[chr(int(m.group(1), 16))] = m.group(2)
    assert len(rows) == 80  # every row of the table was read
    table = {ch: ("" if v == "(Not encoded)" else v) for ch, v in rows.items()
             if ch not in TEH_MARBUTA and ch != SHADDA}
    assert ARABIC == table
    assert rows["\u0629"] == "XTA/XAH2" and TEH_MARBUTA["\u0629"] == ("XTA", "XAH")  # note 2
    assert rows[SHADDA].startswith("[DOUBLE]")  # note 3


@pytest.mark.parametrize(("arabic", "mrz"), [
    ("جمال عبد الناصر", "JMAL EBD ALNAXSSR"),  # B.5.9
    ("ابو بكر محمد بن زكريا الرازي", "ABW BKR MXHMD BN ZKRYA ALRAZY"),  # B.4.2, B.5.10
    ("نعيمة جميلة", "NEYMXAH JMYLXAH"),  # B.5.9: teh marbuta ending a component
    ("عبّاس", "EBBAS"), ("فضّة", "FXDZXDZXAH"),  # 6.C note 3 (the shadda the text's extraction lost)
    ("مُحَمَّد", "MXHMMD"),  # vowel signs not encoded; NFC puts the fatha before the shadda
    ("فاطمةالزهراء", "FAXTTMXTAALZHRAXE"),  # teh marbuta inside a component: XTA
])
def test_arabic_names_are_transliterated_as_section_6c_and_appendix_b_write_them(arabic, mrz):
    assert transliterate(arabic) == mrz
    assert spellings(arabic) == {mrz}


def test_an_arabic_viz_name_is_checked_against_its_mrz_name():
    assert check_name("جمال عبد الناصر", "JMAL<EBD<ALNAXSSR").agreement is NameAgreement.TABLES
    changed = check_name("جمال عبد الناصر", "JMAL<EBD<ALNAXSSQ")
    assert changed.agrees is False and [(c.mrz_position, c.expected) for c in changed.changes] == [(16, ("R",))]
    ending = check_name("نعيمة", "NEYMXTA").changes  # the component's end wants XAH
    assert [(c.found, c.expected) for c in ending] == [("XTA", ("XAH",))]
