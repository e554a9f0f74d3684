"""The house rules of the layout: kg/ never imports Streamlit, a lower layer never imports a higher one,
no two modules import each other (directly or round a longer cycle), and no module is over 400 lines."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parent.parent
KG = ROOT / "kg"
MAX_LINES = 400

# The flow, lowest first. A module may import its own layer and any layer below it, never one above.
LAYERS = {
    "kg": 0,
    "kg.errors": 0,
    "kg.model": 0,
    "kg.sources": 1,
    "kg.extract": 2,
    "kg.graph": 3,
    "kg.store": 4,
    "kg.resolve": 5,
    "kg.queries": 6,
    "kg.views": 7,
    "kg.tables": 7,
    "kg.export": 7,
    "kg.pipeline": 8,
    "kg.cluster": 8,
    "kg.cli": 9,
    "kg.__main__": 9,  # `python -m kg`: the command line, at the top of the flow
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(KG.rglob("*.py"))}


def layer(module: str) -> int:
    """The layer of a kg module: that of its longest registered prefix."""
    parts = module.split(".")
    for n in range(len(parts), 0, -1):
        prefix = ".".join(parts[:n])
        if prefix in LAYERS:
            return LAYERS[prefix]
    raise AssertionError(f"{module} belongs to no layer; add its package to LAYERS")


def imports(path: Path) -> set[str]:
    """Every module a file imports (at the top or inside a function), kg modules resolved to files."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for a in node.names:
                sub = f"{node.module}.{a.name}"
                # `from kg.extract import places` imports a module; `from kg.store import Store` a name
                out.add(sub if sub in MODULES else node.module)
    return out


def kg_imports(path: Path) -> set[str]:
    return {m for m in imports(path) if m == "kg" or m.startswith("kg.")}


def test_every_module_is_found():
    assert {
        "kg.sources",
        "kg.extract",
        "kg.resolve",
        "kg.graph",
        "kg.store",
        "kg.queries",
        "kg.views",
    } <= set(MODULES)
    assert all(m in MODULES for p in MODULES.values() for m in kg_imports(p)), "an import names no kg module"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_kg_never_imports_streamlit(module):
    assert not {m for m in imports(MODULES[module]) if m.split(".")[0] == "streamlit"}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_import_reaches_a_higher_layer(module):
    mine = layer(module)
    higher = sorted(m for m in kg_imports(MODULES[module]) if layer(m) > mine)
    assert not higher, f"{module} (layer {mine}) imports {higher}"


@pytest.mark.parametrize(
    ("lower", "never"),
    [
        ("kg.sources", ("kg.store", "kg.queries", "kg.views", "kg.extract", "kg.resolve")),
        ("kg.extract", ("kg.store", "kg.queries", "kg.views", "kg.resolve", "kg.graph")),
        ("kg.store", ("kg.extract", "kg.queries", "kg.views", "kg.resolve")),
        ("kg.graph", ("kg.store", "kg.queries", "kg.views")),
    ],
)
def test_the_named_rules_of_the_layout(lower, never):
    for module, path in MODULES.items():
        if module == lower or module.startswith(lower + "."):
            bad = sorted(m for m in kg_imports(path) if any(m == n or m.startswith(n + ".") for n in never))
            assert not bad, f"{module} imports {bad}"


def test_no_import_cycles():
    g = nx.DiGraph()
    for module, path in MODULES.items():
        g.add_node(module)
        for m in kg_imports(path):
            if m != module:
                g.add_edge(module, m)
    cycles = [sorted(c) for c in nx.strongly_connected_components(g) if len(c) > 1]
    assert not cycles, f"modules that import each other: {cycles}"


def test_the_cycle_check_finds_a_cycle():
    # the check itself: two modules that import each other are one strongly connected component
    g = nx.DiGraph([("kg.a", "kg.b"), ("kg.b", "kg.a"), ("kg.b", "kg.c")])
    assert [sorted(c) for c in nx.strongly_connected_components(g) if len(c) > 1] == [["kg.a", "kg.b"]]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_is_over_400_lines(module):
    n = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert n <= MAX_LINES, f"{module} has {n} lines; split it by responsibility"


def test_every_package_says_what_it_is_for():
    for init in KG.rglob("__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc.split()) >= 12, (
            f"{init.relative_to(ROOT)} needs a docstring saying what it owns"
        )
