"""The typed records Store.show() returns: each round-trips through to_dict/from_dict, the selectors find the newest
reading and comparison, and rows stored by older versions (a reference as a folder path or a family name, warnings
as messages only) are read with the same meaning."""

import pytest

from docexam.mrz import parse
from docexam.mrz.issues import IssueCode, issue_from_message
from docexam.store.records import (
    AlignmentRecord,
    CaseRecord,
    CheckRecord,
    ComparisonRecord,
    EvidenceRecord,
    FindingRecord,
    MRZReading,
    ReferenceId,
)
from tests.conftest import TODAY
from tests.store.conftest import reading

ICAO = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
# Expired, under age (born 2012), an unknown nationality code, stray fillers in the name.
WARNED = ["P<UTOERIKSSON<<ANNA<<<MARIA<<<<<<<<<<<<<<<<<", "L898902C36ZZZ1208122F1204159ZE184226B<<<<<14"]
HOMOGRAPHY = [[1.5, 0.0, -85.0], [0.0, 1.5, -97.0], [0.0, 0.0, 1.0]]


def summary(reference) -> dict:
    return {"reference": reference, "aligned": {"visible": {"residual_px": 0.8, "inliers": 120, "method": "features+ecc",
                                                            "homography": HOMOGRAPHY}},
            "alarms": 1, "elapsed_ms": 321.5, "mrz": {"light": "ir", "viz": {"surname": "ERIKSSON"}, "notes": ["n"]}}


# --- round trips ---------------------------------------------------------------------------------------------


def test_a_new_reading_keeps_codes_and_values_and_round_trips():
    d = parse(WARNED, today=TODAY).to_dict()
    r = MRZReading.from_dict(d)
    codes = {i.code for i in r.warnings}
    assert {"expired", "under_age", "unknown_code", "stray_fillers"} <= codes
    under = next(i for i in r.warnings if i.code == "under_age")
    assert under.params == {"birth": "2012-08-12", "age": "14", "adult": "18"}
    assert MRZReading.from_dict(r.to_dict()) == r
    assert r.to_dict()["warnings"] == d["warnings"] and r.to_dict()["issues"] == d["issues"]


def test_a_reader_object_round_trips_with_its_confidences_and_corrections():
    d = parse(ICAO, today=TODAY).to_dict()
    d = {"path": "x.jpg", "found": True, "engine": "ocrb", "elapsed_ms": 40.1,
         **{k: d[k] for k in ("format", "lines", "fields", "checks", "errors", "warnings", "issues")},
         "valid": True, "confidence": 0.97, "char_confidence": [[0.99] * 44, [0.5] + [0.99] * 43],
         "corrections": [{"line": 2, "position": 1, "read": "I", "corrected": "L"}], "region": [[0, 0], [1, 1]]}
    r = MRZReading.from_dict(d)
    assert r.to_dict() == d
    assert MRZReading.from_dict(r.to_dict()) == r
    assert r.corrections[0].corrected == "L" and r.char_confidence[1][0] == 0.5


def test_a_comparison_round_trips():
    c = ComparisonRecord(ReferenceId("td3", "ab" * 32), {"uv": AlignmentRecord("from:visible", 1.25, 30, HOMOGRAPHY)},
                         2, 99.5, EvidenceRecord("ir", {"number": "L898902C3"}, ("the VIZ was not read",)), "/q")
    assert ComparisonRecord.from_dict(c.to_dict()) == c
    assert c.to_dict()["reference"] == {"family": "td3", "sha256": "ab" * 32}


