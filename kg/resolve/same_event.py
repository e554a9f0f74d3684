"""Reports of the same event across articles: linked, never merged away.

When an article is ingested, each of its events is compared with the events already stored
from other articles: the same class of happening (a meeting, a summit and a visit are one
class), at least one shared actor, neither a denial, and compatible times (their day ranges
overlap; an undated report counts when its article appeared within two weeks of the other's
time). A match is written into the new article's own graph as

    <new event> kgo:sameEventAs <earlier event> .

so every article keeps its own event node, evidence and status claim, re-ingesting an article
rewrites its links with it, and `clusters()` groups the reports for timelines and exports. The
SPARQL it asks is saved in kg/resolve/sparql/ (candidate_events.rq, same_event_links.rq).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from typing import Any

from rdflib import RDF, URIRef

from kg.errors import QueryError
from kg.graph.namespaces import KGO, SCHEMA, SEM
from kg.sources.dates import as_date
from kg.store import DEFAULT_TIMEOUT, Store, read_query, values_block

CLASSES = {
    "Meeting": "encounter", "Summit": "encounter", "Talks": "encounter", "Visit": "encounter",
    "Statement": "statement", "Announcement": "statement",
}  # fmt: skip
SLACK = dt.timedelta(days=14)  # how far an undated report's article may be from the other's time
MAX_ACTORS = 200  # the article's actors (sorted) whose stored events are asked for


@functools.lru_cache(maxsize=1024)
def _class(type_iri: Any) -> str | None:
    name = str(type_iri).rsplit("#", 1)[-1]
    if not str(type_iri).startswith(str(KGO)) or name in {"Occurred", "Planned"}:
        return None
    return CLASSES.get(name, name)


def _span(ts: Any, lo: Any, hi: Any) -> tuple[dt.date, dt.date] | None:
    t = as_date(ts)
    if t:
        return t, t
    a, b = as_date(lo), as_date(hi)
    return (a, b) if a and b else None


def _compatible(a: dict, b: dict) -> bool:
    sa, sb = a.get("span"), b.get("span")
    if sa and sb:
        return sa[0] <= sb[1] and sb[0] <= sa[1]
    if sa or sb:
        dated, undated = (a, b) if sa else (b, a)
        pub = undated.get("published")
        lo, hi = dated["span"]
        return pub is not None and lo - SLACK <= pub <= hi + SLACK
    pa, pb = a.get("published"), b.get("published")
    return pa is not None and pb is not None and abs(pa - pb) <= SLACK


_EVENT = SEM.Event
_TIMES = (SEM.hasTimeStamp, SEM.hasEarliestBeginTimeStamp, SEM.hasLatestEndTimeStamp)
_TIME_KEYS = tuple(str(p) for p in _TIMES)
# what each predicate the rule reads is: a dict lookup per quad (a URIRef hashes as its text, and
# the graph builder's terms are the same objects as these) instead of a chain of rdflib comparisons
_PUBLISHED, _TYPE, _ACTOR, _TIME, _STATUS = range(5)
KINDS = {
    SCHEMA.datePublished: _PUBLISHED,
    RDF.type: _TYPE,
    SEM.hasActor: _ACTOR,
    **dict.fromkeys(_TIMES, _TIME),
    KGO.status: _STATUS,
}


def _events_of(quads: Iterable[tuple]) -> tuple[dict[Any, dict], dt.date | None]:
    events: dict[Any, dict] = {}
    published = None
    raw: dict[Any, dict] = {}
    kinds = KINDS
    for s, p, o, _g in quads:
        kind = kinds.get(p)
        if kind is None:
            continue
        if kind == _PUBLISHED:
            published = as_date(o.toPython() if hasattr(o, "toPython") else o)
        elif kind == _TYPE:
            if o != _EVENT and (c := _class(o)):
                raw.setdefault(s, {})["cls"] = c
        elif kind == _ACTOR:
            raw.setdefault(s, {}).setdefault("actors", set()).add(str(o))
        elif kind == _TIME:
            raw.setdefault(s, {})[str(p)] = o.toPython()
        else:
            raw.setdefault(s, {})["status"] = str(o)
    for e, d in raw.items():
        if "cls" in d and d.get("actors") and not d.get("status", "").endswith("Negated"):
            d["span"] = _span(*(d.get(k) for k in _TIME_KEYS))
            events[e] = d
    for d in events.values():
        d["published"] = published
    return events, published


# the line of candidate_events.rq that the VALUES block of the new article's actors replaces
_ACTORS = re.compile(r"^[ \t]*#ACTORS[ \t]*$", re.MULTILINE)


def links(store: Store, article_iri: str, quads: list[tuple], *, pending: Store | None = None) -> list[tuple]:
    """`kgo:sameEventAs` quads from this article's events to matching events of stored articles.

    `pending`: a store of articles that count as stored but are not yet in `store` (their events
    are searched too). An ingest uses `kg.resolve.event_index` instead, which gives the same links.
    """
    mine, _ = _events_of(quads)
    actors = sorted({a for d in mine.values() for a in d["actors"]})
    if not actors:
        return []
    # the article's actors first, as a VALUES block: the engine starts from their events instead
    # of walking every event in the store (which made each ingest slower than the one before)
    block = values_block("actor", [URIRef(a) for a in actors[:MAX_ACTORS]])
    query, n = _ACTORS.subn(lambda _m: "  " + block, read_query("kg.resolve", "candidate_events"), count=1)
    if n != 1:
        raise QueryError("kg/resolve/sparql/candidate_events.rq has no #ACTORS line")
    rows = store.query(query, bindings={"me": URIRef(article_iri)}, timeout=60).rows
    if pending is not None:
        rows = [*rows, *pending.query(query, bindings={"me": URIRef(article_iri)}, timeout=60).rows]
    theirs: dict[str, dict] = {}
    for e, type_, actor, ts, lo, hi, published, _status in rows:
        cls = _class(type_)
        if cls is None:
            continue
        d = theirs.setdefault(e, {"cls": cls, "actors": set(), "span": _span(ts, lo, hi)})
        d["actors"].add(actor)
        d["published"] = as_date(published)
    g = URIRef(article_iri)
    out = []
    for e, d in mine.items():
        for other, od in sorted(theirs.items()):
            if od["cls"] == d["cls"] and od["actors"] & d["actors"] and _compatible(d, od):
                out.append((e, KGO.sameEventAs, URIRef(other), g))
    return out


def clusters(store: Store, *, timeout: float | None = DEFAULT_TIMEOUT) -> dict[str, str]:
    """Event IRI -> the IRI naming its group of reports (the smallest IRI in the group)."""
    rows = store.query(read_query("kg.resolve", "same_event_links"), timeout=timeout).rows
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    for a, b in rows:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in {*parent, *(v for v in parent.values())}}
