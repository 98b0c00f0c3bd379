"""The technical review of a conclusion (issue 22): draft, submitted, agreed or returned, issued; a reviewer never
reviews their own case, and only an issued case yields a final report."""

from __future__ import annotations

import pypdf
import pytest

from docexam.store import Store, trust
from docexam.store.accounts import STATION_PASSPHRASE_ENV, AccessError, add_user
from docexam.store.bundle import export_cases
from docexam.store.review import ReviewError, ReviewState, issue, review, submit
from docexam.store.store import CaseInputError
from tests.store.conftest import row_counts

ADMIN, EXAMINER, REVIEWER, OTHER = "Ana Adoro", "Eli Examo", "Rev Ida", "Ote Examo"
PASS = {ADMIN: "admin passphrase", EXAMINER: "examiner passphrase", REVIEWER: "reviewer passphrase",
        OTHER: "other examiner passphrase"}


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    """One store for the module: an administrator, two examiners and a reviewer (Argon2 is slow on purpose)."""
    path = tmp_path_factory.mktemp("review") / "cases.sqlite"
    with Store.open(path, actor="installer") as s:
        add_user(s, ADMIN, "administrator", PASS[ADMIN])
        trust.create_key(s, station=True)  # under the administrator's passphrase
        add_user(s, EXAMINER, "examiner", PASS[EXAMINER])
        add_user(s, OTHER, "examiner", PASS[OTHER])
        add_user(s, REVIEWER, "reviewer", PASS[REVIEWER])
    return f"sqlite:///{path}"


@pytest.fixture(scope="module")
def sessions(url):
    stores = {name: Store.open(url, user=name, passphrase=PASS[name]) for name in (EXAMINER, REVIEWER, OTHER)}
    yield stores
    for s in stores.values():
        s.close()


def concluded(examiner: Store, **conclusion):
    case = examiner.create_case("Passport UTO, border post 4")
    examiner.set_verdict(case.id, "counterfeit", note="offset print, no intaglio", **conclusion)
    return case


def test_a_conclusion_is_submitted_agreed_and_issued_and_then_stands(sessions, tmp_path, monkeypatch):
    ex, rv = sessions[EXAMINER], sessions[REVIEWER]
    case = concluded(ex, fraud_type="counterfeit", confidence="highly probable")
    assert ex.review(case.id).state is ReviewState.DRAFT
    r = submit(ex, case.id)
    assert (r.state, r.submitted_by, r.fraud_type, r.confidence) == (ReviewState.SUBMITTED, EXAMINER, "counterfeit",
                                                                     "highly probable")
    with pytest.raises(ReviewError, match="only a case whose review agreed is issued"):
        issue(ex, case.id)
    r = review(rv, case.id, agree=True, comment="print defects confirmed under magnification")
    assert r.state is ReviewState.AGREED and r.reviewed_by == REVIEWER
    r = issue(ex, case.id)
    assert r.issued and r.issued_by == EXAMINER
    before = row_counts(ex)
    with pytest.raises(CaseInputError, match="was issued on .* nothing more is written to it"):
        ex.add_note(case.id, "one more thing")
    with pytest.raises(CaseInputError, match="was issued"):
        ex.set_verdict(case.id, "genuine", note="changed my mind")
    assert row_counts(ex) == before
    monkeypatch.setenv(STATION_PASSPHRASE_ENV, PASS[ADMIN])  # the station key is not under the examiner's passphrase
    export_cases(ex, [case.id], tmp_path / "issued.dxb")  # an issued case still travels
    assert ex.verify().ok


def test_a_reviewer_cannot_review_their_own_case(sessions):
    rv = sessions[REVIEWER]
    case = concluded(rv)  # the reviewer examined this one
    submit(rv, case.id)
    before = row_counts(rv)
    with pytest.raises(ReviewError, match=f"{REVIEWER} cannot review case .* it is their own"):
        review(rv, case.id, agree=True, comment=None)
    assert row_counts(rv) == before and rv.review(case.id).state is ReviewState.SUBMITTED


def test_only_a_reviewer_reviews(sessions):
    case = concluded(sessions[EXAMINER])
    submit(sessions[EXAMINER], case.id)
    with pytest.raises(AccessError, match="examiner and may not review cases"):
        review(sessions[OTHER], case.id, agree=True, comment=None)


