"""The dashboard under several users: eight headless chromium sessions open the overview and the
SPARQL page at once on a store of 10k events while one of them runs a query that cannot finish.
Every other session renders without an exception, and once the query's time limit has passed
the dashboard's processes (Streamlit and its query workers) use no CPU (psutil, not a clock)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil
import pytest
from test_browser import CHROMIUM, CHROMIUM_ARGS, free_port
from test_cancel import HEAVY, IDLE_CPU, cpu_seconds

ROOT = Path(__file__).resolve().parents[1]
SESSIONS = 8
QUERY_TIMEOUT = 4  # seconds, set in the SPARQL page's "Timeout (s)" box

pytestmark = [
    pytest.mark.browser,
    pytest.mark.model,
    pytest.mark.slow,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing (apt-get install chromium)"
    ),
]


@pytest.fixture(scope="session")
def store_10k(tmp_path_factory) -> Path:
    """A store of about 10,000 synthetic events (bench.generate articles, extracted and cloned)."""
    from bench.run import _quads_for
    from kg.store import open_store

    path = tmp_path_factory.mktemp("browser-10k") / "store"
    with open_store(path) as st:
        st.add_quads(_quads_for(10_000 * 55))
        n = st.query("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH ?g { ?e a sem:Event } }").rows[0][0]
    assert int(n) >= 9_000
    return path


@pytest.fixture(scope="module")
def dashboard(store_10k, tmp_path_factory):
    port = free_port()
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
    log = tmp_path_factory.mktemp("browser-load-log") / "streamlit.log"
    env = {**os.environ, "KG_STORE": str(store_10k)}
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None:
                pytest.fail(f"streamlit did not start:\n{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.3)
        yield proc, url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


async def settle(page) -> None:
    """Until Streamlit has finished the current run."""
    await page.wait_for_selector('[data-testid="stAppViewContainer"] h1', timeout=240_000)
    await page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=240_000, polling=250
    )
    await page.wait_for_timeout(300)


async def reader(browser, url: str) -> list[str]:
    """One person: the overview, then the SPARQL page; the problems seen (exceptions, JS errors)."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"JavaScript: {e}"))
    for path, title in (("", "Diplomatic timeline"), ("SPARQL", "SPARQL")):
        await page.goto(f"{url}/{path}", timeout=240_000)
        await settle(page)
        if await page.get_by_text(title, exact=True).count() == 0:
            problems.append(f"/{path}: no {title!r} heading")
        boxes = page.locator('[data-testid="stException"]')
        if await boxes.count():
            problems.append(f"/{path}: {await boxes.first.inner_text()}")
    await context.close()
    return problems


async def heavy_user(browser, url: str) -> str:
    """The person who runs a query that cannot finish; what the page said."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    await page.goto(f"{url}/SPARQL", timeout=240_000)
    await settle(page)
    box = page.get_by_label("Timeout (s)")
    await box.fill(str(QUERY_TIMEOUT))
    await box.press("Enter")
    await settle(page)
    area = page.locator("textarea")
    await area.fill(HEAVY)
    await area.press("Control+Enter")
    await settle(page)
    await page.get_by_role("button", name="Run").click()
    await page.wait_for_selector('[data-testid="stAlert"]', timeout=240_000)
    text = await page.locator('[data-testid="stAlert"]').first.inner_text()
    await context.close()
    return text


def test_eight_sessions_at_once_and_a_query_that_cannot_finish(dashboard):
    playwright = pytest.importorskip("playwright.async_api")
    proc, url = dashboard

    async def run() -> tuple[list[list[str]], str, float]:
        async with playwright.async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            heavy = asyncio.create_task(heavy_user(browser, url))
            readers = await asyncio.gather(*(reader(browser, url) for _ in range(SESSIONS - 1)))
            said = await heavy
            answered = time.monotonic()
            await browser.close()
            return readers, said, answered

    readers, said, answered = asyncio.run(run())
    assert all(not problems for problems in readers), readers
    assert f"longer than {QUERY_TIMEOUT} s" in said, said
    # the killed worker's replacement starts; then the dashboard's processes are idle
    time.sleep(max(0.0, answered + 3 - time.monotonic()))
    tree = [proc.pid, *(c.pid for c in psutil.Process(proc.pid).children(recursive=True))]
    before = cpu_seconds(tree)
    time.sleep(3)
    assert cpu_seconds(tree) - before < 3 * IDLE_CPU
