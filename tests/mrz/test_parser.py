import datetime as dt

import pytest

from docexam.errors import MRZInputError
from docexam.mrz import MRZFormat, compute_check_digit, generate, parse
from tests.conftest import TODAY

TD3_SPECIMEN = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
TD1_SPECIMEN = ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]
TD2_SPECIMEN = ["I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6"]


def p(lines):
    return parse(lines, today=TODAY)


def test_td3_specimen_every_field_and_check():
    r = p(TD3_SPECIMEN)
    f = r.fields
    assert r.format is MRZFormat.TD3 and r.valid
    assert (f.document_code, f.issuing_state, f.surname, f.given_names) == ("P", "UTO", "ERIKSSON", "ANNA MARIA")
    assert (f.document_number, f.nationality, f.sex, f.optional_data) == ("L898902C3", "UTO", "F", "ZE184226B")
    assert f.birth_date.value == dt.date(1974, 8, 12) and f.expiry_date.value == dt.date(2012, 4, 15)
    assert [(c.name, c.expected, c.found, c.valid) for c in r.checks] == [
        ("document_number", "6", "6", True),
        ("birth_date", "2", "2", True),
        ("expiry_date", "9", "9", True),
        ("optional_data", "1", "1", True),
        ("composite", "0", "0", True),
    ]
    assert r.check("composite").line == 1 and r.check("composite").column == 43
    assert [w.code for w in r.warnings] == ["expired"] and "2012-04-15" in r.warnings[0].message


def test_td1_and_td2_specimens():
    r1, r2 = p(TD1_SPECIMEN), p(TD2_SPECIMEN)
    assert r1.format is MRZFormat.TD1 and r1.valid and r1.fields.document_number == "D23145890"
    assert r2.format is MRZFormat.TD2 and r2.valid and r2.fields.surname == "ERIKSSON"
    assert {c.name for c in r1.checks} == {"document_number", "birth_date", "expiry_date", "composite"}


def test_text_with_newlines_and_surrounding_space_is_accepted():
    assert p("  " + TD3_SPECIMEN[0] + "\n\n" + TD3_SPECIMEN[1] + "  \n").valid


def test_one_altered_digit_fails_its_check_and_the_composite():
    lines = [TD3_SPECIMEN[0], TD3_SPECIMEN[1].replace("7408122", "7508122")]
    r = p(lines)
    assert not r.valid
    assert not r.check("birth_date").valid and not r.check("composite").valid
    assert r.check("birth_date").expected == compute_check_digit("750812")
    assert r.check("document_number").valid and r.check("expiry_date").valid


def test_visas_have_no_composite():
    lines = generate("MRVB", document_code="V", issuing_state="UTO", surname="X", document_number="1",
                     birth_date="800101", expiry_date="300101", sex="M")
    r = p(lines)
    assert r.format is MRZFormat.MRVB and r.valid and r.check("composite") is None
    a = p(generate("MRVA", document_code="V", issuing_state="UTO", surname="X", document_number="1",
                   birth_date="800101", expiry_date="300101", sex="M"))
    assert a.format is MRZFormat.MRVA and a.valid


# --- Regressions for bugs of the open-source readers -----------------------------------------------


def test_germany_d_fillers_is_a_state_not_an_error():
    lines = generate("TD1", document_code="ID", issuing_state="D", surname="MUSTERMANN", given_names="ERIKA",
                     document_number="T22000129", birth_date="640812", expiry_date="310101", sex="F")
    assert lines[0].startswith("IDD<<")
    r = p(lines)
    assert r.valid and r.fields.issuing_state == "D" and not r.has_issue("unknown_code")


def test_belgian_long_document_number_td1():
    # Belgian eID numbers have 12 digits: 9 in the number field, '<', the rest, their check digit, '<'
    # (Part 5 note j and 4.2.4).
    number = "592123456789"
    line1 = "IDBEL" + number[:9] + "<" + number[9:] + compute_check_digit(number) + "<"
    line1 = line1.ljust(30, "<")
    line2 = "850712" + compute_check_digit("850712") + "F310101" + compute_check_digit("310101") + "BEL" + "<" * 11
    composite = compute_check_digit(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29])
    r = p([line1, line2 + composite, "DUPONT<<MARIE<<<<<<<<<<<<<<<<<"])
    assert r.valid, r.errors
    assert r.fields.document_number == number and r.fields.optional_data == ""
    assert r.check("document_number").column == 18  # the check digit follows the overflow


