"""The GDELT DOC 2.0 API's article list: the news articles GDELT has seen that match a query.

One request: `<base>?query=...&mode=artlist&format=json&maxrecords=N&sort=datedesc`, with
`startdatetime` / `enddatetime` (YYYYMMDDHHMMSS, UTC) from --since / --until. The answer is
`{"articles": [...]}`; kg reads these fields of each article:

    url            the article's address (fetched afterwards like any page)
    title          its headline as GDELT saw it
    seendate       when GDELT first saw it, "YYYYMMDDTHHMMSSZ" (used as the publication date
                   only when the page itself carries none)
    domain         the site, used as the source when the page names no publisher
    language       the language GDELT detected ("English"), for --lang
    sourcecountry  the country of the outlet, kept in the corpus record

and ignores the others (url_mobile, socialimage). Requests to GDELT's own host are kept five seconds
apart, as GDELT asks of API clients. GDELT answers a query it cannot run with a line
of plain text instead of JSON; that line becomes the error message. The API covers roughly the
last three months and returns at most 250 articles per request.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from urllib.parse import urlencode

from kg.errors import SourceError
from kg.sources.collect.listing import Lead

GDELT_URL = "https://api.gdeltproject.org/api/v2/doc/doc"
MAX_RECORDS = 250
# GDELT asks API clients for no more than one request every five seconds; kg keeps to that on
# GDELT's own host whatever --delay says (a mirror or a test server goes at --delay).
GDELT_PACE = 5.0


def gdelt_base() -> str:
    """The API address: $KG_GDELT_URL when set (a mirror, or a local test server), else GDELT's."""
    return os.environ.get("KG_GDELT_URL") or GDELT_URL


def artlist_url(
    query: str,
    *,
    base: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    max_records: int = MAX_RECORDS,
) -> str:
    """The artlist request for a query, within the dates given."""
    if not query.strip():
        raise SourceError("the GDELT query is empty", source="--gdelt")
    params = {
        "query": query,
        "mode": "artlist",
        "format": "json",
        "maxrecords": str(max(1, min(MAX_RECORDS, max_records))),
        "sort": "datedesc",
    }
    if since:
        params["startdatetime"] = since.strftime("%Y%m%d000000")
    if until:
        params["enddatetime"] = until.strftime("%Y%m%d235959")
    return f"{base or gdelt_base()}?{urlencode(params)}"


def seen_date(value: str) -> dt.date | None:
    """The day of a GDELT seendate ("20251021T093000Z"), or None."""
    try:
        return dt.datetime.strptime(value.strip()[:8], "%Y%m%d").date()
    except (ValueError, AttributeError):
        return None


def artlist_leads(data: bytes, query: str) -> list[Lead]:
    """The articles of an artlist answer as leads; SourceError when the answer is not one."""
    where = f"gdelt:{query}"
    text = data.decode("utf-8", errors="replace").strip()
    if not text:
        return []  # GDELT answers an empty body when nothing matches
    try:
        doc = json.loads(text)
    except ValueError:
        first = text.splitlines()[0][:200]
        raise SourceError(f"GDELT did not answer JSON: {first!r}", source=where) from None
    if not isinstance(doc, dict):
        raise SourceError("GDELT answered JSON that is not an object with 'articles'", source=where)
    articles = doc.get("articles") or []
    if not isinstance(articles, list):
        raise SourceError("GDELT's 'articles' is not a list", source=where)
    out = []
    for a in articles:
        if not isinstance(a, dict) or not isinstance(a.get("url"), str) or not a["url"].strip():
            continue
        lead = Lead(
            url=a["url"].strip(),
            found_in=where,
            title=str(a.get("title") or "").strip(),
            published=seen_date(str(a.get("seendate") or "")),
            language=str(a.get("language") or ""),
            source=str(a.get("domain") or ""),
            country=str(a.get("sourcecountry") or ""),
        )
        out.append(lead)
    return out
