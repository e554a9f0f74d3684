"""Export: the current selection in every format, figures for reports, and a report bundle."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

from dashboard import cache, charts, sidebar
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

st.title("Export")
events = cache.timeline(store, f, limit=20000)
filtered = f != Filters()
st.caption(f"Selection: {f.describe()} — {len(events)} events. Change it in the sidebar.")
stamp = dt.date.today().isoformat()


@st.cache_data(max_entries=16, show_spinner="Exporting…")
def _export(fmt: str, ver: tuple[int, str], filters: Filters, path: str) -> bytes:
    return kg_export.export(
        cache.opened(path), fmt, None, filters=filters.kwargs() if filters != Filters() else None
    )


@st.cache_data(max_entries=32, show_spinner="Rendering the figure (starts a headless chromium)…")
def _image(fig_json: str, fmt: str) -> bytes:
    return pio.from_json(fig_json).to_image(format=fmt, width=1400, height=800, scale=1)


def image(fig: go.Figure, fmt: str) -> tuple[bytes | None, str]:
    """The figure as PNG/SVG via kaleido, or (None, why not)."""
    try:
        return _image(fig.to_json(), fmt), ""
    except Exception as exc:  # kaleido raises many kinds (no browser, timeout, bad install)
        return None, f"{type(exc).__name__}: {exc}"


# -- data --------------------------------------------------------------------------------------
st.subheader("Data")
MIMES = {
    "ttl": "text/turtle",
    "trig": "application/trig",
    "nquads": "application/n-quads",
    "jsonld": "application/ld+json",
    "graphml": "application/xml",
    "gexf": "application/xml",
    "csv": "application/zip",
}
if kg_export is None:
    st.warning(
        "The export module (kg/export.py) is not available in this version; data exports are disabled."
    )
else:
    st.caption(
        "RDF formats keep one named graph per article; GraphML/GEXF are the entity network for Gephi; "
        "CSV is a zip of tables. "
        + (
            "Only the selected events and what they involve are exported."
            if filtered
            else "Everything in the store."
        )
    )
    cols = st.columns(len(kg_export.FORMATS))
    for col, fmt in zip(cols, kg_export.FORMATS, strict=True):
        try:
            data = _export(fmt, cache.version(store), f, cache.store_path())
        except KGError as exc:
            col.error(f"{fmt}: {exc}")
            continue
        ext = "zip" if fmt == "csv" else fmt
        col.download_button(
            fmt.upper(),
            data,
            file_name=f"kg-{stamp}.{ext}",
            mime=MIMES.get(fmt, "application/octet-stream"),
            key=f"dl_{fmt}",
        )

cites = views.citation_table(events)
st.download_button(
    "Citation table (CSV): every fact with article, date and quote",
    cites.to_csv(index=False),
    file_name=f"kg-citations-{stamp}.csv",
    mime="text/csv",
)

# -- figures ------------------------------------------------------------------------------------
st.subheader("Figures")
lanes = st.radio("Timeline lanes", ["actor", "country"], horizontal=True)
countries = cache.countries(store) if lanes == "country" else None
graph, pos, _ = charts.relationship_graph(store, events, f, max_nodes=300)
figures = {
    "timeline": views.timeline_figure(events, lanes=lanes, countries=countries),
    "graph": views.graph_figure(graph, pos),
    "map": views.map_figure(views.map_frame(events, cache.places(store)), only_with_events=True),
}
want_static = st.toggle("Also render PNG and SVG (kaleido + chromium, a few seconds each)", value=False)
static_problem = ""
for name, fig in figures.items():
    c = st.columns([2, 1, 1, 1])
    c[0].markdown(f"**{name}**")
    c[1].download_button(
        "HTML",
        fig.to_html(include_plotlyjs=True, full_html=True),
        file_name=f"kg-{name}.html",
        mime="text/html",
        key=f"html_{name}",
    )
    if want_static:
        for col, fmt in ((c[2], "png"), (c[3], "svg")):
            data, why = image(fig, fmt)
            if data is None:
                static_problem = why
                col.caption("unavailable")
            else:
                col.download_button(
                    fmt.upper(),
                    data,
                    file_name=f"kg-{name}.{fmt}",
                    mime=f"image/{'svg+xml' if fmt == 'svg' else fmt}",
                    key=f"{fmt}_{name}",
                )
if static_problem:
    st.warning(
        "PNG/SVG need kaleido and a Chrome/Chromium (set BROWSER_PATH); the HTML figures work offline "
        f"and can be saved as images from the browser. Error: {static_problem}"
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
    buf = io.BytesIO()
    notes = []
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, fig in figures.items():
            z.writestr(f"figures/{name}.html", fig.to_html(include_plotlyjs=True, full_html=True))
            if include_static:
                for fmt in ("png", "svg"):
                    data, why = image(fig, fmt)
                    if data is None:
                        notes.append(f"figures/{name}.{fmt} missing: {why}")
                    else:
                        z.writestr(f"figures/{name}.{fmt}", data)
        if kg_export is not None:
            for fmt, fname in (("trig", "subgraph.trig"), ("graphml", "subgraph.graphml")):
                try:
                    z.writestr(fname, _export(fmt, cache.version(store), f, cache.store_path()))
                except KGError as exc:
                    notes.append(f"{fname} missing: {exc}")
        else:
            notes.append("subgraph.trig / subgraph.graphml missing: kg.export is not available")
        z.writestr("relationship-graph.graphml", views.graph_to_graphml(graph))
        z.writestr("citations.csv", cites.to_csv(index=False))
        z.writestr("queries.rq", producing_sparql())
        readme = [
            "# kg report bundle",
            "",
            f"Made {dt.datetime.now():%Y-%m-%d %H:%M} from the store `{cache.store_path()}`.",
            f"Selection: {f.describe()} ({len(events)} events).",
            "",
            "- figures/: timeline, relationship graph, map (HTML, interactive and offline; PNG/SVG when available)",
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
if st.button("Build the report bundle", type="primary"):
    with st.spinner("Building the bundle…"):
        st.session_state["bundle"] = bundle(want_static)
if "bundle" in st.session_state:
    st.download_button(
        "Download report bundle (zip)",
        st.session_state["bundle"],
        file_name=f"kg-report-{stamp}.zip",
        mime="application/zip",
    )
sidebar.sync_url(f)
