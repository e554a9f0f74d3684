"""Entity mentions: spaCy's named entities, corrected for its known failures on news text.

The small English model makes systematic mistakes on news pages; each rule below fixes one
class of them, by the shape of the language rather than by particular names:

- possessives and determiners inside the span ("Trump's", "The State Department's");
- hyphenated pairs of names naming two people or countries ("the Rubio-Lavrov call");
- cities and countries tagged as people ("Kyiv"), checked against the offline gazetteer;
- platforms, outlets and institutions tagged as places ("on Truth Social");
- named happenings tagged as organisations ("X Massacre", "Y Summit");
- fragments of office titles tagged as organisations ("State" in "Secretary of State");
- names the model misses after an office title ("President Obama" with "Obama" untagged).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span as SpacySpan

from . import countries, places
from .model import Span
from .titles import TITLE_HEADS, is_title_word

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
# Words that make an unknown "place" an organisation, outlet or platform.
ORG_WORDS = {
    "social", "media", "network", "news", "tv", "times", "post", "journal", "party", "council",
    "ministry", "department", "agency", "bank", "group", "inc", "corp", "company", "university",
    "committee", "commission", "forces", "army", "navy", "press", "radio", "channel", "foundation",
    "institute", "association", "federation", "league", "office", "service", "services",
}  # fmt: skip
# Words that mark a facility as a seat of power that stands for an institution.
POSSESSIVE = re.compile(r"(?:['’]s?|s['’])$")
DASHES = "-–—"


@dataclass(frozen=True)
class Mention:
    """One surface mention of an entity in the article."""

    span: Span
    label: str  # Person, Organization, Place, Nationality
    start_token: int
    end_token: int
    source: str = "ner"  # ner, rule, split

    @property
    def text(self) -> str:
        """The words of the mention."""
        return self.span.text


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Shrink a token range to the name itself: no determiner, possessive or punctuation."""
    while start < end and (
        doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct or doc[start].is_space
    ):
        start += 1
    while end > start and (
        doc[end - 1].tag_ == "POS"
        or doc[end - 1].is_punct
        or doc[end - 1].is_space
        or doc[end - 1].text in {"'s", "’s", "'", "’"}
    ):
        end -= 1
    return start, end


def _span(doc: Doc, start: int, end: int) -> Span:
    s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    text = doc.text[s:e]
    m = POSSESSIVE.search(text)
    if m and len(text) > 3 and text[m.start() - 1 : m.start()].isalpha() and m.group(0) not in {"s'", "s’"}:
        # a possessive glued to the last token by the tokenizer ("Trump’s")
        e -= len(m.group(0))
    return Span.of(doc.text, s, e)


PAIR = re.compile(r"(?:[Tt]he\s+)?([A-Z][\w.]+)\s?[-–—]\s?([A-Z][\w.]+)")


def _split_pair(doc: Doc, ent: SpacySpan) -> list[tuple[int, int]] | None:
    """Character ranges of the two names in a hyphenated pair ("Rubio-Lavrov"), if it is one."""
    m = PAIR.fullmatch(doc.text[ent.start_char : ent.end_char])
    if not m:
        return None
    return [(ent.start_char + m.start(g), ent.start_char + m.end(g)) for g in (1, 2)]


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
HUMAN_VERBS = {
    "say", "tell", "speak", "meet", "visit", "urge", "call", "ask", "add", "announce", "sign",
    "travel", "host", "welcome", "warn", "insist", "argue", "explain", "deny", "promise", "vow",
}  # fmt: skip
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
    for ent in doc.ents:
        label = LABELS.get(ent.label_)
        if label is None:
            continue
        # a pair of names joined by a hyphen: two mentions
        pair = _split_pair(doc, ent) if any(d in ent.text for d in DASHES) else None
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
            span = Span.of(doc.text, s, s + len(first))
        words = span.text.split()
        lower_words = [w.lower().strip(".,") for w in words]
        if lower_words and lower_words[-1] in EVENT_NAME_WORDS and label in {"Organization", "Place"}:
            continue  # "Borno Massacre" names a happening
        if all(is_title_word(w) or w in {"of", "for", "the"} for w in lower_words):
            continue  # "State" of "Secretary of State", "Supreme Leader"
        prev = doc[start - 1].lower_ if start > 0 else ""
        if label == "Person":
            if len(words) == 1 and not words[0][:1].isupper():
                continue
            if countries.country_of(span.text) or (_notable_place(span.text) and not _title_before(doc, start)):
                label = "Place"  # "Kyiv", "Gaza" tagged as people
        elif label == "Place":
            label = _classify_place(span.text, ent.label_, prev)
            if label == "Place" and _person_like(doc, start, end, span.text):
                label = "Person"  # "Scholz spoke by phone": an unknown "place" that speaks
        elif label == "Organization":
            if _title_before(doc, start) and places.lookup(span.text) is None and not (
                {w.lower() for w in words} & ORG_WORDS
            ):
                label = "Person"  # "Chancellor Olaf Scholz" read as an organisation
            elif countries.country_of(span.text) and not countries.organisation_of(span.text):
                label = "Place"
            elif places.lookup(span.text) is not None and places.lookup(span.text).kind == "building":
                label = "Place"
        elif label == "Nationality":
            if countries.country_of(span.text) is None:
                continue
        out.append(Mention(span, label, start, end))
    out.extend(_titled_names(doc, out))
    out.extend(_pairs(doc, pairs, out))
    out.sort(key=lambda m: m.span.start)
    return out


def _pairs(doc: Doc, pairs: list, found: list[Mention]) -> list[Mention]:
    """Split "Rubio-Lavrov" into two names when each half is named elsewhere in the article.

    A hyphenated name of one person ("Jean-Claude", "Abdel-Fattah") has halves that are not
    otherwise mentioned, so it stays whole.
    """
    known = {m.text.split()[-1] for m in found if m.label in {"Person", "Place"}}
    out = []
    for ent, halves in pairs:
        names = [doc.text[s:e] for s, e in halves]
        if all(n in known or countries.country_of(n) for n in names):
            for (s, e), name in zip(halves, names, strict=True):
                label = "Place" if countries.country_of(name) else "Person"
                toks = doc.char_span(s, e, alignment_mode="expand")
                out.append(Mention(Span.of(doc.text, s, e), label, toks.start, toks.end, "split"))
        elif ent.label_ == "PERSON":
            start, end = _trim(doc, ent.start, ent.end)
            if start < end:
                out.append(Mention(_span(doc, start, end), "Person", start, end))
    return out


def _title_before(doc: Doc, start: int) -> bool:
    return start > 0 and doc[start - 1].lower_ in TITLE_HEADS


def _titled_names(doc: Doc, found: list[Mention]) -> list[Mention]:
    """Proper names right after an office title that the model did not tag."""
    covered = set()
    for m in found:
        covered.update(range(m.start_token, m.end_token))
    extra = []
    i = 0
    while i < len(doc) - 1:
        tok = doc[i]
        if tok.lower_ in TITLE_HEADS and tok.text[:1].isupper() and i + 1 not in covered:
            j = i + 1
            while j < len(doc) and doc[j].tag_ == "NNP" and doc[j].text[:1].isupper() and j not in covered:
                if is_title_word(doc[j].lower_) or countries.country_of(doc[j].text):
                    break
                j += 1
            if j > i + 1 and j - i <= 4:
                span = _span(doc, i + 1, j)
                if span.text and places.lookup(span.text) is None:
                    extra.append(Mention(span, "Person", i + 1, j, "rule"))
            i = j
        else:
            i += 1
    return extra
