"""The one place that knows the order of the stages: read -> extract -> resolve -> RDF -> store.

sources.read  ->  Article | SourceError
extract.extract_many  ->  Extraction | ExtractionError
resolve.link_people (against people already in the store)
rdf.to_quads  ->  the article's named graph + shared entity quads
Store.write_article (all or nothing per article)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg import extract as extract_mod
from kg import graph as rdf
from kg import resolve, sources
from kg.errors import ExtractionError, KGError, SourceError
from kg.graph.shapes import ONTOLOGY_DIR
from kg.model import Article, Extraction, entity_key
from kg.resolve.event_index import EventIndex
from kg.store import Store, to_quad


@dataclass
class IngestSummary:
    """What an ingest did: counts, failures with reasons, and the time it took."""

    read: int = 0
    new: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    events: int = 0
    entities: int = 0
    elapsed: float = 0.0
    table_events: int | None = None  # events in the events table brought up to date at the end
    table_s: float = 0.0  # the time that took (part of `elapsed`)

    @property
    def ok(self) -> bool:
        """Whether every input went in."""
        return not self.failed


def articles(
    inputs: Iterable[str | Path], *, published: dt.date | None = None, summary: IngestSummary | None = None
) -> Iterator[Article]:
    """The readable articles of the inputs; what cannot be read is noted in `summary`."""
    summary = summary if summary is not None else IngestSummary()
    for item in sources.read(inputs, published=published):
        if isinstance(item, sources.SourceWarning):
            summary.warnings.append((item.source + (f" ({item.where})" if item.where else ""), item.reason))
        elif isinstance(item, SourceError):
            summary.failed.append((item.source + (f" ({item.where})" if item.where else ""), item.reason))
        else:
            summary.read += 1
            yield item


def extractions(
    inputs: Iterable[str | Path],
    *,
    published: dt.date | None = None,
    summary: IngestSummary | None = None,
    jobs: int | str = "auto",
) -> Iterator[Extraction]:
    """Extract every readable article of the inputs (no store involved), in `jobs` processes."""
    summary = summary if summary is not None else IngestSummary()
    found = articles(inputs, published=published, summary=summary)
    for x in extract_mod.extract_many(found, n_process=jobs):
        if isinstance(x, ExtractionError):
            summary.failed.append(("extract", str(x)))
        else:
            yield x


def known_people(store: Store) -> list[resolve.Known]:
    """The people already in the store, with their aliases and the countries of their offices."""
    from kg import queries

    rows = store.query(queries.load("known_people")).records()
    out = []
    for r in rows:
        aliases = tuple(a for a in (r.get("aliases") or "").split("\x1f") if a)
        cs = tuple(c for c in (r.get("countries") or "").split("\x1f") if c)
        out.append(resolve.Known(r["name"], aliases, cs))
    return out


def link(x: Extraction, known: list[resolve.Known] | resolve.People) -> Extraction:
    """Rename an extraction's people to the names of the same people already in the store."""
    mapping = resolve.link_people(x.entities, known)
    mapping = {k: v for k, v in mapping.items() if k != v}
    if not mapping:
        return x
    ents = []
    for e in x.entities:
        if e.name in mapping:
            new = mapping[e.name]
            aliases = tuple(dict.fromkeys([*e.aliases, e.name]))
            e = replace(
                e,
                name=new,
                key=entity_key(e.type, new),
                aliases=tuple(a for a in aliases if a != new),
            )
        ents.append(e)
    evs = tuple(
        replace(
            ev,
            participants=tuple(mapping.get(p, p) for p in ev.participants),
            roles=tuple((mapping.get(p, p), r) for p, r in ev.roles),
            label=_relabel(ev.label, mapping),
        )
        for ev in x.events
    )
    return replace(x, entities=tuple(ents), events=evs)


def _relabel(label: str, mapping: dict[str, str]) -> str:
    for old, new in mapping.items():
        label = label.replace(old, new)
    return label


ONTOLOGY = ONTOLOGY_DIR / "kgo.ttl"


def ensure_ontology(store: Store) -> None:
    """Keep the project ontology in its own graph, so queries can use its classes and labels.

    The graph is replaced only when the shipped ontology changed (its hash is stored with it).
    """
    import hashlib

    from rdflib import Graph, Literal, URIRef

    from kg.graph.namespaces import KGO, base_iri

    text = ONTOLOGY.read_bytes()
    digest = hashlib.sha256(text).hexdigest()
    g = URIRef(base_iri() + "graph/ontology")
    if store.article_hash(str(g)) == digest:
        return
    from rdflib import BNode
    from rdflib.compare import to_canonical_graph

    # blank nodes (the status list) get stable names, so every store holds the same triples
    onto = to_canonical_graph(Graph().parse(data=text.decode("utf-8"), format="turtle"))

    def stable(t):
        return URIRef(f"{base_iri()}genid/{t}") if isinstance(t, BNode) else t

    quads = [(stable(s_), p_, stable(o_), g) for s_, p_, o_ in onto]
    quads.append((g, KGO.contentHash, Literal(digest), g))
    store.write_article(str(g), quads)


