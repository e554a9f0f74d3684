"""The CAMEO / PLOVER codes written on events agree with the ontology's alignments."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Namespace
from rdflib.namespace import SKOS

from kg.extract.events import CAMEO_PLOVER
from kg.model import EVENT_TYPES

KGO = Namespace("http://kg.example/ontology#")
ONTOLOGY = Path(__file__).resolve().parent.parent / "kg" / "graph" / "ontology" / "kgo.ttl"


@pytest.mark.parametrize("etype", [t for t in EVENT_TYPES if t != "Other"])
def test_event_codes_are_aligned_in_the_ontology(etype):
    g = Graph().parse(ONTOLOGY, format="turtle")
    matches = {
        str(o).rsplit("#", 1)[-1]
        for p in (SKOS.exactMatch, SKOS.closeMatch)
        for o in g.objects(KGO[etype], p)
    }
    cameo, plover = CAMEO_PLOVER[etype]
    assert cameo in matches, f"{etype}: CAMEO {cameo} not among {sorted(matches)}"
    if plover:
        assert plover in matches, f"{etype}: PLOVER {plover} not among {sorted(matches)}"
