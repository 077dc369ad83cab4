"""Extractor stub: actors (to be written)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from spacy.tokens import Doc

from newsledger.extract import Layers
from newsledger.records import Record


def extract_actors(doc: Doc, meta: dict[str, Any], layers: Layers) -> Iterator[Record]:
    """Yield actors records for one parsed article."""
    yield from ()
