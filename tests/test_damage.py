"""A store whose files are damaged says so, and how to restore it: in the library, the CLI and the dashboard.

The damage is done to a copy of a real store (the ingested test corpus): Oxigraph keeps it in RocksDB,
whose CURRENT file names the live manifest and whose *.sst files are the tables.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import StoreDamagedError
from kg.store import open_store

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.model


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, cwd=ROOT, timeout=300
    )


def tables(path: Path) -> list[Path]:
    return sorted(path.glob("*.sst"), key=lambda f: f.stat().st_size, reverse=True)


def no_current(path: Path) -> None:
    (path / "CURRENT").unlink()


def overwritten_footer(path: Path) -> None:
    """The end of the biggest table file zeroed (what a torn write or a bad sector leaves)."""
    f = tables(path)[0]
    with f.open("r+b") as fh:
        fh.seek(f.stat().st_size - 48)
        fh.write(b"\0" * 48)


def truncated(path: Path) -> None:
    f = tables(path)[0]
    with f.open("r+b") as fh:
        fh.truncate(f.stat().st_size // 2)


def scribbled(path: Path) -> None:
    """Bytes in the middle of every table file overwritten: the store opens, reading it fails."""
    for f in tables(path):
        size = f.stat().st_size
        if size > 4096:
            with f.open("r+b") as fh:
                fh.seek(size // 3)
                fh.write(b"\xde\xad\xbe\xef" * 256)


DAMAGE = {"no CURRENT": no_current, "table footer": overwritten_footer, "table cut short": truncated}


@pytest.fixture
def copy(sample_store, tmp_path) -> Path:
    return Path(shutil.copytree(sample_store, tmp_path / "kg-store"))


def says_damaged(message: str, path: Path) -> None:
    assert f"The store {path} is damaged" in message, message
    assert "kg backup" in message and "kg load" in message and "kg ingest" in message
    assert "No store" not in message and "no store" not in message
    assert "Traceback" not in message


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_the_library_says_damaged_not_missing(copy, damage):
    damage(copy)
    for read_only in (True, False):
        with pytest.raises(StoreDamagedError) as info:
            open_store(copy, read_only=read_only)
        says_damaged(str(info.value), copy)


def test_a_store_that_lost_current_is_not_replaced_by_an_empty_one(copy, tmp_path):
    no_current(copy)
    before = sorted(p.name for p in copy.iterdir())
    f = tmp_path / "x.ttl"
    f.write_text('<http://kg.example/x> <http://schema.org/name> "X" .\n')
    r = kg("load", str(f), "--graph", "http://kg.example/graph/x", "--store", str(copy))
    assert r.returncode == 1
    says_damaged(r.stderr, copy)
    assert sorted(p.name for p in copy.iterdir()) == before  # RocksDB did not start a new database here


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_kg_query_and_export_say_damaged(copy, damage, tmp_path):
    damage(copy)
    r = kg("query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "--store", str(copy))
    assert r.returncode == 1
    says_damaged(r.stderr, copy)
    r = kg("export", "--format", "trig", "--store", str(copy), "--out", str(tmp_path / "x.trig"))
    assert r.returncode == 1
    says_damaged(r.stderr, copy)


def test_damage_found_while_reading_says_damaged(copy, tmp_path):
    scribbled(copy)
    # Only scans here: a SPARQL query over scribbled tables does not fail but runs on, taking
    # hundreds of MB a second (pyoxigraph 0.5.13), and would take the test process down with it.
    st = open_store(copy, read_only=True)  # it opens: the tables' index is intact
    with pytest.raises(StoreDamagedError) as info:
        st.dataset()
    says_damaged(str(info.value), copy)
    st.close()
    r = kg("export", "--format", "nquads", "--store", str(copy), "--out", str(tmp_path / "x.nq"))
    assert r.returncode == 1
    says_damaged(r.stderr, copy)
    r = kg("backup", str(tmp_path / "bk"), "--store", str(copy))
    assert r.returncode == 1  # a backup would only copy the damage
    says_damaged(r.stderr, copy)
    assert not (tmp_path / "bk").exists()


def test_the_advice_restores_the_store(sample_store, copy, tmp_path):
    """Follow the message: move the damaged store aside and restore it from a backup."""
    assert kg("backup", str(tmp_path / "bk"), "--store", str(copy)).returncode == 0
    overwritten_footer(copy)
    copy.rename(tmp_path / "kg-store.damaged")
    r = kg("backup", str(copy), "--store", str(tmp_path / "bk"))
    assert r.returncode == 0, r.stderr
    with open_store(copy, read_only=True) as a, open_store(sample_store, read_only=True) as b:
        assert set(a.dataset().quads()) == set(b.dataset().quads())


@pytest.mark.parametrize("damage", [no_current, overwritten_footer], ids=["no CURRENT", "table footer"])
def test_the_dashboard_says_damaged_and_how_to_restore(copy, damage, monkeypatch):
    pytest.importorskip("streamlit")
    from streamlit.testing.v1 import AppTest

    damage(copy)
    monkeypatch.setenv("KG_STORE", str(copy))
    for page in (None, "dashboard/pages/entity.py"):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
        if page:
            at.switch_page(page).run()
        assert not at.exception, [e.message for e in at.exception]
        errors = " ".join(e.value for e in at.error)
        assert f"The store at `{copy}` is damaged" in errors
        assert (
            f"kg backup {copy} --store BACKUP_DIR" in errors
            and f"kg load EXPORT.trig --store {copy}" in errors
        )
        assert not any("no store" in i.value.lower() for i in at.info)


def test_kg_serve_says_damaged(copy):
    no_current(copy)
    # it fails while opening the store, before it would listen (port from this task's range)
    r = kg("serve", "--store", str(copy), "--port", "8650")
    assert r.returncode == 1
    says_damaged(r.stderr, copy)