def test_a_returned_case_is_a_draft_with_comments_until_submitted_again(sessions):
    ex, rv = sessions[EXAMINER], sessions[REVIEWER]
    case = concluded(ex)
    submit(ex, case.id)
    with pytest.raises(ReviewError, match="say why the case is returned"):
        review(rv, case.id, agree=False, comment="  ")
    r = review(rv, case.id, agree=False, comment="compare the UV response of the laminate first")
    assert r.state is ReviewState.RETURNED and r.last_comment.comment.startswith("compare the UV")
    assert not r.last_comment.agreed
    ex.set_verdict(case.id, "forged", note="laminate lifted and re-glued", fraud_type="forgery", confidence="probable")
    r = ex.review(case.id)
    assert r.state is ReviewState.DRAFT and r.fraud_type == "forgery" and len(r.comments) == 1
    assert submit(ex, case.id).state is ReviewState.SUBMITTED


def test_a_change_after_submission_sends_the_case_back_to_draft(sessions):
    ex, rv = sessions[EXAMINER], sessions[REVIEWER]
    case = concluded(ex)
    submit(ex, case.id)
    review(rv, case.id, agree=True, comment=None)
    ex.add_note(case.id, "one more observation")
    assert ex.review(case.id).state is ReviewState.DRAFT
    with pytest.raises(ReviewError, match="is draft: only a case whose review agreed is issued"):
        issue(ex, case.id)


def test_steps_out_of_order_are_refused(sessions):
    ex = sessions[EXAMINER]
    case = ex.create_case("no verdict yet")
    with pytest.raises(ReviewError, match="has no verdict to review"):
        submit(ex, case.id)
    with pytest.raises(ReviewError, match="only a submitted case is reviewed"):
        review(sessions[REVIEWER], case.id, agree=True, comment=None)


@pytest.mark.parametrize(("verdict", "fraud", "message"), [
    ("genuine", "counterfeit", "a genuine document cannot be a counterfeit"),
    ("inconclusive", "forgery", "an inconclusive verdict has no fraud type"),
    ("counterfeit", "photocopy", "unknown fraud type 'photocopy'"),
])
def test_the_fraud_type_must_fit_the_verdict(sessions, verdict, fraud, message):
    ex = sessions[EXAMINER]
    case = ex.create_case("scale")
    with pytest.raises(CaseInputError, match=message):
        ex.set_verdict(case.id, verdict, note="n", fraud_type=fraud)
    with pytest.raises(CaseInputError, match="unknown confidence"):
        ex.set_verdict(case.id, "counterfeit", note="n", confidence="sure-ish")
    ex.set_verdict(case.id, "genuine", note="the holder is not the person pictured", fraud_type="impostor")
    assert ex.review(case.id).fraud_type == "impostor"


def _text(path) -> str:
    return " ".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def test_only_an_issued_case_yields_a_final_report(sessions, tmp_path):
    from docexam.report import write_report

    ex, rv = sessions[EXAMINER], sessions[REVIEWER]
    case = concluded(ex, fraud_type="counterfeit", confidence="certain")
    write_report(ex, case.id, tmp_path / "draft.pdf")
    draft = _text(tmp_path / "draft.pdf")
    assert "DRAFT - NOT ISSUED" in draft and "not issued (draft)" in draft
    submit(ex, case.id)
    review(rv, case.id, agree=True, comment=None)
    issue(ex, case.id)
    write_report(ex, case.id, tmp_path / "final.pdf")
    final = _text(tmp_path / "final.pdf")
    assert "DRAFT" not in final
    assert f"by {EXAMINER}, reviewed by {REVIEWER}" in final and "Fraud type" in final and "certain" in final


def test_the_review_queue_holds_the_submitted_cases_awaiting_a_reviewer(sessions):
    ex, rv = sessions[EXAMINER], sessions[REVIEWER]
    waiting = concluded(ex)
    submit(ex, waiting.id)
    done = concluded(ex)
    submit(ex, done.id)
    review(rv, done.id, agree=True, comment=None)
    concluded(ex)  # a draft: not in the queue
    queued = [c.reference for c, _ in rv.review_queue()]
    assert waiting.reference in queued and done.reference not in queued
    assert all(r.state is ReviewState.SUBMITTED for _, r in rv.review_queue())
