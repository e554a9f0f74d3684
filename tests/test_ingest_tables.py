"""`kg ingest` keeps the events table fresh: at its end the table equals a build from scratch, it
reads again only the articles the ingest changed, and an interrupted ingest (forced or not) leaves
a table the next refresh repairs. The rows of what an ingest wrote are made from the quads it
wrote, never read back, and serve only while the store holds what was written."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS
from test_tables import same

from kg import pipeline, tables
from kg.store import open_store
from kg.tables import table as table_mod
from kg.tables.rows import RAW_COLUMNS, WrittenRows

pytestmark = pytest.mark.model

# Articles written for these tests: two reports of one meeting (so same-event links are made
# across two ingests) and a third that a later ingest changes.
MORE = [
    {
        "id": "rome-meeting",
        "title": "Italian and Kenyan ministers meet in Rome",
        "published": "2024-04-03",
        "source": "Example Wire",
        "text": (
            "Italian and Kenyan ministers meet in Rome\n\n"
            "Italian Foreign Minister Marta Ricci met Kenyan Foreign Minister Samuel Otieno in Rome "
            "on Tuesday to discuss trade and migration.\n\n"
            "Ricci said the two countries would hold further talks in Nairobi next month.\n"
        ),
    },
    {
        "id": "rome-meeting-2",
        "title": "Kenya's Otieno in Rome for talks",
        "published": "2024-04-04",
        "source": "Other Daily",
        "text": (
            "Kenya's Otieno in Rome for talks\n\n"
            "Kenyan Foreign Minister Samuel Otieno met Italian Foreign Minister Marta Ricci in Rome "
            "on Tuesday, the Kenyan ministry said.\n"
        ),
    },
]
CHANGED = {
    **CORPUS[1],
    "text": CORPUS[1]["text"].replace("on Monday", "on Wednesday")
    + "\nLula will visit Lima in June, the spokesman said.\n",
}


def write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def equal_to_scratch(store, folder: Path) -> tables.EventsTable:
    """The table on disk is of the store's version and equals a build from scratch."""
    on_disk = tables.load(folder)
    assert on_disk is not None, "no table beside the store"
    assert on_disk.version == store.version()
    scratch = tables.build(store, store.version())
    same(on_disk.frame, scratch.frame)
    same(on_disk.articles, scratch.articles)
    assert on_disk.canon == scratch.canon
    for name, df in on_disk.lookups.items():
        same(df, scratch.lookups[name])
    return on_disk


def test_the_table_after_an_ingest_equals_a_build_from_scratch(tmp_path, monkeypatch):
    path = tmp_path / "st"
    folder = tables.table_dir(path)
    with open_store(path) as st:
        first = pipeline.ingest([write(tmp_path / "a.jsonl", CORPUS)], st, tables=folder)
        assert first.ok and first.new == 2
        t = equal_to_scratch(st, folder)
        assert first.table_events == len(t.frame) > 0

        asked: list = []
        real = table_mod.read_rows
        monkeypatch.setattr(table_mod, "read_rows", lambda s, arts=None: asked.append(arts) or real(s, arts))
        second = pipeline.ingest(
            [write(tmp_path / "b.jsonl", [CORPUS[0], CHANGED, *MORE])], st, tables=folder
        )
        assert (second.new, second.replaced, second.unchanged) == (2, 1, 1)
        # nothing is read back out of the store: the unchanged article keeps its rows, and the rows
        # of what this ingest wrote are made from the quads it wrote
        assert asked == []
        t = equal_to_scratch(st, folder)
        assert (t.frame["reports"] > 1).any(), "the two reports of the Rome meeting are one group"
        assert second.table_events == len(t.frame)


