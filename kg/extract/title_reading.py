"""Reading office titles off the tokens around a name: a title before it, an apposition after it, the
parse's apposition, and bare titles that stand for a person ("the Chinese premier"). Each reader
returns where the title stands, its words as written and the country or organisation it is held for."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from kg.extract import countries, places
from kg.extract.entities import Mention
from kg.extract.nlp import text_of
from kg.extract.titles import (
    FORMER,
    INSTITUTION_WORDS,
    POSTED_HEADS,
    is_head,
    is_title_word,
    national_office,
    tidy,
)
from kg.model import Span

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
        if name is None:
            name = _institution_country(m.text)
        if name is None and (m.label == "Organization" or _seat_of_power(m.text)):
            name = m.text  # "Kremlin spokesman", "European Council President"
        if name is None and m.label == "Nationality" and m.end_token < len(doc) and doc[m.end_token].is_lower:
            name = m.text  # "Greens leader": a party the model reads as a group of people
        if name:
            return name, m.start_token
    name = countries.country_of(tok.text) or countries.organisation_of(tok.text)
    if name and tok.text[:1].isupper():
        return name, i
    return None, i


def _institution_country(text: str) -> str | None:
    """The country of a country's institution named by its country ("U.S. Treasury")."""
    words = text.split()
    for n in range(len(words) - 1, 0, -1):
        country = countries.country_of(" ".join(words[:n]))
        if country and all(is_title_word(w.lower()) or w.lower() in INSTITUTION_WORDS for w in words[n:]):
            return country
    return None


def _seat_of_power(text: str) -> bool:
    place = places.lookup(text)
    return place is not None and place.kind == "building"


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
        if low in INSTITUTION_WORDS and words and by_token.get(i) is None:
            words.insert(0, tok)  # "foreign ministry spokesman"
            i -= 1
            continue
        posted = _posted_to(doc, i, by_token)
        if posted is not None:
            # "ambassador to Japan": the host is part of the title, not the country it is held for
            words[:0] = list(doc[posted + 1 : i + 1])
            i = posted
            continue
        if _portfolio(doc, i, words, by_token):
            words.insert(0, tok)  # "Revenues Minister", "Tourism Minister"
            i -= 1
            continue
        if low in CONNECTORS and words and i > 0 and is_title_word(doc[i - 1].lower_):
            words.insert(0, tok)
            i -= 1
            continue
        break
    if not any(is_head(w.lower_) for w in words):
        return None
    while words and (words[0].lower_ in INSTITUTION_WORDS or words[0].text in {"-", "–"}):
        words.pop(0)  # "then-Foreign Minister": the office, without the hyphen of "then-"
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
    if country is None and _party_before(words):
        country = words[0].text  # "Labor foreign affairs spokeswoman": the party holds the office
        words = words[1:]
    title = text_of(doc)[words[0].idx : words[-1].idx + len(words[-1].text)]
    return start, tidy(title), country


def _party_before(words: list[Token]) -> bool:
    """Whether a lower-case title starts with a capitalised word that names who holds it, not its
    portfolio: "Labor foreign affairs spokeswoman" (the title has its portfolio already), unlike
    "Labor Minister" or a "Foreign minister" that opens a sentence."""
    if len(words) < 3 or words[0].is_sent_start or not words[0].text[:1].isupper():
        return False
    rest = words[1:]
    return (
        all(w.text.islower() for w in rest)
        and any(not is_head(w.lower_) and is_title_word(w.lower_) for w in rest[:-1])
        and countries.country_of(words[0].text) is None
    )


def _portfolio(doc: Doc, i: int, words: list[Token], by_token: dict[int, Mention]) -> bool:
    """Whether token i names the portfolio of a capitalised title after it ("Revenues Minister")."""
    tok = doc[i]
    if not words or not words[0].text[:1].isupper() or not is_head(words[0].lower_):
        return False
    if not (tok.is_alpha and tok.text[:1].isupper() and not tok.text.isupper()) or tok.is_stop:
        return False
    m = by_token.get(i)
    if m is not None and (m.label != "Organization" or m.end_token - m.start_token > 1):
        return False
    return not (
        countries.country_of(tok.text) or countries.organisation_of(tok.text) or _seat_of_power(tok.text)
    )


