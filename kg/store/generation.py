"""The store's generation: a counter every write transaction raises, read with one lookup.

The counter and a random store id live in the store's own graph (`STORE_GRAPH`): one triple each.
Every update the store sends carries `BUMP` in the same request, so the new generation commits
with the write it counts (Oxigraph applies one request as one transaction; the SPARQL 1.1 Update
spec asks servers to apply a request atomically). Readers key their caches and derived tables on
`Store.version()`, "<store id>:<generation>", instead of a query over every article.

A store written before generations existed has no counter until its next write; until then its
version is a digest of its articles' content hashes (`legacy_version`), computed once per
snapshot (see `Store._snapshot_key`).
"""

from __future__ import annotations

import hashlib

from kg.graph.namespaces import KGO, STORE_GRAPH

_G = f"<{STORE_GRAPH}>"
_S = f"<{STORE_GRAPH}>"
_GEN = f"<{KGO}generation>"
_ID = f"<{KGO}storeId>"

# Raise the generation by one (first write: 1, and a new store id), in the request of the write.
BUMP = (
    f"DELETE {{ GRAPH {_G} {{ {_S} {_GEN} ?old_generation }} }}\n"
    f"INSERT {{ GRAPH {_G} {{ {_S} {_GEN} ?new_generation ; {_ID} ?store_id }} }}\n"
    f"WHERE {{\n"
    f"  OPTIONAL {{ GRAPH {_G} {{ {_S} {_GEN} ?old_generation }} }}\n"
    f"  OPTIONAL {{ GRAPH {_G} {{ {_S} {_ID} ?old_id }} }}\n"
    f"  BIND(COALESCE(?old_generation + 1, 1) AS ?new_generation)\n"
    f"  BIND(COALESCE(?old_id, STRUUID()) AS ?store_id)\n"
    f"}}"
)

# The generation and the store id: two triples of one small graph, whatever the corpus size.
READ = (
    f"SELECT ?generation ?store_id WHERE {{ GRAPH {_G} {{ "
    f"{_S} {_GEN} ?generation . OPTIONAL {{ {_S} {_ID} ?store_id }} }} }} LIMIT 1"
)

# Every article's content hash: what a store without a generation falls back on.
CONTENT_HASHES = (
    "SELECT (COUNT(?h) AS ?n) (GROUP_CONCAT(?h; separator=' ') AS ?hashes) WHERE { GRAPH ?a { "
    f"?a a <http://schema.org/NewsArticle> ; <{KGO}contentHash> ?h }} }}"
)


def with_bump(update: str) -> str:
    """`update` followed by the generation bump, as one request."""
    return f"{update} ;\n{BUMP}" if update.strip() else BUMP


def version_of(row: tuple | None) -> str | None:
    """ "<store id>:<generation>" from the READ row, or None when the store has no generation yet."""
    if not row or row[0] is None:
        return None
    return f"{row[1] or 'store'}:{int(row[0])}"


def legacy_version(n: object, hashes: object) -> str:
    """The version of a store without a generation: its article count and a digest of their hashes."""
    digest = hashlib.sha1(str(hashes or "").encode()).hexdigest()[:16]
    return f"content-{int(n or 0)}-{digest}"
