"""Extraction against spaCy alone, and ingest at scale with its peak memory.

    python -m bench.speed extract [--timeml DIR] [--articles 1000]
    python -m bench.speed ingest [--articles 10000] [--words 500]

extract: kg's whole extraction (`extract_many`, `--jobs auto`: every core once the input is large
    enough) against spaCy's full default pipeline alone (the model as spaCy loads it, one process,
    `nlp.pipe`), on the same texts in the same process, and kg in one process beside them. Two
    corpora: the 256 TimeBank/AQUAINT texts (read from their folder, never copied) and N synthetic
    articles (bench/generate.py). Each timing is the best of `rounds`, taken alternately, so that a
    burst of load from elsewhere on the machine hits both sides. Ratio = spaCy time / kg time
    (above 1: kg is faster). spaCy is also timed at kg's batch size (16 documents): its default
    batch of 256 documents costs it much more CPU on these texts, so both ratios are given. The CPU seconds of each side are recorded too (kg's: this process and
    its workers): their ratio is what the machine pays per article, whatever else runs on it.
ingest: `kg ingest` (defaults: `--jobs auto`) of N synthetic articles of about `words` words in a
    child process (which ends by bringing the events table up to date, kg.tables); articles/s, CPU
    seconds of the process tree and the projection to 100,000 articles, peak memory of the process
    tree (the sum of the resident sets of the ingest and its workers, sampled every 0.5 s, and the
    proportional set size, which counts memory shared by the forked workers once; also the peaks of
    the writing process and of the largest worker), and the same
    articles through spaCy alone in this process for the ratio.
The load average of the machine is recorded beside every figure: other work on the machine slows
both sides of a ratio but not always equally.
"""

from __future__ import annotations

import importlib
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.generate import write as generate
from bench.run import save
from bench.timeml import DEFAULT as TIMEML_DIR
from bench.timeml import read_tml


def spacy_alone():
    """spaCy's default pipeline of the model kg uses, exactly as spaCy loads it (no kg components)."""
    from kg.extract import nlp

    for name in nlp.MODEL_PACKAGES:
        try:
            return importlib.import_module(name).load()
        except ImportError:
            continue
    raise SystemExit("no English spaCy model installed")


def timeml_articles(folder: Path) -> list:
    from kg.model import Article

    files = sorted(folder.rglob("*.tml"))
    if not files:
        raise SystemExit(f"no TimeML files (*.tml) under {folder}")
    out = []
    for f in files:
        gold = read_tml(f)
        out.append(Article(id=f.stem, text=gold["text"], published=gold["dct"], origin=str(f.name)))
    return out


