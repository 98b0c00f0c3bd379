"""The database's own failures reach the user as one line saying what to do, never a driver's traceback: a
read-only database, a full disk, a writer busy past the timeout, a database in a read-only folder (opened read-only,
and said so); another application's database and unknown schema revisions are refused untouched."""

from __future__ import annotations

import hashlib
import os
import sqlite3

import pytest
from sqlalchemy import event, text

from docexam.cli import main
from docexam.store import ForeignDatabaseError, SchemaRevisionError, Store, StoreBusyError, StoreFullError, StoreReadOnlyError
from docexam.store import db as db_mod
from tests.store.conftest import make_png, row_counts

ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0


def cli(capsys, *args: str) -> tuple[int, str, str]:
    try:
        status = main(list(args))
    except SystemExit as e:  # read --case refuses before any work this way
        status = e.code
    out, err = capsys.readouterr()
    return status, out, err


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def counts(store: Store) -> dict[str, int]:
    """row_counts() through the store's reader (a read-only store refuses the writer's transactions)."""
    return row_counts(Store(store._reader))


@pytest.fixture
def filled(tmp_path):
    """A SQLite file with one case (with a capture), closed: (path, case)."""
    path = tmp_path / "data" / "cases.sqlite"
    with Store.open(path, actor="tester") as s:
        case = s.create_case("Passport UTO")
        s.attach(case.id, make_png(tmp_path / "a.png", 1), light="visible")
    return path, case


def deny_writes(monkeypatch, *paths) -> None:
    """Make ``paths`` (files or folders) read-only: by their mode, and, for root (whom modes do not stop), by what
    docexam is told when it asks whether it may write them (SQLite opened read-only then refuses every write)."""
    for p in paths:
        os.chmod(p, 0o555 if p.is_dir() else 0o444)
    if ROOT_USER:
        denied = {os.fspath(p) for p in paths}
        real = os.access

        def access(path, mode, *a, **k):
            if mode & os.W_OK and os.fspath(path) in denied:
                return False
            return real(path, mode, *a, **k)

        monkeypatch.setattr(db_mod.os, "access", access)


@pytest.fixture
def restore_modes(tmp_path):
    yield
    for p in [tmp_path, *tmp_path.rglob("*")]:
        os.chmod(p, 0o755 if p.is_dir() else 0o644)


# --- a read-only database -------------------------------------------------------------------------------------------


def test_a_read_only_file_is_opened_read_only_and_changes_are_refused(filled, monkeypatch, capsys, restore_modes):
    path, case = filled
    deny_writes(monkeypatch, path)
    with Store.open(path) as s:
        assert s.read_only == "the file is read-only"
        assert [c.uid for c in s.list_cases()] == [case.uid] and s.verify().ok
        before = counts(s)
        for change in (lambda: s.create_case("new"), lambda: s.add_note(case.id, "more"),
                       lambda: s.set_verdict(case.id, "genuine")):
            with pytest.raises(StoreReadOnlyError, match="read-only here .the file is read-only.; nothing was written"):
                change()
        assert counts(s) == before
    status, out, err = cli(capsys, "case", "create", "--db", str(path), "--title", "x")
    assert status == 2 and "is open read-only here" in one_line(err) and out == ""
    status, out, err = cli(capsys, "case", "list", "--db", str(path))
    assert status == 0 and case.reference in out and "is open read-only" in one_line(err)


def test_a_database_the_driver_refuses_to_write_is_a_clear_error(filled):
    """SQLite's own "attempt to write a readonly database" (here a file opened read-only behind docexam's back)."""
    path, case = filled
    engine = db_mod.make_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    s = Store(engine, actor="tester")
    try:
        with pytest.raises(StoreReadOnlyError, match="attempt to write a readonly database.*nothing was written"):
            s.add_note(case.id, "more")
    finally:
        s.close()


def test_a_database_in_a_read_only_folder_can_be_listed(filled, monkeypatch, capsys, restore_modes):
    """Write-ahead logging needs a -shm file beside the database: in a read-only folder SQLite cannot make one, so
    docexam opens the file read-only (immutable) and says so."""
    path, case = filled
    assert not path.with_name(path.name + "-shm").exists()  # closed cleanly: the log files are gone
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    deny_writes(monkeypatch, path.parent)
    status, out, err = cli(capsys, "case", "list", "--db", str(path))
    assert status == 0 and case.reference in out
    assert "its folder is read-only" in one_line(err)
    status, out, err = cli(capsys, "case", "show", "--db", str(path), case.reference)
    assert status == 0 and case.reference in out
    status, out, err = cli(capsys, "case", "verify", "--db", str(path))
    assert status == 0 and "all images match" in out
    status, out, err = cli(capsys, "case", "verdict", "--db", str(path), case.reference, "genuine", "--no-reason")
    assert status == 2 and "its folder is read-only" in one_line(err) and "nothing was written" in err
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_read_case_into_a_read_only_database_is_refused_before_the_work(filled, monkeypatch, capsys, restore_modes,
                                                                        tmp_path):
    path, case = filled
    deny_writes(monkeypatch, path)
    status, out, err = cli(capsys, "read", "--db", str(path), "--case", case.reference,
                           str(make_png(tmp_path / "b.png", 2)))
    assert status == 2 and out == "" and "nothing could be stored in case" in one_line(err)