def test_a_comparisons_checks_round_trip_and_an_older_one_says_they_were_not_recorded():
    checks = (CheckRecord("registration:uv", "uv", "registration"), CheckRecord("uv:fibres", "uv", "fibres"),
              CheckRecord("uv:portrait", "uv", "portrait", 2, 1), CheckRecord("mrz:viz", None, "MRZ against VIZ", 1))
    c = ComparisonRecord(ReferenceId("td3", "ab" * 32), checks=checks)
    assert ComparisonRecord.from_dict(c.to_dict()) == c
    assert [x.outcome for x in checks] == ["registered", "passed", "1 alarm(s), 1 note(s)", "1 note(s)"]
    older = c.to_dict()
    del older["checks"]
    assert ComparisonRecord.from_dict(older).checks is None  # not recorded, which is not "none ran"
    assert ComparisonRecord.from_dict({**older, "checks": []}).checks == ()


def test_a_finding_round_trips(store, images):
    case = store.create_case("Passport UTO")
    store.record_reading(case.id, images["ir"], reading("ERIKSSON", "ANNA", "L898902C3"), light="ir")
    store.add_finding(case.id, kind="note", detail={"text": "the laminate lifts at a corner"}, source="examiner",
                      light="visible", region=[1, 2, 3, 4], score=0.4)
    for f in store.show(case.id).findings:
        assert FindingRecord.from_dict(f.to_dict()) == f
    note = store.show(case.id).findings[-1]
    assert note.text == "the laminate lifts at a corner" and note.region == [1, 2, 3, 4] and note.reading is None


def test_the_whole_case_round_trips_and_its_json_is_what_case_show_printed(store, images):
    case = store.create_case("Passport UTO")
    store.record_reading(case.id, images["ir"], reading("ERIKSSON", "ANNA", "L898902C3"), light="ir")
    store.record_comparison(case.id, {"visible": images["visible"]}, summary("td3"), [])
    shown = store.show(case.id)
    assert isinstance(shown, CaseRecord)
    assert CaseRecord.from_dict(shown.to_dict()) == shown
    d = shown.to_dict()
    assert list(d) == ["case", "documents", "captures", "findings", "audit"]
    assert list(d["case"])[:3] == ["id", "uid", "reference"] and d["case"]["reference"] == case.reference
    assert list(d["captures"][0]) == ["id", "uid", "document_id", "light", "sha256", "size", "width", "height", "dpi",
                                      "source_name", "captured_at", "created_at"]
    assert isinstance(d["findings"][0]["detail"], dict) and d["audit"][0]["action"] == "case.create"


# --- selectors -----------------------------------------------------------------------------------------------


def test_the_selectors_give_the_newest_reading_and_comparison_and_its_findings(store, images):
    case = store.create_case("Passport UTO")
    assert store.show(case.id).latest_reading() is None and store.show(case.id).latest_comparison() is None
    store.record_reading(case.id, images["ir"], reading("ERIKSSON", "ANNA", "L898902C3"), light="ir")
    first = store.record_comparison(case.id, {"uv": images["uv"]}, summary("td3"),
                                    [{"kind": "portrait", "light": "uv", "bbox": [1, 2, 3, 4], "score": 0.9}])
    store.record_reading(case.id, images["visible"], reading("SMITH", "JOHN", "X1234567"), light="visible")
    second = store.record_comparison(case.id, {}, summary("td3"),
                                     [{"kind": "ink", "light": "uv", "bbox": [5, 6, 7, 8], "score": 0.2}],
                                     stored={"uv": store.show(case.id).captures[-2].uid})
    shown = store.show(case.id)
    latest = shown.latest_reading()
    assert latest.reading.fields["surname"] == "SMITH" and latest.light == "visible"
    assert [f.reading.fields["surname"] for f in shown.readings] == ["ERIKSSON", "SMITH"]
    assert shown.latest_comparison().uid == second["uid"] != first["uid"]
    assert [f.kind for f in shown.findings_of(shown.latest_comparison())] == ["ink"]
    assert [f.kind for f in shown.findings_of(shown.comparisons[0])] == ["portrait"]
    assert shown.latest_comparison().comparison.homography("visible") == HOMOGRAPHY


