"""Sources: read news articles from files, folders and URLs as `Article` values.

`read()` streams articles from any mix of inputs:

    path/to/folder      walked recursively, in sorted order; hidden files skipped
    *.txt               one article; id = file stem; title = the headline line if the top of the
                        page has one; publication date = `published=`, else a dated line near
                        the top ("Published on October 21, 2025", "Updated: 21 Oct 2025", an ISO date)
    *.html, *.htm       trafilatura: main text, title, date, url, sitename (author has no field
                        in `Article` and is dropped); no script ever runs
    *.json              one record, or a list of records
    *.jsonl, *.ndjson   one record per line, streamed line by line
    *.csv               one record per row (a header row names the columns), streamed
    *.rss, *.xml, *.atom  RSS 2.0 / Atom items (title, link, date, description or content)
    http(s)://...       fetched with a timeout; read by its content type as one of the above

A record has `text` (or body, content) and optionally id, title (headline), published (date,
datePublished), url (link), source (publisher, sitename). A record without an id gets
"<file stem>-<record number>".

Nothing is raised for a bad input: every failure is *yielded* as a `SourceError` naming the
file, the line or record, and the reason in one line, and reading goes on with the next
record or file. A record whose publication date cannot be read ("0000-00-00") is still an
article: the `Article` is yielded with `published=None`, followed by a `SourceWarning` (a
`SourceError` subclass) saying so, so a caller counting failures can tell the two apart.

Limits: a .txt or .html file, a fetched URL and a record's text may be at most `max_bytes`
(5 MB by default); a .jsonl line twice that (JSON escapes); .json and feed files, parsed whole,
at most 200 MB (MAX_COLLECTION_BYTES). HTML nested deeper than 255 elements is refused before
parsing (libxml2's own limit). URLs time out after 15 s.

Text is decoded by its byte-order mark, else as UTF-8, else by charset detection
(charset_normalizer) when the result reads as text; anything else is reported as binary.
Line breaks are normalised to "\\n" so offsets mean the same on every platform.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from kg.errors import SourceError
from kg.model import Article
from kg.sources.decoding import Bad as _Bad
from kg.sources.decoding import (
    _decode,
    _not_english,
)
from kg.sources.formats import _read_csv, _read_feed, _read_html, _read_json, _read_jsonl, _read_txt
from kg.sources.records import (
    MAX_ARTICLE_BYTES,
    MAX_COLLECTION_BYTES,
    SUFFIXES,
    URL_TIMEOUT,
    SourceWarning,
    _guard,
    _is_sidecar,
    _mib,
    _shown,
    _too_big,
    article_from_text,
)

# ---------------------------------------------------------------------------- walking

_WHOLE = {".txt": _read_txt, ".html": _read_html, ".htm": _read_html, ".json": _read_json}
_FEEDS = {".rss": _read_feed, ".xml": _read_feed, ".atom": _read_feed}
_STREAMED = {".jsonl": _read_jsonl, ".ndjson": _read_jsonl, ".csv": _read_csv}


def _read_file(path: Path, **kw: Any) -> Iterator[Article | SourceError]:
    suffix = path.suffix.lower()
    max_bytes = kw["max_bytes"]
    if suffix in _STREAMED:
        with path.open("rb") as f:
            yield from _STREAMED[suffix](path, f, **kw)
        return
    reader = _WHOLE.get(suffix) or _FEEDS.get(suffix)
    if reader is None:
        raise _Bad(
            f"unknown file type {suffix or '(no extension)'!r}; skipped. Readable: {', '.join(SUFFIXES)}"
        )
    limit = max_bytes if suffix in (".txt", ".html", ".htm") else max(max_bytes, MAX_COLLECTION_BYTES)
    size = path.stat().st_size
    if size > limit:
        raise _Bad(f"file {_too_big(size, limit)}")
    yield from reader(path, path.read_bytes(), **kw)


def _walk(path: Path, ancestors: tuple[Path, ...], **kw: Any) -> Iterator[Article | SourceError]:
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):  # RuntimeError: older Pythons report symlink loops this way
        kind = "broken symlink or symlink loop" if path.is_symlink() else "no such file or folder"
        yield SourceError(kind, source=_shown(path))
        return
    if real.is_dir():
        if real in ancestors:
            yield SourceError(
                f"symlink loop: leads back to {_shown(real)}; not followed", source=_shown(path)
            )
            return
        try:
            children = sorted(path.iterdir(), key=lambda p: p.name)
        except OSError as e:
            yield SourceError(f"cannot list the folder: {e.strerror}", source=_shown(path))
            return
        for child in children:
            if child.name.startswith("."):  # editor, OS and VCS litter (.DS_Store, .git)
                continue
            if child.is_file() and _is_sidecar(child):
                continue  # read with the text it describes
            if child.is_file() and child.suffix.lower() not in SUFFIXES:
                # a folder of articles often holds a README or notes: say so, it is not a failure
                yield SourceWarning(
                    f"not an article file ({child.suffix or 'no extension'}); skipped", source=_shown(child)
                )
                continue
            yield from _walk(child, (*ancestors, real), **kw)
    else:
        yield from _guard(lambda: _read_file(path, **kw), _shown(path))


def _read_url(url: str, **kw: Any) -> Iterator[Article | SourceError]:
    max_bytes = kw["max_bytes"]
    req = urllib.request.Request(url, headers={"User-Agent": "kg (news reader)"})
    try:
        with urllib.request.urlopen(req, timeout=URL_TIMEOUT) as resp:
            data = resp.read(max_bytes + 1)
            ctype = resp.headers.get_content_type()
            final = resp.geturl()
    except urllib.error.HTTPError as e:
        raise _Bad(f"HTTP {e.code} {e.reason}") from None
    except urllib.error.URLError as e:
        raise _Bad(f"cannot fetch: {e.reason}") from None
    except (TimeoutError, OSError) as e:
        raise _Bad(f"cannot fetch: {e}") from None
    if len(data) > max_bytes:
        raise _Bad(f"response is over the limit of {_mib(max_bytes)} ({max_bytes} bytes)")
    if "html" in ctype:
        yield from _read_html(url, data, url=final, **kw)
    elif ctype.endswith("xml") or "rss" in ctype or "atom" in ctype:
        yield from _read_feed(url, data, **kw)
    elif ctype == "text/plain":
        text = _decode(data)
        if not text.strip():
            raise _Bad("the response is empty")
        yield article_from_text(text, id=url, published=kw["published"], url=final, origin=url)
    else:
        raise _Bad(f"unsupported content type {ctype!r}; expected HTML, plain text or an RSS/Atom feed")


def read(
    inputs: Iterable[str | Path], *, published: dt.date | None = None, max_bytes: int = MAX_ARTICLE_BYTES
) -> Iterator[Article | SourceError]:
    """Articles from files, folders and URLs, in order; every failure yielded as a SourceError, never raised."""
    kw = {"published": published, "max_bytes": max_bytes}
    seen: dict[str, tuple[str, str]] = {}
    for item in inputs:
        s = str(item)
        if isinstance(item, str) and re.match(r"https?://", s, re.IGNORECASE):
            got = _guard(lambda s=s: _read_url(s, **kw), _shown(s))
        else:
            got = _walk(Path(item), (), **kw)
        for x in got:
            yield from _checked(x, seen) if isinstance(x, Article) else (x,)


_WHERE = re.compile(r"^(.*) \(((?:line|record|item) \d+)\)$", re.DOTALL)


def _at(origin: str) -> dict[str, str]:
    """The source= and where= of a message about an article, from its origin ("file (line 3)")."""
    m = _WHERE.match(origin)
    return {"source": m[1], "where": m[2]} if m else {"source": origin, "where": ""}


def _checked(art: Article, seen: dict[str, tuple[str, str]]) -> Iterator[Article | SourceError]:
    """An article once its id is known to be its own in this batch; a warning if it is not English."""
    digest = art.content_hash
    first = seen.get(art.id)
    if first is not None:
        # Two files named alike (a.txt and a.html, or dir1/index.html and dir2/index.html) would
        # otherwise be one article IRI, and the later would silently replace the earlier.
        origin, h = first
        if h == digest:
            yield SourceWarning(f"the same article as {origin} (id {art.id!r}); read once", **_at(art.origin))
        else:
            yield SourceError(
                f"article id {art.id!r} is already used by {origin} in this batch; skipped so that it does "
                'not replace that article. Give it an id of its own (rename the file, or set "id" in the record)',
                **_at(art.origin),
            )
        return
    seen[art.id] = (art.origin, digest)
    yield art
    if why := _not_english(art.text):
        yield SourceWarning(
            f"{why}; article kept, but extraction reads English, so few or wrong facts will come out",
            **_at(art.origin),
        )
