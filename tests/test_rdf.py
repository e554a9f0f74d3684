"""kg.graph.builder: an Extraction as one named graph per article plus the shared entity graph.

`sample_extraction()` is also imported by the other graph-layer tests (pytest puts tests/ on
sys.path), so that every test speaks about the same small article.
"""

from __future__ import annotations

import datetime as dt

import pytest
import rdflib.namespace as rns
from hypothesis import given
from hypothesis import strategies as st
from rdflib import BNode, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS

from kg.graph import (
    article_iri,
    country,
    entity_iri,
    event_iri,
    is_full_day,
    slug,
    to_graph,
    to_quads,
)
from kg.graph.namespaces import (
    FOAF,
    GEO,
    KGO,
    OA,
    ORG,
    PROV,
    SCHEMA,
    SEM,
    SKOS,
    TIME,
    base_iri,
    entities_graph,
)
from kg.model import Article, Entity, Event, Extraction, Role, Span, Timex

TEXT = (
    "Secretary of State Antony Blinken met Chinese Foreign Minister Wang Yi in Beijing on Monday. "
    "The summit planned for June was cancelled. Blinken will visit Paris next week."
)


def span(text: str, sub: str) -> Span:
    i = text.index(sub)
    return Span.of(text, i, i + len(sub))


def sample_extraction(
    article_id: str = "news-1",
    *,
    published: dt.date | None = dt.date(2023, 6, 19),
    text: str = TEXT,
    title: str = "Blinken meets Wang",
    source: str = "Reuters",
) -> Extraction:
    """A hand-built extraction: two people with roles, two places, three events of three kinds."""
    t = text
    art = Article(
        id=article_id, text=t, title=title, published=published, url="https://example.com/a", source=source
    )
    blinken = Entity(
        key="Person:Antony Blinken",
        name="Antony Blinken",
        type="Person",
        aliases=("Blinken",),
        mentions=(span(t, "Antony Blinken"),),
        roles=(Role("Secretary of State", "United States", span(t, "Secretary of State Antony Blinken")),),
    )
    wang = Entity(
        key="Person:Wang Yi",
        name="Wang Yi",
        type="Person",
        roles=(Role("Foreign Minister", "China", span(t, "Chinese Foreign Minister Wang Yi")),),
    )
    beijing = Entity(
        key="Place:Beijing",
        name="Beijing",
        type="Place",
        country="China",
        lat=39.9,
        lon=116.4,
        geonames_id=1816670,
    )
    paris = Entity(key="Place:Paris", name="Paris", type="Place", country="FR", lat=48.85, lon=2.35)
    meeting = Event(
        key="e1",
        type="Meeting",
        label="Antony Blinken meets Wang Yi",
        participants=("Antony Blinken", "Wang Yi"),
        status="occurred",
        evidence=span(
            t, "Secretary of State Antony Blinken met Chinese Foreign Minister Wang Yi in Beijing on Monday."
        ),
        trigger=span(t, "met"),
        place="Beijing",
        timex=Timex(
            span(t, "on Monday"), "2023-06-19", earliest=dt.date(2023, 6, 19), latest=dt.date(2023, 6, 19)
        ),
        date="2023-06-19",
        confidence=0.9,
        cameo="040",
        plover="CONSULT",
        roles=(("Antony Blinken", "guest"),),
    )
    cancel = Event(
        key="e2",
        type="Cancellation",
        label="summit cancelled",
        participants=(),
        status="occurred",
        evidence=span(t, "The summit planned for June was cancelled."),
        trigger=span(t, "cancelled"),
        timex=Timex(span(t, "June"), "2023-06", earliest=dt.date(2023, 6, 1), latest=dt.date(2023, 6, 30)),
        date="2023-06",
        confidence=0.7,
        cameo="125",
        plover="REJECT",
        related=("e1",),
    )
    visit = Event(
        key="e3",
        type="Visit",
        label="Antony Blinken visits Paris",
        participants=("Blinken",),
        status="planned",
        evidence=span(t, "Blinken will visit Paris next week."),
        trigger=span(t, "visit"),
        place="Paris",
        timex=Timex(
            span(t, "next week"), "2023-W26", earliest=dt.date(2023, 6, 26), latest=dt.date(2023, 7, 2)
        ),
        confidence=0.6,
    )
    return Extraction(
        article=art,
        entities=(blinken, wang, beijing, paris),
        events=(meeting, cancel, visit),
        extractor="kg",
        version="0.1.0",
    )


