"""The SPARQL 1.1 Protocol without the HTTP: media types, content negotiation, the size cap on a
serialised result, the service description, and which browser origins may read the endpoint.

    choose(accept, offered)            the offered media type an Accept header prefers
    render(result, accept, max_bytes)  a QueryResult serialised as the client asked, cut to max_bytes
    service_description(url, accept)   the endpoint's SPARQL 1.1 Service Description
    origin_allowed(origin, allowed)    CORS: loopback origins always, others only when listed

Used by the endpoint (`kg.store.endpoint`) and inside the query workers (`kg.store.worker`), which
serialise results themselves so that a slow serialisation is stopped with the query.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import rdflib

from kg.graph.namespaces import bind
from kg.store.base import _TOKEN
from kg.store.results import QueryResult

RESULT_TYPES: dict[str, Callable[[QueryResult], str]] = {
    "application/sparql-results+json": lambda r: r.to_sparql_json(),
    "application/json": lambda r: r.to_sparql_json(),
    "application/sparql-results+xml": lambda r: r.to_sparql_xml(),
    "application/xml": lambda r: r.to_sparql_xml(),
    "text/csv": lambda r: r.to_sparql_csv(),
    "text/tab-separated-values": lambda r: r.to_sparql_tsv(),
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",  # what rdflib's SPARQLStore asks for by default
}
# the W3C format IRIs the service description lists (https://www.w3.org/ns/formats/)
_FORMAT_IRIS = {
    "application/sparql-results+json": "SPARQL_Results_JSON",
    "application/sparql-results+xml": "SPARQL_Results_XML",
    "text/csv": "SPARQL_Results_CSV",
    "text/tab-separated-values": "SPARQL_Results_TSV",
    "text/turtle": "Turtle",
    "application/n-triples": "N-Triples",
    "application/ld+json": "JSON-LD",
    "application/rdf+xml": "RDF_XML",
}
_REFUSED = {"SERVICE", "LOAD", "INSERT", "DELETE", "CLEAR", "DROP", "CREATE", "COPY", "MOVE", "ADD", "WITH"}
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1"}


@dataclass(frozen=True)
class Rendered:
    """A serialised answer: HTTP status, media type, body, and which cap cut it ("" when none)."""

    status: int
    media_type: str
    data: bytes
    truncated_by: str = ""
    rows: int = 0


def choose(accept: str, offered: list[str]) -> str | None:
    """The offered media type the Accept header likes best (the first offered for */* or no header)."""
    if not accept.strip():
        return offered[0]
    best, best_q = None, 0.0
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        mtype, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if mtype in ("*/*", "application/*", "text/*"):
            match = next((o for o in offered if mtype == "*/*" or o.startswith(mtype[:-1])), None)
        else:
            match = mtype if mtype in offered else None
        if match and q > best_q:  # strictly better: ties go to the earlier entry of the header
            best, best_q = match, q
    return best


def refused_keyword(sparql: str) -> str | None:
    """The first update/federation keyword in a query (outside strings, IRIs and comments), if any."""
    for m in _TOKEN.finditer(sparql):
        tok = m.group()
        if tok.isalpha() and tok.upper() in _REFUSED:
            return tok.upper()
    return None


def render(result: QueryResult, accept: str, max_bytes: int | None = None) -> Rendered:
    """`result` in the media type `accept` prefers; past `max_bytes`, the longest head that fits."""
    if result.kind == "graph":
        mtype = choose(accept, list(GRAPH_TYPES))
        if mtype is None:
            return _not_acceptable("Graph results (CONSTRUCT, DESCRIBE) come as: " + ", ".join(GRAPH_TYPES))
        fmt = GRAPH_TYPES[mtype]

        def serialise(r: QueryResult) -> bytes:
            return r.graph.serialize(format=fmt, encoding="utf-8")
    else:
        mtype = choose(accept, list(RESULT_TYPES))
        if mtype is None:
            return _not_acceptable("SELECT and ASK results come as: " + ", ".join(RESULT_TYPES))
        to_text = RESULT_TYPES[mtype]

        def serialise(r: QueryResult) -> bytes:
            return to_text(r).encode("utf-8")

    fitted, by = fit(result, serialise, max_bytes)
    data = serialise(fitted)
    return Rendered(200, mtype, data, by or result.truncated_by, len(fitted))


def fit(
    result: QueryResult, size_of: Callable[[QueryResult], bytes | int], max_bytes: int | None
) -> tuple[QueryResult, str]:
    """The longest head of `result` whose serialisation is at most `max_bytes`, and "bytes" if cut."""
    if max_bytes is None or result.kind == "ask":
        return result, ""
    size = _size(size_of(result))
    n = len(result)
    if size <= max_bytes:
        return result, ""
    head = result
    while n > 0:
        # rows are of similar size: scale by the overshoot, a little under, and shrink until it fits
        n = min(n - 1, int(n * max_bytes / size * 0.95))
        head = _head(result, max(n, 0))
        size = _size(size_of(head))
        if size <= max_bytes:
            break
    return head, "bytes"


def _size(value: bytes | int) -> int:
    return value if isinstance(value, int) else len(value)


def _head(result: QueryResult, n: int) -> QueryResult:
    if result.kind == "graph":
        g = bind(rdflib.Graph())
        for i, t in enumerate(result.graph):
            if i >= n:
                break
            g.add(t)
        return QueryResult(graph=g, truncated_by="bytes", query=result.query)
    return QueryResult(result.columns, result.terms[:n], truncated_by="bytes", query=result.query)


def _not_acceptable(message: str) -> Rendered:
    return Rendered(406, "text/plain", (message + "\n").encode("utf-8"))


def service_description(endpoint: str, accept: str = "") -> tuple[str, bytes]:
    """(media type, body): a SPARQL 1.1 Service Description of a read-only endpoint at `endpoint`."""
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    formats = rdflib.Namespace("http://www.w3.org/ns/formats/")
    g = rdflib.Graph()
    g.bind("sd", sd)
    g.bind("formats", formats)
    node = rdflib.URIRef(endpoint)
    g.add((node, rdflib.RDF.type, sd.Service))
    g.add((node, sd.endpoint, node))
    g.add((node, sd.supportedLanguage, sd.SPARQL11Query))
    for iri in _FORMAT_IRIS.values():
        g.add((node, sd.resultFormat, formats[iri]))
    dataset = rdflib.BNode()
    g.add((node, sd.defaultDataset, dataset))
    g.add((dataset, rdflib.RDF.type, sd.Dataset))
    g.add(
        (
            node,
            rdflib.RDFS.comment,
            rdflib.Literal(
                "A read-only kg store: every article is a named graph, the default graph is empty. "
                "Updates, LOAD and SERVICE are refused; each query has a time limit, a row cap and "
                "a size cap (X-KG-Truncated says when a result was cut)."
            ),
        )
    )
    mtype = choose(accept, list(GRAPH_TYPES)) or "text/turtle"
    return mtype, g.serialize(format=GRAPH_TYPES[mtype], encoding="utf-8")


def origin_allowed(origin: str, allowed: Iterable[str]) -> bool:
    """Whether a browser page from `origin` may read answers: loopback pages always, others when listed."""
    allowed = set(allowed)
    if "*" in allowed or origin in allowed:
        return True
    parts = urllib.parse.urlsplit(origin)
    return parts.scheme in ("http", "https") and (parts.hostname or "") in LOOPBACK_HOSTS