def _posted_to(doc: Doc, i: int, by_token: dict[int, Mention]) -> int | None:
    """Where "<posted head> to (the) X" starts, when token i ends X: the token before the head."""
    m = by_token.get(i)
    if m is None or m.label == "Person":
        return None
    j = m.start_token - 1
    if j >= 0 and doc[j].lower_ == "the":
        j -= 1
    if j >= 1 and doc[j].lower_ == "to" and doc[j - 1].lower_ in POSTED_HEADS:
        return j - 1
    return None


def _held_for(m: Mention) -> str | None:
    """The country or organisation a mention names, for the `of` of a title."""
    name = countries.country_of(m.text) or countries.organisation_of(m.text)
    if name is None and m.label == "Organization":
        name = m.text  # "of the Conservative Party"
    return name


def _of_after(doc: Doc, i: int, by_token: dict[int, Mention]) -> tuple[str | None, int]:
    """A country or organisation named by "of X" / "to X" at token i: (its name, the token after it)."""
    if i < len(doc) - 1 and doc[i].lower_ in {"of", "to"}:
        j = i + 1
        if doc[j].lower_ == "the" and j + 1 < len(doc):
            j += 1
        m = by_token.get(j)
        if m is not None and m.label in {"Place", "Organization"}:
            name = _held_for(m)
            if name:
                return name, m.end_token
    return None, i


def _one_title_right(doc: Doc, i: int, by_token: dict[int, Mention]) -> tuple[int, str, str | None] | None:
    """One title starting at token i of an apposition: (end token, title, country) or None."""
    if i < len(doc) and doc[i].lower_ in {"the", "a", "an"}:
        i += 1
    country = None
    m = by_token.get(i)
    if m is not None and m.label in {"Place", "Nationality", "Organization"}:
        j = m.end_token
        if j < len(doc) and (doc[j].tag_ == "POS" or doc[j].text in {"'s", "’s"}):
            j += 1
        country = _held_for(m)
        i = j
    if i < len(doc) and doc[i].lower_.rstrip("-") in FORMER:
        return None
    words: list[Token] = []
    while i < len(doc) and (is_title_word(doc[i].lower_) or (doc[i].lower_ in CONNECTORS and words)):
        if doc[i].lower_ in CONNECTORS:
            of, j = _of_after(doc, i, by_token)
            if of:
                if not (doc[i].lower_ == "to" and words and words[-1].lower_ in POSTED_HEADS):
                    country = country or of  # "the U.S. ambassador to South Korea" is held for the U.S.
                i = j
                break
            portfolio = by_token.get(i + 1)
            if doc[i].lower_ == "for" and portfolio is not None and portfolio.label != "Person":
                # "Minister for EU Affairs": the portfolio is part of the title
                words.append(doc[i])
                words.extend(doc[k] for k in range(portfolio.start_token, portfolio.end_token))
                i = portfolio.end_token
                continue
        words.append(doc[i])
        i += 1
    while words and words[-1].lower_ in CONNECTORS:
        words.pop()
    if not words or not any(is_head(w.lower_) for w in words):
        return None
    title = text_of(doc)[words[0].idx : words[-1].idx + len(words[-1].text)]
    return i, tidy(title), country


def _titles_right(doc: Doc, start: int, by_token: dict[int, Mention]) -> list[tuple[int, str, str | None]]:
    """Titles in an apposition after a name: ", Iran's supreme leader,", ", Minister for X and Chief
    Negotiator", ", Minister of Foreign Affairs of the Republic of Y will" -> [(end token, title, country)]."""
    i = start
    if i >= len(doc) or doc[i].text != ",":
        return []
    i += 1
    if i + 1 < len(doc) and doc[i].lower_ == "who" and doc[i + 1].lower_ in {"is", "'s", "remains", "serves"}:
        i += 2  # "X, who is also prime minister,"
        while i < len(doc) and doc[i].lower_ in {"also", "now", "currently", "still", "as"}:
            i += 1
    out = []
    while True:
        got = _one_title_right(doc, i, by_token)
        if got is None:
            break
        out.append(got)
        i = got[0]
        # "Minister for EU Affairs and Chief Negotiator": a second office of the same person
        if i + 1 < len(doc) and doc[i].lower_ == "and" and is_title_word(doc[i + 1].lower_):
            i += 1
            continue
        break
    if not out:
        return []
    end = out[-1][0]
    if end < len(doc) and not (
        doc[end].is_punct
        or doc[end].lower_ in {"and", "who", "said", "says"}
        or (doc[end].pos_ in {"AUX", "VERB"} and any(c for _, _, c in out))
    ):
        return []
    return out


