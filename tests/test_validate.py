"""kg.graph.shapes and the shipped ontology/shapes: what kg.graph.builder writes conforms; broken data does not."""

from __future__ import annotations

import datetime as dt

import pytest
import rdflib.namespace as rns
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS
from test_rdf import B, sample_extraction

from kg.graph import to_graph, to_quads
from kg.graph.namespaces import KGO, OA, SCHEMA, SEM, SH, SKOS
from kg.graph.shapes import ontology, shapes, union, validate
from kg.model import EVENT_TYPES, Extraction
from kg.store import open_store


def test_a_written_extraction_conforms():
    report = validate(to_graph(sample_extraction(), base=B))
    assert report.conforms, report.text
    assert report.n_violations == 0 and bool(report)


def test_a_store_conforms():
    with open_store() as s:
        for aid in ("a", "b"):
            p = to_quads(sample_extraction(aid), base=B)
            s.write_article(p.article_iri, p.quads, shared_quads=p.shared_quads)
        assert validate(s).conforms


def test_an_article_without_facts_or_date_conforms():
    x = sample_extraction(published=None)
    bare = Extraction(article=x.article)
    assert validate(to_graph(bare, base=B)).conforms


def _broken(mutate):
    g = union(to_graph(sample_extraction(), base=B))
    mutate(g)
    return g


def _event(g):
    return next(iter(sorted(g.subjects(RDF.type, KGO.Meeting))))


@pytest.mark.parametrize(
    ("name", "mutate", "message"),
    [
        (
            "event without evidence",
            lambda g: [g.remove((a, OA.hasBody, _event(g))) for a in list(g.subjects(OA.hasBody, _event(g)))],
            "annotation that states it",
        ),
        (
            "confidence out of range",
            lambda g: g.set((_event(g), KGO.confidence, Literal("1.5", datatype=rns.XSD.decimal))),
            "MaxInclusive",
        ),
        ("unknown status", lambda g: g.set((_event(g), KGO.status, KGO.Done)), "In"),
        ("two event types", lambda g: g.add((_event(g), RDF.type, KGO.Summit)), "one kgo: event type"),
        (
            "timestamp not a date",
            lambda g: g.set((_event(g), SEM.hasTimeStamp, Literal("June 2023"))),
            "Datatype",
        ),
        (
            "range ends before it starts",
            lambda g: [
                g.set((e, SEM.hasLatestEndTimeStamp, Literal("2000-01-01", datatype=rns.XSD.date)))
                for e in g.subjects(SEM.hasEarliestBeginTimeStamp, None)
            ],
            "LessThanOrEquals",
        ),
        (
            "person without a name",
            lambda g: g.remove((URIRef(B + "person/wang-yi"), SCHEMA.name, None)),
            "MinCount",
        ),
        (
            "selector end before start",
            lambda g: [
                g.set((s, OA.end, Literal(0))) for s in list(g.subjects(RDF.type, OA.TextPositionSelector))
            ],
            "LessThanOrEquals",
        ),
        (
            "article without hash",
            lambda g: g.remove((None, KGO.contentHash, None)),
            "MinCount",
        ),
        (
            "bad GeoNames IRI",
            lambda g: g.set((URIRef(B + "place/beijing"), OWL.sameAs, URIRef("http://example.com/x"))),
            "Pattern",
        ),
    ],
)
def test_broken_data_is_reported(name, mutate, message):
    report = validate(_broken(mutate))
    assert not report.conforms, name
    assert report.n_violations >= 1
    assert message in report.text, report.text


def _kgo_terms_written() -> set[URIRef]:
    x = sample_extraction()
    # Every status and every event type, so the check covers all terms kg.graph.builder can write.
    from dataclasses import replace

    events = tuple(
        replace(x.events[0], key=f"k{i}", type=t, status=s)
        for i, (t, s) in enumerate(
            zip(
                EVENT_TYPES, ["occurred", "planned", "cancelled", "negated", "hypothetical"] * 3, strict=False
            )
        )
    )
    ds = to_graph(replace(x, events=(*x.events, *events)), base=B)
    terms = set()
    for s, p, o, _ in ds.quads():
        for t in (s, p, o):
            if isinstance(t, URIRef) and str(t).startswith(str(KGO)):
                terms.add(t)
    return terms


def test_every_kgo_term_written_is_in_the_ontology_with_label_and_comment():
    onto = ontology()
    terms = _kgo_terms_written()
    assert KGO.Meeting in terms and KGO.Hypothetical in terms and KGO.contentHash in terms
    for t in terms:
        assert onto.value(t, RDFS.label) is not None, t
        assert onto.value(t, RDFS.comment) is not None, t


def test_every_ontology_term_has_label_and_comment():
    onto = ontology()
    for t in set(onto.subjects(RDF.type, None)):
        if str(t).startswith(str(KGO)):
            assert onto.value(t, RDFS.label) is not None and onto.value(t, RDFS.comment) is not None, t


def test_event_types_are_sem_events_aligned_to_cameo_or_plover():
    onto = ontology()
    for t in EVENT_TYPES:
        cls = KGO[t]
        assert (cls, RDFS.subClassOf, SEM.Event) in onto
        if t != "Other":
            matches = set(onto.objects(cls, SKOS.exactMatch)) | set(onto.objects(cls, SKOS.closeMatch))
            assert matches, f"{t} has no CAMEO/PLOVER match"
    assert str(onto.value(onto.value(KGO.Cancellation, SKOS.closeMatch), SKOS.notation)) in {"125", "REJECT"}


def test_every_class_written_has_a_shape():
    ds = to_graph(sample_extraction(), base=B)
    classes = {o for _, p, o, _ in ds.quads() if p == RDF.type}
    targeted = set(shapes().objects(None, SH.targetClass))
    event_types = {KGO[t] for t in EVENT_TYPES}
    missing = classes - targeted - event_types  # event types are checked by the sem:Event shape
    assert not missing, missing


def test_validation_of_a_date_time_publication():
    g = union(to_graph(sample_extraction(), base=B))
    g.set(
        (
            URIRef(B + "article/news-1"),
            SCHEMA.datePublished,
            Literal(dt.datetime(2023, 6, 19, 8, 30).isoformat(), datatype=rns.XSD.dateTime),
        )
    )
    assert validate(g).conforms
