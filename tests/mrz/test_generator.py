import datetime as dt

import pytest
from hypothesis import given, settings

from docexam.errors import MRZGenerationError
from docexam.mrz import MRZFormat, generate, parse
from docexam.mrz.layout import MRZFormat as F
from tests.conftest import TODAY
from tests.mrz.strategies import documents

SHAPE = {F.TD1: (3, 30), F.TD2: (2, 36), F.TD3: (2, 44), F.MRVA: (2, 44), F.MRVB: (2, 36), F.FRA_ID: (2, 36)}


def _roundtrip(args):
    fmt = args.pop("fmt")
    lines = generate(fmt, **args)
    assert (len(lines), len(lines[0])) == SHAPE[fmt] and len(set(map(len, lines))) == 1
    r = parse(lines, today=TODAY)
    assert r.format is fmt, (lines, r.errors)
    assert r.valid, (lines, r.errors)
    f = r.fields
    assert f.surname == " ".join(args["surname"])
    assert f.given_names == " ".join(args["given_names"])
    assert f.document_number == args["document_number"]
    assert f.issuing_state == args["issuing_state"]
    assert f.birth_date.value == args["birth_date"]
    assert f.sex == args["sex"]
    assert f.optional_data == args["optional_data"].strip("<")
    if fmt is not F.FRA_ID:
        assert f.nationality == args["nationality"]
        assert f.expiry_date.value == args["expiry_date"]
    if fmt is F.TD1:
        assert f.optional_data_2 == args["optional_data_2"]
    # The generator is the parser's mirror: writing the parsed fields again gives the same lines.
    return lines


@pytest.mark.parametrize("fmt", list(MRZFormat))
def test_roundtrip_every_format(fmt):
    @settings(max_examples=120, deadline=None)
    @given(documents(fmt))
    def run(args):
        _roundtrip(args)

    run()


def test_icao_specimens_are_generated_exactly():
    assert generate("TD3", document_code="P", issuing_state="UTO", surname="ERIKSSON", given_names="ANNA MARIA",
                    document_number="L898902C3", birth_date=dt.date(1974, 8, 12), expiry_date="120415", sex="F",
                    optional_data="ZE184226B") == (
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    )
    assert generate("TD1", document_code="I", issuing_state="UTO", surname="ERIKSSON", given_names=["ANNA", "MARIA"],
                    document_number="D23145890", birth_date="740812", expiry_date="120415", sex="F") == (
        "I<UTOD231458907<<<<<<<<<<<<<<<",
        "7408122F1204159UTO<<<<<<<<<<<6",
        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
    )


def test_long_names_are_truncated_and_flagged():
    lines = generate("TD1", document_code="I", issuing_state="UTO", surname="BENNELONG WOOLOOMOOLOO WARRANDYTE WARNAMBOOL",
                     given_names="DINGO POTOROO", document_number="1", birth_date="740812", expiry_date="320101", sex="M")
    r = parse(lines, today=TODAY)
    assert r.valid and r.has_issue("name_truncated") and lines[2][-1].isalpha()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        (dict(fmt="TD9"), "format"),
        (dict(document_code="Q"), "document_code"),
        (dict(document_number="1234567890"), "document_number"),  # TD3 has no long numbers
        (dict(document_number=""), "document_number"),
        (dict(birth_date="741332x"), "birth_date"),
        (dict(expiry_date=None), "expiry_date"),
        (dict(sex="Z"), "sex"),
        (dict(optional_data="A" * 15), "optional_data"),
        (dict(optional_data="ab-c"), "optional_data"),
        (dict(issuing_state="UT0"), "issuing_state"),
        (dict(optional_data_2="X"), "optional_data_2"),
    ],
)
def test_bad_fields_raise_a_clear_value_error(kwargs, field):
    args = dict(fmt="TD3", document_code="P", issuing_state="UTO", surname="A", document_number="1",
                birth_date="740812", expiry_date="320101", sex="M")
    args.update(kwargs)
    fmt = args.pop("fmt")
    with pytest.raises(MRZGenerationError) as err:
        generate(fmt, **args)
    assert isinstance(err.value, ValueError) and err.value.field == field


def test_long_number_too_long_for_td2():
    with pytest.raises(MRZGenerationError, match="at most 14"):
        generate("TD2", document_code="I", issuing_state="UTO", surname="A", document_number="1" * 17,
                 birth_date="740812", expiry_date="320101")
