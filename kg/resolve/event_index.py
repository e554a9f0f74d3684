"""The stored events an ingest compares new reports with, held in memory by actor, class and day.

`same_event.links` asks the store for every stored event of the new article's actors, so each
article costs more than the one before wherever the same people come back (and in news they do:
every "United States" event is a candidate). An ingest instead reads the candidates once, keeps
them here and adds each article it writes, and a search looks only at the events of one actor and
class whose days can meet the new event's (same_event's rule: overlapping day ranges, or an
article published within `same_event.SLACK` of the other's time). It gives the links that
`same_event.links` gives against the same store; tests/test_event_index.py holds it to that.

    index = EventIndex.from_store(store)      the events already stored (a few hundred graphs a query)
    index.links(article_iri, quads)           the kgo:sameEventAs quads of a new article
    index.add(article_iri, quads)             the article is (about to be) stored: it is a candidate
    index.remove(article_iri)                 it is not (its write failed, or it is being replaced)
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Iterable
from typing import Any

from rdflib import URIRef

from kg.errors import QueryError
from kg.graph.namespaces import KGO, SEM
from kg.resolve.same_event import (
    _ACTOR,
    _PUBLISHED,
    _STATUS,
    _TYPE,
    KINDS,
    MAX_ACTORS,
    SLACK,
    _class,
    _events_of,
    _span,
)
from kg.sources.dates import as_date
from kg.store import Store, read_query, values_block

GRAPH_CHUNK = 400  # graphs per query when the index is read from the store
COMPACT_AFTER = 10_000  # dead events (of removed articles) kept before the arrays are rebuilt
_ARTICLES = re.compile(r"^[ \t]*#ARTICLES[ \t]*$", re.MULTILINE)
_SLACK = SLACK.days
_NEGATED = str(KGO.Negated)
_TIME_OF = {SEM.hasTimeStamp: 0, SEM.hasEarliestBeginTimeStamp: 1, SEM.hasLatestEndTimeStamp: 2}


def _width(lo: int, hi: int) -> int:
    """The length class of a day range: ranges of about the same length are kept together, so
    that a search's window reaches back only as far as the longest range of its class."""
    return (hi - lo).bit_length()


class _Dated:
    """The dated events of one (actor, class) and length class: first days, last days and event
    numbers in three parallel arrays sorted by first day (12 bytes an event, not ~300 as tuples)."""

    __slots__ = ("first", "last", "event")

    def __init__(self) -> None:
        self.first, self.last, self.event = array("i"), array("i"), array("i")

    def add(self, first: int, last: int, event: int) -> None:
        i = bisect.bisect_right(self.first, first)
        self.first.insert(i, first)
        self.last.insert(i, last)
        self.event.insert(i, event)


class _Undated:
    """The undated events of one (actor, class): their article's day and event number, by day."""

    __slots__ = ("day", "event")

    def __init__(self) -> None:
        self.day, self.event = array("i"), array("i")

    def add(self, day: int, event: int) -> None:
        i = bisect.bisect_right(self.day, day)
        self.day.insert(i, day)
        self.event.insert(i, event)


_HEX_TAIL = re.compile(r"^(.*/)([0-9a-f]{16})$")  # kg's event IRIs: a base and a 64-bit hash


class _Names:
    """Event IRIs by number, kept small: an IRI made by kg (a prefix and 16 hex digits) as its
    prefix's number and the 64-bit value; any other IRI as itself."""

    def __init__(self) -> None:
        self.prefixes: list[str] = []
        self.prefix_no: dict[str, int] = {}
        self.prefix = array("i")  # -1: the IRI is in `other`
        self.value = array("Q")
        self.other: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self.prefix)

    def append(self, iri: str) -> None:
        m = _HEX_TAIL.match(iri)
        if m is None:
            self.other[len(self.prefix)] = iri
            self.prefix.append(-1)
            self.value.append(0)
            return
        head = m.group(1)
        no = self.prefix_no.get(head)
        if no is None:
            no = self.prefix_no[head] = len(self.prefixes)
            self.prefixes.append(head)
        self.prefix.append(no)
        self.value.append(int(m.group(2), 16))

    def __getitem__(self, n: int) -> str:
        no = self.prefix[n]
        return self.other[n] if no < 0 else f"{self.prefixes[no]}{self.value[n]:016x}"

    def select(self, keep: list[int]) -> _Names:
        out = _Names()
        for n in keep:
            out.append(self[n])
        return out


