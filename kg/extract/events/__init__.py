"""Events: which words are diplomatic events, who takes part, where, when, and what the text asserts.

Modules: `lexicon` (the vocabulary and CAMEO/PLOVER codes), `triggers` (what makes a word an
event and what its context says of its status), `mentions` (event mentions read from the
parse: participants, place, time, status), `put_off` (dates of a clause beyond its first: the
day an event is put off to, one event per date of a list), `coref` (mentions of one event merged within an article), `when` (the date of each
event: candidates ranked with back-off), `offsets` ("a day after" a dated act) and `occasions`
(its last levels, read from the article around the event: dateline, occasion, journey).

Public functions: find_events(doc, entities, timexes), coref.merge(...), name_the_unnamed(events)
(after coreference: the sentence's actors for an event that names no one), add_hosts(events,
entities) (a visit to a country takes the one office holder of that country as its host),
event_key, codes, actor_name; the mention type EventMention and the code table CAMEO_PLOVER.
"""

from __future__ import annotations

from kg.extract.events.lexicon import CAMEO_PLOVER
from kg.extract.events.mentions import (
    EventMention,
    actor_name,
    codes,
    event_key,
    find_events,
    name_the_unnamed,
)
from kg.extract.events.participants import add_hosts

__all__ = [
    "add_hosts",
    "CAMEO_PLOVER",
    "EventMention",
    "actor_name",
    "codes",
    "event_key",
    "find_events",
    "name_the_unnamed",
]
