"""What the plotly charts need from the dashboard: the relationship graph of a selection with its
cached layout, and the point a user clicked."""

from __future__ import annotations

import datetime as dt
from typing import Any

import networkx as nx
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import cache
from dashboard.filters import Filters
from kg import views
from kg.store import Store


@st.cache_data(max_entries=32, show_spinner="Laying out the graph…")
def layout(nodes: tuple[str, ...], edges: tuple[tuple[str, str], ...]) -> dict[str, tuple[float, float]]:
    """A cached spring layout of the graph given by its sorted nodes and edges."""
    g = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_edges_from(edges)
    return views.spring_positions(g)


def relationship_graph(
    store: Store, events: pd.DataFrame, f: Filters, *, max_nodes: int, with_roles: bool = True
) -> tuple[nx.Graph, dict[str, tuple[float, float]], int]:
    """The graph of the selected events (+ roles in the window), capped; its layout; the uncapped size."""
    role_rows = None
    if with_roles:
        actors = {i for v in events["participant_iris"] for i in views.split_iris(v)}
        r = cache.roles(store)
        keep = r["person"].isin(actors)
        if f.start:
            keep &= r["last"].map(lambda d: not isinstance(d, dt.date) or d >= f.start)
        if f.end:
            keep &= r["first"].map(lambda d: not isinstance(d, dt.date) or d <= f.end)
        role_rows = r[keep]
    g = views.relationship_graph(events, role_rows, kinds=cache.kinds(store))
    total = g.number_of_nodes()
    g = views.cap_graph(g, max_nodes)
    pos = layout(tuple(sorted(g.nodes)), tuple(sorted(tuple(sorted(e)) for e in g.edges)))
    return g, pos, total


# -- the Timeline page's figures, drawn once per store version and selection --------------------
# A rerun that keeps the selection (an event picked, a marker clicked, a widget below the charts)
# reuses the figures: shared by every session (they are read, never changed), at most a few kept.
@st.cache_resource(max_entries=8, ttl=cache.CACHE_TTL, show_spinner=False)
def _timeline_figure(
    path: str,
    ver: str,
    f: Filters,
    limit: int,
    lanes: str,
    unassigned: bool,
    focus: bool,
    _events: pd.DataFrame,  # what the key names (streamlit does not hash a leading-underscore argument)
) -> go.Figure:
    countries = cache.countries(cache.opened(path)) if lanes == "country" else None
    return views.timeline_figure(
        _events, lanes=lanes, countries=countries, unassigned=unassigned, focus=focus
    )


def timeline_figure(
    store: Store, f: Filters, events: pd.DataFrame, *, limit: int, lanes: str, unassigned: bool, focus: bool
) -> go.Figure:
    """kg.views.timeline_figure of `events`, the selection's latest `limit` events (cache.timeline),
    cached per store version and selection."""
    return _timeline_figure(*cache.key(store), f, limit, lanes, unassigned, focus, events)


@st.cache_resource(max_entries=8, ttl=cache.CACHE_TTL, show_spinner=False)
def _graph_chart(
    path: str, ver: str, f: Filters, limit: int, max_nodes: int, with_roles: bool, _events: pd.DataFrame
) -> tuple[nx.Graph, go.Figure, int]:
    store = cache.opened(path)
    g, pos, total = relationship_graph(store, _events, f, max_nodes=max_nodes, with_roles=with_roles)
    return g, views.graph_figure(g, pos), total


def graph_chart(
    store: Store, f: Filters, events: pd.DataFrame, *, limit: int, max_nodes: int, with_roles: bool
) -> tuple[nx.Graph, go.Figure, int]:
    """The relationship graph of `events` (the selection's latest `limit`), its figure and uncapped
    size (cached per version and selection, like `timeline_figure`)."""
    return _graph_chart(*cache.key(store), f, limit, max_nodes, with_roles, events)


def selected_point(state: Any, chart_key: str) -> str | None:
    """The IRI in customdata of the first point selected in a plotly chart (None if none)."""
    try:
        points = state.selection.points if state is not None else []
    except AttributeError:
        points = (state or {}).get("selection", {}).get("points", [])
    for p in points or []:
        data = p.get("customdata") if isinstance(p, dict) else None
        if data:
            return str(data[0] if isinstance(data, list | tuple) else data)
    return None
