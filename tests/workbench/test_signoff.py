"""docexam.workbench.signoff without Qt: what the workstation offers the signed-in examiner, and why not."""

import shutil

import pytest

from docexam.store import Store, accounts
from docexam.store.accounts import Permission, Role
from docexam.store.review import Review
from docexam.workbench import Workbench
from docexam.workbench.signoff import Blocked, ReviewActions, Signoff, review_queue, roles_allowed

PASSPHRASE = "correct horse battery"


@pytest.fixture(scope="module")
def accounts_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("signoff") / "cases.db"
    with Store.open(path) as store:
        for name, role in (("ada", "administrator"), ("emin", "examiner"), ("rena", "reviewer"), ("tural", "trainee")):
            accounts.add_user(store, name, role, PASSPHRASE)
    return path


@pytest.fixture
def store(accounts_db, tmp_path, monkeypatch):
    monkeypatch.delenv(accounts.USER_ENV, raising=False)
    shutil.copy(accounts_db, tmp_path / "cases.db")
    with Store.open(tmp_path / "cases.db") as s:
        yield s


def test_a_store_without_accounts_offers_everything_but_reviewing_ones_own_case(tmp_path):
    with Store.open(tmp_path / "plain.db", actor="examiner-1") as store:
        bench = Workbench(store)
        assert not bench.signoff.needs_sign_in and bench.signoff.user is None
        assert all(bench.signoff.blocked(p) is None for p in Permission)
        assert bench.signoff.actions(None) == ReviewActions(*[Blocked.NO_CASE] * 4)
        bench.new_case("Passport")
        assert bench.signoff.actions(bench.case) == ReviewActions(None, Blocked.NO_VERDICT, Blocked.NOT_SUBMITTED,
                                                                  Blocked.NOT_AGREED)
        bench.set_verdict("genuine", note="all present")
        bench.submit_for_review()
        assert bench.signoff.actions(bench.case) == ReviewActions(None, Blocked.NOT_DRAFT, Blocked.OWN_CASE,
                                                                  Blocked.NOT_AGREED)
        assert [e.own for e in review_queue(bench.signoff)] == [True]


def test_each_role_is_offered_what_the_store_allows_it(store):
    signoff = Signoff(store)
    assert signoff.needs_sign_in and signoff.blocked(Permission.CASE_WRITE) is Blocked.SIGN_IN
    signoff.sign_in("tural", PASSPHRASE)
    assert signoff.blocked(Permission.CASE_WRITE) is Blocked.ROLE
    assert signoff.blocked(Permission.EXERCISE_KEYS_READ) is Blocked.ROLE
    assert signoff.blocked(Permission.ATTEMPT_RECORD) is None
    signoff.sign_in("emin", PASSPHRASE)
    assert signoff.blocked(Permission.CASE_WRITE) is None and signoff.blocked(Permission.CASE_REVIEW) is Blocked.ROLE
    assert roles_allowed(Permission.CASE_REVIEW) == [Role.ADMINISTRATOR, Role.REVIEWER]
    signoff.sign_out()
    assert signoff.user is None and signoff.needs_sign_in and store.session is None


def test_the_review_steps_follow_the_case_and_who_is_signed_in(store):
    bench = Workbench(store)
    bench.signoff.sign_in("emin", PASSPHRASE)
    bench.new_case("Passport")
    bench.set_verdict("counterfeit", note="inkjet", fraud_type="counterfeit", confidence="certain")
    assert bench.signoff.actions(bench.case).submit is None
    bench.submit_for_review()
    bench.signoff.sign_in("rena", PASSPHRASE)
    bench.refresh()
    actions = bench.signoff.actions(bench.case)
    assert actions.review is None and actions.issue is Blocked.NOT_AGREED
    assert [(e.summary.id, e.own) for e in review_queue(bench.signoff)] == [(bench.case.summary.id, False)]
    bench.review_case(agree=True)
    assert bench.signoff.actions(bench.case).issue is None
    bench.issue()
    assert bench.signoff.actions(bench.case) == ReviewActions(*[Blocked.ISSUED] * 4)
    assert ReviewActions.from_dict(bench.signoff.actions(bench.case).to_dict()) == bench.signoff.actions(bench.case)
    assert bench.case.review.issued and isinstance(bench.case.review, Review)
