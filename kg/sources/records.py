"""One article from one record, one text or one sidecar: the fields a record may carry, the limits,
and how a failure on one input becomes a `SourceError` instead of stopping the batch."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kg.errors import SourceError
from kg.model import Article
from kg.sources.dates import _date_in_text, parse_date
from kg.sources.decoding import Bad as _Bad
from kg.sources.decoding import (
    _newlines,
    _valid,
)
from kg.sources.furniture import headline

MAX_ARTICLE_BYTES = 5 * 1024 * 1024
# Collections (.json lists, feeds) are parsed whole, so they get a ceiling of their own;
# bigger collections belong in .jsonl or .csv, which are streamed.
MAX_COLLECTION_BYTES = 200 * 1024 * 1024
# Deeper HTML is refused before parsing: libxml2 gives up at 256 and such pages are not articles.
MAX_HTML_DEPTH = 255
URL_TIMEOUT = 15.0
# A dated line is looked for this far into a plain-text article.

SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl", ".ndjson", ".csv", ".rss", ".xml", ".atom")
TEXT_FIELDS = ("text", "body", "content")
TITLE_FIELDS = ("title", "headline")
DATE_FIELDS = ("published", "date", "datePublished", "published_at", "pubDate")
URL_FIELDS = ("url", "link")
SOURCE_FIELDS = ("source", "publisher", "sitename")


class SourceWarning(SourceError):
    """Something about an input was dropped, but its article was still read."""


def _shown(name: str | Path) -> str:
    """A file name or URL printable on one line: control characters and undecodable bytes escaped.

    A name may hold a newline (which would split a one-line message) or an escape sequence (which
    a terminal would act on); bytes that are not UTF-8 arrive as surrogates (surrogateescape).
    """
    s = str(name)
    if s.isprintable():
        return s
    out = []
    for c in s:
        if "\udc80" <= c <= "\udcff":
            out.append(f"\\x{ord(c) - 0xDC00:02x}")
        elif c.isprintable():
            out.append(c)
        else:
            out.append(c.encode("unicode_escape").decode("ascii"))
    return "".join(out)


def _stem(path: Path) -> str:
    """The article id of a file: its stem, printable (see `_shown`), else its whole name."""
    return _shown(path.stem).strip() or _shown(path.name)


# ---------------------------------------------------------------------------- articles


def article_from_text(
    text: str,
    *,
    id: str,
    published: dt.date | None = None,
    title: str = "",
    url: str = "",
    source: str = "",
    origin: str = "",
) -> Article:
    """An article from plain text (a .txt file or a pasted page); headline and date found when not given."""
    text = _newlines(text)
    if not text.strip():
        raise SourceError("the text is empty", source=origin or id)
    if not title:
        head = headline(text)
        title = head.text if head else ""
    if published is None:
        published = _date_in_text(text)
    return Article(id=id, text=text, title=title, published=published, url=url, source=source, origin=origin)


def _field(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    return next((record[n] for n in names if record.get(n) not in (None, "")), None)


def _record(
    record: Any, *, stem: str, n: int, source: str, where: str, published: dt.date | None, max_bytes: int
) -> Iterator[Article | SourceError]:
    """One JSON/CSV/feed record as an article, or the reason it is not one."""
    origin = f"{source} ({where})" if where else source
    if not isinstance(record, dict):
        raise _Bad(f"a record must be a JSON object, not {type(record).__name__}")
    text = _field(record, TEXT_FIELDS)
    if not isinstance(text, str) or not text.strip():
        what = (
            "has no text" if text is None or isinstance(text, str) else f"has a {type(text).__name__} as text"
        )
        raise _Bad(f"record {what}; expected a non-empty string in one of: {', '.join(TEXT_FIELDS)}")
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise _Bad(_too_big(size, max_bytes))
    raw_id = record.get("id")
    art_id = str(raw_id).strip() if raw_id not in (None, "") else ""
    raw_date = _field(record, DATE_FIELDS)
    date = parse_date(raw_date) if raw_date is not None else None
    yield Article(
        id=_valid(art_id) or f"{stem}-{n}",
        text=_valid(_newlines(text)),
        title=_valid(str(_field(record, TITLE_FIELDS) or "")),
        published=date or published,
        url=_valid(str(_field(record, URL_FIELDS) or "")),
        source=_valid(str(_field(record, SOURCE_FIELDS) or "")),
        origin=origin,
    )
    if raw_date is not None and date is None:
        yield SourceWarning(
            f"cannot read the publication date {str(raw_date)[:40]!r}; article kept with "
            + (f"the given date {published}" if published else "no publication date"),
            source=source,
            where=where,
        )


def _mib(n: int) -> str:
    return f"{n / 2**20:.1f}".removesuffix(".0") + " MiB"


def _too_big(size: int, limit: int) -> str:
    return f"is {_mib(size)} ({size} bytes), over the limit of {_mib(limit)} ({limit} bytes)"


# ---------------------------------------------------------------------------- language


# Words that make up a quarter or more of any English news text and few of any other language's.
def _preview(text: str, n: int = 40) -> str:
    s = " ".join(text.split())
    return repr(s if len(s) <= n else s[: n - 3] + "...")


# ---------------------------------------------------------------------------- formats


SIDECAR_MAX_BYTES = 2 * 1024 * 1024
SIDECAR_FIELDS = (
    "id",
    "title",
    "headline",
    "published",
    "date",
    "datePublished",
    "url",
    "link",
    "source",
    "publisher",
)


def sidecar(path: Path) -> dict[str, Any] | None:
    """Metadata for `path` from a `<stem>.json` beside it that holds no text of its own.

    Scraped folders often keep `article.txt` with `article.json` (id, title, published, url,
    source, and maybe `text_file`); that JSON describes the text rather than being an article.
    Only the metadata fields are read from it.
    """
    meta = path.with_suffix(".json")
    try:
        if not meta.is_file() or meta.stat().st_size > SIDECAR_MAX_BYTES:
            return None
        record = json.loads(meta.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(record, dict) or (isinstance(record.get("text"), str) and record["text"].strip()):
        return None
    named = record.get("text_file")
    if named is not None and Path(str(named)).name != path.name:
        return None
    return {k: record[k] for k in SIDECAR_FIELDS if isinstance(record.get(k), str) and record[k].strip()}


def _is_sidecar(path: Path) -> bool:
    """Whether a .json file is the metadata of a text or HTML file beside it."""
    return path.suffix.lower() == ".json" and any(
        sidecar(path.with_suffix(ext)) is not None
        for ext in (".txt", ".html", ".htm")
        if path.with_suffix(ext).is_file()
    )


def _guard(make: Any, source: str, where: str = "") -> Iterator[Article | SourceError]:
    """Run a reader, turning any failure into a yielded SourceError so the batch goes on."""
    try:
        yield from make()
    except _Bad as e:
        yield SourceError(str(e), source=source, where=where)
    except SourceError as e:
        yield e
    except RecursionError:
        yield SourceError("input is nested too deeply to read", source=source, where=where)
    except OSError as e:
        yield SourceError(f"cannot read: {e.strerror or e}", source=source, where=where)
    except Exception as e:  # last line of defence: one bad input must never stop a batch
        yield SourceError(f"unexpected {type(e).__name__} while reading: {e}", source=source, where=where)
