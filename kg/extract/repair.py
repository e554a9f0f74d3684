"""Span repair: the small model's entity spans cut again where countries, titles and honorifics meet names.

Each repair is a class of the model's mistakes on news text, decided by the gazetteers and the
shape of the words, never by particular names:

- a country run into a name: "Burundi Jane Doe" (after "President of"), "Ruritania's John Roe",
  "the Ruritanian Republic's ..." -> the country (a place) and the person;
- a country run into an office of state: "Ruritania's Foreign Ministry" stays one organisation;
- a country cut short: "Sierra" + "Leone" -> "Sierra Leone";
- an honorific opening a span read as an organisation: "H.E. John Roe" -> a person;
- an unknown multi-word "place" after a country's possessive: "Ruritania's John Roe Smith" -> a person;
- a facility read as a person: "... International Airport", "... Bridge" -> a place;
- a capital city read as a person -> a place;
- a name that modifies an organisation noun: "the official XYZ news agency" -> an organisation;
- social platforms ("on Twitter") -> organisations, from a short list of them.

`repaired_ents(doc)` returns spaCy spans with the corrected labels; `kg.extract.entities` reads
these instead of `doc.ents`.
"""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from kg.extract import countries, places
from kg.extract.mention import NAME_PARTICLES, ORG_WORDS
from kg.extract.titles import HONORIFICS, INSTITUTION_WORDS, is_title_word

# Last words of facilities and natural features: a "person" ending in one is a place.
FACILITY_WORDS = {
    "airport", "bridge", "dam", "palace", "hall", "square", "street", "avenue", "stadium", "tower",
    "harbour", "harbor", "canal", "river", "sea", "ocean", "gulf", "lake", "island", "islands",
    "building", "museum", "strait", "bay", "mountains", "cathedral", "mosque", "temple", "base",
}  # fmt: skip
# Last words of places: an unknown multi-word "place" ending in one stays a place.
PLACE_WORDS = FACILITY_WORDS | {
    "province", "region", "state", "city", "county", "district", "valley", "desert", "coast",
    "peninsula", "park", "centre", "center", "house", "camp", "border", "crossing", "delta", "heights",
    "plateau", "basin", "strip", "bank", "village", "town", "oblast", "governorate", "prefecture",
}  # fmt: skip
# Nouns of organisations a name can modify: "the XYZ news agency", "the ABC party".
ORG_NOUNS = (
    ORG_WORDS | INSTITUTION_WORDS | {"newspaper", "daily", "broadcaster", "outlet", "movement", "alliance"}
)
# Social platforms: general knowledge, short and stable.
PLATFORMS = {"twitter", "facebook", "instagram", "youtube", "telegram", "whatsapp", "tiktok", "weibo", "wechat",
             "linkedin", "threads", "bluesky", "truth social"}  # fmt: skip
# Names of news media and wire services (general knowledge): organisations, whatever the model says.
MEDIA_NAMES = {"reuters", "xinhua", "yonhap", "kyodo", "bernama", "anadolu", "interfax", "tass", "itar-tass",
               "asahi", "yomiuri", "sankei", "mainichi", "nikkei", "bbc", "cnn", "nhk", "cctv", "afp", "suna",
               "irna", "wafa", "kuna", "pti", "ians"}  # fmt: skip
HONORIFIC_FORMS = HONORIFICS | {"h.e.", "h.e", "h.h.", "h.r.h.", "hrh"}
# Labels as spaCy writes them.
PERSON, ORG, GPE, FAC = "PERSON", "ORG", "GPE", "FAC"
PLACE_LABELS = {"GPE", "LOC", "FAC"}


def _name_token(doc: Doc, i: int) -> bool:
    """A token that can be part of a personal name: capitalised, a particle, or a hyphen inside one."""
    t = doc[i]
    if t.text in {"-", "‐"}:
        return 0 < i < len(doc) - 1
    if t.lower_ in NAME_PARTICLES and t.text.islower():
        return True
    return t.text[:1].isupper() and any(c.isalpha() for c in t.text) and not is_title_word(t.lower_)


