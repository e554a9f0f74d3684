"""The researcher's walkthrough (notebooks/walkthrough.ipynb) runs top to bottom on the sample data."""

from __future__ import annotations

import json
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
    out = tmp_path / "out"
    monkeypatch.setenv("KG_WALKTHROUGH_OUT", str(out))  # the kernel inherits the environment
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        kernel_name=venv_kernel,
        timeout=120,
        record_timing=False,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()  # raises CellExecutionError, naming the cell, if any cell fails

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
