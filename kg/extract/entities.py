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
- datelines in capitals ("BERLIN, June 20 (AP) —") read as the place they name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from kg.extract import countries, places
from kg.extract.titles import HONORIFICS, TITLE_HEADS, is_head, is_title_word
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
# Words that make an unknown "place" an organisation, outlet or platform.
ORG_WORDS = {
    "social", "media", "network", "news", "tv", "times", "post", "journal", "party", "council",
    "ministry", "department", "agency", "bank", "group", "inc", "corp", "company", "university",
    "committee", "commission", "forces", "army", "navy", "press", "radio", "channel", "foundation",
    "institute", "association", "federation", "league", "office", "service", "services",
}  # fmt: skip
# Lower-case particles inside personal names ("von der Leyen", "bin Zayed", "da Silva").
NAME_PARTICLES = {"von", "van", "der", "den", "de", "del", "della", "di", "da", "dos", "du", "la", "le",
                  "bin", "bint", "ibn", "al", "el", "ul", "ter"}  # fmt: skip
# Entity types that never take part in a name.
NOT_NAME_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "NORP", "GPE", "LOC"}
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
            continue
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
    out.sort(key=lambda m: m.span.start)
    return out


def _extend_name(doc: Doc, end: int) -> int:
    """The end of a person's name that the model cut short: particles, hyphenated and capitalised parts."""
    j = end
    while j < len(doc):
        tok = doc[j]
        prev = doc[j - 1]
        glued = prev.idx + len(prev.text) == tok.idx
        if tok.text in {"-", "‐"} and glued and j + 1 < len(doc) and doc[j + 1].idx == tok.idx + 1:
            j += 2  # "Duck" "-" "soo"
            continue
        if tok.lower_ in NAME_PARTICLES and tok.text.islower():
            k = j
            while k < len(doc) and doc[k].lower_ in NAME_PARTICLES and doc[k].text.islower():
                k += 1
            if k < len(doc) and doc[k].text[:1].isupper() and doc[k].ent_type_ not in {"DATE", "TIME"}:
                j = k + 1  # "von der Leyen", "bin Zayed": the model often stops at the particle
                continue
            break
        if (
            tok.tag_ == "NNP"
            and tok.text[:1].isupper()
            and tok.text.isalpha()
            and tok.ent_type_ in {"", "PERSON"}
            and not is_title_word(tok.lower_)
            and not countries.country_of(tok.text)
            and (prev.lower_ in NAME_PARTICLES or prev.text[:1].isupper() or prev.text in {"-", "‐"})
        ):
            j += 1
            continue
        break
    # never end on a particle
    while j > end and doc[j - 1].lower_ in NAME_PARTICLES:
        j -= 1
    return j


def _titled_person_inside(doc: Doc, start: int, end: int) -> Mention | None:
    """The person named after a title inside a span tagged as something else."""
    for i in range(start, end - 1):
        if is_head(doc[i].lower_) and doc[i].text[:1].isupper():
            if not all(is_title_word(t.lower_) or countries.country_of(t.text) for t in doc[start:i]):
                return None  # "United Nations General Assembly": a name with a title word inside
            rest = doc[i + 1 : end]
            if {t.lower_ for t in rest} & ORG_WORDS:
                return None
            if all(
                t.text[:1].isupper() or t.text in {"-", "‐"} or t.lower_ in NAME_PARTICLES for t in rest
            ) and not any(is_title_word(t.lower_) or countries.country_of(t.text) for t in rest):
                s, e = _trim(doc, i + 1, _extend_name(doc, end))
                if s < e and doc[s].text[:1].isupper() and places.lookup(doc[s:e].text) is None:
                    return Mention(_span(doc, s, e), "Person", s, e, "rule")
            return None
    return None


def _place_tail(doc: Doc, start: int, end: int) -> int | None:
    """Where an organisation name ends when the model ran it on into "in <place>"."""
    for i in range(start + 1, end - 1):
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


def _join_adjacent_people(doc: Doc, found: list[Mention]) -> list[Mention]:
    """Two person mentions with nothing between them are one name ("Bilawal Bhutto" + "Zardari")."""
    out: list[Mention] = []
    for m in found:
        last = out[-1] if out else None
        if (
            last is not None
            and last.label == "Person"
            and m.label == "Person"
            and last.end_token == m.start_token
            and doc[m.start_token].text[:1].isupper()
        ):
            out[-1] = Mention(
                _span(doc, last.start_token, m.end_token),
                "Person",
                last.start_token,
                m.end_token,
                last.source,
            )
            continue
        if last is not None and m.start_token < last.end_token:
            continue  # a shorter mention inside one already kept
        out.append(m)
    return out


