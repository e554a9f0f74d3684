"""Hostile inputs beside good articles, through the real CLI: one clear line per bad input, no
traceback, the good articles stored, and an exit status that says whether everything went in.

What counts as what (the test says so below, in EXPECTED):
- failure (exit 1, nothing stored for it): an input that holds no article — empty, whitespace,
  binary, over a size limit, nested too deep, only page furniture in HTML, not JSON, not a JSON
  object, no text, no text column, a symlink loop, a second article claiming an id already used
  in the batch;
- warning (article kept, exit status unchanged): an impossible publication date ("0000-00-00",
  "9999-99-99": kept without a date), a text that does not look like English (kept; extraction
  reads English only);
- silently fine: other encodings (latin-1, UTF-16 with a BOM), lone surrogates in JSON strings
  (replaced by U+FFFD), names with spaces, non-ASCII or undecodable bytes, a plain-text file of
  page furniture (kept as the user gave it; the cleaner makes sure it yields no facts).
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kg.graph import article_iri
from kg.sources import MAX_ARTICLE_BYTES, MAX_COLLECTION_BYTES, MAX_HTML_DEPTH, URL_TIMEOUT
from kg.store import open_store

pytestmark = [pytest.mark.model, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent


def story(city: str, day: str = "Tuesday") -> str:
    return (
        f"Ministers meet in {city}\n\nPublished 2024-03-14\n\n"
        f"Norwegian Foreign Minister Espen Barth Eide met Chilean Foreign Minister Alberto van Klaveren "
        f"in {city} on {day} to discuss fisheries and climate policy, officials said.\n"
    )


GERMAN = (
    "Bundeskanzler Olaf Scholz traf am Dienstag in Berlin den französischen Präsidenten Emmanuel Macron. "
    "Die beiden Politiker sprachen über die Lage in der Ukraine, über die Energiepreise und über die "
    "gemeinsame Verteidigungspolitik der Europäischen Union. Nach dem Treffen erklärten beide, man wolle "
    "die Zusammenarbeit weiter vertiefen."
)
CHINESE = (
    "中国国家主席习近平周二在北京会见了法国总统马克龙。两国领导人就双边关系和共同关心的国际问题交换了意见。"
)
ARABIC = "التقى الرئيس المصري عبد الفتاح السيسي بالعاهل الأردني الملك عبد الله الثاني في القاهرة يوم الثلاثاء لبحث الأوضاع في المنطقة."

PAGE = """<html><head><title>Leaders meet in Rome</title><script>alert('PLANTED-HEAD')</script></head>
<body onload="evil('PLANTED-ONLOAD')"><iframe src="javascript:alert('PLANTED-IFRAME')"></iframe>
<article><h1>Leaders meet in Rome</h1>
<p onclick="evil('PLANTED-CLICK')">Italian Prime Minister Giorgia Meloni met Spanish Prime Minister Pedro
Sanchez in Rome on Wednesday to discuss migration policy and energy, officials said.</p>
<script>document.write('<p>PLANTED-WRITE</p>')</script>
<p>The two leaders agreed to meet again in Madrid next month, according to a joint statement.</p>
<img src="x" onerror="evil('PLANTED-ONERROR')"><style>p{content:'PLANTED-STYLE'}</style></article>
</body></html>"""

FURNITURE_HTML = (
    "<html><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
    "<footer>Subscribe to our newsletter</footer></body></html>"
)
FURNITURE_TXT = "Share this article\n\nSubscribe to our newsletter\n\nSee also  Markets close higher\n\nClick to comment\n"

# (name relative to the batch folder, line/record or None, "failed" or "warning", words of the reason)
EXPECTED = [
    ("blank.txt", None, "failed", "only whitespace"),
    ("deep.html", None, "failed", f"nested more than {MAX_HTML_DEPTH} elements"),
    ("empty.txt", None, "failed", "the file is empty"),
    ("furniture.html", None, "failed", "only page furniture"),
    ("huge.txt", None, "failed", "over the limit of 5 MiB"),
    ("list.json", "record 1", "failed", "must be a JSON object, not str"),
    ("list.json", "record 2", "failed", "has no text"),
    ("loop/back", None, "failed", "symlink loop"),
    ("new\\nline.txt", None, "failed", "the file is empty"),
    ("noise.txt", None, "failed", "binary data"),
    ("notext.csv", None, "failed", "no text column; columns are: id, title"),
    ("records.jsonl", "line 2", "failed", "not valid JSON"),
    ("records.jsonl", "line 3", "failed", "must be a JSON object, not list"),
    ("records.jsonl", "line 4", "failed", "has no text"),
    ("records.jsonl", "line 5", "warning", "cannot read the publication date '0000-00-00'; article kept"),
    ("records.jsonl", "line 6", "warning", "cannot read the publication date '9999-99-99'; article kept"),
    ("records.jsonl", "line 7", "warning", "does not look like English"),
    ("records.jsonl", "line 8", "warning", "non-Latin script"),
    ("records.jsonl", "line 9", "warning", "non-Latin script"),
    ("scalar.json", None, "failed", "must be an object or a list of objects, not int"),
    ("twin.txt", None, "failed", "article id 'twin' is already used by"),
]
# The ids that must be in the store afterwards, and nothing else.
KEPT = {
    "good one",
    "ñandú artículo",
    "bad\\xff name",
    "latin1",
    "utf16",
    "scripts",
    "furniture",
    "twin",
    "jl-good",
    "jl-zero",
    "jl-nines",
    "de",
    "zh",
    "ar",
    "jl-surrogate",
}


def write_good(d: Path) -> None:
    d.mkdir(parents=True, exist_ok=True)
    (d / "good one.txt").write_text(story("Oslo"), encoding="utf-8")
    (d / "ñandú artículo.txt").write_text(story("Bergen"), encoding="utf-8")
    (d / "latin1.txt").write_bytes(
        (
            "Café talks in Zürich\n\nPublished 2024-05-02\n\nSwiss Foreign Minister Ignazio Cassis met "
            "French Foreign Minister Stéphane Séjourné in Zürich on Monday, officials said.\n"
        ).encode("latin-1")
    )
    (d / "utf16.txt").write_bytes(
        (
            "Talks in Tokyo\n\nPublished 2024-05-03\n\nJapanese Prime Minister Fumio Kishida met Indian "
            "Prime Minister Narendra Modi in Tokyo on Friday to discuss trade.\n"
        ).encode("utf-16")  # with a byte-order mark
    )
    (d / "scripts.html").write_text(PAGE, encoding="utf-8")


def write_hostile(d: Path) -> None:
    write_good(d)
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_bytes(b"  \n\t \r\n")
    (d / "noise.txt").write_bytes(random.Random(7).randbytes(4096))
    line = b"The minister met the ambassador on Monday. " * 200 + b"\n"
    (d / "huge.txt").write_bytes(line * (20 * 2**20 // len(line)))
    (d / "deep.html").write_text(
        "<html><body>" + "<div>" * 20_000 + "text" + "</div>" * 20_000 + "</body></html>"
    )
    (d / "furniture.html").write_text(FURNITURE_HTML)
    (d / "furniture.txt").write_text(FURNITURE_TXT)
    (d / "twin.html").write_text(PAGE.replace("Rome", "Naples"))
    (d / "twin.txt").write_text(story("Tromso"))
    (d / "new\nline.txt").write_bytes(b"")
    (d / "bad\udcff name.txt").write_text(story("Stavanger"))  # a name that is not UTF-8
    records = [
        json.dumps({"id": "jl-good", "text": story("Lima"), "published": "2024-03-14"}),
        '{"id": "broken", "text": ',
        json.dumps([1, 2]),
        json.dumps({"id": "jl-notext", "title": "A headline and nothing else"}),
        json.dumps({"id": "jl-zero", "text": story("Quito"), "published": "0000-00-00"}),
        json.dumps({"id": "jl-nines", "text": story("Bogota"), "published": "9999-99-99"}),
        json.dumps({"id": "de", "text": GERMAN, "published": "2024-01-02"}, ensure_ascii=False),
        json.dumps({"id": "zh", "text": CHINESE, "published": "2024-01-02"}, ensure_ascii=False),
        json.dumps({"id": "ar", "text": ARABIC, "published": "2024-01-02"}, ensure_ascii=False),
        # JSON may escape a lone surrogate, which is no Unicode text (spaCy's tokenizer fails on it)
        json.dumps({"id": "jl-surrogate", "text": story("Cusco")}).replace("Cusco", "Cusco \\ud800", 1),
    ]
    (d / "records.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    (d / "scalar.json").write_text("42")
    (d / "list.json").write_text(json.dumps(["not a record", {"id": "j-notext", "title": "T"}]))
    (d / "notext.csv").write_text("id,title\n1,hello\n")
    (d / "loop").mkdir()
    (d / "loop" / "back").symlink_to("..")


def kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, timeout=300, cwd=ROOT
    )


def check_stderr(err: str, d: Path) -> None:
    """Every stderr line is the one expected line of one bad input (or the kg: summary), in one line."""
    assert "Traceback" not in err, err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    want = {
        (f"{kind}: {d / name}" + (f" ({where})" if where else "")): why for name, where, kind, why in EXPECTED
    }
    seen: dict[str, str] = {}
    for ln in lines:
        head = next((h for h in want if ln.startswith(h + ": ")), None)
        assert head is not None, f"unexpected stderr line: {ln!r}\n---\n{err}"
        assert head not in seen, f"two lines for one input: {seen[head]!r} and {ln!r}"
        assert want[head] in ln, f"{ln!r} does not say {want[head]!r}"
        seen[head] = ln
    assert set(seen) == set(want), f"no line for: {sorted(set(want) - set(seen))}"


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("hostile") / "in box"
    write_hostile(d)
    return d


@pytest.fixture(scope="module")
def ingested(batch, tmp_path_factory):
    store = tmp_path_factory.mktemp("hostile-store") / "kg-store"
    return kg("ingest", str(batch), "--store", str(store), "--quiet"), store


def test_ingest_reports_each_bad_input_once_and_fails(ingested, batch):
    result, _ = ingested
    check_stderr(result.stderr, batch)
    assert result.returncode == 1
    failed = sum(kind == "failed" for _, _, kind, _ in EXPECTED)
    assert re.match(rf"{len(KEPT)} read, {len(KEPT)} new, .* {failed} failed;", result.stdout), result.stdout


def test_ingest_stores_the_good_articles(ingested):
    _, store = ingested
    with open_store(store, read_only=True) as st:
        assert set(st.article_iris()) == {str(article_iri(i)) for i in KEPT}
        heads = dict(
            st.query("SELECT ?a ?h WHERE { GRAPH ?a { ?a a schema:NewsArticle ; schema:headline ?h } }").rows
        )
        assert heads[str(article_iri("latin1"))] == "Café talks in Zürich"
        assert heads[str(article_iri("utf16"))] == "Talks in Tokyo"
        assert heads[str(article_iri("scripts"))] == "Leaders meet in Rome"
        assert heads[str(article_iri("twin"))] == "Leaders meet in Naples"  # the first twin, not replaced
        dated = {a for (a,) in st.query("SELECT ?a WHERE { GRAPH ?a { ?a schema:datePublished ?d } }").rows}
        for undated in ("jl-zero", "jl-nines"):  # kept, without a date rather than a guessed one
            assert str(article_iri(undated)) not in dated
        assert str(article_iri("jl-good")) in dated
        # nothing from scripts, handlers, iframes or styles reached the graph
        planted = st.query(
            "ASK { GRAPH ?g { ?s ?p ?o FILTER(isLiteral(?o) && CONTAINS(STR(?o), 'PLANTED')) } }"
        )
        assert not bool(planted)

        # page furniture kept as text yields no facts (a real story beside it does)
        def n_events(article_id: str) -> int:
            q = "SELECT (COUNT(?e) AS ?n) WHERE { GRAPH ?a { ?e a sem:Event } }"
            return st.query(q, bindings={"a": article_iri(article_id)}).rows[0][0]

        assert n_events("furniture") == 0
        assert n_events("good one") > 0
        # the lone surrogate became U+FFFD and the article went in whole
        quotes = st.query(
            "SELECT ?q WHERE { GRAPH ?a { ?s oa:exact ?q } }",
            bindings={"a": article_iri("jl-surrogate")},
        ).column("q")
        assert any("Cusco" in q for q in quotes)


def test_extract_reports_the_same_and_prints_the_good(batch):
    result = kg("extract", str(batch))
    check_stderr(result.stderr, batch)
    assert result.returncode == 1
    docs = json.loads(result.stdout)
    assert {d["id"] for d in docs} == KEPT


def test_a_batch_of_good_articles_exits_0(tmp_path):
    d = tmp_path / "good"
    write_good(d)
    (d / "records.jsonl").write_text(
        json.dumps({"id": "jl-good", "text": story("Lima"), "published": "2024-03-14"}) + "\n",
        encoding="utf-8",
    )
    result = kg("ingest", str(d), "--store", str(tmp_path / "kg-store"), "--quiet")
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == ""
    assert result.stdout.startswith("6 read, 6 new, 0 replaced, 0 unchanged, 0 failed")


def test_readme_states_the_limits():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    limits = re.search(r"^Limits[^\n]*:.*?(?=\n\n)", readme, re.MULTILINE | re.DOTALL)
    assert limits, "README has no Limits paragraph"
    text = " ".join(limits.group().split())
    assert re.search(rf"\b{MAX_ARTICLE_BYTES // 2**20} Mi?B\b", text)
    assert re.search(rf"\b{MAX_COLLECTION_BYTES // 2**20} Mi?B\b", text)
    assert str(MAX_HTML_DEPTH) in text
    assert f"{URL_TIMEOUT:g} s" in readme
