"""The raw rows of the events table, read from the store: one per event, for a set of articles.

What is read here belongs to the article that states it (its graph): the event's label, type,
status, times, evidence, the IRIs of its actors and place, the article's date, publisher and
headline. What may change without the article changing (names, merges, reports of the same event)
is added per store version by `kg.tables.derive`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
from rdflib import URIRef

from kg.errors import KGError
from kg.store import Store, read_query, values_block

ARTICLE_CHUNK = 400  # articles per VALUES block
_ARTICLES = re.compile(r"^[ \t]*#ARTICLES[ \t]*$", re.MULTILINE)

# The columns kept on disk for each event (besides the derived ones of kg.tables.derive).
RAW_COLUMNS = [
    "event",
    "article_iri",
    "label",
    "type",
    "status",
    "timestamp",
    "earliest",
    "latest",
    "date",
    "published",
    "publisher",
    "headline",
    "time_value",
    "time_phrase",
    "confidence",
    "quote",
    "start",
    "end",
    "quotes",
    "actor_iris",
    "place_iri",
]


ARTICLE_COLUMNS = ["article_iri", "hash", "published", "publisher"]


def read_articles(store: Store) -> pd.DataFrame:
    """Every stored article: IRI, content hash ("" when none), publication day (ISO), publisher."""
    rows = store.query(read_query("kg.tables", "hashes"), timeout=None).rows
    df = pd.DataFrame(rows, columns=ARTICLE_COLUMNS)
    df["hash"] = df["hash"].fillna("").astype(str)
    df["published"] = df["published"].map(iso)
    return df.drop_duplicates(subset=["article_iri"]).sort_values("article_iri").reset_index(drop=True)


def _run(store: Store, name: str, articles: Sequence[str], columns: list[str]) -> pd.DataFrame:
    """The query `name` for these articles (at most ARTICLE_CHUNK of them: one VALUES block)."""
    block = values_block("article", [URIRef(a) for a in articles])
    query = _ARTICLES.sub(lambda _m: "  " + block, read_query("kg.tables", name), count=1)
    return store.query(query, timeout=None).to_dataframe().reindex(columns=columns)


def _first(value: object, *others: object) -> object:
    for v in (value, *others):
        if v is not None and not (isinstance(v, float) and pd.isna(v)):
            return v
    return None


def no_rows() -> pd.DataFrame:
    """An empty frame of raw rows."""
    return pd.DataFrame(columns=RAW_COLUMNS)


def read_rows(store: Store, articles: Sequence[str] | None = None) -> pd.DataFrame:
    """One raw row per event of `articles` (None: every article), columns RAW_COLUMNS.

    Read ARTICLE_CHUNK articles at a time, each chunk's query results turned into its rows before
    the next is asked: the memory a build needs beyond the table is that of one chunk, not of
    every event's every quote and actor at once (at 10,000 articles, most of an ingest's peak).
    """
    if articles is None:
        articles = list(read_articles(store)["article_iri"])
    frames = [
        _read_chunk(store, articles[i : i + ARTICLE_CHUNK]) for i in range(0, len(articles), ARTICLE_CHUNK)
    ]
    frames = [f for f in frames if len(f)]
    if not frames:
        return no_rows()
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]


@dataclass
class WrittenRows:
    """The raw rows of articles an ingest has just written, made from the quads it wrote
    (`rows_of_quads`), so that the events table need not read them back out of the store:
    `hashes`, each article's content hash as written (its rows serve only while the store holds
    that hash); `frame`, their rows (none for an article without events)."""

    hashes: Mapping[str, str]
    frame: pd.DataFrame


class RowsOfWrites:
    """The raw rows of the articles of each write, made from the quads written (`rows_of_quads`):
    the latest write of an article is the one kept; after any failure, none (the table then reads
    the store)."""

    def __init__(self) -> None:
        self.frames: list[pd.DataFrame] = []
        self.hashes: dict[str, str] = {}
        self.at: dict[str, int] = {}
        self.failed = False

    @classmethod
    def for_store(cls, store: Store) -> RowsOfWrites | None:
        """Rows of writes to `store`, if it is Oxigraph in this process as the scratch store they
        are read from is (a server may give the same values back in other lexical forms)."""
        from kg.store.oxigraph import OxigraphStore

        return cls() if isinstance(store, OxigraphStore) else None

    def add(self, articles: Sequence[tuple[str, str]], quads: list) -> None:
        """`articles` (IRI, content hash) were just written, in one write of `quads`."""
        if self.failed:
            return
        try:
            frame = rows_of_quads(quads, [iri for iri, _h in articles])
        except KGError:
            self.failed = True
            self.frames, self.hashes, self.at = [], {}, {}
            return
        for iri, h in articles:
            self.hashes[iri], self.at[iri] = h, len(self.frames)
        self.frames.append(frame)

    def result(self) -> WrittenRows | None:
        if self.failed or not self.hashes:
            return None
        at = self.at
        frames = [f[f["article_iri"].map(at) == i] for i, f in enumerate(self.frames) if len(f)]
        frame = pd.concat(frames, ignore_index=True) if frames else no_rows()
        return WrittenRows(hashes=self.hashes, frame=frame)


def rows_of_quads(quads: Iterable, articles: Sequence[str]) -> pd.DataFrame:
    """The raw rows of `articles` read from `quads` alone, in a store of their own in memory.

    The same as `read_rows` on a store that holds these quads among others: every row query looks
    only inside each article's own graph (kg/tables/sparql), which the quads of an article's write
    fill whole."""
    from kg.store.oxigraph import OxigraphStore

    scratch = OxigraphStore(None)
    try:
        scratch.add_quads(quads)
        return read_rows(scratch, list(articles))
    finally:
        scratch.close()


def _read_chunk(store: Store, articles: Sequence[str]) -> pd.DataFrame:
    """The raw rows of a few articles (a VALUES block of each query)."""
    ev = _run(
        store,
        "events",
        articles,
        [
            "event",
            "article",
            "label",
            "type_iri",
            "status_iri",
            "timestamp",
            "earliest",
            "latest",
            "published",
            "publisher",
            "headline",
            "time_value",
            "time_phrase",
            "confidence",
        ],
    )
    if not len(ev):
        return no_rows()
    # one row per event, whatever several values a property has: the smallest type, then as read
    ev = ev.sort_values(["event", "type_iri"], kind="stable").drop_duplicates(subset=["event"])
    ev = ev.rename(columns={"article": "article_iri"})
    ev["type"] = ev.pop("type_iri").map(lambda t: str(t).rsplit("#", 1)[-1])
    ev["status"] = ev.pop("status_iri").map(lambda s: str(s).rsplit("#", 1)[-1].lower())
    # as kg/queries/timeline.rq: a day of its own is also the range's both ends
    ev["earliest"] = [_first(a, b) for a, b in zip(ev["timestamp"], ev["earliest"], strict=True)]
    ev["latest"] = [_first(a, b) for a, b in zip(ev["timestamp"], ev["latest"], strict=True)]
    ev["date"] = [_first(a, b) for a, b in zip(ev["earliest"], ev["published"], strict=True)]
    for col in DATE_COLUMNS:
        ev[col] = ev[col].map(iso)

    actors = _run(store, "actors", articles, ["event", "actor"])
    by_event: dict[str, list[str]] = {}
    for e, a in actors.itertuples(index=False):
        by_event.setdefault(e, []).append(a)
    ev["actor_iris"] = [sorted(set(by_event.get(e, ()))) for e in ev["event"]]

    places = _run(store, "places", articles, ["event", "place"])
    place = places.sort_values(["event", "place"]).drop_duplicates(subset=["event"])
    ev["place_iri"] = ev["event"].map(dict(zip(place["event"], place["place"], strict=True)))

    quotes = _run(store, "quotes", articles, ["event", "quote", "start", "end"])
    quotes = quotes.sort_values(["event", "start", "end", "quote"], kind="stable")
    first = quotes.drop_duplicates(subset=["event"]).set_index("event")
    ev["quote"] = ev["event"].map(first["quote"])
    ev["start"] = ev["event"].map(first["start"])
    ev["end"] = ev["event"].map(first["end"])
    # every sentence said of the event, lower-cased: what the text filter looks in
    said = quotes.groupby("event")["quote"].agg(lambda qs: "\n".join(sorted({str(q).lower() for q in qs})))
    ev["quotes"] = ev["event"].map(said).fillna("")
    return ev.reindex(columns=RAW_COLUMNS).reset_index(drop=True)


DATE_COLUMNS = ("timestamp", "earliest", "latest", "date", "published")


def iso(value: object) -> str | None:
    """A date or date-time as its ISO text (how the table keeps them: one type per column)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return str(value)


def from_iso(value: object) -> object:
    """The date or date-time back from `iso` (text that is neither stays text)."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else dt.datetime.fromisoformat(value)
    except ValueError:
        return value
