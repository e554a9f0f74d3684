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

from kg.extract import countries, ministries
from kg.extract.events.arguments import KIND_TYPES, expulsion_verb, object_kind
from kg.extract.events.context import Context
from kg.extract.events.lexicon import (
    CAMEO_KINDS,
    CAMEO_PLOVER,
    ENCOUNTER,
    GROUP_WORDS,
    KINDS,
    REPORT_LEMMAS,
    SPEECH_LEMMAS,
)
from kg.extract.events.participants import VISITED, _collect, _participants, actor_name, sentence_actors
from kg.extract.events.put_off import each_date, new_dates
from kg.extract.events.statements import according_to, is_media, listeners, speakers, speech_verb
from kg.extract.events.status import _status
from kg.extract.events.triggers import (
    PART_NOUNS,
    _carriers,
    _indefinite,
    _simultaneous_head,
    _trigger,
    determiners,
)
from kg.extract.nlp import text_of
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
    kind: str | None = None  # a finer kind within the type (kg.extract.events.lexicon.KINDS)
    nearby: list[str] = field(default_factory=list)  # the sentence's actors, for when no one else is found
    dated_by: str | None = None  # where the date came from: a level of when.date_events
    visited: list[str] = field(default_factory=list)  # the countries a visit goes to (add_hosts)

    def inside(self, span: Span) -> bool:
        """Whether the mention's trigger lies in `span` (a headline)."""
        return span.start <= self.trigger.idx < span.end

    @property
    def cls(self) -> str:
        """The class of happening: encounter, call, statement, or the type itself."""
        if self.type in ENCOUNTER:
            return "encounter"
        if self.type in {"Statement", "Announcement"}:
            return "statement"
        return self.type


def _place(ctx: Context, trig: Token, is_verb: bool) -> str | None:
    heads = [trig]
    if not is_verb:
        heads += [c for c in trig.children if c.dep_ in {"acl", "relcl"}]
        if trig.dep_ in {"dobj", "nsubj", "nsubjpass"}:
            heads.append(trig.head)
        heads += [c for c in _carriers(trig) if c not in heads]
    else:
        heads += [c for c in trig.children if c.dep_ == "xcomp"]
    to_ok = trig.lemma_ in {"travel", "arrive", "visit", "trip", "fly", "come", "welcome", "land", "leave"}
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
            if child.dep_ == "prep" and child.lower_ in {"in", "at", "to", "into", "for", "of"}:
                if child.lower_ == "of" and (h is not trig or trig.lemma_ != "tour"):
                    continue  # "a tour of Uganda" is where; "a meeting of X" is who
                if child.lower_ in {"to", "into", "for"} and not to_ok:
                    continue  # "a visit to X", "flew into X", "left for X" are where; "talks for X" are not
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


def _timex(ctx: Context, trig: Token, is_verb: bool) -> Timex | None:
    if is_verb and trig.i + 1 < len(trig.doc):
        # "said earlier this year they hoped ...", "arrived Sunday": a date right after the verb is its
        # own, whatever clause the parser hung it on
        nxt = trig.doc[trig.i + 1]
        tx = ctx.timex_of.get(nxt.i)
        if tx is not None and tx.type == "DATE" and tx.span.start == nxt.idx:
            return tx
    heads = [trig]
    if not is_verb:
        # "a visit held on Monday", "talks scheduled for May": the participle dates the event;
        # "a visit first announced in January" dates the announcement, not the visit
        group = [trig]
        if trig.dep_ == "pobj" and trig.head.lower_ == "of" and trig.head.head.lemma_ in PART_NOUNS:
            group.append(trig.head.head)  # "a round of talks ended on March 24"
        heads += [c for g in group for c in g.children if c.dep_ == "acl" and c.lemma_ not in REPORT_LEMMAS]
        heads += [c for c in _carriers(trig) if c not in heads]
    else:
        heads += [c for c in trig.children if c.dep_ == "xcomp"]
    vague = None  # "most recently, in March 2022": a day or month outranks "recently"
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
                        t.head.i in {child.i, h.i}
                        or t.i == child.i
                        or t.head.head.i == child.i
                        # "said in a statement on Monday": the date of the statement the verb carries
                        or (h.lemma_ in SPEECH_LEMMAS and t.head.head.head.i == child.i)
                    ):
                        if tx.value and tx.value[:1].isdigit():
                            return tx
                        vague = vague or tx
    if vague is not None:
        return vague
    # "the day that X was sworn in": a clause that says what happened on a day takes the day
    if trig.dep_ == "relcl" or (not is_verb and trig.head.dep_ == "relcl"):
        verb = trig if trig.dep_ == "relcl" else trig.head
        tx = ctx.timex_of.get(verb.head.i)
        if tx is not None and tx.type == "DATE":
            return tx
    return None


def _evidence(doc: Doc, trig: Token) -> Span:
    sent = trig.sent
    text = sent.text
    s = sent.start_char + (len(text) - len(text.lstrip()))
    e = sent.end_char - (len(text) - len(text.rstrip()))
    return Span.of(text_of(doc), s, e)


