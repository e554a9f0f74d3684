"""Derived columnar tables of the store for the views: one row per event, built once per store version.

The RDF store stays the one source of truth; the events table is what the dashboard's timeline,
filters, counts and lanes read instead of asking SPARQL on every click. It is kept on disk beside
an embedded store (Arrow IPC files, `<store>.tables/`), stamped with the store version
(`Store.version()`), and brought up to date from the articles whose content hash changed; names,
merges and reports of the same event are applied again for every version. The SPARQL page,
exports and remote stores without a table go on asking the store (`kg.queries`).

Modules: `rows` (the per-article rows read from the store), `derive` (what each version adds:
names, curation merges, same-event groups, the place hierarchy), `table` (building, updating,
saving and loading), `select` (the timeline's filters answered from the table). It imports
`kg.store`, `kg.resolve` and `kg.queries`; it never imports views, exports or the dashboard.

    t = refresh(store, table_dir(store_path))    load, update or build the table of this version
    forget_articles(folder)                      the next refresh builds from scratch (a forced re-extraction)
    timeline(t, start=, end=, entities=, types=, statuses=, places=, sources=, text=, limit=)
    date_range(t), sources(t)                    what the sidebar offers
"""

from __future__ import annotations

from kg.tables.select import date_range, mask, sources, timeline
from kg.tables.table import EventsTable, build, forget_articles, load, refresh, save, table_dir

__all__ = [
    "EventsTable",
    "build",
    "date_range",
    "forget_articles",
    "load",
    "mask",
    "refresh",
    "save",
    "sources",
    "table_dir",
    "timeline",
]
