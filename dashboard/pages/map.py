"""Map: where the selected events happened (no map tiles, no network: an offline world sketch)."""

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
only = st.toggle("Only places with events", value=False)
state = st.plotly_chart(
    views.map_figure(frame, only_with_events=only),
    key="map_chart",
    on_select="rerun",
    selection_mode="points",
    width="stretch",
)
st.caption(
    "Marker size = events at the place (red: with events in the selection, green: mentioned only). "
    "Countries without coordinates are placed at their capital. The faint dots are large cities "
    "(GeoNames), drawn offline instead of map tiles."
)
unplaced = int(events["place_iri"].isna().sum()) if len(events) else 0
if unplaced:
    st.caption(f"{unplaced} of {len(events)} events in the selection name no place.")

picked = charts.selected_point(state, "map_chart")
left, right = st.columns([2, 3])
with left:
    st.dataframe(frame[["name", "events", "lat", "lon", "located"]], hide_index=True, width="stretch")
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
