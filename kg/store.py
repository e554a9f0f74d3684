"""Where the graph lives: one `Store` interface, an embedded Oxigraph and any SPARQL 1.1 server.

    open_store()                       in-memory Oxigraph (tests, notebooks)
    open_store("kg-store")             on-disk Oxigraph, one directory, one writer at a time
    open_store("kg-store", read_only=True)   a reader beside a running ingest (dashboard, kg query)
    open_store(url="http://host:7878/query") a remote SPARQL 1.1 Query + Update endpoint (kg.remote)

Every article is one named graph (its IRI); `write_article` replaces that graph and adds the
shared entity quads in a single SPARQL Update request, which Oxigraph applies as one transaction
(and the SPARQL 1.1 Update spec asks every server to treat a request atomically), so a reader
never sees half an article.

Query bindings are RDF terms placed in a VALUES block of serialised terms (`bind_values`), the
same for both backends, never user text pasted into SPARQL.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import rdflib

from .errors import QueryError, StoreError
from .namespaces import PREFIXES, bind
from .results import QueryResult, _nt, to_ox, to_python, to_quad, to_rdflib

__all__ = ["DEFAULT_TIMEOUT", "OxigraphStore", "QueryResult", "Store", "bind_values", "default_store_path",
           "open_store", "to_ox", "to_python", "to_quad", "to_rdflib", "values_block"]  # fmt: skip

DEFAULT_TIMEOUT = 30.0


# -- the interface ----------------------------------------------------------------------------
class Store:
    """A quad store holding one named graph per article plus the shared entity graph."""

    read_only: bool = False
    location: str = ""

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
            "SELECT ?h WHERE { GRAPH ?a { ?a kgo:contentHash ?h } } LIMIT 1",
            bindings={"a": rdflib.URIRef(str(article_iri))},
        )
        return r.rows[0][0] if r.rows else None

    def count_articles(self) -> int:
        """How many articles (named graphs holding a schema:NewsArticle) the store holds."""
        r = self.query("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?a { ?a a schema:NewsArticle } }")
        return int(r.rows[0][0]) if r.rows else 0

    def article_iris(self) -> list[str]:
        """The IRIs of all stored articles, sorted."""
        r = self.query("SELECT DISTINCT ?a WHERE { GRAPH ?a { ?a a schema:NewsArticle } } ORDER BY ?a")
        return [row[0] for row in r.rows]

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
            ds.add(
                (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object), to_rdflib(q.graph_name))
            )
        return ds

    def close(self) -> None:
        """Release the store (files, connections)."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- for subclasses ---------------------------------------------------------------------
    def _update(self, update: str, *, what: str) -> None:
        raise NotImplementedError

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


