"""The in-memory same-event index of an ingest gives the links that `same_event.links` gives
against a store holding the same articles: same actors or not, days that overlap or not, undated
reports near their article's day or far from it, denials, long ranges beside single days."""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest
from rdflib import RDF, Literal, URIRef
from rdflib.namespace import XSD

from kg.graph.namespaces import KGO, SCHEMA, SEM
from kg.resolve import same_event
from kg.resolve.event_index import EventIndex
from kg.store import open_store

BASE = "https://example.org/kg/"
ACTORS = [URIRef(f"{BASE}person/p{i}") for i in range(6)]
TYPES = [KGO.Meeting, KGO.Summit, KGO.Visit, KGO.Statement, KGO.PhoneCall, KGO.Agreement]
STATUSES = [KGO.Occurred, KGO.Occurred, KGO.Planned, KGO.Negated, None]
DAY0 = dt.date(2024, 3, 1)


def _day(rng: random.Random) -> dt.date:
    return DAY0 + dt.timedelta(days=rng.randrange(120))


def article(rng: random.Random, n: int) -> tuple[str, list[tuple]]:
    """One article's graph: a few events with random actors, classes, statuses and times."""
    iri = URIRef(f"{BASE}article/a{n}")
    quads: list[tuple] = [(iri, RDF.type, SCHEMA.NewsArticle, iri)]
    if rng.random() < 0.9:  # now and then an article without a date
        quads.append((iri, SCHEMA.datePublished, Literal(_day(rng), datatype=XSD.date), iri))
    for k in range(rng.randrange(1, 5)):
        e = URIRef(f"{BASE}event/a{n}e{k}")
        quads += [(e, RDF.type, SEM.Event, iri), (e, RDF.type, rng.choice(TYPES), iri)]
        for a in rng.sample(ACTORS, rng.randrange(0, 3)):
            quads.append((e, SEM.hasActor, a, iri))
        status = rng.choice(STATUSES)
        if status is not None:
            quads.append((e, KGO.status, status, iri))
        when = rng.random()
        if when < 0.4:  # one day
            quads.append((e, SEM.hasTimeStamp, Literal(_day(rng), datatype=XSD.date), iri))
        elif when < 0.7:  # a range: a few days, a month, now and then most of a year
            lo = _day(rng)
            hi = lo + dt.timedelta(days=rng.choice([2, 6, 30, 300]))
            quads.append((e, SEM.hasEarliestBeginTimeStamp, Literal(lo, datatype=XSD.date), iri))
            quads.append((e, SEM.hasLatestEndTimeStamp, Literal(hi, datatype=XSD.date), iri))
        elif when < 0.8:  # only one bound of a range: counts as undated
            quads.append((e, SEM.hasEarliestBeginTimeStamp, Literal(_day(rng), datatype=XSD.date), iri))
    return str(iri), quads


