"""One fetched article page as one corpus record: text and metadata by trafilatura, checked and dated.

The text is what `kg ingest` would read from the same HTML (trafilatura, comments left out, one
blank line between paragraphs). The publication date comes from the page's metadata (htmldate on
its meta tags, JSON-LD and URL; no guessing from the body text), else from the listing that named
the page. The language is the page's `<html lang>` or Content-Language, else the listing's.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlsplit

from kg.errors import SourceError
from kg.sources.collect.fetch import Page
from kg.sources.collect.listing import Lead
from kg.sources.dates import parse_date
from kg.sources.decoding import _not_english
from kg.sources.records import MAX_HTML_DEPTH

HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TEXT_MIN_WORDS = 80  # a feed item's own text stands in for its page only when it is an article
_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)
_META_LANG = re.compile(
    rb"<meta\b[^>]*http-equiv\s*=\s*[\"']?content-language[\"']?[^>]*content\s*=\s*[\"']?([A-Za-z]{2,3})",
    re.IGNORECASE,
)


def language_code(value: str) -> str:
    """A two-letter language code from "en", "en-GB", "eng" or "English"; "" when unknown."""
    v = value.strip().replace("_", "-").split("-")[0].strip()
    if not v:
        return ""
    if len(v) == 2:
        return v.lower()
    import pycountry

    try:
        found = pycountry.languages.lookup(v)
    except LookupError:
        return ""
    return getattr(found, "alpha_2", "") or ""


def page_language(page: Page) -> str:
    """The language a page declares in its markup, as a two-letter code, or ""."""
    head = page.body[:65536]
    m = _LANG.search(head) or _META_LANG.search(head)
    return language_code(m[1].decode("ascii")) if m else ""


def article_id(url: str) -> str:
    """The corpus id of an article: its final URL without the scheme, "www." or a trailing slash."""
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    return host + path + (f"?{parts.query}" if parts.query else "")


def language_refusal(lang: str | None, declared: str, text: str) -> str | None:
    """Why an article is not in the language asked for (--lang), or None when it is or may be."""
    if not lang:
        return None
    if declared and declared != lang:
        return f"in language {declared!r}, not {lang!r} (--lang)"
    if lang == "en" and (why := _not_english(text)):
        return f"{why} (--lang en)"
    return None


def page_text(page: Page) -> tuple[str, str, dt.date | None, str]:
    """(text, title, date from the page's metadata, site name) of an HTML page; SourceError when it has no text."""
    import trafilatura

    ctype = page.content_type.split(";")[0].strip().lower()
    if ctype and ctype not in HTML_TYPES:
        raise SourceError(f"not an HTML page (content type {ctype})", source=page.requested or page.url)
    from kg.sources.formats import _html_depth

    if not page.body.strip():
        raise SourceError("the page is empty", source=page.requested or page.url)
    if _html_depth(page.body, MAX_HTML_DEPTH) > MAX_HTML_DEPTH:
        raise SourceError(
            f"HTML nested more than {MAX_HTML_DEPTH} elements deep", source=page.requested or page.url
        )
    try:
        doc = trafilatura.bare_extraction(
            page.body, url=page.url, with_metadata=True, include_comments=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )  # fmt: skip
    except RecursionError:
        raise SourceError("HTML is nested too deeply to parse", source=page.requested or page.url) from None
    except Exception as e:  # trafilatura and lxml raise many kinds of errors on broken markup
        raise SourceError(
            f"cannot extract text: {type(e).__name__}: {e}", source=page.requested or page.url
        ) from None
    text = (doc.text or "") if doc is not None else ""
    text = re.sub(r"\n+", "\n\n", text.replace("\r\n", "\n").strip("\n"))
    if not text.strip():
        raise SourceError("no article text found on the page", source=page.requested or page.url)
    from kg.sources.decoding import _mostly_latin
    from kg.sources.furniture import clean

    # What trafilatura falls back to on a page without an article is its menus and prompts.
    if _mostly_latin(text) and not clean(text, title=doc.title or "").text.strip():
        raise SourceError(
            "no article text on the page, only page furniture (menus, links)",
            source=page.requested or page.url,
        )
    return text, doc.title or "", parse_date(doc.date) if doc.date else None, doc.sitename or ""


def record(
    lead: Lead, *, text: str, url: str, text_from: str, title: str = "", published: dt.date | None = None,
    source: str = "", language: str = "", fetched_at: str = "",
) -> dict[str, Any]:  # fmt: skip
    """The corpus line of one article (the fields `kg ingest` reads, and where each came from)."""
    when = published or lead.published
    rec: dict[str, Any] = {
        "id": article_id(url),
        "url": url,
        "title": title or lead.title,
        "published": when.isoformat() if when else None,
        "source": source or lead.source or urlsplit(url).netloc.lower().removeprefix("www."),
        "text": text,
        "text_from": text_from,
        "published_from": ("page" if published else "listing") if when else None,
        "language": language or language_code(lead.language),
        "found_in": lead.found_in,
    }
    if normalise_eq(lead.url, url) is False:
        rec["listed_url"] = lead.url
    if lead.country:
        rec["country"] = lead.country
    if fetched_at:
        rec["fetched_at"] = fetched_at
    return rec


def normalise_eq(a: str, b: str) -> bool:
    """Whether two URLs name the same page (by `listing.normalise`)."""
    from kg.sources.collect.listing import normalise

    return normalise(a) == normalise(b)


def feed_stand_in(lead: Lead) -> str | None:
    """The feed's own text of an item when it is long enough to be the article, else None."""
    return lead.text if len(lead.text.split()) >= FEED_TEXT_MIN_WORDS else None
