"""3_Map (placeholder)."""

import streamlit as st

st.title("Map")
st.info("Coming soon.")
