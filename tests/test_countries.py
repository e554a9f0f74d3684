"""Country and organisation names: kg.extract.countries (capitals: kg.extract.places)."""

from __future__ import annotations

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.extract import countries
from kg.extract.countries import (
    code_of,
    country_by_code,
    country_of,
    is_country,
    name_key,
    organisation_of,
)
from kg.extract.places import capital_of, country_of_capital


@pytest.mark.parametrize(
    ("word", "country"),
    [
        # names, including common names preferred over ISO names
        ("Russia", "Russia"),
        ("Russian Federation", "Russia"),
        ("Iran", "Iran"),
        ("Islamic Republic of Iran", "Iran"),
        ("Syria", "Syria"),
        ("Syrian Arab Republic", "Syria"),
        ("Viet Nam", "Vietnam"),
        ("Taiwan", "Taiwan"),
        ("Czech Republic", "Czechia"),
        ("Czechia", "Czechia"),
        ("Türkiye", "Turkey"),
        ("Turkiye", "Turkey"),
        ("Côte d'Ivoire", "Ivory Coast"),
        ("Cote d\u2019Ivoire", "Ivory Coast"),
        ("Burma", "Myanmar"),
        ("Holland", "Netherlands"),
        ("the Netherlands", "Netherlands"),
        ("The Gambia", "Gambia"),
        ("Swaziland", "Eswatini"),
        ("Macedonia", "North Macedonia"),
        ("Holy See", "Vatican City"),
        ("Bosnia-Herzegovina", "Bosnia and Herzegovina"),
        ("Bosnia & Herzegovina", "Bosnia and Herzegovina"),
        ("Korea, Republic of", "South Korea"),
        ("São Tomé and Príncipe", "Sao Tome and Principe"),
        ("St. Lucia", "Saint Lucia"),
        ("Kosovo", "Kosovo"),
        ("Palestinian Territories", "Palestine"),
        # abbreviations
        ("U.S.", "United States"),
        ("US", "United States"),
        ("USA", "United States"),
        ("U.S.A.", "United States"),
        ("the US", "United States"),
        ("UK", "United Kingdom"),
        ("U.K.", "United Kingdom"),
        ("UAE", "United Arab Emirates"),
        ("DRC", "Democratic Republic of the Congo"),
        ("DPRK", "North Korea"),
        ("PRC", "China"),
        ("KSA", "Saudi Arabia"),
        # other names
        ("America", "United States"),
        ("Britain", "United Kingdom"),
        ("Great Britain", "United Kingdom"),
        ("Scotland", "United Kingdom"),
        ("Korea", "South Korea"),
        # adjectives and demonyms
        ("Russian", "Russia"),
        ("American", "United States"),
        ("Chinese", "China"),
        ("British", "United Kingdom"),
        ("Ukrainian", "Ukraine"),
        ("South Korean", "South Korea"),
        ("North Korean", "North Korea"),
        ("Israeli", "Israel"),
        ("Palestinian", "Palestine"),
        ("Iranian", "Iran"),
        ("Saudi", "Saudi Arabia"),
        ("Emirati", "United Arab Emirates"),
        ("French", "France"),
        ("German", "Germany"),
        ("Dutch", "Netherlands"),
        ("Swiss", "Switzerland"),
        ("Polish", "Poland"),
        ("Turkish", "Turkey"),
        ("Filipino", "Philippines"),
        ("Ivorian", "Ivory Coast"),
        ("Burkinabè", "Burkina Faso"),
        ("Azeri", "Azerbaijan"),
        ("Kiwi", "New Zealand"),
        ("New Zealander", "New Zealand"),
        ("Scottish", "United Kingdom"),
        ("Taiwanese", "Taiwan"),
        # plurals, irregular plurals, possessives, capitals
        ("Americans", "United States"),
        ("Russians", "Russia"),
        ("Israelis", "Israel"),
        ("Poles", "Poland"),
        ("Danes", "Denmark"),
        ("Frenchmen", "France"),
        ("Iran's", "Iran"),
        ("Iran\u2019s", "Iran"),
        ("U.S.'s", "United States"),
        ("Americans'", "United States"),
        ("RUSSIAN", "Russia"),
    ],
)
def test_country_of(word: str, country: str) -> None:
    assert country_of(word) == country


@pytest.mark.parametrize(
    "word",
    [
        "",
        "   ",
        "'s",
        "Hello",
        "Minister",
        "Moscow",  # a capital, not a country word
        "Latin American",  # a region
        "Congolese",  # two countries: left out on purpose
        "EU",  # an organisation, see organisation_of
        "NATO",
        # country words double as ordinary words when not capitalised
        "polish",
        "turkey",
        "china",
        "us",
        "chad",
        "Us",  # an abbreviation is matched only in capitals
        "Usa",
        "In",  # ISO codes are not country words
        "IT",
    ],
)
def test_country_of_unknown(word: str) -> None:
    assert country_of(word) is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Iran", True),
        ("the U.S.", True),
        ("United Kingdom", True),
        ("Greenland", True),  # ISO 3166-1 territories count
        ("Hong Kong", True),
        ("Kosovo", True),
        ("Russian", False),  # an adjective, not a name
        ("Scotland", False),  # part of a country
        ("Moscow", False),
        ("NATO", False),
    ],
)
def test_is_country(name: str, expected: bool) -> None:
    assert is_country(name) is expected


