"""The timeline, map and article pages on a store with a stray historical date and page furniture
(streamlit.testing.v1.AppTest): the note and toggle for stray dates, the (no actor) toggle, the
offline map, the furniture shown with its reasons."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ingested_store

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

# Written for these tests: three meetings this decade, one recalled from 1928, two lines of furniture.
ARTICLES = [
    {
        "id": "oslo-talks",
        "title": "Norwegian and Danish ministers meet in Oslo",
        "published": "2024-09-12",
        "source": "Test Gazette",
        "text": (
            "Norwegian and Danish ministers meet in Oslo\n\nShare this article\n\n"
            "Norwegian Foreign Minister Espen Barth Eide met Danish Foreign Minister Lars Lokke Rasmussen "
            "in Oslo on Tuesday to discuss Arctic security.\n\n"
            "The two countries' leaders first met in Copenhagen in May 1928, Eide recalled.\n\n"
            "Related: Nordic ministers to meet again in June\n"
        ),
    },
    {
        "id": "helsinki-call",
        "title": "Finnish and Swedish premiers speak by phone",
        "published": "2023-04-20",
        "source": "Other Post",
        "text": (
            "Finnish and Swedish premiers speak by phone\n\n"
            "Finnish Prime Minister Petteri Orpo spoke by phone with Swedish Prime Minister Ulf Kristersson "
            "on Wednesday about energy prices, his office said.\n\n"
            "Talks on fishing rights were held in Stockholm on Monday, officials said.\n"
        ),
    },
    {
        "id": "reykjavik-visit",  # no title: the record as a scraper without metadata writes it
        "published": "2025-02-07",
        "source": "Test Gazette",
        "text": (
            "Estonian president visits Iceland\n\n"
            "Estonian President Alar Karis visited Reykjavik on Thursday and met Icelandic President "
            "Halla Tomasdottir.\n"
        ),
    },
]

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    return ingested_store(tmp_path_factory, "views", ARTICLES)


@pytest.fixture
def app(store_dir, monkeypatch):
    monkeypatch.setenv("KG_STORE", str(store_dir))
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def figure(at: AppTest, n: int = 0) -> dict:
    return json.loads(at.get("plotly_chart")[n].proto.spec)


def toggle(at: AppTest, label_start: str):
    return next(t for t in at.toggle if t.label.startswith(label_start))


def test_a_stray_1928_date_is_named_out_of_view_and_one_toggle_brings_it_in(app):
    at = ok(app.run())
    captions = " ".join(c.value for c in at.caption)
    assert "Out of view: 1 event before" in captions and "1928-05" in captions
    x = figure(at)["layout"]["xaxis"]
    assert x["range"][0] >= "2023" and x["rangeslider"]["visible"] is True
    toggle(at, "Include 1 stray event").set_value(True).run()
    ok(at)
    assert figure(at)["layout"]["xaxis"]["range"][0] < "1929"
    assert "Out of view" not in " ".join(c.value for c in at.caption)


def test_no_actor_lane_is_last_and_can_be_hidden(app):
    at = ok(app.run())
    lanes = figure(at)["layout"]["yaxis"]["ticktext"]
    assert lanes[-1] == "(no actor)"  # the talks in Stockholm name no one
    assert "(no actor)" not in lanes[:-1]
    toggle(at, "Show “(no actor)”").set_value(False).run()
    ok(at)
    assert "(no actor)" not in figure(at)["layout"]["yaxis"]["ticktext"]


def test_the_map_page_draws_coastlines_and_shades_countries_with_events(app):
    at = app.run()
    at = ok(at.switch_page("dashboard/pages/map.py").run())
    traces = figure(at)["data"]
    names = {t.get("name") for t in traces}
    assert {"countries", "coastline", "places"} <= names
    assert names & {"Norway", "Iceland", "Finland", "Sweden"}  # a country with events is shaded
    assert not any(t.get("type", "scatter") in {"scattergeo", "scattermapbox", "scattermap"} for t in traces)
    assert "Natural Earth" in " ".join(c.value for c in at.caption)


def test_the_article_page_shows_the_dropped_furniture_dimmed_with_its_reasons(app):
    at = app.run()
    at.query_params["article"] = "http://kg.example/article/oslo-talks"
    at = ok(at.switch_page("dashboard/pages/article.py").run())
    body = "\n".join(h.value for h in at.get("html"))
    assert 'class="kg-furniture"' not in body  # behind a toggle
    toggle(at, "Show page furniture").set_value(True).run()
    ok(at)
    body = "\n".join(h.value for h in at.get("html"))
    assert body.count('class="kg-furniture"') == 2
    assert '<span class="kg-label"' in body and ">share</span>" in body and ">related</span>" in body
    assert "line-through" not in body
    assert "2 stretches of page furniture were dropped" in " ".join(c.value for c in at.caption)


def test_an_article_without_a_headline_is_not_called_nan(app):
    at = app.run()
    at.query_params["article"] = "http://kg.example/article/reykjavik-visit"
    at = ok(at.switch_page("dashboard/pages/article.py").run())
    assert at.title[0].value != "nan" and "nan" not in at.selectbox[0].format_func(at.selectbox[0].value)
    assert "Alar Karis" in "\n".join(h.value for h in at.get("html"))


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="PNG/SVG need a chromium for kaleido")
def test_the_export_page_renders_the_same_map_as_png_svg_and_html(app):
    import io
    import zipfile

    at = app.run()
    at = ok(at.switch_page("dashboard/pages/export.py").run())
    at.selectbox(key="figure_name").set_value("map").run()
    for fmt in ("png", "svg"):
        at.selectbox(key="figure_fmt").set_value(fmt).run()
        at.button(key="figure_build").click().run()
        ok(at)
        assert not [w.value for w in at.warning if "PNG/SVG need kaleido" in w.value]
        labels = [b.proto.label for b in at.get("download_button")]
        assert any(lb.startswith(f"Download kg-map.{fmt}") for lb in labels), labels
    toggle(at, "Include PNG and SVG").set_value(True).run()
    at.button(key="bundle_build").click().run()
    ok(at)
    with zipfile.ZipFile(io.BytesIO(at.session_state["bundle"])) as z:
        names = set(z.namelist())
        assert {"figures/map.html", "figures/map.png", "figures/map.svg"} <= names
        page = z.read("figures/map.html").decode()
        assert '"name":"coastline"' in page and '"type":"scattergeo"' not in page
        assert z.read("figures/map.png")[:8] == b"\x89PNG\r\n\x1a\n"
        assert b"<svg" in z.read("figures/map.svg")[:400]
