"""Opening the case store: where the database is, the engine, SQLite's settings and schema migrations.

The store is an embedded SQLite database by default, in the user's data folder (platformdirs), or any SQLAlchemy
URL: ``--db`` on the command line, then the ``DOCEXAM_DB`` environment variable. A plain path means SQLite. The
same code and the same Alembic migrations run on SQLite and on PostgreSQL.

SQLite is set up for a desktop shared by the GUI and the command line: write-ahead logging (readers never block
the writer), foreign keys enforced, a busy timeout instead of "database is locked", and every write transaction
started with ``BEGIN IMMEDIATE``, so two writers queue instead of deadlocking on a lock upgrade.

A SQLite file that may be read but not written here (a read-only file, or a read-only folder, where write-ahead
logging cannot make its ``-shm`` file) is opened read-only: listing, showing and verifying work, and every change is
refused with :class:`~docexam.errors.StoreReadOnlyError`. The database's own failures (read-only, disk full, busy
past the timeout, unreachable) become the domain errors of :mod:`docexam.errors`, with what to do, never a driver's
traceback. A database that is not docexam's, or whose schema revision docexam does not know, is refused untouched.
"""

from __future__ import annotations

import os
import sqlite3
import urllib.parse
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url

from docexam.errors import (
    ForeignDatabaseError,
    SchemaRevisionError,
    StoreBusyError,
    StoreError,
    StoreFullError,
    StoreReadOnlyError,
    StoreUnavailableError,
)
from docexam.i18n import _

#: Environment variable naming the database (a SQLAlchemy URL or a path to a SQLite file).
ENV_VAR = "DOCEXAM_DB"
#: Milliseconds a SQLite writer waits for another before giving up.
BUSY_TIMEOUT_MS = 15000
MIGRATIONS = Path(__file__).with_name("migrations")


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
            raise StoreError(_("cannot understand the database URL {url}: {error}; give a path to a SQLite file or a URL "
                               "such as postgresql+psycopg://user@host/db").format(url=repr(value), error=e)) from e
        return value
    else:
        path = Path(value).expanduser()
    if path.is_dir():
        raise StoreError(_("{path} is a folder; give the database file's path, e.g. {example}").format(
            path=path, example=path / 'docexam.sqlite'))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise StoreUnavailableError(_("cannot make the folder of the database {path} ({error}); give --db a file in a "
                                      "folder you may write").format(path=path, error=e.strerror)) from e
    return f"sqlite:///{path.resolve()}"


#: Execution option marking connections that only read (see reader()).
READ_ONLY = "docexam_read_only"


def reader(engine: Engine) -> Engine:
    """``engine`` for reading: on SQLite its transactions begin DEFERRED instead of IMMEDIATE."""
    return engine.execution_options(**{READ_ONLY: True})


def describe(engine: Engine) -> str:
    """The database in words for messages: a SQLite file's path, else the URL without its password."""
    url = engine.url
    if url.get_backend_name() == "sqlite" and url.database:
        return url.database.removeprefix("file:").split("?")[0]
    return url.render_as_string(hide_password=True)


