"""The project's exceptions, one tree.

    KGError
     +-- SourceError       an input file, record or URL cannot be read as an article
     +-- ExtractionError   the NLP pipeline cannot be loaded or fails on an article
     +-- StoreError        the store cannot be opened, read or written
     |    +-- StoreDamagedError   the store's files are damaged (says how to restore it)
     +-- QueryError        a SPARQL query is malformed, refused or too slow
     |    +-- QueryTimeout     it ran past its time limit and was stopped
     |    +-- ServerBusy       no query worker became free in time (retry later)
     +-- ExportError       an export format is unknown or cannot be written

Messages say what happened, to which input, and what is valid.
"""

from __future__ import annotations


class KGError(Exception):
    """Base of every error the library raises on purpose."""


class SourceError(KGError):
    """An input cannot be read as an article."""

    def __init__(self, message: str, *, source: str = "", where: str = "") -> None:
        self.source = source
        self.where = where
        prefix = source + (f" ({where})" if where else "")
        super().__init__(f"{prefix}: {message}" if prefix else message)
        self.reason = message


class ExtractionError(KGError):
    """The NLP pipeline cannot be loaded or fails on an article."""


class StoreError(KGError):
    """The store cannot be opened, read or written."""


class StoreDamagedError(StoreError):
    """The store's files are damaged (a corrupted table, a missing CURRENT); the message says how to restore it."""

    def __init__(self, message: str, *, location: str = "", detail: str = "") -> None:
        super().__init__(message)
        self.location = location
        self.detail = detail


class QueryError(KGError):
    """A SPARQL query is malformed, refused or took too long."""


class QueryTimeout(QueryError):
    """A query ran past its time limit and was stopped."""


class ServerBusy(QueryError):
    """Every query worker stayed busy until the query's time limit: try again later."""


class ExportError(KGError):
    """An export format is unknown or cannot be written."""
