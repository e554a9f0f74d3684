"""The researcher's walkthrough (notebooks/walkthrough.ipynb) runs top to bottom on the sample data."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "walkthrough.ipynb"
KERNEL = "kg-walkthrough-test"


def code_cells(nb) -> list:
    return [c for c in nb.cells if c.cell_type == "code"]


@pytest.fixture
def venv_kernel(tmp_path, monkeypatch) -> str:
    """A kernelspec that runs this very interpreter (the venv's python), found through JUPYTER_PATH."""
    spec = tmp_path / "jupyter" / "kernels" / KERNEL
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "kg (tests)", "language": "python"}), encoding="utf-8"
    )
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    return KERNEL


@pytest.mark.model
@pytest.mark.slow
def test_walkthrough_runs_top_to_bottom(venv_kernel, tmp_path, monkeypatch):
    from collect_site import Site

    out = tmp_path / "out"
    monkeypatch.setenv("KG_WALKTHROUGH_OUT", str(out))  # the kernel inherits the environment
    # Section 7 collects from the tests' local news site; the kernel may not reach past loopback.
    site = Site()
    httpd = site.serve()
    monkeypatch.setenv("KG_COLLECT_SITE", site.base)
    netlog = tmp_path / "net.log"
    monkeypatch.setenv("KG_TEST_NET_LOG", str(netlog))
    monkeypatch.setenv(
        "PYTHONPATH",
        os.pathsep.join(
            filter(None, [str(ROOT / "tests" / "netguard"), str(ROOT), os.environ.get("PYTHONPATH")])
        ),
    )
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        kernel_name=venv_kernel,
        timeout=120,
        record_timing=False,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    try:
        client.execute()  # raises CellExecutionError, naming the cell, if any cell fails
    finally:
        httpd.shutdown()

    errors = [o for c in code_cells(nb) for o in c.outputs if o.output_type == "error"]
    assert not errors
    assert all(c.execution_count for c in code_cells(nb))

    import networkx as nx

    graphml = out / "kg-network.graphml"
    assert graphml.is_file()
    g = nx.read_graphml(graphml)
    labels = {d.get("label") for _, d in g.nodes(data=True)}
    assert {"Donald Trump", "Vladimir Putin", "Marco Rubio", "Sergey Lavrov"} <= labels
    relations = {d.get("relation") for _, _, d in g.edges(data=True)}
    assert {"met", "role"} <= relations
    assert (out / "timeline.html").stat().st_size > 0
    written = {p.name for p in (out / "my-articles").iterdir()}
    assert len(written) >= 2 and all(n.endswith(".txt") for n in written)

    text = "\n".join(
        o.get("text", "") for c in code_cells(nb) for o in c.outputs if o.output_type == "stream"
    )
    assert "4 read, 4 new, 0 failed" in text
    assert "0 new, 4 unchanged" in text

    # section 7: the feed and the GDELT query collected, run again, ingested; nothing left loopback
    assert "press releases: 9 collected, 11 skipped" in text
    assert "GDELT: 4 listed, 3 collected, 1 skipped" in text
    assert "second run: 0 collected, 9 already in the corpus" in text
    assert "ingested: 12 read, 12 new, 0 failed" in text
    assert len((out / "collected.jsonl").read_text(encoding="utf-8").splitlines()) == 12
    assert not netlog.exists() or not netlog.read_text().strip(), netlog.read_text()
    assert site.count("/gdelt") == 1 and site.count("/private/secret.html") == 0


def test_saved_notebook_has_small_outputs_and_no_machine_paths():
    """The stored notebook renders on a code host: executed once, no errors, small, no local paths."""
    raw = NOTEBOOK.read_text(encoding="utf-8")
    nb = nbformat.reads(raw, as_version=4)
    cells = code_cells(nb)
    assert cells and all(c.execution_count for c in cells), "save the notebook with its outputs"
    assert not [o for c in cells for o in c.outputs if o.output_type == "error"]
    assert len(raw) < 400_000, "keep the saved outputs small"
    assert not re.search(r"(/tmp/|/home/|/root/|/work/|/Users/|[A-Z]:\\\\)", raw), (
        "an absolute path was saved"
    )


def test_notebook_uses_only_public_names():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    source = "\n".join(c.source for c in code_cells(nb))
    private = re.findall(r"from kg[\w.]* import [^\n]*\b_\w+|\bkg(?:\.\w+)*\._\w+|\bqueries\._\w+", source)
    assert not private
