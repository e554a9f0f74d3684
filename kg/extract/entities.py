"""Entity mentions: spaCy's named entities, corrected for its known failures on news text.

The small English model makes systematic mistakes on news pages; each rule below fixes one
class of them, by the shape of the language rather than by particular names:

- possessives and determiners inside the span ("Trump's", "The State Department's");
- hyphenated pairs of names naming two people or countries ("the Rubio-Lavrov call");
- cities and countries tagged as people ("Kyiv"), checked against the offline gazetteer;
- platforms, outlets and institutions tagged as places ("on Truth Social");
- named happenings tagged as organisations ("X Massacre", "Y Summit");
- fragments of office titles tagged as organisations ("State" in "Secretary of State");
- names the model misses after an office title ("President Obama" with "Obama" untagged);
- names cut short or split by the model ("Ursula von" for "Ursula von der Leyen", "Han Duck" for
  "Han Duck-soo", "Bilawal Bhutto" + "Zardari"), extended over the rest of the name;
- a person inside an organisation span after a title ("Kazakh President Kassym-Jomart Tokayev");
- the modifier of a title tagged as an organisation ("Indian External Affairs" Minister);
- a person's name, or part of it, tagged as a place or organisation elsewhere in the article
  ("Kishida" in a headline, "Castro, 76,", "Olaf Scholz, the German chancellor,"), relabelled
  from the article's full names, an age apposition or a title apposition;
- datelines in capitals ("BERLIN, June 20 (AP) —") read as the place they name;
- a ministry described in lower case ("Senegal's foreign ministry"): an organisation (`ministries`).
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract import countries, ministries, places
from kg.extract.mention import DASHES, ORG_WORDS, Mention, _span, _split_pair, _trim
from kg.extract.names import (
    HUMAN_VERBS,
    _described_as_person,
    _extend_left,
    _extend_name,
    _full_names,
    _is_name,
    _join_adjacent_people,
    _name_parts,
    _pairs,
    _part_of_name,
    _strip_titles,
    _title_before,
    _titled_names,
    _titled_person_inside,
    _untagged_apposed,
)
from kg.extract.nlp import text_of
from kg.extract.repair import ORG_NOUNS, PLACE_WORDS, SEATED, repaired_ents
from kg.extract.titles import INSTITUTION_WORDS, is_head, is_title_word
from kg.model import Span

LABELS = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
    "NORP": "Nationality",
}
# Last words that make a name a happening, not an organisation or a place.
EVENT_NAME_WORDS = {
    "massacre", "war", "attack", "attacks", "bombing", "bombings", "shooting", "crisis", "summit",
    "election", "elections", "olympics", "games", "revolution", "uprising", "protest", "protests",
    "riot", "riots", "accord", "accords", "treaty", "talks", "offensive", "invasion", "genocide",
    "earthquake", "hurricane", "flood", "floods", "cup", "championship", "festival",
}  # fmt: skip


def _classify_place(text: str, label: str, prev_word: str) -> str:
    """Place, Organization or None for a GPE/LOC/FAC span, using the gazetteer."""
    words = {w.lower().strip(".") for w in text.split()}
    known = places.lookup(text)
    if known is not None:
        return "Place"
    if words & ORG_WORDS:
        return "Organization"
    if prev_word in {"on", "via"} and label != "FAC":
        return "Organization"  # "posted on Truth Social": a platform, not a place
    return "Place"


# Verbs whose subject is a person (or a government speaking), never a bare place name.
NOTABLE_POPULATION = 100_000


def _notable_place(text: str) -> bool:
    """Whether a name is a place well known enough to beat the model's reading it as a person.

    Small towns share names with common surnames ("Bush", "Fox"): only countries, regions,
    buildings and cities of some size overrule the model.
    """
    p = places.lookup(text)
    if p is None:
        return False
    if p.kind != "city":
        return True
    # an accent-folded match on a mid-sized town ("Bush" -> "Būsh") is no reason to doubt the model
    exact = p.name.casefold() == text.casefold()
    return (exact and p.population >= NOTABLE_POPULATION) or p.population >= 10 * NOTABLE_POPULATION


def _person_like(doc: Doc, start: int, end: int, text: str) -> bool:
    """A one-word name the gazetteer does not know, acting as the subject of a human verb."""
    if end - start != 1 or places.lookup(text) is not None or countries.country_of(text):
        return False
    tok = doc[start]
    return tok.dep_ == "nsubj" and tok.head.lemma_ in HUMAN_VERBS


def find_mentions(doc: Doc, *, headline: Span | None = None) -> list[Mention]:
    """Entity mentions of an article's Doc, corrected by the project's rules.

    `headline` is the span of a title-case headline line: the model reads capitalised words there
    as names ("Trump's Planned Second Meeting" as an organisation), so a mention in it is kept
    only where it names something the body names too, or a known place.
    """
    found = _find(doc)
    if headline is None:
        return found
    inside = [m for m in found if headline.start <= m.span.start < headline.end]
    body = [m for m in found if not headline.start <= m.span.start < headline.end]
    return sorted(body + _headline_mentions(doc, inside, body), key=lambda m: m.span.start)


def _headline_mentions(doc: Doc, inside: list[Mention], body: list[Mention]) -> list[Mention]:
    """The headline's mentions that name what the body names (or a known place), trimmed to the name."""
    known: dict[str, str] = {}
    for m in body:
        known[m.text.lower()] = m.label
        if m.label == "Person":
            known[m.text.split()[-1].lower()] = "Person"
    out = []
    for m in inside:
        # the longest run of leading words that is a known name: "Trump" in "Trump's Planned Meeting"
        for n in range(m.end_token - m.start_token, 0, -1):
            start, end = _trim(doc, m.start_token, m.start_token + n)
            if start >= end:
                continue
            span = _span(doc, start, end)
            label = known.get(span.text.lower())
            if label is None and (countries.country_of(span.text) or places.lookup(span.text)):
                label = "Place"
            if label is not None:
                out.append(Mention(span, label, start, end, "headline"))
                break
    return out


