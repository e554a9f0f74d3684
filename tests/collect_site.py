"""A news site on 127.0.0.1 for the collect tests: feeds, sitemaps, GDELT answers, pages and misbehaviour.

Every text here was written for these tests. `Site` serves from a `ThreadingHTTPServer` on an
ephemeral port and logs each request (arrival time, path, User-Agent) so tests can check what was
fetched, how often, and how far apart.

    /robots.txt             disallows /private/ for everyone and /members/ for kg
    /press/feed.xml         RSS 2.0: the ministry's press releases and every kind of trouble
    /press/atom.xml         Atom 1.0: two statements
    /sitemap_index.xml      an index of /sitemap-news.xml, /sitemap-pages.xml and an old /sitemap-2018.xml
    /gdelt                  the GDELT DOC 2.0 artlist JSON for any query (plain text when it is 'x')
    /press/<slug>.html      article pages with menus, bylines, share buttons, related links, a footer
    /slow.html /broken.html /busy.html /flaky.html /huge.html /image.png /loop /old/<slug> ...
"""

from __future__ import annotations

import datetime as dt
import http.server
import json
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from email.utils import format_datetime
from html import escape
from urllib.parse import parse_qs, urlsplit

# (slug, headline, date, paragraphs): press releases of a made-up foreign ministry, written for these tests.
RELEASES = [
    (
        "minister-meets-chilean-counterpart",
        "Foreign Minister meets Chilean counterpart in Oslo",
        dt.date(2025, 3, 4),
        [
            "Foreign Minister Ingrid Solberg met Chilean Foreign Minister Alberto van Klaveren in Oslo on Tuesday to discuss fisheries and climate research.",
            "The two ministers agreed to open talks on a research agreement, and van Klaveren invited Solberg to visit Santiago in the autumn.",
            "Solberg said the meeting showed how much the two countries share as coastal states.",
        ],
    ),
    (
        "state-secretary-visits-nairobi",
        "State Secretary visits Nairobi for talks on trade",
        dt.date(2025, 3, 11),
        [
            "State Secretary Erik Haugen visited Nairobi on Monday and held talks with Kenyan Trade Cabinet Secretary Lee Kinyanjui.",
            "The talks covered renewable energy, shipping and the planned trade forum in Mombasa next year.",
            "Haugen will travel on to Addis Ababa on Wednesday to meet officials of the African Union.",
        ],
    ),
    (
        "phone-call-with-japanese-minister",
        "Minister speaks by phone with Japanese Foreign Minister",
        dt.date(2025, 3, 18),
        [
            "Foreign Minister Ingrid Solberg spoke by phone with Japanese Foreign Minister Takeshi Iwaya on Friday.",
            "The ministers discussed security in the Arctic and the next meeting of the Arctic Council, which Japan follows as an observer.",
            "Iwaya thanked Solberg for the invitation to the energy conference in Stavanger in June.",
        ],
    ),
    (
        "visit-to-warsaw-postponed",
        "Planned visit to Warsaw postponed",
        dt.date(2025, 3, 25),
        [
            "A planned visit by Foreign Minister Ingrid Solberg to Warsaw has been postponed, the ministry said on Tuesday.",
            "Solberg had been due to meet Polish Foreign Minister Radoslaw Sikorski on Thursday to discuss support for Ukraine.",
            "A new date will be set once the parliamentary session ends, a spokesperson said.",
        ],
    ),
    (
        "agreement-signed-with-iceland",
        "Fisheries agreement signed with Iceland",
        dt.date(2025, 4, 1),
        [
            "Norway and Iceland signed a fisheries agreement in Reykjavik on Monday after two years of negotiations.",
            "Foreign Minister Ingrid Solberg and Icelandic Foreign Minister Thorgerdur Gunnarsdottir signed the agreement at the foreign ministry.",
            "The agreement sets shared quotas for mackerel and herring for the next five years.",
        ],
    ),
    (
        "ministers-discuss-arctic-shipping",
        "Nordic ministers discuss Arctic shipping in Tromso",
        dt.date(2025, 4, 8),
        [
            "Nordic foreign ministers met in Tromso on Wednesday to discuss shipping routes in the Arctic.",
            "Finnish Foreign Minister Elina Valtonen and Swedish Foreign Minister Maria Malmer Stenergard joined Ingrid Solberg for the talks.",
            "The ministers said they would meet again in Helsinki in the autumn.",
        ],
    ),
]
OLD = (
    "statement-on-elections-2019",
    "Statement on the elections",
    dt.date(2019, 6, 2),
    [
        "The ministry welcomed the peaceful conduct of the elections held on Sunday and thanked the observers for their work in the field.",
        "Foreign Minister Ingrid Solberg said the result showed the strength of the country's institutions.",
    ],
)
FRENCH = (
    "declaration-commune",
    "Déclaration commune des ministres",
    dt.date(2025, 3, 20),
    [
        "Les ministres des affaires étrangères se sont rencontrés mardi à Paris pour discuter de la sécurité dans la région.",
        "Ils ont convenu de se retrouver au printemps prochain à Bruxelles avec leurs homologues européens.",
    ],
)
WIRE = [
    (
        f"wire-{n}",
        f"Envoys meet in Geneva, round {n}",
        dt.date(2025, 4, 10 + n),
        [
            f"Envoys of Brazil and South Africa met in Geneva on Thursday for the {n}th round of talks on trade in farm goods.",
            "The Brazilian envoy said the talks had been useful and that both sides wanted an agreement before the summer.",
            "The next round will be held in Pretoria, a spokesperson for the South African delegation said.",
        ],
    )
    for n in range(1, 4)
]
FEED_ONLY = " ".join(
    ["The ministry published the full text of the minister's address to parliament on foreign policy."]
    + [f"In part {n} of the address, the minister set out the government's priorities for the year ahead, "
       "from trade with the countries of the region to support for the United Nations." for n in range(1, 9)]
)  # fmt: skip

