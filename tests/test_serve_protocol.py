"""kg serve speaks the SPARQL 1.1 Protocol: every result format a client may ask for, the service
description at the endpoint URL, HEAD, and CORS for browser clients (loopback pages by default,
other origins only when listed)."""

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
from test_rdf import B, sample_extraction

from kg.graph import to_quads
from kg.store import open_store
from kg.store.endpoint import Limits, endpoint_url, make_server

SELECT = "SELECT ?e ?l WHERE { GRAPH ?g { ?e a sem:Event ; rdfs:label ?l } } ORDER BY ?l"
ASK = "ASK { GRAPH ?g { ?e a sem:Event } }"
CONSTRUCT = "CONSTRUCT { ?e rdfs:label ?l } WHERE { GRAPH ?g { ?e a sem:Event ; rdfs:label ?l } }"
SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("protocol") / "kg-store"
    with open_store(path) as s:
        p = to_quads(sample_extraction(), base=B)
        s.write_article(p.article_iri, p.quads, shared_quads=p.shared_quads)
    return path


def start(store_dir, **limits):
    server = make_server(store_dir, "127.0.0.1", 0, limits=Limits(**limits))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def stop(server) -> None:
    server.shutdown()
    server.server_close()
    server.store.close()


@pytest.fixture(scope="module")
def url(store_dir):
    server = start(store_dir, cors_origins=("https://yasgui.example",))
    yield endpoint_url(server)
    stop(server)


def request(url: str, query: str | None = None, *, method: str = "GET", **headers: str):
    target = url if query is None else f"{url}?{urllib.parse.urlencode({'query': query})}"
    req = urllib.request.Request(target, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
        ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
        ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
    ],
)
def test_select_and_ask_in_each_results_format(url, accept, fmt):
    status, headers, body = request(url, SELECT, Accept=accept)
    assert status == 200 and headers["Content-Type"].startswith(accept)
    rows = list(ox.parse_query_results(body, format=fmt))
    assert sorted(r["l"].value for r in rows) == [
        "Antony Blinken meets Wang Yi",
        "Antony Blinken visits Paris",
        "summit cancelled",
    ]
    assert headers["X-KG-Rows"] == "3" and "X-KG-Truncated" not in headers
    status, headers, body = request(url, ASK, Accept=accept)
    assert status == 200 and bool(ox.parse_query_results(body, format=fmt)) is True


def test_select_and_ask_as_csv(url):
    _, headers, body = request(url, SELECT, Accept="text/csv")
    assert headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(body.decode())))
    assert rows[0] == ["e", "l"] and len(rows) == 4
    _, _, body = request(url, ASK, Accept="text/csv")
    assert list(csv.reader(io.StringIO(body.decode()))) == [["boolean"], ["true"]]


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_construct_and_describe_in_each_graph_format(url, accept, fmt):
    status, headers, body = request(url, CONSTRUCT, Accept=accept)
    assert status == 200 and headers["Content-Type"].startswith(accept)
    g = rdflib.Graph().parse(data=body, format=fmt)
    assert len(g) == 3 and rdflib.Literal("summit cancelled") in set(g.objects())
    event = next(iter(g.subjects()))
    status, headers, body = request(url, f"DESCRIBE <{event}>", Accept=accept)
    assert status == 200 and headers["Content-Type"].startswith(accept)
    assert (event, rdflib.RDFS.label, None) in rdflib.Graph().parse(data=body, format=fmt)


def test_service_description_at_the_endpoint_url(url):
    status, headers, body = request(url)
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    g = rdflib.Graph().parse(data=body, format="turtle")
    service = g.value(predicate=rdflib.RDF.type, object=SD.Service)
    assert str(g.value(service, SD.endpoint)) == url
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in g
    formats = {str(f).rsplit("/", 1)[1] for f in g.objects(service, SD.resultFormat)}
    assert {"SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "Turtle"} <= formats
    _, headers, body = request(url, Accept="application/ld+json")
    assert headers["Content-Type"].startswith("application/ld+json")
    assert len(rdflib.Graph().parse(data=body, format="json-ld")) == len(g)
    # a query parameter that is there but empty is a mistake, not a request for the description
    status, _, body = request(f"{url}?query=")
    assert status == 400 and b"Missing the query" in body


def test_head_gives_the_headers_only(url):
    status, headers, body = request(url, SELECT, method="HEAD", Accept="text/csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv") and body == b""
    assert int(headers["Content-Length"]) > 0


def test_cors_is_for_loopback_pages_by_default(url):
    _, headers, _ = request(url, ASK)
    assert "Access-Control-Allow-Origin" not in headers  # no Origin: not a browser page
    for origin in ("http://localhost:3000", "http://127.0.0.1:8080", "http://[::1]:5173"):
        _, headers, _ = request(url, ASK, Origin=origin)
        assert headers["Access-Control-Allow-Origin"] == origin
        assert "X-KG-Truncated" in headers["Access-Control-Expose-Headers"]
    _, headers, _ = request(url, ASK, Origin="https://elsewhere.example")
    assert "Access-Control-Allow-Origin" not in headers
    _, headers, _ = request(url, ASK, Origin="https://yasgui.example")  # listed with --cors-origin
    assert headers["Access-Control-Allow-Origin"] == "https://yasgui.example"


def test_cors_preflight(url):
    status, headers, _ = request(
        url,
        method="OPTIONS",
        Origin="https://yasgui.example",
        **{"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"},
    )
    assert status == 204
    assert headers["Access-Control-Allow-Origin"] == "https://yasgui.example"
    assert "POST" in headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in headers["Access-Control-Allow-Headers"]
    status, headers, body = request(
        url, method="OPTIONS", Origin="https://elsewhere.example", **{"Access-Control-Request-Method": "GET"}
    )
    assert status == 403 and "Access-Control-Allow-Origin" not in headers
    assert b"--cors-origin https://elsewhere.example" in body


def test_any_origin_when_asked(store_dir):
    server = start(store_dir, cors_origins=("*",))
    try:
        _, headers, body = request(endpoint_url(server), ASK, Origin="https://any.example")
        assert headers["Access-Control-Allow-Origin"] == "https://any.example"
        assert json.loads(body)["boolean"] is True
    finally:
        stop(server)
