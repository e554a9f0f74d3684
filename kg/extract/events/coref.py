"""One event, many mentions: merging the mentions of the same event within an article.

"The planned second meeting", "the proposed summit" and "a second meeting" are one summit.
A mention with named participants joins an earlier event of a compatible type that shares a
participant; a mention without them ("the summit", "their meeting") refers back to the nearest
compatible event within two sentences, or the latest event of its exact type. "The two leaders"
take the participants of the latest event between two people. A negated mention ("no plans to
meet") is never merged: it states that another meeting will not happen. A planned step of an
event that is called off in the article ("sessions intended to precede the summit") is called
off with it.

Two mentions at different places ("met in Ohrid" and "talks in Brussels") are different events.
An indefinite mention ("a meeting of Eurasian leaders") introduces an event rather than referring
back; a definite one ("after the talks") refers back to the latest event of its own type first.
A headline's mention is a summary: it joins the body's event of its class that shares a
participant. "The two governments" are the countries of the two people of the latest event.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from kg.extract import countries, places
from kg.extract.events.mentions import EventMention
from kg.extract.events.occasions import beside as _beside
from kg.extract.events.put_off import cascade_cancellations
from kg.extract.events.triggers import ordinal
from kg.model import Span

# A visit and the meetings held during it are different happenings; a meeting, talks and a summit
# may be one.
COMPATIBLE = {
    "Meeting": {"Meeting", "Summit", "Talks"},
    "Summit": {"Summit", "Meeting"},
    "Talks": {"Talks", "Meeting"},
    "Visit": {"Visit"},
}
STATUS_RANK = {"cancelled": 4, "occurred": 3, "planned": 2, "hypothetical": 1, "negated": 0}
WINDOW = 2  # sentences a participantless mention may look back


def _compatible(a: str, b: str) -> bool:
    return a == b or b in COMPATIBLE.get(a, set())


def _close(a: str, b: str) -> bool:
    return a == b or {a, b} <= {"Meeting", "Summit"} or {a, b} <= {"Meeting", "Talks"}


def _named_apart(m: EventMention, e: EventMention) -> bool:
    """Whether m is a gathering called by its name ("the Intergovernmental Conference") and e was only
    ever told by nouns of another word ("a working lunch"): two gatherings, not one."""
    if m.trigger.pos_ != "PROPN":
        return False
    told = e.mentions or [e]
    return all(
        x.trigger.pos_ in {"NOUN", "PROPN"} and x.trigger.lemma_.lower() != m.trigger.lemma_.lower()
        for x in told
    )


def _sent_index(m: EventMention) -> int:
    return m.trigger.sent.start


def _finer(a, b) -> bool:
    """Whether time `a` names a shorter period inside `b`: 2010-02-25 within 2010-02."""
    if not a.value or not b.value or a.earliest is None or b.earliest is None:
        return False
    if a.latest is None or b.latest is None or (a.earliest, a.latest) == (b.earliest, b.latest):
        return False
    return b.earliest <= a.earliest and a.latest <= b.latest


def _absorb(target: EventMention, m: EventMention) -> None:
    target.mentions.append(m)
    for name, part in m.parts:
        if name not in target.participants:
            target.participants.append(name)
            target.parts.append((name, part))
    target.place = target.place or m.place
    target.kind = target.kind or (m.kind if m.type == target.type else None)
    if m.timex is not None and (target.timex is None or _finer(m.timex, target.timex)):
        target.timex = m.timex  # "later this month ... on February 25": the day within the month
    if m.explicit and (not target.explicit or STATUS_RANK[m.status] > STATUS_RANK[target.status]):
        target.status = m.status
        target.explicit = True
    # the most specific type among the mentions names the event ("meeting" < "summit")
    if target.type == "Meeting" and m.type in {"Summit", "Visit", "Talks"}:
        target.type = m.type
    target.confidence = min(1.0, max(target.confidence, m.confidence) + 0.05)


# which offices a group noun covers: "the two leaders" are heads of state or government
GROUP_OFFICES = {
    "leaders": {
        "president",
        "prime",
        "premier",
        "chancellor",
        "king",
        "queen",
        "leader",
        "emir",
        "sultan",
        "monarch",
    },
    "presidents": {"president"},
    "diplomats": {"minister", "secretary", "ambassador", "envoy", "diplomat", "diplomats"},
    "ministers": {"minister", "secretary"},
}


# group nouns that stand for the countries of the people named before, not for the people
COUNTRY_GROUPS = {"governments", "countries", "nations"}


# group nouns that stand for the sides of an earlier event, whoever they are (people, countries, groups)
SIDE_GROUPS = {"sides", "both", "parties", "officials", "delegations", "they", "them"}


# group nouns of two: "both", "both sides", "the two men"
PAIR_GROUPS = {"both", "sides", "men"}


def _members(
    e: EventMention, group: str, people: Mapping[str, set[str]], *, states: bool = False
) -> list[tuple[str, str]]:
    """The parts of an earlier event a group noun stands for: "the ministers" are its ministers; with
    `states`, where the event names the ministers' countries only ("the foreign ministers of X, Y and
    Z"), the countries."""
    if states:
        return [(n, p) for n, p in e.parts if countries.is_country(n)] if group in GROUP_OFFICES else []
    return [(n, p) for n, p in e.parts if _fits(n, group, people)]


