"""Entity mentions: the model's named entities corrected by rules about English news text."""

from __future__ import annotations

import pytest

from kg.extract import entities, nlp

pytestmark = pytest.mark.model


def _mentions(text: str) -> dict[str, str]:
    doc = nlp.load()(text)
    return {m.text: m.label for m in entities.find_mentions(doc)}


@pytest.mark.parametrize(
    ("text", "person"),
    [
        # particles and hyphenated parts the model cuts off
        (
            "European Commission President Ursula von der Leyen arrived in Beijing on Wednesday.",
            "Ursula von der Leyen",
        ),
        (
            "South Korea's Acting President Han Duck-soo held a phone call with the U.S. president.",
            "Han Duck-soo",
        ),
        (
            "Pakistan denied that Foreign Minister Bilawal Bhutto Zardari had met his counterpart.",
            "Bilawal Bhutto Zardari",
        ),
        # a person inside a span the model reads as an organisation
        (
            "Separately, Putin called Kazakh President Kassym-Jomart Tokayev to thank him.",
            "Kassym-Jomart Tokayev",
        ),
        # office and form of address are not part of the name
        (
            "Modi will travel to Qatar for talks with Emir Sheikh Tamim bin Hamad Al Thani.",
            "Tamim bin Hamad Al Thani",
        ),
        # an untagged name followed by an office in apposition
        ("BERLIN, June 20 (AP) — Olaf Scholz, the German chancellor, urged China to act.", "Olaf Scholz"),
    ],
)
def test_people_are_found_whole(text: str, person: str) -> None:
    assert _mentions(text).get(person) == "Person"


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        (
            "Kishida met Yoon in Jakarta. Japanese Prime Minister Fumio Kishida said the talks went well.",
            "Kishida",
            "Person",
        ),
        ("Raul Castro was named president. Castro, 76, had served as acting president.", "Castro", "Person"),
        ("BERLIN, June 20 (AP) — The chancellor spoke on Tuesday.", "BERLIN", "Place"),
        ("Erdogan offered to host a peace summit between Moscow and Kyiv on Sunday.", "Kyiv", "Place"),
        (
            "The minister attended a meeting of the Shanghai Cooperation Organisation in Goa.",
            "Shanghai Cooperation Organisation",
            "Organization",
        ),
    ],
)
def test_labels_follow_the_article(text: str, name: str, label: str) -> None:
    assert _mentions(text).get(name) == label


@pytest.mark.parametrize(
    ("text", "word", "not_label"),
    [
        ("Riot police fired tear gas as Hutu rebels attacked the town on Monday.", "Hutu", "Person"),
        ("Sgt. Miller said the unit left. Sgt was not named.", "Sgt", "Person"),
        ("Anti-Castro exiles rallied in Miami on Sunday.", "Anti-Castro", "Person"),
        (
            "Indian External Affairs Minister Subrahmanyam Jaishankar met him.",
            "Indian External Affairs",
            "Organization",
        ),
        (
            "Iran's foreign ministry spokesman, Nasser Kanaani, condemned the measures.",
            "foreign ministry",
            "Organization",
        ),
    ],
)
def test_words_that_are_not_names(text: str, word: str, not_label: str) -> None:
    assert _mentions(text).get(word) != not_label
