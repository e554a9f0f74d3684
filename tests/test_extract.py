"""The extractor over the project's own held-out news fixtures, scored the way a user would check it.

tests/fixtures/news holds short news stories written for the project with careful gold (people,
roles, events with type, participants, date and status; names that stand only in page furniture).
The matcher below is a small reimplementation of the evaluation's: people by shared surface form,
roles by title words and country, events by class and one shared participant.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

import pytest

from kg.extract import extract_many, to_json
from kg.model import Article

FIXTURES = Path(__file__).parent / "fixtures" / "news"
CLASS = {"Meeting": "encounter", "Summit": "encounter", "Talks": "encounter", "Visit": "encounter",
         "Statement": "statement", "Announcement": "statement"}  # fmt: skip
SAME_PLACE = {"us": "united states", "u s": "united states", "america": "united states", "britain": "united kingdom",
              "uk": "united kingdom", "eu": "european union"}  # fmt: skip
# What the rules reach on the fixtures today; a change that lowers one of these is a regression.
# The fixtures' gold follows the real-page conventions (statements by named speakers are events,
# sub-events take their occasion's date), so events are harder to find there than they were.
FLOORS = {"person_recall": 0.95, "person_precision": 0.92, "role_acc": 0.80, "event_recall": 0.70,
          "event_precision": 0.85, "event_status_acc": 0.70, "event_date_acc": 0.55}  # fmt: skip
MAX_LEAKS = 1  # "Share this article: Facebook | Twitter | Email" is left to the cleaner


def _norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _country(text: str | None) -> str:
    n = _norm(text).removeprefix("the ")
    return SAME_PLACE.get(n, n)


def _forms(entity: dict) -> set[str]:
    return {_norm(entity["name"])} | {_norm(a) for a in entity.get("aliases") or []}


def _title_words(title: str) -> set[str]:
    return set(_norm(title).split()) - {"of", "the", "for", "and", "affairs"}


def _score(gold: dict, pred: dict) -> dict[str, int]:
    c = dict.fromkeys(
        [
            "p_tp",
            "p_gold",
            "p_pred",
            "r_ok",
            "r_gold",
            "e_tp",
            "e_gold",
            "e_pred",
            "st_ok",
            "d_ok",
            "d_gold",
            "leaks",
        ],
        0,
    )
    pents = pred["entities"]
    match = {}
    for g in gold["entities"]:
        same = [p for p in pents if _forms(g) & _forms(p)]
        match[g["name"]] = next((p for p in same if p["type"] == g["type"]), same[0] if same else None)
    people = [g for g in gold["entities"] if g["type"] == "Person"]
    c["p_gold"] = len(people)
    c["p_pred"] = sum(p["type"] == "Person" for p in pents)
    c["p_tp"] = sum(1 for g in people if match[g["name"]] and match[g["name"]]["type"] == "Person")
    for g in people:
        for r in g.get("roles") or []:
            c["r_gold"] += 1
            p = match[g["name"]]
            if p and any(
                _title_words(r["title"]) <= _title_words(pr["title"])
                and _country(r["of"]) == _country(pr["of"])
                for pr in p.get("roles") or []
            ):
                c["r_ok"] += 1

    def gold_name(name: str) -> str | None:
        for g in gold["entities"]:
            p = match[g["name"]]
            if _norm(name) in _forms(g) or (p is not None and _norm(name) in _forms(p)):
                return g["name"]
        return None

    used: set[int] = set()
    c["e_pred"] = len(pred["events"])
    for g in gold["events"]:
        c["e_gold"] += 1
        c["d_gold"] += bool(g["date"])
        best, overlap = None, 0.0
        for i, pe in enumerate(pred["events"]):
            if i in used or CLASS.get(pe["type"], pe["type"]) != CLASS.get(g["type"], g["type"]):
                continue
            shared = len(set(g["participants"]) & {gold_name(x) for x in pe["participants"]})
            if not g["participants"] and (
                g["place"]
                and _country(g["place"]) == _country(pe["place"])
                or g["date"]
                and g["date"] == pe["date"]
            ):
                shared = 0.5
            if shared > overlap:
                best, overlap = i, shared
        if best is not None:
            used.add(best)
            c["e_tp"] += 1
            c["st_ok"] += pred["events"][best]["status"] == g["status"]
            c["d_ok"] += bool(g["date"]) and pred["events"][best]["date"] == g["date"]
    names = set().union(*(_forms(p) for p in pents)) | {
        _norm(x) for e in pred["events"] for x in e["participants"]
    }
    c["leaks"] = sum(
        any(re.search(rf"\b{re.escape(_norm(f))}\b", n) for n in names) for f in gold.get("forbidden") or []
    )
    return c


@pytest.fixture(scope="module")
def predictions() -> list[tuple[dict, dict]]:
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(FIXTURES.glob("*.json"))]
    articles = [
        Article(
            id=g["id"],
            text=(FIXTURES / g["text_file"]).read_text(encoding="utf-8"),
            published=dt.date.fromisoformat(g["published"]),
        )
        for g in golds
    ]
    preds = [to_json(x) for x in extract_many(articles)]
    return list(zip(golds, preds, strict=True))


@pytest.mark.model
def test_fixture_figures_stay_at_their_floor(predictions: list[tuple[dict, dict]]) -> None:
    total: dict[str, int] = {}
    for gold, pred in predictions:
        for k, v in _score(gold, pred).items():
            total[k] = total.get(k, 0) + v
    figures = {
        "person_recall": total["p_tp"] / total["p_gold"],
        "person_precision": total["p_tp"] / total["p_pred"],
        "role_acc": total["r_ok"] / total["r_gold"],
        "event_recall": total["e_tp"] / total["e_gold"],
        "event_precision": total["e_tp"] / total["e_pred"],
        "event_status_acc": total["st_ok"] / total["e_gold"],
        "event_date_acc": total["d_ok"] / total["d_gold"],
    }
    low = {k: round(v, 3) for k, v in figures.items() if v < FLOORS[k]}
    assert not low, f"below the floor: {low} (all: { {k: round(v, 3) for k, v in figures.items()} })"
    assert total["leaks"] <= MAX_LEAKS


@pytest.mark.model
def test_json_contract(predictions: list[tuple[dict, dict]]) -> None:
    _, pred = predictions[0]
    assert {"id", "published", "entities", "events", "timexes", "furniture"} <= set(pred)
    for e in pred["entities"]:
        assert {"name", "type", "aliases"} <= set(e)
        if e["type"] == "Person":
            assert all({"title", "of"} <= set(r) for r in e["roles"])
    for e in pred["events"]:
        assert {"type", "participants", "place", "date", "status", "evidence"} <= set(e)


def test_fixtures_are_complete() -> None:
    for gold_file in FIXTURES.glob("*.json"):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        text = (FIXTURES / gold["text_file"]).read_text(encoding="utf-8")
        names = {e["name"] for e in gold["entities"]}
        for e in gold["events"]:
            assert e["evidence"] in text, (gold_file.name, e["evidence"])
            assert set(e["participants"]) <= names, (gold_file.name, e["participants"])
