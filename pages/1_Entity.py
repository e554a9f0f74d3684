"""1_Entity (placeholder)."""

import streamlit as st

st.title("Entity")
st.info("Coming soon.")
