"""`kg app`: the Streamlit dashboard, headless, bound to loopback, the browser opened when there is a screen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.common import StoreOpt, _fail


def app_cmd(
    store: StoreOpt = None,
    port: Annotated[int, typer.Option(help="Port of the dashboard.")] = 8501,
    headless: Annotated[bool, typer.Option("--headless", help="Do not open a browser.")] = False,
    address: Annotated[
        str, typer.Option(help="Address to listen on (0.0.0.0 shares the dashboard on the network).")
    ] = "127.0.0.1",
) -> None:
    """Start the dashboard (Streamlit) on the store."""
    from kg.store import default_store_path

    path = Path(store or default_store_path()).resolve()
    entry = Path(__file__).resolve().parents[2] / "app.py"
    if not entry.exists():
        raise _fail(f"the dashboard entry {entry.name} is not beside the kg package; run kg app from a clone")
    env = dict(os.environ, KG_STORE=str(path))
    # Streamlit runs headless in any case: otherwise its first start asks for an e-mail address on
    # the terminal, which blocks `make demo`. kg opens the browser itself when there is a screen.
    cmd = [sys.executable, "-m", "streamlit", "run", str(entry), "--server.port", str(port)]
    cmd += ["--server.headless", "true", "--server.address", address, "--browser.gatherUsageStats", "false"]
    url = f"http://localhost:{port}"
    typer.echo(f"dashboard on {url} (store: {path}); Ctrl-C stops it", err=True)
    proc = subprocess.Popen(cmd, env=env)
    if not headless and _has_screen():
        _open_when_up(url, proc)
    try:
        raise typer.Exit(proc.wait())
    except KeyboardInterrupt:
        proc.terminate()
        raise typer.Exit(0) from None


def _has_screen() -> bool:
    """Whether a browser window can be shown (a desktop session, or macOS / Windows)."""
    return sys.platform in {"darwin", "win32"} or bool(
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )


def _open_when_up(url: str, proc: subprocess.Popen) -> None:
    """Open the dashboard in the user's browser once the server answers."""
    import threading
    import time
    import urllib.request
    import webbrowser

    def wait_and_open() -> None:
        for _ in range(120):
            if proc.poll() is not None:
                return
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=1):
                    webbrowser.open(url)
                    return
            except OSError:
                time.sleep(0.5)

    threading.Thread(target=wait_and_open, daemon=True).start()
