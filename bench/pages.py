"""Open every page of the dashboard in a real browser on a store, time it, keep screenshots.

    python -m bench.pages STORE_DIR [--port 8501] [--out screenshots/] [--skip Export,...]

Starts `streamlit run app.py` on 127.0.0.1:PORT reading STORE_DIR, opens each page's URL path in
headless Chromium (Debian's /usr/bin/chromium, driven by Playwright), waits until the run has
finished, and reports per page the seconds it took and any exception box Streamlit drew, in
bench/results/pages.json (exit 1 when a page shows an exception). For the large stores of
bench.views, whose pages a person should look at, not only count: look at the screenshots.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")


def serve(store: Path, port: int, log: Path) -> subprocess.Popen:
    """The dashboard on 127.0.0.1:port, once it answers its health check."""
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless=true",
        "--server.address=127.0.0.1", f"--server.port={port}", "--server.fileWatcherType=none",
        "--browser.gatherUsageStats=false",
    ]  # fmt: skip
    out = log.open("wb")
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, "KG_STORE": str(store)}, stdout=out, stderr=out)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit(f"streamlit did not start; see {log}")


# The run is over when Streamlit's "running" widget (the Stop button) and every spinner have been
# gone for SETTLE_MS in a row: the title is drawn first, and a page can pause between two queries.
SETTLE_MS = 1500
_BUSY = '[data-testid="stStatusWidget"], [data-testid="stSpinner"]'


def settled(page, timeout_s: float = 300) -> None:
    """Wait until the page's script run has finished (not only started drawing)."""
    deadline = time.monotonic() + timeout_s
    quiet_since = None
    while time.monotonic() < deadline:
        if page.locator(_BUSY).count():
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif (time.monotonic() - quiet_since) * 1000 >= SETTLE_MS:
            return
        page.wait_for_timeout(100)
    raise TimeoutError(f"the page was still running after {timeout_s:.0f} s")


def visit(store: Path, port: int, out: Path, skip: set[str] = frozenset()) -> dict:
    from playwright.sync_api import sync_playwright

    from dashboard.navigation import PAGES

    out.mkdir(parents=True, exist_ok=True)
    proc = serve(store, port, out / "streamlit.log")
    report: dict = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"]
            )
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            for spec in PAGES:
                if (spec.url_path or "Timeline") in skip:
                    continue
                t0 = time.perf_counter()
                page.goto(f"http://127.0.0.1:{port}/{spec.url_path}", timeout=300_000)
                page.wait_for_selector('[data-testid="stAppViewContainer"] h1', timeout=300_000)
                settled(page)
                seconds = time.perf_counter() - t0
                boxes = page.locator('[data-testid="stException"]')
                name = spec.url_path or "Timeline"
                page.screenshot(path=str(out / f"{name}.png"), full_page=False)
                report[name] = {
                    # less the quiet time that showed the run was over
                    "seconds": round(seconds - SETTLE_MS / 1000, 1),
                    "exceptions": [boxes.nth(i).inner_text()[:500] for i in range(boxes.count())],
                    "title": page.locator('[data-testid="stAppViewContainer"] h1').first.inner_text(),
                }
                print(name, report[name], flush=True)
            browser.close()
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
    return report


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    port = int(args[args.index("--port") + 1]) if "--port" in args else 8501
    out = Path(args[args.index("--out") + 1]) if "--out" in args else Path("screenshots")
    skip = set(args[args.index("--skip") + 1].split(",")) if "--skip" in args else set()
    store = Path(args[0])
    pages = visit(store, port, out, skip)
    print(json.dumps(pages, indent=1))
    from bench.run import save
    from kg import tables

    table = tables.load(tables.table_dir(store))
    save(
        "pages",
        {"store": store.name, "events": len(table.frame), "articles": len(table.articles), "pages": pages},
    )
    failed = [name for name, r in pages.items() if r["exceptions"]]
    if failed:
        sys.exit(f"exceptions on: {', '.join(failed)}")
