"""kg dashboard: the entry point. It builds the navigation and runs the page the URL asks for.

Run:  KG_STORE=kg-store streamlit run app.py   (or `kg app`)
Pages (dashboard/pages/, in dashboard.navigation): Timeline, Entity, Graph, Map, Article, Ingest,
SPARQL, Export. The dashboard only reads the store (read-only; it refreshes itself while an
ingest runs), except the Ingest page, which opens a writable store for the moment of writing.
"""

from __future__ import annotations

import streamlit as st

from dashboard.navigation import PAGES

page = st.navigation(
    [
        st.Page(p.script, title=p.title, icon=p.icon, url_path=p.url_path, default=not p.url_path)
        for p in PAGES
    ]
)
st.set_page_config(page_title=f"kg — {page.title}", page_icon=page.icon, layout="wide")
page.run()