def _name_shaped(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens start..end read as a person's name: capitalised words, no office, organisation or place word."""
    if start >= end or not doc[start].text[:1].isupper():
        return False
    for i in range(start, end):
        low = doc[i].lower_
        if not _name_token(doc, i) or low in ORG_NOUNS or low in PLACE_WORDS:
            return False
        if countries.country_of(doc[i].text) or countries.organisation_of(doc[i].text):
            return False
    return True


def _possessive(doc: Doc, i: int) -> bool:
    return i < len(doc) and (doc[i].tag_ == "POS" or doc[i].text in {"'s", "’s", "'", "’"})


def _country_end(doc: Doc, start: int, end: int) -> int | None:
    """The end of the longest country name opening tokens start..end (a leading "the" allowed)."""
    s = start + 1 if doc[start].lower_ == "the" else start
    for k in range(end, s, -1):
        if countries.is_country(doc[s:k].text):
            return k
    return None


def _after_title(doc: Doc, start: int) -> bool:
    """Whether a span follows "<office> of|to" or an office directly: "President of", "Ambassador to"."""
    j = start - 1
    if j >= 0 and doc[j].lower_ in {"of", "to"}:
        j -= 1
        if j >= 0 and doc[j].lower_ == "the":
            j -= 1
    return j >= 0 and is_title_word(doc[j].lower_) and j < start - 1


def _split_country(doc: Doc, ent: SpacySpan) -> list[SpacySpan] | None:
    """A country run into a name or an office of state, cut apart where the name begins."""
    k = _country_end(doc, ent.start, ent.end)
    if k is None or k >= ent.end:
        return None
    rest = k + 1 if _possessive(doc, k) else k
    if rest >= ent.end:
        return None
    country = SpacySpan(doc, ent.start if doc[ent.start].lower_ != "the" else ent.start + 1, k, label=GPE)
    words = {doc[i].lower_ for i in range(rest, ent.end)}
    if words & ORG_NOUNS:
        return [SpacySpan(doc, ent.start, ent.end, label=ORG)]  # "Ruritania's Foreign Ministry"
    if _name_shaped(doc, rest, ent.end) and (ent.end - rest >= 2 or _after_title(doc, ent.start)):
        return [country, SpacySpan(doc, rest, ent.end, label=PERSON)]
    return None


def _extend_to_country(doc: Doc, ent: SpacySpan) -> SpacySpan | None:
    """A country the model cut short ("Sierra" of "Sierra Leone"), extended over the rest of its name."""
    if countries.is_country(ent.text):
        return None
    for n in (3, 2, 1):
        end = ent.end + n
        if (
            end <= len(doc)
            and all(doc[i].text[:1].isupper() or doc[i].text in {"-", "‐"} for i in range(ent.end, end))
            and countries.is_country(doc[ent.start : end].text)
        ):
            return SpacySpan(doc, ent.start, end, label=GPE)
    return None


def _relabel(doc: Doc, ent: SpacySpan) -> str:
    """The label an entity span should carry, by the classes of mistakes above."""
    label = ent.label_
    words = [t.lower_ for t in ent]
    if " ".join(words) in PLATFORMS or (len(ent) == 1 and words[0] in MEDIA_NAMES):
        return ORG  # platforms and news media ("Yomiuri wrote") are organisations
    if (
        label in {ORG, GPE, FAC, "NORP"}
        and words[0] in HONORIFIC_FORMS
        and _name_shaped(doc, ent.start + 1, ent.end)
    ):
        return PERSON  # "H.E. John Roe" read as an organisation
    if (
        label in PLACE_LABELS
        and len(ent) == 1
        and ent.start > 0
        and doc[ent.start - 1].lower_
        in {"president", "prime", "minister", "king", "emir", "chancellor", "premier"}
        and places.lookup(ent.text) is None
        and not countries.country_of(ent.text)
    ):
        return PERSON  # "President Xyz" read as a place
    if label == PERSON:
        if len(ent) >= 2 and words[-1] in FACILITY_WORDS:
            return FAC  # "... International Airport", "the ... Bridge"
        if len(ent) == 1 and places.country_of_capital(ent.text):
            return GPE  # a capital city
    if label in {PERSON, GPE, "NORP"} and ent.end < len(doc):
        nxt = doc[ent.end]
        if nxt.text.islower() and nxt.lower_ in ORG_NOUNS and not countries.country_of(ent.text):
            return ORG  # "the official XYZ news agency"
    if (
        label in PLACE_LABELS
        and len(ent) >= 2
        and ent.start > 0
        and _possessive(doc, ent.start - 1)
        and ent.start >= 2
        and countries.is_country(doc[ent.start - 2].text)
        and places.lookup(ent.text) is None
        and _name_shaped(doc, ent.start, ent.end)
    ):
        return PERSON  # "Ruritania's John Roe Smith" read as a place
    return label


# Entity labels that name things (not dates, numbers or amounts).
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
# Heads of offices of state that take their country before them and sometimes a seat after them.
SEATED = {"embassy", "consulate", "mission", "delegation", "office"}


def _joined(doc: Doc, ents: list[SpacySpan]) -> list[SpacySpan]:
    """Neighbouring spans that together name one known place: "Port" "of" "Spain", "Trinidad" "and" "Tobago"."""
    out: list[SpacySpan] = []
    i = 0
    while i < len(ents):
        a = ents[i]
        if a.label_ in PLACE_LABELS | {"ORG", "PERSON"} and i + 1 < len(ents):
            b = ents[i + 1]
            gap = doc[a.end : b.start]
            if (
                b.label_ in PLACE_LABELS
                and len(gap) <= 1
                and all(t.lower_ in {"of", "and", "-", "‐", "&"} for t in gap)
                and (
                    countries.is_country(doc[a.start : b.end].text)
                    or places.lookup(doc[a.start : b.end].text)
                )
                and not countries.is_country(a.text)
            ):
                out.append(SpacySpan(doc, a.start, b.end, label=GPE))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _institution_end(doc: Doc, start: int) -> int | None:
    """The end of "<capitalised words> <institution>" opening at token start ("Foreign Affairs Council")."""
    j, last = start, None
    while j < len(doc) and j - start < 5 and doc[j].text[:1].isupper() and doc[j].is_alpha:
        low = doc[j].lower_
        if low in INSTITUTION_WORDS or low in {"ministry", "department", "council", "commission", "embassy"}:
            last = j + 1
        elif not (is_title_word(low) or low in {"and", "of"}):
            break
        j += 1
    return last


def _institutions(doc: Doc, ents: list[SpacySpan]) -> list[SpacySpan]:
    """Offices of state typed as organisations with their country: "Ruritania's Embassy in Ruritown",
    "the Ruritanian Foreign Ministry", "the Foreign Affairs Ministry of Ruritania", "EU Foreign Affairs Council"."""
    out: list[SpacySpan] = []
    skip_to = -1
    for n, e in enumerate(ents):
        if e.start < skip_to:
            continue
        start, end = e.start, None
        if e.label_ in {"GPE", "NORP", "ORG"} and (
            countries.country_of(e.text) or countries.organisation_of(e.text)
        ):
            k = e.end + 1 if _possessive(doc, e.end) else e.end
            end = _institution_end(doc, k) if k < len(doc) else None
        elif e.label_ == "ORG" and doc[e.end - 1].lower_ in INSTITUTION_WORDS | {"ministry", "embassy"}:
            end = e.end
        if end is None:
            out.append(e)
            continue
        head = doc[end - 1].lower_
        # a seat or a country after the office: "Embassy in Ruritown", "Ministry of Ruritania"
        if end + 1 < len(doc) and doc[end].lower_ in {"in", "of"}:
            nxt = next((x for x in ents[n + 1 :] if x.start == end + 1), None)
            if (
                nxt is not None
                and nxt.label_ in PLACE_LABELS
                and (
                    (doc[end].lower_ == "in" and head in SEATED)
                    or (doc[end].lower_ == "of" and countries.is_country(nxt.text))
                )
            ):
                end = nxt.end
        out.append(SpacySpan(doc, start, end, label=ORG))
        skip_to = end
    return out


def _untagged_known(doc: Doc, ents: list[SpacySpan]) -> list[SpacySpan]:
    """Organisations and countries of the gazetteers the model left untagged ("the EU Council", "OECD")."""
    taken = {i for e in doc.ents for i in range(e.start, e.end)}
    extra = []
    for tok in doc:
        if tok.i in taken or tok.pos_ != "PROPN" or not tok.text[:1].isupper():
            continue
        if tok.i > 0 and (doc[tok.i - 1].pos_ == "PROPN" and doc[tok.i - 1].text[:1].isupper()):
            continue  # inside a longer name the model left untagged
        if countries.organisation_of(tok.text) and tok.text.isupper():
            extra.append(SpacySpan(doc, tok.i, tok.i + 1, label=ORG))
        elif countries.is_country(tok.text) and not (tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN"):
            extra.append(SpacySpan(doc, tok.i, tok.i + 1, label=GPE))
    return sorted(ents + extra, key=lambda s: s.start)


def repaired_ents(doc: Doc) -> list[SpacySpan]:
    """The model's entity spans, cut, extended and relabelled by the repairs above, in text order."""
    out: list[SpacySpan] = []
    taken: set[int] = set()
    named = _untagged_known(doc, [e for e in doc.ents if e.label_ in NAME_LABELS])
    for ent in _institutions(doc, _joined(doc, named)):
        if any(i in taken for i in range(ent.start, ent.end)):
            continue
        pieces = _split_country(doc, ent)
        if pieces is None:
            longer = _extend_to_country(doc, ent)
            if longer is not None and not any(i in taken for i in range(ent.end, longer.end)):
                pieces = [longer]
        if pieces is None:
            pieces = [ent]
        for p in pieces:
            label = _relabel(doc, p) if p.label_ == ent.label_ else p.label_
            out.append(SpacySpan(doc, p.start, p.end, label=label))
            taken.update(range(p.start, p.end))
    # platforms the model left untagged, or read as a date: "announced on Twitter Saturday"
    for tok in doc:
        if tok.i not in taken and tok.lower_ in PLATFORMS and tok.text[:1].isupper():
            out.append(SpacySpan(doc, tok.i, tok.i + 1, label=ORG))
    out.extend(
        e
        for e in doc.ents
        if e.label_ not in NAME_LABELS and not any(i in taken for i in range(e.start, e.end))
    )
    return sorted(out, key=lambda s: s.start)
