"""The events table of one store version: built once, kept on disk beside the store, brought up
to date from the articles that changed.

    t = refresh(store, directory)     the table of the store's current version (load, update or build)
    t.frame                           one row per event, sorted by day then event
    t.articles                        one row per article: IRI, content hash, day, publisher
    t.lookups["entities"|"roles"|"places"]   kg.queries.entities / memberships / gazetteer

The store-wide lookups the dashboard shows beside the timeline (the entities for the filters, the
roles for the graph's role edges, the gazetteer for the map) are asked once per version too and
kept with the table, so a new process does not ask them again.

On disk: `events.arrow`, `articles.arrow` and one file per lookup in `directory` (by default `<store>.tables`
beside the store directory), each stamped with the store version it was built for and written
to a temporary name first, then moved into place, so a reader never opens half a file.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kg import queries
from kg.store import Store
from kg.tables import derive
from kg.tables.rows import RAW_COLUMNS, WrittenRows, no_rows, read_articles, read_rows

SCHEMA = 3  # raised when the columns change: an older table on disk is then built again
DERIVED_COLUMNS = ["participants", "participant_iris", "place", "source", "same_event", "reports"]
LOOKUPS = ("entities", "roles", "places")  # kg.queries.entities, memberships, gazetteer
# Arrow IPC files (Feather v2), LZ4-compressed: of Parquet, DuckDB and Arrow IPC, the one a new
# process opens fastest, which is what the dashboard's first render waits for (bench/views.py).
_FILES = ("events.arrow", "articles.arrow", *(f"{n}.arrow" for n in LOOKUPS))


@dataclass(frozen=True)
class EventsTable:
    """The events and articles of one store version, with what the filters need of the store."""

    version: str
    frame: pd.DataFrame
    articles: pd.DataFrame
    canon: dict[str, str]
    within: dict[str, tuple[str, ...]]
    lookups: dict[str, pd.DataFrame]
    days: tuple[str, str] | None = None  # the first and last day any event or article touches


def table_dir(store_path: str | Path) -> Path:
    """Where the tables of the store at `store_path` are kept: a folder beside it."""
    p = Path(store_path)
    return p.with_name(p.name + ".tables")


def refresh(
    store: Store,
    directory: str | Path | None = None,
    *,
    known: EventsTable | None = None,
    changed: Iterable[str] = (),
    written: WrittenRows | None = None,
) -> EventsTable:
    """The table of the store's current version: `known` or the one on disk if current, else
    updated from the articles whose content hash changed (or built from scratch), and saved.

    `changed`: articles the caller rewrote whose content hash may be the same as before (a forced
    re-extraction); they are read again too. `written`: rows the caller made of what it wrote
    (an ingest), taken instead of reading those articles again while their hashes are the same.
    """
    version = store.version()
    if known is not None and known.version == version:
        return known
    folder = None if directory is None else Path(directory)
    base = known
    if folder is not None:
        loaded = load(folder)
        if loaded is not None and loaded.version == version:
            return loaded
        base = loaded or base
    table = build(store, version, base, changed=changed, written=written)
    if folder is not None:
        # a folder we may not write to (a read-only mount): the table lives in memory only
        with contextlib.suppress(OSError):
            save(table, folder)
    return table


def forget_articles(folder: str | Path) -> None:
    """Make the table in `folder` unusable as the base of an update, so that the next refresh
    builds it from scratch: for a forced re-extraction, whose rewritten articles keep their content
    hashes (what an update goes by) and would otherwise keep their old rows if it is interrupted."""
    with contextlib.suppress(FileNotFoundError):
        os.remove(Path(folder) / "articles.arrow")


def build(
    store: Store,
    version: str,
    base: EventsTable | None = None,
    *,
    changed: Iterable[str] = (),
    written: WrittenRows | None = None,
) -> EventsTable:
    """The table of `store` (labelled `version`): the rows of `base` for unchanged articles, the
    rest (and the `changed` ones) read again; without `base`, every row read from the store. The
    articles of `written` whose content hash in the store is the one written take its rows instead
    of being read."""
    articles = read_articles(store)
    now = dict(zip(articles["article_iri"], articles["hash"], strict=True))
    if base is None:
        kept, reread = None, sorted(now)
    else:
        old = dict(zip(base.articles["article_iri"], base.articles["hash"], strict=True))
        rewritten = set(changed)
        reread = sorted(a for a, h in now.items() if old.get(a) != h or a in rewritten)
        stale = set(reread) | (set(old) - set(now))
        kept = base.frame.loc[~base.frame["article_iri"].isin(stale), RAW_COLUMNS]
    made = None
    if written is not None:
        ready = {a for a in reread if written.hashes.get(a) == now[a]}
        if ready:
            reread = [a for a in reread if a not in ready]
            made = written.frame.loc[written.frame["article_iri"].isin(ready), RAW_COLUMNS]
    parts = [
        f for f in (kept, made, read_rows(store, reread) if reread else None) if f is not None and len(f)
    ]
    raw = pd.concat(parts, ignore_index=True) if len(parts) > 1 else (parts[0] if parts else no_rows())
    ctx = derive.read_context(store)
    frame = derive.apply(raw, ctx, copy=False)  # the raw rows are not used again: no second copy
    del raw
    frame["_day"] = frame["date"].fillna("")
    frame = frame.sort_values(["_day", "event"], kind="stable", ignore_index=True)
    # the first and last day an event touches (its article's day when it has no time of its own)
    frame["_lo"] = frame["earliest"].fillna(frame["published"]).str.slice(0, 10)
    frame["_hi"] = frame["latest"].fillna(frame["published"]).str.slice(0, 10)
    articles["source"] = articles["publisher"].map(lambda p: ctx.names.get(p) if isinstance(p, str) else None)
    lookups = {
        "entities": queries.entities(store, timeout=None),
        "roles": queries.memberships(store, timeout=None),
        "places": queries.gazetteer(store, timeout=None),
    }
    return EventsTable(
        version=version,
        frame=frame,
        articles=articles,
        canon=ctx.canon,
        within=ctx.within,
        lookups=lookups,
        days=_days(frame, articles),
    )


def _days(frame: pd.DataFrame, articles: pd.DataFrame) -> tuple[str, str] | None:
    """The first and last ISO day of any event's day or range, or article's date."""
    days = pd.concat(
        [frame[c] for c in ("timestamp", "earliest", "latest")] + [articles["published"]]
    ).dropna()
    days = days[days.str.len() >= 10].str.slice(0, 10)
    return (str(days.min()), str(days.max())) if len(days) else None


def save(table: EventsTable, folder: Path) -> None:
    """Write the table into `folder` (temporary names first, then moved into place)."""
    import pyarrow.feather as feather

    folder.mkdir(parents=True, exist_ok=True)
    meta = {
        b"kg": json.dumps(
            {
                "schema": SCHEMA,
                "version": table.version,
                "canon": table.canon,
                "within": table.within,
                "days": table.days,
            }
        ).encode()
    }
    frames = (table.frame, table.articles, *(table.lookups[n] for n in LOOKUPS))
    for name, df in zip(_FILES, frames, strict=True):
        t = _arrow(df)
        t = t.replace_schema_metadata({**(t.schema.metadata or {}), **meta})
        tmp = folder / f".{name}.{os.getpid()}.tmp"
        feather.write_feather(t, tmp, compression="lz4")
        os.replace(tmp, folder / name)


def _arrow(df: pd.DataFrame):
    """`df` as an Arrow table; a column of mixed Python types (a date beside a date-time) as text."""
    import pyarrow as pa

    try:
        return pa.Table.from_pandas(df, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        df = df.copy()
        for col in df.columns:
            if df[col].dtype == object:
                df[col] = df[col].map(lambda v: None if v is None or v != v else str(v))
        return pa.Table.from_pandas(df, preserve_index=False)


def load(folder: Path) -> EventsTable | None:
    """The table saved in `folder`, or None when there is none, it cannot be read, it is of another
    schema or its two files are of two versions."""
    import pyarrow as pa
    import pyarrow.feather as feather

    paths = [folder / n for n in _FILES]
    if not all(p.is_file() for p in paths):
        return None
    try:
        tables = [feather.read_table(p) for p in paths]
    except (OSError, ValueError, pa.ArrowException):
        return None  # a damaged file is built again and replaced
    metas = [json.loads((t.schema.metadata or {}).get(b"kg", b"{}")) for t in tables]
    if any(m.get("schema") != SCHEMA or m.get("version") != metas[0].get("version") for m in metas):
        return None
    frame, articles, *lookups = (t.to_pandas() for t in tables)
    return EventsTable(
        version=metas[0]["version"],
        frame=frame,
        articles=articles,
        canon=dict(metas[0].get("canon") or {}),
        within={k: tuple(v) for k, v in (metas[0].get("within") or {}).items()},
        lookups=dict(zip(LOOKUPS, lookups, strict=True)),
        days=tuple(metas[0]["days"]) if metas[0].get("days") else None,
    )
