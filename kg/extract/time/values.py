"""What each time expression means: the functions that turn a matched phrase into a TimeML value, given the
publication date, the tense of its clause and the expressions before it (for "a day later")."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from kg.extract.time.calendar import (
    CENTURY_ORDINALS,
    DECADE_WORDS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    UNIT_CODE,
    UNIT_RANK,
    WEEKDAYS,
    add_months,
    add_to_date,
    bounds,
    by_tense,
    granularity,
    holiday_date,
    iso_week,
    month_of,
    month_year,
    number_of,
    season_value,
    shift,
    weekday_date,
    year_of,
)


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
    days = [d for y in years if 1583 <= y <= 9999 and (d := holiday_date(name, y))]
    return by_tense(days, ctx.published, ctx.tense).isoformat() if not year else days[0].isoformat()


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


def _iso(m):
    d = _date(int(m["y"]), int(m["mon"]), int(m["d"]))
    return d.isoformat() if d else REJECT


def _anaphoric_day(m, ctx):
    base = ctx.local_anchor or ctx.anchor or (ctx.published.isoformat() if ctx.published else None)
    if base is None or granularity(base) != "day":
        return None
    return shift(base[:10], 1 if m["d"].lower() == "after" else -1, "day")
