"""Calendar arithmetic for time expressions, and the words of time: months, weekdays, numbers,
seasons, units. TimeML values in, TimeML values out: ISO weeks, shifting a value by n units,
the first and last day a value covers, and choosing among candidate dates by tense."""

from __future__ import annotations

import datetime as dt
import re

from dateutil.easter import easter

# ---------------------------------------------------------------------------- lexicon

UNIT_WORDS = r"one|two|three|four|five|six|seven|eight|nine"
TEEN_WORDS = r"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
TEN_WORDS = r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "a hundred": 100, "a couple of": 2, "a dozen": 12,
}  # fmt: skip
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
    "last": 4,
}
CENTURY_ORDINALS = {
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21,
}  # fmt: skip
DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                "eighties": 8, "nineties": 9}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
# "Thursday night" is valued as the day: the project's granule is the day, and TimeML's TNI/TEV
# suffixes are applied inconsistently in annotated news anyway.
PARTS_OF_DAY = ("morning", "afternoon", "evening", "night")
UNIT_RANK = {"day": 0, "week": 1, "month": 2, "quarter": 3, "season": 3, "half": 4, "year": 5, "decade": 6,
             "century": 7}  # fmt: skip
UNIT_CODE = {"day": "D", "week": "W", "fortnight": "W", "month": "M", "quarter": "Q", "year": "Y",
             "decade": "DE", "century": "CE"}  # fmt: skip
VAGUE_QUANTITIES = ("few", "a few", "several", "some", "many", "recent", "the past few", "the last few")

# ---------------------------------------------------------------------------- calendar


def month_of(name: str) -> int:
    """The month number of a (possibly abbreviated) English month name."""
    return MONTHS[name.strip(". ").lower()[:3]]


def year_of(text: str) -> int:
    """A year written in digits or spelled out ("nineteen ninety-six")."""
    text = text.strip().lower()
    if text.isdigit():
        return int(text)
    words = re.split(r"[\s-]+", text.replace(" and ", " "))
    small = {w: i for i, w in enumerate(f"zero|{UNIT_WORDS}|{TEEN_WORDS}".split("|"))}
    small |= {w: 20 + 10 * i for i, w in enumerate(TEN_WORDS.split("|"))}
    if words[:2] == ["two", "thousand"]:
        return 2000 + sum(small.get(w, 0) for w in words[2:])
    rest = 0 if words[1:] == ["hundred"] else sum(small.get(w, 0) for w in words[1:])
    return small[words[0]] * 100 + rest


def number_of(word: str) -> int | None:
    """The value of a small cardinal written in digits or words; None for vague quantities."""
    word = re.sub(r"\s+", " ", word.strip().lower())
    if word.isdigit():
        return int(word)
    return NUMBERS.get(word)


def iso_week(d: dt.date) -> str:
    """The ISO week containing a date, as YYYY-Www."""
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def week_monday(value: str) -> dt.date:
    """The Monday starting the ISO week YYYY-Www."""
    return dt.date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    """(year, month) moved by n months."""
    k = year * 12 + month - 1 + n
    return k // 12, k % 12 + 1


