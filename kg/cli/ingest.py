"""`kg ingest` and `kg extract`: articles into the store, or extraction alone as JSON."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.common import Inputs, StoreOpt, StoreUrlOpt, _date, _fail, _open
from kg.errors import KGError

JobsOpt = Annotated[
    str,
    typer.Option(
        "--jobs",
        "-j",
        help="Processes for extraction: a number, or auto (every core once the input holds 64 articles or more).",
    ),
]


def ingest(
    inputs: Inputs,
    store: StoreOpt = None,
    store_url: StoreUrlOpt = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for articles that carry none.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Re-extract articles already stored unchanged.")
    ] = False,
    jobs: JobsOpt = "auto",
    cluster: Annotated[
        str | None,
        typer.Option(help="Extract on a Dask cluster: a scheduler address, or local:N for N local workers."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, only the summary.")] = False,
    tables: Annotated[
        bool,
        typer.Option(
            "--tables/--no-tables",
            help="Bring the events table beside the store up to date at the end (an embedded store only).",
        ),
    ] = True,
) -> None:
    """Extract articles and write each into the store as its own named graph.

    Articles already stored with the same content are skipped (by content hash), so an
    interrupted run is resumed by starting it again. At the end the events table the dashboard
    reads (`<store>.tables`) is updated from the articles that changed, unless --no-tables.
    """
    from kg.pipeline import ingest as run
    from kg.store import default_store_path
    from kg.tables import table_dir

    day = _date(published)
    n_jobs = _jobs(jobs)
    total = None if quiet or not sys.stderr.isatty() else count_records(inputs)
    folder = table_dir(store or default_store_path()) if tables and not store_url else None
    try:
        with _open(store, store_url) as st:
            summary = _with_progress(
                lambda cb: run(
                    inputs,
                    st,
                    published=day,
                    force=force,
                    jobs=n_jobs,
                    cluster=cluster,
                    on_article=cb,
                    tables=folder,
                ),
                quiet,
                total,
            )
    except KGError as exc:
        raise _fail(str(exc)) from None
    for where, why in summary.warnings:
        typer.echo(f"warning: {where}: {why}", err=True)
    for where, why in summary.failed:
        typer.echo(f"failed: {where}: {why}" if not why.startswith(where) else f"failed: {why}", err=True)
    table = (
        ""
        if summary.table_events is None
        else f"; events table up to date, {summary.table_events} events ({summary.table_s:.1f} s)"
    )
    typer.echo(
        f"{summary.read} read, {summary.new} new, {summary.replaced} replaced, {summary.unchanged} unchanged, "
        f"{len(summary.failed)} failed; {summary.events} events, {summary.entities} entities; "
        f"{summary.elapsed:.1f} s{table}"
    )
    if not summary.ok:
        raise typer.Exit(1)
    if summary.read == 0:
        raise _fail("no articles found in " + ", ".join(inputs))


def _with_progress(fn, quiet: bool, total: int | None = None):
    """Run `fn(on_article)` with a progress bar (rate and ETA) on a terminal; quiet otherwise."""
    if quiet or not sys.stderr.isatty():
        return fn(None)
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    with Progress(
        TextColumn("ingesting"), BarColumn(), TextColumn("{task.completed}/{task.total} articles"),
        TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
        console=Console(stderr=True), transient=True,
    ) as bar:  # fmt: skip
        task = bar.add_task("ingest", total=total, rate="")

        def tick(_id: str, _outcome: str) -> None:
            bar.advance(task)
            t = bar.tasks[0]
            if t.elapsed:
                bar.update(task, rate=f"{t.completed / t.elapsed:.1f}/s")

        return fn(tick)


def extract(
    inputs: Inputs,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for articles that carry none.")
    ] = None,
    out_dir: Annotated[
        Path | None, typer.Option("--out-dir", help="Write one <id>.json per article here instead of stdout.")
    ] = None,
    jobs: JobsOpt = "auto",
) -> None:
    """Extract without a store and print the evaluation JSON (docs/extract-json.md)."""
    from kg.extract import to_json
    from kg.pipeline import IngestSummary, extractions

    summary = IngestSummary()
    day = _date(published)
    n_jobs = _jobs(jobs)
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    docs = []
    try:
        for x in extractions(inputs, published=day, summary=summary, jobs=n_jobs):
            data = to_json(x)
            if out_dir is not None:
                (out_dir / f"{_safe_name(x.article.id)}.json").write_text(
                    json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8"
                )
            else:
                docs.append(data)
    except KGError as exc:
        raise _fail(str(exc)) from None
    for where, why in summary.warnings:
        typer.echo(f"warning: {where}: {why}", err=True)
    for where, why in summary.failed:
        typer.echo(f"failed: {where}: {why}", err=True)
    if out_dir is None:
        payload = docs[0] if len(docs) == 1 else docs
        if docs:
            typer.echo(json.dumps(payload, ensure_ascii=False, indent=1))
    else:
        typer.echo(f"{summary.read} articles extracted into {out_dir}", err=True)
    if summary.failed or summary.read == 0:
        if summary.read == 0 and not summary.failed:
            typer.echo("kg: no articles found in " + ", ".join(inputs), err=True)
        raise typer.Exit(1)


def _jobs(value: str) -> int | str:
    from kg.extract.parallel import parse_jobs

    try:
        return parse_jobs(value)
    except KGError as exc:
        raise _fail(str(exc)) from None


def _safe_name(article_id: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in article_id)[:200] or "article"


def count_records(inputs: Iterable[str | Path]) -> int | None:
    """A quick count of the articles in the inputs (for a progress bar's ETA); None for URLs."""
    from kg.sources import SUFFIXES

    total = 0
    for item in inputs:
        if isinstance(item, str) and item.startswith(("http://", "https://")):
            return None
        path = Path(item)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            suffix = f.suffix.lower()
            try:
                if suffix in {".jsonl", ".ndjson"}:
                    with f.open("rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                elif suffix == ".csv":
                    with f.open("rb") as fh:
                        total += max(0, sum(1 for _ in fh) - 1)
                elif suffix in SUFFIXES:
                    total += 1
            except OSError:
                continue
    return total
