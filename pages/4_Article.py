"""4_Article (placeholder)."""

import streamlit as st

st.title("Article")
st.info("Coming soon.")
