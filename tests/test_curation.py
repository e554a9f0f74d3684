"""Merge candidates can be listed, merged and split; merges are recorded in the graph and undone."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kg import queries
from kg.pipeline import ingest
from kg.resolve.curation import candidates, canonical_map, merge, merges, split
from kg.store import open_store

pytestmark = pytest.mark.model

ARTICLES = [
    # the second article only says "Vladimir V. Putin": a different surface form of one person
    {
        "id": "c1",
        "published": "2024-06-03",
        "text": "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Friday.",
    },
    {
        "id": "c2",
        "published": "2024-06-10",
        "text": "President Vladimir V. Putin spoke by phone with Turkish President Recep Tayyip Erdogan on Monday.",
    },
]


@pytest.fixture()
def store(tmp_path):
    f = tmp_path / "c.jsonl"
    f.write_text("".join(json.dumps(r) + "\n" for r in ARTICLES), encoding="utf-8")
    st = open_store(tmp_path / "st")
    assert ingest([f], st).ok
    yield st
    st.close()


def _iri(st, name):
    df = queries.entities(st, "Person")
    return df[df["name"] == name]["entity"].iloc[0]


def test_candidates_merge_and_split_round_trip(store):
    cands = candidates(store)
    pair = cands[
        (cands["a_name"].isin(["Vladimir Putin", "Vladimir V. Putin"]))
        & (cands["b_name"].isin(["Vladimir Putin", "Vladimir V. Putin"]))
    ]
    assert len(pair) == 1
    before = sorted(map(str, store.dataset().quads()))
    a, b = _iri(store, "Vladimir V. Putin"), _iri(store, "Vladimir Putin")
    merge(store, a, b, note="same person")
    assert canonical_map(store) == {a: b}
    # the merged person's events now show the canonical one
    tl = queries.timeline(store, entities=[b])
    assert len(tl) >= 2 and all("Vladimir Putin" in p for p in tl["participants"])
    names = set(queries.entities(store, "Person")["name"])
    assert "Vladimir V. Putin" not in names
    assert len(merges(store)) == 1
    split(store, a)
    assert canonical_map(store) == {}
    assert "Vladimir V. Putin" in set(queries.entities(store, "Person")["name"])
    # undone, and not offered again
    assert not len(candidates(store)[lambda d: d["a"].isin([a, b]) & d["b"].isin([a, b])])
    after = [q for q in map(str, store.dataset().quads()) if "differentFrom" not in q]
    assert sorted(after) == before


def test_cli_merge_by_name(tmp_path, store):
    path = store.location
    store.close()

    def run(*a: str) -> subprocess.CompletedProcess:
        cmd = [sys.executable, "-m", "kg.cli", "entities", *a, "--store", str(path)]
        return subprocess.run(cmd, capture_output=True, text=True)

    r = run("candidates")
    assert r.returncode == 0 and "Putin" in r.stdout
    r = run("merge", "Vladimir V. Putin", "Vladimir Putin", "--note", "same person")
    assert r.returncode == 0, r.stderr
    assert "same person" in run("merges").stdout
    r = run("merge", "Nobody Here", "Vladimir Putin")
    assert r.returncode == 1 and "no entity named 'Nobody Here'" in r.stderr
    assert run("split", "Vladimir V. Putin").returncode == 0
