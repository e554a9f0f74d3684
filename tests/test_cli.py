"""The `kg` command as a user runs it: exit codes, messages, and the README's examples."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def kg(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=env,
        timeout=300,
    )


def test_help_everywhere():
    for cmd in ["", "ingest", "extract", "query", "export", "validate", "serve", "backup", "load", "app"]:
        r = kg(*([cmd] if cmd else []), "--help")
        assert r.returncode == 0, r.stderr
        assert "Usage" in r.stdout


@pytest.mark.model
def test_extract_prints_the_contract_json(corpus_file):
    r = kg("extract", str(corpus_file))
    assert r.returncode == 0, r.stderr
    docs = json.loads(r.stdout)
    assert [d["id"] for d in docs] == ["oslo-talks", "lima-call"]
    for d in docs:
        assert set(d) >= {"published", "entities", "events", "timexes"}
        for ev in d["events"]:
            assert set(ev) >= {"type", "participants", "place", "date", "status", "evidence"}


@pytest.mark.model
def test_extract_out_dir_writes_one_file_per_article(tmp_path, corpus_file):
    r = kg("extract", str(corpus_file), "--out-dir", str(tmp_path / "out"))
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["lima-call.json", "oslo-talks.json"]


@pytest.mark.model
def test_extract_txt_with_published(tmp_path):
    f = tmp_path / "note.txt"
    f.write_text(
        "Chancellor Olaf Scholz met President Emmanuel Macron in Paris on Monday.\n", encoding="utf-8"
    )
    r = kg("extract", str(f), "--published", "2024-05-08")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["published"] == "2024-05-08"
    assert any(ev["date"] == "2024-05-06" for ev in d["events"])


def test_bad_date_is_named():
    r = kg("extract", "nothing.txt", "--published", "21/10/2025")
    assert r.returncode == 2
    assert "--published '21/10/2025' is not a date" in r.stderr


def test_missing_input_fails_with_its_name(tmp_path):
    r = kg("ingest", str(tmp_path / "nope.txt"), "--store", str(tmp_path / "st"))
    assert r.returncode == 1
    assert "nope.txt" in r.stderr


def test_query_without_store_says_how_to_make_one(tmp_path):
    r = kg("query", "SELECT * WHERE { ?s ?p ?o }", "--store", str(tmp_path / "none"))
    assert r.returncode == 1
    assert "kg ingest" in r.stderr


def test_unknown_query_format_lists_valid_ones(tmp_path):
    r = kg("query", "ASK {}", "--format", "xml", "--store", str(tmp_path))
    assert r.returncode == 2
    assert "table, csv, json" in r.stderr


@pytest.mark.model
def test_readme_commands_work(tmp_path, sample_store):
    """The README's `kg query` example, verbatim, against a store with events."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"^kg query ('[^']+') --format json", readme, re.M)
    assert m, "the README lost its kg query example"
    query = m.group(1).strip("'")
    r = kg("query", query, "--format", "json", "--store", str(sample_store))
    assert r.returncode == 0, r.stderr
    n = int(json.loads(r.stdout)["results"]["bindings"][0]["n"]["value"])
    assert n > 0
    block = re.search(r"```sparql\n(.*?)```", readme, re.S).group(1)
    (tmp_path / "who.rq").write_text(block, encoding="utf-8")
    r = kg("query", str(tmp_path / "who.rq"), "--format", "csv", "--store", str(sample_store))
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("\n") > 1


@pytest.mark.model
def test_ingest_twice_reports_unchanged(tmp_path, corpus_file):
    st = str(tmp_path / "st")
    first = kg("ingest", str(corpus_file), "--store", st)
    assert first.returncode == 0, first.stderr
    assert "2 new" in first.stdout
    second = kg("ingest", str(corpus_file), "--store", st)
    assert "2 unchanged" in second.stdout


@pytest.mark.model
def test_kg_store_environment_variable(tmp_path, corpus_file):
    import os

    env = dict(os.environ, KG_STORE=str(tmp_path / "envstore"))
    assert kg("ingest", str(corpus_file), env=env).returncode == 0
    assert (tmp_path / "envstore").is_dir()
    r = kg("query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "--format", "csv", env=env)
    assert r.returncode == 0 and int(r.stdout.split()[-1]) > 0


@pytest.mark.model
def test_query_ask_and_construct(sample_store):
    r = kg("query", "ASK { GRAPH ?g { ?e a sem:Event } }", "--store", str(sample_store))
    assert r.returncode == 0 and r.stdout.strip() == "true"
    r = kg(
        "query",
        "CONSTRUCT { ?e a sem:Event } WHERE { GRAPH ?g { ?e a sem:Event } }",
        "--store",
        str(sample_store),
    )
    assert r.returncode == 0 and "sem:Event" in r.stdout
    r = kg(
        "query",
        "CONSTRUCT { ?e a sem:Event } WHERE { GRAPH ?g { ?e a sem:Event } }",
        "-f",
        "json",
        "--store",
        str(sample_store),
    )
    assert r.returncode == 0 and json.loads(r.stdout)


@pytest.mark.model
def test_export_a_filtered_subgraph(sample_store, tmp_path):
    from rdflib import Dataset

    def events(path):
        ds = Dataset()
        ds.parse(path, format="trig")
        return {str(s) for s, _, o, _ in ds.quads((None, None, None, None)) if str(o).endswith("/sem/Event")}

    assert (
        kg("export", "-f", "trig", "-o", str(tmp_path / "all.trig"), "--store", str(sample_store)).returncode
        == 0
    )
    r = kg(
        "export",
        "-f",
        "trig",
        "-o",
        str(tmp_path / "calls.trig"),
        "--type",
        "PhoneCall",
        "--store",
        str(sample_store),
    )
    assert r.returncode == 0, r.stderr
    everything, calls = events(tmp_path / "all.trig"), events(tmp_path / "calls.trig")
    assert calls and calls < everything
    r = kg("export", "-f", "ttl", "--start", "yesterday", "--store", str(sample_store))
    assert r.returncode == 2 and "--start 'yesterday' is not a date" in r.stderr
