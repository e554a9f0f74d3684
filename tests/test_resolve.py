"""Resolution within an article, built from hand-made mentions (no trained model needed)."""

from __future__ import annotations

import pytest

from kg import resolve
from kg.extract import canonical
from kg.extract.entities import Mention
from kg.extract.roles import TitleMention
from kg.model import Role, Span


def _mentions(text: str, labelled: list[tuple[str, str]]) -> list[Mention]:
    """Mentions of the given (surface, label) pairs, in order of their first occurrence after the last."""
    out, at = [], 0
    for surface, label in labelled:
        start = text.index(surface, at)
        at = start + len(surface)
        out.append(Mention(Span.of(text, start, at), label, start, start + 1))
    return out


@pytest.mark.parametrize(
    ("labelled", "expected"),
    [
        ([("Donald Trump", "Person"), ("Trump", "Person")], {"Donald Trump"}),
        ([("Bilawal Bhutto Zardari", "Person"), ("Bhutto Zardari", "Person")], {"Bilawal Bhutto Zardari"}),
        ([("Vladimir Putin", "Person"), ("Vladimir V. Putin", "Person")], {"Vladimir V. Putin"}),
        (
            [("George Bush", "Person"), ("Jeb Bush", "Person"), ("Bush", "Person")],
            {"George Bush", "Jeb Bush"},
        ),
        ([("Raul Castro", "Person"), ("Fidel Castro", "Person")], {"Raul Castro", "Fidel Castro"}),
    ],
)
def test_person_names_group(labelled: list[tuple[str, str]], expected: set[str]) -> None:
    text = " ; ".join(s for s, _ in labelled)
    got = canonical.resolve_article(_mentions(text, labelled), [])
    assert {e.name for e in got.entities if e.type == "Person"} == expected


def test_a_bare_surname_goes_to_the_latest_full_name() -> None:
    text = "George Bush ; Jeb Bush ; Bush"
    ms = _mentions(text, [("George Bush", "Person"), ("Jeb Bush", "Person"), ("Bush", "Person")])
    got = canonical.resolve_article(ms, [])
    assert got.name_at(ms[-1].span.start) == "Jeb Bush"


@pytest.mark.parametrize(
    ("labelled", "name"),
    [
        ([("EU", "Organization"), ("European Union", "Organization")], "European Union"),
        ([("SEOUL", "Place"), ("Seoul", "Place")], "Seoul"),
        ([("U.S.", "Place"), ("America", "Place")], "United States"),
    ],
)
def test_one_entity_under_its_common_name(labelled: list[tuple[str, str]], name: str) -> None:
    text = " ; ".join(s for s, _ in labelled)
    got = canonical.resolve_article(_mentions(text, labelled), [])
    assert [e.name for e in got.entities] == [name]


def _titled(text: str, person: Mention, title: str, of: str | None) -> TitleMention:
    return TitleMention(title, of, person.span, person)


def test_bare_title_gives_its_country_to_the_only_holder() -> None:
    text = "Premier Li Qiang ; Chinese President Xi Jinping ; the Chinese premier"
    li, xi = _mentions(text, [("Li Qiang", "Person"), ("Xi Jinping", "Person")])
    start = text.index("the Chinese premier")
    bare = TitleMention("Premier", "China", Span.of(text, start, len(text)), None)
    got = canonical.resolve_article(
        [li, xi], [_titled(text, li, "Premier", None), _titled(text, xi, "President", "China"), bare]
    )
    li_ent = next(e for e in got.entities if e.name == "Li Qiang")
    assert [(r.title, r.of) for r in li_ent.roles] == [("Premier", "China")]
    assert got.name_at(start) == "Li Qiang"


def test_bare_title_with_two_candidates_stays_unlinked() -> None:
    text = "President Joe Biden ; President Yoon Suk Yeol ; the Korean president"
    biden, yoon = _mentions(text, [("Joe Biden", "Person"), ("Yoon Suk Yeol", "Person")])
    start = text.index("the Korean president")
    bare = TitleMention("President", "South Korea", Span.of(text, start, len(text)), None)
    got = canonical.resolve_article(
        [biden, yoon], [_titled(text, biden, "President", None), _titled(text, yoon, "President", None), bare]
    )
    assert all(r.of is None for e in got.entities for r in e.roles)


def test_roles_without_country_and_duplicates() -> None:
    ev = Span.of("x", 0, 1)
    roles = (
        Role("Secretary of State", "United States", ev),
        Role("Secretary", None, ev),
        Role("Prime Minister", None, ev),
    )
    deduped = canonical._one_country(canonical._dedupe_roles(roles))
    assert [(r.title, r.of) for r in deduped] == [
        ("Secretary of State", "United States"),
        ("Prime Minister", "United States"),
    ]


def test_link_people_across_articles() -> None:
    from kg.model import Entity

    ev = Span.of("x", 0, 1)
    known = [
        resolve.Known("Sergei Lavrov", ("Lavrov",), ("Russia",)),
        resolve.Known("Wang Yi", (), ("China",)),
    ]
    ents = [
        Entity(key="p1", name="Lavrov", type="Person"),
        Entity(key="p2", name="Wang", type="Person", roles=(Role("Minister", "Singapore", ev),)),
    ]
    assert resolve.link_people(ents, known) == {"Lavrov": "Sergei Lavrov"}