def _fits(name: str, group: str, people: Mapping[str, set[str]]) -> bool:
    if group in SIDE_GROUPS or (group in COUNTRY_GROUPS and countries.is_country(name)):
        return True
    if name not in people:
        return False
    offices = GROUP_OFFICES.get(group)
    return offices is None or not people[name] or bool(people[name] & offices)


def merge(
    mentions: Sequence[EventMention],
    *,
    people: Mapping[str, set[str]] | None = None,
    countries_of: Mapping[str, str] | None = None,
    headline: Span | None = None,
) -> list[EventMention]:
    """Merge mentions of the same event; returns one representative per event, in text order.

    `people` maps the article's persons to the words of their titles: "the two leaders" are two
    people holding leaders' offices, not two countries or two foreign ministers. `countries_of`
    maps persons to the country of their office ("the two governments"). Mentions inside
    `headline` summarise the body and join its events.
    """
    people = people or {}
    countries_of = countries_of or {}
    events: list[EventMention] = []
    sentences = sorted({_sent_index(m) for m in mentions})
    order = {s: i for i, s in enumerate(sentences)}
    for m in mentions:
        m.mentions = [m]
        if m.group and len(m.participants) < 2:
            # the latest event with two people the group fits; else one whose sides are states
            pair, members = None, []
            for states in (False, True):
                for e in reversed(events):
                    found = _members(e, m.group, people, states=states)
                    if len(found) >= 2 and e.status != "negated":
                        pair, members = e, found
                        break
                if pair is not None:
                    break
            if pair is not None:
                for name, part in members[:2] if m.group in PAIR_GROUPS else members:
                    if m.group in COUNTRY_GROUPS and not countries.is_country(name):
                        name = countries_of.get(name, "")  # noqa: PLW2901 - the person's country stands in
                    if name and name not in m.participants:
                        m.participants.append(name)
                        m.parts.append((name, part))
        target = None
        if ordinal(m.trigger):  # "the 36th AU summit" ... "the 36th ordinary session of the Assembly"
            target = next((e for e in reversed(events) if _numbered_alike(m, e)), None)
        if target is None and m.status != "negated" and not _again(m):
            candidates = [e for e in reversed(events) if e.status != "negated" and e.cls == m.cls]
            if m.participants:
                for e in candidates:
                    if (
                        _compatible(m.type, e.type)
                        and (set(m.participants) & set(e.participants) or _same_visit(m, e))
                        and not _beside(m, e)
                        and not _named_apart(m, e)
                        and _same_time(m, e)
                        and _same_place(m, e)
                        and _same_status(m, e)
                        and _same_direction(m, e)
                        and (
                            # near, or referring back ("his visit"), or the same parties exactly
                            order[_sent_index(m)] - order[_sent_index(e)] <= WINDOW
                            or m.definite
                            or set(m.participants) == set(e.participants)
                        )
                        and (
                            len(m.participants) < 2
                            or len(e.participants) < 2
                            or set(m.participants) <= set(e.participants)
                            or set(e.participants) <= set(m.participants)
                        )
                    ):
                        target = e
                        break
            else:
                near = [
                    e
                    for e in candidates
                    if order[_sent_index(m)] - order[_sent_index(e)] <= WINDOW
                    and _same_time(m, e)
                    and _same_place(m, e)
                    and _same_status(m, e)
                    and not _beside(m, e)
                ]
                if m.indefinite:
                    # "a meeting of X" is new, unless it is where an event named before is ("a summit in Budapest")
                    near = [e for e in near if m.place is not None and e.place == m.place]
                if m.explicit and m.status != "occurred":
                    # "if the talks go ahead" refers to the talks that may happen, not to those held
                    near = sorted(near, key=lambda e: e.status != m.status)
                target = None
                if m.definite:
                    # "after the talks": the latest talks, before any other kind of encounter
                    target = next((e for e in near if e.type == m.type), None) or next(
                        (
                            e
                            for e in candidates
                            if e.type == m.type and _same_time(m, e) and _same_status(m, e)
                        ),
                        None,
                    )  # "the meeting went well" is not the meeting planned for next month
                # the same kind first ("a second meeting" is the summit, not the preparatory talks)
                if target is None:
                    target = next((e for e in near if _close(m.type, e.type)), None)
                if target is None:
                    target = next((e for e in near if _compatible(m.type, e.type)), None)
        if target is not None:
            _absorb(target, m)
        else:
            events.append(m)
    if headline is not None:
        events = _fold_headline(events, headline)
    cascade_cancellations(events)
    # an event with no one, nowhere and no time says nothing; one whose sentence names actors is kept
    # for `name_the_unnamed`
    return [
        e
        for e in events
        if e.participants
        or e.place
        or e.timex is not None
        or any(m.nearby and not m.definite for m in e.mentions)
    ]


