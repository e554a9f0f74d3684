"""Which words are events, and the verbs that carry event nouns.

trigger(token)              -> (event type, is_verb) or None: "met", "summit", "called off", "by phone"
carriers(noun)              -> the verbs that carry an event noun ("held talks", "a call held on Monday")
ordinal(noun)               -> the numeral ordinal it bears ("the 36th summit": "36th"), or None

What status a trigger's context gives it is kg.extract.events.status.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from kg.extract.events.arguments import (
    _call_nearby,
    _called_back,
    _has_object,
    _new_verbs,
    _someone,
    recalled_for,
)
from kg.extract.events.lexicon import (
    HYPOTHETICAL_LEMMAS,
    LIGHT_VERBS,
    MOTION_LEMMAS,
    NOUN_TRIGGERS,
    PHONE_WORDS,
    PLAN_LEMMAS,
    PLAN_WORDS,
    REPORT_LEMMAS,
    VERB_TRIGGERS,
)

# Nouns of a journey someone can be on: "is on a visit to X".
JOURNEYS = {"visit", "tour", "trip", "mission", "journey"}


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
    if trig.dep_ == "dobj" and head.lemma_ in PRESENCE_LEMMAS:
        out.append(head)  # "addressed the summit", "chaired the meeting"
    if trig.dep_ == "pobj" and head.lower_ == "in" and head.head.lemma_ in PARTAKE_LEMMAS:
        out.append(head.head)  # "took part in the summit", "participated in the talks"
    if (
        trig.dep_ == "dobj"
        and head.lemma_ in {"issue", "release", "publish"}
        and NOUN_TRIGGERS.get(trig.lemma_) == "Statement"
    ):
        out.append(head)  # "issued a joint statement on Monday"
    if trig.dep_ == "nsubjpass" and head.lemma_ in PRESENCE_LEMMAS:
        out.append(head)  # "the meeting was attended by X"
    if trig.dep_ == "pobj" and head.lower_ == "on" and head.head.lemma_ == "be" and trig.lemma_ in JOURNEYS:
        out.append(head.head)  # "X is on a three-day tour of Y"
    subject = trig
    if trig.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_ in PART_NOUNS:
        subject = head.head  # "a first round of talks ended on March 24"
    if subject.dep_ in {"nsubj", "nsubjpass"} and subject.head.lemma_ in COURSE_LEMMAS:
        out.append(subject.head)  # "the talks go ahead", "talks due to take place", "the talks ended"
    for c in trig.children:
        if c.dep_ == "amod" and c.lemma_ in PLAN_LEMMAS:
            out += [x for x in c.children if x.dep_ == "xcomp"]  # "talks due to take place in X on Y"
    return out


# Verbs of being present at an event, whose subject takes part in it: "addressed the summit".
PRESENCE_LEMMAS = {"address", "chair", "co-chair", "cochair", "open", "attend", "skip", "boycott", "join",
                   "lead", "host"}  # fmt: skip
# Verbs of taking part "in" an event: "took part in the summit", "participated in the talks".
PARTAKE_LEMMAS = {"take", "participate", "join", "engage", "sit"}
# Verbs of an event's course whose subject is the event: "the talks ended on Friday".
COURSE_LEMMAS = {
    "take",
    "go",
    "begin",
    "start",
    "resume",
    "open",
    "end",
    "conclude",
    "close",
    "finish",
    "continue",
}
# Nouns for a part of an event: "a round of talks", "the start of the summit".
PART_NOUNS = {"round", "start", "opening", "session", "end", "close", "day", "part"}


def _trigger(tok: Token) -> tuple[str, bool] | None:
    """The event type a token triggers, and whether it is a verb."""
    lemma = tok.lemma_.lower()
    if tok.pos_ in {"VERB", "AUX"} or tok.tag_.startswith("VB"):
        if lemma == "call":
            if any(c.lower_ == "off" for c in tok.children):
                return "Cancellation", True
            if _called_back(tok):
                return "Other", True  # a recall: "called back its envoy", "was called home for consultations"
            if any(
                c.dep_ == "prep" and c.lower_ in {"for", "on"} and not _time_phrase(c) for c in tok.children
            ):
                return "Request", True  # "called for a ceasefire", "called on X to" (not "called on Monday")
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
        if lemma in {"speak", "talk", "confer", "consult"}:
            if lemma in {"speak", "talk"} and any(c.lower_ in PHONE_WORDS for c in tok.subtree):
                return "PhoneCall", True
            if any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children):
                return "Talks", True  # "talked with X", "conferred with X"
            if lemma == "consult" and _has_object(tok, person=True) is not None:
                return "Talks", True  # "consulted X"
            subj = [c for c in tok.children if c.dep_ == "nsubj"]
            if lemma != "speak" and any(c.conjuncts for c in subj):
                return "Talks", True  # "X and Y talked on Monday"
            return None
        if lemma == "sit" and any(c.lower_ == "down" for c in tok.children):
            with_someone = any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children)
            return ("Meeting", True) if with_someone else None  # "sat down with X"
        if lemma == "exchange" and any(
            c.dep_ == "dobj" and c.lemma_ in {"view", "opinion", "idea"} for c in tok.children
        ):
            return "Talks", True  # "exchanged views on regional security"
        if lemma == "hold" and any(c.dep_ == "dobj" and c.lemma_ in {"talk", "talks"} for c in tok.children):
            return None  # the noun carries it
        if lemma in {"arrive", "travel"} and not any(
            c.dep_ == "prep" and c.lower_ in {"in", "to", "at"} for c in tok.children
        ):
            return None
        if lemma == "receive" and not any(
            c.dep_ in {"dobj", "nsubjpass"}
            and (c.ent_type_ in {"PERSON", "ORG"} or c.pos_ == "PROPN" or _someone(c))
            and c.lower_ not in {"call", "letter", "message", "invitation", "support", "aid", "award"}
            for c in tok.children
        ):
            return None  # "was received by the prime minister"; not "received a letter"
        if lemma == "state" and tok.tag_ not in {"VBD", "VBZ", "VBP"}:
            return None
        if postponing(tok):
            # "delayed the talks", "the start of the talks was pushed back": a postponement of an event
            put_off = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
            if any(_names_event(c) for c in put_off):
                return "Cancellation", True
            return None
        special = _new_verbs(tok, lemma)
        if special is not False:
            return special
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
        if lemma.startswith("consultation") and recalled_for(tok):
            return None  # "recalled for consultations": the recall is the event
        if lemma == "conversation" and any(c.lower_ in {"in-person", "face"} for c in tok.subtree):
            return "Meeting", False
        if lemma == "conversation" and _call_nearby(tok):
            return "PhoneCall", False  # "an initial conversation ... the presidential call": the same call
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
            c.lemma_ in PLAN_WORDS
            or c.lower_
            in {"negotiating", "joint", "ordinary", "extraordinary", "plenary", "annual", "special"}
            for c in tok.children
        ):
            return None
        if lemma == "session":
            return "Summit", False  # "the 36th ordinary Session of the Assembly"
        if lemma in {"sanction"} and tok.tag_ != "NNS":
            return None
        if lemma == "conference" and any(c.lower_ in {"news", "press"} for c in tok.children):
            return "Statement", False  # "a joint news conference"
        if lemma == "war" and not (
            tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lemma_ == "go"
        ):
            return None  # "went to war" is a happening; "the war in X" is the background of one
        if lemma in {"lunch", "dinner", "breakfast"} and not any(
            c.lower_ in {"working", "official", "state", "business"}
            or (c.dep_ == "prep" and c.lower_ in {"for", "with"} and any(_someone(g) for g in c.children))
            for c in tok.children
        ):
            return None  # "a working lunch", "a dinner for the visiting president"; not "lunch was served"
        if lemma == "call" and (
            any(c.lower_ == "courtesy" for c in tok.children)
            or (tok.head.lemma_ == "pay" and tok.dep_ == "dobj")
        ):
            return "Meeting", False  # "paid a courtesy call on the president": a visit in person
        if lemma == "audience" and not any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children):
            return None  # "an audience with the Pope"; not "the audience applauded"
        return etype, False
    return None


def _time_phrase(prep: Token) -> bool:
    """Whether a prepositional phrase gives a time: "on Monday", "for two hours"."""
    return any(g.dep_ == "pobj" and g.ent_type_ in {"DATE", "TIME"} for g in prep.children)


# Verbs that put an event off, and the particles that make a phrasal verb mean it ("push back", "put off").
POSTPONE_LEMMAS = {"delay", "defer", "reschedule"}
PHRASAL_POSTPONE = {"push": "back", "put": "off", "move": "back"}


def postponing(tok: Token) -> bool:
    """Whether a verb puts something off: "delayed", "deferred", "pushed back", "put off"."""
    lemma = tok.lemma_.lower()
    return lemma in POSTPONE_LEMMAS or (
        lemma in PHRASAL_POSTPONE
        and any(c.dep_ in {"prt", "advmod"} and c.lower_ == PHRASAL_POSTPONE[lemma] for c in tok.children)
    )


# Two-word prepositions the parser splits, by their second word and their first: "ahead of", "prior to".
COMPOUND_PREPOSITIONS = {("of", "ahead"), ("to", "prior")}


def compound_preposition(prep: Token) -> Token:
    """The first word of a two-word preposition ("ahead" of "ahead of", "prior" of "prior to"), which
    the parser hangs on the verb; any other preposition itself."""
    return prep.head if (prep.lower_, prep.head.lower_) in COMPOUND_PREPOSITIONS else prep


def determiners(tok: Token) -> list[Token]:
    """The determiners and possessives of a noun, also where the parser hangs them on a compound
    before it: "the mini-summit" is parsed "the" <- "mini" <- "summit"."""
    near = [tok, *(c for c in tok.children if c.dep_ == "compound" and c.i < tok.i)]
    return [c for t in near for c in t.children if c.dep_ in {"det", "poss"}]


def _indefinite(tok: Token) -> bool:
    """ "a meeting of X" introduces an event; "a second meeting", "another summit" may refer back."""
    kids = {c.lower_ for c in determiners(tok)} | {c.lower_ for c in tok.children}
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


def _names_event(tok: Token, depth: int = 3) -> bool:
    """Whether a noun is an event or a part of one: "the talks", "the start of a new round of talks"."""
    if _event_noun(tok):
        return True
    return depth > 0 and any(
        _names_event(g, depth - 1)
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children
        if g.dep_ == "pobj"
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


trigger = _trigger
carriers = _carriers


_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


def ordinal(tok: Token) -> str | None:
    """The numeral ordinal an event noun bears ("the 36th summit": "36th"), or None."""
    for c in tok.children:
        if c.dep_ in {"amod", "nummod", "compound"} and c.i < tok.i and _ORDINAL.fullmatch(c.lower_):
            return c.lower_
    return None
