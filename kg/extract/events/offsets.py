"""Events dated by their distance from another: "met on Monday, a day after arriving" puts the
arrival on Sunday; "two days before the summit" puts the summit two days after the dated act."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from spacy.tokens import Token

from kg.extract.nlp import text_of
from kg.model import Span, Timex

UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def _days(noun: Token, word: Token) -> int | None:
    """The signed number of days a distance noun says ("a day", "three weeks") with its "after" or
    "before" word: after the act is earlier than it (negative), before is later."""
    counts = (
        NUMBERS.get(c.lower_) or (int(c.text) if c.text.isdigit() else None)
        for c in noun.children
        if c.dep_ in {"det", "nummod"}
    )
    count = next((n for n in counts if n is not None), None)
    if count is None:
        return None
    days = count * UNITS[noun.lower_]
    return -days if word.lower_ == "after" else days


def _distance(prep: Token) -> tuple[int, Token, Token] | None:
    """For "after"/"before" with a distance ("a day after", "two days before"): the signed number of
    days from the act it hangs on to the event it introduces, the act's token, and the distance noun."""
    if prep.lower_ not in {"after", "before"}:
        return None
    if prep.head.dep_ == "npadvmod" and prep.head.lower_ in UNITS:
        noun, anchor = prep.head, prep.head.head  # "met on Monday, a day after arriving"
    else:
        noun = next((c for c in prep.children if c.dep_ == "npadvmod" and c.lower_ in UNITS), None)
        anchor = prep.head  # "met on Monday, two days before the summit"
    days = _days(noun, prep) if noun is not None else None
    return None if days is None else (days, anchor, noun)


def _clause_distance(verb: Token) -> tuple[int, Token, Token] | None:
    """ "will come three weeks before the Union holds its summit": the same for a clause that "before"
    or "after" introduces."""
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ in {"after", "before"}), None)
    if mark is None or verb.dep_ != "advcl":
        return None
    noun = next((c for c in verb.children if c.dep_ == "npadvmod" and c.lower_ in UNITS), None)
    days = _days(noun, mark) if noun is not None else None
    return None if days is None else (days, verb.head, noun)


def date_by_distance(events: Sequence) -> None:
    """Date each event told as a distance before or after a dated act of its sentence."""
    at = {m.trigger.i: e for e in events for m in [e, *e.mentions]}
    for e in events:
        for m in [e, *e.mentions]:
            t = m.trigger
            found = _distance(t.head) if t.dep_ in {"pobj", "pcomp"} else None
            if found is None and t.dep_ in {"dobj", "nsubjpass"}:
                found = _clause_distance(t.head)  # the event is what the clause's verb holds
            if found is None:
                continue
            days, anchor, noun = found
            other = at.get(anchor.i) or next(
                (at[c.i] for c in anchor.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i in at), None
            )  # "the mini-summit will come three weeks before": the subject's event
            tx = other.timex if other is not None and other is not e else None
            if tx is None or not tx.one_day:
                continue
            if e.timex is not None and e.timex is not tx:
                continue  # a time of its own
            day = tx.earliest + dt.timedelta(days=days)
            doc = t.doc
            lo, hi = noun.left_edge.idx, noun.idx + len(noun.text)
            nxt = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
            if nxt is not None and nxt.lower_ in {"before", "after"}:
                hi = nxt.idx + len(nxt.text)  # "a day after", "three weeks before"
            e.timex = Timex(
                span=Span.of(text_of(doc), lo, hi),
                value=day.isoformat(),
                type="DATE",
                earliest=day,
                latest=day,
                anchor="offset",
            )
            e.dated_by = "distance"
            break
