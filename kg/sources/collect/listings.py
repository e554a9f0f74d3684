"""Reading the listings a collect starts from into leads: URLs (feeds, sitemaps, pages), URL files, GDELT.

A URL given to collect is fetched once and read by what it holds: a sitemap or sitemap index, an
RSS/Atom feed, or else an article page (whose body is kept, so it is not fetched twice). Sitemap
indexes are followed to `MAX_SITEMAP_DEPTH` levels and at most `MAX_SITEMAPS` files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

from kg.errors import SourceError
from kg.sources.collect.cache import PageCache
from kg.sources.collect.feeds import feed_leads, looks_like_feed
from kg.sources.collect.fetch import Fetcher, Page
from kg.sources.collect.gdelt import artlist_leads, artlist_url
from kg.sources.collect.listing import Lead, is_url, url_file
from kg.sources.collect.sitemaps import looks_like_sitemap, parse_sitemap

MAX_SITEMAP_DEPTH = 4
MAX_SITEMAPS = 1000
LISTING_MAX_BYTES = 50 * 1024 * 1024

Report = Callable[[str, str, str], None]  # (kind, url, detail)


def _listing(fetcher: Fetcher, cache: PageCache, url: str) -> Page:
    """A feed or sitemap, asked for conditionally when an earlier run kept it with a validator."""
    before = cache.get(url, listing=True)
    page = fetcher.get(url, max_bytes=LISTING_MAX_BYTES, since=before)
    if page.status != 304 and (page.etag or page.last_modified):
        cache.put(url, page, listing=True)
    return page


def _sitemap_tree(
    fetcher: Fetcher, cache: PageCache, url: str, data: bytes, since: dt.date | None, report: Report
) -> Iterator[Lead]:
    queue, seen = [(url, data, 0)], {url}
    while queue:
        at, body, depth = queue.pop(0)
        sm = parse_sitemap(body, at, max_bytes=LISTING_MAX_BYTES)
        if sm.leads:
            report("listed", at, f"{len(sm.leads)} pages (sitemap)")
        yield from sm.leads
        for child, lastmod in sm.children:
            if child in seen:
                continue
            seen.add(child)
            if since and lastmod and lastmod < since:
                report("listed", child, f"not read: last modified {lastmod}, before --since")
                continue
            if depth + 1 > MAX_SITEMAP_DEPTH or len(seen) > MAX_SITEMAPS:
                report(
                    "failed", child, f"not read: past {MAX_SITEMAP_DEPTH} levels or {MAX_SITEMAPS} sitemaps"
                )
                continue
            try:
                page = _listing(fetcher, cache, child)
            except SourceError as e:
                report("failed", child, e.reason)
                continue
            queue.append((child, page.body, depth + 1))


def leads_of(
    sources: list[str],
    gdelt: list[str],
    fetcher: Fetcher,
    cache: PageCache,
    *,
    since: dt.date | None,
    until: dt.date | None,
    gdelt_base: str | None,
    max_records: int,
    report: Report,
) -> Iterator[Lead]:
    """Every lead of every listing, in the order given; a listing that fails is reported and passed over."""
    for src in sources:
        try:
            if not is_url(src):
                leads = url_file(Path(src))
                report("listed", src, f"{len(leads)} URLs (file)")
                yield from leads
                continue
            page = _listing(fetcher, cache, src)
            if looks_like_sitemap(page.body):
                yield from _sitemap_tree(fetcher, cache, src, page.body, since, report)
            elif looks_like_feed(page.body):
                leads = feed_leads(page.body, page.url)
                report(
                    "listed", src, f"{len(leads)} items (feed{', unchanged' if page.status == 304 else ''})"
                )
                yield from leads
            else:  # an article page named directly
                cache.put(src, page)
                report("listed", src, "1 page")
                yield Lead(url=src, found_in=src)
        except SourceError as e:
            report("failed", src, e.reason)
    for query in gdelt:
        try:
            url = artlist_url(query, base=gdelt_base, since=since, until=until, max_records=max_records)
            page = fetcher.get(url, max_bytes=LISTING_MAX_BYTES)
            leads = artlist_leads(page.body, query)
            report("listed", f"gdelt:{query}", f"{len(leads)} articles (GDELT)")
            yield from leads
        except SourceError as e:
            report("failed", f"gdelt:{query}", e.reason)