def _fold_headline(events: list[EventMention], headline: Span) -> list[EventMention]:
    """A headline's event joins the body's event of its class that shares a participant (or place)."""
    out = [e for e in events if not e.inside(headline)]
    for h in (e for e in events if e.inside(headline)):
        in_body = [m for m in h.mentions if m is not h and not m.inside(headline)]
        if in_body:
            # the body already reports this event: its sentence, not the headline, is the evidence
            first = in_body[0]
            h.trigger, h.evidence = first.trigger, first.evidence
            out.append(h)
            continue
        body = next(
            (
                e
                for e in out
                if e.cls == h.cls
                and e.status == h.status
                and (
                    set(e.participants) & set(h.participants)
                    or (not h.participants and h.place and h.place == e.place)
                )
            ),
            None,
        )
        if body is None:
            # the headline names the sides ("Ruritania and Freedonia leaders speak by phone"), the body
            # the people: the one body event of its class is the same happening
            same = [e for e in out if e.cls == h.cls and e.status == h.status]
            body = same[0] if len(same) == 1 else None
        if body is None:
            out.append(h)
            continue
        body.mentions.append(h)
        body.place = body.place or h.place
        body.timex = body.timex or h.timex
    out.sort(key=lambda e: e.trigger.i)
    return out


def _same_place(a: EventMention, b: EventMention) -> bool:
    """Whether two mentions can be at one place: either unknown, the same, or one inside the other."""
    if a.place is None or b.place is None or a.place == b.place:
        return True
    pa, pb = places.lookup(a.place), places.lookup(b.place)
    ca = countries.country_of(a.place) or (pa.country if pa else None)
    cb = countries.country_of(b.place) or (pb.country if pb else None)
    # a city and its country, or a building and its city's country, are one place at this grain
    return (
        (countries.is_country(a.place) and a.place == cb)
        or (countries.is_country(b.place) and b.place == ca)
        or (pa is not None and pb is not None and pa.kind == "building" and pa.country == pb.country)
        or (pa is not None and pb is not None and pb.kind == "building" and pa.country == pb.country)
    )


