"""`kg query`, `kg export`, `kg validate` and `kg serve`: reading the store, as tables, files, a report or an endpoint."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.common import StoreOpt, StoreUrlOpt, _date, _entity_iri, _fail, _open
from kg.errors import KGError


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
        from kg.graph.namespaces import bind

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
    from kg.export import export as run

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


def validate(store: StoreOpt = None, store_url: StoreUrlOpt = None) -> None:
    """Check the store against the project's SHACL shapes; exit 1 on any violation."""
    from kg.graph.shapes import validate as run

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


def serve(
    store: StoreOpt = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 7878,
    timeout: Annotated[float, typer.Option(help="Seconds a query may run; then it is stopped (503).")] = 30.0,
    workers: Annotated[
        int, typer.Option(help="Query worker processes (each opens the store read-only).")
    ] = 2,
    max_in_flight: Annotated[
        int, typer.Option(help="Queries admitted at once (running or waiting); past it 503 + Retry-After.")
    ] = 64,
    max_rows: Annotated[int, typer.Option(help="Rows (triples) of one answer; past it, cut short.")] = 10_000,
    max_bytes: Annotated[int, typer.Option(help="Bytes of one serialised answer; past it, cut short.")] = 16
    * 1024
    * 1024,
    max_request: Annotated[int, typer.Option(help="Bytes of a request body; past it 413.")] = 1_000_000,
    request_timeout: Annotated[
        float, typer.Option(help="Seconds a client has to send a whole request; then it is dropped.")
    ] = 10.0,
    idle_timeout: Annotated[
        float, typer.Option(help="Seconds a kept-alive connection may sit idle, or a send may stall.")
    ] = 15.0,
    max_connections: Annotated[int, typer.Option(help="Open connections; past it 503 at once.")] = 256,
    cors_origin: Annotated[
        list[str] | None,
        typer.Option(
            "--cors-origin",
            help="A browser origin allowed to read answers (repeatable; '*' for any). Loopback always is.",
        ),
    ] = None,
) -> None:
    """Serve the store read-only as a SPARQL 1.1 Protocol endpoint at /sparql."""
    from kg.store import default_store_path
    from kg.store.endpoint import serve as run

    path = store or default_store_path()
    if not Path(path).exists():
        raise _fail(f"no store at {path}: run `kg ingest data --store {path}` first")
    numbers = {
        "--timeout": timeout,
        "--workers": workers,
        "--max-in-flight": max_in_flight,
        "--max-rows": max_rows,
        "--max-bytes": max_bytes,
        "--max-request": max_request,
        "--request-timeout": request_timeout,
        "--idle-timeout": idle_timeout,
        "--max-connections": max_connections,
    }
    for name, value in numbers.items():
        if value <= 0:
            raise _fail(f"{name} must be more than 0, not {value:g}", 2)
    typer.echo(f"kg serve: http://{host}:{port}/sparql (read-only; Ctrl-C stops)", err=True)
    try:
        run(
            path,
            host=host,
            port=port,
            timeout=timeout,
            workers=workers,
            max_in_flight=max_in_flight,
            max_rows=max_rows,
            max_bytes=max_bytes,
            max_request=max_request,
            request_timeout=request_timeout,
            idle_timeout=idle_timeout,
            max_connections=max_connections,
            cors_origins=tuple(cors_origin or ()),
        )
    except KGError as exc:
        raise _fail(str(exc)) from None
