"""The record store: SQLite by default, PostgreSQL for a ``postgresql://`` URL."""

from __future__ import annotations

from newsledger import config
from newsledger.store.base import BaseStore, StoreError
from newsledger.store.sqlite import SQLiteStore

__all__ = ["BaseStore", "SQLiteStore", "StoreError", "is_database_url", "open_store"]

_PG_SCHEMES = ("postgresql://", "postgres://")


def is_database_url(location: str) -> bool:
    """True when ``location`` is a URL (``scheme://...``) rather than a file path."""
    return "://" in location


def open_store(location: str | None = None) -> BaseStore:
    """Open (creating if needed) the store at ``location``, ``NEWSLEDGER_DB`` or ./newsledger.db.

    Args:
        location: a SQLite file path, ``sqlite:///path``, or a ``postgresql://`` URL
            (libpq's URL syntax, e.g. ``postgresql://user@host:5432/dbname``).

    Raises:
        StoreError: the location is not usable, or a database URL names an unsupported backend.
    """
    loc = config.db_path(location)
    if is_database_url(loc):
        if loc.startswith("sqlite:///"):
            return SQLiteStore(loc.removeprefix("sqlite:///"))
        if loc.startswith(_PG_SCHEMES):
            # Imported here: psycopg is only loaded by those who use PostgreSQL.
            from newsledger.store.postgres import PostgresStore

            return PostgresStore(loc)
        scheme = loc.split("://", 1)[0]
        raise StoreError(
            f"{scheme}://…: only SQLite stores (a file path) and PostgreSQL stores "
            "(postgresql://…) are supported"
        )
    return SQLiteStore(loc)
