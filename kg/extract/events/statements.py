"""Statements: what a named speaker says, tweets, writes or is quoted as saying.

A statement is an act of its speaker, so it is an event only where the speaker is an entity of the
article (a person, a government, an organisation; an official stands for the institution named
with them). News media reporting the story ("Reuters reported", "the newspaper wrote") are the
channel, not a party, and make no event. Shapes read:

    X said / told Y / tweeted / posted / insisted / accused ... (a verb of saying with X its subject)
    X thanked / congratulated / welcomed / praised / assured Y (a reaction; "welcomed" a person is a reception)
    X called Y "productive" (a judgement)
    according to X; according to a statement from X
    a news agency quoted X as saying
    X's statement said; the statement said (a statement named before)
    X said in a statement (the noun is carried by the verb: one statement)

The statement's time is the one its own clause gives ("said on Monday"); without one it is dated
only by the article around it (`kg.extract.events.occasions`: a dated call of its people just
before, or the day of the news the report opens with), never by the other dates of its sentence.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.events.arguments import _has_object, expulsion_verb
from kg.extract.events.context import Context
from kg.extract.events.lexicon import MEDIA_WORDS, REACTION_LEMMAS, SPEECH_LEMMAS
from kg.model import Entity

# Verbs of saying that need what is said after them to be a statement ("added that", "noted that").
NEED_CONTENT = {"signal", "add", "note", "confirm", "indicate", "write", "post", "stress", "emphasise", "emphasize",
                "reiterate", "express", "highlight", "describe", "acknowledge", "reaffirm", "underline",
                "underscore", "voice", "argue", "explain", "reply", "respond"}  # fmt: skip
# What a rejection is of when it is a statement: "rejected the claims", "dismissed the report as false".
REJECTED = {"claim", "report", "allegation", "accusation", "charge", "statement", "remark", "suggestion",
            "criticism", "assertion", "rumour", "rumor", "speculation"}  # fmt: skip
# What "expressed" must govern to be a statement.
EXPRESSED = {"concern", "hope", "regret", "support", "condolence", "condolences", "gratitude", "satisfaction",
             "solidarity", "sympathy", "disappointment", "appreciation", "confidence", "interest", "wish",
             "desire", "readiness", "willingness", "commitment", "opposition", "displeasure", "dismay"}  # fmt: skip


def is_media(e: Entity) -> bool:
    """Whether an entity is a news medium: the channel of a report, not a speaker in it."""
    words = {w.strip(".,").lower() for w in e.name.split()} | {a.lower() for a in e.aliases}
    if e.name.lower() in MEDIA_WORDS:
        return True  # "Yomiuri wrote", "CNN reported": a paper's name, whatever type the model gave it
    return e.type == "Organization" and bool(words & MEDIA_WORDS)


def speech_verb(tok: Token) -> bool:
    """Whether a verb token reports a statement ("said", "told", "tweeted", "expressed concern")."""
    if not (tok.pos_ in {"VERB", "AUX"} or tok.tag_.startswith("VB")):
        return False
    if tok.lemma_ == "call" and any(
        c.dep_ == "oprd" and (c.pos_ == "ADJ" or tok.doc[max(c.i - 1, 0)].text in {'"', "“", "'", "‘"})
        for c in tok.children
    ):
        return True  # 'called the talks "productive"', "called the move illegal": a judgement
    if tok.lemma_ not in SPEECH_LEMMAS or expulsion_verb(tok):
        return False  # "declared the envoy persona non grata" expels
    if tok.lemma_ == "post" and not any(c.dep_ in {"ccomp", "parataxis"} for c in tok.children):
        return False  # "posting a photograph" shows, it does not say
    if tok.lemma_ == "point":
        return any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children) and any(
            c.dep_ in {"ccomp", "dobj"} for c in tok.children
        )  # "pointed out that"; "pointed to the map" says nothing
    if tok.lemma_ in {"reject", "dismiss"}:
        return any(c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() in REJECTED for c in tok.children)
    if tok.lemma_ == "offer":
        return any(c.dep_ == "dobj" and c.lemma_.lower() in EXPRESSED for c in tok.children)  # condolences
    if tok.lemma_ in REACTION_LEMMAS:
        if tok.lemma_ == "welcome" and _has_object(tok, person=True) is not None:
            return False  # "welcomed the visiting president": a reception, not a statement
        if tok.dep_ in {"xcomp", "advcl"} and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            return False  # "called X to thank him": what the call was for, told with the call
        return any(c.dep_ in {"dobj", "nsubjpass", "ccomp"} for c in tok.children)
    if tok.lemma_ in NEED_CONTENT:
        kids = list(tok.children)
        if tok.lemma_ in {"express", "voice"}:
            return any(c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() in EXPRESSED for c in kids)
        if not any(c.dep_ in {"ccomp", "dobj", "xcomp", "parataxis"} for c in kids) and not any(
            c.dep_ == "prep" and c.lower_ == "on" for c in kids
        ):
            return False
    return True


def speakers(ctx: Context, tok: Token) -> list[Entity]:
    """Who makes the statement a speech verb reports: its subject, or whom a report quotes."""
    out: list[Entity] = []
    if tok.lemma_ == "quote":
        # "the agency quoted X as saying", "X was quoted as saying": X speaks
        for c in tok.children:
            if c.dep_ in {"dobj", "nsubjpass"}:
                out += _entities(ctx, c)
        return [e for e in out if not is_media(e)]  # "APA reports quoting CNN": a medium quoting a medium
    subj = [c for c in tok.children if c.dep_ == "nsubj"]
    if not subj and tok.dep_ in {"conj", "advcl", "xcomp"}:
        subj = [c for c in tok.head.children if c.dep_ == "nsubj"]
    for s in subj:
        out += _entities(ctx, s)
    return [e for e in out if not is_media(e)]


def _entities(ctx: Context, tok: Token) -> list[Entity]:
    out = []
    for t in [tok, *tok.conjuncts]:
        e = ctx.entity(t)
        if e is None:
            for c in t.children:  # "a spokesman for X", "officials from X"
                if c.dep_ == "prep" and c.lower_ in {"for", "from", "of", "at", "including"}:
                    out += [x for g in c.children if g.dep_ == "pobj" for x in _entities(ctx, g)]
            continue
        out.append(e)
    return out


def listeners(ctx: Context, tok: Token) -> list[Entity]:
    """To whom or where a statement is made: "told Sky News", "thanked X", "on Twitter", "to reporters"
    (not an entity)."""
    out = []
    for c in tok.children:
        if c.dep_ in {"dobj", "dative"} and (tok.lemma_ == "tell" or tok.lemma_ in REACTION_LEMMAS):
            # "told Sky News"; "thanked X", "congratulated X": the one the reaction is to
            out += _entities(ctx, c)
        elif c.dep_ == "prep" and c.lower_ in {"on", "via"}:
            out += [x for g in c.children if g.dep_ == "pobj" for x in _entities(ctx, g)]
    return [e for e in out if e.type != "Place"]


def according_to(ctx: Context, tok: Token) -> list[Entity]:
    """The source of "according to X" / "according to a statement from X", at the token "according"."""
    if tok.lower_ != "according":
        return []
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None:
        return []
    out: list[Entity] = []
    for g in to.children:
        if g.dep_ != "pobj":
            continue
        found = _entities(ctx, g)
        if not found:
            for c in g.children:  # "a statement from the Planalto Palace", "the ministry's statement"
                if c.dep_ == "poss":
                    found += _entities(ctx, c)
                elif c.dep_ == "prep" and c.lower_ in {"from", "by", "of"}:
                    found += [x for h in c.children if h.dep_ == "pobj" for x in _entities(ctx, h)]
        out += found
    return [e for e in out if not is_media(e)]