def _title_appos(doc: Doc, m: Mention, by_token: dict[int, Mention]) -> TitleMention | None:
    """A title noun the name is in apposition to, read from the parse ("The EU's special envoy for X, Y")."""
    name = doc[m.start_token : m.end_token].root
    head = name.head
    if name.dep_ != "appos" or head.i >= m.start_token or not is_head(head.lower_):
        return None
    words = [c for c in head.lefts if c.dep_ in {"amod", "compound"} and is_title_word(c.lower_)] + [head]
    if any(c.lower_.rstrip("-") in FORMER for c in head.lefts):
        return None
    country = None
    for c in head.children:
        if c.dep_ in {"poss", "amod", "compound", "nmod"} and c.i in by_token:
            found, _ = _country(doc, by_token, by_token[c.i].end_token - 1)
            country = country or found
    title = " ".join(tidy(w.text) for w in words)
    start = min([w.i for w in words] + [c.i for c in head.lefts])
    return _make(doc, start, m.end_token, tidy(title), country, m)


def _bare_titles(doc: Doc, by_token: dict[int, Mention]) -> list[TitleMention]:
    """Titles standing for a person: "the Chinese premier", "the Russian leader", "Iran's president"."""
    out = []
    for tok in doc:
        if tok.lower_ in {"official", "officials", "counterpart", "aide", "diplomat", "lawmaker"}:
            continue
        if (
            tok.pos_ not in {"NOUN", "PROPN"}
            or not (is_head(tok.lower_) or tok.lower_ == "leader")
            or tok.i in by_token
        ):
            continue
        if tok.tag_ not in {"NN", "NNP"} or any(
            c.dep_ in {"appos", "compound"} and c.i in by_token and by_token[c.i].label == "Person"
            for c in tok.children
        ):
            continue
        if tok.i + 1 < len(doc) and (doc[tok.i + 1].i in by_token or doc[tok.i + 1].text == ","):
            continue  # the title of a name that follows
        mods = [c for c in tok.lefts]
        if not any(c.lower_ in {"the", "its", "his", "her"} or c.dep_ == "poss" for c in mods):
            continue
        if any(
            c.lower_.rstrip("-") in FORMER or c.lower_ in {"a", "an", "new", "next", "every"} for c in mods
        ):
            continue
        country = None
        for c in mods:
            if c.i in by_token and by_token[c.i].label in {"Place", "Nationality"}:
                country = countries.country_of(by_token[c.i].text)
        if country is None:
            continue
        words = [c for c in mods if c.dep_ in {"amod", "compound"} and is_title_word(c.lower_)] + [tok]
        last = tok
        if (
            tok.lower_ == "head"
            and tok.i + 2 < len(doc)
            and doc[tok.i + 1].lower_ == "of"
            and doc[tok.i + 2].lower_ in {"state", "government"}
        ):
            last = doc[tok.i + 2]  # "the Ruritanian Head of State"
            words += [doc[tok.i + 1], last]
        title = tidy(" ".join(w.text for w in words))
        start = min(c.i for c in mods)
        span = Span.of(text_of(doc), doc[start].idx, last.idx + len(last.text))
        out.append(TitleMention(title, country, span, None))
    return out


def _make(doc: Doc, start: int, end: int, title: str, country: str | None, m: Mention | None) -> TitleMention:
    end_tok = doc[end - 1]
    span = Span.of(text_of(doc), doc[start].idx, end_tok.idx + len(end_tok.text))
    if country is None:
        country = national_office(title)
    return TitleMention(title, country, span, m)
