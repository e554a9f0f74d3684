"""`collect()`: listings in, a JSONL corpus out, one polite fetch per new article page.

The order: open the corpus (cutting off a line a kill left half-written) and the cache; read every
listing into leads, merged by URL; drop the leads already in the corpus, those that failed for good
in an earlier run, and those the listing dates outside --since/--until; then fetch the rest on a
few threads (each host paced and capped by the `Fetcher`), extract each page, check its date and
language, and append it to the corpus from this thread alone, so lines never interleave. Every
lead that does not become an article is reported once, with its URL and the reason.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import SourceError
from kg.sources.collect.cache import Corpus, PageCache
from kg.sources.collect.fetch import Fetcher, FetchError
from kg.sources.collect.gdelt import GDELT_PACE, GDELT_URL
from kg.sources.collect.listing import Lead, merged, normalise
from kg.sources.collect.listings import leads_of
from kg.sources.collect.pages import feed_stand_in, language_refusal, page_language, page_text, record
from kg.sources.collect.politeness import HostGate, host_of

# Answers that will not change on a re-run: remembered, and not asked again unless --retry-failed.
LASTING = ("HTTP 400", "HTTP 401", "HTTP 403", "HTTP 404", "HTTP 410", "HTTP 451", "disallowed by robots.txt")


@dataclass(frozen=True)
class Options:
    """How a collect behaves; the defaults are the polite ones."""

    since: dt.date | None = None
    until: dt.date | None = None
    limit: int | None = None
    lang: str | None = None
    contact: str = ""
    delay: float = 1.0  # seconds between the starts of two requests to one host
    per_host: int = 2  # requests in flight to one host
    workers: int = 4  # pages fetched at once, over all hosts
    timeout: float = 20.0
    max_bytes: int = 5 * 1024 * 1024
    retries: int = 3
    backoff: float = 2.0
    max_wait: float = 300.0
    gdelt_url: str | None = None
    retry_failed: bool = False
    feed_text: bool = True  # keep a feed's full text when its page cannot be read


@dataclass
class Summary:
    """What one collect did."""

    listed: int = 0  # distinct article URLs the listings named
    collected: int = 0
    known: int = 0  # already in the corpus
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)
    failed_listings: list[tuple[str, str]] = field(default_factory=list)
    out_of_window: int = 0  # dated outside --since/--until by the listing, never fetched
    earlier_failures: int = 0  # failed for good in an earlier run, not tried again
    repaired_bytes: int = 0
    requests: int = 0
    corpus_lines: int = 0


Event = Callable[[str, str, str], None]  # (kind, url, detail): listed, failed, start, collected, skipped


def _outside(day: dt.date | None, o: Options) -> str | None:
    if day is None:
        return None
    if o.since and day < o.since:
        return f"published {day}, before --since {o.since}"
    if o.until and day > o.until:
        return f"published {day}, after --until {o.until}"
    return None


class _Work:
    """The per-lead work done on a worker thread: fetch (or take from the cache), extract, check."""

    def __init__(self, fetcher: Fetcher, cache: PageCache, o: Options) -> None:
        self.fetcher, self.cache, self.o = fetcher, cache, o

    def __call__(self, lead: Lead) -> dict[str, Any]:
        o = self.o
        page = self.cache.get(lead.url)
        if page is None:
            try:
                page = self.fetcher.get(lead.url)
            except FetchError as e:
                stand_in = feed_stand_in(lead) if o.feed_text else None
                if stand_in is None:
                    return {"skip": e.reason, "lasting": e.reason.startswith(LASTING)}
                return self._from_feed(lead, stand_in, f"page not read ({e.reason})")
            self.cache.put(lead.url, page)
        try:
            text, title, day, site = page_text(page)
        except SourceError as e:
            stand_in = feed_stand_in(lead) if o.feed_text else None
            if stand_in is None:
                return {"skip": e.reason}
            return self._from_feed(lead, stand_in, e.reason)
        if o.since or o.until:
            when = day or lead.published
            if when is None:
                return {
                    "skip": "no publication date on the page or in the listing, so --since/--until cannot be checked"
                }
            if why := _outside(when, o):
                return {"skip": why}
        lang = page_language(page)
        if why := language_refusal(o.lang, lang or _code(lead.language), text):
            return {"skip": why}
        rec = record(lead, text=text, url=page.url, text_from="page", title=title, published=day,
                     source=site, language=lang, fetched_at=self.cache.fetched_at(lead.url))  # fmt: skip
        return {"record": rec}

    def _from_feed(self, lead: Lead, text: str, why: str) -> dict[str, Any]:
        if self.o.since or self.o.until:
            if lead.published is None:
                return {"skip": f"{why}, and the feed gives no date, so --since/--until cannot be checked"}
            if out := _outside(lead.published, self.o):
                return {"skip": out}
        if refusal := language_refusal(self.o.lang, _code(lead.language), text):
            return {"skip": refusal}
        return {
            "record": record(lead, text=text, url=lead.url, text_from="feed"),
            "note": f"{why}; the feed's text kept",
        }


def _code(language: str) -> str:
    from kg.sources.collect.pages import language_code

    return language_code(language)


def collect(
    sources: list[str],
    out: Path,
    *,
    gdelt: list[str] = (),  # type: ignore[assignment]
    cache_dir: Path | None = None,
    options: Options | None = None,
    on_event: Event | None = None,
) -> Summary:
    """Collect the articles the listings name into the JSONL corpus `out` (see the module docstring)."""
    o = options or Options()
    report = on_event or (lambda kind, url, detail: None)
    summary = Summary()
    corpus = Corpus(out)
    summary.repaired_bytes = corpus.repaired
    cache = PageCache(cache_dir or out.with_name(out.name + ".cache"))
    if o.retry_failed:
        cache.forget_failures()
    gate = HostGate(delay=o.delay, per_host=o.per_host)
    fetcher = Fetcher(contact=o.contact, timeout=o.timeout, max_bytes=o.max_bytes, retries=o.retries,
                      backoff=o.backoff, max_wait=o.max_wait, gate=gate,
                      host_delays={host_of(GDELT_URL): GDELT_PACE})  # fmt: skip

    def on_listing(kind: str, url: str, detail: str) -> None:
        if kind == "failed":
            summary.failed_listings.append((url, detail))
        report(kind, url, detail)

    try:
        todo = []
        leads = leads_of(list(sources), list(gdelt), fetcher, cache, since=o.since, until=o.until,
                         gdelt_base=o.gdelt_url, max_records=o.limit or 250, report=on_listing)  # fmt: skip
        for lead in merged(leads):
            summary.listed += 1
            if corpus.has(lead.url):
                summary.known += 1
            elif normalise(lead.url) in cache.failed:
                summary.earlier_failures += 1
            elif _outside(lead.published, o) or (o.since and lead.lastmod and lead.lastmod < o.since):
                summary.out_of_window += 1
            else:
                todo.append(lead)
        report("total", "", str(len(todo) if o.limit is None else min(len(todo), o.limit)))
        _fetch_all(todo, _Work(fetcher, cache, o), corpus, cache, o, summary, report)
    finally:
        summary.requests = fetcher.requests
        summary.corpus_lines = corpus.lines
        fetcher.close()
        corpus.close()
        cache.close()
    return summary


def _fetch_all(todo: list[Lead], work: _Work, corpus: Corpus, cache: PageCache, o: Options,
               summary: Summary, report: Event) -> None:  # fmt: skip
    """Run the work on a few threads, keeping only a few leads ahead, and write in this thread."""
    pending: dict[Future, Lead] = {}
    it = iter(todo)
    with ThreadPoolExecutor(max_workers=max(1, o.workers), thread_name_prefix="kg-collect") as pool:
        while True:
            room = o.limit is None or summary.collected + len(pending) < o.limit
            while room and len(pending) < o.workers * 2:
                lead = next(it, None)
                if lead is None:
                    break
                pending[pool.submit(work, lead)] = lead
                room = o.limit is None or summary.collected + len(pending) < o.limit
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                lead = pending.pop(fut)
                try:
                    result = fut.result()
                except Exception as e:  # last line of defence: one page never stops the collect
                    result = {"skip": f"unexpected {type(e).__name__}: {e}"}
                _settle(lead, result, corpus, cache, o, summary, report)


def _settle(lead: Lead, result: dict[str, Any], corpus: Corpus, cache: PageCache, o: Options,
            summary: Summary, report: Event) -> None:  # fmt: skip
    rec = result.get("record")
    if rec is None:
        why = result["skip"]
        if result.get("lasting"):
            cache.fail(lead.url, why)
        summary.skipped.append((lead.url, why))
        report("skipped", lead.url, why)
        return
    if corpus.has(rec["url"]):
        why = f"the same page as one already collected ({rec['url']})"
        summary.skipped.append((lead.url, why))
        report("skipped", lead.url, why)
        return
    if o.limit is not None and summary.collected >= o.limit:
        return  # fetched while the last of the limit was being written; its page stays cached
    if rec["id"] in corpus.ids:  # another URL that differs only in its scheme, "www." or a trailing slash
        rec["id"] = f"{rec['id']}-{hashlib.sha1(rec['url'].encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"
    corpus.append(rec)
    summary.collected += 1
    report("collected", lead.url, result.get("note", ""))
