"""A throwaway PostgreSQL cluster for tests and benchmarks.

``initdb`` into a temporary folder, ``pg_ctl start`` with a unix socket in that folder (no TCP
listener, so clusters started side by side never collide), trust authentication for the
``postgres`` superuser, durability switched off (the data is thrown away). As root, initdb
refuses to run, so the server runs as the ``postgres`` user (else ``nobody``).

Example:
    >>> with ThrowawayCluster() as cluster:  # doctest: +SKIP
    ...     url = cluster.create_database()
    ...     store = open_store(url)
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

__all__ = ["ThrowawayCluster", "create_database", "drop_database", "find_bindir"]


def find_bindir() -> Path | None:
    """The folder holding PostgreSQL's server programs (``initdb``, ``pg_ctl``), or None.

    Looked for in ``NEWSLEDGER_PG_BINDIR``, ``pg_config --bindir``, Debian's
    ``/usr/lib/postgresql/<version>/bin`` (newest first), then ``PATH``.
    """
    candidates: list[str] = []
    if os.environ.get("NEWSLEDGER_PG_BINDIR"):
        candidates.append(os.environ["NEWSLEDGER_PG_BINDIR"])
    if shutil.which("pg_config"):
        try:
            candidates.append(
                subprocess.run(
                    ["pg_config", "--bindir"], capture_output=True, text=True, check=True
                ).stdout.strip()
            )
        except (OSError, subprocess.CalledProcessError):
            pass

    def version(path: str) -> tuple[int, ...]:
        name = Path(path).parent.name
        return tuple(int(p) for p in name.split(".") if p.isdigit())

    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True)
    if shutil.which("initdb"):
        candidates.append(str(Path(shutil.which("initdb") or "").parent))
    for c in candidates:
        if c and (Path(c) / "initdb").is_file() and (Path(c) / "pg_ctl").is_file():
            return Path(c)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ThrowawayCluster:
    """A PostgreSQL server in a temporary folder, gone after ``stop()``.

    Args:
        bindir: folder of ``initdb``/``pg_ctl`` (default: ``find_bindir()``).

    Attributes:
        url: the ``postgresql://`` URL of the cluster's ``postgres`` database (after start).
    """

    def __init__(self, bindir: Path | None = None) -> None:
        found = bindir or find_bindir()
        if found is None:
            raise FileNotFoundError("PostgreSQL server programs (initdb, pg_ctl) not found")
        self.bindir = found
        self.dir: Path | None = None
        self.url = ""
        self._as: list[str] = []

    def _run(self, *args: str) -> None:
        cmd = [*self._as, *args]
        res = subprocess.run(cmd, capture_output=True, text=True, cwd="/")
        if res.returncode != 0:
            log = ""
            if self.dir is not None and (self.dir / "log").exists():
                log = (self.dir / "log").read_text(errors="replace")[-2000:]
            raise RuntimeError(
                f"{' '.join(args[:2])} failed ({res.returncode}): {res.stderr.strip()} {log}"
            )

    def start(self) -> str:
        """Create and start the cluster; return its URL."""
        # Short path: a unix socket path must stay under about 100 bytes.
        base = "/tmp" if Path("/tmp").is_dir() else None
        self.dir = Path(tempfile.mkdtemp(prefix="nl-pg-", dir=base))
        if os.geteuid() == 0:
            user = next((u for u in ("postgres", "nobody") if _has_user(u)), None)
            if user is None:
                raise RuntimeError("running as root and no postgres/nobody user for the server")
            pw = pwd.getpwnam(user)
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
            if shutil.which("runuser"):
                self._as = ["runuser", "-u", user, "--"]
            else:
                self._as = [
                    "setpriv",
                    f"--reuid={pw.pw_uid}",
                    f"--regid={pw.pw_gid}",
                    "--clear-groups",
                ]
        data = self.dir / "data"
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
            # Byte-order sorting (as SQLite's), but lower() that knows non-ASCII letters.
            f"--lc-ctype={_utf8_ctype()}",
            "--no-sync",
        )
        port = _free_port()
        opts = (
            f"-p {port} -k {self.dir} -c listen_addresses='' -c fsync=off"
            " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(self.dir / "log"),
            "-w",
            "-t",
            "120",
            "-o",
            opts,
            "start",
        )
        self.url = f"postgresql://postgres@/postgres?host={self.dir}&port={port}"
        return self.url

    def stop(self) -> None:
        """Stop the server and delete its folder (safe to call twice)."""
        if self.dir is None:
            return
        data = self.dir / "data"
        if (data / "postmaster.pid").exists():
            try:
                self._run(
                    str(self.bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"
                )
            except RuntimeError:
                pass
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir = None

    def create_database(self) -> str:
        """A new empty database in this cluster; return its URL."""
        return create_database(self.url)

    def __enter__(self) -> ThrowawayCluster:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _utf8_ctype() -> str:
    """A UTF-8 character-class locale the C library has (``C.UTF-8``), else ``C``."""
    import locale

    for name in ("C.UTF-8", "C.utf8"):
        try:
            old = locale.setlocale(locale.LC_CTYPE)
            locale.setlocale(locale.LC_CTYPE, name)
            locale.setlocale(locale.LC_CTYPE, old)
            return name
        except locale.Error:
            continue
    return "C"


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _with_dbname(url: str, dbname: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + dbname))


def create_database(url: str, prefix: str = "nl_test_") -> str:
    """Create a new, empty UTF-8 database on the server of ``url``; return the new URL.

    Args:
        url: a ``postgresql://`` URL whose user may create databases.
        prefix: the start of the new database's name (a random suffix follows).
    """
    import psycopg
    from psycopg import sql

    name = f"{prefix}{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            sql.SQL(
                "CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE {}"
            ).format(sql.Identifier(name), sql.Literal(_utf8_ctype()))
        )
    return _with_dbname(url, name)


def drop_database(url: str, admin_url: str) -> None:
    """Drop the database of ``url``, connecting through ``admin_url`` (another database)."""
    import psycopg
    from psycopg import sql

    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
