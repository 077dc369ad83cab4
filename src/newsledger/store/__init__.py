"""The record store: SQLite by default, PostgreSQL for a ``postgresql://`` URL."""

from __future__ import annotations

import os

from newsledger import config
from newsledger.store.base import BaseStore, StoreError
from newsledger.store.sqlite import SQLiteStore

__all__ = ["BaseStore", "SQLiteStore", "StoreError", "is_database_url", "open_store"]

_PG_SCHEMES = ("postgresql://", "postgres://")


def is_database_url(location: str) -> bool:
    """True when ``location`` is a URL (``scheme://...``) rather than a file path."""
    return "://" in location


def open_store(location: str | None = None, *, create: bool = True) -> BaseStore:
    """Open (creating if needed) the store at ``location``, ``NEWSLEDGER_DB`` or ./newsledger.db.

    Args:
        location: a SQLite file path, ``sqlite:///path``, or a ``postgresql://`` URL
            (libpq's URL syntax, e.g. ``postgresql://user@host:5432/dbname``).
        create: make a SQLite file that does not exist yet (with its schema). False for
            readers, so that a mistyped path is an error rather than a new, empty store. A
            database server's store is opened either way.

    Raises:
        StoreError: the location is not usable, a SQLite file is missing and ``create`` is
            False, or a database URL names an unsupported backend.
    """
    loc = config.db_path(location)
    if is_database_url(loc):
        if loc.startswith("sqlite:///"):
            return _sqlite(loc.removeprefix("sqlite:///"), create)
        if loc.startswith(_PG_SCHEMES):
            # Imported here: psycopg is only loaded by those who use PostgreSQL.
            from newsledger.store.postgres import PostgresStore

            return PostgresStore(loc)
        scheme = loc.split("://", 1)[0]
        raise StoreError(
            f"{scheme}://…: only SQLite stores (a file path) and PostgreSQL stores "
            "(postgresql://…) are supported"
        )
    return _sqlite(loc, create)


def _sqlite(path: str, create: bool) -> SQLiteStore:
    if not create and path != ":memory:" and not os.path.exists(path):
        raise StoreError(f"no store at {path} (`newsledger ingest FILES --db {path}` creates one)")
    return SQLiteStore(path)
