"""Statements: what named speakers say is an event of theirs; news media reporting it are not."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract import extract
from kg.model import Article

pytestmark = pytest.mark.model


def _statements(text: str) -> list[tuple[tuple[str, ...], str | None]]:
    x = extract(Article(id="t", text=text, published=dt.date(2024, 5, 8)))
    return [(tuple(sorted(e.participants)), e.date) for e in x.events if e.type == "Statement"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a speaker with and without a time of their own: two statements
        (
            "Foreign Minister Anna Berg said on Monday that the talks would go on. Berg later described the"
            " meeting as warm.",
            {(("Anna Berg",), "2024-05-06"), (("Anna Berg",), None)},
        ),
        # the addressee is a participant; a second undated 'said' of the same speaker is the same
        # statement; told in a report whose opening dates no act done, it is of the day of publication
        (
            "Opposition leader Tomas Vaik told Baltic Radio the deal was rushed. Vaik said it would not pass.",
            {(("Baltic Radio", "Tomas Vaik"), "2024-05-08")},
        ),
        # "according to X", a statement from an institution
        (
            "The ministers will meet in Riga on June 2, according to the Latvian Foreign Ministry.",
            {(("Latvian Foreign Ministry",), "2024-05-08")},
        ),
    ],
)
def test_statements_of_named_speakers(text: str, expected: set) -> None:
    assert set(_statements(text)) == expected


def test_news_media_reporting_are_not_statements() -> None:
    text = "Reuters reported that the ministers met in Riga. The Baltic Times wrote that no deal was reached."
    assert _statements(text) == []


def test_a_quoted_speaker_speaks_not_the_agency() -> None:
    text = "The state news agency quoted envoy Lina Park as saying the summit was aimed at a ceasefire."
    assert _statements(text) == [(("Lina Park",), "2024-05-08")]


@pytest.mark.parametrize(
    "text",
    [
        "Ministry spokesman Lars Holm was quoted by the state agency as saying the talks would go on.",
        "Finance Minister Lars Holm acknowledged that the talks had stalled.",
        "Finance Minister Lars Holm voiced concern over the stalled talks.",
        # a named speaker among a group: "leaders including X"
        "Other leaders including Finance Minister Lars Holm have objected to the plan.",
    ],
)
def test_more_ways_of_saying(text: str) -> None:
    assert [p for p, _ in _statements(text)] == [("Lars Holm",)]


def test_a_government_named_by_nationality_speaks_for_its_state_and_an_office_for_its_holder() -> None:
    def speakers(text: str) -> set[str]:
        x = extract(
            Article(
                id="t", text="Kenyan President William Ruto is 57. " + text, published=dt.date(2024, 3, 13)
            )
        )
        return {p for e in x.events if e.type == "Statement" for p in e.participants}

    assert speakers("The Kenyan government said on Monday that it would send troops to Somalia.") == {"Kenya"}
    assert speakers("Ruto's office said he would travel to Washington next week.") == {"William Ruto"}


def test_judgements_and_assurances_are_statements() -> None:
    people = "Kenyan President William Ruto is 57. Ugandan President Yoweri Museveni is 79. "
    for text, who in [
        ('Ruto called the talks "productive".', {"William Ruto"}),
        ("Ruto assured Museveni of Kenya's support.", {"William Ruto", "Yoweri Museveni"}),
        ("Ruto signalled that Kenya was ready to mediate.", {"William Ruto"}),
    ]:
        x = extract(Article(id="t", text=people + text, published=dt.date(2024, 3, 13)))
        said = [e for e in x.events if e.type == "Statement"]
        assert said and who <= set(said[0].participants), text


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Finance Minister Lars Holm rejected the claims.", True),
        ("Finance Minister Lars Holm dismissed the report as false.", True),
        ("Finance Minister Lars Holm explained that the deal was fair.", True),
        ("Finance Minister Lars Holm pointed out that trade had grown.", True),
        ("Finance Minister Lars Holm offered condolences to the families.", True),
        # a rejection of a thing, a dismissal of a person, a pointing: nothing said
        ("Finance Minister Lars Holm rejected the budget.", False),
        ("Finance Minister Lars Holm dismissed his deputy.", False),
        ("Finance Minister Lars Holm pointed to the map.", False),
    ],
)
def test_rejections_explanations_and_condolences_are_statements(text: str, said: bool) -> None:
    assert ([p for p, _ in _statements(text)] == [("Lars Holm",)]) is said


def test_an_address_to_a_body_is_a_statement_to_it_and_an_address_to_a_summit_a_presence() -> None:
    people = "Kenyan President William Ruto is 57. "
    x = extract(
        Article(
            id="t",
            text=people + "Ruto will address the Ugandan Parliament on Monday.",
            published=dt.date(2024, 5, 8),
        )
    )
    assert [(e.type, e.status, e.date) for e in x.events] == [("Statement", "planned", "2024-05-13")]
    x = extract(
        Article(id="t", text=people + "Ruto addressed the summit on Monday.", published=dt.date(2024, 5, 8))
    )
    assert [e.type for e in x.events] == ["Summit"]
    x = extract(
        Article(id="t", text=people + "Ruto addressed the issue of trade.", published=dt.date(2024, 5, 8))
    )
    assert not x.events


@pytest.mark.parametrize(
    "text",
    [
        "Finance Minister Lars Holm said in a statement that the talks were useful.",
        "In a statement, Finance Minister Lars Holm said the talks were useful.",
    ],
)
def test_said_in_a_statement_is_one_statement(text: str) -> None:
    assert [p for p, _ in _statements(text)] == [("Lars Holm",)]
