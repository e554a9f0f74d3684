"""The `kg` command: a thin layer over the library. Errors become one line and an exit status here."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from . import __version__
from .errors import KGError

app = typer.Typer(
    help="kg: build a knowledge-graph timeline of diplomatic events from news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

StoreOpt = Annotated[
    Path | None,
    typer.Option(
        "--store", "-s", help="Store directory (default: $KG_STORE, else ./kg-store).", show_default=False
    ),
]
StoreUrlOpt = Annotated[
    str | None,
    typer.Option(
        "--store-url", help="A SPARQL 1.1 server's endpoint URL instead of a local store directory."
    ),
]
Inputs = Annotated[
    list[str], typer.Argument(help="Files, folders (recursively) or http(s) URLs.", show_default=False)
]


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"kg: {message}", err=True)
    return typer.Exit(code)


def _date(value: str | None, name: str = "--published") -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _fail(f"{name} {value!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-10-21", 2) from None


def _open(store: Path | None, store_url: str | None, *, read_only: bool = False):
    from .store import default_store_path, open_store

    if store_url:
        return open_store(url=store_url)
    path = store or default_store_path()
    if read_only and not Path(path).exists():
        raise _fail(f"no store at {path}: run `kg ingest data --store {path}` first")
    return open_store(path, read_only=read_only)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """kg: build a knowledge-graph timeline of diplomatic events from news articles."""


@app.command()
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
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, help="Processes for parsing (spaCy n_process).")
    ] = 1,
    cluster: Annotated[
        str | None,
        typer.Option(help="Extract on a Dask cluster: a scheduler address, or local:N for N local workers."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, only the summary.")] = False,
) -> None:
    """Extract articles and write each into the store as its own named graph.

    Articles already stored with the same content are skipped (by content hash), so an
    interrupted run is resumed by starting it again.
    """
    from .pipeline import count_records
    from .pipeline import ingest as run

    day = _date(published)
    total = None if quiet or not sys.stderr.isatty() else count_records(inputs)
    try:
        with _open(store, store_url) as st:
            summary = _with_progress(
                lambda cb: run(
                    inputs, st, published=day, force=force, jobs=jobs, cluster=cluster, on_article=cb
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
    typer.echo(
        f"{summary.read} read, {summary.new} new, {summary.replaced} replaced, {summary.unchanged} unchanged, "
        f"{len(summary.failed)} failed; {summary.events} events, {summary.entities} entities; "
        f"{summary.elapsed:.1f} s"
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


@app.command()
def extract(
    inputs: Inputs,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for articles that carry none.")
    ] = None,
    out_dir: Annotated[
        Path | None, typer.Option("--out-dir", help="Write one <id>.json per article here instead of stdout.")
    ] = None,
) -> None:
    """Extract without a store and print the evaluation JSON (docs/extract-json.md)."""
    from .extract import to_json
    from .pipeline import IngestSummary, extractions

    summary = IngestSummary()
    day = _date(published)
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    docs = []
    try:
        for x in extractions(inputs, published=day, summary=summary):
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


def _safe_name(article_id: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in article_id)[:200] or "article"


@app.command()
def query(
    sparql: Annotated[str, typer.Argument(help="A SPARQL query, or a path to a .rq file.")],
    store: StoreOpt = None,
    store_url: StoreUrlOpt = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="table, csv (SPARQL CSV) or json (SPARQL JSON).")
    ] = "table",
    timeout: Annotated[float, typer.Option(help="Seconds before the query is stopped.")] = 60.0,
) -> None:
    """Run a SPARQL query against the store."""
    if format not in {"table", "csv", "json"}:
        raise _fail(f"Unknown format {format!r}. Choose one of: table, csv, json", 2)
    text = sparql
    if sparql.endswith(".rq") or (len(sparql) < 4096 and Path(sparql).is_file()):
        try:
            text = Path(sparql).read_text(encoding="utf-8")
        except OSError as exc:
            raise _fail(f"cannot read query file {sparql}: {exc.strerror}", 2) from None
    try:
        with _open(store, store_url, read_only=True) as st:
            result = st.query(text, timeout=timeout)
    except KGError as exc:
        raise _fail(str(exc)) from None
    if result.kind == "graph":
        # CONSTRUCT / DESCRIBE: triples, as JSON-LD for json and Turtle otherwise
        from .namespaces import bind

        typer.echo(bind(result.graph).serialize(format="json-ld" if format == "json" else "turtle"))
    elif format == "json":
        typer.echo(result.to_sparql_json())
    elif format == "csv":
        sys.stdout.write(result.to_sparql_csv())
    else:
        _table(result)


def _table(result) -> None:
    from rich.console import Console
    from rich.table import Table

    if result.kind == "ask":
        typer.echo("true" if result.boolean else "false")
        return
    t = Table(show_lines=False)
    for c in result.columns:
        t.add_column(c, overflow="fold")
    for row in result:
        t.add_row(*["" if v is None else str(v) for v in row])
    Console(width=200 if not sys.stdout.isatty() else None).print(t)
    typer.echo(f"{len(result)} rows", err=True)


@app.command()
def export(
    format: Annotated[
        str, typer.Option("--format", "-f", help="ttl, trig, nquads, jsonld, graphml, gexf or csv.")
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Output file (default: stdout); csv: a .zip or a folder."),
    ] = None,
    start: Annotated[str | None, typer.Option(help="Only events on or after this date (YYYY-MM-DD).")] = None,
    end: Annotated[str | None, typer.Option(help="Only events on or before this date (YYYY-MM-DD).")] = None,
    entity: Annotated[
        list[str] | None,
        typer.Option("--entity", "-e", help="Only events with this actor (name or IRI); repeatable."),
    ] = None,
    type: Annotated[
        list[str] | None, typer.Option("--type", "-t", help="Only this event type; repeatable.")
    ] = None,
    status: Annotated[
        list[str] | None, typer.Option(help="Only this status (occurred, planned, ...); repeatable.")
    ] = None,
    place: Annotated[
        list[str] | None, typer.Option(help="Only events at this place (name or IRI); repeatable.")
    ] = None,
    source: Annotated[
        list[str] | None, typer.Option(help="Only articles from this publisher; repeatable.")
    ] = None,
    text: Annotated[
        str | None, typer.Option(help="Only events whose label or sentence contains this text.")
    ] = None,
    store: StoreOpt = None,
    store_url: StoreUrlOpt = None,
) -> None:
    """Export the store, or the subgraph of the events matching the filters, in a standard format."""
    from .export import export as run

    try:
        with _open(store, store_url, read_only=True) as st:
            filters = {
                "start": _date(start, "--start"),
                "end": _date(end, "--end"),
                "entities": [_entity_iri(st, e) for e in entity or []],
                "types": list(type or []),
                "statuses": list(status or []),
                "places": [_entity_iri(st, p, "Place") for p in place or []],
                "sources": list(source or []),
                "text": text,
            }
            filters = {k: v for k, v in filters.items() if v}
            if out is None:
                run(st, format, sys.stdout.buffer, filters=filters or None)
            else:
                run(st, format, out, filters=filters or None)
    except KGError as exc:
        raise _fail(str(exc)) from None
    if out is not None:
        typer.echo(f"wrote {out}", err=True)


@app.command()
def validate(store: StoreOpt = None, store_url: StoreUrlOpt = None) -> None:
    """Check the store against the project's SHACL shapes; exit 1 on any violation."""
    from .validate import validate as run

    try:
        with _open(store, store_url, read_only=True) as st:
            report = run(st)
    except KGError as exc:
        raise _fail(str(exc)) from None
    if report.conforms:
        typer.echo("conforms: the store satisfies every shape")
        return
    typer.echo(report.text)
    raise _fail(f"{report.n_violations} violations")


