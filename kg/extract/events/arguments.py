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
    return object_after(tok) if tok.lemma_ in OBJECT_VERBS else None


# Verbs whose object the small model often hangs elsewhere: "had summoned Ambassador X and a
# protest was lodged" makes X the subject of "lodged".
OBJECT_VERBS = {"summon", "expel", "recall"}
# Words that may stand between such a verb and the name of its object.
BEFORE_OBJECT = {"det", "amod", "compound", "poss", "case", "nmod", "nummod"}


def object_after(tok: Token) -> Token | None:
    """The head of the name right after an active verb with no object of its own: "summoned
    Estonian Ambassador Jonas Vaik and ..." -> Vaik. None when another word comes first."""
    if any(c.dep_ in {"dobj", "nsubjpass", "auxpass"} for c in tok.children):
        return None
    for t in tok.doc[tok.i + 1 : min(tok.sent.end, tok.i + 7)]:
        if t.dep_ in BEFORE_OBJECT or t.tag_ == "POS":
            continue
        if t.pos_ == "PROPN" or t.ent_type_ in {"PERSON", "NORP", "ORG"} or _diplomat(t):
            return t
        return None
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
    """Whether a noun names a diplomat: "the ambassador", "the consul-general", "its envoys", "the High
    Commissioner" (a Commonwealth country's ambassador)."""
    words = {tok.lemma_.lower(), tok.lower_.split("-")[0]}
    kids = {c.lower_ for c in tok.children if c.dep_ in {"compound", "amod"}}
    words |= kids  # "consul" of "consul - general"
    if words & {"commissioner", "commissioners"} and "high" in kids:
        return True
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
    if expulsion_verb(tok):
        return "Sanction", True
    if lemma == "address":
        # "addressed the Ugandan parliament": a speech to a body (an event noun as object, "addressed
        # the summit", is a presence at it, which the noun carries)
        obj = _has_object(tok)
        if (
            obj is not None
            and obj.lemma_.lower() not in NOUN_TRIGGERS
            and (obj.ent_type_ == "ORG" or obj.pos_ == "PROPN")
        ):
            return "Statement", True
        return None
    if lemma == "discuss":
        # "X and Y discussed trade", "X discussed trade with Y": talks between them (not one side's musing)
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
        two = any(c.conjuncts or c.tag_ in {"NNS", "NNPS"} for c in subj)
        near = [*tok.children, *(g for c in tok.children if c.dep_ == "dobj" for g in c.children)]
        withs = any(c.dep_ == "prep" and c.lower_ == "with" for c in near)  # "discussed trade with Y"
        if not (two or withs):
            return None
        # "during their meeting, where the leaders discussed X", "the readout of the call said they
        # discussed X": what an encounter told in the sentence was about, not another one (talks
        # during a visit are a happening of their own)
        for t in tok.sent:
            kind = (
                NOUN_TRIGGERS.get(t.lemma_.lower())
                if t.pos_ == "NOUN"
                else VERB_TRIGGERS.get(t.lemma_.lower())
            )
            if t.i != tok.i and kind in {"Meeting", "Summit", "Talks", "PhoneCall"}:
                return None
        return "Talks", True
    if lemma == "freeze":
        obj = _has_object(tok)
        return ("Sanction", True) if obj is not None and obj.lemma_.lower() in FROZEN else None
    if lemma == "blacklist":
        return ("Sanction", True) if _has_object(tok) is not None else None
    if lemma == "recall":
        obj = _has_object(tok)
        return ("Other", True) if obj is not None and _diplomat(obj) else None
    if lemma == "swear":
        return ("Other", True) if any(c.lower_ in {"in", "into"} for c in tok.children) else None
    if lemma == "return" and tok.dep_ == "xcomp" and expulsion_verb(tok.head):
        return None  # "ordered the envoy to return home": the expulsion, told by "ordered"
    if lemma in {"head", "fly", "return"}:
        goes = any(c.dep_ == "prep" and c.lower_ in {"to", "for", "into"} for c in tok.children)
        return (VERB_TRIGGERS[lemma], True) if goes else None
    if lemma == "land":
        # "landed in Kampala": an arrival; not "the plan landed well"
        return ("Visit", True) if _to_a_place(tok, {"in", "at"}) else None
    if lemma == "leave":
        # "left for Kampala": the start of a journey there; not "left the meeting"
        return ("Visit", True) if _to_a_place(tok, {"for"}) else None
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
    if lemma == "gather":
        # "foreign ministers gathered in Arusha": people or bodies come together somewhere
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
        placed = any(c.dep_ == "prep" and c.lower_ in {"in", "at", "for"} for c in tok.children)
        many = any(c.tag_ in {"NNS", "NNPS"} or c.ent_type_ == "ORG" for c in subj)
        return ("Meeting", True) if placed and many else None
    if lemma == "convene":
        # "the council convened on Monday" (with an object, "convened a meeting", the noun carries it)
        return None if any(c.dep_ == "dobj" for c in tok.children) else ("Meeting", True)
    kind = object_kind(tok)
    if kind is not None:
        return (KIND_TYPES[kind], True)
    return False


