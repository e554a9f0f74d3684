"""What the dashboard, notebooks and report exports draw: pure pandas / networkx / plotly functions.

    timeline_figure(events, lanes="actor")     events by date; colour = type, symbol = status; opens on
    timeline_window(events)                    the span that holds the events (stray dates counted)
    relationship_graph(events, roles)          people/organisations/places, co-participation + role edges
    cap_graph(graph, max_nodes)                the busiest nodes only (keeps big stores drawable)
    spring_positions(graph)                    a deterministic spring layout
    graph_figure(graph, positions)             the graph as a plotly figure
    map_frame(events, places) / map_figure()   countries shaded by events, places as markers, on an
                                               offline Natural Earth map (coastlines, borders)
    highlight_html(text, marks)                article text with marked spans, everything escaped
    citation_table(events)                     one row per fact: article, date, quote

Every function takes plain values (the DataFrames of `kg.queries`) and returns plain values, so
the same figures come out of the dashboard, a notebook or `kg export`. No Streamlit here.
"""

from kg.views.citations import CITATION_COLUMNS, citation_table
from kg.views.common import (
    EDGE_NAMES,
    EDGE_STYLES,
    KIND_COLOURS,
    NO_ACTOR,
    NO_COUNTRY,
    STATUS_LABELS,
    STATUS_SYMBOLS,
    TYPE_COLOURS,
    date_precision,
    split_iris,
    split_names,
)
from kg.views.console import read_only_problem
from kg.views.geomap import country_frame, map_figure, map_frame
from kg.views.network import (
    cap_graph,
    ego_graph,
    graph_figure,
    graph_to_graphml,
    relationship_graph,
    spring_positions,
)
from kg.views.text import MARK_STYLES, Mark, evidence_text, highlight_html, name_marks
from kg.views.timeline import UNASSIGNED, lane_order, lane_rows, timeline_figure, timeline_window
from kg.views.window import Window, focus_window, weekly_counts

__all__ = [
    "CITATION_COLUMNS",
    "EDGE_NAMES",
    "EDGE_STYLES",
    "KIND_COLOURS",
    "MARK_STYLES",
    "Mark",
    "NO_ACTOR",
    "NO_COUNTRY",
    "UNASSIGNED",
    "STATUS_LABELS",
    "STATUS_SYMBOLS",
    "TYPE_COLOURS",
    "Window",
    "cap_graph",
    "citation_table",
    "country_frame",
    "date_precision",
    "ego_graph",
    "focus_window",
    "evidence_text",
    "graph_figure",
    "graph_to_graphml",
    "highlight_html",
    "lane_order",
    "lane_rows",
    "map_figure",
    "map_frame",
    "name_marks",
    "read_only_problem",
    "relationship_graph",
    "split_iris",
    "split_names",
    "spring_positions",
    "timeline_figure",
    "timeline_window",
    "weekly_counts",
]