def test_every_iso_country_has_a_name_that_maps_back() -> None:
    for country in pycountry.countries:
        name = country_by_code(country.alpha_2)
        assert name, country
        assert country_by_code(country.alpha_3) == name
        assert country_of(name) == name, name
        assert is_country(name), name
        assert code_of(name) == country.alpha_2


def test_demonym_table_rows_are_iso_countries_with_unique_names() -> None:
    rows = countries._read_tsv("demonyms.tsv")
    codes = [row[0] for row in rows]
    names = [row[1] for row in rows]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    for code in codes:
        assert code == "XK" or pycountry.countries.get(alpha_2=code) is not None, code
    # 193 UN members + 2 observers + Kosovo and Taiwan at least
    assert len(rows) >= 197


def test_table_words_do_not_collide() -> None:
    """No word in the demonym table is given to two countries (the first would win silently)."""
    seen: dict[str, str] = {}
    for row in countries._read_tsv("demonyms.tsv"):
        for column in (1, 2, 3, 4):
            for word in countries._values(row, column):
                key = (
                    countries._abbreviation_form(word) if countries.is_abbreviation(word) else name_key(word)
                )
                assert seen.setdefault(key, row[1]) == row[1], (word, seen[key], row[1])


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("RU", "Russia"),
        ("rus", "Russia"),
        ("GB", "United Kingdom"),
        ("XK", "Kosovo"),
        ("VG", "British Virgin Islands"),
    ],
)
def test_country_by_code(code: str, name: str) -> None:
    assert country_by_code(code) == name


def test_country_by_code_unknown() -> None:
    assert country_by_code("QQ") is None
    assert country_by_code("") is None


@pytest.mark.parametrize(
    ("word", "organisation"),
    [
        ("NATO", "NATO"),
        ("Nato", "NATO"),
        ("North Atlantic Treaty Organization", "NATO"),
        ("EU", "European Union"),
        ("E.U.", "European Union"),
        ("European", "European Union"),
        ("European Union's", "European Union"),
        ("UN", "United Nations"),
        ("U.N.", "United Nations"),
        ("United Nations", "United Nations"),
        ("UN Security Council", "United Nations Security Council"),
        ("IMF", "International Monetary Fund"),
        ("OPEC", "OPEC"),
        ("OPEC+", "OPEC+"),
        ("WHO", "World Health Organization"),
        ("World Health Organisation", "World Health Organization"),
        ("G7", "G7"),
        ("G-20", "G20"),
        ("ASEAN", "Association of Southeast Asian Nations"),
        ("African Union", "African Union"),
        ("IAEA", "International Atomic Energy Agency"),
    ],
)
def test_organisation_of(word: str, organisation: str) -> None:
    assert organisation_of(word) == organisation


@pytest.mark.parametrize("word", ["who", "un", "nato", "Russia", "American", "Ministry", "", "Who"])
def test_organisation_of_unknown(word: str) -> None:
    assert organisation_of(word) is None


@pytest.mark.parametrize(
    ("country", "capital"),
    [
        ("United States", "Washington"),
        ("Russia", "Moscow"),
        ("Russian", "Moscow"),
        ("Ukraine", "Kyiv"),
        ("China", "Beijing"),
        ("UK", "London"),
        ("Japan", "Tokyo"),
        ("Israel", "Jerusalem"),
        ("Iran", "Tehran"),
    ],
)
def test_capital_of(country: str, capital: str) -> None:
    assert capital_of(country) == capital


@pytest.mark.parametrize(
    ("city", "country"),
    [
        ("Washington", "United States"),
        ("Washington, D.C.", "United States"),
        ("Moscow", "Russia"),
        ("Kyiv", "Ukraine"),
        ("Kiev", "Ukraine"),
        ("Beijing", "China"),
        ("Peking", "China"),
        ("Paris", "France"),
        ("Luxembourg", "Luxembourg"),  # a country and its capital share the name
        ("Tehran", "Iran"),
        ("Teheran", "Iran"),
    ],
)
def test_country_of_capital(city: str, country: str) -> None:
    assert country_of_capital(city) == country


@pytest.mark.parametrize("city", ["Texas", "Houston", "Europe", "Atlantis", ""])
def test_country_of_capital_unknown(city: str) -> None:
    assert country_of_capital(city) is None
    assert capital_of(city) is None


@given(st.text(max_size=40))
def test_country_functions_never_raise(text: str) -> None:
    country_of(text)
    is_country(text)
    organisation_of(text)
    country_by_code(text)
    country_of_capital(text)
    capital_of(text)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("The Gambia", "gambia"),
        ("Côte d\u2019Ivoire", "cote d'ivoire"),
        ("Washington, D.C.", "washington dc"),
        ("Guinea-Bissau", "guinea bissau"),
        ("  Bosnia & Herzegovina ", "bosnia and herzegovina"),
    ],
)
def test_name_key(text: str, key: str) -> None:
    assert name_key(text) == key
