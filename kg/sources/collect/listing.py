"""What a listing (a feed, a sitemap, a GDELT answer, a file of URLs) says about the articles it names.

A `Lead` is one article URL with what the listing knew about it: its title, publication date,
language, publisher, the feed's own text of it, and where it was found. Leads are merged by URL
(the first listing to name a URL wins, later ones fill in what it lacked).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from kg.errors import SourceError

URL_FILE_MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Lead:
    """One article to fetch, and what the listing that named it said about it."""

    url: str
    found_in: str  # the feed or sitemap URL, "gdelt:<query>", or the URL file
    title: str = ""
    published: dt.date | None = None
    language: str = ""  # as the listing gives it ("en", "English", "en-GB"), "" when unknown
    source: str = ""  # the publisher's name or domain
    text: str = ""  # the feed's own text of the item (its content or summary)
    lastmod: dt.date | None = None  # a sitemap's last modification: publication is no later
    country: str = ""  # the outlet's country, where the listing says (GDELT's sourcecountry)


def normalise(url: str) -> str:
    """The URL a lead is known by: fragment dropped, scheme and host lower-cased, default port dropped."""
    parts = urlsplit(url.strip())
    netloc = parts.netloc.lower()
    scheme = parts.scheme.lower()
    if (scheme, netloc.rpartition(":")[2]) in (("http", "80"), ("https", "443")):
        netloc = netloc.rpartition(":")[0]
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def merged(leads: Iterable[Lead]) -> Iterator[Lead]:
    """Leads once each by URL, in first-seen order; a later lead fills the fields the first lacked."""
    seen: dict[str, Lead] = {}
    for lead in leads:
        key = normalise(lead.url)
        first = seen.get(key)
        if first is None:
            seen[key] = dataclasses.replace(lead, url=key)
            continue
        fill = {f.name: getattr(lead, f.name) for f in dataclasses.fields(Lead) if not getattr(first, f.name)}
        if fill:
            seen[key] = dataclasses.replace(first, **fill)
    yield from seen.values()


def is_url(value: str) -> bool:
    """Whether a command-line input is an http(s) URL (else it is a file of URLs)."""
    return urlsplit(value.strip()).scheme.lower() in ("http", "https")


def url_file(path: Path) -> list[Lead]:
    """The URLs of a text file, one a line; blank lines and lines starting with # are skipped."""
    try:
        size = path.stat().st_size
        if size > URL_FILE_MAX_BYTES:
            raise SourceError(
                f"file is {size} bytes, over the limit of {URL_FILE_MAX_BYTES}", source=str(path)
            )
        lines = path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except FileNotFoundError:
        raise SourceError(
            "no such file (give a file of URLs, or a feed, sitemap or page URL)", source=str(path)
        ) from None
    except OSError as e:
        raise SourceError(f"cannot read: {e.strerror or e}", source=str(path)) from None
    out, bad = [], []
    for n, line in enumerate(lines, 1):
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        if is_url(s):
            out.append(Lead(url=s, found_in=str(path)))
        else:
            bad.append(n)
    if bad and not out:
        raise SourceError(
            f"holds no http(s) URL (line {bad[0]} is not one); a file of URLs has one URL a line",
            source=str(path),
        )
    return out
