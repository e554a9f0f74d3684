"""Benchmarks, as ratios against a baseline run in the same process on the same data.

    python -m bench.run [extract|store|ingest|dashboard|views|all] [--articles N] [--sizes 10000,100000,1000000]
                        [--events 10000] [--ingest 10000]

(a) extract: kg's extraction against spaCy's pipeline alone, same texts, same process: the 256
             TimeBank/AQUAINT texts and N synthetic articles (default 1,000; bench/speed.py).
(b) store:   loading and the saved queries on generated graphs of the given sizes (triples),
             Oxigraph (the project's store) against rdflib's in-memory Dataset.
(c) ingest:  `kg ingest` of --ingest N synthetic articles of ~500 words (default 10,000) in a
             child process: articles/s, the projection to 100k, peak memory of the process tree,
             a second ingest of the unchanged corpus, and spaCy alone on the same articles.
(d) dashboard: first render of the overview page on a store of N events, against the
             timeline query alone.
(e) views:   the dashboard on the events table at 1k/10k/100k events, a filter change, and one
             entity over one year at 1M triples (bench/views.py; `python -m bench.views --help`).
Results go to bench/results/<name>.json with the machine they came from.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from bench.generate import write as generate

RESULTS = Path(__file__).resolve().parent / "results"


def machine() -> dict:
    """What the figures were measured on."""
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "date": dt.date.today().isoformat(),
    }


def save(name: str, data: dict) -> Path:
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps({"machine": machine(), **data}, indent=1), encoding="utf-8")
    print(json.dumps(data, indent=1))
    return path


# -- (a) extraction: bench/speed.py (kg against spaCy alone on TimeML and synthetic texts) ------


# -- (b) store ----------------------------------------------------------------------------------


class RdflibStore:
    """The baseline: rdflib's in-memory Dataset behind the project's query interface."""

    def __init__(self, ds) -> None:
        self.ds = ds

    def query(self, sparql: str, *, bindings=None, timeout=None, limit=None):
        from kg.graph.namespaces import sparql_prologue
        from kg.store import QueryResult, bind_values, to_ox

        text = sparql_prologue() + bind_values(sparql, bindings or {})
        res = self.ds.query(text)
        if res.type == "ASK":
            return QueryResult(boolean=bool(res.askAnswer))
        cols = [str(v) for v in res.vars]
        rows = [[to_ox(t) if t is not None else None for t in row] for row in res]
        if limit is not None:
            rows = rows[:limit]
        return QueryResult(cols, rows)


def _quads_for(target: int) -> list:
    """Quads of synthetic extractions, cloned under new article ids until `target` triples."""
    from rdflib import URIRef

    from kg import extract, sources
    from kg import graph as rdf

    with tempfile.TemporaryDirectory() as tmp:
        corpus = generate(200, Path(tmp) / "a.jsonl", seed=2, words=250)
        articles = [a for a in sources.read([corpus]) if not isinstance(a, Exception)]
    parts = [rdf.to_quads(x) for x in extract.extract_many(articles) if not isinstance(x, Exception)]
    shared = list({q for p in parts for q in p.shared_quads})
    quads = list(shared)
    copy = 0
    while len(quads) < target:
        for p in parts:
            if len(quads) >= target:
                break
            old = p.article_iri
            new = f"{old}-c{copy}"

            def sub(t, old=old, new=new):
                # articles, their events and annotations are per copy; entities are shared
                return (
                    URIRef(str(t).replace(old, new))
                    if isinstance(t, URIRef) and str(t).startswith(old)
                    else t
                )

            prefix = f"c{copy}-"
            for s, pr, o, _g in p.quads:
                s2 = sub(s)
                if s2 is s and isinstance(s, URIRef) and "/event/" in str(s):
                    s2 = URIRef(str(s) + prefix)
                o2 = sub(o)
                if o2 is o and isinstance(o, URIRef) and "/event/" in str(o):
                    o2 = URIRef(str(o) + prefix)
                quads.append((s2, pr, o2, URIRef(new)))
        copy += 1
    return quads


RDFLIB_CAP_S = 120.0  # one rdflib query is stopped after this long and reported as "> cap"


def _time_capped(fn, repeat: int, cap: float = RDFLIB_CAP_S) -> float | None:
    """Best time of `fn()` run in a forked child, or None when it takes longer than `cap` seconds."""
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)

    def run() -> None:
        child.send(_time(fn, repeat))

    proc = ctx.Process(target=run)
    proc.start()
    if parent.poll(cap * repeat):
        value = parent.recv()
        proc.join()
        return value
    proc.kill()
    proc.join()
    return None


def _time(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def bench_store(sizes: list[int]) -> dict:
    """Load and query times, Oxigraph against rdflib, at each size."""
    from rdflib import Dataset

    from kg import queries
    from kg.store import open_store

    out = {}
    for size in sizes:
        quads = _quads_for(size)
        with tempfile.TemporaryDirectory() as tmp:
            st = open_store(Path(tmp) / "st")
            t0 = time.perf_counter()
            st.add_quads(quads)
            ox_load = time.perf_counter() - t0
            ds = Dataset()
            t0 = time.perf_counter()
            for q in quads:
                ds.add(q)
            rdf_load = time.perf_counter() - t0
            base = RdflibStore(ds)
            tl = queries.timeline(st)
            person = next(
                (i for ids in tl["participant_iris"] for i in str(ids).split() if "/person/" in i), None
            )
            year = str(tl["date"].dropna().astype(str).iloc[0])[:4] if len(tl) else "2022"
            start, end = dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)
            cases = {
                "timeline_all": lambda s: queries.timeline(s),
                "timeline_one_entity_one_year": lambda s, p=person, a=start, b=end: queries.timeline(
                    s, entities=[p], start=a, end=b
                ),
                "ego_2_hops": lambda s, p=person: queries.ego_network(s, p, hops=2, cap=200),
                "who_met_whom": lambda s: queries.who_met_whom(s),
            }
            row = {
                "triples": len(quads),
                "oxigraph_load_s": round(ox_load, 3),
                "rdflib_load_s": round(rdf_load, 3),
            }
            for name, fn in cases.items():
                ox_t = _time(lambda fn=fn, st=st: fn(st))
                rd_t = _time_capped(lambda fn=fn, base=base: fn(base), repeat=1 if size >= 50_000 else 3)
                row[name] = {
                    "oxigraph_ms": round(ox_t * 1000, 1),
                    "rdflib_ms": round(rd_t * 1000, 1)
                    if rd_t is not None
                    else f"> {RDFLIB_CAP_S * 1000:.0f}",
                    "speedup": (round(rd_t / ox_t, 1) if rd_t is not None else f"> {RDFLIB_CAP_S / ox_t:.0f}")
                    if ox_t
                    else None,
                }
            st.close()
            del ds, base
            gc.collect()
        out[str(size)] = row
        print(json.dumps(row), flush=True)
    return out


# -- (c) ingest at scale: bench/speed.py (articles/s, the 100k projection, peak memory) --------


# -- (d) dashboard ----------------------------------------------------------------------------


def bench_dashboard(events: int = 10_000) -> dict:
    """First render of the overview page (timeline + graph) on a store of `events` events.

    Baseline: the timeline query alone on the same store, in the same process.
    """
    from streamlit.testing.v1 import AppTest

    from kg import queries
    from kg.store import open_store

    root = Path(__file__).resolve().parent.parent
    per_event = 55  # triples per event in the synthetic corpus, measured by _quads_for's source
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "st"
        with open_store(path) as st:
            quads = _quads_for(events * per_event)
            st.add_quads(quads)
            n_events = int(
                st.query("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH ?g { ?e a sem:Event } }").rows[0][0]
            )
        with open_store(path, read_only=True) as st:
            t0 = time.perf_counter()
            queries.timeline(st)
            query_s = time.perf_counter() - t0
        os.environ["KG_STORE"] = str(path)
        at = AppTest.from_file(str(root / "app.py"), default_timeout=600)
        t0 = time.perf_counter()
        at.run()
        render_s = time.perf_counter() - t0
        errors = [e.value for e in at.exception]
    return {
        "events": n_events,
        "first_render_s": round(render_s, 2),
        "timeline_query_s": round(query_s, 2),
        "ratio_render_to_query": round(render_s / query_s, 2) if query_s else None,
        "exceptions": errors,
    }


def main(argv: list[str]) -> None:
    what = argv[0] if argv and not argv[0].startswith("--") else "all"
    n = int(argv[argv.index("--articles") + 1]) if "--articles" in argv else 1000
    sizes = (
        [int(s) for s in argv[argv.index("--sizes") + 1].split(",")]
        if "--sizes" in argv
        else [10_000, 100_000, 1_000_000]
    )
    if what in {"extract", "all"}:
        from bench import speed

        save(
            "extract",
            speed.bench_extract(n=n),
        )
    if what in {"store", "all"}:
        save("store", bench_store(sizes))
    if what in {"ingest", "all"}:
        from bench import speed

        save(
            "ingest",
            speed.bench_ingest(int(argv[argv.index("--ingest") + 1]) if "--ingest" in argv else 10_000),
        )
    if what in {"views", "all"}:
        from bench.views import main as views

        views(argv[1:] if what == "views" else [])
    if what in {"dashboard", "all"}:
        save(
            "dashboard",
            bench_dashboard(int(argv[argv.index("--events") + 1]) if "--events" in argv else 10_000),
        )


if __name__ == "__main__":
    main(sys.argv[1:])
