"""The query pool under load (kg.store.pool, kg.store.zygote): what decides a query is slow is the
CPU it uses, a query stopped at its deadline and sent again never takes a full-priority worker,
and the workers end with the server however it ends. CPU time and priorities are read from the
processes (psutil), never from a wall clock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import psutil
import pytest
from test_cancel import (
    HEAVY,
    IDLE_CPU,
    LIGHT,
    ROOT,
    alive,
    cpu_used_over,
    free_port,
    run_in_thread,
    store_dir,  # noqa: F401 - the module's store, a fixture
)

from kg.errors import QueryTimeout
from kg.store.pool import QueryPool


def lowest_priority_children() -> list[psutil.Process]:
    """This process's live descendants at nice 19 (a killed worker is a zombie until reaped; one
    that exits between being listed and being asked is not among them)."""
    low = []
    for p in psutil.Process().children(recursive=True):
        try:
            if p.nice() == 19 and alive(p.pid):
                low.append(p)
        except psutil.NoSuchProcess:
            continue
    return low


def test_a_query_waiting_for_the_cpu_keeps_its_priority_and_its_worker(store_dir):  # noqa: F811
    # a stopped worker uses no CPU, like one waiting for a busy core: past slow_after it is not
    # lowered (a lowered worker is retired after its query, so the same pid answering again shows it)
    with QueryPool(store_dir, workers=1, spares=0, slow_after=0.1) as pool:
        pool.wait_ready()
        (pid,) = pool.pids()
        os.kill(pid, signal.SIGSTOP)
        try:
            t, box = run_in_thread(pool.query, LIGHT, timeout=30)
            time.sleep(0.6)
            assert psutil.Process(pid).nice() == 0
        finally:
            os.kill(pid, signal.SIGCONT)
        t.join(30)
        assert box["value"].rows == [("Blinken meets Wang",)]
        assert pool.query(LIGHT).rows == [("Blinken meets Wang",)]
        assert pool.pids() == [pid]


def test_a_query_stopped_at_its_deadline_runs_low_on_a_worker_of_its_own_when_sent_again(store_dir):  # noqa: F811
    with QueryPool(store_dir, workers=1, spares=1, slow_after=0.1) as pool:
        pool.wait_ready()
        with_full_priority = set(pool.pids())
        with pytest.raises(QueryTimeout):
            pool.query(HEAVY, timeout=1)
        pool.wait_ready()
        warm = set(pool.pids())
        assert len(warm) == 2 and not lowest_priority_children()
        t, box = run_in_thread(pool.query, HEAVY, timeout=2)
        for _ in range(100):  # its worker is forked
            low = lowest_priority_children()
            if low:
                break
            time.sleep(0.05)
        (runner,) = low
        assert runner.pid not in warm | with_full_priority
        # the warm workers stay idle and answer at full priority meanwhile
        assert pool.query(LIGHT, timeout=30).rows == [("Blinken meets Wang",)]
        assert set(pool.pids()) == warm | {runner.pid}
        t.join(30)
        assert isinstance(box.get("error"), QueryTimeout) and pool.killed == 2
        assert not alive(runner.pid)
        assert cpu_used_over(pool.pids()) < IDLE_CPU
        assert pool.query(LIGHT).rows == [("Blinken meets Wang",)]
        assert set(pool.pids()) == warm


def test_a_killed_server_leaves_no_worker_behind(store_dir, tmp_path):  # noqa: F811
    port = free_port()
    cmd = [sys.executable, "-m", "kg.cli", "serve", "--store", str(store_dir), "--port", str(port)]
    with open(tmp_path / "serve.log", "wb") as log:
        server = subprocess.Popen([*cmd, "--timeout", "60"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log)
    try:
        for _ in range(300):  # the zygote and the four workers it forks
            tree = psutil.Process(server.pid).children(recursive=True)
            if len(tree) == 5:
                break
            time.sleep(0.1)
        assert len(tree) == 5, (tmp_path / "serve.log").read_text()
        url = f"http://127.0.0.1:{port}/sparql?" + urllib.parse.urlencode({"query": HEAVY})
        run_in_thread(urllib.request.urlopen, url, timeout=60)
        for _ in range(40):  # until the heavy query runs in one of them
            if cpu_used_over([p.pid for p in tree], 0.5) > 0.1:
                break
        else:
            raise AssertionError("the heavy query never ran")
    finally:
        server.send_signal(signal.SIGKILL)  # no chance to close its pool
        server.wait(30)
    gone, left = psutil.wait_procs(tree, timeout=20)
    assert not left, f"still running after the server was killed: {left}"
