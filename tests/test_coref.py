"""Coreference of event mentions within an article."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract import extract
from kg.model import Article

pytestmark = pytest.mark.model


def _extracted(text: str, published: dt.date = dt.date(2024, 3, 13)) -> tuple:
    """The events of one article published on `published`."""
    return extract(Article(id="t", text=text, published=published)).events


def _events(text: str, title: str = "") -> list[tuple[str, tuple[str, ...], str, str | None]]:
    x = extract(Article(id="t", text=text, title=title, published=dt.date(2023, 6, 21)))
    return [(e.type, e.participants, e.status, e.place) for e in x.events]


def test_definite_mention_refers_to_latest_event_of_its_type() -> None:
    evs = _events(
        "Russian Foreign Minister Sergei Lavrov held talks with his Chinese counterpart Wang Yi in Moscow on Tuesday. "
        "Wang arrived in the Russian capital on Monday. He is expected to meet President Vladimir Putin on Wednesday. "
        "Lavrov spoke to reporters after the talks."
    )
    meets = [e for e in evs if "Vladimir Putin" in e[1]]
    assert meets and meets[0][0] == "Meeting" and meets[0][2] == "planned"


def test_different_places_are_different_events() -> None:
    evs = _events(
        "Talks between Serbian President Aleksandar Vucic and Kosovo Prime Minister Albin Kurti, due to take place in "
        "Brussels on Thursday, have been postponed. The two leaders last met in Ohrid in March."
    )
    places = {e[3] for e in evs if e[0] in {"Meeting", "Talks"}}
    assert {"Brussels", "Ohrid"} <= places


def test_the_two_leaders_are_the_people_of_the_latest_pair() -> None:
    evs = _events(
        "Indian Prime Minister Narendra Modi arrived in Abu Dhabi on Tuesday. Modi was received at the airport by the UAE "
        "president, Sheikh Mohamed bin Zayed Al Nahyan, before the two leaders held talks at the Qasr Al Watan palace."
    )
    assert any(
        e[0] in {"Talks", "Visit", "Meeting"}
        and {"Narendra Modi", "Mohamed bin Zayed Al Nahyan"} <= set(e[1])
        for e in evs
    ), evs


def test_two_governments_are_countries() -> None:
    evs = _events(
        "German Chancellor Olaf Scholz hosted Chinese Premier Li Qiang in Berlin on Tuesday. "
        "The two governments signed agreements on climate change."
    )
    agreement = next(e for e in evs if e[0] == "Agreement")
    assert set(agreement[1]) == {"Germany", "China"}


def test_an_indefinite_mention_is_a_new_event() -> None:
    evs = _events(
        "Turkish President Tayyip Erdogan offered to host a peace summit between Moscow and Kyiv. "
        "Putin thanked Kazakh President Kassym-Jomart Tokayev for hosting a meeting of Eurasian leaders."
    )
    summit = next(e for e in evs if e[0] == "Summit")
    assert summit[2] == "hypothetical"


def test_a_negated_meeting_is_not_merged_with_one_that_happened() -> None:
    evs = _events(
        "Foreign Minister Bilawal Bhutto Zardari met Chinese Foreign Minister Qin Gang in Goa on Friday. "
        "Pakistan denied that Bhutto Zardari had met Indian External Affairs Minister Subrahmanyam Jaishankar."
    )
    statuses = {e[2] for e in evs if e[0] == "Meeting"}
    assert {"occurred", "negated"} <= statuses


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "Yoon and Kishida could meet at UN next week",
            "Yoon and Kishida could meet at UN next week\n\nSouth Korean President Yoon Suk Yeol could meet Japanese "
            "Prime Minister Fumio Kishida in New York next week, an official said.",
        ),
    ],
)
def test_headline_joins_the_body_event(title: str, body: str) -> None:
    evs = _events(body, title)
    assert len([e for e in evs if e[0] in {"Meeting", "Summit"}]) == 1


@pytest.mark.model
def test_a_headline_event_reported_in_the_body_stays_its_own_event():
    """Regression: the headline's visit, already joined by the body's report, must not be folded
    into another meeting of one of its participants."""
    text = (
        "Erdogan hosts Zelensky in Istanbul as grain talks resume\n\n"
        "Turkish President Recep Tayyip Erdogan hosted Ukrainian President Volodymyr Zelensky in Istanbul "
        "on Friday.\n\nZelensky, who also met Turkish Foreign Minister Hakan Fidan, urged Ankara to act.\n"
    )
    x = extract(Article(id="t", text=text, published=dt.date(2024, 3, 8)))
    visits = [e for e in x.events if e.type == "Visit"]
    meetings = [e for e in x.events if e.type == "Meeting"]
    assert len(visits) == 1 and set(visits[0].participants) == {"Recep Tayyip Erdogan", "Volodymyr Zelensky"}
    assert visits[0].date == "2024-03-08" and "hosted" in visits[0].evidence.text
    assert any("Hakan Fidan" in m.participants for m in meetings)


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("Erdogan offered to mediate a new round of talks with Russia.", "hypothetical"),
        ("Erdogan said Turkey was ready to host a peace summit with Russia.", "hypothetical"),
    ],
)
def test_offers_and_readiness_are_hypothetical(sentence, status):
    x = extract(Article(id="t", text=sentence, published=dt.date(2024, 3, 8)))
    assert [e.status for e in x.events if e.type in {"Talks", "Summit"}] == [status]


def test_a_meeting_on_the_sidelines_of_a_summit_is_not_the_summit() -> None:
    text = (
        "Kenyan President William Ruto is 57. Ugandan President Yoweri Museveni is 79. "
        "Ruto met Museveni on the sidelines of the summit on Monday."
    )
    events = _extracted(text)
    meeting = next(e for e in events if e.type == "Meeting")
    assert {"William Ruto", "Yoweri Museveni"} <= set(meeting.participants)


def test_a_counterpart_named_by_nationality_is_the_one_person_of_that_country() -> None:
    text = (
        "Kenyan President William Ruto is 57. Ugandan President Yoweri Museveni is 79. "
        "Ruto met with his Ugandan counterpart on Monday."
    )
    events = _extracted(text)
    meeting = next(e for e in events if e.type == "Meeting")
    assert set(meeting.participants) == {"William Ruto", "Yoweri Museveni"}


def test_a_day_told_later_within_the_month_told_first_dates_the_same_meeting() -> None:
    text = (
        "Indian and Pakistani officials agreed on Friday to meet in New Delhi later this month. "
        "The officials will meet in the Indian capital on February 25, the ministry said."
    )
    events = _extracted(text, dt.date(2010, 2, 13))
    meetings = [e for e in events if e.type in {"Meeting", "Talks"} and e.status == "planned"]
    assert [e.date for e in meetings] == ["2010-02-25"]


def test_a_possessive_before_the_subject_stands_for_the_subject() -> None:
    text = (
        "Kenyan President William Ruto is 57. Ugandan President Yoweri Museveni is 79. "
        "During his visit, Ruto signed three agreements with Museveni."
    )
    events = _extracted(text)
    assert next(e for e in events if e.type == "Visit").participants == ("William Ruto",)


def test_a_gathering_called_by_its_name_is_not_the_lunch_told_before() -> None:
    text = (
        "Kenyan President William Ruto will attend a working lunch on March 14 at the invitation of the "
        "Ugandan government. Ruto will attend the Intergovernmental Conference in the afternoon of the "
        "same day."
    )
    x = extract(Article(id="t", text=text, published=dt.date(2024, 3, 11)))
    gatherings = sorted(e.trigger.text for e in x.events if e.type in {"Meeting", "Summit"})
    assert gatherings == ["Conference", "lunch"]
