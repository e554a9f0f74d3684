"""RSS and Atom feeds read with feedparser: one `Lead` per item that links to a page.

feedparser is given the bytes kg fetched itself (politely), so it never opens a connection. The
item's date is its published date, else its updated date; its text is the longest of its content
and summary, as plain text (kept in case the page itself cannot be read).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from kg.errors import SourceError
from kg.sources.collect.listing import Lead

_TAG = re.compile(r"<[^>]+>")


def looks_like_feed(data: bytes) -> bool:
    """Whether a response's first bytes open an RSS, RDF or Atom document."""
    head = data[:2048].lstrip().lower()
    return (
        head.startswith(b"<?xml")
        and (b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head)
        or (head.startswith((b"<rss", b"<feed", b"<rdf:rdf")))
    )


def _date(entry: dict) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            return dt.datetime.fromtimestamp(calendar.timegm(t), tz=dt.UTC).date()
    return None


def _plain(html: str) -> str:
    from kg.sources.formats import _html_text

    return _html_text(html) if "<" in html else html.strip()


def feed_leads(data: bytes, feed_url: str) -> list[Lead]:
    """The items of an RSS/Atom feed as leads; SourceError when the bytes are not a feed."""
    import feedparser

    parsed = feedparser.parse(
        data, sanitize_html=True, resolve_relative_uris=True, response_headers={"content-location": feed_url}
    )
    entries = parsed.get("entries") or []
    if not entries and (parsed.get("bozo") or not parsed.get("version")):
        why = parsed.get("bozo_exception")
        raise SourceError(f"not an RSS or Atom feed{f' ({why})' if why else ''}", source=feed_url)
    feed = parsed.get("feed", {})
    language = feed.get("language", "") or ""
    publisher = feed.get("title", "") or ""
    out = []
    for entry in entries:
        link = entry.get("link") or ""
        if not link:
            continue
        texts = [c.get("value", "") for c in entry.get("content", [])] + [entry.get("summary", "") or ""]
        text = max((_plain(t) for t in texts if t), key=len, default="")
        out.append(
            Lead(
                url=link,
                found_in=feed_url,
                title=_TAG.sub("", entry.get("title", "") or "").strip(),
                published=_date(entry),
                language=entry.get("language", "") or language,
                source=publisher,
                text=text,
            )
        )
    return out
