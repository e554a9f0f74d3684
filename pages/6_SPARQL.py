"""6_SPARQL (placeholder)."""

import streamlit as st

st.title("SPARQL")
st.info("Coming soon.")