B = "http://kg.example/"
ART = URIRef(B + "article/news-1")
BLINKEN = URIRef(B + "person/antony-blinken")
ENT = URIRef(B + "graph/entities")


@pytest.fixture
def ds():
    return to_graph(sample_extraction(), base=B)


def test_article_is_a_named_graph_with_its_metadata(ds):
    g = ds.graph(ART)
    assert (ART, RDF.type, SCHEMA.NewsArticle) in g
    assert g.value(ART, SCHEMA.headline) == Literal("Blinken meets Wang")
    assert g.value(ART, SCHEMA.datePublished) == Literal("2023-06-19", datatype=rns.XSD.date)
    assert g.value(ART, SCHEMA.url) == URIRef("https://example.com/a")
    assert g.value(ART, KGO.contentHash) == Literal(sample_extraction().article.content_hash)
    assert (ART, KGO.extractor, URIRef(B + "agent/kg/0-1-0")) in g
    assert ds.graph(ENT).value(g.value(ART, SCHEMA.publisher), SCHEMA.name) == Literal("Reuters")


def test_entities_live_in_the_shared_graph(ds):
    e = ds.graph(ENT)
    assert {RDF.type: set(e.objects(BLINKEN, RDF.type))}[RDF.type] == {SCHEMA.Person, FOAF.Person}
    assert e.value(BLINKEN, SCHEMA.name) == Literal("Antony Blinken")
    assert e.value(BLINKEN, SKOS.altLabel) == Literal("Blinken")
    beijing = URIRef(B + "place/beijing")
    assert e.value(beijing, GEO.lat) == Literal("39.9", datatype=rns.XSD.decimal)
    assert e.value(beijing, OWL.sameAs) == URIRef("https://sws.geonames.org/1816670/")
    assert e.value(beijing, SCHEMA.containedInPlace) == URIRef(B + "place/china")
    # A country given as an ISO code is the country, named, with its GeoNames IRI.
    france = e.value(URIRef(B + "place/paris"), SCHEMA.containedInPlace)
    assert france == URIRef(B + "place/france")
    assert e.value(france, OWL.sameAs) == URIRef("https://sws.geonames.org/3017382/")
    assert not list(ds.graph(ART).triples((BLINKEN, SCHEMA.name, None)))


def test_membership_with_role_organisation_and_interval(ds):
    g, e = ds.graph(ART), ds.graph(ENT)
    (m,) = [m for m in g.subjects(ORG.member, BLINKEN)]
    assert (m, RDF.type, ORG.Membership) in g
    role = g.value(m, ORG.role)
    assert e.value(role, SKOS.prefLabel) == Literal("Secretary of State")
    assert (role, RDF.type, ORG.Role) in e
    assert g.value(m, ORG.organization) == URIRef(B + "place/united-states")
    interval = g.value(m, ORG.memberDuring)
    assert (interval, RDF.type, TIME.Interval) in g
    assert g.value(g.value(interval, TIME.hasBeginning), TIME.inXSDDate) == Literal(
        "2023-06-19", datatype=rns.XSD.date
    )


def test_event_with_time_status_codes_and_actors(ds):
    g = ds.graph(ART)
    ev = event_iri("news-1", sample_extraction().events[0], base=B)
    assert {SEM.Event, KGO.Meeting} <= set(g.objects(ev, RDF.type))
    assert g.value(ev, RDFS.label) == Literal("Antony Blinken meets Wang Yi")
    assert set(g.objects(ev, SEM.hasActor)) == {BLINKEN, URIRef(B + "person/wang-yi")}
    assert g.value(ev, SEM.hasPlace) == URIRef(B + "place/beijing")
    assert g.value(ev, SEM.hasTimeStamp) == Literal("2023-06-19", datatype=rns.XSD.date)
    assert g.value(ev, KGO.timeValue) == Literal("2023-06-19")
    assert g.value(ev, KGO.timePhrase) == Literal("on Monday")
    assert g.value(ev, KGO.status) == KGO.Occurred
    assert g.value(ev, KGO.cameo) == Literal("040")
    assert g.value(ev, KGO.plover) == Literal("CONSULT")
    assert g.value(ev, KGO.confidence) == Literal("0.9", datatype=rns.XSD.decimal)


