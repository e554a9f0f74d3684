"""Sources: every input kind read as `Article` values, decoded, dated, and cleaned of page furniture.

The first stage of the flow. It owns reading files, folders, records and URLs (`readers`,
`formats`, `records`), turning bytes into text (`decoding`), publication dates (`dates`) and the
furniture cleaner that blanks menus, captions and related links while keeping offsets
(`furniture`); and, in `collect/`, building a JSONL corpus from feeds, sitemaps, URL files and
GDELT before any of that (`kg collect`). It imports only `kg` (the version), `kg.model` and
`kg.errors`; nothing downstream (extract, store, queries, views, the dashboard) is ever imported
here.

Public functions:
    read(inputs, *, published=None, max_bytes=...)   articles and SourceErrors, streamed, never raised
    article_from_text(text, *, id, ...)              one article from plain text
    sidecar(path)                                     metadata from a `<stem>.json` beside a text
    parse_date(value)                                 a publication date from a string, or None
    furniture.clean(text, *, title="")                the text with furniture blanked, and why
"""

from __future__ import annotations

from kg.sources.dates import parse_date
from kg.sources.readers import read
from kg.sources.records import (
    MAX_ARTICLE_BYTES,
    MAX_COLLECTION_BYTES,
    MAX_HTML_DEPTH,
    SUFFIXES,
    URL_TIMEOUT,
    SourceWarning,
    article_from_text,
    sidecar,
)

__all__ = [
    "MAX_ARTICLE_BYTES",
    "MAX_COLLECTION_BYTES",
    "MAX_HTML_DEPTH",
    "SUFFIXES",
    "URL_TIMEOUT",
    "SourceWarning",
    "article_from_text",
    "parse_date",
    "read",
    "sidecar",
]
