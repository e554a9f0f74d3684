"""The timeline: events by date, one lane per actor or country, colour = type, symbol = status."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from kg.model import EVENT_TYPES, STATUSES
from kg.views.common import (
    NO_ACTOR,
    NO_COUNTRY,
    STATUS_LABELS,
    STATUS_SYMBOLS,
    TYPE_COLOURS,
    _blank,
    _day,
    _shorten,
    _text,
    _wrap,
    date_precision,
    split_iris,
    split_names,
)


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
