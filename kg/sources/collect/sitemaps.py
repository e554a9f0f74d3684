"""Sitemaps (sitemaps.org 0.9): a sitemap index names more sitemaps, a urlset names pages.

News sitemaps (Google's `news:` extension) give each page its title, publication date, language
and publication name; a plain sitemap gives only `lastmod`, which bounds the publication date from
above (a page cannot be published after it was last modified), so `--since` can skip old pages
and old child sitemaps without fetching them. Gzipped sitemaps (.xml.gz) are unpacked within the
same size cap. The XML is parsed with entities and network access turned off.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import zlib
from dataclasses import dataclass

from kg.errors import SourceError
from kg.sources.collect.listing import Lead
from kg.sources.dates import parse_date

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@dataclass(frozen=True)
class Sitemap:
    """What one sitemap file holds: child sitemaps (an index) or pages (a urlset)."""

    children: tuple[tuple[str, dt.date | None], ...] = ()  # (url, lastmod)
    leads: tuple[Lead, ...] = ()


def looks_like_sitemap(data: bytes) -> bool:
    """Whether a response is a sitemap or sitemap index (gzipped or not)."""
    if data[:2] == b"\x1f\x8b":
        return True
    head = data[:4096].lower()
    return b"<urlset" in head or b"<sitemapindex" in head


def _unpacked(data: bytes, url: str, max_bytes: int) -> bytes:
    if data[:2] != b"\x1f\x8b":
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            out = f.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as e:
        raise SourceError(f"cannot unpack the gzipped sitemap: {e}", source=url) from None
    if len(out) > max_bytes:
        raise SourceError(f"unpacked sitemap is over the size cap of {max_bytes} bytes", source=url)
    return out


def _text(el, path: str) -> str:
    found = el.find(path)
    return (found.text or "").strip() if found is not None else ""


def _day(value: str) -> dt.date | None:
    return parse_date(value) if value else None


def parse_sitemap(data: bytes, url: str, *, max_bytes: int = 50 * 1024 * 1024) -> Sitemap:
    """A sitemap index's children or a urlset's pages; SourceError when the bytes are not a sitemap."""
    from lxml import etree

    data = _unpacked(data, url, max_bytes)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise SourceError(f"not a sitemap: the XML does not parse ({e})", source=url) from None
    tag = etree.QName(root).localname if isinstance(root.tag, str) else ""
    if tag == "sitemapindex":
        children = tuple(
            (loc, _day(_text(sm, f"{SM}lastmod")))
            for sm in root.iter(f"{SM}sitemap")
            if (loc := _text(sm, f"{SM}loc"))
        )
        return Sitemap(children=children)
    if tag != "urlset":
        raise SourceError(
            f"not a sitemap: the root element is <{tag}>, not <urlset> or <sitemapindex>", source=url
        )
    leads = []
    for u in root.iter(f"{SM}url"):
        loc = _text(u, f"{SM}loc")
        if not loc:
            continue
        news = u.find(f"{NEWS}news")
        if news is None:
            leads.append(Lead(url=loc, found_in=url, lastmod=_day(_text(u, f"{SM}lastmod"))))
            continue
        leads.append(
            Lead(
                url=loc,
                found_in=url,
                title=_text(news, f"{NEWS}title"),
                published=_day(_text(news, f"{NEWS}publication_date")),
                language=_text(news, f"{NEWS}publication/{NEWS}language"),
                source=_text(news, f"{NEWS}publication/{NEWS}name"),
                lastmod=_day(_text(u, f"{SM}lastmod")),
            )
        )
    return Sitemap(leads=tuple(leads))
