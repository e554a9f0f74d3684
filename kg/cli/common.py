"""What every `kg` command shares: the Typer app, the store options, and errors turned into one line and an exit status."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from kg import __version__

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
    from kg.store import default_store_path, open_store

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


def _entity_iri(st, ref: str, type_: str | None = None) -> str:
    """An entity IRI from an IRI or a name (exact, then case-insensitive; must be unambiguous)."""
    if ref.startswith(("http://", "https://", "urn:")):
        return ref
    from kg.queries import entities as list_entities

    df = list_entities(st, type_)
    hits = df[df["name"] == ref]
    if not len(hits):
        hits = df[df["name"].str.casefold() == ref.casefold()]
    if len(hits) == 1:
        return str(hits.iloc[0]["entity"])
    if not len(hits):
        raise _fail(f"no entity named {ref!r}; see `kg entities list`")
    raise _fail(f"{len(hits)} entities are named {ref!r}; give the IRI instead: " + ", ".join(hits["entity"]))
