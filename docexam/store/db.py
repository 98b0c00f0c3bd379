"""Opening the case store: where the database is, the engine, SQLite's settings and schema migrations.

The store is an embedded SQLite database by default, in the user's data folder (platformdirs), or any SQLAlchemy
URL: ``--db`` on the command line, then the ``DOCEXAM_DB`` environment variable. A plain path means SQLite. The
same code and the same Alembic migrations run on SQLite and on PostgreSQL.

SQLite is set up for a desktop shared by the GUI and the command line: write-ahead logging (readers never block
the writer), foreign keys enforced, a busy timeout instead of "database is locked", and every write transaction
started with ``BEGIN IMMEDIATE``, so two writers queue instead of deadlocking on a lock upgrade.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url

from docexam.errors import DocexamError

#: Environment variable naming the database (a SQLAlchemy URL or a path to a SQLite file).
ENV_VAR = "DOCEXAM_DB"
#: Milliseconds a SQLite writer waits for another before giving up.
BUSY_TIMEOUT_MS = 15000
MIGRATIONS = Path(__file__).with_name("migrations")


class StoreError(DocexamError, RuntimeError):
    """The case store cannot be opened or used; the message says why and what to do."""


def default_path() -> Path:
    """The embedded database of this user: ``<user data dir>/docexam/docexam.sqlite``."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("docexam", appauthor=False)) / "docexam.sqlite"


def resolve_url(db: str | os.PathLike | None = None) -> str:
    """The SQLAlchemy URL for ``db`` (URL or path), else ``$DOCEXAM_DB``, else the default SQLite file."""
    value = os.fspath(db) if db is not None else os.environ.get(ENV_VAR) or None
    if value is None:
        path = default_path()
    elif "://" in value:
        try:
            make_url(value)
        except Exception as e:  # sqlalchemy.exc.ArgumentError
            raise StoreError(f"cannot understand the database URL {value!r}: {e}; "
                             "give a path to a SQLite file or a URL such as postgresql+psycopg://user@host/db") from e
        return value
    else:
        path = Path(value).expanduser()
    if path.is_dir():
        raise StoreError(f"{path} is a folder; give the database file's path, e.g. {path / 'docexam.sqlite'}")
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path.resolve()}"


#: Execution option marking connections that only read (see reader()).
READ_ONLY = "docexam_read_only"


def reader(engine: Engine) -> Engine:
    """``engine`` for reading: on SQLite its transactions begin DEFERRED instead of IMMEDIATE."""
    return engine.execution_options(**{READ_ONLY: True})


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None  # transactions are begun below, not by the sqlite3 module
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")  # with WAL: durable at each checkpoint, never corrupt
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:
        # Writers take the write lock at once; readers (connections from reader(engine)) begin a plain deferred
        # transaction, a snapshot that neither waits for a writer nor holds one up (WAL).
        conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get(READ_ONLY) else "BEGIN IMMEDIATE")


def make_engine(url: str) -> Engine:
    """An engine for ``url``, with SQLite's settings when it is SQLite."""
    try:
        engine = create_engine(url, future=True, pool_pre_ping=not url.startswith("sqlite"))
    except Exception as e:  # a missing driver, a malformed URL
        raise StoreError(f"cannot open the database {make_url(url).render_as_string(hide_password=True)}: {e}") from e
    if engine.dialect.name == "sqlite":
        _sqlite_setup(engine)
    return engine


def head_revision() -> str:
    """The newest migration's revision id (from the script folder, without importing Alembic's runtime)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with reader(engine).connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest schema (creating it when empty), in one transaction where the database
    allows it (PostgreSQL and SQLite both run DDL transactionally)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


#: The newest revision, known without loading Alembic (kept in step with migrations/versions by a test).
HEAD = "0001"


def ensure_schema(engine: Engine) -> None:
    """Migrate when the database is not at :data:`HEAD` (cheap when it is: one query, no Alembic import)."""
    try:
        rev = current_revision(engine)
    except Exception as e:
        raise StoreError(f"cannot reach the database {engine.url.render_as_string(hide_password=True)}: {e}") from e
    if rev == HEAD:
        return
    if rev is not None and rev > HEAD:
        raise StoreError(f"the database has schema {rev}, newer than this docexam knows ({HEAD}); update docexam")
    upgrade(engine)
