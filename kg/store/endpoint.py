"""A read-only SPARQL 1.1 Protocol endpoint over a store, for tools that speak SPARQL (YASGUI, R, Gephi).

    GET  /sparql?query=...                       POST /sparql (application/sparql-query, or a form)
    SELECT/ASK  -> SPARQL JSON (default), XML, CSV or TSV, chosen by the Accept header
    CONSTRUCT/DESCRIBE -> Turtle (default), JSON-LD or N-Triples

Updates, LOAD and SERVICE are refused with 403 and the store is opened read-only, so nothing
can change it. Each query has a time limit (503 when exceeded) and at most `max_rows` rows
(the response then carries `X-KG-Truncated: true`). Binds to 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from kg.errors import KGError, QueryError
from kg.store import open_store
from kg.store.base import _TOKEN, Store
from kg.store.results import QueryResult

DEFAULT_PORT = 7878
RESULT_TYPES = {
    "application/sparql-results+json": lambda r: r.to_sparql_json(),
    "application/json": lambda r: r.to_sparql_json(),
    "application/sparql-results+xml": lambda r: r.to_sparql_xml(),
    "application/xml": lambda r: r.to_sparql_xml(),
    "text/csv": lambda r: r.to_sparql_csv(),
    "text/tab-separated-values": lambda r: r.to_sparql_tsv(),
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
}
_REFUSED = {"SERVICE", "LOAD", "INSERT", "DELETE", "CLEAR", "DROP", "CREATE", "COPY", "MOVE", "ADD", "WITH"}
MAX_BODY = 1_000_000


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


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        if self.server.verbose:
            super().log_message(format, *args)

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path in ("/", ""):
            return self._send(HTTPStatus.OK, "text/plain; charset=utf-8", _HELP.encode())
        if url.path != "/sparql":
            return self._error(HTTPStatus.NOT_FOUND, f"No such page {url.path}; the endpoint is /sparql")
        params = urllib.parse.parse_qs(url.query)
        if "update" in params:
            return self._error(HTTPStatus.FORBIDDEN, "This endpoint is read-only: updates are refused")
        self._answer(params.get("query", [None])[0])

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/sparql":
            return self._error(HTTPStatus.NOT_FOUND, f"No such page {url.path}; the endpoint is /sparql")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"Request body over {MAX_BODY} bytes")
        body = self.rfile.read(length).decode("utf-8", "replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype == "application/sparql-update":
            return self._error(HTTPStatus.FORBIDDEN, "This endpoint is read-only: updates are refused")
        if ctype == "application/sparql-query":
            return self._answer(body)
        if ctype == "application/x-www-form-urlencoded":
            params = urllib.parse.parse_qs(body)
            if "update" in params:
                return self._error(HTTPStatus.FORBIDDEN, "This endpoint is read-only: updates are refused")
            return self._answer(params.get("query", [None])[0])
        self._error(
            HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
            "POST a query as application/sparql-query or application/x-www-form-urlencoded (query=...)",
        )

    def _answer(self, query: str | None) -> None:
        if not query or not query.strip():
            return self._error(HTTPStatus.BAD_REQUEST, "Missing the query parameter")
        keyword = refused_keyword(query)
        if keyword:
            return self._error(HTTPStatus.FORBIDDEN, f"This endpoint is read-only: {keyword} is refused")
        try:
            result = self.server.store.query(query, timeout=self.server.timeout, limit=self.server.max_rows)
        except QueryError as exc:
            status = HTTPStatus.SERVICE_UNAVAILABLE if "longer than" in str(exc) else HTTPStatus.BAD_REQUEST
            return self._error(status, str(exc))
        except KGError as exc:
            return self._error(HTTPStatus.INTERNAL_SERVER_ERROR, str(exc))
        self._send_result(result)

    def _send_result(self, result: QueryResult) -> None:
        accept = self.headers.get("Accept", "")
        extra = {"X-KG-Truncated": "true"} if result.truncated else {}
        if result.kind == "graph":
            mtype = choose(accept, list(GRAPH_TYPES))
            if mtype is None:
                return self._error(
                    HTTPStatus.NOT_ACCEPTABLE, "Graph results come as: " + ", ".join(GRAPH_TYPES)
                )
            data = result.graph.serialize(format=GRAPH_TYPES[mtype], encoding="utf-8")
        else:
            mtype = choose(accept, list(RESULT_TYPES))
            if mtype is None:
                return self._error(HTTPStatus.NOT_ACCEPTABLE, "Results come as: " + ", ".join(RESULT_TYPES))
            data = RESULT_TYPES[mtype](result).encode("utf-8")
        self._send(HTTPStatus.OK, f"{mtype}; charset=utf-8", data, extra)

    def _error(self, status: HTTPStatus, message: str) -> None:
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))

    def _send(self, status: HTTPStatus, ctype: str, data: bytes, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Access-Control-Allow-Origin", "*")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)


_HELP = """kg SPARQL endpoint (read-only)

GET  /sparql?query=<url-encoded SPARQL>
POST /sparql  with Content-Type: application/sparql-query
Accept: application/sparql-results+json | application/sparql-results+xml | text/csv | text/tab-separated-values
        text/turtle | application/ld+json | application/n-triples (CONSTRUCT / DESCRIBE)
Prefixes schema:, sem:, kgo:, oa:, org:, skos:, ... are predeclared.
"""


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, store: Store, *, timeout: float, max_rows: int, verbose: bool) -> None:
        super().__init__(address, _Handler)
        self.store = store
        self.timeout = timeout
        self.max_rows = max_rows
        self.verbose = verbose


def make_server(
    store: Store | str | Path,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    *,
    timeout: float = 30.0,
    max_rows: int = 10_000,
    verbose: bool = False,
) -> ThreadingHTTPServer:
    """A ready (not yet serving) endpoint server; a path is opened read-only. Port 0 picks a free port."""
    if not isinstance(store, Store):
        store = open_store(store, read_only=True)
    return _Server((host, port), store, timeout=timeout, max_rows=max_rows, verbose=verbose)


def serve(
    store_path: str | Path,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    *,
    timeout: float = 30.0,
    max_rows: int = 10_000,
) -> None:
    """Serve the store at `store_path` read-only at http://host:port/sparql until interrupted."""
    server = make_server(store_path, host, port, timeout=timeout, max_rows=max_rows, verbose=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        server.store.close()


def endpoint_url(server: ThreadingHTTPServer) -> str:
    """The /sparql URL a server listens on."""
    host, port = server.server_address[:2]
    return f"http://{host}:{port}/sparql"
