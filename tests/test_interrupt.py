"""An ingest killed at random moments never leaves a half-written article or an unreadable store;
re-running it gives exactly the store of an uninterrupted run."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.generate import write as generate
from kg.store import open_store

pytestmark = [pytest.mark.model, pytest.mark.slow]


def _ingest(corpus: Path, store: Path) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "kg.cli", "ingest", str(corpus), "--store", str(store), "--quiet"]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _snapshot(store: Path) -> list[str]:
    with open_store(store, read_only=True) as st:
        return sorted(map(str, st.dataset().quads()))


def _complete_articles(store: Path) -> None:
    """Every article graph in the store is whole: it has its article node and its content hash."""
    with open_store(store, read_only=True) as st:
        rows = st.query(
            "SELECT ?g (COUNT(?h) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
            "OPTIONAL { GRAPH ?g { ?g kgo:contentHash ?h } } FILTER(STRSTARTS(STR(?g), 'http://kg.example/article/')) } "
            "GROUP BY ?g"
        ).rows
    assert all(n >= 1 for _, n in rows), rows


def test_killed_ingest_resumes_to_the_same_store(tmp_path):
    corpus = generate(24, tmp_path / "corpus.jsonl", seed=7, words=150)
    reference = tmp_path / "reference"
    p = _ingest(corpus, reference)
    assert p.wait(timeout=600) == 0, p.stderr.read().decode()
    want = _snapshot(reference)

    rng = random.Random(11)
    store = tmp_path / "killed"
    for _ in range(4):
        p = _ingest(corpus, store)
        # model loading takes a few seconds; kill somewhere in loading or writing
        time.sleep(rng.uniform(2.0, 9.0))
        p.send_signal(signal.SIGKILL)
        p.wait(timeout=60)
        if store.exists():
            _complete_articles(store)  # readable, and no article is half there
    p = _ingest(corpus, store)
    out, err = p.communicate(timeout=600)
    assert p.returncode == 0, err.decode()
    assert _snapshot(store) == want
