"""What every dashboard page shares: the store, cached queries, and the sidebar filters.

It lives in `pages/__init__.py` because Streamlit turns every other `pages/*.py` into a page and
`kg/` must not import Streamlit; the page scripts import it as `import pages as ui`.

    ui.open_or_explain()        the read-only store, or a friendly empty state and st.stop()
    ui.sidebar_filters(store)   the shared filters (session state + URL query parameters)
    ui.timeline(store, f)       cached kg.queries.timeline for those filters
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import streamlit as st

from kg import queries as q
from kg import views
from kg.errors import KGError
from kg.model import EVENT_TYPES, STATUSES
from kg.store import Store, default_store_path, open_store

CACHE_TTL = 600  # seconds; the store version in every cache key makes new ingests show at once
QUERY_TIMEOUT = 20.0


# -- the store ----------------------------------------------------------------------------------
def store_path() -> str:
    """The store directory the dashboard reads: $KG_STORE, else ./kg-store."""
    return str(os.environ.get("KG_STORE") or default_store_path())


@st.cache_resource(show_spinner="Opening the store…")
def _open(path: str) -> Store:
    return open_store(path, read_only=True)


def empty_state(path: str, reason: str) -> None:
    """Explain how to put articles in the store (shown instead of a page)."""
    st.info(
        f"**{reason}**\n\n"
        "Ingest some news articles first, then reload this page:\n\n"
        f"```bash\nkg ingest data --store {path}\n```\n\n"
        "`kg ingest` reads .txt, .html, .json/.jsonl, .csv and RSS files or folders of them. "
        "You can also paste a single article on the **Ingest** page.\n\n"
        f"To read another store: `KG_STORE=/path/to/store streamlit run app.py`.",
        icon=":material/inbox:",
    )


def open_or_explain(*, allow_empty: bool = False) -> Store:
    """The read-only store; when there is none (or it is empty) a friendly explanation and st.stop()."""
    path = store_path()
    if not Path(path).is_dir():
        empty_state(path, f"There is no store at `{path}` yet.")
        st.stop()
    try:
        store = _open(path)
    except KGError as exc:
        st.error(f"Cannot open the store at `{path}`: {exc}")
        st.stop()
    if not allow_empty and version(store)[0] == 0:
        empty_state(path, f"The store at `{path}` holds no articles yet.")
        st.stop()
    return store


def version(store: Store) -> tuple[int, str]:
    """(number of articles, digest of their content hashes): changes whenever an ingest commits."""
    return q.content_version(store, timeout=QUERY_TIMEOUT)


def key(store: Store) -> tuple[str, tuple[int, str]]:
    """The cache key of the store's current content."""
    return store_path(), version(store)


# -- cached queries (the store is looked up by path; `ver` only keys the cache) ------------------
@st.cache_data(ttl=CACHE_TTL, show_spinner="Querying events…", max_entries=64)
def _timeline(path: str, ver: tuple[int, str], f: Filters, limit: int | None) -> pd.DataFrame:
    return q.timeline(_open(path), **f.kwargs(), limit=limit)


@st.cache_data(ttl=CACHE_TTL, show_spinner="Querying dates…")
def _date_range(path: str, ver: tuple[int, str]) -> tuple[dt.date, dt.date] | None:
    return q.date_range(_open(path))


@st.cache_data(ttl=CACHE_TTL, show_spinner="Querying entities…")
def _entities(path: str, ver: tuple[int, str]) -> pd.DataFrame:
    return q.entities(_open(path))


@st.cache_data(ttl=CACHE_TTL, show_spinner="Querying articles…")
def _articles(path: str, ver: tuple[int, str]) -> pd.DataFrame:
    return q.articles(_open(path))


@st.cache_data(ttl=CACHE_TTL, show_spinner="Querying roles…")
def _roles(path: str, ver: tuple[int, str]) -> pd.DataFrame:
    return q.memberships(_open(path), timeout=QUERY_TIMEOUT)


