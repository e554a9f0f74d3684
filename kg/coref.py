"""One event, many mentions: merging the mentions of the same event within an article.

"The planned second meeting", "the proposed summit" and "a second meeting" are one summit.
A mention with named participants joins an earlier event of a compatible type that shares a
participant; a mention without them ("the summit", "their meeting") refers back to the nearest
compatible event within two sentences, or the latest event of its exact type. "The two leaders"
take the participants of the latest event between two people. A negated mention ("no plans to
meet") is never merged: it states that another meeting will not happen. A planned step of an
event that is called off in the article ("sessions intended to precede the summit") is called
off with it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .events import EventMention

COMPATIBLE = {
    "Meeting": {"Meeting", "Summit", "Visit", "Talks"},
    "Summit": {"Summit", "Meeting"},
    "Talks": {"Talks", "Meeting"},
    "Visit": {"Visit", "Meeting"},
}
STATUS_RANK = {"cancelled": 4, "occurred": 3, "planned": 2, "hypothetical": 1, "negated": 0}
WINDOW = 2  # sentences a participantless mention may look back


def _compatible(a: str, b: str) -> bool:
    return a == b or b in COMPATIBLE.get(a, set())


def _close(a: str, b: str) -> bool:
    return a == b or {a, b} <= {"Meeting", "Summit"} or {a, b} <= {"Meeting", "Visit"}


def _sent_index(m: EventMention) -> int:
    return m.trigger.sent.start


def _absorb(target: EventMention, m: EventMention) -> None:
    target.mentions.append(m)
    for name, part in m.parts:
        if name not in target.participants:
            target.participants.append(name)
            target.parts.append((name, part))
    target.place = target.place or m.place
    if target.timex is None and m.timex is not None:
        target.timex = m.timex
    if m.explicit and (not target.explicit or STATUS_RANK[m.status] > STATUS_RANK[target.status]):
        target.status = m.status
        target.explicit = True
    # the most specific type among the mentions names the event ("meeting" < "summit")
    if target.type == "Meeting" and m.type in {"Summit", "Visit", "Talks"}:
        target.type = m.type
    target.confidence = min(1.0, max(target.confidence, m.confidence) + 0.05)


# which offices a group noun covers: "the two leaders" are heads of state or government
GROUP_OFFICES = {
    "leaders": {"president", "prime", "premier", "chancellor", "king", "queen", "leader", "emir", "sultan", "monarch"},
    "presidents": {"president"},
    "diplomats": {"minister", "secretary", "ambassador", "envoy", "diplomat", "diplomats"},
    "ministers": {"minister", "secretary"},
}


def _fits(name: str, group: str, people: Mapping[str, set[str]]) -> bool:
    if name not in people:
        return False
    offices = GROUP_OFFICES.get(group)
    return offices is None or not people[name] or bool(people[name] & offices)


def merge(mentions: Sequence[EventMention], *, people: Mapping[str, set[str]] | None = None) -> list[EventMention]:
    """Merge mentions of the same event; returns one representative per event, in text order.

    `people` maps the article's persons to the words of their titles: "the two leaders" are two
    people holding leaders' offices, not two countries or two foreign ministers.
    """
    people = people or {}
    events: list[EventMention] = []
    sentences = sorted({_sent_index(m) for m in mentions})
    order = {s: i for i, s in enumerate(sentences)}
    for m in mentions:
        m.mentions = [m]
        if m.group and len(m.participants) < 2:
            pair = next(
                (
                    e
                    for e in reversed(events)
                    if len([p for p in e.participants if _fits(p, m.group, people)]) >= 2 and e.status != "negated"
                ),
                None,
            )
            if pair is not None:
                for name, part in [(n, p) for n, p in pair.parts if _fits(n, m.group, people)][:2]:
                    if name not in m.participants:
                        m.participants.append(name)
                        m.parts.append((name, part))
        target = None
        if m.status != "negated":
            candidates = [e for e in reversed(events) if e.status != "negated" and e.cls == m.cls]
            if m.participants:
                for e in candidates:
                    if (
                        _compatible(m.type, e.type)
                        and set(m.participants) & set(e.participants)
                        and _same_time(m, e)
                        and (len(m.participants) < 2 or len(e.participants) < 2 or set(m.participants) <= set(e.participants) or set(e.participants) <= set(m.participants))
                    ):
                        target = e
                        break
            else:
                near = [e for e in candidates if order[_sent_index(m)] - order[_sent_index(e)] <= WINDOW]
                # the same kind first ("a second meeting" is the summit, not the preparatory talks)
                target = next((e for e in near if _close(m.type, e.type) and _same_time(m, e)), None)
                if target is None:
                    target = next((e for e in near if _compatible(m.type, e.type) and _same_time(m, e)), None)
                if target is None and m.definite:
                    target = next((e for e in candidates if e.type == m.type and _same_time(m, e)), None)
        if target is not None:
            _absorb(target, m)
        else:
            events.append(m)
    _cascade_cancellations(events)
    return [e for e in events if e.participants or e.place or e.timex is not None]


def _same_time(a: EventMention, b: EventMention) -> bool:
    if a.timex is None or b.timex is None:
        return True
    return a.timex.value == b.timex.value


def _cascade_cancellations(events: list[EventMention]) -> None:
    """A planned step of an event called off in the article is called off too."""
    cancelled = [e for e in events if e.status == "cancelled"]
    for e in events:
        if e.status != "planned":
            continue
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
