"""The parts of kg collect that need no server: Retry-After, languages, ids, URLs, sitemaps, GDELT."""

from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import time

import pytest

from kg.errors import SourceError
from kg.sources.collect.feeds import feed_leads
from kg.sources.collect.fetch import retry_after
from kg.sources.collect.gdelt import GDELT_URL, artlist_leads, artlist_url, seen_date
from kg.sources.collect.listing import Lead, merged, normalise
from kg.sources.collect.pages import article_id, language_code
from kg.sources.collect.politeness import HostGate
from kg.sources.collect.sitemaps import parse_sitemap


def test_retry_after_in_seconds_or_as_an_http_date():
    assert retry_after("120") == 120
    now = time.time()
    assert retry_after(email.utils.formatdate(now + 30, usegmt=True), now=now) == pytest.approx(30, abs=1)
    assert retry_after(email.utils.formatdate(now - 30, usegmt=True), now=now) == 0
    assert retry_after("soon") is None and retry_after(None) is None


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ("en", "en"),
        ("en-GB", "en"),
        ("EN_us", "en"),
        ("English", "en"),
        ("French", "fr"),
        ("eng", "en"),
        ("", ""),
        ("Klingonese", ""),
    ],
)
def test_language_codes(given, code):
    assert language_code(given) == code


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.mfa.example/press/2025/talks/", "mfa.example/press/2025/talks"),
        ("http://mfa.example/press?id=7", "mfa.example/press?id=7"),
    ],
)
def test_article_ids_are_the_url_without_scheme_www_or_trailing_slash(url, expected):
    assert article_id(url) == expected


def test_leads_are_merged_by_url_and_the_later_fills_what_the_first_lacked():
    a = Lead(url="HTTPS://News.Example:443/a#top", found_in="feed")
    b = Lead(url="https://news.example/a", found_in="sitemap", title="Talks", published=dt.date(2025, 1, 2))
    (one,) = merged([a, b])
    assert one.url == "https://news.example/a" == normalise(b.url)
    assert (one.found_in, one.title, one.published) == ("feed", "Talks", dt.date(2025, 1, 2))


def test_a_gzipped_news_sitemap():
    xml = (
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://n.example/a</loc>'
        b"<news:news><news:publication><news:name>N</news:name><news:language>en</news:language></news:publication>"
        b"<news:publication_date>2025-02-03T10:00:00+01:00</news:publication_date><news:title>Talks</news:title></news:news></url></urlset>"
    )
    sm = parse_sitemap(gzip.compress(xml), "https://n.example/s.xml.gz")
    assert sm.leads == (
        Lead(
            url="https://n.example/a",
            found_in="https://n.example/s.xml.gz",
            title="Talks",
            published=dt.date(2025, 2, 3),
            language="en",
            source="N",
        ),
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<html><body>no</body></html>", "the root element is <html>"),
        (b"<urlset", "the XML does not parse"),
        (gzip.compress(b"<urlset/>" * 10), "over the size cap"),
    ],
)
def test_what_is_not_a_sitemap_is_said(data, message):
    with pytest.raises(SourceError, match=message):
        parse_sitemap(data, "https://n.example/s.xml", max_bytes=60)


def test_a_sitemap_cannot_make_kg_read_a_local_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("https://leak.example/secret")
    xml = (
        f'<!DOCTYPE urlset [<!ENTITY e SYSTEM "{secret.as_uri()}">]>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&e;</loc></url>'
        "<url><loc>https://n.example/a</loc></url></urlset>"
    ).encode()
    sm = parse_sitemap(xml, "https://n.example/s.xml")
    assert [lead.url for lead in sm.leads] == ["https://n.example/a"]


def test_something_that_is_not_a_feed_is_said():
    with pytest.raises(SourceError, match="not an RSS or Atom feed"):
        feed_leads(b"<html><p>hello</p></html>", "https://n.example/feed")


def test_the_gdelt_address_is_configurable(monkeypatch):
    monkeypatch.delenv("KG_GDELT_URL", raising=False)
    assert artlist_url("talks").startswith(GDELT_URL + "?")
    monkeypatch.setenv("KG_GDELT_URL", "http://127.0.0.1:9/doc")
    assert artlist_url("talks").startswith("http://127.0.0.1:9/doc?query=talks&mode=artlist&format=json")
    assert artlist_url("talks", base="http://mirror.example/doc", max_records=999).endswith(
        "maxrecords=250&sort=datedesc"
    )


def test_gdelt_answers():
    assert seen_date("20251021T093000Z") == dt.date(2025, 10, 21) and seen_date("") is None
    assert artlist_leads(b"", "q") == []  # GDELT's answer when nothing matches
    (lead,) = artlist_leads(
        b'{"articles": [{"url": "https://n.example/a", "language": "English", "sourcecountry": "Kenya"}, {"title": "no url"}]}',
        "q",
    )
    assert (lead.url, lead.language, lead.country, lead.found_in) == (
        "https://n.example/a",
        "English",
        "Kenya",
        "gdelt:q",
    )
    with pytest.raises(SourceError, match="'articles' is not a list"):
        artlist_leads(b'{"articles": 3}', "q")


def test_the_host_gate_refuses_nonsense():
    with pytest.raises(ValueError, match="delay"):
        HostGate(delay=-1)
    with pytest.raises(ValueError, match="per_host"):
        HostGate(per_host=0)