@app.command()
def serve(
    store: StoreOpt = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 7878,
) -> None:
    """Serve the store read-only as a SPARQL 1.1 Protocol endpoint at /sparql."""
    from .serve import serve as run
    from .store import default_store_path

    path = store or default_store_path()
    if not Path(path).exists():
        raise _fail(f"no store at {path}: run `kg ingest data --store {path}` first")
    try:
        run(path, host=host, port=port)
    except KGError as exc:
        raise _fail(str(exc)) from None


@app.command(name="app")
def app_cmd(
    store: StoreOpt = None,
    port: Annotated[int, typer.Option(help="Port of the dashboard.")] = 8501,
    headless: Annotated[bool, typer.Option("--headless", help="Do not open a browser.")] = False,
    address: Annotated[
        str, typer.Option(help="Address to listen on (0.0.0.0 shares the dashboard on the network).")
    ] = "127.0.0.1",
) -> None:
    """Start the dashboard (Streamlit) on the store."""
    from .store import default_store_path

    path = Path(store or default_store_path()).resolve()
    entry = Path(__file__).resolve().parent.parent / "app.py"
    if not entry.exists():
        raise _fail(f"the dashboard entry {entry.name} is not beside the kg package; run kg app from a clone")
    env = dict(os.environ, KG_STORE=str(path))
    # Streamlit runs headless in any case: otherwise its first start asks for an e-mail address on
    # the terminal, which blocks `make demo`. kg opens the browser itself when there is a screen.
    cmd = [sys.executable, "-m", "streamlit", "run", str(entry), "--server.port", str(port)]
    cmd += ["--server.headless", "true", "--server.address", address, "--browser.gatherUsageStats", "false"]
    url = f"http://localhost:{port}"
    typer.echo(f"dashboard on {url} (store: {path}); Ctrl-C stops it", err=True)
    proc = subprocess.Popen(cmd, env=env)
    if not headless and _has_screen():
        _open_when_up(url, proc)
    try:
        raise typer.Exit(proc.wait())
    except KeyboardInterrupt:
        proc.terminate()
        raise typer.Exit(0) from None


