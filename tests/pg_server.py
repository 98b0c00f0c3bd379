"""A throw-away PostgreSQL server for one test session, on 127.0.0.1 only.

``PostgresServer().start()`` runs ``initdb`` into a fresh temporary directory and starts the server with
``pg_ctl`` on a free TCP port of the loopback interface (and a Unix socket in that same directory, never in
/var/run/postgresql); ``stop()`` stops it at once and removes the directory. Nothing survives the session.

PostgreSQL refuses to run as root. When the tests run as root (CI does), ``initdb`` and ``pg_ctl`` run as
the ``postgres`` system user that Debian's ``postgresql`` package creates, and the temporary directory,
made under /tmp, belongs to that user. Otherwise they run as the current user.

The server binaries come from Debian's ``postgresql`` package (``make test`` installs it): the newest
/usr/lib/postgresql/<version>/bin, else ``pg_config --bindir``, else ``initdb`` on the PATH. The environment
variable ``DOCEXAM_PG_BINDIR`` names another directory instead.

Plain Python (no pytest, no Qt): the fixtures in tests/conftest.py wrap it.
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import re
import shlex
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

#: The role ``initdb`` creates as the superuser; trust authentication, so no password.
USER = "docexam"
HOST = "127.0.0.1"
#: The system user the server runs as when the tests run as root.
SYSTEM_USER = "postgres"
BINDIR_ENV = "DOCEXAM_PG_BINDIR"
INSTALL_HINT = "install Debian's postgresql package (`make test` does it: it is in the Makefile's APT_PACKAGES)"

_IDENT = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class PostgresUnavailable(RuntimeError):
    """The test PostgreSQL server cannot be had; the message says why and what to do."""


class PostgresNotInstalled(PostgresUnavailable):
    """The server binaries (or, when running as root, the ``postgres`` system user) are missing."""


class PostgresStartError(PostgresUnavailable):
    """The binaries are there but ``initdb`` or the server failed; the message has the log's tail."""


def _version_key(bindir: str) -> tuple[int, ...]:
    version = Path(bindir).parent.name  # /usr/lib/postgresql/<version>/bin
    return tuple(int(p) for p in re.findall(r"\d+", version)) or (0,)


def find_bindir() -> Path:
    """The directory of ``initdb``, ``pg_ctl`` and ``postgres``, newest version first."""
    override = os.environ.get(BINDIR_ENV)
    if override:
        candidates = [override]
    else:
        candidates = sorted(
            (str(Path(p).parent) for p in glob.glob("/usr/lib/postgresql/*/bin/initdb")),
            key=_version_key,
            reverse=True,
        )
        pg_config = shutil.which("pg_config")
        if pg_config:
            try:
                out = subprocess.run(
                    [pg_config, "--bindir"], capture_output=True, text=True, timeout=10, check=True
                ).stdout.strip()
            except (OSError, subprocess.SubprocessError):
                out = ""
            if out:
                candidates.append(out)
        on_path = shutil.which("initdb")
        if on_path:
            candidates.append(str(Path(on_path).parent))
    for candidate in candidates:
        bindir = Path(candidate)
        if all(os.access(bindir / tool, os.X_OK) for tool in ("initdb", "pg_ctl", "postgres")):
            return bindir
    where = f"{BINDIR_ENV}={override}" if override else "/usr/lib/postgresql/*/bin, pg_config --bindir or the PATH"
    raise PostgresNotInstalled(f"no PostgreSQL server binaries (initdb, pg_ctl, postgres) in {where}: {INSTALL_HINT}")


def free_port(host: str = HOST) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _tail(path: Path, lines: int = 30) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.rstrip().splitlines()[-lines:])


