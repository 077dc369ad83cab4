"""The dictionary-built data: reproducible from the shared PETRARCH2 files, one country table."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from newsledger import geo
from newsledger.extract import actors

ROOT = Path(__file__).resolve().parents[1]
PETRARCH = ROOT.parent / "shared" / "lexicons" / "petrarch2"
MAPPING = ROOT.parent / "shared" / "eval" / "plover" / "CAMEO2PLOVER-2021.txt"
EVENTS = ROOT / "src" / "newsledger" / "data" / "events"


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.skipif(not PETRARCH.exists(), reason="shared PETRARCH2 dictionaries not available")
def test_event_lexicon_is_regenerated_unchanged() -> None:
    """``data/events/cameo_verbs.json`` is exactly what the build script makes today."""
    data, _lines = _script("build_events").build(PETRARCH / "CAMEO.2.0.txt", MAPPING)
    committed = json.loads((EVENTS / "cameo_verbs.json").read_text(encoding="utf-8"))
    assert json.loads(json.dumps(data)) == committed


def test_event_lexicon_drops_comment_codes_and_generic_verbs() -> None:
    """CAMEO 01x/02x (statements, appeals) map to nothing; generic verbs carry no default."""
    lex = json.loads((EVENTS / "cameo_verbs.json").read_text(encoding="utf-8"))
    assert all(not v[2].startswith(("01", "02")) for v in lex["verbs"].values())
    for generic in ("say", "make", "take", "give", "hold"):
        assert generic not in lex["verbs"]
    assert lex["nouns"]["blockade"][0] == "COERCE"
    assert lex["nouns"]["talks"][0] == "CONSULT"
    notice = (EVENTS / "NOTICE.md").read_text(encoding="utf-8")
    assert "MIT License" in notice and "CC BY-SA 4.0" in notice


def test_dictionary_light_verb_and_noun_events(run) -> None:
    """Events carried by a noun through a light verb come from the dictionary layer."""
    _doc, layers = run("Egypt imposed a blockade on Gaza on Monday.")
    assert any(e["event"] == "COERCE" for e in layers.get("event", []))
    _doc, layers = run("The Japanese prime minister paid a visit to Vietnam on Monday.")
    assert any(e["event"] == "CONSULT" for e in layers.get("event", []))


def test_one_country_table_for_actors_and_geo() -> None:
    """England, Scotland and Wales are GBR for the actor extractor and for geo alike."""
    for name in ("England", "Scotland", "Wales", "Britain"):
        assert geo.country_code(name) == "GBR", name
        assert actors.lookup_alias(name) == "country:GBR", name
    assert not (ROOT / "src" / "newsledger" / "data" / "geo" / "country_names.tsv").exists()


def test_phoenix_people_have_their_state() -> None:
    assert actors.person_country("person:moody-awori") == "country:KEN"
    assert actors.person_country("person:olusegun-obasanjo") == "country:NGA"
