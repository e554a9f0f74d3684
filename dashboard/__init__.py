"""The Streamlit dashboard: `app.py` (beside this package) builds the navigation from
`navigation.PAGES` and runs the page scripts in `dashboard/pages/`.

Modules, each importing only those listed before it (and the `kg` library, never the reverse):

    navigation    the pages in menu order: script, title, icon, URL path (bookmarks depend on them)
    filters       the shared selection (`Filters`) and its URL query parameters; no Streamlit
    messages      the empty-store explanation; library errors as st.error
    cache         the read-only store, its version, and the cached queries the pages read
    sidebar       the filter widgets, kept in session state and mirrored in the URL
    charts        the relationship graph of a selection, its cached layout, clicked points
    event_panel   an event's details, the sentences that state it, links to article and people
    exports       the Export page's formats, its size limit (and the `kg export` beyond it), built files
"""
