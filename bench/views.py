"""Benchmarks of what the dashboard reads: the events table against the SPARQL path.

    python -m bench.views [--sizes 1000,10000,100000] [--triples 1000000] [--skip-formats] [--keep DIR]

(a) render:   first render of the overview page (the Timeline) on stores of 1k, 10k and 100k
              events, the events table built beforehand as after an ingest (its build time is
              reported apart); the ratio of the largest to the smallest.
(b) filter:   a filter change on the largest store (event type, then the date window), rerun.
(c) timeline: one entity over one year at ~1M triples: embedded Oxigraph (kg.queries.timeline),
              the events table (kg.tables.timeline) and rdflib's Dataset, in the same process.
(d) formats:  the events table of the largest store as Parquet (pyarrow) and as DuckDB: write
              time, size on disk, open time and one filter query (DuckDB only when installed).
Results go to bench/results/views.json with the machine they came from. `--keep DIR` builds the
stores of (a) in DIR and leaves them there (for `python -m bench.pages DIR/st-100000`); a later run
with `--keep DIR` reuses the stores it finds there (with their events tables, as after an ingest)
instead of loading them again, and says so (`"reused": true`; the load and table build times are
those of the run that built them, dated `built`, when bench/results/views.json still has them).
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from bench.generate import write as generate
from bench.run import RDFLIB_CAP_S, RdflibStore, _time, _time_capped, save

ROOT = Path(__file__).resolve().parent.parent
PER_EVENT = 42  # triples per event in the clones of the synthetic corpus (measured)


def _templates(n: int = 200) -> list:
    """Quads of `n` synthetic articles run through the real pipeline once (the only NLP here)."""
    from kg import extract, sources
    from kg import graph as rdf

    with tempfile.TemporaryDirectory() as tmp:
        corpus = generate(n, Path(tmp) / "a.jsonl", seed=2, words=250)
        articles = [a for a in sources.read([corpus]) if not isinstance(a, Exception)]
    return [rdf.to_quads(x) for x in extract.extract_many(articles) if not isinstance(x, Exception)]


def quad_chunks(parts: list, target: int, chunk: int = 250_000) -> Iterator[list]:
    """pyoxigraph quads cloned from the template articles under new ids until `target` triples.

    Entities are shared between the copies (as one corpus about the same people would be); each
    copy's article, events and annotations are its own, and its dates move by whole days, so the
    store spans several years. No NLP runs per copy: the graph is written directly.
    """
    import pyoxigraph as ox

    from kg.store import to_quad

    shared = list({to_quad(q) for p in parts for q in p.shared_quads})
    templates = [(p.article_iri, [to_quad(q) for q in p.quads]) for p in parts]
    out, total, copy = list(shared), len(shared), 0
    date = "http://www.w3.org/2001/XMLSchema#date"
    while total < target:
        shift = dt.timedelta(days=(copy * 37) % 1500)
        for old, quads in templates:
            if total >= target:
                break
            new = f"{old}-c{copy}"
            g = ox.NamedNode(new)
            names: dict = {}
            for q in quads:
                s2 = _renamed(q.subject, old, new, copy, names)
                o = q.object
                if isinstance(o, ox.NamedNode):
                    o = _renamed(o, old, new, copy, names)
                elif copy and isinstance(o, ox.Literal) and o.datatype.value == date:
                    day = dt.date.fromisoformat(o.value) + shift
                    o = ox.Literal(day.isoformat(), datatype=o.datatype)
                out.append(ox.Quad(s2, q.predicate, o, g))
            total += len(quads)
            if len(out) >= chunk:
                yield out
                out = []
        copy += 1
    if out:
        yield out


def _renamed(t, old: str, new: str, copy: int, names: dict):
    """The copy's own IRI for an article-owned node (the article, its events, their annotations)."""
    import pyoxigraph as ox

    if not isinstance(t, ox.NamedNode):
        return t
    if t in names:
        return names[t]
    s = t.value
    if s.startswith(old):
        r = ox.NamedNode(new + s[len(old) :])
    elif "/event/" in s or "/annotation/" in s:
        r = ox.NamedNode(f"{s}-c{copy}")
    else:
        r = t
    names[t] = r
    return r


