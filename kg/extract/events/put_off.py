"""Events put off to a day: "the talks were pushed back to April 13" gives the talks their new date
and leaves the putting off undated by it."""

from __future__ import annotations

from kg.extract.events.context import Context


def new_dates(ctx: Context, mentions: list) -> None:
    """ "The talks were postponed to April 13", "pushed back until May": the date is the event's new
    date, not the day it was put off; the event put off is still ahead, as is one moved "by two days"."""
    for m in mentions:
        verb = m.trigger
        if m.type != "Cancellation" or verb.pos_ not in {"VERB", "AUX"} or verb.lemma_ == "cancel":
            continue
        new, shifted = None, False
        near = [
            *verb.children,
            *(g for c in verb.children if c.dep_ in {"prt", "advmod"} for g in c.children),
        ]
        for c in near:  # "pushed back to March 20" may hang "to" on "back"
            if c.dep_ == "prep" and c.lower_ in {"to", "until", "till"}:
                new = next(
                    (
                        ctx.timex_of[t.i]
                        for t in c.subtree
                        if t.i in ctx.timex_of and ctx.timex_of[t.i].type == "DATE"
                    ),
                    None,
                )
            elif c.dep_ in {"prep", "agent"} and c.lower_ == "by":
                # "pushed back by two days": moved, still to happen
                shifted = shifted or any(ctx.timex_of.get(t.i) is not None for t in c.subtree)
        if new is None and not shifted:
            continue
        if new is not None and m.timex is new:
            m.timex = None
        put_off = {t.i for c in verb.children if c.dep_ in {"dobj", "nsubjpass"} for t in c.subtree}
        for o in mentions:
            if o is not m and o.trigger.i in put_off and o.type != "Cancellation":
                o.status, o.explicit = "planned", True
                o.timex = new or o.timex
