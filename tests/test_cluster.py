"""Beyond one machine: extraction on a local Dask cluster (two workers) writing to a local SPARQL
server gives the same graph as a single-process ingest."""

from __future__ import annotations

import sys
import types

import pytest
from test_remote import oxigraph_server

from bench.generate import write as generate
from kg.pipeline import ingest
from kg.store import open_store

pytestmark = [pytest.mark.server, pytest.mark.model, pytest.mark.slow]


@pytest.fixture()
def server(tmp_path):
    with oxigraph_server(tmp_path / "ox") as url:
        yield url


def test_cluster_ingest_equals_single_process(tmp_path, server, monkeypatch):
    pytest.importorskip("distributed")
    # Worker processes are spawned, and spawn re-runs the parent's __main__ file: after the
    # dashboard's AppTests in the same session that would be app.py. A bare __main__ avoids it.
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    corpus = generate(12, tmp_path / "c.jsonl", seed=5, words=120)
    with open_store() as local:
        assert ingest([corpus], local).ok
        want = sorted(map(str, local.dataset().quads()))
    with open_store(url=server) as remote:
        summary = ingest([corpus], remote, cluster="local:2")
        assert summary.ok, summary.failed
        assert summary.new == 12
        got = sorted(map(str, remote.dataset().quads()))
    assert got == want