def test_long_number_marker_without_continuation_is_an_error():
    line1 = "IDBEL592123456<<<<<<<<<<<<<<<<"
    r = p([line1, "8507124F3101011BEL<<<<<<<<<<<0", "DUPONT<<MARIE<<<<<<<<<<<<<<<<<"])
    assert r.has_issue("document_number") and not r.valid


@pytest.mark.parametrize("digit", ["<", "0"])
def test_empty_personal_number_check_digit_may_be_filler_or_zero(digit):
    base = generate("TD3", document_code="P", issuing_state="UTO", surname="ERIKSSON", given_names="ANNA",
                    document_number="L898902C3", birth_date="740812", expiry_date="320415", sex="F",
                    empty_optional_check=digit)
    assert base[1][42] == digit
    r = p(base)
    assert r.valid and r.check("optional_data").valid


def test_empty_personal_number_with_another_digit_fails():
    base = list(generate("TD3", document_code="P", issuing_state="UTO", surname="A", document_number="1",
                         birth_date="740812", expiry_date="320415", sex="F"))
    base[1] = base[1][:42] + "5" + base[1][43:]
    assert not p(base).check("optional_data").valid


def test_pre_2021_french_id_is_not_read_as_td2():
    r = p(["IDFRABERTHIER<<<<<<<<<<<<<<<<<<<<<<<", "8806923102858CORINNE<<<<<<<6512068F6"])
    assert r.format is MRZFormat.FRA_ID and r.valid
    f = r.fields
    assert (f.surname, f.given_names, f.document_number, f.sex) == ("BERTHIER", "CORINNE", "880692310285", "F")
    assert f.birth_date.value == dt.date(1965, 12, 6) and f.expiry_date is None
    assert {c.name for c in r.checks} == {"document_number", "birth_date", "composite"}


def test_french_card_with_office_code_and_several_given_names():
    lines = generate("FRA_ID", document_code="ID", issuing_state="FRA", surname="SPECIMEN",
                     given_names="JEAN PIERRE", document_number="990675000123", birth_date="800704", sex="M",
                     optional_data="075012")
    r = p(lines)
    assert r.valid and r.fields.given_names == "JEAN PIERRE" and r.fields.optional_data == "075012"
    assert lines[1][13:27] == "JEAN<<PIERRE<<"


def test_td2_card_from_france_stays_td2_when_its_checks_hold():
    lines = generate("TD2", document_code="ID", issuing_state="FRA", surname="MARTIN", given_names="LEA",
                     document_number="X4RTBPFW4", birth_date="900713", expiry_date="300211", sex="F")
    r = p(lines)
    assert r.format is MRZFormat.TD2 and r.valid


def test_chinese_passport_with_no_filler_in_line_2():
    lines = generate("TD3", document_code="PO", issuing_state="CHN", surname="ZHENG", given_names="JIAN",
                     document_number="E12345678", birth_date="850101", expiry_date="300101", sex="M",
                     optional_data="NGKELMPONBPAA9")
    assert "<" not in lines[1]
    r = p(lines)
    assert r.valid and r.fields.optional_data == "NGKELMPONBPAA9"


def test_single_name_holder():
    r = p(generate("TD3", document_code="P", issuing_state="UTO", surname="ARKFREITH", document_number="1",
                   birth_date="740812", expiry_date="320415", sex="M"))
    assert r.valid and r.fields.surname == "ARKFREITH" and r.fields.given_names == ""


def test_truncated_name_is_a_warning():
    r = p(["P<UTONILAVADHANANANDA<<CHAYAPA<DEJTHAMRONG<K", "L898902C36UTO7408122F3204153ZE184226B<<<<<16"])
    assert r.valid and r.has_issue("name_truncated") and r.fields.given_names == "CHAYAPA DEJTHAMRONG K"


