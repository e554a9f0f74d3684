"""Diplomatic events: triggers, participants, place, time and status, read from the parse.

Each event mention starts at a trigger — a verb ("met", "hosted", "called off") or a noun
("summit", "talks", "phone call") — and takes its participants from the trigger's syntactic
arguments (subject, object, "with"/"between" phrases, possessives, compounds such as "the
Rubio-Lavrov call"), its place from "in"/"at" phrases, its time from the time expression
attached to it (or to the light verb that carries a noun: "held talks on Monday"), and its
status from modality, negation and cancellation language around it. Mentions of one event in
an article are then merged (see `coref`). The vocabulary lives in `kg.extract.events.lexicon`; what makes a word
a trigger and what its context says of its status, in `kg.extract.events.triggers`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from kg.extract import countries, places
from kg.extract.events.lexicon import (
    CAMEO_PLOVER,
    ENCOUNTER,
    GENERIC_PEOPLE,
    GROUP_WORDS,
    MOTION_LEMMAS,
    PRONOUNS_PERSON,
    PRONOUNS_THING,
    REPORT_LEMMAS,
)
from kg.extract.events.triggers import _carriers, _indefinite, _simultaneous_head, _status, _trigger
from kg.model import Entity, Span, Timex


@dataclass
class EventMention:
    """One mention of an event, before mentions of the same event are merged."""

    type: str
    trigger: Token
    participants: list[str] = field(default_factory=list)
    parts: list[tuple[str, str]] = field(default_factory=list)
    place: str | None = None
    timex: Timex | None = None
    status: str = "occurred"
    explicit: bool = True  # whether the words say the status (a bare noun says nothing)
    evidence: Span | None = None
    confidence: float = 0.6
    definite: bool = False  # "the summit", "their meeting": refers back
    indefinite: bool = False  # "a meeting of X": a new event, not one named before
    group: str = ""  # "leaders" in "the two leaders": participants come from an earlier event
    about: EventMention | None = None  # the event a cancellation or announcement is about
    mentions: list[EventMention] = field(default_factory=list)

    @property
    def cls(self) -> str:
        """The class of happening: encounter, call, statement, or the type itself."""
        if self.type in ENCOUNTER:
            return "encounter"
        if self.type in {"Statement", "Announcement"}:
            return "statement"
        return self.type


class _Ctx:
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
        if tok.lower_ == "capital":
            return self._capital(tok)
        if tok.pos_ == "NOUN" and any(c.lower_ == "the" for c in tok.children):
            # "the court" after "the Constitutional Court": the one organisation of that head
            orgs = {
                x.name
                for x in self.by_name.values()
                if x.type == "Organization" and x.name.split()[-1].lower() == tok.lower_
            }
            if len(orgs) == 1:
                return self.by_name[orgs.pop()]
        # "his Russian counterpart, Vladimir Putin": the apposition names the person
        for child in tok.children:
            if child.dep_ == "appos" and child.i in self.by_token:
                return self.by_token[child.i]
        if tok.lower_ in GENERIC_PEOPLE:
            # "a senior White House official": the institution speaks
            for child in tok.children:
                if child.dep_ in {"compound", "poss", "nmod", "amod"} and child.i in self.by_token:
                    ent = self.by_token[child.i]
                    if ent.type in {"Organization", "Place"}:
                        return ent
        return None

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
            return None
        # the latest person named before, in this sentence or the one before, not the clause's own subject
        own = (
            {c.i for c in verb.children if c.dep_ == "nsubj"}
            if tok.dep_ not in {"nsubj", "nsubjpass"}
            else set()
        )
        own_names = {self.by_token[i].name for i in own if i in self.by_token}
        prev = tok.sent.start - 1
        floor = self.doc[prev].sent.start if prev >= 0 else 0
        for i, e in reversed(self.person_at):
            if floor <= i < tok.i and e.name not in own_names:
                return e
        return None


def actor_name(e: Entity) -> str:
    """The name an entity takes as an actor: a capital city acting stands for its country."""
    if e.type == "Place":
        country = places.country_of_capital(e.name)
        if country:
            return country
    return e.name


def _collect(ctx: _Ctx, tok: Token, out: list[tuple[str, str]], part: str) -> None:
    """Add the entity a token names, and those of tokens conjoined with it."""
    for t in [tok, *tok.conjuncts]:
        e = ctx.entity(t)
        if e is None:
            # "officials from Washington and Moscow"
            for child in t.children:
                if child.dep_ == "prep" and child.lower_ in {"from", "of"}:
                    for g in child.children:
                        if g.dep_ == "pobj":
                            _collect(ctx, g, out, part)
            continue
        out.append((actor_name(e), part))


def _subject(verb: Token) -> list[Token]:
    """The subject of a verb, or of the verb it is conjoined with or depends on ("X met Y and urged Z")."""
    v = verb
    for _ in range(4):
        subj = [c for c in v.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subj:
            return subj
        if v.dep_ not in {"conj", "xcomp", "advcl", "acomp"} or v.head.i == v.i:
            return []
        v = v.head
    return []


def _participants(
    ctx: _Ctx, trig: Token, is_verb: bool, etype: str = ""
) -> tuple[list[tuple[str, str]], str]:
    parts: list[tuple[str, str]] = []
    group = ""
    heads = [trig]
    if not is_verb:
        # the verbs that carry a noun: "held a conversation", "a call held on Monday between X and Y"
        heads += _carriers(trig)
    for h in heads:
        for child in h.children:
            dep = child.dep_
            if dep in {"nsubj", "nsubjpass", "dobj"} and child.lower_ in GROUP_WORDS:
                group = child.lower_
            if dep == "nsubj":
                _collect(ctx, child, parts, "agent")
            elif dep == "agent" or (dep == "prep" and child.lower_ == "by" and not is_verb and h is trig):
                for g in child.children:
                    if g.dep_ == "pobj":
                        _collect(ctx, g, parts, "agent")  # "hosted by X", "a visit by X"
            elif dep in {"dobj", "nsubjpass"} and (is_verb or h.lemma_ in {"host", "receive", "invite"}):
                e = ctx.entity(child)
                if (
                    e is not None
                    and e.type == "Place"
                    and trig.lemma_ in {"visit", "travel", "arrive", "tour"}
                ):
                    continue  # "visited Ottawa": where, not whom
                _collect(ctx, child, parts, "patient" if is_verb else "with")
            elif dep in {"poss", "compound", "nmod"} and not is_verb and h is trig:
                for sub in child.subtree:
                    if sub.dep_ == "prep":
                        break
                    e = ctx.entity(sub)
                    if e is None or (
                        e.type == "Place" and not countries.is_country(e.name) and sub.dep_ != "poss"
                    ):
                        continue  # "the Budapest summit": where, not who; "Tehran's attack": who
                    parts.append((actor_name(e), "agent"))
            elif dep == "prep" and child.lower_ in {"with", "between", "among", "to", "for"}:
                if child.lower_ == "to" and (
                    trig.lemma_ in {"travel", "arrive", "visit", "trip"}
                    or etype == "Visit"
                    or h.lemma_ in MOTION_LEMMAS
                ):
                    continue  # "a visit to China", "travel to Qatar for talks": where
                if child.lower_ == "for" and h is not trig:
                    continue  # "travel for talks": the purpose, not a party
                for g in child.children:
                    if g.dep_ == "pobj":
                        if g.lower_ in GROUP_WORDS:
                            group = g.lower_
                        _collect(ctx, g, parts, "with")
            elif dep == "prep" and child.lower_ in {"on", "against"} and etype in {"Attack", "Sanction"}:
                for g in child.children:
                    if g.dep_ == "pobj":
                        _collect(ctx, g, parts, "patient")  # "sanctions on Iran", "attack on Israel"
            elif dep == "prep" and child.lower_ == "on" and etype == "Request" and is_verb:
                for g in child.children:
                    if g.dep_ == "pobj":
                        _collect(ctx, g, parts, "patient")  # "called on X to"
            elif dep == "ccomp" and etype == "Request" and is_verb:
                for g in child.children:
                    if g.dep_ == "nsubj":
                        _collect(ctx, g, parts, "patient")  # "demanded that Pakistan end"
    if not any(p == "agent" for _, p in parts):
        # "X met Y and urged Z", "X wants to meet Y", "X arrived, urging Y": the governing verb's subject
        for v in [trig] if is_verb else [h for h in heads if h is not trig]:
            for subj in _subject(v):
                if subj.lower_ in GROUP_WORDS:
                    group = group or subj.lower_
                _collect(ctx, subj, parts, "agent")
    if is_verb and trig.dep_ in {"relcl", "acl"} and not any(p == "agent" for _, p in parts):
        # "the minister who met X"; a headline's "Blinken to visit Beijing"
        e = ctx.entity(trig.head)
        if e is not None:
            parts.append((actor_name(e), "agent"))
    seen = set()
    uniq = []
    for name, part in parts:
        if name not in seen:
            seen.add(name)
            uniq.append((name, part))
    return uniq, group


def _place(ctx: _Ctx, trig: Token, is_verb: bool) -> str | None:
    heads = [trig]
    if not is_verb:
        heads += [c for c in trig.children if c.dep_ in {"acl", "relcl"}]
        if trig.dep_ in {"dobj", "nsubj", "nsubjpass"}:
            heads.append(trig.head)
        heads += [c for c in _carriers(trig) if c not in heads]
    else:
        heads += [c for c in trig.children if c.dep_ == "xcomp"]
    to_ok = trig.lemma_ in {"travel", "arrive", "visit", "trip", "fly", "come"}
    for h in heads:
        # a place phrase may hang on the verb, the noun, or the verb's object ("hosted X at Y")
        near = list(h.children) + [g for c in h.children if c.dep_ in {"dobj", "pobj"} for g in c.children]
        if h is trig and not is_verb:
            near = list(h.subtree)
        else:
            comp = [c for c in h.children if c.dep_ == "compound"]
            for c in comp:
                e = ctx.entity(c)
                if e is not None and e.type == "Place" and not countries.is_country(e.name):
                    return e.name
        for child in near:
            if child.dep_ == "prep" and child.lower_ in {"in", "at", "to"}:
                if child.lower_ == "to" and not to_ok:
                    continue
                for g in child.children:
                    e = ctx.entity(g) if g.dep_ == "pobj" else None
                    if e is not None and e.type == "Place":
                        return e.name
        if is_verb and trig.lemma_ == "visit":
            for child in trig.children:
                e = ctx.entity(child) if child.dep_ == "dobj" else None
                if e is not None and e.type == "Place":
                    return e.name
    return None


def _timex(ctx: _Ctx, trig: Token, is_verb: bool) -> Timex | None:
    heads = [trig]
    if not is_verb:
        # "a visit held on Monday", "talks scheduled for May": the participle dates the event;
        # "a visit first announced in January" dates the announcement, not the visit
        heads += [c for c in trig.children if c.dep_ == "acl" and c.lemma_ not in REPORT_LEMMAS]
        heads += [c for c in _carriers(trig) if c not in heads]
    else:
        heads += [c for c in trig.children if c.dep_ == "xcomp"]
    for h in heads:
        for child in h.children:
            if child.dep_ == "prep" and child.lower_ in {"since", "until", "till", "for", "over", "within"}:
                continue  # "since 2015", "for two days": a span the event sits in, not its time
            if child.dep_ in {"advcl", "relcl", "ccomp", "conj"}:
                continue  # another clause's time
            if child.dep_ in {"prep", "npadvmod", "advmod", "tmod", "nmod", "compound", "amod"} or (
                child.dep_ == "pobj"
            ):
                for t in child.subtree:
                    tx = ctx.timex_of.get(t.i)
                    if tx is not None and tx.type in {"DURATION", "SET"}:
                        continue
                    if tx is not None and (
                        t.head.i in {child.i, h.i} or t.i == child.i or t.head.head.i == child.i
                    ):
                        return tx
    return None


def _evidence(doc: Doc, trig: Token) -> Span:
    sent = trig.sent
    text = sent.text
    s = sent.start_char + (len(text) - len(text.lstrip()))
    e = sent.end_char - (len(text) - len(text.rstrip()))
    return Span.of(doc.text, s, e)


def find_events(doc: Doc, entities: Sequence[Entity], timexes: Sequence[Timex]) -> list[EventMention]:
    """Every event mention in the article, in text order, before coreference."""
    ctx = _Ctx(doc, entities, timexes)
    out: list[EventMention] = []
    for tok in doc:
        if tok.is_space or not tok.text.strip():
            continue
        hit = _trigger(tok)
        if hit is None:
            continue
        etype, is_verb = hit
        parts, group = _participants(ctx, tok, is_verb, etype)
        status, strength = _status(tok, is_verb, etype)
        m = EventMention(
            type=etype,
            trigger=tok,
            participants=[p for p, _ in parts],
            parts=parts,
            place=_place(ctx, tok, is_verb),
            timex=_timex(ctx, tok, is_verb),
            status=status,
            explicit=strength != "weak",
            evidence=_evidence(doc, tok),
            confidence=0.7 if parts else 0.4,
            definite=not is_verb
            and any(
                c.dep_ in {"det", "poss"}
                and c.lower_ in {"the", "this", "that", "their", "its", "his", "her"}
                for c in tok.children
            ),
            group=group,
            indefinite=not is_verb and _indefinite(tok),
        )
        if is_verb and (m.timex is None or m.place is None):
            # "met X on Monday and urged Y", "held talks in X, urging Y", "met in March, when they agreed"
            head = _simultaneous_head(tok)
            if head is not None:
                m.timex = (
                    m.timex or ctx.timex_of.get(head.i) or _timex(ctx, head, head.pos_ in {"VERB", "AUX"})
                )
                m.place = m.place or _place(ctx, head, head.pos_ in {"VERB", "AUX"})
        if etype == "Cancellation":
            _cancellation(ctx, m, tok, is_verb)
        out.append(m)
    return out


def _cancellation(ctx: _Ctx, m: EventMention, tok: Token, is_verb: bool) -> None:
    """Who cancelled and when: the agent, or the source that reports a passive cancellation."""
    if is_verb and not m.participants:
        # "X has been cancelled, a senior White House official confirmed on Tuesday"
        head = tok.head if tok.dep_ in {"ccomp", "parataxis"} else None
        if head is not None and head.lemma_ in REPORT_LEMMAS:
            parts: list[tuple[str, str]] = []
            for c in head.children:
                if c.dep_ == "nsubj":
                    _collect(ctx, c, parts, "agent")
            m.participants = [p for p, _ in parts]
            m.parts = parts
    if (
        is_verb
        and m.timex is None
        and tok.dep_ in {"ccomp", "parataxis"}
        and tok.head.lemma_ in REPORT_LEMMAS
    ):
        # a cancellation is dated by the report that makes it known
        m.timex = _timex(ctx, tok.head, True)
    if is_verb:
        # the thing cancelled is not a participant of the cancelling
        things = [c for c in tok.children if c.dep_ in {"nsubjpass", "dobj"}]
        names = set()
        for t in things:
            for sub in t.subtree:
                e = ctx.entity(sub)
                if e is not None:
                    names.add(actor_name(e))
        if names and any(p for p in m.participants if p not in names):
            m.participants = [p for p in m.participants if p not in names]
            m.parts = [(p, r) for p, r in m.parts if p not in names]
        elif names and m.participants and all(p in names for p in m.participants):
            m.participants, m.parts = [], []


def event_key(article_id: str, etype: str, trigger: Span) -> str:
    """A stable key for an event: its article, type and trigger offsets."""
    raw = f"{article_id}|{etype}|{trigger.start}|{trigger.end}"
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


def codes(etype: str) -> tuple[str | None, str | None]:
    """CAMEO and PLOVER codes of an event type."""
    return CAMEO_PLOVER.get(etype, (None, None))