def _find(doc: Doc) -> list[Mention]:
    """Entity mentions from the model, corrected by rules."""
    out: list[Mention] = []
    pairs = []
    for ent in repaired_ents(doc):
        label = LABELS.get(ent.label_)
        if label is None:
            continue
        # a pair of names joined by a hyphen: two mentions
        pair = (
            _split_pair(doc, ent)
            if any(d in ent.text for d in DASHES) and not countries.is_country(ent.text)
            else None
        )
        if pair:
            pairs.append((ent, pair))
            continue
        start, end = _trim(doc, ent.start, ent.end)
        if start >= end:
            continue
        span = _span(doc, start, end)
        if not span.text.strip() or "\n" in span.text.strip():
            # the model joined a heading to the next line: keep the first line's name only
            first = span.text.strip().split("\n")[0].strip()
            if not first:
                continue
            s = span.start + span.text.index(first)
            span = Span.of(text_of(doc), s, s + len(first))
        words = span.text.split()
        lower_words = [w.lower().strip(".,") for w in words]
        if lower_words and lower_words[-1] in EVENT_NAME_WORDS and label in {"Organization", "Place"}:
            continue  # "Borno Massacre" names a happening
        addressed = start > 0 and doc[start - 1].lower_.rstrip(".") in {
            "mr",
            "ms",
            "mrs",
            "dr",
            "miss",
            "sir",
        }
        if addressed:
            label = (
                "Person"  # "Ms Bishop", "Mr Wang": a form of address names a person, whatever the model said
            )
        elif all(
            is_title_word(w) or (label == "Person" and w in INSTITUTION_WORDS) or w in {"of", "for", "the"}
            for w in lower_words
        ):
            continue  # "State" of "Secretary of State", "Supreme Leader"
        if (
            label in {"Organization", "Place"}
            and any(is_head(w) for w in lower_words)
            and all(
                is_title_word(w) or w in {"of", "the"} or countries.country_of(x)
                for w, x in zip(lower_words, words, strict=True)
            )
        ):
            # "the Ruritanian Head" (of State): a title, not a name; its country word stays
            for k in range(start, end):
                if countries.country_of(doc[k].text):
                    out.append(Mention(_span(doc, k, k + 1), "Nationality", k, k + 1, "rule"))
            continue
        prev = doc[start - 1].lower_ if start > 0 else ""
        if label != "Person":
            inner = _titled_person_inside(doc, start, end)
            if inner is not None:
                out.append(inner)  # "Kazakh President Kassym-Jomart Tokayev": the title is not the name
                continue
        if label == "Organization":
            if not any(w[:1].isupper() for w in words):
                continue  # "the foreign ministry": a description, not a name
            if (
                end < len(doc)
                and is_head(doc[end].lower_)
                and all(is_title_word(w.lower()) or countries.country_of(w) for w in words)
            ):
                continue  # "Indian External Affairs" Minister: the modifier of a title
            cut = _place_tail(doc, start, end)
            if cut is not None:
                end = cut  # "Shanghai Cooperation Organisation in Goa"
                span = _span(doc, start, end)
                words = span.text.split()
        if label in {"Organization", "Place"} and _is_dateline(doc, start, end):
            label = "Place"
            out.append(Mention(span, label, start, end))
            continue
        if label == "Person":
            if len(words) == 1 and not words[0][:1].isupper():
                continue
            end = _extend_name(doc, end)
            start = _extend_left(doc, start, end, {i for m in out for i in range(m.start_token, m.end_token)})
            span = _span(doc, start, end)
            if countries.country_of(span.text) or (
                _notable_place(span.text) and not _title_before(doc, start)
            ):
                label = "Place"  # "Kyiv", "Gaza" tagged as people
        elif label == "Place":
            label = _classify_place(span.text, ent.label_, prev)
            if label == "Place" and _person_like(doc, start, end, span.text):
                label = "Person"  # "Scholz spoke by phone": an unknown "place" that speaks
        elif label == "Organization":
            if (
                _title_before(doc, start)
                and places.lookup(span.text) is None
                and not ({w.lower() for w in words} & ORG_WORDS)
                and not (end < len(doc) and doc[end].lower_ in ORG_NOUNS)  # "the official XYZ news agency"
            ):
                label = "Person"  # "Chancellor Olaf Scholz" read as an organisation
            elif (
                (countries.country_of(span.text) and not countries.organisation_of(span.text))
                or (places.lookup(span.text) is not None and places.lookup(span.text).kind == "building")
                or (
                    prev in {"in", "at"}
                    and places.lookup(span.text) is not None
                    and not {w.lower() for w in words} & ORG_WORDS
                )
            ):
                label = "Place"  # "met in Ohrid": a known place after "in" is where, not who
        elif label == "Nationality" and countries.country_of(span.text) is None:
            if not (
                doc[end - 1].tag_ in {"NNP", "NNPS"}
                and end < len(doc)
                and doc[end].is_lower
                and is_head(doc[end].lower_)
            ):
                continue
            label = "Organization"  # "Greens leader X": a party the model reads as a group of people
        out.append(Mention(span, label, start, end))
    out.extend(_titled_names(doc, out))
    out.extend(_pairs(doc, pairs, out))
    out.sort(key=lambda m: m.span.start)
    out = [_strip_titles(doc, m) for m in _join_adjacent_people(doc, out)]
    out = _relabel_people(doc, out)
    out = [m for m in out if m.label != "Person" or _is_name(doc, m, out)]
    out.extend(_name_parts(doc, out))
    out.extend(_untagged_apposed(doc, out))
    out.extend(_conjoined_places(doc, out))
    out.extend(_conjoined_people(doc, out))
    out.sort(key=lambda m: m.span.start)
    return ministries.find(doc, out)


