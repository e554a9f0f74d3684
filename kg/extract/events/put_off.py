"""Dates of a clause beyond its first: "the talks were pushed back to April 13" gives the talks their
new date and leaves the putting off undated by it; "further meetings on Dec 9 and Jan 13" is one
meeting per date; a planned step of an event called off is called off too."""

from __future__ import annotations

from dataclasses import replace

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


def each_date(ctx: Context, m) -> list:
    """ "further meetings on Dec 9 and Jan 13": a plural event noun with conjoined dates is one event
    per date; the first date stays with the mention, each other one gets a copy."""
    if m.timex is None or m.trigger.tag_ != "NNS":
        return []
    at = m.trigger.doc.char_span(m.timex.span.start, m.timex.span.end, alignment_mode="expand")
    if at is None:
        return []
    out, seen = [], {m.timex.value}
    for tx in [ctx.timex_of.get(t.i) for t in at.root.conjuncts] + _listed_after(ctx, at):
        if tx is not None and tx.type == "DATE" and tx.value not in seen:
            seen.add(tx.value)
            out.append(replace(m, timex=tx, participants=list(m.participants), parts=list(m.parts)))
    return out


def _listed_after(ctx: Context, span) -> list:
    """The dates written as a list after a date ("on Dec 9 and Jan 13", "May 3, May 10 and May 17"),
    read from the words between them, whatever the parse hangs the later ones on."""
    doc, out, j = span.doc, [], span.end
    while j + 1 < len(doc) and doc[j].lower_ in {"and", "or", ","}:
        k = j + 1 if doc[j + 1].lower_ not in {"and", "or"} else j + 2
        tx = ctx.timex_of.get(k) if k < len(doc) else None
        if tx is None:
            break
        out.append(tx)
        while k < len(doc) and ctx.timex_of.get(k) is tx:
            k += 1
        j = k
    return out


def cascade_cancellations(events: list) -> None:
    """A planned step of an event called off in the article is called off too."""
    cancelled = [e for e in events if e.status == "cancelled"]
    for e in events:
        if e.status != "planned" or e.type == "Cancellation":
            continue  # the calling off is not itself called off
        for c in cancelled:
            for cm in c.mentions:
                if cm.trigger.sent.start != e.trigger.sent.start:
                    continue
                verb = cm.trigger.head
                if e.trigger in set(verb.subtree) and e.trigger not in set(cm.trigger.subtree):
                    e.status = "cancelled"
                    e.about = c
    for e in events:
        if e.type == "Cancellation" and e.about is None:
            for c in cancelled:
                if any(cm.trigger.sent.start == e.trigger.sent.start for cm in c.mentions) and c is not e:
                    e.about = c
                    break
