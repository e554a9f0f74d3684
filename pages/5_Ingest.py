"""5_Ingest (placeholder)."""

import streamlit as st

st.title("Ingest")
st.info("Coming soon.")