@st.cache_data(ttl=CACHE_TTL, show_spinner="Querying places…")
def _places(path: str, ver: tuple[int, str]) -> pd.DataFrame:
    return q.gazetteer(_open(path), timeout=QUERY_TIMEOUT)


def timeline(store: Store, f: Filters, *, limit: int | None = None) -> pd.DataFrame:
    """kg.queries.timeline for the filters, cached until the store changes."""
    path, ver = key(store)
    return _timeline(path, ver, f, limit)


def entities(store: Store) -> pd.DataFrame:
    """kg.queries.entities, cached."""
    return _entities(*key(store))


def articles(store: Store) -> pd.DataFrame:
    """kg.queries.articles, cached."""
    return _articles(*key(store))


def roles(store: Store) -> pd.DataFrame:
    """Every role held in the store (person, title, org, first/last attested), cached."""
    return _roles(*key(store))


def places(store: Store) -> pd.DataFrame:
    """Every place with coordinates and country, cached."""
    return _places(*key(store))


def names(store: Store) -> dict[str, str]:
    """Entity IRI -> name."""
    ents = entities(store)
    return dict(zip(ents["entity"], ents["name"], strict=True))


def kinds(store: Store) -> dict[str, str]:
    """Entity IRI -> Person / Organization / Place."""
    ents = entities(store)
    return dict(zip(ents["entity"], ents["type"], strict=True))


def countries(store: Store) -> dict[str, str]:
    """Actor IRI -> the country it belongs to (a role's country, a place's country, a country itself)."""
    kind = kinds(store)
    out: dict[str, str] = {}
    pl = places(store)
    for rec in pl.to_dict("records"):
        country = rec.get("country_name")
        out[rec["place"]] = country if isinstance(country, str) and country else rec["name"]
    for rec in roles(store).to_dict("records"):
        if kind.get(rec["org"]) == "Place" and isinstance(rec.get("org_name"), str):
            out.setdefault(rec["person"], out.get(rec["org"], rec["org_name"]))
    return out


# -- filters ------------------------------------------------------------------------------------
# Filter field -> URL query parameter (lists repeat the parameter: ?type=Meeting&type=Summit).
PARAM_NAMES = (
    ("start", "start"),
    ("end", "end"),
    ("entities", "entity"),
    ("types", "type"),
    ("statuses", "status"),
    ("places", "place"),
    ("sources", "source"),
    ("text", "q"),
)


@dataclass(frozen=True)
class Filters:
    """The shared selection: a date window, entities, types, statuses, places, sources, free text."""

    start: dt.date | None = None
    end: dt.date | None = None
    entities: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    text: str = ""

    def kwargs(self) -> dict[str, Any]:
        """Keyword arguments for kg.queries.timeline."""
        return {
            "start": self.start,
            "end": self.end,
            "entities": self.entities,
            "types": self.types,
            "statuses": self.statuses,
            "places": self.places,
            "sources": self.sources,
            "text": self.text or None,
        }

    def to_params(self) -> dict[str, str | list[str]]:
        """URL query parameters (only those that are set)."""
        out: dict[str, str | list[str]] = {}
        for attr, name in PARAM_NAMES:
            v = getattr(self, attr)
            if isinstance(v, tuple):
                if v:
                    out[name] = list(v)
            elif isinstance(v, dt.date):
                out[name] = v.isoformat()
            elif v:
                out[name] = str(v)
        return out

    @classmethod
    def from_params(cls, params: Mapping[str, Sequence[str]]) -> Filters:
        """Filters from URL query parameters (name -> values); unknown values are dropped."""

        def date(name: str) -> dt.date | None:
            for v in params.get(name, ()):
                try:
                    return dt.date.fromisoformat(v)
                except ValueError:
                    return None
            return None

        def pick(name: str, valid: Sequence[str]) -> tuple[str, ...]:
            lookup = {v.casefold(): v for v in valid}
            return tuple(lookup[v.casefold()] for v in params.get(name, ()) if v.casefold() in lookup)

        start, end = date("start"), date("end")
        if start and end and start > end:
            start, end = end, start
        return cls(
            start=start,
            end=end,
            entities=tuple(params.get("entity", ())),
            types=pick("type", EVENT_TYPES),
            statuses=pick("status", STATUSES),
            places=tuple(params.get("place", ())),
            sources=tuple(params.get("source", ())),
            text=next(iter(params.get("q", ())), ""),
        )

    def describe(self) -> str:
        """A short human description of what is filtered."""
        parts = []
        if self.start or self.end:
            parts.append(f"{self.start or '…'} – {self.end or '…'}")
        for attr in ("entities", "types", "statuses", "places", "sources"):
            v = getattr(self, attr)
            if v:
                parts.append(
                    f"{len(v)} {attr}" if attr in ("entities", "places", "sources") else ", ".join(v)
                )
        if self.text:
            parts.append(f"text “{self.text}”")
        return "; ".join(parts) or "everything"


