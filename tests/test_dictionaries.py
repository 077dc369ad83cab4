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


@pytest.mark.skipif(not PETRARCH.exists(), reason="shared PETRARCH2 dictionaries not available")
def test_phoenix_orgs_are_regenerated_unchanged() -> None:
    """``data/actors/phoenix_orgs.tsv`` is exactly what the build script makes today."""
    mod = _script("build_actors")
    countries = ROOT / "src" / "newsledger" / "data" / "actors" / "countries.tsv"
    iso = {
        ln.split("\t")[0]
        for ln in countries.read_text(encoding="utf-8").splitlines()
        if ln and not ln.startswith("#")
    }
    agents = json.loads((EVENTS / "agent_sectors.json").read_text(encoding="utf-8"))
    rows = mod.build_orgs(PETRARCH, iso, mod._cameo_codes(), set(agents) - {"_doc"})
    committed = ROOT / "src" / "newsledger" / "data" / "actors" / "phoenix_orgs.tsv"
    lines = [ln for ln in committed.read_text(encoding="utf-8").splitlines() if ln[:1] != "#"]
    assert ["\t".join(r) for r in rows] == lines


def test_phoenix_orgs_keep_hand_ids_and_add_home_states() -> None:
    """Hand-kept ids stay (org:nato, org:taliban); armed groups carry their home state."""
    assert actors.lookup_alias("North Atlantic Treaty Organization") == "org:nato"
    assert actors.lookup_alias("NATO") == "org:nato"
    assert actors.org_home("org:taliban") == ("AFG", "REB")
    assert actors.org_home("org:al-shabab") == ("SOM", "REB")
    assert actors.org_home("org:un") == (None, None)
    # a group only the Phoenix dictionary knows, by name and by its acronym
    assert actors.lookup_alias("National Union for the Total Independence of Angola") == (
        "org:unita"
    )
    assert actors.org_home("org:unita") == ("AGO", "REB")
    notice = (ROOT / "src" / "newsledger" / "data" / "actors" / "NOTICE.md").read_text("utf-8")
    assert "Phoenix.MilNonState.actors.txt" in notice and "MIT License" in notice


def test_phoenix_org_aliases_resolve_ner_mentions_only(run) -> None:
    """A Phoenix organisation names what the NER found; its home state codes its events."""
    _doc, layers = run("UNITA rebels shelled the town of Kuito on Monday.")
    ents = {e["text"]: e["actor"] for e in layers["entity"]}
    assert ents.get("UNITA") == "org:unita"
    ev = next(e for e in layers["event"] if e["event"] == "ASSAULT")
    assert ev["actor"][0] == "org:unita" and ev["actor_code"][0] == "AGO"
    assert ev["actor_sector"][0] == "REB"
    # a person's name is never an organisation, even where a group lists its leader
    _doc, layers = run("Khaled Meshaal met the Egyptian foreign minister in Cairo.")
    assert all(e["actor"] != "org:hamas" for e in layers["entity"])
