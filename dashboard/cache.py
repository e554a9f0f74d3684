"""The store the dashboard reads, and the queries it caches: every cache key carries the store's
content version, so an ingest shows at once (the TTL only bounds memory).

    cache.open_or_explain()          the read-only store, or a friendly empty state and st.stop()
    cache.timeline(store, filters)   kg.queries.timeline for the sidebar's selection, cached
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.filters import Filters
from dashboard.messages import empty_state
from kg import queries as q
from kg.errors import KGError
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
    except KGError as exc:
        st.error(f"Cannot open the store at `{path}`: {exc}")
        st.stop()
    if not allow_empty and version(store)[0] == 0:
        empty_state(path, f"The store at `{path}` holds no articles yet.")
        st.stop()
    return store


def version(store: Store) -> tuple[int, str]:
    """(number of articles, digest of their content hashes): changes whenever an ingest commits."""
    return q.content_version(store, timeout=QUERY_TIMEOUT)


def key(store: Store) -> tuple[str, tuple[int, str]]:
    """The cache key of the store's current content."""
    return store_path(), version(store)


# -- cached queries (the store is looked up by path; `ver` only keys the cache) ------------------
@st.cache_data(ttl=CACHE_TTL, show_spinner="Querying events…", max_entries=64)
def _timeline(path: str, ver: tuple[int, str], f: Filters, limit: int | None) -> pd.DataFrame:
    return q.timeline(opened(path), **f.kwargs(), limit=limit)


@st.cache_data(ttl=CACHE_TTL, show_spinner="Querying dates…")
def _date_range(path: str, ver: tuple[int, str]) -> tuple[dt.date, dt.date] | None:
    return q.date_range(opened(path))


@st.cache_data(ttl=CACHE_TTL, show_spinner="Querying entities…")
def _entities(path: str, ver: tuple[int, str]) -> pd.DataFrame:
    return q.entities(opened(path))


@st.cache_data(ttl=CACHE_TTL, show_spinner="Querying articles…")
def _articles(path: str, ver: tuple[int, str]) -> pd.DataFrame:
    return q.articles(opened(path))


@st.cache_data(ttl=CACHE_TTL, show_spinner="Querying roles…")
def _roles(path: str, ver: tuple[int, str]) -> pd.DataFrame:
    return q.memberships(opened(path), timeout=QUERY_TIMEOUT)


@st.cache_data(ttl=CACHE_TTL, show_spinner="Querying places…")
def _places(path: str, ver: tuple[int, str]) -> pd.DataFrame:
    return q.gazetteer(opened(path), timeout=QUERY_TIMEOUT)


@st.cache_data(ttl=CACHE_TTL, show_spinner="Reading the article…")
def _article_parts(path: str, ver: tuple[int, str], article: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    s = opened(path)
    return (
        q.annotations(s, article, timeout=QUERY_TIMEOUT),
        q.mentions(s, article, timeout=QUERY_TIMEOUT),
    )


def timeline(store: Store, f: Filters, *, limit: int | None = None) -> pd.DataFrame:
    """kg.queries.timeline for the filters, cached until the store changes."""
    path, ver = key(store)
    return _timeline(path, ver, f, limit)


def date_bounds(store: Store) -> tuple[dt.date, dt.date] | None:
    """The first and last day any event (or its range) touches."""
    return _date_range(*key(store))


def entities(store: Store) -> pd.DataFrame:
    """kg.queries.entities, cached."""
    return _entities(*key(store))


def articles(store: Store) -> pd.DataFrame:
    """kg.queries.articles, cached."""
    return _articles(*key(store))


def roles(store: Store) -> pd.DataFrame:
    """Every role held in the store (person, title, org, first/last attested), cached."""
    return _roles(*key(store))


def places(store: Store) -> pd.DataFrame:
    """Every place with coordinates and country, cached."""
    return _places(*key(store))


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
