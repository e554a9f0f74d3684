"""Government bodies named by description: "Senegal's foreign ministry", "the Kenyan defence ministry".

The model tags a ministry as an organisation when its name is capitalised ("Israel's Foreign
Ministry"); written in lower case it is no entity at all, and what it says or does is lost. A
country's possessive or its nationality, optional lower-case words of the portfolio, then
"ministry" make one: an organisation named as the text writes it (without "the").
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract import countries
from kg.extract.mention import Mention, _span
from kg.extract.titles import is_title_word

# Nouns of a government body that a country's name or nationality makes a name of.
BODY_NOUNS = {"ministry"}
# The words of a portfolio that may stand between the country and the body.
PORTFOLIO_WORDS = {"foreign", "defence", "defense", "interior", "trade", "finance", "justice", "external",
                   "affairs", "health", "economy", "home", "commerce", "information", "energy", "and"}  # fmt: skip


def find(doc: Doc, found: list[Mention]) -> list[Mention]:
    """`found` with each described ministry as one organisation mention, replacing the country or
    nationality mention inside it."""
    taken = {i: m for m in found for i in range(m.start_token, m.end_token)}
    added: list[Mention] = []
    dropped: set[int] = set()
    for tok in doc:
        if tok.lower_ not in BODY_NOUNS or not tok.is_lower:
            continue
        if tok.i + 1 < len(doc) and is_title_word(doc[tok.i + 1].lower_):
            continue  # "Iran's foreign ministry spokesman": the title's portfolio, read with the title
        k = tok.i - 1
        while k >= 0 and doc[k].is_lower and doc[k].lower_ in PORTFOLIO_WORDS:
            k -= 1
        if k < 0:
            continue
        start = k
        if doc[k].tag_ == "POS" and k > 0:
            start = k - 1  # "Senegal 's"
            country = countries.country_of(doc[start].text)
        else:
            country = countries.country_of(doc[k].text) if doc[k].text[:1].isupper() else None
        if country is None:
            continue
        inside = {id(taken[i]) for i in range(start, tok.i + 1) if i in taken}
        if any(m.start_token < start or m.end_token > tok.i + 1 for m in found if id(m) in inside):
            continue  # a longer name already holds it
        dropped |= inside
        added.append(Mention(_span(doc, start, tok.i + 1), "Organization", start, tok.i + 1, "rule"))
    if not added:
        return found
    return sorted([m for m in found if id(m) not in dropped] + added, key=lambda m: m.span.start)


def state_of(name: str) -> str | None:
    """The country a described ministry belongs to: "Senegal's foreign ministry" -> "Senegal"."""
    words = name.split()
    if not words or words[-1] not in BODY_NOUNS:
        return None  # a ministry with a name of its own ("the Latvian Foreign Ministry") speaks for itself
    first = words[0].removesuffix("'s").removesuffix("’s")
    return countries.country_of(first)
