"""Across articles: one node per real person, and no merge on a shared surname alone."""

from __future__ import annotations

import json

import pytest

from kg.graph.shapes import validate
from kg.pipeline import ingest
from kg.store import open_store

pytestmark = pytest.mark.model

PEOPLE = """
SELECT ?name (GROUP_CONCAT(DISTINCT ?alias; separator="|") AS ?aliases) WHERE {
  GRAPH ?g { ?p a schema:Person ; schema:name ?name . OPTIONAL { ?p skos:altLabel ?alias } }
} GROUP BY ?name ORDER BY ?name
"""


def _records(tmp_path, records):
    f = tmp_path / "c.jsonl"
    f.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return f


def test_surname_in_a_later_article_joins_the_known_person(tmp_path):
    corpus = _records(
        tmp_path,
        [
            {
                "id": "a1",
                "published": "2024-02-01",
                "text": "Chancellor Olaf Scholz met President Emmanuel Macron in Berlin on Monday.",
            },
            {
                "id": "a2",
                "published": "2024-02-09",
                "text": "Scholz spoke by phone with Polish Prime Minister Donald Tusk on Thursday.",
            },
        ],
    )
    with open_store() as st:
        assert ingest([corpus], st).ok
        names = {r["name"]: r["aliases"] for r in st.query(PEOPLE).records()}
    assert "Olaf Scholz" in names
    assert "Scholz" not in names  # one node, not two
    assert "Scholz" in names["Olaf Scholz"]


def test_two_people_sharing_a_surname_stay_apart(tmp_path):
    corpus = _records(
        tmp_path,
        [
            {
                "id": "b1",
                "published": "2024-03-01",
                "text": "Governor Jeb Bush met Mexican President Vicente Fox in Austin on Tuesday.",
            },
            {
                "id": "b2",
                "published": "2024-03-05",
                "text": "Former President George Bush spoke with Canadian Prime Minister Justin Trudeau on Monday.",
            },
            {"id": "b3", "published": "2024-03-08", "text": "Bush visited Ottawa on Wednesday."},
        ],
    )
    with open_store() as st:
        assert ingest([corpus], st).ok
        names = set(st.query(PEOPLE).column("name"))
    assert {"Jeb Bush", "George Bush"} <= names
    # a bare "Bush" with two known Bushes is not merged into either
    assert "Bush" in names


def test_ingested_store_satisfies_the_shapes(sample_store):
    with open_store(sample_store, read_only=True) as st:
        report = validate(st)
    assert report.conforms, report.text
