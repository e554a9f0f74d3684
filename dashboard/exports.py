"""What the Export page offers and keeps: the formats and their file names, the size limit of an
export built in the dashboard (with the `kg export` command that does it beyond the limit), and the
files this session has built, so their download buttons stay until the selection changes."""

from __future__ import annotations

import shlex
from collections.abc import Hashable

import streamlit as st

from dashboard.filters import Filters

# An export is built in the server's memory through rdflib: TriG of a whole 10,305-event store
# (430k triples) took 186 s and 850 MB on the shared 2-core machine, GraphML 23 s. Past this many
# events the page gives the `kg export` command instead of a minutes-long wait. ~42 triples/event.
MAX_EXPORT_EVENTS = 2_000
FIGURE_EVENTS = 20_000  # figures and citations are drawn from the latest events of the selection
KEEP_FILES = 4  # files a session keeps built (each holds its bytes in the server's memory)
_STATE = "export_files"

FORMAT_LABELS = {
    "ttl": "Turtle (.ttl)",
    "trig": "TriG, one named graph per article (.trig)",
    "nquads": "N-Quads (.nq)",
    "jsonld": "JSON-LD (.jsonld)",
    "graphml": "GraphML entity network, for Gephi (.graphml)",
    "gexf": "GEXF entity network with dates, for Gephi (.gexf)",
    "csv": "CSV tables, zipped (.zip)",
    "citations": "Citation table: every fact with article, date, quote (.csv)",
}
_FILES = {
    "ttl": ("ttl", "text/turtle"),
    "trig": ("trig", "application/trig"),
    "nquads": ("nq", "application/n-quads"),
    "jsonld": ("jsonld", "application/ld+json"),
    "graphml": ("graphml", "application/xml"),
    "gexf": ("gexf", "application/xml"),
    "csv": ("zip", "application/zip"),
    "citations": ("csv", "text/csv"),
}


def file_name(fmt: str, stamp: str) -> tuple[str, str]:
    """(file name, MIME type) of an export in `fmt` made on the day `stamp`."""
    ext, mime = _FILES.get(fmt, (fmt, "application/octet-stream"))
    prefix = "kg-citations" if fmt == "citations" else "kg"
    return f"{prefix}-{stamp}.{ext}", mime


def size(data: bytes) -> str:
    """A file size as people read it: 812 B, 14 kB, 3.2 MB."""
    n = len(data)
    if n < 1000:
        return f"{n} B"
    if n < 1_000_000:
        return f"{n / 1000:.0f} kB"
    return f"{n / 1_000_000:.1f} MB"


def cli_command(fmt: str, f: Filters, store_path: str) -> str:
    """The `kg export` command that writes the same export of the same selection to a file."""
    ext = _FILES.get(fmt, (fmt, ""))[0]
    parts = ["kg", "export", "--format", fmt, "--out", f"kg-export.{ext}", "--store", store_path]
    if f.start:
        parts += ["--start", f.start.isoformat()]
    if f.end:
        parts += ["--end", f.end.isoformat()]
    for flag, values in (
        ("--entity", f.entities),
        ("--type", f.types),
        ("--status", f.statuses),
        ("--place", f.places),
        ("--source", f.sources),
    ):
        for v in values:
            parts += [flag, v]
    if f.text:
        parts += ["--text", f.text]
    return shlex.join(parts)


def too_large(fmt: str, n_events: int, f: Filters, store_path: str) -> str:
    """Why an export of `n_events` is not built here, and how to make it."""
    return (
        f"**{FORMAT_LABELS.get(fmt, fmt)} of {n_events:,} events is too large to build in the dashboard** "
        f"(up to {MAX_EXPORT_EVENTS:,} events, about {MAX_EXPORT_EVENTS * 42:,} triples). Narrow the "
        "selection in the sidebar (a date window, event types, people), or write the file from the "
        f"command line, where no browser waits for it:\n\n```bash\n{cli_command(fmt, f, store_path)}\n```"
    )


def building(fmt: str, n_events: int) -> str:
    """The message shown while an export is built."""
    what = FORMAT_LABELS.get(fmt, fmt).split(" (")[0]
    return f"Building {what} of {n_events:,} events (a large selection takes a while)…"


def remember(key: Hashable, data: bytes) -> None:
    """Keep a built file for this session (the oldest goes past KEEP_FILES)."""
    files: dict = st.session_state.setdefault(_STATE, {})
    files.pop(key, None)
    files[key] = data
    while len(files) > KEEP_FILES:
        files.pop(next(iter(files)))


def built(key: Hashable) -> bytes | None:
    """The file this session built for `key` (what, format, store version, selection), if any."""
    return st.session_state.get(_STATE, {}).get(key)
