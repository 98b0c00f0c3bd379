"""PostgreSQL enforces docexam's roles too (issue 22): an examiner's own database login cannot rewrite the audit
trail, a trainee's cannot read exercise keys, whatever the application does."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from docexam.store import Store
from docexam.store.accounts import Role, add_user
from docexam.store.grants import create_login, install
from docexam.store.schema import exercise_keys, training_attempts

PASS = {"Ana Adoro": "admin passphrase", "Eli Examo": "examiner passphrase", "Tio Trainu": "trainee passphrase"}


@pytest.fixture
def centre(postgres_url):
    with Store.open(postgres_url, actor="installer") as s:
        add_user(s, "Ana Adoro", "administrator", PASS["Ana Adoro"])
        add_user(s, "Eli Examo", "examiner", PASS["Eli Examo"])
        add_user(s, "Tio Trainu", "trainee", PASS["Tio Trainu"])
        with s.engine.begin() as conn:
            install(conn)
            install(conn)  # twice: it is idempotent
            create_login(conn, "eli_examo", Role.EXAMINER)
            create_login(conn, "tio_trainu", Role.TRAINEE)
    return postgres_url


def as_login(url: str, login: str) -> str:
    return make_url(url).set(username=login).render_as_string(hide_password=False)


def test_an_examiner_login_works_cases_but_cannot_rewrite_history(centre):
    url = as_login(centre, "eli_examo")
    with Store.open(url, user="Eli Examo", passphrase=PASS["Eli Examo"]) as s:
        case = s.create_case("Passport UTO")
        s.add_note(case.id, "seen under UV")
        s.set_verdict(case.id, "counterfeit", note="offset print")
        assert s.verify().ok
        for sql in ("UPDATE audit SET actor = 'someone else'", "DELETE FROM audit", "UPDATE users SET role = 'administrator'"):
            with pytest.raises(DBAPIError, match="permission denied"), s.engine.begin() as conn:
                conn.execute(text(sql))
        assert [e.actor for e in s.show(case.id).audit] == ["Eli Examo"] * 3


def test_a_trainee_login_cannot_read_exercise_keys(centre):
    with Store.open(centre, user="Ana Adoro", passphrase=PASS["Ana Adoro"]) as admin:
        admin.keep_exercise_keys("pack-7", {"doc-001": {"verdict": "genuine"}})
    engine = create_engine(as_login(centre, "tio_trainu"))
    try:
        with engine.connect() as conn:
            assert conn.execute(select(training_attempts)).all() == []  # what a trainee may read
        with pytest.raises(DBAPIError, match="permission denied for table exercise_keys"), engine.connect() as conn:
            conn.execute(select(exercise_keys)).all()
    finally:
        engine.dispose()
    with Store.open(as_login(centre, "tio_trainu"), user="Tio Trainu", passphrase=PASS["Tio Trainu"]) as s:
        s.record_attempt(exercise="pack-7", trainee="Tio Trainu", answers={"doc-001": "genuine"}, score=1.0)
