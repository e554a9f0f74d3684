"""Roles: the office a person holds and the country or organisation it is held for."""

from __future__ import annotations

import pytest

from kg.extract import canonical, entities, nlp, roles

pytestmark = pytest.mark.model


def _roles(text: str) -> dict[str, set[tuple[str, str | None]]]:
    doc = nlp.load()(text)
    mentions = entities.find_mentions(doc)
    resolved = canonical.resolve_article(mentions, roles.find_titles(doc, mentions))
    return {e.name: {(r.title, r.of) for r in e.roles} for e in resolved.entities if e.type == "Person"}


@pytest.mark.parametrize(
    ("text", "person", "title", "of"),
    [
        (
            "Russian Foreign Minister Sergei Lavrov held talks in Moscow.",
            "Sergei Lavrov",
            "Foreign Minister",
            "Russia",
        ),
        ("Ali Khamenei, Iran's supreme leader, spoke on Sunday.", "Ali Khamenei", "Supreme Leader", "Iran"),
        ("Olaf Scholz, the German chancellor, urged China to act.", "Olaf Scholz", "Chancellor", "Germany"),
        # a counterpart holds the office of the person it is the counterpart of
        (
            "Russian Foreign Minister Sergei Lavrov met his Chinese counterpart, Wang Yi, on Tuesday.",
            "Wang Yi",
            "Foreign Minister",
            "China",
        ),
        # a country's institution inside a title gives the country
        (
            "U.S. Treasury Secretary Janet Yellen said in a statement that it would act.",
            "Janet Yellen",
            "Treasury Secretary",
            "United States",
        ),
        (
            "Iran's foreign ministry spokesman, Nasser Kanaani, condemned the measures.",
            "Nasser Kanaani",
            "Foreign Ministry Spokesman",
            "Iran",
        ),
        ("Kremlin spokesman Dmitry Peskov said it was too early.", "Dmitry Peskov", "Spokesman", "Kremlin"),
        # a posted office is held for the sending country, not the host
        (
            "Pakistan's ambassador to the United Nations, Munir Akram, said Islamabad was open.",
            "Munir Akram",
            "Ambassador",
            "Pakistan",
        ),
        (
            "Han met Philip Goldberg, the U.S. ambassador to South Korea, on Monday.",
            "Philip Goldberg",
            "Ambassador",
            "United States",
        ),
        (
            "South Korea's Acting President Han Duck-soo held a phone call with Biden.",
            "Han Duck-soo",
            "Acting President",
            "South Korea",
        ),
        (
            "Josep Borrell, the EU's foreign policy chief, said the talks were off.",
            "Josep Borrell",
            "Foreign Policy Chief",
            "European Union",
        ),
        (
            "The EU's special envoy for the dialogue, Miroslav Lajcak, will travel to Belgrade.",
            "Miroslav Lajcak",
            "Special Envoy",
            "European Union",
        ),
        # a form of address is not an office
        (
            "Modi was received by the UAE president, Sheikh Mohamed bin Zayed Al Nahyan, on Tuesday.",
            "Mohamed bin Zayed Al Nahyan",
            "President",
            "United Arab Emirates",
        ),
    ],
)
def test_title_and_country(text: str, person: str, title: str, of: str) -> None:
    got = _roles(text)
    assert person in got, got
    assert any(set(title.lower().split()) <= set(t.lower().split()) and o == of for t, o in got[person]), got[
        person
    ]


def test_a_bare_title_links_to_the_one_person_it_fits() -> None:
    got = _roles(
        "Macron met Premier Li Qiang, who took office last month. The Chinese premier told him that Beijing wanted stable relations."
    )
    assert ("Premier", "China") in got["Li Qiang"]


def test_a_second_office_takes_the_country_of_the_first() -> None:
    got = _roles(
        "South Korea's Acting President Han Duck-soo spoke to Biden. Han, who is also prime minister, met the envoy on Monday."
    )
    assert ("Prime Minister", "South Korea") in got["Han Duck-soo"]


