"""Extraction: everything that reads one article, from its cleaned text to an `Extraction`.

clean -> NLP -> entities, roles, places, time expressions, events -> one entity per name -> `Extraction`

Modules: `nlp` (the spaCy pipeline), `entities` (people, organisations, places as mentions),
`titles` and `roles` (offices and who holds them), `countries` and `places` (gazetteers),
`canonical` (one entity per real thing within the article), `time` (time expressions, a
subpackage), `events` (triggers, participants, status and the merging of mentions, a
subpackage) and `article` (the function that extracts one article, and its JSON contract).
It imports `kg.sources` (the cleaner), `kg.model` and `kg.errors`; never the store, queries,
views or the dashboard.

Public functions:
    extract(article) -> Extraction
    extract_many(articles, *, n_process=1) -> Extraction | ExtractionError, streamed
    to_json(extraction) -> dict            the `kg extract` shape the evaluation scorer reads
"""

from __future__ import annotations

from kg.extract.article import BATCH_SIZE, EXTRACTOR, extract, extract_many, from_doc, prepare, to_json

__all__ = ["BATCH_SIZE", "EXTRACTOR", "extract", "extract_many", "from_doc", "prepare", "to_json"]
