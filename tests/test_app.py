"""The dashboard (app.py + dashboard/) through streamlit.testing.v1.AppTest, on a store built here."""

from __future__ import annotations

import ast
import io
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import ingested_store

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["entity", "graph", "map", "article", "ingest", "sparql", "export"]  # dashboard/pages/<name>.py

# Written for these tests: a meeting that took place, one that was called off, a role and a city.
ARTICLES = [
    {
        "id": "vienna-talks",
        "title": "Austrian and Irish ministers meet in Vienna",
        "published": "2024-05-17",
        "source": "Test Gazette",
        "text": (
            "Austrian and Irish ministers meet in Vienna\n\n"
            "Austrian Foreign Minister Alexander Schallenberg met Irish Foreign Minister Micheal Martin "
            "in Vienna on Wednesday to discuss energy security.\n\n"
            "A summit between Schallenberg and Slovak Prime Minister Robert Fico, planned for Friday, "
            "was cancelled on Thursday, officials said.\n"
        ),
    },
    {
        "id": "rome-call",
        "title": "Italian premier speaks with Greek counterpart",
        "published": "2024-06-03",
        "source": "Other Post",
        "text": (
            "Italian premier speaks with Greek counterpart\n\n"
            "Italian Prime Minister Giorgia Meloni spoke by phone with Greek Prime Minister Kyriakos "
            "Mitsotakis on Sunday about migration, her office said.\n"
        ),
    },
]

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    """An on-disk store holding the two test articles."""
    return ingested_store(tmp_path_factory, "dash", ARTICLES)


@pytest.fixture
def app(store_dir, monkeypatch):
    """A fresh AppTest of the dashboard on the test store."""
    monkeypatch.setenv("KG_STORE", str(store_dir))
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)


def page(at: AppTest, name: str, **params: str) -> AppTest:
    """Run the app (the Timeline page), then switch to dashboard/pages/<name>.py with URL query parameters."""
    at.run()
    for k, v in params.items():
        at.query_params[k] = v
    return at.switch_page(f"dashboard/pages/{name}.py").run()


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def qp(at: AppTest, name: str) -> list[str]:
    """A URL query parameter as a list of values."""
    v = at.query_params.get(name, [])
    return [v] if isinstance(v, str) else list(v)


def n_events(at: AppTest) -> int:
    return int(next(m.value for m in at.metric if m.label == "Events in selection"))


def html_text(at: AppTest) -> str:
    return "\n".join(h.value for h in at.get("html"))


# -- overview ------------------------------------------------------------------------------------
def test_home_shows_timeline_graph_and_the_first_events_evidence(app):
    at = ok(app.run())
    assert at.title[0].value == "Diplomatic timeline"
    charts = at.get("plotly_chart")
    assert len(charts) == 2  # timeline + relationship graph
    assert n_events(at) >= 3
    assert "characters" in " ".join(c.value for c in at.caption)  # the evidence of the selected event


def test_filters_change_what_is_shown_and_go_into_the_url(app):
    at = ok(app.run())
    everything = n_events(at)
    at.multiselect(key="flt_statuses").set_value(["cancelled"]).run()
    ok(at)
    assert 0 < n_events(at) < everything
    assert qp(at, "status") == ["cancelled"]
    labels = at.selectbox[0].options
    assert labels and all("cancelled" in label for label in labels)
    at.text_input(key="flt_text").set_value("no such words anywhere").run()
    assert n_events(at) == 0
    assert any("No events match" in i.value for i in at.info)


def test_filters_are_read_back_from_a_bookmarked_url(app):
    app.query_params["type"] = "PhoneCall"
    at = ok(app.run())
    assert at.multiselect(key="flt_types").value == ["PhoneCall"]
    assert n_events(at) >= 1
    assert all("PhoneCall" in label for label in at.selectbox[0].options)


