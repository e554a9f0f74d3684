"""The timeline: events with their dates, actors, places, evidence and reports, filtered as the dashboard asks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rdflib import Literal, URIRef

from kg.errors import QueryError
from kg.graph.namespaces import KGO
from kg.model import EVENT_TYPES, STATUSES
from kg.queries.saved import (
    _EVENTS,
    _as_date,
    _canon,
    _check,
    _clusters,
    _Filters,
    _iri,
    _run,
    load,
    node_names,
)
from kg.store import Store, values_block

if TYPE_CHECKING:
    import pandas as pd


TIMELINE_COLUMNS = [
    "event",
    "label",
    "type",
    "status",
    "time_value",
    "time_phrase",
    "timestamp",
    "earliest",
    "latest",
    "date",
    "participants",
    "participant_iris",
    "place",
    "place_iri",
    "article_iri",
    "headline",
    "published",
    "source",
    "quote",
    "start",
    "end",
    "confidence",
    "same_event",
    "reports",
]


def timeline(
    store: Store,
    *,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    entities: Sequence[str] = (),
    types: Sequence[str] = (),
    statuses: Sequence[str] = (),
    places: Sequence[str] = (),
    sources: Sequence[str] = (),
    text: str | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """One row per event, oldest first, filtered; columns as in TIMELINE_COLUMNS.

    With `limit`, the latest `limit` events are kept (still oldest first).

    start/end keep events whose time overlaps [start, end] (events with no time of their own are
    placed on their article's date). entities and places are IRIs (places match places inside
    them too, e.g. a country); types like "Meeting"; statuses like "planned"; sources are
    publisher names or IRIs; text is matched case-insensitively in the label and the quote.
    """
    canon = _canon(store)
    if entities and canon:
        entities = _clusters(canon, entities)
    f = timeline_filters(
        start=start,
        end=end,
        entities=entities,
        types=types,
        statuses=statuses,
        places=places,
        sources=sources,
        text=text,
    )
    df = _run(store, f.apply(load("timeline")), f.bindings)
    if len(df):
        # one row per event, oldest first (the core query streams unsorted); the limit applies
        # here, so the per-event lookups below run for the kept events only
        df = df.drop_duplicates(subset=["event"])
        df["_day"] = df["date"].map(lambda d: d.isoformat() if isinstance(d, dt.date) else str(d or ""))
        df = df.sort_values(["_day", "event"], kind="stable").drop(columns=["_day"]).reset_index(drop=True)
    if limit is not None:
        # the latest events: what a researcher looking at a capped timeline wants first
        n = int(limit)
        if n < 0:
            raise QueryError(f"limit must be zero or more, not {limit}")
        df = df.tail(n).reset_index(drop=True) if n else df.head(0)
    events = list(df["event"]) if len(df) else []
    # the four lookups are independent and the engine releases the GIL: ask them side by side
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=4) as pool:
        details_f = pool.submit(
            _per_event,
            store,
            "details",
            events,
            ["event", "time_value", "time_phrase", "confidence", "headline"],
        )
        quotes_f = pool.submit(_per_event, store, "quotes", events, ["event", "quote", "start", "end"])
        pairs_f = pool.submit(_actor_pairs, store, events)
        places_f = pool.submit(_per_event, store, "places", events, ["event", "place_iri", "place"])
        details, quotes, pairs, places_df = (
            details_f.result(),
            quotes_f.result(),
            pairs_f.result(),
            places_f.result(),
        )
    df = df.merge(details.drop_duplicates(subset=["event"]), on="event", how="left")
    df = df.drop(columns=[c for c in ("quote", "start", "end") if c in df.columns]).merge(
        quotes, on="event", how="left"
    )
    if canon and pairs:
        pairs = _merge_pairs(store, canon, pairs)
    places_df = places_df.drop_duplicates(subset=["event"])
    df = df.drop(columns=[c for c in ("place", "place_iri") if c in df.columns]).merge(
        places_df, on="event", how="left"
    )
    df["participants"] = ["; ".join(name for _, name in p) for p in pairs]
    df["participant_iris"] = [" ".join(iri for iri, _ in p) for p in pairs]
    # reports of one happening in several articles share a `same_event` id (kg.resolve.same_event)
    from kg.resolve.same_event import clusters

    groups = clusters(store)
    sizes: dict[str, int] = {}
    for root in groups.values():
        sizes[root] = sizes.get(root, 0) + 1
    df["same_event"] = [groups.get(e, e) for e in df["event"]] if len(df) else []
    df["reports"] = [sizes.get(groups.get(e, e), 1) for e in df["event"]] if len(df) else []
    return df.reindex(columns=TIMELINE_COLUMNS)


QUOTE_CHUNK = 500  # events per lookup query (quotes, actors, places)


def _per_event(store: Store, name: str, events: Sequence[str], columns: list[str]) -> pd.DataFrame:
    """The saved query `name` run for these events only, in chunks (a VALUES block each)."""
    import pandas as pd

    frames = []
    for i in range(0, len(events), QUOTE_CHUNK):
        block = values_block("event", [URIRef(e) for e in events[i : i + QUOTE_CHUNK]])
        q = _EVENTS.sub(lambda _m, b=block: "  " + b, load(name), count=1)
        frames.append(_run(store, q, {}, columns))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)


def _actor_pairs(store: Store, events: list[str]) -> list[list[tuple[str, str]]]:
    """For each event, its (actor IRI, name) pairs sorted by name."""
    rows = _per_event(store, "actors", events, ["event", "actor", "actor_name"])
    by_event: dict[str, dict[str, str]] = {}
    for e, a, n in rows.itertuples(index=False):
        by_event.setdefault(e, {})[a] = n if isinstance(n, str) and n else a
    return [sorted(by_event.get(e, {}).items(), key=lambda p: (p[1], p[0])) for e in events]


def _merge_pairs(store: Store, canon: dict[str, str], pairs: list) -> list:
    """(iri, name) lists with merged entities shown as their canonical entity."""
    names = node_names(store, sorted(set(canon.values())))
    out = []
    for p in pairs:
        seen = {}
        for iri, name in p:
            c = canon.get(iri, iri)
            seen.setdefault(c, names.get(c, (name, ""))[0] or name if c != iri else name)
        out.append(sorted(seen.items(), key=lambda x: (x[1], x[0])))
    return out


def _actors(joined: object) -> list[tuple[str, str]]:
    """ "IRI name" lines -> (iri, name) pairs sorted by name (SPARQL gives no order)."""
    pairs = [
        tuple(line.split(" ", 1))
        for line in (joined if isinstance(joined, str) else "").splitlines()
        if line.strip()
    ]
    return sorted(((p[0], p[1] if len(p) > 1 else p[0]) for p in pairs), key=lambda p: (p[1], p[0]))


def timeline_filters(
    *,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    entities: Sequence[str] = (),
    types: Sequence[str] = (),
    statuses: Sequence[str] = (),
    places: Sequence[str] = (),
    sources: Sequence[str] = (),
    text: str | None = None,
) -> _Filters:
    """The filter fragments and bindings of `timeline` (reused by exports of a filtered subgraph)."""
    f = _Filters()
    start_d, end_d = _as_date(start, "start"), _as_date(end, "end")
    if start_d and end_d and start_d > end_d:
        raise QueryError(f"start {start_d} is after end {end_d}")
    # An event with no time of its own is placed on its article's date.
    if start_d:
        f.add(f"FILTER(COALESCE(?to, ?published_) >= {f.bind('start', start_d)})")
    if end_d:
        f.add(f"FILTER(COALESCE(?from, ?published_) <= {f.bind('end', end_d)})")
    if entities:
        # the events of a few actors first: the engine starts from them instead of filtering all
        alternatives = [
            f"{{ GRAPH ?article {{ ?event sem:hasActor {f.bind('entity', _iri(e))} }} }}" for e in entities
        ]
        f.narrow(" UNION ".join(alternatives))
    if types:
        ids = f.one_of([KGO[t] for t in _check(types, EVENT_TYPES, "event type")], "type")
        f.add(f"FILTER(?type_iri IN ({ids}))")
    if statuses:
        ids = f.one_of([KGO[s.capitalize()] for s in _check(statuses, STATUSES, "status")], "status")
        f.add(f"FILTER(?status_iri IN ({ids}))")
    if places:
        ids = f.one_of([_iri(p) for p in places], "place")
        # A filter only sees its own group, so the place test and its ancestors share one group.
        f.add(
            "FILTER EXISTS { GRAPH ?article { ?event sem:hasPlace ?where_ } "
            "OPTIONAL { GRAPH ?within_g { ?where_ schema:containedInPlace+ ?within_ } } "
            f"FILTER(?where_ IN ({ids}) || ?within_ IN ({ids})) }}"
        )
    if sources:
        ids = f.one_of([s if isinstance(s, URIRef) else Literal(str(s)) for s in sources], "source")
        f.add(f"FILTER(?source_ IN ({ids}) || ?publisher IN ({ids}))")
    if text:
        needle = f.bind("text", Literal(text.lower()))
        # the label, or the sentence behind the event (looked up per event, only for this filter)
        f.add(
            f"FILTER(CONTAINS(LCASE(?label_), {needle}) || EXISTS {{ GRAPH ?article {{ "
            f"?text_annotation_ oa:hasBody ?event ; oa:hasTarget/oa:hasSelector/oa:exact ?text_quote_ }} "
            f"FILTER(CONTAINS(LCASE(?text_quote_), {needle})) }})"
        )
    return f


def events_at(store: Store, place_iri: str, **filters: Any) -> pd.DataFrame:
    """The timeline of events at a place or at places inside it (a city in a country)."""
    return timeline(store, places=(place_iri,), **filters)
