"""What a collect keeps on disk so that a re-run fetches only what is new and a killed run resumes.

The corpus itself (`Corpus`) is append-only JSONL: one whole line per article, written with a single
`write` on a file opened for appending, so a killed process leaves either the whole line or none.
A line cut short anyway (a full disk, a crash of the machine) is cut off when the corpus is next
opened, and its article collected again. The URLs already in the corpus are never fetched again.

The cache folder (`PageCache`) holds every article page fetched, as `pages/<hash>.body` with a
`.json` beside it (final URL, content type, when), each written to a temporary name and renamed,
so a page fetched just before a kill is not fetched again; `listings/`, the feeds and sitemaps
that came with an ETag or Last-Modified, so the next run asks for them conditionally and an
unchanged one costs a 304; and `failed.jsonl`, the URLs that failed for good (HTTP 4xx,
robots.txt), which a re-run skips unless told to retry them. GDELT answers are not kept: a query
means something new each time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import threading
from pathlib import Path
from typing import Any

from kg.errors import SourceError
from kg.sources.collect.fetch import Page
from kg.sources.collect.listing import normalise


def _key(url: str) -> str:
    return hashlib.sha256(normalise(url).encode("utf-8", "surrogatepass")).hexdigest()


def _append_line(fd: int, record: dict[str, Any]) -> None:
    data = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8", "surrogatepass")
    view = memoryview(data)
    while view:  # a regular file takes the whole line in one write; the loop is for the odd exception
        n = os.write(fd, view)
        view = view[n:]


class Corpus:
    """The output JSONL: what it already holds, and appending whole lines to it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.repaired = 0  # bytes of a cut-off last line removed on opening
        self.urls: set[str] = set()
        self.ids: set[str] = set()
        self.lines = 0
        path.parent.mkdir(parents=True, exist_ok=True)
        self._repair()
        self._load()
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        self._lock = threading.Lock()

    def _repair(self) -> None:
        if not self.path.exists():
            return
        with self.path.open("rb+") as f:
            size = f.seek(0, os.SEEK_END)
            if size == 0:
                return
            f.seek(max(0, size - 1))
            if f.read(1) == b"\n":
                return
            # find the last newline; everything after it is a cut-off line
            pos, chunk = size, 65536
            while pos > 0:
                start = max(0, pos - chunk)
                f.seek(start)
                at = f.read(pos - start).rfind(b"\n")
                if at >= 0:
                    keep = start + at + 1
                    break
                pos = start
            else:
                keep = 0
            f.truncate(keep)
            self.repaired = size - keep

    def _load(self) -> None:
        if not self.path.exists():
            return
        with self.path.open("rb") as f:
            for n, raw in enumerate(f, 1):
                if not raw.strip():
                    continue
                try:
                    rec = json.loads(raw)
                except ValueError:
                    raise SourceError(
                        "is not a corpus kg collect can add to: the line is not JSON",
                        source=str(self.path),
                        where=f"line {n}",
                    ) from None
                if not isinstance(rec, dict):
                    continue
                self.lines += 1
                for k in ("url", "listed_url"):
                    if isinstance(rec.get(k), str) and rec[k]:
                        self.urls.add(normalise(rec[k]))
                if isinstance(rec.get("id"), str):
                    self.ids.add(rec["id"])

    def has(self, url: str) -> bool:
        """Whether an article fetched from (or listed as) `url` is already in the corpus."""
        return normalise(url) in self.urls

    def append(self, record: dict[str, Any]) -> None:
        """Write one article as one whole line, and remember its URLs and id."""
        with self._lock:
            _append_line(self._fd, record)
            self.lines += 1
            for k in ("url", "listed_url"):
                if record.get(k):
                    self.urls.add(normalise(record[k]))
            self.ids.add(record["id"])

    def close(self) -> None:
        """Flush the corpus to disk and close it."""
        os.fsync(self._fd)
        os.close(self._fd)


class PageCache:
    """Fetched article pages and lasting failures, in a folder of their own."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.pages = root / "pages"
        self.pages.mkdir(parents=True, exist_ok=True)
        self.listings = root / "listings"
        self.listings.mkdir(exist_ok=True)
        self.failed_path = root / "failed.jsonl"
        self.failed: dict[str, str] = {}
        if self.failed_path.exists():
            for raw in self.failed_path.read_bytes().splitlines():
                try:
                    rec = json.loads(raw)
                    self.failed[normalise(rec["url"])] = str(rec["reason"])
                except (ValueError, KeyError, TypeError):
                    continue  # a cut-off last line of an earlier run: that URL is simply tried again
        self._fd = os.open(self.failed_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        self._lock = threading.Lock()

    def get(self, url: str, *, listing: bool = False) -> Page | None:
        """The page (or, with `listing`, the feed or sitemap) fetched for `url` in an earlier run, or None."""
        key = _key(url)
        where = self.listings if listing else self.pages
        meta, body = where / f"{key}.json", where / f"{key}.body"
        try:
            info = json.loads(meta.read_text(encoding="utf-8"))
            data = body.read_bytes()
        except (OSError, ValueError):
            return None
        if len(data) != info.get("size"):
            return None
        return Page(info["url"], int(info["status"]), info["content_type"], data, requested=url,
                    etag=info.get("etag", ""), last_modified=info.get("last_modified", ""))  # fmt: skip

    def put(self, url: str, page: Page, *, listing: bool = False) -> None:
        """Keep a fetched page: the body first, then its description, each renamed into place whole."""
        key = _key(url)
        where = self.listings if listing else self.pages
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        info = {"requested": url, "url": page.url, "status": page.status, "content_type": page.content_type,
                "size": len(page.body), "fetched_at": now, "etag": page.etag, "last_modified": page.last_modified}  # fmt: skip
        for name, data in ((f"{key}.body", page.body), (f"{key}.json", json.dumps(info).encode())):
            tmp = where / f".{name}.{os.getpid()}.{threading.get_ident()}.tmp"
            tmp.write_bytes(data)
            os.replace(tmp, where / name)

    def fetched_at(self, url: str) -> str:
        """When the cached page of `url` was fetched (ISO 8601, UTC), or ""."""
        try:
            return json.loads((self.pages / f"{_key(url)}.json").read_text(encoding="utf-8"))["fetched_at"]
        except (OSError, ValueError, KeyError):
            return ""

    def fail(self, url: str, reason: str) -> None:
        """Remember that `url` failed for good (a re-run skips it unless asked to retry)."""
        with self._lock:
            self.failed[normalise(url)] = reason
            _append_line(self._fd, {"url": url, "reason": reason})

    def forget_failures(self) -> None:
        """Try every earlier failure again (--retry-failed)."""
        with self._lock:
            self.failed.clear()
            os.ftruncate(self._fd, 0)

    def close(self) -> None:
        """Close the failure log."""
        os.close(self._fd)