def ingest(
    inputs: Iterable[str | Path],
    store: Store,
    *,
    published: dt.date | None = None,
    force: bool = False,
    jobs: int | str = "auto",
    cluster: str | None = None,
    on_article: Callable[[str, str], None] | None = None,
    tables: str | Path | None = None,
) -> IngestSummary:
    """Read, extract and store every article of the inputs; one bad article never stops the rest.

    An article already stored with the same content hash is skipped unless `force`.
    `on_article(article_id, outcome)` is called after each article (for progress bars).
    `jobs` > 1 extracts in that many processes, "auto" on every core once the input holds enough
    articles (kg.extract.parallel); `cluster` (a Dask address
    or `local:N`) extracts on a cluster instead (kg.cluster). Writing stays in this process.
    `tables`: the folder of the store's events table (kg.tables.table_dir), brought up to date at
    the end from the articles this ingest changed; None leaves the table to the next reader.
    """
    t0 = time.perf_counter()
    summary = IngestSummary()
    ensure_ontology(store)
    table_base = _forget_table(tables) if tables is not None and force else None
    known = resolve.People(known_people(store))
    stored: dict[str, bool] = {}  # whether an article was in the store when it was read (not forced)

    def todo() -> Iterator[Article]:
        for a in articles(inputs, published=published, summary=summary):
            iri = str(rdf.article_iri(a.id))
            if not force:
                h = store.article_hash(iri)
                if h == a.content_hash:
                    summary.unchanged += 1
                    if on_article:
                        on_article(a.id, "unchanged")
                    continue
                stored[iri] = h is not None
            yield a

    if cluster:
        from kg import cluster as cluster_mod

        results = cluster_mod.extract_many(todo(), address=cluster)
    else:
        results = extract_mod.extract_many(todo(), n_process=jobs)
    writer = _Writer(store, summary, on_article)
    if tables is not None:
        from kg.tables.rows import RowsOfWrites

        writer.made = RowsOfWrites.for_store(store)
    index: EventIndex | None = None  # the stored events, read when the first article needs them
    try:
        for x in results:
            if isinstance(x, ExtractionError):
                summary.failed.append(("extract", str(x)))
                if on_article:
                    on_article("?", "failed")
                continue
            try:
                x = link(x, known)
                parts = rdf.to_quads(x)
                # the store was asked when the article was read: again only if this ingest wrote it since
                iri, was = parts.article_iri, stored.pop(parts.article_iri, None)
                if was is None or iri in writer.written:
                    was = store.article_hash(iri) is not None
                existed = iri in writer.iris or was
                if index is None:
                    index = writer.index = EventIndex.from_store(store)
                same = index.links(parts.article_iri, parts.quads)
            except KGError as exc:
                writer.fail(x, exc)
                continue
            if existed:
                # a replaced article is written on its own, after the batch before it, so that the
                # articles after it link to its new events, never its old ones
                writer.flush()
                writer.write_one(x, parts, same, replaced=True)
            else:
                writer.queue(x, parts, same)
            _grow(known, x)
    finally:
        writer.flush()
    if tables is not None:
        from kg import tables as tables_mod

        t1 = time.perf_counter()
        table = tables_mod.refresh(
            store,
            tables,
            known=table_base,
            changed=writer.written,
            written=writer.made and writer.made.result(),
        )
        summary.table_events, summary.table_s = len(table.frame), time.perf_counter() - t1
    summary.elapsed = time.perf_counter() - t0
    return summary


def _forget_table(folder: str | Path):
    """The events table in `folder`, taken out of use on disk before a forced re-extraction.

    A forced run rewrites articles whose content hash stays the same, and a table is updated from
    the articles whose hash changed: were the run interrupted, the table on disk would keep their
    old rows. So the next refresh builds it from scratch, unless this run ends and updates it from
    the table kept here and the articles it wrote.
    """
    from kg import tables as tables_mod

    table = tables_mod.load(Path(folder))
    tables_mod.forget_articles(folder)
    return table


BATCH_ARTICLES = 32  # new articles written in one transaction
BATCH_SECONDS = 2.0  # at most this long between commits, so readers beside an ingest see it move
# articles between two flushes of the store: RocksDB otherwise keeps growing its write buffers
# (measured: +940 MB over 1,800 articles unflushed, +250 MB flushed every 320; docs/performance.md)
FLUSH_ARTICLES = 256


