"""Curation: list, merge and split entities that name the same real-world thing.

Merges are facts in their own named graph (`<base>graph/curation`), never rewrites of the
articles' graphs, so every one can be undone:

    <a> owl:sameAs <b> .                       # a is merged into b (b is canonical)
    <base>merge/<id> a kgo:Merge ; kgo:merged <a> ; kgo:into <b> ;
                     prov:generatedAtTime "..."^^xsd:dateTime ; rdfs:comment "why" .
    <a> owl:differentFrom <b> .                # after a split: not offered as a candidate again

Queries (kg.queries) read the sameAs links and show a merged entity as its canonical one. The
SPARQL this module asks is saved in kg/resolve/sparql/*.rq.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping

import pandas as pd
from rdflib import OWL, RDF, RDFS, XSD, Literal, URIRef

from kg.errors import StoreError
from kg.graph.namespaces import KGO, PROV, base_iri
from kg.model import norm
from kg.store import DEFAULT_TIMEOUT, Store, read_query


def curation_graph(base: str | None = None) -> URIRef:
    """The named graph holding merges and splits."""
    return URIRef(base_iri(base) + "graph/curation")


def canonical_map(store: Store, *, timeout: float | None = DEFAULT_TIMEOUT) -> dict[str, str]:
    """Merged entity IRI -> the IRI of the entity it was merged into (followed to the end)."""
    rows = store.query(
        read_query("kg.resolve", "same_as"),
        bindings={"cur": curation_graph()},
        timeout=timeout,
    ).rows
    direct = {a: b for a, b in rows}
    out = {}
    for a in direct:
        b, seen = direct[a], {a}
        while b in direct and b not in seen:  # a chain a -> b -> c ends at c
            seen.add(b)
            b = direct[b]
        out[a] = b
    return out


def _entity(store: Store, iri: str) -> tuple[str, str]:
    rows = store.query(
        read_query("kg.resolve", "entity"),
        bindings={"e": URIRef(iri)},
    ).rows
    if not rows:
        raise StoreError(f"No entity {iri} in the store; list them with `kg entities list`")
    name, cls = rows[0]
    return name, cls.rsplit("/", 1)[-1]


def _record(a: str, b: str) -> URIRef:
    return URIRef(base_iri() + "merge/" + hashlib.sha1(f"{a}|{b}".encode()).hexdigest()[:16])


def merge(store: Store, source: str, target: str, *, note: str = "", now: dt.datetime | None = None) -> str:
    """Merge entity `source` into `target`; returns the merge record's IRI."""
    if source == target:
        raise StoreError(f"Cannot merge {source} into itself")
    (sname, stype), (tname, ttype) = _entity(store, source), _entity(store, target)
    if stype != ttype:
        raise StoreError(f"Cannot merge a {stype} ({sname}) into a {ttype} ({tname})")
    canon = canonical_map(store)
    target = canon.get(target, target)
    if target == source:
        raise StoreError(f"{tname} is already merged into {sname}; split it first")
    g = curation_graph()
    rec = _record(source, target)
    when = now or dt.datetime.now(dt.UTC).replace(microsecond=0)
    quads = [
        (URIRef(source), OWL.sameAs, URIRef(target), g),
        (rec, RDF.type, KGO.Merge, g),
        (rec, KGO.merged, URIRef(source), g),
        (rec, KGO.into, URIRef(target), g),
        (rec, PROV.generatedAtTime, Literal(when.isoformat(), datatype=XSD.dateTime), g),
    ]
    if note:
        quads.append((rec, RDFS.comment, Literal(note), g))
    # a split earlier said these two differ: the merge overrides it
    store.remove_quads([(URIRef(source), OWL.differentFrom, URIRef(target), g)])
    store.add_quads(quads)
    return str(rec)


def split(store: Store, source: str) -> str:
    """Undo the merge of `source`; returns the IRI it had been merged into."""
    g = curation_graph()
    rows = store.query(
        read_query("kg.resolve", "merge_record"),
        bindings={"a": URIRef(source), "cur": g},
    )
    if not rows.rows:
        raise StoreError(f"{source} is not merged into anything; see `kg entities merges`")
    target = rows.rows[0][0]
    quads = [(URIRef(source), OWL.sameAs, URIRef(target), g)]
    for term_row in rows.terms:
        rec, p, o = term_row[1], term_row[2], term_row[3]
        if rec is not None:
            from kg.store import to_rdflib

            quads.append((to_rdflib(rec), to_rdflib(p), to_rdflib(o), g))
    store.remove_quads(quads)
    store.add_quads([(URIRef(source), OWL.differentFrom, URIRef(target), g)])
    return target


def merges(store: Store) -> pd.DataFrame:
    """The merges in force: merged, merged_name, into, into_name, when, note."""
    df = store.query(
        read_query("kg.resolve", "merges"),
        bindings={"cur": curation_graph()},
    ).to_dataframe()
    return df.drop_duplicates(subset=["merged", "into"]).reset_index(drop=True)


def candidates(store: Store, type: str = "Person") -> pd.DataFrame:
    """Pairs of entities that may be one: a, a_name, b, b_name, reason.

    People: one name is the other's surname, or one full name's words contain the other's
    ("Vladimir Putin" / "Vladimir V. Putin"), or they share a surface form. A bare surname that
    fits several people is listed with each of them, for a person to decide.
    """
    rows = store.query(
        read_query("kg.resolve", "entity_names"),
        bindings={"want": URIRef(f"http://schema.org/{type}")},
    ).rows
    merged = canonical_map(store)
    different = {
        tuple(sorted(r))
        for r in store.query(
            read_query("kg.resolve", "different_from"),
            bindings={"cur": curation_graph()},
        ).rows
    }
    ents: dict[str, tuple[str, set[str]]] = {}
    for iri, name, aliases in rows:
        if iri in merged:
            continue
        forms = {norm(name)} | {norm(a) for a in (aliases or "").split("\x1f") if a}
        ents[iri] = (name, forms)
    out = []
    items = sorted(ents.items(), key=lambda kv: kv[1][0])
    for i, (a, (an, af)) in enumerate(items):
        for b, (bn, bf) in items[i + 1 :]:
            if tuple(sorted((a, b))) in different:
                continue
            reason = _reason(an, af, bn, bf)
            if reason:
                out.append({"a": a, "a_name": an, "b": b, "b_name": bn, "reason": reason})
    return pd.DataFrame(out, columns=["a", "a_name", "b", "b_name", "reason"])


def _reason(an: str, af: set[str], bn: str, bf: set[str]) -> str | None:
    aw, bw = norm(an).split(), norm(bn).split()
    if af & bf:
        return "a shared name: " + sorted(af & bf)[0]
    if not aw or not bw or aw[-1] != bw[-1]:
        return None
    if len(aw) == 1 or len(bw) == 1:
        return f"surname only: {aw[-1]}"
    if set(aw) <= set(bw) or set(bw) <= set(aw):
        return "one name contains the other"
    return None


def apply_map(names: Mapping[str, str], iris: list[str]) -> list[str]:
    """IRIs with merged entities replaced by their canonical ones, order kept, no repeats."""
    return list(dict.fromkeys(names.get(i, i) for i in iris))
