"""kg.store.remote against a real SPARQL 1.1 server: `oxigraph serve` from the oxigraph package."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from test_rdf import B, same_dataset, sample_extraction

from kg import queries as Q
from kg.errors import QueryError, StoreError
from kg.graph import to_graph, to_quads
from kg.store import open_store
from kg.store.remote import RemoteStore, default_update_url

pytestmark = pytest.mark.server


def _oxigraph() -> str | None:
    here = Path(sys.executable).parent / "oxigraph"
    return str(here) if here.exists() else shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def oxigraph_server(location: Path):
    """`oxigraph serve` on a free 127.0.0.1 port over `location`; yields its query URL."""
    binary = _oxigraph()
    if binary is None:
        pytest.skip("the `oxigraph` server binary is not installed (pip install oxigraph)")
    port = _free_port()
    proc = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "RUST_LOG": "error"},
    )
    deadline = time.monotonic() + 15
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).close()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"oxigraph serve did not start: {proc.stderr.read().decode()[-500:]}")
            time.sleep(0.1)
    try:
        yield f"http://127.0.0.1:{port}/query"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as url:
        yield url


@pytest.fixture
def store(server):
    s = open_store(url=server)
    s.query("SELECT * WHERE {}")  # reachable
    s._update("DROP ALL", what="emptying the test server")  # each test starts from an empty server
    return s


def write(store, x):
    p = to_quads(x, base=B)
    store.write_article(p.article_iri, p.quads, shared_quads=p.shared_quads)
    return p


def test_open_store_with_a_url_is_remote(store):
    assert isinstance(store, RemoteStore)
    assert store.update_url.endswith("/update")


def test_write_read_back_and_idempotency(store):
    x = sample_extraction()
    p = write(store, x)
    write(store, x)
    assert store.count_articles() == 1
    assert store.article_hash(p.article_iri) == x.article.content_hash
    assert same_dataset(store.dataset(), to_graph(x, base=B))


def test_rewrite_replaces(store):
    p = write(store, sample_extraction())
    write(store, sample_extraction(title="Changed"))
    heads = store.query("SELECT ?h WHERE { GRAPH ?a { ?a schema:headline ?h } }").column("h")
    assert heads == ["Changed"]
    store.delete_article(p.article_iri)
    assert store.count_articles() == 0


def test_saved_queries_give_the_same_answers_as_embedded(store):
    xs = [sample_extraction("a"), sample_extraction("b", source="AP")]
    for x in xs:
        write(store, x)
    with open_store() as local:
        for x in xs:
            write(local, x)
        for fn in (
            lambda s: Q.timeline(s),
            lambda s: Q.timeline(s, types=["Visit"], sources=["AP"], text="paris"),
            lambda s: Q.timeline(s, places=[B + "place/china"], start="2023-06-01"),
            lambda s: Q.who_met_whom(s),
            lambda s: Q.roles(s, B + "person/antony-blinken"),
            lambda s: Q.entities(s, "Person"),
            lambda s: Q.articles(s),
            lambda s: Q.ego_network(s, B + "person/wang-yi", hops=2),
        ):
            remote_df, local_df = fn(store), fn(local)
            assert remote_df.astype(str).values.tolist() == local_df.astype(str).values.tolist()


def test_bindings_travel_as_terms(store):
    write(store, sample_extraction())
    evil = 'x" } } ; DROP ALL ; INSERT DATA { <a:b> <a:c> "d'
    assert (
        store.query("SELECT ?a WHERE { GRAPH ?a { ?a schema:headline ?h } }", bindings={"h": evil}).rows == []
    )
    assert store.count_articles() == 1


def test_errors(store, server):
    with pytest.raises(QueryError, match="refused the query 'SELEKT"):
        store.query("SELEKT ?x")
    with pytest.raises(StoreError, match="Cannot reach"):
        open_store(url=f"http://127.0.0.1:{_free_port()}/query").count_articles()
    with pytest.raises(StoreError, match="read-only"):
        write(open_store(url=server, read_only=True), sample_extraction())
    with pytest.raises(StoreError, match="starts with http"):
        open_store(url="ftp://example.com/sparql")


@pytest.mark.parametrize(
    ("url", "update"),
    [
        ("http://h:7878/query", "http://h:7878/update"),
        ("http://h/ds/query/", "http://h/ds/update"),
        ("http://h/sparql", "http://h/sparql"),
        ("http://h/ds", "http://h/ds"),
    ],
)
def test_default_update_url(url, update):
    assert default_update_url(url) == update


def test_a_server_keeps_the_generation_in_the_store_graph(store):
    """Every write raises the generation in the same request; reads do not; one lookup reads it."""
    before = store.generation()
    p = write(store, sample_extraction())
    assert store.generation() == before + 1
    v = store.version()
    store.count_articles()
    assert store.version() == v
    store.delete_article(p.article_iri)
    assert store.generation() == before + 2
