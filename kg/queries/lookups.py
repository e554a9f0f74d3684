"""Lookups of one thing: roles held, evidence, entities, articles and their text, reports of an event, dates."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rdflib import URIRef

from kg.graph.namespaces import SCHEMA
from kg.model import ENTITY_TYPES
from kg.queries.saved import _canon, _check, _clusters, _Filters, _iri, _run, load
from kg.store import DEFAULT_TIMEOUT, Store

if TYPE_CHECKING:
    import pandas as pd


def roles(store: Store, person_iri: str) -> pd.DataFrame:
    """The roles a person is said to hold: title, of (country/organisation), article, date, quote."""
    import pandas as pd

    columns = ["title", "of", "of_iri", "article", "headline", "date", "quote", "start", "end", "membership"]
    cluster = _clusters(_canon(store), [person_iri])
    frames = [_run(store, load("roles"), {"person": _iri(p)}, columns) for p in cluster]
    df = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    # "President Trump" in one article and "U.S. President Trump" in another are one office:
    # a title stated without its country takes the country it is stated with elsewhere, if only one
    if len(df):
        key = df["title"].astype(str).str.casefold()
        for title in set(key[df["of"].isna()]):
            known = df[(key == title) & df["of"].notna()][["of", "of_iri"]].drop_duplicates()
            if len(known) == 1:
                gap = (key == title) & df["of"].isna()
                df.loc[gap, "of"] = known.iloc[0]["of"]
                df.loc[gap, "of_iri"] = known.iloc[0]["of_iri"]
    return df


EVIDENCE_COLUMNS = ["article", "headline", "published", "source", "url", "quote", "start", "end",
                    "confidence", "extractor", "version", "annotation"]  # fmt: skip


def evidence(store: Store, fact_iri: str) -> pd.DataFrame:
    """The articles and sentences behind a fact (event or role held), one row per annotation."""
    return _run(store, load("evidence"), {"fact": _iri(fact_iri)}, EVIDENCE_COLUMNS)


def entities(
    store: Store, type: str | None = None, *, timeout: float | None = DEFAULT_TIMEOUT
) -> pd.DataFrame:
    """Entities with name, type, aliases, n_events, n_articles; `type` is Person, Organization or Place.
    `timeout=None` for a caller that must have the whole list (the events table an ingest ends with)."""
    f = _Filters()
    if type is not None:
        (t,) = _check([type], ENTITY_TYPES, "entity type")
        f.add(f"FILTER(?class = {f.bind('class', SCHEMA[t])})")
    columns = ["entity", "name", "type", "aliases", "n_events", "n_articles"]
    df = _run(store, f.apply(load("entities")), f.bindings, columns, timeout=timeout)
    canon = _canon(store, timeout=timeout)
    if not canon or not len(df):
        return df
    # a merged entity's names become aliases of the one it was merged into
    extra: dict[str, list[str]] = {}
    counts: dict[str, tuple[int, int]] = {}
    for row in df[df["entity"].isin(canon)].itertuples():
        c = canon[row.entity]
        extra.setdefault(c, []).extend([row.name, *[a for a in str(row.aliases or "").split("; ") if a]])
        e, a = counts.get(c, (0, 0))
        counts[c] = (e + int(row.n_events or 0), a + int(row.n_articles or 0))
    df = df[~df["entity"].isin(canon)].copy()
    for i, row in df.iterrows():
        if row["entity"] in extra:
            have = [a for a in str(row["aliases"] or "").split("; ") if a]
            df.at[i, "aliases"] = "; ".join(
                dict.fromkeys(have + [x for x in extra[row["entity"]] if x != row["name"]])
            )
            e, a = counts[row["entity"]]
            df.at[i, "n_events"] = int(row["n_events"] or 0) + e
            df.at[i, "n_articles"] = int(row["n_articles"] or 0) + a
    return df.reset_index(drop=True)


def articles(store: Store) -> pd.DataFrame:
    """Every stored article: article, headline, published, source, url, content_hash, n_events."""
    columns = ["article", "headline", "published", "source", "url", "content_hash", "n_events"]
    return _run(store, load("articles"), {}, columns)


def article_text(store: Store, article_iri: str) -> str | None:
    """The stored text of an article (the offsets of every evidence selector index into it)."""
    r = store.query(load("article_text"), bindings={"article": _iri(article_iri)})
    return r.rows[0][0] if r.rows else None


def reports(store: Store, event_iri: str) -> pd.DataFrame:
    """Every report of the same happening as `event_iri` (kg.resolve.same_event): event, status, article, headline,
    published, source, quote — one row per event, this one included."""
    import pandas as pd

    from kg.resolve.same_event import clusters

    groups = clusters(store)
    root = groups.get(str(event_iri), str(event_iri))
    members = sorted(e for e, r in groups.items() if r == root) or [str(event_iri)]
    rows = []
    for e in members:
        status = store.query(load("event_status"), bindings={"event": URIRef(e)}).rows
        ev = evidence(store, e)
        first = ev.iloc[0].to_dict() if len(ev) else {}
        rows.append(
            {
                "event": e,
                "status": str(status[0][0]).rsplit("#", 1)[-1].lower() if status else None,
                **{k: first.get(k) for k in ("article", "headline", "published", "source", "quote")},
            }
        )
    return pd.DataFrame(
        rows, columns=["event", "status", "article", "headline", "published", "source", "quote"]
    )


def date_range(store: Store) -> tuple[dt.date, dt.date] | None:
    """The first and last day any event or article of the store touches, or None when empty."""
    rows = store.query(load("date_range")).rows
    first, last = rows[0] if rows else (None, None)
    if not isinstance(first, dt.date) or not isinstance(last, dt.date):
        return None
    return first, last
