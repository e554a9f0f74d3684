"""`kg entities`: list entities and curate them (merge candidates, merge, split, the merges in force)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from kg.cli.common import StoreOpt, StoreUrlOpt, _entity_iri, _fail, _open
from kg.errors import KGError

entities_app = typer.Typer(
    help="List entities and curate them: merge candidates, merge, split.", no_args_is_help=True
)


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


@entities_app.command("list")
def entities_list(
    type: Annotated[str | None, typer.Option("--type", "-t", help="Person, Organization or Place.")] = None,
    store: StoreOpt = None,
    store_url: StoreUrlOpt = None,
) -> None:
    """List entities with their aliases and how many events and articles name them."""
    from kg.queries import entities as list_entities

    _show(store, store_url, lambda st: list_entities(st, type), "no entities in the store")


@entities_app.command("candidates")
def entities_candidates(
    type: Annotated[str, typer.Option("--type", "-t", help="Person, Organization or Place.")] = "Person",
    store: StoreOpt = None,
    store_url: StoreUrlOpt = None,
) -> None:
    """Pairs of entities that may be the same (a surname and a full name, a shared alias)."""
    from kg.resolve.curation import candidates

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
    from kg.resolve.curation import merge

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
    from kg.resolve.curation import split

    try:
        with _open(store, store_url) as st:
            a = source if source.startswith(("http://", "https://")) else _merged_iri(st, source)
            b = split(st, a)
    except KGError as exc:
        raise _fail(str(exc)) from None
    typer.echo(f"split {a} from {b}")


def _merged_iri(st, name: str) -> str:
    from kg.resolve.curation import merges

    df = merges(st)
    hits = df[df["merged_name"].fillna("").str.casefold() == name.casefold()]
    if len(hits) != 1:
        raise _fail(f"no single merged entity named {name!r}; see `kg entities merges`")
    return str(hits.iloc[0]["merged"])


@entities_app.command("merges")
def entities_merges(store: StoreOpt = None, store_url: StoreUrlOpt = None) -> None:
    """The merges in force, with when and why."""
    from kg.resolve.curation import merges

    _show(store, store_url, merges, "no merges")
