"""Extractor stub: quantities (to be written)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from spacy.tokens import Doc

from newsledger.extract import Layers
from newsledger.records import Record


def extract_quantities(doc: Doc, meta: dict[str, Any], layers: Layers) -> Iterator[Record]:
    """Yield quantities records for one parsed article."""
    yield from ()
