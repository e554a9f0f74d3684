"""Entity: one person, organisation or place — names, roles, timeline, neighbours."""

from __future__ import annotations

import dataclasses

import streamlit as st

from dashboard import cache, charts, event_panel, messages, navigation, sidebar
from kg import queries as q
from kg import views
from kg.errors import KGError

ENTITY_EVENTS = 2000  # the latest events of the entity drawn (the page says when there are more)

store = cache.open_or_explain()
f = sidebar.page_filters(store)

ents = cache.entities(store)
if ents.empty:
    st.info("No entities in the store yet.")
    st.stop()
ids = list(ents["entity"])
rows = {r["entity"]: r for r in ents.to_dict("records")}
wanted = sidebar.param("entity")
if "entity_pick" not in st.session_state or (
    wanted in rows and wanted != st.session_state.get("entity_last_url")
):
    st.session_state["entity_pick"] = wanted if wanted in rows else ids[0]
    st.session_state["entity_last_url"] = wanted
iri = st.selectbox(
    "Entity",
    ids,
    key="entity_pick",
    format_func=lambda i: f"{rows[i]['name']} ({rows[i]['type']}, {rows[i]['n_events']} events)",
)
ent = rows[iri]

st.title(str(ent["name"]))
st.caption(f"{ent['type']} · `{iri}` · {ent['n_events']} events in {ent['n_articles']} articles")
if isinstance(ent.get("aliases"), str) and ent["aliases"]:
    st.markdown("**Also called:** " + ", ".join(a for a in ent["aliases"].split("; ")))

left, right = st.columns([3, 2])
with left:
    st.subheader("Timeline")
    if ent["type"] == "Place":
        scoped = dataclasses.replace(f, places=(iri,))
        st.caption("Events at this place or at places inside it, within the sidebar filters.")
    else:
        scoped = dataclasses.replace(f, entities=(iri,))
        st.caption("Events this entity takes part in, within the sidebar filters.")
    try:
        events = cache.timeline(store, scoped, limit=ENTITY_EVENTS)
        total = cache.count(store, scoped) if len(events) >= ENTITY_EVENTS else len(events)
    except KGError as exc:
        messages.show_error(exc, "Cannot read the timeline")
        st.stop()
    if total > len(events):
        st.caption(f"Showing the latest {len(events):,} of its {total:,} events; narrow the date window.")
    state = st.plotly_chart(
        views.timeline_figure(events, lanes="actor"),
        key="entity_timeline",
        on_select="rerun",
        selection_mode="points",
        width="stretch",
    )
    ids = events["event"].tolist()
    position = {e: i for i, e in enumerate(ids)}
    labels = event_panel.event_labels(events)
    picked = charts.selected_point(state, "entity_timeline")
    if ids:
        choice = st.selectbox(
            "Event",
            ids,
            index=position.get(picked, 0),
            format_func=lambda e: labels[position[e]],
        )
        with st.container(border=True):
            event_panel.show_event(store, events.iloc[[position[choice]]].to_dict("records")[0])
    else:
        st.info("No events for this entity under the current filters.")

with right:
    if ent["type"] == "Person":
        st.subheader("Roles")
        try:
            r = q.roles(store, iri)
        except KGError as exc:
            messages.show_error(exc, "Cannot read the roles")
        else:
            if r.empty:
                st.caption("No role stated for this person.")
            else:
                st.dataframe(
                    r[["title", "of", "date", "headline", "quote"]],
                    hide_index=True,
                    width="stretch",
                    column_config={"quote": st.column_config.TextColumn(width="large")},
                )
    st.subheader("Neighbours")
    try:
        ego = q.ego_network(store, iri, hops=1, cap=60)
    except KGError as exc:
        messages.show_error(exc, "Cannot read the neighbours")
    else:
        if ego.empty:
            st.caption("No links to other entities.")
        else:
            g = views.ego_graph(ego)
            st.plotly_chart(
                views.graph_figure(g, views.spring_positions(g), height=380, highlight=iri), width="stretch"
            )
            other = ego.apply(lambda r: r["target_name"] if r["source"] == iri else r["source_name"], axis=1)
            st.dataframe(
                ego.assign(other=other)[["other", "relation", "label", "weight", "first", "last"]],
                hide_index=True,
                width="stretch",
            )
    st.page_link(
        navigation.GRAPH.script,
        label="Explore the wider network",
        icon=":material/hub:",
        query_params={"entity": iri},
    )

sidebar.sync_url(f, entity=iri)
