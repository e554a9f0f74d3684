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
_ARTICLES = re.compile(r"^[ \t]*#ARTICLES[ \t]*$", re.MULTILINE)
_SLACK = SLACK.days
_NEGATED = str(KGO.Negated)
_TIME_OF = {SEM.hasTimeStamp: 0, SEM.hasEarliestBeginTimeStamp: 1, SEM.hasLatestEndTimeStamp: 2}


def _width(lo: int, hi: int) -> int:
    """The length class of a day range: ranges of about the same length are kept together, so
    that a search's window reaches back only as far as the longest range of its class."""
    return (hi - lo).bit_length()


class EventIndex:
    """Candidate events by (actor, class): dated ones by first day, undated ones by their article's
    day (an undated event whose article has no date never matches, so it is not kept)."""

    def __init__(self) -> None:
        # (actor, class) -> length class -> sorted [(first day, last day, event, article)]
        self._dated: dict[tuple[str, str], dict[int, list[tuple[int, int, str, str]]]] = {}
        # (actor, class) -> sorted [(article's day, event, article)]
        self._undated: dict[tuple[str, str], list[tuple[int, str, str]]] = {}
        self._entries: dict[str, list[tuple[Any, ...]]] = {}  # article -> what it added, to remove
        self._counts: dict[str, int] = {}  # article -> its events kept

    def __len__(self) -> int:
        """The number of events kept."""
        return sum(self._counts.values())

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
        entries = self._entries.setdefault(article, [])
        for e, d in events.items():
            span, published = d["span"], d["published"]
            if span is None and published is None:
                continue
            self._counts[article] = self._counts.get(article, 0) + 1
            for c in d["cls"]:
                for a in d["actors"]:
                    key = (a, c)
                    if span is not None:
                        lo, hi = span[0].toordinal(), span[1].toordinal()
                        item: tuple[Any, ...] = (lo, hi, e, article)
                        bucket = self._dated.setdefault(key, {}).setdefault(_width(lo, hi), [])
                        bisect.insort(bucket, item)
                        entries.append(("dated", key, _width(lo, hi), item))
                    else:
                        item = (published.toordinal(), e, article)
                        bisect.insort(self._undated.setdefault(key, []), item)
                        entries.append(("undated", key, 0, item))

    def remove(self, article_iri: str) -> None:
        """Forget the events of one article (none known: nothing happens)."""
        self._counts.pop(article_iri, None)
        for kind, key, width, item in self._entries.pop(article_iri, ()):
            bucket = self._dated[key][width] if kind == "dated" else self._undated[key]
            i = bisect.bisect_left(bucket, item)
            if i < len(bucket) and bucket[i] == item:
                del bucket[i]

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
        hits: set[str] = set()
        wlo, whi = dated_window
        ulo, uhi = undated_window
        for a in d["actors"] & asked:
            key = (a, d["cls"])
            for width, bucket in self._dated.get(key, {}).items():
                # a range of this class is at most 2**width - 1 days long: one starting earlier
                # than that before the window ends before it
                i, n = bisect.bisect_left(bucket, (wlo - (1 << width) + 1,)), len(bucket)
                while i < n and bucket[i][0] <= whi:
                    _first, last, e, article = bucket[i]
                    if last >= wlo and article != me:
                        hits.add(e)
                    i += 1
            undated = self._undated.get(key, [])
            i, n = bisect.bisect_left(undated, (ulo,)), len(undated)
            while i < n and undated[i][0] <= uhi:
                _day, e, article = undated[i]
                if article != me:
                    hits.add(e)
                i += 1
        return hits