def build_store(path: Path, parts: list, events: int) -> dict:
    """An on-disk store of about `events` events; the load time and the events table's build."""
    from kg import tables
    from kg.store import open_store

    t0 = time.perf_counter()
    with open_store(path) as st:
        for chunk in quad_chunks(parts, events * PER_EVENT):
            st.bulk_load(chunk)  # a synthetic graph filled from scratch; ingest is bench.run's
    load_s = time.perf_counter() - t0
    with open_store(path, read_only=True) as st:
        t0 = time.perf_counter()
        t = tables.refresh(st, tables.table_dir(path))
        table_s = time.perf_counter() - t0
        triples = int(st.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0][0])
    return {
        "events": len(t.frame),
        "articles": len(t.articles),
        "triples": triples,
        "load_s": round(load_s, 1),
        "table_build_s": round(table_s, 1),
    }


def reuse_store(path: Path) -> dict | None:
    """The figures of a store kept by an earlier `--keep` run (None when there is none at `path`)."""
    from kg import tables
    from kg.store import open_store

    if not (path.is_dir() and tables.table_dir(path).is_dir()):
        return None
    with open_store(path, read_only=True) as st:
        t = tables.refresh(st, tables.table_dir(path))  # loads the kept table when it is current
        triples = int(st.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0][0])
    row = {"events": len(t.frame), "articles": len(t.articles), "triples": triples, "reused": True}
    # the load and build times of the run that made this store, when its figures are still on file
    try:
        before = json.loads((ROOT / "bench" / "results" / "views.json").read_text(encoding="utf-8"))
        old = next(r for r in before["render"]["sizes"].values() if r["triples"] == triples)
    except (OSError, ValueError, KeyError, StopIteration):
        return row
    if "load_s" in old:
        row.update(load_s=old["load_s"], table_build_s=old["table_build_s"], built=before["machine"]["date"])
    return row


def first_render(path: Path) -> tuple[float, list[str], object]:
    """Seconds for the first run of the app (the Timeline page) on the store at `path`."""
    from streamlit.testing.v1 import AppTest

    os.environ["KG_STORE"] = str(path)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    t0 = time.perf_counter()
    at.run()
    return time.perf_counter() - t0, [e.value for e in at.exception], at


def filter_change(at) -> dict:
    """Seconds for a rerun after the event types are set, then after the date window narrows: the
    first change, and the best of three (each a selection not seen before, so nothing is cached;
    on shared cores one run can wait for another job)."""
    out: dict = {}
    lo, hi = at.slider(key="flt_window").value
    types, windows = [], []
    for kind, third in (("Meeting", 3), ("Summit", 4), ("Visit", 5)):
        at.slider(key="flt_window").set_value((lo, hi)).run()
        t0 = time.perf_counter()
        at.multiselect(key="flt_types").set_value([kind]).run()
        types.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        at.slider(key="flt_window").set_value((lo + (hi - lo) / third, hi - (hi - lo) / third)).run()
        windows.append(time.perf_counter() - t0)
    out["types_s"], out["date_window_s"] = round(types[0], 2), round(windows[0], 2)
    out["best_of_3"] = {"types_s": round(min(types), 2), "date_window_s": round(min(windows), 2)}
    out["exceptions"] = [e.value for e in at.exception]
    return out


def filter_data(path: Path) -> dict:
    """The data side of the same filter changes: the events table filtered, without drawing."""
    from kg import tables

    t = tables.load(tables.table_dir(path))
    lo, hi = tables.date_range(t)
    third = (hi - lo) / 3
    return {
        "types": round(_time(lambda: tables.timeline(t, types=["Meeting"], limit=2000), repeat=5) * 1000, 1),
        "date_window": round(
            _time(
                lambda: tables.timeline(t, types=["Meeting"], start=lo + third, end=hi - third, limit=2000),
                repeat=5,
            )
            * 1000,
            1,
        ),
    }


