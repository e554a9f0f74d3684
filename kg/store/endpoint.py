"""A read-only SPARQL 1.1 Protocol endpoint over a store, for tools that speak SPARQL (YASGUI, R, Gephi).

    GET  /sparql?query=...      POST /sparql (application/sparql-query, or a form with query=...)
    GET  /sparql                the SPARQL 1.1 Service Description (Turtle, N-Triples or JSON-LD)
    OPTIONS /sparql             CORS preflight
    SELECT/ASK  -> SPARQL JSON (default), XML, CSV or TSV, chosen by the Accept header
    CONSTRUCT/DESCRIBE -> Turtle (default), N-Triples or JSON-LD

Updates, LOAD and SERVICE are refused with 403 and the store is opened read-only, so nothing
can change it. Queries on a store directory run in worker processes (`kg.store.pool`) that are
killed at the time limit, so a query that cannot finish stops using the CPU (503). The limits
(`Limits`) bound what load can do: queries in flight (503 + Retry-After past it), rows and bytes
of a result (cut short, with `X-KG-Truncated`), request size (413), and time to send a request
(a slow client loses its connection; it never holds a worker). Binds to 127.0.0.1 unless told.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
import urllib.parse
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from kg.errors import KGError, QueryError, QueryTimeout, ServerBusy
from kg.store import open_store
from kg.store.base import Store
from kg.store.oxigraph import OxigraphStore
from kg.store.pool import QueryPool
from kg.store.protocol import (
    Rendered,
    choose,
    origin_allowed,
    refused_keyword,
    render,
    service_description,
)

__all__ = ["DEFAULT_PORT", "Limits", "choose", "endpoint_url", "make_server", "refused_keyword", "serve"]

DEFAULT_PORT = 7878
MAX_BODY = 1_000_000
_EXPOSED = "X-KG-Truncated, X-KG-Truncated-By, X-KG-Rows, Retry-After"


@dataclass(frozen=True)
class Limits:
    """What one `kg serve` allows; every field is a `kg serve` option of the same name."""

    timeout: float = 30.0  # seconds a query may run before it is stopped (503)
    workers: int = 2  # query worker processes (more start while slow queries run)
    max_in_flight: int = 64  # queries admitted at once, running or waiting; past it 503 + Retry-After
    max_rows: int = 10_000  # rows (or triples) of one answer; past it the answer is cut short
    max_bytes: int = 16 * 1024 * 1024  # bytes of one serialised answer; past it cut short
    max_request: int = MAX_BODY  # bytes of a request body (413 past it); the URL is capped at 64 KiB
    request_timeout: float = 10.0  # seconds to receive a whole request once it started (then dropped)
    idle_timeout: float = 15.0  # seconds a kept-alive connection may sit idle, or a send may stall
    max_connections: int = 256  # open connections; past it new ones get 503 at once
    slow_after: float = 0.1  # seconds before a running query's worker is lowered in priority
    spares: int = 2  # idle workers kept warm to take over when a running query is lowered
    max_slow: int = 4  # lowered workers at once, each replaced by a fresh spare
    cors_origins: tuple[str, ...] = field(default=())  # browser origins allowed besides loopback


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        self.timeout = self.server.limits.idle_timeout  # socket timeout for every recv and send
        super().setup()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        if self.server.verbose:
            super().log_message(format, *args)

    def handle_one_request(self) -> None:
        # Wait for the next request with the idle timeout; once its first byte is here, the whole
        # request must arrive within request_timeout or the reaper shuts the socket's read side.
        try:
            if not self.rfile.peek(1):
                self.close_connection = True
                return
        except (TimeoutError, OSError):
            self.close_connection = True
            return
        self.server.reading(self, time.monotonic() + self.server.limits.request_timeout)
        try:
            super().handle_one_request()
        except (TimeoutError, ConnectionError):
            self.close_connection = True
        finally:
            self.server.done_reading(self)

    # -- the methods ------------------------------------------------------------------------
    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path in ("/", ""):
            return self._send(HTTPStatus.OK, "text/plain; charset=utf-8", _HELP.encode())
        if url.path != "/sparql":
            return self._error(HTTPStatus.NOT_FOUND, f"No such page {url.path}; the endpoint is /sparql")
        self.server.done_reading(self)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if "update" in params:
            return self._error(HTTPStatus.FORBIDDEN, "This endpoint is read-only: updates are refused")
        if "query" not in params:
            mtype, data = service_description(self._endpoint_url(), self.headers.get("Accept", ""))
            return self._send(HTTPStatus.OK, f"{mtype}; charset=utf-8", data)
        self._answer(params["query"][0])

    do_HEAD = do_GET

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/sparql":
            self.close_connection = True
            return self._error(HTTPStatus.NOT_FOUND, f"No such page {url.path}; the endpoint is /sparql")
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            self.close_connection = True
            return self._error(HTTPStatus.LENGTH_REQUIRED, "Send the query with a Content-Length")
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        limit = self.server.limits.max_request
        if length < 0 or length > limit:
            self.close_connection = True  # the body stays unread: this connection cannot go on
            return self._error(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                f"The request body is {length} bytes; this endpoint takes at most {limit} (--max-request)",
            )
        raw = self.rfile.read(length)
        self.server.done_reading(self)
        if len(raw) < length:
            self.close_connection = True
            return self._error(
                HTTPStatus.REQUEST_TIMEOUT,
                f"The request body did not arrive within {self.server.limits.request_timeout:g} s",
            )
        body = raw.decode("utf-8", "replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype == "application/sparql-update":
            return self._error(HTTPStatus.FORBIDDEN, "This endpoint is read-only: updates are refused")
        if ctype == "application/sparql-query":
            return self._answer(body)
        if ctype == "application/x-www-form-urlencoded":
            params = urllib.parse.parse_qs(body, keep_blank_values=True)
            if "update" in params:
                return self._error(HTTPStatus.FORBIDDEN, "This endpoint is read-only: updates are refused")
            return self._answer(params.get("query", [None])[0])
        self._error(
            HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
            "POST a query as application/sparql-query or application/x-www-form-urlencoded (query=...)",
        )

    def do_OPTIONS(self) -> None:
        origin = self.headers.get("Origin")
        if origin is not None and not origin_allowed(origin, self.server.limits.cors_origins):
            return self._error(
                HTTPStatus.FORBIDDEN,
                f"Origin {origin} may not query this endpoint; start kg serve with --cors-origin {origin}",
            )
        extra = {"Allow": "GET, HEAD, POST, OPTIONS"}
        if origin is not None:
            extra.update(
                {
                    "Access-Control-Allow-Methods": "GET, HEAD, POST, OPTIONS",
                    "Access-Control-Allow-Headers": "Accept, Content-Type",
                    "Access-Control-Max-Age": "600",
                }
            )
        self._send(HTTPStatus.NO_CONTENT, "", b"", extra)

    # -- answering ----------------------------------------------------------------------------
    def _answer(self, query: str | None) -> None:
        if not query or not query.strip():
            return self._error(HTTPStatus.BAD_REQUEST, "Missing the query parameter")
        keyword = refused_keyword(query)
        if keyword:
            return self._error(HTTPStatus.FORBIDDEN, f"This endpoint is read-only: {keyword} is refused")
        if not self.server.admit():
            return self._error(
                HTTPStatus.SERVICE_UNAVAILABLE,
                f"The endpoint is answering {self.server.limits.max_in_flight} queries already "
                "(--max-in-flight); try again in a moment",
                {"Retry-After": "1"},
            )
        try:
            rendered = self.server.run(query, self.headers.get("Accept", ""))
        except ServerBusy as exc:
            return self._error(HTTPStatus.SERVICE_UNAVAILABLE, str(exc), {"Retry-After": "5"})
        except QueryTimeout as exc:
            return self._error(HTTPStatus.SERVICE_UNAVAILABLE, str(exc))
        except QueryError as exc:
            return self._error(HTTPStatus.BAD_REQUEST, str(exc))
        except KGError as exc:
            return self._error(HTTPStatus.INTERNAL_SERVER_ERROR, str(exc))
        finally:
            self.server.leave()
        if rendered.status != 200:
            return self._error(HTTPStatus(rendered.status), rendered.data.decode("utf-8").strip())
        extra = {"X-KG-Rows": str(rendered.rows)}
        if rendered.truncated_by:
            extra["X-KG-Truncated"] = "true"
            extra["X-KG-Truncated-By"] = rendered.truncated_by  # "rows" (--max-rows) or "bytes"
        self._send(HTTPStatus.OK, f"{rendered.media_type}; charset=utf-8", rendered.data, extra)

    def _endpoint_url(self) -> str:
        host = self.headers.get("Host") or "{}:{}".format(*self.server.server_address[:2])
        return f"http://{host}/sparql"

    def _error(self, status: HTTPStatus, message: str, extra: dict[str, str] | None = None) -> None:
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), extra)

    def _send(self, status: HTTPStatus, ctype: str, data: bytes, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        origin = self.headers.get("Origin")
        if origin is not None and origin_allowed(origin, self.server.limits.cors_origins):
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Access-Control-Expose-Headers", _EXPOSED)
        self.send_header("Vary", "Origin, Accept")
        if self.close_connection:
            self.send_header("Connection", "close")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD" and data:
            self.wfile.write(data)


_HELP = """kg SPARQL endpoint (read-only)

