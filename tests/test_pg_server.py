"""The test PostgreSQL server (tests/pg_server.py) and its fixtures (tests/conftest.py): a real server, on the
loopback interface only, a fresh database per test, clear errors, and CI that fails rather than skips."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import ROOT, start_postgres_server
from tests.pg_server import HOST, PostgresNotInstalled, PostgresServer, PostgresStartError, database_name, find_bindir, in_ci


def test_sqlalchemy_round_trip(postgres_url):
    assert postgres_url.startswith("postgresql+psycopg://docexam@127.0.0.1:")
    engine = sa.create_engine(postgres_url)
    try:
        meta = sa.MetaData()
        cases = sa.Table(
            "cases",
            meta,
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("title", sa.Text, nullable=False),
            sa.Column("opened", sa.DateTime(timezone=True), server_default=sa.func.now()),
        )
        meta.create_all(engine)
        with engine.begin() as conn:
            conn.execute(cases.insert(), [{"title": "Passport Ø 12 — ü"}, {"title": "ID card"}])
        with engine.connect() as conn:
            rows = conn.execute(sa.select(cases.c.id, cases.c.title).order_by(cases.c.id)).all()
            version = conn.execute(sa.text("SELECT version()")).scalar_one()
            encoding = conn.execute(sa.text("SHOW server_encoding")).scalar_one()
        assert rows == [(1, "Passport Ø 12 — ü"), (2, "ID card")]
        assert "PostgreSQL" in version
        assert encoding == "UTF8"
        assert engine.dialect.name == "postgresql" and engine.dialect.driver == "psycopg"
    finally:
        engine.dispose()


_seen_databases: set[str] = set()


@pytest.mark.parametrize("which", ["first", "second"])
def test_each_test_gets_a_fresh_database_of_its_own(postgres_url, which):
    engine = sa.create_engine(postgres_url)
    try:
        with engine.begin() as conn:
            database = conn.execute(sa.text("SELECT current_database()")).scalar_one()
            assert sa.inspect(conn).get_table_names() == []  # empty, whatever ran before
            conn.execute(sa.text("CREATE TABLE marker (who text)"))
            conn.execute(sa.text("INSERT INTO marker VALUES (:w)"), {"w": which})
    finally:
        engine.dispose()
    assert postgres_url.endswith("/" + database)
    assert database not in _seen_databases
    _seen_databases.add(database)


def test_two_databases_do_not_share_tables(postgres_server):
    url_a = postgres_server.create_database("iso_a")
    url_b = postgres_server.create_database("iso_b")
    a, b = sa.create_engine(url_a), sa.create_engine(url_b)
    try:
        with a.begin() as conn:
            conn.execute(sa.text("CREATE TABLE only_in_a (x int)"))
        assert sa.inspect(b).get_table_names() == []
    finally:
        a.dispose()
        b.dispose()
        postgres_server.drop_database("iso_a")
        postgres_server.drop_database("iso_b")


def _listening(port: int) -> list[str]:
    """Local addresses (hex, as /proc/net/tcp* writes them) of the TCP sockets listening on ``port``."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.append(address)
    return found


def test_the_server_listens_on_127_0_0_1_only(postgres_server):
    with postgres_server.connect() as conn:
        assert conn.execute("SHOW listen_addresses").fetchone()[0] == HOST
        assert str(conn.execute("SELECT inet_server_addr()").fetchone()[0]) == HOST
        socket_dirs = conn.execute("SHOW unix_socket_directories").fetchone()[0]
    assert socket_dirs == str(postgres_server.socket_dir)  # not /var/run/postgresql
    if Path("/proc/net/tcp").exists():
        assert _listening(postgres_server.port) == ["0100007F"]  # 127.0.0.1, and no IPv6 socket


def test_runs_as_the_postgres_user_when_root(postgres_server):
    with postgres_server.connect() as conn:
        data_directory = conn.execute("SHOW data_directory").fetchone()[0]
    owner = os.stat(data_directory).st_uid
    if os.geteuid() == 0:
        import pwd

        assert owner == pwd.getpwnam("postgres").pw_uid
    else:
        assert owner == os.geteuid()
    assert Path(data_directory).is_relative_to(postgres_server.dir)


def test_missing_binaries_say_what_to_do(tmp_path, monkeypatch):
    with pytest.raises(PostgresNotInstalled, match="postgresql package.*make test"):
        PostgresServer(bindir=tmp_path).start()
    monkeypatch.setenv("DOCEXAM_PG_BINDIR", str(tmp_path))
    with pytest.raises(PostgresNotInstalled, match="DOCEXAM_PG_BINDIR"):
        find_bindir()
    assert isinstance(PostgresNotInstalled("x"), RuntimeError)


def test_a_failed_start_shows_the_server_log_and_cleans_up(postgres_server):
    tmp = Path(postgres_server.dir).parent
    before = set(tmp.glob("docexam-pg-*"))
    server = PostgresServer(bindir=postgres_server.bindir, settings={"no_such_setting": "1"})
    with pytest.raises(PostgresStartError, match='(?s)pg_ctl start exited.*server.log.*"no_such_setting"'):
        server.start()
    assert server.dir is None
    assert set(tmp.glob("docexam-pg-*")) <= before, "the failed cluster's directory is removed"


def test_stop_ends_the_server_and_removes_its_directory(postgres_server):
    server = PostgresServer(bindir=postgres_server.bindir).start()
    directory, port = server.dir, server.port
    pid = int((server.data_dir / "postmaster.pid").read_text().split()[0])
    server.stop()
    server.stop()  # twice is harmless
    assert not directory.exists()
    if Path("/proc/net/tcp").exists():
        assert _listening(port) == []
    try:
        os.kill(pid, 0)
        alive = Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"  # a zombie is dead, not yet reaped
    except ProcessLookupError:
        alive = False
    assert not alive


def test_database_names_are_unique_and_valid():
    names = {database_name("test_x[param-1]", 1), database_name("test_x[param-1]", 2)}
    assert names == {"t1_test_x_param_1", "t2_test_x_param_1"}
    assert len(database_name("a" * 200, 12345)) == 63


def test_ci_variable():
    assert in_ci({"CI": "true"}) and in_ci({"CI": "1"})
    assert not in_ci({}) and not in_ci({"CI": ""}) and not in_ci({"CI": "false"})


@pytest.mark.parametrize("ci", ["true", None])
def test_missing_postgresql_fails_in_ci_and_skips_elsewhere(monkeypatch, ci):
    monkeypatch.setenv("DOCEXAM_PG_BINDIR", "/nonexistent/postgresql/bin")
    if ci:
        monkeypatch.setenv("CI", ci)
    else:
        monkeypatch.delenv("CI", raising=False)
    outcome = pytest.fail.Exception if ci else pytest.skip.Exception
    with pytest.raises(outcome, match="make test"):
        start_postgres_server()


def test_the_fixture_errors_rather_than_skips_in_ci():
    """End to end: in a pytest run with CI=true and no server binaries, a test using postgres_url errors."""
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_ADDOPTS"}
    env.update(CI="true", DOCEXAM_PG_BINDIR="/nonexistent/postgresql/bin")
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rfEs", "-p", "no:cacheprovider", "-p", "no:hypothesispytest",
         "tests/test_pg_server.py::test_sqlalchemy_round_trip"],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1 and "1 error" in out and "skipped" not in out, out
    assert "make test" in out and "CI is set" in out, out
