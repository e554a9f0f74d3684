"""The attribute ruler's index finds the same matches as spaCy's Matcher (kg.extract.attribute_index)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from kg.extract import attribute_index

# one rule of each shape the English pipeline holds: a value, a value and a set, a set to avoid,
# a regular expression, two tokens
RULES = [
    ([[{"TAG": "NNP"}]], {"POS": "PROPN"}, 0),
    ([[{"TAG": "VBZ", "LOWER": {"IN": ["is", "'s"]}}]], {"LEMMA": "be"}, 0),
    ([[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux", "auxpass"]}}]], {"POS": "AUX"}, 0),
    ([[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]], {"LEMMA": "nothing"}, 0),
    ([[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "are"]}}]], {"POS": "VERB"}, 1),
    ([[{"LOWER": "ai"}, {"LOWER": {"REGEX": "^n'?t$"}}]], {"LEMMA": "be"}, 0),
    ([[{"IS_SPACE": True}]], {"TAG": "_SP"}, 0),
]


def _ruler():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    for patterns, attrs, index in RULES:
        ruler.add(patterns, attrs, index=index)
    return nlp, ruler


def _doc(nlp) -> Doc:
    words = [
        "There",
        "is",
        "nothin'",
        "he",
        "'s",
        "going",
        "to",
        "do",
        "ai",
        "n't",
        "\n",
        "Paris",
        "is",
        "near",
    ]
    tags = ["EX", "VBZ", "NN", "PRP", "VBZ", "VBG", "TO", "VB", "VBP", "RB", "_SP", "NNP", "VBZ", "IN"]
    deps = [
        "expl",
        "ROOT",
        "attr",
        "nsubj",
        "aux",
        "xcomp",
        "aux",
        "xcomp",
        "aux",
        "neg",
        "dep",
        "nsubj",
        "ROOT",
        "prep",
    ]
    heads = [1, 1, 1, 5, 5, 1, 7, 5, 1, 1, 9, 12, 12, 12]
    return Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=heads)


def test_the_index_finds_what_the_matcher_finds_for_every_shape_of_rule():
    nlp, ruler = _ruler()
    doc = _doc(nlp)
    spacy_matches = type(ruler).match(ruler, doc)
    assert len({m[0] for m in spacy_matches}) == len(RULES)  # every rule matches somewhere
    assert attribute_index.index(ruler)(doc) == spacy_matches
    assert attribute_index.install(ruler)
    theirs, ours = _doc(nlp), _doc(nlp)
    type(ruler).set_annotations(ruler, theirs, type(ruler).match(ruler, theirs))
    ruler(ours)
    assert [(t.pos_, t.lemma_, t.tag_) for t in ours] == [(t.pos_, t.lemma_, t.tag_) for t in theirs]


def test_a_rule_with_an_operator_keeps_spacys_matcher():
    nlp, ruler = _ruler()
    ruler.add([[{"TAG": "NNP", "OP": "+"}]], {"POS": "PROPN"})
    assert attribute_index.index(ruler) is None
    assert not attribute_index.install(ruler)
    assert "match" not in vars(ruler)


@pytest.mark.model
def test_the_english_pipelines_ruler_is_indexed_and_matches_as_before():
    from kg.extract import nlp

    model = nlp.load()
    ruler = model.get_pipe("attribute_ruler")
    assert "match" in vars(ruler)  # installed by nlp.load
    text = (
        "Y'all know there is nothin' they ain't tried, said Anna Berg, who met him and gave it to "
        "me in Paris on Monday.\n\nIt's not over; we're told talks will resume."
    )
    with model.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        doc = model(text)
    assert ruler.match(doc) == type(ruler).match(ruler, doc)
