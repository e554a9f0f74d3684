"""2_Graph (placeholder)."""

import streamlit as st

st.title("Graph")
st.info("Coming soon.")
