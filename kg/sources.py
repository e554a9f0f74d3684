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

import codecs
import csv
import datetime as dt
import io
import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from kg.clean import clean, headline
from kg.dates import _date_in_text, parse_date
from kg.decoding import Bad as _Bad
from kg.decoding import (
    _bom,
    _decode,
    _detect,
    _mostly_latin,
    _newlines,
    _not_english,
    _valid,
)
from kg.errors import SourceError
from kg.model import Article

__all__ = ["MAX_ARTICLE_BYTES", "SourceWarning", "article_from_text", "parse_date", "read"]

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


def _read_txt(
    path: Path, data: bytes, *, published: dt.date | None, **_: Any
) -> Iterator[Article | SourceError]:
    text = _decode(data)
    if not text.strip():
        raise _Bad("the file is empty" if not data else "the file holds only whitespace")
    meta = sidecar(path) or {}
    when = parse_date(meta.get("published") or meta.get("date") or meta.get("datePublished") or "")
    yield article_from_text(
        text,
        id=meta.get("id") or _stem(path),
        published=when or published,
        title=meta.get("title") or meta.get("headline") or "",
        url=meta.get("url") or meta.get("link") or "",
        source=meta.get("source") or meta.get("publisher") or "",
        origin=_shown(path),
    )


_TAG = re.compile(rb"<(/?)([A-Za-z][\w:-]*)[^>]*?(/?)>")
_VOID = {
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta",
    b"param", b"source", b"track", b"wbr", b"p", b"li", b"option", b"td", b"tr", b"th",
}  # fmt: skip


def _html_depth(data: bytes, limit: int) -> int:
    """Nesting depth of the tags, counted without parsing (stops once past `limit`)."""
    depth = 0
    for m in _TAG.finditer(data):
        name = m.group(2).lower()
        if m.group(3) or name in _VOID:  # self-closing, or elements that are often left open
            continue
        depth += -1 if m.group(1) else 1
        if depth > limit:
            return depth
    return depth


def _read_html(
    path: Path | str, data: bytes, *, published: dt.date | None, url: str = "", **_: Any
) -> Iterator[Article | SourceError]:
    import trafilatura

    if not data.strip():
        raise _Bad("the file is empty")
    if _html_depth(data, MAX_HTML_DEPTH) > MAX_HTML_DEPTH:
        raise _Bad(f"HTML is nested more than {MAX_HTML_DEPTH} elements deep; not read as an article")
    try:
        # Comments under an article are not the article; trafilatura keeps them by default.
        doc = trafilatura.bare_extraction(data, url=url or None, with_metadata=True, include_comments=False)
    except RecursionError:
        raise _Bad("HTML is nested too deeply to parse") from None
    except Exception as e:  # trafilatura/lxml raise many kinds of errors on broken markup
        raise _Bad(f"cannot extract text from the HTML: {type(e).__name__}: {e}") from None
    text = (doc.text or "") if doc is not None else ""
    # trafilatura writes one paragraph (or heading) per line: a blank line between them keeps a
    # headline from running into the first paragraph when the text is parsed
    text = re.sub(r"\n+", "\n\n", _newlines(text).strip("\n"))
    if not text.strip():
        raise _Bad("no article text found in the HTML")
    # What trafilatura falls back to on a page without an article is its menus and prompts.
    if _mostly_latin(text) and not clean(text, title=doc.title or "").text.strip():
        raise _Bad(f"no article text found in the HTML, only page furniture ({_preview(text)})")
    stem = _stem(path) if isinstance(path, Path) else url
    yield Article(
        id=stem,
        text=_newlines(text),
        title=doc.title or "",
        published=parse_date(doc.date) or published,
        url=doc.url or url,
        source=doc.sitename or "",
        origin=_shown(path),
    )


