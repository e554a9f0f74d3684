"""Where a timeline opens: the span that holds the events, without the stray dates around it.

One article that recalls a 1928 visit should not squeeze twenty years of events into the right
tenth of the axis. The window is the data's range less its outliers by Tukey's rule: dates more
than 1.5 interquartile ranges outside the middle half (the range never narrower than a month).
For evenly spread dates the fences lie beyond the data, so nothing is left out; the events that
are left out are counted, so a view can say so and offer to include them.

    focus_window(days)           Window(start, end, before, after, outliers)
    weekly_counts(days)          events per week (Monday, count), for a density strip
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

TUKEY = 1.5
MIN_SPREAD = dt.timedelta(days=30)


@dataclass(frozen=True)
class Window:
    """The days a timeline shows first, and the events outside it (before / after, their dates)."""

    start: dt.date
    end: dt.date
    before: int = 0
    after: int = 0
    outliers: tuple[dt.date, ...] = ()

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(f"window starts after it ends: {self.start} > {self.end}")
        if self.before + self.after != len(self.outliers):
            raise ValueError("a window's outlier count must match its outlier dates")

    @property
    def hidden(self) -> int:
        """How many events lie outside the window."""
        return self.before + self.after

    def note(self) -> str:
        """A sentence naming what lies outside ("2 events before 1996-03-01 (1928-05-02, 1949-01-01)")."""
        if not self.hidden:
            return ""
        parts = []
        early = [d for d in self.outliers if d < self.start]
        late = [d for d in self.outliers if d > self.end]
        for n, word, edge, days in (
            (self.before, "before", self.start, early),
            (self.after, "after", self.end, late),
        ):
            if n:
                shown = sorted(set(days))
                listed = ", ".join(d.isoformat() for d in shown[:4]) + (", …" if len(shown) > 4 else "")
                parts.append(f"{n} event{'s' if n != 1 else ''} {word} {edge.isoformat()} ({listed})")
        return " and ".join(parts)


def _quantile(sorted_days: list[int], q: float) -> float:
    """Linear-interpolated quantile of sorted ordinals (numpy's default method)."""
    pos = (len(sorted_days) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(sorted_days) - 1)
    return sorted_days[lo] + (sorted_days[hi] - sorted_days[lo]) * (pos - lo)


def focus_window(days: Iterable[dt.date | None]) -> Window | None:
    """The window a timeline of these event days opens on (None when there is no day at all)."""
    known = sorted(d for d in days if isinstance(d, dt.date))
    if not known:
        return None
    ords = [d.toordinal() for d in known]
    q1, q3 = _quantile(ords, 0.25), _quantile(ords, 0.75)
    spread = max(q3 - q1, MIN_SPREAD.days)
    low, high = q1 - TUKEY * spread, q3 + TUKEY * spread
    inside = [d for d, o in zip(known, ords, strict=True) if low <= o <= high]
    outside = tuple(d for d, o in zip(known, ords, strict=True) if not low <= o <= high)
    start, end = inside[0], inside[-1]
    return Window(
        start=start,
        end=end,
        before=sum(1 for d in outside if d < start),
        after=sum(1 for d in outside if d > end),
        outliers=outside,
    )


def weekly_counts(days: Iterable[dt.date | None]) -> list[tuple[dt.date, int]]:
    """(Monday of the week, events that week) for every week with an event, in order."""
    weeks = Counter(d - dt.timedelta(days=d.weekday()) for d in days if isinstance(d, dt.date))
    return sorted(weeks.items())
