"""The migrations build exactly the schema of docexam.store.schema, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from docexam.store import Store, StoreError, db
from docexam.store.schema import metadata


def _schema(engine) -> tuple[list, set[str], list[str]]:
    """What Alembic finds different from docexam.store.schema, the tables, and the recorded revisions."""
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": True})
        return (compare_metadata(ctx, metadata), set(inspect(conn).get_table_names()),
                [r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))])


@pytest.mark.parametrize("how", ["migrations", "new database"])
def test_migrated_database_matches_the_schema(empty_url, how):
    # every migration run on an empty database, and the newest schema made at once for a new one: the same schema
    engine = db.make_engine(empty_url)
    try:
        db.upgrade(engine, migrate_empty=how == "migrations")
        diff, tables, revisions = _schema(engine)
    finally:
        engine.dispose()
    assert diff == []
    assert tables == set(metadata.tables) | {"alembic_version"} and revisions == [db.HEAD]


def test_the_comparison_sees_a_difference(store):
    # the check above can fail: drop an index behind Alembic's back and it is reported
    with store.engine.begin() as conn:
        conn.execute(text("DROP INDEX ix_documents_birth_date"))
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert [d[0] for d in diff] == ["add_index"] and diff[0][1].name == "ix_documents_birth_date"


def test_head_constant_is_the_migrations_head():
    script = ScriptDirectory(str(db.MIGRATIONS))
    assert db.HEAD == db.head_revision() == script.get_current_head()
    assert len(script.get_heads()) == 1  # no branches


def test_open_migrates_once(empty_url):
    with Store.open(empty_url) as s:
        assert db.current_revision(s.engine) == db.HEAD
        s.create_case("kept")
    with Store.open(empty_url) as s:  # a second open finds it at HEAD and keeps the data
        assert db.current_revision(s.engine) == db.HEAD
        assert [c.title for c in s.list_cases()] == ["kept"]


def test_a_newer_database_is_refused(store):
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match="newer than this docexam knows"):
        db.ensure_schema(store.engine)


def test_sqlite_settings(tmp_path):
    with Store.open(tmp_path / "s.sqlite") as s:
        with s.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == db.BUSY_TIMEOUT_MS
