"""Map: where the selected events happened, on Natural Earth coastlines and borders drawn offline
(no map tiles, no network): countries shaded by their events, places as markers."""

from __future__ import annotations

import dataclasses

import streamlit as st

from dashboard import cache, charts, sidebar
from kg import views

store = cache.open_or_explain()
f = sidebar.page_filters(store)

st.title("Places")
events = cache.timeline(store, f, limit=20000)
frame = views.map_frame(events, cache.places(store))
top = st.columns([2, 2, 3])
only = top[0].toggle("Only places with events", value=False)
max_labels = top[1].slider("Labels", 0, 60, 25, help="The busiest places are labelled where the label fits")
state = st.plotly_chart(
    views.map_figure(frame, only_with_events=only, max_labels=max_labels),
    key="map_chart",
    on_select="rerun",
    selection_mode="points",
    width="stretch",
    config={"displaylogo": False, "scrollZoom": True},
)
by_country = views.country_frame(frame)
st.caption(
    "Countries are shaded by every event placed in them (at the country or at a place inside it), "
    "whatever its status: a planned, cancelled or denied meeting is placed too, and the hover and the "
    "Countries table say how the count splits by status (filter by status in the sidebar); "
    "a marker is a place, sized by its events (grey: mentioned, no events in the selection). "
    "Only the busiest places are labelled, where the label does not cover another; hover over any "
    "marker or country for its name and events, scroll to zoom. Coastlines and borders: Natural Earth "
    "1:110m, drawn offline."
)
unplaced = int(events["place_iri"].isna().sum()) if len(events) else 0
if unplaced:
    st.caption(f"{unplaced} of {len(events)} events in the selection name no place.")

picked = charts.selected_point(state, "map_chart")
left, right = st.columns([2, 3])
with left:
    tabs = st.tabs(["Places", "Countries"])
    tabs[0].dataframe(
        frame[["name", "country", "events", "lat", "lon", "located"]], hide_index=True, width="stretch"
    )
    tabs[1].dataframe(
        by_country[["country", "events", "statuses", "places"]], hide_index=True, width="stretch"
    )
with right:
    place_ids = list(frame["place"])
    if place_ids:
        names = dict(zip(frame["place"], frame["name"], strict=True))
        place = st.selectbox(
            "Events at",
            place_ids,
            index=place_ids.index(picked) if picked in place_ids else 0,
            format_func=lambda p: names[p],
        )
        at = cache.timeline(store, dataclasses.replace(f, places=(place,)), limit=2000)
        st.dataframe(
            at[["date", "label", "status", "participants", "quote"]], hide_index=True, width="stretch"
        )
sidebar.sync_url(f)
