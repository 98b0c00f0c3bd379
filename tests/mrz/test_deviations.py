"""Known national deviations are reported, with their source, and never change what was read or the verdict."""

import numpy as np
import pytest

from docexam.mrz import compute_check_digit, generate, parse
from docexam.mrz.deviations import DEVIATIONS
from docexam.mrz.issues import IssueCode, issue_from_message
from tests.conftest import TODAY

G = dict(issuing_state="UTO", document_number="L898902C3", birth_date="740812", expiry_date="320415", sex="F")


def _belgian():
    number = "592123456789"
    l1 = ("IDBEL" + number[:9] + "<" + number[9:] + compute_check_digit(number) + "<").ljust(30, "<")
    l2 = "850712" + compute_check_digit("850712") + "F310101" + compute_check_digit("310101") + "BEL" + "<" * 11
    l2 += compute_check_digit(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
    return [l1, l2, "DUPONT<<MARIE<<<<<<<<<<<<<<<<<"]


def _deviations(lines):
    r = parse(lines, today=TODAY)
    return r, [i for i in r.warnings if i.code == IssueCode.NATIONAL_DEVIATION.value]


@pytest.mark.parametrize("key,lines,valid", [
    ("fra_id_1988", ["IDFRABERTHIER<<<<<<<<<<<<<<<<<<<<<<<", "8806923102858CORINNE<<<<<<<6512068F6"], True),
    ("long_document_number", _belgian(), True),
    ("td3_code_second_letter", list(generate("TD3", document_code="PC", surname="ZHENG", given_names="JIAN", **G)), True),
    ("nationality_not_a_code", ["IDROUSAVA<<SORIN<<<<<<<<<<<<<<<<<<<<", "RX12345674132801225M2812312<<<<<<<<4"], False),
    ("usa_card_receipt_number", list(generate("TD1", document_code="CB", surname="TARVEN", given_names="LOSA",
                                              optional_data="WAC1234567890", **(G | {"issuing_state": "USA"}))), True),
    ("national_characters", ["IDESPAAA1000014<00000023T<<<<<", "7212018F1101236ESP<<<<<<<<<<<8",
                             "ESPAÑOLA<ESPAÑOLA<CARMEN<<<<<<"], False),
])
def test_each_known_deviation_is_reported_with_its_source_and_the_verdict_is_untouched(key, lines, valid):
    r, found = _deviations(lines)
    assert [i.params["deviation"] for i in found] == [key]
    (issue,) = found
    entry = next(d for d in DEVIATIONS if d.key == key)
    assert issue.params["source"] == entry.source and entry.source in issue.message and "Doc 9303" in entry.source
    assert issue.message in r.to_dict()["warnings"]
    back = issue_from_message(issue.message)  # a reading stored with its messages only
    assert (back.code, back.params) == (IssueCode.NATIONAL_DEVIATION.value, issue.params)
    assert tuple(r.lines) == tuple(lines)  # as printed, nothing normalised
    assert r.valid is valid


def test_a_plain_icao_mrz_shows_no_deviation():
    for lines in (generate("TD3", document_code="P", surname="ERIKSSON", given_names="ANNA", **G),
                  generate("TD1", document_code="ID", surname="MUSTERMANN", given_names="ERIKA", **(G | {"issuing_state": "D"})),
                  generate("MRVB", document_code="V", surname="ERIKSSON", given_names="ANNA", **G)):
        assert _deviations(lines)[1] == []


def test_every_deviation_names_its_key_once_and_a_source():
    keys = [d.key for d in DEVIATIONS]
    assert len(keys) == len(set(keys)) and all(d.source and d.description for d in DEVIATIONS)


def test_the_characters_per_line_are_measured_from_the_geometry_alone():
    from docexam.read.reader import WIDTH_PER_CHARACTER, characters_per_line

    crop = np.full((100, 700), 255, np.uint8)
    height = 20
    for top in (20, 60):  # two lines of "characters": dark bars one height apart, 600 pixels wide
        for x in range(40, 640, 20):
            crop[top : top + height, x : x + 12] = 0
    chars = characters_per_line(crop, [(20, 40), (60, 80)])
    assert chars == pytest.approx((640 - 8 - 40) / height / WIDTH_PER_CHARACTER, rel=0.08)
