"""Beyond one machine: extraction on a local Dask cluster (two workers) writing to a local SPARQL
server gives the same graph as a single-process ingest."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import types
import urllib.request

import pytest
from test_remote import _free_port, _oxigraph

from bench.generate import write as generate
from kg.pipeline import ingest
from kg.store import open_store

pytestmark = [pytest.mark.server, pytest.mark.model, pytest.mark.slow]


@pytest.fixture()
def server(tmp_path):
    binary = _oxigraph()
    if binary is None:
        pytest.skip("the `oxigraph` server binary is not installed (pip install oxigraph)")
    port = _free_port()
    proc = subprocess.Popen(
        [binary, "serve", "--location", str(tmp_path / "ox"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "RUST_LOG": "error"},
    )
    deadline = time.monotonic() + 15
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).close()
            break
        except OSError:
            assert proc.poll() is None and time.monotonic() < deadline, "oxigraph serve did not start"
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}/query"
    proc.terminate()
    proc.wait(timeout=10)


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
