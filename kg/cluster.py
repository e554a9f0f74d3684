"""Extraction fanned out on a Dask cluster; the calling process writes to the store.

    kg ingest corpus.jsonl --cluster local:2 --store-url http://127.0.0.1:7878/query
    kg ingest corpus.jsonl --cluster tcp://scheduler:8786 --store-url http://host:7878/query

Why Dask rather than Ray: it is a plain `pip install`, starts a local cluster bound to
127.0.0.1 with one argument (Ray's defaults listen on every interface), and its futures stream
results back in submission order, which keeps cross-article person linking the same as in
one process. Articles travel in batches; at most a few batches per worker are in flight, so
memory stays flat on any corpus size. Each worker loads the spaCy pipeline once.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice

from kg.errors import ExtractionError
from kg.model import Article, Extraction

BATCH = 16
IN_FLIGHT_PER_WORKER = 2


def _extract_batch(articles: list[Article]) -> list[Extraction | ExtractionError]:
    """Worker side: extract one batch (the pipeline is cached per worker process)."""
    from kg.extract import extract_many

    return list(extract_many(articles))


def connect(address: str):
    """A Dask client: `local:N` starts N single-threaded worker processes on 127.0.0.1."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # an optional dependency: say how to get it
        raise ExtractionError("--cluster needs Dask: pip install 'dask[distributed]'") from exc
    if address.startswith("local:"):
        try:
            n = int(address.split(":", 1)[1])
        except ValueError:
            raise ExtractionError(
                f"--cluster {address!r}: write local:N with N workers, e.g. local:2"
            ) from None
        cluster = LocalCluster(
            n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        )
        return Client(cluster)
    try:
        return Client(address, timeout=30)
    except OSError as exc:
        raise ExtractionError(f"cannot reach the Dask scheduler at {address}: {exc}") from None


def extract_many(
    articles: Iterable[Article], *, address: str, batch: int = BATCH
) -> Iterator[Extraction | ExtractionError]:
    """Extract articles on the cluster at `address`, yielding results in input order."""
    client = connect(address)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        window: deque = deque()
        it = iter(articles)
        while True:
            while len(window) < workers * IN_FLIGHT_PER_WORKER:
                chunk = list(islice(it, batch))
                if not chunk:
                    break
                window.append(client.submit(_extract_batch, chunk, pure=False))
            if not window:
                break
            yield from window.popleft().result()
    finally:
        cluster = getattr(client, "cluster", None)
        client.close()
        if cluster is not None:
            cluster.close()
