"""Standard files out of a store: RDF for linked-data tools, GraphML/GEXF for Gephi, CSV for spreadsheets.

    ttl      Turtle: every triple in one graph (graph names dropped; use trig to keep them)
    trig     TriG: one named graph per article plus the shared entity graph
    nquads   N-Quads: as trig, one quad a line
    jsonld   JSON-LD with an @context of the project prefixes (named graphs kept)
    graphml  the entity network: people, organisations, places; "met"/"linked"/"role" edges
    gexf     the same network for Gephi, with start/end dates on nodes and edges (its timeline)
    csv      a zip (or, when `out` is a directory, a folder) of events.csv, entities.csv,
             roles.csv, edges.csv and citations.csv

`filters` are those of `kg.queries.timeline`; with them the export is the subgraph of the matching
events: their articles, evidence, the entities they involve and those entities' roles stated in
the same articles.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

import rdflib
from rdflib import URIRef
from rdflib.namespace import RDF

from kg import queries as Q
from kg.errors import ExportError, KGError
from kg.graph.namespaces import OA, ORG, PREFIXES, SCHEMA, SEM, TIME, bind
from kg.store import Store, open_store

FORMATS = ("ttl", "trig", "nquads", "jsonld", "graphml", "gexf", "csv")
CSV_FILES = ("events.csv", "entities.csv", "roles.csv", "edges.csv", "citations.csv")
_RDFLIB_FORMATS = {"ttl": "turtle", "trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}
# Owned parts of a fact, followed when cutting a subgraph (not links to other facts or entities).
_OWNED = {OA.hasTarget, OA.hasSelector, ORG.memberDuring, TIME.hasBeginning, TIME.hasEnd}
# Links from facts to shared nodes whose description (in the entity graph) comes along.
_SHARED_LINKS = {
    SEM.hasActor,
    SEM.hasPlace,
    ORG.member,
    ORG.organization,
    ORG.role,
    SCHEMA.publisher,
    SCHEMA.containedInPlace,
    URIRef(PREFIXES["kgo"] + "agent"),
    URIRef(PREFIXES["kgo"] + "extractor"),
    URIRef(PREFIXES["prov"] + "wasAttributedTo"),
}


def export(
    store: Store,
    fmt: str,
    out: str | Path | BinaryIO | None = None,
    *,
    filters: dict[str, Any] | None = None,
) -> bytes | None:
    """Write the store (or the subgraph matching `filters`) as `fmt` to `out`; bytes if `out` is None."""
    fmt = (fmt or "").lower().lstrip(".")
    if fmt not in FORMATS:
        raise ExportError(f"Unknown export format {fmt!r}. Choose one of: {', '.join(FORMATS)}")
    try:
        source = subset(store, filters) if filters else store
        if fmt == "csv" and isinstance(out, str | Path) and (Path(out).is_dir() or Path(out).suffix == ""):
            write_csv_folder(source, Path(out))
            return None
        data = _WRITERS[fmt](source)
    except ExportError:
        raise
    except KGError as exc:
        raise ExportError(f"Cannot export {fmt}: {exc}") from exc
    if out is None:
        return data
    try:
        if isinstance(out, str | Path):
            Path(out).parent.mkdir(parents=True, exist_ok=True)
            Path(out).write_bytes(data)
        else:
            out.write(data)
    except OSError as exc:
        raise ExportError(f"Cannot write the {fmt} export to {out}: {exc}") from exc
    return None


# -- RDF --------------------------------------------------------------------------------------
def _rdf(fmt: str) -> Callable[[Store], bytes]:
    def write(store: Store) -> bytes:
        ds = store.dataset()
        if fmt == "ttl":
            g = bind(rdflib.Graph())
            for s, p, o, _ in ds.quads((None, None, None, None)):
                g.add((s, p, o))
            return g.serialize(format="turtle", encoding="utf-8")
        if fmt == "jsonld":
            return ds.serialize(format="json-ld", context=dict(PREFIXES), indent=2, encoding="utf-8")
        return ds.serialize(format=_RDFLIB_FORMATS[fmt], encoding="utf-8")

    return write


def subset(store: Store, filters: dict[str, Any]) -> Store:
    """An in-memory store holding the subgraph of the events matching the timeline `filters`."""
    events = Q.timeline(store, **filters)
    keep_events = set(events["event"])
    articles = sorted(set(events["article_iri"]))
    ds = store.dataset(articles)
    kept: list[tuple] = []
    shared_nodes: set[URIRef] = set()
    for name in articles:
        g = ds.graph(URIRef(name))
        art = URIRef(name)
        actors = {o for e in keep_events for o in g.objects(URIRef(e), SEM.hasActor)}
        facts = {URIRef(e) for e in keep_events if (URIRef(e), None, None) in g}
        facts |= {m for m in g.subjects(RDF.type, ORG.Membership) if g.value(m, ORG.member) in actors}
        seeds = {art} | facts | {a for f in facts for a in g.subjects(OA.hasBody, f)}
        seeds |= {p for f in facts for p in g.objects(f, URIRef(PREFIXES["kgo"] + "participation"))}
        todo, seen = list(seeds), set()
        while todo:
            node = todo.pop()
            if node in seen:
                continue
            seen.add(node)
            for p, o in g.predicate_objects(node):
                if node == art and p == SCHEMA.mentions and o not in actors:
                    continue  # an entity the kept facts never involve stays out
                if p == URIRef(PREFIXES["kgo"] + "about") and str(o) not in keep_events:
                    continue  # no dangling link to a fact that was filtered out
                kept.append((node, p, o, art))
                if p in _OWNED:
                    todo.append(o)
                if p in _SHARED_LINKS or p == SCHEMA.mentions:
                    shared_nodes.add(o)
    shared_graphs = [str(g) for g in _shared_graphs(store)]
    shared = store.dataset(shared_graphs)
    todo = list(shared_nodes)
    seen_shared: set = set()
    while todo:
        node = todo.pop()
        if node in seen_shared:
            continue
        seen_shared.add(node)
        for s, p, o, gname in shared.quads((node, None, None, None)):
            kept.append((s, p, o, gname))
            if p in _SHARED_LINKS:
                todo.append(o)
    sub = open_store()
    sub.add_quads(kept)
    return sub


def _shared_graphs(store: Store) -> list[str]:
    """Graphs that are not articles (the shared entity graph, under any base IRI)."""
    r = store.query(Q.load("shared_graphs"))
    return [row[0] for row in r.rows]


# -- networks ---------------------------------------------------------------------------------
def network(store: Store):  # -> networkx.MultiDiGraph
    """The entity network: nodes are entities, edges are shared events and roles held.

    Node attributes: label, type, aliases, n_events, n_articles, start/end (first and last day
    the entity appears in an event). Edge attributes: relation ("met" = shared an event that took
    place, "linked" = a planned/cancelled/... event, "role" = holds a role for), label (role title),
    weight (number of facts), start/end (first and last date).
    """
    import networkx as nx

    g = nx.MultiDiGraph()
    ents = Q.entities(store)
    timeline = Q.timeline(store)
    first: dict[str, str] = {}
    last: dict[str, str] = {}
    for _, row in timeline.iterrows():
        day = _iso(row["date"])
        if not day:
            continue
        iris = [i for i in str(row["participant_iris"] or "").split() if i]
        if isinstance(row["place_iri"], str):
            iris.append(row["place_iri"])
        for iri in iris:
            first[iri] = min(first.get(iri, day), day)
            last[iri] = max(last.get(iri, day), day)
    for _, e in ents.iterrows():
        attrs = {
            "label": _s(e["name"]),
            "type": _s(e["type"]),
            "aliases": _s(e["aliases"]),
            "n_events": int(e["n_events"]),
            "n_articles": int(e["n_articles"]),
        }
        if e["entity"] in first:
            attrs["start"], attrs["end"] = first[e["entity"]], last[e["entity"]]
        g.add_node(e["entity"], **attrs)
    for _, r in _edges(store).iterrows():
        for end in ("source", "target"):
            if r[end] not in g:
                g.add_node(
                    r[end], label=r[end].rsplit("/", 1)[-1], type="", aliases="", n_events=0, n_articles=0
                )
        attrs = {"relation": r["relation"], "label": _s(r["label"]), "weight": float(r["weight"])}
        if _iso(r["first"]):
            attrs["start"], attrs["end"] = _iso(r["first"]), _iso(r["last"]) or _iso(r["first"])
        g.add_edge(r["source"], r["target"], **attrs)
    return g


def _edges(store: Store):
    """All network edges, one per unordered pair and relation (ego.rq without a frontier)."""
    df = store.query(Q.load("ego")).to_dataframe()
    if df.empty:
        return df.reindex(columns=["source", "target", "relation", "label", "weight", "first", "last"])
    key = df.apply(
        lambda r: (
            (*sorted((r["source"], r["target"])), r["relation"], r["label"])
            if r["relation"] != "role"
            else (r["source"], r["target"], r["relation"], r["label"])
        ),
        axis=1,
    )
    df = df.loc[~key.duplicated()]
    # Roles come back from both ends; keep person -> organisation.
    is_role = df["relation"] == "role"
    members = set(store.query(Q.load("members")).column("person"))
    df = df[~is_role | df["source"].isin(members)]
    return df.sort_values(["relation", "source", "target"]).reset_index(drop=True)


def _graphml(store: Store) -> bytes:
    import networkx as nx

    buf = io.BytesIO()
    nx.write_graphml(network(store), buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue()


def _gexf(store: Store) -> bytes:
    import networkx as nx

    g = network(store)
    # GEXF spells: Gephi's timeline reads the start/end attributes as dates.
    g.graph["mode"] = "dynamic"
    buf = io.BytesIO()
    nx.write_gexf(g, buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue()


# -- CSV --------------------------------------------------------------------------------------
def tables(store: Store) -> dict[str, Any]:
    """The CSV tables as DataFrames, by file name."""
    roles = store.query(Q.load("roles")).to_dataframe()
    citations = store.query(Q.load("evidence")).to_dataframe()
    edges = _edges(store)
    names = Q.node_names(store, sorted(set(edges["source"]) | set(edges["target"]))) if len(edges) else {}
    edges.insert(1, "source_name", edges["source"].map(lambda n: names.get(n, ("", ""))[0]))
    edges.insert(3, "target_name", edges["target"].map(lambda n: names.get(n, ("", ""))[0]))
    return {
        "events.csv": Q.timeline(store),
        "entities.csv": Q.entities(store),
        "roles.csv": roles.reindex(
            columns=[
                "person",
                "person_name",
                "title",
                "of",
                "of_iri",
                "article",
                "headline",
                "date",
                "quote",
                "start",
                "end",
                "membership",
            ]
        ),
        "edges.csv": edges,
        "citations.csv": citations.reindex(columns=["fact", "fact_label", *Q.EVIDENCE_COLUMNS]),
    }


def _csv_zip(store: Store) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, df in tables(store).items():
            z.writestr(name, df.to_csv(index=False))
    return buf.getvalue()


def write_csv_folder(store: Store, folder: Path) -> None:
    """Write the CSV tables into `folder` (created if needed)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, df in tables(store).items():
        df.to_csv(folder / name, index=False)


def _iso(value: Any) -> str:
    """An ISO date string, or "" for missing values (None, NaN, NaT)."""
    if value is None or value != value:  # NaN is the only value unequal to itself
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _s(value: Any) -> str:
    return "" if value is None or value != value else str(value)


_WRITERS: dict[str, Callable[[Store], bytes]] = {
    **{f: _rdf(f) for f in _RDFLIB_FORMATS},
    "graphml": _graphml,
    "gexf": _gexf,
    "csv": _csv_zip,
}