def synthetic_articles(n: int, seed: int = 1, words: int = 500) -> list:
    from kg import sources

    with tempfile.TemporaryDirectory() as tmp:
        corpus = generate(n, Path(tmp) / "a.jsonl", seed=seed, words=words)
        return [a for a in sources.read([corpus]) if not isinstance(a, Exception)]


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (kg's workers)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def compare(articles: list, *, rounds: int = 2, single: bool = True) -> dict:
    """kg (`--jobs auto`, and one process) against spaCy alone on the same articles."""
    from kg import extract
    from kg.extract import parallel

    model = spacy_alone()
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    list(model.pipe(texts[:20]))  # warm-up: model caches, gazetteers, lazily built indexes
    list(extract.extract_many(articles[:20]))
    best = {
        "spacy": float("inf"),
        "spacy_batch16": float("inf"),
        "kg": float("inf"),
        "kg_one_process": float("inf"),
    }
    cpu = dict.fromkeys(best, float("inf"))
    load = [_load()]
    events = None

    def timed(key: str, fn) -> object:
        c0, t0 = _cpu(), time.perf_counter()
        result = fn()
        best[key] = min(best[key], time.perf_counter() - t0)
        cpu[key] = min(cpu[key], _cpu() - c0)
        return result

    for _ in range(rounds):
        # spaCy's own defaults (the batch size of the model's config)
        timed("spacy", lambda: sum(1 for _doc in model.pipe(texts)))
        # and at kg's batch size: spaCy's default batch (256 documents) costs it far more CPU
        timed("spacy_batch16", lambda: sum(1 for _doc in model.pipe(texts, batch_size=16)))
        out = timed("kg", lambda: list(extract.extract_many(articles, n_process="auto")))
        events = sum(len(x.events) for x in out if not isinstance(x, Exception))
        if single:
            timed("kg_one_process", lambda: list(extract.extract_many(articles, n_process=1)))
        load.append(_load())
    n = len(articles)
    row = {
        "articles": n,
        "words": words,
        "processes": parallel.plan(articles, "auto")[0],
        "spacy_s": round(best["spacy"], 2),
        "kg_s": round(best["kg"], 2),
        "spacy_articles_per_s": round(n / best["spacy"], 1),
        "kg_articles_per_s": round(n / best["kg"], 1),
        "spacy_words_per_s": round(words / best["spacy"]),
        "kg_words_per_s": round(words / best["kg"]),
        "ratio_kg_to_spacy": round(best["spacy"] / best["kg"], 3),
        "spacy_batch16_s": round(best["spacy_batch16"], 2),
        "ratio_kg_to_spacy_batch16": round(best["spacy_batch16"] / best["kg"], 3),
        "spacy_batch16_cpu_s": round(cpu["spacy_batch16"], 2),
        "cpu_ratio_kg_to_spacy_batch16": round(cpu["spacy_batch16"] / cpu["kg"], 3),
        "spacy_cpu_s": round(cpu["spacy"], 2),
        "kg_cpu_s": round(cpu["kg"], 2),
        "cpu_ratio_kg_to_spacy": round(cpu["spacy"] / cpu["kg"], 3),
        "events": events,
        "rounds": rounds,
        "load_average": load,
    }
    if single:
        row["kg_one_process_s"] = round(best["kg_one_process"], 2)
        row["ratio_kg_one_process_to_spacy"] = round(best["spacy"] / best["kg_one_process"], 3)
        row["ratio_kg_one_process_to_spacy_batch16"] = round(
            best["spacy_batch16"] / best["kg_one_process"], 3
        )
    return row


def bench_extract(timeml: Path = TIMEML_DIR, n: int = 1000) -> dict:
    """The extraction ratio on the TimeML texts and on `n` synthetic articles."""
    out = {}
    folder = Path(timeml)
    if folder.is_dir() and any(folder.rglob("*.tml")):
        out["timeml"] = compare(timeml_articles(folder), rounds=2)
        print("timeml", out["timeml"], flush=True)
    else:
        out["timeml"] = f"skipped: no TimeML folder at {folder}"
    out["synthetic"] = compare(synthetic_articles(n), rounds=1, single=False)
    print("synthetic", out["synthetic"], flush=True)
    return out


# -- ingest -----------------------------------------------------------------------------------


def _stat(path: str) -> tuple[str, list[str]]:
    """The name and the fields after it of a /proc stat file (`pid/stat` or `pid/task/tid/stat`)."""
    with open(path, encoding="utf-8") as f:
        stat = f.read()
    return stat[stat.index("(") + 1 : stat.rindex(")")], stat[stat.rindex(")") + 2 :].split()


def _tree(pid: int) -> list[int]:
    """`pid` and its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            ppid = int(_stat(f"/proc/{d}/stat")[1][1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(d))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def _memory(pids: list[int]) -> dict[int, tuple[int, int]]:
    """RSS and PSS of each process, in kB (one read of its smaps_rollup)."""
    out = {}
    for p in pids:
        try:
            with open(f"/proc/{p}/smaps_rollup", encoding="utf-8") as f:
                fields = {ln.split(":")[0]: int(ln.split()[1]) for ln in f if ln.split()[-1:] == ["kB"]}
        except (OSError, ValueError, IndexError):
            continue
        out[p] = (fields.get("Rss", 0), fields.get("Pss", 0))
    return out


class Sampler(threading.Thread):
    """Peak memory of a process tree, sampled until the process ends: the sums over the tree, and
    the peaks of the calling process (which writes) and of its largest worker (which extracts).

    Each process's smaps_rollup is read once a sample: the kernel walks the whole address space
    for it, so reading it often for a process of a gigabyte takes a good part of a core away from
    the ingest being measured. Beside it, the CPU of each thread of the writing process (RocksDB
    compacts in threads of its own, which a Python profiler does not see), and every `count_every`
    seconds the articles the store holds (a read-only snapshot, opened in about 10 ms), so that
    the rate can be followed as the store grows."""

    def __init__(self, proc: subprocess.Popen, store: Path | None = None, every: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.proc, self.store, self.every = proc, store, every
        self.rss = self.pss = self.top = 0
        self.main_rss = self.worker_rss = 0
        self.processes = 0
        self.threads: dict[int, tuple[str, float]] = {}  # thread id -> (name, CPU seconds)
        self.progress: list[tuple[float, int]] = []  # (seconds since start, articles stored)
        self.count_every = 10.0

    def run(self) -> None:
        t0 = last = time.perf_counter()
        while self.proc.poll() is None:
            pids = _tree(self.proc.pid)
            mem = _memory(pids)
            rss = sum(r for r, _p in mem.values())
            pss = sum(p for _r, p in mem.values())
            top = max((r for r, _p in mem.values()), default=0)
            self.rss, self.pss, self.top = max(self.rss, rss), max(self.pss, pss), max(self.top, top)
            self.main_rss = max(self.main_rss, mem.get(pids[0], (0, 0))[0])
            for p in pids[1:]:
                self.worker_rss = max(self.worker_rss, mem.get(p, (0, 0))[0])
            self.processes = max(self.processes, len(pids))
            self.threads.update(_threads(self.proc.pid))
            if self.store is not None and time.perf_counter() - last >= self.count_every:
                last = time.perf_counter()
                n = _articles_stored(self.store)
                if n is not None:
                    self.progress.append((round(last - t0, 1), n))
            time.sleep(self.every)

    def thread_cpu(self) -> dict[str, float]:
        """CPU seconds of the writing process's threads: RocksDB's own, and the rest (Python's)."""
        out = {"rocksdb": 0.0, "python": 0.0}
        for name, cpu in self.threads.values():
            out["rocksdb" if name.startswith("rocksdb") else "python"] += cpu
        return {k: round(v, 1) for k, v in out.items()}


def _threads(pid: int) -> dict[int, tuple[str, float]]:
    """Each thread of `pid`: its name and CPU seconds so far (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    out = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tids:
        try:
            name, fields = _stat(f"/proc/{pid}/task/{tid}/stat")
            out[int(tid)] = (name, (int(fields[11]) + int(fields[12])) / tick)
        except (OSError, ValueError, IndexError):
            continue
    return out


def _articles_stored(store: Path) -> int | None:
    """The articles in a store being written (None while it cannot be opened read-only)."""
    from kg.errors import KGError
    from kg.store import open_store

    try:
        with open_store(store, read_only=True) as snapshot:
            return snapshot.count_articles()
    except KGError:
        return None


def by_fifth(progress: list[tuple[float, int]], n: int) -> list[float]:
    """Articles per second over each fifth of the articles, from the (seconds, articles) samples:
    the rate as the store grows."""
    rates, start = [], (0.0, 0)
    for k in range(1, 6):
        goal = n * k / 5
        end = next(((t, a) for t, a in progress if a >= goal), None)
        if end is None or end[1] <= start[1]:
            break
        rates.append(round((end[1] - start[1]) / (end[0] - start[0]), 2))
        start = end
    return rates


def _children_cpu() -> float:
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return kids.ru_utime + kids.ru_stime


def bench_ingest(n: int = 10_000, words: int = 500, baseline: int = 200) -> dict:
    """`kg ingest` of n synthetic articles: articles/s, the 100k projection, peak memory."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = generate(n, Path(tmp) / "corpus.jsonl", seed=3, words=words)
        store = Path(tmp) / "st"
        cmd = [sys.executable, "-m", "kg.cli", "ingest", str(corpus), "--store", str(store), "--quiet"]
        load = [_load()]
        cpu0 = _children_cpu()
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        sampler = Sampler(proc, store)
        sampler.start()
        out, err = proc.communicate()
        elapsed = time.perf_counter() - t0
        cpu = _children_cpu() - cpu0  # the ingest and its workers (waited for by it)
        sampler.join()
        load.append(_load())
        if proc.returncode != 0:
            raise SystemExit(f"kg ingest failed: {err.decode()[-2000:]}")
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)  # again: every article unchanged
        second = time.perf_counter() - t0
        from kg import sources

        sample = [a for a in sources.read([corpus]) if not isinstance(a, Exception)][:baseline]
        store_mb = sum(f.stat().st_size for f in store.rglob("*") if f.is_file()) / 2**20
    model = spacy_alone()
    texts = [a.text for a in sample]
    list(model.pipe(texts[:10]))
    t0 = time.perf_counter()
    for _doc in model.pipe(texts):
        pass
    spacy_rate = len(texts) / (time.perf_counter() - t0)
    rate = n / elapsed
    fifths = by_fifth(sampler.progress, n)
    last = out.decode().strip().splitlines()[-1:]
    table = [ln.split("; events table ", 1)[1] for ln in last if "; events table " in ln]
    return {
        "articles": n,
        "words_per_article": words,
        "ingest_s": round(elapsed, 1),
        "articles_per_s": round(rate, 2),
        "projected_100k_hours": round(100_000 / rate / 3600, 2),
        # the articles after these at the rate of the last fifth, whatever it grows to later
        "projected_100k_hours_at_last_fifth": (
            round((elapsed + (100_000 - n) / fifths[-1]) / 3600, 2) if len(fifths) == 5 else None
        ),
        "articles_per_s_by_fifth": fifths,
        "progress": sampler.progress,
        "writing_process_cpu_s": sampler.thread_cpu(),
        "cpu_s": round(cpu, 1),
        "cpu_s_per_article": round(cpu / n, 4),
        "events_table": table[-1:],
        "second_ingest_unchanged_s": round(second, 1),
        "spacy_alone_articles_per_s": round(spacy_rate, 2),
        "ratio_ingest_to_spacy_alone": round(rate / spacy_rate, 3),
        "peak_rss_mb_sum_of_processes": round(sampler.rss / 1024),
        "peak_pss_mb_sum_of_processes": round(sampler.pss / 1024),
        "peak_rss_mb_largest_process": round(sampler.top / 1024),
        "peak_rss_mb_writing_process": round(sampler.main_rss / 1024),
        "peak_rss_mb_largest_worker": round(sampler.worker_rss / 1024),
        "processes": sampler.processes,
        "store_mb": round(store_mb),
        "summary": out.decode().strip().splitlines()[-1:],
        "load_average": load,
    }


def main(argv: list[str]) -> None:
    what = argv[0] if argv and not argv[0].startswith("--") else "extract"

    def opt(name: str, default):
        return type(default)(argv[argv.index(name) + 1]) if name in argv else default

    if what == "extract":
        save("extract", bench_extract(Path(opt("--timeml", str(TIMEML_DIR))), opt("--articles", 1000)))
    elif what == "ingest":
        save("ingest", bench_ingest(opt("--articles", 10_000), opt("--words", 500)))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
