"""Dates from the article around an event, the last levels of `when`'s back-off.

    from_dateline   "RIGA, May 6 (Reuters) - X met Y": the dateline's day, for what its sentence says occurred
    continued       "X arrived on Monday. ... X was received by Y": a dated occasion of the same people
                    told a few sentences before
    upcoming        "X is to visit Y this week ... X would sign agreements": the one dated occasion ahead
                    of the same people, anywhere in the article
    purposes        "arrived on Monday to attend the summit": the journey's date is not the occasion's
    news_peg        "X met Y on Friday. ... X urged Y to ...": what was said, asked or announced in a
                    report of the day's news, with no time of its own, was said on the news's day

Each works on `EventMention`s after coreference and only fills a date that is missing (`purposes`
takes away one that belongs to the journey).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from kg.extract.events.arguments import prompted_by
from kg.extract.events.lexicon import MOTION_LEMMAS, SPEECH_LEMMAS
from kg.extract.events.triggers import compound_preposition
from kg.extract.nlp import text_of
from kg.model import Span, Timex


def timex_root(doc: Doc, tx: Timex) -> Token | None:
    """The syntactic head of a time expression's words."""
    span = doc.char_span(tx.span.start, tx.span.end, alignment_mode="expand")
    return None if span is None else span.root


# Nouns of occasions whose date their parts share: "during the visit", "at the meeting".
OCCASION_NOUNS = {"visit", "trip", "tour", "meeting", "talks", "talk", "summit", "call", "conversation",
                  "conference", "session", "negotiations", "discussion", "discussions", "lunch", "dinner",
                  "arrival"}  # fmt: skip
OCCASION_PREPOSITIONS = {"during", "at", "in", "on", "throughout", "upon", "after"}


def occasion_of(trig: Token) -> Token | None:
    """The occasion noun an event is told as part of: "During the visit, X held talks" -> "visit"."""
    for t in [trig, *list(trig.ancestors)[:4]]:
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in OCCASION_PREPOSITIONS:
                for g in c.children:
                    if g.dep_ == "pobj" and g.lemma_.lower() in OCCASION_NOUNS and g.i != trig.i:
                        return g
    return None


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


# Words opening a sentence that tell what happened on the day just told: "Meanwhile, X was welcomed
# by Y"; "Later, X spoke with Z" (a report's "later" with no time of its own is later that day).
SAME_DAY_OPENERS = {"meanwhile", "later", "afterwards", "afterward"}


def _same_day_link(trig: Token) -> bool:
    """Whether the trigger's sentence opens with a word that ties it to the day told before it."""
    first = next((t for t in trig.sent if not t.is_space and not t.is_punct), None)
    if first is None or first.lower_ not in SAME_DAY_OPENERS:
        return False
    nxt = first.nbor(1) if first.i + 1 < len(trig.doc) else None
    return nxt is not None and (nxt.is_punct or first.lower_ == "meanwhile")  # "Later," not "Later this week"


