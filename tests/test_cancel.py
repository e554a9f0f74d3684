"""Cancellation that frees the CPU: a query that cannot finish is stopped at its deadline on every
path that runs a person's query (kg.store.pool, `kg serve`, the dashboard's SPARQL page, `kg
query`). CPU time is read from the processes (psutil), never from a wall clock."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psutil
import pytest
from test_rdf import B, sample_extraction

from kg.errors import QueryError, QueryTimeout
from kg.graph import to_quads
from kg.store import open_store
from kg.store.pool import QueryPool

ROOT = Path(__file__).resolve().parents[1]
# Six graph patterns over the same quads: a cross product no store finishes in a human lifetime.
HEAVY = (
    "SELECT (COUNT(*) AS ?n) WHERE { "
    + " ".join(f"GRAPH ?g{i} {{ ?s{i} ?p{i} ?o{i} }}" for i in range(6))
    + " }"
)
LIGHT = "SELECT ?h WHERE { GRAPH ?a { ?a schema:headline ?h } }"
DEADLINE = 2.0
# CPU seconds a process may use while idle over the measuring window (a running query uses ~all of it)
IDLE_CPU = 0.3
WINDOW = 2.0


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cancel") / "kg-store"
    with open_store(path) as s:
        p = to_quads(sample_extraction(), base=B)
        s.write_article(p.article_iri, p.quads, shared_quads=p.shared_quads)
    return path


def cpu_seconds(pids) -> float:
    """User + system CPU time of the live processes among `pids`."""
    total = 0.0
    for pid in pids:
        try:
            t = psutil.Process(pid).cpu_times()
        except psutil.Error:
            continue
        total += t.user + t.system
    return total


def cpu_used_over(pids, seconds: float = WINDOW) -> float:
    before = cpu_seconds(pids)
    time.sleep(seconds)
    return cpu_seconds(pids) - before


def alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def busiest(pids) -> tuple[int, float]:
    """The process among `pids` that used the most CPU so far, and how much."""
    times = {pid: cpu_seconds([pid]) for pid in pids}
    pid = max(times, key=times.get)
    return pid, times[pid]


def run_in_thread(fn, *args, **kwargs) -> tuple[threading.Thread, dict]:
    box: dict = {}

    def work() -> None:
        try:
            box["value"] = fn(*args, **kwargs)
        except BaseException as exc:
            box["error"] = exc

    t = threading.Thread(target=work, daemon=True)
    t.start()
    return t, box


def test_pool_kills_a_query_at_its_deadline_and_the_cpu_is_free(store_dir):
    # slow_after past the deadline: the query keeps its priority, so it has the CPU it can get
    with QueryPool(store_dir, workers=2, slow_after=60) as pool:
        pool.wait_ready()
        before = set(pool.pids())
        t, box = run_in_thread(pool.query, HEAVY, timeout=DEADLINE)
        time.sleep(DEADLINE / 2)
        runner, used = busiest(before)
        time.sleep(0.4)
        assert cpu_seconds([runner]) > used, "the heavy query should be using the CPU before its deadline"
        t.join(60)
        assert isinstance(box.get("error"), QueryTimeout)
        assert f"longer than {DEADLINE:g} s" in str(box["error"])
        assert not alive(runner), "the worker that ran the query is killed"
        assert runner not in pool.pids()
        pool.wait_ready()  # a fresh worker took its place
        assert len(pool.pids()) == pool.workers + pool.spares and pool.killed == 1
        assert cpu_used_over(pool.pids()) < IDLE_CPU
        # the pool still answers, and reuses its workers between queries
        assert pool.query(LIGHT).rows == [("Blinken meets Wang",)]
        pids = set(pool.pids())
        for _ in range(5):
            pool.query(LIGHT)
        assert set(pool.pids()) == pids


def test_pool_errors_are_the_library_errors(store_dir):
    with QueryPool(store_dir, workers=1) as pool:
        with pytest.raises(QueryError, match="SELEKT"):
            pool.query("SELEKT ?x")
        r = pool.query("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }", limit=3)
        assert len(r) == 3 and r.truncated and r.truncated_by == "rows"
        r = pool.query("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", max_bytes=1000)
        assert 0 < len(r) < 20 and r.truncated_by == "bytes"
        assert len(r.to_sparql_tsv().encode()) <= 1000
        assert pool.query("ASK { GRAPH ?g { ?e a sem:Event } }").boolean is True


def test_a_slow_query_is_lowered_and_a_spare_worker_keeps_answering(store_dir):
    with QueryPool(store_dir, workers=1, spares=1, slow_after=0.3) as pool:
        pool.wait_ready()
        t, box = run_in_thread(pool.query, HEAVY, timeout=30)
        while pool._running == 0:
            time.sleep(0.01)
        (first,) = (w.pid for w in pool._live if w not in pool._idle)
        # the one worker is busy with the heavy query; a light one is answered by the spare
        assert pool.query(LIGHT, timeout=30).rows == [("Blinken meets Wang",)]
        assert psutil.Process(first).nice() == 19
        pool.wait_ready()  # a new spare is forked in the background
        assert len(pool.pids()) == 3  # the lowered worker, the spare that answered, a new spare
        assert first in pool.pids()
        pool.close()
        t.join(30)
        assert not alive(first)


def get(url: str, query: str, timeout: float = 60):
    req = urllib.request.Request(f"{url}?{urllib.parse.urlencode({'query': query})}")
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return r.status, r.read()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_kg_serve(store_dir: Path, log: Path, *options: str) -> tuple[subprocess.Popen, str]:
    """`kg serve` as a user starts it, in its own process (its request log goes to `log`)."""
    port = free_port()
    cmd = [sys.executable, "-m", "kg.cli", "serve", "--store", str(store_dir), "--port", str(port), *options]
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=out)
    url = f"http://127.0.0.1:{port}/sparql"
    for _ in range(300):
        try:
            urllib.request.urlopen(url, timeout=5).read()  # the service description
            return proc, url
        except (urllib.error.URLError, ConnectionError):
            assert proc.poll() is None, log.read_text()
            time.sleep(0.1)
    proc.kill()
    raise AssertionError(f"kg serve did not start: {log.read_text()}")


@pytest.fixture
def kg_serve(store_dir, tmp_path):
    """`kg serve` with a short time limit."""
    proc, url = start_kg_serve(store_dir, tmp_path / "serve.log", "--timeout", str(DEADLINE))
    yield proc, url
    proc.terminate()
    proc.wait(30)


def server_tree(proc) -> list[int]:
    """The server's pid and its workers'."""
    return [proc.pid, *(p.pid for p in psutil.Process(proc.pid).children(recursive=True))]


def query_workers(proc) -> list[int]:
    """The server's query workers: the children of its zygote (kg.store.zygote), its one child."""
    return [w.pid for z in psutil.Process(proc.pid).children() for w in z.children()]


