"""The timeline: events by date, one lane per actor or country, colour = type, symbol = status."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

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
from kg.views.window import Window, focus_window, weekly_counts

UNASSIGNED = (NO_ACTOR, NO_COUNTRY)  # lanes of events nobody was found to take part in
DENSITY_FROM = 250  # more dated events than this: a strip of events per week above the lanes


# -- timeline -----------------------------------------------------------------------------------
def _values(column: pd.Series) -> list:
    """A column as Python values (missing ones NaN or None); far quicker than iterating an Arrow column."""
    return column.to_numpy(dtype=object).tolist()


def _lane_keys(events: pd.DataFrame, lanes: str, countries: Mapping[str, str] | None) -> list[list[str]]:
    """Each event's lanes, in the events' order (read column-wise: a row dict per event is slow)."""
    if lanes not in ("actor", "country"):
        raise ValueError(f"Unknown lanes {lanes!r}. Choose one of: actor, country")
    if lanes == "actor":
        return [split_names(v) or [NO_ACTOR] for v in _values(events["participants"])]
    countries = countries or {}
    return [
        list(dict.fromkeys(countries.get(i, NO_COUNTRY) for i in split_iris(v))) or [NO_COUNTRY]
        for v in _values(events["participant_iris"])
    ]


def lane_rows(
    events: pd.DataFrame, *, lanes: str = "actor", countries: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """One row per (event, lane): an event with two actors sits in both actors' lanes.

    lanes="actor" uses participant names; lanes="country" maps each participant IRI through
    `countries` (IRI -> country name; unknown ones go to one lane), one row per distinct country.
    """
    keys = _lane_keys(events, lanes, countries)
    at = np.repeat(np.arange(len(events)), [len(k) for k in keys])
    rows = events.iloc[at].reset_index(drop=True)
    rows["lane"] = pd.Series([k for ks in keys for k in ks], dtype=object)
    return rows


def lane_order(
    rows: pd.DataFrame, *, max_lanes: int = 40, unassigned: bool = True, window: Window | None = None
) -> list[str]:
    """The lanes to draw, busiest first (ties by name); "(no actor)" / "(country unknown)" last, or
    left out when `unassigned` is False. At most `max_lanes` named lanes are kept.

    With a `window`, a lane is as busy as its events inside it: a lane whose events all lie out of
    view goes below the lanes that have some in view. `rows` need a `day` column then.
    """
    total = rows["lane"].value_counts()
    if window is not None:
        inside = rows[[isinstance(d, dt.date) and window.start <= d <= window.end for d in rows["day"]]]
        shown = inside["lane"].value_counts()
    else:
        shown = total
    named = sorted(
        (k for k in total.index if k not in UNASSIGNED),
        key=lambda k: (-int(shown.get(k, 0)), -int(total[k]), k),
    )
    order = named[:max_lanes]
    if unassigned:
        order += [k for k in UNASSIGNED if k in total.index]
    return order


def timeline_window(events: pd.DataFrame) -> Window | None:
    """The window the timeline of these events opens on, and what lies outside it (kg.views.window)."""
    if events.empty:
        return None
    return focus_window(_day(v) for v in events.drop_duplicates("event")["date"])


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


def _drawn_rows(
    events: pd.DataFrame, lanes: str, countries: Mapping[str, str] | None
) -> tuple[pd.DataFrame, list[dt.date]]:
    """The dated (event, lane) rows to draw, with only the columns the figure reads (`pos` is the
    event's row in `events`), and the day of every dated event of the selection, once each."""
    keys = _lane_keys(events, lanes, countries)
    days = [_day(v) for v in _values(events["date"])]
    first = (~events["event"].duplicated()).tolist()
    dated = [d for d, f in zip(days, first, strict=True) if d and f]
    early = [_day(v) for v in _values(events["earliest"])]
    late = [_day(v) for v in _values(events["latest"])]
    ranged = [
        bool(a and b and a != b and _blank(t))
        for a, b, t in zip(early, late, _values(events["timestamp"]), strict=True)
    ]
    # an event with no time of its own sits on its article's date: drawn faded
    faded = [
        _blank(t) and _blank(e)
        for t, e in zip(_values(events["timestamp"]), _values(events["earliest"]), strict=True)
    ]
    at = np.repeat(np.arange(len(events)), [len(k) for k in keys])
    per_event = {
        "event": _values(events["event"]),
        "type": _values(events["type"]),
        "status": _values(events["status"]),
        "day": days,
        "early": early,
        "late": late,
        "ranged": ranged,
        "faded": faded,
    }
    rows = pd.DataFrame({c: pd.Series(v, dtype=object).take(at).to_numpy() for c, v in per_event.items()})
    rows["pos"] = at
    rows["lane"] = pd.Series([k for ks in keys for k in ks], dtype=object)
    return rows[rows["day"].notna()], dated


def _hovers(events: pd.DataFrame, pos: pd.Series) -> list[str]:
    """The hover text of the events at rows `pos` of `events`, each event's written once."""
    wanted = sorted(set(pos.tolist()))
    cols = [c for c in _HOVER_COLUMNS if c in events.columns]
    values = {c: _values(events[c].take(wanted)) for c in cols}
    text = {i: _hover({c: values[c][j] for c in cols}) for j, i in enumerate(wanted)}
    return [text[i] for i in pos.tolist()]


_HOVER_COLUMNS = (
    "label", "type", "status", "participants", "date", "timestamp", "earliest", "latest",
    "time_value", "time_phrase", "place", "source", "headline", "quote",
)  # fmt: skip


def timeline_figure(
    events: pd.DataFrame,
    *,
    lanes: str = "actor",
    countries: Mapping[str, str] | None = None,
    max_lanes: int = 40,
    height: int | None = None,
    unassigned: bool = True,
    focus: bool = True,
    density_from: int = DENSITY_FROM,
) -> go.Figure:
    """Events by date: one lane per actor (or country), colour = type, marker = status, ranges as bars.

    The busiest `max_lanes` lanes are drawn, busiest on top, the events with no actor last (left out
    when `unassigned` is False); each marker's customdata is [event IRI]. With `focus` the time axis
    opens on `timeline_window` (stray dates left out of view, still in the range slider below the
    lanes); past `density_from` events a strip of events per week sits above the lanes.
    """
    rows, dated = _drawn_rows(events, lanes, countries)
    window = focus_window(dated) if focus else None
    order = lane_order(rows, max_lanes=max_lanes, unassigned=unassigned, window=window) if len(rows) else []
    rows = rows[rows["lane"].isin(order)]
    if rows.empty:
        fig = go.Figure()
        why = "No events in this selection" if events.empty else "No dated events in the lanes shown"
        fig.update_layout(
            height=height or 260,
            annotations=[{"text": why, "showarrow": False, "font": {"size": 16}}],
            xaxis={"visible": False},
            yaxis={"visible": False},
        )
        return fig
    index = {k: i for i, k in enumerate(order)}
    # Several events on one day in one lane: spread them vertically so each stays clickable.
    rows = rows.sort_values(["lane", "day", "event"], kind="stable").reset_index(drop=True)
    nth = rows.groupby(["lane", "day"]).cumcount().to_numpy(dtype=float)
    count = rows.groupby(["lane", "day"])["event"].transform("size").to_numpy(dtype=float)
    base = rows["lane"].map(index).to_numpy(dtype=float)
    rows["y"] = base + (nth - (count - 1) / 2) * np.minimum(0.76 / np.maximum(count - 1, 1), 0.3)
    rows["hover"] = _hovers(events, rows["pos"])

    strip = len(dated) > density_from
    lanes_px = max(80 + 48 * len(order), 110 + 21 * len(set(rows["type"]) | set(rows["status"])))
    strip_px = 90 if strip else 0
    total = height or lanes_px + strip_px + 70  # + the range slider
    if strip:
        fig = make_subplots(
            rows=2,
            cols=1,
            shared_xaxes=True,
            vertical_spacing=0.02,
            row_heights=[strip_px / (strip_px + lanes_px), lanes_px / (strip_px + lanes_px)],
        )
        weeks = weekly_counts(dated)
        fig.add_trace(
            go.Bar(
                x=[w for w, _ in weeks],
                y=[n for _, n in weeks],
                width=7 * 86_400_000,  # a week, in milliseconds
                offset=0,
                marker={"color": "#7f8c9a", "line": {"width": 0}},
                hovertemplate="week of %{x|%Y-%m-%d}: %{y} events<extra></extra>",
                showlegend=False,
                name="events per week",
            ),
            row=1,
            col=1,
        )
    else:
        fig = go.Figure()

    def add(trace: go.Scatter) -> None:
        if strip:
            fig.add_trace(trace, row=2, col=1)
        else:
            fig.add_trace(trace)

    _add_events(add, rows)
    _add_legend(add, rows)

    days = list(rows["day"])
    lo, hi = (window.start, window.end) if window else (min(days), max(days))
    pad = dt.timedelta(days=max(1, (hi - lo).days // 25))
    lane_x, lane_y = ("xaxis2", "yaxis2") if strip else ("xaxis", "yaxis")
    layout = {
        "height": total,
        "margin": {"l": 10, "r": 10, "t": 20, "b": 30},
        "hovermode": "closest",
        "hoverlabel": {"align": "left"},
        "dragmode": "pan",
        "clickmode": "event+select",
        "bargap": 0,
        "legend": {"orientation": "v", "groupclick": "togglegroup", "tracegroupgap": 12},
        lane_x: {
            "type": "date",
            "range": [(lo - pad).isoformat(), (hi + pad).isoformat()],
            "showgrid": True,
            "title": None,
            "rangeslider": {"visible": True, "thickness": min(0.15, 60 / total)},
        },
        lane_y: {
            "tickmode": "array",
            "tickvals": list(range(len(order))),
            "ticktext": [html.escape(_shorten(k, 32)) for k in order],
            "range": [len(order) - 0.5, -0.5],
            "showgrid": False,
            "zeroline": False,
            "title": None,
        },
    }
    if strip:
        # the strip carries the dates on top too, so a tall stack of lanes is readable from above
        layout["xaxis"] = {
            "type": "date",
            "showgrid": True,
            "title": None,
            "showticklabels": True,
            "side": "top",
        }
        layout["yaxis"] = {
            "title": {"text": "per week", "font": {"size": 11}},
            "fixedrange": True,
            "nticks": 3,
        }
    fig.update_layout(**layout)
    return fig


def _add_events(add, rows: pd.DataFrame) -> None:
    """One marker trace per event type (and its date-range bars) into the lanes, from columns."""
    present = set(rows["type"])
    for type_ in [t for t in EVENT_TYPES if t in present] + sorted(present - set(EVENT_TYPES)):
        sub = rows[rows["type"] == type_]
        colour = TYPE_COLOURS.get(type_, "#444444")
        # Uncertain dates: a bar from earliest to latest behind the marker.
        bars = sub[sub["ranged"].astype(bool)]
        if len(bars):
            xs = np.empty(3 * len(bars), dtype=object)
            ys = np.empty(3 * len(bars), dtype=object)
            xs[0::3], xs[1::3] = bars["early"].to_numpy(), bars["late"].to_numpy()
            ys[0::3] = ys[1::3] = bars["y"].to_numpy()
            add(
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
        add(
            go.Scatter(
                x=sub["day"].to_numpy(),
                y=sub["y"].to_numpy(dtype=float),
                mode="markers",
                name=type_,
                legendgroup=type_,
                showlegend=False,
                marker={
                    "color": colour,
                    "size": 13,
                    "symbol": np.array(
                        [STATUS_SYMBOLS.get(s, "circle") for s in sub["status"]], dtype=object
                    ),
                    "line": {"width": 2, "color": colour},
                    "opacity": np.where(sub["faded"].astype(bool).to_numpy(), 0.35, 1.0),
                },
                customdata=sub["event"].to_numpy().reshape(-1, 1),
                hovertext=sub["hover"].tolist(),
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )


def _add_legend(add, rows: pd.DataFrame) -> None:
    """Legend entries: colours (a plain circle per type) and shapes (grey, so they read as shape only)."""
    present, statuses = set(rows["type"]), set(rows["status"])
    types = [t for t in EVENT_TYPES if t in present]
    for type_ in types:
        add(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=type_,
                legendgroup=type_,
                legendgrouptitle_text="type" if type_ == types[0] else None,
                marker={"color": TYPE_COLOURS[type_], "size": 11, "symbol": "circle"},
            )
        )
    for status in STATUSES:
        if status in statuses:
            add(
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
