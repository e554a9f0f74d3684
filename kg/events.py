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
    "shell": "Attack", "receive": "Visit", "threaten": "Statement", "ask": "Request", "appeal": "Request",
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
    "consultation": "Talks", "consultations": "Talks", "strike": "Attack", "action": "Attack",
}  # fmt: skip
CAMEO_PLOVER = {
    "Meeting": ("040", "CONSULT"), "Summit": ("044", "CONSULT"), "Talks": ("046", "CONSULT"),
    "Visit": ("042", "CONSULT"), "PhoneCall": ("041", "CONSULT"), "Statement": ("010", None),
    "Announcement": ("010", None), "Cancellation": ("125", "REJECT"), "Agreement": ("057", "AGREE"),
    "Request": ("020", "REQUEST"), "Sanction": ("163", "SANCTION"), "Attack": ("190", "ASSAULT"),
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
# Verbs that make what they govern a possibility, not a plan: "offered to host", "threatened action".
HYPOTHETICAL_LEMMAS = {"offer", "threaten", "suggest", "consider", "float", "raise", "ready", "willing", "open",
                       "prepared", "possible", "mediate"}  # fmt: skip
PLAN_LEMMAS = {"plan", "propose", "intend", "schedule", "expect", "want", "hope", "seek", "due", "set", "agree",
               "prepare", "aim", "arrange", "invite"}  # fmt: skip
# Verbs of motion whose "for <event>" names what the journey is for: "travel to Qatar for talks".
MOTION_LEMMAS = {
    "travel",
    "arrive",
    "come",
    "fly",
    "go",
    "head",
    "visit",
    "host",
    "leave",
    "return",
    "invite",
}
# Nouns of the media a call goes over: "talks by phone".
PHONE_WORDS = {"phone", "telephone", "video", "videoconference", "videolink", "video-link"}
# Verbs that report: a pronoun subject of what they report is usually their own subject.
PRONOUNS_PERSON = {"he", "she", "him", "her"}
PRONOUNS_THING = {"it"}
DENY_LEMMAS = {"deny", "rule", "reject", "dismiss"}
LIGHT_VERBS = {"hold", "have", "make", "pay", "conduct", "host", "stage", "convene", "take", "attend", "impose",
               "reach", "seek", "join", "chair", "expand", "extend", "offer", "propose", "resume", "start",
               "begin", "open", "launch", "strike", "seal", "clinch", "conclude", "sign", "carry"}  # fmt: skip
GENERIC_PEOPLE = {
    "official", "officials", "spokesman", "spokeswoman", "spokesperson", "aide", "aides", "source",
    "sources", "diplomat", "diplomats", "minister", "ministry", "representative", "representatives",
    "delegation", "envoy", "government", "administration", "office",
}  # fmt: skip
GROUP_WORDS = {"leaders", "sides", "men", "presidents", "countries", "nations", "diplomats", "ministers",
               "governments", "they", "them", "both"}  # fmt: skip
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
                city = countries.capital_of(country)
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


def _carriers(trig: Token) -> list[Token]:
    """The verbs that carry an event noun: "held talks", "two hours of talks", "travel ... for talks",
    "said in a statement", "talks due to take place", "the talks go ahead"."""
    out = [c for c in trig.children if c.dep_ in {"acl", "relcl"} and c.lemma_ in LIGHT_VERBS]
    head = trig.head
    if trig.dep_ in {"dobj", "attr"} and head.lemma_ in LIGHT_VERBS | PLAN_LEMMAS | HYPOTHETICAL_LEMMAS:
        out.append(head)  # "held talks", "sought talks", "threatened military action"
    if (
        trig.dep_ == "pobj"
        and head.lower_ == "of"
        and head.head.dep_ in {"dobj", "attr"}
        and head.head.head.lemma_ in LIGHT_VERBS
    ):
        out.append(head.head.head)  # "held more than two hours of talks"
    if trig.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_ in MOTION_LEMMAS | LIGHT_VERBS:
        out.append(head.head)  # "travel to Qatar for talks with X"
    if trig.dep_ == "pobj" and head.lower_ == "in" and head.head.lemma_ in REPORT_LEMMAS:
        out.append(head.head)  # "said in a statement"
    if trig.dep_ in {"nsubj", "nsubjpass"} and head.lemma_ in {
        "take",
        "go",
        "begin",
        "start",
        "resume",
        "open",
    }:
        out.append(head)  # "the talks go ahead", "talks due to take place"
    for c in trig.children:
        if c.dep_ == "amod" and c.lemma_ in PLAN_LEMMAS:
            out += [x for x in c.children if x.dep_ == "xcomp"]  # "talks due to take place in X on Y"
    return out


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


def _status(trig: Token, is_verb: bool, etype: str) -> tuple[str, str | None]:
    """The status of an event from the words around its trigger."""
    # a condition outranks a negation inside it: "if Tehran does not reach a deal"
    for t in [trig, *list(trig.ancestors)[:3]]:
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in t.children):
            return "hypothetical", None
    # negation on the trigger or a "no plans for X to meet"
    toks = [trig, *trig.ancestors][:5]
    for t in toks:
        if (
            any(c.dep_ == "neg" for c in t.children)
            and (t is trig or t.dep_ != "ROOT" or t.head.i == t.i)
            and (t is trig or (t.pos_ in {"AUX", "VERB"} and trig.dep_ in {"nsubj", "nsubjpass", "xcomp"}))
        ):
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
    # modality and plans: "offering to mediate a new round of talks" is four words up, but a
    # relative or adverbial clause ends the climb ("the trip, which had been postponed, ...")
    for t in _clause_chain(trig, 5):
        for c in t.children:
            if c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_MODALS:
                return "hypothetical", None
            if c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"}:
                return "hypothetical", None
        if t is not trig and t.lemma_ in HYPOTHETICAL_LEMMAS:
            return "hypothetical", None  # "offered to host a summit", "threatened military action"
        if t is not trig and t.lemma_ in PLAN_LEMMAS:
            return "planned", None
    if not is_verb:
        for c in trig.children:
            if c.lower_ in PLAN_WORDS or c.lemma_ in PLAN_WORDS:
                return "planned", None
    tense = tense_of(trig)
    simple_past = (
        is_verb and trig.tag_ == "VBD" and not any(c.dep_ in {"aux", "auxpass"} for c in trig.children)
    )
    if tense == "future" and not simple_past:  # "called for a ceasefire" happened, whatever "for" follows
        return "planned", None
    if not is_verb:
        carriers = _carriers(trig)
        if any(tense_of(c) == "future" for c in carriers):
            return "planned", None
        if not carriers and not any(c.dep_ in {"acl", "relcl"} for c in trig.children):
            return "occurred", "weak"
    return "occurred", None


