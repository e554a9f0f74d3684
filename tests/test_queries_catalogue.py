"""kg.queries.catalogue and kg.queries.annotations: the store-wide tables and the article reader's
passages, on a two-article in-memory store built from hand-made extractions."""

from __future__ import annotations

import datetime as dt

import pytest
from test_queries import fill
from test_rdf import B, sample_extraction

from kg import queries as Q
from kg.store import open_store

BLINKEN = B + "person/antony-blinken"


@pytest.fixture(scope="module")
def store():
    with open_store() as s:
        yield fill(s, sample_extraction("a"), sample_extraction("b", published=dt.date(2023, 7, 3)))


def test_memberships_span_the_articles_that_attest_them(store):
    m = Q.memberships(store)
    assert list(m.columns) == Q.MEMBERSHIP_COLUMNS
    row = m[(m["person"] == BLINKEN) & (m["title"] == "Secretary of State")].iloc[0]
    assert row["person_name"] == "Antony Blinken" and row["org_name"] == "United States"
    assert (row["first"], row["last"], row["articles"]) == (dt.date(2023, 6, 19), dt.date(2023, 7, 3), 2)


def test_gazetteer_has_coordinates_and_countries(store):
    g = Q.gazetteer(store)
    assert list(g.columns) == Q.GAZETTEER_COLUMNS
    beijing = g[g["name"] == "Beijing"].iloc[0]
    assert (round(float(beijing["lat"]), 1), round(float(beijing["long"]), 1)) == (39.9, 116.4)
    assert beijing["country_name"] == "China"


def test_meetings(store):
    m = Q.meetings(store)
    assert list(m.columns) == Q.MEETING_COLUMNS
    assert set(m["label"]) == {"Antony Blinken meets Wang Yi"} and len(m) == 2


def test_content_version_changes_with_an_ingest():
    with open_store() as s:
        assert Q.content_version(s)[0] == 0
        fill(s, sample_extraction("a"))
        one = Q.content_version(s)
        fill(s, sample_extraction("b"))
        two = Q.content_version(s)
    assert one[0] == 1 and two[0] == 2 and one[1] != two[1] and len(one[1]) == 16


def test_annotations_and_mentions_of_one_article(store):
    a = Q.annotations(store, B + "article/a")
    assert list(a.columns) == Q.ANNOTATION_COLUMNS
    assert list(a["start"]) == sorted(a["start"])
    assert {"event", "role"} <= set(a["kind"])
    meeting = a[a["label"] == "Antony Blinken meets Wang Yi"].iloc[0]
    assert meeting["status"] == "occurred" and meeting["trigger"] == "met"
    assert meeting["exact"].startswith("Secretary of State Antony Blinken met")
    m = Q.mentions(store, B + "article/a")
    assert list(m.columns) == Q.MENTION_COLUMNS
    assert {("Antony Blinken", "Person"), ("Blinken", "Person"), ("Beijing", "Place")} <= set(
        zip(m["name"], m["kind"], strict=True)
    )
    assert Q.annotations(store, B + "article/none").empty
