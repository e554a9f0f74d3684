"""The dashboard's pages in menu order: script, title, icon and URL path.

The URL paths are those of the old `pages/N_Name.py` files, so bookmarks keep working; the
timeline is the default page, at the root URL. Scripts are relative to `app.py`, as
`st.Page`, `st.page_link` and `AppTest.switch_page` expect.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    """One page of the dashboard; `url_path` "" is the root URL (the default page)."""

    script: str
    title: str
    icon: str
    url_path: str


TIMELINE = PageSpec("dashboard/pages/timeline.py", "Timeline", ":material/timeline:", "")
ENTITY = PageSpec("dashboard/pages/entity.py", "Entity", ":material/person:", "Entity")
GRAPH = PageSpec("dashboard/pages/graph.py", "Graph", ":material/hub:", "Graph")
MAP = PageSpec("dashboard/pages/map.py", "Map", ":material/map:", "Map")
ARTICLE = PageSpec("dashboard/pages/article.py", "Article", ":material/article:", "Article")
INGEST = PageSpec("dashboard/pages/ingest.py", "Ingest", ":material/upload_file:", "Ingest")
SPARQL = PageSpec("dashboard/pages/sparql.py", "SPARQL", ":material/terminal:", "SPARQL")
EXPORT = PageSpec("dashboard/pages/export.py", "Export", ":material/download:", "Export")

PAGES = (TIMELINE, ENTITY, GRAPH, MAP, ARTICLE, INGEST, SPARQL, EXPORT)
