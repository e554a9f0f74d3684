"""Collect: build a JSONL corpus of news articles from feeds, sitemaps, URL files and GDELT, politely.

The first step before `kg ingest`. It owns listing what to fetch (`listing`, `listings`, `feeds`,
`sitemaps`, `gdelt`), fetching it politely (`fetch`: retries, redirects, size cap; `politeness`:
robots.txt, a per-host pace and concurrency cap), reading each page (`pages`, with trafilatura),
what is kept on disk between runs (`cache`: the append-only corpus and the page cache), and the
order of it all (`collector`). Like the rest of `kg.sources` it imports only `kg`, `kg.model`,
`kg.errors` and its own package.

Public names:
    collect(sources, out, *, gdelt=(), cache_dir=None, options=Options(), on_event=None) -> Summary
    Options       since, until, limit, lang, contact, delay, per_host, workers, timeout, max_bytes,
                  retries, backoff, max_wait, gdelt_url, retry_failed, feed_text
    Summary       what one collect did: collected, known, skipped (url, reason), ...
    user_agent(contact)   the User-Agent kg sends
"""

from __future__ import annotations

from kg.sources.collect.collector import Options, Summary, collect
from kg.sources.collect.fetch import FetchError, user_agent
from kg.sources.collect.gdelt import GDELT_URL

__all__ = ["GDELT_URL", "FetchError", "Options", "Summary", "collect", "user_agent"]
