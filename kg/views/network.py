"""The relationship graph: typed nodes, co-participation and role edges, layout and figure."""

from __future__ import annotations

import html
import math
from collections.abc import Mapping

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from kg.views.common import EDGE_NAMES, EDGE_STYLES, KIND_COLOURS, _shorten, _text, split_iris, split_names


# -- relationship graph -------------------------------------------------------------------------
def relationship_graph(
    events: pd.DataFrame,
    roles: pd.DataFrame | None = None,
    *,
    kinds: Mapping[str, str] | None = None,
) -> nx.Graph:
    """People, organisations and places joined by shared events (weight = events) and roles held.

    events: a timeline DataFrame; roles: columns person, person_name, title, org, org_name (optional);
    kinds: IRI -> "Person" / "Organization" / "Place" (else guessed from the IRI path).
    Edge attribute `relation` is "met" (an event that took place), "linked" (planned, cancelled,
    denied ...) or "role"; `weight` counts events, `events` lists their IRIs.
    """
    kinds = kinds or {}
    g = nx.Graph()

    def node(iri: str, name: str) -> None:
        if iri not in g:
            g.add_node(
                iri, name=name or iri.rsplit("/", 1)[-1], kind=kinds.get(iri) or _guess_kind(iri), events=0
            )

    # read column by column: a dict per event costs more than the graph itself
    for event, status, iri_cell, name_cell in zip(
        *(_column(events, c) for c in ("event", "status", "participant_iris", "participants")), strict=True
    ):
        iris, names = split_iris(iri_cell), split_names(name_cell)
        names = names if len(names) == len(iris) else [""] * len(iris)
        for iri, name in zip(iris, names, strict=True):
            node(iri, name)
            g.nodes[iri]["events"] += 1
        relation = "met" if status == "occurred" else "linked"
        for i, a in enumerate(iris):
            for b in iris[i + 1 :]:
                if a == b:
                    continue
                if g.has_edge(a, b):
                    d = g.edges[a, b]
                    d["weight"] += 1
                    d["events"].append(event)
                    if relation == "met":
                        d["relation"] = "met"  # one meeting that happened outweighs plans
                else:
                    g.add_edge(a, b, relation=relation, weight=1, events=[event], label="")
    if roles is not None and len(roles):
        for person, org, person_name, org_name, title in zip(
            *(_column(roles, c) for c in ("person", "org", "person_name", "org_name", "title")), strict=True
        ):
            person, org, title = _text(person), _text(org), _text(title)
            if not person or not org or person == org:
                continue
            node(person, _text(person_name))
            node(org, _text(org_name))
            if g.has_edge(person, org):
                d = g.edges[person, org]
                d["label"] = "; ".join(x for x in dict.fromkeys([d.get("label", ""), title]) if x)
            else:
                g.add_edge(person, org, relation="role", weight=1, events=[], label=title)
    return g


def _column(frame: pd.DataFrame, name: str) -> list:
    """A column's values (None for every row when the column is missing)."""
    if name not in frame.columns:
        return [None] * len(frame)
    return frame[name].to_numpy(dtype=object).tolist()


def ego_graph(edges: pd.DataFrame) -> nx.Graph:
    """The graph of a `kg.queries.ego_network` edge table (relation, label and weight kept)."""
    g = nx.Graph()
    for rec in edges.to_dict("records"):
        for end in ("source", "target"):
            iri = _text(rec.get(end))
            if iri not in g:
                g.add_node(
                    iri,
                    name=_text(rec.get(f"{end}_name")) or iri,
                    kind=_text(rec.get(f"{end}_type")),
                    events=0,
                )
        a, b = _text(rec.get("source")), _text(rec.get("target"))
        rel, w = _text(rec.get("relation")) or "linked", int(rec.get("weight") or 1)
        if g.has_edge(a, b):
            d = g.edges[a, b]
            d["weight"] += w
            if rel == "met" or (rel == "role" and d["relation"] != "met"):
                d["relation"] = rel
            d["label"] = "; ".join(x for x in dict.fromkeys([d["label"], _text(rec.get("label"))]) if x)
        else:
            g.add_edge(a, b, relation=rel, weight=w, label=_text(rec.get("label")), events=[])
        if rel != "role":
            g.nodes[a]["events"] += w
            g.nodes[b]["events"] += w
    return g


