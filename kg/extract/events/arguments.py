"""Triggers whose arguments decide: a verb is an event only with the right object ("received the prime
minister", not "received a letter"; "expelled the ambassador"), and a "conversation" is a call when
the sentences around it speak of one."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.events.lexicon import (
    DIPLOMAT_WORDS,
    GENERIC_PEOPLE,
    GROUP_WORDS,
    NOUN_TRIGGERS,
    PHONE_WORDS,
    VERB_TRIGGERS,
)
from kg.extract.titles import TITLE_HEADS


def _someone(tok: Token) -> bool:
    """Whether an object names people or a party: a name, an office, "officials", "his counterpart"."""

    words = (
        GENERIC_PEOPLE | GROUP_WORDS | TITLE_HEADS | {"counterpart", "counterparts", "delegation", "leader"}
    )
    return any(
        t.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} or t.pos_ == "PROPN" or t.lower_ in words
        for t in tok.subtree
    )


# How many sentences around a "conversation" may say it was a call.
CALL_REACH = 2


def _call_nearby(tok: Token) -> bool:
    """Whether the sentences around a word speak of a call: a phone word, or "call" as a noun."""
    sents = list(tok.doc.sents)
    here = next((n for n, s in enumerate(sents) if s.start <= tok.i < s.end), 0)
    for s in sents[max(0, here - CALL_REACH) : here + CALL_REACH + 1]:
        if any(t.lower_ in PHONE_WORDS or (t.lemma_ == "call" and t.pos_ == "NOUN") for t in s):
            return True
    return False


def _has_object(tok: Token, *, person: bool = False) -> Token | None:
    """The object of a verb, or the subject of its passive: what is received, summoned, expelled."""
    for c in tok.children:
        if c.dep_ in {"dobj", "nsubjpass"} and (
            not person or c.ent_type_ in {"PERSON", "ORG", "NORP"} or c.pos_ == "PROPN" or _someone(c)
        ):
            return c
    return None


# What a state or a body suspends as a sanction: "suspended its membership", "suspended aid".
SUSPENDED = {
    "membership",
    "aid",
    "assistance",
    "ties",
    "relations",
    "cooperation",
    "participation",
    "funding",
}


def _diplomat(tok: Token) -> bool:
    """Whether a noun names a diplomat: "the ambassador", "the consul-general", "its envoys"."""
    words = {tok.lemma_.lower(), tok.lower_.split("-")[0]}
    words |= {c.lower_ for c in tok.children if c.dep_ == "compound"}  # "consul" of "consul - general"
    return bool(words & DIPLOMAT_WORDS)


def _new_verbs(tok: Token, lemma: str):
    """Triggers that need their arguments looked at: False when the lemma is not one of them."""
    if lemma in {"welcome", "greet", "summon"}:
        return ("Meeting", True) if _has_object(tok, person=True) is not None else None
    if lemma in {"propose", "invite", "pledge", "commit", "accept", "vow"} and tok.dep_ == "amod":
        return None  # "the proposed summit": a plan of the summit, not a request
    if lemma == "expel":
        obj = _has_object(tok)
        if obj is not None and _diplomat(obj):
            return "Sanction", True
        return ("Other", True) if obj is not None else None  # a head of state expelled from the country
    if lemma == "recall":
        obj = _has_object(tok)
        return ("Other", True) if obj is not None and _diplomat(obj) else None
    if lemma == "swear":
        return ("Other", True) if any(c.lower_ in {"in", "into"} for c in tok.children) else None
    if lemma in {"head", "fly", "return"}:
        goes = any(c.dep_ == "prep" and c.lower_ in {"to", "for"} for c in tok.children)
        return (VERB_TRIGGERS[lemma], True) if goes else None
    if lemma == "suspend":
        obj = _has_object(tok)
        if obj is None:
            return None
        if obj.lemma_.lower() in NOUN_TRIGGERS:
            return "Cancellation", True  # "suspended the talks"
        if obj.lower_ in SUSPENDED or obj.pos_ == "PROPN":
            return "Sanction", True  # "suspended Mali's membership", "suspended Mali", "suspended aid"
        return None
    if lemma == "tour":
        return ("Visit", True) if _has_object(tok) is not None else None
    return False
