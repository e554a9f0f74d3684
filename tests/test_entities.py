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
        # a name with a lower-case particle after an office, and its short form at a sentence's start
        (
            "U.N. mediator Pieter van Houten will travel to Kabul. Van Houten said the talks would resume.",
            "Pieter van Houten",
        ),
        # a name that heads a "who" clause, or speaks
        ("Lena Marquardt, who advises the envoy on refugees, said she was disappointed.", "Lena Marquardt"),
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


# Span repair around countries, titles and honorifics: sentences written for the project, each a
# class of the small model's mistakes on real pages.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a country run into the name after "President of"
        (
            "President of Burundi Jean Ndikumana and President of Comoros Said Abdallah arrived in Nairobi today.",
            {"Jean Ndikumana": "Person", "Said Abdallah": "Person", "Burundi": "Place", "Comoros": "Place"},
        ),
        # a delegation list of "Country's Name"
        (
            "The talks will be attended by Nigeria's Emeka Okafor, Chad's Moussa Faki Ali and the Central"
            " African Republic's Henri Gbako.",
            {"Emeka Okafor": "Person", "Nigeria": "Place", "Central African Republic": "Place"},
        ),
        # a country cut short, and one written as a state's long form
        (
            "The president of Sierra Leone flew to the Republic of Turkey on Monday.",
            {"Sierra Leone": "Place"},
        ),
        # an honorific opening a name
        ("The minister met H.E. Ahmet Yildiz, Deputy Prime Minister, in Ankara.", {"Ahmet Yildiz": "Person"}),
        # a facility and a capital are places, not people
        (
            "Up on arrival at Kotoka International Airport, he went on to Honiara.",
            {"Kotoka International Airport": "Place", "Honiara": "Place"},
        ),
        # offices of state are organisations
        (
            "The officials will meet in Delhi, according to India's External Affairs Ministry and the Foreign"
            " Affairs Ministry of Ethiopia.",
            {
                "India's External Affairs Ministry": "Organization",
                "Foreign Affairs Ministry of Ethiopia": "Organization",
            },
        ),
        # a platform is an organisation
        (
            "Both sides confirmed the recess on Twitter Saturday, a negotiator said.",
            {"Twitter": "Organization"},
        ),
    ],
)
def test_span_repair(text: str, expected: dict[str, str]) -> None:
    got = _mentions(text)
    for name, label in expected.items():
        assert got.get(name) == label, (name, got)


def test_a_ministry_written_in_lower_case_is_an_organisation_that_acts_for_its_state() -> None:
    import datetime as dt

    from kg.extract import extract
    from kg.model import Article

    x = extract(
        Article(
            id="t",
            text="The Kenyan foreign ministry said on Monday that the border talks would resume.",
            published=dt.date(2024, 3, 13),
        )
    )
    orgs = {e.name for e in x.entities if e.type == "Organization"}
    assert "Kenyan foreign ministry" in orgs
    said = [e for e in x.events if e.type == "Statement"]
    assert said and {"Kenyan foreign ministry", "Kenya"} <= set(said[0].participants)
