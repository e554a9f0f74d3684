"""kg: a knowledge-graph timeline builder for news articles.

The packages follow the flow of data, each importing only those before it (docs/architecture.md):

    sources   articles from files, folders, records, feeds and URLs; page furniture blanked
    extract   one article read: entities, roles, places, time expressions, events
    graph     an extraction as RDF (one named graph per article), the ontology and SHACL shapes
    store     the Store interface, embedded Oxigraph, remote SPARQL servers, the endpoint
    resolve   one node per real thing across articles, curation, reports of one event linked
    queries   saved SPARQL with a typed function in front of each
    views     tables, networks and figures for the dashboard, the CLI and notebooks
    export    standard files out: Turtle, TriG, JSON-LD, GraphML, GEXF, CSV
    pipeline  the one place that knows the order of the stages (cluster: the same on Dask)
    cli       the `kg` command
"""

from __future__ import annotations

__version__ = "0.1.0"
