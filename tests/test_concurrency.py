"""Using one store from several places at once: readers (`kg query`, a read-only `open_store`,
`kg serve`) beside a running `kg ingest` see only whole articles and never fail; a second ingest
into the same store is refused with a message naming the store; and names that carry SPARQL
syntax are stored and queried back verbatim without touching the rest of the store."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib import URIRef

from bench.generate import write as generate
from kg import queries
from kg.errors import StoreError
from kg.graph import entity_iri, to_quads
from kg.graph.namespaces import entities_graph
from kg.store import open_store
from kg.store.endpoint import Limits, endpoint_url, make_server

pytestmark = [pytest.mark.model, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
ARTICLE_PREFIX = "http://kg.example/article/"
# Triples per article graph, and whether the graph has its content hash (written last by no one:
# the whole graph goes in one transaction, so a reader sees all of it or none of it).
GRAPHS = f"""
SELECT ?g (COUNT(*) AS ?n) (SUM(IF(?p = kgo:contentHash, 1, 0)) AS ?hash) WHERE {{
  GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{ARTICLE_PREFIX}"))
}} GROUP BY ?g
"""


def start_ingest(corpus: Path, store: Path, *extra: str) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-m", "kg.cli", "ingest", str(corpus), "--store", str(store), "--quiet", *extra]
    return subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_store(store: Path, proc: subprocess.Popen[str], timeout: float = 30) -> None:
    """Until the ingest has created the store (it holds the writer's lock from then on)."""
    t0 = time.monotonic()
    while not (store / "CURRENT").exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() - t0 < timeout, "the ingest did not create its store"
        time.sleep(0.05)


def finish(proc: subprocess.Popen[str], n: int) -> None:
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert out.startswith(f"{n} read, {n} new"), out
    assert "Traceback" not in err


def final_graphs(store: Path) -> dict[str, int]:
    with open_store(store, read_only=True) as st:
        return {g: n for g, n, _ in st.query(GRAPHS).rows}


def check_whole(seen: list[dict[str, int]], final: dict[str, int]) -> None:
    """Every article graph a reader saw had exactly the triples it has at the end: never a part."""
    for snapshot in seen:
        for g, n in snapshot.items():
            assert n == final[g], f"{g}: a reader saw {n} of its {final[g]} triples"


# enough articles that an ingest spans several of its 2-second write batches, however fast extraction is
N = 300


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return generate(N, tmp_path_factory.mktemp("corpus") / "synthetic.jsonl", seed=3, words=120)


def test_readers_beside_an_ingest_see_only_whole_articles(corpus, tmp_path):
    store = tmp_path / "kg-store"
    proc = start_ingest(corpus, store)
    wait_for_store(store, proc)
    seen: list[dict[str, int]] = []
    counts: list[int] = []
    cli_runs = 0
    with open_store(store, read_only=True) as reader:
        while proc.poll() is None:
            reader.refresh()  # the latest committed state each time: batches commit faster than the 2 s refresh
            rows = reader.query(GRAPHS).rows
            assert all(h == 1 for _, _, h in rows), rows  # each graph carries its hash: it is whole
            seen.append({g: n for g, n, _ in rows})
            counts.append(len(rows))
            # the CLI (a process of its own, slow to start) every third look, so that the reads in this
            # process still see the store between batches when extraction is fast
            if len(counts) % 3 == 1:
                r = subprocess.run(
                    [
                        sys.executable,
                        "-m",
                        "kg.cli",
                        "query",
                        GRAPHS,
                        "--store",
                        str(store),
                        "--format",
                        "json",
                    ],
                    cwd=ROOT,
                    capture_output=True,
                    text=True,
                    timeout=60,
                )
                assert r.returncode == 0, r.stderr
                bindings = json.loads(r.stdout)["results"]["bindings"]
                assert all(b["hash"]["value"] == "1" for b in bindings)
                seen.append({b["g"]["value"]: int(b["n"]["value"]) for b in bindings})
                cli_runs += 1
            time.sleep(0.1)
    finish(proc, N)
    final = final_graphs(store)
    assert len(final) == N
    check_whole(seen, final)
    assert cli_runs >= 2
    # the readers really ran while articles were being written (not only before or after)
    assert any(0 < n < N for n in counts), counts
    assert counts == sorted(counts), "a reader went back to an older state"


def test_a_second_ingest_is_refused_and_the_first_finishes(tmp_path):
    corpus = generate(30, tmp_path / "c.jsonl", seed=5, words=100)
    store = tmp_path / "kg-store"
    first = start_ingest(corpus, store)
    wait_for_store(store, first)
    second = subprocess.run(
        [sys.executable, "-m", "kg.cli", "ingest", str(corpus), "--store", str(store), "--quiet"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert first.poll() is None, "the first ingest ended before the second started; make the corpus bigger"
    assert second.returncode == 1
    lines = second.stderr.strip().splitlines()
    assert len(lines) == 1, second.stderr
    assert str(store) in lines[0] and "another `kg ingest`" in lines[0], lines[0]
    assert second.stdout == ""
    finish(first, 30)
    assert len(final_graphs(store)) == 30
    # and once the first is done, the store takes the next writer
    with open_store(store) as st:
        assert st.count_articles() == 30


def test_a_second_writer_in_process_gets_store_error(tmp_path):
    corpus = generate(20, tmp_path / "c.jsonl", seed=6, words=100)
    store = tmp_path / "kg-store"
    proc = start_ingest(corpus, store)
    wait_for_store(store, proc)
    with pytest.raises(StoreError, match="locked by another writer") as info:
        open_store(store)
    assert str(store) in str(info.value)
    finish(proc, 20)


def _get(url: str, query: str) -> dict:
    req = urllib.request.Request(
        f"{url}?{urllib.parse.urlencode({'query': query})}",
        headers={"Accept": "application/sparql-results+json"},
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            assert r.status == 200
            return json.loads(r.read())
    except urllib.error.HTTPError as exc:  # the endpoint's own message says which limit answered
        raise AssertionError(
            f"{exc.code} for {query.split()[1]}...: {exc.read().decode(errors='replace')}"
        ) from exc


def test_serve_answers_while_an_ingest_writes(corpus, tmp_path):
    store = tmp_path / "kg-store"
    # one extraction process: the endpoint's workers reopen their snapshot every 2 s, so the writes
    # must span several of those windows for the test to see the endpoint between two batches
    proc = start_ingest(corpus, store, "--jobs", "1")
    t0 = time.monotonic()
    wait_for_store(store, proc)
    # every query at full priority: on cores the ingest keeps busy, one lowered to nice 19 for using
    # the CPU (the pool's rule, tested in test_cancel and test_pool) can wait out its time limit
    server = make_server(store, "127.0.0.1", 0, limits=Limits(timeout=20, slow_after=20))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = endpoint_url(server)
    seen: list[dict[str, int]] = []
    counts: list[int] = []
    errors: list[BaseException] = []

    def client() -> None:  # a second client at the same time, so requests overlap
        try:
            while proc.poll() is None:
                _get(url, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        except BaseException as exc:  # handed to the test below
            errors.append(exc)

    other = threading.Thread(target=client, daemon=True)
    other.start()
    try:
        while proc.poll() is None:
            bindings = _get(url, GRAPHS)["results"]["bindings"]
            assert all(b["hash"]["value"] == "1" for b in bindings)
            seen.append({b["g"]["value"]: int(b["n"]["value"]) for b in bindings})
            counts.append(len(bindings))
            time.sleep(0.1)
        ran = time.monotonic() - t0
        finish(proc, N)
        other.join(30)
        assert not errors, errors
        # the endpoint catches up with the finished ingest (it reopens its snapshot every few seconds)
        deadline = time.monotonic() + 10
        while len(_get(url, GRAPHS)["results"]["bindings"]) < N:
            assert time.monotonic() < deadline, "the endpoint never saw the whole ingest"
            time.sleep(0.5)
    finally:
        server.shutdown()
        server.server_close()
        server.store.close()
    check_whole(seen, final_graphs(store))
    assert any(0 < n < N for n in counts), f"{len(counts)} looks over the {ran:.1f} s ingest: {counts}"
    assert counts == sorted(counts)


# ---------------------------------------------------------------------------- SPARQL in the data

EVIL = 'X" } ; DROP ALL ; #'
EVIL2 = "Y' } } ; CLEAR ALL ; INSERT DATA { <a:b> <a:c> <a:d> } #"
EVIL_TITLE = 'Talks" } } ; DROP ALL ; # <http://evil/> \\u0022'


def _renamed(x, mapping: dict[str, str]):
    """The extraction with people renamed (what kg.pipeline.link does when it resolves a name)."""
    ents = tuple(
        dataclasses.replace(e, name=mapping[e.name], key=f"{e.type}:{mapping[e.name]}")
        if e.name in mapping
        else e
        for e in x.entities
    )
    events = tuple(
        dataclasses.replace(
            ev,
            participants=tuple(mapping.get(p, p) for p in ev.participants),
            roles=tuple((mapping.get(p, p), r) for p, r in ev.roles),
        )
        for ev in x.events
    )
    return dataclasses.replace(x, entities=ents, events=events)


def test_names_carrying_sparql_are_stored_and_read_back_verbatim(tmp_path):
    from test_rdf import sample_extraction

    from kg.pipeline import ingest

    store_path = tmp_path / "kg-store"
    # 1. Through the real pipeline: an article whose id, headline and sentences carry SPARQL.
    record = {
        "id": 'evil" } ; DROP ALL ; #',
        "title": EVIL_TITLE,
        "published": "2024-03-14",
        "text": (
            f"{EVIL_TITLE}\n\nNorwegian Foreign Minister Espen Barth Eide met Chilean Foreign Minister "
            f'Alberto van Klaveren in Oslo on Tuesday under a banner reading "{EVIL}".\n'
        ),
    }
    corpus = tmp_path / "evil.jsonl"
    corpus.write_text(json.dumps(record) + "\n", encoding="utf-8")
    # 2. By hand: people whose names are SPARQL, in a second article.
    x = _renamed(sample_extraction("evil-names"), {"Antony Blinken": EVIL, "Wang Yi": EVIL2})
    with open_store(store_path) as st:
        summary = ingest([corpus], st)
        assert summary.ok and summary.new == 1, summary.failed
        parts = to_quads(x)
        st.write_article(parts.article_iri, parts.quads, shared_quads=parts.shared_quads)
        graphs_before = {g for (g,) in st.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows}
        n_before = st.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0][0]

        arts = queries.articles(st)
        assert EVIL_TITLE in set(arts["headline"])
        people = queries.entities(st, "Person")
        assert {EVIL, EVIL2} <= set(people["name"])
        evil = str(entity_iri(EVIL, "Person"))
        assert evil in set(people["entity"])

        tl = queries.timeline(st, entities=[evil])
        assert len(tl) and all(EVIL in p for p in tl["participants"])
        # the user's search text is a value bound into the query, never pasted into it
        found = queries.timeline(st, text=EVIL)
        assert len(found) >= 1 and all(EVIL in q for q in found["quote"]), found["quote"]
        roles = queries.roles(st, evil)
        assert list(roles["title"]) == ["Secretary of State"]
        ego = queries.ego_network(st, evil)
        assert {EVIL, EVIL2} <= set(ego["source_name"]) | set(ego["target_name"])
        pairs = queries.who_met_whom(st)
        assert {EVIL, EVIL2} in [{a, b} for a, b in zip(pairs["a_name"], pairs["b_name"], strict=True)]
        event = tl.iloc[0]["event"]
        assert len(queries.evidence(st, event)) >= 1

        # nothing was dropped, cleared or inserted by any of it
        graphs_after = {g for (g,) in st.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows}
        assert graphs_after == graphs_before
        assert str(entities_graph()) in graphs_after and len(graphs_after) >= 3
        assert st.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0][0] == n_before
        assert not st.query("ASK { GRAPH ?g { <a:b> ?p ?o } }")
        names = st.query(
            "SELECT ?n WHERE { GRAPH ?g { ?p a schema:Person ; schema:name ?n } }",
            bindings={"p": URIRef(evil)},
        ).column("n")
        assert names == [EVIL]