def _has_screen() -> bool:
    """Whether a browser window can be shown (a desktop session, or macOS / Windows)."""
    return sys.platform in {"darwin", "win32"} or bool(
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )


def _open_when_up(url: str, proc: subprocess.Popen) -> None:
    """Open the dashboard in the user's browser once the server answers."""
    import threading
    import time
    import urllib.request
    import webbrowser

    def wait_and_open() -> None:
        for _ in range(120):
            if proc.poll() is not None:
                return
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=1):
                    webbrowser.open(url)
                    return
            except OSError:
                time.sleep(0.5)

    threading.Thread(target=wait_and_open, daemon=True).start()


entities_app = typer.Typer(
    help="List entities and curate them: merge candidates, merge, split.", no_args_is_help=True
)
app.add_typer(entities_app, name="entities")


def _show(store, store_url, frame, empty: str) -> None:
    """Print the table `frame(store)` returns, read-only; a library error becomes one line."""
    try:
        with _open(store, store_url, read_only=True) as st:
            _print_frame(frame(st), empty)
    except KGError as exc:
        raise _fail(str(exc)) from None


def _print_frame(df, empty: str) -> None:
    if not len(df):
        typer.echo(empty)
        return
    from rich.console import Console
    from rich.table import Table

    t = Table()
    for c in df.columns:
        t.add_column(str(c), overflow="fold")
    for row in df.itertuples(index=False):
        t.add_row(*["" if v is None or v != v else str(v) for v in row])
    Console(width=200 if not sys.stdout.isatty() else None).print(t)


