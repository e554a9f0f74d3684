"""Fetching one URL politely: robots.txt, the host's pace, retries with backoff, redirects, a size cap.

`Fetcher.get(url)` returns a `Page` (the final URL after redirects, status, content type, body) or
raises `FetchError` with a one-line reason. Every hop of a redirect is checked against robots.txt
and paced like any request. 429 and 5xx answers and network errors are retried with exponential
backoff; a `Retry-After` header (seconds or an HTTP date) is honoured and holds the whole host off,
unless it asks for more than `max_wait` seconds, in which case the URL is given up.
"""

from __future__ import annotations

import email.utils
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from kg import __version__
from kg.errors import SourceError
from kg.sources.collect.politeness import HostGate, Robots, host_of

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUS = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5
ROBOTS_MAX_BYTES = 512 * 1024


class FetchError(SourceError):
    """A URL could not be fetched (refused by robots.txt, an HTTP error, a timeout, too big ...)."""


def user_agent(contact: str = "") -> str:
    """The User-Agent kg sends: names kg and its version, and how to reach whoever runs it."""
    return (
        f"kg/{__version__} (news collector; +{contact})" if contact else f"kg/{__version__} (news collector)"
    )


@dataclass(frozen=True)
class Page:
    """One fetched response: where it ended up, and what it holds."""

    url: str  # the final URL, after redirects
    status: int
    content_type: str
    body: bytes
    requested: str = ""  # the URL asked for
    location: str = ""  # where a redirect points
    etag: str = ""  # the validators a conditional request can send back next time
    last_modified: str = ""

    def text(self) -> str:
        """The body decoded as text (declared charset, else UTF-8, undecodable bytes replaced)."""
        return self.body.decode(_charset(self.content_type) or "utf-8", errors="replace")


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        k, _, v = part.strip().partition("=")
        if k.lower() == "charset" and v:
            try:
                "".encode(v.strip("\"'"))
                return v.strip("\"'")
            except LookupError:
                return None
    return None


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds a Retry-After header asks to wait (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


@dataclass
class Fetcher:
    """Polite GETs shared by the threads of one collect (httpx.Client is safe to share)."""

    contact: str = ""
    timeout: float = 20.0
    max_bytes: int = 5 * 1024 * 1024
    retries: int = 3
    backoff: float = 2.0
    max_wait: float = 300.0
    gate: HostGate = field(default_factory=HostGate)
    obey_robots: bool = True
    host_delays: dict[str, float] = field(default_factory=dict)  # a slower pace some hosts ask for

    def __post_init__(self) -> None:
        self.agent = user_agent(self.contact)
        self.client = httpx.Client(
            headers={"User-Agent": self.agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(self.timeout),
            follow_redirects=False,
        )
        self.robots = Robots("kg", self._robots_text)
        self.requests = 0  # requests sent, robots.txt included

    def close(self) -> None:
        """Close the connection pool."""
        self.client.close()

    def _robots_text(self, url: str) -> tuple[int, str]:
        try:
            for _ in range(MAX_REDIRECTS + 1):
                page = self._once(url, max_bytes=ROBOTS_MAX_BYTES, quiet=True)
                if page.status not in REDIRECT_STATUS:
                    return page.status, page.text()
                url = urljoin(url, page.location)
        except FetchError as e:
            raise OSError(e.reason) from None
        raise OSError(f"more than {MAX_REDIRECTS} redirects")

    def get(self, url: str, *, max_bytes: int | None = None, since: Page | None = None) -> Page:
        """The page at `url` after redirects, or FetchError naming why not.

        With `since` (the page as fetched last time, with its ETag or Last-Modified), the request is
        conditional and an unchanged page comes back as `since` itself, its status 304.
        """
        headers = {}
        if since is not None and since.etag:
            headers["If-None-Match"] = since.etag
        if since is not None and since.last_modified:
            headers["If-Modified-Since"] = since.last_modified
        limit = self.max_bytes if max_bytes is None else max_bytes
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            scheme = urlsplit(current).scheme.lower()
            if scheme not in ("http", "https"):
                raise FetchError(f"not an http(s) URL ({scheme or 'no scheme'})", source=url)
            if self.obey_robots and (why := self.robots.refusal(current)):
                raise FetchError(
                    why + (f" (after a redirect to {current})" if current != url else ""), source=url
                )
            page = self._once(current, max_bytes=limit, headers=headers)
            if page.status == 304 and since is not None:
                return Page(since.url, 304, since.content_type, since.body, requested=url, etag=since.etag,
                            last_modified=since.last_modified)  # fmt: skip
            if page.status in REDIRECT_STATUS:
                current = urljoin(current, page.location)
                continue
            if page.status >= 400:
                raise FetchError(f"HTTP {page.status}", source=url)
            return Page(page.url, page.status, page.content_type, page.body, requested=url, etag=page.etag,
                        last_modified=page.last_modified)  # fmt: skip
        raise FetchError(f"more than {MAX_REDIRECTS} redirects", source=url)

    def _once(self, url: str, *, max_bytes: int, quiet: bool = False, headers: dict | None = None) -> Page:
        """One URL, no redirects followed, retried on 429/5xx and network errors."""
        host = host_of(url)
        attempt = 0
        while True:
            delay = self.robots.crawl_delay(url) if self.obey_robots and not quiet else None
            if host in self.host_delays:
                delay = max(delay or 0.0, self.host_delays[host])
            with self.gate.slot(host, delay=delay):
                try:
                    page, wait_hint = self._request(url, max_bytes, headers or {})
                    error = None
                except httpx.TimeoutException:
                    page, wait_hint, error = None, None, f"timed out after {self.timeout:g} s"
                except httpx.TransportError as e:
                    page, wait_hint, error = None, None, f"connection failed: {_short(e)}"
                except (httpx.HTTPError, httpx.InvalidURL) as e:  # a bad encoding, a malformed URL: no retry
                    raise FetchError(f"cannot fetch: {_short(e)}", source=url) from None
            if page is not None and page.status not in RETRY_STATUS:
                return page
            what = error or f"HTTP {page.status}"
            if attempt >= self.retries:
                tries = f" (tried {attempt + 1} times)" if attempt else ""
                raise FetchError(what + tries, source=url)
            wait = wait_hint if wait_hint is not None else self.backoff * 2**attempt
            if wait > self.max_wait:
                raise FetchError(
                    f"{what}, asked to retry after {wait:.0f} s, more than the {self.max_wait:g} s allowed",
                    source=url,
                )
            self.gate.hold_off(host, wait)
            attempt += 1

    def _request(self, url: str, max_bytes: int, headers: dict) -> tuple[Page, float | None]:
        self.requests += 1
        with self.client.stream("GET", url, headers=headers) as resp:
            status = resp.status_code
            if status in REDIRECT_STATUS:
                location = resp.headers.get("location")
                if not location:
                    raise FetchError(f"HTTP {status} redirect without a Location", source=url)
                return Page(url, status, "", b"", location=location), None
            if status in RETRY_STATUS:
                return Page(url, status, "", b""), retry_after(resp.headers.get("retry-after"))
            declared = resp.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(
                    f"response of {int(declared)} bytes is over the size cap of {max_bytes}", source=url
                )
            chunks, size = [], 0
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"response is over the size cap of {max_bytes} bytes", source=url)
                chunks.append(chunk)
            page = Page(str(resp.url), status, resp.headers.get("content-type", ""), b"".join(chunks),
                        etag=resp.headers.get("etag", ""), last_modified=resp.headers.get("last-modified", ""))  # fmt: skip
            return page, None


def _short(e: Exception) -> str:
    s = str(e).strip() or type(e).__name__
    return s.splitlines()[0][:200]
