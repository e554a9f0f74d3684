"""Shared fixtures: a small corpus written for the tests, and a store built from it once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

# Two short articles written for these tests (not taken from any evaluation file).
CORPUS = [
    {
        "id": "oslo-talks",
        "title": "Norwegian and Chilean ministers hold talks in Oslo",
        "published": "2024-03-14",
        "url": "https://news.example/oslo-talks",
        "source": "Example Wire",
        "text": (
            "Norwegian and Chilean ministers hold talks in Oslo\n\n"
            "Share this article\n\n"
            "Norwegian Foreign Minister Espen Barth Eide met Chilean Foreign Minister Alberto van Klaveren "
            "in Oslo on Tuesday to discuss fisheries and climate policy.\n\n"
            "Eide said the two governments would sign a research agreement next month. "
            "Van Klaveren will travel to Bergen on Friday.\n\n"
            "See also  Storm closes ferry routes in the north\n"
        ),
    },
    {
        "id": "lima-call",
        "title": "Peru and Brazil leaders speak by phone",
        "published": "2024-03-20",
        "url": "https://news.example/lima-call",
        "source": "Example Wire",
        "text": (
            "Peru and Brazil leaders speak by phone\n\n"
            "Brazilian President Luiz Inacio Lula da Silva spoke by phone with Peruvian President "
            "Dina Boluarte on Monday, a spokesman for the Brazilian government said.\n\n"
            "A planned visit by Lula to Lima was postponed, the spokesman added.\n"
        ),
    },
]


@pytest.fixture(scope="session")
def corpus_file(tmp_path_factory) -> Path:
    """The test corpus as a JSONL file."""
    path = tmp_path_factory.mktemp("corpus") / "articles.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in CORPUS), encoding="utf-8")
    return path


def ingested_store(tmp_path_factory, name: str, articles: list[dict]) -> Path:
    """An on-disk store holding `articles` (records as `kg ingest` reads them from JSONL)."""
    from kg.pipeline import ingest
    from kg.store import open_store

    src = tmp_path_factory.mktemp(f"{name}-src") / "articles.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    path = tmp_path_factory.mktemp(name) / "kg-store"
    with open_store(path) as st:
        summary = ingest([src], st)
    assert summary.ok, summary.failed
    return path


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory):
    """An on-disk store holding the test corpus (built once per session)."""
    return ingested_store(tmp_path_factory, "store", CORPUS)
