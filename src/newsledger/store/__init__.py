"""The record store (SQLite by default)."""

from __future__ import annotations

from newsledger import config
from newsledger.store.sqlite import SQLiteStore, StoreError

__all__ = ["SQLiteStore", "StoreError", "open_store"]


def open_store(location: str | None = None) -> SQLiteStore:
    """Open (creating if needed) the store at ``location``, ``NEWSLEDGER_DB`` or ./newsledger.db.

    Raises:
        StoreError: the location is not usable, or a database URL names an unsupported backend.
    """
    loc = config.db_path(location)
    if "://" in loc:
        if loc.startswith("sqlite:///"):
            return SQLiteStore(loc.removeprefix("sqlite:///"))
        raise StoreError(f"{loc}: only SQLite stores are supported in this version")
    return SQLiteStore(loc)