def _place_tail(doc: Doc, start: int, end: int) -> int | None:
    """Where an organisation name ends when the model ran it on into "in <place>" (an embassy's seat stays)."""
    for i in range(start + 1, end - 1):
        if doc[i - 1].lower_ in SEATED:
            continue  # "the Embassy in Ruritown" is the name of the embassy
        if doc[i].lower_ in {"in", "at"} and places.lookup(doc[i + 1 : end].text) is not None:
            return i
    return None


def _is_dateline(doc: Doc, start: int, end: int) -> bool:
    """Whether a span is the place of a dateline: "BERLIN, June 20 (AP) —", "MOSCOW (Reuters) -"."""
    text = doc[start:end].text
    at_line_start = start == 0 or "\n" in doc[start - 1].text or doc[start - 1].is_space
    return (
        text.isupper()
        and at_line_start
        and end < len(doc)
        and doc[end].text in {",", "(", "-", "—", "–"}
        and places.lookup(text) is not None
    )


def _relabel_people(doc: Doc, found: list[Mention]) -> list[Mention]:
    """Mentions tagged as places or organisations that the article shows to be people."""
    names = _full_names(found)
    out = []
    for m in found:
        if m.label in {"Organization", "Place"} and not countries.country_of(m.text):
            words = m.text.split()
            big_place = (
                (p := places.lookup(m.text)) is not None
                and p.kind != "city"
                or places.country_of_capital(m.text)
            )
            if (not big_place and _part_of_name(words, names)) or (
                not places.lookup(m.text)
                and words[-1].lower() not in PLACE_WORDS  # "X Airport, the <country> President, Y"
                and _described_as_person(doc, m)
            ):
                m = Mention(m.span, "Person", m.start_token, m.end_token, "rule")
        out.append(m)
    return out


def _conjoined_people(doc: Doc, found: list[Mention]) -> list[Mention]:
    """A name the model left untagged beside a person it tagged: "Presidents A B of X and C D of Y"."""
    by_token = {i: m for m in found for i in range(m.start_token, m.end_token)}
    out = []
    for tok in doc:
        head = by_token.get(tok.head.i)
        if tok.i in by_token or tok.dep_ != "conj" or head is None or head.label != "Person":
            continue
        start = tok.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == tok.i:
            start -= 1
        if start == tok.i or any(i in by_token for i in range(start, tok.i + 1)):
            continue  # one word alone is too little to call a name
        if all(
            doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper() for i in range(start, tok.i + 1)
        ) and not any(
            is_title_word(doc[i].lower_) or countries.country_of(doc[i].text) for i in range(start, tok.i + 1)
        ):
            out.append(Mention(_span(doc, start, tok.i + 1), "Person", start, tok.i + 1, "rule"))
    return out


def _conjoined_places(doc: Doc, found: list[Mention]) -> list[Mention]:
    """Known places the model left untagged beside a tagged one ("between Moscow and Kyiv")."""
    by_token = {i: m for m in found for i in range(m.start_token, m.end_token)}
    out = []
    for tok in doc:
        if tok.i in by_token or tok.pos_ != "PROPN" or not tok.text[:1].isupper():
            continue
        if tok.dep_ != "conj" or by_token.get(tok.head.i) is None or by_token[tok.head.i].label != "Place":
            continue
        p = places.lookup(tok.text)
        if p is not None and (p.kind != "city" or places.country_of_capital(tok.text)):
            out.append(Mention(_span(doc, tok.i, tok.i + 1), "Place", tok.i, tok.i + 1, "rule"))
    return out
