"""kg.store.loader and `kg load`: RDF files (an export) back into a store, checked first, idempotent."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from test_rdf import ENT, B, same_dataset, sample_extraction

from kg.export import export
from kg.graph import to_quads
from kg.graph.namespaces import RDF, SCHEMA
from kg.store import open_store
from kg.store.loader import load

ROOT = Path(__file__).resolve().parent.parent


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, cwd=ROOT, timeout=300
    )


def filled(*ids: str):
    """An in-memory store holding the hand-built sample extraction under these article ids."""
    st = open_store()
    for i in ids:
        p = to_quads(sample_extraction(i), base=B)
        st.write_article(p.article_iri, p.quads, shared_quads=p.shared_quads)
    return st


def quads(store) -> set:
    return set(store.dataset().quads((None, None, None, None)))


@pytest.fixture
def exported(tmp_path) -> dict[str, Path]:
    """The sample store exported as TriG and N-Quads."""
    st = filled("news-1", "news-2")
    out = {}
    for fmt, suffix in (("trig", "trig"), ("nquads", "nq")):
        out[fmt] = tmp_path / f"export.{suffix}"
        export(st, fmt, out[fmt])
    out["store"] = st
    return out


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_an_export_loaded_into_an_empty_store_is_the_same_dataset(exported, fmt):
    st = open_store()
    summary = load(st, [exported[fmt]])
    assert summary.ok, summary.failed
    assert same_dataset(exported["store"].dataset(), st.dataset())
    assert st.count_articles() == 2


def test_loading_twice_gives_the_same_dataset(exported):
    st = open_store()
    load(st, [exported["trig"]])
    once = quads(st)
    assert load(st, [exported["trig"], exported["nquads"]]).ok
    assert quads(st) == once


def test_an_article_graph_is_replaced_and_shared_entities_are_kept(exported, tmp_path):
    st = filled("news-1", "news-2", "news-3")
    art = URIRef(B + "article/news-1")
    text = (
        exported["trig"].read_text(encoding="utf-8").replace("Blinken meets Wang", "Blinken meets Wang again")
    )
    changed = tmp_path / "changed.trig"
    changed.write_text(text, encoding="utf-8")
    summary = load(st, [changed])
    assert summary.ok, summary.failed
    (f,) = summary.loaded
    assert str(art) in f.replaced and str(ENT) in f.added
    ds = st.dataset()
    assert set(ds.graph(art).objects(art, SCHEMA.headline)) == {Literal("Blinken meets Wang again")}
    assert st.count_articles() == 3  # news-3 was not in the file and stays
    assert (None, RDF.type, SCHEMA.Person) in ds.graph(ENT)


def test_a_bad_file_is_named_and_the_others_still_load(exported, tmp_path):
    broken = tmp_path / "broken.trig"
    broken.write_text("<http://kg.example/g> { <http://kg.example/a> <http://kg.example/p> . }\n")
    missing = tmp_path / "missing.nq"
    st = open_store()
    summary = load(st, [broken, exported["trig"], missing])
    assert [f.path for f in summary.loaded] == [str(exported["trig"])]
    reasons = dict(summary.failed)
    assert "not valid trig" in reasons[str(broken)] and "line 1" in reasons[str(broken)]
    assert "no such file" in reasons[str(missing)]
    assert st.count_articles() == 2


def test_turtle_needs_a_graph_and_goes_into_it(tmp_path):
    ttl = tmp_path / "notes.ttl"
    ttl.write_text('<http://kg.example/x> <http://schema.org/name> "X" .\n', encoding="utf-8")
    st = open_store()
    (why,) = [r for _, r in load(st, [ttl]).failed]
    assert "outside any named graph" in why and "--graph" in why
    assert quads(st) == set()
    g = "http://kg.example/graph/notes"
    assert load(st, [ttl], graph=g).ok
    assert load(st, [ttl], graph=g).ok
    assert quads(st) == {(URIRef("http://kg.example/x"), SCHEMA.name, Literal("X"), URIRef(g))}


def test_shacl_violations_stop_the_file_before_anything_is_written(tmp_path):
    bad = tmp_path / "bad.trig"
    # an article graph (it carries its content hash) whose article has no extractor
    bad.write_text(
        "@prefix schema: <http://schema.org/> . @prefix kgo: <http://kg.example/ontology#> .\n"
        "<http://kg.example/article/x> { <http://kg.example/article/x> a schema:NewsArticle ;"
        ' kgo:contentHash "abc" . }\n',
        encoding="utf-8",
    )
    st = open_store()
    (why,) = [r for _, r in load(st, [bad]).failed]
    assert str(bad) in why and "SHACL" in why and "extractor" in why
    assert quads(st) == set()


def test_blank_nodes_in_a_shared_graph_are_refused(tmp_path):
    f = tmp_path / "blank.trig"
    f.write_text('<http://kg.example/graph/extra> { _:b <http://schema.org/name> "B" . }\n', encoding="utf-8")
    st = open_store()
    (why,) = [r for _, r in load(st, [f]).failed]
    assert "blank nodes" in why and "twice" in why


def test_unknown_suffix_and_format_are_explained(tmp_path):
    f = tmp_path / "data.rdf"
    f.write_text("<a> <b> <c> .", encoding="utf-8")
    (why,) = [r for _, r in load(open_store(), [f]).failed]
    assert "'.rdf'" in why and ".trig" in why and "--format" in why
    (why,) = [r for _, r in load(open_store(), [f], fmt="xml").failed]
    assert "Unknown RDF format 'xml'" in why and "trig, nquads, turtle, ntriples" in why


def test_kg_load_reports_each_file_and_exits_1_on_a_bad_one(exported, tmp_path):
    broken = tmp_path / "broken.nq"
    broken.write_text("not rdf\n", encoding="utf-8")
    store = tmp_path / "st"
    r = kg("load", str(exported["nquads"]), str(broken), "--store", str(store))
    assert r.returncode == 1
    assert f"loaded {exported['nquads']}" in r.stdout and "1 file loaded, 1 failed" in r.stdout
    assert f"failed: {broken}: not valid nquads" in r.stderr
    r = kg("load", str(exported["trig"]), "--store", str(store))
    assert r.returncode == 0, r.stderr
    assert "1 file loaded, 0 failed" in r.stdout
    with open_store(store, read_only=True) as st:
        assert same_dataset(st.dataset(), exported["store"].dataset())


@pytest.mark.model
@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_kg_export_then_kg_load_round_trips_an_ingested_store(sample_store, tmp_path, fmt):
    out = tmp_path / f"export.{'trig' if fmt == 'trig' else 'nq'}"
    r = kg("export", "--format", fmt, "--out", str(out), "--store", str(sample_store))
    assert r.returncode == 0, r.stderr
    r = kg("load", str(out), "--store", str(tmp_path / "restored"))
    assert r.returncode == 0, r.stderr
    with (
        open_store(sample_store, read_only=True) as a,
        open_store(tmp_path / "restored", read_only=True) as b,
    ):
        assert a.count_articles() == b.count_articles() == 2
        assert same_dataset(a.dataset(), b.dataset())


# Literals as an article might hold them: any text (quotes, backslashes, newlines, non-Latin
# scripts), with a language tag or a datatype.
_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
_LITERAL = st.one_of(
    _TEXT.map(Literal),
    st.tuples(_TEXT, st.sampled_from(["en", "fr", "zh-Hant", "pt-BR"])).map(
        lambda t: Literal(t[0], lang=t[1])
    ),
    st.integers(-(10**12), 10**12).map(Literal),
    st.dates().map(Literal),
)


@settings(max_examples=40, deadline=None)
@given(values=st.lists(_LITERAL, min_size=1, max_size=8), fmt=st.sampled_from(["trig", "nquads"]))
def test_export_then_load_keeps_every_literal(values, fmt, tmp_path_factory):
    g = URIRef("http://kg.example/graph/notes")
    src = open_store()
    src.add_quads([(URIRef(f"http://kg.example/note/{i}"), SCHEMA.text, v, g) for i, v in enumerate(values)])
    out = tmp_path_factory.mktemp("rt") / f"notes.{'trig' if fmt == 'trig' else 'nq'}"
    export(src, fmt, out)
    dst = open_store()
    summary = load(dst, [out])
    assert summary.ok, summary.failed
    assert quads(dst) == quads(src)