class PostgresServer:
    """One temporary cluster: ``start()``, ``create_database(name)``, ``url(name)``, ``stop()``."""

    def __init__(
        self,
        bindir: str | os.PathLike | None = None,
        base_dir: str | os.PathLike | None = None,
        settings: dict[str, str] | None = None,
    ):
        """``bindir``: the server binaries (default: ``find_bindir()``); ``base_dir``: where the temporary
        directory goes (default: /tmp as root, else the usual temporary directory); ``settings``: more
        server settings, as ``-c name=value``."""
        self._bindir = Path(bindir) if bindir is not None else None
        self._base_dir = base_dir
        self._settings = dict(settings or {})
        self.bindir: Path | None = None
        self.port: int | None = None
        self.dir: Path | None = None
        self._as: pwd.struct_passwd | None = None  # the system user to run as, when we are root
        self._running = False

    # -- paths ---------------------------------------------------------------------------------------
    @property
    def data_dir(self) -> Path:
        return self.dir / "data"

    @property
    def socket_dir(self) -> Path:
        return self.dir / "sock"

    @property
    def log_path(self) -> Path:
        return self.dir / "server.log"

    # -- running the tools ---------------------------------------------------------------------------
    def _run(self, tool: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        """Run one server tool as the right user; its output goes to a file (a pipe would be held open
        by the server that ``pg_ctl start`` leaves behind)."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env.update(LC_ALL="C", LANG="C", HOME=str(self.dir), TZ="UTC")
        extra = {}
        if self._as is not None:
            env.update(USER=self._as.pw_name, LOGNAME=self._as.pw_name)
            extra = dict(user=self._as.pw_uid, group=self._as.pw_gid, extra_groups=[])
        out_path = self.dir / f"{tool}.out"
        with open(out_path, "ab") as out:
            out.write(f"$ {tool} {shlex.join(args)}\n".encode())
            out.flush()
            proc = subprocess.run(
                [str(self.bindir / tool), *args],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                cwd=self.dir,
                env=env,
                timeout=timeout,
                **extra,
            )
        return proc

    def _failure(self, what: str) -> PostgresStartError:
        parts = [f"the test PostgreSQL server failed: {what} (bindir {self.bindir}, port {self.port})"]
        for name in ("initdb.out", "pg_ctl.out", "server.log"):
            tail = _tail(self.dir / name) if self.dir else ""
            if tail:
                parts.append(f"--- {name} (tail) ---\n{tail}")
        return PostgresStartError("\n".join(parts))

    # -- life cycle ----------------------------------------------------------------------------------
    def start(self) -> PostgresServer:
        if self._running:
            return self
        self.bindir = self._bindir if self._bindir is not None else find_bindir()
        for tool in ("initdb", "pg_ctl", "postgres"):
            if not os.access(self.bindir / tool, os.X_OK):
                raise PostgresNotInstalled(f"{self.bindir / tool} is missing: {INSTALL_HINT}")
        if os.geteuid() == 0:
            try:
                self._as = pwd.getpwnam(SYSTEM_USER)
            except KeyError:
                raise PostgresNotInstalled(
                    f"running as root, and PostgreSQL refuses to run as root, but there is no "
                    f"'{SYSTEM_USER}' system user to run it as: {INSTALL_HINT}"
                ) from None
        # As root, under /tmp, which the postgres user can traverse (TMPDIR might be under /root).
        base = self._base_dir if self._base_dir is not None else ("/tmp" if self._as is not None else None)
        self.dir = Path(tempfile.mkdtemp(prefix="docexam-pg-", dir=base))
        atexit.register(self.stop)
        try:
            self.socket_dir.mkdir(mode=0o700)
            if self._as is not None:
                for path in (self.dir, self.socket_dir):
                    os.chown(path, self._as.pw_uid, self._as.pw_gid)
            self._initdb()
            self._start_server()
        except BaseException:
            self.stop()
            raise
        return self

    def _initdb(self) -> None:
        try:
            proc = self._run(
                "initdb",
                "-D", str(self.data_dir),
                "-A", "trust",
                "-U", USER,
                "--encoding", "UTF8",
                "--locale", "C",
                "--no-sync",
            )
        except subprocess.TimeoutExpired:
            raise self._failure("initdb timed out") from None
        if proc.returncode != 0:
            raise self._failure(f"initdb exited with {proc.returncode}")

    def _start_server(self, attempts: int = 3) -> None:
        for attempt in range(attempts):
            self.port = free_port()
            options = " ".join(
                [
                    "-h", HOST,
                    "-p", str(self.port),
                    "-k", shlex.quote(str(self.socket_dir)),
                    "-F",  # fsync off: a throw-away cluster
                    "-c", "synchronous_commit=off",
                    "-c", "full_page_writes=off",
                    "-c", "max_connections=100",
                ]
                + [f"-c {shlex.quote(f'{k}={v}')}" for k, v in self._settings.items()]
            )
            try:
                proc = self._run(
                    "pg_ctl", "start", "-D", str(self.data_dir), "-l", str(self.log_path),
                    "-w", "-t", "60", "-o", options,
                    timeout=90,
                )
            except subprocess.TimeoutExpired:
                raise self._failure("pg_ctl start timed out") from None
            if proc.returncode == 0:
                self._running = True
                return
            # Another process took the port between free_port() and the server's bind: try another.
            if "Address already in use" in _tail(self.log_path, 10) and attempt + 1 < attempts:
                continue
            raise self._failure(f"pg_ctl start exited with {proc.returncode}")

    def stop(self) -> None:
        """Stop the server at once (``-m immediate``) and remove its directory; safe to call twice."""
        if self.dir is None:
            return
        if self._running:
            self._running = False
            try:
                proc = self._run("pg_ctl", "stop", "-D", str(self.data_dir), "-m", "immediate", "-w", "-t", "30",
                                 timeout=45)
                stopped = proc.returncode == 0
            except (OSError, subprocess.SubprocessError):
                stopped = False
            if not stopped:
                self._kill_postmaster()
        elif (self.data_dir / "postmaster.pid").exists():  # a start that failed or timed out half-way
            self._kill_postmaster()
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir = None
        atexit.unregister(self.stop)

    def _kill_postmaster(self) -> None:
        try:
            pid = int((self.data_dir / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return
        try:
            os.kill(pid, signal.SIGQUIT)  # the postmaster's immediate shutdown
            for _ in range(100):
                os.kill(pid, 0)
                time.sleep(0.05)
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def __enter__(self) -> PostgresServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- databases -----------------------------------------------------------------------------------
    def url(self, dbname: str = "postgres") -> str:
        """The SQLAlchemy URL of one database of this server (psycopg 3 driver)."""
        if not self._running:
            raise PostgresUnavailable("the test PostgreSQL server is not running: call start() first")
        return f"postgresql+psycopg://{USER}@{HOST}:{self.port}/{dbname}"

    def connect(self, dbname: str = "postgres"):
        """A psycopg connection in autocommit mode, for administration."""
        import psycopg

        if not self._running:
            raise PostgresUnavailable("the test PostgreSQL server is not running: call start() first")
        return psycopg.connect(
            host=HOST, port=self.port, user=USER, dbname=dbname, autocommit=True, connect_timeout=10
        )

    def create_database(self, name: str, *, template: str | None = None) -> str:
        """Create a database and return its URL: empty (a copy of template1), or a copy of the database
        ``template`` (which must have no connection open)."""
        from psycopg import sql

        _check_name(name)
        query = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template is not None:
            _check_name(template)
            query = sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(name), sql.Identifier(template))
        with self.connect() as conn:
            conn.execute(query)
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop a database, ending any connection still open to it."""
        from psycopg import sql

        _check_name(name)
        with self.connect() as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def _check_name(name: str) -> None:
    if not _IDENT.match(name):
        raise ValueError(f"not a plain database name (lowercase letters, digits, _; at most 63): {name!r}")


def database_name(test_name: str, serial: int) -> str:
    """A unique, readable database name for one test: ``t<serial>_<test name, sanitised>``, 63 bytes at most."""
    stem = re.sub(r"[^a-z0-9_]+", "_", test_name.lower()).strip("_")
    return f"t{serial}_{stem}"[:63].rstrip("_")


def in_ci(environ: os._Environ | dict | None = None) -> bool:
    """True when the environment variable CI is set (to anything but empty, 0, false or no)."""
    value = (environ if environ is not None else os.environ).get("CI")
    return value is not None and value.strip().lower() not in ("", "0", "false", "no")