# What states open and close to one another: "reopened its border", "closed the embassy".
PASSAGES = {"border", "borders", "embassy", "embassies", "consulate", "consulates", "airspace", "crossing",
            "crossings", "mission"}  # fmt: skip
OPEN_LEMMAS = {"open", "reopen"}
CLOSE_LEMMAS = {"close", "shut"}
# What states establish and sever: "restored diplomatic relations", "cut ties with".
RELATIONS = {"relations", "ties", "relation"}
BOND_LEMMAS = {"establish", "restore", "normalise", "normalize", "resume", "re-establish", "reestablish"}
BREAK_LEMMAS = {"sever", "cut", "break", "suspend", "downgrade"}
KIND_TYPES = {"Opening": "Other", "Closure": "Other", "Relations": "Agreement", "Rupture": "Sanction"}


def object_kind(tok: Token) -> str | None:
    """The kind of act a verb makes with its object: opening or closing a border or an embassy,
    establishing or severing relations. None for any other verb or object."""
    lemma = tok.lemma_.lower()
    if lemma not in OPEN_LEMMAS | CLOSE_LEMMAS | BOND_LEMMAS | BREAK_LEMMAS:
        return None
    obj = _has_object(tok)
    if obj is None:
        return None
    word = obj.lower_
    if word in PASSAGES and lemma in OPEN_LEMMAS:
        return "Opening"
    if word in PASSAGES and lemma in CLOSE_LEMMAS:
        return "Closure"
    if word in RELATIONS and lemma in BOND_LEMMAS:
        return "Relations"
    if word in RELATIONS and lemma in BREAK_LEMMAS:
        return "Rupture"
    return None


def _to_a_place(tok: Token, preps: set[str]) -> bool:
    """Whether a verb has a prepositional phrase naming a place: "landed in Kampala"."""
    return any(
        c.dep_ == "prep"
        and c.lower_ in preps
        and any(g.dep_ == "pobj" and g.ent_type_ in {"GPE", "LOC", "FAC"} for g in c.children)
        for c in tok.children
    )


def _called_back(tok: Token) -> bool:
    """Whether "call" recalls a diplomat: "called back our High Commissioner", "the ambassador was
    called to the capital for consultations"."""
    obj = _has_object(tok)
    if obj is None or not (_diplomat(obj) or any(_diplomat(a) for a in obj.children if a.dep_ == "appos")):
        return False
    if any(c.dep_ in {"prt", "advmod"} and c.lower_ == "back" for c in tok.children):
        return True
    return any(
        c.dep_ == "prep"
        and c.lower_ == "for"
        and any(g.lemma_.startswith("consultation") for g in c.children)
        for c in tok.children
    )


def recalled_for(tok: Token) -> bool:
    """Whether "consultations" is what a diplomat is recalled for, not talks of their own."""
    head = tok.head
    if tok.dep_ != "pobj" or head.lower_ != "for":
        return False
    verb = head.head
    return verb.lemma_ == "recall" or (verb.lemma_ == "call" and _called_back(verb))


# Nouns of what prompts an act, and the prepositions that make them its cause: "at the invitation of X".
PROMPT_NOUNS = {"invitation", "request", "initiative", "behest", "urging"}
PROMPT_PREPOSITIONS = {"at", "upon", "on", "following", "after"}


def prompted_by(trig: Token) -> bool:
    """Whether an event noun is what prompted the act of its clause: told as already made."""
    return (
        trig.lemma_ in PROMPT_NOUNS
        and trig.dep_ == "pobj"
        and trig.head.lower_ in PROMPT_PREPOSITIONS
        and trig.head.head.pos_ in {"VERB", "AUX", "NOUN"}
    )


# What a state freezes as a sanction: "froze the assets of X".
FROZEN = {"asset", "assets", "fund", "funds", "account", "accounts", "property", "reserves"}


def expulsion_verb(tok: Token) -> bool:
    """ "declared the ambassador persona non grata", "ordered the envoy to leave the country": an
    expulsion told without the verb "expel"."""
    lemma = tok.lemma_.lower()
    if lemma == "declare":
        return any(t.lower_ == "grata" for t in tok.subtree)
    if lemma == "order":
        obj = _has_object(tok)
        leave = [
            c
            for c in tok.children
            if c.dep_ in {"xcomp", "ccomp"} and c.lemma_ in {"leave", "depart", "return"}
        ]
        return obj is not None and _diplomat(obj) and bool(leave)
    return False
