"""One event as the pages show it: its details, the other articles that report it, and the
sentences that state it, with links to the article reader and to each participant."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import messages, navigation
from kg import queries as q
from kg import views
from kg.errors import KGError
from kg.store import Store


def event_label(rec: Mapping[str, Any]) -> str:
    """How an event is listed in a select box: date, label, status."""
    d = rec.get("date")
    return f"{d if isinstance(d, dt.date) else '?'} · {rec.get('label')} · {rec.get('status')}"


def event_labels(events: pd.DataFrame) -> list[str]:
    """`event_label` of every row of a timeline table, in order, read column by column."""
    cols = [events[c].to_numpy(dtype=object) for c in ("date", "label", "status")]
    return [event_label({"date": d, "label": lb, "status": s}) for d, lb, s in zip(*cols, strict=True)]


def show_event(store: Store, rec: Mapping[str, Any]) -> None:
    """An event's details and the sentence(s) that state it, with links to the article and entities."""
    st.markdown(f"#### {rec.get('label')}")
    d = rec.get("date")
    conf = rec.get("confidence")
    status = str(rec.get("status"))
    st.markdown(
        f"**{rec.get('type')}** · status **{views.STATUS_LABELS.get(status, status)}** · "
        f"date **{d if isinstance(d, dt.date) else '?'}** ({views.date_precision(rec)}) · confidence "
        f"{f'{conf:.2f}' if isinstance(conf, float) and conf == conf else '—'}"
    )
    facts = []
    if isinstance(rec.get("time_phrase"), str):
        facts.append(f"**Time phrase:** “{rec['time_phrase']}” ({rec.get('time_value')})")
    if isinstance(rec.get("place"), str):
        facts.append(f"**Place:** {rec['place']}")
    if facts:
        st.markdown("  \n".join(facts), unsafe_allow_html=False)
    who = list(
        zip(
            views.split_iris(rec.get("participant_iris")),
            views.split_names(rec.get("participants")),
            strict=False,
        )
    )
    if who:
        st.markdown("**Participants**")
        cols = st.columns(min(len(who), 4))
        for i, (iri, name) in enumerate(who):
            cols[i % len(cols)].page_link(
                navigation.ENTITY.script, label=name, icon=":material/person:", query_params={"entity": iri}
            )
    n = rec.get("reports")
    if isinstance(n, int | float) and n == n and n > 1:
        try:
            others = q.reports(store, str(rec["event"]))
        except KGError as exc:
            messages.show_error(exc, "Cannot read the other reports")
            others = pd.DataFrame()
        others = others[others["event"] != str(rec["event"])]
        st.markdown(f"**Also reported in {len(others)} other article{'s' if len(others) != 1 else ''}**")
        for o in others.to_dict("records"):
            pub = o.get("published")
            st.caption(
                f"{o.get('headline') or o.get('article')} — {o.get('source') or 'unknown source'}, "
                f"{pub if isinstance(pub, dt.date) else 'undated'}: status "
                f"{views.STATUS_LABELS.get(str(o.get('status')), str(o.get('status')))}"
            )
    try:
        ev = q.evidence(store, str(rec["event"]))
    except KGError as exc:
        messages.show_error(exc, "Cannot read the evidence")
        ev = pd.DataFrame()
    st.markdown("**Evidence**")
    if ev.empty:
        st.caption("No evidence recorded for this event.")
    for e in ev.to_dict("records"):
        quote(str(e.get("quote") or ""))
        pub = e.get("published")
        st.caption(
            f"{e.get('headline') or e.get('article')} — {e.get('source') or 'unknown source'}, "
            f"{pub if isinstance(pub, dt.date) else 'undated'}; characters {e.get('start')}–{e.get('end')}; "
            f"extractor {e.get('extractor') or '?'} {e.get('version') or ''}"
        )
        st.page_link(
            navigation.ARTICLE.script,
            label="Read it in the article",
            icon=":material/article:",
            query_params={"article": str(e.get("article")), "event": str(rec["event"])},
        )


QUOTE_STYLE = (
    "border-left:4px solid #e0b400;margin:0.3em 0;padding:0.4em 0.8em;background:#fffbea;font-size:0.95em"
)


def quote(text: str, marks: Sequence[views.Mark] = ()) -> None:
    """An article passage as a block quote; the text is escaped by views.highlight_html."""
    st.html(f'<blockquote style="{QUOTE_STYLE}">{views.highlight_html(text, marks)}</blockquote>')