def continued(doc: Doc, events: Sequence) -> None:
    """An undated act told right after a dated occasion of the same people is part of it: "X arrived on
    Monday. On arrival X was received by Y"; "X and Y spoke by phone on Wednesday. X invited Y to visit"."""
    sentences = {s.start: n for n, s in enumerate(doc.sents)}
    order = sorted(events, key=lambda e: e.trigger.i)
    for n, e in enumerate(order):
        if e.timex is not None or not e.participants:
            continue
        here = sentences.get(e.trigger.sent.start, 0)
        same_day = _same_day_link(e.trigger) and e.status == "occurred"
        if _elsewhen(e.trigger) and not same_day:
            continue  # "X later described it as warm": a time of its own, after the occasion
        reach = STATEMENT_REACH if e.cls == "statement" else OCCASION_REACH
        for o in reversed(order[:n]):
            there = sentences.get(o.trigger.sent.start, 0)
            if here - there > reach:
                break
            if (
                o.timex is not None
                and o.cls in OCCASION_CLASSES
                and (same_day or set(o.participants) & set(e.participants))
                and (o.status == e.status or {o.status, e.status} <= {"planned", "hypothetical"})
                and (not same_day or o.timex.one_day)
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


# The anchor of the stand-in time of a report whose opening dates no news (not a phrase of the text).
PUBLICATION_DAY = "publication day"
# Kinds of act a report tells as part of the day's news when it gives them no time of their own.
SPEECH_TYPES = {"Statement", "Announcement", "Request"}
# How many sentences of the body open the report: the news (the "peg") is told there.
PEG_SENTENCES = 3
# How long before publication the peg may be: a report tells the news of the last few days.
PEG_DAYS = 3
# Conjunctions of a clause that puts the act at another time than the clause it hangs on.
OTHERWHEN_MARKS = ELSEWHEN_MARKS | {"when", "as", "while"}


def _opening(doc: Doc, events: Sequence) -> list[int]:
    """The starts of the report's opening sentences: the first that tell an event (blank lines and
    credits before the lede do not count)."""
    told = {m.trigger.sent.start for e in events for m in [e, *e.mentions]}
    return [s.start for s in doc.sents if s.start in told][:PEG_SENTENCES]


def peg(events: Sequence, opening: Sequence[int], published: dt.date) -> Timex | None:
    """The day of the news a report is about: the first dated act that occurred, told in the report's
    opening sentences (`opening`, their starts), on a day of the few before publication."""
    for e in sorted(events, key=lambda e: e.trigger.i):
        tx = e.timex
        if e.trigger.sent.start not in opening:
            continue
        if (
            e.status == "occurred"
            and tx is not None
            and tx.one_day
            and published - dt.timedelta(days=PEG_DAYS) <= tx.earliest <= published
        ):
            return tx
    return None


def _earlier_form(trig: Token) -> bool:
    """Whether the act is told as before another past ("had said") or in a clause of its own time."""
    auxes = [c.lower_ for c in trig.children if c.dep_ in {"aux", "auxpass"}]
    if "had" in auxes or "'d" in auxes:
        return True
    for t in [trig, *list(trig.ancestors)[:3]]:
        if any(c.dep_ in {"mark", "advmod"} and c.lower_ in OTHERWHEN_MARKS for c in t.children):
            return True
        if t.dep_ in {"relcl", "acl"}:
            return True
    return False


def news_peg(doc: Doc, events: Sequence, published: dt.date | None, headline: Span | None = None) -> None:
    """An undated statement, request or announcement that occurred, told plainly in a report whose
    news is dated, was made on the news's day: "ECOWAS decided on Friday ... It urged the army to ...".
    So was any act only the headline tells: a headline's present is the news of the report. In a
    report whose opening dates no act done, what was said is of the day of publication."""
    if published is None:
        return
    opening = _opening(doc, events)
    tx = peg(events, opening, published)
    stand_in = tx is None and not any(
        e.timex is not None
        and e.status == "occurred"
        and e.trigger.sent.start in opening
        and not _said_within(e.trigger)  # what is said tells of a past act; the saying is the news
        for e in events
    )  # an opening that dates no act done: what the report says was said is of its own day
    if stand_in:
        tx = Timex(
            Span(0, 0, ""), published.isoformat(), "DATE", published, published, anchor=PUBLICATION_DAY
        )
    if tx is None:
        return
    for e in events:
        if (
            e.timex is None
            and e.status == "occurred"
            and (e.type in SPEECH_TYPES or (_headline_only(e, headline) and not stand_in))
            and not (stand_in and any(prompted_by(m.trigger) for m in [e, *e.mentions]))
            and not _elsewhen(e.trigger)
            and not _earlier_form(e.trigger)
            and not _told_with_another_time(e, events, tx)
        ):
            e.timex = tx
            if stand_in:
                e.dated_by = "published"


def _headline_only(e, headline: Span | None) -> bool:
    """Whether every mention of the event is in the headline."""
    return headline is not None and all(m.inside(headline) for m in [e, *e.mentions])


def _told_with_another_time(e, events: Sequence, tx: Timex) -> bool:
    """Whether the act is told with, or as part of, another happening not of the news's day: "the
    readout of Monday's call said", "during their meeting [days before], X asked for"."""
    first = min([e, *e.mentions], key=lambda m: m.trigger.i)  # where the act is first told
    sents = {first.trigger.sent.start}
    if occasion_of(first.trigger) is not None:
        return True
    for o in events:
        if o is e or o.status != "occurred" or o.timex is None or o.timex.value == tx.value:
            continue  # an undated act beside it may well be of the same day
        if any(m.trigger.sent.start in sents and not _said_within(m.trigger) for m in [o, *o.mentions]):
            return True
    return False


def _said_within(t: Token) -> bool:
    """Whether an act is told inside what a verb of saying reports ("made the remark, noting that X
    invited Y in February"): what is said tells of it, it is not the saying's occasion."""
    return any(a.dep_ == "ccomp" and a.head.lemma_ in SPEECH_LEMMAS for a in [t, *t.ancestors])


# Prepositions that tell an event's occasion or its time beside another event, not the event itself:
# "met on the sidelines of the summit", "talks during the visit", "met ahead of the summit".
BESIDE_PREPOSITIONS = {
    "during", "at", "on", "in", "after", "before", "ahead", "prior", "amid", "following", "since"
}  # fmt: skip


def _time_clause_of(t, other) -> bool:
    """Whether token t sits in a "before"/"after" clause that hangs on the verb of `other`: "the
    mini-summit will come three weeks before the Union holds its annual summit"."""
    verb = t.head if t.dep_ in {"dobj", "nsubjpass", "nsubj"} else t
    if verb.dep_ != "advcl" or not any(
        c.dep_ == "mark" and c.lower_ in {"before", "after"} for c in verb.children
    ):
        return False
    main = verb.head
    return other.i == main.i or other.head.i == main.i


def beside(a, b) -> bool:
    """Whether one event is told as the occasion or the time of the other: "X met Y on the sidelines
    of the summit" tells a meeting and a summit, two events. "Said in a statement" is one act: a
    statement is not the occasion of a saying."""
    for x, y in ((a, b), (b, a)):
        if x.cls == y.cls == "statement" and any(
            my.trigger.dep_ == "pobj"
            and my.trigger.head.lower_ == "in"
            and my.trigger.head.head.i == mx.trigger.i
            for mx in x.mentions or [x]
            for my in y.mentions or [y]
        ):
            return False
    for x, y in ((a, b), (b, a)):
        for mx in x.mentions or [x]:
            for my in y.mentions or [y]:
                t = my.trigger
                if _time_clause_of(t, mx.trigger):
                    return True
                for _ in range(4):  # up from the noun: "summit" <- of <- "sidelines" <- on <- "met"
                    if t.dep_ != "pobj" or t.head.dep_ != "prep":
                        break
                    prep = t.head
                    prep = compound_preposition(prep)  # "met ahead of the summit"
                    if prep.head.i == mx.trigger.i:
                        if prep.lower_ in BESIDE_PREPOSITIONS:
                            return True
                        break
                    if prep.lower_ != "of":
                        break
                    t = prep.head
    return False
