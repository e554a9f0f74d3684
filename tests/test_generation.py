"""kg.store generations: every write raises the store's version by one, a read never does, and a
store written before generations existed still has a version that follows its content."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from test_rdf import B, sample_extraction

from kg import queries
from kg.graph import to_quads
from kg.graph.namespaces import SCHEMA, STORE_GRAPH
from kg.resolve.curation import merge, split
from kg.store import open_store


def write(store, x=None):
    p = to_quads(x or sample_extraction(), base=B)
    store.write_article(p.article_iri, p.quads, shared_quads=p.shared_quads)
    return p


def generation_of(version: str) -> int:
    return int(version.rsplit(":", 1)[1])


def test_every_kind_of_write_raises_the_generation_by_one():
    with open_store() as s:
        assert s.generation() == 0
        p = write(s)
        assert s.generation() == 1
        write(s)  # the same article again: still a write transaction
        assert s.generation() == 2
        people = queries.entities(s, "Person")["entity"].tolist()
        merge(s, people[0], people[1])  # curation: two writes (drop a split, add the merge)
        assert s.generation() == 4
        split(s, people[0])
        g = s.generation()
        assert g > 4
        s.add_quads([(URIRef(B + "x"), SCHEMA.name, Literal("x"), URIRef(B + "graph/other"))])
        assert s.generation() == g + 1
        s.remove_quads([(URIRef(B + "x"), SCHEMA.name, Literal("x"), URIRef(B + "graph/other"))])
        assert s.generation() == g + 2
        s.delete_article(p.article_iri)
        assert s.generation() == g + 3
        assert generation_of(s.version()) == g + 3


def test_reads_leave_the_version_alone():
    with open_store() as s:
        write(s)
        v = s.version()
        queries.timeline(s)
        s.count_articles()
        s.article_iris()
        s.dataset()
        s.query("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 5")
        assert s.version() == v


def test_the_bookkeeping_is_not_data():
    with open_store() as s:
        write(s)
        graphs = {str(g.identifier) for g in s.dataset().graphs()}
        assert STORE_GRAPH not in graphs
        assert s.count_articles() == 1


def test_a_store_built_again_in_the_same_place_has_another_version(tmp_path):
    with open_store(tmp_path / "a") as s:
        write(s)
        first = s.version()
    with open_store(tmp_path / "b") as s:
        write(s)
        second = s.version()
    assert generation_of(first) == generation_of(second) == 1
    assert first != second  # the store id tells them apart


def test_a_reader_sees_the_writers_generation(tmp_path):
    path = tmp_path / "st"
    with open_store(path) as w:
        write(w)
        w.flush()
        r = open_store(path, read_only=True)
        before = r.version()
        write(w)
        w.flush()
        r.refresh()
        assert generation_of(r.version()) == generation_of(before) + 1


def test_a_store_from_before_generations_falls_back_on_its_content(tmp_path):
    """Quads written straight into Oxigraph, as every kg before generations did: no counter."""
    path = tmp_path / "old"
    raw = ox.Store(str(path))
    p = to_quads(sample_extraction(), base=B)
    from kg.store import to_quad

    raw.extend(to_quad(q) for q in [*p.quads, *p.shared_quads])
    raw.flush()
    del raw
    r = open_store(path, read_only=True)
    legacy = r.version()
    assert legacy.startswith("content-1-")
    assert r.version() == legacy  # once per snapshot
    with open_store(path) as w:
        assert w.version() == legacy
        w.delete_article(p.article_iri)  # the first write gives the store its generation
        assert generation_of(w.version()) == 1
    r.refresh()
    assert generation_of(r.version()) == 1


@pytest.mark.parametrize("kind", ["write_article", "add_quads"])
def test_the_generation_commits_with_the_write(kind):
    """The new generation and the data it counts are seen together."""
    with open_store() as s:
        p = to_quads(sample_extraction(), base=B)
        if kind == "write_article":
            s.write_article(p.article_iri, p.quads, shared_quads=p.shared_quads)
        else:
            s.add_quads([*p.quads, *p.shared_quads])
        assert s.generation() == 1
        assert s.query(
            "ASK { GRAPH ?g { ?a kgo:contentHash ?h } }",
        ).boolean


def test_a_bulk_load_is_one_write_too():
    with open_store() as s:
        p = to_quads(sample_extraction(), base=B)
        s.bulk_load([*p.quads, *p.shared_quads])
        assert s.generation() == 1
        assert s.count_articles() == 1