def test_unknown_birth_date_parts():
    lines = generate("TD3", document_code="P", issuing_state="UTO", surname="A", document_number="1",
                     birth_date="74<<<<", expiry_date="320415", sex="<")
    r = p(lines)
    assert r.valid and r.fields.birth_date.year == 1974 and r.fields.birth_date.value is None
    assert r.has_issue("birth_date_unknown") and r.to_dict()["fields"]["birth_date"] is None


# --- Codes, dates, sex -------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["GBD", "GBN", "GBO", "GBP", "GBS", "UNO", "UNA", "UNK", "XXA", "XXB", "XXC", "XXX", "EUE", "RKS", "UTO", "XOM"])
def test_part3_codes_are_known(code):
    r = p(generate("TD3", document_code="P", issuing_state=code, surname="A", document_number="1",
                   birth_date="740812", expiry_date="320415", sex="M"))
    assert r.valid and not r.has_issue("unknown_code")


_PRINTED = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"


@pytest.mark.parametrize(("line1", "where"), [
    (_PRINTED[:2] + "<" + _PRINTED[2:-1], "issuing_state"),  # shifted a character right: '<UT'
    (_PRINTED.replace("UTO", "UT0"), "issuing_state"),  # an O read as a zero
    (_PRINTED.replace("UTO", "U<O"), "issuing_state"),  # a filler between the letters
])
def test_a_state_code_that_is_not_letters_then_fillers_is_an_error(line1, where):
    """Doc 9303 Part 3, 5: a state's code is three letters, or fewer padded with fillers to the right (D<<). A reading
    shifted by a character ('<UT') or with a digit in the code validates by its check digits, which do not cover
    line 1 of a TD3: it must not pass as valid."""
    line2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
    assert p([_PRINTED, line2]).valid  # the line as printed
    r = p([line1, line2])
    assert not r.valid
    issue = next(e for e in r.errors if e.code == "state_code")
    assert issue.field == where and issue.params["value"] == line1[2:5]


def test_a_nationality_of_digits_is_a_national_layout_not_an_error():
    """The Romanian identity card of the corpus prints '132' where Doc 9303 puts the nationality, its check digits
    holding: the state-code rule is the issuing state's alone (line 1, which no check digit covers)."""
    r = p(["IDROUSAVA<<SUPERMAN<<<<<<<<<<<<<<<<<", "HD198025<51328505095M130509012049941"])
    assert r.valid and not r.has_issue("state_code")


def test_unknown_state_is_a_warning_not_an_error():
    r = p(generate("TD3", document_code="P", issuing_state="QQQ", surname="A", document_number="1",
                   birth_date="740812", expiry_date="320415", sex="M"))
    assert r.valid and r.has_issue("unknown_code")


def test_date_warnings_carry_the_dates():
    r = p(generate("TD1", document_code="I", issuing_state="UTO", surname="A", document_number="1",
                   birth_date="150812", expiry_date="200101", sex="F"))
    codes = {w.code: w.message for w in r.warnings}
    assert "2020-01-01" in codes["expired"] and "2015-08-12" in codes["under_age"]
    assert "11" in codes["under_age"]


def test_birth_after_expiry_is_a_warning():
    r = p(generate("TD3", document_code="P", issuing_state="UTO", surname="A", document_number="1",
                   birth_date="200101", expiry_date="100101", sex="F"))
    assert r.has_issue("birth_after_expiry")


def test_impossible_date_is_an_error():
    lines = list(TD3_SPECIMEN)
    lines[1] = lines[1][:13] + "741312" + compute_check_digit("741312") + lines[1][20:]
    r = p(lines)
    assert any(e.code == "date" and "month 13" in e.message for e in r.errors)


def test_sex_codes():
    lines = list(TD3_SPECIMEN)
    assert p([lines[0], lines[1][:20] + "<" + lines[1][21:]]).fields.sex == "<"
    bad = p([lines[0], lines[1][:20] + "Q" + lines[1][21:]])
    assert any(e.code == "sex" for e in bad.errors)