def _evidence(doc: Doc, trig: Token) -> Span:
    sent = trig.sent
    text = sent.text
    s = sent.start_char + (len(text) - len(text.lstrip()))
    e = sent.end_char - (len(text) - len(text.rstrip()))
    return Span.of(doc.text, s, e)


CLAUSE_BOUNDARIES = {"relcl", "advcl", "ccomp", "parataxis"}


def _clause_chain(tok: Token, n: int) -> list[Token]:
    """The token and up to n-1 of its heads, stopping at the head of a subordinate clause."""
    chain = [tok]
    while len(chain) < n and tok.dep_ not in CLAUSE_BOUNDARIES and tok.head.i != tok.i:
        tok = tok.head
        chain.append(tok)
    return chain


def _someone(tok: Token) -> bool:
    """Whether an object names people or a party: a name, an office, "officials", "his counterpart"."""
    from .titles import TITLE_HEADS

    words = (
        GENERIC_PEOPLE | GROUP_WORDS | TITLE_HEADS | {"counterpart", "counterparts", "delegation", "leader"}
    )
    return any(
        t.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} or t.pos_ == "PROPN" or t.lower_ in words
        for t in tok.subtree
    )


def _trigger(tok: Token) -> tuple[str, bool] | None:
    """The event type a token triggers, and whether it is a verb."""
    lemma = tok.lemma_.lower()
    if tok.pos_ in {"VERB", "AUX"} or tok.tag_.startswith("VB"):
        if lemma == "call":
            if any(c.lower_ == "off" for c in tok.children):
                return "Cancellation", True
            if any(c.dep_ == "prep" and c.lower_ in {"for", "on"} for c in tok.children):
                return "Request", True  # "called for a ceasefire", "called on X to"
            calls_to = {
                "thank",
                "congratulate",
                "discuss",
                "express",
                "offer",
                "wish",
                "brief",
                "inform",
                "convey",
                "condole",
            }
            if any(c.dep_ == "dobj" for c in tok.children) and not any(
                c.dep_ == "oprd" or (c.dep_ == "xcomp" and c.lemma_ not in calls_to) for c in tok.children
            ):  # "called X to thank him" is a call; "called X a liar", "called X to resign" are not
                return "PhoneCall", True
            return None
        if lemma == "press" and any(
            (c.dep_ == "prep" and c.lower_ == "for") or c.dep_ == "xcomp" for c in tok.children
        ):
            return "Request", True  # "pressed for missiles", "pressed X to"
        if lemma == "ask" and not any(
            c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "for") for c in tok.children
        ):
            return None  # "asked about X", '"Why?" asked X' are questions; "asked X to" is a request
        if lemma == "host" and (
            (tok.dep_ in {"acl", "relcl"} and _event_noun(tok.head))
            or any(
                _event_noun(g) for c in tok.children if c.dep_ in {"dobj", "prep"} for g in [c, *c.children]
            )
            or any(
                _event_noun(g)
                for c in tok.children
                if c.dep_ == "dobj"
                for p in c.children
                if p.lower_ == "of"
                for g in p.children
            )
        ):
            return (
                None  # "hosted talks", "hosted rounds of talks", "a summit hosted by X": the noun carries it
            )
        if lemma == "meet":
            objs = [c for c in tok.children if c.dep_ == "dobj"]
            if objs and not any(_someone(o) for o in objs):
                return None  # "meet its goals", "meet the deadline": not an encounter
        if lemma == "threaten" and not any(c.dep_ in {"dobj", "xcomp", "ccomp"} for c in tok.children):
            return None
        if lemma in {"speak", "talk"}:
            if any(c.lower_ in PHONE_WORDS for c in tok.subtree):
                return "PhoneCall", True
            if any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children):
                return "Talks", True
            return None
        if lemma == "hold" and any(c.dep_ == "dobj" and c.lemma_ in {"talk", "talks"} for c in tok.children):
            return None  # the noun carries it
        if lemma in {"arrive", "travel"} and not any(
            c.dep_ == "prep" and c.lower_ in {"in", "to", "at"} for c in tok.children
        ):
            return None
        if lemma == "receive" and not any(
            c.dep_ in {"dobj", "nsubjpass"}
            and (c.ent_type_ == "PERSON" or (c.pos_ == "PROPN" and not c.ent_type_))
            for c in tok.children
        ):
            return None
        if lemma == "state" and tok.tag_ not in {"VBD", "VBZ", "VBP"}:
            return None
        etype = VERB_TRIGGERS.get(lemma)
        return (etype, True) if etype else None
    if tok.pos_ in {"NOUN", "PROPN"}:
        etype = NOUN_TRIGGERS.get(lemma) or NOUN_TRIGGERS.get(tok.lower_)
        if etype is None:
            return None
        # "a call for calm" is a request; "the call" between people is a phone call
        if (
            lemma == "call"
            and not any(c.lemma_ in {"phone", "telephone"} for c in tok.children)
            and any(c.dep_ == "prep" and c.lower_ == "for" for c in tok.children)
        ):
            return "Request", False
        if lemma == "conversation" and any(c.lower_ in {"in-person", "face"} for c in tok.subtree):
            return "Meeting", False
        if lemma == "attack" and any(
            c.lower_ in {"heart", "panic", "asthma", "anxiety"} for c in tok.children
        ):
            return None  # a heart attack is not an assault
        if etype in {"Talks", "Meeting"} and _by_phone(tok):
            return "PhoneCall", False  # "talks by phone"
        if lemma in {"action", "strike"} and not any(
            c.lower_ in {"military", "air", "missile", "drone", "retaliatory", "armed"} for c in tok.children
        ):
            return None  # "military action" is an attack; "legal action", a labour strike are not
        if lemma == "session" and not any(
            c.lemma_ in PLAN_WORDS or c.lower_ in {"negotiating", "joint"} for c in tok.children
        ):
            return None
        if lemma in {"sanction"} and tok.tag_ != "NNS":
            return None
        return etype, False
    return None


