"""Roles: the office a person holds and the country or organisation it is held for.

Four shapes of English carry them, all read from the tokens around a person's name:

- a title before the name: "Russian Foreign Minister Sergey Lavrov", "Ukraine's President X",
  "Secretary of State Marco Rubio", "NATO Secretary General X";
- an apposition after it: "X, Iran's supreme leader,", "X, the president of Russia";
- an apposition before it: "his Russian counterpart, Vladimir Putin" (a counterpart holds the
  office of the person it is the counterpart of);
- a bare title standing for a person: "the Chinese premier", "the Secretary" (linked later,
  where only one person fits);
- a relative clause: "X, who is also prime minister,";
- the dependency parse where the words between are not all title words: "The EU's special
  envoy for the dialogue, Miroslav Lajcak".

A posted office names the country it is held for before the head and the host after it
("Pakistan's ambassador to the United Nations"); a country's institution inside a title gives
the country ("U.S. Treasury Secretary", "Iran's foreign ministry spokesman"); forms of address
("Sheikh", "Sir") between a title and a name are skipped.
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract import countries
from kg.extract.entities import Mention
from kg.extract.role_country import countries_from_context
from kg.extract.title_reading import (
    TitleMention,
    _bare_titles,
    _held_for,
    _index,
    _make,
    _of_after,
    _title_appos,
    _title_left,
    _titles_right,
)
from kg.extract.titles import HONORIFICS, is_head, is_title_word, singular, tidy
from kg.model import Role


def find_titles(doc: Doc, mentions: list[Mention]) -> list[TitleMention]:
    """Every office title attached to a person mention, in text order."""
    by_token = _index(mentions)
    out: list[TitleMention] = []
    people = [m for m in mentions if m.label == "Person"]
    plural: tuple[str, int] | None = None  # a plural title and where its list of names ends so far
    for m in people:
        first = m.start_token
        while first > 0 and doc[first - 1].lower_ in HONORIFICS:
            first -= 1  # "Emir Sheikh Tamim"
        found = _left_titles(doc, first, m, by_token)
        # "Presidents A of X and B of Y": each holds the office, for the country after the name
        multi = _plural_title_left(doc, first)
        if multi is not None:
            start, title = multi
            found.append(_make(doc, start, m.end_token, title, None, m))
            plural = (title, m.end_token)
        elif plural is not None and _continues_list(doc, plural[1], first, by_token):
            found.append(_make(doc, m.start_token, m.end_token, plural[0], None, m))
        else:
            plural = None
        if plural is not None:
            of, end = _of_after(doc, m.end_token, by_token)
            plural = (plural[0], end if of else m.end_token)
        # "X of Ruritania", "X of the Y Party" after a title held without its country
        of, _ = _of_after(doc, m.end_token, by_token)
        if of:
            found = [TitleMention(f.title, f.of or of, f.span, f.person) for f in found]
        if not found:
            of_left = _title_of_left(doc, first, by_token)
            if of_left is not None:
                start, title, country = of_left
                found.append(_make(doc, start, m.end_token, title, country, m))
        for end, title, country in _titles_right(doc, m.end_token, by_token):
            found.append(_make(doc, m.start_token, end, title, country, m))
        if not found:
            listed = _list_title(doc, first, by_token)
            if listed is not None:
                title, country = listed
                found.append(_make(doc, m.start_token, m.end_token, title, country, m))
        if not found:
            appos = _title_appos(doc, m, by_token)
            if appos is not None:
                found.append(appos)
        out.extend(found)
    out.extend(_bare_titles(doc, by_token))
    return countries_from_context(doc, _counterparts(doc, out, people), mentions)


def _left_titles(doc: Doc, first: int, m: Mention, by_token: dict[int, Mention]) -> list[TitleMention]:
    """Titles before a name: "Russian Foreign Minister X", "the AU chairman and Ruritanian President X",
    "his Russian counterpart, X"."""
    out = []
    end = first
    if first >= 2 and doc[first - 1].text == "," and _title_left(doc, first, by_token) is None:
        end = first - 1  # "his Russian counterpart, Vladimir Putin"
    while True:
        left = _title_left(doc, end, by_token)
        if left is None:
            break
        start, title, country = left
        out.append(_make(doc, start, m.end_token, title, country, m))
        # a second office joined by "and" before the first: "the current AU chairman and Ruritanian President"
        if start >= 2 and doc[start - 1].lower_ == "and":
            end = start - 1
            continue
        break
    return out


def _plural_title_left(doc: Doc, first: int) -> tuple[int, str] | None:
    """A plural title right before a name: "Presidents X ..." -> (start token, "President")."""
    j = first - 1
    if j < 0 or not doc[j].text[:1].isupper():
        return None
    head = singular(doc[j].lower_)
    if head is None or not is_head(head):
        return None
    k = j
    while k > 0 and is_title_word(doc[k - 1].lower_) and not is_head(doc[k - 1].lower_):
        k -= 1
    words = [doc[i].text for i in range(k, j)] + [head]
    return k, tidy(" ".join(words))


def _continues_list(doc: Doc, after: int, first: int, by_token: dict[int, Mention]) -> bool:
    """Whether only "," and "and" stand between the end of the last name of a list and this name."""
    between = doc[after:first]
    return 0 < len(between) <= 2 and all(t.lower_ in {",", "and"} for t in between)


def _title_of_left(doc: Doc, first: int, by_token: dict[int, Mention]) -> tuple[int, str, str | None] | None:
    """ "<Title> of (the) <country or organisation> [(ABBR)][,] <Name>": "President of Ruritania X",
    "The Secretary General of the Organization of Y States (OYS), X" -> (start, title, held for)."""
    j = first - 1
    if j >= 0 and doc[j].text == ",":
        j -= 1
    if j >= 0 and doc[j].text == ")":
        k = j - 1
        while k >= 0 and doc[k].text != "(" and j - k < 6:
            k -= 1
        if k < 0 or doc[k].text != "(":
            return None
        j = k - 1
    holder = by_token.get(j)
    if holder is None or holder.label not in {"Place", "Organization"}:
        return None
    of = _held_for(holder)
    k = holder.start_token - 1
    if k >= 0 and doc[k].lower_ == "the":
        k -= 1
    if of is None or k < 1 or doc[k].lower_ != "of":
        return None
    left = _title_left(doc, k, by_token)
    if left is None:
        return None
    start, title, _ = left
    return start, title, of


# "heads of state of five countries: X's A, Y's B": the office of every name in the list
_LIST_HEADS = {"head", "leader", "president", "minister", "premier", "delegate", "representative", "envoy"}


def _list_title(doc: Doc, first: int, by_token: dict[int, Mention]) -> tuple[str, str | None] | None:
    """The office of a name in a list announced by a plural title: ": Ruritania's X, ..." -> (title, country)."""
    if first < 2 or doc[first - 1].text not in {"'s", "’s"}:
        return None
    holder = by_token.get(first - 2)
    country = countries.country_of(holder.text) if holder is not None else None
    if country is None:
        return None
    sent = doc[first].sent
    colon = next((t.i for t in reversed(doc[sent.start : first]) if t.text == ":"), None)
    if colon is None:
        return None
    for k in range(colon - 1, max(sent.start, colon - 10) - 1, -1):
        head = singular(doc[k].lower_)
        if head in _LIST_HEADS:
            words = [head]
            if head == "head" and k + 2 < colon and doc[k + 1].lower_ == "of":
                words += ["of", doc[k + 2].text]  # "heads of state"
            j = k
            while j > sent.start and is_title_word(doc[j - 1].lower_) and not is_head(doc[j - 1].lower_):
                j -= 1
                words.insert(0, doc[j].text)
            return tidy(
                " ".join(w[:1].upper() + w[1:] if w not in {"of", "the"} else w for w in words)
            ), country
    return None


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
