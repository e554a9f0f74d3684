"""kg serve under load keeps to its limits: queries in flight (503 + Retry-After past the cap),
rows and bytes of an answer (cut short, and the response says so), request size (413/414), and
slow or idle clients (dropped; they never hold a query worker)."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from test_cancel import HEAVY, LIGHT, run_in_thread
from test_rdf import B, sample_extraction

from kg.graph import to_quads
from kg.store import open_store
from kg.store.endpoint import Limits, endpoint_url, make_server

ALL = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("limits") / "kg-store"
    with open_store(path) as s:
        p = to_quads(sample_extraction(), base=B)
        s.write_article(p.article_iri, p.quads, shared_quads=p.shared_quads)
    return path


@pytest.fixture
def serve(store_dir):
    servers = []

    def start(**limits):
        server = make_server(store_dir, "127.0.0.1", 0, limits=Limits(**limits))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        server.pool.wait_ready()
        servers.append(server)
        return server, endpoint_url(server)

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()
        server.store.close()


def get(url: str, query: str, **headers: str):
    req = urllib.request.Request(f"{url}?{urllib.parse.urlencode({'query': query})}", headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def post(url: str, body: bytes, ctype: str = "application/sparql-query"):
    req = urllib.request.Request(url, data=body, headers={"Content-Type": ctype}, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def test_queries_in_flight_past_the_cap_get_503_with_retry_after(serve):
    server, url = serve(max_in_flight=1, timeout=3)
    t, box = run_in_thread(get, url, HEAVY)
    while server._in_flight == 0:  # the heavy query is admitted
        time.sleep(0.02)
    status, headers, body = get(url, LIGHT)
    assert status == 503 and headers["Retry-After"] == "1"
    assert b"--max-in-flight" in body
    t.join(60)
    assert box["value"][0] == 503  # stopped at its deadline
    server.pool.wait_ready()  # its worker was killed; the spares and a fresh one are ready
    status, _, _ = get(url, LIGHT)
    assert status == 200


def test_no_free_worker_before_the_deadline_is_503_with_retry_after(serve):
    # one worker, and the heavy query keeps its place: a second query waits, and gives up at its deadline
    server, url = serve(workers=1, spares=0, max_slow=0, slow_after=60, timeout=2)
    t, box = run_in_thread(get, url, HEAVY)
    while server._in_flight == 0:
        time.sleep(0.02)
    status, headers, body = get(url, LIGHT)
    # "stayed busy", or "still starting" when the heavy query's worker was killed just before
    assert status == 503 and headers["Retry-After"] == "5" and b"try again" in body
    t.join(60)


def test_row_cap_cuts_the_answer_and_says_so(serve):
    _, url = serve(max_rows=5)
    status, headers, body = get(url, ALL)
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 5
    assert headers["X-KG-Truncated"] == "true" and headers["X-KG-Truncated-By"] == "rows"
    _, headers, body = get(url, "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert headers["X-KG-Truncated-By"] == "rows" and headers["X-KG-Rows"] == "5"


def test_size_cap_cuts_the_answer_to_whole_rows_and_says_so(serve):
    _, url = serve(max_bytes=2000)
    for accept in ("application/sparql-results+json", "text/csv", "application/sparql-results+xml"):
        status, headers, body = get(url, ALL, Accept=accept)
        assert status == 200 and len(body) <= 2000
        assert headers["X-KG-Truncated"] == "true" and headers["X-KG-Truncated-By"] == "bytes"
        assert 0 < int(headers["X-KG-Rows"]) < 100
    _, _, body = get(url, ALL)
    assert len(json.loads(body)["results"]["bindings"]) > 0  # still a whole, valid document
    status, headers, _ = get(url, LIGHT)
    assert status == 200 and "X-KG-Truncated" not in headers


def test_request_size_caps(serve):
    _, url = serve(max_request=1000)
    status, _, body = post(url, ("# padding\n" * 200 + LIGHT).encode())
    assert status == 413 and b"at most 1000" in body
    status, _, _ = post(url, LIGHT.encode())
    assert status == 200
    status, _, _ = get(url, LIGHT + " #" + "x" * 70_000)  # a URL past 64 KiB
    assert status == 414


def read_all(sock: socket.socket) -> bytes:
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    return data


def test_a_slow_client_is_dropped_and_holds_no_worker(serve):
    server, url = serve(workers=1, spares=0, max_slow=0, request_timeout=1, idle_timeout=5)
    port = server.server_address[1]
    slow = []
    for _ in range(3):  # three clients that send their request one byte at a time
        s = socket.create_connection(("127.0.0.1", port))
        s.settimeout(30)
        s.sendall(b"G")
        slow.append(s)
    # the one worker answers others meanwhile
    status, _, _ = get(url, LIGHT)
    assert status == 200
    for s in slow:
        with pytest.raises(OSError):  # the server shuts the connection once request_timeout passed
            for ch in b"ET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n":
                s.sendall(bytes([ch]))
                time.sleep(0.2)
            s.sendall(b"\r\n")
            answer = read_all(s)
            assert not answer.startswith(b"HTTP/1.1 200")
            raise OSError("closed without an answer")
        s.close()


def test_an_idle_connection_is_closed(serve):
    server, _ = serve(idle_timeout=1)
    s = socket.create_connection(server.server_address[:2])
    s.settimeout(30)
    assert s.recv(1) == b""  # closed by the server, nothing sent
    s.close()


def test_keep_alive_serves_several_requests_on_one_connection(serve):
    server, _ = serve()
    s = socket.create_connection(server.server_address[:2])
    s.settimeout(30)
    f = s.makefile("rb")
    q = urllib.parse.quote(LIGHT)
    for _ in range(3):
        s.sendall(f"GET /sparql?query={q} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        assert f.readline().startswith(b"HTTP/1.1 200")
        length = 0
        while (line := f.readline()) != b"\r\n":
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        assert b"Blinken" in f.read(length)
    s.close()


def test_connections_past_the_cap_get_503_at_once(serve):
    server, _ = serve(max_connections=2, idle_timeout=30)
    held = [socket.create_connection(server.server_address[:2]) for _ in range(2)]
    time.sleep(0.2)  # both are accepted and counted
    extra = socket.create_connection(server.server_address[:2])
    extra.settimeout(30)
    answer = read_all(extra)
    assert answer.startswith(b"HTTP/1.1 503") and b"Retry-After: 1" in answer
    for s in [*held, extra]:
        s.close()
