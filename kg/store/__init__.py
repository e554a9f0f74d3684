"""Where the graph lives: one `Store` interface, an embedded Oxigraph and any SPARQL 1.1 server.

    open_store()                       in-memory Oxigraph (tests, notebooks)
    open_store("kg-store")             on-disk Oxigraph, one directory, one writer at a time
    open_store("kg-store", read_only=True)   a reader beside a running ingest (dashboard, kg query)
    open_store(url="http://host:7878/query") a remote SPARQL 1.1 Query + Update endpoint

Modules: `base` (the `Store` interface and safe VALUES bindings), `generation` (the counter
every write raises in the store's own graph: `Store.version()` in one lookup), `oxigraph` (the embedded
store), `remote` (SPARQL 1.1 Protocol + Graph Store), `results` (query results and their
formats), `endpoint` (the read-only HTTP endpoint of `kg serve`), `pool`, `worker` and `zygote` (users'
queries in worker processes killed at their deadline, forked from a process that imported kg once), `saved` (`read_query`: the
internal queries a package below kg.queries keeps in its own sparql/ folder, the store's in
kg/store/sparql/), `backup` (a consistent copy of an embedded store), `loader` (RDF files into a
store, `kg load`) and `damage` (a damaged store told from a missing one, and how to restore it).
The store package imports `kg.graph` (its namespaces, and its SHACL shapes to check files before
loading them), `kg.model` and `kg.errors` only; it never imports extraction, queries, views or the
dashboard.

Public functions: open_store, default_store_path, bind_values, values_block, read_query; classes Store,
OxigraphStore, QueryResult; term conversions to_ox, to_rdflib, to_python, to_quad.
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.errors import StoreError
from kg.store.base import DEFAULT_TIMEOUT, Store, bind_values, values_block
from kg.store.oxigraph import OxigraphStore
from kg.store.remote import RemoteStore
from kg.store.results import QueryResult, to_ox, to_python, to_quad, to_rdflib
from kg.store.saved import read_query

__all__ = [
    "DEFAULT_TIMEOUT",
    "OxigraphStore",
    "QueryResult",
    "RemoteStore",
    "Store",
    "bind_values",
    "default_store_path",
    "open_store",
    "read_query",
    "to_ox",
    "to_python",
    "to_quad",
    "to_rdflib",
    "values_block",
]


def default_store_path() -> Path:
    """The store directory: $KG_STORE, else ./kg-store."""
    return Path(os.environ.get("KG_STORE") or "kg-store")


def open_store(
    path: str | Path | None = None,
    *,
    url: str | None = None,
    update_url: str | None = None,
    read_only: bool = False,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Store:
    """Open a store: in memory (no arguments), a directory on disk, or a remote SPARQL endpoint (url)."""
    if url is not None:
        if path is not None:
            raise StoreError("Give either a store directory or a SPARQL endpoint url, not both")
        return RemoteStore(url, update_url=update_url, read_only=read_only, timeout=timeout)
    return OxigraphStore(path, read_only=read_only)
