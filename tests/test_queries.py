"""kg.queries: the saved SPARQL and its typed functions, on a two-article in-memory store."""

from __future__ import annotations

import datetime as dt

import pytest
from rdflib import URIRef
from test_rdf import TEXT, B, sample_extraction

from kg import queries as Q
from kg.errors import QueryError
from kg.graph import event_iri, to_quads
from kg.store import open_store

BLINKEN, WANG = B + "person/antony-blinken", B + "person/wang-yi"


def fill(store, *extractions):
    for x in extractions:
        p = to_quads(x, base=B)
        store.write_article(p.article_iri, p.quads, shared_quads=p.shared_quads)
    return store


@pytest.fixture(scope="module")
def store():
    with open_store() as s:
        yield fill(
            s,
            sample_extraction("a"),
            sample_extraction("b", published=dt.date(2023, 7, 3), source="AP"),
        )


def test_every_saved_query_parses():
    names = Q.saved_queries()
    assert {"timeline", "ego", "names", "roles", "who_met_whom", "evidence", "entities", "articles"} <= set(
        names
    )
    with open_store() as s:
        for name, text in names.items():
            s.query(text.replace("#FILTERS", ""))  # raises QueryError if malformed
            assert text.lstrip().startswith("#"), f"{name}.rq starts with a comment saying what it answers"


def test_unknown_saved_query():
    with pytest.raises(QueryError, match="No saved query 'nope'. Known: .*timeline"):
        Q.load("nope")


def test_timeline_rows_and_columns(store):
    t = Q.timeline(store)
    assert list(t.columns) == Q.TIMELINE_COLUMNS
    assert len(t) == 6
    meeting = t[(t.type == "Meeting") & (t.article_iri == B + "article/a")].iloc[0]
    x = sample_extraction("a")
    assert meeting.event == str(event_iri("a", x.events[0], base=B))
    assert meeting.label == "Antony Blinken meets Wang Yi"
    assert meeting.status == "occurred"
    assert meeting.timestamp == dt.date(2023, 6, 19) == meeting.earliest == meeting.latest == meeting.date
    assert meeting.time_value == "2023-06-19" and meeting.time_phrase == "on Monday"
    assert meeting.participants == "Antony Blinken; Wang Yi"
    assert meeting.participant_iris == f"{BLINKEN} {WANG}"
    assert meeting.place == "Beijing" and meeting.place_iri == B + "place/beijing"
    assert meeting.headline == "Blinken meets Wang" and meeting.source == "Reuters"
    assert meeting.published == dt.date(2023, 6, 19)
    assert TEXT[meeting.start : meeting.end] == meeting.quote
    assert meeting.confidence == pytest.approx(0.9)
    # Oldest first by the plotting date.
    assert list(t.date) == sorted(t.date)


def test_vague_event_has_bounds_not_a_timestamp(store):
    visit = Q.timeline(store, types=["Visit"]).iloc[0]
    assert visit.timestamp is None or visit.timestamp != visit.timestamp  # None or NaN
    assert (visit.earliest, visit.latest) == (dt.date(2023, 6, 26), dt.date(2023, 7, 2))
    assert visit.participants == "Antony Blinken"


@pytest.mark.parametrize(
    ("filters", "n"),
    [
        ({}, 6),
        ({"types": ["Meeting"]}, 2),
        ({"types": ["meeting", "Visit"]}, 4),
        ({"statuses": ["planned"]}, 2),
        ({"statuses": ["occurred", "planned"]}, 6),
        ({"start": "2023-06-20"}, 4),  # the visit next week and the summit "in June" overlap it
        ({"end": dt.date(2023, 6, 18)}, 2),  # the cancelled June summit's month starts before
        ({"start": "2023-06-19", "end": "2023-06-19"}, 4),
        ({"entities": [WANG]}, 2),
        ({"entities": [WANG, BLINKEN]}, 4),
        ({"entities": [B + "person/nobody"]}, 0),
        ({"places": [B + "place/beijing"]}, 2),
        ({"places": [B + "place/china"]}, 2),  # Beijing is in China
        ({"places": [B + "place/france"]}, 2),
        ({"sources": ["AP"]}, 3),
        ({"sources": [URIRef(B + "publisher/reuters")]}, 3),
        ({"text": "SUMMIT"}, 2),
        ({"text": "paris next week"}, 2),
        ({"limit": 1}, 1),
        ({"types": ["Meeting"], "sources": ["AP"]}, 1),
    ],
)
def test_timeline_filters(store, filters, n):
    assert len(Q.timeline(store, **filters)) == n


