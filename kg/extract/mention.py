"""An entity mention and the token-range helpers every entity rule shares: trimming a span to the name itself,
possessives glued to a name, and hyphenated pairs of names ("the Rubio-Lavrov call")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from kg.extract.nlp import text_of
from kg.model import Span

# Words that make an unknown "place" an organisation, outlet or platform.
ORG_WORDS = {
    "social", "media", "network", "news", "tv", "times", "post", "journal", "party", "council",
    "ministry", "department", "agency", "bank", "group", "inc", "corp", "company", "university",
    "committee", "commission", "forces", "army", "navy", "press", "radio", "channel", "foundation",
    "institute", "association", "federation", "league", "office", "service", "services",
}  # fmt: skip
# Lower-case particles inside personal names ("von der Leyen", "bin Zayed", "da Silva").
NAME_PARTICLES = {"von", "van", "der", "den", "de", "del", "della", "di", "da", "dos", "du", "la", "le",
                  "bin", "bint", "ibn", "al", "el", "ul", "ter"}  # fmt: skip
# Entity types that never take part in a name.
NOT_NAME_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "NORP", "GPE", "LOC"}
POSSESSIVE = re.compile(r"(?:['’]s?|s['’])$")
DASHES = "-–—"


@dataclass(frozen=True)
class Mention:
    """One surface mention of an entity in the article."""

    span: Span
    label: str  # Person, Organization, Place, Nationality
    start_token: int
    end_token: int
    source: str = "ner"  # ner, rule, split

    @property
    def text(self) -> str:
        """The words of the mention."""
        return self.span.text


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Shrink a token range to the name itself: no determiner, possessive or punctuation."""
    while start < end and (
        doc[start].lower_ in {"the", "a", "an", "'s", "’s"} or doc[start].is_punct or doc[start].is_space
    ):
        start += 1
    while end > start and (
        doc[end - 1].tag_ == "POS"
        or doc[end - 1].is_punct
        or doc[end - 1].is_space
        or doc[end - 1].text in {"'s", "’s", "'", "’"}
    ):
        end -= 1
    return start, end


def _span(doc: Doc, start: int, end: int) -> Span:
    s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    text = text_of(doc)[s:e]
    m = POSSESSIVE.search(text)
    if m and len(text) > 3 and text[m.start() - 1 : m.start()].isalpha() and m.group(0) not in {"s'", "s’"}:
        # a possessive glued to the last token by the tokenizer ("Trump’s")
        e -= len(m.group(0))
    return Span.of(text_of(doc), s, e)


PAIR = re.compile(r"(?:[Tt]he\s+)?([A-Z][\w.]+)\s?[-–—]\s?([A-Z][\w.]+)")


def _split_pair(doc: Doc, ent: SpacySpan) -> list[tuple[int, int]] | None:
    """Character ranges of the two names in a hyphenated pair ("Rubio-Lavrov"), if it is one."""
    m = PAIR.fullmatch(text_of(doc)[ent.start_char : ent.end_char])
    if not m:
        return None
    return [(ent.start_char + m.start(g), ent.start_char + m.end(g)) for g in (1, 2)]
