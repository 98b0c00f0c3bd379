import datetime as dt
import itertools
import json
import os
import warnings
from pathlib import Path

import pytest

# Qt must find a platform before it loads: headless unless a display was asked for (make test sets the same).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The suite's messages and reports are in English whatever the machine's locale (docexam.i18n reads $LANG); the tests
# of other languages ask for theirs.
os.environ["DOCEXAM_LANG"] = "en"
# Every reading searches as far as it needs (docexam.read.budget.LIMIT_ENV, 0: no limit): a check of what the reader
# can read must not pass on a fast machine and fail on a slower or busier one (CI's thread time ran a steep capture
# past the 380 ms default). The budget's own behaviour is tested with explicit budgets (tests/read/test_budget.py),
# and what the default costs in accuracy and time is measured by bench/read_bench.py.
os.environ["DOCEXAM_READ_TIME_LIMIT"] = "0"
# Passphrase hashes and key wraps made in a test (and in the commands it starts) cost Argon2id's minimum instead of
# RFC 9106's 64 MiB and 3 passes (docexam.store.signing.kdf_cost; 0.15 s each, thousands of times in the suite);
# tests/store/test_kdf_cost.py checks the real cost without it.
os.environ["DOCEXAM_TEST_FAST_KDF"] = "1"

from tests.pg_server import PostgresNotInstalled, PostgresServer, PostgresUnavailable, database_name, in_ci

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"

#: The reference day of every date-dependent test, so results do not drift with the calendar.
TODAY = dt.date(2026, 11, 28)


#: Files of tests that take 10-45 s each (a benchmark's smoke run, the checkpoint build's, the X server session, the
#: killed writers). They are collected first, so that the workers start them early and end on short tests (worksteal:
#: a worker that runs out takes over the tail of the other's share), not with one worker idle while the other runs
#: a long test at the end. Whole files move, so a module's fixtures are still set up once.
LONG_FIRST = ("tests/test_bench_smoke.py", "tests/packaging/", "tests/bench/test_reference_bench.py",
              "tests/gui/test_desktop_xvfb.py", "tests/store/test_crash.py", "tests/cli/test_cli.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: not item.nodeid.startswith(LONG_FIRST))  # stable: the order within each part is kept


@pytest.fixture(scope="session")
def corpus_truth() -> dict:
    path = CORPUS / "truth.json"
    if not path.exists():
        pytest.fail(f"the peer corpus is missing: {path} (CI and developers have ../shared beside the repo)")
    return json.loads(path.read_text(encoding="utf-8"))


def start_postgres_server() -> PostgresServer:
    """Start the test PostgreSQL server (tests/pg_server.py), or end the asking test: missing binaries skip it
    on a developer's machine but fail it in CI (CI set), as CI never skips the PostgreSQL tests; any other
    start-up failure fails it, with the server log's tail."""
    server = PostgresServer()
    try:
        return server.start()
    except PostgresNotInstalled as exc:
        if in_ci():
            pytest.fail(f"{exc} [CI is set: the PostgreSQL tests must run, not skip]", pytrace=False)
        pytest.skip(str(exc))
    except PostgresUnavailable as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="session")
def postgres_server():
    """A throw-away PostgreSQL server on 127.0.0.1, started the first time a test asks for it (one per
    session; see start_postgres_server for when it skips or fails) and stopped at the end of the session."""
    server = start_postgres_server()
    try:
        yield server
    finally:
        server.stop()


_database_serial = itertools.count(1)


def _own_database(server: PostgresServer, request, *, template: str | None = None):
    """The URL of a database of the asking test's own, dropped afterwards (connections the test left open are
    ended): empty, or a copy of ``template``."""
    name = database_name(request.node.name, next(_database_serial))
    yield server.create_database(name, template=template)
    try:
        server.drop_database(name)
    except Exception as exc:  # noqa: BLE001 - the database dies with the server at the end of the session anyway
        warnings.warn(f"could not drop the test database {name}: {exc}", stacklevel=1)


@pytest.fixture
def postgres_url(postgres_server, request) -> str:
    """The SQLAlchemy URL (postgresql+psycopg://...) of a fresh, empty database of its own for this test,
    dropped afterwards (connections the test left open are ended)."""
    yield from _own_database(postgres_server, request)


#: The database the session's case stores are copied from: docexam's schema, migrated once (Store.open).
STORE_TEMPLATE = "docexam_store_template"


@pytest.fixture(scope="session")
def postgres_store_template(postgres_server) -> str:
    """The name of a database migrated to docexam's newest schema once a session, no connection left open to it."""
    from docexam.store import Store

    Store.open(postgres_server.create_database(STORE_TEMPLATE), actor="template").close()
    return STORE_TEMPLATE


@pytest.fixture
def postgres_store_url(postgres_server, postgres_store_template, request) -> str:
    """As postgres_url, but the database already holds docexam's newest schema and nothing else (a copy of one
    migrated once a session: migrating each test's database cost 0.16 s); tests of the migration itself take
    postgres_url."""
    yield from _own_database(postgres_server, request, template=postgres_store_template)


def copy_sqlite(src: Path, dst: Path) -> Path:
    """A copy of the SQLite database file ``src`` (closed, so its journal is in the file) at ``dst``: a test's own
    store made from one a module filled once, when filling it would cost more than the test."""
    import shutil

    for suffix in ("-wal", "-shm", "-journal"):
        if Path(f"{src}{suffix}").exists():
            raise ValueError(f"{src} is still open ({suffix} beside it): close its store before copying it")
    return Path(shutil.copyfile(src, dst))