def bench_render(sizes: list[int], parts: list, tmp: Path) -> tuple[dict, Path]:
    # a first run on a small store of its own pays the imports (plotly, the app's modules), so
    # that every measured render starts in the same state: a new store, nothing cached
    if reuse_store(tmp / "warm-up") is None:
        build_store(tmp / "warm-up", parts, min(sizes))
    first_render(tmp / "warm-up")
    rows, last = {}, None
    for n in sizes:
        path = tmp / f"st-{n}"
        row = reuse_store(path) or build_store(path, parts, n)
        render_s, errors, at = first_render(path)
        row.update({"first_render_s": round(render_s, 2), "exceptions": errors})
        if n == max(sizes):
            row["filter_change"] = filter_change(at)
            row["filter_change"]["data_only_ms"] = filter_data(path)
        rows[str(n)] = row
        last = path
        print(row, flush=True)
        del at
        gc.collect()
    small, big = rows[str(min(sizes))], rows[str(max(sizes))]
    return {
        "sizes": rows,
        "ratio_largest_to_smallest": round(big["first_render_s"] / small["first_render_s"], 2),
    }, last


def bench_timeline(parts: list, triples: int, tmp: Path) -> dict:
    """One entity over one year at `triples` triples: Oxigraph, the events table, rdflib."""
    from rdflib import Dataset

    from kg import queries, tables
    from kg.store import open_store, to_rdflib

    path = tmp / "st-triples"
    quads = [q for chunk in quad_chunks(parts, triples) for q in chunk]
    with open_store(path) as st:
        st.bulk_load(quads)
    st = open_store(path, read_only=True)
    t = tables.refresh(st, tables.table_dir(path))
    # the busiest person, and the year with most of their events
    actors = t.frame.explode("actor_iris")
    person = (
        actors.loc[actors["actor_iris"].str.contains("/person/", na=False), "actor_iris"]
        .value_counts()
        .index[0]
    )
    years = actors.loc[actors["actor_iris"] == person, "date"].str.slice(0, 4).value_counts()
    year = int(years.index[0])
    args = {"entities": [person], "start": dt.date(year, 1, 1), "end": dt.date(year, 12, 31)}
    n = len(queries.timeline(st, **args))
    assert n == len(tables.timeline(t, **args)), "the table and SPARQL disagree"
    ox_s = _time(lambda: queries.timeline(st, **args), repeat=5)
    table_s = _time(lambda: tables.timeline(t, **args), repeat=5)
    ds = Dataset()
    for q in quads:
        ds.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object), to_rdflib(q.graph_name)))
    base = RdflibStore(ds)
    rd_s = _time_capped(lambda b=base: queries.timeline(b, **args), repeat=1)
    st.close()
    del ds, base, quads
    gc.collect()
    return {
        "triples": triples,
        "events_in_answer": n,
        "oxigraph_ms": round(ox_s * 1000, 1),
        "events_table_ms": round(table_s * 1000, 1),
        "rdflib_ms": round(rd_s * 1000, 1) if rd_s is not None else f"> {RDFLIB_CAP_S * 1000:.0f}",
    }