def test_rows_made_of_a_write_the_store_no_longer_holds_are_not_taken(tmp_path):
    with open_store(tmp_path / "st") as st:
        pipeline.ingest([write(tmp_path / "a.jsonl", CORPUS)], st)
        scratch = tables.build(st, st.version())
        # rows said to be of a write whose hash the store does not hold (a later write replaced it)
        stale = scratch.frame[list(RAW_COLUMNS)].copy()
        stale["label"] = "not what the store says"
        hashes = dict.fromkeys(stale["article_iri"], "a hash the store does not hold")
        t = tables.build(st, st.version(), written=WrittenRows(hashes=hashes, frame=stale))
        same(t.frame, scratch.frame)
        # with the hash the store holds, the rows given are the ones taken
        held = dict(zip(scratch.articles["article_iri"], scratch.articles["hash"], strict=True))
        t = tables.build(st, st.version(), written=WrittenRows(hashes=held, frame=stale))
        assert (t.frame["label"] == "not what the store says").all()


class Stop(Exception):
    """Raised from the progress callback: the ingest stops there, as if it were killed."""


def stop_after(n: int):
    seen = []

    def tick(_id: str, _outcome: str) -> None:
        seen.append(_id)
        if len(seen) >= n:
            raise Stop

    return tick


def test_an_interrupted_ingest_leaves_a_table_the_next_refresh_repairs(tmp_path):
    path = tmp_path / "st"
    folder = tables.table_dir(path)
    with open_store(path) as st:
        pipeline.ingest([write(tmp_path / "a.jsonl", CORPUS)], st, tables=folder)
        before = tables.load(folder)
        with pytest.raises(Stop):
            pipeline.ingest(
                [write(tmp_path / "b.jsonl", [CHANGED, *MORE])], st, tables=folder, on_article=stop_after(1)
            )
        assert st.version() != before.version, "the interrupted ingest wrote something"
        assert tables.load(folder).version == before.version, "and left the table as it was"
        tables.refresh(st, folder)
        equal_to_scratch(st, folder)


def upgraded(monkeypatch):
    """Extraction as a newer kg would make it: the same articles, other event labels."""
    real = pipeline.link

    def link(x, known):
        x = real(x, known)
        evs = tuple(dataclasses.replace(e, label=e.label + " (v2)") for e in x.events)
        return dataclasses.replace(x, events=evs)

    monkeypatch.setattr(pipeline, "link", link)


def test_a_forced_ingest_updates_rows_whose_articles_kept_their_content(tmp_path, monkeypatch):
    path = tmp_path / "st"
    folder = tables.table_dir(path)
    corpus = write(tmp_path / "a.jsonl", [*CORPUS, *MORE])
    with open_store(path) as st:
        pipeline.ingest([corpus], st, tables=folder)
        upgraded(monkeypatch)
        summary = pipeline.ingest([corpus], st, tables=folder, force=True)
        assert summary.replaced == 4
        t = equal_to_scratch(st, folder)
        assert t.frame["label"].str.endswith(" (v2)").all()


def test_an_interrupted_forced_ingest_is_repaired_by_the_next_refresh(tmp_path, monkeypatch):
    path = tmp_path / "st"
    folder = tables.table_dir(path)
    corpus = write(tmp_path / "a.jsonl", [*CORPUS, *MORE])
    with open_store(path) as st:
        pipeline.ingest([corpus], st, tables=folder)
        upgraded(monkeypatch)
        with pytest.raises(Stop):
            pipeline.ingest([corpus], st, tables=folder, force=True, on_article=stop_after(2))
        t = tables.refresh(st, folder)
        equal_to_scratch(st, folder)
        relabelled = t.frame.loc[t.frame["label"].str.endswith(" (v2)"), "article_iri"]
        assert relabelled.nunique() == 2, "the two articles rewritten before the stop show their new rows"


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=300)


def test_kg_ingest_writes_the_table_and_no_tables_skips_it(tmp_path):
    corpus = write(tmp_path / "a.jsonl", CORPUS)
    r = kg("ingest", str(corpus), "--store", str(tmp_path / "st"), "--quiet")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("2 read, 2 new")
    with open_store(tmp_path / "st", read_only=True) as st:
        t = equal_to_scratch(st, tmp_path / "st.tables")
    assert f"; events table up to date, {len(t.frame)} events (" in r.stdout

    r = kg("ingest", str(corpus), "--store", str(tmp_path / "other"), "--quiet", "--no-tables")
    assert r.returncode == 0, r.stderr
    assert not (tmp_path / "other.tables").exists()
    assert "events table" not in r.stdout + r.stderr
