"""The pipeline kg loads annotates exactly as spaCy's own, only faster (kg.extract.nlp)."""

from __future__ import annotations

import importlib

import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG

from kg.extract import nlp

# written for this test: titles, dates, a quote, a negation, a contraction, a place
TEXTS = [
    "Chancellor Olaf Scholz will meet President Emmanuel Macron in Paris on Thursday.",
    "Foreign Minister Anna Berg of Norway said she had not spoken to Omar Hale since May 3, 2024.",
    "\"We won't sign it,\" the ministry's spokesman told reporters in Geneva late on Friday.",
    "There is no plan for talks; officials from Washington and Beijing declined to comment.",
]
COLUMNS = [TAG, POS, DEP, HEAD, LEMMA, ENT_IOB, ENT_TYPE, MORPH, SENT_START]


@pytest.mark.model
def test_the_pipeline_multiplies_through_numpy_and_annotates_as_spacy_loads_it():
    ours = nlp.load()
    stock = None
    for name in nlp.MODEL_PACKAGES:
        try:
            stock = importlib.import_module(name).load()
            break
        except ImportError:
            continue
    stock.add_pipe("kg_paragraphs", before="parser")
    layers = [
        n for _name, c in ours.pipeline if hasattr(getattr(c, "model", None), "walk") for n in c.model.walk()
    ]
    assert layers and all(getattr(n.ops, "use_blis", False) is False for n in layers)
    assert any(
        getattr(n.ops, "use_blis", False)
        for _name, c in stock.pipeline
        if hasattr(c, "model")
        for n in c.model.walk()
    )
    for a, b in zip(ours.pipe(TEXTS), stock.pipe(TEXTS), strict=True):
        assert a.to_array(COLUMNS).tolist() == b.to_array(COLUMNS).tolist()
        assert [(e.start, e.end, e.label_) for e in a.ents] == [(e.start, e.end, e.label_) for e in b.ents]
