"""Article reader: an article's passages with its entities, times and events highlighted."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pandas as pd
import streamlit as st

from dashboard import cache, sidebar
from kg import queries, views
from kg.sources import furniture

store = cache.open_or_explain()
f = sidebar.page_filters(store)

arts = cache.articles(store)
ids = list(arts["article"])
rows = {r["article"]: r for r in arts.to_dict("records")}
wanted = sidebar.param("article")
if "article_pick" not in st.session_state or (
    wanted in rows and wanted != st.session_state.get("article_last_url")
):
    st.session_state["article_pick"] = wanted if wanted in rows else ids[0]
    st.session_state["article_last_url"] = wanted


def _headline(r: dict) -> str:
    """The article's headline, "" when it has none (a missing value comes back from pandas as NaN)."""
    h = r.get("headline")
    return h.strip() if isinstance(h, str) else ""


def _label(i: str) -> str:
    r = rows[i]
    pub = r.get("published")
    return f"{pub if isinstance(pub, dt.date) else 'undated'} · {_headline(r) or i}"


article = st.selectbox("Article", ids, key="article_pick", format_func=_label)
meta = rows[article]
st.title(_headline(meta) or "(no headline)")
pub = meta.get("published")
st.caption(
    f"{meta.get('source') or 'unknown source'} · {pub if isinstance(pub, dt.date) else 'no publication date'} · "
    f"{meta.get('n_events')} events · `{article}`"
)
if isinstance(meta.get("url"), str) and meta["url"]:
    st.markdown(f"[Original article]({meta['url']})")

ann, ments = cache.article_parts(store, article)
if ann.empty:
    st.info("Nothing was extracted from this article.")
    st.stop()

selected = sidebar.param("event")
events = ann[ann["kind"] == "event"]
evt_ids = list(dict.fromkeys(events["fact"]))
labels = {r["fact"]: f"{r['label']} ({r['status']})" for r in events.to_dict("records")}
if evt_ids:
    selected = st.selectbox(
        "Highlight event",
        evt_ids,
        index=evt_ids.index(selected) if selected in evt_ids else 0,
        format_func=lambda e: labels.get(e, e),
    )

quotes = [(int(r["start"]), int(r["end"]), str(r["exact"])) for r in ann.to_dict("records")]
body = queries.article_text(store, article)
if body is not None:
    # the whole text is stored: the annotations' offsets index straight into it
    text, where = body, [(s, e) for s, e, _ in quotes]
else:  # stores written before the body was kept: stitch the passages together
    text, where = views.evidence_text(quotes)
marks: list[views.Mark] = []
for r, (s, e) in zip(ann.to_dict("records"), where, strict=True):
    if r["kind"] == "event":
        kind = "selected" if r["fact"] == selected else "event"
        marks.append(views.Mark(s, e, kind, f"{r['label']} — {r['status']}"))
        trigger = r.get("trigger")
        if isinstance(trigger, str) and trigger and r["fact"] == selected:
            marks += [
                views.Mark(m.start, m.end, "trigger", f"trigger: {trigger}")
                for m in views.name_marks(text[s:e], {trigger: "trigger"}, offset=s)[:1]
            ]
    else:
        marks.append(views.Mark(s, e, "role", f"role: {r.get('label') or ''}"))
names = {str(n): str(k) for n, k in zip(ments["name"], ments["kind"], strict=True) if isinstance(n, str)}
phrases = {str(p): "time" for p in ann["phrase"].dropna().unique()}
marks += views.name_marks(text, names)
marks += [
    views.Mark(m.start, m.end, "time", f"time: {text[m.start : m.end]}")
    for m in views.name_marks(text, phrases)
]

# What the cleaner dropped before extraction, read again from the stored text: shown dimmed with why
show_furniture = body is not None and st.toggle(
    "Show page furniture",
    value=sidebar.param("furniture") == "1",
    help="Menus, bylines, captions, related links, stamps and comment forms the cleaner blanked before "
    "extraction: they never become facts. Shown dimmed, each with a badge saying why it was dropped.",
)
cleaned = furniture.clean(text, title=_headline(meta)) if body is not None else None
if cleaned is not None:
    # a name in a caption or a related link was never read as a mention: it is not marked as one
    dropped = [(sp.start, sp.end) for sp, _ in cleaned.furniture]
    marks = [
        m
        for m in marks
        if m.kind not in {"person", "organization", "place", "time"}
        or not any(a <= m.start and m.end <= b for a, b in dropped)
    ]
if show_furniture and cleaned is not None:
    marks += [
        views.Mark(s.start, s.end, "furniture", f"page furniture ({why}): dropped before extraction", why)
        for s, why in cleaned.furniture
    ]
    reasons = Counter(why for _, why in cleaned.furniture)
    st.caption(
        f"{len(cleaned.furniture)} stretch{'es' if len(cleaned.furniture) != 1 else ''} of page furniture "
        + ("was" if len(cleaned.furniture) == 1 else "were")
        + " dropped from this article before extraction"
        + (": " + ", ".join(f"{n} {why}" for why, n in reasons.most_common()) if reasons else "")
        + ". They are shown dimmed, each with why."
    )

legend = " ".join(
    f'<mark style="{views.MARK_STYLES[k]};padding:0 4px">{label}</mark>'
    for k, label in (
        ("selected", "selected event"),
        ("event", "event sentence"),
        ("person", "person"),
        ("organization", "organisation"),
        ("place", "place"),
        ("time", "time expression"),
        *((("furniture", "page furniture (dropped; badge: why)"),) if show_furniture else ()),
    )
)
st.html(f"<div style='font-size:0.85em'>{legend}</div>")
st.html(
    '<div style="line-height:1.9;font-size:1.02em;max-width:60em;white-space:normal">'
    + views.highlight_html(text, marks)
    + "</div>"
)
if body is None:
    st.caption(
        "This store keeps only the sentences that state facts; passages between them are shown as […]. "
        "Re-ingest the article with `kg ingest --force` to keep its whole text."
    )

with st.expander(f"Facts in this article ({len(ann)})"):
    st.dataframe(
        pd.DataFrame(ann[["kind", "label", "status", "start", "end", "exact"]]),
        hide_index=True,
        width="stretch",
    )
sidebar.sync_url(f, article=article, event=selected, furniture="1" if show_furniture else None)
