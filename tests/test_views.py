"""kg.views: the figures, graph, map frame, highlighted text and citation table the dashboard draws."""

from __future__ import annotations

import datetime as dt
import html
import xml.etree.ElementTree as ET

import networkx as nx
import pandas as pd
import pytest

from kg import views
from kg.queries import TIMELINE_COLUMNS

P = "http://kg.example/person/"
PL = "http://kg.example/place/"
ART = "http://kg.example/article/a1"


def event(eid: str, **kw) -> dict:
    """One timeline row (kg.queries.timeline columns) with sensible defaults."""
    row = dict.fromkeys(TIMELINE_COLUMNS)
    row.update(
        event=f"http://kg.example/event/{eid}",
        label=f"Meeting {eid}",
        type="Meeting",
        status="occurred",
        date=dt.date(2024, 3, 12),
        timestamp=dt.date(2024, 3, 12),
        participants="Ana Pérez; Bo Lind",
        participant_iris=f"{P}ana-perez {P}bo-lind",
        article_iri=ART,
        headline="Ministers meet",
        published=dt.date(2024, 3, 14),
        source="Example Wire",
        quote="Ana Pérez met Bo Lind on Tuesday.",
        start=10,
        end=43,
        confidence=0.8,
    )
    row.update(kw)
    return row


@pytest.fixture
def events() -> pd.DataFrame:
    return pd.DataFrame(
        [
            event("e1"),
            event("e2", status="cancelled", type="Summit", label="Summit e2"),
            event(
                "e3",
                status="planned",
                type="Visit",
                timestamp=None,
                earliest=dt.date(2024, 4, 1),
                latest=dt.date(2024, 4, 30),
                date=dt.date(2024, 4, 1),
                time_value="2024-04",
                participants="Ana Pérez",
                participant_iris=f"{P}ana-perez",
                place="Oslo",
                place_iri=f"{PL}oslo",
            ),
            event(
                "e4",
                status="negated",
                participants="",
                participant_iris="",
                timestamp=None,
                date=dt.date(2024, 3, 14),
            ),
        ],
        columns=TIMELINE_COLUMNS,
    )


# -- timeline -------------------------------------------------------------------------------------
def test_lane_rows_put_an_event_in_each_participants_lane(events):
    rows = views.lane_rows(events)
    assert sorted(rows.loc[rows["event"].str.endswith("e1"), "lane"]) == ["Ana Pérez", "Bo Lind"]
    assert list(rows.loc[rows["event"].str.endswith("e4"), "lane"]) == [views.NO_ACTOR]


def test_lane_rows_by_country_merge_actors_of_one_country(events):
    countries = {f"{P}ana-perez": "Norway", f"{P}bo-lind": "Norway"}
    rows = views.lane_rows(events, lanes="country", countries=countries)
    assert list(rows.loc[rows["event"].str.endswith("e1"), "lane"]) == ["Norway"]
    with pytest.raises(ValueError, match="Choose one of: actor, country"):
        views.lane_rows(events, lanes="city")


def test_timeline_marks_status_by_symbol_and_ranges_as_bars(events):
    fig = views.timeline_figure(events)
    markers = [t for t in fig.data if t.mode == "markers" and t.customdata is not None]
    symbol_of = {}
    for t in markers:
        for (iri,), sym in zip(t.customdata, t.marker.symbol, strict=True):
            symbol_of[iri.rsplit("/", 1)[-1]] = sym
    assert symbol_of == {
        "e1": views.STATUS_SYMBOLS["occurred"],
        "e2": views.STATUS_SYMBOLS["cancelled"],
        "e3": views.STATUS_SYMBOLS["planned"],
        "e4": views.STATUS_SYMBOLS["negated"],
    }
    assert len(set(views.STATUS_SYMBOLS.values())) == len(views.STATUS_SYMBOLS)
    bars = [t for t in fig.data if t.mode == "lines"]
    assert len(bars) == 1 and list(bars[0].x[:2]) == [dt.date(2024, 4, 1), dt.date(2024, 4, 30)]
    legend = {t.name for t in fig.data if t.showlegend is not False and t.x == (None,)}
    assert {"Meeting", "Summit", "Visit", "occurred", "planned", "cancelled"} <= legend


def test_timeline_hover_says_who_when_how_precisely_and_quotes_escaped(events):
    events.loc[0, "quote"] = "Ana said <script>alert(1)</script> & left"
    fig = views.timeline_figure(events)
    hovers = [h for t in fig.data if t.hovertext for h in t.hovertext]
    first = next(h for h in hovers if "Meeting e1" in h)
    assert "Ana Pérez; Bo Lind" in first and "2024-03-12 (day)" in first and "Example Wire" in first
    assert "<script>" not in first and "&lt;script&gt;" in first
    planned = next(h for h in hovers if "Visit" in h)
    assert "month (2024-04-01 – 2024-04-30)" in planned