FILTER_FIELDS = tuple(f.name for f in fields(Filters) if not f.name.startswith("_"))
_STATE = "kg_filters"


def current_filters() -> Filters:
    """The filters of this session (read from the URL on the first run)."""
    if _STATE not in st.session_state:
        params = {k: st.query_params.get_all(k) for k in st.query_params}
        st.session_state[_STATE] = Filters.from_params(params)
    return st.session_state[_STATE]


def _seed(widget: str, value: Any) -> None:
    # Widgets are keyed; their state is seeded from the session's filters when a page first shows
    # them, so the same selection follows the user from page to page.
    if widget not in st.session_state:
        st.session_state[widget] = value


def _reset() -> None:
    st.session_state[_STATE] = Filters()
    for k in list(st.session_state):
        if str(k).startswith("flt_"):
            del st.session_state[k]


def date_bounds(store: Store) -> tuple[dt.date, dt.date] | None:
    """The first and last day any event (or its range) touches."""
    return _date_range(*key(store))


def sidebar_filters(store: Store) -> Filters:
    """Draw the shared filters in the sidebar and return them (also written to the URL)."""
    f = current_filters()
    ents = entities(store)
    name_of = dict(zip(ents["entity"], ents["name"], strict=True))
    actor_opts = list(ents.loc[ents["type"] != "Place", "entity"])
    place_opts = list(ents.loc[ents["type"] == "Place", "entity"])
    # A bookmarked IRI the store does not know still shows (by its IRI) rather than failing.
    actor_opts += [e for e in f.entities if e not in actor_opts]
    place_opts += [p for p in f.places if p not in place_opts]
    source_opts = sorted({s for s in articles(store)["source"] if isinstance(s, str) and s} | set(f.sources))
    bounds = date_bounds(store)

    with st.sidebar:
        st.header("Filters")
        start, end = f.start, f.end
        if bounds:
            lo, hi = bounds
            lo, hi = min(lo, f.start or lo), max(hi, f.end or hi)
            if lo == hi:
                st.caption(f"All events fall on {lo}.")
                start = end = None
            else:
                _seed("flt_window", (max(lo, f.start or lo), min(hi, f.end or hi)))
                w = st.slider(
                    "Date window", min_value=lo, max_value=hi, key="flt_window", format="YYYY-MM-DD"
                )
                start = w[0] if w[0] > lo else None
                end = w[1] if w[1] < hi else None
        _seed("flt_entities", list(f.entities))
        sel_entities = st.multiselect(
            "People and organisations",
            actor_opts,
            key="flt_entities",
            format_func=lambda i: name_of.get(i, i),
            placeholder="anyone",
        )
        _seed("flt_types", list(f.types))
        sel_types = st.multiselect("Event types", list(EVENT_TYPES), key="flt_types", placeholder="all types")
        _seed("flt_statuses", list(f.statuses))
        sel_statuses = st.multiselect(
            "Status", list(STATUSES), key="flt_statuses", placeholder="all (occurred, planned, cancelled…)"
        )
        _seed("flt_places", list(f.places))
        sel_places = st.multiselect(
            "Places (and places inside them)",
            place_opts,
            key="flt_places",
            format_func=lambda i: name_of.get(i, i),
            placeholder="anywhere",
        )
        _seed("flt_sources", list(f.sources))
        sel_sources = st.multiselect("Sources", source_opts, key="flt_sources", placeholder="all sources")
        _seed("flt_text", f.text)
        text = st.text_input("Text in label or quote", key="flt_text", placeholder="e.g. summit")
        st.button("Reset filters", on_click=_reset, width="stretch")

    new = Filters(
        start=start,
        end=end,
        entities=tuple(sel_entities),
        types=tuple(sel_types),
        statuses=tuple(sel_statuses),
        places=tuple(sel_places),
        sources=tuple(sel_sources),
        text=text.strip(),
    )
    st.session_state[_STATE] = new
    return new


