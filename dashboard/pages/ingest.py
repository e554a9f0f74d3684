"""Ingest: paste or upload one article with its date, see what is extracted, add it to the store."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import cache, messages, navigation
from kg import graph as rdf
from kg import pipeline, views
from kg.errors import KGError, StoreError
from kg.extract import extract, to_json
from kg.model import Extraction
from kg.sources import article_from_text
from kg.store import open_store

st.title("Add an article")
path = cache.store_path()
st.caption(f"Store: `{path}`. For many files use the command line: `kg ingest FOLDER --store {path}`.")

with st.form("article"):
    upload = st.file_uploader("Upload a .txt file", type=["txt"], help="Or paste the text below")
    text = st.text_area("Article text", height=260, key="ingest_text", placeholder="Paste the article here…")
    c = st.columns(4)
    title = c[0].text_input("Headline (optional: found in the text otherwise)")
    published = c[1].date_input(
        "Publication date", value=None, help="Relative dates (“last Thursday”) are resolved against it"
    )
    source = c[2].text_input("Source / publisher")
    url = c[3].text_input("URL")
    go = st.form_submit_button("Extract", type="primary")

if go:
    body = upload.getvalue().decode("utf-8", errors="replace") if upload is not None else text
    if not body.strip():
        st.warning("Paste some text or upload a .txt file first.")
    else:
        name = title or (upload.name if upload is not None else "") or body.strip().splitlines()[0]
        art_id = "dashboard-" + (
            re.sub(r"[^a-z0-9]+", "-", Path(name).stem.lower()).strip("-")[:60] or "article"
        )
        try:
            article = article_from_text(
                body, id=art_id, published=published, title=title, url=url, source=source, origin="dashboard"
            )
            with st.spinner("Extracting (the language model loads on first use)…"):
                st.session_state["ingest_x"] = extract(article)
        except KGError as exc:
            messages.show_error(exc, "Cannot extract this article")

x: Extraction | None = st.session_state.get("ingest_x")
if x is None:
    st.stop()

a = x.article
st.subheader(a.title or a.id)
st.caption(
    f"id `{a.id}` · published {a.published or 'unknown (relative dates cannot be resolved)'} · "
    f"{len(x.events)} events, {len(x.entities)} entities, {len(x.timexes)} time expressions"
)
for note in x.notes:
    st.warning(note)

tab_text, tab_events, tab_entities, tab_json = st.tabs(["Text", "Events", "Entities", "JSON"])
with tab_text:
    marks = [
        views.Mark(e.evidence.start, e.evidence.end, "event", f"{e.label} — {e.status}") for e in x.events
    ]
    marks += [views.Mark(t.span.start, t.span.end, "time", f"time: {t.value}") for t in x.timexes]
    for ent in x.entities:
        marks += [
            views.Mark(m.start, m.end, ent.type.lower(), f"{ent.type}: {ent.name}") for m in ent.mentions
        ]
    marks += [views.Mark(s.start, s.end, "furniture", "page furniture (ignored)") for s in x.furniture]
    st.html('<div style="line-height:1.9;max-width:60em">' + views.highlight_html(a.text, marks) + "</div>")
with tab_events:
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "label": e.label,
                    "type": e.type,
                    "status": e.status,
                    "date": e.date,
                    "time phrase": e.timex.span.text if e.timex else None,
                    "place": e.place,
                    "confidence": e.confidence,
                    "evidence": e.evidence.text,
                }
                for e in x.events
            ]
        ),
        hide_index=True,
        width="stretch",
    )
with tab_entities:
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "name": e.name,
                    "type": e.type,
                    "aliases": ", ".join(e.aliases),
                    "roles": "; ".join(f"{r.title} ({r.of or '?'})" for r in e.roles),
                    "mentions": len(e.mentions),
                }
                for e in x.entities
            ]
        ),
        hide_index=True,
        width="stretch",
    )
with tab_json:
    doc = json.dumps(to_json(x), ensure_ascii=False, indent=2, default=str)
    st.download_button("Download extraction JSON", doc, file_name=f"{a.id}.json", mime="application/json")
    st.code(doc[:20000], language="json")

if st.button("Add to the store", type="primary"):
    try:
        # One writer at a time: the store is opened writable only for this write, then closed, so
        # a running `kg ingest` is never blocked for long (and blocks us with a clear message).
        with st.spinner("Writing…"), open_store(path) as writable:
            linked = pipeline.link(x, pipeline.known_people(writable))
            parts = rdf.to_quads(linked)
            existed = writable.article_hash(parts.article_iri) is not None
            writable.write_article(parts.article_iri, parts.quads, shared_quads=parts.shared_quads)
    except StoreError as exc:
        st.error(f"Could not write to the store: {exc}")
    except KGError as exc:
        messages.show_error(exc, "Could not add the article")
    else:
        cache.opened(path).refresh()
        st.cache_data.clear()
        st.success(
            f"{'Replaced' if existed else 'Added'} {a.title or a.id} ({len(x.events)} events) at {dt.datetime.now():%H:%M:%S}."
        )
        st.page_link(
            navigation.ARTICLE.script,
            label="Open it in the reader",
            icon=":material/article:",
            query_params={"article": parts.article_iri},
        )
