"""What event reading needs to know about one article: which entity each token names (pronouns, "the capital",
"his counterpart, X", "his Ugandan counterpart" and generic officials included) and which time expression
covers it. Datelines never act."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from kg.extract import countries, places
from kg.extract.events.lexicon import (
    GENERIC_PEOPLE,
    PRONOUNS_PERSON,
    PRONOUNS_THING,
    REPORT_LEMMAS,
)
from kg.extract.titles import is_head
from kg.model import Entity, Timex, entity_key

# Generic nouns of the body a state acts through: "the Kenyan government said".
STATE_BODIES = {
    "government",
    "administration",
    "authorities",
    "ministry",
    "delegation",
    "officials",
    "official",
}
# Generic nouns of the people or offices who speak for the person who has them: "Ruto's office".
SPEAKS_FOR = {"office", "spokesman", "spokeswoman", "spokesperson", "aide", "aides"}


def one_office_holder(entities, country: str, title_word: str | None = None) -> Entity | None:
    """The one person among `entities` holding an office of `country` (with `title_word` in its
    title), None when there is none or more than one."""
    fits = [
        e
        for e in entities
        if e.type == "Person"
        and any(
            r.of == country and (title_word is None or title_word in r.title.lower().split()) for r in e.roles
        )
    ]
    return fits[0] if len(fits) == 1 else None


class Context:
    """Lookups over one article: which entity a token belongs to, which timex covers it."""

    def __init__(self, doc: Doc, entities: Sequence[Entity], timexes: Sequence[Timex]):
        self.doc = doc
        self.by_token: dict[int, Entity] = {}
        for e in entities:
            for s in e.mentions:
                span = doc.char_span(s.start, s.end, alignment_mode="expand")
                if span is None:
                    continue
                for t in span:
                    self.by_token[t.i] = e
        self.by_name = {e.name: e for e in entities}
        # where each person is named, in text order, for pronouns
        self.person_at = sorted(
            (i, e)
            for i, e in self.by_token.items()
            if e.type == "Person" and (i == 0 or self.by_token.get(i - 1) is not e)
        )
        # "WASHINGTON, June 9 (Reuters) -": where the story was filed, never an actor
        for sent in doc.sents:
            first = next((t for t in sent if not t.is_space), None)
            if first is None or not (first.is_upper and len(first.text) > 2):
                continue
            e = self.by_token.get(first.i)
            j = first.i + 1
            while j < len(doc) and (doc[j].is_upper and self.by_token.get(doc[j].i) is e):
                j += 1
            if (
                e is not None
                and e.type == "Place"
                and j < len(doc)
                and doc[j].text in {",", "-", "—", "–", "("}
            ):
                for k in range(first.i, j):
                    self.by_token.pop(k, None)
        self.timex_of: dict[int, Timex] = {}
        for tx in timexes:
            span = doc.char_span(tx.span.start, tx.span.end, alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                self.timex_of[t.i] = tx

    def entity(self, tok: Token) -> Entity | None:
        """The entity a token names, directly or as a generic person of an organisation."""
        e = self.by_token.get(tok.i)
        if e is not None:
            if e.type == "Place":
                # "BERLIN, June 20 (AP) — Olaf Scholz, ...": a dateline parsed as the subject
                for child in tok.children:
                    person = self.by_token.get(child.i)
                    if child.dep_ == "appos" and person is not None and person.type == "Person":
                        return person
            return e
        if tok.lower_ in PRONOUNS_PERSON or tok.lower_ in PRONOUNS_THING:
            return self._pronoun(tok)
        holder = self._office_holder(tok) or self._the_office(tok)
        if holder is not None:
            return holder
        if tok.lower_ == "capital":
            return self._capital(tok)
        if tok.pos_ == "NOUN" and any(c.lower_ == "the" for c in tok.children):
            # "the court" after "the Constitutional Court": the one organisation of that head
            # ("the community" after "the Economic Community of West African States": a word of its name)
            orgs = {
                x.name
                for x in self.by_name.values()
                if x.type == "Organization"
                and (
                    x.name.split()[-1].lower() == tok.lower_
                    or tok.lower_ in {w.lower() for w in x.name.split() if w[:1].isupper()}
                )
            }
            if len(orgs) == 1:
                return self.by_name[orgs.pop()]
        # "his Russian counterpart, Vladimir Putin": the apposition names the person
        for child in tok.children:
            if child.dep_ == "appos" and child.i in self.by_token:
                return self.by_token[child.i]
        if tok.lower_ in {"counterpart", "counterparts"}:
            return self._counterpart(tok)
        if tok.lower_ in GENERIC_PEOPLE:
            # "a senior White House official": the institution speaks
            for child in tok.children:
                if child.dep_ in {"compound", "poss", "nmod", "amod"} and child.i in self.by_token:
                    ent = self.by_token[child.i]
                    if ent.type in {"Organization", "Place"}:
                        return ent
                    if ent.type == "Person" and child.dep_ == "poss" and tok.lower_ in SPEAKS_FOR:
                        return ent  # "Ruto's office said": the office speaks for its holder
            for child in tok.children:
                # "the Kenyan government said": the state whose government it is
                country = countries.country_of(child.text) if child.dep_ in {"amod", "compound"} else None
                if country is not None and tok.lower_ in STATE_BODIES:
                    return self.by_name.get(country) or Entity(
                        key=entity_key("Place", country), name=country, type="Place"
                    )
        return None

    def _fronted_subject(self, tok: Token) -> Entity | None:
        """ "During his visit, X signed ...": a possessive in a phrase put before the clause's subject
        stands for that subject when it is a person."""
        if tok.dep_ != "poss":
            return None
        t = tok.head
        for _ in range(3):
            if t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.head.pos_ in {"VERB", "AUX"}:
                verb = t.head.head
                subj = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
                if subj and t.head.i < subj[0].i:
                    e = self.by_token.get(subj[0].i)
                    return e if e is not None and e.type == "Person" else None
                return None
            t = t.head
        return None

    def _counterpart(self, tok: Token) -> Entity | None:
        """ "met his Ugandan counterpart": the one person of the article whose office is of that country."""
        country = next(
            (countries.country_of(c.text) for c in tok.children if c.dep_ in {"amod", "compound"}),
            None,
        )
        if country is None:
            return None
        return self._one_person_of(country)

    def _one_person_of(self, country: str, title_word: str | None = None) -> Entity | None:
        """The one person of the article holding an office of `country` (with `title_word` in its title)."""
        return one_office_holder(self.by_name.values(), country, title_word)

    def _office_holder(self, tok: Token) -> Entity | None:
        """ "The president of Ruritania", "the Ruritanian president": the one person of the article who holds it."""
        if tok.pos_ not in {"NOUN", "PROPN"} or not is_head(tok.lower_):
            return None
        country = None
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                country = next((countries.country_of(g.text) for g in c.children if g.dep_ == "pobj"), None)
            elif c.dep_ in {"amod", "compound"} and countries.country_of(c.text):
                country = countries.country_of(c.text)
        if country is None:
            return None
        return self._one_person_of(country, tok.lower_)

    def _the_office(self, tok: Token) -> Entity | None:
        """ "The Secretary will visit Moscow", "the Prime Minister met X": the one person named before it
        in the article whose office has these words."""
        if tok.pos_ not in {"NOUN", "PROPN"} or not is_head(tok.lower_) or tok.i in self.by_token:
            return None
        kids = list(tok.children)
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in kids):
            return None
        if any(c.dep_ in {"prep", "poss", "nummod", "appos"} for c in kids):
            return None  # "the President of the company", "the bank's president": another office
        words = {c.lower_ for c in kids if c.dep_ in {"compound", "amod"}} | {tok.lower_}
        named = {e.name for i, e in self.person_at if i < tok.i}
        fits = [
            e
            for e in self.by_name.values()
            if e.type == "Person"
            and e.name in named
            and any(words <= set(r.title.lower().split()) for r in e.roles)
        ]
        return fits[0] if len(fits) == 1 else None

    def _capital(self, tok: Token) -> Entity | None:
        """ "the Omani capital": the capital of the country named beside it."""
        for c in tok.children:
            e = self.by_token.get(c.i)
            country = countries.country_of(c.text) or (
                countries.country_of(e.name) if e is not None else None
            )
            if c.dep_ in {"amod", "compound", "poss", "nmod"} and country:
                city = places.capital_of(country)
                if city:
                    return self.by_name.get(city) or Entity(
                        key=f"Place:{city.lower()}", name=city, type="Place"
                    )
        return None

    def _pronoun(self, tok: Token) -> Entity | None:
        """What a personal pronoun stands for: the subject of the verb that reports it, else the latest person."""
        person = tok.lower_ in PRONOUNS_PERSON
        verb = tok.head
        if tok.dep_ in {"nsubj", "nsubjpass"}:
            # "X said he had spoken", "X said it would expand"
            v = verb
            for _ in range(3):
                if v.dep_ not in {"ccomp", "conj", "advcl"} or v.head.i == v.i:
                    break
                v = v.head
                if v.lemma_ in REPORT_LEMMAS | {"deny", "insist", "warn", "promise", "hope"}:
                    for c in v.children:
                        if c.dep_ == "nsubj" and c.i != tok.i:
                            e = self.by_token.get(c.i)
                            if e is not None and (e.type == "Person") == person:
                                return e
        if not person:
            return self._subject_before(tok)
        ahead = self._fronted_subject(tok)
        if ahead is not None:
            return ahead
        # the latest person named before, in this sentence or the one before, not the clause's own subject
        own = (
            {c.i for c in verb.children if c.dep_ == "nsubj"}
            if tok.dep_ not in {"nsubj", "nsubjpass"}
            else set()
        )
        own_names = {self.by_token[i].name for i in own if i in self.by_token}
        prev = tok.sent.start - 1
        floor = self.doc[prev].sent.start if prev >= 0 else 0
        before = [
            (i, e) for i, e in reversed(self.person_at) if floor <= i < tok.i and e.name not in own_names
        ]
        # a subject pronoun continues the topic: the latest person who was a subject, else the latest person
        # ("X met her counterpart Y. She described it as warm": X)
        if tok.dep_ in {"nsubj", "nsubjpass"}:
            for i, e in before:
                if self.doc[i].dep_ in {"nsubj", "nsubjpass"} or self.doc[i].head.dep_ in {
                    "nsubj",
                    "nsubjpass",
                }:
                    return e
        return before[0][1] if before else None

    def _subject_before(self, tok: Token) -> Entity | None:
        """ "Ruritania expelled the envoy. It has called for talks": a sentence-opening "it" continues the
        subject of the sentence before, when that subject is a country or an organisation."""
        if tok.dep_ not in {"nsubj", "nsubjpass"} or tok.i != tok.sent.start or tok.sent.start == 0:
            return None
        before = self.doc[tok.sent.start - 1].sent
        for c in before.root.children:
            if c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ not in PRONOUNS_THING:
                e = self.entity(c)
                if e is not None and (e.type == "Organization" or countries.is_country(e.name)):
                    return e
        return None
