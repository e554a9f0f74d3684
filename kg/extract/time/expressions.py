"""Time expressions: find them in an article and normalise them to TimeML values.

Values follow TimeML (TIMEX3): YYYY-MM-DD, YYYY-MM, YYYY-Www, YYYY-Www-WE, YYYY-Qn, YYYY-Hn,
YYYY-SP/SU/FA/WI, YYYY, decades (199), centuries (19), PRESENT_REF/PAST_REF/FUTURE_REF,
durations (P3D) and sets (P1W, XXXX-WXX-1). Relative expressions are resolved against the
publication date and the tense of their clause ("on Monday" in a past clause is the latest
Monday on or before publication); with no publication date they keep their text and get no value.
The grammar lives in `kg.extract.time.rules`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extract.time.calendar import bounds, granularity, number_of, shift
from kg.extract.time.rules import RULES
from kg.extract.time.values import REJECT, Context, Rule
from kg.model import Span, Timex

if TYPE_CHECKING:  # normalise() needs no spaCy: keep the import off the fast path
    from spacy.tokens import Doc, Token

TYPES = ("DATE", "TIME", "DURATION", "SET")
# Words before a bare four-digit number that make it a year rather than a count.
YEAR_CUES = {"in", "since", "by", "of", "until", "till", "from", "through", "during", "before", "after",
             "fiscal", "year", "early", "late", "mid", "and", "to", "between", "around", "circa", "-"}  # fmt: skip
NOT_YEAR_ENTS = {
    "MONEY",
    "QUANTITY",
    "PERCENT",
    "CARDINAL",
    "ORDINAL",
    "PRODUCT",
    "LAW",
    "FAC",
    "ORG",
    "WORK_OF_ART",
}
PLAN_VERBS = {"expect", "schedule", "plan", "set", "due", "intend", "hope", "aim", "go", "prepare", "agree",
              "promise", "propose", "want", "seek", "try", "vow", "pledge", "threaten", "decide"}  # fmt: skip
FUTURE_MODALS = {"will", "'ll", "wo", "shall", "would", "'d", "could", "might", "may", "should", "must",
                 "can", "ca"}  # fmt: skip
# "The vote is scheduled for Tuesday": arranging something puts its time ahead.
SCHEDULE_VERBS = {
    "schedule",
    "slate",
    "plan",
    "set",
    "due",
    "expect",
    "postpone",
    "delay",
    "reschedule",
    "move",
    "announce",
    "call",
}
ANCHOR_REACH = 600  # characters: an anaphoric "a day later" looks back this far
# Paragraph breaks an anaphoric phrase may look back across ("the same day": the paragraph before's).
PARAGRAPHS_BACK = 1
DERIVED = {"offset", "year_ago", "anchored", "anaphoric", "anaphoric_that", "day_before"}
RECENT_REACH = 1500  # characters: "the quarter" and "a year earlier" follow the quarter named this close
VALUE = re.compile(
    r"\d{4}(-\d\d(-\d\d(T(MO|AF|EV|NI|\d\d:\d\d))?)?|-W\d\d(-WE)?|-Q[1-4]|-H[12]|-(SP|SU|FA|WI))?"
    r"|\d{2,3}|(PRESENT|PAST|FUTURE)_REF|P\d+(D|W|M|Q|Y)|XXXX-WXX-[1-7]"
)


@dataclass(frozen=True)
class TimeValue:
    """A normalised TimeML value, its type and the first and last day it covers (None if unbounded)."""

    value: str
    type: str
    earliest: dt.date | None = None
    latest: dt.date | None = None

    def __post_init__(self) -> None:
        if self.type not in TYPES:
            raise ValueError(f"unknown timex type {self.type!r}; one of {', '.join(TYPES)}")
        if not VALUE.fullmatch(self.value):
            raise ValueError(f"{self.value!r} is not a TimeML value this project produces")
        if self.earliest and self.latest and self.earliest > self.latest:
            raise ValueError(
                f"time value {self.value} ends ({self.latest}) before it begins ({self.earliest})"
            )


def normalise(phrase: str, published: dt.date | None, *, tense: str | None = None) -> TimeValue | None:
    """The TimeML value of a time expression, or None if it is not one or cannot be resolved."""
    text = re.sub(r"\s+", " ", phrase).strip(" \t\n,.;:")
    ctx = Context(published, tense)
    # "in May" is a month where a bare "May" is not, so the phrase is tried with its preposition first
    bare = re.sub(r"^(?:on|in|at|during|since|by|from|until|for|of|over)\s+(?=\S)", "", text, flags=re.I)
    for candidate in dict.fromkeys((text, bare)):
        for rule in RULES:
            m = rule.regex.fullmatch(candidate)
            if m is not None:
                result = rule.resolve(m, ctx)
                if result != REJECT:
                    return _value(result, rule.name)
    return None


def _value(result: str | tuple[str, str] | None, rule: str = "") -> TimeValue | None:
    """A TimeValue from what a rule returned: a value or a (first, last) range."""
    if result is None:
        return None
    first, last = (result, result) if isinstance(result, str) else result
    if rule == "set":
        kind = "SET"
    elif first.startswith("P") and not first.endswith("_REF"):
        kind = "DURATION"
    else:
        kind = "TIME" if granularity(first) == "day" and "T" in first else "DATE"
    return TimeValue(first, kind, bounds(first)[0], bounds(last)[1])


def _for_consultations(prep: Token) -> bool:
    """Whether a "for" gives what a diplomat is called home for ("called to X for consultations"),
    not the time something is called or set for."""
    objs = [g for g in prep.children if g.dep_ == "pobj"]
    return bool(objs) and all(g.lemma_.lower().startswith("consultation") for g in objs)


# What one calls for that is held on a day: "called for talks on Friday" names the talks' Friday.
GATHERINGS = {"meeting", "meetings", "talks", "summit", "session", "conference", "vote", "election", "elections",
              "referendum", "negotiations", "dialogue", "consultations", "debate", "hearing"}  # fmt: skip


def _for_a_gathering(prep: Token) -> bool:
    """Whether a "for" after "call" names a gathering held on a day, not a state of things ("calm")."""
    return any(g.dep_ == "pobj" and g.lower_ in GATHERINGS for g in prep.children)


def infinitive_relative(tok: Token) -> bool:
    """ "the first minister to visit Kampala": an infinitive with no tense of its own but its noun's clause's."""
    return (
        tok.dep_ == "relcl"
        and tok.tag_ == "VB"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    )


def tense_of(token: Token, *, arrangement: bool = False) -> str | None:
    """The tense ("past", "present", "future") of the clause governing a token, None if there is none.

    With `arrangement`, a present progressive reads as future ("are meeting on Friday" names the
    coming Friday); what the event's status is stays the caller's business ("is leading a
    delegation today" is under way).
    """
    verb = token
    while verb.pos_ not in ("VERB", "AUX") or verb.dep_ in ("aux", "auxpass"):
        if verb.head.i == verb.i:
            return None
        verb = verb.head
    for _ in range(4):  # climb out of infinitives: "is expected to meet on Friday"
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        words = {a.lower_ for a in auxes}
        if (
            "have" in words
            and verb.tag_ == "VBN"
            and words & {"to", "may", "might", "could", "must", "would", "should"}
        ):
            return "past"  # "is said to have met", "may have met": done, or possibly done
        if words & FUTURE_MODALS or (verb.tag_ == "VBG" and verb.lemma_ == "go" and "to" in words):
            return "future"
        if infinitive_relative(verb):  # "will be the first minister to visit"
            noun = verb.head
            while noun.pos_ not in ("VERB", "AUX") and noun.head.i != noun.i:
                noun = noun.head
            if noun.pos_ not in ("VERB", "AUX"):
                return None
            verb = noun
            continue
        if "to" in words and verb.dep_ in ("xcomp", "ccomp", "advcl") and verb.head.i != verb.i:
            if verb.head.lemma_ in PLAN_VERBS or verb.head.lemma_ == "be":
                return "future"
            verb = verb.head
            continue
        if verb.lemma_ in SCHEDULE_VERBS and any(
            c.dep_ == "prep"
            and c.lower_ in ("for", "until")
            and not _for_consultations(c)
            and (verb.lemma_ != "call" or _for_a_gathering(c))
            for c in verb.children
        ):
            return "future"  # "set for Friday", "called for talks on Friday"; not "called for calm on Monday"
        if arrangement and verb.tag_ == "VBG" and words & {"is", "are", "am", "'s", "'re"}:
            return "future"  # "are meeting on Friday": the present progressive of an arrangement
        tags = {verb.tag_} | {a.tag_ for a in auxes}
        if tags & {"VBD"} or ("VBN" in tags and {"have", "be"} & {a.lemma_ for a in auxes}):
            return "past" if not (words & {"is", "are", "am", "'s", "'re"} and "VBN" in tags) else "present"
        if verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod", "relcl"):
            return "past"  # "a conversation held on Monday"
        if tags & {"VBZ", "VBP"}:
            return "present"
        if verb.dep_ in ("conj", "xcomp", "ccomp", "advcl", "pcomp") and verb.head.i != verb.i:
            verb = verb.head  # a bare verb takes its tense from the one it depends on
            while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                verb = verb.head
            continue
        return None
    return None


def find_timexes(doc: Doc, published: dt.date | None) -> tuple[Timex, ...]:
    """Every time expression in an article, normalised against its publication date, by offset."""
    text = doc.text
    found = _candidates(text)
    timexes: list[Timex] = []
    named: list[Timex] = []  # expressions that name a time outright, the anchors for later ones
    for start, end, rule, m in found:
        if not _accept(doc, start, end, rule, m):
            continue
        sentence_start = _sentence_start(doc, start)
        anchor = _anchor(timexes, text, start)
        local = anchor if anchor and _anchor_start(timexes, anchor) >= sentence_start else None
        token = _token_at(doc, start)
        recent = tuple(
            t.value
            for t in reversed(named)
            if t.value and granularity(t.value) and start - t.span.end < RECENT_REACH
        )
        # "are meeting on Friday" is the coming Friday; "is continuing under a June agreement" is last June
        arrangement = rule.name in {"weekday", "the_weekend"}
        tense = tense_of(token, arrangement=arrangement) if token is not None else None
        ctx = Context(published, tense, anchor, local, recent)
        result = rule.resolve(m, ctx)
        if result == REJECT:
            continue
        value = _value(result, rule.name)
        if rule.name in {"range", "range_dm"} and isinstance(result, tuple):
            # TimeML writes a range as its two ends: "June 7-8" is "June 7" and "8"; the whole range
            # follows them, so an event dated by it keeps both bounds
            timexes.extend(_range_ends(text, start, end, m, result))
        timexes.append(_timex(text, start, end, value, rule.name))
        timexes[-1] = _anchored_offset(text, timexes, published) or timexes[-1]
        # "a year earlier" is derived from the quarter before it; chaining on it would drift back
        derived = (
            rule.name in DERIVED or timexes[-1].anchor == "anchored" or (rule.name == "period" and m["ago"])
        )
        if not derived:
            named.append(timexes[-1])
    return tuple(_ranges(text, timexes))


_RANGE_GLUE = re.compile(r"^\s*(?:and|to|until|till|through|-|–|—)\s*$", re.IGNORECASE)
_RANGE_OPEN = re.compile(r"\b(?:between|from)\s*$", re.IGNORECASE)


def _ranges(text: str, timexes: list[Timex]) -> list[Timex]:
    """ "between March 3 and March 7", "from Monday to Wednesday": one expression spanning both.

    Its value is the first day (TimeML gives a range no single value) and its earliest and latest
    bounds cover the whole range, so an event dated by it is drawn as that range.
    """
    out: list[Timex] = []
    i = 0
    while i < len(timexes):
        a = timexes[i]
        b = timexes[i + 1] if i + 1 < len(timexes) else None
        if (
            b is not None
            and a.type == b.type == "DATE"
            and a.earliest
            and b.latest
            and a.earliest <= b.latest
            and _RANGE_GLUE.match(text[a.span.end : b.span.start])
            and _RANGE_OPEN.search(text[max(0, a.span.start - 12) : a.span.start])
        ):
            opener = _RANGE_OPEN.search(text[max(0, a.span.start - 12) : a.span.start])
            start = max(0, a.span.start - 12) + opener.start()
            out += [a, b]  # the two ends stay expressions of their own (TimeML), the range follows them
            out.append(
                Timex(
                    span=Span.of(text, start, b.span.end),
                    value=a.value,
                    type="DATE",
                    earliest=a.earliest,
                    latest=b.latest,
                    anchor="range",
                )
            )
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def _range_ends(text: str, start: int, end: int, m: re.Match[str], result: tuple[str, str]) -> list[Timex]:
    """The two ends of a range written as one phrase: "August 27-28" -> "August 27", "28"."""
    first, last = result
    d1_end = m.end("d1")
    second = m.start("mon2") if m.groupdict().get("mon2") else m.start("d2")
    if m.re.groupindex.get("mon") and m.start("mon") > m.start("d1"):
        # "18-19 February 2023": the first end is the day alone, the second carries the month
        first_span, second_span = (start, d1_end), (m.start("d2"), end)
    else:
        first_span, second_span = (start, d1_end), (second, end)
    out = []
    for (a, b), value in ((first_span, first), (second_span, last)):
        tv = _value(value, "range")
        out.append(_timex(text, a, b, tv, "range_end"))
    return out


def _candidates(text: str) -> list[tuple[int, int, Rule, re.Match[str]]]:
    """Rule matches, longest first where they overlap, then sorted by offset."""
    matches, chosen = [], []
    for order, rule in enumerate(RULES):
        for m in rule.regex.finditer(text):
            start, end = m.span("x") if "x" in rule.regex.groupindex and m["x"] else m.span()
            matches.append((start, end, order, rule, m))
    matches.sort(key=lambda t: (-(t[1] - t[0]), t[2], t[0]))
    taken: list[tuple[int, int]] = []  # sorted; they never overlap, so their ends are sorted too
    for start, end, _, rule, m in matches:
        i = bisect.bisect_left(taken, (end,))  # the taken matches that start before this one ends
        if not (i and taken[i - 1][1] > start):
            taken.insert(i, (start, end))
            chosen.append((start, end, rule, m))
    return sorted(chosen, key=lambda t: t[0])


def _accept(doc: Doc, start: int, end: int, rule: Rule, m: re.Match[str]) -> bool:
    """Whether a match that could also be something else is a time expression here."""
    if rule.name != "year" or m["edge"]:
        return True
    token = _token_at(doc, start)
    if token is None:
        return True
    before = doc[token.i - 1].lower_ if token.i > 0 else ""
    if before in YEAR_CUES or token.ent_type_ == "DATE":
        return True
    return token.ent_type_ not in NOT_YEAR_ENTS and token.like_num


def _token_at(doc: Doc, offset: int) -> Token | None:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _sentence_start(doc: Doc, offset: int) -> int:
    token = _token_at(doc, offset)
    if token is None or not doc.has_annotation("SENT_START"):
        return 0
    return token.sent.start_char


def _anchor(timexes: list[Timex], text: str, start: int) -> str | None:
    """The value of the nearest earlier concrete date in the same paragraph, for anaphoric phrases."""
    for t in reversed(timexes):
        if start - t.span.end > ANCHOR_REACH or text[t.span.end : start].count("\n\n") > PARAGRAPHS_BACK:
            return None
        if t.value and granularity(t.value):
            return t.value
    return None


def _anchor_start(timexes: list[Timex], value: str) -> int:
    return next(t.span.start for t in reversed(timexes) if t.value == value)


def _timex(text: str, start: int, end: int, value: TimeValue | None, rule: str) -> Timex:
    deictic = rule in ("deictic_day", "this_part", "weekday", "relative_unit", "the_weekend", "offset")
    return Timex(
        span=Span.of(text, start, end),
        value=value.value if value else None,
        type=value.type if value else "DATE",
        earliest=value.earliest if value else None,
        latest=value.latest if value else None,
        anchor="published" if deictic else rule,
    )


OFFSET_BEFORE = re.compile(
    r"(?<![\w-])(?:(?:about|almost|nearly|some|just|only)\s+)?(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|a\s+couple\s+of)\s+(?P<u>day|week|month|year)s?\s+(?P<dir>after|before)\s+(?:on\s+)?$",
    re.IGNORECASE,
)


def _anchored_offset(text: str, timexes: list[Timex], published: dt.date | None) -> Timex | None:
    """Widen "a day after <date>" into one expression anchored to that date."""
    last = timexes[-1]
    if not last.value or granularity(last.value) is None:
        return None
    prefix = text[max(0, last.span.start - 60) : last.span.start]
    m = OFFSET_BEFORE.search(prefix)
    if m is None or (len(timexes) > 1 and timexes[-2].span.end > last.span.start - len(prefix) + m.start()):
        return None
    n = number_of(m["n"]) or 1
    value = _value(shift(last.value, n if m["dir"].lower() == "after" else -n, m["u"].lower()))
    start = last.span.start - len(prefix) + m.start()
    return _timex(text, start, last.span.end, value, "anchored")
