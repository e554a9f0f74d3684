"""kg.tables: the events table answers the timeline as the SPARQL path does, and an update from
the changed articles gives the same table as a build from scratch."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from test_rdf import B, sample_extraction

from kg import queries, tables
from kg.graph import to_quads
from kg.resolve.curation import merge
from kg.store import open_store
from kg.tables import rows as table_rows
from kg.tables import table as table_mod

BLINKEN = B + "person/antony-blinken"


def write(store, article_id, **kw):
    p = to_quads(sample_extraction(article_id, **kw), base=B)
    store.write_article(p.article_iri, p.quads, shared_quads=p.shared_quads)
    return p.article_iri


@pytest.fixture
def store():
    with open_store() as s:
        write(s, "a1")
        write(s, "a2", published=dt.date(2024, 3, 1), source="AP")
        write(s, "a3", published=None, source="AFP")
        yield s


def same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    """The same rows in the same order with the same values (missing is missing, whatever its type)."""
    assert list(a.columns) == list(b.columns)
    assert len(a) == len(b)

    def norm(v):
        if isinstance(v, list | tuple) or hasattr(v, "tolist"):
            return list(v)
        return None if v is None or (isinstance(v, float) and pd.isna(v)) else v

    for col in a.columns:
        assert [norm(v) for v in a[col]] == [norm(v) for v in b[col]], col


FILTERS = [
    {},
    {"start": "2023-06-20"},
    {"end": "2023-06-19"},
    {"start": "2023-06-01", "end": "2023-06-30"},
    {"entities": [BLINKEN]},
    {"types": ["Meeting", "Visit"]},
    {"statuses": ["planned"]},
    {"places": [B + "place/china"]},
    {"places": [B + "place/paris"]},
    {"sources": ["AP"]},
    {"text": "SUMMIT"},
    {"text": "next week"},
    {"types": ["Meeting"], "limit": 1},
    {"limit": 2},
    {"limit": 0},
]


@pytest.mark.parametrize("filters", FILTERS, ids=[str(f) for f in FILTERS])
def test_the_table_answers_the_timeline_as_sparql_does(store, filters):
    t = tables.refresh(store)
    want = queries.timeline(store, **filters)
    assert len(want) or filters.get("limit") == 0, "a filter that keeps nothing tests little"
    same(tables.timeline(t, **filters), want)


def test_merged_entities_show_and_filter_as_their_canonical_one(store):
    people = queries.entities(store, "Person")
    wang = people.loc[people["name"] == "Wang Yi", "entity"].iloc[0]
    merge(store, wang, BLINKEN)
    t = tables.refresh(store)
    for f in ({}, {"entities": [wang]}):
        same(tables.timeline(t, **f), queries.timeline(store, **f))


def test_bad_filters_are_refused_as_the_sparql_path_refuses_them(store):
    t = tables.refresh(store)
    with pytest.raises(Exception, match="Unknown event type 'Meetng'"):
        tables.timeline(t, types=["Meetng"])
    with pytest.raises(Exception, match="start 2024-01-02 is after end 2024-01-01"):
        tables.timeline(t, start="2024-01-02", end="2024-01-01")


def test_an_update_from_the_changed_articles_equals_a_build_from_scratch(store, monkeypatch):
    before = tables.refresh(store)
    a4 = write(store, "a4", published=dt.date(2025, 1, 5), source="AP")  # new
    a2 = write(store, "a2", published=dt.date(2024, 4, 1), source="AP")  # replaced: another date
    write(store, "a3", published=None, source="AFP")  # written again, unchanged
    store.delete_article(B + "article/a1")  # gone
    people = queries.entities(store, "Person")
    merge(store, people.loc[people["name"] == "Wang Yi", "entity"].iloc[0], BLINKEN)

    asked: list = []
    real = table_rows.read_rows
    monkeypatch.setattr(table_mod, "read_rows", lambda s, arts=None: asked.append(arts) or real(s, arts))
    updated = tables.refresh(store, known=before)
    assert asked == [sorted([a2, a4])], "only the new and the changed articles are read again"
    scratch = tables.build(store, store.version())
    assert updated.version == scratch.version == store.version()
    same(updated.frame, scratch.frame)
    same(updated.articles, scratch.articles)
    assert updated.canon == scratch.canon
    for name, df in updated.lookups.items():
        same(df, scratch.lookups[name])
    same(tables.timeline(updated), queries.timeline(store))
    assert not (updated.frame["article_iri"] == B + "article/a1").any()


def test_the_table_is_kept_beside_the_store_and_read_back(tmp_path, monkeypatch):
    path = tmp_path / "st"
    with open_store(path) as s:
        write(s, "a1")
        write(s, "a2", published=dt.date(2024, 3, 1), source="AP")
    folder = tables.table_dir(path)
    assert folder == tmp_path / "st.tables"
    with open_store(path, read_only=True) as r:
        built = tables.refresh(r, folder)
        assert (folder / "events.arrow").is_file()

        def no_reading(*a, **k):
            raise AssertionError("a current table on disk is loaded, not built")

        monkeypatch.setattr(table_mod, "read_rows", no_reading)
        loaded = tables.refresh(r, folder)
        same(loaded.frame, built.frame)
        same(loaded.lookups["entities"], queries.entities(r))
        same(loaded.lookups["roles"], queries.memberships(r))
        same(loaded.lookups["places"], queries.gazetteer(r))
        same(tables.timeline(loaded), queries.timeline(r))
    monkeypatch.undo()
    with open_store(path) as s:
        write(s, "a5", published=dt.date(2022, 2, 2))
    with open_store(path, read_only=True) as r:
        newer = tables.refresh(r, folder)
        assert newer.version != built.version
        assert tables.load(folder).version == newer.version
        same(tables.timeline(newer), queries.timeline(r))


def test_a_damaged_table_is_built_again(tmp_path):
    path = tmp_path / "st"
    with open_store(path) as s:
        write(s, "a1")
        folder = tables.table_dir(path)
        tables.refresh(s, folder)
        (folder / "events.arrow").write_bytes(b"not arrow")
        t = tables.refresh(s, folder)
        same(tables.timeline(t), queries.timeline(s))
        assert tables.load(folder) is not None


def test_date_range_and_sources_match_the_store(store):
    t = tables.refresh(store)
    assert tables.date_range(t) == queries.date_range(store)
    assert tables.sources(t) == sorted({s for s in queries.articles(store)["source"] if isinstance(s, str)})


def test_an_empty_store_has_an_empty_table():
    with open_store() as s:
        t = tables.refresh(s)
        assert len(tables.timeline(t)) == 0 and tables.date_range(t) is None
        assert list(tables.timeline(t).columns) == queries.TIMELINE_COLUMNS


def test_building_the_table_waits_for_every_store_wide_query(store, monkeypatch):
    """The table an ingest ends with reads the whole store: at 10,000 articles the entity list alone
    takes longer than an interactive query may, so no query of the build is cut off by a time limit."""
    version = store.version()  # one lookup of the store's metadata, not store-wide
    limits: list = []
    real = type(store).query

    def query(self, sparql, **kw):
        limits.append(kw.get("timeout", "default"))
        return real(self, sparql, **kw)

    monkeypatch.setattr(type(store), "query", query)
    t = tables.build(store, version)
    assert len(t.lookups["entities"]) and limits
    assert set(limits) == {None}, limits