def bench_formats(path: Path) -> dict:
    """The events table of the store at `path` as Parquet, Arrow IPC and DuckDB: write, size, open
    (into pandas) and one filter query (the event type and a year, the latest 2,000 events)."""
    import pyarrow as pa
    import pyarrow.feather as feather
    import pyarrow.parquet as pq

    from kg import tables

    t = tables.load(tables.table_dir(path))
    frame = t.frame
    year = frame["date"].dropna().str.slice(0, 4).mode()[0]
    arrow = pa.Table.from_pandas(frame, preserve_index=False)
    out: dict = {"events": len(frame), "pyarrow": pa.__version__}

    def pandas_filter(df) -> float:
        loaded = tables.EventsTable(t.version, df, t.articles, t.canon, t.within, t.lookups, t.days)
        return _time(
            lambda: tables.timeline(
                loaded, types=["Meeting"], start=f"{year}-01-01", end=f"{year}-12-31", limit=2000
            ),
            repeat=5,
        )

    with tempfile.TemporaryDirectory() as tmp:
        files = {
            "parquet_zstd": (
                lambda f: pq.write_table(arrow, f, compression="zstd"),
                lambda f: pq.read_table(f).to_pandas(),
            ),
            "arrow_ipc_lz4 (chosen)": (
                lambda f: feather.write_feather(arrow, f, compression="lz4"),
                lambda f: feather.read_table(f).to_pandas(),
            ),
            "arrow_ipc_uncompressed": (
                lambda f: feather.write_feather(arrow, f, compression="uncompressed"),
                lambda f: feather.read_table(f, memory_map=True).to_pandas(),
            ),
        }
        for name, (write, read) in files.items():
            f = Path(tmp) / name
            w = _time(lambda write=write, f=f: write(f), repeat=3)
            o = _time(lambda read=read, f=f: read(f), repeat=3)
            out[name] = {
                "write_s": round(w, 3),
                "size_mb": round(f.stat().st_size / 2**20, 2),
                "open_s": round(o, 3),
                "filter_ms": round(pandas_filter(read(f)) * 1000, 1),
            }
        try:
            import duckdb
        except ImportError:
            out["duckdb"] = "not installed (pip install duckdb to compare)"
            return out
        db = Path(tmp) / "events.duckdb"

        def write_duck() -> None:
            db.unlink(missing_ok=True)
            con = duckdb.connect(str(db))
            con.register("f", arrow)
            con.execute("CREATE TABLE events AS SELECT * FROM f")
            con.close()

        sql = (
            "SELECT * FROM (SELECT * FROM events WHERE type = 'Meeting' AND _hi >= ? AND _lo <= ? "
            "ORDER BY _day DESC, event DESC LIMIT 2000) ORDER BY _day, event"
        )

        def open_duck():
            con = duckdb.connect(str(db), read_only=True)
            con.execute("SELECT COUNT(*) FROM events").fetchone()
            return con

        w = _time(write_duck, repeat=3)
        o = _time(lambda: open_duck().close(), repeat=3)
        con = open_duck()
        qs = _time(lambda: con.execute(sql, [f"{year}-01-01", f"{year}-12-31"]).df(), repeat=5)
        con.close()
        out["duckdb"] = {
            "duckdb": duckdb.__version__,
            "write_s": round(w, 3),
            "size_mb": round(db.stat().st_size / 2**20, 2),
            "open_s": round(o, 3),
            "filter_ms": round(qs * 1000, 1),
            "filter_is": "SQL on the file",
        }
    return out


def main(argv: list[str]) -> None:
    sizes = (
        [int(s) for s in argv[argv.index("--sizes") + 1].split(",")]
        if "--sizes" in argv
        else [1000, 10_000, 100_000]
    )
    triples = int(argv[argv.index("--triples") + 1]) if "--triples" in argv else 1_000_000
    t0 = time.perf_counter()
    parts = _templates()
    out: dict = {}
    keep = Path(argv[argv.index("--keep") + 1]) if "--keep" in argv else None
    with tempfile.TemporaryDirectory() as tmp:
        render, largest = bench_render(sizes, parts, keep or Path(tmp))
        out["render"] = render
        if "--skip-formats" not in argv:
            out["formats"] = bench_formats(largest)
        out["timeline_one_entity_one_year"] = bench_timeline(parts, triples, Path(tmp))
    out["bench_s"] = round(time.perf_counter() - t0)
    save("views", out)


if __name__ == "__main__":
    main(sys.argv[1:])
