"""Saved SPARQL: one `.rq` file in kg/queries/ per question, a typed function in front of each.

Every function takes a `Store` and returns a pandas DataFrame. User values (dates, IRIs, words)
are bound as RDF terms through `Store.query(bindings=...)`; the only text added to a saved query
is fixed filter fragments from this module, where a list becomes `?x IN (?p0, ?p1, ...)` with each
placeholder bound separately.

    timeline(store, start=, end=, entities=, types=, statuses=, places=, sources=, text=, limit=)
    ego_network(store, entity_iri, hops=1, cap=200)     edges around one entity
    who_met_whom(store, ...)                             pairs of actors with counts
    roles(store, person_iri)                             titles held, with their evidence
    events_at(store, place_iri)                          the timeline of a place (and places inside it)
    evidence(store, fact_iri)                            the articles and sentences behind a fact
    entities(store, type=None)                           people, organisations, places
    articles(store)                                      what is in the store
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Literal, URIRef

from .errors import QueryError
from .model import ENTITY_TYPES, EVENT_TYPES, STATUSES
from .namespaces import KGO, SCHEMA
from .store import Store, values_block

if TYPE_CHECKING:
    import pandas as pd

QUERY_DIR = Path(__file__).with_name("queries")
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
MEETING_TYPES = ("Meeting", "Summit", "Talks", "Visit", "PhoneCall")
_SOURCES = re.compile(r"^[ \t]*#SOURCES[ \t]*$", re.MULTILINE)
_EVENTS = re.compile(r"^[ \t]*#EVENTS[ \t]*$", re.MULTILINE)
_NARROW = re.compile(r"^[ \t]*#NARROW[ \t]*$", re.MULTILINE)
_MARKER = re.compile(r"^[ \t]*#FILTERS[ \t]*$", re.MULTILINE)


@functools.cache
def load(name: str) -> str:
    """The text of the saved query `name` (kg/queries/<name>.rq)."""
    path = QUERY_DIR / f"{name}.rq"
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        known = ", ".join(sorted(p.stem for p in QUERY_DIR.glob("*.rq")))
        raise QueryError(f"No saved query {name!r}. Known: {known}") from None


def saved_queries() -> dict[str, str]:
    """Every saved query by name (for the CLI's `kg query --saved NAME` and the dashboard)."""
    return {p.stem: load(p.stem) for p in sorted(QUERY_DIR.glob("*.rq"))}


class _Filters:
    """Filter fragments and the bindings they use; placeholders are numbered, values bound."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.narrowing: list[str] = []  # patterns that pick few events, placed first (#NARROW)
        self.bindings: dict[str, Any] = {}

    def bind(self, prefix: str, value: Any) -> str:
        name = f"{prefix}{len(self.bindings)}"
        self.bindings[name] = value
        return "?" + name

    def one_of(self, values: Sequence[Any], prefix: str) -> str:
        return ", ".join(self.bind(prefix, v) for v in values)

    def add(self, line: str) -> None:
        self.lines.append(line)

    def narrow(self, pattern: str) -> None:
        self.narrowing.append(pattern)

    def apply(self, query: str) -> str:
        out, n = _MARKER.subn(lambda _m: "\n".join("  " + ln for ln in self.lines), query, count=1)
        if n != 1:
            raise QueryError("saved query has no #FILTERS line")
        if self.narrowing:
            out, n = _NARROW.subn(lambda _m: "\n".join("  " + ln for ln in self.narrowing), out, count=1)
            if n != 1:
                raise QueryError("saved query has no #NARROW line for an entity filter")
        return out


def _iri(value: str | URIRef) -> URIRef:
    return value if isinstance(value, URIRef) else URIRef(str(value))


def _as_date(value: dt.date | str | None, what: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise QueryError(f"{what} must be a date like 2023-06-19, not {value!r}") from None


def _check(values: Iterable[str], valid: Sequence[str], what: str) -> list[str]:
    out = []
    lookup = {v.casefold(): v for v in valid}
    for v in values:
        if v.casefold() not in lookup:
            raise QueryError(f"Unknown {what} {v!r}. Choose from: {', '.join(valid)}")
        out.append(lookup[v.casefold()])
    return out


def _run(
    store: Store, query: str, bindings: dict[str, Any], columns: list[str] | None = None
) -> pd.DataFrame:
    df = store.query(query, bindings=bindings).to_dataframe()
    if columns is not None:
        df = df.reindex(columns=columns)
    return df


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
    # reports of one happening in several articles share a `same_event` id (kg.reports)
    from .reports import clusters

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


def _canon(store: Store) -> dict[str, str]:
    """Merged entity -> canonical entity, from the curation graph (see kg.curation)."""
    from .curation import canonical_map

    return canonical_map(store)


def _clusters(canon: dict[str, str], iris: Sequence[str]) -> list[str]:
    """The given entities and every entity merged with them."""
    roots = {canon.get(str(i), str(i)) for i in iris}
    return sorted(roots | {a for a, b in canon.items() if b in roots})


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


def who_met_whom(
    store: Store,
    *,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    types: Sequence[str] = MEETING_TYPES,
    statuses: Sequence[str] = ("occurred",),
    min_count: int = 1,
) -> pd.DataFrame:
    """Pairs of actors who share events (by default: meetings that took place), most frequent first.

    Columns: a, a_name, b, b_name, count, first, last, types.
    """
    f = _Filters()
    start_d, end_d = _as_date(start, "start"), _as_date(end, "end")
    if start_d:
        f.add(f"FILTER(COALESCE(?to, ?published) >= {f.bind('start', start_d)})")
    if end_d:
        f.add(f"FILTER(COALESCE(?from, ?published) <= {f.bind('end', end_d)})")
    if types:
        ids = f.one_of([KGO[t] for t in _check(types, EVENT_TYPES, "event type")], "type")
        f.add(f"FILTER(?type_iri IN ({ids}))")
    if statuses:
        ids = f.one_of([KGO[s.capitalize()] for s in _check(statuses, STATUSES, "status")], "status")
        f.add(f"FILTER(?status IN ({ids}))")
    query = f.apply(load("who_met_whom"))
    if min_count > 1:
        query = query.replace("ORDER BY", f"HAVING (COUNT(DISTINCT ?event) >= {int(min_count)})\nORDER BY", 1)
    columns = ["a", "a_name", "b", "b_name", "count", "first", "last", "types"]
    df = _run(store, query, f.bindings, columns)
    canon = _canon(store)
    if not canon or not len(df):
        return df
    names = node_names(store, sorted(set(canon.values())))
    for end in ("a", "b"):
        df[end + "_name"] = [
            names.get(canon[i], (n, ""))[0] if i in canon else n
            for i, n in zip(df[end], df[end + "_name"], strict=True)
        ]
        df[end] = df[end].map(lambda i: canon.get(i, i))
    df = df[df["a"] != df["b"]]
    swap = df["a"] > df["b"]
    df.loc[swap, ["a", "a_name", "b", "b_name"]] = df.loc[swap, ["b", "b_name", "a", "a_name"]].to_numpy()
    df = df.groupby(["a", "a_name", "b", "b_name"], as_index=False).agg(
        count=("count", "sum"), first=("first", "min"), last=("last", "max"),
        types=("types", lambda t: " ".join(sorted({w for x in t for w in str(x).split()}))),
    )  # fmt: skip
    return df.sort_values(["count", "a_name"], ascending=[False, True]).reset_index(drop=True)[columns]


def ego_network(store: Store, entity_iri: str, *, hops: int = 1, cap: int = 200) -> pd.DataFrame:
    """The edges within `hops` steps of an entity, at most `cap` nodes, nearest first.

    Columns: source, source_name, source_type, target, target_name, target_type, relation
    ("met": shared an event that took place; "linked": a planned/cancelled/... event; "role": held
    a role for), label (the role title), weight (how many facts), first, last (dates).
    """
    import pandas as pd

    if hops < 1 or cap < 1:
        raise QueryError(f"hops and cap must be at least 1 (got hops={hops}, cap={cap})")
    seen: dict[str, int] = {str(entity_iri): 0}
    frontier = [str(entity_iri)]
    frames = []
    for hop in range(1, hops + 1):
        if not frontier:
            break
        block = values_block("source", [URIRef(n) for n in frontier])
        query = _SOURCES.sub(lambda _m, b=block: "    " + b, load("ego"))
        df = _run(store, query, {})
        frames.append(df)
        frontier = []
        for target in df["target"] if len(df) else []:
            if target not in seen and len(seen) < cap:
                seen[target] = hop
                frontier.append(target)
    columns = ["source", "target", "relation", "label", "weight", "first", "last"]
    edges = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    edges = edges.reindex(columns=columns)
    edges = edges[edges["source"].isin(seen) & edges["target"].isin(seen)]
    # A met-edge is found from both ends; keep one per unordered pair.
    key = edges.apply(lambda r: (*sorted((r["source"], r["target"])), r["relation"], r["label"]), axis=1)
    edges = edges.loc[~key.duplicated()] if len(edges) else edges
    names = node_names(store, list(seen))
    for end in ("source", "target"):
        edges.insert(
            edges.columns.get_loc(end) + 1, f"{end}_name", edges[end].map(lambda n: names.get(n, ("", ""))[0])
        )
        edges.insert(
            edges.columns.get_loc(end) + 2, f"{end}_type", edges[end].map(lambda n: names.get(n, ("", ""))[1])
        )
    return edges.sort_values(
        ["weight", "source_name", "target_name"], ascending=[False, True, True]
    ).reset_index(drop=True)


def node_names(store: Store, iris: Sequence[str]) -> dict[str, tuple[str, str]]:
    """IRI -> (name, kind) for the given entity IRIs."""
    out: dict[str, tuple[str, str]] = {}
    for i in range(0, len(iris), 200):  # keeps each query's placeholder list short
        f = _Filters()
        ids = f.one_of([URIRef(n) for n in iris[i : i + 200]], "n")
        f.add(f"FILTER(?node IN ({ids}))")
        for node, name, kind in store.query(f.apply(load("names")), bindings=f.bindings).rows:
            out[node] = (name or "", kind or "")
    return out


def roles(store: Store, person_iri: str) -> pd.DataFrame:
    """The roles a person is said to hold: title, of (country/organisation), article, date, quote."""
    import pandas as pd

    columns = ["title", "of", "of_iri", "article", "headline", "date", "quote", "start", "end", "membership"]
    cluster = _clusters(_canon(store), [person_iri])
    frames = [_run(store, load("roles"), {"person": _iri(p)}, columns) for p in cluster]
    df = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    # "President Trump" in one article and "U.S. President Trump" in another are one office:
    # a title stated without its country takes the country it is stated with elsewhere, if only one
    if len(df):
        key = df["title"].astype(str).str.casefold()
        for title in set(key[df["of"].isna()]):
            known = df[(key == title) & df["of"].notna()][["of", "of_iri"]].drop_duplicates()
            if len(known) == 1:
                gap = (key == title) & df["of"].isna()
                df.loc[gap, "of"] = known.iloc[0]["of"]
                df.loc[gap, "of_iri"] = known.iloc[0]["of_iri"]
    return df


EVIDENCE_COLUMNS = ["article", "headline", "published", "source", "url", "quote", "start", "end",
                    "confidence", "extractor", "version", "annotation"]  # fmt: skip


def evidence(store: Store, fact_iri: str) -> pd.DataFrame:
    """The articles and sentences behind a fact (event or role held), one row per annotation."""
    return _run(store, load("evidence"), {"fact": _iri(fact_iri)}, EVIDENCE_COLUMNS)


def entities(store: Store, type: str | None = None) -> pd.DataFrame:
    """Entities with name, type, aliases, n_events, n_articles; `type` is Person, Organization or Place."""
    f = _Filters()
    if type is not None:
        (t,) = _check([type], ENTITY_TYPES, "entity type")
        f.add(f"FILTER(?class = {f.bind('class', SCHEMA[t])})")
    columns = ["entity", "name", "type", "aliases", "n_events", "n_articles"]
    df = _run(store, f.apply(load("entities")), f.bindings, columns)
    canon = _canon(store)
    if not canon or not len(df):
        return df
    # a merged entity's names become aliases of the one it was merged into
    extra: dict[str, list[str]] = {}
    counts: dict[str, tuple[int, int]] = {}
    for row in df[df["entity"].isin(canon)].itertuples():
        c = canon[row.entity]
        extra.setdefault(c, []).extend([row.name, *[a for a in str(row.aliases or "").split("; ") if a]])
        e, a = counts.get(c, (0, 0))
        counts[c] = (e + int(row.n_events or 0), a + int(row.n_articles or 0))
    df = df[~df["entity"].isin(canon)].copy()
    for i, row in df.iterrows():
        if row["entity"] in extra:
            have = [a for a in str(row["aliases"] or "").split("; ") if a]
            df.at[i, "aliases"] = "; ".join(
                dict.fromkeys(have + [x for x in extra[row["entity"]] if x != row["name"]])
            )
            e, a = counts[row["entity"]]
            df.at[i, "n_events"] = int(row["n_events"] or 0) + e
            df.at[i, "n_articles"] = int(row["n_articles"] or 0) + a
    return df.reset_index(drop=True)


def articles(store: Store) -> pd.DataFrame:
    """Every stored article: article, headline, published, source, url, content_hash, n_events."""
    columns = ["article", "headline", "published", "source", "url", "content_hash", "n_events"]
    return _run(store, load("articles"), {}, columns)


def article_text(store: Store, article_iri: str) -> str | None:
    """The stored text of an article (the offsets of every evidence selector index into it)."""
    r = store.query(
        "SELECT ?body WHERE { GRAPH ?a { ?a schema:articleBody ?body } } LIMIT 1",
        bindings={"a": _iri(article_iri)},
    )
    return r.rows[0][0] if r.rows else None


def reports(store: Store, event_iri: str) -> pd.DataFrame:
    """Every report of the same happening as `event_iri` (kg.reports): event, status, article, headline,
    published, source, quote — one row per event, this one included."""
    import pandas as pd

    from .reports import clusters

    groups = clusters(store)
    root = groups.get(str(event_iri), str(event_iri))
    members = sorted(e for e, r in groups.items() if r == root) or [str(event_iri)]
    rows = []
    for e in members:
        status = store.query(
            "SELECT ?s WHERE { GRAPH ?g { ?e kgo:status ?s } } LIMIT 1", bindings={"e": URIRef(e)}
        ).rows
        ev = evidence(store, e)
        first = ev.iloc[0].to_dict() if len(ev) else {}
        rows.append(
            {
                "event": e,
                "status": str(status[0][0]).rsplit("#", 1)[-1].lower() if status else None,
                **{k: first.get(k) for k in ("article", "headline", "published", "source", "quote")},
            }
        )
    return pd.DataFrame(
        rows, columns=["event", "status", "article", "headline", "published", "source", "quote"]
    )


def date_range(store: Store) -> tuple[dt.date, dt.date] | None:
    """The first and last day any event or article of the store touches, or None when empty."""
    rows = store.query(load("date_range")).rows
    first, last = rows[0] if rows else (None, None)
    if not isinstance(first, dt.date) or not isinstance(last, dt.date):
        return None
    return first, last
