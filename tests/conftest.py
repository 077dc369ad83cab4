"""Shared fixtures: the real spaCy pipeline is loaded once per test session."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from newsledger.article import Article
from newsledger.nlp import build_pipeline, parse_article
from newsledger.records import Layers

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED_TXT = SHARED / "gold" / "seed" / "nk-troops-kursk.txt"
SEED_GOLD = SHARED / "gold" / "seed" / "nk-troops-kursk.gold.json"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return build_pipeline()


@pytest.fixture(scope="session")
def run(nlp: Language):
    """Parse and extract one text: ``run(text, published=None) -> (doc, layers)``."""

    def _run(text: str, published: str | None = None, **meta: Any) -> tuple[Any, Layers]:
        art = Article(text=text, published=published, **meta)
        doc = parse_article(nlp, art.text, art.meta())
        return doc, doc._.newsledger or {}

    return _run


@pytest.fixture(scope="session")
def seed() -> tuple[Article, dict[str, Any]]:
    """The worked example: the seed article and its gold records (skips if shared/ is absent)."""
    if not SEED_TXT.exists():
        pytest.skip("shared seed gold not available")
    art = Article(
        text=SEED_TXT.read_text(encoding="utf-8"),
        id="nk-troops-kursk",
        outlet="The Sun",
        published="2024-10-28",
    )
    return art, json.loads(SEED_GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_layers(nlp: Language, seed: tuple[Article, dict[str, Any]]) -> Layers:
    art, _gold = seed
    return parse_article(nlp, art.text, art.meta())._.newsledger or {}