def test_selecting_an_event_shows_its_sentence(app):
    at = ok(app.run())
    box = at.selectbox[0]
    index = next(i for i, o in enumerate(box.options) if "PhoneCall" in o)
    box.select_index(index).run()
    ok(at)
    assert "spoke by phone" in html_text(at)
    assert "Giorgia Meloni" in {p.proto.label for p in at.get("page_link")}
    assert qp(at, "event")[0].startswith("http://kg.example/event/")


def test_a_rerun_that_keeps_the_selection_reuses_the_figures_and_a_new_selection_redraws(app, monkeypatch):
    from kg import views

    drawn: list[int] = []
    real = views.timeline_figure
    monkeypatch.setattr(
        views, "timeline_figure", lambda events, **kw: drawn.append(len(events)) or real(events, **kw)
    )
    at = ok(app.run())
    before = len(drawn)  # 0 when an earlier test drew this selection of this store version already
    box = at.selectbox[0]
    box.select_index(next(i for i, o in enumerate(box.options) if "PhoneCall" in o)).run()
    ok(at)
    assert "spoke by phone" in html_text(at) and len(drawn) == before  # the pick redrew nothing
    at.text_input(key="flt_text").set_value("energy security").run()
    ok(at)
    assert len(drawn) == before + 1 and drawn[-1] == n_events(at) >= 1  # a new selection: drawn anew


def test_country_lanes(app):
    at = ok(app.run())
    at.radio(key="lanes").set_value("country").run()
    ok(at)
    assert qp(at, "lanes") == ["country"]


# -- pages ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", PAGES)
def test_every_page_renders_without_errors(app, name):
    ok(page(app, name))


def test_entity_page_follows_the_url(app):
    at = ok(page(app, "entity", entity="http://kg.example/person/giorgia-meloni"))
    assert at.title[0].value == "Giorgia Meloni"
    assert (
        any(m.value and "Prime Minister" in str(m.value) for m in at.get("markdown"))
        or len(at.dataframe) >= 1
    )


def test_graph_page_ego_network(app):
    at = ok(page(app, "graph", entity="http://kg.example/person/giorgia-meloni"))
    assert "within 1 hop" in " ".join(c.value for c in at.caption)
    at.slider[0].set_value(2).run()
    ok(at)
    assert qp(at, "hops") == ["2"]


def test_graph_page_opens_on_the_busiest_person_or_organisation_not_a_place(app, monkeypatch):
    import re

    from dashboard import cache

    real = cache.entities

    def places_busiest(store):  # as in a large corpus, where a capital is in most events
        ents = real(store).copy()
        ents.loc[ents["type"] == "Place", "n_events"] += 1000
        return ents.sort_values("n_events", ascending=False, kind="stable").reset_index(drop=True)

    monkeypatch.setattr(cache, "entities", places_busiest)
    at = ok(page(app, "graph"))
    center = at.selectbox(key="graph_center")
    assert center.format_func(center.value).endswith(("(Person)", "(Organization)"))
    nodes, edges = map(
        int, re.search(r"(\d+) nodes, (\d+) edges", " ".join(c.value for c in at.caption)).groups()
    )
    assert nodes >= 2 and edges >= 1  # a network, not a lone dot


def test_map_page_lists_places_with_events(app):
    at = ok(page(app, "map"))
    table = at.dataframe[0].value
    assert "Vienna" in set(table["name"])
    assert table.loc[table["name"] == "Vienna", "events"].iloc[0] >= 1


def test_article_reader_highlights_escaped_text(app):
    at = ok(page(app, "article", article="http://kg.example/article/vienna-talks"))
    body = html_text(at)
    assert "Schallenberg" in body and 'class="kg-event"' in body and 'class="kg-person"' in body
    assert "<script" not in body


def test_sparql_page_runs_reads_and_refuses_writes(app):
    at = ok(page(app, "sparql"))
    at.text_area(key="sparql_text").set_value("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").run()
    at.button[0].click().run()
    ok(at)
    assert int(at.dataframe[0].value["n"].iloc[0]) > 10
    assert {b.label for b in at.get("download_button")} >= {"Download CSV", "Download JSON"}
    at.text_area(key="sparql_text").set_value("DELETE WHERE { GRAPH ?g { ?s ?p ?o } }").run()
    at.button[0].click().run()
    assert any("only reads" in e.value for e in at.error)


