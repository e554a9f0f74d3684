"""Reading articles from files, folders, feeds and URLs; every failure yielded, never raised."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import threading
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import SourceError
from kg.model import Article
from kg.sources import MAX_HTML_DEPTH, SourceWarning, article_from_text, parse_date, read

D = dt.date

BODY = "The two foreign ministers met in Geneva on Tuesday to discuss a ceasefire, officials said.\n"


def _split(items: list) -> tuple[list[Article], list[SourceError]]:
    arts = [x for x in items if isinstance(x, Article)]
    errs = [x for x in items if isinstance(x, SourceError)]
    assert len(arts) + len(errs) == len(items)
    return arts, errs


def _write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------- plain text


@pytest.mark.parametrize(
    ("content", "title", "published"),
    [
        (f"Ministers Meet in Geneva\n\n{BODY}", "Ministers Meet in Geneva", None),
        (
            f"Ministers Meet in Geneva\nPublished on October 21, 2025\n\n{BODY}",
            "Ministers Meet in Geneva",
            D(2025, 10, 21),
        ),
        (f"Updated: 21 Oct 2025 10:32 GMT\n\n{BODY}", "", D(2025, 10, 21)),
        (f"2025-10-21\n{BODY}", "", D(2025, 10, 21)),
        (
            f"Menu\n\nLeaders Agree on a Ceasefire Plan\n\nPublished\n\non\n\nOctober 3, 2024\n\n{BODY}",
            "Leaders Agree on a Ceasefire Plan",
            D(2024, 10, 3),
        ),
        (BODY, "", None),  # no headline, no date: the text starts with the story
    ],
)
def test_txt_headline_and_date(tmp_path: Path, content: str, title: str, published: D | None) -> None:
    [art] = read([_write(tmp_path / "story one.txt", content)])
    assert isinstance(art, Article)
    assert (art.id, art.title, art.published) == ("story one", title, published)
    assert art.text == content  # kept whole: offsets point into what the user gave


def test_published_argument_beats_a_date_in_the_text(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", f"Published on October 21, 2025\n{BODY}")
    [art] = read([path], published=D(2020, 1, 2))
    assert art.published == D(2020, 1, 2)


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("Café à Paris : les ministres se sont réunis mardi.\n".encode("latin-1"), "Café à Paris"),
        ("Müller traf Schröder in Köln; sie sprachen über Öl.\n".encode("cp1252"), "Müller traf Schröder"),
        ("The minister met his counterpart in Geneva.\n".encode("utf-16"), "The minister met"),
        ("The minister met his counterpart in Geneva.\n".encode("utf-16-le"), "The minister met"),
        ("\ufeffLe ministre a rencontré son homologue.\n".encode(), "Le ministre a rencontré"),
        (b"Line one.\r\nLine two.\r\n", "Line one.\nLine two.\n"),
    ],
)
def test_txt_encodings(tmp_path: Path, data: bytes, text: str) -> None:
    [art] = read([_write(tmp_path / "enc.txt", data)])
    assert isinstance(art, Article), art
    assert art.text.startswith(text)
    assert "\ufeff" not in art.text


# ---------------------------------------------------------------------------- failures


def _noise() -> bytes:
    import random

    rng = random.Random(7)
    return bytes(rng.randrange(256) for _ in range(4000))


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\n", "only whitespace"),
        ("noise.txt", _noise(), "binary"),
        ("nul.txt", b"abc\x00\x00\x00def\x00\x01\x02" * 50, "binary"),
        ("doc.pdf", b"%PDF-1.4", "unknown file type '.pdf'"),
        ("README", b"hello", "unknown file type '(no extension)'"),
        ("scalar.json", b"42", "not int"),
        ("broken.json", b'{"text": ', "not valid JSON"),
        ("empty.json", b"", "empty"),
        ("notext.json", b'{"id": "a", "title": "T"}', "has no text"),
        ("numtext.json", b'{"id": "a", "text": 5}', "has a int as text"),
        ("nocol.csv", b"id,title\n1,T\n", "no text column; columns are: id, title"),
        ("empty.csv", b"", "no header row"),
        ("empty.html", b"", "empty"),
        ("script-only.html", b"<html><body><script>var a = 1;</script></body></html>", "no article text"),
        ("plain.xml", b"<root><x/></root>", "not an RSS or Atom feed"),
        ("bad.rss", b"<rss><channel><item>", "not well-formed XML"),
        ("entity.rss", b'<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]><rss>&e;</rss>', "no items"),
    ],
)
def test_bad_files_are_reported_not_raised(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = _write(tmp_path / name, content)
    [err] = read([path])
    assert isinstance(err, SourceError) and not isinstance(err, SourceWarning)
    assert err.source == str(path)
    assert reason in err.reason
    assert "\n" not in str(err)


def test_one_bad_input_does_not_stop_the_batch(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", BODY)
    _write(tmp_path / "b.txt", b"")
    _write(tmp_path / "c.txt", BODY)
    arts, errs = _split(list(read([tmp_path, tmp_path / "missing.txt"])))
    assert [a.id for a in arts] == ["a", "c"]
    assert [e.source for e in errs] == [str(tmp_path / "b.txt"), str(tmp_path / "missing.txt")]
    assert "no such file" in errs[1].reason


@pytest.mark.parametrize("suffix", [".txt", ".html"])
def test_over_the_size_limit(tmp_path: Path, suffix: str) -> None:
    path = _write(tmp_path / f"big{suffix}", "word " * 1000)
    [err] = read([path], max_bytes=1000)
    assert isinstance(err, SourceError)
    assert "5000 bytes" in err.reason and "limit" in err.reason and "1000 bytes" in err.reason


def test_record_over_the_size_limit(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "r.jsonl", json.dumps({"text": "x" * 1500}) + "\n" + json.dumps({"text": "ok"}) + "\n"
    )
    err, art = read([path], max_bytes=1000)
    assert isinstance(err, SourceError) and err.where == "line 1" and "over the limit" in err.reason
    assert isinstance(art, Article) and art.text == "ok"


# ---------------------------------------------------------------------------- records


def test_jsonl_records_and_their_errors(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "id": "x1",
                "text": "Putin met Xi.",
                "title": "T",
                "published": "2025-10-21T08:00:00Z",
                "url": "u",
                "source": "s",
            }
        ),
        "{bad json",
        "[1, 2]",
        json.dumps({"title": "no text"}),
        "",
        json.dumps({"text": "No id here.", "date": "21 October 2025"}),
        json.dumps({"text": "Impossible date.", "published": "0000-00-00"}),
    ]
    path = _write(tmp_path / "news feed.jsonl", "\n".join(lines) + "\n")
    out = list(read([path]))
    assert [type(x).__name__ for x in out] == [
        "Article", "SourceError", "SourceError", "SourceError", "Article", "Article", "SourceWarning",
    ]  # fmt: skip
    first = out[0]
    assert (first.id, first.title, first.published, first.url, first.source) == (
        "x1",
        "T",
        D(2025, 10, 21),
        "u",
        "s",
    )
    assert [e.where for e in out[1:4]] == ["line 2", "line 3", "line 4"]
    assert "not valid JSON" in out[1].reason and "not list" in out[2].reason and "no text" in out[3].reason
    assert out[4].id == "news feed-6" and out[4].published == D(2025, 10, 21)
    # An unreadable date keeps the article (published None) and says so separately.
    assert out[5].id == "news feed-7" and out[5].published is None
    assert out[6].where == "line 7" and "'0000-00-00'" in out[6].reason
    assert str(out[6]).startswith(f"{path} (line 7): ")


def test_json_object_and_list(tmp_path: Path) -> None:
    one = _write(tmp_path / "one.json", json.dumps({"text": "A single article."}))
    many = _write(
        tmp_path / "many.json", json.dumps([{"id": 7, "text": "First."}, "oops", {"text": "Third."}])
    )
    out = list(read([one, many]))
    assert [getattr(x, "id", None) for x in out] == ["one-1", "7", None, "many-3"]
    assert out[2].where == "record 2" and "not str" in out[2].reason


def test_csv_records(tmp_path: Path) -> None:
    content = 'id,title,text,published,extra\n1,A,"Macron visited Berlin.\nHe met Merz.",21 Oct 2025,x\n2,B,,,\n,C,Text only.,9999-99-99,\n'
    path = _write(tmp_path / "dépêches 2025.csv", content)
    out = list(read([path]))
    assert [type(x).__name__ for x in out] == ["Article", "SourceError", "Article", "SourceWarning"]
    assert out[0].text == "Macron visited Berlin.\nHe met Merz." and out[0].published == D(2025, 10, 21)
    assert out[1].where == "record 2"
    assert out[2].id == "dépêches 2025-3" and out[2].published is None


def test_csv_latin1(tmp_path: Path) -> None:
    path = _write(tmp_path / "l.csv", 'text\n"Café à Paris, réunion des ministres."\n'.encode("latin-1"))
    [art] = read([path])
    assert art.text == "Café à Paris, réunion des ministres."


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_record_files_are_streamed(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"big{suffix}"
    with path.open("w", encoding="utf-8", newline="") as f:
        if suffix == ".csv":
            f.write("id,text\n")
        for i in range(100_000):
            text = f"Article number {i} says the ministers met again today."
            f.write(
                json.dumps({"id": f"a{i}", "text": text}) + "\n" if suffix == ".jsonl" else f"a{i},{text}\n"
            )
    size = path.stat().st_size
    assert size > 5_000_000
    # Memory while the first records come out: a reader that loaded the file would hold it all.
    records = read([path])
    tracemalloc.start()
    try:
        first = [next(records) for _ in range(10)]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < size / 10
    assert [a.id for a in first] == [f"a{i}" for i in range(10)]
    assert 10 + sum(1 for x in records if isinstance(x, Article)) == 100_000


# ---------------------------------------------------------------------------- folders


def test_folder_walk_is_sorted_recursive_and_skips_hidden(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "sub/c.txt", "sub/deeper/d.txt", ".hidden.txt", "Zed ünï.txt"):
        _write(tmp_path / name, BODY)
    ids = [x.id for x in read([tmp_path])]
    assert ids == ["Zed ünï", "a", "b", "c", "d"]
    assert ids == [x.id for x in read([tmp_path])]  # deterministic


def test_symlink_loop_is_reported_not_followed(tmp_path: Path) -> None:
    _write(tmp_path / "sub/a.txt", BODY)
    (tmp_path / "sub/up").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "self").symlink_to(tmp_path / "self")
    arts, errs = _split(list(read([tmp_path])))
    assert [a.id for a in arts] == ["a"]
    assert sorted(e.source for e in errs) == [str(tmp_path / "self"), str(tmp_path / "sub/up")]
    assert all("symlink loop" in e.reason for e in errs)


# ---------------------------------------------------------------------------- HTML and feeds

PAGE = """<html><head><title>Leaders meet in Geneva | World Times</title>
<meta property="og:site_name" content="World Times"><meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2025-10-21T09:00:00Z">
<link rel="canonical" href="https://example.org/geneva"><script>alert('HEAD-SCRIPT')</script></head>
<body onload="evil('ONLOAD')"><nav><a href="/">Home</a></nav><article><h1>Leaders meet in Geneva</h1>
<p onclick="evil('CLICK')">The two presidents met on Tuesday in Geneva to discuss trade and security, officials said.</p>
<iframe src="https://ads.example/IFRAME"></iframe><script>document.write('INJECTED')</script>
<p onmouseover="x('HOVER')">They agreed to meet again next month in Vienna, according to a joint statement.</p>
<noscript>NOSCRIPT</noscript><style>.a{content:'STYLE'}</style></article></body></html>"""


def test_html_text_and_metadata_no_script(tmp_path: Path) -> None:
    [art] = read([_write(tmp_path / "geneva page.html", PAGE)])
    assert isinstance(art, Article), art
    assert art.id == "geneva page"
    assert art.title == "Leaders meet in Geneva"
    assert art.published == D(2025, 10, 21)
    assert art.url == "https://example.org/geneva"
    assert art.source == "World Times"
    assert "met on Tuesday in Geneva" in art.text and "joint statement" in art.text
    for planted in ("HEAD-SCRIPT", "ONLOAD", "CLICK", "IFRAME", "INJECTED", "HOVER", "STYLE", "evil", "<"):
        assert planted not in art.text


def test_html_nested_20000_deep(tmp_path: Path) -> None:
    deep = "<html><body>" + "<div>" * 20_000 + "<p>deep</p>" + "</div>" * 20_000 + "</body></html>"
    _write(tmp_path / "deep.html", deep)
    _write(tmp_path / "ok.html", PAGE)
    err, art = read([tmp_path])
    assert isinstance(err, SourceError) and f"more than {MAX_HTML_DEPTH}" in err.reason
    assert isinstance(art, Article)


RSS = """<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>World Wire</title>
<item><title>Summit set</title><link>https://ex.org/1</link><guid>https://ex.org/1</guid>
<pubDate>Tue, 21 Oct 2025 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Leaders will meet.&lt;/p&gt;&lt;script&gt;bad()&lt;/script&gt;&lt;p onclick="x()"&gt;Second.&lt;/p&gt;</description></item>
<item><title>Full text</title><link>https://ex.org/2</link><description>Short.</description>
<content:encoded><![CDATA[<p>The full story.</p>]]></content:encoded></item>
<item><title>Nothing</title></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title>
<entry><title>Talks held</title><id>urn:x:1</id><link rel="alternate" href="https://ex.org/a"/>
<published>2025-10-20T08:00:00Z</published>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Talks were held.</p></div></content></entry></feed>"""


def test_rss_and_atom(tmp_path: Path) -> None:
    rss = _write(tmp_path / "wire.rss", RSS)
    atom = _write(tmp_path / "desk.xml", ATOM)
    out = list(read([rss, atom]))
    assert [type(x).__name__ for x in out] == ["Article", "Article", "SourceError", "Article"]
    a, b, err, c = out
    assert (a.id, a.title, a.published, a.url, a.source) == (
        "https://ex.org/1",
        "Summit set",
        D(2025, 10, 21),
        "https://ex.org/1",
        "World Wire",
    )
    assert a.text == "Leaders will meet.\n\nSecond." or a.text.split() == [
        "Leaders",
        "will",
        "meet.",
        "Second.",
    ]
    assert "bad()" not in a.text
    assert b.text == "The full story."
    assert err.where == "item 3"
    assert (c.id, c.title, c.published, c.url, c.source, c.text) == (
        "urn:x:1",
        "Talks held",
        D(2025, 10, 20),
        "https://ex.org/a",
        "Atom Desk",
        "Talks were held.",
    )


# ---------------------------------------------------------------------------- URLs


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """A web server on 127.0.0.1 serving tmp_path/www (there is no internet in tests)."""
    root = tmp_path / "www"
    root.mkdir()

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(root), **kwargs)

        def log_message(self, *args) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_urls(server: str, tmp_path: Path) -> None:
    www = tmp_path / "www"
    _write(www / "geneva.html", PAGE)
    _write(www / "note.txt", f"Ministers Meet in Geneva\n\n{BODY}")
    _write(www / "wire.rss", RSS)
    _write(www / "x.bin", b"\x00\x01")
    urls = [
        f"{server}/geneva.html",
        f"{server}/note.txt",
        f"{server}/wire.rss",
        f"{server}/missing.html",
        f"{server}/x.bin",
    ]
    out = list(read(urls))
    html, txt, r1, r2, r3, missing, binary = out
    assert (
        isinstance(html, Article) and html.title == "Leaders meet in Geneva" and "INJECTED" not in html.text
    )
    assert (
        isinstance(txt, Article)
        and txt.id == f"{server}/note.txt"
        and txt.title == "Ministers Meet in Geneva"
    )
    assert [type(x).__name__ for x in (r1, r2, r3)] == ["Article", "Article", "SourceError"]
    assert (
        isinstance(missing, SourceError)
        and "HTTP 404" in missing.reason
        and missing.source == f"{server}/missing.html"
    )
    assert isinstance(binary, SourceError) and "content type" in binary.reason


def test_unreachable_url() -> None:
    [err] = read(["http://127.0.0.1:9/nothing"])  # port 9 (discard) is not listening
    assert isinstance(err, SourceError) and "cannot fetch" in err.reason


# ---------------------------------------------------------------------------- the rest


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-10-21", D(2025, 10, 21)),
        ("2025-10-21T23:30:00Z", D(2025, 10, 21)),
        ("2025-10-21 08:00:00+02:00", D(2025, 10, 21)),
        ("Tue, 21 Oct 2025 10:00:00 GMT", D(2025, 10, 21)),
        ("October 21, 2025", D(2025, 10, 21)),
        ("21 Oct. 2025", D(2025, 10, 21)),
        ("21/10/2025", D(2025, 10, 21)),
        ("0000-00-00", None),
        ("9999-99-99", None),
        ("2025-02-30", None),
        ("yesterday", None),  # relative dates need an anchor; not a publication date
        ("", None),
        (None, None),
        (20251021, None),
    ],
)
def test_parse_date(value: object, expected: D | None) -> None:
    assert parse_date(value) == expected


def test_article_from_text() -> None:
    art = article_from_text(f"Ministers Meet in Geneva\n\n{BODY}", id="paste-1", source="user")
    assert (art.id, art.title, art.source, art.published) == (
        "paste-1",
        "Ministers Meet in Geneva",
        "user",
        None,
    )
    given_title = article_from_text(BODY, id="p", title="Mine", published=D(2025, 1, 1))
    assert (given_title.title, given_title.published) == ("Mine", D(2025, 1, 1))
    with pytest.raises(SourceError, match="empty"):
        article_from_text("  \n", id="p")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.one_of(
        st.binary(max_size=600),
        st.text(max_size=300).map(lambda s: s.encode("utf-8", "surrogatepass")),
        st.lists(
            st.sampled_from(
                [
                    b"{",
                    b"}",
                    b'"text"',
                    b":",
                    b",",
                    b'"',
                    b"\n",
                    b"\r",
                    b"\x00",
                    b"\xff",
                    b"id,text\n",
                    b"\xfe\xff",
                    b"abc",
                ]
            ),
            max_size=40,
        ).map(b"".join),
    ),
    suffix=st.sampled_from([".jsonl", ".csv", ".txt", ".json", ".html", ".rss"]),
)
def test_arbitrary_bytes_never_raise(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    for x in read([path], max_bytes=400):
        assert isinstance(x, Article | SourceError)
        if isinstance(x, SourceError):
            assert x.source == str(path) and "\n" not in x.reason


def test_sidecar_json_gives_a_text_file_its_metadata(tmp_path):
    """`a.txt` + `a.json` (metadata, no text): one article, dated by the JSON; the JSON is not an article."""
    (tmp_path / "a.txt").write_text(
        "Ministers met in Oslo on Monday to discuss fisheries.\n", encoding="utf-8"
    )
    (tmp_path / "a.json").write_text(
        json.dumps({"id": "wire-1", "published": "2024-03-14", "source": "Wire", "text_file": "a.txt"}),
        encoding="utf-8",
    )
    (tmp_path / "b.json").write_text(
        json.dumps({"id": "b", "text": "A record with its own text."}), encoding="utf-8"
    )
    items = list(read([tmp_path]))
    arts = [i for i in items if isinstance(i, Article)]
    assert not [i for i in items if isinstance(i, SourceError)]
    assert {a.id for a in arts} == {"wire-1", "b"}
    (a,) = [a for a in arts if a.id == "wire-1"]
    assert a.published == dt.date(2024, 3, 14) and a.source == "Wire"