def test_wrong_document_code_for_the_format():
    lines = ["X" + TD3_SPECIMEN[0][1:], TD3_SPECIMEN[1]]
    assert any(e.code == "document_code" for e in p(lines).errors)


# --- Corrupted input: an error in the result, never an exception ----------------------------------------


@pytest.mark.parametrize(
    ("lines", "needle"),
    [
        ([], "empty input"),
        (["", "   "], "empty input"),
        ([TD3_SPECIMEN[0], TD3_SPECIMEN[1][:-1]], "44 and 43"),
        (["hello world"], "not an MRZ shape"),
        ([TD3_SPECIMEN[0]], "1 line(s)"),
    ],
)
def test_input_that_is_no_mrz_shape(lines, needle):
    r = p(lines)
    assert r.format is None and not r.valid and r.fields is None
    assert needle in r.errors[0].message


def test_lower_case_is_named():
    r = p([TD3_SPECIMEN[0].lower(), TD3_SPECIMEN[1]])
    assert r.format is MRZFormat.TD3 and not r.valid
    assert any("lower-case" in e.message for e in r.errors)
    assert r.fields.surname == "ERIKSSON"  # still read, so the examiner sees what it would say


def test_stray_characters_are_located():
    r = p([TD3_SPECIMEN[0], TD3_SPECIMEN[1][:5] + "?" + TD3_SPECIMEN[1][6:]])
    err = next(e for e in r.errors if e.code == "character")
    assert "'?' at column 6" in err.message
    assert r.check("document_number").expected is None and not r.check("document_number").valid


def test_misuse_of_the_api_raises():
    with pytest.raises(MRZInputError, match="sequence of str"):
        parse(12345)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        parse(["P<UTO", 7])  # type: ignore[list-item]


def test_json_shape_has_the_documented_keys():
    d = p(TD1_SPECIMEN).to_dict()
    assert {"format", "valid", "lines", "fields", "checks", "errors", "warnings"} <= d.keys()
    assert {"document_code", "issuing_state", "surname", "given_names", "document_number", "nationality",
            "birth_date", "expiry_date", "sex", "optional_data"} <= d["fields"].keys()
    assert d["format"] == "TD1" and d["fields"]["birth_date"] == "1974-08-12"
    assert d["checks"] == {"document_number": True, "birth_date": True, "expiry_date": True, "composite": True}


# --- Real documents: the peer corpus truth --------------------------------------------------------------

_DETAIL = {"number": "document_number", "birth": "birth_date", "expiry": "expiry_date", "personal": "optional_data",
           "composite": "composite"}


def test_real_document_mrzs_from_the_peer_corpus(corpus_truth):
    """Every transcribed real MRZ: right format, and each check digit judged as the transcriber verified it."""
    checked = 0
    for name, entry in corpus_truth.items():
        if not entry.get("mrz"):
            continue
        r = p(entry["mrz"])
        assert r.format is not None and r.format.value == entry["format"], name
        mine = {c.name: c.valid for c in r.checks}
        for key, ok in entry.get("check_digit_detail", {}).items():
            assert mine[_DETAIL[key]] == ok, (name, key)
        assert all(mine.values()) == entry["check_digits_valid_as_printed"], name
        checked += 1
    assert checked >= 30


def test_a_result_is_the_same_whether_its_fields_are_built_now_or_later():
    import copy
    import pickle

    lines = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
    looked_at = parse(lines, today=TODAY)
    assert looked_at.fields.surname == "ERIKSSON"  # built on first access
    untouched = parse(lines, today=TODAY)
    assert untouched == looked_at and untouched.valid
    for again in (pickle.loads(pickle.dumps(parse(lines, today=TODAY))), copy.deepcopy(parse(lines, today=TODAY))):
        assert again == looked_at and again.to_dict() == looked_at.to_dict()
    forged = parse([lines[0], lines[1][:13] + "8" + lines[1][14:]], today=TODAY)
    assert not forged.valid and forged != looked_at
    assert [c.name for c in forged.checks if not c.valid] == ["birth_date", "composite"]
