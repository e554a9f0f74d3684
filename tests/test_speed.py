"""Going faster changes nothing a user sees: extraction in worker processes gives the same output
in the same order as one process, and an ingest written in multi-article batches gives the same
store (cross-article links included) as one written article by article."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kg import pipeline
from kg.errors import ExtractionError
from kg.extract import extract_many, parallel, to_json
from kg.model import Article
from kg.store import open_store

# Short articles written for this test; the same meeting is reported twice, so links are made.
TEXTS = [
    ("a1", "2024-05-06", "Chancellor Olaf Scholz will meet President Emmanuel Macron in Paris on Thursday."),
    ("a2", "2024-05-10", "Chancellor Olaf Scholz met President Emmanuel Macron in Paris on Thursday."),
    ("a3", "2024-05-11", "Foreign Minister Anna Berg of Norway spoke by phone with Omar Hale on Friday."),
    ("a4", "2024-05-12", "Prime Minister Omar Hale visited Oslo on Saturday, the ministry said."),
    ("a5", "2024-05-14", "Macron and Scholz held talks in Paris last Thursday, officials said."),
    ("a6", "2024-05-20", "Berg will travel to Geneva next week for talks with Hale."),
]


def _articles() -> list[Article]:
    return [
        Article(id=i, text=t, published=dt.date.fromisoformat(d), source="Test Wire") for i, d, t in TEXTS
    ]


def test_jobs_accepts_a_number_or_auto_and_names_a_bad_value():
    assert parallel.parse_jobs("auto") == "auto"
    assert parallel.parse_jobs("2") == 2 and parallel.parse_jobs(3) == 3
    for bad in ("0", "two", "-1", ""):
        with pytest.raises(ExtractionError, match="--jobs"):
            parallel.parse_jobs(bad)


def test_auto_uses_one_process_for_a_small_input_and_every_core_for_a_large_one(monkeypatch):
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    few = _articles()
    n, rest = parallel.plan(few, "auto")
    assert n == 1 and [a.id for a in rest] == [a.id for a in few]
    many = [Article(id=f"x{i}", text="Text.") for i in range(parallel.AUTO_MIN_ARTICLES)]
    n, rest = parallel.plan(iter(many), "auto")
    assert n == 2 and [a.id for a in rest] == [a.id for a in many]  # nothing lost by reading ahead
    assert parallel.plan(few, 3)[0] == 3


@pytest.mark.model
def test_worker_processes_extract_the_same_as_one_process_in_input_order():
    one = [to_json(x) for x in extract_many(_articles(), n_process=1, batch_size=2)]
    two = [to_json(x) for x in extract_many(_articles(), n_process=2, batch_size=2)]
    assert [d["id"] for d in two] == [i for i, _, _ in TEXTS]
    assert json.dumps(two, sort_keys=True) == json.dumps(one, sort_keys=True)
    assert any(d["events"] for d in one)


def _snapshot(st) -> list[str]:
    return sorted(str(q) for q in st.dataset().quads())


@pytest.mark.model
def test_a_batched_ingest_gives_the_store_of_an_article_by_article_ingest(tmp_path, monkeypatch):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        "".join(
            json.dumps({"id": i, "published": d, "text": t, "source": "Test Wire"}) + "\n"
            for i, d, t in TEXTS
        ),
        encoding="utf-8",
    )
    with open_store() as batched:
        assert pipeline.ingest([corpus], batched).ok
        want = _snapshot(batched)
    monkeypatch.setattr(pipeline, "BATCH_ARTICLES", 1)  # every article its own transaction
    with open_store() as single:
        summary = pipeline.ingest([corpus], single)
        assert summary.ok and summary.new == len(TEXTS)
        got = _snapshot(single)
    assert got == want
    assert any("sameEventAs" in q for q in want)  # the batch's own articles were linked
