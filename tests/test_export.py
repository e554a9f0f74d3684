"""kg.export: every format written and read back by its own library."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import networkx as nx
import pytest
import rdflib
from rdflib import URIRef
from test_rdf import B, same_dataset, sample_extraction

from kg.errors import ExportError
from kg.export import CSV_FILES, FORMATS, export, network
from kg.graph import to_graph, to_quads
from kg.graph.namespaces import SEM
from kg.graph.shapes import validate
from kg.store import open_store


@pytest.fixture(scope="module")
def store():
    with open_store() as s:
        for aid, source in (("a", "Reuters"), ("b", "AP")):
            p = to_quads(sample_extraction(aid, source=source), base=B)
            s.write_article(p.article_iri, p.quads, shared_quads=p.shared_quads)
        yield s


def expected() -> rdflib.Dataset:
    ds = rdflib.Dataset()
    for aid, source in (("a", "Reuters"), ("b", "AP")):
        for q in to_graph(sample_extraction(aid, source=source), base=B).quads():
            ds.add(q)
    return ds


@pytest.mark.parametrize("fmt", ["trig", "nquads", "jsonld"])
def test_quad_formats_read_back_to_the_same_dataset(store, fmt):
    data = export(store, fmt)
    back = rdflib.Dataset().parse(data=data, format={"jsonld": "json-ld"}.get(fmt, fmt))
    assert same_dataset(back, expected())


def test_turtle_holds_every_triple(store):
    g = rdflib.Graph().parse(data=export(store, "ttl"), format="turtle")
    union = {(s, p, o) for s, p, o, _ in expected().quads()}
    assert set(g) == union


def test_jsonld_has_a_context(store):
    doc = json.loads(export(store, "jsonld"))
    ctx = doc["@context"] if isinstance(doc, dict) else doc[0]["@context"]
    assert ctx["schema"] == "http://schema.org/" and ctx["sem"] == "http://semanticweb.cs.vu.nl/2009/11/sem/"


def test_graphml(store, tmp_path):
    path = tmp_path / "out" / "kg.graphml"
    assert export(store, "graphml", path) is None
    g = nx.read_graphml(path)
    blinken = g.nodes[B + "person/antony-blinken"]
    assert (blinken["label"], blinken["type"], blinken["n_events"]) == ("Antony Blinken", "Person", 4)
    assert blinken["start"] == "2023-06-19" and blinken["end"] == "2023-06-26"
    met = [d for _, _, d in g.edges(data=True) if d["relation"] == "met"]
    assert len(met) == 1 and met[0]["weight"] == 2.0
    roles = {(u, v, d["label"]) for u, v, d in g.edges(data=True) if d["relation"] == "role"}
    assert (B + "person/wang-yi", B + "place/china", "Foreign Minister") in roles


def test_gexf_has_a_timeline(store):
    data = export(store, "gexf")
    assert b'mode="dynamic"' in data and b'timeformat="date"' in data
    g = nx.read_gexf(io.BytesIO(data))
    assert g.nodes[B + "person/wang-yi"]["label"] == "Wang Yi"
    edge = next(d for _, _, d in g.edges(data=True) if d.get("relation") == "met")
    assert edge["weight"] == 2.0 and edge["start"] == "2023-06-19"


def test_csv_zip(store, tmp_path):
    out = tmp_path / "kg.zip"
    export(store, "csv", out)
    with zipfile.ZipFile(out) as z:
        assert z.namelist() == list(CSV_FILES)
        events = list(csv.DictReader(io.StringIO(z.read("events.csv").decode())))
        assert len(events) == 6 and {"event", "label", "date", "quote", "start", "end"} <= set(events[0])
        roles = list(csv.DictReader(io.StringIO(z.read("roles.csv").decode())))
        assert {r["person_name"] for r in roles} == {"Antony Blinken", "Wang Yi"}
        edges = list(csv.DictReader(io.StringIO(z.read("edges.csv").decode())))
        assert {e["relation"] for e in edges} == {"met", "role"}
        citations = list(csv.DictReader(io.StringIO(z.read("citations.csv").decode())))
        assert len(citations) == 10  # 3 events + 2 roles, in 2 articles
        entities = list(csv.DictReader(io.StringIO(z.read("entities.csv").decode())))
        assert "Wang Yi" in {e["name"] for e in entities}


def test_csv_folder(store, tmp_path):
    folder = tmp_path / "tables"
    export(store, "csv", folder)
    assert sorted(p.name for p in folder.iterdir()) == sorted(CSV_FILES)


def test_to_a_binary_stream(store):
    buf = io.BytesIO()
    export(store, "nquads", buf)
    lines = [ln for ln in buf.getvalue().splitlines() if ln.strip()]
    assert len(lines) == len(set(expected().quads()))


def test_filtered_subgraph(store):
    data = export(store, "trig", filters={"types": ["Visit"], "sources": ["AP"]})
    sub = rdflib.Dataset().parse(data=data, format="trig")
    events = {s for s, _, _, _ in sub.quads((None, rdflib.RDF.type, SEM.Event, None))}
    assert len(events) == 1
    assert {g.identifier for g in sub.graphs() if len(g)} == {
        URIRef(B + "article/b"),
        URIRef(B + "graph/entities"),
    }
    names = {str(o) for _, _, o, _ in sub.quads((None, URIRef("http://schema.org/name"), None, None))}
    assert "Paris" in names and "Wang Yi" not in names  # only what the kept facts involve
    assert validate(sub).conforms  # the cut leaves nothing dangling


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_of_a_filtered_or_empty_store(store, fmt):
    assert export(store, fmt, filters={"types": ["Meeting"]})
    with open_store() as empty:
        assert export(empty, fmt) is not None


def test_network_is_typed(store):
    g = network(store)
    kinds = {d["type"] for _, d in g.nodes(data=True)}
    assert kinds == {"Person", "Place"}


def test_unknown_format():
    with open_store() as s, pytest.raises(ExportError) as info:
        export(s, "tll")
    assert (
        str(info.value)
        == "Unknown export format 'tll'. Choose one of: ttl, trig, nquads, jsonld, graphml, gexf, csv"
    )


def test_unwritable_destination(store, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ExportError, match="Cannot write the ttl export"):
        export(store, "ttl", blocker / "sub" / "out.ttl")
