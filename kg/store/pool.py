"""Users' SPARQL queries in worker processes that are killed at the deadline, so a query that
cannot finish stops using the CPU when its time is up.

pyoxigraph 0.5 cannot interrupt a running query (its Python `Store.query` takes no cancellation
token and does not check for signals), and a thread cannot be killed. So the queries a person
types (`kg serve`, the dashboard's SPARQL page) run in a small pool of child processes
(`kg.store.worker`), each holding the store open read-only and reused from query to query. At the
deadline the worker is killed (SIGKILL) and a fresh one takes its place. Workers are forked by a
zygote (`kg.store.zygote`) that imported pyoxigraph and kg once, so a fresh worker only opens the
store: tens of milliseconds, not the 0.5-1.5 s a new interpreter takes on busy cores.

At most `workers` queries run at full priority at once. A query still running after `slow_after`
seconds that has spent a quarter of that time or more on a core (its worker's CPU time: a short
query waiting for a busy core is not slow) has its worker's priority lowered to the least (nice
19) and stops counting against that number, so the next query starts at once on one of the
`spares` idle workers kept warm for this, and a new spare is forked (up to `max_slow` lowered
workers at a time). The pool remembers the texts of queries stopped at their deadline or that
cost `slow_after` of CPU: the next time one comes (a person retrying), it starts on a fresh worker
born at nice 19 and never holds a full-priority place or a warm spare; a run that costs less
makes the pool forget it. Queries that cannot finish thus do not hold back the short ones
that keep coming. A lowered worker is retired when its query ends (a process cannot raise its
priority again without privileges).

    pool = QueryPool("kg-store", workers=2)
    pool.query("SELECT ...", timeout=10, limit=1000, max_bytes=1 << 20)   -> QueryResult
    pool.render("SELECT ...", accept="text/csv", timeout=10, ...)          -> protocol.Rendered
    pool.close()
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import rdflib

from kg.errors import KGError, QueryError, QueryTimeout, ServerBusy, StoreError
from kg.graph.namespaces import bind
from kg.store.base import DEFAULT_TIMEOUT, _describe
from kg.store.protocol import Rendered
from kg.store.results import QueryResult
from kg.store.zygote import LOWEST_PRIORITY, Worker, Zygote

_ERRORS: dict[str, type[KGError]] = {"QueryError": QueryError, "StoreError": StoreError}
_REMEMBERED = 256
_WORKING = 0.25


class QueryPool:
    """A few worker processes answering users' queries on the store at `path`, read-only."""

    def __init__(
        self,
        path: str | Path,
        *,
        workers: int = 2,
        spares: int = 2,
        max_slow: int = 4,
        slow_after: float = 0.1,
    ) -> None:
        if workers < 1:
            raise StoreError(f"A query pool needs at least one worker, not {workers}")
        self.path = str(path)
        self.workers = workers
        self.spares = max(0, spares)
        self.max_slow = max(0, max_slow)
        self.slow_after = slow_after
        self.killed = 0  # queries stopped at their deadline (their workers killed)
        self._cond = threading.Condition()
        self._live: set[Worker] = set()
        self._idle: list[Worker] = []
        self._running = 0  # queries running at full priority (at most `workers`)
        self._failure: str | None = None
        self._closed = False
        self._newest = 0.0  # wall-clock time of the newest snapshot a worker has answered from
        self._slow: OrderedDict[str, None] = OrderedDict()  # texts whose last run went past slow_after
        self._zygote = Zygote()
        with self._cond:
            self._top_up()

    # -- the public calls -------------------------------------------------------------------
    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Any] | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
        limit: int | None = None,
        max_bytes: int | None = None,
    ) -> QueryResult:
        """Run a query in a worker; QueryTimeout at the deadline (the worker is killed)."""
        reply = self._run(
            {"query": sparql, "bindings": dict(bindings or {}), "limit": limit, "max_bytes": max_bytes},
            timeout,
        )
        fields = reply[1]
        graph = None
        if fields["triples"] is not None:
            graph = bind(rdflib.Graph())
            for t in fields["triples"]:
                graph.add(t)
        return QueryResult(
            fields["columns"],
            fields["terms"],
            boolean=fields["boolean"],
            graph=graph,
            truncated_by=fields["truncated_by"],
            query=fields["query"],
        )

    def render(
        self,
        sparql: str,
        *,
        accept: str = "",
        timeout: float | None = DEFAULT_TIMEOUT,
        limit: int | None = None,
        max_bytes: int | None = None,
    ) -> Rendered:
        """Run a query and serialise its answer in a worker, as `accept` prefers (the endpoint's call)."""
        request = {"query": sparql, "accept": accept, "limit": limit, "max_bytes": max_bytes}
        return self._run(request, timeout)[1]

    def wait_ready(self, timeout: float = 60.0) -> None:
        """Block until every worker and spare is idle (tests and benchmarks start from a warm pool)."""
        end = time.monotonic() + timeout
        with self._cond:
            while len(self._idle) < self.workers + self.spares:
                self._check()
                left = end - time.monotonic()
                if left <= 0:
                    raise StoreError(f"The query workers for {self.path} did not start in {timeout:g} s")
                self._cond.wait(left)

    def pids(self) -> list[int]:
        """The process ids of the live workers."""
        with self._cond:
            return sorted(w.pid for w in self._live if w.pid)

    def close(self) -> None:
        """Kill every worker."""
        with self._cond:
            self._closed = True
            workers = list(self._live)
            self._live.clear()
            self._idle.clear()
            self._cond.notify_all()
        for w in workers:
            w.kill()
        self._zygote.close()

    def __enter__(self) -> QueryPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- one query ----------------------------------------------------------------------------
    def _run(self, request: dict, timeout: float | None) -> tuple:
        start = time.monotonic()
        deadline = None if timeout is None else start + timeout
        sparql = request["query"]
        worker = None
        try:
            if self.max_slow and self._known_slow(sparql):
                worker = self._acquire_lowered(deadline, sparql, timeout)
            else:
                worker = self._acquire(deadline, sparql, timeout)
            cpu_before = worker.cpu
            worker.send({**request, "fresh_after": self._newest})
            slow_at = time.monotonic() + self.slow_after
            while True:
                now = time.monotonic()
                until = deadline if worker.lowered or deadline is None else min(deadline, slow_at)
                if worker.wait(None if until is None else until - now):
                    reply = worker.receive()
                    break
                if deadline is not None and time.monotonic() >= deadline:
                    self._remember(sparql, slow=True)
                    self._retire(worker, stopped=True)
                    worker = None
                    raise QueryTimeout(
                        f"Query took longer than {timeout:g} s and was stopped: {_describe(sparql)!r}"
                    )
                # slow is what it costs in CPU: a short query waiting for a busy core keeps its
                # priority; one that used a quarter of the time on a core is working, not waiting
                used = worker.cpu_since_answer()
                if used is None or used >= self.slow_after * _WORKING:
                    self._lower(worker)
                else:
                    slow_at = time.monotonic() + max(self.slow_after * _WORKING - used, 0.01)
            self._remember(sparql, slow=reply[-1] - cpu_before >= self.slow_after)
        except (EOFError, OSError, ValueError) as exc:
            if worker is not None:
                self._retire(worker)
                worker = None
            raise StoreError(
                f"The query worker for {self.path} failed ({exc}); it has been replaced"
            ) from exc
        except BaseException:
            if worker is not None:  # it may still be working on the request: never reuse it
                self._retire(worker)
                worker = None
            raise
        finally:
            if worker is not None:
                self._release(worker)
        if reply[0] == "error":
            raise _ERRORS.get(reply[1], StoreError)(reply[2])
        # the newest snapshot any worker has answered from: later answers come from one as new
        with self._cond:
            self._newest = max(self._newest, reply[2])
        return reply

    # -- queries known to be slow: a worker of their own at the lowest priority -----------------
    def _known_slow(self, sparql: str) -> bool:
        with self._cond:
            return sparql in self._slow

    def _remember(self, sparql: str, *, slow: bool) -> None:
        with self._cond:
            if slow:
                self._slow[sparql] = None
                self._slow.move_to_end(sparql)
                while len(self._slow) > _REMEMBERED:
                    self._slow.popitem(last=False)
            else:  # it was quick this time: it goes back to the full-priority workers
                self._slow.pop(sparql, None)

    def _acquire_lowered(self, deadline: float | None, sparql: str, timeout: float | None) -> Worker:
        # a query that ran long last time starts on a fresh worker born at the lowest priority, so
        # it never holds a full-priority place or takes a warm spare from the short queries
        with self._cond:
            while sum(1 for w in self._live if w.lowered) >= self.max_slow:
                self._check()
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    raise ServerBusy(
                        f"{self.max_slow} slow queries were already running for {timeout:g} s; "
                        f"try again later: {_describe(sparql)!r}"
                    )
                self._cond.wait(left)
            self._check()
            worker = Worker(lowered=True)
            worker.queries = 1
            self._live.add(worker)
        try:
            worker.start(self._starter(), self.path)
            left = None if deadline is None else deadline - time.monotonic()
            ready = worker.wait(left) and worker.receive()
        except (EOFError, OSError, ValueError, StoreError):
            ready = None
        if not ready or ready[0] != "ready":
            self._retire(worker)
            if ready is False:
                raise QueryTimeout(
                    f"Query took longer than {timeout:g} s and was stopped: {_describe(sparql)!r}"
                )
            self._check()
            raise StoreError(f"A query worker for {self.path} exited while starting")
        return worker

    def _acquire(self, deadline: float | None, sparql: str, timeout: float | None) -> Worker:
        with self._cond:
            while not self._idle or self._running >= self.workers:
                self._check()
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    if self._running < self.workers:
                        raise ServerBusy(
                            f"The query workers for {self.path} were still starting after {timeout:g} s; "
                            f"try again in a moment: {_describe(sparql)!r}"
                        )
                    raise ServerBusy(
                        f"All {self.workers} query workers stayed busy for {timeout:g} s; "
                        f"try again later: {_describe(sparql)!r}"
                    )
                self._cond.wait(left)
            worker = self._idle.pop()
            worker.queries += 1
            self._running += 1
            return worker

    def _release(self, worker: Worker) -> None:
        if worker.lowered:  # it cannot get its priority back: a fresh worker takes its place
            self._retire(worker)
            return
        with self._cond:
            self._running -= 1
            if worker in self._live and not self._closed:
                self._idle.append(worker)
            self._cond.notify_all()

    def _lower(self, worker: Worker) -> None:
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, worker.pid, LOWEST_PRIORITY)
        with self._cond:
            worker.lowered = True
            self._running -= 1  # a full-priority place is free: the next query starts on a spare
            self._top_up()
            self._cond.notify_all()

    def _retire(self, worker: Worker, *, stopped: bool = False) -> None:
        with self._cond:
            self._live.discard(worker)
            if not worker.lowered:
                self._running -= 1
            if stopped:
                self.killed += 1
            self._cond.notify_all()
        worker.kill()
        with self._cond:
            self._top_up()

    # -- keeping the pool full (called with the lock held) --------------------------------------
    def _top_up(self) -> None:
        if self._closed or self._failure:
            return
        normal = sum(1 for w in self._live if not w.lowered)
        target = self.workers + self.spares
        while normal < target and len(self._live) < target + self.max_slow:
            worker = Worker()
            self._live.add(worker)
            normal += 1
            threading.Thread(target=self._await_ready, args=(worker,), daemon=True).start()

    def _starter(self) -> Zygote:
        with self._cond:
            if self._zygote.proc.poll() is not None and not self._closed:
                self._zygote = Zygote()  # it was killed (out of memory?): a new one, once per death
            return self._zygote

    def _await_ready(self, worker: Worker) -> None:
        try:
            worker.start(self._starter(), self.path)
            message = worker.receive()
        except StoreError as exc:  # the zygote could not fork it
            message = ("error", "StoreError", f"No query worker for {self.path}: {exc}")
        except (EOFError, OSError, ValueError):
            message = ("error", "StoreError", f"A query worker for {self.path} exited while starting")
        with self._cond:
            if message[0] == "ready" and worker in self._live and not self._closed:
                self._idle.append(worker)
                self._cond.notify_all()
                return
            self._live.discard(worker)
            if message[0] == "error" and not self._closed:
                self._failure = message[2]
            self._cond.notify_all()
        worker.kill()

    def _check(self) -> None:
        if self._closed:
            raise StoreError(f"The query pool for {self.path} is closed")
        if self._failure:
            raise StoreError(self._failure)
