"""kg.views.atlas, kg.views.labels and kg.views.geomap: the offline map, its shading and its labels."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from kg import views
from kg.queries import TIMELINE_COLUMNS
from kg.views import atlas
from kg.views.labels import LabelPoint, label_box, place_labels

PL = "http://kg.example/place/"


# -- the atlas ------------------------------------------------------------------------------------
def test_the_atlas_has_every_country_with_its_iso_code_and_a_coastline():
    countries = {c.code: c for c in atlas.countries()}
    assert len(atlas.countries()) >= 170
    for code in ("US", "FR", "CN", "BR", "NG", "AU", "IN", "RU"):
        assert countries[code].rings, code
    # France is mainland France, Corsica and French Guiana (where the atlas puts it)
    assert any(all(-6 < x < 10 and 41 < y < 52 for x, y in r) for r in countries["FR"].rings)
    assert any(all(-55 < x < -51 and 2 < y < 6 for x, y in r) for r in countries["FR"].rings)
    assert len(atlas.coastline()) > 50
    everything = [p for c in atlas.countries() for r in c.rings for p in r]
    assert all(-540 <= x <= 540 and -90 <= y <= 90 for x, y in everything)


def test_rings_across_the_date_line_are_drawn_twice_not_smeared_across_the_world():
    for c in atlas.countries():
        for ring in c.rings:
            assert all(abs(a[0] - b[0]) <= 180 for a, b in zip(ring, ring[1:], strict=False)), c.name
    fiji = next(c for c in atlas.countries() if c.code == "FJ")
    assert {round(min(x for x, _ in r)) // 360 for r in fiji.rings} >= {0, -1}


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("United States", "US"),
        ("U.S.", "US"),
        ("Russia", "RU"),
        ("Dem. Rep. Congo", "CD"),
        ("Atlantis", None),
    ],
)
def test_country_names_of_store_and_atlas_meet_at_iso_codes(name, code):
    assert atlas.code_of(name) == code


def test_path_closes_rings_and_separates_them():
    xs, ys = atlas.path([((0, 0), (1, 0), (1, 1)), ((5, 5), (6, 5), (6, 6), (5, 5))])
    assert xs == [0, 1, 1, 0, None, 5, 6, 6, 5, None] and ys[4] is None


# -- labels ---------------------------------------------------------------------------------------
def test_labels_never_overlap_and_the_important_ones_come_first():
    # Washington and the White House sit on one spot: only the first is labelled
    points = [
        LabelPoint(-77.04, 38.90, "Washington", 8),
        LabelPoint(-77.04, 38.90, "White House", 4),
        LabelPoint(-74.0, 40.7, "New York", 6),
        LabelPoint(2.35, 48.86, "Paris", 6),
        LabelPoint(2.4, 48.9, "Paris suburb", 3),
    ]
    chosen = place_labels(points, px_per_unit=2.4)
    assert 0 in chosen and 1 not in chosen and 3 in chosen
    boxes = [label_box(points[i], pos, px_per_unit=2.4) for i, pos in chosen.items()]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
    assert len(place_labels(points, px_per_unit=2.4, max_labels=1)) == 1


def test_a_crowded_label_moves_beside_its_marker_before_it_is_dropped():
    # Potsdam's marker sits 24 px above Berlin's, where Berlin's label would go first
    points = [LabelPoint(0, 0, "Berlin", 5), LabelPoint(0, 8, "Potsdam", 5)]
    assert place_labels(points, px_per_unit=3) == {0: "middle right", 1: "top center"}
    assert place_labels(points, px_per_unit=10) == {0: "top center", 1: "top center"}  # 80 px apart
    with pytest.raises(ValueError, match="Choose one of"):
        label_box(points[0], "upside down", px_per_unit=3)


# -- the map --------------------------------------------------------------------------------------
def timeline(*places: str) -> pd.DataFrame:
    rows = []
    for i, p in enumerate(places):
        r = dict.fromkeys(TIMELINE_COLUMNS)
        r.update(
            event=f"http://kg.example/event/e{i}",
            label=f"Meeting e{i}",
            date=dt.date(2024, 3, i + 1),
            place_iri=PL + p,
        )
        rows.append(r)
    return pd.DataFrame(rows, columns=TIMELINE_COLUMNS)


@pytest.fixture
def gazetteer() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"place": PL + "paris", "name": "Paris", "lat": 48.85, "long": 2.35, "country_name": "France"},
            {"place": PL + "lyon", "name": "Lyon", "lat": 45.76, "long": 4.84, "country_name": "France"},
            {"place": PL + "france", "name": "France", "lat": 48.85, "long": 2.35, "country_name": None},
            {"place": PL + "india", "name": "India", "lat": None, "long": None, "country_name": None},
            {"place": PL + "tonga", "name": "Tonga", "lat": -21.1, "long": -175.2, "country_name": None},
            {"place": PL + "nowhere", "name": "Nowhere", "lat": None, "long": None, "country_name": None},
        ]
    )


def test_countries_are_shaded_by_the_events_at_them_and_at_places_inside(gazetteer):
    frame = views.map_frame(timeline("paris", "paris", "lyon", "france", "india"), gazetteer)
    assert "Nowhere" not in set(frame["name"])
    assert frame.set_index("name").loc["France", "kind"] == "country"
    assert frame.set_index("name").loc["Paris", "country"] == "France"
    by = views.country_frame(frame).set_index("code")
    assert by.loc["FR", "events"] == 4 and by.loc["IN", "events"] == 1
    assert by.loc["FR", "places"] == ["Paris (2)", "Lyon (1)"]

    fig = views.map_figure(frame)
    shaded = {t.name: t for t in fig.data if t.fill == "toself" and t.name != "countries"}
    assert set(shaded) == {"France", "India"}
    assert "4 events" in shaded["France"].text and "Paris (2)" in shaded["France"].text
    assert shaded["France"].fillcolor != shaded["India"].fillcolor
    assert any(t.name == "coastline" for t in fig.data)
    assert fig.layout.xaxis.range == (-180, 180)
    assert not any(t.type.endswith(("mapbox", "map", "geo")) for t in fig.data)  # nothing fetched


def test_places_are_markers_with_a_hover_naming_place_country_and_events(gazetteer):
    frame = views.map_frame(timeline("paris", "paris", "lyon", "tonga"), gazetteer)
    fig = views.map_figure(frame)
    (markers,) = [t for t in fig.data if t.name == "places"]
    names = [p.rsplit("/", 1)[-1] for (p,) in markers.customdata]
    # cities are markers; a country with an outline is its shading; a tiny island state keeps a marker
    assert "paris" in names and "lyon" in names and "tonga" in names and "france" not in names
    hover = markers.hovertext[names.index("paris")]
    assert "<b>Paris</b>" in hover and "France" in hover and "2 events" in hover and "Meeting e0" in hover
    (labels,) = [t for t in fig.data if t.name == "labels"]
    assert "Paris" in labels.text
    quiet = views.map_figure(frame, max_labels=0)
    assert not [t for t in quiet.data if t.name == "labels"]


def test_on_a_shared_spot_the_busy_place_takes_the_hover_and_the_busiest_is_on_top(gazetteer):
    extra = [
        {"place": PL + "city", "name": "Paris City", "lat": 48.86, "long": 2.34},  # mentioned only
        {"place": PL + "rouen", "name": "Rouen", "lat": 49.44, "long": 1.1},
    ]
    frame = views.map_frame(
        timeline("paris", "paris", "lyon", "rouen"), pd.concat([gazetteer, pd.DataFrame(extra)])
    )
    (markers,) = [t for t in views.map_figure(frame).data if t.name == "places"]
    drawn = [p.rsplit("/", 1)[-1] for (p,) in markers.customdata]
    assert "city" not in drawn  # it would sit under Paris and take its hover
    assert drawn[-1] == "paris" and "2 events" in markers.hovertext[-1]  # drawn last: on top


def test_a_country_with_one_event_says_one_event(gazetteer):
    fig = views.map_figure(views.map_frame(timeline("india"), gazetteer))
    (india,) = [t for t in fig.data if t.name == "India"]
    assert india.text == "<b>India</b><br>1 event"


def test_every_status_counts_and_the_hovers_say_how_the_count_splits(gazetteer):
    # the sample article's case: a country whose only event is a summit that was called off
    events = timeline("paris", "paris", "lyon", "india")
    events["status"] = ["occurred", "cancelled", "planned", "cancelled"]
    frame = views.map_frame(events, gazetteer)
    by = views.country_frame(frame).set_index("code")
    assert by.loc["IN", "events"] == 1 and by.loc["IN", "statuses"] == "1 cancelled"
    assert by.loc["FR", "statuses"] == "1 occurred, 1 planned, 1 cancelled"
    fig = views.map_figure(frame)
    shaded = {t.name: t for t in fig.data if t.fill == "toself" and t.name != "countries"}
    assert set(shaded) == {"France", "India"}  # a cancelled event shades its country too
    assert "1 event (1 cancelled)" in shaded["India"].text
    (markers,) = [t for t in fig.data if t.name == "places"]
    paris = next(h for h in markers.hovertext if h.startswith("<b>Paris</b>"))
    assert "2 events (1 occurred, 1 cancelled)" in paris


def test_on_a_large_store_the_busiest_marker_stays_small_enough_to_show_its_country():
    places = pd.DataFrame(
        [
            {"place": PL + "hanoi", "name": "Hanoi", "lat": 21.0, "long": 105.8, "country_name": "Vietnam"},
            {"place": PL + "oslo", "name": "Oslo", "lat": 59.9, "long": 10.7, "country_name": "Norway"},
        ]
    )
    many = pd.concat([timeline("hanoi")] * 1000 + [timeline("oslo")] * 250, ignore_index=True)
    many["event"] = [f"http://kg.example/event/e{i}" for i in range(len(many))]
    frame = views.map_frame(many, places)
    (markers,) = [t for t in views.map_figure(frame).data if t.name == "places"]
    size = dict(zip((p.rsplit("/", 1)[-1] for (p,) in markers.customdata), markers.marker.size, strict=True))
    assert size["hanoi"] <= 31 and size["oslo"] < size["hanoi"]  # bounded, and still sized by events
    few = views.map_figure(views.map_frame(timeline("hanoi", "hanoi", "oslo"), places))
    (markers,) = [t for t in few.data if t.name == "places"]
    assert sorted(markers.marker.size) == [2 * (6 + 5) / 2, 2 * (6 + 5 * 2**0.5) / 2]  # as before
