"""Time expressions: found in an article and normalised to TimeML values against its publication date.

Modules: `expressions` (scanning a parsed article, tense, anchors), `rules` (the grammar of
English time expressions), `calendar` (calendar arithmetic and the words of time).

Public functions: find_timexes(doc, published), normalise(phrase, published, *, tense=None),
tense_of(token); the value type TimeValue and the TimeML value pattern VALUE.
"""

from __future__ import annotations

from kg.extract.time.expressions import VALUE, TimeValue, find_timexes, normalise, tense_of

__all__ = ["VALUE", "TimeValue", "find_timexes", "normalise", "tense_of"]
