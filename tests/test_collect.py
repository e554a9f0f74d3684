"""`kg collect` against a news site on 127.0.0.1 (tests/collect_site.py): what is collected, what is
skipped and why, and how politely. No test here reaches past loopback (`guard_sockets`)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from collect_site import FRENCH, OLD, RELEASES, WIRE, Site, guard_sockets

from kg.sources.collect import Options, collect, user_agent

FAST = dict(delay=0.02, timeout=1.0, retries=1, backoff=0.05, max_bytes=200_000)


@pytest.fixture
def offline(monkeypatch):
    """Connections and lookups beyond loopback fail, and are listed for the test to check."""
    blocked = guard_sockets(monkeypatch)
    yield blocked
    assert not blocked, f"the test tried to leave loopback: {blocked}"


@pytest.fixture
def site(offline):
    s = Site()
    httpd = s.serve()
    yield s
    httpd.shutdown()
    httpd.server_close()


def lines(path: Path) -> list[dict]:
    raw = path.read_bytes()
    assert not raw or raw.endswith(b"\n"), "the corpus ends in a half line"
    return [json.loads(x) for x in raw.splitlines()]


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def test_the_guard_refuses_addresses_beyond_loopback(monkeypatch):
    import socket

    blocked = guard_sockets(monkeypatch)
    with pytest.raises(OSError, match="only loopback"), socket.socket() as s:
        s.connect(("192.0.2.1", 80))  # TEST-NET-1: would never answer anyway
    with pytest.raises(socket.gaierror):
        socket.getaddrinfo("example.org", 443)
    assert blocked == ["connect 192.0.2.1:80", "lookup example.org"]


def test_a_press_release_feed_becomes_a_corpus_and_every_other_item_is_named_with_its_reason(site, tmp_path):
    out = tmp_path / "corpus.jsonl"
    events: list[tuple[str, str, str]] = []
    summary = collect([site.base + "/press/feed.xml"], out, options=Options(contact="researcher@uni.example", **FAST),
                      on_event=lambda *e: events.append(e))  # fmt: skip
    recs = lines(out)
    got = {path_of(r["url"]) for r in recs}
    expected = {f"/press/{s}.html" for s, *_ in RELEASES} | {
        f"/press/{OLD[0]}.html", f"/press/{FRENCH[0]}.html", "/press/moved-release.html", "/press/address.html", "/busy.html",
    }  # fmt: skip
    assert got == expected
    assert summary.collected == len(recs) == len(expected)

    reasons = {path_of(u): why for u, why in summary.skipped}
    assert reasons["/private/secret.html"] == "disallowed by robots.txt"
    assert reasons["/members/list.html"] == "disallowed by robots.txt"  # the rule written for kg alone
    assert reasons["/press/missing.html"] == "HTTP 404"
    assert reasons["/flaky.html"] == "HTTP 503 (tried 2 times)"
    assert reasons["/slow.html"].startswith("timed out after 1 s")
    assert reasons["/broken.html"].startswith("connection failed: peer closed connection")
    assert "over the size cap of 200000" in reasons["/huge.html"]
    assert reasons["/image.png"] == "not an HTML page (content type image/png)"
    assert "only page furniture" in reasons["/menu-only.html"]
    assert reasons["/loop"] == "more than 5 redirects"
    assert len(reasons) == 10
    assert {(k, path_of(u)) for k, u, _ in events if k == "skipped"} == {("skipped", p) for p in reasons}
    # what robots.txt forbids is never asked for
    assert site.count("/private/secret.html") == site.count("/members/list.html") == 0
    assert site.count("/robots.txt") == 1

    by_path = {path_of(r["url"]): r for r in recs}
    chile = by_path["/press/minister-meets-chilean-counterpart.html"]
    assert chile["title"] == "Foreign Minister meets Chilean counterpart in Oslo"
    assert chile["published"] == "2025-03-04" and chile["published_from"] == "page"
    assert chile["text_from"] == "page" and chile["language"] == "en"
    assert chile["source"] == "Ministry of Foreign Affairs"
    assert chile["found_in"] == site.base + "/press/feed.xml"
    assert RELEASES[0][3][0] in chile["text"]
    for furniture in (
        "Accept all cookies",
        "Share this page",
        "Travel advice",
        "All rights reserved",
        "Our embassies",
    ):
        assert furniture not in chile["text"]
    moved = by_path["/press/moved-release.html"]
    assert (
        moved["listed_url"] == site.base + "/old/moved"
        and moved["title"] == "Minister opens embassy in Hanoi"
    )
    address = by_path["/press/address.html"]  # its page is gone (404), the feed carries the whole text
    assert address["text_from"] == "feed" and address["published"] == "2025-03-08"
    assert address["published_from"] == "listing"
    assert any(
        k == "collected" and u.endswith("/press/address.html") and "HTTP 404" in d for k, u, d in events
    )


def test_requests_name_kg_and_the_contact_and_429_retry_after_is_waited_for(site, tmp_path):
    collect(
        [site.base + "/press/feed.xml"],
        tmp_path / "c.jsonl",
        options=Options(contact="researcher@uni.example", **FAST),
    )
    agents = {h.agent for h in site.hits}
    assert agents == {user_agent("researcher@uni.example")}
    assert agents.pop().startswith("kg/") and "researcher@uni.example" in user_agent("researcher@uni.example")
    busy = site.times("/busy.html")
    assert len(busy) == 2, "the 429 is retried once, then the page is read"
    assert busy[1] - busy[0] >= 0.95, "Retry-After: 1 was not waited for"
    flaky = site.times("/flaky.html")
    assert len(flaky) == 2 and flaky[1] - flaky[0] >= FAST["backoff"] * 0.9  # backoff before the retry


def test_a_sitemap_index_and_a_news_sitemap_and_since_skips_old_sitemaps_unread(site, tmp_path):
    out = tmp_path / "c.jsonl"
    summary = collect(
        [site.base + "/sitemap_index.xml"], out, options=Options(since=dt.date(2025, 1, 1), **FAST)
    )
    recs = lines(out)
    assert {path_of(r["url"]) for r in recs} == {f"/press/{s}.html" for s, *_ in RELEASES[2:]}
    assert site.count("/sitemap-2018.xml") == 0, "a sitemap last modified before --since was read"
    assert site.count("/sitemap-news.xml") == site.count("/sitemap-pages.xml") == 1
    assert summary.listed == 4 and not summary.skipped


def test_an_atom_feed(site, tmp_path):
    out = tmp_path / "c.jsonl"
    collect([site.base + "/press/atom.xml"], out, options=Options(**FAST))
    assert [r["title"] for r in lines(out)] == [t for _, t, *_ in RELEASES[:2]] or {
        r["title"] for r in lines(out)
    } == {t for _, t, *_ in RELEASES[:2]}


def test_a_gdelt_query_with_since_until_and_lang(site, tmp_path):
    out = tmp_path / "c.jsonl"
    summary = collect([], out, gdelt=["diplomacy geneva"], options=Options(
        gdelt_url=site.base + "/gdelt", lang="en", since=dt.date(2025, 4, 1), until=dt.date(2025, 4, 30), **FAST))  # fmt: skip
    recs = lines(out)
    assert sorted(path_of(r["url"]) for r in recs) == sorted(f"/wire/{s}.html" for s, *_ in WIRE)
    first = next(r for r in recs if r["url"].endswith("wire-1.html"))
    # the wire pages carry no date of their own: GDELT's seendate stands in
    assert first["published"] == "2025-04-11" and first["published_from"] == "listing"
    assert first["country"] == "Switzerland" and first["found_in"] == "gdelt:diplomacy geneva"
    # GDELT dates the French article before --since, so it is never fetched
    assert summary.out_of_window == 1 and site.count(f"/press/{FRENCH[0]}.html") == 0
    (asked,) = [h for h in site.hits if h.path == "/gdelt"]
    q = parse_qs(asked.query)
    assert q["query"] == ["diplomacy geneva"] and q["mode"] == ["artlist"] and q["format"] == ["json"]
    assert q["startdatetime"] == ["20250401000000"] and q["enddatetime"] == ["20250430235959"]


def test_lang_skips_a_page_in_another_language_with_the_reason(site, tmp_path):
    out = tmp_path / "c.jsonl"
    summary = collect(
        [], out, gdelt=["diplomacy"], options=Options(gdelt_url=site.base + "/gdelt", lang="en", **FAST)
    )
    assert len(lines(out)) == len(WIRE)
    assert [(path_of(u), why) for u, why in summary.skipped] == [
        (f"/press/{FRENCH[0]}.html", "in language 'fr', not 'en' (--lang)")
    ]


def test_gdelt_answering_text_instead_of_json_is_one_line(site, tmp_path):
    summary = collect(
        [], tmp_path / "c.jsonl", gdelt=["x"], options=Options(gdelt_url=site.base + "/gdelt", **FAST)
    )
    assert summary.failed_listings == [
        (
            "gdelt:x",
            "GDELT did not answer JSON: 'Your search contained a keyword that was too short or too common.'",
        )
    ]


def test_since_until_and_limit(site, tmp_path):
    out = tmp_path / "c.jsonl"
    window = Options(since=dt.date(2025, 3, 15), until=dt.date(2025, 4, 5), **FAST)
    collect([site.base + "/press/feed.xml"], out, options=window)
    days = sorted(r["published"] for r in lines(out))
    assert days == ["2025-03-18", "2025-03-20", "2025-03-25", "2025-04-01"]
    assert site.count(f"/press/{OLD[0]}.html") == 0, "a page the feed dates 2019 was fetched"

    out2 = tmp_path / "limited.jsonl"
    first = collect([site.base + "/press/feed.xml"], out2, options=Options(limit=2, **FAST))
    second = collect([site.base + "/press/feed.xml"], out2, options=Options(limit=2, **FAST))
    recs = lines(out2)
    assert first.collected == second.collected == 2 and second.known == 2
    assert len(recs) == 4 and len({r["id"] for r in recs}) == 4


def test_a_rerun_fetches_only_what_is_new(site, tmp_path):
    out = tmp_path / "c.jsonl"
    first = collect([site.base + "/press/feed.xml"], out, options=Options(**FAST))
    before = {h.path for h in site.hits}
    n = len(site.hits)
    again = collect([site.base + "/press/feed.xml"], out, options=Options(**FAST))
    asked_again = [h.path for h in site.hits[n:]]
    assert again.collected == 0 and again.known == first.collected
    assert len(lines(out)) == first.collected
    # the feed is read again; articles already collected and lasting failures (404) are not
    assert "/press/feed.xml" in asked_again and "/press/missing.html" in before
    assert not [p for p in asked_again if p.startswith("/press/") and p != "/press/feed.xml"]
    assert again.earlier_failures == 3  # the 404 and the two pages robots.txt forbids
    # what may pass (timeouts, 503s, a broken connection) is tried again
    assert {"/slow.html", "/flaky.html", "/broken.html"} <= set(asked_again)
    # the feed was asked for with the ETag of the first run, and answered 304 Not Modified
    feed_asks = [h.if_none_match for h in site.hits if h.path == "/press/feed.xml"]
    assert feed_asks == ["", '"feed-1"']
    site.feed_version = 2
    third = collect([site.base + "/press/feed.xml"], out, options=Options(**FAST))
    assert third.known == first.collected and third.collected == 1  # the new item, and only it
    assert site.count(f"/wire/{WIRE[0][0]}.html") == 1
    assert [h.if_none_match for h in site.hits if h.path == "/press/feed.xml"][-1] == '"feed-1"'


def test_a_half_written_last_line_is_cut_off_and_its_article_collected_again(site, tmp_path):
    out = tmp_path / "c.jsonl"
    collect([site.base + "/press/atom.xml"], out, options=Options(**FAST))
    whole = out.read_bytes()
    cut = whole.rindex(b"\n", 0, len(whole) - 1) + 1 + 40
    out.write_bytes(whole[:cut])  # the last line cut after 40 bytes, as a crash might leave it
    summary = collect([site.base + "/press/atom.xml"], out, options=Options(**FAST))
    assert summary.repaired_bytes == 40 and summary.collected == 1
    recs = lines(out)
    assert len(recs) == 2 and len({r["url"] for r in recs}) == 2
    # its page was kept in the cache: read again from there, not fetched again
    assert all(site.count(f"/press/{s}.html") == 1 for s, *_ in RELEASES[:2])


def test_the_pace_per_host_and_the_cap_on_requests_at_once(offline, tmp_path):
    site = Site(extra_pages=8)
    httpd = site.serve()
    try:
        collect(
            [site.base + "/bulk/feed.xml"],
            tmp_path / "a.jsonl",
            options=Options(delay=0.25, workers=4, per_host=4),
        )
        starts = site.times()
        gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
        assert len(starts) == 10  # robots.txt, the feed, 8 pages
        # Arrival times carry the client's and the server's scheduling jitter, so the pace is checked
        # over the whole run (which jitter hardly moves) and each gap only for a gross break; without
        # the gate, four workers put the eight pages within a few milliseconds of each other.
        assert starts[-1] - starts[0] >= 9 * 0.25 * 0.95, (
            f"10 requests in {starts[-1] - starts[0]:.2f} s (--delay 0.25)"
        )
        assert min(gaps) >= 0.25 / 2, f"two requests to one host came {min(gaps):.3f} s apart (--delay 0.25)"

        slow = Site(extra_pages=8, page_delay=0.3)
        httpd2 = slow.serve()
        collect(
            [slow.base + "/bulk/feed.xml"],
            tmp_path / "b.jsonl",
            options=Options(delay=0, workers=6, per_host=2),
        )
        httpd2.shutdown()
        assert slow.most_at_once == 2, f"{slow.most_at_once} requests at once to one host (--per-host 2)"
        assert len(lines(tmp_path / "b.jsonl")) == 8
    finally:
        httpd.shutdown()


def test_a_crawl_delay_in_robots_txt_is_honoured_over_a_shorter_delay(offline, tmp_path):
    site = Site(extra_pages=3, robots_for_kg="Crawl-delay: 1\n")
    httpd = site.serve()
    try:
        summary = collect(
            [site.base + "/bulk/feed.xml"], tmp_path / "c.jsonl", options=Options(delay=0, workers=3)
        )
    finally:
        httpd.shutdown()
    assert summary.collected == 3
    starts = site.times("/bulk/")  # the feed and its three pages
    assert len(starts) == 4
    assert starts[-1] - starts[0] >= 3 * 0.95, (
        f"4 requests in {starts[-1] - starts[0]:.2f} s (Crawl-delay: 1)"
    )


def test_a_host_with_a_pace_of_its_own_is_kept_to_it(site):
    """How GDELT's host is kept to one request per five seconds, shown on the local host at 0.5 s."""
    from kg.sources.collect.fetch import Fetcher
    from kg.sources.collect.gdelt import GDELT_PACE, GDELT_URL
    from kg.sources.collect.politeness import HostGate, host_of

    assert GDELT_PACE == 5.0 and host_of(GDELT_URL) == "https://api.gdeltproject.org"
    fetcher = Fetcher(gate=HostGate(delay=0), host_delays={host_of(site.base): 0.5})
    try:
        for _ in range(3):
            fetcher.get(site.base + "/gdelt?query=a&mode=artlist&format=json")
    finally:
        fetcher.close()
    starts = site.times("/gdelt")
    assert len(starts) == 3 and starts[-1] - starts[0] >= 2 * 0.5 * 0.95
