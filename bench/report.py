"""Render bench/results/*.json as the Markdown tables the README shows.

python -m bench.report
"""

from __future__ import annotations

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def _load(name: str) -> dict | None:
    p = RESULTS / f"{name}.json"
    return json.loads(p.read_text(encoding="utf-8")) if p.exists() else None


def render() -> str:
    """The benchmark tables, with the machine they were measured on."""
    out = []
    ex = _load("extract")
    if ex:
        m = ex["machine"]
        out.append(
            f"Measured {m['date']} on {m['cpus']} cores, {m['memory_gb']} GB, Python {m['python']} "
            f"({m['platform']}).\n"
        )
        out.append(
            "| extraction | articles | spaCy alone, articles/s | kg, articles/s | kg / spaCy (time) "
            "| kg / spaCy (CPU) | kg / spaCy at batch 16 (time, CPU) | kg in one process / spaCy "
            "| load average |\n|---|---|---|---|---|---|---|---|---|"
        )
        for name, row in ex.items():
            if not isinstance(row, dict) or "ratio_kg_to_spacy" not in row:
                continue
            one = row.get("ratio_kg_one_process_to_spacy", "–")
            out.append(
                f"| {name} | {row['articles']} | {row['spacy_articles_per_s']} | {row['kg_articles_per_s']} "
                f"({row['processes']} processes) | **{row['ratio_kg_to_spacy']}** | {row['cpu_ratio_kg_to_spacy']} "
                f"| {row.get('ratio_kg_to_spacy_batch16', '–')}, {row.get('cpu_ratio_kg_to_spacy_batch16', '–')} "
                f"| {one} | {' → '.join(map(str, row['load_average']))} |"
            )
        out.append("")
    st = _load("store")
    if st:
        out.append(
            "| triples | load (Oxigraph / rdflib) | query | Oxigraph | rdflib | speed-up |\n|---|---|---|---|---|---|"
        )
        for size, row in st.items():
            if size == "machine":
                continue
            first = True
            for q in ("timeline_one_entity_one_year", "timeline_all", "ego_2_hops", "who_met_whom"):
                r = row[q]
                load = f"{row['oxigraph_load_s']} s / {row['rdflib_load_s']} s" if first else ""
                n = f"{row['triples']:,}" if first else ""
                rd = r["rdflib_ms"] if isinstance(r["rdflib_ms"], str) else f"{r['rdflib_ms']} ms"
                out.append(
                    f"| {n} | {load} | {q.replace('_', ' ')} | {r['oxigraph_ms']} ms | {rd} | {r['speedup']}× |"
                )
                first = False
        out.append("\nrdflib queries are stopped after 120 s (shown as > 120000 ms).\n")
    ing = _load("ingest")
    if ing:
        m = ing["machine"]
        out.append(
            f"Ingest measured {m['date']} on {m['cpus']} cores, {m['memory_gb']} GB ({m['platform']}).\n"
        )
        out.append("| ingest | value |\n|---|---|")
        out.append(f"| articles (≈{ing['words_per_article']} words) | {ing['articles']} |")
        out.append(f"| first ingest | {ing['ingest_s']} s ({ing['articles_per_s']} articles/s) |")
        out.append(f"| CPU of the process tree | {ing['cpu_s_per_article']} s per article |")
        if ing.get("events_table"):
            out.append(f"| events table at its end | {ing['events_table'][-1]} |")
        out.append(f"| second ingest, unchanged | {ing['second_ingest_unchanged_s']} s |")
        out.append(
            f"| against spaCy alone on the same articles | {ing['ratio_ingest_to_spacy_alone']} "
            f"({ing['spacy_alone_articles_per_s']} articles/s) |"
        )
        out.append(
            f"| peak memory, all {ing['processes']} processes | {ing['peak_rss_mb_sum_of_processes']} MB RSS, "
            f"{ing['peak_pss_mb_sum_of_processes']} MB PSS |"
        )
        if ing.get("articles_per_s_by_fifth"):
            fifths = " → ".join(map(str, ing["articles_per_s_by_fifth"]))
            out.append(f"| articles/s over each fifth of the articles, as the store grows | {fifths} |")
        if ing.get("writing_process_cpu_s"):
            w = ing["writing_process_cpu_s"]
            out.append(
                f"| CPU of the writing process | {w['python']} s in Python's threads, "
                f"{w['rocksdb']} s in RocksDB's (compaction) |"
            )
        out.append(f"| projected 100k articles | {ing['projected_100k_hours']} h |")
        if ing.get("projected_100k_hours_at_last_fifth"):
            out.append(
                f"| projected 100k, the rest at the last fifth's rate | {ing['projected_100k_hours_at_last_fifth']} h |"
            )
        out.append(f"| load average | {' → '.join(map(str, ing['load_average']))} |\n")
    da = _load("dashboard")
    if da:
        out.append(
            f"Dashboard on a store filled without `kg ingest`, so with no events table yet "
            f"(`python -m bench.run dashboard`, {da['machine']['date']}): the overview page's first render "
            f"with {da['events']:,} events took **{da['first_render_s']} s**, building the table as it went; "
            f"the query for the whole timeline alone {da['timeline_query_s']} s. The stores below have "
            f"their table, as after an ingest.\n"
        )
    vw = _load("views")
    if vw:
        out.extend(_views(vw))
    return "\n".join(out)


def _views(vw: dict) -> list[str]:
    """The dashboard on the events table (bench/views.py)."""
    out = ["| events | articles | triples | events table built | first render |\n|---|---|---|---|---|"]
    sizes = vw["render"]["sizes"]
    for row in sizes.values():
        out.append(
            f"| {row['events']:,} | {row['articles']:,} | {row['triples']:,} | {row.get('table_build_s', '—')} s "
            f"| **{row['first_render_s']} s** |"
        )
    big = sizes[max(sizes, key=int)]
    fc = big.get("filter_change", {})
    data = fc.get("data_only_ms", {})
    out.append(
        f"\nFirst render, largest / smallest store: **{vw['render']['ratio_largest_to_smallest']}×**. "
        f"A filter change at {big['events']:,} events: event type {fc.get('types_s')} s, date window "
        f"{fc.get('date_window_s')} s for the whole rerun (of which the events table answers in "
        f"{data.get('types')} ms and {data.get('date_window')} ms; the rest is drawing).\n"
    )
    tl = vw.get("timeline_one_entity_one_year")
    if tl:
        rd = tl["rdflib_ms"] if isinstance(tl["rdflib_ms"], str) else f"{tl['rdflib_ms']} ms"
        out.append(
            f"One entity over one year at {tl['triples']:,} triples ({tl['events_in_answer']} events): "
            f"events table **{tl['events_table_ms']} ms**, embedded Oxigraph {tl['oxigraph_ms']} ms, "
            f"rdflib {rd}.\n"
        )
    fm = vw.get("formats")
    if fm:
        out.append("| events table format | write | size | open | filter |\n|---|---|---|---|---|")
        for name, r in fm.items():
            if isinstance(r, dict):
                flt = f"{r['filter_ms']} ms ({r.get('filter_is', 'in pandas')})"
                out.append(f"| {name} | {r['write_s']} s | {r['size_mb']} MB | {r['open_s']} s | {flt} |")
        out.append("")
    return out


if __name__ == "__main__":
    print(render())