def test_vague_time_gets_bounds_not_a_timestamp(ds):
    g = ds.graph(ART)
    visit = event_iri("news-1", sample_extraction().events[2], base=B)
    assert g.value(visit, SEM.hasTimeStamp) is None
    assert g.value(visit, SEM.hasEarliestBeginTimeStamp) == Literal("2023-06-26", datatype=rns.XSD.date)
    assert g.value(visit, SEM.hasLatestEndTimeStamp) == Literal("2023-07-02", datatype=rns.XSD.date)
    assert g.value(visit, KGO.timeValue) == Literal("2023-W26")
    assert g.value(visit, KGO.status) == KGO.Planned
    # An alias as participant resolves to the canonical entity.
    assert g.value(visit, SEM.hasActor) == BLINKEN


def test_cancellation_points_at_what_it_cancels(ds):
    x = sample_extraction()
    g = ds.graph(ART)
    assert g.value(event_iri("news-1", x.events[1], base=B), KGO.about) == event_iri(
        "news-1", x.events[0], base=B
    )


def test_every_fact_has_web_annotation_evidence(ds):
    g = ds.graph(ART)
    x = sample_extraction()
    facts = set(g.subjects(RDF.type, SEM.Event)) | set(g.subjects(RDF.type, ORG.Membership))
    assert len(facts) == 5
    for fact in facts:
        (ann,) = list(g.subjects(OA.hasBody, fact))
        assert (ann, RDF.type, OA.Annotation) in g
        assert g.value(ann, PROV.wasDerivedFrom) == ART
        assert g.value(ann, PROV.wasAttributedTo) == URIRef(B + "agent/kg/0-1-0")
        target = g.value(ann, OA.hasTarget)
        assert g.value(target, OA.hasSource) == ART
        sels = {g.value(s, RDF.type): s for s in g.objects(target, OA.hasSelector)}
        start = g.value(sels[OA.TextPositionSelector], OA.start).toPython()
        end = g.value(sels[OA.TextPositionSelector], OA.end).toPython()
        # The quote is exactly the characters at the offsets.
        assert x.article.text[start:end] == str(g.value(sels[OA.TextQuoteSelector], OA.exact))


def test_no_blank_nodes_anywhere(ds):
    for s, p, o, _g in ds.quads():
        assert isinstance(s, URIRef) and isinstance(p, URIRef)
        assert not isinstance(o, BNode)


def same_dataset(a, b) -> bool:
    """Graph by graph isomorphism (rdflib.compare works on graphs, not datasets)."""
    names = {g.identifier for g in a.graphs() if len(g)}
    if names != {g.identifier for g in b.graphs() if len(g)}:
        return False
    return all(isomorphic(a.graph(n), b.graph(n)) for n in names)


def test_same_input_same_graph():
    assert same_dataset(to_graph(sample_extraction(), base=B), to_graph(sample_extraction(), base=B))
    assert not same_dataset(
        to_graph(sample_extraction(), base=B), to_graph(sample_extraction("other"), base=B)
    )
    assert to_quads(sample_extraction(), base=B) == to_quads(sample_extraction(), base=B)


def test_same_name_in_two_articles_is_one_node():
    a = to_quads(sample_extraction("a"), base=B)
    b = to_quads(sample_extraction("b"), base=B)
    names = {
        s
        for s, p, o, g in a.shared_quads + b.shared_quads
        if p == SCHEMA.name and o == Literal("Antony Blinken")
    }
    assert names == {BLINKEN}
    assert a.article_iri != b.article_iri


