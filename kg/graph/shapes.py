"""Check a graph against the project's SHACL shapes (kg/graph/ontology/shapes.ttl) with pySHACL.

Validation runs over the union of all graphs: an article's events point at people and places
described in the shared entity graph, and per-graph validation would report them as missing.
The ontology (kgo.ttl) is given to pySHACL as the ontology graph, so subclass facts from it are used.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import rdflib

from kg.errors import StoreError
from kg.graph.namespaces import SH, bind

ONTOLOGY_DIR = Path(__file__).with_name("ontology")


class HasDataset(Protocol):
    """Anything that can hand over its quads as an rdflib Dataset (a `kg.store.Store`)."""

    def dataset(self) -> rdflib.Dataset: ...


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of a SHACL validation: does it conform, the report text, how many violations."""

    conforms: bool
    text: str
    n_violations: int
    graph: rdflib.Graph | None = None  # the SHACL results graph, for tools that want the details

    def __bool__(self) -> bool:
        return self.conforms


@functools.cache
def shapes() -> rdflib.Graph:
    """The project's SHACL shapes graph."""
    return bind(rdflib.Graph()).parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")


@functools.cache
def ontology() -> rdflib.Graph:
    """The project ontology (kgo:) as a graph."""
    return bind(rdflib.Graph()).parse(ONTOLOGY_DIR / "kgo.ttl", format="turtle")


def union(data: HasDataset | rdflib.Graph) -> rdflib.Graph:
    """All triples of a store, dataset or graph in one graph (graph names dropped)."""
    if not isinstance(data, rdflib.Graph):  # a store: this layer never imports kg.store
        data = data.dataset()
    g = bind(rdflib.Graph())
    if isinstance(data, rdflib.Dataset):
        for s, p, o, _ in data.quads((None, None, None, None)):
            g.add((s, p, o))
    else:
        for t in data:
            g.add(t)
    return g


def validate(data: HasDataset | rdflib.Graph) -> ValidationReport:
    """Validate a store, rdflib Dataset or Graph against the shapes; never raises on bad data."""
    import pyshacl

    try:
        conforms, results, text = pyshacl.validate(
            union(data),
            shacl_graph=shapes(),
            ont_graph=ontology(),
            inference="none",
            advanced=True,
            allow_warnings=True,
        )
    except Exception as exc:  # pyshacl raises its own ReportableRuntimeError and friends
        raise StoreError(f"SHACL validation could not run: {exc}") from exc
    n = sum(1 for _ in results.subjects(SH.resultSeverity, SH.Violation))
    return ValidationReport(conforms=bool(conforms), text=str(text), n_violations=n, graph=results)
