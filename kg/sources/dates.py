"""Publication dates: parsing date strings in records and finding a dated line near the top of a page."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from typing import Any

DATE_SEARCH_CHARS = 1500  # a "Published on ..." line is looked for this far into a page

_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_MDY = re.compile(r"\b([A-Z][a-z]{2,8})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
_DMY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Z][a-z]{2,8})\.?,?\s+(\d{4})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_STAMP = re.compile(r"^\s*(?:published|updated|posted|last updated|date|dated)\b", re.IGNORECASE)


def _ymd(y: str, m: str | int, d: str) -> dt.date | None:
    month = m if isinstance(m, int) else _MONTHS.get(m[:3].lower())
    try:
        return dt.date(int(y), month, int(d)) if month else None
    except ValueError:
        return None


def _find_date(s: str) -> dt.date | None:
    for m in _ISO.finditer(s):
        if d := _ymd(m[1], int(m[2]), m[3]):
            return d
    for m in _MDY.finditer(s):
        if d := _ymd(m[3], m[1], m[2]):
            return d
    for m in _DMY.finditer(s):
        if d := _ymd(m[3], m[2], m[1]):
            return d
    return None


def parse_date(value: Any) -> dt.date | None:
    """A date from an ISO date or datetime, an RFC 822 date, or a common written form; else None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    s = value.strip()
    try:
        return dt.datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError):
        pass
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}|\d{4}-\d{2}-\d{2}[T ].*", s):
        return None  # ISO-shaped but impossible ("0000-00-00", "9999-99-99"): no guessing
    if (d := _find_date(s)) is not None:
        return d
    return _dateparser(s)


def _dateparser(s: str) -> dt.date | None:
    import dateparser  # slow to import; only needed for unusual formats

    try:
        got = dateparser.parse(
            s,
            languages=["en"],
            settings={
                "STRICT_PARSING": True,
                "REQUIRE_PARTS": ["day", "month", "year"],
                "PARSERS": ["absolute-time"],
            },
        )
    except Exception:  # dateparser raises a variety of errors on odd input; a date it cannot read is None
        return None
    return got.date() if got else None


def _date_in_text(text: str) -> dt.date | None:
    """A publication date stated near the top: a dated stamp line, else the first date alone on a line."""
    lines = text[:DATE_SEARCH_CHARS].split("\n")
    for i, line in enumerate(lines):
        # "Published" / "on" / "October 21, 2025" are often split over lines.
        if _STAMP.match(line) and (d := _find_date(" ".join(lines[i : i + 4]))):
            return d
    for line in lines:
        if len(line.split()) <= 8 and (d := _find_date(line)):
            return d
    return None


# ---------------------------------------------------------------------------- decoding


def as_date(value: Any) -> dt.date | None:
    """A `datetime.date` from a date, a datetime or an ISO string; None for anything else."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
