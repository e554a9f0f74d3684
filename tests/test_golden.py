"""The sample article's graph equals the reviewed golden graph (see tests/golden.py)."""

from __future__ import annotations

import pytest
from golden import GOLDEN, sample_dataset
from rdflib import Dataset
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

pytestmark = pytest.mark.model


def test_sample_graph_matches_golden():
    want = Dataset()
    want.parse(GOLDEN, format="trig")
    got = sample_dataset()
    names = {str(g.identifier) for g in want.graphs()} | {str(g.identifier) for g in got.graphs()}
    for name in sorted(names):
        w, g = want.graph(name), got.graph(name)
        if not isomorphic(w, g):
            _, only_want, only_got = graph_diff(to_isomorphic(w), to_isomorphic(g))
            lost = sorted(map(str, only_want))[:10]
            new = sorted(map(str, only_got))[:10]
            pytest.fail(
                f"graph {name} differs from the golden graph; if intended, run `make golden` and review.\n"
                f"only in golden: {lost}\nonly now: {new}"
            )
