"""kg.views.window and the timeline built on it: the span a timeline opens on, its lanes, its strip."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from kg import views
from kg.queries import TIMELINE_COLUMNS

D = dt.date
P = "http://kg.example/person/"


def row(eid: str, day: dt.date | None, participants: str = "Ana Pérez", **kw) -> dict:
    """One timeline row (kg.queries.timeline columns)."""
    r = dict.fromkeys(TIMELINE_COLUMNS)
    iris = " ".join(P + n.lower().replace(" ", "-") for n in participants.split("; ") if n)
    r.update(
        event=f"http://kg.example/event/{eid}",
        label=f"Meeting {eid}",
        type="Meeting",
        status="occurred",
        date=day,
        timestamp=day,
        participants=participants or None,
        participant_iris=iris or None,
        headline="h",
        quote="q",
    )
    r.update(kw)
    return r


def spread(n: int, start: dt.date, step_days: int) -> list[dt.date]:
    return [start + dt.timedelta(days=i * step_days) for i in range(n)]


# -- the window -----------------------------------------------------------------------------------
def test_a_stray_historical_date_is_left_out_of_view_and_named():
    days = [D(1928, 5, 2), *spread(200, D(2003, 1, 1), 40)]
    w = views.focus_window(days)
    assert w.start == D(2003, 1, 1) and w.end == days[-1]
    assert (w.before, w.after, w.outliers) == (1, 0, (D(1928, 5, 2),))
    assert w.note() == "1 event before 2003-01-01 (1928-05-02)"


def test_evenly_spread_dates_lose_nothing():
    days = spread(50, D(2000, 1, 1), 180)
    w = views.focus_window(days)
    assert (w.start, w.end, w.hidden) == (days[0], days[-1], 0)
    assert w.note() == ""


def test_a_corpus_of_one_fortnight_keeps_every_day_of_it_and_drops_a_late_outlier():
    # the interquartile range of a fortnight is days; the fences are never narrower than a month
    days = [*spread(30, D(2024, 3, 1), 1), D(2024, 3, 20), D(2031, 1, 1)]
    w = views.focus_window(days)
    assert (w.start, w.end) == (D(2024, 3, 1), D(2024, 3, 30))
    assert (w.before, w.after) == (0, 1)
    assert w.note() == "1 event after 2024-03-30 (2031-01-01)"


@pytest.mark.parametrize("days", [[], [None, None]])
def test_no_days_no_window(days):
    assert views.focus_window(days) is None


def test_a_window_checks_its_own_counts():
    with pytest.raises(ValueError, match="starts after it ends"):
        views.Window(D(2024, 1, 2), D(2024, 1, 1))
    with pytest.raises(ValueError, match="outlier count"):
        views.Window(D(2024, 1, 1), D(2024, 1, 2), before=2, outliers=(D(2000, 1, 1),))


def test_weekly_counts_group_by_monday():
    counts = views.weekly_counts([D(2024, 3, 4), D(2024, 3, 10), D(2024, 3, 11), None])
    assert counts == [(D(2024, 3, 4), 2), (D(2024, 3, 11), 1)]


# -- the timeline figure ------------------------------------------------------------------------------
def lanes_of(fig) -> list[str]:
    """The lane names, top to bottom (the lanes are the lower subplot when a strip is drawn)."""
    layout = fig.to_dict()["layout"]
    return list((layout.get("yaxis2") or layout["yaxis"])["ticktext"])


def lane_axis(fig) -> dict:
    layout = fig.to_dict()["layout"]
    return layout.get("xaxis2") or layout["xaxis"]


def test_lanes_busiest_first_and_no_actor_last_or_hidden():
    events = pd.DataFrame(
        [
            row("a1", D(2024, 1, 1), ""),
            row("a2", D(2024, 1, 2), ""),
            row("a3", D(2024, 1, 3), ""),
            row("b1", D(2024, 1, 4), "Bo Lind"),
            row("c1", D(2024, 1, 5), "Cy Ode; Bo Lind"),
            row("c2", D(2024, 1, 6), "Cy Ode"),
            row("c3", D(2024, 1, 7), "Cy Ode"),
        ]
    )
    fig = views.timeline_figure(events)
    assert lanes_of(fig) == ["Cy Ode", "Bo Lind", views.NO_ACTOR]
    hidden = views.timeline_figure(events, unassigned=False)
    assert lanes_of(hidden) == ["Cy Ode", "Bo Lind"]
    shown = {e for t in hidden.data if t.customdata is not None for (e,) in t.customdata}
    assert not any(e.endswith(("a1", "a2", "a3")) for e in shown)


def test_a_lane_with_all_its_events_out_of_view_goes_below_the_lanes_in_view():
    events = pd.DataFrame(
        [
            *(row(f"old{i}", D(1928, 5, i + 1), "Old Timer") for i in range(3)),
            *(row(f"n{i}", d, "Ana Pérez") for i, d in enumerate(spread(40, D(2010, 1, 1), 90))),
            row("b", D(2015, 6, 1), "Bo Lind"),
        ]
    )
    fig = views.timeline_figure(events)
    assert lanes_of(fig) == ["Ana Pérez", "Bo Lind", "Old Timer"]
    lo, hi = (D.fromisoformat(x) for x in lane_axis(fig)["range"])
    assert D(2009, 1, 1) < lo <= D(2010, 1, 1) and hi >= D(2019, 9, 1)
    whole = views.timeline_figure(events, focus=False)
    assert D.fromisoformat(lane_axis(whole)["range"][0]) <= D(1928, 5, 1)
    assert lanes_of(whole)[0] == "Ana Pérez"


def test_the_time_axis_has_a_range_slider_and_many_events_a_weekly_strip():
    few = pd.DataFrame([row(f"e{i}", d) for i, d in enumerate(spread(10, D(2024, 1, 1), 3))])
    fig = views.timeline_figure(few)
    assert fig.layout.xaxis.rangeslider.visible is True
    assert not [t for t in fig.data if t.type == "bar"]

    days = spread(300, D(2020, 1, 6), 2)  # 300 events, two days apart: 3 or 4 a week
    many = pd.DataFrame([row(f"e{i}", d, "Ana Pérez" if i % 2 else "Bo Lind") for i, d in enumerate(days)])
    fig = views.timeline_figure(many)
    (strip,) = [t for t in fig.data if t.type == "bar"]
    assert sum(strip.y) == 300 and set(strip.y[:-1]) <= {3, 4}  # the last week is cut short
    assert list(strip.x[:2]) == [D(2020, 1, 6), D(2020, 1, 13)]
    assert fig.layout.xaxis2.rangeslider.visible is True
    assert lanes_of(fig) == ["Ana Pérez", "Bo Lind"]
    no_strip = views.timeline_figure(many, density_from=1000)
    assert not [t for t in no_strip.data if t.type == "bar"]


def test_only_undated_or_hidden_events_say_so():
    events = pd.DataFrame([row("a", D(2024, 1, 1), "")])
    fig = views.timeline_figure(events, unassigned=False)
    assert fig.layout.annotations[0].text == "No dated events in the lanes shown"