def _guess_kind(iri: str) -> str:
    path = iri.rstrip("/").rsplit("/", 2)[-2] if iri.count("/") >= 2 else ""
    return {"person": "Person", "org": "Organization", "place": "Place"}.get(path, "")


def cap_graph(g: nx.Graph, max_nodes: int) -> nx.Graph:
    """The subgraph of the `max_nodes` nodes with most events and links (all of it if smaller)."""
    if g.number_of_nodes() <= max_nodes:
        return g
    score = {n: (g.nodes[n].get("events", 0) + g.degree(n, weight="weight"), str(n)) for n in g}
    keep = sorted(g, key=lambda n: (-score[n][0], score[n][1]))[:max_nodes]
    return g.subgraph(keep).copy()


def spring_positions(g: nx.Graph, *, seed: int = 7) -> dict[str, tuple[float, float]]:
    """A deterministic force-directed (Fruchterman-Reingold) layout in the unit square."""
    n = g.number_of_nodes()
    if n == 0:
        return {}
    if n < 500:
        pos = nx.spring_layout(g, seed=seed, k=1.5 / math.sqrt(n), iterations=50, weight=None)
        return {str(k): (float(v[0]), float(v[1])) for k, v in pos.items()}
    # networkx lays out 500+ nodes with scipy, which the project does not depend on.
    return _fruchterman_reingold(g, seed=seed, iterations=40)


