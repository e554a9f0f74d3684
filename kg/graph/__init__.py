"""The RDF side: namespaces, the builder from extractions to named graphs, the ontology and SHACL shapes.

Modules: `namespaces` (prefixes, the base IRI, graph names), `builder` (an `Extraction` to the
quads of its article graph plus shared entity quads, with deterministic IRIs), `shapes` (SHACL
validation with the shipped ontology), and the Turtle files in `ontology/`. It imports
`kg.model` and `kg.errors` only: the store, queries, views and the dashboard build on it, never
the other way round.

Public functions: to_quads, to_graph, quads_to_dataset, article_iri, entity_iri, event_iri,
role_iri, membership_iri, agent_iri, publisher_iri, slug, is_full_day, country; shapes.validate.
"""

from __future__ import annotations

from kg.graph.builder import (
    ENTITY_CLASSES,
    ENTITY_PATHS,
    STATUS_IRIS,
    GraphParts,
    Quad,
    agent_iri,
    article_iri,
    country,
    entity_iri,
    event_iri,
    is_full_day,
    membership_iri,
    publisher_iri,
    quads_to_dataset,
    role_iri,
    slug,
    to_graph,
    to_quads,
)

__all__ = [
    "ENTITY_CLASSES",
    "ENTITY_PATHS",
    "STATUS_IRIS",
    "GraphParts",
    "Quad",
    "agent_iri",
    "article_iri",
    "country",
    "entity_iri",
    "event_iri",
    "is_full_day",
    "membership_iri",
    "publisher_iri",
    "quads_to_dataset",
    "role_iri",
    "slug",
    "to_graph",
    "to_quads",
]
