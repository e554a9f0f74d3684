"""Offline place resolution: kg.places."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.places import Place, capital, country_with_capital, geonames_iri, is_place, lookup


@pytest.mark.parametrize(
    ("name", "place_name", "kind", "country"),
    [
        # countries, by any of their names
        ("Russia", "Russia", "country", "Russia"),
        ("the United States", "United States", "country", "United States"),
        ("U.S.", "United States", "country", "United States"),
        ("UK", "United Kingdom", "country", "United Kingdom"),
        ("Iran", "Iran", "country", "Iran"),
        ("Türkiye", "Turkey", "country", "Turkey"),
        ("Czech Republic", "Czechia", "country", "Czechia"),
        ("Hong Kong", "Hong Kong", "country", "Hong Kong"),
        ("Mexico", "Mexico", "country", "Mexico"),  # never Mexico, Missouri or Mexico City
        ("Luxembourg", "Luxembourg", "country", "Luxembourg"),
        ("Georgia", "Georgia", "country", "Georgia"),  # the country unless the context says US
        # cities, with namesakes resolved by population
        ("Moscow", "Moscow", "city", "Russia"),
        ("Paris", "Paris", "city", "France"),
        ("London", "London", "city", "United Kingdom"),
        ("Washington", "Washington", "city", "United States"),  # D.C., not the state or the English town
        ("Washington, D.C.", "Washington", "city", "United States"),
        ("Washington DC", "Washington", "city", "United States"),
        ("New York", "New York City", "city", "United States"),  # the city, not the state
        ("Beijing", "Beijing", "city", "China"),
        ("Tehran", "Tehran", "city", "Iran"),
        ("Jerusalem", "Jerusalem", "city", "Israel"),
        ("Geneva", "Geneva", "city", "Switzerland"),
        ("Helsinki", "Helsinki", "city", "Finland"),
        ("Davos", "Davos", "city", "Switzerland"),
        ("Sharm el-Sheikh", "Sharm el-Sheikh", "city", "Egypt"),
        ("Anchorage", "Anchorage", "city", "United States"),
        # alternate names, accents, case, "the", possessives
        ("Kyiv", "Kyiv", "city", "Ukraine"),
        ("Kiev", "Kyiv", "city", "Ukraine"),
        ("Peking", "Beijing", "city", "China"),
        ("Bombay", "Mumbai", "city", "India"),
        ("Saigon", "Ho Chi Minh City", "city", "Vietnam"),
        ("Leningrad", "Saint Petersburg", "city", "Russia"),
        ("St. Petersburg", "Saint Petersburg", "city", "Russia"),
        ("Nur-Sultan", "Astana", "city", "Kazakhstan"),
        ("Sao Paulo", "São Paulo", "city", "Brazil"),
        ("MOSCOW", "Moscow", "city", "Russia"),
        ("moscow", "Moscow", "city", "Russia"),
        ("Moscow's", "Moscow", "city", "Russia"),
        # first-level regions
        ("Texas", "Texas", "region", "United States"),
        ("Florida", "Florida", "region", "United States"),  # not Florida, Uruguay
        ("Crimea", "Crimea", "region", "Ukraine"),
        ("Gaza", "Gaza Strip", "region", "Palestine"),
        ("Scotland", "Scotland", "region", "United Kingdom"),
        # continents and world regions
        ("Europe", "Europe", "continent", None),
        ("Africa", "Africa", "continent", None),
        ("Middle East", "Middle East", "region", None),
        ("the Balkans", "Balkans", "region", None),
        # buildings that stand for institutions
        ("White House", "White House", "building", "United States"),
        ("the Kremlin", "Kremlin", "building", "Russia"),
        ("Pentagon", "Pentagon", "building", "United States"),
        ("Downing Street", "Downing Street", "building", "United Kingdom"),
        ("Élysée", "Élysée Palace", "building", "France"),
        ("Elysee Palace", "Élysée Palace", "building", "France"),
    ],
)
def test_lookup(name: str, place_name: str, kind: str, country: str | None) -> None:
    place = lookup(name)
    assert place is not None, name
    assert (place.name, place.kind, place.country) == (place_name, kind, country)
    assert is_place(name)


@pytest.mark.parametrize(
    ("name", "context", "country"),
    [
        ("Paris", (), "France"),
        # a country in the article does not turn a world city into a small namesake
        ("Paris", ("United States",), "France"),
        ("Paris", ("Texas",), "United States"),
        ("Paris", ("U.S.",), "France"),
        ("Paris", ("France", "United States"), "France"),  # both in context: population decides
        ("Georgia", (), "Georgia"),
        ("Georgia", ("United States",), "United States"),
        ("Georgia", ("Russia",), "Georgia"),
        ("Moscow", ("United States",), "Russia"),  # not Moscow, Idaho
        ("Geneva", ("United States",), "Switzerland"),  # not Geneva, Illinois
        ("Springfield", ("United States",), "United States"),
        ("Moscow", ("Russia", "United States"), "Russia"),
        ("Mexico", ("United States",), "Mexico"),  # a country is never out-ranked by a namesake town
        ("Washington", ("United Kingdom", "United States"), "United States"),
        ("Washington", ("United States",), "United States"),
        ("Birmingham", (), "United Kingdom"),
        ("Birmingham", ("Alabama",), "United States"),
        ("London", ("Canada",), "United Kingdom"),
    ],
)
def test_lookup_in_context(name: str, context: tuple[str, ...], country: str) -> None:
    place = lookup(name, context_countries=context)
    assert place is not None
    assert place.country == country


def test_context_keeps_the_kind_of_place() -> None:
    georgia = lookup("Georgia", context_countries=["United States"])
    assert georgia is not None and georgia.kind == "region"
    paris = lookup("Paris", context_countries=["Texas"])
    assert paris is not None and paris.kind == "city" and paris.population < 1_000_000


def test_washington_is_the_capital_with_its_geonames_id() -> None:
    place = lookup("Washington")
    assert place is not None
    assert place.geonames_id == 4140963
    assert place.iri == "https://sws.geonames.org/4140963/"
    assert place.lat == pytest.approx(38.9, abs=0.1)
    assert place.lon == pytest.approx(-77.0, abs=0.1)


def test_country_has_geonames_id_population_and_capital_coordinates() -> None:
    russia = lookup("Russia")
    moscow = lookup("Moscow")
    assert russia is not None and moscow is not None
    assert russia.geonames_id == 2017370
    assert russia.population > 100_000_000
    assert (russia.lat, russia.lon) == (moscow.lat, moscow.lon)


def test_building_has_its_city_coordinates() -> None:
    kremlin, moscow = lookup("Kremlin"), lookup("Moscow")
    assert kremlin is not None and moscow is not None
    assert abs(kremlin.lat - moscow.lat) < 0.1 and abs(kremlin.lon - moscow.lon) < 0.1
    assert kremlin.geonames_id is None


@pytest.mark.parametrize(
    "name",
    [
        "",
        "   ",
        "the",
        "Mordor",
        "Narnia",
        "Xyzzyville",
        "Secretary of State",
        "us",  # abbreviations only in capitals
        "uk",
        "IEV",  # GeoNames codes among alternate names are not indexed
    ],
)
def test_lookup_unknown(name: str) -> None:
    assert lookup(name) is None
    assert not is_place(name)


def test_capital() -> None:
    kyiv = capital("Ukrainian")
    assert kyiv is not None and kyiv.name == "Kyiv" and kyiv.kind == "city"
    assert capital("Narnia") is None


@pytest.mark.parametrize(
    ("city", "country"),
    [("Kiev", "Ukraine"), ("Washington", "United States"), ("Houston", None), ("Mexico", "Mexico")],
)
def test_country_with_capital(city: str, country: str | None) -> None:
    assert country_with_capital(city) == country


def test_geonames_iri() -> None:
    assert geonames_iri(2017370) == "https://sws.geonames.org/2017370/"


@pytest.mark.parametrize("bad", [0, -1, True])
def test_geonames_iri_rejects_non_ids(bad: int) -> None:
    with pytest.raises(ValueError, match="positive integer"):
        geonames_iri(bad)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "planet"}, "Unknown place kind 'planet'. Choose one of: country, city"),
        ({"lat": 1.0}, "both lat and lon"),
        ({"lat": 91.0, "lon": 0.0}, "out of range"),
        ({"name": ""}, "needs a name"),
    ],
)
def test_place_checks_its_invariants(kwargs: dict, message: str) -> None:
    fields = {
        "name": "X",
        "kind": "city",
        "country": None,
        "lat": None,
        "lon": None,
        "geonames_id": None,
    } | kwargs
    with pytest.raises(ValueError, match=message):
        Place(**fields)


@given(st.text(max_size=40), st.lists(st.text(max_size=20), max_size=3))
def test_lookup_never_raises(text: str, context: list[str]) -> None:
    place = lookup(text, context_countries=context)
    assert place is None or isinstance(place, Place)
    assert is_place(text) is (lookup(text) is not None)