def find_events(doc: Doc, entities: Sequence[Entity], timexes: Sequence[Timex]) -> list[EventMention]:
    """Every event mention in the article, in text order, before coreference."""
    ctx = Context(doc, entities, timexes)
    media = {e.name for e in entities if is_media(e)}
    out: list[EventMention] = []
    for tok in doc:
        if tok.is_space or not tok.text.strip():
            continue
        said = _statement(ctx, doc, tok)
        if said is not None:
            out.append(said)
            continue
        if tok.lower_ == "according" or speech_verb(tok):
            continue  # a verb of saying whose speaker is no entity of the article (or a news medium)
        hit = _trigger(tok) or _done_so(tok, out)
        if hit is None:
            continue
        etype, is_verb = hit
        parts, group = _participants(ctx, tok, is_verb, etype)
        visited = [n for n, part in parts if part == VISITED]
        parts = [(n, part) for n, part in parts if part != VISITED]
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
                c.lower_ in {"the", "this", "that", "their", "its", "his", "her"} for c in determiners(tok)
            ),
            group=group,
            indefinite=not is_verb and _indefinite(tok),
            nearby=[] if parts else sentence_actors(ctx, tok, media),
            visited=visited,
        )
        if tok.lemma_ == "do" and m.place is None:
            m.place = out[-1].place  # "since X did so in 2019": where the act it stands for was
        if is_verb and (m.timex is None or m.place is None):
            # "met X on Monday and urged Y", "held talks in X, urging Y", "met in March, when they agreed"
            head = _simultaneous_head(tok)
            if head is not None:
                m.timex = (
                    m.timex or ctx.timex_of.get(head.i) or _timex(ctx, head, head.pos_ in {"VERB", "AUX"})
                )
                m.place = m.place or _place(ctx, head, head.pos_ in {"VERB", "AUX"})
        kind = KINDS.get("recall" if tok.lemma_ == "call" and etype == "Other" else tok.lemma_.lower())
        kind = kind or ((KIND_TYPES.get(k, ""), k) if (k := object_kind(tok)) else None)
        if kind is not None and kind[0] == etype:
            m.kind = kind[1]
        if etype == "Sanction" and expulsion_verb(tok):
            m.kind = "Expulsion"
        if etype == "Cancellation":
            _cancellation(ctx, m, tok, is_verb)
        out.append(m)
        out.extend(each_date(ctx, m))
    new_dates(ctx, out)
    return out


def _done_so(tok: Token, before: list[EventMention]) -> tuple[str, bool] | None:
    """ "the first minister to visit Kampala since X did so in 2019": "did so" stands for the act told
    just before it in the sentence, done again by its own subject."""
    if (
        tok.lemma_ != "do"
        or tok.dep_ in {"aux", "auxpass"}
        or not any(c.lower_ == "so" and c.dep_ == "advmod" for c in tok.children)
    ):
        return None
    last = before[-1] if before else None
    if last is None or last.trigger.sent.start != tok.sent.start or last.trigger.pos_ != "VERB":
        return None
    if last.cls == "statement" or tok.dep_ in {"ccomp", "xcomp"} and tok.head.i == last.trigger.i:
        return None  # "X said he would do so", "X wants to do so": what is said or wanted, not the act
    return last.type, True


def name_the_unnamed(events: Sequence[EventMention]) -> None:
    """After coreference: an event that neither its words nor an earlier event name anyone for takes
    the actors of its sentence (those of its first mention that has any), as a guess; a described
    ministry among the participants brings its state."""
    for e in events:
        for name in list(e.participants):
            state = ministries.state_of(name)
            if state is not None and state not in e.participants:
                e.participants.append(state)  # a ministry acts for its state: "Iran's foreign ministry said"
                e.parts.append((state, "agent"))
        if e.participants:
            continue
        for m in [e, *e.mentions]:
            if m.nearby:
                e.participants = list(m.nearby)
                e.parts = [(n, "agent") for n in m.nearby]
                break


def _statement(ctx: Context, doc: Doc, tok: Token) -> EventMention | None:
    """A statement by a speaker of the article: "X said", "X told Y", "according to X"."""
    if tok.lower_ == "according":
        who, heard, timex = according_to(ctx, tok), [], None
    elif speech_verb(tok):
        who, heard, timex = speakers(ctx, tok), listeners(ctx, tok), _timex(ctx, tok, True)
    else:
        return None
    group = "" if who or tok.lower_ == "according" else _speaking_group(tok)
    if not who and not group:
        return None
    parts = [(actor_name(e), "agent") for e in who] + [(actor_name(e), "with") for e in heard]
    parts = list(dict.fromkeys(parts))
    status = _status(tok, True, "Statement")[0] if tok.lower_ != "according" else "occurred"
    return EventMention(
        type="Announcement" if tok.lemma_ == "announce" else "Statement",
        trigger=tok,
        participants=list(dict.fromkeys(p for p, _ in parts)),
        parts=parts,
        timex=timex,
        status=status,
        evidence=_evidence(doc, tok),
        confidence=0.7,
        group=group,
    )


def _speaking_group(tok: Token) -> str:
    """The group noun that speaks, where no entity does: "the ministers said", "both sides said"."""
    for c in tok.children:
        if c.dep_ != "nsubj" or c.lower_ not in GROUP_WORDS or c.lower_ in {"they", "them"}:
            continue
        if c.lower_ == "both" or any(d.lower_ in {"the", "both", "two", "three", "all"} for d in c.children):
            return c.lower_
    return ""


def _cancellation(ctx: Context, m: EventMention, tok: Token, is_verb: bool) -> None:
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
    if (
        is_verb
        and m.status == "planned"
        and tok.dep_ in {"ccomp", "parataxis"}
        and tok.head.lemma_ in REPORT_LEMMAS
        and tok.head.tag_ == "VBD"
    ):
        m.status = "occurred"  # "announced that the summit would be postponed": the decision is made
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


def codes(etype: str, kind: str | None = None) -> tuple[str | None, str | None]:
    """CAMEO and PLOVER codes of an event type, or of its finer kind where that has codes of its own."""
    if kind in CAMEO_KINDS:
        return CAMEO_KINDS[kind]
    return CAMEO_PLOVER.get(etype, (None, None))