def test_sparql_page_loads_saved_queries_with_prefixes(app):
    at = ok(page(app, "sparql"))
    at.selectbox(key="sparql_saved").set_value("timeline").run()
    text = at.text_area(key="sparql_text").value
    assert text.startswith("PREFIX ") and "sem:Event" in text


def test_export_page_opens_without_building_and_builds_only_what_is_asked(app, store_dir, monkeypatch):
    import kg.export
    from kg.store import open_store

    real = kg.export.export
    calls: list[str] = []

    def counted(store, fmt, *args, **kwargs):
        calls.append(fmt)
        return real(store, fmt, *args, **kwargs)

    monkeypatch.setattr(kg.export, "export", counted)
    at = ok(page(app, "export"))
    assert calls == [] and not at.get("download_button")  # opening the page builds nothing
    assert "export_files" not in at.session_state
    at.selectbox(key="export_fmt").set_value("trig").run()
    assert calls == [] and not at.get("download_button")  # picking a format builds nothing either
    at.button(key="export_build").click().run()
    ok(at)
    assert calls in ([], ["trig"])  # [] when another test built the same file (cached per version)
    (data,) = at.session_state["export_files"].values()
    with open_store(store_dir, read_only=True) as st:
        assert data == real(st, "trig")  # the same file as kg export writes
    assert [b.proto.label.split(" (")[0] for b in at.get("download_button")] == [
        f"Download kg-{__import__('datetime').date.today().isoformat()}.trig"
    ]
    # a figure, likewise only on request
    at.selectbox(key="figure_name").set_value("graph").run()
    assert len(at.get("download_button")) == 1
    at.button(key="figure_build").click().run()
    ok(at)
    labels = [b.proto.label for b in at.get("download_button")]
    assert any(lb.startswith("Download kg-graph.html") for lb in labels), labels


def test_export_page_says_when_a_format_is_too_large(app, monkeypatch):
    from dashboard import exports

    monkeypatch.setattr(exports, "MAX_EXPORT_EVENTS", 0)
    at = ok(page(app, "export"))
    at.multiselect(key="flt_types").set_value(["Meeting"]).run()
    at.selectbox(key="export_fmt").set_value("ttl").run()
    warning = " ".join(w.value for w in at.warning)
    assert "too large to build in the dashboard" in warning
    assert "kg export --format ttl" in warning and "--type Meeting" in warning
    assert not [b for b in at.button if b.key == "export_build"]
    at.selectbox(key="export_fmt").set_value("citations").run()  # citations have no such limit
    assert not at.warning and at.button(key="export_build")
    at.button(key="export_build").click().run()
    ok(at)
    (data,) = at.session_state["export_files"].values()
    rows = data.decode().splitlines()[1:]
    selected = int(
        next(c.value for c in at.caption if c.value.startswith("Selection:")).split("— ")[1].split()[0]
    )
    assert len(rows) == selected >= 1 and all("Meeting" in r for r in rows)  # every selected event


def test_export_page_builds_a_report_bundle(app):
    at = ok(page(app, "export"))
    at.button(key="bundle_build").click().run()
    ok(at)
    data = at.session_state["bundle"]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = set(z.namelist())
        assert {
            "citations.csv",
            "queries.rq",
            "relationship-graph.graphml",
            "README.md",
            "figures/timeline.html",
        } <= names
        assert "subgraph.trig" in names or "kg.export is not available" in z.read("README.md").decode()
        cites = z.read("citations.csv").decode()
        assert "quote" in cites.splitlines()[0] and "Schallenberg" in cites
        assert "VALUES" in z.read("queries.rq").decode() or "SELECT" in z.read("queries.rq").decode()


