"""Telling a damaged store from a missing one, and saying how to restore it.

An embedded store is a RocksDB directory: `CURRENT` names the live `MANIFEST-*`, which lists the
table files (`*.sst`); `*.log` is the write-ahead log. A directory that holds such files but cannot
be opened (no `CURRENT`, a table file cut short or overwritten) is a damaged store, not "no store":
the user needs to know their data is there but unreadable, and how to get it back.
"""

from __future__ import annotations

import re
from pathlib import Path

from kg.errors import StoreDamagedError

# Files only a RocksDB directory holds (a store that was created at least once).
_ROCKSDB_FILE = re.compile(r"^(CURRENT|IDENTITY|MANIFEST-\d+|OPTIONS-\d+|\d+\.(sst|log|blob))$")
# What RocksDB says when a file it needs is damaged or gone.
_DAMAGE = re.compile(
    r"Corruption|checksum mismatch|Bad table magic|file size mismatch|MANIFEST|CURRENT file|"
    r"Column family not found|No such file or directory: While open",
    re.IGNORECASE,
)


def store_files(path: Path) -> list[str]:
    """The RocksDB files in `path` (empty when it is not a store directory, or does not exist)."""
    try:
        return sorted(p.name for p in path.iterdir() if _ROCKSDB_FILE.match(p.name))
    except OSError:
        return []


def is_store(path: Path) -> bool:
    """Does `path` hold an embedded store that can be opened (a RocksDB directory with its CURRENT)?"""
    return (path / "CURRENT").is_file()


def looks_damaged(path: Path) -> bool:
    """`path` holds RocksDB files but no CURRENT: a store whose index of files is gone."""
    return not is_store(path) and bool(store_files(path))


def is_damage(exc: BaseException) -> bool:
    """Is this error from pyoxigraph RocksDB reporting a damaged or missing file?"""
    return bool(_DAMAGE.search(str(exc)))


def restore_advice(location: str) -> str:
    """How to get a damaged store's data back, in the order a user should try."""
    return (
        f"Move it aside (mv {location} {location}.damaged) and restore it: from a backup made with "
        f"`kg backup` (kg backup {location} --store BACKUP_DIR), or by loading an export "
        f"(kg load EXPORT.trig --store {location}), or by ingesting the articles again "
        f"(kg ingest SOURCES --store {location}). See docs/backup.md."
    )


def damaged(location: str | Path, detail: str) -> StoreDamagedError:
    """The error for a store whose files are damaged: what RocksDB reported and how to restore it."""
    where = str(location)
    detail = " ".join(str(detail).split())
    if len(detail) > 300:
        detail = detail[:297] + "..."
    return StoreDamagedError(
        f"The store {where} is damaged: its files cannot be read ({detail}). {restore_advice(where)}",
        location=where,
        detail=detail,
    )


def missing_current(location: str | Path) -> StoreDamagedError:
    """The error for a store directory that lost its CURRENT file."""
    path = Path(location)
    files = store_files(path)
    shown = ", ".join(files[:6]) + (", ..." if len(files) > 6 else "")
    return damaged(location, f"the CURRENT file is missing, though the directory holds store files: {shown}")
