"""The grammar of English time expressions (the calendar arithmetic is in kg.extract.time.calendar).

Each rule is a regular expression over raw text plus a function that turns a match into a
TimeML value, given the publication date, the tense of the governing clause and an anchor
(the value of an earlier time expression, for anaphoric phrases such as "a day later").
`kg.extract.time` scans articles with these rules and exposes the public API.
"""

from __future__ import annotations

import re

from kg.extract.time.calendar import (
    CENTURY_ORDINALS,
    NUMBERS,
    TEEN_WORDS,
    TEN_WORDS,
    UNIT_WORDS,
)
from kg.extract.time.values import (
    Handler,
    Rule,
    _anaphoric,
    _anaphoric_day,
    _century,
    _const,
    _day,
    _decade,
    _deictic_day,
    _duration,
    _holiday,
    _iso,
    _month,
    _month_year,
    _offset,
    _period,
    _quarter,
    _range,
    _relative_unit,
    _season,
    _season_year,
    _set,
    _the_weekend,
    _the_year,
    _this_part,
    _week_of,
    _weekday,
    _year,
    _year_ago,
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


PRESENT = r"now|right now|just now|currently|nowadays|these days|at present|presently|the present|at the moment|at this time|current(?!\s+accounts?)"
PAST = (
    r"recently|recent|lately|formerly|previously|in the past|the past|(?:in\s+)?recent\s+(?:days|weeks|months|years|decades)"
    r"|(?:the\s+)?(?:past|last)\s+(?:few\s+|several\s+|couple\s+of\s+)?(?:days|weeks|months|quarters|years|decades)"
)
FUTURE = (
    r"soon(?!\s+(?:after|before|afterwards?|thereafter))|future(?=\s+[a-z])|the\s+(?:near|short|long)\s+term|the(?:\s+(?:near|immediate|foreseeable|distant|not-too-distant))?\s+future|a later date"
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
    ("duration", rf"{_PREP}(?P<x>(?:(?:{APPROX})\s+)?(?:the\s+(?:past|last|next|first|coming)\s+)?(?P<n>{NUM})(?:\s+|-)(?P<u>{UNIT})s?)(?!\s+(?:ago|earlier|later|back|from now|hence|old)|-old)", _duration),
]  # fmt: skip


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'-])(?:{pattern})(?![\w-]|'\w\w)", re.IGNORECASE)


RULES: tuple[Rule, ...] = tuple(Rule(name, _compile(p), h) for name, p, h in _RULES)