def _entity_iri(st, ref: str, type_: str | None = None) -> str:
    """An entity IRI from an IRI or a name (exact, then case-insensitive; must be unambiguous)."""
    if ref.startswith(("http://", "https://", "urn:")):
        return ref
    from .queries import entities as list_entities

    df = list_entities(st, type_)
    hits = df[df["name"] == ref]
    if not len(hits):
        hits = df[df["name"].str.casefold() == ref.casefold()]
    if len(hits) == 1:
        return str(hits.iloc[0]["entity"])
    if not len(hits):
        raise _fail(f"no entity named {ref!r}; see `kg entities list`")
    raise _fail(f"{len(hits)} entities are named {ref!r}; give the IRI instead: " + ", ".join(hits["entity"]))


@entities_app.command("list")
def entities_list(
    type: Annotated[str | None, typer.Option("--type", "-t", help="Person, Organization or Place.")] = None,
    store: StoreOpt = None,
    store_url: StoreUrlOpt = None,
) -> None:
    """List entities with their aliases and how many events and articles name them."""
    from .queries import entities as list_entities

    _show(store, store_url, lambda st: list_entities(st, type), "no entities in the store")


@entities_app.command("candidates")
def entities_candidates(
    type: Annotated[str, typer.Option("--type", "-t", help="Person, Organization or Place.")] = "Person",
    store: StoreOpt = None,
    store_url: StoreUrlOpt = None,
) -> None:
    """Pairs of entities that may be the same (a surname and a full name, a shared alias)."""
    from .curation import candidates

    _show(store, store_url, lambda st: candidates(st, type), "no merge candidates")


@entities_app.command("merge")
def entities_merge(
    source: Annotated[str, typer.Argument(help="The entity to merge away (name or IRI).")],
    target: Annotated[str, typer.Argument(help="The entity it is the same as (name or IRI).")],
    note: Annotated[str, typer.Option(help="Why (kept with the merge).")] = "",
    store: StoreOpt = None,
    store_url: StoreUrlOpt = None,
) -> None:
    """Record that SOURCE is the same as TARGET (reversible with `kg entities split`)."""
    from .curation import merge

    try:
        with _open(store, store_url) as st:
            a, b = _entity_iri(st, source), _entity_iri(st, target)
            rec = merge(st, a, b, note=note)
    except KGError as exc:
        raise _fail(str(exc)) from None
    typer.echo(f"merged {a} into {b} ({rec})")


@entities_app.command("split")
def entities_split(
    source: Annotated[str, typer.Argument(help="A merged entity (name or IRI).")],
    store: StoreOpt = None,
    store_url: StoreUrlOpt = None,
) -> None:
    """Undo a merge: SOURCE is its own entity again (and is not offered as a candidate again)."""
    from .curation import split

    try:
        with _open(store, store_url) as st:
            a = source if source.startswith(("http://", "https://")) else _merged_iri(st, source)
            b = split(st, a)
    except KGError as exc:
        raise _fail(str(exc)) from None
    typer.echo(f"split {a} from {b}")


def _merged_iri(st, name: str) -> str:
    from .curation import merges

    df = merges(st)
    hits = df[df["merged_name"].fillna("").str.casefold() == name.casefold()]
    if len(hits) != 1:
        raise _fail(f"no single merged entity named {name!r}; see `kg entities merges`")
    return str(hits.iloc[0]["merged"])


@entities_app.command("merges")
def entities_merges(store: StoreOpt = None, store_url: StoreUrlOpt = None) -> None:
    """The merges in force, with when and why."""
    from .curation import merges

    _show(store, store_url, merges, "no merges")


def main() -> None:
    """Entry point of the `kg` console script."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo(
            "kg: interrupted; articles written so far are whole, run the same command to resume", err=True
        )
        sys.exit(130)
    except Exception as exc:  # the last resort: one line, not a traceback (KG_DEBUG=1 shows it)
        if os.environ.get("KG_DEBUG"):
            raise
        typer.echo(f"kg: internal error: {type(exc).__name__}: {exc} (set KG_DEBUG=1 for details)", err=True)
        sys.exit(70)


if __name__ == "__main__":
    main()