class EventIndex:
    """Candidate events by (actor, class): dated ones by first day, undated ones by their article's
    day (an undated event whose article has no date never matches, so it is not kept).

    Events are numbered as they come; each article's are consecutive, so an article is its range
    of numbers. A removed article's events are marked dead and skipped; once the dead outnumber
    the living the arrays are rebuilt without them.
    """

    def __init__(self) -> None:
        self._dated: dict[tuple[str, str], dict[int, _Dated]] = {}  # (actor, class) -> width -> events
        self._undated: dict[tuple[str, str], _Undated] = {}
        self._names = _Names()  # event number -> IRI
        self._owner = array("i")  # event number -> article number
        self._alive = bytearray()  # event number -> 1 while its article is indexed
        self._articles: dict[str, tuple[int, int, int]] = {}  # article -> (number, first, end event)
        self._next_article = 0
        self._dead = 0

    def __len__(self) -> int:
        """The number of events kept."""
        return len(self._names) - self._dead

    @classmethod
    def from_store(cls, store: Store) -> EventIndex:
        """The index of every event stored now, read `GRAPH_CHUNK` graphs at a time."""
        index = cls()
        graphs = sorted(
            str(g) for (g,) in store.query(read_query("kg.resolve", "event_graphs"), timeout=None).rows
        )
        text = read_query("kg.resolve", "stored_events")
        if not _ARTICLES.search(text):
            raise QueryError("kg/resolve/sparql/stored_events.rq has no #ARTICLES line")
        for i in range(0, len(graphs), GRAPH_CHUNK):
            block = values_block("article", [URIRef(g) for g in graphs[i : i + GRAPH_CHUNK]])
            query = _ARTICLES.sub(lambda _m, b=block: "  " + b, text, count=1)
            per_article: dict[str, dict[str, dict]] = {}
            for article, e, type_, actor, ts, lo, hi, published, _status in store.query(
                query, timeout=None
            ).rows:
                c = _class(type_)
                if c is None:
                    continue
                d = per_article.setdefault(article, {}).setdefault(e, {"cls": set(), "actors": set()})
                d["cls"].add(c)
                d["actors"].add(actor)
                d.setdefault("span", _span(ts, lo, hi))
                d["published"] = as_date(published)
            for article, events in per_article.items():
                index._add_events(article, events)
        return index

    # -- what is stored ---------------------------------------------------------------------------

    def add(self, article_iri: str, quads: Iterable[tuple]) -> None:
        """Add the events of one article's quads (its own graph) as the store would answer them."""
        self.remove(article_iri)
        g = URIRef(article_iri)
        raw: dict[Any, dict] = {}
        published = None
        kinds = KINDS
        for s, p, o, q in quads:
            kind = kinds.get(p)
            if kind is None or q != g:
                continue
            if kind == _PUBLISHED:
                if s == g:
                    published = as_date(o.toPython() if hasattr(o, "toPython") else o)
                continue
            d = raw.get(s)
            if d is None:
                d = raw[s] = {"types": set(), "actors": set(), "status": set(), "times": {}}
            if kind == _TYPE:
                d["types"].add(o)
            elif kind == _ACTOR:
                d["actors"].add(str(o))
            elif kind == _STATUS:
                d["status"].add(str(o))
            else:
                d["times"].setdefault(_TIME_OF[p], o.toPython() if hasattr(o, "toPython") else o)
        events: dict[str, dict] = {}
        for e, d in raw.items():
            classes = {c for t in d["types"] if t != SEM.Event and (c := _class(t))}
            if (
                SEM.Event not in d["types"]
                or not classes
                or not d["actors"]
                or not (d["status"] - {_NEGATED})
            ):
                continue
            t = d["times"]
            events[str(e)] = {
                "cls": classes,
                "actors": d["actors"],
                "span": _span(t.get(0), t.get(1), t.get(2)),
                "published": published,
            }
        self._add_events(article_iri, events)

    def _add_events(self, article: str, events: dict[str, dict]) -> None:
        number, first = self._next_article, len(self._names)
        self._next_article += 1
        for e, d in events.items():
            span, published = d["span"], d["published"]
            if span is None and published is None:
                continue
            n = len(self._names)
            self._names.append(e)
            self._owner.append(number)
            self._alive.append(1)
            for c in d["cls"]:
                for a in d["actors"]:
                    key = (a, c)
                    if span is not None:
                        lo, hi = span[0].toordinal(), span[1].toordinal()
                        widths = self._dated.get(key)
                        if widths is None:
                            widths = self._dated[key] = {}
                        bucket = widths.get(_width(lo, hi))
                        if bucket is None:
                            bucket = widths[_width(lo, hi)] = _Dated()
                        bucket.add(lo, hi, n)
                    else:
                        undated = self._undated.get(key)
                        if undated is None:
                            undated = self._undated[key] = _Undated()
                        undated.add(published.toordinal(), n)
        self._articles[article] = (number, first, len(self._names))

    def remove(self, article_iri: str) -> None:
        """Forget the events of one article (none known: nothing happens)."""
        known = self._articles.pop(article_iri, None)
        if known is None:
            return
        _number, first, end = known
        for n in range(first, end):
            self._alive[n] = 0
        self._dead += end - first
        if self._dead > max(COMPACT_AFTER, len(self._names) - self._dead):
            self._compact()

    def _compact(self) -> None:
        """Rebuild the arrays without the events of removed articles, numbered again."""
        keep = [n for n in range(len(self._names)) if self._alive[n]]
        new = {old: i for i, old in enumerate(keep)}
        self._names = self._names.select(keep)
        self._owner = array("i", (self._owner[n] for n in keep))
        self._alive = bytearray(b"\x01" * len(keep))
        self._dead = 0
        # every event of an article still indexed is kept, so its events stay consecutive
        self._articles = {
            a: (num, new[first], new[first] + end - first) if end > first else (num, 0, 0)
            for a, (num, first, end) in self._articles.items()
        }
        for widths in self._dated.values():
            for width, b in list(widths.items()):
                fresh = _Dated()
                for f, last, e in zip(b.first, b.last, b.event, strict=True):
                    if e in new:
                        fresh.first.append(f)
                        fresh.last.append(last)
                        fresh.event.append(new[e])
                widths[width] = fresh
        for key, u in list(self._undated.items()):
            fresh_u = _Undated()
            for day, e in zip(u.day, u.event, strict=True):
                if e in new:
                    fresh_u.day.append(day)
                    fresh_u.event.append(new[e])
            self._undated[key] = fresh_u

    # -- the search ---------------------------------------------------------------------------------

    def links(self, article_iri: str, quads: list[tuple]) -> list[tuple]:
        """`kgo:sameEventAs` quads from this article's events to the matching indexed events of
        other articles: what `same_event.links` finds against a store holding the same events."""
        mine, _ = _events_of(quads)
        # same_event.links asks for the article's first MAX_ACTORS actors (sorted) only
        asked = set(sorted({a for d in mine.values() for a in d["actors"]})[:MAX_ACTORS])
        g = URIRef(article_iri)
        out = []
        for e, d in mine.items():
            hits = self._matches(article_iri, d, asked)
            out.extend((e, KGO.sameEventAs, URIRef(other), g) for other in sorted(hits))
        return out

    def _matches(self, me: str, d: dict, asked: set[str]) -> set[str]:
        span, pub = d["span"], d.get("published")
        if span is not None:
            lo, hi = span[0].toordinal(), span[1].toordinal()
            dated_window, undated_window = (lo, hi), (lo - _SLACK, hi + _SLACK)
        elif pub is not None:
            p = pub.toordinal()
            dated_window = undated_window = (p - _SLACK, p + _SLACK)
        else:
            return set()  # an undated report of an undated article matches nothing (same_event._compatible)
        mine = self._articles.get(me, (-1, 0, 0))[0]
        owner, alive = self._owner, self._alive
        found: set[int] = set()
        wlo, whi = dated_window
        ulo, uhi = undated_window
        for a in d["actors"] & asked:
            key = (a, d["cls"])
            for width, b in self._dated.get(key, {}).items():
                # a range of this class is at most 2**width - 1 days long: one starting earlier
                # than that before the window ends before it
                first, last, event = b.first, b.last, b.event
                i, n = bisect.bisect_left(first, wlo - (1 << width) + 1), len(first)
                while i < n and first[i] <= whi:
                    if last[i] >= wlo:
                        found.add(event[i])
                    i += 1
            u = self._undated.get(key)
            if u is not None:
                day, event = u.day, u.event
                i, n = bisect.bisect_left(day, ulo), len(day)
                while i < n and day[i] <= uhi:
                    found.add(event[i])
                    i += 1
        names = self._names
        return {names[e] for e in found if alive[e] and owner[e] != mine}