# --- older rows ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("stored", "family", "source"), [
    ("td3", "td3", None),  # the workstation wrote the family
    ("/home/examiner/references/td3", None, "/home/examiner/references/td3"),  # the command line wrote the folder
    (None, None, None),
])
def test_an_older_comparisons_reference_is_read_as_an_identity(stored, family, source):
    ref = ComparisonRecord.from_dict(summary(stored)).reference
    assert (ref.family, ref.sha256, ref.source) == (family, None, source)


def test_an_older_comparison_row_is_read_from_the_store(store, images):
    case = store.create_case("Passport UTO")
    # as an older `docexam compare --case` wrote it, straight into the finding's detail
    store.add_finding(case.id, kind="comparison", detail=summary("/refs/td3") | {"questioned": "/q"},
                      source="automatic")
    comparison = store.show(case.id).latest_comparison().comparison
    assert comparison.reference == ReferenceId(source="/refs/td3") and comparison.reference.label == "/refs/td3"
    assert comparison.questioned == "/q" and comparison.aligned["visible"].inliers == 120


def test_references_are_the_same_by_content_else_by_family():
    a, b = ReferenceId("td3", "1" * 64), ReferenceId("td3", "2" * 64)
    assert not a.same_as(b) and a.same_as(ReferenceId(None, "1" * 64))
    assert ReferenceId("td3").same_as(ReferenceId("td3", "1" * 64)) and not ReferenceId("td1").same_as(a)
    assert ReferenceId(source="/x").same_as(ReferenceId(source="/x")) and not ReferenceId().same_as(ReferenceId())
    assert a.label == "td3 (SHA-256 111111111111...)"


def test_an_older_reading_with_messages_only_gets_its_codes_and_values(store, images):
    old = reading("ERIKSSON", "ANNA", "L898902C3") | {
        "warnings": ["the document expired on 2012-04-15",
                     "nationality code 'ZZZ' is not in ISO 3166-1 nor in Doc 9303 Part 3 section 5",
                     "the reading validates but the recogniser was unsure of it: check it by eye",
                     "a warning no version wrote"],
        "errors": ["composite check digit fails: printed '0' at line 2 column 44, computed '4'"]}
    assert "issues" not in old
    case = store.create_case("Passport UTO")
    store.record_reading(case.id, images["ir"], old, light="ir")
    r = store.show(case.id).latest_reading().reading
    assert [(i.code, i.field, i.params) for i in r.warnings] == [
        ("expired", "expiry_date", {"expiry": "2012-04-15"}),
        ("unknown_code", "nationality", {"label": "nationality", "value": "ZZZ"}),
        ("unconfirmed_reading", None, None),
        ("other", None, None)]
    assert [(i.code, i.field) for i in r.errors] == [("check_digit", "composite")]
    assert r.warning_messages == old["warnings"] and r.has_issue(IssueCode.EXPIRED)


def test_every_message_the_engine_writes_maps_back_to_its_own_code_and_values():
    """The one table of older wordings (docexam.mrz.issues) stays in step with the messages the engine writes."""
    samples = [WARNED, ICAO,
               ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122X1204159ZE184226B<<<<<10"],
               ["P<UTOERIKSSONANNAMARIAJOHANNAKATARINABEATRIX", "L898902C36UTO74<<<<2F1204159ZE184226B<<<<<10"],
               ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO3008122F2504159ZE184226B<<<<<10"],
               ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122Z1204159ZE184226B<<<<<1"],
               ["X<UTOERIKSSON<<anna<<<<<<<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7413122F1204159ZE184226B<<<<<10"]]
    seen = set()
    for lines in samples:
        result = parse(lines, today=TODAY)
        for issue in result.errors + result.warnings:
            back = issue_from_message(issue.message)
            assert back.code == issue.code and back.code in set(IssueCode), issue
            if issue in result.warnings:
                assert (back.field, back.params) == (issue.field, issue.params), issue
            seen.add(issue.code)
    assert {"expired", "under_age", "unknown_code", "stray_fillers", "birth_date_unknown", "name_truncated", "sex",
            "birth_after_expiry", "check_digit", "shape", "character", "document_code"} <= seen