def test_timeline_of_nothing_says_so():
    fig = views.timeline_figure(pd.DataFrame(columns=TIMELINE_COLUMNS))
    assert "No events" in fig.layout.annotations[0].text


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ({"timestamp": dt.date(2024, 1, 2)}, "day"),
        ({"earliest": dt.date(2024, 1, 1), "latest": dt.date(2024, 1, 31), "time_value": "2024-01"}, "month"),
        ({"earliest": dt.date(2024, 1, 1), "latest": dt.date(2024, 1, 7), "time_value": "2024-W01"}, "week"),
        ({"earliest": dt.date(2024, 1, 1), "latest": dt.date(2024, 12, 31), "time_value": "2024"}, "year"),
        ({"time_value": "FUTURE_REF"}, "vague (FUTURE_REF)"),
        ({}, "no date of its own"),
    ],
)
def test_date_precision(row, expected):
    assert views.date_precision(row).startswith(expected)


# -- graph ----------------------------------------------------------------------------------------
def test_relationship_graph_weights_shared_events_and_adds_roles(events):
    roles = pd.DataFrame(
        [
            {
                "person": f"{P}ana-perez",
                "person_name": "Ana Pérez",
                "title": "Foreign Minister",
                "org": f"{PL}norway",
                "org_name": "Norway",
            }
        ]
    )
    g = views.relationship_graph(events, roles, kinds={f"{PL}norway": "Place"})
    ab = g.edges[f"{P}ana-perez", f"{P}bo-lind"]
    assert (
        ab["weight"] == 2 and ab["relation"] == "met"
    )  # e1 occurred, e2 cancelled: a meeting that happened wins
    role = g.edges[f"{P}ana-perez", f"{PL}norway"]
    assert role["relation"] == "role" and role["label"] == "Foreign Minister"
    assert g.nodes[f"{PL}norway"]["kind"] == "Place"
    assert g.nodes[f"{P}ana-perez"]["kind"] == "Person"  # guessed from the IRI path
    assert g.nodes[f"{P}ana-perez"]["events"] == 3


def test_only_unrealised_events_make_a_linked_edge():
    g = views.relationship_graph(pd.DataFrame([event("x", status="planned")], columns=TIMELINE_COLUMNS))
    assert g.edges[f"{P}ana-perez", f"{P}bo-lind"]["relation"] == "linked"


def test_cap_graph_keeps_the_busiest_nodes():
    g = nx.star_graph(10)
    nx.set_node_attributes(g, 0, "events")
    small = views.cap_graph(g, 3)
    assert small.number_of_nodes() == 3 and 0 in small
    assert views.cap_graph(g, 100) is g


@pytest.mark.parametrize("n", [30, 600])
def test_spring_positions_are_deterministic_and_cover_every_node(n):
    g = nx.relabel_nodes(nx.path_graph(n), str)
    a, b = views.spring_positions(g), views.spring_positions(g)
    assert a == b and set(a) == set(g)
    assert all(-1.01 <= x <= 1.01 and -1.01 <= y <= 1.01 for x, y in a.values())


def test_graph_figure_draws_nodes_by_kind_with_iri_customdata(events):
    g = views.relationship_graph(events)
    fig = views.graph_figure(g, views.spring_positions(g))
    nodes = [t for t in fig.data if t.customdata is not None]
    assert {t.name for t in nodes} == {"person"}
    assert {c[0] for t in nodes for c in t.customdata} == {f"{P}ana-perez", f"{P}bo-lind"}
    assert "No relationships" in views.graph_figure(nx.Graph(), {}).layout.annotations[0].text


def test_ego_graph_from_an_edge_table():
    edges = pd.DataFrame(
        [
            {
                "source": "a",
                "source_name": "A",
                "source_type": "Person",
                "target": "b",
                "target_name": "B",
                "target_type": "Person",
                "relation": "met",
                "label": "",
                "weight": 2,
            },
            {
                "source": "a",
                "source_name": "A",
                "source_type": "Person",
                "target": "c",
                "target_name": "C",
                "target_type": "Place",
                "relation": "role",
                "label": "Envoy",
                "weight": 1,
            },
        ]
    )
    g = views.ego_graph(edges)
    assert g.edges["a", "b"]["weight"] == 2 and g.edges["a", "c"]["label"] == "Envoy"
    assert g.nodes["c"]["kind"] == "Place"


def test_graphml_is_valid_xml_with_list_attributes_joined(events):
    g = views.relationship_graph(events)
    root = ET.fromstring(views.graph_to_graphml(g))
    assert root.tag.endswith("graphml")
    assert "http://kg.example/event/e1 http://kg.example/event/e2" in views.graph_to_graphml(g)


