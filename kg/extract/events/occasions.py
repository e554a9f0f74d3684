"""Dates from the article around an event, the last levels of `when`'s back-off.

    from_dateline   "RIGA, May 6 (Reuters) - X met Y": the dateline's day, for what its sentence says occurred
    continued       "X arrived on Monday. ... X was received by Y": a dated occasion of the same people
                    told a few sentences before
    upcoming        "X is to visit Y this week ... X would sign agreements": the one dated occasion ahead
                    of the same people, anywhere in the article
    purposes        "arrived on Monday to attend the summit": the journey's date is not the occasion's

Each works on `EventMention`s after coreference and only fills a date that is missing (`purposes`
takes away one that belongs to the journey).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from kg.extract.events.lexicon import MOTION_LEMMAS
from kg.extract.nlp import text_of
from kg.model import Timex


def timex_root(doc: Doc, tx: Timex) -> Token | None:
    """The syntactic head of a time expression's words."""
    span = doc.char_span(tx.span.start, tx.span.end, alignment_mode="expand")
    return None if span is None else span.root


# Kinds of happening that make an occasion whose parts share its date.
OCCASION_CLASSES = {"encounter", "PhoneCall"}
# How many sentences back an occasion may be for an undated part of it: a report of an arrival goes on
# to who received the visitor and what they proposed a few sentences later.
OCCASION_REACH = 4
# How many sentences back a dated meeting or call may be for an undated statement of one of its
# people: what X told Y in the call is told in the next sentence.
STATEMENT_REACH = 1
# Adverbs that put an act at another time than the occasion told before it.
ELSEWHEN = {"later", "earlier", "afterwards", "afterward", "previously", "subsequently", "since"}


# Conjunctions of a clause told at another time than the one it hangs on: "days after X hosted Y".
ELSEWHEN_MARKS = {"after", "before", "since", "until", "till", "once"}


def _elsewhen(trig: Token) -> bool:
    """Whether the trigger's own words put it at another time than the occasion told around it."""
    if any(c.lower_ in ELSEWHEN for c in trig.children):
        return True
    return any(c.dep_ == "mark" and c.lower_ in ELSEWHEN_MARKS for c in trig.children)


def continued(doc: Doc, events: Sequence) -> None:
    """An undated act told right after a dated occasion of the same people is part of it: "X arrived on
    Monday. On arrival X was received by Y"; "X and Y spoke by phone on Wednesday. X invited Y to visit"."""
    sentences = {s.start: n for n, s in enumerate(doc.sents)}
    order = sorted(events, key=lambda e: e.trigger.i)
    for n, e in enumerate(order):
        if e.timex is not None or not e.participants:
            continue
        here = sentences.get(e.trigger.sent.start, 0)
        if _elsewhen(e.trigger):
            continue  # "X later described it as warm": a time of its own, after the occasion
        reach = STATEMENT_REACH if e.cls == "statement" else OCCASION_REACH
        for o in reversed(order[:n]):
            there = sentences.get(o.trigger.sent.start, 0)
            if here - there > reach:
                break
            if (
                o.timex is not None
                and o.cls in OCCASION_CLASSES
                and set(o.participants) & set(e.participants)
                and (o.status == e.status or {o.status, e.status} <= {"planned", "hypothetical"})
            ):
                e.timex = o.timex
                break


# Statuses of what is yet to happen: an article tells one upcoming occasion of the same people.
AHEAD = {"planned", "hypothetical"}


def upcoming(events: Sequence) -> None:
    """An undated act yet to happen takes the date of the one dated occasion ahead of its people:
    "X is to visit Y this week ... X would sign agreements with Y" -- anywhere in the article, as long
    as every dated occasion ahead that shares a participant has the same date."""
    hosts = [
        o
        for o in events
        if o.timex is not None and o.cls in OCCASION_CLASSES and o.status in AHEAD and o.participants
    ]
    for e in events:
        if e.timex is not None or e.status not in AHEAD or not e.participants:
            continue
        if _elsewhen(e.trigger):
            continue
        dates = {
            o.timex.value: o.timex for o in hosts if o is not e and set(o.participants) & set(e.participants)
        }
        if len(dates) == 1:
            e.timex = next(iter(dates.values()))


# Verbs that make an occasion the purpose of a journey: "arrived ... to attend the summit".
ATTEND_LEMMAS = {"attend", "take", "participate", "join"}


def _journey(trig: Token) -> Token | None:
    """The verb of motion whose purpose the event is: "arrived in X on Monday to attend the summit"."""
    t = trig
    for _ in range(3):
        t = t.head
        if (
            t.lemma_ in ATTEND_LEMMAS
            and t.dep_ in {"advcl", "xcomp"}
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
        ):
            return t.head if t.head.lemma_ in MOTION_LEMMAS else None
        if t.dep_ not in {"dobj", "pobj", "prep"}:
            return None
    return None


def purposes(events: Sequence, published: dt.date | None) -> None:
    """An occasion someone travels to attend is ahead of the journey: the journey's date is not its
    date, and when the journey is the day's news the occasion is still to come."""
    for e in events:
        if e.cls == "statement" or e.type == "Visit":
            continue
        motion = _journey(e.trigger)
        if motion is None:
            continue
        tx = e.timex
        if tx is None:
            continue
        root = timex_root(e.trigger.doc, tx)
        if root is None or e.trigger.is_ancestor(root) or not motion.is_ancestor(root):
            continue  # a date of the occasion's own ("the summit on Friday") stays
        e.timex = None
        if (
            e.status == "occurred"
            and published is not None
            and tx.latest is not None
            and tx.latest >= published - dt.timedelta(days=1)
        ):
            e.status = "planned"


# What may stand before a dateline's date (the city) and after it (the agency, then a dash or colon;
# or the blank the furniture cleaner leaves where it took out an agency credit "(Reuters) -").
DATELINE_BEFORE = re.compile(r"^[A-Z][\w .'’-]{0,40},\s*$|^\s*$")
DATELINE_AFTER = re.compile(r"^,?\s*(?:\([^)]{1,40}\))?\s*(?:[-–—:]|\s{3,}\S)")


def dateline(doc: Doc, timexes: Sequence[Timex]) -> Timex | None:
    """The day of a dateline opening a sentence: "RIGA, May 6 (Reuters) - ...", "May 6, 2024 — ..."."""
    text = text_of(doc)  # spaCy's Doc.text joins every token again on each call
    for tx in timexes:
        if tx.type != "DATE" or not tx.value or len(tx.value) != 10:
            continue
        root = timex_root(doc, tx)
        if root is None:
            continue
        sent = root.sent
        before = text[sent.start_char : tx.span.start]
        after = text[tx.span.end : min(sent.end_char, tx.span.end + 50)]
        if DATELINE_BEFORE.match(before) and DATELINE_AFTER.match(after):
            return tx
    return None


def from_dateline(doc: Doc, events: Sequence, timexes: Sequence[Timex]) -> None:
    """An undated act that occurred, told in the sentence a dateline opens, happened on its day."""
    tx = dateline(doc, timexes)
    if tx is None:
        return
    start = timex_root(doc, tx).sent.start
    for e in events:
        if (
            e.timex is None
            and e.status == "occurred"
            and e.cls != "statement"
            and e.trigger.sent.start == start
            and not _elsewhen(e.trigger)
            and not any(t.dep_ == "relcl" for t in [e.trigger, *e.trigger.ancestors])
        ):  # "X, who met Y years ago, ...": a relative clause tells the background
            e.timex = tx
