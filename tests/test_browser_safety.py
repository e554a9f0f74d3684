"""Rendering safety in a real browser: an article carrying <script>, onerror= and javascript:
payloads is ingested, and every page shows them as text with nothing executed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from test_browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, PAGES, free_port, settle

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = {
    "id": "hostile",
    "title": "<script>window.__pwned = 'title'</script> Leaders meet",
    "published": "2024-04-10",
    "url": "javascript:window.__pwned='url'",
    "source": "<img src=x onerror=\"window.__pwned='source'\">",
    "text": (
        "<script>window.__pwned = 'title'</script> Leaders meet\n\n"
        "Chancellor Olaf Scholz met President Emmanuel Macron in Paris on Monday, "
        "<img src=x onerror=\"window.__pwned='text'\"> officials said.\n\n"
        "Scholz urged Macron to read [this](javascript:window.__pwned='link') on Tuesday, "
        "<iframe src=\"javascript:window.__pwned='iframe'\"></iframe> and <b onmouseover=\"window.__pwned='b'\">more</b>.\n"
    ),
}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.model,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing (apt-get install chromium)"
    ),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from kg.pipeline import ingest
    from kg.store import open_store

    tmp = tmp_path_factory.mktemp("hostile")
    corpus = tmp / "hostile.jsonl"
    corpus.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    with open_store(tmp / "store") as s:
        assert ingest([corpus], s).ok
    port = free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless=true",
           "--server.address=127.0.0.1", f"--server.port={port}", "--server.fileWatcherType=none",
           "--browser.gatherUsageStats=false"]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, "KG_STORE": str(tmp / "store")},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 40
    while True:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2):
                break
        except OSError:
            assert proc.poll() is None and time.monotonic() < deadline, "streamlit did not start"
            time.sleep(0.3)
    yield url
    proc.terminate()
    proc.wait(10)


def test_payloads_show_as_text_and_never_run(server):
    sync_api = pytest.importorskip("playwright.sync_api")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 1800})
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for name in PAGES:
            page.goto(f"{server}/{name}")
            settle(page)
            page.mouse.move(700, 900)  # hover over whatever is there (onmouseover payloads)
            assert page.evaluate("() => window.__pwned === undefined"), f"/{name}: a payload ran"
            assert page.locator("iframe[src^='javascript']").count() == 0
            assert page.locator("img[onerror]").count() == 0
            assert page.locator("a[href^='javascript']").count() == 0
        page.goto(f"{server}/Article")
        settle(page)
        body = page.inner_text("body")
        assert "onerror" in body and "<img" in body  # the payload is shown, as text
        page.screenshot(path=str(ARTIFACTS / "browser-hostile-article.png"), full_page=True)
        assert not dialogs
        browser.close()