class _Writer:
    """New articles written in multi-article transactions, each batch all or nothing.

    A batch is one `add_quads` request (one Oxigraph transaction, one SPARQL Update request to a
    server), so an interrupted ingest leaves whole articles or none of a batch; the next run
    extracts what is missing. Each article's events go into `index` (the same-event candidates,
    kg.resolve.event_index) as it is queued, so that the articles after it link to them as if
    each article had been written on its own; an article whose write fails is taken out again,
    and a replaced one's old events give way to its new ones once it is written. A batch the store
    refuses is written article by article, so that only the article at fault fails.
    """

    def __init__(self, store: Store, summary: IngestSummary, on_article: Callable[[str, str], None] | None):
        self.store, self.summary, self.on_article = store, summary, on_article
        self.made = None  # kg.tables.rows.RowsOfWrites: the events-table rows of what is written
        self.pending: list[tuple[Extraction, rdf.GraphParts, list]] = []
        self.iris: set[str] = set()
        self.written: set[str] = set()  # every article written so far (the events table reads them)
        self.unflushed = 0
        self.index: EventIndex | None = None
        self.started = 0.0

    def queue(self, x: Extraction, parts: rdf.GraphParts, same: list) -> None:
        if not self.pending:
            self.started = time.monotonic()
        self.pending.append((x, parts, same))
        self.iris.add(parts.article_iri)
        if self.index is not None:
            self.index.add(parts.article_iri, parts.quads)
        if len(self.pending) >= BATCH_ARTICLES or time.monotonic() - self.started >= BATCH_SECONDS:
            self.flush()

    def flush(self) -> None:
        batch, self.pending, self.iris = self.pending, [], set()
        if not batch:
            return
        quads = [q for _x, p, same in batch for q in (*p.quads, *same, *p.shared_quads)]
        if self.made is not None:  # pyoxigraph terms once, for the store and for the table's rows
            quads = [to_quad(q) for q in quads]
        try:
            self.store.add_quads(quads)
        except KGError:
            for x, parts, same in batch:
                self.write_one(x, parts, same, replaced=False)
            return
        for x, parts, _same in batch:
            self.done(x, parts, replaced=False)
        self.make_rows([(x, p) for x, p, _same in batch], quads)

    def write_one(self, x: Extraction, parts: rdf.GraphParts, same: list, *, replaced: bool) -> None:
        try:
            self.store.write_article(
                parts.article_iri, [*parts.quads, *same], shared_quads=parts.shared_quads
            )
        except KGError as exc:
            if self.index is not None and not replaced:
                self.index.remove(parts.article_iri)  # queued, never stored
            self.fail(x, exc)
            return
        if self.index is not None and replaced:
            self.index.add(parts.article_iri, parts.quads)  # its old events give way to these
        self.done(x, parts, replaced=replaced)
        self.make_rows([(x, parts)], [*parts.quads, *same, *parts.shared_quads])

    def make_rows(self, articles: list[tuple[Extraction, rdf.GraphParts]], quads: list) -> None:
        if self.made is not None:
            self.made.add([(p.article_iri, x.article.content_hash) for x, p in articles], quads)

    def done(self, x: Extraction, parts: rdf.GraphParts, *, replaced: bool) -> None:
        self.written.add(parts.article_iri)
        self.unflushed += 1
        if self.unflushed >= FLUSH_ARTICLES:
            self.unflushed = 0
            # what is committed is in the write-ahead log already: a flush that fails loses nothing
            with contextlib.suppress(KGError):
                self.store.flush()
        if replaced:
            self.summary.replaced += 1
        else:
            self.summary.new += 1
        self.summary.events += len(x.events)
        self.summary.entities += len(x.entities)
        if self.on_article:
            self.on_article(x.article.id, "new")

    def fail(self, x: Extraction, exc: KGError) -> None:
        self.summary.failed.append((x.article.origin or x.article.id, str(exc)))
        if self.on_article:
            self.on_article(x.article.id, "failed")


def _grow(known: resolve.People, x: Extraction) -> None:
    """Add an article's people to the known people, so later articles link to them."""
    for e in x.entities:
        if e.type != "Person":
            continue
        have = known.info.get(e.name)
        cs = tuple(r.of for r in e.roles if r.of)
        if have is None:
            known.add(resolve.Known(e.name, e.aliases, cs))
        else:
            known.add(
                resolve.Known(
                    e.name,
                    tuple(dict.fromkeys(have.aliases + e.aliases)),
                    tuple(dict.fromkeys(have.countries + cs)),
                )
            )
