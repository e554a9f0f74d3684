"""What the events table adds per store version: names, merges and reports of the same event.

These change without the article that states an event changing (a later article names a person
more fully, a researcher merges two entities, a new report of the same meeting arrives), so they
are read again for every version, from small store-wide lookups, and applied to every row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from kg.resolve.curation import canonical_map
from kg.resolve.same_event import clusters
from kg.store import Store, read_query


@dataclass(frozen=True)
class Context:
    """The store-wide lookups of one version."""

    names: dict[str, str] = field(default_factory=dict)  # node IRI -> name
    canon: dict[str, str] = field(default_factory=dict)  # merged entity -> canonical entity
    groups: dict[str, str] = field(default_factory=dict)  # event -> its group of reports
    within: dict[str, tuple[str, ...]] = field(default_factory=dict)  # place -> places it lies in


def read_context(store: Store) -> Context:
    """The names, merges, report groups and place hierarchy of the store as it is now."""
    names = {n: str(v) for n, v in store.query(read_query("kg.tables", "names"), timeout=None).rows if v}
    within: dict[str, list[str]] = {}
    for p, w in store.query(read_query("kg.tables", "within"), timeout=None).rows:
        within.setdefault(p, []).append(w)
    return Context(
        names=names,
        canon=canonical_map(store, timeout=None),
        groups=clusters(store, timeout=None),
        within={p: tuple(sorted(ws)) for p, ws in within.items()},
    )


def participants(actor_iris: list[str], ctx: Context) -> list[tuple[str, str]]:
    """(IRI, name) of an event's actors, merged entities shown as their canonical one, by name."""
    pairs = sorted(((a, ctx.names.get(a) or a) for a in actor_iris), key=lambda p: (p[1], p[0]))
    if not ctx.canon:
        return pairs
    seen: dict[str, str] = {}
    for iri, name in pairs:
        c = ctx.canon.get(iri, iri)
        seen.setdefault(c, (ctx.names.get(c) or name) if c != iri else name)
    return sorted(seen.items(), key=lambda p: (p[1], p[0]))


def apply(raw: pd.DataFrame, ctx: Context, *, copy: bool = True) -> pd.DataFrame:
    """The raw rows with the derived columns of this version (participants, names, reports);
    `copy=False` adds them to `raw` itself."""
    df = raw.copy() if copy else raw
    pairs = [participants(list(a), ctx) for a in df["actor_iris"]]
    df["participants"] = ["; ".join(name for _, name in p) for p in pairs]
    df["participant_iris"] = [" ".join(iri for iri, _ in p) for p in pairs]
    df["place"] = df["place_iri"].map(lambda p: ctx.names.get(p) if isinstance(p, str) else None)
    df["source"] = df["publisher"].map(lambda p: ctx.names.get(p) if isinstance(p, str) else None)
    sizes: dict[str, int] = {}
    for root in ctx.groups.values():
        sizes[root] = sizes.get(root, 0) + 1
    df["same_event"] = [ctx.groups.get(e, e) for e in df["event"]]
    df["reports"] = [sizes.get(ctx.groups.get(e, e), 1) for e in df["event"]]
    return df


def places_within(places: list[str], ctx: Context) -> set[str]:
    """The given places and every place that lies in one of them, at any depth."""
    wanted = set(places)
    out = set(wanted)
    for p in ctx.within:
        stack, seen = [p], set()
        while stack:
            x = stack.pop()
            if x in wanted:
                out.add(p)
                break
            for w in ctx.within.get(x, ()):
                if w not in seen:
                    seen.add(w)
                    stack.append(w)
    return out