def add_to_date(d: dt.date, n: int, unit: str) -> dt.date | None:
    """A date moved by n units, clamping the day of month where needed."""
    if unit in ("day", "week", "fortnight"):
        return d + dt.timedelta(days=n * {"day": 1, "week": 7, "fortnight": 14}[unit])
    months = n * {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[unit]
    y, m = add_months(d.year, d.month, months)
    if not 1 <= y <= 9999:
        return None
    last = (dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(y, m, min(d.day, last))


def granularity(value: str) -> str | None:
    """The granule a TimeML date value names: day, week, month, quarter, half, season, year, ..."""
    for pattern, name in GRANULES:
        if pattern.fullmatch(value):
            return name
    return None


GRANULES = [
    (re.compile(r"\d{4}-\d\d-\d\d(T\w+)?"), "day"),
    (re.compile(r"\d{4}-W\d\d(-WE)?"), "week"),
    (re.compile(r"\d{4}-\d\d"), "month"),
    (re.compile(r"\d{4}-Q\d"), "quarter"),
    (re.compile(r"\d{4}-H\d"), "half"),
    (re.compile(r"\d{4}-(SP|SU|FA|WI)"), "season"),
    (re.compile(r"\d{4}"), "year"),
    (re.compile(r"\d{3}"), "decade"),
    (re.compile(r"\d{2}"), "century"),
]


def shift(value: str, n: int, unit: str) -> str | None:
    """A concrete value moved by n units, at its own granularity; None where that is not defined."""
    g = granularity(value)
    if g is None or (unit == "fortnight" and g != "day"):
        return None
    if UNIT_RANK[unit if unit != "fortnight" else "week"] < UNIT_RANK[g] and not (
        g == "day" and unit == "week"
    ):
        return None  # "two days after 1990" names no particular year
    if g == "day":
        d = add_to_date(dt.date.fromisoformat(value[:10]), n, unit)
        return d.isoformat() if d else None
    if g == "week":
        monday = add_to_date(week_monday(value), n, unit)
        return iso_week(monday) + value[8:] if monday and unit in ("day", "week") else None
    year = int(value[:4]) if g not in ("decade", "century") else None
    if g == "month":
        y, m = add_months(
            year, int(value[5:7]), n * {"month": 1, "quarter": 3, "year": 12, "decade": 120}[unit]
        )
        return f"{y:04d}-{m:02d}"
    if g == "quarter":
        y, q = divmod((year * 4 + int(value[6]) - 1) + n * (1 if unit == "quarter" else 4), 4)
        return f"{y:04d}-Q{q + 1}"
    if g in ("half", "season", "year"):
        return f"{year + n * (10 if unit == 'decade' else 1):04d}" + value[4:] if unit != "quarter" else None
    if g == "decade":
        return f"{int(value) + n:03d}" if unit == "decade" else None
    return None


def bounds(value: str | None) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day a concrete TimeML value covers; (None, None) for refs and durations."""
    g = granularity(value) if value else None
    if g is None:
        return None, None
    year = int(value[:4]) if g not in ("decade", "century") else 0
    if g == "day":
        d = dt.date.fromisoformat(value[:10])
        return d, d
    if g == "week":
        monday = week_monday(value)
        return (
            (monday + dt.timedelta(days=5), monday + dt.timedelta(days=6))
            if value.endswith("WE")
            else (
                monday,
                monday + dt.timedelta(days=6),
            )
        )
    if g == "month":
        return _month_span(year, int(value[5:7]), 1)
    if g == "quarter":
        return _month_span(year, 3 * int(value[6]) - 2, 3)
    if g == "half":
        return _month_span(year, 6 * int(value[6]) - 5, 6)
    if g == "season":
        return _month_span(year, SEASON_START[value[5:]], 3)
    if g == "year":
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    span = 10 if g == "decade" else 100
    start = int(value) * span
    return (dt.date(start, 1, 1), dt.date(start + span - 1, 12, 31)) if start >= 1 else (None, None)


def _month_span(year: int, month: int, months: int) -> tuple[dt.date, dt.date]:
    end_y, end_m = add_months(year, month, months)
    return dt.date(year, month, 1), dt.date(end_y, end_m, 1) - dt.timedelta(days=1)


def by_tense(candidates: list[dt.date], published: dt.date, tense: str | None, lean: float = 2) -> dt.date:
    """Of dates that fit a phrase, the nearest to publication, a date against the tense counting double.

    A past clause can still name a coming date ("the offer was extended to Nov. 20"), so the
    tense only leans the choice; "October" in January is last October whatever the tense.
    """

    def distance(c: dt.date) -> float:
        days = (c - published).days
        against = (tense == "past" and days > 0) or (tense == "future" and days < 0)
        return abs(days) * (lean if against else 1) + (0.5 if days > 0 else 0)

    return min(candidates, key=distance)


def weekday_date(name: str, published: dt.date, tense: str | None, modifier: str = "") -> dt.date:
    """The date of a weekday named in an article: "last"/"next" or the tense decide which one."""
    target = WEEKDAYS.index(name.lower())
    back = (published.weekday() - target) % 7
    if modifier in ("last", "past", "this past"):  # the latest one strictly before publication
        return published - dt.timedelta(days=back or 7)
    if modifier in ("next", "coming", "this coming"):
        return published + dt.timedelta(days=(7 - back) % 7 or 7)
    if modifier == "this":
        return dt.date.fromisocalendar(*published.isocalendar()[:2], target + 1)
    # News reports what happened: a bare weekday is the latest one on or before publication
    # (the publication day itself included) unless the clause is about the future.
    if tense in ("future", "present"):
        return published + dt.timedelta(days=(7 - back) % 7)
    return published - dt.timedelta(days=back)


# A month named in a past clause is hardly ever one still to come; a day may be (a deadline).
MONTH_LEAN = 5


def month_year(month: int, published: dt.date, tense: str | None, modifier: str = "") -> int:
    """The year of a month named without one, by "last"/"next" or by tense."""
    if modifier in ("last", "past", "this past"):
        return published.year if month < published.month else published.year - 1
    if modifier in ("next", "coming", "this coming"):
        return published.year if month > published.month else published.year + 1
    if modifier == "this":
        return published.year
    first = [dt.date(published.year + k, month, 1) for k in (-1, 0, 1)]
    this_month = dt.date(published.year, published.month, 1)
    return by_tense(first, this_month, tense, MONTH_LEAN).year


def season_of(d: dt.date) -> tuple[int, str]:
    """The (year, code) of the season a date falls in; winter belongs to the year it starts in."""
    if d.month in (1, 2):
        return d.year - 1, "WI"
    return d.year, {3: "SP", 6: "SU", 9: "FA", 12: "WI"}[(d.month // 3) * 3]


def season_value(code: str, published: dt.date, tense: str | None, modifier: str) -> str:
    """The value of a season named without a year."""
    order = ["SP", "SU", "FA", "WI"]
    cur_year, cur = season_of(published)
    k, t = cur_year * 4 + order.index(cur), order.index(code)
    if modifier in ("last", "past", "this past"):
        pick = k - (k - t - 1) % 4 - 1  # the latest one strictly before the current season
    elif modifier in ("next", "coming", "this coming"):
        pick = k + (t - k - 1) % 4 + 1
    elif tense == "past":
        pick = k - (k - t) % 4
    elif tense == "future":
        pick = k + (t - k) % 4
    else:  # "this summer": the one of the publication year
        pick = (published.year - (code == "WI" and published.month < 3)) * 4 + t
    return f"{pick // 4:04d}-{order[pick % 4]}"


def holiday_date(name: str, year: int) -> dt.date:
    """The date of a named holiday in a year ("Easter", "Thanksgiving", "Christmas Eve")."""
    fixed = {"Christmas": (12, 25), "Christmas Eve": (12, 24), "Boxing Day": (12, 26),
             "New Year's Eve": (12, 31), "Halloween": (10, 31), "Valentine's Day": (2, 14),
             "Independence Day": (7, 4)}  # fmt: skip
    name = name.removesuffix(" Day") if name in ("Christmas Day", "New Year's Day") else name
    if name in fixed:
        return dt.date(year, *fixed[name])
    if name == "New Year's":
        return dt.date(year, 1, 1)
    if name.startswith("Easter"):
        return easter(year)
    if name.startswith("Thanksgiving"):  # the fourth Thursday of November
        return dt.date(year, 11, 1) + dt.timedelta(days=(3 - dt.date(year, 11, 1).weekday()) % 7 + 21)
    if name == "Labor Day":  # the first Monday of September
        return dt.date(year, 9, 1) + dt.timedelta(days=-dt.date(year, 9, 1).weekday() % 7)
    last = dt.date(year, 5, 31)  # Memorial Day: the last Monday of May
    return last - dt.timedelta(days=last.weekday())
