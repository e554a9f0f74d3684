"""Timeline (the default page, at the root URL): the timeline and the relationship graph of the
current selection, and the evidence of the event picked in it."""

from __future__ import annotations

import streamlit as st

from dashboard import cache, charts, event_panel, navigation, sidebar
from kg import views

store = cache.open_or_explain()
f = sidebar.page_filters(store)

st.title("Diplomatic timeline")
if "lanes" not in st.session_state:
    st.session_state["lanes"] = "country" if sidebar.param("lanes") == "country" else "actor"
top = st.columns([3, 2, 2, 2])
lanes = top[0].radio(
    "Lanes",
    ["actor", "country"],
    key="lanes",
    horizontal=True,
    help="One row per participant, or per country",
)
max_events = top[1].number_input("Max events", min_value=50, max_value=20000, value=2000, step=250)
events = cache.timeline(store, f, limit=int(max_events))
top[2].metric("Events in selection", len(events))
top[3].metric("Articles", cache.version(store)[0])
if len(events) >= max_events:
    st.caption(
        f"Showing the latest {max_events} events of the selection; narrow the filters or raise the cap."
    )

window = views.timeline_window(events)
opts = st.columns([3, 2])
unassigned = opts[1].toggle(
    f"Show “{views.NO_ACTOR if lanes == 'actor' else views.NO_COUNTRY}”",
    value=True,
    help="Events in which no participant was found sit in a lane of their own, below the others",
)
whole = False
if window is not None and window.hidden:
    whole = opts[0].toggle(
        f"Include {window.hidden} stray event{'s' if window.hidden != 1 else ''} in the view",
        value=False,
        key="timeline_whole",
        help="The view opens on the span that holds the events; dates far outside it (an article that "
        "recalls a visit decades earlier) are left out of view, not out of the selection",
    )
    if not whole:
        opts[0].caption(f"Out of view: {window.note()}. They are in the range slider below the lanes.")
fig = charts.timeline_figure(
    store, f, events, limit=int(max_events), lanes=lanes, unassigned=unassigned, focus=not whole
)
state = st.plotly_chart(
    fig,
    key="timeline_chart",
    on_select="rerun",
    selection_mode="points",
    width="stretch",
    config={"displaylogo": False},
)
st.caption(
    "Colour = event type; marker = status (● occurred, ○ planned, ✕ cancelled, ⊠ denied, ◇ hypothetical); "
    "a bar behind a marker spans an uncertain date (earliest–latest); a faded marker has no date of its own "
    "and sits on its article's publication date. Drag the range slider under the lanes (or the axis) to "
    "move through time; with many events a strip above the lanes counts them per week. "
    "Click a marker for its evidence."
)

picked = charts.selected_point(state, "timeline_chart")
if picked:
    st.session_state["event"] = picked
ids = events["event"].tolist()
position = {e: i for i, e in enumerate(ids)}
labels = event_panel.event_labels(events)  # column-wise: a dict per event cost each rerun ~0.1 s
current = st.session_state.get("event") or sidebar.param("event")
if ids:
    choice = st.selectbox(
        "Event",
        ids,
        index=position.get(current, 0),
        format_func=lambda e: labels[position[e]],
        help="Click a marker in the timeline, or pick an event here",
    )
    if choice != current:
        st.session_state["event"] = choice
    with st.container(border=True):
        event_panel.show_event(store, events.iloc[[position[choice]]].to_dict("records")[0])
    selected_event = choice
else:
    st.info("No events match the filters. Widen the date window or clear some filters in the sidebar.")
    selected_event = None

st.subheader("Relationships")
gcols = st.columns([2, 2, 3])
max_nodes = gcols[0].slider("Max nodes", 20, 2000, 300, step=10, help="The busiest nodes are kept")
with_roles = gcols[1].toggle(
    "Role edges", value=True, help="Person → country/organisation they hold a role for"
)
g, graph_fig, total = charts.graph_chart(
    store, f, events, limit=int(max_events), max_nodes=max_nodes, with_roles=with_roles
)
gcols[2].caption(
    f"{g.number_of_nodes()} of {total} nodes, {g.number_of_edges()} edges. Edge width = number of shared events; "
    "solid = met, dotted = planned/cancelled/denied, dashed = holds a role."
)
gstate = st.plotly_chart(
    graph_fig,
    key="graph_chart",
    on_select="rerun",
    selection_mode="points",
    width="stretch",
    config={"displaylogo": False},
)
node = charts.selected_point(gstate, "graph_chart")
if node:
    st.page_link(
        navigation.ENTITY.script,
        label=f"Open {g.nodes[node].get('name', node)}",
        icon=":material/person:",
        query_params={"entity": node},
    )

sidebar.sync_url(f, lanes=lanes if lanes != "actor" else None, event=selected_event)