def _fruchterman_reingold(g: nx.Graph, *, seed: int, iterations: int) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold with dense numpy arrays (fine up to a few thousand nodes)."""
    import numpy as np

    nodes = list(g)
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    adj = np.zeros((n, n), dtype=np.float32)
    for a, b in g.edges():
        adj[index[a], index[b]] = adj[index[b], index[a]] = 1.0
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2), dtype=np.float32)
    k = 1.5 / math.sqrt(n)
    t = 0.1
    cool = t / (iterations + 1)
    for _ in range(iterations):
        dx = pos[:, 0, None] - pos[None, :, 0]
        dy = pos[:, 1, None] - pos[None, :, 1]
        dist2 = dx * dx + dy * dy
        np.clip(dist2, 1e-4, None, out=dist2)
        # repulsion k^2/d and attraction d^2/k along the unit vector (dx, dy)/d
        force = k * k / dist2 - adj * np.sqrt(dist2) / k
        disp = np.stack([(dx * force).sum(axis=1), (dy * force).sum(axis=1)], axis=1)
        length = np.sqrt((disp**2).sum(axis=1))
        np.clip(length, 0.01, None, out=length)
        pos += disp * (t / length)[:, None]
        t -= cool
    pos -= pos.mean(axis=0)
    pos /= max(float(np.abs(pos).max()), 1e-9)
    return {str(v): (float(pos[i, 0]), float(pos[i, 1])) for i, v in enumerate(nodes)}


def graph_figure(
    g: nx.Graph,
    positions: Mapping[str, tuple[float, float]],
    *,
    height: int = 560,
    labels: int = 40,
    highlight: str | None = None,
) -> go.Figure:
    """The graph as a figure: node colour = kind, size = events, edge style = relation.

    Only the `labels` busiest nodes carry a text label (all have hover); customdata = [IRI].
    """
    fig = go.Figure()
    if g.number_of_nodes() == 0:
        fig.update_layout(
            height=260,
            annotations=[
                {"text": "No relationships in this selection", "showarrow": False, "font": {"size": 16}}
            ],
            xaxis={"visible": False},
            yaxis={"visible": False},
        )
        return fig
    max_w = max((d.get("weight", 1) for _, _, d in g.edges(data=True)), default=1)
    for relation, style in EDGE_STYLES.items():
        # Bucket edges by weight so that heavier ties draw thicker, with a handful of traces.
        buckets: dict[int, tuple[list[object], list[object]]] = {}
        mids: tuple[list[float], list[float], list[str]] = ([], [], [])
        for a, b, d in g.edges(data=True):
            if d.get("relation") != relation or a not in positions or b not in positions:
                continue
            w = d.get("weight", 1)
            width = 1 + round(4 * math.log1p(w) / math.log1p(max_w)) if max_w > 1 else 1.5
            xs, ys = buckets.setdefault(width, ([], []))
            (x0, y0), (x1, y1) = positions[a], positions[b]
            xs += [x0, x1, None]
            ys += [y0, y1, None]
            mids[0].append((x0 + x1) / 2)
            mids[1].append((y0 + y1) / 2)
            what = d.get("label") or f"{w} event{'s' if w != 1 else ''}"
            mids[2].append(
                f"{html.escape(g.nodes[a].get('name', a))} — {html.escape(g.nodes[b].get('name', b))}<br>"
                f"{html.escape(relation)}: {html.escape(str(what))}"
            )
        for i, (width, (xs, ys)) in enumerate(sorted(buckets.items())):
            fig.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    line={"width": width, "color": style["color"], "dash": style["dash"]},
                    hoverinfo="skip",
                    name=EDGE_NAMES[relation],
                    legendgroup=relation,
                    showlegend=i == 0,
                )
            )
        if mids[0]:
            fig.add_trace(
                go.Scatter(
                    x=mids[0],
                    y=mids[1],
                    mode="markers",
                    marker={"size": 6, "color": style["color"], "opacity": 0.0},
                    hovertext=mids[2],
                    hovertemplate="%{hovertext}<extra></extra>",
                    name=EDGE_NAMES[relation],
                    legendgroup=relation,
                    showlegend=False,
                )
            )
    ranked = sorted(g, key=lambda n: -(g.nodes[n].get("events", 0) + g.degree(n)))
    labelled = set(ranked[:labels])
    for kind in ("Person", "Organization", "Place", ""):
        nodes = [n for n in g if g.nodes[n].get("kind", "") == kind and n in positions]
        if not nodes:
            continue
        sizes = [8 + 4 * math.sqrt(g.nodes[n].get("events", 0) + g.degree(n)) for n in nodes]
        fig.add_trace(
            go.Scatter(
                x=[positions[n][0] for n in nodes],
                y=[positions[n][1] for n in nodes],
                mode="markers+text",
                text=[
                    html.escape(_shorten(g.nodes[n].get("name", n), 24)) if n in labelled else ""
                    for n in nodes
                ],
                textposition="top center",
                textfont={"size": 11},
                marker={
                    "size": sizes,
                    "color": KIND_COLOURS.get(kind, "#999"),
                    "line": {
                        "width": [3 if n == highlight else 1 for n in nodes],
                        "color": ["#000" if n == highlight else "#fff" for n in nodes],
                    },
                },
                customdata=[[n] for n in nodes],
                hovertext=[
                    f"<b>{html.escape(g.nodes[n].get('name', n))}</b><br>{html.escape(kind or 'entity')}"
                    f"<br>{g.nodes[n].get('events', 0)} events, {g.degree(n)} links"
                    for n in nodes
                ],
                hovertemplate="%{hovertext}<extra></extra>",
                name={"Person": "person", "Organization": "organisation", "Place": "place", "": "other"}[
                    kind
                ],
            )
        )
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        hovermode="closest",
        dragmode="pan",
        showlegend=True,
        legend={"orientation": "h", "y": -0.02, "yanchor": "top"},
        xaxis={"visible": False},
        yaxis={"visible": False, "scaleanchor": "x", "scaleratio": 1},
        plot_bgcolor="white",
    )
    return fig


def graph_to_graphml(g: nx.Graph) -> str:
    """GraphML of a relationship graph (list attributes joined with spaces, for Gephi)."""
    h = nx.Graph()
    for n, d in g.nodes(data=True):
        h.add_node(n, **{k: _graphml_value(v) for k, v in d.items()})
    for a, b, d in g.edges(data=True):
        h.add_edge(a, b, **{k: _graphml_value(v) for k, v in d.items()})
    return "\n".join(nx.generate_graphml(h))


def _graphml_value(v: object) -> object:
    if isinstance(v, list | tuple | set):
        return " ".join(str(x) for x in v)
    return v if isinstance(v, int | float | str | bool) else str(v)
