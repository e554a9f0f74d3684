"""The store the dashboard reads, and the queries it caches: every cache key carries the store's
version (its generation, one lookup), so an ingest shows at once (the TTL only bounds memory).

The timeline, its filters and counts are read from the events table (`kg.tables`), built once
per store version beside the store and shared by every session; the other lookups are SPARQL
queries cached per version.

    cache.open_or_explain()          the read-only store, or a friendly empty (or damaged) state and st.stop()
    cache.timeline(store, filters)   the events of the sidebar's selection, from the events table
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.filters import Filters
from dashboard.messages import damaged_state, empty_state
from kg import queries as q
from kg import tables
from kg.errors import KGError, StoreDamagedError
from kg.store import OxigraphStore, Store, default_store_path, open_store
from kg.store.pool import QueryPool

CACHE_TTL = 600  # seconds; the store version in every cache key makes new ingests show at once
QUERY_TIMEOUT = 20.0
QUERY_WORKERS = 2  # processes that run the SPARQL page's queries (killed at the query's time limit)


# -- the store ----------------------------------------------------------------------------------
def store_path() -> str:
    """The store directory the dashboard reads: $KG_STORE, else ./kg-store."""
    return str(os.environ.get("KG_STORE") or default_store_path())


@st.cache_resource(show_spinner="Opening the store…")
def opened(path: str) -> Store:
    """The read-only store at `path`, opened once per server process."""
    return open_store(path, read_only=True)


@st.cache_resource(show_spinner="Starting the query workers…")
def query_pool(path: str) -> QueryPool:
    """The worker processes that run users' SPARQL for every session of this server (kg.store.pool)."""
    return QueryPool(path, workers=QUERY_WORKERS)


def user_query_runner(store: Store):
    """Where a user's query runs: the worker pool for a store on disk, else the store itself."""
    if isinstance(store, OxigraphStore) and store.path is not None:
        return query_pool(str(store.path))
    return store


def open_or_explain(*, allow_empty: bool = False) -> Store:
    """The read-only store; when there is none (or it is empty) a friendly explanation and st.stop()."""
    path = store_path()
    if not Path(path).is_dir():
        empty_state(path, f"There is no store at `{path}` yet.")
        st.stop()
    try:
        store = opened(path)
        # damage that opening does not notice can show in the first query that reads it
        n_articles = None if allow_empty else version(store)[0]
    except StoreDamagedError as exc:
        damaged_state(path, exc.detail or str(exc))
        st.stop()
    except KGError as exc:
        st.error(f"Cannot open the store at `{path}`: {exc}")
        st.stop()
    if not allow_empty and n_articles == 0:
        empty_state(path, f"The store at `{path}` holds no articles yet.")
        st.stop()
    return store


def version(store: Store) -> tuple[int, str]:
    """(number of articles, the store's version): changes whenever a write commits.

    The version is one lookup (`Store.version`, the store's generation); the article count comes
    with the events table of that version.
    """
    t = events_table(store)
    return len(t.articles), t.version


@st.cache_resource(show_spinner=False)
def _table_box(path: str) -> dict:
    """The events table of the store at `path`, shared by every session (and its lock)."""
    return {"lock": threading.Lock(), "table": None}


def events_table(store: Store) -> tables.EventsTable:
    """The events table of the store's current version: in memory, or read from beside the store,
    or brought up to date from the articles that changed (once, whichever session asks first)."""
    path = store_path()
    box = _table_box(path)
    ver = store.version()
    t = box["table"]
    if t is not None and t.version == ver:
        return t
    with box["lock"], st.spinner("Bringing the events table up to date…"):
        t = tables.refresh(store, tables.table_dir(path), known=box["table"])
        box["table"] = t
    return t


def key(store: Store) -> tuple[str, str]:
    """The cache key of the store's current content: its path and version (one lookup)."""
    return store_path(), store.version()


# -- cached queries (the store is looked up by path; `ver` only keys the cache) ------------------
@st.cache_data(ttl=CACHE_TTL, show_spinner="Querying articles…")
def _articles(path: str, ver: str) -> pd.DataFrame:
    return q.articles(opened(path))


@st.cache_data(ttl=CACHE_TTL, show_spinner="Reading the article…")
def _article_parts(path: str, ver: str, article: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    s = opened(path)
    return (
        q.annotations(s, article, timeout=QUERY_TIMEOUT),
        q.mentions(s, article, timeout=QUERY_TIMEOUT),
    )


def timeline(store: Store, f: Filters, *, limit: int | None = None) -> pd.DataFrame:
    """The events of the selection (what kg.queries.timeline gives), from the events table."""
    return tables.timeline(events_table(store), **f.kwargs(), limit=limit)


def count(store: Store, f: Filters) -> int:
    """How many events the selection holds (no rows are built)."""
    return int(tables.mask(events_table(store), **f.kwargs()).sum())


def date_bounds(store: Store) -> tuple[dt.date, dt.date] | None:
    """The first and last day any event (or its range) touches."""
    return tables.date_range(events_table(store))


def sources(store: Store) -> list[str]:
    """The publishers of the stored articles, sorted."""
    return tables.sources(events_table(store))


def entities(store: Store) -> pd.DataFrame:
    """kg.queries.entities, asked once per store version (kept with the events table)."""
    return events_table(store).lookups["entities"]


def articles(store: Store) -> pd.DataFrame:
    """kg.queries.articles, cached."""
    return _articles(*key(store))


def roles(store: Store) -> pd.DataFrame:
    """Every role held in the store (person, title, org, first/last attested), once per version."""
    return events_table(store).lookups["roles"]


def places(store: Store) -> pd.DataFrame:
    """Every place with coordinates and country, once per version."""
    return events_table(store).lookups["places"]


def article_parts(store: Store, article: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """An article's annotated passages and the names of the entities in it (cached)."""
    path, ver = key(store)
    return _article_parts(path, ver, article)


def kinds(store: Store) -> dict[str, str]:
    """Entity IRI -> Person / Organization / Place."""
    ents = entities(store)
    return dict(zip(ents["entity"], ents["type"], strict=True))


def countries(store: Store) -> dict[str, str]:
    """Actor IRI -> the country it belongs to (a role's country, a place's country, a country itself)."""
    kind = kinds(store)
    out: dict[str, str] = {}
    pl = places(store)
    for rec in pl.to_dict("records"):
        country = rec.get("country_name")
        out[rec["place"]] = country if isinstance(country, str) and country else rec["name"]
    for rec in roles(store).to_dict("records"):
        if kind.get(rec["org"]) == "Place" and isinstance(rec.get("org_name"), str):
            out.setdefault(rec["person"], out.get(rec["org"], rec["org_name"]))
    return out
