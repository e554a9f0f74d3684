"""The grammar of English time expressions (the calendar arithmetic is in kg.extract.time.calendar).

Each rule is a regular expression over raw text plus a function that turns a match into a
TimeML value, given the publication date, the tense of the governing clause and an anchor
(the value of an earlier time expression, for anaphoric phrases such as "a day later").
`kg.extract.time` scans articles with these rules and exposes the public API.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from dateutil.easter import easter

from kg.extract.time.calendar import (
    CENTURY_ORDINALS,
    DECADE_WORDS,
    NUMBERS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    TEEN_WORDS,
    TEN_WORDS,
    UNIT_CODE,
    UNIT_RANK,
    UNIT_WORDS,
    WEEKDAYS,
    add_months,
    add_to_date,
    bounds,
    by_tense,
    granularity,
    iso_week,
    month_of,
    month_year,
    number_of,
    season_value,
    shift,
    weekday_date,
    year_of,
)

# ---------------------------------------------------------------------------- regex fragments
# Month and weekday names must be capitalised: "may", "march" and "august" are also common words.
_MON_FULL = r"January|February|March|April|May|June|July|August|September|October|November|December"
_MON_ABBR = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
MON = rf"(?-i:(?:{_MON_FULL})|(?:{_MON_ABBR})\.)"
MON_NUM = rf"(?-i:(?:{_MON_FULL})|(?:{_MON_ABBR})\.?)"  # before a day number "Jun 5" needs no dot
WD = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
# Broadcast transcripts spell years out: "nineteen ninety-six", "the year two thousand".
SPELLED_YEAR = (
    rf"(?:eighteen|nineteen)\s+(?:{TEEN_WORDS}|(?:{TEN_WORDS})(?:[\s-](?:{UNIT_WORDS}))?|hundred)"
    rf"|two\s+thousand(?:\s+(?:and\s+)?(?:{UNIT_WORDS}|{TEEN_WORDS}))?"
)
YEAR = rf"(?:1[6-9]\d\d|20\d\d|{SPELLED_YEAR})"
NUM = r"(?:\d{1,3}|a couple of|a dozen|a hundred|" + "|".join(k for k in NUMBERS if " " not in k) + ")"
UNIT = r"(?:day|week|fortnight|month|quarter|year|decade|century)"
PART = r"(?:morning|afternoon|evening|night)"
SEASON = r"(?:spring|summer|fall|autumn|winter)"
EDGE = r"(?:early|mid|late|the end of|the beginning of|the start of|the middle of|the first half of|the second half of)"
DEICTIC = r"(?:this past|this coming|the past|the previous|the coming|the current|the next|the last|last|next|this|past|previous|coming|current)"
APPROX = r"(?:about|almost|nearly|some|roughly|around|more than|less than|over|just|only|barely)"
REL_YEAR = r"(?:this|last|next|the current|the previous|the past|the coming) (?:fiscal )?year"


@dataclass(frozen=True)
class Context:
    """What a rule may use to resolve a phrase: the publication date, tense and anchors."""

    published: dt.date | None
    tense: str | None = None
    anchor: str | None = None  # value of the nearest earlier concrete time expression
    local_anchor: str | None = None  # the same, but only within the phrase's own sentence
    recent: tuple[str, ...] = ()  # concrete values of the expressions just before, nearest first

    def last(self, granule: str) -> str | None:
        """The nearest earlier value of this granularity: "the quarter" after "the third quarter"."""
        return next((v for v in self.recent if granularity(v) == granule), None)


Handler = Callable[[re.Match[str], Context], "str | tuple[str, str] | None"]


@dataclass(frozen=True)
class Rule:
    """One pattern of time expression and how to resolve it."""

    name: str
    regex: re.Pattern[str]
    resolve: Handler


# ---------------------------------------------------------------------------- rule handlers
# A handler returns a value, a (first, last) pair of values for a range, None when the phrase
# is a time expression that cannot be resolved (no publication date), or REJECT when the match
# turns out not to be a time expression at all.
REJECT = ""
LAST_WORDS = ("last", "past", "this past", "the past", "the last", "previous", "the previous", "prior")
NEXT_WORDS = ("next", "coming", "this coming", "the coming", "the next")


def _mod(m: re.Match[str], group: str = "mod") -> str:
    return re.sub(r"\s+", " ", (m.groupdict().get(group) or "").lower())


def _date(y: int, mon: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, mon, d)
    except ValueError:
        return None


def _day(m, ctx, wd_group="wd"):
    mon, day = month_of(m["mon"]), int(re.sub(r"\D", "", m["d"]))
    if m["y"]:
        d = _date(year_of(m["y"]), mon, day)
        return d.isoformat() if d else REJECT
    if ctx.published is None:
        return None
    fits = [d for y in (-1, 0, 1) if (d := _date(ctx.published.year + y, mon, day))]
    if m.groupdict().get(wd_group) and fits:  # "Friday, Oct. 23": the year in which it is a Friday
        fits = [d for d in fits if d.weekday() == WEEKDAYS.index(m[wd_group].lower())] or fits
    return by_tense(fits, ctx.published, ctx.tense).isoformat() if fits else REJECT


def _range(m, ctx):
    mon = month_of(m["mon"])
    d1, d2 = int(re.sub(r"\D", "", m["d1"])), int(re.sub(r"\D", "", m["d2"]))
    mon2 = month_of(m["mon2"]) if m.groupdict().get("mon2") else mon
    if (mon2, d2) <= (mon, d1) and mon2 == mon:
        return REJECT  # "May 5-3" is no range
    if m["y"]:
        year = year_of(m["y"])
    elif ctx.published is None:
        return None
    else:
        first = by_tense(
            [d for y in (-1, 0, 1) if (d := _date(ctx.published.year + y, mon, d1))], ctx.published, ctx.tense
        )
        year = first.year
    a, b = _date(year, mon, d1), _date(year + (mon2 < mon), mon2, d2)
    return (a.isoformat(), b.isoformat()) if a and b else REJECT


def _month_year(m, ctx):
    if m["y"]:
        return f"{year_of(m['y']):04d}-{month_of(m['mon']):02d}"
    if ctx.published is None:
        return None
    year = ctx.published.year + {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
    return f"{year:04d}-{month_of(m['mon']):02d}"


def _season_year(m, ctx):
    return f"{year_of(m['y']):04d}-{SEASONS[m['s'].lower()]}"


def _quarter(m, ctx):
    o = (m["o"] or m.groupdict().get("q") or "").lower()
    unit = (m.groupdict().get("u") or "quarter").lower()
    n = ORDINALS[o] if not o.isdigit() else int(o)
    if unit == "half":
        n = 2 if o == "last" else min(n, 2)
    elif o == "last":
        return REJECT  # "the last quarter" is relative, another rule's business
    if m["y"]:
        year = year_of(m["y"])
    elif ctx.published is None:
        return None
    else:
        rel = _mod(m, "rel")
        year = ctx.published.year + (
            1 if rel.startswith(NEXT_WORDS) else -1 if rel.startswith(LAST_WORDS) else 0
        )
    return f"{year:04d}-{'H' if unit == 'half' else 'Q'}{n}"


def _period(m, ctx):
    """A quarter or reporting period: "the year-ago quarter", "the 1988 period", "the latest quarter"."""
    d, ago = _mod(m, "d"), _mod(m, "ago")
    unit = m["u"].lower()
    if unit == "period" and not (m["y"] or ago or d or m["o"] or m["same"]):
        return REJECT  # "the period" alone is too vague
    if unit == "quarter" and not (m["the"] or m["y"] or ago or d or m["o"] or m["same"]):
        return REJECT  # "a quarter of the shares"
    recent = ctx.last("quarter")
    shift_years = (
        -1
        if ago.startswith(("year", "prior", "last", "the previous"))
        else 1
        if ago.startswith("next")
        else 0
    )
    if m["o"]:
        base_year = year_of(m["y"]) if m["y"] else int(recent[:4]) if recent else None
        if base_year is None:
            base_year = ctx.published.year if ctx.published else None
        if base_year is None:
            return None
        n = ORDINALS[m["o"].lower()] if not m["o"][0].isdigit() else int(m["o"][0])
        return f"{base_year + (shift_years if not m['y'] else 0):04d}-Q{n}"
    if m["y"]:
        return f"{year_of(m['y']):04d}" + (recent[4:] if recent else "")
    if ctx.published is None and not recent:
        return None
    current = f"{ctx.published.year:04d}-Q{(ctx.published.month - 1) // 3 + 1}" if ctx.published else recent
    completed = shift(current, -1, "quarter")
    if d in ("current", "this"):
        base = current
    elif d in ("next", "coming"):
        base = shift(current, 1, "quarter")
    elif d in ("last", "past", "previous", "prior"):
        base = completed
    elif recent:  # "the latest quarter", "the quarter", "the year-ago period" follow the one just named
        base = recent
    elif unit == "period":
        return REJECT
    else:
        base = current if ctx.tense == "future" else completed
    return shift(base, shift_years, "year")


def _year_ago(m, ctx):
    """The adjective "year-earlier": the quarter just named, a year back, or last year."""
    recent = ctx.last("quarter")
    if recent:
        return shift(recent, -1, "year")
    return f"{ctx.published.year - 1:04d}" if ctx.published else None


def _the_year(m, ctx):
    """ "The year", "the full year", "year-end": the year being talked about, else the current one."""
    if ctx.local_anchor and granularity(ctx.local_anchor) == "year":
        return ctx.local_anchor
    return f"{ctx.published.year:04d}" if ctx.published else None


def _decade(m, ctx):
    if m["c"]:  # "the 1990s" is a decade, "the 1800s" a century
        return m["c"] + m["c2"] if m["c2"] != "0" else m["c"]
    if ctx.published is None:
        return None
    digit = int(m["d2"]) if m["d2"] else DECADE_WORDS[m["w"].lower()]
    decade = ctx.published.year // 100 * 10 + digit
    return f"{decade - 10 if decade > ctx.published.year // 10 else decade:03d}"


def _century(m, ctx):
    o = m["o"].lower()
    n = int(re.sub(r"\D", "", o)) if o[0].isdigit() else CENTURY_ORDINALS[o]
    return f"{n - 1:02d}" if 1 <= n <= 21 else REJECT


def _year(m, ctx):
    return f"{year_of(m['y']):04d}"


def _deictic_day(m, ctx):
    if ctx.published is None:
        return None
    word = m["d"].lower()
    rel = _mod(m, "rel")
    offset = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0, "last night": -1}[word]
    offset += {"the day before": -1, "the day after": 1}.get(rel, 0)
    return (ctx.published + dt.timedelta(days=offset)).isoformat()


def _this_part(m, ctx):
    if ctx.published is None:
        return None
    return ctx.published.isoformat()


def _weekday(m, ctx):
    if ctx.published is None:
        return None
    return weekday_date(m["wd"], ctx.published, ctx.tense, _mod(m)).isoformat()


def _relative_unit(m, ctx):
    if ctx.published is None:
        return None
    d, unit, pub = _mod(m, "d"), m["u"].lower(), ctx.published
    n = -1 if d in LAST_WORDS else 1 if d in NEXT_WORDS else 0
    if unit in ("week", "weekend", "fortnight"):
        return iso_week(pub + dt.timedelta(days=7 * n)) + ("-WE" if unit == "weekend" else "")
    if unit == "month":
        y, mon = add_months(pub.year, pub.month, n)
        return f"{y:04d}-{mon:02d}"
    if unit == "year":
        return f"{pub.year + n:04d}"
    if unit == "decade":
        return f"{pub.year // 10 + n:03d}"
    return f"{pub.year // 100 + n:02d}"


def _the_weekend(m, ctx):
    if ctx.published is None:
        return None
    pub, wd = ctx.published, ctx.published.weekday()
    past = ctx.tense == "past" or (ctx.tense is None and wd < 3)
    if past and wd < 5:
        return iso_week(pub - dt.timedelta(days=7)) + "-WE"
    return iso_week(pub + dt.timedelta(days=7 if ctx.tense == "future" and wd == 6 else 0)) + "-WE"


def _month(m, ctx):
    name, mod = m["mon"], _mod(m)
    if name in ("May", "March") and not (mod or m["edge"] or m["prep"]):
        return REJECT  # a bare "May" is a modal verb far more often than a month
    if ctx.published is None:
        return None
    mon = month_of(name)
    return f"{month_year(mon, ctx.published, ctx.tense, mod):04d}-{mon:02d}"


def _season(m, ctx):
    if ctx.published is None:
        return None
    return season_value(SEASONS[m["s"].lower()], ctx.published, ctx.tense, _mod(m))


def _offset(m, ctx):
    n, unit, direction = number_of(m["n"]), m["u"].lower(), m["dir"].lower()
    back = direction in ("ago", "earlier", "before", "back")
    if n is None:  # "several years ago": some time in the past
        return "PAST_REF" if back else "FUTURE_REF"
    n = -n if back else n
    deictic = direction in ("ago", "back", "from now", "hence")
    local = (
        ctx.local_anchor
        if ctx.local_anchor and granularity(ctx.local_anchor) in ("quarter", "half")
        else None
    )
    base = local if unit == "year" and local else None if deictic else ctx.local_anchor or ctx.anchor
    if base:
        return shift(base, n, unit)
    if ctx.published is None:
        return None
    if unit == "fortnight":
        n, unit = 2 * n, "week"
    d = add_to_date(ctx.published, n, unit)
    if d is None:
        return None
    if unit == "day":
        return d.isoformat()
    if unit == "week":
        return iso_week(d)
    if unit in ("month", "quarter"):
        return f"{d.year:04d}-{d.month:02d}" if unit == "month" else f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    return f"{d.year:04d}"


def _duration(m, ctx):
    n, unit = number_of(m["n"]), m["u"].lower()
    if n is None or (m["n"].lower() in ("a", "an") and not m["prep"]):
        return REJECT  # "a day" alone is rarely a time expression worth keeping
    if unit == "fortnight":
        n, unit = 2 * n, "week"
    if unit in ("decade", "century"):
        n, unit = n * (10 if unit == "decade" else 100), "year"
    return f"P{n}{UNIT_CODE[unit]}"


def _anaphoric(m, ctx):
    """The next day, the following week, that year: relative to the last date mentioned."""
    d, unit = _mod(m, "d"), m["u"].lower()
    base = ctx.local_anchor or ctx.anchor or (ctx.published.isoformat() if ctx.published else None)
    if base is None:
        return None
    n = 1 if d in ("next", "following", "after") else -1 if d in ("previous", "preceding", "before") else 0
    unit = "day" if unit in PARTS_OF_DAY else unit
    if UNIT_RANK.get(granularity(base) or "", 9) > UNIT_RANK[unit]:
        return None  # "that day" after "in 1990" names no day
    value = shift(base, n, unit) if n else base
    if value is None or UNIT_RANK[unit] <= UNIT_RANK.get(granularity(value) or "", 0):
        return value
    lo, _ = bounds(value)  # coarsen: "the following month" after a day is a month
    return {"week": iso_week(lo), "month": lo.isoformat()[:7], "year": lo.isoformat()[:4]}.get(unit, value)


def _week_of(m, ctx):
    day = _day(m, ctx)
    return iso_week(dt.date.fromisoformat(day)) if day else day


def _holiday(m, ctx):
    name = re.sub(r"\s+", " ", m["h"])
    year = year_of(m["y"]) if m["y"] else None
    if year is None and ctx.published is None:
        return None
    years = [year] if year else [ctx.published.year + k for k in (-1, 0, 1)]
    days = [d for y in years if 1583 <= y <= 9999 and (d := _holiday_date(name, y))]
    return by_tense(days, ctx.published, ctx.tense).isoformat() if not year else days[0].isoformat()


def _holiday_date(name: str, year: int) -> dt.date:
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


def _set(m, ctx):
    word = m["w"].lower()
    if word.startswith("every"):
        rest = word.split()[-1]
        if rest in WEEKDAYS:
            return f"XXXX-WXX-{WEEKDAYS.index(rest) + 1}"
        return f"P1{UNIT_CODE[rest]}"
    return {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y"}[word]


def _const(value: str) -> Handler:
    return lambda m, ctx: value


PRESENT = r"now|right now|just now|currently|nowadays|these days|at present|presently|the present|at the moment|at this time|current(?!\s+accounts?)"
PAST = (
    r"recently|recent|lately|formerly|previously|in the past|the past|(?:in\s+)?recent\s+(?:days|weeks|months|years|decades)"
    r"|(?:the\s+)?(?:past|last)\s+(?:few\s+|several\s+|couple\s+of\s+)?(?:days|weeks|months|quarters|years|decades)"
)
FUTURE = (
    r"soon|future(?=\s+[a-z])|the\s+(?:near|short|long)\s+term|the(?:\s+(?:near|immediate|foreseeable|distant|not-too-distant))?\s+future|a later date"
    r"|(?:the\s+)?(?:coming|next\s+few|next\s+several)\s+(?:days|weeks|months|quarters|years|decades)"
    r"|the\s+(?:days|weeks|months|years)\s+ahead"
)

_PREP = (
    r"(?:(?P<prep>in|since|until|till|by|during|from|through|before|after|of|for|over|within|lasting)\s+)?"
)
_RULES: list[tuple[str, str, Handler]] = [
    ("iso", r"(?P<y>\d{4})-(?P<mon>\d\d)-(?P<d>\d\d)", lambda m, c: _iso(m)),
    ("range", rf"(?:{WD},?\s+)?(?P<mon>{MON_NUM})\s+(?P<d1>{DAY})\s*(?:(?:-|–|—|to|through)\s*|(?:-|–|—)\s*(?P<mon2>{MON_NUM})\s+)(?P<d2>{DAY})(?:,?\s+(?P<y>{YEAR}))?", _range),
    ("range_dm", rf"(?P<d1>{DAY})\s*(?:-|–|—|to)\s*(?P<d2>{DAY})\s+(?:of\s+)?(?P<mon>{MON_NUM})(?:,?\s+(?P<y>{YEAR}))?", _range),
    ("date_md", rf"(?:(?P<wd>{WD}),?\s+)?(?P<mon>{MON_NUM})\s+(?P<d>{DAY})(?:,?\s+(?P<y>{YEAR}))?", _day),
    ("date_dm", rf"(?:(?P<wd>{WD}),?\s+)?(?:the\s+)?(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{MON_NUM})(?:,?\s+(?P<y>{YEAR}))?", _day),
    ("week_of", rf"the\s+week\s+of\s+(?P<mon>{MON_NUM})\s+(?P<d>{DAY})(?:,?\s+(?P<y>{YEAR}))?", _week_of),
    ("month_year", rf"(?:(?P<edge>{EDGE})[\s-]+)?(?P<mon>{MON})\s+(?:of\s+)?(?:(?P<y>{YEAR})|(?P<rel>last|this|next)\s+year)", _month_year),
    ("season_year", rf"(?:the\s+)?(?:(?P<edge>{EDGE})[\s-]+)?(?P<s>{SEASON})\s+(?:of\s+)?(?P<y>{YEAR})", _season_year),
    ("quarter", rf"(?:the\s+)?(?:fiscal\s+)?(?P<o>first|second|third|fourth|last|[1-4](?:st|nd|rd|th))[\s-]+(?:fiscal\s+)?(?P<u>quarter|half)(?:\s+(?:of|in)\s+(?:(?:the\s+)?(?:fiscal\s+)?(?:year\s+)?(?P<y>{YEAR})|(?P<rel>{REL_YEAR})|the\s+year))?", _quarter),
    ("quarter_q", rf"(?-i:(?:Q(?P<q>[1-4])|(?P<o>[1-4])Q))(?:\s+(?P<y>{YEAR}))?", _quarter),
    ("period", rf"(?P<the>the\s+)?(?:(?P<same>comparable|corresponding|same|latest|most\s+recent)\s+)?(?:(?P<y>{YEAR})\s+|(?P<ago>year-ago|year-earlier|year\s+ago|prior-year|last\s+year's|this\s+year's|next\s+year's|the\s+previous\s+year's)\s+|(?P<d>latest|last|past|previous|prior|current|this|next|coming)\s+)?(?:(?P<o>first|second|third|fourth|[1-4](?:st|nd|rd|th))[\s-]+)?(?:fiscal[\s-]+)?(?P<u>quarter|period)(?!s|ly|-)", _period),
    ("year_ago", r"year-(?:earlier|ago)", _year_ago),
    ("the_year", r"the\s+(?:(?:full|fiscal|calendar|whole|entire)\s+)?year(?!\s+(?:before|after|earlier|ago|later|in|of|to|when|that|\d)|-|'s)|(?:the\s+)?year(?:-end|\s+end|'s\s+end)|the\s+end\s+of\s+the\s+year", _the_year),
    ("edge_of_unit", r"the\s+(?:end|beginning|start|middle)\s+of\s+the\s+(?P<u>week|month)(?P<d>)", _relative_unit),
    ("decade", r"(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:(?P<c>1\d|20)(?P<c2>\d)0'?s|'(?P<d2>\d)0s|(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))", _decade),
    ("century", rf"(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?P<o>\d{{1,2}}(?:st|nd|rd|th)|{'|'.join(CENTURY_ORDINALS)})[\s-]+century", _century),
    ("year", rf"(?:(?P<edge>{EDGE}|fiscal|calendar|the\s+year|model\s+year|year|post|pre)[\s-]+)?(?<![$€£#\d.,])(?P<y>{YEAR})(?!\s*(?:%|percent|per\s+cent)|[.,]\d|-year)", _year),
    ("deictic_day", rf"(?:(?P<rel>the day before|the day after|earlier|later|late|early)\s+)?(?P<d>yesterday|today|tomorrow|tonight|last night)(?:\s+(?P<part>{PART}))?", _deictic_day),
    ("this_part", r"this\s+(?P<part>morning|afternoon|evening)", _this_part),
    ("weekday", rf"(?:(?P<mod>this past|this coming|last|next|this|past|coming|earlier|later|late|early)\s+)?(?P<wd>{WD})(?:\s+(?P<part>{PART}))?", _weekday),
    ("relative_unit", rf"(?:(?:{EDGE}|earlier|later)[\s-]+(?:in\s+)?)?(?P<d>{DEICTIC})\s+(?:fiscal\s+)?(?P<u>week|month|year|weekend|fortnight|decade|century)(?!s)", _relative_unit),
    ("in_the_unit", r"(?:earlier|later)\s+in\s+the\s+(?P<u>week|month|year)", _relative_unit),
    ("the_weekend", r"the\s+weekend", _the_weekend),
    ("month", rf"{_PREP}(?P<x>(?:(?P<edge>{EDGE})[\s-]+|(?P<mod>this past|this coming|last|next|this|past|coming)\s+)?(?P<mon>(?-i:{_MON_FULL}|Sept?\.)))(?!\s*\d)", _month),
    ("season", rf"(?:the\s+)?(?:(?P<edge>{EDGE})[\s-]+)?(?:(?P<mod>this past|this coming|last|next|this|past|coming)\s+)?(?P<s>{SEASON})(?!\s+(?:of\s+)?\d)", _season),
    ("offset", rf"(?:(?:{APPROX})\s+)?(?P<n>{NUM}|few|a few|several|some|many)(?:\s+or\s+(?:so|\w+))?\s+(?P<u>{UNIT})s?(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|back|from now|hence|on(?=\s*[,.;]))", _offset),
    ("anaphoric", r"(?:(?:the|that)\s+)?(?P<d>next|following|previous|preceding|same)\s+(?P<u>day|week|month|year|morning|evening|night)", _anaphoric),
    ("anaphoric_that", r"(?:(?:earlier|later)\s+)?(?:that|the\s+same)\s+(?P<u>day|week|month|year)(?P<d>)", _anaphoric),
    ("day_before", r"the\s+day\s+(?P<d>before|after)(?=\s*[,.;])(?P<u>)", lambda m, c: _anaphoric_day(m, c)),
    ("holiday", rf"(?-i:(?P<h>Christmas(?:\s+(?:Day|Eve))?|New\s+Year's(?:\s+(?:Day|Eve))?|Thanksgiving(?:\s+Day)?|Easter(?:\s+Sunday)?|Halloween|Valentine's\s+Day|Independence\s+Day|Labor\s+Day|Memorial\s+Day|Boxing\s+Day))(?:,?\s+(?P<y>{YEAR}))?", _holiday),
    ("set", rf"(?P<w>daily|weekly|monthly|annually|yearly|every\s+(?:day|week|month|year|{WD}))", _set),
    ("present", rf"(?:{PRESENT})", _const("PRESENT_REF")),
    ("past", rf"(?:{PAST})", _const("PAST_REF")),
    ("future", rf"(?:in\s+)?(?P<x>{FUTURE})", _const("FUTURE_REF")),
    ("duration", rf"{_PREP}(?P<x>(?:(?:{APPROX})\s+)?(?:the\s+(?:past|last|next|first|coming)\s+)?(?P<n>{NUM})\s+(?P<u>{UNIT})s?)(?!\s+(?:ago|earlier|later|back|from now|hence|old))", _duration),
]  # fmt: skip


def _iso(m):
    d = _date(int(m["y"]), int(m["mon"]), int(m["d"]))
    return d.isoformat() if d else REJECT


def _anaphoric_day(m, ctx):
    base = ctx.local_anchor or ctx.anchor or (ctx.published.isoformat() if ctx.published else None)
    if base is None or granularity(base) != "day":
        return None
    return shift(base[:10], 1 if m["d"].lower() == "after" else -1, "day")


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'-])(?:{pattern})(?![\w-]|'\w\w)", re.IGNORECASE)


RULES: tuple[Rule, ...] = tuple(Rule(name, _compile(p), h) for name, p, h in _RULES)
