"""Extraction in worker processes: every stage of an article (cleaning, spaCy, kg's rules) in a worker.

spaCy's own `n_process` parses in workers but sends every `Doc` back to run kg's rules in the
calling process, which then does half the work alone. Here a worker extracts whole batches of
articles and sends back the `Extraction`s, in input order, with a bounded number of batches in
flight (a corpus is streamed, never held in memory).

The workers are forked from a process that has loaded the model and the gazetteers once (their
memory is shared until written), and they die with the process that started them (Linux), so a
killed ingest leaves no orphans. A batch is the same batch of articles the calling process would
parse, so the output is the same as with one process. If the workers cannot be started or one
dies, the remaining articles are extracted in the calling process.

`jobs`: a number of processes, or "auto" (`AUTO`): every core this process may run on, once the
input holds at least `AUTO_MIN_ARTICLES` articles (below that, starting workers costs more than it
saves).
"""

from __future__ import annotations

import collections
import datetime as dt
import gc
import itertools
import multiprocessing as mp
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from kg.errors import ExtractionError
from kg.model import Article, Extraction

AUTO = "auto"
AUTO_MIN_ARTICLES = 64
IN_FLIGHT = 2  # batches queued per worker: enough to keep each busy, few enough to bound memory

Result = Extraction | ExtractionError


def cores() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def parse_jobs(value: int | str) -> int | str:
    """`jobs` as given on the command line: a positive number of processes, or "auto"."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    text = str(value).strip().lower()
    if text == AUTO:
        return AUTO
    if text.isdigit() and int(text) >= 1:
        return int(text)
    raise ExtractionError(f"--jobs {value!r}: expected a number of processes (1, 2, ...) or 'auto'")


def plan(articles: Iterable[Article], jobs: int | str) -> tuple[int, Iterator[Article]]:
    """How many processes to extract `articles` with, and the articles (a few may have been read ahead)."""
    jobs = parse_jobs(jobs)
    it = iter(articles)
    if jobs != AUTO:
        return jobs, it
    n = cores()
    if n == 1:
        return 1, it
    ahead = list(itertools.islice(it, AUTO_MIN_ARTICLES))
    return (n if len(ahead) >= AUTO_MIN_ARTICLES else 1), itertools.chain(ahead, it)


def extract_parallel(
    articles: Iterable[Article],
    processes: int,
    batch_size: int,
    extract_batch: Callable[[list[Article]], list],
) -> Iterator[Result]:
    """Extract in `processes` workers, batch by batch, yielding results in input order.

    `extract_batch(articles)` extracts one batch in one process (a module-level function, so that
    it reaches the workers by name).
    """
    _warm(extract_batch)
    batches = _batches(articles, batch_size)
    pending: collections.deque[tuple[list[Article], Future]] = collections.deque()
    try:
        pool = ProcessPoolExecutor(processes, mp_context=mp.get_context("fork"), initializer=_init_worker)
    except (OSError, ValueError):
        pool = None
    if pool is None:
        for batch in batches:
            yield from extract_batch(batch)
        return
    broken = False
    try:
        # the objects loaded so far stay untouched by the collector while the workers are forked
        # (one per submission at first), so their memory pages stay shared
        gc.freeze()
        try:
            for n, batch in enumerate(batches, 1):
                if broken:
                    yield from extract_batch(batch)
                    continue
                try:
                    pending.append((batch, pool.submit(extract_batch, batch)))
                except (BrokenProcessPool, RuntimeError, OSError):
                    broken = True
                    pending.append((batch, None))
                if n == processes:
                    gc.unfreeze()
                    _release()
                while len(pending) >= processes * IN_FLIGHT or (broken and pending):
                    results, broken = _collect(*pending.popleft(), extract_batch, broken)
                    yield from results
            while pending:
                results, broken = _collect(*pending.popleft(), extract_batch, broken)
                yield from results
        finally:
            gc.unfreeze()
    finally:
        pool.shutdown(wait=not broken, cancel_futures=True)


def _collect(
    batch: list[Article], future: Future | None, extract_batch: Callable, broken: bool
) -> tuple[list, bool]:
    """The results of one batch; extracted here when its worker could not deliver them."""
    if future is not None:
        try:
            return future.result(), broken
        except BrokenProcessPool:
            broken = True
        except Exception:  # a failure outside the per-article guards: redo the batch here
            pass
    return extract_batch(batch), broken


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while batch := list(itertools.islice(it, size)):
        yield batch


def _release() -> None:
    """In the calling process, once its workers are forked: drop the model and the place index.

    The workers have their own copies (shared pages at first); this process only writes, and keeping
    them here cost ~180 MB more of resident memory, which grew private as the workers touched their
    copies. Should a worker die, the next article extracted here loads them again.
    """
    from kg.extract import nlp, places

    nlp.load.cache_clear()
    places._index.cache_clear()
    gc.collect()
    try:
        import ctypes

        ctypes.CDLL(None).malloc_trim(0)  # glibc: hand the freed pages back to the system now
    except (OSError, AttributeError):
        pass


def _init_worker() -> None:
    """In a worker: die with the parent (Linux), leave Ctrl-C to the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        if os.getppid() == 1:  # the parent died before prctl took effect
            os._exit(1)
    except (OSError, AttributeError):
        pass


# written for the project: one sentence that reaches the name, title, place, time and event rules
_WARM_TEXT = (
    "Foreign Minister Anna Berg of Norway met Prime Minister Omar Hale in Paris on Monday, "
    "the ministry said.\n\nThe two leaders will hold talks in Geneva next week."
)


def _warm(extract_batch: Callable[[list[Article]], list]) -> None:
    """Load the model and the lazily built indexes once, before the workers are forked."""
    from kg.extract import countries, nlp, places

    nlp.load()
    nlp.model_name()
    countries._countries()
    countries._organisations()
    places._index()
    extract_batch([Article(id="warm-up", text=_WARM_TEXT, published=dt.date(2024, 1, 1))])
