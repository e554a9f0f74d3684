"""Graph: the network around one entity (ego network), with hop and size caps."""

from __future__ import annotations

import streamlit as st

from dashboard import cache, charts, messages, navigation, sidebar
from kg import queries as q
from kg import views
from kg.errors import KGError

store = cache.open_or_explain()
f = sidebar.page_filters(store)

st.title("Relationship network")
ents = cache.entities(store)
actors = ents[ents["n_events"] > 0] if (ents["n_events"] > 0).any() else ents
ids = list(actors["entity"])
rows = {r["entity"]: r for r in ents.to_dict("records")}
wanted = sidebar.param("entity")
if wanted in rows and wanted not in ids:
    ids.insert(0, wanted)
if "graph_center" not in st.session_state:
    # the default centre is the busiest person or organisation: a place's network holds only the
    # roles held for it, so the busiest entity (often a city) would open on a single dot
    people = [i for i in ids if rows[i]["type"] != "Place"]
    st.session_state["graph_center"] = wanted if wanted in rows else (people or ids)[0]

c = st.columns([3, 1, 1, 1])
center = c[0].selectbox(
    "Centre", ids, key="graph_center", format_func=lambda i: f"{rows[i]['name']} ({rows[i]['type']})"
)
hops = c[1].slider(
    "Hops", 1, 3, int(sidebar.param("hops") or 1) if (sidebar.param("hops") or "1").isdigit() else 1
)
cap = c[2].slider("Max nodes", 10, 2000, 200, step=10)
labels = c[3].slider("Labels", 0, 200, 40, help="Only the busiest nodes are labelled")

with st.spinner("Walking the network…"):
    try:
        edges = q.ego_network(store, center, hops=hops, cap=cap)
    except KGError as exc:
        messages.show_error(exc, "Cannot read the network")
        st.stop()
g = views.ego_graph(edges)
if center not in g:
    g.add_node(
        center,
        name=rows.get(center, {}).get("name", center),
        kind=rows.get(center, {}).get("type", ""),
        events=0,
    )
pos = charts.layout(tuple(sorted(g.nodes)), tuple(sorted(tuple(sorted(e)) for e in g.edges)))
st.caption(
    f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges within {hops} hop(s) of {rows.get(center, {}).get('name')} "
    f"(cap {cap}). Solid = met, dotted = planned/cancelled/denied, dashed = holds a role. "
    "The sidebar filters do not apply here: the network is built from every article."
)
state = st.plotly_chart(
    views.graph_figure(g, pos, height=650, labels=labels, highlight=center),
    key="ego_chart",
    on_select="rerun",
    selection_mode="points",
    width="stretch",
)
node = charts.selected_point(state, "ego_chart")
if node and node in g:
    st.page_link(
        navigation.ENTITY.script,
        label=f"Open {g.nodes[node]['name']}",
        icon=":material/person:",
        query_params={"entity": node},
    )

with st.expander(f"Edges ({len(edges)})"):
    st.dataframe(edges, hide_index=True, width="stretch")
st.download_button(
    "Download this network (GraphML, for Gephi)",
    views.graph_to_graphml(g),
    file_name="ego-network.graphml",
    mime="application/xml",
)
sidebar.sync_url(f, entity=center, hops=str(hops) if hops != 1 else None)