def sync_url(f: Filters, **extra: str | list[str] | None) -> None:
    """Mirror the filters (and page-specific values) in the URL so the view can be bookmarked."""
    want = f.to_params()
    want.update({k: v for k, v in extra.items() if v not in (None, "", [])})
    have = {k: st.query_params.get_all(k) for k in st.query_params}
    norm = {k: v if isinstance(v, list) else [v] for k, v in want.items()}
    if have != norm:
        st.query_params.from_dict(want)


def param(name: str, default: str | None = None) -> str | None:
    """One URL query parameter (a page-specific value such as the selected entity)."""
    return st.query_params.get(name, default)


def page_filters(store: Store) -> Filters:
    """The standard page preamble: the sidebar filters, validated (a bad window is reported)."""
    f = sidebar_filters(store)
    if f.start and f.end and f.start > f.end:
        st.warning("The date window starts after it ends; showing everything.")
        f = replace(f, start=None, end=None)
    return f


def show_error(exc: Exception, what: str) -> None:
    """A library error as a readable message (never a traceback)."""
    st.error(f"{what}: {exc}")


# -- shared views -------------------------------------------------------------------------------
@st.cache_data(max_entries=32, show_spinner="Laying out the graph…")
def layout(nodes: tuple[str, ...], edges: tuple[tuple[str, str], ...]) -> dict[str, tuple[float, float]]:
    """A cached spring layout of the graph given by its sorted nodes and edges."""
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_edges_from(edges)
    return views.spring_positions(g)


def relationship_graph(
    store: Store, events: pd.DataFrame, f: Filters, *, max_nodes: int, with_roles: bool = True
) -> tuple[nx.Graph, dict[str, tuple[float, float]], int]:
    """The graph of the selected events (+ roles in the window), capped; its layout; the uncapped size."""
    role_rows = None
    if with_roles:
        actors = {i for v in events["participant_iris"] for i in views.split_iris(v)}
        r = roles(store)
        keep = r["person"].isin(actors)
        if f.start:
            keep &= r["last"].map(lambda d: not isinstance(d, dt.date) or d >= f.start)
        if f.end:
            keep &= r["first"].map(lambda d: not isinstance(d, dt.date) or d <= f.end)
        role_rows = r[keep]
    g = views.relationship_graph(events, role_rows, kinds=kinds(store))
    total = g.number_of_nodes()
    g = views.cap_graph(g, max_nodes)
    pos = layout(tuple(sorted(g.nodes)), tuple(sorted(tuple(sorted(e)) for e in g.edges)))
    return g, pos, total


def selected_point(state: Any, chart_key: str) -> str | None:
    """The IRI in customdata of the first point selected in a plotly chart (None if none)."""
    try:
        points = state.selection.points if state is not None else []
    except AttributeError:
        points = (state or {}).get("selection", {}).get("points", [])
    for p in points or []:
        data = p.get("customdata") if isinstance(p, dict) else None
        if data:
            return str(data[0] if isinstance(data, list | tuple) else data)
    return None


def event_label(rec: Mapping[str, Any]) -> str:
    """How an event is listed in a select box: date, label, status."""
    d = rec.get("date")
    return f"{d if isinstance(d, dt.date) else '?'} · {rec.get('label')} · {rec.get('status')}"


