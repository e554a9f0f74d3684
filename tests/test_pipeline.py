"""End to end: articles in, SPARQL out — events with actors and dates, idempotent re-ingest."""

from __future__ import annotations

import json

import pytest

from kg.pipeline import IngestSummary, extractions, ingest
from kg.store import open_store

pytestmark = pytest.mark.model

EVENTS = """
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX kgo: <http://kg.example/ontology#>
PREFIX schema: <http://schema.org/>
SELECT ?g ?type ?actor ?value ?status WHERE {
  GRAPH ?g { ?e a sem:Event ; a ?type ; sem:hasActor ?a ; kgo:status ?status .
             OPTIONAL { ?e kgo:timeValue ?value } }
  GRAPH ?eg { ?a schema:name ?actor }
  FILTER(?type != sem:Event)
}
"""


def test_ingest_then_sparql_gives_events_with_actors_and_dates(sample_store):
    with open_store(sample_store, read_only=True) as st:
        rows = st.query(EVENTS).records()
    meetings = [r for r in rows if r["type"].endswith("Meeting") and r["g"].endswith("oslo-talks")]
    actors = {r["actor"] for r in meetings}
    assert {"Espen Barth Eide", "Alberto van Klaveren"} <= actors
    # "on Tuesday" in an article of Thursday 2024-03-14, past tense: the Tuesday before
    assert {r["value"] for r in meetings} == {"2024-03-12"}
    calls = [r for r in rows if r["type"].endswith("PhoneCall")]
    assert {r["value"] for r in calls} == {"2024-03-18"}
    assert any(r["actor"] == "Dina Boluarte" for r in calls)


def test_each_article_is_its_own_named_graph(sample_store):
    with open_store(sample_store, read_only=True) as st:
        graphs = set(st.article_iris())
        assert {g.rsplit("/", 1)[-1] for g in graphs} == {"oslo-talks", "lima-call"}
        ask = st.query(
            "PREFIX schema: <http://schema.org/> ASK { GRAPH ?g { ?g a schema:NewsArticle ; schema:datePublished ?d } }"
        )
        assert ask.boolean


def test_reingesting_leaves_the_store_unchanged(tmp_path, corpus_file):
    path = tmp_path / "st"
    with open_store(path) as st:
        first = ingest([corpus_file], st)
        before = sorted(map(str, st.dataset().quads()))
        second = ingest([corpus_file], st)
        after = sorted(map(str, st.dataset().quads()))
    assert (first.new, second.new, second.unchanged) == (2, 0, 2)
    assert before == after


def test_forced_reingest_rebuilds_the_same_graph(tmp_path, corpus_file):
    with open_store(tmp_path / "st") as st:
        ingest([corpus_file], st)
        before = sorted(map(str, st.dataset().quads()))
        again = ingest([corpus_file], st, force=True)
        after = sorted(map(str, st.dataset().quads()))
    assert again.replaced == 2
    assert before == after


def test_one_bad_input_does_not_stop_the_batch(tmp_path, corpus_file):
    bad = tmp_path / "broken.jsonl"
    bad.write_text(
        '{"id": "a", "text": "fine text about nothing in particular."}\n{not json\n', encoding="utf-8"
    )
    with open_store() as st:
        summary = ingest([bad, corpus_file], st)
        assert st.count_articles() == 3
    assert not summary.ok
    assert any("line 2" in where or "line 2" in why for where, why in summary.failed)


def test_furniture_never_becomes_a_fact(corpus_file):
    summary = IngestSummary()
    (x,) = [x for x in extractions([corpus_file], summary=summary) if x.article.id == "oslo-talks"]
    names = {e.name for e in x.entities} | {p for ev in x.events for p in ev.participants}
    assert not any("Storm" in n or "ferry" in n for n in names)
    assert any("See also" in f.text for f in x.furniture)
    json.dumps([e.name for e in x.entities])


def test_a_parser_crash_loses_only_its_article(monkeypatch):
    """spaCy failing inside a batch: the batch is parsed again one by one, only the culprit is lost."""
    from kg import extract
    from kg.errors import ExtractionError
    from kg.extract import nlp
    from kg.model import Article

    model = nlp.load()
    real_tokenizer = model.tokenizer

    class Exploding:
        def __call__(self, text):
            if "POISON" in text:
                raise RuntimeError("tokenizer exploded")
            return real_tokenizer(text)

        def pipe(self, texts, batch_size=1000):
            for t in texts:
                yield self(t)

    monkeypatch.setattr(model, "tokenizer", Exploding())
    arts = [
        Article(id=f"a{i}", text=f"Chancellor Olaf Scholz met President Emmanuel Macron on Monday. {i}")
        for i in range(5)
    ]
    arts[2] = Article(
        id="bad", text="The POISON word sits in an ordinary sentence about Olaf Scholz and Emmanuel Macron."
    )
    out = list(extract.extract_many(arts, batch_size=4))
    assert [type(x).__name__ for x in out].count("Extraction") == 4
    (err,) = [x for x in out if isinstance(x, ExtractionError)]
    assert "bad" in str(err) and "tokenizer exploded" in str(err)
