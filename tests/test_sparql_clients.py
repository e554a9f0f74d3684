"""Real SPARQL clients against `kg serve` started here: SPARQLWrapper and rdflib's SPARQLStore
each run every saved query of kg/queries/ and get what the store itself answers."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from test_cancel import start_kg_serve
from test_rdf import B, sample_extraction

from kg import queries
from kg.graph import to_quads
from kg.graph.namespaces import sparql_prologue
from kg.store import open_store

SPARQLWrapper = pytest.importorskip("SPARQLWrapper")
pytestmark = pytest.mark.server

ROOT = Path(__file__).resolve().parents[1]
SAVED = queries.saved_queries()


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("clients") / "kg-store"
    with open_store(path) as s:
        p = to_quads(sample_extraction(), base=B)
        s.write_article(p.article_iri, p.quads, shared_quads=p.shared_quads)
    return path


@pytest.fixture(scope="module")
def url(store_dir, tmp_path_factory):
    proc, endpoint = start_kg_serve(store_dir, tmp_path_factory.mktemp("clients-log") / "serve.log")
    yield endpoint
    proc.terminate()
    proc.wait(30)


@pytest.fixture(scope="module")
def expected(store_dir):
    """Each saved query's answer from the store itself: rows of term values (None when unbound)."""
    with open_store(store_dir, read_only=True) as s:
        return {
            name: [tuple(None if t is None else t.value for t in row) for row in s.query(text).terms]
            for name, text in SAVED.items()
        }


def test_the_saved_queries_answer_something(expected):
    # the comparison below means something only if the store answers most of them with rows
    assert sum(1 for rows in expected.values() if rows) >= len(SAVED) // 2


@pytest.mark.parametrize("name", sorted(SAVED))
@pytest.mark.parametrize("fmt", ["json", "xml", "csv"])
def test_sparqlwrapper_runs_each_saved_query(url, expected, name, fmt):
    from SPARQLWrapper import CSV, JSON, POST, SELECT, XML, SPARQLWrapper

    client = SPARQLWrapper(url)
    client.setQuery(SAVED[name])  # as saved: kg serve predeclares the project prefixes
    # SPARQLWrapper guesses the query form by searching the text for keywords, comments included
    # when several comment lines follow each other ("adds" in timeline.rq reads as ADD, an update);
    # every saved query is a SELECT, so say so, as docs/sparql.md tells SPARQLWrapper users to.
    client.queryType = SELECT
    client.setReturnFormat({"json": JSON, "xml": XML, "csv": CSV}[fmt])
    if fmt == "xml":
        client.setMethod(POST)  # a form POST; the others are GETs
    answer = client.query().convert()
    if fmt == "json":
        names = answer["head"]["vars"]
        rows = [tuple(b.get(v, {}).get("value") for v in names) for b in answer["results"]["bindings"]]
        assert rows == expected[name]
    elif fmt == "xml":
        results = answer.getElementsByTagName("result")
        assert len(results) == len(expected[name])
    else:
        lines = answer.decode("utf-8").splitlines()
        assert len(lines) == len(expected[name]) + 1


@pytest.mark.parametrize("name", sorted(SAVED))
def test_rdflib_sparqlstore_runs_each_saved_query(url, expected, name):
    store = SPARQLStore(url, returnFormat="json")
    # rdflib sends the text as it is; a portable client declares its prefixes, so this one does
    result = store.query(sparql_prologue() + "\n" + SAVED[name])
    rows = [tuple(None if t is None else str(t) for t in row) for row in result]
    assert rows == expected[name]


def test_rdflib_sparqlstore_construct_and_ask(url):
    store = SPARQLStore(url)  # its defaults: XML results, RDF/XML graphs
    graph = rdflib.Graph(store=store)
    assert bool(graph.query("ASK { GRAPH ?g { ?e a <http://semanticweb.cs.vu.nl/2009/11/sem/Event> } }"))
    triples = graph.query(
        "CONSTRUCT { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l } WHERE { GRAPH ?g "
        "{ ?e a <http://semanticweb.cs.vu.nl/2009/11/sem/Event> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l } }"
    )
    assert len(triples) == 3
