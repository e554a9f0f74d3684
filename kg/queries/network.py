"""Networks: who met whom (pairs of actors with counts) and the ego network around one entity."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rdflib import URIRef

from kg.errors import QueryError
from kg.graph.namespaces import KGO
from kg.model import EVENT_TYPES, STATUSES
from kg.queries.saved import (
    _SOURCES,
    MEETING_TYPES,
    _as_date,
    _canon,
    _check,
    _Filters,
    _run,
    load,
    node_names,
)
from kg.store import Store, values_block

if TYPE_CHECKING:
    import pandas as pd


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
