"""`kg collect` as a researcher runs it: its lines and summary, a run killed mid-way and run again, and
the corpus it writes read by `kg ingest`. Subprocesses load tests/netguard/sitecustomize.py, which
refuses (and logs) any connection beyond loopback."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from collect_site import RELEASES, Site, guard_sockets
from typer.testing import CliRunner

from kg.cli import app

ROOT = Path(__file__).resolve().parents[1]
FAST = ["--delay", "0.02", "--timeout", "1", "--retries", "1", "--backoff", "0.05", "--max-mb", "0.2"]


@pytest.fixture
def site(monkeypatch):
    blocked = guard_sockets(monkeypatch)
    s = Site()
    httpd = s.serve()
    yield s
    httpd.shutdown()
    httpd.server_close()
    assert not blocked, blocked


def lines(path: Path) -> list[dict]:
    raw = path.read_bytes()
    assert raw.endswith(b"\n"), "the corpus ends in a half line"
    return [json.loads(x) for x in raw.splitlines()]


def guarded_env(tmp_path: Path) -> tuple[dict[str, str], Path]:
    log = tmp_path / "net.log"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "tests" / "netguard"), str(ROOT)]),
           "KG_TEST_NET_LOG": str(log), "NO_COLOR": "1"}  # fmt: skip
    return env, log


def test_cli_prints_one_line_per_skipped_url_and_a_summary(site, tmp_path):
    out = tmp_path / "corpus.jsonl"
    r = CliRunner().invoke(
        app,
        ["collect", site.base + "/press/feed.xml", "--out", str(out), "--contact", "me@uni.example", *FAST],
    )
    assert r.exit_code == 0, r.output
    skipped = [ln for ln in r.output.splitlines() if ln.startswith("skipped: ")]
    assert f"skipped: {site.base}/press/missing.html: HTTP 404" in skipped
    assert f"skipped: {site.base}/private/secret.html: disallowed by robots.txt" in skipped
    assert len(skipped) == 10
    assert f"note: {site.base}/press/address.html: page not read (HTTP 404); the feed's text kept" in r.output
    assert (
        f"21 listed, 11 collected, 0 already in the corpus, 10 skipped, 0 outside the dates by their listing, 0 failed in an earlier run; 11 articles in {out}"
        in r.output
    )
    assert len(lines(out)) == 11


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "nothing to collect"),
        (["x.txt", "--lang", "english"], "--lang 'english' is not a two-letter language code"),
        (
            ["x.txt", "--since", "2025-05-01", "--until", "2025-04-01"],
            "--since 2025-05-01 is after --until 2025-04-01",
        ),
        (["x.txt", "--since", "May 2025"], "--since 'May 2025' is not a date"),
    ],
)
def test_cli_refuses_bad_options_with_a_clear_message(args, message, tmp_path):
    r = CliRunner().invoke(app, ["collect", *args, "--out", str(tmp_path / "c.jsonl")])
    assert r.exit_code == 2 and message in r.output


def test_cli_names_a_missing_url_file(tmp_path):
    r = CliRunner().invoke(app, ["collect", str(tmp_path / "urls.txt"), "--out", str(tmp_path / "c.jsonl")])
    assert r.exit_code == 1
    assert f"failed: {tmp_path / 'urls.txt'}: no such file" in r.output


def test_a_listing_that_fails_is_named_and_an_article_url_is_read_as_a_page(site, tmp_path):
    out = tmp_path / "c.jsonl"
    page = f"{site.base}/press/{RELEASES[3][0]}.html"
    r = CliRunner().invoke(app, ["collect", site.base + "/press/nope.xml", "--out", str(out), *FAST])
    assert r.exit_code == 1 and f"failed: {site.base}/press/nope.xml: HTTP 404" in r.output
    r = CliRunner().invoke(app, ["collect", page, "--out", str(out), *FAST])
    assert r.exit_code == 0, r.output
    assert f"listed: {page}: 1 page" in r.output
    (rec,) = lines(out)
    assert rec["title"] == RELEASES[3][1] and rec["published"] == "2025-03-25"
    assert site.count(f"/press/{RELEASES[3][0]}.html") == 1  # read once: as the input and as the article


def test_a_file_of_urls(site, tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text(
        f"# two releases\n{site.base}/press/{RELEASES[0][0]}.html\n\n{site.base}/press/{RELEASES[1][0]}.html\n"
    )
    out = tmp_path / "c.jsonl"
    r = CliRunner().invoke(app, ["collect", str(urls), "--out", str(out), *FAST])
    assert r.exit_code == 0, r.output
    assert sorted(x["title"] for x in lines(out)) == sorted([RELEASES[0][1], RELEASES[1][1]])
    assert {x["found_in"] for x in lines(out)} == {str(urls)}


@pytest.mark.slow
def test_a_collect_killed_midway_resumes_without_a_duplicate_or_a_half_line(tmp_path):
    site = Site(extra_pages=24, page_delay=0.15)
    httpd = site.serve()
    env, netlog = guarded_env(tmp_path)
    out = tmp_path / "corpus.jsonl"
    cmd = [
        sys.executable,
        "-m",
        "kg.cli",
        "collect",
        site.base + "/bulk/feed.xml",
        "--out",
        str(out),
        "--delay",
        "0.05",
        "-q",
    ]
    try:
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and (not out.exists() or out.read_bytes().count(b"\n") < 5):
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        killed_at = lines(out)  # every line whole: each is written by one write() call
        assert 5 <= len(killed_at) < 24, "the kill came too late to test a resume"
        done_before = {x["url"] for x in killed_at}
        n = len(site.hits)

        r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stderr
        recs = lines(out)
        urls = [x["url"] for x in recs]
        assert len(urls) == len(set(urls)) == 24, "a duplicate or a missing article after the resume"
        assert len({x["id"] for x in recs}) == 24
        refetched = {h.path for h in site.hits[n:]} & {"/" + u.split("/", 3)[3] for u in done_before}
        assert not refetched, f"pages already in the corpus were fetched again: {sorted(refetched)}"
        assert "24 articles in" in r.stdout
    finally:
        httpd.shutdown()
    assert not netlog.exists() or not netlog.read_text().strip(), netlog.read_text()


def test_the_subprocess_guard_refuses_and_logs_addresses_beyond_loopback(tmp_path):
    env, netlog = guarded_env(tmp_path)
    code = (
        "import socket\n"
        "for attempt in (lambda: socket.socket().connect(('192.0.2.1', 80)), lambda: socket.getaddrinfo('example.org', 443)):\n"
        "    try:\n        attempt()\n    except OSError as e:\n        print(e)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert "only loopback" in r.stdout
    assert netlog.read_text().splitlines() == ["connect 192.0.2.1:80", "lookup example.org"]


@pytest.mark.model
def test_kg_ingest_reads_the_collected_corpus(site, tmp_path):
    from kg import queries
    from kg.store import open_store

    out = tmp_path / "corpus.jsonl"
    r = CliRunner().invoke(
        app,
        [
            "collect",
            site.base + "/press/atom.xml",
            site.base + "/sitemap_index.xml",
            "--out",
            str(out),
            *FAST,
        ],
    )
    assert r.exit_code == 0, r.output
    recs = lines(out)
    assert len(recs) == len(RELEASES) + 1  # the six releases and, from the 2018 sitemap, the 2019 statement
    r = CliRunner().invoke(app, ["ingest", str(out), "--store", str(tmp_path / "store"), "--quiet"])
    assert r.exit_code == 0, r.output
    n = len(recs)
    assert f"{n} read, {n} new, 0 replaced, 0 unchanged, 0 failed" in r.output
    with open_store(tmp_path / "store", read_only=True) as st:
        arts = queries.articles(st)
    assert set(arts["headline"]) == {x["title"] for x in recs}
    chile = arts[arts["headline"] == RELEASES[0][1]].iloc[0]
    assert str(chile["published"])[:10] == "2025-03-04"
    assert chile["n_events"] >= 1
