"""Extraction of one article: clean -> NLP -> entities, roles, times, events -> `Extraction`.

`to_json` renders an `Extraction` in the evaluation contract (see docs/extract-json.md): the shape
`kg extract` prints and `score.py` reads.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from kg import __version__
from kg.errors import ExtractionError
from kg.extract import canonical, entities, events, nlp, parallel, roles
from kg.extract import time as timex
from kg.extract.events import coref, when
from kg.extract.nlp import text_of
from kg.model import Article, Entity, Event, Extraction, Span, entity_key
from kg.sources import furniture as clean

EXTRACTOR = "kg-rules"
BATCH_SIZE = 16  # articles extracted together (a worker's task of kg.extract.parallel)
# documents spaCy runs its models on at once: its peak memory grows with the number (measured on
# 500-word articles: 141 MB above the model for 16 documents, 39 MB for 4) and its speed does not
SPACY_BATCH = 4


def prepare(article: Article) -> tuple[str, tuple[tuple[tuple[Span, str], ...], Span | None]]:
    """The text the NLP reads (furniture blanked, same offsets), the furniture with its reasons, the headline."""
    cleaned = clean.clean(article.text, title=article.title)
    return cleaned.text, (cleaned.furniture, clean.headline(cleaned.text, title=article.title))


def extract(article: Article) -> Extraction:
    """Extract entities, roles, time expressions and events from one article."""
    result = next(extract_many([article]))
    if isinstance(result, ExtractionError):
        raise result
    return result


def extract_many(
    articles: Iterable[Article], *, n_process: int | str = 1, batch_size: int = BATCH_SIZE
) -> Iterator[Extraction | ExtractionError]:
    """Extract many articles, streaming them through spaCy in batches, in input order.

    A failure on one article is yielded as an `ExtractionError` naming it; the rest go on. When
    spaCy itself fails inside a batch, that batch is parsed again one article at a time so that
    only the article at fault is lost. `n_process` > 1 extracts in that many worker processes,
    "auto" on every core once the input is large enough (`kg.extract.parallel`).
    """
    processes, articles = parallel.plan(articles, n_process)
    if processes > 1:
        yield from parallel.extract_parallel(
            articles, processes, batch_size, functools.partial(_extract_batch, batch_size=batch_size)
        )
        return
    model = nlp.load()
    chunk: list[tuple[str, tuple]] = []
    for a in articles:
        try:
            text, extra = prepare(a)
        except Exception as exc:  # the cleaner failing on one article must not stop a corpus
            yield _failed(a, exc)
            continue
        chunk.append((text, (a, extra)))
        if len(chunk) >= batch_size:
            yield from _parse(model, chunk, batch_size)
            chunk = []
    if chunk:
        yield from _parse(model, chunk, batch_size)


def _extract_batch(articles: list[Article], batch_size: int) -> list[Extraction | ExtractionError]:
    """One batch in this process (what a worker of `kg.extract.parallel` runs)."""
    return list(extract_many(articles, batch_size=batch_size))


def _failed(article: Article, exc: Exception) -> ExtractionError:
    return ExtractionError(f"{article.origin or article.id}: extraction failed: {type(exc).__name__}: {exc}")


def _parse(model, chunk: list, batch_size: int) -> Iterator[Extraction | ExtractionError]:
    try:
        docs = list(model.pipe(chunk, as_tuples=True, batch_size=min(batch_size, SPACY_BATCH)))
    except Exception as exc:
        if len(chunk) == 1:
            yield _failed(chunk[0][1][0], exc)
            return
        for item in chunk:  # find the article at fault; the others go through
            yield from _parse(model, [item], batch_size)
        return
    for doc, (article, (furniture, head)) in docs:
        try:
            yield from_doc(article, doc, furniture, headline=head)
        except Exception as exc:  # a bug on one article must not stop a corpus
            yield _failed(article, exc)


def from_doc(
    article: Article,
    doc: Doc,
    furniture: tuple[tuple[Span, str], ...] = (),
    *,
    headline: Span | None = None,
) -> Extraction:
    """The extraction of an article whose cleaned text is already parsed into `doc`."""
    mentions = entities.find_mentions(doc, headline=headline)
    titles = roles.find_titles(doc, mentions)
    resolved = canonical.resolve_article(mentions, titles)
    timexes = timex.find_timexes(doc, article.published)
    ents = list(resolved.entities)
    mentions_ev = events.find_events(doc, ents, timexes)
    people = {
        e.name: {w.lower() for r in e.roles for w in r.title.split()} for e in ents if e.type == "Person"
    }
    countries_of = {e.name: r.of for e in ents if e.type == "Person" for r in e.roles[:1] if r.of}
    merged = coref.merge(mentions_ev, people=people, countries_of=countries_of, headline=headline)
    events.name_the_unnamed(merged)
    events.add_hosts(merged, ents)
    when.date_events(doc, merged, timexes, article.published, headline=headline)
    evs = _to_events(article, merged, article.published)
    ents = _add_actors(ents, evs)
    notes = () if article.published else ("publication date unknown: relative times are left unresolved",)
    sentences = tuple(Span.of(text_of(doc), s.start_char, s.end_char) for s in doc.sents if s.text.strip())
    return Extraction(
        article=article,
        entities=tuple(ents),
        events=tuple(evs),
        timexes=tuple(timexes),
        furniture=tuple(span for span, _ in furniture),
        furniture_reasons=tuple(reason for _, reason in furniture),
        sentences=sentences,
        extractor=EXTRACTOR,
        version=f"{__version__}+{nlp.model_name()}",
        notes=notes,
    )


def _label(e: events.EventMention) -> str:
    who = " – ".join(e.participants[:3]) if e.participants else "unnamed parties"
    where = f" in {e.place}" if e.place else ""
    return f"{e.type}: {who}{where}"


def _to_events(article: Article, merged: list[events.EventMention], published: dt.date | None) -> list[Event]:
    keys = {}
    out = []
    for m in merged:
        trig = Span.of(text_of(m.trigger.doc), m.trigger.idx, m.trigger.idx + len(m.trigger.text))
        key = events.event_key(article.id, m.type, trig)
        if key in keys.values() and m.timex is not None:
            # one noun, several dates ("meetings on Dec 9 and Jan 13"): one event per date
            key = events.event_key(article.id, f"{m.type}@{m.timex.value}", trig)
        keys[id(m)] = key
    for m in merged:
        trig = Span.of(text_of(m.trigger.doc), m.trigger.idx, m.trigger.idx + len(m.trigger.text))
        cameo, plover = events.codes(m.type, m.kind)
        value = m.timex.value if m.timex is not None else None
        out.append(
            Event(
                key=keys[id(m)],
                type=m.type,
                label=_label(m),
                participants=tuple(m.participants),
                status=m.status,
                evidence=m.evidence,
                trigger=trig,
                place=m.place,
                timex=m.timex,
                date=value,
                confidence=round(m.confidence, 3),
                cameo=cameo,
                plover=plover,
                roles=tuple(m.parts),
                related=(keys[id(m.about)],) if m.about is not None and id(m.about) in keys else (),
                kind=m.kind,
                date_from=m.dated_by if m.timex is not None else None,
            )
        )
    return out


def _add_actors(ents: list[Entity], evs: list[Event]) -> list[Entity]:
    """Countries that act only through their capital ("officials from Washington") become entities."""
    names = {e.name for e in ents}
    for ev in evs:
        for p in ev.participants:
            if p not in names:
                names.add(p)
                ents.append(canonical._locate(Entity(key=entity_key("Place", p), name=p, type="Place"), []))
    return ents


def to_json(x: Extraction) -> dict:
    """The evaluation JSON of an extraction (the `kg extract` contract)."""
    a = x.article
    return {
        "id": a.id,
        "title": a.title,
        "published": a.published.isoformat() if a.published else None,
        "url": a.url or None,
        "source": a.source or None,
        "extractor": {"name": x.extractor, "version": x.version},
        "notes": list(x.notes),
        "entities": [_entity_json(e) for e in x.entities],
        "events": [_event_json(e) for e in x.events],
        "timexes": [
            {
                "text": t.span.text,
                "value": t.value,
                "type": t.type,
                "start": t.span.start,
                "end": t.span.end,
            }
            for t in x.timexes
        ],
        "furniture": [
            {"start": s.start, "end": s.end, "text": s.text, "reason": r}
            for s, r in zip(x.furniture, x.furniture_reasons or ("",) * len(x.furniture), strict=True)
        ],
    }


def _entity_json(e: Entity) -> dict:
    d: dict = {"name": e.name, "type": e.type, "aliases": list(e.aliases)}
    if e.type == "Person":
        d["roles"] = [
            {
                "title": r.title,
                "of": r.of,
                "evidence": {"start": r.evidence.start, "end": r.evidence.end, "text": r.evidence.text},
            }
            for r in e.roles
        ]
    if e.type == "Place":
        d["country"] = e.country
        if e.lat is not None:
            d["lat"], d["lon"] = e.lat, e.lon
        if e.geonames_id is not None:
            d["geonames_id"] = e.geonames_id
    d["mentions"] = [{"start": s.start, "end": s.end} for s in e.mentions]
    return d


def _event_json(e: Event) -> dict:
    return {
        "id": e.key,
        "type": e.type,
        "kind": e.kind,
        "label": e.label,
        "participants": list(e.participants),
        "roles": [{"name": n, "part": p} for n, p in e.roles],
        "place": e.place,
        "date": e.date,
        "date_from": e.date_from,
        "time_text": (e.timex.span.text or None) if e.timex else None,
        "status": e.status,
        "evidence": e.evidence.text,
        "evidence_start": e.evidence.start,
        "evidence_end": e.evidence.end,
        "trigger": e.trigger.text,
        "confidence": e.confidence,
        "cameo": e.cameo,
        "plover": e.plover,
        "related": list(e.related),
    }
