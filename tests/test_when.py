"""When an event happened: the clause, then the sentence, then the occasion; never a span or another's time."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract import extract
from kg.extract.article import to_json
from kg.model import Article

pytestmark = pytest.mark.model

PUBLISHED = dt.date(2024, 5, 8)  # a Wednesday


def _extracted(text: str, published: dt.date = dt.date(2024, 3, 13)) -> tuple:
    """The events of one article published on `published`."""
    return extract(Article(id="t", text=text, published=published)).events


def _dated(text: str) -> dict[str, tuple[str | None, str]]:
    x = extract(Article(id="t", text=text, published=PUBLISHED))
    return {e.type: (e.date, e.status) for e in x.events if e.type != "Statement"}


@pytest.mark.parametrize(
    ("text", "etype", "date"),
    [
        # the clause
        (
            "Foreign Minister Anna Berg met her Estonian counterpart Jonas Vaik on Monday.",
            "Meeting",
            "2024-05-06",
        ),
        # the sentence: the date sits on another word of it
        (
            "On Monday, in a hotel in Riga, Prime Minister Anna Berg held talks with Jonas Vaik.",
            "Talks",
            "2024-05-06",
        ),
        # the one upcoming occasion of the same people, told sentences before, dates what is yet to come
        (
            "President Anna Berg will visit Tallinn on Friday, her office said. The trip follows a year of"
            " quarrels over fishing rights. Officials hope the row is over. Berg is expected to sign an"
            " agreement with Jonas Vaik.",
            "Agreement",
            "2024-05-10",
        ),
        # the occasion: a part of a dated visit takes its date
        (
            "President Anna Berg visited Tallinn on Monday. During the visit, Berg signed an agreement with"
            " Jonas Vaik.",
            "Agreement",
            "2024-05-06",
        ),
    ],
)
def test_events_take_the_date_that_dates_them(text: str, etype: str, date: str) -> None:
    assert _dated(text)[etype][0] == date


def test_a_span_does_not_date_an_event() -> None:
    # "since 2015" is the span the dispute sits in, not the meeting's time
    got = _dated("Anna Berg and Jonas Vaik, whose countries have quarrelled since 2015, met in Riga.")
    assert got["Meeting"][0] is None


def test_the_time_of_an_announcement_is_not_the_time_of_the_visit() -> None:
    got = _dated("Officials announced on Monday that President Anna Berg will visit Tallinn.")
    assert got["Visit"] == (None, "planned")


def test_a_date_after_publication_makes_a_meeting_planned() -> None:
    # "are meeting on Friday" in a Wednesday paper has not happened yet
    got = _dated("Anna Berg and Jonas Vaik are meeting in Riga on Friday.")
    assert got["Meeting"] == ("2024-05-10", "planned")


def test_two_upcoming_occasions_of_the_same_people_date_nothing_else() -> None:
    # Friday's visit and June's summit are both ahead: the agreement could belong to either
    got = _dated(
        "President Anna Berg will visit Tallinn on Friday. She will also attend a summit with Jonas Vaik in"
        " June. The leaders have quarrelled for a year. Fishing rights divide them. The press is sceptical."
        " Officials hope the row is over. Berg is expected"
        " to sign an agreement with Vaik."
    )
    assert got["Agreement"][0] is None


def test_an_arrival_dates_the_welcome_told_a_few_sentences_later() -> None:
    got = _dated(
        "President Anna Berg arrived in Tallinn on Monday for a two-day visit. It is her first trip abroad"
        " since the election. The two countries have quarrelled over fishing rights. Berg was welcomed at"
        " the airport by Foreign Minister Jonas Vaik."
    )
    assert got["Meeting"] == ("2024-05-06", "occurred")


def test_what_came_before_an_occasion_does_not_take_its_date() -> None:
    # the hosting is told as earlier than the call ("days after"), not as a part of it
    got = _dated(
        "President Anna Berg spoke with Jonas Vaik by phone on Monday. The call came days after Berg"
        " hosted Kaja Lind in Riga."
    )
    assert got["PhoneCall"][0] == "2024-05-06"
    assert [d for t, (d, _) in got.items() if t != "PhoneCall"] == [None]


@pytest.mark.parametrize(
    ("arrived", "summit"),
    [
        # the day's news: the summit she came for is still ahead, and her arrival's date is not its date
        ("on Wednesday", (None, "planned")),
        # an arrival weeks before the paper: the summit may be over; still not dated by the arrival
        ("on March 3", (None, "occurred")),
    ],
)
def test_an_occasion_someone_travels_to_attend(arrived: str, summit: tuple) -> None:
    got = _dated(
        f"President Anna Berg of Latvia arrived in Tallinn {arrived} to attend the Nordic Council summit."
    )
    assert got["Summit"] == summit
    assert got["Visit"][1] == "occurred"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # a dateline's day dates what its sentence says happened, with the agency credit taken out
        (
            "RIGA, May 6 (Reuters) - Latvian President Anna Berg met Estonian Prime Minister Jonas Vaik.",
            "2024-05-06",
        ),
        (
            "May 6, 2024 — Latvian President Anna Berg has met Estonian Prime Minister Jonas Vaik.",
            "2024-05-06",
        ),
        # a date that opens the sentence as an adverbial is no dateline, but dates the clause anyway
        ("On May 6, Latvian President Anna Berg met Estonian Prime Minister Jonas Vaik.", "2024-05-06"),
    ],
)
def test_a_dateline_dates_what_its_sentence_says_happened(text: str, date: str) -> None:
    assert _dated(text)["Meeting"] == (date, "occurred")


def test_a_dateline_does_not_date_what_is_yet_to_happen() -> None:
    got = _dated(
        "RIGA, May 6 (Reuters) - Latvian President Anna Berg will meet Estonian Prime Minister Jonas Vaik."
    )
    assert got["Meeting"] == (None, "planned")


def test_each_date_says_where_it_was_read() -> None:
    text = (
        "Ghanaian President John Mahama met Togolese President Faure Gnassingbe in Accra on March 11. "
        "Traders waited at the crossing. Prices fell in the markets of Lome. Transport unions protested. "
        "Mahama urged Togo to control its side of the border. "
        "Gnassingbe told reporters that trade would grow."
    )
    events = _extracted(text)
    basis = {e.type: (e.date, e.date_from) for e in events}
    assert basis["Meeting"] == ("2024-03-11", "clause")
    assert basis["Statement"] == ("2024-03-11", "news")
    assert all(e.date_from is None for e in events if e.date is None)


def test_the_time_of_what_an_event_follows_is_not_its_own() -> None:
    text = (
        "Kenyan President William Ruto is 57. "
        "Ruto's official visit to Kampala follows the election of a new government last year."
    )
    events = _extracted(text)
    visit = next(e for e in events if e.type == "Visit")
    assert visit.date is None


def test_an_event_told_as_before_the_act_it_hangs_on_does_not_take_its_date() -> None:
    text = "Kenyan President William Ruto is 57. Ruto returned to Nairobi on Sunday after state visits to Uganda."
    events = _extracted(text)
    assert next(e for e in events if e.type == "Visit").date is None
    assert next(e for e in events if e.type == "Other").date == "2024-03-10"


def test_a_call_for_calm_on_monday_was_made_on_monday_and_a_gerund_clause_keeps_its_own_time() -> None:
    def dates(text: str) -> dict[str, str | None]:
        x = extract(Article(id="t", text=text, published=dt.date(2024, 3, 13)))
        return {e.type: e.date for e in x.events}

    assert (
        dates("Kenyan President William Ruto is 57. Ruto called for calm on Monday.")["Request"]
        == "2024-03-11"
    )
    # a gathering called for on a day is held that day, still ahead
    assert (
        dates("Kenyan President William Ruto is 57. Ruto called for talks on Friday.")["Talks"]
        == "2024-03-15"
    )
    text = "Kenyan President William Ruto is 57. Ruto, since becoming president in 2022, has urged Uganda to open its border."
    assert dates(text)["Request"] != "2022"


def test_an_act_only_the_headline_tells_takes_the_day_of_the_news() -> None:
    title = "Ruto and Museveni pledge closer ties"
    text = (
        f"{title}\n\nKenyan President William Ruto met Ugandan President Yoweri Museveni in Kampala on Monday, "
        "officials said. The two leaders discussed the shared border."
    )
    events = extract(Article(id="t", title=title, text=text, published=PUBLISHED)).events
    pledge = next(e for e in events if title in e.evidence.text)
    assert (pledge.date, pledge.date_from) == ("2024-05-06", "news")
    # a report whose news has no day leaves the headline's act undated
    undated = text.replace(" on Monday", "")
    events = extract(Article(id="t", title=title, text=undated, published=PUBLISHED)).events
    assert next(e for e in events if title in e.evidence.text).date is None


def test_a_day_or_month_of_the_clause_outranks_a_vague_recently() -> None:
    events = _extracted(
        "Kenya has hosted rounds of talks between Uganda and Tanzania, most recently in Mombasa in March 2023."
    )
    assert next(e for e in events if e.type == "Talks").date == "2023-03"
    alone = _extracted("Kenya recently hosted talks between Uganda and Tanzania in Mombasa.")
    assert next(e for e in alone if e.type == "Talks").date == "PAST_REF"


def test_the_day_an_event_is_put_off_to_is_its_new_date_not_the_putting_off() -> None:
    text = (
        "Kenyan President William Ruto is 57. Ugandan President Yoweri Museveni is 79. The start of a new round "
        "of talks between Kenya and Uganda has been pushed back to March 20, officials said on Monday. "
        "A first round of talks ended on February 24."
    )
    events = _extracted(text)
    by_date = {e.date: e for e in events if e.type == "Talks"}
    assert by_date["2024-03-20"].status == "planned"  # the round put off is still ahead, on its new day
    assert by_date["2024-02-24"].status == "occurred"  # the first round is another happening
    put_off = next(e for e in events if e.type == "Cancellation")
    assert put_off.status == "occurred" and put_off.date != "2024-03-20"  # done, and not on the new day


def test_an_act_told_as_days_before_or_after_a_dated_one_is_dated_from_it() -> None:
    people = "Kenyan President William Ruto is 57. Ugandan President Yoweri Museveni is 79. "
    arrival = next(
        e
        for e in _extracted(
            people + "Ruto met Museveni in Kampala on Monday, a day after arriving in Uganda."
        )
        if e.type == "Visit"
    )
    assert (arrival.date, arrival.date_from) == ("2024-03-10", "distance")  # the Sunday before
    summit = next(
        e
        for e in _extracted(people + "Ruto met Museveni on Monday, two days before the summit in Arusha.")
        if e.type == "Summit"
    )
    assert summit.date == "2024-03-13"
    # no dated act to count from: no date
    undated = _extracted(people + "Ruto met Museveni, a day after arriving in Uganda.")
    assert all(e.date is None for e in undated)


def test_an_act_just_done_takes_the_day_it_is_reported() -> None:
    text = "Kenya has ordered the Ugandan envoy to return to Kampala, a Kenyan official said on Monday."
    act = next(e for e in _extracted(text) if e.type == "Sanction")
    assert (act.kind, act.date, set(act.participants)) == ("Expulsion", "2024-03-11", {"Kenya", "Uganda"})
    # what will happen is not dated by the day it was said
    ahead = _extracted("Kenya will expel the Ugandan envoy, a Kenyan official said on Monday.")
    assert next(e for e in ahead if e.type == "Sanction").date != "2024-03-11"


def test_an_event_a_time_clause_puts_weeks_after_another_is_its_own_and_dated_from_it() -> None:
    text = (
        "The African Union is to hold a mini-summit on the crisis in Darfur on March 20. The mini-summit "
        "will come three weeks before the African Union holds its annual summit in Khartoum."
    )
    summits = sorted((e.date, e.place) for e in _extracted(text) if e.type == "Summit")
    assert summits == [("2024-03-20", None), ("2024-04-10", "Khartoum")]


def test_a_definite_summit_told_sentences_later_is_the_one_named_before() -> None:
    # "the mini-summit" (parsed "the" <- "mini" <- "summit") refers back across the sentences between,
    # so the annual summit counted from it is a third event, not the first one with a wrong date
    text = (
        "The African Union is to hold a mini-summit on the crisis in Darfur on March 20, the news agency "
        "reported on Monday. The summit is to be attended by the heads of state of five countries. The "
        "agency quoted an envoy as saying the summit was aimed at speeding up the peace talks. Officials "
        "had said earlier this year they hoped for a solution. Kenya and Uganda traded accusations over "
        "the border. The mini-summit will come three weeks before the African Union holds its annual "
        "summit in Khartoum."
    )
    summits = sorted((e.date, e.date_from) for e in _extracted(text) if e.type == "Summit")
    assert summits == [("2024-03-20", "clause"), ("2024-04-10", "distance")]


def test_the_news_day_is_read_from_the_lede_after_credit_lines() -> None:
    # lines that tell no event (a blanked button, a section label, a credit) do not push the lede out of
    # the opening sentences the news day is read from
    text = (
        "Advertisement\n\nKenyan and Ugandan Leaders Confer by Telephone : Diplomacy\n\nBorder: The "
        "President called the hour-long conversation on the disputed border a useful talk.\n\n"
        "From our wire service\n\n"
        "Kenyan President William Ruto and Ugandan President Yoweri Museveni held a telephone "
        "conversation on Tuesday about the border. The African Union said it welcomed the talk."
    )
    said = next(e for e in _extracted(text) if e.type == "Statement")
    assert (said.date, said.date_from) == ("2024-03-12", "news")


@pytest.mark.parametrize(
    ("opener", "date"),
    [
        ("Meanwhile, ", "2024-03-12"),
        ("Later, ", "2024-03-12"),
        # a time of its own, or none that ties it to the day told before
        ("Later this month, ", "2024-03"),
        ("", None),
    ],
)
def test_a_sentence_opened_by_meanwhile_or_later_happened_on_the_day_told_before(
    opener: str, date: str | None
) -> None:
    text = (
        "Kenyan President William Ruto arrived in Kampala on Tuesday and was received by Ugandan "
        "President Yoweri Museveni. Their talks lasted three hours. The two leaders toured a market. "
        f"{opener}Tanzanian Foreign Minister January Makamba met Rwandan Foreign Minister Vincent Biruta."
    )
    met = next(e for e in _extracted(text) if "January Makamba" in e.participants)
    assert met.date == date


def test_what_was_said_in_a_report_that_dates_no_news_is_of_the_day_of_publication() -> None:
    text = (
        "The start of the border talks between Kenya and Uganda has been pushed back. Kenyan President "
        "William Ruto told a news conference that he wanted to hear both sides first."
    )
    x = extract(Article(id="t", text=text, published=dt.date(2024, 3, 13)))
    said = next(e for e in x.events if e.type == "Statement")
    assert (said.date, said.date_from) == ("2024-03-13", "published")
    event = next(e for e in to_json(x)["events"] if e["type"] == "Statement")
    assert event["time_text"] is None and event["date_from"] == "published"
    # with no publication date nothing is guessed
    undated = extract(Article(id="t", text=text, published=None))
    assert next(e for e in undated.events if e.type == "Statement").date is None


def test_a_statement_told_again_beside_an_older_act_keeps_the_news_day() -> None:
    # where the act is first told decides; a later "said" of the same speaker beside an older,
    # dated act does not take the news day away from it
    text = (
        "Kenyan President William Ruto met Ugandan President Yoweri Museveni in Kampala on Tuesday. "
        "The African Union said it welcomed the meeting. The African Union said the two leaders had "
        "also held talks on March 1."
    )
    said = next(e for e in _extracted(text) if e.type == "Statement" and "African Union" in e.participants)
    assert (said.date, said.date_from) == ("2024-03-12", "news")
