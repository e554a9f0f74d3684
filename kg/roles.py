"""Roles: the office a person holds and the country or organisation it is held for.

Four shapes of English carry them, all read from the tokens around a person's name:

- a title before the name: "Russian Foreign Minister Sergey Lavrov", "Ukraine's President X",
  "Secretary of State Marco Rubio", "NATO Secretary General X";
- an apposition after it: "X, Iran's supreme leader,", "X, the president of Russia";
- an apposition before it: "his Russian counterpart, Vladimir Putin" (a counterpart holds the
  office of the person it is the counterpart of);
- a bare title standing for a person: "the Chinese premier", "the Secretary" (linked later,
  where only one person fits).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from . import countries
from .entities import Mention
from .model import Role, Span
from .titles import FORMER, is_head, is_title_word, national_office, tidy

CONNECTORS = {"of", "for", "to", "on"}


@dataclass(frozen=True)
class TitleMention:
    """A title in the text: held by a named person (`person`) or standing alone (a bare title)."""

    title: str
    of: str | None
    span: Span
    person: Mention | None


def _entity_at(mentions_by_token: dict[int, Mention], i: int) -> Mention | None:
    return mentions_by_token.get(i)


def _country(doc: Doc, mentions_by_token: dict[int, Mention], i: int) -> tuple[str | None, int]:
    """The country or organisation named by the words ending at token i, and where they start."""
    tok = doc[i]
    if tok.tag_ == "POS" or tok.text in {"'s", "’s"}:
        if i == 0:
            return None, i
        i -= 1
        tok = doc[i]
    m = _entity_at(mentions_by_token, i)
    if m is not None and m.label in {"Place", "Nationality", "Organization"}:
        name = countries.country_of(m.text) or countries.organisation_of(m.text)
        if name is None and m.label == "Organization":
            name = m.text
        if name:
            return name, m.start_token
    name = countries.country_of(tok.text) or countries.organisation_of(tok.text)
    if name and tok.text[:1].isupper():
        return name, i
    return None, i


def _index(mentions: list[Mention]) -> dict[int, Mention]:
    by_token: dict[int, Mention] = {}
    for m in mentions:
        for i in range(m.start_token, m.end_token):
            by_token[i] = m
    return by_token


def _title_left(doc: Doc, end: int, by_token: dict[int, Mention]) -> tuple[int, str, str | None] | None:
    """A title ending just before token `end`: (start token, title, country) or None."""
    i = end - 1
    words: list[Token] = []
    while i >= 0:
        tok = doc[i]
        low = tok.lower_
        if by_token.get(i) is not None and by_token[i].label == "Person":
            break
        if is_title_word(low) or (tok.text in {"-", "–"} and words):
            words.insert(0, tok)
            i -= 1
            continue
        if low in CONNECTORS and words and i > 0 and is_title_word(doc[i - 1].lower_):
            words.insert(0, tok)
            i -= 1
            continue
        break
    if not any(is_head(w.lower_) for w in words):
        return None
    start = words[0].i
    if start > 0 and doc[start - 1].lower_.rstrip("-") in FORMER:
        return None
    country = None
    if start > 0:
        country, cstart = _country(doc, by_token, start - 1)
        if country:
            start = cstart
            if start > 0 and doc[start - 1].lower_.rstrip("-") in FORMER:
                return None
    title = doc.text[words[0].idx : words[-1].idx + len(words[-1].text)]
    return start, tidy(title), country


def _of_after(doc: Doc, i: int, by_token: dict[int, Mention]) -> tuple[str | None, int]:
    """A country named by "of X" / "to X" right after token i-1."""
    if i < len(doc) - 1 and doc[i].lower_ in {"of", "to"}:
        j = i + 1
        if doc[j].lower_ == "the" and j + 1 < len(doc):
            j += 1
        m = by_token.get(j)
        if m is not None:
            name = countries.country_of(m.text) or countries.organisation_of(m.text)
            if name:
                return name, m.end_token
    return None, i


def _title_right(doc: Doc, start: int, by_token: dict[int, Mention]) -> tuple[int, str, str | None] | None:
    """An apposition after a name: ", Iran's supreme leader," -> (end token, title, country)."""
    i = start
    if i >= len(doc) or doc[i].text != ",":
        return None
    i += 1
    if i < len(doc) and doc[i].lower_ in {"the", "a", "an"}:
        i += 1
    country = None
    m = by_token.get(i)
    if m is not None and m.label in {"Place", "Nationality", "Organization"}:
        j = m.end_token
        if j < len(doc) and (doc[j].tag_ == "POS" or doc[j].text in {"'s", "’s"}):
            j += 1
        country = countries.country_of(m.text) or countries.organisation_of(m.text)
        if m.label == "Organization" and country is None:
            country = m.text
        i = j
    if i < len(doc) and doc[i].lower_.rstrip("-") in FORMER:
        return None
    words = []
    while i < len(doc) and (is_title_word(doc[i].lower_) or (doc[i].lower_ in CONNECTORS and words)):
        if doc[i].lower_ in CONNECTORS:
            of, j = _of_after(doc, i, by_token)
            if of:
                country = country or of
                i = j
                break
        words.append(doc[i])
        i += 1
    while words and words[-1].lower_ in CONNECTORS:
        words.pop()
    if not words or not is_head(words[-1].lower_):
        return None
    if i < len(doc) and not (doc[i].is_punct or doc[i].lower_ in {"and", "who", "said", "says"}):
        return None
    title = doc.text[words[0].idx : words[-1].idx + len(words[-1].text)]
    return i, tidy(title), country


def find_titles(doc: Doc, mentions: list[Mention]) -> list[TitleMention]:
    """Every office title attached to a person mention, in text order."""
    by_token = _index(mentions)
    out: list[TitleMention] = []
    people = [m for m in mentions if m.label == "Person"]
    for m in people:
        left = _title_left(doc, m.start_token, by_token)
        if left is not None:
            start, title, country = left
            out.append(_make(doc, start, m.end_token, title, country, m))
            continue
        # "his Russian counterpart, Vladimir Putin"
        if m.start_token >= 2 and doc[m.start_token - 1].text == ",":
            left = _title_left(doc, m.start_token - 1, by_token)
            if left is not None:
                start, title, country = left
                out.append(_make(doc, start, m.end_token, title, country, m))
                continue
        right = _title_right(doc, m.end_token, by_token)
        if right is not None:
            end, title, country = right
            out.append(_make(doc, m.start_token, end, title, country, m))
    return _counterparts(doc, out, people)


def _make(doc: Doc, start: int, end: int, title: str, country: str | None, m: Mention | None) -> TitleMention:
    end_tok = doc[end - 1]
    span = Span.of(doc.text, doc[start].idx, end_tok.idx + len(end_tok.text))
    if country is None:
        country = national_office(title)
    return TitleMention(title, country, span, m)


def _counterparts(doc: Doc, titles: list[TitleMention], people: list[Mention]) -> list[TitleMention]:
    """A counterpart holds the office of the person it is the counterpart of, in its own country."""
    out = []
    for t in titles:
        if t.title.lower().split()[-1] != "counterpart" or t.person is None:
            out.append(t)
            continue
        sent = doc[t.person.start_token].sent
        other = None
        for o in titles:
            if (
                o is not t
                and o.person is not None
                and o.person.span.start < t.span.start
                and o.person.span.start >= sent.start_char
                and o.title.lower().split()[-1] != "counterpart"
            ):
                other = o
        if other is None:
            continue
        words = [w for w in t.title.split() if w.lower() != "counterpart"]
        title = " ".join(words + [other.title]) if words else other.title
        out.append(TitleMention(tidy(title), t.of, t.span, t.person))
    return out


def to_role(t: TitleMention) -> Role:
    """The model's Role for a title mention."""
    return Role(title=t.title, of=t.of, evidence=t.span)
