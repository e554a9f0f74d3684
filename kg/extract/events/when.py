"""When an event happened: the time expressions that may date it, ranked, with back-off.

Candidates come in levels, tried in order; the first level with a candidate decides:

1. the clause: a time expression hanging on the trigger, its light verb or participle ("met on
   Monday", "talks held on Monday", "a visit scheduled for May") — read by `clause_time`;
2. the sentence: any other date of the trigger's sentence, scored by the length of the path
   between them in the parse, with a penalty when its tense disagrees with the event's status
   (a past date for a planned event, a future date for one that occurred) and when another event
   of the sentence is nearer to it; spans the event sits in ("since 2015", "for two days",
   "until January") and dates that another verb of saying or announcing owns (an
   announcement's time is not the time of what it announces) are not candidates;
3. the occasion: an event told as part of a dated one ("during the visit", "at the meeting",
   "in the call", a pledge made at a summit) takes the occasion's date (`occasion_dates`).

A statement is dated by its own clause only: "X said" with no time of its own stays undated.
The weights were set on TimeBank and checked on AQUAINT (bench/timeml.py): event-time links of
TimeML, the public record of which expression dates which event.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Token

from kg.extract.events.lexicon import MOTION_LEMMAS
from kg.model import Timex

# The longest parse path between an event and a date of its sentence that still dates it.
MAX_PATH = 7
# Added to the path length of a date whose tense disagrees with the event's status.
TENSE_PENALTY = 3
# Added when another event of the sentence is nearer to the date than this one.
OWNED_PENALTY = 0
# Prepositions that give a span an event sits in, or a deadline, not its time.
SPAN_PREPOSITIONS = {"since", "until", "till", "for", "over", "within", "through", "throughout", "by", "from"}
# Verbs whose time is their own: the time of saying or announcing is not the time of what is said.
OWN_TIME = {"say", "tell", "announce", "report", "add", "confirm", "state", "write", "tweet", "reveal"}
# Nouns of occasions whose date their parts share: "during the visit", "at the meeting".
OCCASION_NOUNS = {"visit", "trip", "tour", "meeting", "talks", "talk", "summit", "call", "conversation",
                  "conference", "session", "negotiations", "discussion", "discussions", "lunch", "dinner",
                  "arrival"}  # fmt: skip
OCCASION_PREPOSITIONS = {"during", "at", "in", "on", "throughout", "upon", "after"}


def _root(doc: Doc, tx: Timex) -> Token | None:
    span = doc.char_span(tx.span.start, tx.span.end, alignment_mode="expand")
    return None if span is None else span.root


def _path(a: Token, b: Token) -> int:
    """The number of arcs between two tokens of one sentence in the dependency tree."""
    up_a = [a, *a.ancestors]
    index = {t.i: n for n, t in enumerate(up_a)}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in index:
            return n + index[t.i]
    return 99


def _span_time(root: Token) -> bool:
    """Whether a date is the bound of a span ("since 2015", "until January") rather than a time."""
    head = root.head
    return root.dep_ == "pobj" and head.lower_ in SPAN_PREPOSITIONS


def _owner(root: Token) -> Token | None:
    """The verb a date hangs on."""
    for t in [root, *root.ancestors]:
        if t.pos_ in {"VERB", "AUX"} and t is not root:
            return t
    return None


SUBORDINATE = {"advcl", "relcl", "ccomp", "acl", "csubj"}


def _other_clause(root: Token, trig: Token) -> bool:
    """Whether a date sits in a subordinate clause that does not hold the trigger: it dates that clause."""
    for t in [root, *root.ancestors]:
        if t.dep_ in SUBORDINATE and t.pos_ in {"VERB", "AUX"}:
            if any(c.dep_ in {"mark", "advmod"} and c.lower_ in {"when", "as", "while"} for c in t.children):
                return False  # "invited X when they held phone talks in February": the same time
            if t.dep_ == "acl" and t.head in _noun_group(trig):
                return (
                    False  # "the talks held in March", "a round of talks ended on March 24": the event's own
                )
            return trig.i != t.i and t not in [trig, *trig.ancestors]
    return False


def _noun_group(trig: Token) -> list[Token]:
    """An event noun and the noun it names a part of: "talks" in "a first round of talks"."""
    group = [trig]
    if trig.dep_ == "pobj" and trig.head.lower_ == "of" and trig.head.head.pos_ == "NOUN":
        group.append(trig.head.head)
    return group


def _reported(trig: Token, verb: Token) -> bool:
    """Whether the trigger is the verb's object or inside the clause it reports."""
    if trig.head.i == verb.i:
        return True
    for t in trig.ancestors:
        if t.head.i == verb.i:
            return t.dep_ in {"ccomp", "parataxis"}
    return False


def _told_as_past(trig: Token) -> bool:
    """Whether a verb trigger is told in the past ("called", "has called"): a later date is not its own."""
    if trig.pos_ not in {"VERB", "AUX"}:
        return False
    auxes = [c.lemma_ for c in trig.children if c.dep_ in {"aux", "auxpass"}]
    # the verb's own form, not its clause's plan ("has called for a meeting on Friday" is done)
    return (trig.tag_ == "VBD" and not auxes) or (trig.tag_ == "VBN" and auxes == ["have"])


def _tense_clash(tx: Timex, status: str, published: dt.date | None) -> bool:
    if published is None or tx.earliest is None or tx.latest is None:
        return False
    if status == "planned":
        return tx.latest < published
    if status == "occurred":
        return tx.earliest > published
    return False


