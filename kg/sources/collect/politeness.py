"""Politeness towards the sites a collect reads: robots.txt, a per-host pace and a per-host concurrency cap.

A `HostGate` is shared by every worker thread of one collect. Before each request to a host a worker
calls `gate.slot(host)`: it waits until fewer than `per_host` requests to that host are in flight and
until `delay` seconds have passed since the last request to it began (or the later time a server asked
for with Retry-After), and holds the slot until the request is done.
"""

from __future__ import annotations

import threading
import time
import urllib.robotparser
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit


def host_of(url: str) -> str:
    """The scheme and host (with port) a URL is fetched from: the unit of politeness."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


@dataclass
class _Host:
    next_start: float = 0.0  # monotonic time before which no request to the host may begin
    in_flight: int = 0


@dataclass
class HostGate:
    """Pace and concurrency per host: at most `per_host` requests at once, starts `delay` s apart."""

    delay: float = 1.0
    per_host: int = 2
    clock: Callable[[], float] = time.monotonic
    _hosts: dict[str, _Host] = field(default_factory=dict)
    _cond: threading.Condition = field(default_factory=threading.Condition)

    def __post_init__(self) -> None:
        if self.delay < 0:
            raise ValueError(f"delay must be 0 or more seconds, not {self.delay}")
        if self.per_host < 1:
            raise ValueError(f"per_host must be at least 1, not {self.per_host}")

    @contextmanager
    def slot(self, host: str, *, delay: float | None = None) -> Iterator[None]:
        """Hold one of the host's request slots, started no sooner than its pace allows."""
        pace = self.delay if delay is None else max(self.delay, delay)
        with self._cond:
            h = self._hosts.setdefault(host, _Host())
            while True:
                wait = h.next_start - self.clock()
                if h.in_flight < self.per_host and wait <= 0:
                    break
                self._cond.wait(timeout=wait if wait > 0 and h.in_flight < self.per_host else None)
            h.in_flight += 1
            h.next_start = self.clock() + pace
        try:
            yield
        finally:
            with self._cond:
                h.in_flight -= 1
                self._cond.notify_all()

    def hold_off(self, host: str, seconds: float) -> None:
        """No new request to `host` for `seconds` (a 429 or 503 with Retry-After, or a backoff)."""
        with self._cond:
            h = self._hosts.setdefault(host, _Host())
            h.next_start = max(h.next_start, self.clock() + seconds)
            self._cond.notify_all()


class Robots:
    """robots.txt rules per host, fetched once each through `fetch_text(url) -> (status, text)`.

    As the robots.txt convention (RFC 9309) says: a missing file (4xx) allows everything; a file that
    cannot be fetched (5xx, network error) disallows everything on that host for this run.
    """

    def __init__(self, agent: str, fetch_text: Callable[[str], tuple[int, str]]) -> None:
        self.agent = agent
        self._fetch = fetch_text
        self._rules: dict[str, urllib.robotparser.RobotFileParser | str] = {}
        self._lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}

    def _parser(self, host: str) -> urllib.robotparser.RobotFileParser | str:
        with self._lock:
            lock = self._host_locks.setdefault(host, threading.Lock())
        with lock:
            if host not in self._rules:
                self._rules[host] = self._load(host)
            return self._rules[host]

    def _load(self, host: str) -> urllib.robotparser.RobotFileParser | str:
        parser = urllib.robotparser.RobotFileParser(host + "/robots.txt")
        try:
            status, text = self._fetch(host + "/robots.txt")
        except OSError as e:
            return f"robots.txt could not be fetched ({e}); the host is skipped"
        if status >= 500:
            return f"robots.txt answered HTTP {status}; the host is skipped"
        parser.parse(text.splitlines() if 200 <= status < 300 else [])
        return parser

    def refusal(self, url: str) -> str | None:
        """Why robots.txt forbids fetching `url`, or None when it may be fetched."""
        p = self._parser(host_of(url))
        if isinstance(p, str):
            return p
        if not p.can_fetch(self.agent, url):
            return "disallowed by robots.txt"
        return None

    def crawl_delay(self, url: str) -> float | None:
        """The Crawl-delay robots.txt asks of this agent on the URL's host, if any."""
        p = self._parser(host_of(url))
        if isinstance(p, str):
            return None
        d = p.crawl_delay(self.agent)
        return float(d) if d is not None else None
