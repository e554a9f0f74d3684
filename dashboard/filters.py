"""The shared selection every page filters by, and how it is written in and read from the URL.

Plain values only (no Streamlit): `sidebar` draws the widgets, `cache` passes the selection to
kg.queries.timeline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kg.model import EVENT_TYPES, STATUSES

# Filter field -> URL query parameter (lists repeat the parameter: ?type=Meeting&type=Summit).
PARAM_NAMES = (
    ("start", "start"),
    ("end", "end"),
    ("entities", "entity"),
    ("types", "type"),
    ("statuses", "status"),
    ("places", "place"),
    ("sources", "source"),
    ("text", "q"),
)


@dataclass(frozen=True)
class Filters:
    """The shared selection: a date window, entities, types, statuses, places, sources, free text."""

    start: dt.date | None = None
    end: dt.date | None = None
    entities: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    text: str = ""

    def kwargs(self) -> dict[str, Any]:
        """Keyword arguments for kg.queries.timeline."""
        return {
            "start": self.start,
            "end": self.end,
            "entities": self.entities,
            "types": self.types,
            "statuses": self.statuses,
            "places": self.places,
            "sources": self.sources,
            "text": self.text or None,
        }

    def to_params(self) -> dict[str, str | list[str]]:
        """URL query parameters (only those that are set)."""
        out: dict[str, str | list[str]] = {}
        for attr, name in PARAM_NAMES:
            v = getattr(self, attr)
            if isinstance(v, tuple):
                if v:
                    out[name] = list(v)
            elif isinstance(v, dt.date):
                out[name] = v.isoformat()
            elif v:
                out[name] = str(v)
        return out

    @classmethod
    def from_params(cls, params: Mapping[str, Sequence[str]]) -> Filters:
        """Filters from URL query parameters (name -> values); unknown values are dropped."""

        def date(name: str) -> dt.date | None:
            for v in params.get(name, ()):
                try:
                    return dt.date.fromisoformat(v)
                except ValueError:
                    return None
            return None

        def pick(name: str, valid: Sequence[str]) -> tuple[str, ...]:
            lookup = {v.casefold(): v for v in valid}
            return tuple(lookup[v.casefold()] for v in params.get(name, ()) if v.casefold() in lookup)

        start, end = date("start"), date("end")
        if start and end and start > end:
            start, end = end, start
        return cls(
            start=start,
            end=end,
            entities=tuple(params.get("entity", ())),
            types=pick("type", EVENT_TYPES),
            statuses=pick("status", STATUSES),
            places=tuple(params.get("place", ())),
            sources=tuple(params.get("source", ())),
            text=next(iter(params.get("q", ())), ""),
        )

    def describe(self) -> str:
        """A short human description of what is filtered."""
        parts = []
        if self.start or self.end:
            parts.append(f"{self.start or '…'} – {self.end or '…'}")
        for attr in ("entities", "types", "statuses", "places", "sources"):
            v = getattr(self, attr)
            if v:
                parts.append(
                    f"{len(v)} {attr}" if attr in ("entities", "places", "sources") else ", ".join(v)
                )
        if self.text:
            parts.append(f"text “{self.text}”")
        return "; ".join(parts) or "everything"