# -- map ------------------------------------------------------------------------------------------
def test_map_frame_counts_events_and_puts_countries_at_their_capital(events):
    places = pd.DataFrame(
        [
            {"place": f"{PL}oslo", "name": "Oslo", "lat": 59.91, "long": 10.75},
            {"place": f"{PL}norway", "name": "Norway", "lat": None, "long": None},
            {"place": f"{PL}atlantis", "name": "Atlantis", "lat": None, "long": None},
        ]
    )
    frame = views.map_frame(events, places)
    assert list(frame["name"]) == ["Oslo", "Norway"]
    assert frame.loc[0, "events"] == 1 and frame.loc[1, "located"] == "capital"
    assert frame.loc[1, "lat"] == pytest.approx(59.9, abs=0.2)
    fig = views.map_figure(frame)
    assert fig.layout.xaxis.range == (-180, 180)
    assert not any(t.type.endswith("mapbox") or t.type.endswith("map") for t in fig.data)


# -- text -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        '<script>alert("x")</script> met <b>Bo</b>',
        'Ana & Bo said "it\'s <fine>"',
        "<img src=x onerror=alert(1)>",
    ],
)
def test_highlight_html_escapes_everything(text):
    marks = [views.Mark(0, len(text), "event", '"><script>t</script>'), views.Mark(2, 6, "person", "<p>")]
    out = views.highlight_html(text, marks)
    assert "<script>" not in out and "<img" not in out and "<b>" not in out and "<p>" not in out
    stripped = out
    for tag in ("</mark>",):
        stripped = stripped.replace(tag, "")
    assert html.unescape("".join(part.split(">", 1)[-1] for part in stripped.split("<mark"))) == text


def test_highlight_html_nests_marks_and_keeps_newlines():
    out = views.highlight_html("Ana met Bo.\nDone", [views.Mark(0, 11, "event"), views.Mark(0, 3, "person")])
    assert out.count("<mark") == 2 and out.index('class="kg-event"') < out.index('class="kg-person"')
    assert out.endswith("<br>Done")
    # a mark crossing the end of its enclosing one is clipped, so tags still nest
    crossed = views.highlight_html("abcdef", [views.Mark(0, 3, "event"), views.Mark(2, 5, "time")])
    assert crossed.count("<mark") == crossed.count("</mark>") == 2


def test_name_marks_prefer_longest_names_and_whole_words():
    marks = views.name_marks("Donald Trump and Trump; Trumpet", {"Donald Trump": "Person", "Trump": "Person"})
    assert [(m.start, m.end) for m in marks] == [(0, 12), (17, 22)]


def test_evidence_text_stitches_quotes_at_their_offsets():
    quotes = [(50, 60, "0123456789"), (0, 5, "abcde"), (52, 55, "234")]
    text, where = views.evidence_text(quotes)
    assert text == "abcde\n[…]\n0123456789"
    assert [text[s:e] for s, e in where] == ["0123456789", "abcde", "234"]


# -- SPARQL console and citations ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "refused"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", None),
        ("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", None),
        ('SELECT ?add WHERE { ?add schema:address "drop it" } # delete me', None),
        ("INSERT DATA { <a:b> <a:c> <a:d> }", "INSERT"),
        ("delete where { ?s ?p ?o }", "DELETE"),
        ("CLEAR ALL", "CLEAR"),
        ("DROP GRAPH <http://x/>", "DROP"),
        ("LOAD <http://x/data.ttl>", "LOAD"),
        ("CREATE GRAPH <http://x/>", "CREATE"),
        ("ADD <http://x/a> TO <http://x/b>", "ADD"),
        ("MOVE DEFAULT TO <http://x/b>", "MOVE"),
        ("COPY DEFAULT TO <http://x/b>", "COPY"),
        ("SELECT * WHERE { SERVICE <http://e/sparql> { ?s ?p ?o } }", "SERVICE"),
    ],
)
def test_read_only_console_refuses_updates_and_service(query, refused):
    problem = views.read_only_problem(query)
    if refused is None:
        assert problem is None
    else:
        assert problem is not None and refused in problem


def test_citation_table_has_article_date_and_quote_for_every_fact(events):
    table = views.citation_table(events)
    assert list(table.columns) == views.CITATION_COLUMNS
    assert len(table) == len(events)
    assert table.loc[0, "quote"] == "Ana Pérez met Bo Lind on Tuesday."
    assert table.loc[0, "article"] == ART and table.loc[0, "date"] == dt.date(2024, 3, 12)


def test_a_marks_label_is_shown_as_an_escaped_badge_at_its_start():
    text = "Share this <b>page</b>\nMinisters met."
    out = views.highlight_html(text, [views.Mark(0, 22, "furniture", "page furniture (share)", "<share>")])
    assert out.startswith('<mark class="kg-furniture"')
    assert '<span class="kg-label"' in out and "&lt;share&gt;</span>Share this &lt;b&gt;" in out
    assert "line-through" not in views.MARK_STYLES["furniture"]
    assert '<span class="kg-label"' not in views.highlight_html(text, [views.Mark(0, 5, "person", "p")])
