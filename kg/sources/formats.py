"""One reader per input format: .txt, .html, .json, .jsonl, .csv and RSS/Atom feeds.

Each reader yields articles and `SourceError`s for one file (or one fetched response) and never raises
for bad input; `kg.sources.readers` picks the reader by suffix or content type."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from kg.errors import SourceError
from kg.model import Article
from kg.sources.dates import parse_date
from kg.sources.decoding import Bad as _Bad
from kg.sources.decoding import (
    _bom,
    _decode,
    _detect,
    _mostly_latin,
    _newlines,
)
from kg.sources.furniture import clean
from kg.sources.records import (
    MAX_HTML_DEPTH,
    TEXT_FIELDS,
    _guard,
    _preview,
    _record,
    _shown,
    _stem,
    article_from_text,
    sidecar,
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
