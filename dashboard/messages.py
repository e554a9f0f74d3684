"""What the dashboard says instead of a page: how to fill an empty store, how to restore a damaged one, and library errors."""

from __future__ import annotations

import streamlit as st


def empty_state(path: str, reason: str) -> None:
    """Explain how to put articles in the store (shown instead of a page)."""
    st.info(
        f"**{reason}**\n\n"
        "Ingest some news articles first, then reload this page:\n\n"
        f"```bash\nkg ingest data --store {path}\n```\n\n"
        "`kg ingest` reads .txt, .html, .json/.jsonl, .csv and RSS files or folders of them. "
        "You can also paste a single article on the **Ingest** page.\n\n"
        f"To read another store: `KG_STORE=/path/to/store streamlit run app.py`.",
        icon=":material/inbox:",
    )


def damaged_state(path: str, detail: str) -> None:
    """Say that the store's files are damaged and how to restore it (shown instead of a page)."""
    st.error(
        f"**The store at `{path}` is damaged: its files cannot be read.**\n\n"
        f"The storage engine reports: {detail}\n\n"
        "Your articles are not shown until the store is restored. Move the damaged store aside, then "
        "restore it in one of these ways (the first that you can):\n\n"
        f"```bash\nmv {path} {path}.damaged\n"
        f"kg backup {path} --store BACKUP_DIR          # from a backup made with kg backup\n"
        f"kg load EXPORT.trig --store {path}           # or from a kg export (TriG or N-Quads)\n"
        f"kg ingest SOURCES --store {path}             # or by ingesting the articles again\n```\n\n"
        "Then reload this page. docs/backup.md explains backups.",
        icon=":material/report:",
    )


def show_error(exc: Exception, what: str) -> None:
    """A library error as a readable message (never a traceback)."""
    st.error(f"{what}: {exc}")
