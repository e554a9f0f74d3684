"""Time expressions: the normalisation rules as tables, then finding them in text with the model."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import extract
from kg.extract.time import VALUE, TimeValue, find_timexes, normalise, tense_of
from kg.extract.time.calendar import bounds, shift, year_of
from kg.model import Article

TUE = dt.date(2025, 10, 21)  # a Tuesday, ISO week 43
D = dt.date


@pytest.mark.parametrize(
    ("phrase", "tense", "value"),
    [
        # weekdays: the tense decides; the publication weekday in a past or present clause is that day
        ("Monday", "past", "2025-10-20"),
        ("on Monday", None, "2025-10-20"),
        ("Tuesday", "past", "2025-10-21"),
        ("Tuesday", "present", "2025-10-21"),
        ("Tuesday", "future", "2025-10-21"),
        ("Thursday", "past", "2025-10-16"),
        ("Thursday", "future", "2025-10-23"),
        ("Wednesday", None, "2025-10-15"),
        ("last Thursday", "past", "2025-10-16"),
        ("last Tuesday", None, "2025-10-14"),
        ("next Monday", None, "2025-10-27"),
        ("this Friday", None, "2025-10-24"),
        ("Thursday night", "past", "2025-10-16"),
        # deictic days and parts of days
        ("yesterday", None, "2025-10-20"),
        ("today", None, "2025-10-21"),
        ("tomorrow", None, "2025-10-22"),
        ("tonight", None, "2025-10-21"),
        ("last night", None, "2025-10-20"),
        ("this morning", None, "2025-10-21"),
        ("the day before yesterday", None, "2025-10-19"),
        # weeks, months, years relative to publication
        ("last week", "past", "2025-W42"),
        ("this week", None, "2025-W43"),
        ("next week", "future", "2025-W44"),
        ("this weekend", None, "2025-W43-WE"),
        ("last weekend", None, "2025-W42-WE"),
        ("last month", None, "2025-09"),
        ("earlier this month", "past", "2025-10"),
        ("next month", None, "2025-11"),
        ("last year", None, "2024"),
        ("this year", None, "2025"),
        ("early next year", None, "2026"),
        ("the past year", None, "2024"),
        # months and dates without a year: the nearest, leaning with the tense
        ("in November", "future", "2025-11"),
        ("in March", "past", "2025-03"),
        ("in March", "future", "2026-03"),
        ("November", None, "2025-11"),
        ("January", None, "2026-01"),
        ("last April", None, "2025-04"),
        ("next March", None, "2026-03"),
        ("mid-November", "future", "2025-11"),
        ("October 16", "past", "2025-10-16"),
        ("Oct. 16", None, "2025-10-16"),
        ("16 October", None, "2025-10-16"),
        (
            "Nov. 20",
            "past",
            "2025-11-20",
        ),  # "the offer was extended to Nov. 20": a past clause, a coming date
        ("Jan. 14", "future", "2026-01-14"),
        ("December 30", "past", "2025-12-30"),  # nearer ahead than behind, even in a past clause
        ("June 30", "past", "2025-06-30"),
        # dates with a year
        ("Oct. 16, 2025", None, "2025-10-16"),
        ("October 16, 2025", None, "2025-10-16"),
        ("16 October 2025", None, "2025-10-16"),
        ("2025-10-16", None, "2025-10-16"),
        ("Friday, Oct. 17, 2025", None, "2025-10-17"),
        ("October 2025", None, "2025-10"),
        ("Oct. 2025", None, "2025-10"),
        ("July last year", None, "2024-07"),
        ("1990", None, "1990"),
        ("fiscal 1989", None, "1989"),
        ("mid-1996", None, "1996"),
        ("nineteen ninety-six", None, "1996"),
        ("the year two thousand", None, "2000"),
        # quarters, halves, seasons, decades, centuries
        ("the third quarter", None, "2025-Q3"),
        ("third-quarter", None, "2025-Q3"),
        ("the second quarter of 1990", None, "1990-Q2"),
        ("the first half of 1990", None, "1990-H1"),
        ("Q4 2024", None, "2024-Q4"),
        ("the latest quarter", "past", "2025-Q3"),
        ("next quarter", None, "2026-Q1"),
        ("this summer", None, "2025-SU"),
        ("last fall", None, "2024-FA"),
        ("last spring", None, "2025-SP"),
        ("the winter of 1994", None, "1994-WI"),
        ("the 1990s", None, "199"),
        ("the early 1980s", None, "198"),
        ("the '90s", None, "199"),
        ("the nineties", None, "199"),
        ("the 20th century", None, "19"),
        ("the last decade", None, "201"),
        # references
        ("now", None, "PRESENT_REF"),
        ("currently", None, "PRESENT_REF"),
        ("soon", "future", "FUTURE_REF"),
        ("the immediate future", None, "FUTURE_REF"),
        ("in the near future", None, "FUTURE_REF"),
        ("the coming weeks", None, "FUTURE_REF"),
        ("recently", None, "PAST_REF"),
        ("formerly", None, "PAST_REF"),
        ("in recent years", None, "PAST_REF"),
        ("the past few months", None, "PAST_REF"),
        # offsets from publication
        ("two days ago", None, "2025-10-19"),
        ("a week ago", None, "2025-W42"),
        ("three months ago", None, "2025-07"),
        ("five years ago", None, "2020"),
        ("a week or so ago", None, "2025-W42"),
        ("two weeks from now", None, "2025-W45"),
        ("three weeks later", None, "2025-W46"),
        ("several years ago", None, "PAST_REF"),
        # ranges: the first day, with bounds to the last
        ("September 13-16", "past", "2025-09-13"),
        ("13-16 September 2025", None, "2025-09-13"),
        # holidays, sets and durations
        ("Christmas", "future", "2025-12-25"),
        ("Thanksgiving", "future", "2025-11-27"),
        ("Easter", "past", "2025-04-20"),
        ("for three days", None, "P3D"),
        ("over the past two years", None, "P2Y"),
        ("daily", None, "P1D"),
        ("every Monday", None, "XXXX-WXX-1"),
    ],
)
def test_normalise(phrase: str, tense: str | None, value: str) -> None:
    result = normalise(phrase, TUE, tense=tense)
    assert result is not None, phrase
    assert result.value == value


@pytest.mark.parametrize(
    ("phrase", "kind", "earliest", "latest"),
    [
        ("last week", "DATE", D(2025, 10, 13), D(2025, 10, 19)),
        ("this weekend", "DATE", D(2025, 10, 25), D(2025, 10, 26)),
        ("February 2024", "DATE", D(2024, 2, 1), D(2024, 2, 29)),
        ("the third quarter", "DATE", D(2025, 7, 1), D(2025, 9, 30)),
        ("the winter of 1994", "DATE", D(1994, 12, 1), D(1995, 2, 28)),
        ("the 1990s", "DATE", D(1990, 1, 1), D(1999, 12, 31)),
        ("September 13-16", "DATE", D(2025, 9, 13), D(2025, 9, 16)),
        ("May 30 - June 2, 2025", "DATE", D(2025, 5, 30), D(2025, 6, 2)),
        ("soon", "DATE", None, None),
        ("for three days", "DURATION", None, None),
        ("weekly", "SET", None, None),
    ],
)
def test_normalise_type_and_bounds(
    phrase: str, kind: str, earliest: dt.date | None, latest: dt.date | None
) -> None:
    result = normalise(phrase, TUE)
    assert result == TimeValue(result.value, kind, earliest, latest)


@pytest.mark.parametrize(
    "phrase",
    ["Monday", "last week", "in November", "October 16", "two days ago", "yesterday", "the quarter", "'90s"],
)
def test_relative_expressions_without_publication_date_get_no_value(phrase: str) -> None:
    assert normalise(phrase, None, tense="past") is None


@pytest.mark.parametrize(
    ("phrase", "value"),
    [("October 16, 2025", "2025-10-16"), ("1990", "1990"), ("the 1990s", "199"), ("now", "PRESENT_REF")],
)
def test_absolute_expressions_need_no_publication_date(phrase: str, value: str) -> None:
    assert normalise(phrase, None).value == value


@pytest.mark.parametrize(
    "phrase",
    ["", "hello", "one", "May", "a quarter", "65", "the period", "Feb 30, 2025", "the year", "31 June"],
)
def test_not_time_expressions(phrase: str) -> None:
    result = normalise(phrase, None)
    assert result is None


@pytest.mark.parametrize(
    ("value", "n", "unit", "shifted"),
    [
        ("2025-10-16", 1, "day", "2025-10-17"),
        ("2025-01-31", 1, "month", "2025-02-28"),
        ("2025-W01", -1, "week", "2024-W52"),
        ("1989-Q3", -1, "year", "1988-Q3"),
        ("1989-Q1", -1, "quarter", "1988-Q4"),
        ("2025-10", 3, "month", "2026-01"),
        ("1990", 2, "day", None),  # "two days after 1990" names no day
        ("1990-SU", -1, "year", "1989-SU"),
    ],
)
def test_shift(value: str, n: int, unit: str, shifted: str | None) -> None:
    assert shift(value, n, unit) == shifted


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("1996", 1996),
        ("nineteen ninety-six", 1996),
        ("nineteen seventy nine", 1979),
        ("two thousand and one", 2001),
    ],
)
def test_year_of(text: str, year: int) -> None:
    assert year_of(text) == year


def test_bounds_of_refs_and_durations_are_open() -> None:
    assert bounds("PRESENT_REF") == (None, None)
    assert bounds("P3D") == (None, None)


def test_time_value_checks_its_invariants() -> None:
    with pytest.raises(ValueError):
        TimeValue("2025-10-16", "INSTANT")
    with pytest.raises(ValueError):
        TimeValue("next Tuesday", "DATE")
    with pytest.raises(ValueError):
        TimeValue("2025", "DATE", D(2025, 12, 31), D(2025, 1, 1))


WORDS = [
    "last",
    "next",
    "this",
    "the",
    "of",
    "in",
    "on",
    "early",
    "late",
    "mid",
    "week",
    "month",
    "year",
    "quarter",
    "weekend",
    "ago",
    "later",
    "earlier",
    "before",
    "after",
    "days",
    "weeks",
    "years",
    "Monday",
    "Thursday",
    "October",
    "Oct.",
    "May",
    "Sept.",
    "16",
    "2025",
    "1990s",
    "'90s",
    "13-16",
    ",",
    "-",
    "third",
    "fourth",
    "second",
    "half",
    "spring",
    "summer",
    "fall",
    "winter",
    "now",
    "soon",
    "recently",
    "two",
    "a",
    "few",
    "several",
    "today",
    "yesterday",
    "night",
    "fiscal",
    "year-ago",
    "period",
    "20th",
    "century",
    "nineteen",
    "ninety-six",
    "Christmas",
    "every",
    "daily",
    "for",
    "past",
    "coming",
    "future",
]


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(st.text(max_size=40), st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(" ".join)),
    st.one_of(st.none(), st.dates(min_value=D(1600, 1, 1), max_value=D(2099, 12, 31))),
    st.sampled_from([None, "past", "present", "future"]),
)
def test_normalise_never_raises_and_speaks_timeml(
    phrase: str, published: dt.date | None, tense: str | None
) -> None:
    result = normalise(phrase, published, tense=tense)
    if result is not None:
        assert VALUE.fullmatch(result.value), result
        assert (result.earliest is None) == (result.latest is None)
        if result.earliest:
            assert result.earliest <= result.latest


# ---------------------------------------------------------------------------- with the model

ARTICLE = (
    "Rubio and Lavrov spoke by telephone on Monday, a senior official confirmed on Tuesday. "
    "The leaders first talked on October 16, and a day after October 16 their aides met in Geneva. "
    "Trump said last Thursday that the summit would take place soon. "
    "He will travel to Budapest on Thursday, and talks are expected in November.\n\n"
    "The company employs 1,500 people and paid $2025 in fees; its 65-year-old founder spoke for 20 minutes. "
    "Revenue rose 8% in the third quarter from a year earlier. In 1990, the firm had three plants."
)


@pytest.fixture(scope="module")
def nlp():
    from kg.extract import nlp as kg_nlp

    return kg_nlp.load()


@pytest.mark.model
def test_find_timexes_in_an_article(nlp) -> None:
    found = find_timexes(nlp(ARTICLE), TUE)
    got = [(t.span.text, t.value) for t in found]
    for expected in [
        ("Monday", "2025-10-20"),
        ("Tuesday", "2025-10-21"),
        ("October 16", "2025-10-16"),
        ("a day after October 16", "2025-10-17"),
        ("last Thursday", "2025-10-16"),
        ("soon", "FUTURE_REF"),
        ("Thursday", "2025-10-23"),
        ("November", "2025-11"),
        ("the third quarter", "2025-Q3"),
        ("a year earlier", "2024-Q3"),
        ("1990", "1990"),
    ]:
        assert expected in got
    texts = [t for t, _ in got]
    assert not {"1,500", "2025", "65", "1,500 people"} & set(texts)
    assert all(not re.match(r"(?i)(on|in)\b", t) for t in texts)  # the preposition is not part of the phrase


@pytest.mark.model
def test_the_same_day_looks_back_one_paragraph_not_further(nlp) -> None:
    # one sentence per paragraph, as news pages are laid out
    text = (
        "On Friday, Latvia summoned the Estonian ambassador.\n\nThe Latvian envoy in Tallinn was called"
        " home the same day.\n\nMarkets were calm.\n\nTrade talks resumed.\n\nThe next day was quiet."
    )
    got = [(t.span.text, t.value) for t in find_timexes(nlp(text), TUE)]
    assert ("the same day", "2025-10-17") in got
    assert ("The next day", "2025-10-18") not in got  # three paragraphs on, Friday is no longer the anchor


@pytest.mark.model
def test_find_timexes_spans_are_sorted_exact_and_disjoint(nlp) -> None:
    found = find_timexes(nlp(ARTICLE), TUE)
    for t in found:
        assert ARTICLE[t.span.start : t.span.end] == t.span.text
    for a, b in zip(found, found[1:], strict=False):
        assert a.span.end <= b.span.start


@pytest.mark.model
def test_find_timexes_without_publication_date_keeps_text_and_gives_no_relative_value(nlp) -> None:
    found = {t.span.text: t.value for t in find_timexes(nlp(ARTICLE), None)}
    assert found["Monday"] is None
    assert found["last Thursday"] is None
    assert found["1990"] == "1990"
    assert found["October 16"] is None


@pytest.mark.model
def test_offsets_survive_blanked_page_furniture(nlp) -> None:
    text = "          " + "Lavrov arrived on Monday."
    (timex,) = find_timexes(nlp(text), TUE)
    assert (timex.span.start, timex.span.text, timex.value) == (text.index("Monday"), "Monday", "2025-10-20")


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "word", "tense"),
    [
        ("Rubio spoke with Lavrov on Monday.", "Monday", "past"),
        ("A conversation held on Monday settled it.", "Monday", "past"),
        ("He has met Putin twice this year.", "year", "past"),
        ("He will travel to Paris on Thursday.", "Thursday", "future"),
        ("Officials are expected to meet on Wednesday.", "Wednesday", "future"),
        ("The vote is scheduled for Tuesday.", "Tuesday", "future"),
        ("The ministers plan to meet in November.", "November", "future"),
        ("She says the talks matter now.", "now", "present"),
    ],
)
def test_tense_of(nlp, sentence: str, word: str, tense: str) -> None:
    doc = nlp(sentence)
    token = next(t for t in doc if t.text == word)
    assert tense_of(token) == tense


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "text", "earliest", "latest"),
    [
        (
            "The talks will be held between March 3 and March 7 in Geneva.",
            "between March 3 and March 7",
            "2025-03-03",
            "2025-03-07",
        ),
        (
            "The summit runs from March 10 to March 12.",
            "from March 10 to March 12",
            "2025-03-10",
            "2025-03-12",
        ),
    ],
)
def test_ranges_between_two_dates_are_one_expression(sentence, text, earliest, latest):
    from kg.extract import nlp

    (tx,) = [t for t in find_timexes(nlp.load()(sentence), dt.date(2025, 2, 20)) if t.anchor == "range"]
    assert tx.span.text == text
    assert (tx.earliest.isoformat(), tx.latest.isoformat()) == (earliest, latest)


def test_soon_after_an_act_is_no_time_of_its_own(nlp) -> None:
    text = "Soon after landing, the minister met the president. Talks will resume soon."
    found = find_timexes(nlp(text), TUE)
    assert [(t.span.text, t.value) for t in found] == [("soon", "FUTURE_REF")]


@pytest.mark.model
def test_a_weekday_in_a_present_clause_is_the_next_one() -> None:
    """ "Ruto meets Museveni on Friday" in a Wednesday paper: the coming Friday (a schedule)."""
    text = "Kenyan President William Ruto meets Ugandan President Yoweri Museveni in Kampala on Friday."
    x = extract(Article(id="t", text=text, published=dt.date(2024, 5, 8)))
    assert [(e.date, e.status) for e in x.events if e.type == "Meeting"] == [("2024-05-10", "planned")]
    past = extract(Article(id="t", text=text.replace("meets", "met"), published=dt.date(2024, 5, 8)))
    assert [e.date for e in past.events if e.type == "Meeting"] == ["2024-05-03"]
