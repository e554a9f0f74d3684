"""The embedded store: Oxigraph in this process, in memory or in one directory on disk.

A writer holds the directory; readers open it read-only beside a running ingest and reopen their
snapshot every few seconds, so they see each committed article and never half of one."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import rdflib

from kg.errors import QueryError, QueryTimeout, StoreError
from kg.graph.namespaces import PREFIXES, bind
from kg.store.base import _TOKEN, DEFAULT_TIMEOUT, Store, _describe, bind_values
from kg.store.damage import damaged, is_damage, is_store, looks_damaged, missing_current
from kg.store.results import QueryResult, to_quad, to_rdflib


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
        self.opened_at = 0.0
        self._writes = 0
        if read_only and self.path is None:
            raise StoreError("A read-only store needs a directory; an in-memory store starts empty")
        self._store = self._open()

    def _open(self) -> ox.Store:
        path = self.path
        try:
            if path is None:
                store = ox.Store()
            elif self.read_only:
                if looks_damaged(path):
                    raise missing_current(path)
                if not is_store(path):
                    raise StoreError(
                        f"No store at {path}: the directory does not exist or holds no Oxigraph store"
                    )
                store = self._open_read_only(path)
            else:
                if path.exists() and not path.is_dir():
                    raise StoreError(f"Cannot open the store {path}: it is a file, not a directory")
                if looks_damaged(path):
                    # RocksDB would start a new, empty database beside the old table files
                    raise missing_current(path)
                store = ox.Store(str(path))
        except StoreError:
            raise
        except (OSError, RuntimeError) as exc:
            if "lock" in str(exc).lower():
                raise StoreError(
                    f"The store {path} is locked by another writer: another `kg ingest` (or `kg load`, `kg backup`, a server) is "
                    "running on it. Wait for it to finish, or open the store read-only to query it."
                ) from exc
            if is_damage(exc):
                raise damaged(path, str(exc)) from exc
            raise StoreError(f"Cannot open the store {path}: {exc}") from exc
        self._opened = time.monotonic()
        self.opened_at = time.time()  # wall clock: comparable across the processes of a query pool
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
        if is_damage(last):
            raise damaged(path, str(last)) from last
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
        # are projected, and a VALUES block means the same on every SPARQL server (see kg.store.remote).
        try:
            text = bind_values(sparql, bindings or {})
        except (TypeError, ValueError) as exc:
            raise QueryError(f"Bad binding for query {_describe(sparql)!r}: {exc}") from exc
        try:
            return _run_with_timeout(lambda cancel: self._run(text, limit, cancel), timeout, sparql)
        except (OSError, RuntimeError) as exc:
            if not self.read_only:
                if is_damage(exc):
                    raise damaged(self.location, str(exc)) from exc
                raise QueryError(f"Query failed on {self.location}: {exc} in {_describe(sparql)!r}") from exc
            # The writer compacted files the old snapshot still pointed at: reopen and retry once.
            self.refresh()
            try:
                return _run_with_timeout(lambda cancel: self._run(text, limit, cancel), timeout, sparql)
            except (OSError, RuntimeError) as again:
                if is_damage(again):
                    raise damaged(self.location, str(again)) from again
                raise QueryError(
                    f"Query failed on {self.location}: {again} in {_describe(sparql)!r}"
                ) from again

    def _run(self, sparql: str, limit: int | None, cancel: threading.Event) -> QueryResult:
        store = self._current()
        try:
            # Every fact is in a named graph and the default graph is empty, so DESCRIBE (which
            # describes from the default graph) reads the union of the graphs instead.
            res = store.query(sparql, prefixes=_PREFIX_MAP, use_default_graph_as_union=_is_describe(sparql))
        except SyntaxError as exc:
            raise QueryError(f"Malformed SPARQL ({exc}) in query {_describe(sparql)!r}") from exc
        if isinstance(res, ox.QueryBoolean):
            return QueryResult(boolean=bool(res), query=sparql)
        if isinstance(res, ox.QueryTriples):
            g = bind(rdflib.Graph())
            capped = False
            for t in res:
                if cancel.is_set():
                    break
                if limit is not None and len(g) >= limit:
                    capped = True
                    break
                g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
            return QueryResult(graph=g, truncated=capped, query=sparql)
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

    # Up to this many quads, a write to a store on disk goes in as one bulk load (pyoxigraph
    # `bulk_extend`): Oxigraph encodes the quads into one sorted file per index and hands them all
    # to RocksDB in one IngestExternalFiles call, which is atomic across the indexes, so a reader
    # or a kill sees all of the write or none of it. Unlike a transaction (`extend`) it reads
    # nothing back before writing, which costs more as the store grows: on 2,000 stored synthetic
    # articles, 26 against 15 microseconds of CPU a quad, background compaction included.
    # Oxigraph splits a bulk load into separate ingestions of 1,000,000 quads; this stays well
    # under that, and a larger write is one transaction.
    BULK_QUADS = 200_000

    def add_quads(self, quads: Iterable[Any]) -> None:
        """Add quads in one atomic write (no SPARQL text to build and parse)."""
        self._check_writable()
        quads = [to_quad(q) for q in quads]
        store = self._current()
        try:
            if self.path is not None and 0 < len(quads) <= self.BULK_QUADS:
                store.bulk_extend(quads)
            else:
                store.extend(quads)
        except OSError as exc:
            raise StoreError(f"Cannot write to the store {self.location} while adding quads: {exc}") from exc
        # the write is committed on its own: the generation follows it (data first, so a reader
        # that sees the new generation always sees the data it counts)
        self._update("", what="adding quads")

    def bulk_load(self, quads: Iterable[Any]) -> None:
        """Add many quads fast, without a transaction (pyoxigraph `bulk_extend`): for filling a new
        store from scratch, with no reader beside it. The generation follows the load."""
        self._check_writable()
        try:
            self._current().bulk_extend(to_quad(q) for q in quads)
        except OSError as exc:
            raise StoreError(f"Cannot write to the store {self.location} while loading quads: {exc}") from exc
        self._update("", what="loading quads")

    def _snapshot_key(self) -> object:
        # A snapshot never changes; this process's own writes are counted.
        return (self._opened, self._writes)

    def _send_update(self, update: str, *, what: str) -> None:
        self._writes += 1
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
        except (OSError, RuntimeError) as exc:
            if is_damage(exc):
                raise damaged(self.location, str(exc)) from exc
            raise StoreError(f"Cannot read the store {self.location}: {exc}") from exc

    def flush(self) -> None:
        """Make sure every write is on disk, and free the memory RocksDB kept it in meanwhile
        (a long ingest that never flushes holds hundreds of MB of write buffers)."""
        if self.path is not None and not self.read_only:
            try:
                self._store.flush()
            except OSError as exc:
                raise StoreError(f"Cannot flush the store {self.location}: {exc}") from exc

    def close(self) -> None:
        """Flush and release the directory (its lock) for the next writer."""
        if getattr(self, "_store", None) is None:
            return
        # Closing must not fail because a flush did; the data is in the write-ahead log anyway.
        with contextlib.suppress(OSError, StoreError):
            self.flush()
        # pyoxigraph has no close(): the RocksDB handle (and the directory lock) goes with the object.
        self._store = None

    def __repr__(self) -> str:
        return f"<OxigraphStore {self.location}{' read-only' if self.read_only else ''}>"


_PREFIX_MAP = dict(PREFIXES)
_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


def _is_describe(sparql: str) -> bool:
    """Whether the query's form (its first keyword after the prologue) is DESCRIBE."""
    for m in _TOKEN.finditer(sparql):
        word = m.group().upper()
        if word in _FORMS:
            return word == "DESCRIBE"
    return False


def _run_with_timeout(fn, timeout: float | None, sparql: str) -> QueryResult:
    """Run `fn(cancel)` in a worker thread; give up (QueryError) after `timeout` seconds.

    pyoxigraph (0.5) cannot interrupt a running query, but it releases the GIL while it works, so a
    worker thread can be waited for; on timeout it is told to stop at the next solution and
    abandoned. An abandoned thread still evaluates until Oxigraph yields a solution, which for a
    join that produces none may be hours: user queries in long-lived processes therefore go
    through `kg.store.pool.QueryPool`, whose worker processes are killed at the deadline.
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
        raise QueryTimeout(f"Query took longer than {timeout:g} s and was stopped: {_describe(sparql)!r}")
    if "error" in box:
        raise box["error"]
    return box["result"]
