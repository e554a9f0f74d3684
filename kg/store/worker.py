"""One query worker: a child process that opens a store read-only and answers its parent's queries.

    serve(store_dir, requests, answers)      (in a child forked by kg.store.zygote for kg.store.pool)

Requests and answers are length-prefixed pickles on two pipes of their own (the process's stdout
is stderr, so a stray print cannot corrupt the channel). A request is a dict: `query`,
`bindings`, `limit`, `max_bytes` and, for the endpoint, `accept` (the worker then serialises the
answer itself, so a slow serialisation is stopped with the query). Answers:

    ("ready", pid)                              once the store is open
    ("result", fields of a QueryResult)         for the library (dashboard, notebooks)
    ("rendered", kg.store.protocol.Rendered)    for the endpoint
    ("error", "QueryError" | "StoreError" | ..., message)

each with the worker's CPU seconds so far as its last item, so the pool knows what a query cost
in CPU, whatever the wall clock says on busy cores.

The worker exits when the pool goes away (its request pipe closes, the zygote kills it, or a
watcher thread sees its parent's pid change while a query holds the main thread), so a killed
server never leaves a query behind.
"""

from __future__ import annotations

import os
import pickle
import struct
import threading
import time
from typing import Any, BinaryIO

_HEADER = struct.Struct("!I")


def send(out: BinaryIO, message: Any) -> None:
    """Write one length-prefixed pickle and flush it."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(_HEADER.pack(len(data)) + data)
    out.flush()


def receive(inp: BinaryIO) -> Any:
    """Read one length-prefixed pickle; EOFError when the other side has gone."""
    head = inp.read(_HEADER.size)
    if len(head) < _HEADER.size:
        raise EOFError("channel closed")
    (n,) = _HEADER.unpack(head)
    data = inp.read(n)
    if len(data) < n:
        raise EOFError("channel closed mid-message")
    return pickle.loads(data)


def _watch_parent(ppid: int) -> None:
    # A query in Oxigraph holds the main thread; this thread ends the process if the parent dies.
    while True:
        if os.getppid() != ppid:
            os._exit(0)
        time.sleep(0.5)


def answer(store: Any, request: dict) -> tuple:
    """Run one request against `store` and return the message to send back."""
    from kg.errors import KGError
    from kg.store.protocol import fit, render

    try:
        if getattr(store, "opened_at", 0.0) < request.get("fresh_after", 0.0):
            store.refresh()  # another worker has answered from a newer snapshot: never go back to an older one
        result = store.query(
            request["query"], bindings=request.get("bindings"), timeout=None, limit=request.get("limit")
        )
        seen = getattr(store, "opened_at", 0.0)
        if request.get("accept") is not None:
            return ("rendered", render(result, request["accept"], request.get("max_bytes")), seen)
        result, by = fit(result, lambda r: len(r.to_sparql_tsv().encode("utf-8")), request.get("max_bytes"))
        triples = list(result.graph) if result.graph is not None else None
        return (
            "result",
            {
                "columns": result.columns,
                "terms": result.terms,
                "boolean": result.boolean,
                "triples": triples,
                "truncated_by": by or result.truncated_by,
                "query": result.query,
            },
            seen,
        )
    except KGError as exc:
        return ("error", type(exc).__name__, str(exc))
    except Exception as exc:  # anything else is the store's failure, said to the parent as such
        return ("error", "StoreError", f"The query worker failed: {type(exc).__name__}: {exc}")


def serve(path: str, inp: BinaryIO, out: BinaryIO) -> int:
    """Open the store at `path` read-only and answer the requests on `inp` until it closes."""
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()
    from kg.errors import KGError
    from kg.store.oxigraph import OxigraphStore

    try:
        store = OxigraphStore(path, read_only=True)
    except KGError as exc:
        send(out, ("error", type(exc).__name__, str(exc), time.process_time()))
        return 1
    send(out, ("ready", os.getpid(), time.process_time()))
    while True:
        try:
            request = receive(inp)
        except EOFError:
            return 0
        send(out, (*answer(store, request), time.process_time()))
