"""What the dashboard says instead of a page: how to fill an empty store, and library errors."""

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


def show_error(exc: Exception, what: str) -> None:
    """A library error as a readable message (never a traceback)."""
    st.error(f"{what}: {exc}")
