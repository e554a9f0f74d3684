"""One article as the reader shows it: its annotated passages and the names of the entities in it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.queries.saved import _iri, load
from kg.store import DEFAULT_TIMEOUT, Store

if TYPE_CHECKING:
    import pandas as pd

ANNOTATION_COLUMNS = ["fact", "kind", "label", "start", "end", "exact", "trigger", "phrase", "status"]
MENTION_COLUMNS = ["entity", "name", "kind"]


def annotations(store: Store, article_iri: str, *, timeout: float | None = DEFAULT_TIMEOUT) -> pd.DataFrame:
    """Every annotated passage of an article in text order: fact, kind (event or role), label, start,
    end, exact quote, trigger, time phrase, status."""
    r = store.query(load("annotations"), bindings={"article": _iri(article_iri)}, timeout=timeout)
    return r.to_dataframe().reindex(columns=ANNOTATION_COLUMNS)


def mentions(store: Store, article_iri: str, *, timeout: float | None = DEFAULT_TIMEOUT) -> pd.DataFrame:
    """The entities an article mentions or its facts involve: entity, name (one row per name), kind."""
    r = store.query(load("mentions"), bindings={"article": _iri(article_iri)}, timeout=timeout)
    return r.to_dataframe().reindex(columns=MENTION_COLUMNS)