def test_ingest_page_extracts_and_adds_an_article(store_dir, tmp_path, monkeypatch):
    copy = tmp_path / "store"
    shutil.copytree(store_dir, copy)
    monkeypatch.setenv("KG_STORE", str(copy))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at = ok(page(at, "ingest"))
    at.text_area(key="ingest_text").set_value(
        "Danish and Finnish leaders meet\n\nDanish Prime Minister Mette Frederiksen met Finnish President "
        "Alexander Stubb in Copenhagen on Monday.\n"
    )
    at.date_input[0].set_value(__import__("datetime").date(2024, 7, 3))
    at.button[0].click().run()  # the form's Extract button
    ok(at)
    assert "Frederiksen" in html_text(at)
    add = next(b for b in at.button if b.label == "Add to the store")
    add.click().run()
    ok(at)
    assert any("Added" in s.value for s in at.success)
    from kg.store import open_store

    with open_store(copy, read_only=True) as s:
        assert s.count_articles() == len(ARTICLES) + 1


def test_a_write_to_the_store_shows_on_the_next_rerun(store_dir, tmp_path, monkeypatch):
    """The cache key is the store's generation: a new article shows without waiting for the TTL."""
    from test_rdf import B, sample_extraction

    from kg.graph import to_quads
    from kg.store import OxigraphStore, open_store

    copy = tmp_path / "store"
    shutil.copytree(store_dir, copy)
    monkeypatch.setenv("KG_STORE", str(copy))
    monkeypatch.setattr(OxigraphStore, "REFRESH_SECONDS", 0.0)  # the reader reopens its snapshot at once
    at = ok(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run())
    articles = int(next(m.value for m in at.metric if m.label == "Articles"))
    events = n_events(at)
    assert articles == len(ARTICLES)
    with open_store(copy) as s:
        p = to_quads(sample_extraction(), base=B)
        s.write_article(p.article_iri, p.quads, shared_quads=p.shared_quads)
    ok(at.run())
    assert int(next(m.value for m in at.metric if m.label == "Articles")) == articles + 1
    assert n_events(at) > events


def test_empty_store_explains_how_to_ingest(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_STORE", str(tmp_path / "nothing-here"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert any("kg ingest" in i.value for i in at.info)
    for name in ("entity", "map", "export"):
        at2 = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at2.run()
        at2.switch_page(f"dashboard/pages/{name}.py").run()
        assert not at2.exception and any("kg ingest" in i.value for i in at2.info)


# -- the package ------------------------------------------------------------------------------------
# dashboard/ modules in the order of dashboard/__init__.py: each may import only those before it.
MODULES = ["navigation", "filters", "messages", "cache", "sidebar", "charts", "event_panel", "exports"]


def dashboard_imports(path: Path) -> set[str]:
    """The dashboard modules a file imports ("cache" for `from dashboard import cache`)."""
    out: set[str] = set()
    for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(n, ast.Import):
            out |= {
                a.name.partition(".")[2] or a.name for a in n.names if a.name.split(".")[0] == "dashboard"
            }
        elif isinstance(n, ast.ImportFrom) and n.level == 0 and n.module == "dashboard":
            out |= {a.name for a in n.names}
        elif isinstance(n, ast.ImportFrom) and n.level == 0 and (n.module or "").startswith("dashboard."):
            out.add(n.module.split(".")[1])
    return out


def test_dashboard_modules_are_small_import_downwards_and_kg_never_imports_them():
    found = sorted(p.stem for p in (ROOT / "dashboard").glob("*.py") if p.stem != "__init__")
    assert found == sorted(MODULES), "list a new dashboard module in MODULES and dashboard/__init__.py"
    for i, name in enumerate(MODULES):
        used = dashboard_imports(ROOT / "dashboard" / f"{name}.py")
        assert used <= set(MODULES[:i]), f"dashboard.{name} imports {sorted(used - set(MODULES[:i]))}"
    for path in [*(ROOT / "dashboard").rglob("*.py"), ROOT / "app.py"]:
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 400, f"{path.name} is over 400 lines"
    for path in (ROOT / "kg").rglob("*.py"):
        assert not dashboard_imports(path), f"{path.relative_to(ROOT)} imports the dashboard"