# --- a full disk ----------------------------------------------------------------------------------------------------


def fill_up(store: Store) -> None:
    """Every new connection of ``store`` may not grow the file past its current size: SQLITE_FULL, as a full disk
    gives it."""
    with store._reader.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

    @event.listens_for(store.engine, "connect")
    def _connect(dbapi_conn, _record) -> None:
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages + 3}")

    store.engine.dispose()


def test_a_full_disk_is_a_clear_error_and_writes_nothing(filled, tmp_path):
    path, case = filled
    with Store.open(path) as s:
        fill_up(s)
        before = row_counts(s), s.show(case.id).audit
        big = make_png(tmp_path / "big.png", 3, size=(400, 400))
        with pytest.raises(StoreFullError, match="is full .database or disk is full.; this change was not written"):
            s.attach(case.id, big, light="uv")
        assert (row_counts(s), s.show(case.id).audit) == before
        s.add_note(case.id, "a short note still fits")  # nothing half-written stands in the way
    with Store.open(path) as s:
        assert s.verify().ok


def test_attach_of_several_files_goes_on_past_a_full_disk(filled, tmp_path, monkeypatch, capsys):
    """One transaction per file: the large file does not fit, the small ones after it do; each failure is reported,
    and the exit status is not 0."""
    path, case = filled
    real_open = Store.open

    def opening(*args, **kwargs):
        s = real_open(*args, **kwargs)
        fill_up(s)
        return s

    monkeypatch.setattr(Store, "open", opening)
    files = [make_png(tmp_path / "big1.png", 4, size=(400, 400)), make_png(tmp_path / "small.png", 5, size=(8, 8)),
             make_png(tmp_path / "big2.png", 6, size=(400, 400))]
    status, out, err = cli(capsys, "case", "attach", "--db", str(path), case.reference, "--light", "uv",
                           *map(str, files))
    assert status == 1 and "Traceback" not in err
    failed = err.strip().splitlines()
    assert len(failed) == 2 and all("database or disk is full" in x for x in failed)
    assert "big1.png" in failed[0] and "big2.png" in failed[1]
    assert "attached" in out and "small.png" in out
    monkeypatch.setattr(Store, "open", real_open)
    with Store.open(path) as s:
        assert [c.source_name for c in s.show(case.id).captures] == ["a.png", "small.png"]
        assert s.verify().ok


# --- a writer busy past the timeout ---------------------------------------------------------------------------------


def test_a_writer_busy_past_the_timeout_is_a_clear_error(filled, monkeypatch):
    path, case = filled
    monkeypatch.setattr(db_mod, "BUSY_TIMEOUT_MS", 50)
    with Store.open(path) as s:
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(StoreBusyError, match="busy with another docexam.*nothing was written"):
                s.add_note(case.id, "waits")
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        s.add_note(case.id, "goes through once the other is done")


# --- databases that are not docexam's -------------------------------------------------------------------------------


def foreign_sqlite(path) -> str:
    with sqlite3.connect(path) as c:
        c.execute("CREATE TABLE cases (id INTEGER PRIMARY KEY, name TEXT)")
        c.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, phone TEXT)")
        c.execute("INSERT INTO contacts (phone) VALUES ('555-0100')")
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_another_applications_database_is_refused_untouched(tmp_path, capsys):
    path = tmp_path / "contacts.sqlite"
    digest = foreign_sqlite(path)
    with pytest.raises(ForeignDatabaseError, match="is not a docexam database .it holds other tables: cases, contacts"):
        Store.open(path)
    for args in (["case", "list"], ["case", "create", "--title", "x"], ["case", "verify"]):
        status, out, err = cli(capsys, *args, "--db", str(path))
        assert status == 2 and "not a docexam database" in one_line(err) and out == ""
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    with sqlite3.connect(path) as c:
        assert {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")} == {"cases", "contacts"}


def test_another_applications_postgresql_database_is_refused_untouched(postgres_url):
    from sqlalchemy import create_engine, inspect

    engine = create_engine(postgres_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE cases (id integer PRIMARY KEY, name text)"))
    try:
        with pytest.raises(ForeignDatabaseError, match="not a docexam database"):
            Store.open(postgres_url)
        with engine.connect() as conn:
            assert inspect(conn).get_table_names() == ["cases"]
    finally:
        engine.dispose()


@pytest.mark.parametrize("versions", [["0000abc"], ["-1"], [], ["0"], ["head"], ["base"], ["0001", "0002"]],
                         ids=["prefix-like", "relative", "empty", "partial", "head", "base", "two"])
def test_an_unknown_schema_revision_is_refused_untouched(store, versions):
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM alembic_version"))
        for v in versions:
            conn.execute(text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": v})
    before = row_counts(store)
    with pytest.raises(SchemaRevisionError, match="not one this docexam knows"):
        db_mod.ensure_schema(store.engine)
    assert row_counts(store) == before
    with store.engine.connect() as conn:
        assert sorted(r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))) == sorted(versions)


def test_an_empty_database_is_still_made_a_docexam_one(tmp_path):
    path = tmp_path / "empty.sqlite"
    sqlite3.connect(path).close()
    with Store.open(path) as s:
        assert db_mod.current_revision(s.engine) == db_mod.HEAD
