"""Diplomatic events: triggers, participants, place, time and status, read from the parse.

Each event mention starts at a trigger — a verb ("met", "hosted", "called off") or a noun
("summit", "talks", "phone call") — and takes its participants from the trigger's syntactic
arguments (subject, object, "with"/"between" phrases, possessives, compounds such as "the
Rubio-Lavrov call"), its place from "in"/"at" phrases, its time from the time expression
attached to it (or to the light verb that carries a noun: "held talks on Monday"), and its
status from modality, negation and cancellation language around it. Mentions of one event in
an article are then merged (see `coref`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from . import countries, places
from .model import Entity, Span, Timex
from .timex import tense_of

# lemma -> event type, for verbs
VERB_TRIGGERS = {
    "meet": "Meeting", "host": "Visit", "visit": "Visit", "travel": "Visit", "arrive": "Visit",
    "negotiate": "Talks", "phone": "PhoneCall", "telephone": "PhoneCall", "announce": "Announcement",
    "declare": "Statement", "state": "Statement", "warn": "Statement", "condemn": "Statement",
    "deny": "Statement", "cancel": "Cancellation", "scrap": "Cancellation", "postpone": "Cancellation",
    "shelve": "Cancellation", "halt": "Cancellation", "abandon": "Cancellation", "agree": "Agreement",
    "sign": "Agreement", "urge": "Request", "request": "Request", "demand": "Request",
    "sanction": "Sanction", "attack": "Attack", "bomb": "Attack", "invade": "Attack",
    "shell": "Attack", "receive": "Visit",
}  # fmt: skip
# lemma -> event type, for nouns
NOUN_TRIGGERS = {
    "meeting": "Meeting", "summit": "Summit", "talk": "Talks", "talks": "Talks", "negotiation": "Talks",
    "session": "Talks", "visit": "Visit", "trip": "Visit", "call": "PhoneCall",
    "conversation": "PhoneCall", "phonecall": "PhoneCall", "announcement": "Announcement",
    "statement": "Statement", "cancellation": "Cancellation", "halt": "Cancellation",
    "postponement": "Cancellation", "agreement": "Agreement", "deal": "Agreement", "treaty": "Agreement",
    "accord": "Agreement", "ceasefire": "Agreement", "sanction": "Sanction", "attack": "Attack",
    "airstrike": "Attack", "request": "Request", "encounter": "Meeting", "meet": "Meeting",
}  # fmt: skip
CAMEO_PLOVER = {
    "Meeting": ("040", "CONSULT"), "Summit": ("043", "CONSULT"), "Talks": ("046", "CONSULT"),
    "Visit": ("042", "CONSULT"), "PhoneCall": ("040", "CONSULT"), "Statement": ("010", "ACCUSE"),
    "Announcement": ("010", None), "Cancellation": ("125", "REJECT"), "Agreement": ("057", "AGREE"),
    "Request": ("020", "DEMAND"), "Sanction": ("163", "SANCTION"), "Attack": ("190", "ASSAULT"),
    "Other": (None, None),
}  # fmt: skip
CANCEL_LEMMAS = {"cancel", "scrap", "postpone", "shelve", "halt", "abandon", "call", "suspend", "drop", "nix"}
PLAN_WORDS = {
    "plan", "planned", "propose", "proposed", "upcoming", "expected", "schedule", "scheduled",
    "intend", "intended", "prepare", "preparatory", "future", "next", "possible", "potential",
    "anticipated", "set", "due", "forthcoming", "likely", "hope", "want", "seek", "invite",
    "arrange", "agree", "promise", "pledge",
}  # fmt: skip
HYPOTHETICAL_MODALS = {"could", "might", "may", "should"}
DENY_LEMMAS = {"deny", "rule", "reject", "dismiss"}
LIGHT_VERBS = {"hold", "have", "make", "pay", "conduct", "host", "stage", "convene", "take"}
GENERIC_PEOPLE = {
    "official", "officials", "spokesman", "spokeswoman", "spokesperson", "aide", "aides", "source",
    "sources", "diplomat", "diplomats", "minister", "ministry", "representative", "representatives",
    "delegation", "envoy", "government", "administration", "office",
}  # fmt: skip
GROUP_WORDS = {"leaders", "sides", "men", "presidents", "countries", "nations", "diplomats", "ministers"}
REPORT_LEMMAS = {"confirm", "say", "announce", "tell", "report", "state", "add", "note", "declare"}
ENCOUNTER = {"Meeting", "Summit", "Talks", "Visit"}


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
            return e
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


def actor_name(e: Entity) -> str:
    """The name an entity takes as an actor: a capital city acting stands for its country."""
    if e.type == "Place":
        country = countries.country_of_capital(e.name)
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


def _participants(ctx: _Ctx, trig: Token, is_verb: bool) -> tuple[list[tuple[str, str]], str]:
    parts: list[tuple[str, str]] = []
    group = ""
    heads = [trig]
    if not is_verb:
        # the verbs that carry a noun: "held a conversation", "a call held on Monday between X and Y"
        heads += [c for c in trig.children if c.dep_ in {"acl", "relcl"} and c.lemma_ in LIGHT_VERBS]
        if trig.dep_ in {"dobj", "attr"} and trig.head.lemma_ in LIGHT_VERBS:
            heads.append(trig.head)
    for h in heads:
        for child in h.children:
            dep = child.dep_
            if dep in {"nsubj", "nsubjpass"} and child.lower_ in GROUP_WORDS:
                group = child.lower_
            if dep == "nsubj" or (dep == "agent" and h is not trig):
                _collect(ctx, child, parts, "agent")
            elif dep == "agent":
                for g in child.children:
                    if g.dep_ == "pobj":
                        _collect(ctx, g, parts, "agent")
            elif dep in {"dobj", "nsubjpass"} and is_verb:
                e = ctx.entity(child)
                if e is not None and e.type == "Place" and trig.lemma_ in {"visit", "travel", "arrive", "tour"}:
                    continue  # "visited Ottawa": where, not whom
                _collect(ctx, child, parts, "patient")
            elif dep in {"poss", "compound", "nmod"} and not is_verb:
                for sub in child.subtree:
                    if sub.dep_ == "prep":
                        break
                    e = ctx.entity(sub)
                    if e is None or (e.type == "Place" and not countries.is_country(e.name)):
                        continue  # "the Budapest summit": where, not who
                    parts.append((actor_name(e), "agent"))
            elif dep == "prep" and child.lower_ in {"with", "between", "among", "to", "for"}:
                if child.lower_ == "to" and is_verb and trig.lemma_ in {"travel", "arrive"}:
                    continue
                for g in child.children:
                    if g.dep_ == "pobj":
                        if g.lower_ in GROUP_WORDS:
                            group = g.lower_
                        _collect(ctx, g, parts, "with")
    if is_verb and trig.dep_ == "xcomp" and not any(p == "agent" for _, p in parts):
        # "X wants to meet Y": the subject of the governing verb
        for child in trig.head.children:
            if child.dep_ == "nsubj":
                _collect(ctx, child, parts, "agent")
    if is_verb and trig.dep_ == "relcl":
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
    else:
        heads += [c for c in trig.children if c.dep_ == "xcomp"]
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
                if child.lower_ == "to" and not (is_verb and trig.lemma_ in {"travel", "arrive", "visit"}):
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
        heads += [c for c in trig.children if c.dep_ in {"acl"}]
        if trig.dep_ in {"dobj", "attr"} and trig.head.lemma_ in LIGHT_VERBS:
            heads.append(trig.head)
    else:
        heads += [c for c in trig.children if c.dep_ == "xcomp"]
    for h in heads:
        for child in h.children:
            if child.dep_ in {"prep", "npadvmod", "advmod", "tmod", "nmod", "compound", "amod"} or (
                child.dep_ == "pobj"
            ):
                for t in child.subtree:
                    tx = ctx.timex_of.get(t.i)
                    if tx is not None and (t.head.i in {child.i, h.i} or t.i == child.i or t.head.head.i == child.i):
                        return tx
    return None


def _status(trig: Token, is_verb: bool, etype: str) -> tuple[str, str | None]:
    """The status of an event from the words around its trigger."""
    # negation on the trigger or a "no plans for X to meet"
    toks = [trig, *trig.ancestors][:5]
    for t in toks:
        if any(c.dep_ == "neg" for c in t.children) and (t is trig or t.dep_ != "ROOT" or t.head is t):
            if t is trig or t.pos_ in {"AUX", "VERB"} and trig.dep_ in {"nsubj", "nsubjpass", "xcomp"}:
                return "negated", None
        if t.pos_ == "NOUN" and any(c.lower_ == "no" and c.dep_ == "det" for c in t.children):
            return "negated", None
        if t is not trig and t.lemma_ in DENY_LEMMAS and trig.dep_ in {"ccomp", "dobj", "xcomp", "pobj"}:
            return "negated", None
    # an event noun that is the object of cancelling: "the summit was called off"
    if etype != "Cancellation":
        head = trig.head
        if trig.dep_ in {"nsubjpass", "dobj", "pobj"}:
            if trig.dep_ == "pobj":
                head = head.head
            if head.lemma_ in CANCEL_LEMMAS and (
                head.lemma_ != "call" or any(c.lower_ == "off" for c in head.children)
            ):
                return "cancelled", None
            if head.lemma_ in {"halt", "cancellation", "postponement"}:
                return "cancelled", None
    # modality and plans
    for t in [trig, *list(trig.ancestors)[:3]]:
        for c in t.children:
            if c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_MODALS:
                return "hypothetical", None
            if c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"}:
                return "hypothetical", None
        if t is not trig and t.lemma_ in {"plan", "propose", "intend", "schedule", "expect", "want", "hope", "seek"}:
            return "planned", None
    if not is_verb:
        for c in trig.children:
            if c.lower_ in PLAN_WORDS or c.lemma_ in PLAN_WORDS:
                return "planned", None
    tense = tense_of(trig)
    if tense == "future":
        return "planned", None
    if not is_verb and not any(c.dep_ in {"acl", "relcl"} for c in trig.children) and not (
        trig.dep_ in {"dobj", "attr"} and trig.head.lemma_ in LIGHT_VERBS
    ):
        return "occurred", "weak"
    return "occurred", None


def _evidence(doc: Doc, trig: Token) -> Span:
    sent = trig.sent
    text = sent.text
    s = sent.start_char + (len(text) - len(text.lstrip()))
    e = sent.end_char - (len(text) - len(text.rstrip()))
    return Span.of(doc.text, s, e)


def _trigger(tok: Token) -> tuple[str, bool] | None:
    """The event type a token triggers, and whether it is a verb."""
    lemma = tok.lemma_.lower()
    if tok.pos_ in {"VERB", "AUX"} or tok.tag_.startswith("VB"):
        if lemma == "call":
            if any(c.lower_ == "off" for c in tok.children):
                return "Cancellation", True
            if any(c.dep_ == "prep" and c.lower_ == "for" for c in tok.children):
                return "Request", True
            if any(c.dep_ == "dobj" for c in tok.children) and not any(c.dep_ in {"oprd", "xcomp"} for c in tok.children):
                return "PhoneCall", True
            return None
        if lemma == "press" and any(c.dep_ == "prep" and c.lower_ == "for" for c in tok.children):
            return "Request", True
        if lemma in {"speak", "talk"}:
            if any(c.lower_ in {"phone", "telephone"} for c in tok.subtree):
                return "PhoneCall", True
            if any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children):
                return "Talks", True
            return None
        if lemma == "hold" and any(c.dep_ == "dobj" and c.lemma_ in {"talk", "talks"} for c in tok.children):
            return None  # the noun carries it
        if lemma in {"arrive", "travel"} and not any(c.dep_ == "prep" and c.lower_ in {"in", "to", "at"} for c in tok.children):
            return None
        if lemma == "receive" and not any(c.dep_ == "dobj" and c.ent_type_ == "PERSON" for c in tok.children):
            return None
        if lemma == "state" and tok.tag_ not in {"VBD", "VBZ", "VBP"}:
            return None
        etype = VERB_TRIGGERS.get(lemma)
        return (etype, True) if etype else None
    if tok.pos_ in {"NOUN", "PROPN"}:
        etype = NOUN_TRIGGERS.get(lemma) or NOUN_TRIGGERS.get(tok.lower_)
        if etype is None:
            return None
        if lemma == "call" and not any(c.lemma_ in {"phone", "telephone"} for c in tok.children):
            # "a call for calm" is a request; "the call" between people is a phone call
            if any(c.dep_ == "prep" and c.lower_ == "for" for c in tok.children):
                return "Request", False
        if lemma == "conversation" and any(c.lower_ in {"in-person", "face"} for c in tok.subtree):
            return "Meeting", False
        if lemma == "session" and not any(c.lemma_ in PLAN_WORDS or c.lower_ in {"negotiating", "joint"} for c in tok.children):
            return None
        if lemma in {"sanction"} and tok.tag_ != "NNS":
            return None
        return etype, False
    return None


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
        parts, group = _participants(ctx, tok, is_verb)
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
            definite=not is_verb and any(c.dep_ in {"det", "poss"} and c.lower_ in {"the", "this", "that", "their", "its", "his", "her"} for c in tok.children),
            group=group,
        )
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
    if is_verb and m.timex is None and tok.dep_ in {"ccomp", "parataxis"} and tok.head.lemma_ in REPORT_LEMMAS:
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


def is_place_name(name: str, entities: Mapping[str, Entity]) -> bool:
    """Whether a participant name is a place (a country or city acting)."""
    e = entities.get(name)
    return (e is not None and e.type == "Place") or places.lookup(name) is not None
