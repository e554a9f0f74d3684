"""Store-wide tables: every role held, every place with its coordinates, every meeting, and the
store's content version (it changes whenever an ingest commits)."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from kg.queries.saved import load
from kg.store import DEFAULT_TIMEOUT, Store

if TYPE_CHECKING:
    import pandas as pd

MEMBERSHIP_COLUMNS = ["person", "person_name", "title", "org", "org_name", "first", "last", "articles"]
GAZETTEER_COLUMNS = ["place", "name", "lat", "long", "country", "country_name"]
MEETING_COLUMNS = ["event", "label", "date"]


def _table(store: Store, name: str, columns: list[str], timeout: float | None) -> pd.DataFrame:
    return store.query(load(name), timeout=timeout).to_dataframe().reindex(columns=columns)


def memberships(store: Store, *, timeout: float | None = DEFAULT_TIMEOUT) -> pd.DataFrame:
    """Every role held: person, title, org (with names), first and last attested, number of articles."""
    return _table(store, "memberships", MEMBERSHIP_COLUMNS, timeout)


def gazetteer(store: Store, *, timeout: float | None = DEFAULT_TIMEOUT) -> pd.DataFrame:
    """Every place: name, lat, long (WGS84) and the country it lies in (IRI and name)."""
    return _table(store, "gazetteer", GAZETTEER_COLUMNS, timeout)


def meetings(store: Store, *, timeout: float | None = DEFAULT_TIMEOUT) -> pd.DataFrame:
    """Every meeting (kgo:Meeting): event, label, date, oldest first."""
    return _table(store, "meetings", MEETING_COLUMNS, timeout)


def content_version(store: Store, *, timeout: float | None = DEFAULT_TIMEOUT) -> tuple[int, str]:
    """(number of articles, a 16-digit digest of their content hashes): both change with every ingest."""
    rows = store.query(load("content_version"), timeout=timeout).rows
    n, hashes = rows[0] if rows else (0, "")
    return int(n or 0), hashlib.sha1(str(hashes or "").encode()).hexdigest()[:16]
