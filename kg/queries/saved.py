"""Saved SPARQL: loading the `.rq` files of this folder, and the filter fragments and runners the typed functions share.

User values (dates, IRIs, words) are bound as RDF terms through `Store.query(bindings=...)`; the only
text added to a saved query is fixed filter fragments from this module, where a list becomes
`?x IN (?p0, ?p1, ...)` with each placeholder bound separately.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import URIRef

from kg.errors import QueryError
from kg.store import DEFAULT_TIMEOUT, Store

if TYPE_CHECKING:
    import pandas as pd

QUERY_DIR = Path(__file__).parent
MEETING_TYPES = ("Meeting", "Summit", "Talks", "Visit", "PhoneCall")
_SOURCES = re.compile(r"^[ \t]*#SOURCES[ \t]*$", re.MULTILINE)
_EVENTS = re.compile(r"^[ \t]*#EVENTS[ \t]*$", re.MULTILINE)
_NARROW = re.compile(r"^[ \t]*#NARROW[ \t]*$", re.MULTILINE)
_MARKER = re.compile(r"^[ \t]*#FILTERS[ \t]*$", re.MULTILINE)


@functools.cache
def load(name: str) -> str:
    """The text of the saved query `name` (kg/queries/<name>.rq)."""
    path = QUERY_DIR / f"{name}.rq"
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        known = ", ".join(sorted(p.stem for p in QUERY_DIR.glob("*.rq")))
        raise QueryError(f"No saved query {name!r}. Known: {known}") from None


def saved_queries() -> dict[str, str]:
    """Every saved query by name (for the CLI's `kg query --saved NAME` and the dashboard)."""
    return {p.stem: load(p.stem) for p in sorted(QUERY_DIR.glob("*.rq"))}


class _Filters:
    """Filter fragments and the bindings they use; placeholders are numbered, values bound."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.narrowing: list[str] = []  # patterns that pick few events, placed first (#NARROW)
        self.bindings: dict[str, Any] = {}

    def bind(self, prefix: str, value: Any) -> str:
        name = f"{prefix}{len(self.bindings)}"
        self.bindings[name] = value
        return "?" + name

    def one_of(self, values: Sequence[Any], prefix: str) -> str:
        return ", ".join(self.bind(prefix, v) for v in values)

    def add(self, line: str) -> None:
        self.lines.append(line)

    def narrow(self, pattern: str) -> None:
        self.narrowing.append(pattern)

    def apply(self, query: str) -> str:
        out, n = _MARKER.subn(lambda _m: "\n".join("  " + ln for ln in self.lines), query, count=1)
        if n != 1:
            raise QueryError("saved query has no #FILTERS line")
        if self.narrowing:
            out, n = _NARROW.subn(lambda _m: "\n".join("  " + ln for ln in self.narrowing), out, count=1)
            if n != 1:
                raise QueryError("saved query has no #NARROW line for an entity filter")
        return out


def _iri(value: str | URIRef) -> URIRef:
    return value if isinstance(value, URIRef) else URIRef(str(value))


def _as_date(value: dt.date | str | None, what: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise QueryError(f"{what} must be a date like 2023-06-19, not {value!r}") from None


def _check(values: Iterable[str], valid: Sequence[str], what: str) -> list[str]:
    out = []
    lookup = {v.casefold(): v for v in valid}
    for v in values:
        if v.casefold() not in lookup:
            raise QueryError(f"Unknown {what} {v!r}. Choose from: {', '.join(valid)}")
        out.append(lookup[v.casefold()])
    return out


def _run(
    store: Store,
    query: str,
    bindings: dict[str, Any],
    columns: list[str] | None = None,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> pd.DataFrame:
    df = store.query(query, bindings=bindings, timeout=timeout).to_dataframe()
    if columns is not None:
        df = df.reindex(columns=columns)
    return df


def _canon(store: Store, *, timeout: float | None = DEFAULT_TIMEOUT) -> dict[str, str]:
    """Merged entity -> canonical entity, from the curation graph (see kg.resolve.curation)."""
    from kg.resolve.curation import canonical_map

    return canonical_map(store, timeout=timeout)


def _clusters(canon: dict[str, str], iris: Sequence[str]) -> list[str]:
    """The given entities and every entity merged with them."""
    roots = {canon.get(str(i), str(i)) for i in iris}
    return sorted(roots | {a for a, b in canon.items() if b in roots})


def node_names(store: Store, iris: Sequence[str]) -> dict[str, tuple[str, str]]:
    """IRI -> (name, kind) for the given entity IRIs."""
    out: dict[str, tuple[str, str]] = {}
    for i in range(0, len(iris), 200):  # keeps each query's placeholder list short
        f = _Filters()
        ids = f.one_of([URIRef(n) for n in iris[i : i + 200]], "n")
        f.add(f"FILTER(?node IN ({ids}))")
        for node, name, kind in store.query(f.apply(load("names")), bindings=f.bindings).rows:
            out[node] = (name or "", kind or "")
    return out
