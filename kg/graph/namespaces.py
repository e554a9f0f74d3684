"""The vocabularies the graph uses, their prefixes, and the base IRI of the data.

rdflib ships some of these, but two of its built-ins do not match what the data model needs:
`rdflib.namespace.SDO` is https://schema.org/ (the JSON-LD context and most published data use
http://schema.org/) and `rdflib.namespace.WGS` is https:// where the W3C vocabulary is http://.
So every namespace is spelled out here, once.
"""

from __future__ import annotations

import functools
import os

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.namespace import Namespace as _RdflibNamespace

DEFAULT_BASE = "http://kg.example/"


@functools.lru_cache(maxsize=4096)
def _term(namespace: str, name: str) -> URIRef:
    return URIRef(namespace + name)


class Namespace(_RdflibNamespace):
    """rdflib's `Namespace`, each term made once: `SEM.hasActor` is asked for every quad of every
    article (building the graph, reading it back), and a new URIRef is checked character by
    character each time."""

    def term(self, name: str) -> URIRef:
        return _term(str(self), name if isinstance(name, str) else "")

    def __getattr__(self, name: str) -> URIRef:
        # kept on the instance once made, so the next `SEM.hasActor` is a plain attribute lookup
        # (the graph builder asks about a thousand of them per article)
        if name.startswith("__"):
            raise AttributeError(name)
        term = self.__dict__[name] = self.term(name)
        return term


SCHEMA = Namespace("http://schema.org/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
ORG = Namespace("http://www.w3.org/ns/org#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
TIME = Namespace("http://www.w3.org/2006/time#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
OA = Namespace("http://www.w3.org/ns/oa#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SH = Namespace("http://www.w3.org/ns/shacl#")
# The project ontology does not move with the data's base IRI: data from two bases shares one schema.
KGO = Namespace("http://kg.example/ontology#")

GEONAMES = "https://sws.geonames.org/{id}/"

PREFIXES: dict[str, str] = {
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "owl": str(OWL),
    "schema": str(SCHEMA),
    "foaf": str(FOAF),
    "org": str(ORG),
    "skos": str(SKOS),
    "geo": str(GEO),
    "time": str(TIME),
    "sem": str(SEM),
    "oa": str(OA),
    "prov": str(PROV),
    "kgo": str(KGO),
}


def base_iri(base: str | None = None) -> str:
    """The data's base IRI: the argument, else $KG_BASE, else DEFAULT_BASE (always ending in / or #)."""
    b = base or os.environ.get("KG_BASE") or DEFAULT_BASE
    return b if b.endswith(("/", "#")) else b + "/"


# The store's own bookkeeping (its generation and id), apart from the data and from any base IRI.
STORE_GRAPH = DEFAULT_BASE + "graph/store"


def entities_graph(base: str | None = None) -> str:
    """The IRI of the shared graph of resolved entities."""
    return base_iri(base) + "graph/entities"


def bind(graph: Graph) -> Graph:
    """Bind the project prefixes on `graph` (replacing rdflib's https schema.org default)."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


def sparql_prologue() -> str:
    """PREFIX lines for every project prefix, to put in front of a query."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