def translate(error: BaseException, where: str) -> StoreError | None:
    """The domain error for a database failure that is not docexam's fault (read-only, full, busy, unreachable), or
    None for the others (a constraint, a bug), which stay as they are."""
    orig = getattr(error, "orig", None) or error
    name = getattr(orig, "sqlite_errorname", "") or ""
    state = getattr(orig, "sqlstate", None) or ""
    text_ = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    if name.startswith("SQLITE_READONLY") or state == "25006":
        return StoreReadOnlyError(_("the database {where} cannot be written here ({error}); nothing was written. "
                                    "Ask for write permission on it (a SQLite file: on the file and its folder), or "
                                    "work on a copy in a folder of your own").format(where=where, error=text_))
    if name.startswith("SQLITE_FULL") or state in ("53100", "53400"):
        return StoreFullError(_("the disk holding the database {where} is full ({error}); this change was not "
                                "written. Free some space there, or move the database to a larger disk, and try "
                                "again").format(where=where, error=text_))
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or state in ("55P03", "40P01"):
        return StoreBusyError(_("the database {where} stayed busy with another docexam for more than {seconds} s "
                                "({error}); nothing was written. Try again when the other work is done").format(
                                  where=where, seconds=BUSY_TIMEOUT_MS // 1000, error=text_))
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_IOERR", "SQLITE_NOTADB", "SQLITE_CORRUPT")):
        hint = (_("it is not a SQLite database, or it is damaged: give --db a docexam database, or restore it from "
                  "a copy") if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")) else
                _("check that the file and its folder exist, that you may read them, and that the disk is sound"))
        return StoreUnavailableError(_("cannot use the database {where} ({error}); {hint}").format(
            where=where, error=text_, hint=hint))
    if state.startswith("08") or state in ("57P01", "57P02", "57P03", "28000", "28P01", "3D000"):
        return StoreUnavailableError(_("cannot reach the database {where} ({error}); check the server, the URL and "
                                       "your credentials").format(where=where, error=text_))
    return None


def _sqlite_setup(engine: Engine, read_only: str | None) -> None:
    where = describe(engine)

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None  # transactions are begun below, not by the sqlite3 module
        cur = dbapi_conn.cursor()
        try:
            cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            # Write-ahead logging is set once, in the file, when docexam makes its schema (upgrade()): setting it
            # here would write to any file --db names before it is known to be docexam's.
            cur.execute("PRAGMA synchronous = NORMAL")  # with WAL: durable at each checkpoint, never corrupt
            cur.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as e:
            raise translate(e, where) or e from e
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:
        # Writers take the write lock at once; readers (connections from reader(engine)) begin a plain deferred
        # transaction, a snapshot that neither waits for a writer nor holds one up (WAL).
        if conn.get_execution_options().get(READ_ONLY):
            conn.exec_driver_sql("BEGIN")
            return
        if read_only is not None:
            raise StoreReadOnlyError(_("the database {where} is open read-only here ({why}); nothing was written. To work "
                                       "on its cases, get write permission on the file and its folder, or copy it to "
                                       "a folder of your own and give --db the copy").format(
                                         where=where, why=read_only))
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def sqlite_read_only(url: str) -> str | None:
    """Why the SQLite file of ``url`` can only be read here, or None when it can be written (or is not made yet,
    or ``url`` is not a SQLite file)."""
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:" or u.query.get("uri"):
        return None
    path = Path(u.database)
    if not path.exists():
        return None
    if not os.access(path, os.R_OK):
        return None  # not readable either: opening it says so
    if not os.access(path, os.W_OK):
        return "the file is read-only"
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return "its folder is read-only, and SQLite needs to write its log files beside it"
    for side in ("-wal", "-shm"):
        log = path.with_name(path.name + side)
        if log.exists() and not os.access(log, os.W_OK):
            return f"its {side[1:]} file is read-only"
    return None


def read_only_url(url: str) -> str:
    """The URL opening the SQLite file of ``url`` read-only. In a read-only folder with no ``-shm`` file (none can
    be made there) the file is opened as immutable: nothing can be writing it from here either."""
    path = Path(make_url(url).database)
    params = {"mode": "ro"}
    if not os.access(path.parent, os.W_OK | os.X_OK) and not path.with_name(path.name + "-shm").exists():
        params["immutable"] = "1"
    return f"sqlite:///file:{urllib.parse.quote(str(path))}?{urllib.parse.urlencode(params)}&uri=true"


def make_engine(url: str, *, read_only: str | None = None) -> Engine:
    """An engine for ``url``, with SQLite's settings when it is SQLite. ``read_only`` (why) opens a SQLite file
    read-only: every writing transaction is refused with StoreReadOnlyError."""
    try:
        engine = create_engine(read_only_url(url) if read_only else url, future=True,
                               pool_pre_ping=not url.startswith("sqlite"))
    except Exception as e:  # a missing driver, a malformed URL
        raise StoreError(_("cannot open the database {where}: {error}").format(
            where=make_url(url).render_as_string(hide_password=True), error=e)) from e
    where = describe(engine)

    @event.listens_for(engine, "handle_error")
    def _translate(ctx) -> None:
        err = translate(ctx.original_exception, where)
        if err is not None:
            raise err from ctx.original_exception

    if engine.dialect.name == "sqlite":
        _sqlite_setup(engine, read_only)
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


def upgrade(engine: Engine, *, migrate_empty: bool = False) -> None:
    """Bring the database to the newest schema, in one transaction where the database allows it (PostgreSQL and
    SQLite both run DDL transactionally). An empty database gets the newest schema at once, stamped with
    :data:`HEAD`, as Alembic's documentation advises for a database built from scratch ("Building an Up to Date
    Database from Scratch"): a new store opens in 34 ms instead of 75 (tests/store/test_schema.py keeps
    checking that the migrations build the same schema; ``migrate_empty`` runs them on an empty database too)."""
    if engine.dialect.name == "sqlite":
        raw = engine.raw_connection()  # outside a transaction, as SQLite requires; kept in the file from then on
        try:
            raw.driver_connection.execute("PRAGMA journal_mode = WAL")
        except sqlite3.Error as e:
            raise translate(e, describe(engine)) or e from e
        finally:
            raw.close()
    with engine.begin() as conn:
        if not migrate_empty and not inspect(conn).get_table_names():
            from docexam.store.schema import metadata

            metadata.create_all(conn)
            # Alembic's own version table, as its stamp writes it
            conn.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                              "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"))
            conn.execute(text("INSERT INTO alembic_version (version_num) VALUES (:head)"), {"head": HEAD})
            return
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


