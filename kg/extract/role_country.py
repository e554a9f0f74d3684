"""The country of a national office the text names without one, read from the sentence around it.

"Prime Minister X is leading a Ruritanian delegation to Freedonia": the delegation is Ruritania's,
so the office is. "Foreign Minister X met her Freedonian counterpart Y as Ruritania seeks ...":
Freedonia is Y's (a title says so), Ruritania is left. A country counts only where the sentence
ties it to its own side: the subject of a clause, a possessive, or an adjective of a person or a
group ("a Ruritanian delegation", "the first Ruritanian minister"). A country that is another
person's office, a destination or a place ("to Freedonia", "the Freedonian capital"), or the topic
of the person's own words ("X said Freedonia would ...") does not. One country left is the
answer; none or several leave the office without a country, as the text does.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.extract import countries
from kg.extract.mention import Mention
from kg.extract.title_reading import TitleMention

# Offices of a state: a president, prime minister or minister holds them for a country.
NATIONAL_WORDS = {
    "president",
    "premier",
    "minister",
    "chancellor",
    "king",
    "queen",
    "emir",
    "monarch",
    "head",
}
# Offices of organisations and agents of others: their country is not the sentence's.
NOT_NATIONAL = {"general", "chairman", "chair", "ambassador", "envoy", "representative", "spokesman",
                "spokeswoman", "spokesperson", "counterpart", "commissioner", "chief"}  # fmt: skip
# Nouns of places: "the Freedonian capital", "the Chinese mainland" name a destination, not a side.
PLACE_NOUNS = {"capital", "mainland", "city", "border", "territory", "waters", "soil", "coast", "side",
               "island", "islands", "region", "market", "economy", "embassy", "consulate"}  # fmt: skip
# Prepositions of movement and topic: "to Freedonia", "with Freedonia", "about Freedonia".
AWAY = {"to", "in", "at", "into", "from", "for", "with", "against", "on", "over", "about", "toward", "towards",
        "between", "by", "of", "across"}  # fmt: skip
SPEECH = {"say", "tell", "add", "warn", "insist", "argue", "claim", "believe", "think", "accuse", "urge"}


def _national(title: str) -> bool:
    words = set(title.lower().split())
    return bool(words & NATIONAL_WORDS) and not words & NOT_NATIONAL


def _root(doc: Doc, m: Mention) -> Token:
    return doc[m.start_token : m.end_token].root


def _own_side(doc: Doc, m: Mention, speaker: set[int]) -> bool:
    """Whether a country mention stands for a side of the sentence rather than a destination or a topic."""
    root = _root(doc, m)
    if m.label == "Nationality":
        head = root.head
        if root.dep_ not in {"amod", "compound", "nmod"} or head.lemma_.lower() in PLACE_NOUNS:
            return False
    elif root.dep_ in {"pobj", "dobj", "attr", "appos", "conj"} and (
        root.dep_ != "pobj" or root.head.lower_ in AWAY
    ):
        return False
    # the topic of the person's own words: "X said Freedonia would ..."
    for anc in root.ancestors:
        if (
            anc.dep_ in {"ccomp", "xcomp"}
            and anc.head.lemma_ in SPEECH
            and speaker & {c.i for c in anc.head.children if c.dep_ == "nsubj"}
        ):
            return False
    return True


def countries_from_context(
    doc: Doc, titles: list[TitleMention], mentions: list[Mention]
) -> list[TitleMention]:
    """Titles of national offices held for no country, given the one country their sentence ties to the holder."""
    out = []
    for t in titles:
        if t.of is not None or t.person is None or not _national(t.title):
            out.append(t)
            continue
        sent = doc[t.person.start_token].sent
        others = {
            o.of
            for o in titles
            if o.of
            and o.person is not None
            and o.person is not t.person
            and sent.start_char <= o.span.start < sent.end_char
        }
        speaker = set(range(t.person.start_token, t.person.end_token))
        found = set()
        for m in mentions:
            if not (sent.start <= m.start_token < sent.end) or m.label not in {"Place", "Nationality"}:
                continue
            country = countries.country_of(m.text)
            if country is None or (m.label == "Place" and not countries.is_country(m.text)):
                continue
            if country in others or any(
                o.person is not t.person and o.span.start <= m.span.start < o.span.end for o in titles
            ):
                # another person's office: "her Freedonian counterpart Y", "the Freedonian leader met X"
                continue
            if _own_side(doc, m, speaker):
                found.add(country)
        out.append(TitleMention(t.title, found.pop(), t.span, t.person) if len(found) == 1 else t)
    return out