def _indefinite(tok: Token) -> bool:
    """ "a meeting of X" introduces an event; "a second meeting", "another summit" may refer back."""
    kids = {c.lower_ for c in tok.children}
    mods = {t.lower_ for t in tok.subtree if t.i < tok.i}
    return bool(kids & {"a", "an"}) and not mods & {
        "second",
        "new",
        "another",
        "further",
        "follow",
        "follow-up",
        "third",
    }


def _simultaneous_head(tok: Token) -> Token | None:
    """The word whose time a clause shares: a conjoined verb, a participle, an "as"/"when" clause."""
    if tok.dep_ == "conj":
        return tok.head
    if tok.dep_ == "advcl" and (
        tok.tag_ == "VBG"
        or any(c.dep_ in {"mark", "advmod"} and c.lower_ in {"as", "while", "when"} for c in tok.children)
    ):
        return tok.head
    if tok.dep_ == "relcl" and any(c.lower_ in {"when", "where"} for c in tok.children):
        return tok.head
    return None


def _event_noun(tok: Token) -> bool:
    return tok.pos_ in {"NOUN", "PROPN"} and (
        tok.lemma_.lower() in NOUN_TRIGGERS or tok.lower_ in NOUN_TRIGGERS
    )


def _by_phone(tok: Token) -> bool:
    """Whether a noun's event goes over the phone: "talks by phone", "held talks by telephone"."""
    for h in [tok, *_carriers(tok)]:
        for c in h.children:
            if (
                c.dep_ == "prep"
                and c.lower_ in {"by", "over", "via"}
                and any(g.lower_ in PHONE_WORDS for g in c.children)
            ):
                return True
            if c.dep_ == "compound" and c.lower_ in PHONE_WORDS and h is tok:
                return True
    return False


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


def is_place_name(name: str, entities: Mapping[str, Entity]) -> bool:
    """Whether a participant name is a place (a country or city acting)."""
    e = entities.get(name)
    return (e is not None and e.type == "Place") or places.lookup(name) is not None