def corpus(seed: int, n: int) -> list[tuple[str, list[tuple]]]:
    rng = random.Random(seed)
    return [article(rng, i) for i in range(n)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_index_links_as_the_store_does_article_by_article(seed):
    arts = corpus(seed, 60)
    index = EventIndex()
    linked = unlinked = 0
    with open_store() as st:
        for iri, quads in arts:
            want = same_event.links(st, iri, quads)
            got = index.links(iri, quads)
            assert got == want, iri
            linked += len(got)
            unlinked += len({q[0] for q in quads if q[1] == RDF.type}) - len({q[0] for q in got})
            st.add_quads([*quads, *got])
            index.add(iri, quads)
    # the corpus holds both: events that find earlier reports and events that do not
    assert linked > 20 and unlinked > 20


def test_index_read_from_a_store_is_the_index_built_as_articles_came():
    arts = corpus(7, 80)
    grown = EventIndex()
    with open_store() as st:
        for iri, quads in arts[:-10]:
            st.add_quads(quads)
            grown.add(iri, quads)
        read = EventIndex.from_store(st)
        assert len(read) == len(grown) > 0
        for iri, quads in arts[-10:]:
            want = same_event.links(st, iri, quads)
            assert read.links(iri, quads) == grown.links(iri, quads) == want


def test_a_removed_or_replaced_article_is_no_longer_a_candidate():
    arts = corpus(5, 40)
    index = EventIndex()
    with open_store() as st:
        for iri, quads in arts[:30]:
            st.add_quads(quads)
            index.add(iri, quads)
        # take one article away from both; replace another by a different article's events
        gone_iri, gone_quads = arts[3]
        st.delete_article(gone_iri)
        index.remove(gone_iri)
        old_iri, _ = arts[4]
        _, other = arts[35]
        renamed = [
            (URIRef(str(s).replace("a35", "a4")), p, o, URIRef(old_iri))
            for s, p, o, _g in other
            if not (p == RDF.type and o == SCHEMA.NewsArticle)
        ] + [(URIRef(old_iri), RDF.type, SCHEMA.NewsArticle, URIRef(old_iri))]
        st.write_article(old_iri, renamed)
        index.add(old_iri, renamed)
        for iri, quads in arts[30:35] + [arts[36]]:
            assert index.links(iri, quads) == same_event.links(st, iri, quads)
        # the removed article's events are found again once it is back
        index.add(gone_iri, gone_quads)
        probe_iri, probe = arts[37]
        st.add_quads(gone_quads)
        assert index.links(probe_iri, probe) == same_event.links(st, probe_iri, probe)


@pytest.mark.parametrize("compact_after", [0, 10_000])
def test_many_removals_and_replacements_keep_the_links_of_the_store(monkeypatch, compact_after):
    from kg.resolve import event_index

    # 0: the arrays are rebuilt without the removed articles' events at nearly every removal
    monkeypatch.setattr(event_index, "COMPACT_AFTER", compact_after)
    arts = corpus(11, 70)
    index = EventIndex()
    with open_store() as st:
        for iri, quads in arts[:50]:
            st.add_quads(quads)
            index.add(iri, quads)
        for k in range(50):  # two articles in three go; one in five of those comes back
            if k % 3 == 0:
                continue
            iri, quads = arts[k]
            st.delete_article(iri)
            index.remove(iri)
            if k % 5 == 0:
                st.add_quads(quads)
                index.add(iri, quads)
        for k in range(1, 50, 7):  # and some are written again over themselves
            iri, quads = arts[k]
            st.write_article(iri, quads)
            index.add(iri, quads)
        assert len(index) == len(EventIndex.from_store(st))
        found = 0
        for iri, quads in arts[50:]:
            got = index.links(iri, quads)
            assert got == same_event.links(st, iri, quads), iri
            found += len(got)
        assert found > 10


class _AskTheStore:
    """The search an ingest made before the index: `same_event.links` against the store."""

    def __init__(self, store) -> None:
        self.store = store

    @classmethod
    def from_store(cls, store) -> _AskTheStore:
        return cls(store)

    def links(self, article_iri: str, quads: list[tuple]) -> list[tuple]:
        return same_event.links(self.store, article_iri, quads)

    def add(self, article_iri: str, quads) -> None:
        pass

    def remove(self, article_iri: str) -> None:
        pass


# Short articles written for this test: one meeting reported three times (planned, held, talked of
# after), a phone call and a visit by the same man, and a meeting of the same pair months later.
TEXTS = [
    ("b1", "2024-05-06", "Chancellor Olaf Scholz will meet President Emmanuel Macron in Paris on Thursday."),
    ("b2", "2024-05-10", "Chancellor Olaf Scholz met President Emmanuel Macron in Paris on Thursday."),
    ("b3", "2024-05-11", "Foreign Minister Anna Berg of Norway spoke by phone with Omar Hale on Friday."),
    ("b4", "2024-05-12", "Prime Minister Omar Hale visited Oslo on Saturday, the ministry said."),
    ("b5", "2024-05-14", "Macron and Scholz held talks in Paris last Thursday, officials said."),
    ("b6", "2024-09-20", "Chancellor Olaf Scholz met President Emmanuel Macron in Berlin on Monday."),
]


@pytest.mark.model
def test_an_ingest_writes_the_links_of_asking_the_store_article_by_article(tmp_path, monkeypatch):
    from kg import pipeline

    corpus = tmp_path / "c.jsonl"
    rows = [{"id": i, "published": d, "text": t, "source": "Test Wire"} for i, d, t in TEXTS]
    # the second half comes in a second ingest: its index is read from the store
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows[:3]), encoding="utf-8")
    more = tmp_path / "d.jsonl"
    more.write_text("".join(json.dumps(r) + "\n" for r in rows[3:]), encoding="utf-8")

    def snapshot(st) -> list[str]:
        quads = st.dataset().quads()
        return sorted(" ".join((str(g), str(s), str(o))) for s, p, o, g in quads if p == KGO.sameEventAs)

    with open_store() as indexed:
        assert pipeline.ingest([corpus], indexed).ok and pipeline.ingest([more], indexed).ok
        want = snapshot(indexed)
    monkeypatch.setattr(pipeline, "EventIndex", _AskTheStore)
    monkeypatch.setattr(pipeline, "BATCH_ARTICLES", 1)  # each article stored before the next is searched
    with open_store() as asked:
        assert pipeline.ingest([corpus], asked).ok and pipeline.ingest([more], asked).ok
        got = snapshot(asked)
    assert got == want
    # the three reports of the May meeting are linked; the September meeting is not
    linking = {q.split()[0].rsplit("/", 1)[-1] for q in want}
    assert linking == {"b2", "b5"} and len(want) == 3


@pytest.mark.model
def test_a_replaced_article_old_events_are_no_candidates_for_the_articles_after_it(tmp_path, monkeypatch):
    from kg import pipeline

    rows = [{"id": i, "published": d, "text": t, "source": "Test Wire"} for i, d, t in TEXTS]
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text("".join(json.dumps(r) + "\n" for r in rows[:2]), encoding="utf-8")
    # b1 again with another text (the September meeting), then a later report of the May meeting
    again = {**rows[0], "published": rows[5]["published"], "text": rows[5]["text"]}
    second.write_text("".join(json.dumps(r) + "\n" for r in [again, rows[4]]), encoding="utf-8")

    def links(st) -> list[str]:
        quads = st.dataset().quads()
        return sorted(" ".join((str(g), str(s), str(o))) for s, p, o, g in quads if p == KGO.sameEventAs)

    with open_store() as indexed:
        assert pipeline.ingest([first], indexed).ok
        summary = pipeline.ingest([second], indexed)
        assert (summary.new, summary.replaced) == (1, 1)
        want = links(indexed)
    monkeypatch.setattr(pipeline, "EventIndex", _AskTheStore)
    monkeypatch.setattr(pipeline, "BATCH_ARTICLES", 1)
    with open_store() as asked:
        assert pipeline.ingest([first], asked).ok and pipeline.ingest([second], asked).ok
        assert links(asked) == want
    # b1 now tells of the September meeting: b5 links to b2's report of May only (b2's own link,
    # written when b1 told of May, stays in b2's graph until b2 is ingested again)
    assert [q.split()[0].rsplit("/", 1)[-1] for q in want].count("b5") == 1
