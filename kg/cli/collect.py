"""`kg collect`: build a JSONL corpus from feeds, sitemaps, files of URLs and GDELT queries."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.common import _date, _fail
from kg.errors import KGError


def collect(
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            help="RSS/Atom feed, sitemap (or sitemap index) or article URLs, or files with one URL a line.",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="The JSONL corpus to add to (created if missing).")
    ] = Path("corpus.jsonl"),
    gdelt: Annotated[
        list[str] | None,
        typer.Option("--gdelt", help="A GDELT DOC 2.0 query; its article list is collected (repeatable)."),
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="Only articles published on or after this day (YYYY-MM-DD).")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Only articles published on or before this day (YYYY-MM-DD).")
    ] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Collect at most this many new articles.")] = None,
    lang: Annotated[
        str | None, typer.Option(help="Only articles in this language (two-letter code, e.g. en).")
    ] = None,
    contact: Annotated[
        str, typer.Option(help="An e-mail or URL put in the User-Agent, so a site can reach you.")
    ] = "",
    delay: Annotated[float, typer.Option(min=0, help="Seconds between two requests to one host.")] = 1.0,
    per_host: Annotated[int, typer.Option("--per-host", min=1, help="Requests in flight to one host.")] = 2,
    workers: Annotated[int, typer.Option(min=1, help="Pages fetched at once, over all hosts.")] = 4,
    timeout: Annotated[float, typer.Option(min=0.1, help="Seconds before a request is given up.")] = 20.0,
    max_mb: Annotated[float, typer.Option("--max-mb", min=0.01, help="Largest page read, in MiB.")] = 5.0,
    retries: Annotated[int, typer.Option(min=0, help="Retries on 429, 5xx and network errors.")] = 3,
    backoff: Annotated[
        float, typer.Option(min=0, help="First retry after this many seconds, doubling.")
    ] = 2.0,
    max_wait: Annotated[
        float,
        typer.Option("--max-wait", min=0, help="Give a URL up if Retry-After asks for longer (seconds)."),
    ] = 300.0,
    gdelt_url: Annotated[
        str | None,
        typer.Option("--gdelt-url", help="The GDELT DOC API address (default: $KG_GDELT_URL, else GDELT's)."),
    ] = None,
    cache: Annotated[
        Path | None, typer.Option(help="The cache folder (default: the corpus name + .cache).")
    ] = None,
    retry_failed: Annotated[
        bool, typer.Option("--retry-failed", help="Try again the URLs that failed for good in earlier runs.")
    ] = False,
    no_feed_text: Annotated[
        bool,
        typer.Option("--no-feed-text", help="Never keep a feed's own text when its page cannot be read."),
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar, only the skipped URLs and the summary.")
    ] = False,
) -> None:
    """Fetch the article pages that feeds, sitemaps, URL files and GDELT queries list, into a JSONL corpus.

    Polite by default: robots.txt is obeyed, each host gets one request per --delay seconds and at
    most --per-host at once, 429/5xx are retried with backoff (Retry-After honoured). Run it again
    to fetch only what is new, or to resume an interrupted run. Then: kg ingest CORPUS.
    """
    from kg.sources.collect import Options
    from kg.sources.collect import collect as run

    if not sources and not gdelt:
        raise _fail(
            "nothing to collect: give feed, sitemap or page URLs, a file of URLs, or --gdelt QUERY", 2
        )
    if lang is not None and (len(lang) != 2 or not lang.isalpha()):
        raise _fail(f"--lang {lang!r} is not a two-letter language code; write e.g. --lang en", 2)
    day_from, day_to = _date(since, "--since"), _date(until, "--until")
    if day_from and day_to and day_from > day_to:
        raise _fail(f"--since {day_from} is after --until {day_to}", 2)
    options = Options(
        since=day_from, until=day_to, limit=limit, lang=lang.lower() if lang else None, contact=contact,
        delay=delay, per_host=per_host, workers=workers, timeout=timeout, max_bytes=int(max_mb * 2**20),
        retries=retries, backoff=backoff, max_wait=max_wait, gdelt_url=gdelt_url, retry_failed=retry_failed,
        feed_text=not no_feed_text,
    )  # fmt: skip
    try:
        with _Progress(quiet) as progress:
            summary = run(
                sources or [], out, gdelt=gdelt or [], cache_dir=cache, options=options, on_event=progress
            )
    except KGError as exc:
        raise _fail(str(exc)) from None
    if summary.repaired_bytes:
        typer.echo(
            f"note: {out}: cut off a half-written last line ({summary.repaired_bytes} bytes); its article is collected again",
            err=True,
        )
    typer.echo(
        f"{summary.listed} listed, {summary.collected} collected, {summary.known} already in the corpus, "
        f"{len(summary.skipped)} skipped, {summary.out_of_window} outside the dates by their listing, "
        f"{summary.earlier_failures} failed in an earlier run; {summary.corpus_lines} articles in {out}"
    )
    if summary.earlier_failures:
        typer.echo("(the URLs that failed for good before are not tried again; --retry-failed tries them)")
    if summary.failed_listings and not summary.listed:
        raise typer.Exit(1)


class _Progress:
    """One line per listing read and per URL skipped; a progress bar with rate and ETA on a terminal."""

    def __init__(self, quiet: bool) -> None:
        self.bar = None
        self.task = None
        self.quiet = quiet

    def __enter__(self) -> _Progress:
        if not self.quiet and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

            self.bar = Progress(
                TextColumn("collecting"), BarColumn(), TextColumn("{task.completed}/{task.total} pages"),
                TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                console=Console(stderr=True), transient=True,
            )  # fmt: skip
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def _line(self, text: str) -> None:
        if self.bar is not None:
            self.bar.console.print(text, markup=False, highlight=False)
        else:
            typer.echo(text, err=True)

    def __call__(self, kind: str, url: str, detail: str) -> None:
        if kind == "total" and self.bar is not None:
            self.task = self.bar.add_task("collect", total=int(detail), rate="")
        elif kind == "listed" and not self.quiet:
            self._line(f"listed: {url}: {detail}")
        elif kind == "failed":
            self._line(f"failed: {url}: {detail}")
        elif kind == "skipped":
            self._line(f"skipped: {url}: {detail}")
        elif kind == "collected" and detail:
            self._line(f"note: {url}: {detail}")
        if kind in ("collected", "skipped") and self.bar is not None and self.task is not None:
            self.bar.advance(self.task)
            t = self.bar.tasks[0]
            if t.elapsed:
                self.bar.update(self.task, rate=f"{t.completed / t.elapsed:.1f}/s")