def _same_time(a: EventMention, b: EventMention) -> bool:
    if a.cls == "statement" or b.cls == "statement":
        # a dated statement and an undated one through a medium of its own are two statements ("described
        # it on Twitter"; "said on Monday"); another "X said" with no time of its own is the same one
        va, vb = (a.timex.value if a.timex else None), (b.timex.value if b.timex else None)
        if va == vb:
            return True
        undated = a if va is None else b if vb is None else None
        return undated is not None and all(part == "agent" for _, part in undated.parts)
    if a.timex is None or b.timex is None:
        return True
    if a.timex.value == b.timex.value:
        return True
    # "later this month" and "February 25": one day within a month (or a week) told twice; not the
    # days of a tour "from May 31 to June 6", which are its parts
    return any(_finer(x.timex, y.timex) and CALENDAR_UNIT.match(y.timex.value) for x, y in ((a, b), (b, a)))


# Values of a month or a week: a mention of a day within one may tell the same event.
CALENDAR_UNIT = re.compile(r"^\d{4}-(?:\d\d|W\d\d)$")


# What the text says of one mention and of an event cannot both hold of one happening.
_APART = {frozenset({"occurred", "planned"}), frozenset({"occurred", "hypothetical"})}
# Words that make a mention a new happening of the same kind: "will meet again", "another summit".
AGAIN = {"again", "another", "second", "next", "further", "new", "follow-up", "third", "fresh", "later", "fourth",
         "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}  # fmt: skip


def _same_status(m: EventMention, e: EventMention) -> bool:
    """Whether a mention's status can be said of the event: a plan and its happening are two events."""
    if not (m.explicit and e.explicit):
        return True
    return frozenset({m.status, e.status}) not in _APART


# Acts done by one side to another: the same parties the other way round make another act.
DIRECTED = {"Sanction", "Request", "Attack"}


def _same_direction(m: EventMention, e: EventMention) -> bool:
    """ "X expelled Y's envoy" and "Y expelled X's envoy" are two acts: their doers differ; so are two
    verbs of such acts told in two sentences."""
    if m.type not in DIRECTED or e.type not in DIRECTED:
        return True
    if m.trigger.pos_ == "VERB" and e.trigger.pos_ == "VERB" and m.trigger.sent.start != e.trigger.sent.start:
        return False  # "X demanded the release. X urged Y to leave": each sentence's act is its own
    doers_m = {n for n, part in m.parts if part == "agent"}
    doers_e = {n for n, part in e.parts if part == "agent"}
    return not (doers_m and doers_e) or bool(doers_m & doers_e)


def _again(m: EventMention) -> bool:
    """Whether a mention introduces another happening of its kind ("will meet again on Tuesday")."""
    t = m.trigger
    near = [*t.children, *(c for c in t.head.children if t.dep_ in {"dobj", "pobj"})]
    if m.cls != "statement" and any(c.lower_ == "also" for c in near):
        return True  # "he also held talks with the leaders of eight nations": one more act of the kind
    return any(c.lower_ in AGAIN for c in near) or any(c.lower_ == "again" for c in t.head.children)


def _numbered_alike(m: EventMention, e: EventMention) -> bool:
    """Whether two mentions bear the same ordinal and may be one event: a numbered session is one."""
    return e.cls == m.cls and ordinal(e.trigger) == ordinal(m.trigger) and _same_time(m, e)


def _same_visit(m: EventMention, e: EventMention) -> bool:
    """Whether two visits go to the same countries ("after state visits to A, B and C" ... "X paid
    state visits to A, B and C from May 31"), whoever the first names as going."""
    return bool(m.visited) and any(set(m.visited) == set(x.visited) for x in [e, *e.mentions])