GET  /sparql?query=<url-encoded SPARQL>
POST /sparql  with Content-Type: application/sparql-query, or a form with query=...
GET  /sparql  with no query: the service description
Accept: application/sparql-results+json | application/sparql-results+xml | text/csv | text/tab-separated-values
        text/turtle | application/n-triples | application/ld+json (CONSTRUCT / DESCRIBE)
Prefixes schema:, sem:, kgo:, oa:, org:, skos:, ... are predeclared.
"""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(self, address, store: Store, pool: QueryPool | None, limits: Limits, verbose: bool) -> None:
        super().__init__(address, _Handler)
        self.store = store
        self.pool = pool
        self.limits = limits
        self.verbose = verbose
        self._lock = threading.Lock()
        self._in_flight = 0
        self._connections = 0
        self._reading: dict[_Handler, float] = {}
        self._stop = threading.Event()
        threading.Thread(target=self._reap, name="kg-serve-reaper", daemon=True).start()

    def run(self, query: str, accept: str) -> Rendered:
        """Answer one query: in a worker when there is a pool, else in this process."""
        lim = self.limits
        if self.pool is not None:
            return self.pool.render(
                query, accept=accept, timeout=lim.timeout, limit=lim.max_rows, max_bytes=lim.max_bytes
            )
        result = self.store.query(query, timeout=lim.timeout, limit=lim.max_rows)
        return render(result, accept, lim.max_bytes)

    # -- queries in flight --------------------------------------------------------------------
    def admit(self) -> bool:
        with self._lock:
            if self._in_flight >= self.limits.max_in_flight:
                return False
            self._in_flight += 1
            return True

    def leave(self) -> None:
        with self._lock:
            self._in_flight -= 1

    # -- connections and slow clients -----------------------------------------------------------
    def process_request(self, request, client_address) -> None:
        with self._lock:
            full = self._connections >= self.limits.max_connections
            if not full:
                self._connections += 1
        if full:
            with contextlib.suppress(OSError):
                request.sendall(_FULL)
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._lock:
                self._connections -= 1

    def reading(self, handler: _Handler, deadline: float) -> None:
        with self._lock:
            self._reading[handler] = deadline

    def done_reading(self, handler: _Handler) -> None:
        with self._lock:
            self._reading.pop(handler, None)

    def _reap(self) -> None:
        while not self._stop.wait(0.25):
            now = time.monotonic()
            with self._lock:
                late = [h for h, d in self._reading.items() if d <= now]
                for h in late:
                    del self._reading[h]
            for h in late:  # the blocked read returns what came; the handler answers 400/408 and closes
                with contextlib.suppress(OSError):
                    h.connection.shutdown(socket.SHUT_RD)

    def server_close(self) -> None:
        self._stop.set()
        super().server_close()
        if self.pool is not None:
            self.pool.close()


_FULL = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
    b"Retry-After: 1\r\nConnection: close\r\nContent-Length: 47\r\n\r\n"
    b"Too many open connections; try again shortly.\n"
)


def make_server(
    store: Store | str | Path,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    *,
    timeout: float | None = None,
    max_rows: int | None = None,
    limits: Limits | None = None,
    verbose: bool = False,
) -> ThreadingHTTPServer:
    """A ready (not yet serving) endpoint; a store directory is opened read-only and queried in workers.

    A `Store` object that is not on disk (in memory, remote) is queried in this process, where a
    query past its time limit is abandoned but not stopped. Port 0 picks a free port.
    """
    limits = limits or Limits()
    if timeout is not None:
        limits = replace(limits, timeout=timeout)
    if max_rows is not None:
        limits = replace(limits, max_rows=max_rows)
    if not isinstance(store, Store):
        store = open_store(store, read_only=True)
    pool = None
    if isinstance(store, OxigraphStore) and store.path is not None:
        pool = QueryPool(
            store.path,
            workers=limits.workers,
            spares=limits.spares,
            max_slow=limits.max_slow,
            slow_after=limits.slow_after,
        )
    try:
        return _Server((host, port), store, pool, limits, verbose)
    except OSError:
        if pool is not None:
            pool.close()
        raise


def serve(store_path: str | Path, host: str = "127.0.0.1", port: int = DEFAULT_PORT, **limits) -> None:
    """Serve the store at `store_path` read-only at http://host:port/sparql until interrupted."""
    server = make_server(store_path, host, port, limits=Limits(**limits), verbose=True)
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