#: The newest revision, known without loading Alembic (kept in step with migrations/versions by a test).
HEAD = "0004"


def known_revisions() -> set[str]:
    """Every revision of docexam's migrations: the head and all it descends from (one line of history)."""
    from alembic.script import ScriptDirectory

    return {sc.revision for sc in ScriptDirectory(str(MIGRATIONS)).walk_revisions()}


def ensure_schema(engine: Engine, *, read_only: str | None = None) -> None:
    """Migrate when the database is not at :data:`HEAD` (cheap when it is: one query, no Alembic import).

    An empty database gets docexam's schema. A database holding tables but no revision is another application's,
    and one whose revision is not in docexam's history (compared through the revisions, not as text) is newer or
    not docexam's: both are refused untouched. ``read_only`` (why the database cannot be written) refuses a
    database that would need migrating.
    """
    where = describe(engine)
    try:
        with reader(engine).connect() as conn:
            tables = set(inspect(conn).get_table_names())
            versions = ([r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))]
                        if "alembic_version" in tables else None)
    except StoreError:
        raise
    except Exception as e:
        raise StoreUnavailableError(_("cannot reach the database {where}: {error}").format(where=where, error=e)) from e
    if versions == [HEAD]:
        return
    if versions is None:
        if tables:
            shown = ", ".join(sorted(tables)[:6]) + (", ..." if len(tables) > 6 else "")
            raise ForeignDatabaseError(_("{where} is not a docexam database (it holds other tables: {tables}); docexam "
                                         "left it untouched. Give --db a new file or an existing docexam "
                                         "database").format(where=where, tables=shown))
    elif len(versions) != 1 or not isinstance(versions[0], str) or versions[0] not in known_revisions():
        found = "no revision" if not versions else ", ".join(repr(v) for v in versions)
        raise SchemaRevisionError(_("the database {where} records schema revision {found}, not one this docexam knows "
                                    "(its newest is {newest}): either it is newer than this docexam knows (update "
                                    "docexam) or it is not a docexam database; it was left untouched").format(
                                      where=where, found=found, newest=repr(HEAD)))
    if read_only is not None:
        raise StoreReadOnlyError(_("the database {where} needs its schema brought up to date, and is read-only here "
                                   "({why}); open it once with write permission, or with the docexam that last wrote "
                                   "it").format(where=where, why=read_only))
    upgrade(engine)