def show_event(store: Store, rec: Mapping[str, Any]) -> None:
    """An event's details and the sentence(s) that state it, with links to the article and entities."""
    st.markdown(f"#### {rec.get('label')}")
    d = rec.get("date")
    conf = rec.get("confidence")
    status = str(rec.get("status"))
    st.markdown(
        f"**{rec.get('type')}** · status **{views.STATUS_LABELS.get(status, status)}** · "
        f"date **{d if isinstance(d, dt.date) else '?'}** ({views.date_precision(rec)}) · confidence "
        f"{f'{conf:.2f}' if isinstance(conf, float) and conf == conf else '—'}"
    )
    facts = []
    if isinstance(rec.get("time_phrase"), str):
        facts.append(f"**Time phrase:** “{rec['time_phrase']}” ({rec.get('time_value')})")
    if isinstance(rec.get("place"), str):
        facts.append(f"**Place:** {rec['place']}")
    if facts:
        st.markdown("  \n".join(facts), unsafe_allow_html=False)
    who = list(
        zip(
            views.split_iris(rec.get("participant_iris")),
            views.split_names(rec.get("participants")),
            strict=False,
        )
    )
    if who:
        st.markdown("**Participants**")
        cols = st.columns(min(len(who), 4))
        for i, (iri, name) in enumerate(who):
            cols[i % len(cols)].page_link(
                "pages/1_Entity.py", label=name, icon=":material/person:", query_params={"entity": iri}
            )
    n = rec.get("reports")
    if isinstance(n, int | float) and n == n and n > 1:
        try:
            others = q.reports(store, str(rec["event"]))
        except KGError as exc:
            show_error(exc, "Cannot read the other reports")
            others = pd.DataFrame()
        others = others[others["event"] != str(rec["event"])]
        st.markdown(f"**Also reported in {len(others)} other article{'s' if len(others) != 1 else ''}**")
        for o in others.to_dict("records"):
            pub = o.get("published")
            st.caption(
                f"{o.get('headline') or o.get('article')} — {o.get('source') or 'unknown source'}, "
                f"{pub if isinstance(pub, dt.date) else 'undated'}: status "
                f"{views.STATUS_LABELS.get(str(o.get('status')), str(o.get('status')))}"
            )
    try:
        ev = q.evidence(store, str(rec["event"]))
    except KGError as exc:
        show_error(exc, "Cannot read the evidence")
        ev = pd.DataFrame()
    st.markdown("**Evidence**")
    if ev.empty:
        st.caption("No evidence recorded for this event.")
    for e in ev.to_dict("records"):
        quote(str(e.get("quote") or ""))
        pub = e.get("published")
        st.caption(
            f"{e.get('headline') or e.get('article')} — {e.get('source') or 'unknown source'}, "
            f"{pub if isinstance(pub, dt.date) else 'undated'}; characters {e.get('start')}–{e.get('end')}; "
            f"extractor {e.get('extractor') or '?'} {e.get('version') or ''}"
        )
        st.page_link(
            "pages/4_Article.py",
            label="Read it in the article",
            icon=":material/article:",
            query_params={"article": str(e.get("article")), "event": str(rec["event"])},
        )


QUOTE_STYLE = (
    "border-left:4px solid #e0b400;margin:0.3em 0;padding:0.4em 0.8em;background:#fffbea;font-size:0.95em"
)


def quote(text: str, marks: Sequence[views.Mark] = ()) -> None:
    """An article passage as a block quote; the text is escaped by views.highlight_html."""
    st.html(f'<blockquote style="{QUOTE_STYLE}">{views.highlight_html(text, marks)}</blockquote>')


@st.cache_data(ttl=CACHE_TTL, show_spinner="Reading the article…")
def _article_parts(path: str, ver: tuple[int, str], article: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    s = _open(path)
    return (
        q.annotations(s, article, timeout=QUERY_TIMEOUT),
        q.mentions(s, article, timeout=QUERY_TIMEOUT),
    )


def article_parts(store: Store, article: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """An article's annotated passages and the names of the entities in it (cached)."""
    path, ver = key(store)
    return _article_parts(path, ver, article)
