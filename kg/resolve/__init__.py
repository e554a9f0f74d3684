"""Resolution across articles: one node per real thing in the store, curated by hand where rules cannot tell.

Modules: `people` (an article's people linked to people already known), `curation` (merges and
splits recorded in their own graph), `same_event` (reports of one event in different articles
linked with kgo:sameEventAs), `event_index` (the stored events an ingest searches for those
reports, held in memory for its duration). Within one article names are joined by
`kg.extract.canonical`.
It reads the store (known people, earlier events) through `kg.store`; it never imports queries,
views or the dashboard.

Public functions: link_people(entities, known), curation.merge/split/merges/candidates/canonical_map,
same_event.links(store, article_iri, quads), same_event.clusters(store),
event_index.EventIndex.from_store(store).links(article_iri, quads); the value Known.
"""

from __future__ import annotations

from kg.resolve.people import Known, People, link_people

__all__ = ["Known", "People", "link_people"]
