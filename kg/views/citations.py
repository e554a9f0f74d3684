"""The citation table: one row per fact with article, date and quote."""

from __future__ import annotations

import pandas as pd

from kg.views.common import _day, _text, date_precision

# -- citations ----------------------------------------------------------------------------------
CITATION_COLUMNS = [
    "fact",
    "label",
    "type",
    "status",
    "date",
    "date_precision",
    "participants",
    "place",
    "article",
    "headline",
    "published",
    "source",
    "quote",
    "start",
    "end",
    "confidence",
]


def citation_table(events: pd.DataFrame) -> pd.DataFrame:
    """One row per fact with the article, its date and the exact quote that states it."""
    rows = []
    for r in events.to_dict("records"):
        rows.append(
            {
                "fact": r.get("event"),
                "label": r.get("label"),
                "type": r.get("type"),
                "status": r.get("status"),
                "date": _day(r.get("date")),
                "date_precision": date_precision(r),
                "participants": r.get("participants"),
                "place": _text(r.get("place")),
                "article": r.get("article_iri"),
                "headline": r.get("headline"),
                "published": _day(r.get("published")),
                "source": _text(r.get("source")),
                "quote": _text(r.get("quote")),
                "start": r.get("start"),
                "end": r.get("end"),
                "confidence": r.get("confidence"),
            }
        )
    return pd.DataFrame(rows, columns=CITATION_COLUMNS)