def test_serve_stops_queries_that_cannot_finish(kg_serve):
    proc, url = kg_serve
    # three heavy queries on two workers and two spares: lowered in priority after a moment, each
    # hands its place to a spare; one may reach its deadline still waiting for a place
    for _ in range(60):  # until the 4 workers have started and gone idle
        workers = query_workers(proc)
        if len(workers) == 4 and cpu_used_over(workers, 0.5) < 0.02:
            break
        time.sleep(0.2)
    early = {pid: cpu_seconds([pid]) for pid in workers}
    threads = [run_in_thread(get, url, HEAVY) for _ in range(3)]
    time.sleep(DEADLINE / 2)
    ran = [pid for pid in workers if cpu_seconds([pid]) > early[pid]]
    assert ran, "the heavy queries use the CPU before their deadline"
    for t, _ in threads:
        t.join(60)
    stopped = 0
    for _, box in threads:
        err = box.get("error")
        assert isinstance(err, urllib.error.HTTPError) and err.code == 503
        message = err.read().decode()
        assert "longer than" in message or "busy" in message
        stopped += "longer than" in message
    assert stopped >= 2
    assert not any(alive(pid) for pid in ran), "every worker that ran a heavy query is gone"
    time.sleep(2)  # the replacement workers start (their imports are the only CPU spent)
    assert cpu_used_over(server_tree(proc)) < IDLE_CPU
    status, body = get(url, LIGHT)
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["h"]["value"] == "Blinken meets Wang"


def test_kg_query_ends_at_its_deadline(store_dir):
    # kg query is one process: at the deadline it says so and exits, and the OS frees the CPU
    cmd = [sys.executable, "-m", "kg.cli", "query", HEAVY, "--store", str(store_dir), "--timeout", "2"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
    assert proc.returncode == 1
    assert "longer than 2 s" in err and "Traceback" not in err
    assert not alive(proc.pid)


@pytest.mark.model
def test_dashboard_sparql_page_stops_the_query_and_frees_the_cpu(store_dir, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("KG_STORE", str(store_dir))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("dashboard/pages/sparql.py").run()
    at.number_input[0].set_value(2)  # the timeout, in seconds
    at.text_area(key="sparql_text").set_value(HEAVY).run()
    from dashboard import cache

    pool = cache.query_pool(str(store_dir))  # the page's pool (st.cache_resource: one per process)
    pool.wait_ready()  # started by the page; a person takes longer than this to type a query
    at.button[0].click().run()
    assert any("longer than 2 s" in e.value for e in at.error), [e.value for e in at.error]
    assert pool.killed == 1, "the worker that ran the query was killed"
    pool.wait_ready()
    assert cpu_used_over(pool.pids()) < IDLE_CPU
    # the page goes on answering
    at.text_area(key="sparql_text").set_value(LIGHT).run()
    at.button[0].click().run()
    assert not at.exception and not at.error
    assert list(at.dataframe[0].value["h"]) == ["Blinken meets Wang"]


def test_a_worker_never_answers_from_an_older_snapshot_than_one_already_seen(tmp_path):
    # workers open their snapshots at different times; once one has answered from a newer one,
    # the others reopen before answering, so a client never sees the store go back
    path = tmp_path / "kg-store"
    graphs = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    with open_store(path) as writer, QueryPool(path, workers=2, spares=0) as pool:
        before = int(pool.query(graphs).rows[0][0])
        p = to_quads(sample_extraction(), base=B)
        writer.write_article(p.article_iri, p.quads, shared_quads=p.shared_quads)
        pool._newest = time.time()  # as if a worker opened after the write had answered
        for _ in range(4):  # whichever worker answers
            assert int(pool.query(graphs).rows[0][0]) > before
