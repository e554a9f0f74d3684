"""Saved SPARQL of the layers below `kg.queries`: each package keeps its internal queries in its own
`sparql/<name>.rq` folder (kg/store/sparql/, kg/resolve/sparql/) and reads them here.

`kg.queries` has its own loader for the queries users see (`kg.queries.load`); this one is for
packages that may not import it. The files are package data, so they are read through
`importlib.resources` and a non-editable install finds them too.
"""

from __future__ import annotations

import functools
from importlib import resources

from kg.errors import QueryError


@functools.cache
def read_query(package: str, name: str) -> str:
    """The text of `<package>/sparql/<name>.rq`, e.g. read_query("kg.resolve", "same_as")."""
    folder = resources.files(package) / "sparql"
    try:
        return (folder / f"{name}.rq").read_text(encoding="utf-8")
    except FileNotFoundError:
        known = (
            sorted(p.name[:-3] for p in folder.iterdir() if p.name.endswith(".rq")) if folder.is_dir() else []
        )
        raise QueryError(
            f"No saved query {name!r} in {package}/sparql/. Known: {', '.join(known) or '(none)'}"
        ) from None