FURNITURE_MENU = ["Home", "Press releases", "Speeches", "Travel advice", "Contact us"]
RELATED = [
    "Minister to attend the summit in Brussels",
    "Travel advice updated for the region",
    "Our embassies abroad",
]


def article_html(
    slug: str, title: str, day: dt.date, paragraphs: list[str], *, lang: str = "en", meta_date: bool = True
) -> str:
    """An article page with its furniture: a menu, a byline, share buttons, related links, a footer."""
    menu = "".join(
        f'<li><a href="/{escape(m.lower().replace(" ", "-"))}">{escape(m)}</a></li>' for m in FURNITURE_MENU
    )
    related = "".join(
        f'<li><a href="https://elsewhere.invalid/{i}">{escape(r)}</a></li>' for i, r in enumerate(RELATED)
    )
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    date_meta = (
        f'<meta property="article:published_time" content="{day.isoformat()}T09:00:00+00:00">'
        if meta_date
        else ""
    )
    return f"""<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{escape(title)} | Ministry of Foreign Affairs</title>
<meta property="og:site_name" content="Ministry of Foreign Affairs">{date_meta}</head>
<body><header><nav><ul>{menu}</ul></nav><div class="cookie">We use cookies to improve this site. Accept all cookies</div></header>
<main><article><h1>{escape(title)}</h1><p class="byline">By the Press Office</p>{body}
<div class="share">Share this page: Facebook Twitter Email</div></article>
<aside><h2>Related</h2><ul>{related}</ul></aside></main>
<footer><p>Ministry of Foreign Affairs, 7 Quay Street. All rights reserved.</p><ul>{menu}</ul></footer></body></html>"""


def _rss_item(
    base: str, slug: str, title: str, day: dt.date, *, path: str = "/press/", content: str = ""
) -> str:
    when = format_datetime(dt.datetime(day.year, day.month, day.day, 8, 0, tzinfo=dt.UTC))
    extra = f"<content:encoded><![CDATA[<p>{escape(content)}</p>]]></content:encoded>" if content else ""
    return (f"<item><title>{escape(title)}</title><link>{base}{path}{slug}</link><pubDate>{when}</pubDate>"
            f"<description>{escape(title)}.</description>{extra}</item>")  # fmt: skip


@dataclass
class Hit:
    """One request the site received."""

    at: float  # time.monotonic() on arrival
    path: str
    agent: str
    query: str = ""
    if_none_match: str = ""  # the ETag a conditional request sent back


