"""A consistent copy of an embedded store, taken while readers (the dashboard, `kg serve`) use it.

When no other process writes to the store, the copy is Oxigraph's online backup
(`pyoxigraph.Store.backup`, a RocksDB checkpoint): what is committed is flushed, and the immutable
table files are hard-linked when the target is on the same file system. The directory lock is held
only for that moment, so readers never notice. A hard link shares the file's bytes with the store, so
a table file damaged on disk would be damaged in the backup too: unless `link=True`, every linked
file is then replaced by a copy of its own (the lock is no longer held for that).

When another process (`kg ingest`) holds the store's writer lock, a checkpoint cannot be asked of it:
a checkpoint taken from a read-only handle leaves out what the writer has in its write-ahead log but
not yet in a table file (found on pyoxigraph 0.5). So the copy is made from a read-only snapshot
instead, quad by quad, into a new store: slower, but the snapshot holds every committed article whole.

Either way the backup is then opened on its own and every quad read back, so a backup that cannot be
read is reported at once, not on the day it is needed. The store itself is read whole before a
checkpoint, so damage that a full scan meets stops the backup instead of being copied into it.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import StoreError
from kg.store.damage import damaged, is_damage, is_store, looks_damaged, missing_current

_BATCH = 50_000  # quads per transaction when copying from a snapshot


@dataclass(frozen=True)
class BackupSummary:
    """What `backup` made: where, how many quads and graphs, and how (checkpoint or snapshot copy)."""

    source: str
    target: str
    quads: int
    graphs: int
    method: str  # "checkpoint" or "snapshot copy"


def backup(source: str | Path, target: str | Path, *, link: bool = False) -> BackupSummary:
    """Copy the embedded store at `source` into the new directory `target`, then read the copy back.

    `link=True` keeps the table files hard-linked to the store's where the file system allows it
    (instant and no extra space, but not a defence against damage to those files on disk).
    """
    src, dst = Path(source), Path(target)
    _check_source(src)
    _check_target(src, dst)
    created_parent = not dst.parent.exists()
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        try:
            quads, method = _checkpoint(src, dst), "checkpoint"
            if not link:
                _unshare(dst)
        except _Locked:
            quads, method = _snapshot_copy(src, dst), "snapshot copy"
        copied, graphs = _read_back(dst)
    except BaseException:
        shutil.rmtree(dst, ignore_errors=True)  # never leave half a backup that looks like a store
        if created_parent:
            shutil.rmtree(dst.parent, ignore_errors=True)
        raise
    if copied != quads:
        shutil.rmtree(dst, ignore_errors=True)
        raise StoreError(
            f"The backup {dst} holds {copied} quads where the store {src} held {quads}; removed it"
        )
    return BackupSummary(str(src), str(dst), quads, graphs, method)


class _Locked(Exception):
    """Another process holds the store's writer lock."""


def _check_source(src: Path) -> None:
    if not src.exists():
        raise StoreError(f"No store at {src}: nothing to back up (the directory does not exist)")
    if not src.is_dir():
        raise StoreError(f"Cannot back up {src}: it is a file, not a store directory")
    if looks_damaged(src):
        raise missing_current(src)
    if not is_store(src):
        raise StoreError(f"No store at {src}: the directory holds no Oxigraph store to back up")


def _check_target(src: Path, dst: Path) -> None:
    if dst.exists() and not dst.is_dir():
        raise StoreError(f"Cannot back up into {dst}: it is a file; give a new directory")
    if dst.is_dir() and any(dst.iterdir()):
        raise StoreError(
            f"Cannot back up into {dst}: the directory exists and is not empty. "
            "Give a new directory (a backup never overwrites anything)"
        )
    s, d = src.resolve(), dst.resolve()
    if d == s or s in d.parents:
        raise StoreError(f"Cannot back up {src} into {dst}: the backup must be outside the store directory")
    if dst.is_dir():
        dst.rmdir()  # an empty directory: Oxigraph creates the target itself and refuses an existing one


def _checkpoint(src: Path, dst: Path) -> int:
    try:
        store = ox.Store(str(src))
    except (OSError, RuntimeError) as exc:
        if "lock" in str(exc).lower():
            raise _Locked from exc
        raise _source_error(src, exc) from exc
    try:
        quads = _count(store)
        store.backup(str(dst))
    except (OSError, RuntimeError) as exc:
        raise _source_error(src, exc, f"Cannot write the backup {dst}") from exc
    finally:
        del store  # pyoxigraph has no close(): dropping the handle releases the lock
    return quads


def _snapshot_copy(src: Path, dst: Path) -> int:
    try:
        snapshot = ox.Store.read_only(str(src))
        out = ox.Store(str(dst))
    except (OSError, RuntimeError) as exc:
        raise _source_error(src, exc) from exc
    n = 0
    batch: list[ox.Quad] = []
    try:
        for q in snapshot:
            batch.append(q)
            if len(batch) >= _BATCH:
                out.extend(batch)
                n, batch = n + len(batch), []
        out.extend(batch)
        n += len(batch)
        out.flush()
    except (OSError, RuntimeError) as exc:
        raise _source_error(src, exc, f"Cannot copy the store into {dst}") from exc
    finally:
        del out, snapshot
    return n


def _unshare(dst: Path) -> None:
    """Replace each hard-linked file of the backup by a copy of its own, atomically per file."""
    for f in sorted(dst.iterdir()):
        if f.is_file() and f.stat().st_nlink > 1:
            tmp = f.with_name(f.name + ".copying")
            try:
                shutil.copy2(f, tmp)
                tmp.replace(f)
            except OSError as exc:
                raise StoreError(f"Cannot copy {f.name} into the backup {dst}: {exc}") from exc


def _read_back(dst: Path) -> tuple[int, int]:
    """Open the backup as a store of its own and read every quad (and graph name) back."""
    try:
        copy = ox.Store.read_only(str(dst))
        n = sum(1 for _ in copy)
        graphs = sum(1 for _ in copy.named_graphs())
    except (OSError, RuntimeError) as exc:
        raise StoreError(f"The backup {dst} cannot be read back ({exc}); removed it") from exc
    return n, graphs


def _count(store: ox.Store) -> int:
    # Reading every quad also reads every string they use: damage in the tables a full scan reads
    # shows here, before a checkpoint would copy it into the backup.
    return sum(1 for _ in store)


def _source_error(src: Path, exc: BaseException, what: str | None = None) -> StoreError:
    if is_damage(exc):
        return damaged(src, str(exc))
    return StoreError(f"{what or f'Cannot open the store {src}'}: {exc}")
