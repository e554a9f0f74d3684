"""The timeline read from the events table: the same filters, the same columns and the same rows
as `kg.queries.timeline` asks of the store in SPARQL, answered from memory."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd

from kg.errors import QueryError
from kg.model import EVENT_TYPES, STATUSES
from kg.queries import TIMELINE_COLUMNS
from kg.queries.saved import _as_date, _check, _clusters
from kg.tables import derive
from kg.tables.rows import DATE_COLUMNS, from_iso
from kg.tables.table import EventsTable


def mask(
    table: EventsTable,
    *,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    entities: Sequence[str] = (),
    types: Sequence[str] = (),
    statuses: Sequence[str] = (),
    places: Sequence[str] = (),
    sources: Sequence[str] = (),
    text: str | None = None,
) -> pd.Series:
    """Which rows of the table the filters keep (the filters of `kg.queries.timeline`)."""
    df = table.frame
    keep = pd.Series(True, index=df.index)
    start_d, end_d = _as_date(start, "start"), _as_date(end, "end")
    if start_d and end_d and start_d > end_d:
        raise QueryError(f"start {start_d} is after end {end_d}")
    # an event overlaps the window; one with no time of its own sits on its article's day
    if start_d:
        keep &= df["_hi"].fillna("") >= start_d.isoformat()
    if end_d:
        keep &= df["_lo"].fillna("\uffff") <= end_d.isoformat()
    if entities:
        wanted = set(_clusters(table.canon, entities) if table.canon else map(str, entities))
        keep &= df["actor_iris"].map(lambda a: not wanted.isdisjoint(a))
    if types:
        keep &= df["type"].isin(_check(types, EVENT_TYPES, "event type"))
    if statuses:
        keep &= df["status"].isin([s.lower() for s in _check(statuses, STATUSES, "status")])
    if places:
        inside = derive.places_within([str(p) for p in places], derive.Context(within=table.within))
        keep &= df["place_iri"].isin(inside)
    if sources:
        ids = [str(s) for s in sources]
        keep &= df["source"].isin(ids) | df["publisher"].isin(ids)
    if text:
        needle = text.lower()
        keep &= df["label"].str.lower().str.contains(needle, regex=False, na=False) | df[
            "quotes"
        ].str.contains(needle, regex=False, na=False)
    return keep


def timeline(table: EventsTable, *, limit: int | None = None, **filters: object) -> pd.DataFrame:
    """One row per event, oldest first, filtered; columns as in TIMELINE_COLUMNS (with `limit`,
    the latest `limit` events, still oldest first), as `kg.queries.timeline` gives them."""
    rows = np.flatnonzero(mask(table, **filters).to_numpy())  # type: ignore[arg-type]
    if limit is not None:
        n = int(limit)
        if n < 0:
            raise QueryError(f"limit must be zero or more, not {limit}")
        rows = rows[-n:] if n else rows[:0]
    # only the kept rows of only the timeline's columns are copied (a type alone keeps ~30k of 100k)
    df = table.frame.reindex(columns=TIMELINE_COLUMNS)
    out = df.take(rows).reset_index(drop=True)
    for col in DATE_COLUMNS:
        out[col] = out[col].map(from_iso)
    return out


def date_range(table: EventsTable) -> tuple[dt.date, dt.date] | None:
    """The first and last day any event (its day, its range) or article touches."""
    if table.days is None:
        return None
    return dt.date.fromisoformat(table.days[0]), dt.date.fromisoformat(table.days[1])


def sources(table: EventsTable) -> list[str]:
    """The publishers' names, sorted."""
    return sorted({s for s in table.articles["source"] if isinstance(s, str) and s})
