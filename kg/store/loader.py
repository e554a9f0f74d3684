"""RDF files into a store: `kg load` of TriG, N-Quads, Turtle or N-Triples, e.g. an earlier `kg export`.

Each file is read whole and checked before anything of it is written: it must parse; its triples
outside any named graph need a graph to go into (`graph=`, Turtle has no graph names); and its data,
beside what the store already holds about shared entities, must satisfy the project's SHACL shapes.
A file that fails is reported (which file, what is wrong) and the next one is still loaded.

What is written, and why loading twice gives the same dataset:

* a graph that describes itself with a `kgo:contentHash` (an article, the ontology), and the graph
  named by `graph=`, is **replaced** whole, one transaction per graph (`Store.write_article`), so a
  reader sees the old article or the new one, never half of one;
* every other graph (the shared entity graph, the curation graph) is **added to** in one transaction,
  as an ingest does: loading never takes away an entity another article needs. Blank nodes cannot be
  added to such a graph (a second load would make new ones), so a file holding any there is refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import rdflib

from kg.errors import KGError, StoreError
from kg.graph.namespaces import KGO, SH, bind
from kg.store.base import Store
from kg.store.results import to_rdflib
from kg.store.saved import read_query

# the formats a file can be read in, by the names --format takes
FORMATS: dict[str, ox.RdfFormat] = {
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
}
SUFFIXES = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".turtle": "turtle", ".nt": "ntriples"}
_ALIASES = {"ttl": "turtle", "nq": "nquads", "nt": "ntriples", "n-quads": "nquads", "n-triples": "ntriples"}
_SHOWN_VIOLATIONS = 3


@dataclass(frozen=True)
class FileLoad:
    """One loaded file: the graphs replaced and added to, and how many quads it held."""

    path: str
    replaced: tuple[str, ...]
    added: tuple[str, ...]
    quads: int


@dataclass
class LoadSummary:
    """What `load` did: the files loaded, and the files that failed with the reason."""

    loaded: list[FileLoad] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def quads(self) -> int:
        return sum(f.quads for f in self.loaded)


def load(
    store: Store,
    files: Iterable[str | Path],
    *,
    graph: str | None = None,
    fmt: str | None = None,
    validate: bool = True,
) -> LoadSummary:
    """Load each RDF file into `store` (see the module docstring); one bad file never stops the rest."""
    summary = LoadSummary()
    target = _graph_name(graph)
    for f in files:
        path = Path(f)
        try:
            by_graph = read_file(path, fmt=fmt, graph=target)
            replaced, added = _plan(path, by_graph, target)
            if validate:
                _validate(store, path, by_graph, replaced)
            for_adding = [q for g in added for q in by_graph[g]]
            if for_adding:
                store.add_quads(for_adding)
            for g in replaced:
                store.write_article(g.value, by_graph[g])
        except KGError as exc:
            summary.failed.append((str(path), str(exc)))
            continue
        summary.loaded.append(
            FileLoad(
                str(path),
                tuple(g.value for g in replaced),
                tuple(g.value for g in added),
                sum(len(v) for v in by_graph.values()),
            )
        )
    return summary


def read_file(path: Path, *, fmt: str | None = None, graph: ox.NamedNode | None = None) -> dict:
    """The quads of an RDF file by graph name; triples outside any named graph go into `graph`."""
    name = _format_name(path, fmt)
    if not path.is_file():
        raise StoreError(f"{path}: no such file" if not path.exists() else f"{path}: not a file")
    try:
        quads = list(ox.parse(path=str(path), format=FORMATS[name]))
    except SyntaxError as exc:
        raise StoreError(f"{path}: not valid {name}: {exc.msg}") from None
    except (OSError, ValueError) as exc:
        raise StoreError(f"{path}: cannot be read as {name}: {exc}") from None
    if not quads:
        raise StoreError(f"{path}: holds no triples; nothing to load")
    by_graph: dict[ox.NamedNode, list[ox.Quad]] = {}
    loose = 0
    for q in quads:
        g = q.graph_name
        if isinstance(g, ox.DefaultGraph):
            if graph is None:
                loose += 1
                continue
            q, g = ox.Quad(q.subject, q.predicate, q.object, graph), graph
        elif isinstance(g, ox.BlankNode):
            raise StoreError(f"{path}: a graph is named by a blank node ({g}); name it with an IRI")
        by_graph.setdefault(g, []).append(q)
    if loose:
        where = (
            "Turtle has no graph names" if name in {"turtle", "ntriples"} else "they are in the default graph"
        )
        raise StoreError(
            f"{path}: {loose} triple{' is' if loose == 1 else 's are'} outside any named graph ({where}); "
            "give a graph IRI to load them into (kg load --graph IRI)"
        )
    return by_graph


def _format_name(path: Path, fmt: str | None) -> str:
    if fmt:
        name = _ALIASES.get(fmt.lower(), fmt.lower())
        if name not in FORMATS:
            raise StoreError(f"Unknown RDF format {fmt!r}. Choose one of: {', '.join(FORMATS)}")
        return name
    name = SUFFIXES.get(path.suffix.lower())
    if name is None:
        raise StoreError(
            f"{path}: cannot tell the format from the suffix {path.suffix or '(none)'!r}; "
            f"name the file {', '.join(SUFFIXES)} or give the format (--format {'|'.join(FORMATS)})"
        )
    return name


def _graph_name(graph: str | None) -> ox.NamedNode | None:
    if graph is None:
        return None
    try:
        return ox.NamedNode(graph)
    except ValueError as exc:
        raise StoreError(
            f"--graph {graph!r} is not an IRI ({exc}); give one such as http://kg.example/graph/notes"
        ) from None


def _plan(path: Path, by_graph: dict, target: ox.NamedNode | None) -> tuple[list, list]:
    """(graphs replaced whole, graphs added to); blank nodes in an added-to graph are refused."""
    replaced, added = [], []
    for g, quads in by_graph.items():
        hashed = any(q.subject == g and q.predicate.value == str(KGO.contentHash) for q in quads)
        if hashed or g == target:
            replaced.append(g)
            continue
        if any(isinstance(t, ox.BlankNode) for q in quads for t in (q.subject, q.object)):
            raise StoreError(
                f"{path}: graph <{g.value}> holds blank nodes and is added to, not replaced, so loading "
                "twice would duplicate them; give its nodes IRIs, or load it with --graph to replace it"
            )
        added.append(g)
    return sorted(replaced, key=str), sorted(added, key=str)


def _validate(store: Store, path: Path, by_graph: dict, replaced: list) -> None:
    """SHACL over the file's quads and the store's shared graphs; only the file's nodes are judged."""
    from kg.graph.shapes import validate

    union = bind(rdflib.Graph())
    mine: set = set()
    for quads in by_graph.values():
        for q in quads:
            s = to_rdflib(q.subject)
            union.add((s, to_rdflib(q.predicate), to_rdflib(q.object)))
            mine.add(s)
    skip = {g.value for g in replaced}
    context = [row[0] for row in store.query(read_query("kg.store", "graphs_without_hash")).rows]
    context = [g for g in context if g not in skip]
    if context:
        for s, p, o, _ in store.dataset(context).quads((None, None, None, None)):
            union.add((s, p, o))
    report = validate(union)
    if report.conforms or report.graph is None:
        return
    results = report.graph
    problems = []
    for r in results.subjects(SH.resultSeverity, SH.Violation):
        focus = results.value(r, SH.focusNode)
        if focus not in mine:
            continue  # a fault of data already in the store, not of this file
        where = results.value(r, SH.resultPath)
        message = results.value(r, SH.resultMessage) or "violates a shape"
        problems.append(
            f"<{focus}>" + (f" {where.n3(union.namespace_manager)}" if where else "") + f": {message}"
        )
    if problems:
        shown = "; ".join(sorted(problems)[:_SHOWN_VIOLATIONS])
        more = f" (and {len(problems) - _SHOWN_VIOLATIONS} more)" if len(problems) > _SHOWN_VIOLATIONS else ""
        raise StoreError(
            f"{path}: {len(problems)} SHACL violations, nothing of it was loaded: {shown}{more}. "
            "`kg validate` lists the shapes' rules"
        )
