"""A `Store` on any SPARQL 1.1 server (Oxigraph server, Fuseki, GraphDB, Virtuoso, QLever).

Speaks only the standard SPARQL 1.1 Protocol: queries POSTed as application/sparql-query,
updates as application/sparql-update. Article writes are one update request (DROP GRAPH +
INSERT DATA), which the Update spec asks servers to apply atomically. Bindings travel as a VALUES
block of serialised RDF terms, so they mean the same as on the embedded store.

Endpoints: `url` is the query endpoint; the update endpoint defaults to the same URL with a
trailing "/query" replaced by "/update" (Oxigraph server, Fuseki's /ds/query), else the URL itself
(Virtuoso, Fuseki's /ds). Give `update_url` for anything else (GraphDB: <repo>/statements).
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from typing import Any

import pyoxigraph as ox
import rdflib

from kg.errors import QueryError, StoreError
from kg.graph.namespaces import bind, sparql_prologue
from kg.store.base import DEFAULT_TIMEOUT, Store, _describe, bind_values
from kg.store.results import QueryResult, to_rdflib
from kg.store.saved import read_query

_ACCEPT = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, "
    "application/n-triples;q=0.9, text/turtle;q=0.8"
)
_RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
_GRAPH_FORMATS = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}


def default_update_url(url: str) -> str:
    """The update endpoint that usually goes with a query endpoint."""
    stripped = url.rstrip("/")
    return stripped[: -len("/query")] + "/update" if stripped.endswith("/query") else url


class RemoteStore(Store):
    """A store behind a SPARQL 1.1 Query + Update endpoint."""

    def __init__(
        self,
        url: str,
        *,
        update_url: str | None = None,
        read_only: bool = False,
        timeout: float | None = DEFAULT_TIMEOUT,
    ) -> None:
        if not url.startswith(("http://", "https://")):
            raise StoreError(f"A SPARQL endpoint url starts with http:// or https://, not {url!r}")
        self.url = url
        self.update_url = update_url or default_update_url(url)
        self.read_only = read_only
        self.timeout = timeout
        self.location = url

    def __repr__(self) -> str:
        return f"<RemoteStore {self.url}{' read-only' if self.read_only else ''}>"

    def _post(
        self, url: str, body: str, content_type: str, accept: str, timeout: float | None
    ) -> tuple[str, bytes]:
        req = urllib.request.Request(
            url,
            data=body.encode("utf-8"),
            method="POST",
            headers={"Content-Type": content_type + "; charset=utf-8", "Accept": accept},
        )
        # urllib has no "no timeout" value other than the global default; None means wait.
        kwargs = {} if timeout is None else {"timeout": timeout}
        with urllib.request.urlopen(req, **kwargs) as resp:
            ctype = resp.headers.get("Content-Type", "").split(";")[0].strip().lower()
            return ctype, resp.read()

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Any] | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
        limit: int | None = None,
    ) -> QueryResult:
        """Run a SPARQL query on the server (project prefixes predeclared); bindings as a VALUES block."""
        try:
            text = bind_values(sparql_prologue() + sparql, bindings or {})
        except (TypeError, ValueError) as exc:
            raise QueryError(f"Bad binding for query {_describe(sparql)!r}: {exc}") from exc
        try:
            ctype, body = self._post(self.url, text, "application/sparql-query", _ACCEPT, timeout)
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip()
            raise QueryError(
                f"The SPARQL endpoint {self.url} refused the query {_describe(sparql)!r}: HTTP {exc.code} {detail}"
            ) from exc
        except TimeoutError as exc:
            raise QueryError(
                f"Query took longer than {timeout:g} s on {self.url}: {_describe(sparql)!r}"
            ) from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise QueryError(
                    f"Query took longer than {timeout:g} s on {self.url}: {_describe(sparql)!r}"
                ) from exc
            raise StoreError(f"Cannot reach the SPARQL endpoint {self.url}: {exc.reason}") from exc
        return self._result(ctype, body, sparql, limit)

    def _result(self, ctype: str, body: bytes, sparql: str, limit: int | None) -> QueryResult:
        try:
            if ctype in _GRAPH_FORMATS:
                g = bind(rdflib.Graph())
                for q in ox.parse(body, format=_GRAPH_FORMATS[ctype]):
                    g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
                return QueryResult(graph=g, query=sparql)
            fmt = _RESULT_FORMATS.get(ctype)
            if fmt is None:
                raise QueryError(f"The SPARQL endpoint {self.url} answered in an unexpected format {ctype!r}")
            res = ox.parse_query_results(body, format=fmt)
        except SyntaxError as exc:
            raise QueryError(f"Cannot read the answer of {self.url} to {_describe(sparql)!r}: {exc}") from exc
        if isinstance(res, ox.QueryBoolean):
            return QueryResult(boolean=bool(res), query=sparql)
        columns = [v.value for v in res.variables]
        rows, truncated = [], False
        for sol in res:
            if limit is not None and len(rows) >= limit:
                truncated = True
                break
            rows.append(tuple(sol[i] for i in range(len(columns))))
        return QueryResult(columns, rows, truncated=truncated, query=sparql)

    def _send_update(self, update: str, *, what: str) -> None:
        try:
            self._post(
                self.update_url, sparql_prologue() + update, "application/sparql-update", "*/*", self.timeout
            )
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip()
            raise StoreError(
                f"The SPARQL endpoint {self.update_url} refused {what}: HTTP {exc.code} {detail}"
            ) from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(
                f"Cannot reach the SPARQL update endpoint {self.update_url} while {what}: {reason}"
            ) from exc

    def _quads(self, graphs: list[str] | None) -> Iterator[ox.Quad]:
        # Only named graphs: every kg fact lives in one, and servers that show the union of all
        # graphs as the default graph would otherwise return each triple twice.
        q = read_query("kg.store", "quads")
        for name in [None] if graphs is None else graphs:
            r = self.query(
                q, bindings=None if name is None else {"g": ox.NamedNode(name)}, timeout=self.timeout
            )
            for s, p, o, g in r.terms:
                yield ox.Quad(s, p, o, g)