def _is_name(doc: Doc, m: Mention, found: list[Mention]) -> bool:
    """Whether a person mention is a name, not a word the model mistook for one.

    Dropped: words that are not proper nouns ("Rescued" opening a sentence, "The"), titles and
    forms of address alone ("Sgt", "Sir"), "anti-"/"pro-" words and "-led" modifiers
    ("Anti-Castro", "Sugarman-led"), and one-word "names" that only ever modify a common noun and
    are no part of a person's full name ("Hutu rebels", "Semtex explosives", "Riot police").
    """
    words = m.text.split()
    low = m.text.lower()
    if low.startswith(("anti-", "pro-")):
        return False
    if len(words) > 1:
        return True
    if re.search(r"-[a-z]+$", m.text) and m.text.split("-")[-1] in {
        "led",
        "backed",
        "organized",
        "organised",
        "era",
        "style",
        "based",
        "owned",
        "run",
    }:
        return False
    tok = doc[m.start_token]
    if (
        tok.is_stop
        or is_title_word(tok.lower_)
        or tok.lower_.rstrip(".") in HONORIFICS | {"mr", "mrs", "ms", "dr"}
    ):
        return False
    if not tok.tag_.startswith("NNP"):
        return False
    if _part_of_name(words, _full_names(found)):
        return True
    uses = [t for t in doc if t.text == tok.text]
    return not all(
        t.dep_ in {"compound", "amod"}
        and t.head.pos_ == "NOUN"
        and t.head.text.islower()
        and t.head.tag_ == "NNS"
        for t in uses
    )


def _strip_titles(doc: Doc, m: Mention) -> Mention:
    """A person's mention without the office or form of address before the name ("Emir Sheikh Tamim")."""
    if m.label != "Person":
        return m
    start = m.start_token
    while m.end_token - start > 1 and (is_title_word(doc[start].lower_) or doc[start].lower_ in HONORIFICS):
        start += 1
    if start == m.start_token:
        return m
    return Mention(_span(doc, start, m.end_token), "Person", start, m.end_token, m.source)


def _full_names(found: list[Mention]) -> list[list[str]]:
    return [m.text.split() for m in found if m.label == "Person" and len(m.text.split()) > 1]


def _part_of_name(words: list[str], names: list[list[str]]) -> bool:
    """Whether `words` are the first or final words of a person's full name in the article."""
    n = len(words)
    words = [w.casefold() for w in words]  # "Von der Leyen" at the start of a sentence
    return any(
        len(name) > n
        and ([w.casefold() for w in name[:n]] == words or [w.casefold() for w in name[-n:]] == words)
        for name in names
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
                not places.lookup(m.text) and _described_as_person(doc, m)
            ):
                m = Mention(m.span, "Person", m.start_token, m.end_token, "rule")
        out.append(m)
    return out


def _described_as_person(doc: Doc, m: Mention) -> bool:
    """ "X, 76," or "X, the German chancellor,": an age or an office in apposition marks a person."""
    return _apposed_person(doc, m.end_token)


def _apposed_person(doc: Doc, j: int) -> bool:
    """Whether the words from token j are ", <age>," or ", the <office>," after a name."""
    if j + 2 >= len(doc) or doc[j].text != ",":
        return False
    if doc[j + 1].like_num and doc[j + 2].text == ",":
        return True
    k = j + 1
    while k < len(doc) and k - j < 6 and doc[k].text not in {",", "."}:
        k += 1
    return (
        k < len(doc)
        and doc[k].text == ","
        and is_head(doc[k - 1].lower_)
        and doc[j + 1].lower_ in {"the", "a"}
    )


def _untagged_apposed(doc: Doc, found: list[Mention]) -> list[Mention]:
    """Untagged names followed by an age or an office in apposition ("Olaf Scholz, the German chancellor,")."""
    covered = {i for m in found for i in range(m.start_token, m.end_token)}
    out = []
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and j not in covered and doc[j].tag_ == "NNP" and doc[j].text[:1].isupper():
            j += 1
        if 2 <= j - i <= 4 and _apposed_person(doc, j):
            words = doc[i:j]
            if places.lookup(words.text) is None and not any(
                is_title_word(t.lower_) or countries.country_of(t.text) for t in words
            ):
                out.append(Mention(_span(doc, i, j), "Person", i, j, "rule"))
        i = max(j, i + 1)
    return out


def _name_parts(doc: Doc, found: list[Mention]) -> list[Mention]:
    """Untagged first or last names of people named in full elsewhere ("Han" for "Han Duck-soo")."""
    names = _full_names(found)
    parts = {name[0] for name in names} | {name[-1] for name in names}
    parts = {
        p
        for p in parts
        if len(p) > 1 and p.lower() not in NAME_PARTICLES | HONORIFICS and not is_title_word(p.lower())
    }
    covered = set()
    for m in found:
        covered.update(range(m.start_token, m.end_token))
    out = []
    for tok in doc:
        if (
            tok.i not in covered
            and tok.text in parts
            and tok.pos_ == "PROPN"
            and tok.ent_type_ not in {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
            and not (
                tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN" and doc[tok.i + 1].i not in covered
            )
        ):
            out.append(Mention(_span(doc, tok.i, tok.i + 1), "Person", tok.i, tok.i + 1, "rule"))
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
        if (
            (tok.lower_ in TITLE_HEADS or tok.lower_ in HONORIFICS)
            and tok.text[:1].isupper()
            and i + 1 not in covered
        ):
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