def test_filter_values_never_reach_the_query_text(store):
    evil = '") } DROP ALL #'
    assert len(Q.timeline(store, text=evil, sources=[evil])) == 0
    assert len(Q.timeline(store)) == 6


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"types": ["Meting"]}, "Unknown event type 'Meting'. Choose from: Meeting"),
        ({"statuses": ["done"]}, "Unknown status 'done'"),
        ({"start": "June"}, "start must be a date"),
        ({"start": "2023-07-01", "end": "2023-06-01"}, "is after end"),
        ({"limit": -1}, "limit must be zero or more"),
    ],
)
def test_timeline_bad_filters(store, filters, message):
    with pytest.raises(QueryError, match=message):
        Q.timeline(store, **filters)


def test_events_at(store):
    assert set(Q.events_at(store, B + "place/china").label) == {"Antony Blinken meets Wang Yi"}
    assert len(Q.events_at(store, B + "place/china", sources=["AP"])) == 1


def test_who_met_whom(store):
    pairs = Q.who_met_whom(store)
    assert len(pairs) == 1
    row = pairs.iloc[0]
    assert (row.a_name, row.b_name, row["count"]) == ("Antony Blinken", "Wang Yi", 2)
    assert (row["first"], row["last"]) == (dt.date(2023, 6, 19), dt.date(2023, 6, 19))
    assert len(Q.who_met_whom(store, min_count=3)) == 0
    assert len(Q.who_met_whom(store, start="2023-07-01")) == 0
    assert len(Q.who_met_whom(store, statuses=["planned"])) == 0


def test_ego_network(store):
    one = Q.ego_network(store, BLINKEN)
    assert set(one.columns) >= {
        "source",
        "source_name",
        "target",
        "target_name",
        "relation",
        "weight",
        "first",
        "last",
    }
    met = one[one.relation == "met"]
    assert len(met) == 1 and met.iloc[0].weight == 2
    assert set(one.target_name) >= {"Wang Yi", "United States"}
    assert "China" not in set(one.source_name) | set(one.target_name)  # two hops away
    two = Q.ego_network(store, BLINKEN, hops=2)
    role = two[(two.relation == "role") & (two.target_name == "China")].iloc[0]
    assert role.label == "Foreign Minister" and role.source_type == "Person" and role.target_type == "Place"
    capped = Q.ego_network(store, BLINKEN, hops=2, cap=2)
    assert len(set(capped.source) | set(capped.target)) <= 2
    assert Q.ego_network(store, B + "person/nobody").empty
    with pytest.raises(QueryError, match="at least 1"):
        Q.ego_network(store, BLINKEN, hops=0)


def test_roles(store):
    r = Q.roles(store, BLINKEN)
    assert list(r.title) == ["Secretary of State", "Secretary of State"]
    assert list(r["of"]) == ["United States", "United States"]
    assert list(r.date) == [dt.date(2023, 6, 19), dt.date(2023, 7, 3)]
    assert set(r.quote) == {"Secretary of State Antony Blinken"}
    assert Q.roles(store, B + "person/nobody").empty


def test_evidence(store):
    meeting = Q.timeline(store, types=["Meeting"], sources=["Reuters"]).iloc[0]
    ev = Q.evidence(store, meeting.event)
    assert len(ev) == 1
    row = ev.iloc[0]
    assert row.article == B + "article/a" and row.source == "Reuters" and row.url == "https://example.com/a"
    assert row.quote == meeting.quote and (row.start, row.end) == (meeting.start, meeting.end)
    assert (row.extractor, row.version) == ("kg", "0.1.0")
    membership = Q.roles(store, WANG).iloc[0].membership
    assert len(Q.evidence(store, membership)) == 2  # stated in both articles


def test_entities(store):
    e = Q.entities(store)
    # France is only the country Paris lies in: no article speaks of it.
    assert set(e.name) == {"Antony Blinken", "Wang Yi", "Beijing", "Paris", "China", "United States"}
    blinken = e[e.entity == BLINKEN].iloc[0]
    assert (blinken.type, blinken.aliases, blinken.n_events, blinken.n_articles) == (
        "Person",
        "Blinken",
        4,
        2,
    )
    assert set(Q.entities(store, "person").name) == {"Antony Blinken", "Wang Yi"}
    assert "Reuters" not in set(e.name)  # publishers are not extracted entities
    with pytest.raises(QueryError, match="Unknown entity type"):
        Q.entities(store, "Country")


def test_articles(store):
    a = Q.articles(store)
    assert list(a.article) == [B + "article/a", B + "article/b"]
    assert list(a.n_events) == [3, 3]
    assert list(a.source) == ["Reuters", "AP"]
    assert a.iloc[0].content_hash == sample_extraction("a").article.content_hash


def test_empty_store_gives_empty_frames_with_columns():
    with open_store() as s:
        assert list(Q.timeline(s).columns) == Q.TIMELINE_COLUMNS
        assert Q.timeline(s).empty and Q.articles(s).empty and Q.entities(s).empty
        assert Q.who_met_whom(s).empty
