"""The shape of personal names: names cut short or split by the model, titles before a name, one-word
"names" that are not names, and untagged names known from a title, an apposition or a full name elsewhere."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from kg.extract import countries, places
from kg.extract.mention import NAME_PARTICLES, ORG_WORDS, Mention, _span, _trim
from kg.extract.nlp import text_of
from kg.extract.titles import HONORIFICS, INSTITUTION_WORDS, POSTED_HEADS, TITLE_HEADS, is_head, is_title_word
from kg.model import Span

# Verbs whose subject is a person (or a body of people): "X said", "X will travel".
HUMAN_VERBS = {
    "say", "tell", "speak", "meet", "visit", "urge", "call", "ask", "add", "announce", "sign",
    "travel", "host", "welcome", "warn", "insist", "argue", "explain", "deny", "promise", "vow",
}  # fmt: skip


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


def _extend_left(doc: Doc, start: int, end: int, taken: set[int]) -> int:
    """The start of a person's name the model cut at its front ("Idriss" of "Chad's Idriss Deby")."""
    i = start
    while i > 0:
        tok = doc[i - 1]
        if (
            i - 1 in taken
            or not (tok.pos_ == "PROPN" and tok.is_alpha and tok.text[:1].isupper())
            or tok.ent_type_ not in {"", "PERSON"}
            or is_title_word(tok.lower_)
            or tok.lower_ in HONORIFICS | INSTITUTION_WORDS
            or countries.country_of(tok.text)
            or tok.dep_ != "compound"
            or not start <= tok.head.i < end
        ):
            break
        i -= 1
    return i


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


def _positions(doc: Doc) -> dict[str, list[int]]:
    """Token text -> the positions of its tokens, in order; built once per doc."""
    index = doc.user_data.get("kg_positions")
    if index is None:
        index = {}
        for i, word in enumerate(doc.to_array("ORTH").tolist()):
            index.setdefault(doc.vocab.strings[word], []).append(i)
        doc.user_data["kg_positions"] = index
    return index


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
    if tok.text[:1].isupper() and _part_of_name(words, _full_names(found)):
        return True  # a surname the article gives in full elsewhere ("Bishop" of "Julie Bishop"), whatever its tag
    if (
        tok.is_stop
        or is_title_word(tok.lower_)
        or tok.lower_.rstrip(".") in HONORIFICS | {"mr", "mrs", "ms", "dr"}
    ):
        return False
    if not tok.tag_.startswith("NNP"):
        return False
    uses = [doc[i] for i in _positions(doc).get(tok.text, ())]
    return not all(
        t.dep_ in {"compound", "amod"}
        and t.head.pos_ == "NOUN"
        and t.head.text.islower()
        and (t.head.tag_ == "NNS" or t.head.lemma_ in GROUP_NOUNS)
        for t in uses
    )


# Nouns of groups a people's or clan's name modifies: "the Zaghawa ethnic group".
GROUP_NOUNS = {"group", "tribe", "clan", "community", "minority", "militia", "language", "faction", "people"}


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
    """Untagged names that the sentence shows to be people.

    An age or an office in apposition ("Olaf Scholz, the German chancellor,"), a "who" clause
    ("Jan Roe, who advises the envoy,") or a verb of speech ("Jan Roe said") after a run of two
    to four proper nouns that no other mention covers.
    """
    covered = {i for m in found for i in range(m.start_token, m.end_token)}
    out = []
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and j not in covered and doc[j].tag_ == "NNP" and doc[j].text[:1].isupper():
            j += 1
        if 2 <= j - i <= 4 and (_apposed_person(doc, j) or _acts_as_person(doc, i, j)):
            words = doc[i:j]
            if places.lookup(words.text) is None and not any(
                is_title_word(t.lower_) or countries.country_of(t.text) for t in words
            ):
                out.append(Mention(_span(doc, i, j), "Person", i, j, "rule"))
        i = max(j, i + 1)
    return out


def _acts_as_person(doc: Doc, i: int, j: int) -> bool:
    """Whether the words i..j head a "who" clause or are the subject of a verb of speech or meeting."""
    if j + 1 < len(doc) and doc[j].text == "," and doc[j + 1].lower_ == "who":
        return True
    last = doc[j - 1]
    return last.dep_ == "nsubj" and last.head.lemma_ in HUMAN_VERBS and last.head.i >= j


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


def _pairs(doc: Doc, pairs: list, found: list[Mention]) -> list[Mention]:
    """Split "Rubio-Lavrov" into two names when each half is named elsewhere in the article.

    A hyphenated name of one person ("Jean-Claude", "Abdel-Fattah") has halves that are not
    otherwise mentioned, so it stays whole.
    """
    known = {m.text.split()[-1] for m in found if m.label in {"Person", "Place"}}
    out = []
    for ent, halves in pairs:
        names = [text_of(doc)[s:e] for s, e in halves]
        if all(n in known or countries.country_of(n) for n in names):
            for (s, e), name in zip(halves, names, strict=True):
                label = "Place" if countries.country_of(name) else "Person"
                toks = doc.char_span(s, e, alignment_mode="expand")
                out.append(Mention(Span.of(text_of(doc), s, e), label, toks.start, toks.end, "split"))
        elif ent.label_ == "PERSON":
            start, end = _trim(doc, ent.start, ent.end)
            if start < end:
                out.append(Mention(_span(doc, start, end), "Person", start, end))
    return out


def _title_before(doc: Doc, start: int) -> bool:
    """Whether an office title stands right before token `start`, or before a comma there ("President , X")."""
    j = start - 1
    if j > 0 and doc[j].text == ",":
        j -= 1
    return j >= 0 and doc[j].lower_ in TITLE_HEADS


def _titled_names(doc: Doc, found: list[Mention]) -> list[Mention]:
    """Proper names right after an office title that the model did not tag."""
    covered = set()
    for m in found:
        covered.update(range(m.start_token, m.end_token))
    extra = []
    i = 0
    while i < len(doc) - 1:
        tok = doc[i]
        # "Chairman X", and "AU chairman X" where an organisation or country stands before a lower-case title
        owner = i > 0 and (i - 1 in covered or doc[i - 1].ent_type_ in {"ORG", "NORP", "GPE"})
        # "Ambassador to Japan X": the host between the office and the name
        host = next((m for m in found if m.start_token == i + 2 and m.label == "Place"), None)
        if tok.lower_ in POSTED_HEADS and i + 1 < len(doc) and doc[i + 1].lower_ == "to" and host is not None:
            j = host.end_token
            k = j
            while k < len(doc) and doc[k].text[:1].isupper() and doc[k].pos_ == "PROPN" and k not in covered:
                k += 1
            while k < len(doc) and doc[k].text in {"-", "‐"} and k + 1 < len(doc) and doc[k + 1].is_alpha:
                k += 2  # "Park Min-ho"
            if j < k <= j + 4:
                extra.append(Mention(_span(doc, j, k), "Person", j, k, "rule"))
                i = k
                continue
        if (
            (tok.lower_ in TITLE_HEADS or tok.lower_ in HONORIFICS)
            and (tok.text[:1].isupper() or owner)
            and i + 1 not in covered
        ):
            j = i + 1
            while j < len(doc) and doc[j].tag_ == "NNP" and doc[j].text[:1].isupper() and j not in covered:
                if (
                    is_title_word(doc[j].lower_)
                    or doc[j].lower_ in INSTITUTION_WORDS
                    or countries.country_of(doc[j].text)
                ):
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
