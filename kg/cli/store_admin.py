"""`kg backup` and `kg load`: a consistent copy of the store, and RDF files (an export) back into a store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli.common import StoreOpt, StoreUrlOpt, _fail, _open
from kg.errors import KGError


def backup(
    target: Annotated[
        Path, typer.Argument(help="A new (or empty) directory to write the backup into.", show_default=False)
    ],
    store: StoreOpt = None,
    store_url: StoreUrlOpt = None,
    link: Annotated[
        bool,
        typer.Option(
            "--link",
            help="Hard-link the table files on the same file system: instant, but shares their bytes "
            "with the store, so damage to them on disk reaches the backup too.",
        ),
    ] = False,
) -> None:
    """Copy the store into a new directory, consistently, while the dashboard and `kg serve` read it.

    The backup is a store of its own: use it with `--store TARGET`. To restore a store from it, move
    the damaged store aside and run `kg backup STORE --store TARGET`.
    """
    from kg.store import default_store_path
    from kg.store.backup import backup as run

    if store_url:
        raise _fail(
            f"kg backup copies an embedded store directory, and {store_url} is a SPARQL server: back it up "
            "with the server's own tools, or take its data with "
            f"`kg export --format nquads --store-url {store_url} --out FILE.nq` (kg load reads it back)"
        )
    path = store or default_store_path()
    try:
        summary = run(path, target, link=link)
    except KGError as exc:
        raise _fail(str(exc)) from None
    how = (
        "online backup"
        if summary.method == "checkpoint"
        else "copy of the last committed state (an ingest was writing)"
    )
    typer.echo(
        f"backed up {summary.quads} quads in {summary.graphs} graphs from {summary.source} to {summary.target} "
        f"({how}); read back and checked. Use it with --store {summary.target}"
    )


def load(
    files: Annotated[
        list[Path],
        typer.Argument(help="RDF files: .trig, .nq, .ttl or .nt (e.g. a kg export).", show_default=False),
    ],
    store: StoreOpt = None,
    store_url: StoreUrlOpt = None,
    graph: Annotated[
        str | None,
        typer.Option(
            "--graph",
            "-g",
            help="Named graph (an IRI) for triples outside any graph, e.g. a Turtle file; it is replaced whole.",
        ),
    ] = None,
    format: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", help="trig, nquads, turtle or ntriples (default: from the file suffix)."
        ),
    ] = None,
) -> None:
    """Load RDF files into the store: SHACL-checked first, each article's graph replaced in one transaction.

    Loading the same files twice gives the same store. A file that cannot be loaded is reported
    (which file, what is wrong) and the others are still loaded; the exit status is then 1.
    """
    from kg.store.loader import load as run

    try:
        with _open(store, store_url) as st:
            summary = run(st, files, graph=graph, fmt=format)
    except KGError as exc:
        raise _fail(str(exc)) from None
    for f in summary.loaded:
        typer.echo(
            f"loaded {f.path}: {_n(f.quads, 'quad')}; {_n(len(f.replaced), 'graph')} replaced, "
            f"{_n(len(f.added), 'graph')} added to"
        )
    for where, why in summary.failed:
        typer.echo(f"failed: {why}" if why.startswith(where) else f"failed: {where}: {why}", err=True)
    typer.echo(
        f"{_n(len(summary.loaded), 'file')} loaded, {len(summary.failed)} failed; {_n(summary.quads, 'quad')}"
    )
    if not summary.ok:
        raise typer.Exit(1)


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
