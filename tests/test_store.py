"""kg.store: the embedded Oxigraph backend and the result formats."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from test_rdf import B, same_dataset, sample_extraction

from kg.errors import QueryError, StoreError
from kg.graph import to_graph, to_quads
from kg.graph.namespaces import KGO, SCHEMA
from kg.store import OxigraphStore, QueryResult, bind_values, default_store_path, open_store, read_query


def write(store, x):
    p = to_quads(x, base=B)
    store.write_article(p.article_iri, p.quads, shared_quads=p.shared_quads)
    return p


@pytest.fixture
def store():
    with open_store() as s:
        yield s


def test_in_memory_by_default(store):
    assert isinstance(store, OxigraphStore)
    assert store.count_articles() == 0
    assert store.article_iris() == []


def test_write_then_read_back_the_same_graph(store):
    x = sample_extraction()
    write(store, x)
    assert store.count_articles() == 1
    assert same_dataset(store.dataset(), to_graph(x, base=B))


def test_rewrite_is_idempotent(store):
    x = sample_extraction()
    write(store, x)
    n = len(store.dataset())
    write(store, x)
    write(store, x)
    assert len(store.dataset()) == n
    assert store.count_articles() == 1


def test_rewrite_replaces_the_article_graph(store):
    p = write(store, sample_extraction())
    changed = sample_extraction(title="A new headline")
    write(store, changed)
    heads = store.query(
        "SELECT ?h WHERE { GRAPH ?a { ?a schema:headline ?h } }", bindings={"a": URIRef(p.article_iri)}
    ).column("h")
    assert heads == ["A new headline"]
    assert store.article_hash(p.article_iri) == changed.article.content_hash


def test_shared_entities_are_shared_across_articles(store):
    write(store, sample_extraction("a"))
    write(store, sample_extraction("b"))
    r = store.query('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?p schema:name "Antony Blinken" } }')
    assert r.rows == [(1,)]
    assert store.count_articles() == 2
    assert store.article_iris() == [B + "article/a", B + "article/b"]


def test_a_failed_write_leaves_the_old_article_in_place(store):
    p = write(store, sample_extraction())
    before = len(store.dataset())
    bad = [*p.quads[:5], (URIRef(B + "x"), URIRef(B + "p"), Literal("o"), URIRef(B + "article/other"))]
    with pytest.raises(StoreError, match="not the article's"):
        store.write_article(p.article_iri, bad)
    with pytest.raises(TypeError):
        store.write_article(
            p.article_iri, [*p.quads[:5], (URIRef(B + "x"), URIRef(B + "p"), object(), URIRef(p.article_iri))]
        )
    assert len(store.dataset()) == before


def test_delete_article(store):
    p = write(store, sample_extraction())
    store.delete_article(p.article_iri)
    assert store.count_articles() == 0
    assert store.article_hash(p.article_iri) is None


def test_article_hash(store):
    x = sample_extraction()
    p = write(store, x)
    assert store.article_hash(p.article_iri) == x.article.content_hash
    assert store.article_hash(B + "article/missing") is None


def test_select_values_are_python(store):
    write(store, sample_extraction())
    r = store.query(
        "SELECT ?d ?c ?s WHERE { GRAPH ?g { ?e sem:hasTimeStamp ?d ; kgo:confidence ?c ; kgo:status ?s } }"
    )
    assert r.columns == ["d", "c", "s"]
    assert r.rows == [(dt.date(2023, 6, 19), 0.9, str(KGO.Occurred))]
    assert r.records() == [{"d": dt.date(2023, 6, 19), "c": 0.9, "s": str(KGO.Occurred)}]
    df = r.to_dataframe()
    assert list(df.columns) == ["d", "c", "s"] and df.iloc[0]["c"] == 0.9


def test_bindings_are_terms_not_text(store):
    write(store, sample_extraction())
    # A literal that would break out of the query if it were pasted in.
    evil = 'x" } } DROP ALL ; INSERT DATA { <a:b> <a:c> "d'
    r = store.query("SELECT ?a WHERE { GRAPH ?a { ?a schema:headline ?h } }", bindings={"h": evil})
    assert r.rows == []
    r = store.query(
        "SELECT ?a WHERE { GRAPH ?a { ?a schema:headline ?h } }", bindings={"h": "Blinken meets Wang"}
    )
    assert r.rows == [(B + "article/news-1",)]
    assert store.count_articles() == 1


def test_bindings_of_every_kind(store):
    write(store, sample_extraction())
    q = "SELECT ?e WHERE { GRAPH ?g { ?e sem:hasTimeStamp ?d ; kgo:status ?s } }"
    assert len(store.query(q, bindings={"d": dt.date(2023, 6, 19), "s": KGO.Occurred})) == 1
    assert len(store.query(q, bindings={"d": dt.date(2023, 6, 20)})) == 0
    assert len(store.query(q, bindings={"s": ox.NamedNode(str(KGO.Planned))})) == 0
    with pytest.raises(QueryError, match="variable name"):
        store.query(q, bindings={"s x": 1})


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { ?s ?p ?o }",
        "SELECT * { ?s ?p ?o }",
        "ASK { ?s ?p ?o }",
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
        'SELECT ?s WHERE { ?s <http://x/where#WHERE> "{ WHERE }" . # { comment\n ?s ?p ?o }',
    ],
)
def test_bind_values_opens_the_where_group(query):
    out = bind_values(query, {"o": Literal("v")})
    assert 'VALUES (?o) { ("v") }' in out
    ox.Store().query(out)  # still valid SPARQL
    if "CONSTRUCT" in query:
        assert out.index("VALUES") > out.index("WHERE")


def test_ask_and_construct(store):
    write(store, sample_extraction())
    assert store.query("ASK { GRAPH ?g { ?e a sem:Event } }").boolean is True
    assert bool(store.query("ASK { ?e a sem:Event }")) is False  # the default graph is empty
    g = store.construct("CONSTRUCT { ?a schema:headline ?h } WHERE { GRAPH ?a { ?a schema:headline ?h } }")
    assert g.value(URIRef(B + "article/news-1"), SCHEMA.headline) == Literal("Blinken meets Wang")
    with pytest.raises(QueryError, match="CONSTRUCT"):
        store.construct("SELECT * WHERE { ?s ?p ?o }")


def test_malformed_query_names_the_query(store):
    with pytest.raises(QueryError, match="SELEKT"):
        store.query("SELEKT ?x WHERE { ?x ?y ?z }")


def test_limit_truncates_and_says_so(store):
    write(store, sample_extraction())
    r = store.query("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }", limit=3)
    assert len(r) == 3 and r.truncated
    assert not store.query("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }").truncated


def test_timeout_stops_a_slow_query(store):
    store.add_quads([(URIRef(f"http://s/{i}"), URIRef("http://p"), Literal(i), None) for i in range(2000)])
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?p ?y . ?c ?p ?z FILTER(?x < ?y && ?y < ?z) }"
    with pytest.raises(QueryError, match="longer than 0.2 s"):
        store.query(slow, timeout=0.2)


def test_sparql_json_and_csv(store):
    write(store, sample_extraction())
    r = store.query(
        "SELECT ?e ?d ?l WHERE { GRAPH ?g { ?e a sem:Event ; rdfs:label ?l OPTIONAL { ?e sem:hasTimeStamp ?d } } } ORDER BY ?l"
    )
    doc = json.loads(r.to_sparql_json())
    assert doc["head"]["vars"] == ["e", "d", "l"]
    assert len(doc["results"]["bindings"]) == 3
    # pyoxigraph's own parser reads it back to the same terms.
    back = list(ox.parse_query_results(r.to_sparql_json().encode(), format=ox.QueryResultsFormat.JSON))
    assert [tuple(s[i] for i in range(3)) for s in back] == r.terms
    back = list(ox.parse_query_results(r.to_sparql_xml().encode(), format=ox.QueryResultsFormat.XML))
    assert [tuple(s[i] for i in range(3)) for s in back] == r.terms
    back = list(ox.parse_query_results(r.to_sparql_tsv().encode(), format=ox.QueryResultsFormat.TSV))
    assert [tuple(s[i] for i in range(3)) for s in back] == r.terms
    text = r.to_sparql_csv()
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["e", "d", "l"] and len(rows) == 4
    assert ["", "2023-06-19"].count(rows[1][1]) == 1


def test_ask_formats():
    r = QueryResult(boolean=True)
    assert json.loads(r.to_sparql_json()) == {"head": {}, "boolean": True}
    assert r.to_sparql_csv() == "boolean\r\ntrue\r\n"
    assert bool(ox.parse_query_results(r.to_sparql_xml().encode(), format=ox.QueryResultsFormat.XML))


def test_on_disk_store_persists(tmp_path):
    path = tmp_path / "kg-store"
    with open_store(path) as s:
        write(s, sample_extraction())
    with open_store(path) as s:
        assert s.count_articles() == 1


def test_second_writer_gets_a_clear_error(tmp_path):
    path = tmp_path / "kg-store"
    with open_store(path):
        with pytest.raises(StoreError, match=r"locked by another writer.*kg ingest") as info:
            open_store(path)
        assert str(path) in str(info.value)


def test_reader_beside_a_writer(tmp_path):
    path = tmp_path / "kg-store"
    with open_store(path) as w:
        write(w, sample_extraction("a"))
        w.flush()
        with open_store(path, read_only=True) as r:
            assert r.count_articles() == 1
            with pytest.raises(StoreError, match="read-only"):
                write(r, sample_extraction("b"))
            write(w, sample_extraction("b"))
            w.flush()
            r.refresh()
            assert r.count_articles() == 2


def test_read_only_needs_an_existing_store(tmp_path):
    with pytest.raises(StoreError, match="No store at"):
        open_store(tmp_path / "nothing", read_only=True)
    with pytest.raises(StoreError, match="needs a directory"):
        open_store(read_only=True)


def test_a_file_is_not_a_store(tmp_path):
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(StoreError, match="not a directory"):
        open_store(f)


def test_closed_store_says_so(tmp_path):
    s = open_store(tmp_path / "s")
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.count_articles()


def test_default_store_path(monkeypatch, tmp_path):
    monkeypatch.delenv("KG_STORE", raising=False)
    assert default_store_path().name == "kg-store"
    monkeypatch.setenv("KG_STORE", str(tmp_path / "elsewhere"))
    assert default_store_path() == tmp_path / "elsewhere"


def test_path_and_url_are_exclusive(tmp_path):
    with pytest.raises(StoreError, match="not both"):
        open_store(tmp_path, url="http://127.0.0.1:1/query")


@pytest.mark.parametrize("package", ["kg.store", "kg.resolve"])
def test_internal_queries_parse_and_say_what_they_answer(package):
    from importlib import resources

    names = sorted(
        p.name[:-3] for p in (resources.files(package) / "sparql").iterdir() if p.name.endswith(".rq")
    )
    assert names
    with open_store() as s:
        for name in names:
            text = read_query(package, name)
            assert text.startswith("# "), (
                f"{package}/sparql/{name}.rq starts with a comment saying what it answers"
            )
            s.query(text)  # raises QueryError if malformed


def test_unknown_internal_query_names_the_known_ones():
    with pytest.raises(QueryError, match=r"No saved query 'nope' in kg.store/sparql/. Known: .*article_hash"):
        read_query("kg.store", "nope")


def test_internal_queries_are_package_data():
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    data = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"
    ]
    for folder in sorted({p.parent for p in (root / "kg").rglob("*.rq")}):
        package = ".".join(folder.relative_to(root).parts)
        pattern = "*.rq"
        while not (root / package.replace(".", "/") / "__init__.py").exists():
            package, _, sub = package.rpartition(".")
            pattern = f"{sub}/{pattern}"
        assert pattern in data.get(package, []), f"pyproject.toml: package-data {package!r} needs {pattern!r}"