def test_a_former_office_is_not_a_role() -> None:
    got = _roles("Former President Barack Obama spoke in Chicago on Monday.")
    assert not got.get("Barack Obama")


# Roles as real pages state them (sentences written for the project, one class each).
@pytest.mark.parametrize(
    ("text", "person", "title", "of"),
    [
        # "<office> of <country> <name>" and "<office> of <organisation> (ABBR), <name>"
        (
            "President of Burundi Jean Ndikumana arrived in Nairobi today.",
            "Jean Ndikumana",
            "President",
            "Burundi",
        ),
        (
            "The Secretary General of the Organization of American States (OAS), Maria Lopez, spoke on Tuesday.",
            "Maria Lopez",
            "Secretary General",
            "Organization of American States",
        ),
        # "<office> <name> of <country>", and a plural office shared by a list of names
        (
            "The agreement was signed by Prime Minister Alem Tesfaye of Ethiopia.",
            "Alem Tesfaye",
            "Prime Minister",
            "Ethiopia",
        ),
        (
            "Presidents Carlos Mendes of Brazil and Ana Ruiz of Mexico held a telephone conversation.",
            "Ana Ruiz",
            "President",
            "Mexico",
        ),
        # an apposition with "of the Republic of X", and a second office joined by "and"
        (
            "Mehmet Kaya, Minister of Foreign Affairs of the Republic of Turkey will attend the lunch.",
            "Mehmet Kaya",
            "Minister of Foreign Affairs",
            "Turkey",
        ),
        (
            "He came with Ali Demir, Minister for EU Affairs and Chief Negotiator.",
            "Ali Demir",
            "Chief Negotiator",
            None,
        ),
        # a posted office: the host is part of the title, the sending country its `of`
        (
            "He held talks with South Korean Ambassador to Japan Park Min-ho on Monday.",
            "Park Min-ho",
            "Ambassador to Japan",
            "South Korea",
        ),
        # a delegation list announced by a plural office
        (
            "The summit will be attended by the heads of state of three countries: Chad's Ali Mahamat, Niger's"
            " Issa Moussa and Mali's Amadou Traore.",
            "Issa Moussa",
            "Head of State",
            "Niger",
        ),
        # a portfolio before a capitalised office
        ("He was welcomed by Tourism Minister Hana Bekele.", "Hana Bekele", "Tourism Minister", None),
        # the country the sentence ties to the holder: "leading a <nationality> delegation"
        (
            "Prime Minister Jone Tuilagi is leading a Samoan delegation on a visit to New Zealand today.",
            "Jone Tuilagi",
            "Prime Minister",
            "Samoa",
        ),
        # a party before a lower-case title that has its portfolio already holds the office
        (
            "Opposition leaders criticised the deal, and Labour defence spokesman Tom Hale called it weak.",
            "Tom Hale",
            "Defence Spokesman",
            "Labour",
        ),
        # ... but a portfolio word stays in its title
        ("The cabinet met Labor Minister Jan Roe on Monday.", "Jan Roe", "Labor Minister", None),
        # a bare title with its country gives a second description of the office
        (
            "The coup ousted President Manuel Reyes. It began when the Honduran Head of State was expelled.",
            "Manuel Reyes",
            "Head of State",
            "Honduras",
        ),
    ],
)
def test_roles_on_real_page_shapes(text: str, person: str, title: str, of: str | None) -> None:
    assert (title, of) in _roles(text).get(person, set()), _roles(text)


def test_the_country_of_someone_else_is_not_taken() -> None:
    # "the French leader" is another person; the topic of one's own words is not one's country
    got = _roles(
        "Earlier, the French leader met Premier Li Wei in Beijing. President Joe Smith said Russia would pay."
    )
    assert got["Li Wei"] == {("Premier", None)}
    assert got["Joe Smith"] == {("President", None)}
