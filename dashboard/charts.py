"""What the plotly charts need from the dashboard: the relationship graph of a selection with its
cached layout, and the point a user clicked."""

from __future__ import annotations

import datetime as dt
from typing import Any

import networkx as nx
import pandas as pd
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
