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
   "in the call", a pledge made at a summit) takes the occasion's date (`occasion_dates`);
4. the article around it (`kg.extract.events.occasions`): the dateline of its sentence, a dated
   occasion of its people told a few sentences before, the one dated occasion ahead of its people;
   last, for what was said, asked or announced, the day of the news the report opens with.

A statement is not dated by the other dates of its sentence (what it says has its own times); with
no time of its own it takes a dated occasion of its people just before, or the news's day.
The weights were set on TimeBank and checked on AQUAINT (bench/timeml.py): event-time links of
TimeML, the public record of which expression dates which event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Token

from kg.extract.events import occasions, offsets
from kg.extract.events.arguments import prompted_by
from kg.extract.events.occasions import occasion_of
from kg.extract.events.occasions import timex_root as _root
from kg.model import Span, Timex

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


def _path(a: Token, b: Token) -> int:
    """The number of arcs between two tokens of one sentence in the dependency tree."""
    up_a = [a, *a.ancestors]
    index = {t.i: n for n, t in enumerate(up_a)}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in index:
            return n + index[t.i]
    return 99


def _span_time(root: Token, tx: Timex | None = None) -> bool:
    """Whether a date is the bound of a span ("since 2015", "until January") rather than a time; "from
    March 20-21" gives a whole range, the time of what happens over it."""
    head = root.head
    if tx is not None and head.lower_ == "from" and _whole_range(tx):
        return False
    return root.dep_ == "pobj" and head.lower_ in SPAN_PREPOSITIONS


def _whole_range(tx: Timex) -> bool:
    """Whether a time expression names a range of days with both its ends ("March 20-21")."""
    return (
        tx.earliest is not None
        and tx.latest is not None
        and tx.earliest < tx.latest
        and len(tx.value or "") == 10
    )


def _owner(root: Token) -> Token | None:
    """The verb a date hangs on."""
    for t in [root, *root.ancestors]:
        if t.pos_ in {"VERB", "AUX"} and t is not root:
            return t
    return None


SUBORDINATE = {"advcl", "relcl", "ccomp", "acl", "csubj"}
# Prepositions whose gerund clause has a time of its own: "since becoming premier in March".
GERUND_TIME_PREPOSITIONS = {"since", "after", "before", "until", "following", "upon", "on", "while"}


def _other_clause(root: Token, trig: Token) -> bool:
    """Whether a date sits in a subordinate clause that does not hold the trigger: it dates that clause."""
    for t in [root, *root.ancestors]:
        if t.dep_ == "pcomp" and t.head.lower_ in GERUND_TIME_PREPOSITIONS and trig not in t.subtree:
            return True  # "since becoming premier in March": March is the becoming's
        if t.dep_ in SUBORDINATE and t.pos_ in {"VERB", "AUX"}:
            if _quoted(t) and not _quoted(root):
                continue  # "under the theme “Accelerating Trade” from May 3": a title is no clause of its own
            if any(c.dep_ in {"mark", "advmod"} and c.lower_ in {"when", "as", "while"} for c in t.children):
                return False  # "invited X when they held phone talks in February": the same time
            if t.dep_ == "acl" and t.head in _noun_group(trig):
                return (
                    False  # "the talks held in March", "a round of talks ended on March 24": the event's own
                )
            return trig.i != t.i and t not in [trig, *trig.ancestors]
    return False


def _quoted(tok: Token) -> bool:
    """Whether a token stands between quotation marks of its sentence (a quoted title or slogan), by
    spaCy's own reading of each mark: opening, closing, or either (a straight quote)."""
    depth, straight = 0, 0
    for t in tok.sent:
        if t.i >= tok.i:
            break
        if not t.is_quote:
            continue
        if t.is_left_punct and t.is_right_punct:
            straight ^= 1
        elif t.is_left_punct or depth > 0:
            depth += 1 if t.is_left_punct else -1
    return depth > 0 or straight == 1


def _noun_group(trig: Token) -> list[Token]:
    """An event noun and the noun it names a part of: "talks" in "a first round of talks"."""
    group = [trig]
    if trig.dep_ == "pobj" and trig.head.lower_ == "of" and trig.head.head.pos_ == "NOUN":
        group.append(trig.head.head)
    return group


# Verbs that set their subject after or before their object: "X's visit follows Y's election".
SEQUENCE_LEMMAS = {"follow", "precede", "succeed"}


def _after_another(root: Token, trig: Token) -> bool:
    """Whether a date hangs on a verb of sequence whose subject holds the trigger: the date is then
    the time of the happening the event follows or precedes, not its own."""
    owner = _owner(root)
    if owner is None or owner.lemma_ not in SEQUENCE_LEMMAS:
        return False
    return any(c.dep_ in {"nsubj", "nsubjpass"} and trig in c.subtree for c in owner.children)


def _before_or_after(trig: Token) -> bool:
    """Whether an event noun is told as before or after the act it hangs on: "after talks", "ahead of
    the summit", "following the visit"."""
    head = trig.head
    if trig.dep_ != "pobj":
        return False
    if head.lower_ == "of" and head.head.lower_ == "ahead":
        return True
    return head.lower_ in {"after", "before", "following", "since"}


