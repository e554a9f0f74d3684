"""What a person sees: `streamlit run app.py` driven by Debian's chromium through Playwright.

Opens every page on a store built from data/articles.jsonl, fails on any Streamlit exception box
or JavaScript error, checks the sidebar navigation and the pages' URL paths, clicks an event in the
timeline, and saves screenshots into artifacts/.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "artifacts"
PAGES = ["", "Entity", "Graph", "Map", "Article", "Ingest", "SPARQL", "Export"]
# URL path -> the page's title in the sidebar, and a text only that page shows (bookmarks use the paths)
NAVIGATION = {
    "": ("Timeline", "Diplomatic timeline"),
    "Entity": ("Entity", "Neighbours"),
    "Graph": ("Graph", "Relationship network"),
    "Map": ("Map", "Only places with events"),
    "Article": ("Article", "Highlight event"),
    "Ingest": ("Ingest", "Add an article"),
    "SPARQL": ("SPARQL", "Saved queries"),
    "Export": ("Export", "Report bundle"),
}
NAV_LINK = '[data-testid="stSidebarNavLink"]'
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.model,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing (apt-get install chromium)"
    ),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The dashboard on a free local port, reading a store built from data/articles.jsonl."""
    from kg.pipeline import ingest
    from kg.store import open_store

    store = tmp_path_factory.mktemp("browser") / "store"
    with open_store(store) as s:
        summary = ingest([ROOT / "data" / "articles.jsonl"], s)
    assert summary.ok, summary.failed
    port = free_port()
    env = {**os.environ, "KG_STORE": str(store)}
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.headless=true",
        "--server.address=127.0.0.1",
        f"--server.port={port}",
        "--server.fileWatcherType=none",
        "--browser.gatherUsageStats=false",
    ]
    log = tmp_path_factory.mktemp("browser-log") / "streamlit.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 40
            while True:
                try:
                    with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"streamlit did not start:\n{log.read_text(errors='replace')[-3000:]}")
                time.sleep(0.3)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def settle(page) -> None:
    """Wait until Streamlit has finished the current run."""
    page.wait_for_selector('[data-testid="stAppViewContainer"] h1', timeout=60_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000, polling=200
    )
    page.wait_for_timeout(500)


def test_every_page_renders_and_an_event_can_be_clicked(server, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1440, "height": 1800})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    for name in PAGES:
        page.goto(f"{server}/{name}")
        settle(page)
        page.screenshot(path=str(ARTIFACTS / f"browser-{name or 'home'}.png"))
        boxes = page.locator('[data-testid="stException"]')
        assert boxes.count() == 0, f"/{name}: {boxes.first.inner_text()}"
        assert not errors, f"/{name}: JavaScript errors {errors}"

    # Click the right-most marker of the timeline: a later event than the one shown by default.
    page.goto(server)
    settle(page)
    page.wait_for_function("() => location.search.includes('event=')", timeout=30_000)
    before = page.url  # the default selection (the oldest event) is mirrored in the URL
    page.wait_for_selector('[data-testid="stPlotlyChart"] path.point', timeout=30_000)
    points = page.locator('[data-testid="stPlotlyChart"]').first.locator("path.point")
    boxes = [points.nth(i).bounding_box() for i in range(points.count())]
    i = max(range(len(boxes)), key=lambda k: (boxes[k] or {"x": -1})["x"])
    box = boxes[i]
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function("(before) => location.href !== before", arg=before, timeout=30_000)
    settle(page)
    assert "event=" in page.url
    assert page.get_by_text("Read it in the article").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "browser-event-clicked.png"), full_page=True)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not errors, errors


def test_the_sidebar_names_every_page_and_each_url_path_opens_its_page(server, browser):
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    titles = [title for title, _ in NAVIGATION.values()]
    for path, (title, text) in NAVIGATION.items():
        page.goto(f"{server}/{path}")
        settle(page)
        assert page.locator(f'{NAV_LINK} [data-testid="stMarkdownContainer"]').all_inner_texts() == titles
        current = page.locator(f'{NAV_LINK}[aria-current="page"]')
        assert current.count() == 1 and current.inner_text().endswith(title), f"/{path}"
        assert urllib.parse.urlsplit(page.url).path == f"/{path}"  # served there, not redirected
        assert page.title() == f"kg — {title}"
        assert page.get_by_text(text, exact=True).count() >= 1, f"/{path} is not the {title} page"
        assert page.locator('[data-testid="stException"]').count() == 0, f"/{path}"

    # A sidebar link opens its page at its URL path; a bookmarked path keeps its filters.
    page.locator(NAV_LINK, has_text="SPARQL").click()
    page.wait_for_url(f"{server}/SPARQL", timeout=30_000)
    settle(page)
    assert page.locator("h1").first.inner_text() == "SPARQL"
    page.goto(f"{server}/Map?type=PhoneCall")
    settle(page)
    assert urllib.parse.urlsplit(page.url).path == "/Map"
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(page.url).query).get("type") == ["PhoneCall"]
    assert page.locator('[data-testid="stSidebar"]').get_by_text("PhoneCall", exact=True).count() >= 1
    assert not errors, errors


def test_the_map_is_drawn_offline_with_countries_and_labels_that_do_not_overlap(server, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1440, "height": 1200})
    outside: list[str] = []
    page.on(
        "request",
        lambda r: (
            None
            if urllib.parse.urlsplit(r.url).hostname in {"127.0.0.1", "localhost"}
            else outside.append(r.url)
        ),
    )
    page.goto(f"{server}/Map")
    settle(page)
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    chart.locator("path.js-fill").first.wait_for(timeout=30_000)
    assert chart.locator("path.js-fill").count() >= 2  # the land, and a country shaded by its events
    labels = chart.locator("g.textpoint text")
    boxes = [labels.nth(i).bounding_box() for i in range(labels.count())]
    assert boxes, "no place is labelled"
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap = a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
            overlap &= a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]
            assert not overlap, "two map labels overlap"
    page.screenshot(path=str(ARTIFACTS / "browser-map-offline.png"))
    # Streamlit's own icon font may be asked for; nothing of the map is (no tiles, no topojson)
    outside = [u for u in outside if not urllib.parse.urlsplit(u).hostname.startswith("fonts.")]
    assert not outside, f"the map asked the network for {outside[:3]}"


def test_the_timeline_has_a_range_slider_on_its_time_axis(server, browser):
    page = browser.new_page(viewport={"width": 1440, "height": 1400})
    page.goto(server)
    settle(page)
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    chart.locator("g.rangeslider-container").first.wait_for(timeout=30_000)
    assert chart.locator("g.rangeslider-container rect.rangeslider-grabarea-max").count() == 1
    page.screenshot(path=str(ARTIFACTS / "browser-timeline-slider.png"))