def _read_json(path: Path, data: bytes, **kw: Any) -> Iterator[Article | SourceError]:
    text = _decode(data)
    if not text.strip():
        raise _Bad("the file is empty")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise _Bad(f"not valid JSON: {e.msg} at line {e.lineno}, column {e.colno}") from None
    except ValueError as e:  # e.g. a number of more than 4300 digits
        raise _Bad(f"not valid JSON: {e}") from None
    if isinstance(doc, dict):
        records, single = [doc], True
    elif isinstance(doc, list):
        records, single = doc, False
    else:
        raise _Bad(f"JSON must be an object or a list of objects, not {type(doc).__name__}")
    for n, rec in enumerate(records, 1):
        where = "" if single else f"record {n}"
        yield from _guard(
            lambda rec=rec, n=n, where=where: _record(
                rec, stem=_stem(path), n=n, source=_shown(path), where=where, **kw
            ),
            _shown(path),
            where,
        )


def _lines_of(f: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) per line; None for a line longer than `limit` (its bytes are skipped, not kept)."""
    n = 0
    while True:
        line = f.readline(limit + 1)
        if not line:
            return
        n += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (more := f.readline(1 << 20)) and not more.endswith(b"\n"):
                pass
            yield n, None
        else:
            yield n, line


def _read_jsonl(path: Path, f: BinaryIO, *, max_bytes: int, **kw: Any) -> Iterator[Article | SourceError]:
    enc = _bom(f.peek(4)[:4]) if hasattr(f, "peek") else None
    if enc in ("utf-16", "utf-32"):
        # Wide encodings cannot be split on b"\n"; decode as a stream (still line by line).
        lines: Iterable[tuple[int, bytes | None]] = (
            (n, line.encode("utf-8")) for n, line in enumerate(io.TextIOWrapper(f, enc, errors="replace"), 1)
        )
    else:
        lines = _lines_of(f, max_bytes * 2)  # JSON escapes can double a text's size
    for n, raw in lines:
        where = f"line {n}"
        if raw is None:
            yield SourceError(
                f"line is over the limit of {max_bytes * 2} bytes (twice max_bytes, for JSON escapes); skipped",
                source=_shown(path),
                where=where,
            )
            continue
        if not raw.strip():
            continue
        yield from _guard(
            lambda raw=raw, n=n: _jsonl_line(path, raw, n, max_bytes=max_bytes, **kw), _shown(path), where
        )


def _jsonl_line(path: Path, raw: bytes, n: int, **kw: Any) -> Iterator[Article | SourceError]:
    text = _decode(raw.removeprefix(codecs.BOM_UTF8))
    try:
        rec = json.loads(text)
    except json.JSONDecodeError as e:
        raise _Bad(f"not valid JSON: {e.msg} at column {e.colno}") from None
    except ValueError as e:  # e.g. a number of more than 4300 digits
        raise _Bad(f"not valid JSON: {e}") from None
    yield from _record(rec, stem=_stem(path), n=n, source=_shown(path), where=f"line {n}", **kw)


def _csv_encoding(f: BinaryIO) -> str:
    head = f.peek(65536)[:65536] if hasattr(f, "peek") else b""
    if enc := _bom(head):
        return enc
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        return _detect(head)


def _read_csv(path: Path, f: BinaryIO, *, max_bytes: int, **kw: Any) -> Iterator[Article | SourceError]:
    enc = _csv_encoding(f)
    # The default field limit (128 KiB) is below a long article; raising a global limit is harmless.
    csv.field_size_limit(max(csv.field_size_limit(), max_bytes + 1))
    stream = io.TextIOWrapper(f, encoding=enc, newline="")
    reader = csv.DictReader(stream)
    n = 0
    try:
        header = reader.fieldnames
        if not header:
            raise _Bad("the file is empty (no header row)")
        columns = [str(c).strip().lstrip("\ufeff") for c in header]
        reader.fieldnames = columns
        if not any(c in TEXT_FIELDS for c in columns):
            shown = ", ".join(_shown(c) for c in columns)  # a quoted header cell may hold a newline
            raise _Bad(f"no text column; columns are: {shown}. Expected one of: {', '.join(TEXT_FIELDS)}")
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as e:
                n += 1
                yield SourceError(f"malformed CSV row: {e}", source=_shown(path), where=f"record {n}")
                continue
            n += 1
            where = f"record {n}"
            row.pop(None, None)  # extra cells beyond the header
            yield from _guard(
                lambda row=row, n=n, where=where: _record(
                    row, stem=_stem(path), n=n, source=_shown(path), where=where, max_bytes=max_bytes, **kw
                ),
                _shown(path),
                where,
            )
    except UnicodeDecodeError as e:
        raise _Bad(
            f"not valid {enc} after record {n} ({e.reason}); the rest of the file is skipped"
        ) from None


def _read_feed(path: Path | str, data: bytes, **kw: Any) -> Iterator[Article | SourceError]:
    from lxml import etree

    # No DTDs, no entities, no network: a feed is untrusted input.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise _Bad(f"not well-formed XML: {e}") from None
    if root is None:
        raise _Bad("the file is empty")
    items = [
        el for el in root.iter() if isinstance(el.tag, str) and etree.QName(el).localname in ("item", "entry")
    ]
    if etree.QName(root).localname not in ("rss", "feed", "RDF") and not items:
        raise _Bad(f"not an RSS or Atom feed (root element <{etree.QName(root).localname}>)")
    if not items:
        raise _Bad("the feed has no items")
    stem = _stem(path) if isinstance(path, Path) else _shown(path)
    # The feed's own title names the publisher of its items.
    feed_title = next(
        (
            (el.text or "").strip()
            for el in root.iter()
            if isinstance(el.tag, str)
            and etree.QName(el).localname == "title"
            and el.getparent() is not None
            and etree.QName(el.getparent()).localname in ("channel", "feed")
        ),
        "",
    )
    kw = {**kw, "source_name": feed_title}
    for n, item in enumerate(items, 1):
        where = f"item {n}"
        yield from _guard(
            lambda item=item, n=n, where=where: _feed_item(item, stem, n, _shown(path), where, **kw),
            _shown(path),
            where,
        )


def _feed_item(
    item: Any, stem: str, n: int, source: str, where: str, *, source_name: str = "", **kw: Any
) -> Iterator[Article | SourceError]:
    from lxml import etree

    fields: dict[str, str] = {}
    for child in item:
        if not isinstance(child.tag, str):
            continue
        name = etree.QName(child).localname
        if name == "link" and child.get("href"):
            if child.get("rel", "alternate") == "alternate":
                fields.setdefault("link", child.get("href"))
            continue
        # Atom's type="xhtml" content is markup inside the element, not text in it.
        value = "\n".join(t.strip() for t in child.itertext()) if len(child) else (child.text or "")
        fields.setdefault(name, value.strip())
    body = (
        fields.get("encoded")
        or fields.get("content")
        or fields.get("description")
        or fields.get("summary")
        or ""
    )
    record = {
        "id": fields.get("guid") or fields.get("id") or fields.get("link") or "",
        "text": _html_text(body),
        "title": fields.get("title", ""),
        "published": fields.get("pubDate")
        or fields.get("published")
        or fields.get("updated")
        or fields.get("date"),
        "url": fields.get("link", ""),
        "source": source_name,
    }
    yield from _record(record, stem=stem, n=n, source=source, where=where, **kw)


_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr")


def _html_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed description): scripts and styles dropped, paragraphs kept."""
    if "<" not in fragment:
        return fragment
    import lxml.html
    from lxml.etree import ParserError
    from lxml_html_clean import Cleaner

    try:
        tree = lxml.html.fragment_fromstring(fragment, create_parent="div")
        tree = Cleaner(scripts=True, javascript=True, style=True, comments=True, forms=True).clean_html(tree)
    except (ParserError, ValueError):
        return fragment
    for el in tree.iter(*_BLOCKS):
        el.tail = "\n" + (el.tail or "") if el.tag == "br" else (el.tail or "") + "\n"
    return re.sub(r"\n\s*\n+", "\n\n", tree.text_content()).strip()


# ---------------------------------------------------------------------------- walking

_WHOLE = {".txt": _read_txt, ".html": _read_html, ".htm": _read_html, ".json": _read_json}
_FEEDS = {".rss": _read_feed, ".xml": _read_feed, ".atom": _read_feed}
_STREAMED = {".jsonl": _read_jsonl, ".ndjson": _read_jsonl, ".csv": _read_csv}


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
