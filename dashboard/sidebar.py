"""The shared filters in the sidebar: kept in session state (so they follow the user from page to
page) and mirrored in the URL query parameters (so a view can be bookmarked and shared).

    f = sidebar.page_filters(store)   at the top of a page: draw the filters, get the selection
    sidebar.sync_url(f, entity=iri)   at the bottom: the selection and the page's own values in the URL
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import streamlit as st

from dashboard import cache
from dashboard.filters import Filters
from kg.model import EVENT_TYPES, STATUSES
from kg.store import Store

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


def sidebar_filters(store: Store) -> Filters:
    """Draw the shared filters in the sidebar and return them (also written to the URL)."""
    f = current_filters()
    ents = cache.entities(store)
    name_of = dict(zip(ents["entity"], ents["name"], strict=True))
    actor_opts = list(ents.loc[ents["type"] != "Place", "entity"])
    place_opts = list(ents.loc[ents["type"] == "Place", "entity"])
    # A bookmarked IRI the store does not know still shows (by its IRI) rather than failing.
    actor_opts += [e for e in f.entities if e not in actor_opts]
    place_opts += [p for p in f.places if p not in place_opts]
    source_opts = sorted(set(cache.sources(store)) | set(f.sources))
    bounds = cache.date_bounds(store)

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