def sentence_time(
    doc: Doc,
    trig: Token,
    timexes: Sequence[Timex],
    *,
    status: str = "occurred",
    published: dt.date | None = None,
    others: Sequence[Token] = (),
) -> Timex | None:
    """The best date of the trigger's sentence for it, or None when none is close enough."""
    sent = trig.sent
    best: tuple[int, Timex] | None = None
    for tx in timexes:
        if tx.type != "DATE" or not tx.value or not tx.value[:1].isdigit():
            continue
        if not (sent.start_char <= tx.span.start < sent.end_char):
            continue
        root = _root(doc, tx)
        if root is None or _span_time(root):
            continue
        if root.head.pos_ in {"NOUN", "PROPN"} and root.head.i != trig.i and root.dep_ != "pobj":
            continue  # "the election last year": the date of another happening, named by its noun
        if _other_clause(root, trig):
            continue  # "since Xi assumed the presidency in March": March is the assuming's
        owner = _owner(root)
        if owner is not None and owner.lemma_ in OWN_TIME and owner.i != trig.i and trig not in owner.subtree:
            continue  # "the visit, announced on Monday": Monday is the announcement's
        if owner is not None and owner.lemma_ in OWN_TIME and owner.i != trig.i and _reported(trig, owner):
            continue  # "X said on Monday that the talks would go ahead": Monday is the saying's
        score = _path(trig, root)
        if _tense_clash(tx, status, published):
            score += TENSE_PENALTY
        if any(_path(o, root) < _path(trig, root) for o in others if o.i != trig.i):
            score += OWNED_PENALTY
        if score <= MAX_PATH and (best is None or score < best[0]):
            best = (score, tx)
    return None if best is None else best[1]


def occasion_of(trig: Token) -> Token | None:
    """The occasion noun an event is told as part of: "During the visit, X held talks" -> "visit"."""
    for t in [trig, *list(trig.ancestors)[:4]]:
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in OCCASION_PREPOSITIONS:
                for g in c.children:
                    if g.dep_ == "pobj" and g.lemma_.lower() in OCCASION_NOUNS and g.i != trig.i:
                        return g
    return None


def occasion_dates(
    events: Sequence,
    *,
    date_of: Callable[[object], Timex | None],
    set_date: Callable[[object, Timex], None],
    trigger_tokens: Callable[[object], Sequence[Token]],
) -> None:
    """Undated events told as part of a dated occasion take its date ("during the visit, ...")."""
    by_token = {}
    for e in events:
        for t in trigger_tokens(e):
            by_token[t.i] = e
    for e in events:
        if date_of(e) is not None:
            continue
        for t in trigger_tokens(e):
            occ = occasion_of(t)
            host = by_token.get(occ.i) if occ is not None else None
            if host is not None and host is not e and date_of(host) is not None:
                set_date(e, date_of(host))
                break


def date_events(doc: Doc, events: Sequence, timexes: Sequence[Timex], published: dt.date | None) -> None:
    """Date the merged events the clause left undated: the sentence (back-off 2), then the occasion (3).

    `events` are `EventMention`s after coreference; each keeps the mentions it absorbed, and any
    of them may carry the sentence that dates it. A date after publication makes an occurred
    event planned: "are meeting on Wednesday" in a Monday paper.
    """
    triggers = [m.trigger for e in events for m in e.mentions]
    for e in events:
        if e.timex is not None or e.cls == "statement":
            continue
        for m in e.mentions:
            tx = sentence_time(doc, m.trigger, timexes, status=e.status, published=published, others=triggers)
            if tx is not None:
                e.timex = tx
                break

    def set_date(e, tx: Timex) -> None:
        e.timex = tx

    occasion_dates(
        events,
        date_of=lambda e: e.timex,
        set_date=set_date,
        trigger_tokens=lambda e: [m.trigger for m in e.mentions],
    )
    _from_dateline(doc, events, timexes)
    _continued(doc, events)
    _upcoming(events)
    _purposes(events, published)
    for e in events:
        tx = e.timex
        if (
            e.status == "occurred"
            and published is not None
            and tx is not None
            and tx.earliest is not None
            and tx.earliest > published
        ):
            if all(_told_as_past(m.trigger) for m in e.mentions):
                e.timex = (
                    None  # "has called for a meeting on Friday": Friday is the meeting's, the call is done
                )
            else:
                e.status = "planned"


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


def _continued(doc: Doc, events: Sequence) -> None:
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


def _upcoming(events: Sequence) -> None:
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


def _purposes(events: Sequence, published: dt.date | None) -> None:
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
        root = _root(e.trigger.doc, tx)
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
    for tx in timexes:
        if tx.type != "DATE" or not tx.value or len(tx.value) != 10:
            continue
        token = doc.char_span(tx.span.start, tx.span.end, alignment_mode="expand")
        if token is None:
            continue
        sent = token[0].sent
        before = doc.text[sent.start_char : tx.span.start]
        after = doc.text[tx.span.end : min(sent.end_char, tx.span.end + 50)]
        if DATELINE_BEFORE.match(before) and DATELINE_AFTER.match(after):
            return tx
    return None


def _from_dateline(doc: Doc, events: Sequence, timexes: Sequence[Timex]) -> None:
    """An undated act that occurred, told in the sentence a dateline opens, happened on its day."""
    tx = dateline(doc, timexes)
    if tx is None:
        return
    start = doc.char_span(tx.span.start, tx.span.end, alignment_mode="expand")[0].sent.start
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
