"""The `Store` interface every backend implements, and safe bindings of RDF terms into SPARQL.

Every article is one named graph (its IRI); `write_article` replaces that graph and adds the
shared entity quads in a single SPARQL Update request, which Oxigraph applies as one transaction
(and the SPARQL 1.1 Update spec asks every server to treat a request atomically), so a reader
never sees half an article.

Every update also raises the store's generation in the same request (`kg.store.generation`), so
`Store.version()` tells a reader in one lookup whether anything changed.

Query bindings are RDF terms placed in a VALUES block of serialised terms (`bind_values`), the
same for both backends, never user text pasted into SPARQL.

The read queries of the interface are saved in kg/store/sparql/*.rq (`kg.store.saved.read_query`).
The INSERT DATA / DELETE DATA / DROP texts below are not saved queries: they are updates assembled
from the quads being written, each term serialised by pyoxigraph.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import pyoxigraph as ox
import rdflib

from kg.errors import QueryError, StoreError
from kg.graph.namespaces import STORE_GRAPH, bind
from kg.store import generation as gen
from kg.store.results import QueryResult, _nt, to_ox, to_quad, to_rdflib
from kg.store.saved import read_query

DEFAULT_TIMEOUT = 30.0
_STORE_GRAPH = ox.NamedNode(STORE_GRAPH)


# -- the interface ----------------------------------------------------------------------------
class Store:
    """A quad store holding one named graph per article plus the shared entity graph."""

    read_only: bool = False
    location: str = ""
    _legacy: tuple[object, str] | None = None

    def write_article(
        self, article_iri: str, quads: Iterable[Any], *, shared_quads: Iterable[Any] = ()
    ) -> None:
        """Replace the article's graph with `quads` and add `shared_quads`, all or nothing."""
        self._check_writable()
        g = ox.NamedNode(str(article_iri))
        article = []
        for q in map(to_quad, quads):
            if q.graph_name != g:
                raise StoreError(
                    f"write_article({article_iri}): a quad is in graph {q.graph_name}, not the article's"
                )
            article.append(q)
        # an update assembled from the quads being written, not a saved query (see the module docstring)
        update = f"DROP SILENT GRAPH {_nt(g)} ;\nINSERT DATA {{\n{_insert_body(article, shared_quads)}}}"
        self._update(update, what=f"writing article {article_iri}")

    def delete_article(self, article_iri: str) -> None:
        """Remove the article's graph (the shared entities stay)."""
        self._check_writable()
        self._update(
            f"DROP SILENT GRAPH {_nt(ox.NamedNode(str(article_iri)))}", what=f"deleting {article_iri}"
        )

    def add_quads(self, quads: Iterable[Any]) -> None:
        """Add quads as they are (e.g. the ontology into its own graph), in one request."""
        self._check_writable()
        body = _insert_body((), quads)
        if body:
            self._update(f"INSERT DATA {{\n{body}}}", what="adding quads")

    def remove_quads(self, quads: Iterable[Any]) -> None:
        """Delete exactly these quads, in one request."""
        self._check_writable()
        body = _insert_body((), quads)
        if body:
            self._update(f"DELETE DATA {{\n{body}}}", what="removing quads")

    def article_hash(self, article_iri: str) -> str | None:
        """The kgo:contentHash stored for the article, or None if it is not in the store."""
        r = self.query(
            read_query("kg.store", "article_hash"), bindings={"a": rdflib.URIRef(str(article_iri))}
        )
        return r.rows[0][0] if r.rows else None

    def count_articles(self) -> int:
        """How many articles (named graphs holding a schema:NewsArticle) the store holds."""
        r = self.query(read_query("kg.store", "count_articles"))
        return int(r.rows[0][0]) if r.rows else 0

    def article_iris(self) -> list[str]:
        """The IRIs of all stored articles, sorted."""
        r = self.query(read_query("kg.store", "article_iris"))
        return [row[0] for row in r.rows]

    def version(self) -> str:
        """What the store holds, as a token that changes with every write: "<store id>:<generation>".

        One lookup in the store's own graph. A store written before generations existed answers
        with a digest of its articles' content hashes instead, computed once per snapshot.
        """
        r = self.query(gen.READ)
        v = gen.version_of(r.rows[0] if r.rows else None)
        if v is not None:
            return v
        key = self._snapshot_key()
        if self._legacy is None or self._legacy[0] != key:
            rows = self.query(gen.CONTENT_HASHES).rows
            self._legacy = (key, gen.legacy_version(*(rows[0] if rows else (0, ""))))
        return self._legacy[1]

    def generation(self) -> int:
        """How many write transactions the store has committed (0 before the first one)."""
        r = self.query(gen.READ)
        return int(r.rows[0][0]) if r.rows and r.rows[0][0] is not None else 0

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Any] | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
        limit: int | None = None,
    ) -> QueryResult:
        """Run a SPARQL query (project prefixes predeclared); `bindings` fix variables to RDF terms."""
        raise NotImplementedError

    def construct(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Any] | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
    ) -> rdflib.Graph:
        """Run a CONSTRUCT or DESCRIBE query and return the triples as an rdflib Graph."""
        r = self.query(sparql, bindings=bindings, timeout=timeout)
        if r.graph is None:
            raise QueryError("construct() needs a CONSTRUCT or DESCRIBE query; use query() for SELECT/ASK")
        return r.graph

    def dataset(self, graphs: Iterable[str] | None = None) -> rdflib.Dataset:
        """The stored quads (all, or those of the named `graphs`) as an rdflib Dataset."""
        ds = bind(rdflib.Dataset())
        for q in self._quads(None if graphs is None else [str(g) for g in graphs]):
            if graphs is None and q.graph_name == _STORE_GRAPH:
                continue  # the store's bookkeeping, not data (a copy of the data is a new store)
            ds.add(
                (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object), to_rdflib(q.graph_name))
            )
        return ds

    def flush(self) -> None:
        """Move what the committed writes hold in memory onto disk (a server does this itself)."""

    def close(self) -> None:
        """Release the store (files, connections)."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- for subclasses ---------------------------------------------------------------------
    def _update(self, update: str, *, what: str) -> None:
        """Send `update` with the generation bump, as one request (one transaction)."""
        self._send_update(gen.with_bump(update), what=what)

    def _send_update(self, update: str, *, what: str) -> None:
        raise NotImplementedError

    def _snapshot_key(self) -> object:
        """What must change before a store without a generation is digested again."""
        # Others may write to a server at any time: digest again after a couple of seconds.
        return int(time.monotonic() // 2)

    def _quads(self, graphs: list[str] | None) -> Iterator[ox.Quad]:
        raise NotImplementedError

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(
                f"The store {self.location} is open read-only; open it without read_only to write"
            )


def _insert_body(article: Iterable[ox.Quad], shared: Iterable[Any]) -> str:
    """INSERT DATA blocks, one GRAPH block per graph."""
    by_graph: dict[str, list[str]] = {}
    for q in (*article, *map(to_quad, shared)):
        key = "" if isinstance(q.graph_name, ox.DefaultGraph) else _nt(q.graph_name)
        by_graph.setdefault(key, []).append(f"{_nt(q.subject)} {_nt(q.predicate)} {_nt(q.object)} .")
    parts = []
    for g, triples in by_graph.items():
        body = "\n".join(triples)
        parts.append(f"GRAPH {g} {{\n{body}\n}}\n" if g else f"{body}\n")
    return "".join(parts)


_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n]*"
    r"|[?$][A-Za-z0-9_]+"
    r"|[A-Za-z_][A-Za-z0-9_.-]*:[A-Za-z0-9_.:%-]*"
    r"|[A-Za-z_]+"
    r"|\S",
    re.DOTALL,
)
_VAR_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def values_block(name: str, terms: Sequence[Any]) -> str:
    """`VALUES ?name { ... }` of RDF terms serialised by pyoxigraph (escaped; never raw text)."""
    if not _VAR_NAME.match(name):
        raise QueryError(f"Bad variable name {name!r} in a VALUES block")
    cells = []
    for value in terms:
        term = to_ox(value)
        if isinstance(term, ox.BlankNode):
            raise QueryError(f"Cannot put a blank node in VALUES ?{name}")
        cells.append(_nt(term))
    return f"VALUES ?{name} {{ {' '.join(cells)} }}"


def bind_values(sparql: str, bindings: Mapping[str, Any]) -> str:
    """`sparql` with a VALUES block of the bound terms opening its outermost WHERE group.

    The terms are serialised by pyoxigraph (escaped N-Triples syntax), so a binding can never
    change the shape of the query. Bindings constrain the outermost group (not subqueries).
    """
    if not bindings:
        return sparql
    names, values = [], []
    for name, value in bindings.items():
        if not _VAR_NAME.match(name):
            raise QueryError(f"Bad variable name {name!r} in query bindings")
        term = to_ox(value)
        if isinstance(term, ox.BlankNode):
            raise QueryError(f"Cannot bind ?{name} to a blank node; SPARQL VALUES takes IRIs and literals")
        names.append("?" + name)
        values.append(_nt(term))
    brace = None
    after_where = False
    for m in _TOKEN.finditer(sparql):
        tok = m.group()
        if tok.upper() == "WHERE":
            after_where = True
        elif tok == "{" and (after_where or brace is None):
            brace = m.end()
            if after_where:
                break
    if brace is None:
        raise QueryError(f"Cannot bind variables in a query without a WHERE group: {_describe(sparql)!r}")
    block = f" VALUES ({' '.join(names)}) {{ ({' '.join(values)}) }} "
    return sparql[:brace] + block + sparql[brace:]


def _describe(sparql: str) -> str:
    """A short form of a query for error messages."""
    lines = [
        ln.strip()
        for ln in sparql.strip().splitlines()
        if ln.strip() and not ln.strip().upper().startswith("PREFIX")
    ]
    text = " ".join(lines)
    return text if len(text) <= 160 else text[:157] + "..."