def _just_done(trig: Token) -> bool:
    """Whether a verb is told as just done, in the present perfect: "X has ordered the envoy to leave,
    an official said on Monday" (done by the day it is reported)."""
    auxes = [c for c in trig.children if c.dep_ == "aux"]
    return trig.tag_ == "VBN" and len(auxes) == 1 and auxes[0].lower_ in {"has", "have", "'s", "'ve"}


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
        if root is None or _span_time(root, tx):
            continue
        if root.head.pos_ in {"NOUN", "PROPN"} and root.head.i != trig.i and root.dep_ != "pobj":
            continue  # "the election last year": the date of another happening, named by its noun
        if root.head.lower_ in {"to", "until", "till"} and trig.i in {
            root.head.head.i,
            root.head.head.head.i,
        }:
            continue  # "postponed to April 13": the day it is put off to, not the day it was put off
        if _other_clause(root, trig):
            continue  # "since Xi assumed the presidency in March": March is the assuming's
        if _after_another(root, trig):
            continue  # "the visit follows the election last year": last year is the election's
        if _before_or_after(trig) and root not in trig.subtree:
            continue  # "returned on Sunday after state visits to X": Sunday is the return's
        owner = _owner(root)
        if (
            owner is not None
            and owner.lemma_ in OWN_TIME
            and owner.i != trig.i
            and trig not in owner.subtree
            and not (_just_done(trig) and owner.dep_ == "conj" and owner.head.i == trig.i)
        ):  # ("X has expelled Y, an official said on Monday" parsed as two conjoined clauses is a report)
            continue  # "the visit, announced on Monday": Monday is the announcement's
        if (
            owner is not None
            and owner.lemma_ in OWN_TIME
            and owner.i != trig.i
            and _reported(trig, owner)
            and not _just_done(trig)
        ):
            continue  # "X said on Monday that the talks would go ahead": Monday is the saying's
        score = _path(trig, root)
        if _tense_clash(tx, status, published):
            score += TENSE_PENALTY
        if any(_path(o, root) < _path(trig, root) for o in others if o.i != trig.i):
            score += OWNED_PENALTY
        if score <= MAX_PATH and (best is None or score < best[0]):
            best = (score, tx)
    return None if best is None else best[1]


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


def _day_clause(trig: Token) -> Token | None:
    """The verb whose day a clause names: "X was issued on the day (that) Y was sworn in" gives
    "issued" for "sworn", and the clause's verb for "issued"."""
    day = trig.head if trig.dep_ == "relcl" else None
    if day is not None and day.lemma_ in {"day", "date"} and day.dep_ == "pobj" and day.head.lower_ == "on":
        return day.head.head
    return None


def same_day(events: Sequence) -> None:
    """An act told as done "on the day (that) ..." another was done shares its date, either way round."""
    dated_at = {}
    for e in events:
        for m in e.mentions:
            for t in (m.trigger, m.trigger.head):
                dated_at.setdefault(t.i, e)
    for e in events:
        for m in e.mentions:
            verb = _day_clause(m.trigger)
            other = dated_at.get(verb.i) if verb is not None else None
            if other is None or other is e:
                continue
            if e.timex is None and other.timex is not None:
                e.timex = other.timex
            elif other.timex is None and e.timex is not None:
                other.timex = e.timex


def date_events(
    doc: Doc,
    events: Sequence,
    timexes: Sequence[Timex],
    published: dt.date | None,
    headline: Span | None = None,
) -> None:
    """Date the merged events the clause left undated: the sentence (back-off 2), then the occasion (3).

    `events` are `EventMention`s after coreference; each keeps the mentions it absorbed, and any
    of them may carry the sentence that dates it. A date after publication makes an occurred
    event planned: "are meeting on Wednesday" in a Monday paper.
    """
    triggers = [m.trigger for e in events for m in e.mentions]
    for e in events:
        e.dated_by = "clause" if e.timex is not None else None
    for e in events:
        if e.timex is not None or e.cls == "statement":
            continue
        for m in e.mentions:
            tx = sentence_time(doc, m.trigger, timexes, status=e.status, published=published, others=triggers)
            if tx is not None and prompted_by(m.trigger) and _ahead(tx, published):
                continue  # "will attend on Monday at the invitation of X": Monday is the visit's
            if tx is not None:
                e.timex = tx
                break

    def set_date(e, tx: Timex) -> None:
        e.timex = tx

    offsets.date_by_distance(events)
    _note(events, "sentence")
    occasion_dates(
        events,
        date_of=lambda e: e.timex,
        set_date=set_date,
        trigger_tokens=lambda e: [m.trigger for m in e.mentions],
    )
    same_day(events)
    _note(events, "occasion")
    occasions.from_dateline(doc, events, timexes)
    _note(events, "dateline")
    occasions.continued(doc, events)
    _note(events, "preceding")
    occasions.upcoming(events)
    _note(events, "ahead")
    dated = [e for e in events if e.timex is not None]
    occasions.purposes(events, published)
    for e in dated:
        if e.timex is None:  # the occasion a journey goes to: dated by another of its mentions, if one is
            e.timex = next(
                (
                    tx
                    for m in e.mentions[1:]
                    if (
                        tx := m.timex
                        or sentence_time(doc, m.trigger, timexes, status=e.status, published=published)
                    )
                ),
                None,
            )
    occasions.news_peg(doc, events, published, headline)
    _note(events, "news")
    for e in events:
        tx = e.timex
        if e.status == "occurred" and tx is not None and _ahead(tx, published):
            if all(_told_as_past(m.trigger) for m in e.mentions):
                e.timex = (
                    None  # "has called for a meeting on Friday": Friday is the meeting's, the call is done
                )
                e.dated_by = None
            else:
                e.status = "planned"


def _ahead(tx: Timex, published: dt.date | None) -> bool:
    return published is not None and tx.earliest is not None and tx.earliest > published


def _note(events: Sequence, level: str) -> None:
    """Record `level` as where each event dated since the last level got its date; an event whose
    date a level took away (a journey's date is not the occasion's) has none."""
    for e in events:
        if e.timex is None:
            e.dated_by = None
        elif e.dated_by is None:
            e.dated_by = level
