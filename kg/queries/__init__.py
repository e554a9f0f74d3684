"""Saved SPARQL: one `.rq` file in this folder per question, a typed function in front of each.

Every function takes a `Store` and returns a pandas DataFrame (or a plain value). Modules:
`saved` (loading the .rq files; the filter fragments and runners they share), `events` (the
timeline and its filters), `network` (who met whom, ego networks), `lookups` (roles, evidence,
entities, articles, reports, the date range), `catalogue` (store-wide tables: every role held,
every place, every meeting, the content version), `annotations` (an article's annotated passages
and the entities in it). It reads the store through `kg.store` and the curation map through
`kg.resolve.curation`; it never imports extraction, views or the dashboard.

    timeline(store, start=, end=, entities=, types=, statuses=, places=, sources=, text=, limit=)
    timeline_filters(store, ...)                         the values the timeline's filters offer
    events_at(store, place_iri)                          the timeline of a place (and places inside it)
    ego_network(store, entity_iri, hops=1, cap=200)     edges around one entity
    who_met_whom(store, ...)                             pairs of actors with counts
    node_names(store, iris)                              names and kinds of entity IRIs
    roles(store, person_iri)                             titles held, with their evidence
    evidence(store, fact_iri)                            the articles and sentences behind a fact
    entities(store, type=None)                           people, organisations, places
    articles(store), article_text(store, iri)            what is in the store
    reports(store, event_iri)                            other articles reporting the same event
    date_range(store)                                    the first and last event dates
    memberships(store), gazetteer(store), meetings(store)   every role held, place, meeting
    content_version(store)                               (articles, digest): changes with every ingest
    annotations(store, article_iri), mentions(store, article_iri)   what the article reader marks
    load(name), saved_queries()                          the text of the saved queries
"""

from __future__ import annotations

from kg.queries.annotations import ANNOTATION_COLUMNS, MENTION_COLUMNS, annotations, mentions
from kg.queries.catalogue import (
    GAZETTEER_COLUMNS,
    MEETING_COLUMNS,
    MEMBERSHIP_COLUMNS,
    content_version,
    gazetteer,
    meetings,
    memberships,
)
from kg.queries.events import TIMELINE_COLUMNS, events_at, timeline, timeline_filters
from kg.queries.lookups import (
    EVIDENCE_COLUMNS,
    article_text,
    articles,
    date_range,
    entities,
    evidence,
    reports,
    roles,
)
from kg.queries.network import ego_network, who_met_whom
from kg.queries.saved import MEETING_TYPES, QUERY_DIR, load, node_names, saved_queries

__all__ = [
    "ANNOTATION_COLUMNS",
    "EVIDENCE_COLUMNS",
    "GAZETTEER_COLUMNS",
    "MEETING_COLUMNS",
    "MEETING_TYPES",
    "MEMBERSHIP_COLUMNS",
    "MENTION_COLUMNS",
    "QUERY_DIR",
    "TIMELINE_COLUMNS",
    "annotations",
    "article_text",
    "articles",
    "content_version",
    "date_range",
    "ego_network",
    "entities",
    "events_at",
    "evidence",
    "gazetteer",
    "load",
    "meetings",
    "memberships",
    "mentions",
    "node_names",
    "reports",
    "roles",
    "saved_queries",
    "timeline",
    "timeline_filters",
    "who_met_whom",
]