def test_base_is_configurable(monkeypatch):
    parts = to_quads(sample_extraction(), base="https://data.example.org/kg")
    assert parts.article_iri == "https://data.example.org/kg/article/news-1"
    monkeypatch.setenv("KG_BASE", "urn:x:")
    assert base_iri() == "urn:x:/"
    assert entities_graph() == "urn:x:/graph/entities"
    monkeypatch.setenv("KG_BASE", "https://env.example/")
    assert to_quads(sample_extraction()).article_iri == "https://env.example/article/news-1"


def test_unknown_publication_date_gives_no_interval():
    parts = to_quads(sample_extraction(published=None), base=B)
    assert not [q for q in parts.quads if q[1] in (ORG.memberDuring, SCHEMA.datePublished)]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Antony Blinken", "antony-blinken"),
        ("Emmanuel Macron", "emmanuel-macron"),
        ("José Manuel Albares", "jose-manuel-albares"),
        ("U.S. State Department", "u-s-state-department"),
        ("  Kim   Jong-un ", "kim-jong-un"),
        ("under_score", "under-score"),
        ("习近平", "习近平"),
    ],
)
def test_slug(name, expected):
    assert slug(name) == expected


def test_slug_of_punctuation_is_stable_and_distinct():
    assert slug("!!!") == slug("!!!") != slug("???")
    assert slug("!!!").startswith("x-")


@pytest.mark.parametrize(
    ("article_id", "expected"),
    [
        ("news-1", "news-1"),
        ("reuters_2023.06.19", "reuters_2023.06.19"),
        ("data/sample.txt", "data-sample-txt-"),
        ("https://example.com/a?b=1", "https-example-com-a-b-1-"),
    ],
)
def test_article_iri(article_id, expected):
    iri = str(article_iri(article_id, base=B))
    assert iri.startswith(B + "article/" + expected)


def test_article_ids_that_slug_alike_stay_apart():
    assert article_iri("a/b", base=B) != article_iri("a-b", base=B) != article_iri("a b", base=B)


def test_entity_iri_by_type():
    assert entity_iri("NATO", "Organization", base=B) == URIRef(B + "org/nato")
    assert entity_iri("Paris", "Place", base=B) == URIRef(B + "place/paris")


@pytest.mark.parametrize(
    ("value", "full"),
    [("2023-06-19", True), ("2023-06", False), ("2023-W26", False), ("2023-02-30", False), (None, False)],
)
def test_is_full_day(value, full):
    assert is_full_day(value) is full


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("China", "China"),
        ("CN", "China"),
        ("FRA", "France"),
        ("Russia", "Russia"),
        ("NATO", None),
        ("Us", None),
    ],
)
def test_country(name, expected):
    hit = country(name)
    assert (hit[0] if hit else None) == expected


@given(st.text(min_size=1, max_size=40))
def test_slug_is_a_safe_path_segment(name):
    s = slug(name)
    assert s and "/" not in s and " " not in s and not s.startswith("-")
    assert slug(name) == s


@given(st.text(min_size=1, max_size=30).filter(lambda s: s.strip()))
def test_any_article_id_gives_a_valid_iri(article_id):
    import pyoxigraph

    pyoxigraph.NamedNode(str(article_iri(article_id, base=B)))  # raises on an invalid IRI


def test_two_events_one_trigger_tells_are_two_nodes_of_the_graph() -> None:
    import datetime as dt

    from kg.extract import extract
    from kg.graph import to_quads
    from kg.model import Article

    text = (
        "Egyptian, Ethiopian and Sudanese ministers agreed on Wednesday to hold further meetings on "
        "December 9 and January 13 in Washington."
    )
    x = extract(Article(id="t", text=text, published=dt.date(2019, 11, 7)))
    meetings = [e for e in x.events if e.type == "Meeting"]
    assert len(meetings) == 2
    iris = {str(q[0]) for q in to_quads(x).quads if "/event/" in str(q[0])}
    dated = {e.date for e in meetings}
    assert dated == {"2019-12-09", "2020-01-13"}
    assert len([i for i in iris if "/part/" not in i]) >= len(x.events)
