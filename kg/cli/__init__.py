"""The `kg` command: a thin layer over the library. Errors become one line and an exit status here.

Modules, one per command group: `collect` (collect), `ingest` (ingest, extract), `query` (query,
export, validate, serve), `store_admin` (backup, load), `dashboard` (app), `entities` (list,
candidates, merge, split, merges); `common` holds the Typer app, the shared options and the helpers
that turn library errors into messages. The CLI may
import every layer of the library; nothing in the library imports it.

Public functions: main() (the console script), app (the Typer application).
"""

from __future__ import annotations

import os
import sys

import typer

from kg.cli import collect, dashboard, entities, ingest, query, store_admin
from kg.cli.common import app

__all__ = ["app", "main"]

# The commands, in the order `kg --help` lists them.
app.command()(collect.collect)
app.command()(ingest.ingest)
app.command()(ingest.extract)
app.command()(query.query)
app.command()(query.export)
app.command()(query.validate)
app.command()(query.serve)
app.command()(store_admin.backup)
app.command()(store_admin.load)
app.command(name="app")(dashboard.app_cmd)
app.add_typer(entities.entities_app, name="entities")


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
