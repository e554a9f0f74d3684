"""kg.store.endpoint: the read-only SPARQL 1.1 Protocol endpoint, driven with urllib on 127.0.0.1."""

from __future__ import annotations

import csv
import io
import json
import threading
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import URIRef
from test_rdf import B, sample_extraction

from kg.graph import to_quads
from kg.store import open_store
from kg.store.endpoint import choose, endpoint_url, make_server, refused_keyword

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    path = tmp_path_factory.mktemp("serve") / "kg-store"
    with open_store(path) as s:
        p = to_quads(sample_extraction(), base=B)
        s.write_article(p.article_iri, p.quads, shared_quads=p.shared_quads)
    server = make_server(path, "127.0.0.1", 0, timeout=5, max_rows=5)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield endpoint_url(server)
    server.shutdown()
    server.server_close()
    server.store.close()


def get(url: str, query: str, accept: str = "", **extra: str):
    params = urllib.parse.urlencode({"query": query, **extra})
    req = urllib.request.Request(f"{url}?{params}", headers={"Accept": accept} if accept else {})
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.headers, r.read()


def post(url: str, body: str, ctype: str, accept: str = ""):
    headers = {"Content-Type": ctype, **({"Accept": accept} if accept else {})}
    req = urllib.request.Request(url, data=body.encode(), headers=headers, method="POST")
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.headers, r.read()


def status_of(fn, *args, **kwargs) -> tuple[int, str]:
    with pytest.raises(urllib.error.HTTPError) as info:
        fn(*args, **kwargs)
    return info.value.code, info.value.read().decode()


def n_quads(url: str) -> int:
    _, body = get(url, COUNT)
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_select_json_by_default(endpoint):
    headers, body = get(endpoint, "SELECT ?h WHERE { GRAPH ?a { ?a schema:headline ?h } }")
    assert headers["Content-Type"].startswith("application/sparql-results+json")
    doc = json.loads(body)
    assert doc["results"]["bindings"][0]["h"]["value"] == "Blinken meets Wang"


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
        ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
        ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ],
)
def test_result_formats_by_accept(endpoint, accept, fmt):
    headers, body = get(
        endpoint, "SELECT ?e ?l WHERE { GRAPH ?g { ?e a sem:Event ; rdfs:label ?l } }", accept
    )
    assert headers["Content-Type"].startswith(accept)
    assert len(list(ox.parse_query_results(body, format=fmt))) == 3


def test_csv(endpoint):
    _, body = get(
        endpoint, "SELECT ?l WHERE { GRAPH ?g { ?e a sem:Event ; rdfs:label ?l } } ORDER BY ?l", "text/csv"
    )
    rows = list(csv.reader(io.StringIO(body.decode())))
    assert rows[0] == ["l"] and len(rows) == 4


def test_post_query_and_form(endpoint):
    _, body = post(endpoint, "ASK { GRAPH ?g { ?e a sem:Event } }", "application/sparql-query")
    assert json.loads(body)["boolean"] is True
    form = urllib.parse.urlencode({"query": "ASK { GRAPH ?g { ?e a kgo:Attack } }"})
    _, body = post(endpoint, form, "application/x-www-form-urlencoded")
    assert json.loads(body)["boolean"] is False


def test_construct_as_turtle_and_jsonld(endpoint):
    q = "CONSTRUCT { ?a schema:headline ?h } WHERE { GRAPH ?a { ?a schema:headline ?h } }"
    headers, body = get(endpoint, q)
    assert headers["Content-Type"].startswith("text/turtle")
    g = rdflib.Graph().parse(data=body, format="turtle")
    assert len(g) == 1
    headers, body = get(endpoint, q, "application/ld+json")
    assert headers["Content-Type"].startswith("application/ld+json")
    g = rdflib.Graph().parse(data=body, format="json-ld")
    assert g.value(URIRef(B + "article/news-1"), URIRef("http://schema.org/headline")) is not None


@pytest.mark.parametrize(
    "attempt",
    [
        lambda url: get(url, "", update="DROP ALL"),
        lambda url: post(url, "DROP ALL", "application/sparql-update"),
        lambda url: post(
            url, urllib.parse.urlencode({"update": "CLEAR ALL"}), "application/x-www-form-urlencoded"
        ),
        lambda url: get(url, "DELETE WHERE { GRAPH ?g { ?s ?p ?o } }"),
        lambda url: get(url, "LOAD <http://example.com/x.ttl>"),
        lambda url: get(url, "SELECT * WHERE { SERVICE <http://example.com/sparql> { ?s ?p ?o } }"),
    ],
)
def test_writes_are_refused_and_change_nothing(endpoint, attempt):
    before = n_quads(endpoint)
    code, message = status_of(attempt, endpoint)
    assert code == 403 and "read-only" in message
    assert n_quads(endpoint) == before


def test_bad_queries(endpoint):
    code, message = status_of(get, endpoint, "SELEKT ?x")
    assert code == 400 and "SELEKT" in message
    code, _ = status_of(get, endpoint, "")
    assert code == 400
    code, _ = status_of(get, endpoint.replace("/sparql", "/nope"), COUNT)
    assert code == 404
    code, _ = status_of(get, endpoint, COUNT, "image/png")
    assert code == 406
    code, _ = status_of(post, endpoint, COUNT, "text/plain")
    assert code == 415


def test_result_cap(endpoint):
    headers, body = get(endpoint, "SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert len(json.loads(body)["results"]["bindings"]) == 5
    assert headers["X-KG-Truncated"] == "true"


def test_strings_that_look_like_updates_are_fine(endpoint):
    _, body = get(endpoint, 'ASK { GRAPH ?g { ?s rdfs:label "DROP ALL" } }')
    assert json.loads(body)["boolean"] is False


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("", "a/x"),
        ("*/*", "a/x"),
        ("b/y", "b/y"),
        ("b/y;q=0.5, a/x;q=0.9", "a/x"),
        ("text/html", None),
        ("text/*", "text/z"),
        ("c/q, b/y", "b/y"),
    ],
)
def test_choose(accept, expected):
    assert choose(accept, ["a/x", "b/y", "text/z"]) == expected


@pytest.mark.parametrize(
    ("query", "keyword"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", None),
        ("SELECT * WHERE { ?s <http://x/LOAD> 'DROP' . # SERVICE\n }", None),
        ("SELECT ?insert WHERE { ?insert ?p ?o }", None),
        ("select * where { service <http://x> { ?s ?p ?o } }", "SERVICE"),
        ("INSERT DATA { <a:b> <a:c> <a:d> }", "INSERT"),
    ],
)
def test_refused_keyword(query, keyword):
    assert refused_keyword(query) == keyword