@dataclass
class Site:
    """The site's content and its request log; `serve()` starts it on an ephemeral loopback port."""

    page_delay: float = 0.0  # seconds every article page takes (for the kill test)
    extra_pages: int = 0  # /bulk/page-N.html articles listed in /bulk/feed.xml
    robots_for_kg: str = ""  # more lines for the robots.txt group of kg (a Crawl-delay, say)
    feed_version: int = 1  # the press feed's ETag; change it to make the feed "new"
    hits: list[Hit] = field(default_factory=list)
    base: str = ""
    most_at_once: int = 0  # the most requests the site was answering at one time
    _in_flight: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _count: Counter = field(default_factory=Counter)

    # -- the content ---------------------------------------------------------------------------
    def feed(self) -> str:
        b = self.base
        items = [_rss_item(b, f"{s}.html", t, d) for s, t, d, _ in RELEASES]
        items += [
            _rss_item(b, f"{OLD[0]}.html", OLD[1], OLD[2]),
            _rss_item(b, f"{FRENCH[0]}.html", FRENCH[1], FRENCH[2]),
            _rss_item(b, "secret.html", "Internal note", dt.date(2025, 3, 5), path="/private/"),
            _rss_item(b, "list.html", "Members only", dt.date(2025, 3, 5), path="/members/"),
            _rss_item(b, "moved", "Moved release", dt.date(2025, 3, 6), path="/old/"),
            _rss_item(b, "missing.html", "A release that was taken down", dt.date(2025, 3, 7)),
            _rss_item(
                b,
                "address.html",
                "The minister's address to parliament",
                dt.date(2025, 3, 8),
                content=FEED_ONLY,
            ),
            _rss_item(b, "slow.html", "A slow page", dt.date(2025, 3, 9), path="/"),
            _rss_item(b, "broken.html", "A broken page", dt.date(2025, 3, 9), path="/"),
            _rss_item(b, "busy.html", "A busy page", dt.date(2025, 3, 10), path="/"),
            _rss_item(b, "flaky.html", "A flaky page", dt.date(2025, 3, 10), path="/"),
            _rss_item(b, "huge.html", "A huge page", dt.date(2025, 3, 10), path="/"),
            _rss_item(b, "image.png", "A photo", dt.date(2025, 3, 10), path="/"),
            _rss_item(b, "menu-only.html", "A page with no article", dt.date(2025, 3, 10), path="/"),
            _rss_item(b, "loop", "A redirect loop", dt.date(2025, 3, 10), path="/"),
        ]
        if self.feed_version >= 2:  # a new item appears
            items.insert(0, _rss_item(b, f"{WIRE[0][0]}.html", WIRE[0][1], WIRE[0][2], path="/wire/"))
        return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
                f"<channel><title>Ministry of Foreign Affairs: press releases</title><link>{b}/press/</link>"
                f"<language>en</language>{''.join(items)}</channel></rss>")  # fmt: skip

    def atom(self) -> str:
        entries = "".join(
            f"<entry><title>{escape(t)}</title><link href='{self.base}/press/{s}.html'/><id>{self.base}/press/{s}.html</id>"
            f"<updated>{d.isoformat()}T08:00:00Z</updated></entry>"
            for s, t, d, _ in RELEASES[:2]
        )
        return f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Statements</title>{entries}</feed>'

    def sitemap_index(self) -> str:
        parts = [
            ("sitemap-news.xml", "2025-04-10"),
            ("sitemap-pages.xml", "2025-04-01"),
            ("sitemap-2018.xml", "2018-12-31"),
        ]
        maps = "".join(
            f"<sitemap><loc>{self.base}/{n}</loc><lastmod>{m}</lastmod></sitemap>" for n, m in parts
        )
        return f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{maps}</sitemapindex>'

    def sitemap(self, name: str) -> str:
        ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'
        if name == "sitemap-news.xml":
            urls = "".join(
                f"<url><loc>{self.base}/press/{s}.html</loc><news:news><news:publication><news:name>Ministry of Foreign Affairs"
                f"</news:name><news:language>en</news:language></news:publication><news:publication_date>{d.isoformat()}"
                f"</news:publication_date><news:title>{escape(t)}</news:title></news:news></url>"
                for s, t, d, _ in RELEASES[2:5]
            )
        elif name == "sitemap-pages.xml":
            urls = "".join(
                f"<url><loc>{self.base}/press/{s}.html</loc><lastmod>{d.isoformat()}</lastmod></url>"
                for s, _, d, _ in RELEASES[4:]
            )
        else:
            urls = f"<url><loc>{self.base}/press/{OLD[0]}.html</loc><lastmod>2018-12-31</lastmod></url>"
        return f'<?xml version="1.0"?><urlset {ns}>{urls}</urlset>'

    def gdelt(self, query: dict[str, list[str]]) -> tuple[str, str]:
        if query.get("query", [""])[0] == "x":
            return "text/plain", "Your search contained a keyword that was too short or too common."
        if query.get("mode") != ["artlist"] or query.get("format") != ["json"]:
            return "text/plain", "Invalid mode."
        arts = [
            {"url": f"{self.base}/wire/{s}.html", "url_mobile": "", "title": t, "seendate": d.strftime("%Y%m%dT101500Z"),
             "socialimage": "", "domain": "wire.example", "language": "English", "sourcecountry": "Switzerland"}
            for s, t, d, _ in WIRE
        ] + [{"url": f"{self.base}/press/{FRENCH[0]}.html", "title": FRENCH[1], "seendate": "20250320T080000Z",
              "domain": "ministry.example", "language": "French", "sourcecountry": "France"}]  # fmt: skip
        return "application/json", json.dumps({"articles": arts})

    def bulk_feed(self) -> str:
        items = "".join(
            _rss_item(self.base, f"page-{n}.html", f"Bulk release {n}", dt.date(2025, 5, 1), path="/bulk/")
            for n in range(self.extra_pages)
        )
        return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bulk</title>{items}</channel></rss>'

    # -- the log ---------------------------------------------------------------------------------
    def count(self, path: str) -> int:
        """How many requests the path received."""
        with self._lock:
            return sum(1 for h in self.hits if h.path == path)

    def times(self, prefix: str = "") -> list[float]:
        """Arrival times of the requests whose path starts with `prefix`, in order."""
        with self._lock:
            return [h.at for h in self.hits if h.path.startswith(prefix)]

    def _hit(self, path: str, agent: str, query: str = "", etag: str = "") -> int:
        with self._lock:
            self.hits.append(Hit(time.monotonic(), path, agent, query, etag))
            self._count[path] += 1
            self._in_flight += 1
            self.most_at_once = max(self.most_at_once, self._in_flight)
            return self._count[path]

    def _done(self) -> None:
        with self._lock:
            self._in_flight -= 1

    # -- serving ---------------------------------------------------------------------------------
    def serve(self) -> http.server.ThreadingHTTPServer:
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # the log is site.hits
                pass

            def send(
                self,
                status: int,
                body: bytes | str,
                ctype: str = "text/html; charset=utf-8",
                headers: dict | None = None,
            ):
                data = body.encode() if isinstance(body, str) else body
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                parts = urlsplit(self.path)
                path = parts.path
                n = site._hit(
                    path,
                    self.headers.get("User-Agent", ""),
                    parts.query,
                    self.headers.get("If-None-Match", ""),
                )
                self.if_none_match = self.headers.get("If-None-Match", "")
                try:
                    site.route(self, path, parse_qs(parts.query), n)
                finally:
                    site._done()

        class Server(http.server.ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):  # a client hanging up on a slow page
                pass

        httpd = Server(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{httpd.server_address[1]}"
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        return httpd

    def route(self, h, path: str, query: dict, n: int) -> None:  # noqa: C901 - one table of routes
        pages = {f"/press/{s}.html": (s, t, d, p) for s, t, d, p in RELEASES}
        if path == "/robots.txt":
            rules = "User-agent: *\nDisallow: /private/\n\nUser-agent: kg\nDisallow: /private/\nDisallow: /members/\n"
            return h.send(200, rules + self.robots_for_kg, "text/plain")
        if path == "/press/feed.xml":  # with an ETag, so a re-run can ask whether it changed
            etag = f'"feed-{self.feed_version}"'
            if h.if_none_match == etag:
                h.send_response(304)
                h.send_header("ETag", etag)
                h.send_header("Content-Length", "0")
                h.end_headers()
                return None
            return h.send(200, self.feed(), "application/rss+xml", {"ETag": etag})
        if path == "/press/atom.xml":
            return h.send(200, self.atom(), "application/atom+xml")
        if path == "/bulk/feed.xml":
            return h.send(200, self.bulk_feed(), "application/rss+xml")
        if path == "/sitemap_index.xml":
            return h.send(200, self.sitemap_index(), "application/xml")
        if path.startswith("/sitemap-"):
            return h.send(200, self.sitemap(path[1:]), "application/xml")
        if path == "/gdelt":
            ctype, body = self.gdelt(query)
            return h.send(200, body, ctype)
        if path in pages:
            time.sleep(self.page_delay)
            return h.send(200, article_html(*pages[path]))
        if path == f"/press/{OLD[0]}.html":
            return h.send(200, article_html(*OLD))
        if path == f"/press/{FRENCH[0]}.html":
            return h.send(200, article_html(*FRENCH, lang="fr"))
        if path.startswith("/wire/"):
            s, t, d, p = next(w for w in WIRE if path == f"/wire/{w[0]}.html")
            return h.send(200, article_html(s, t, d, p, meta_date=False))
        if path.startswith("/bulk/page-"):
            time.sleep(self.page_delay)
            k = path.removeprefix("/bulk/page-").removesuffix(".html")
            paras = [f"Bulk release {k}: the minister met the ambassador of Portugal in Lisbon on Monday to discuss trade.",
                     "Both sides agreed to hold further talks on shipping and energy in the spring."]  # fmt: skip
            return h.send(200, article_html(f"page-{k}", f"Bulk release {k}", dt.date(2025, 5, 1), paras))
        if path == "/old/moved":
            return h.send(301, "", headers={"Location": "/press/moved-release.html"})
        if path == "/press/moved-release.html":
            return h.send(200, article_html("moved-release", "Minister opens embassy in Hanoi", dt.date(2025, 3, 6), [
                "Foreign Minister Ingrid Solberg opened the new embassy in Hanoi on Thursday and met Vietnamese Foreign Minister Bui Thanh Son.",
                "The ministers discussed trade in seafood and cooperation on offshore wind."]))  # fmt: skip
        if path == "/slow.html":
            time.sleep(3)
            return h.send(200, article_html(*RELEASES[0]))
        if path == "/broken.html":  # promises more than it sends, then hangs up
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.send_header("Content-Length", "100000")
            h.end_headers()
            h.wfile.write(b"<html><body><p>The minister")
            h.wfile.flush()
            h.close_connection = True
            return None
        if path == "/busy.html":  # a 429 with Retry-After the first time, then the page
            if n == 1:
                return h.send(429, "slow down", "text/plain", {"Retry-After": "1"})
            return h.send(200, article_html("busy", "Minister receives delegation from Ghana", dt.date(2025, 3, 10), [
                "Foreign Minister Ingrid Solberg received a delegation from Ghana led by Foreign Minister Samuel Okudzeto Ablakwa on Monday.",
                "They discussed cocoa trade and the fight against illegal fishing in the Gulf of Guinea."]))  # fmt: skip
        if path == "/flaky.html":  # always failing with 503
            return h.send(503, "down for maintenance", "text/plain")
        if path == "/huge.html":
            return h.send(200, "<html><body>" + "<p>padding</p>" * 100_000 + "</body></html>")
        if path == "/image.png":
            return h.send(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png")
        if path == "/menu-only.html":
            menu = "".join(f"<li><a href='/{m}'>{m}</a></li>" for m in FURNITURE_MENU)
            return h.send(200, f"<html><body><nav><ul>{menu}</ul></nav></body></html>")
        if path == "/loop":
            return h.send(302, "", headers={"Location": "/loop"})
        return h.send(404, "not found", "text/plain")


# -- keeping the tests off the network --------------------------------------------------------------
def is_loopback(host: str) -> bool:
    """Whether a host name or address stays on this machine."""
    import ipaddress

    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]").split("%")[0]).is_loopback
    except ValueError:
        return False


def guard_sockets(monkeypatch) -> list[str]:
    """Refuse, and record, every connection and name lookup that would leave loopback (this process)."""
    import socket

    blocked: list[str] = []
    connect, connect_ex, getaddrinfo = socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo

    def check(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not is_loopback(str(address[0])):
            blocked.append(f"connect {address[0]}:{address[1]}")
            raise OSError(f"test guard: connection to {address[0]} refused (only loopback is allowed)")

    def guarded_connect(self, address):
        check(self, address)
        return connect(self, address)

    def guarded_connect_ex(self, address):
        check(self, address)
        return connect_ex(self, address)

    def guarded_getaddrinfo(host, *args, **kwargs):
        if host is not None and not is_loopback(host.decode() if isinstance(host, bytes) else str(host)):
            blocked.append(f"lookup {host}")
            raise socket.gaierror(socket.EAI_NONAME, f"test guard: lookup of {host} refused")
        return getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)
    return blocked