# -- embedded Oxigraph ------------------------------------------------------------------------
class OxigraphStore(Store):
    """Oxigraph in this process: in memory (path None) or in one directory on disk."""

    # A read-only snapshot is reopened this often so a reader sees what an ingest has committed.
    REFRESH_SECONDS = 2.0

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = None if path is None else Path(path)
        self.location = "(in memory)" if path is None else str(path)
        self.read_only = read_only
        self._lock = threading.Lock()
        self._opened = 0.0
        if read_only and self.path is None:
            raise StoreError("A read-only store needs a directory; an in-memory store starts empty")
        self._store = self._open()

    def _open(self) -> ox.Store:
        path = self.path
        try:
            if path is None:
                store = ox.Store()
            elif self.read_only:
                if not (path / "CURRENT").exists():
                    raise StoreError(
                        f"No store at {path}: the directory does not exist or holds no Oxigraph store"
                    )
                store = self._open_read_only(path)
            else:
                if path.exists() and not path.is_dir():
                    raise StoreError(f"Cannot open the store {path}: it is a file, not a directory")
                store = ox.Store(str(path))
        except StoreError:
            raise
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreError(
                    f"The store {path} is locked by another writer: another `kg ingest` (or a server) is "
                    "running on it. Wait for it to finish, or open the store read-only to query it."
                ) from exc
            raise StoreError(f"Cannot open the store {path}: {exc}") from exc
        self._opened = time.monotonic()
        return store

    @staticmethod
    def _open_read_only(path: Path) -> ox.Store:
        # Oxigraph 0.5 offers read-only opening (RocksDB read-only mode): a consistent snapshot of
        # what the writer had committed, taken without the writer's lock. Opening can race with the
        # writer replacing files (RocksDB reports "Corruption: ... No such file"); a retry reads the
        # new manifest.
        for attempt in range(8):
            try:
                return ox.Store.read_only(str(path))
            except (OSError, RuntimeError) as exc:
                last = exc
                time.sleep(0.02 * (attempt + 1))
        raise StoreError(f"Cannot open the store {path} read-only: {last}") from last

    def _current(self) -> ox.Store:
        if self._store is None:
            raise StoreError(f"The store {self.location} is closed")
        if self.read_only and time.monotonic() - self._opened > self.REFRESH_SECONDS:
            with self._lock:
                if time.monotonic() - self._opened > self.REFRESH_SECONDS:
                    self._store = self._open()
        return self._store

    def refresh(self) -> None:
        """Reopen a read-only snapshot now, to see the latest committed writes."""
        if self.read_only:
            with self._lock:
                self._store = self._open()

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Any] | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
        limit: int | None = None,
    ) -> QueryResult:
        """Run a SPARQL query (project prefixes predeclared); `bindings` fix variables to RDF terms."""
        # VALUES rather than pyoxigraph's substitutions=: Oxigraph only substitutes variables that
        # are projected, and a VALUES block means the same on every SPARQL server (see kg.remote).
        try:
            text = bind_values(sparql, bindings or {})
        except (TypeError, ValueError) as exc:
            raise QueryError(f"Bad binding for query {_describe(sparql)!r}: {exc}") from exc
        try:
            return _run_with_timeout(lambda cancel: self._run(text, limit, cancel), timeout, sparql)
        except (OSError, RuntimeError) as exc:
            if not self.read_only:
                raise QueryError(f"Query failed on {self.location}: {exc} in {_describe(sparql)!r}") from exc
            # The writer compacted files the old snapshot still pointed at: reopen and retry once.
            self.refresh()
            return _run_with_timeout(lambda cancel: self._run(text, limit, cancel), timeout, sparql)

    def _run(self, sparql: str, limit: int | None, cancel: threading.Event) -> QueryResult:
        store = self._current()
        try:
            res = store.query(sparql, prefixes=_PREFIX_MAP)
        except SyntaxError as exc:
            raise QueryError(f"Malformed SPARQL ({exc}) in query {_describe(sparql)!r}") from exc
        if isinstance(res, ox.QueryBoolean):
            return QueryResult(boolean=bool(res), query=sparql)
        if isinstance(res, ox.QueryTriples):
            g = bind(rdflib.Graph())
            for t in res:
                if cancel.is_set():
                    break
                g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
            return QueryResult(graph=g, query=sparql)
        columns = [v.value for v in res.variables]
        rows, truncated = [], False
        for sol in res:
            if cancel.is_set():
                break
            if limit is not None and len(rows) >= limit:
                truncated = True
                break
            rows.append(tuple(sol[i] for i in range(len(columns))))
        return QueryResult(columns, rows, truncated=truncated, query=sparql)

    def add_quads(self, quads: Iterable[Any]) -> None:
        """Add quads in one transaction (pyoxigraph `extend`: no SPARQL text to build and parse)."""
        self._check_writable()
        try:
            self._current().extend(to_quad(q) for q in quads)
        except OSError as exc:
            raise StoreError(f"Cannot write to the store {self.location} while adding quads: {exc}") from exc

    def _update(self, update: str, *, what: str) -> None:
        try:
            self._current().update(update, prefixes=_PREFIX_MAP)
        except SyntaxError as exc:
            raise StoreError(f"Bad update while {what} in {self.location}: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"Cannot write to the store {self.location} while {what}: {exc}") from exc

    def _quads(self, graphs: list[str] | None) -> Iterator[ox.Quad]:
        store = self._current()
        try:
            if graphs is None:
                yield from store
            else:
                for g in graphs:
                    yield from store.quads_for_pattern(None, None, None, ox.NamedNode(g))
        except OSError as exc:
            raise StoreError(f"Cannot read the store {self.location}: {exc}") from exc

    def flush(self) -> None:
        """Make sure every write is on disk."""
        if self.path is not None and not self.read_only:
            self._store.flush()

    def close(self) -> None:
        """Flush and release the directory (its lock) for the next writer."""
        if getattr(self, "_store", None) is None:
            return
        # Closing must not fail because a flush did; the data is in the write-ahead log anyway.
        with contextlib.suppress(OSError):
            self.flush()
        # pyoxigraph has no close(): the RocksDB handle (and the directory lock) goes with the object.
        self._store = None

    def __repr__(self) -> str:
        return f"<OxigraphStore {self.location}{' read-only' if self.read_only else ''}>"


_PREFIX_MAP = dict(PREFIXES)


def _run_with_timeout(fn, timeout: float | None, sparql: str) -> QueryResult:
    """Run `fn(cancel)` in a worker thread; give up (QueryError) after `timeout` seconds.

    pyoxigraph has no query timeout, but it releases the GIL while it works, so a worker thread
    can be waited for; on timeout it is told to stop at the next solution and abandoned.
    """
    if timeout is None:
        return fn(threading.Event())
    cancel = threading.Event()
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["result"] = fn(cancel)
        except BaseException as exc:  # handed to the caller's thread below
            box["error"] = exc

    t = threading.Thread(target=work, name="kg-query", daemon=True)
    t.start()
    t.join(timeout)
    if t.is_alive():
        cancel.set()
        raise QueryError(f"Query took longer than {timeout:g} s and was stopped: {_describe(sparql)!r}")
    if "error" in box:
        raise box["error"]
    return box["result"]


# -- opening ----------------------------------------------------------------------------------
def default_store_path() -> Path:
    """The store directory: $KG_STORE, else ./kg-store."""
    return Path(os.environ.get("KG_STORE") or "kg-store")


def open_store(
    path: str | Path | None = None,
    *,
    url: str | None = None,
    update_url: str | None = None,
    read_only: bool = False,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Store:
    """Open a store: in memory (no arguments), a directory on disk, or a remote SPARQL endpoint (url)."""
    if url is not None:
        if path is not None:
            raise StoreError("Give either a store directory or a SPARQL endpoint url, not both")
        from .remote import RemoteStore

        return RemoteStore(url, update_url=update_url, read_only=read_only, timeout=timeout)
    return OxigraphStore(path, read_only=read_only)
