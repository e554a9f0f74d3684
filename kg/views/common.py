"""Shared look and small helpers of the views: status symbols, colours, date precision."""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Mapping

import pandas as pd

from kg.model import EVENT_TYPES
from kg.sources.dates import as_date

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
    return None if _blank(value) else as_date(value)


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
