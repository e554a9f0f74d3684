"""kg.store.backup and `kg backup`: a consistent copy of the store while others read (or write) it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_rdf import B, same_dataset, sample_extraction

from kg.errors import StoreError
from kg.graph import to_quads
from kg.store import open_store
from kg.store.backup import backup

ROOT = Path(__file__).resolve().parent.parent

# A reader in its own process, as the dashboard or `kg serve` is: it holds the store open read-only
# and queries it until its stdin is closed.
READER = """
import sys
from kg.store import open_store
st = open_store(sys.argv[1], read_only=True)
print(st.count_articles(), flush=True)
while not sys.stdin.readline() == "":
    pass
"""


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, cwd=ROOT, timeout=300
    )


def write(store, article_id: str) -> None:
    p = to_quads(sample_extraction(article_id), base=B)
    store.write_article(p.article_iri, p.quads, shared_quads=p.shared_quads)


@pytest.fixture
def store_copy(sample_store, tmp_path) -> Path:
    """A copy of the ingested test store that a test may write to or damage."""
    return Path(shutil.copytree(sample_store, tmp_path / "kg-store"))


@pytest.mark.model
def test_kg_backup_while_a_reader_has_the_store_open(store_copy, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(store_copy)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert reader.stdout.readline().strip() == "2"  # the reader has the store open
        with open_store(store_copy, read_only=True) as here:  # and so does this process
            assert here.count_articles() == 2
            r = kg("backup", str(tmp_path / "bk"), "--store", str(store_copy))
            assert r.returncode == 0, r.stderr
            assert "read back and checked" in r.stdout
            assert here.count_articles() == 2  # the reader still works
    finally:
        reader.stdin.close()
        reader.wait(timeout=60)
    with open_store(store_copy, read_only=True) as a, open_store(tmp_path / "bk", read_only=True) as b:
        assert b.count_articles() == 2
        assert set(a.dataset().quads()) == set(b.dataset().quads())
        assert same_dataset(a.dataset(), b.dataset())


@pytest.mark.model
def test_a_backup_is_a_store_of_its_own(store_copy, tmp_path):
    summary = backup(store_copy, tmp_path / "bk")
    assert summary.method == "checkpoint" and summary.graphs >= 3
    # no file shares its bytes with the store: damage to the store's files cannot reach the backup
    assert all(f.stat().st_nlink == 1 for f in (tmp_path / "bk").iterdir() if f.is_file())
    shutil.rmtree(store_copy)
    with open_store(tmp_path / "bk") as b:  # writable, and independent of the store
        assert b.count_articles() == 2
        write(b, "news-1")
        assert b.count_articles() == 3


@pytest.mark.model
def test_link_keeps_table_files_hard_linked(store_copy, tmp_path):
    backup(store_copy, tmp_path / "bk", link=True)
    assert any(f.stat().st_nlink > 1 for f in (tmp_path / "bk").glob("*.sst"))


def test_backup_beside_a_writer_copies_what_it_has_committed(tmp_path):
    path = tmp_path / "kg-store"
    with open_store(path) as w:  # holds the writer lock, its last writes only in the write-ahead log
        write(w, "a")
        write(w, "b")
        committed = set(w.dataset().quads())
        summary = backup(path, tmp_path / "bk")
        write(w, "c")  # after the backup: not in it
    assert summary.method == "snapshot copy"
    with open_store(tmp_path / "bk", read_only=True) as b:
        assert b.count_articles() == 2
        assert set(b.dataset().quads()) == committed
    # the copy also carries the store's own graph (its generation and id), which dataset() leaves out
    assert summary.quads == len(committed) + 2


def test_target_must_be_new_or_empty(tmp_path):
    path = tmp_path / "kg-store"
    with open_store(path) as w:
        write(w, "a")
    full = tmp_path / "full"
    full.mkdir()
    (full / "notes.txt").write_text("keep me")
    with pytest.raises(StoreError, match=r"exists and is not empty.*never overwrites"):
        backup(path, full)
    assert (full / "notes.txt").read_text() == "keep me"
    (tmp_path / "empty").mkdir()
    assert backup(path, tmp_path / "empty").quads > 0
    with pytest.raises(StoreError, match="outside the store directory"):
        backup(path, path / "inside")
    with pytest.raises(StoreError, match="it is a file"):
        backup(path, full / "notes.txt")


def test_what_is_not_an_embedded_store_is_named(tmp_path):
    with pytest.raises(StoreError, match=r"No store at .*does not exist"):
        backup(tmp_path / "nothing", tmp_path / "bk")
    (tmp_path / "plain").mkdir()
    with pytest.raises(StoreError, match="holds no Oxigraph store"):
        backup(tmp_path / "plain", tmp_path / "bk")
    assert not (tmp_path / "bk").exists()
    r = kg("backup", str(tmp_path / "bk"), "--store-url", "http://127.0.0.1:9/sparql")
    assert r.returncode == 1
    assert "SPARQL server" in r.stderr and "kg export --format nquads" in r.stderr
    assert "Traceback" not in r.stderr
