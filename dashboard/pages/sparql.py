"""SPARQL: ask the store your own questions (read-only, with a time limit, a row cap and a size cap).

The query runs in a worker process (dashboard.cache.query_pool) that is killed at the time limit,
so a query that cannot finish stops using the CPU and every other session goes on."""

from __future__ import annotations

import streamlit as st

from dashboard import cache, messages, sidebar
from kg import queries as q
from kg import views
from kg.errors import KGError
from kg.graph.namespaces import sparql_prologue

store = cache.open_or_explain(allow_empty=True)
runner = cache.user_query_runner(store)  # started now, so its workers are warm by the first Run
MAX_BYTES = 16 * 1024 * 1024  # of the result as TSV: past it the rows that fit are shown

st.title("SPARQL")
st.caption(
    "Read-only: SELECT, ASK, CONSTRUCT and DESCRIBE. The project prefixes (schema, sem, kgo, org, oa, "
    "prov, skos, geo, time, …) are predeclared. Every article is a named graph: use `GRAPH ?g { … }`."
)

EXAMPLE = q.load("meetings")
saved = {"example: meetings": EXAMPLE, **{k: v for k, v in q.saved_queries().items() if k != "meetings"}}


def _load_saved() -> None:
    name = st.session_state["sparql_saved"]
    # Saved queries carry a #FILTERS marker where kg.queries adds filters; here it is just a comment.
    st.session_state["sparql_text"] = sparql_prologue() + "\n" + saved[name].strip()


if "sparql_text" not in st.session_state:
    st.session_state["sparql_text"] = sidebar.param("query") or sparql_prologue() + "\n" + EXAMPLE.strip()
c = st.columns([3, 1, 1])
c[0].selectbox("Saved queries", list(saved), key="sparql_saved", on_change=_load_saved, index=0)
timeout = c[1].number_input("Timeout (s)", 1, 120, 20)
cap = c[2].number_input("Row cap", 1, 100_000, 5000, step=500)
sparql = st.text_area("Query", key="sparql_text", height=320)
run = st.button("Run", type="primary")


def _cut(res, what: str) -> str:
    if res.truncated_by == "bytes":
        return (
            f"Only the first {len(res)} {what} are shown: the whole result is over the size cap "
            f"({MAX_BYTES // (1024 * 1024)} MB). Add a LIMIT or select fewer columns."
        )
    return f"Only the first {len(res)} {what} are shown (row cap). Add a LIMIT or raise the cap."


if run:
    problem = views.read_only_problem(sparql)
    if problem:
        st.error(problem)
        st.stop()
    with st.spinner("Running the query…"):
        try:
            kwargs = {"max_bytes": MAX_BYTES} if runner is not store else {}
            st.session_state["sparql_result"] = runner.query(
                sparql, timeout=float(timeout), limit=int(cap), **kwargs
            )
        except KGError as exc:
            st.session_state.pop("sparql_result", None)
            messages.show_error(exc, "The query failed")
            st.stop()

res = st.session_state.get("sparql_result")
if res is not None:
    if res.kind == "ask":
        st.metric("Answer", "yes" if res.boolean else "no")
    elif res.kind == "graph":
        if res.truncated:
            st.warning(_cut(res, "triples"))
        st.caption(f"{len(res)} triples")
        ttl = res.graph.serialize(format="turtle")
        st.code(ttl[:20000], language="turtle")
        st.download_button("Download Turtle", ttl, file_name="result.ttl", mime="text/turtle")
    else:
        if res.truncated:
            st.warning(_cut(res, "rows"))
        st.caption(f"{len(res)} rows")
        st.dataframe(res.to_dataframe(), hide_index=True, width="stretch")
        d = st.columns(2)
        d[0].download_button("Download CSV", res.to_sparql_csv(), file_name="result.csv", mime="text/csv")
        d[1].download_button(
            "Download JSON",
            res.to_sparql_json(),
            file_name="result.srj",
            mime="application/sparql-results+json",
        )
