"""Across articles, reports of the same event are linked (kgo:sameEventAs), each keeping its own
evidence and status claim; different events stay apart."""

from __future__ import annotations

import json

import pytest

from kg import queries
from kg.pipeline import ingest
from kg.store import open_store

pytestmark = pytest.mark.model

ARTICLES = [
    {"id": "r1", "published": "2024-05-06", "source": "Wire A",
     "text": "Chancellor Olaf Scholz will meet President Emmanuel Macron in Paris on Thursday."},
    {"id": "r2", "published": "2024-05-10", "source": "Wire B",
     "text": "Chancellor Olaf Scholz met President Emmanuel Macron in Paris on Thursday to discuss energy."},
    {"id": "r3", "published": "2024-09-02", "source": "Wire C",
     "text": "Chancellor Olaf Scholz met President Emmanuel Macron in Berlin on Monday."},
]  # fmt: skip


def test_two_reports_of_one_meeting_are_linked_and_a_later_meeting_is_not(tmp_path):
    f = tmp_path / "c.jsonl"
    f.write_text("".join(json.dumps(r) + "\n" for r in ARTICLES), encoding="utf-8")
    with open_store() as st:
        assert ingest([f], st).ok
        tl = queries.timeline(st, types=["Meeting"])
    by_article = {
        a.rsplit("/", 1)[-1]: row for a, row in zip(tl["article_iri"], tl.to_dict("records"), strict=True)
    }
    r1, r2, r3 = by_article["r1"], by_article["r2"], by_article["r3"]
    assert r1["same_event"] == r2["same_event"] and r1["reports"] == r2["reports"] == 2
    # each article keeps its own claim: planned in the first, held in the second
    assert (r1["status"], r2["status"]) == ("planned", "occurred")
    assert r3["same_event"] != r1["same_event"] and r3["reports"] == 1


def test_reports_lists_each_article_claim(tmp_path):
    f = tmp_path / "c.jsonl"
    f.write_text("".join(json.dumps(r) + "\n" for r in ARTICLES[:2]), encoding="utf-8")
    with open_store() as st:
        assert ingest([f], st).ok
        tl = queries.timeline(st, types=["Meeting"])
        rep = queries.reports(st, tl["event"].iloc[0])
    assert sorted(rep["status"]) == ["occurred", "planned"]
    assert set(rep["source"]) == {"Wire A", "Wire B"}
