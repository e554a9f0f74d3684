"""Export: the current selection as data files, figures for reports and a report bundle.

Nothing is built when the page opens: on a large store one export can take minutes. The user picks
a format or a figure and presses Build; the file is made once per store version and selection
(cached, shared by every session), then its download button appears.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

from dashboard import cache, charts, exports, sidebar
from dashboard.filters import Filters
from kg import queries as q
from kg import views
from kg.errors import KGError
from kg.graph.namespaces import sparql_prologue
from kg.store import bind_values

try:  # kg.export may be absent in an older checkout: the page then offers the rest.
    from kg import export as kg_export
except ImportError:  # pragma: no cover - depends on the checkout
    kg_export = None

CHROMIUM = "/usr/bin/chromium"
# Kaleido (plotly's static image export) drives a Chrome; point it at Debian's chromium.
if Path(CHROMIUM).exists():
    os.environ.setdefault("BROWSER_PATH", CHROMIUM)

store = cache.open_or_explain()
f = sidebar.page_filters(store)
ver = cache.version(store)
n_events = cache.count(store, f)
filtered = f != Filters()
stamp = dt.date.today().isoformat()

st.title("Export")
st.caption(
    f"Selection: {f.describe()} — {n_events:,} events. Change it in the sidebar. Nothing is built until "
    "you ask: pick what you want, press Build, and its download button appears."
)


@st.cache_data(max_entries=16, show_spinner=False)
def _export(fmt: str, ver: tuple[int, str], filters: Filters, path: str) -> bytes:
    return kg_export.export(
        cache.opened(path), fmt, None, filters=filters.kwargs() if filters != Filters() else None
    )


@st.cache_data(max_entries=32, show_spinner=False)
def _image(fig_json: str, fmt: str) -> bytes:
    return pio.from_json(fig_json).to_image(format=fmt, width=1400, height=800, scale=1)


def image(fig: go.Figure, fmt: str) -> tuple[bytes | None, str]:
    """The figure as PNG/SVG via kaleido, or (None, why not)."""
    try:
        return _image(fig.to_json(), fmt), ""
    except Exception as exc:  # kaleido raises many kinds (no browser, timeout, bad install)
        return None, f"{type(exc).__name__}: {exc}"


def selected_events():
    """The latest events of the selection that figures and citations are made of."""
    return cache.timeline(store, f, limit=exports.FIGURE_EVENTS)


def figure(name: str, lanes: str = "actor") -> go.Figure:
    """One of the report figures of the selection, drawn when asked for."""
    events = selected_events()
    if name == "timeline":
        countries = cache.countries(store) if lanes == "country" else None
        return views.timeline_figure(events, lanes=lanes, countries=countries)
    if name == "graph":
        graph, pos, _ = charts.relationship_graph(store, events, f, max_nodes=300)
        return views.graph_figure(graph, pos)
    return views.map_figure(views.map_frame(events, cache.places(store)), only_with_events=True)


def export_data(fmt: str) -> bytes:
    """A data export of the selection (cached per store version and selection)."""
    return _export(fmt, ver, f, cache.store_path())


# -- data --------------------------------------------------------------------------------------
st.subheader("Data")
if kg_export is None:
    st.warning(
        "The export module (kg/export.py) is not available in this version; data exports are disabled."
    )
else:
    st.caption(
        "RDF formats keep one named graph per article; GraphML/GEXF are the entity network for Gephi; "
        "CSV is a zip of tables; the citation table lists every fact with its article, date and quote. "
        + (
            "Only the selected events and what they involve are exported."
            if filtered
            else "Everything in the store."
        )
    )
    cols = st.columns([3, 1, 3], vertical_alignment="bottom")
    fmt = cols[0].selectbox(
        "Format", [*kg_export.FORMATS, "citations"], format_func=exports.FORMAT_LABELS.get, key="export_fmt"
    )
    key = ("data", fmt, ver, f)
    too_large = fmt != "citations" and n_events > exports.MAX_EXPORT_EVENTS
    if too_large:
        st.warning(exports.too_large(fmt, n_events, f, cache.store_path()))
    elif cols[1].button("Build", key="export_build", type="primary"):
        with st.spinner(exports.building(fmt, n_events)):
            try:
                if fmt == "citations":  # every event of the selection, however many
                    data = views.citation_table(cache.timeline(store, f)).to_csv(index=False).encode()
                else:
                    data = export_data(fmt)
            except KGError as exc:
                st.error(f"Cannot export {fmt}: {exc}")
            else:
                exports.remember(key, data)
    data = exports.built(key)
    if data is not None:
        name, mime = exports.file_name(fmt, stamp)
        cols[2].download_button(
            f"Download {name} ({exports.size(data)})", data, file_name=name, mime=mime, key="dl_data"
        )

# -- figures ------------------------------------------------------------------------------------
st.subheader("Figures")
st.caption(
    f"Drawn from the latest {exports.FIGURE_EVENTS:,} events of the selection at most. HTML is interactive "
    "and works offline; PNG and SVG are rendered by kaleido in a headless Chromium (a few seconds)."
)
cols = st.columns([2, 2, 1, 1, 3], vertical_alignment="bottom")
fig_name = cols[0].selectbox("Figure", ["timeline", "graph", "map"], key="figure_name")
lanes = "actor"
if fig_name == "timeline":
    lanes = cols[1].radio("Timeline lanes", ["actor", "country"], horizontal=True, key="figure_lanes")
fig_fmt = cols[2].selectbox("As", ["html", "png", "svg"], key="figure_fmt")
key = ("figure", fig_name, lanes, fig_fmt, ver, f)
if cols[3].button("Build", key="figure_build", type="primary"):
    spinner = (
        f"Drawing the {fig_name} of {min(n_events, exports.FIGURE_EVENTS):,} events…"
        if fig_fmt == "html"
        else f"Drawing the {fig_name} and rendering it as {fig_fmt.upper()} (starts a headless chromium)…"
    )
    with st.spinner(spinner):
        fig = figure(fig_name, lanes)
        if fig_fmt == "html":
            exports.remember(key, fig.to_html(include_plotlyjs=True, full_html=True).encode())
        else:
            data, why = image(fig, fig_fmt)
            if data is None:
                st.warning(
                    "PNG/SVG need kaleido and a Chrome/Chromium (set BROWSER_PATH); the HTML figures work "
                    f"offline and can be saved as images from the browser. Error: {why}"
                )
            else:
                exports.remember(key, data)
data = exports.built(key)
if data is not None:
    mime = {"html": "text/html", "png": "image/png", "svg": "image/svg+xml"}[fig_fmt]
    cols[4].download_button(
        f"Download kg-{fig_name}.{fig_fmt} ({exports.size(data)})",
        data,
        file_name=f"kg-{fig_name}.{fig_fmt}",
        mime=mime,
        key="dl_figure",
    )


# -- report bundle ------------------------------------------------------------------------------
def producing_sparql() -> str:
    """The exact SPARQL behind the selection (filters bound as VALUES), runnable in any SPARQL tool."""
    flt = q.timeline_filters(**f.kwargs())
    timeline_q = bind_values(flt.apply(q.load("timeline")), flt.bindings)
    return (
        "# kg report: the queries that produced this bundle\n"
        f"# selection: {f.describe()}\n\n"
        + sparql_prologue()
        + "\n# --- events (timeline.csv / citations.csv) ---\n"
        + timeline_q
        + "\n\n# --- roles (role edges in the graph) ---\n"
        + q.load("memberships")
        + "\n# --- places (map) ---\n"
        + q.load("gazetteer")
    )


def bundle(include_static: bool) -> bytes:
    """A zip: figures, the filtered subgraph (TriG, GraphML), citations, and the SPARQL behind them."""
    events = selected_events()
    buf = io.BytesIO()
    notes = []
    graph, pos, _ = charts.relationship_graph(store, events, f, max_nodes=300)
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name in ("timeline", "graph", "map"):
            fig = figure(name)
            z.writestr(f"figures/{name}.html", fig.to_html(include_plotlyjs=True, full_html=True))
            if include_static:
                for fmt in ("png", "svg"):
                    data, why = image(fig, fmt)
                    if data is None:
                        notes.append(f"figures/{name}.{fmt} missing: {why}")
                    else:
                        z.writestr(f"figures/{name}.{fmt}", data)
        if kg_export is None:
            notes.append("subgraph.trig / subgraph.graphml missing: kg.export is not available")
        elif n_events > exports.MAX_EXPORT_EVENTS:
            notes.append(
                f"subgraph.trig / subgraph.graphml missing: the selection holds {n_events:,} events, more "
                f"than the {exports.MAX_EXPORT_EVENTS:,} the dashboard exports; use `kg export`"
            )
        else:
            for fmt, fname in (("trig", "subgraph.trig"), ("graphml", "subgraph.graphml")):
                try:
                    z.writestr(fname, export_data(fmt))
                except KGError as exc:
                    notes.append(f"{fname} missing: {exc}")
        z.writestr("relationship-graph.graphml", views.graph_to_graphml(graph))
        z.writestr("citations.csv", views.citation_table(events).to_csv(index=False))
        z.writestr("queries.rq", producing_sparql())
        readme = [
            "# kg report bundle",
            "",
            f"Made {dt.datetime.now():%Y-%m-%d %H:%M} from the store `{cache.store_path()}`.",
            f"Selection: {f.describe()} ({n_events} events"
            + (f"; figures and citations of the latest {len(events)})." if len(events) < n_events else ")."),
            "",
            "- figures/: timeline, relationship graph, map (HTML, interactive and offline; PNG/SVG when asked for)",
            "- subgraph.trig: the selected events, their articles, evidence, entities and roles (one named graph per article)",
            "- subgraph.graphml: the entity network of that subgraph (Gephi)",
            "- relationship-graph.graphml: the graph as drawn in the dashboard",
            "- citations.csv: every fact with its article, date and exact quote",
            "- queries.rq: the SPARQL that produced the tables (filters bound as VALUES)",
        ]
        if notes:
            readme += ["", "Notes:", *[f"- {n}" for n in notes]]
        z.writestr("README.md", "\n".join(readme) + "\n")
    return buf.getvalue()


st.subheader("Report bundle")
st.caption(
    "Figures, the filtered subgraph as TriG and GraphML, the citation table, and the SPARQL that produced them."
)
with_static = st.toggle("Include PNG and SVG figures (kaleido + chromium, a few seconds each)", value=False)
key = ("bundle", with_static, ver, f)
if st.button("Build the report bundle", type="primary", key="bundle_build"):
    with st.spinner(f"Building the bundle of {n_events:,} events…"):
        st.session_state["bundle"] = bundle(with_static)
        st.session_state["bundle_key"] = key
if "bundle" in st.session_state:
    if st.session_state.get("bundle_key") == key:
        st.download_button(
            f"Download report bundle (zip, {exports.size(st.session_state['bundle'])})",
            st.session_state["bundle"],
            file_name=f"kg-report-{stamp}.zip",
            mime="application/zip",
        )
    else:
        st.caption("The last bundle was built for another selection or store version; build it again.")
sidebar.sync_url(f)
