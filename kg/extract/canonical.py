"""One entity per real thing within an article: the surface forms of a name joined under one canonical name.

Surface forms of a person merge when the shorter one's words are the final words of a fuller name
("Trump", "Donald Trump"); when two fuller names share those words ("George Bush", "Jeb Bush"), a
bare "Bush" goes to the one named most recently. Countries merge under their common English name
("U.S.", "America" -> "United States"). Places get their coordinates and country from the
gazetteer. Linking across articles (against the store) is `kg.resolve`'s job.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from kg.extract import countries, places
from kg.extract.entities import Mention
from kg.extract.roles import TitleMention, to_role
from kg.extract.titles import LEADER_HEADS
from kg.model import Entity, Role, Span, entity_key, norm


@dataclass(frozen=True)
class Resolved:
    """An article's entities and, for each mention, the canonical name it refers to."""

    entities: tuple[Entity, ...]
    names: Mapping[int, str]  # mention span start -> canonical entity name

    def name_at(self, start: int) -> str | None:
        """The canonical name of the mention starting at this character offset."""
        return self.names.get(start)


def _canonical_place(text: str) -> str:
    country = countries.country_of(text)
    if country:
        return country
    if text.isupper() and len(text) > 3 and (p := places.lookup(text)) is not None:
        return p.name  # a dateline's "SEOUL" is Seoul
    return text


def _person_groups(people: Sequence[Mention]) -> dict[int, str]:
    """Map each person mention (by start offset) to the fullest name it stands for."""
    full = [m for m in people if len(m.text.split()) > 1]
    out: dict[int, str] = {}
    for m in sorted(people, key=lambda m: m.span.start):
        words = norm(m.text).split()
        if len(words) > 1:
            # a longer full name that ends with this one ("Donald J. Trump" vs "Donald Trump") wins below
            out[m.span.start] = m.text
            continue
        cands = [f for f in full if norm(f.text).split()[-1] == words[-1]]
        if not cands:
            cands = [f for f in full if words[-1] in norm(f.text).split()]
        if not cands:
            out[m.span.start] = m.text
            continue
        names = {norm(c.text) for c in cands}
        if len(names) == 1:
            out[m.span.start] = max(cands, key=lambda c: len(c.text)).text
        else:
            before = [c for c in cands if c.span.start < m.span.start] or cands
            out[m.span.start] = max(before, key=lambda c: c.span.start).text
    # full names that are a shorter form of another full name ("Vladimir Putin" / "Vladimir V. Putin",
    # "Bhutto Zardari" / "Bilawal Bhutto Zardari")
    by_norm = {norm(v): v for v in out.values()}
    merged: dict[str, str] = {}
    for n in sorted(by_norm, key=len):
        w = n.split()
        longer = [
            o
            for o in by_norm
            if o != n
            and len(o.split()) > len(w)
            and ((o.split()[-1] == w[-1] and o.split()[0] == w[0]) or o.split()[-len(w) :] == w)
        ]
        merged[n] = by_norm[max(longer, key=len)] if longer else by_norm[n]
    return {k: merged[norm(v)] for k, v in out.items()}


def resolve_article(mentions: Sequence[Mention], titles: Sequence[TitleMention]) -> Resolved:
    """Group an article's mentions into entities with canonical names, aliases and roles."""
    people = [m for m in mentions if m.label == "Person"]
    person_name = _person_groups(people)
    names: dict[int, str] = {}
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    display: dict[tuple[str, str], str] = {}
    for m in mentions:
        if m.label == "Nationality":
            continue
        if m.label == "Person":
            canon = person_name[m.span.start]
        elif m.label == "Place":
            canon = _canonical_place(m.text)
        else:
            canon = countries.organisation_of(m.text) or m.text  # "EU" -> "European Union"
        key = (m.label, norm(canon))
        groups[key].append(m)
        if key not in display or (display[key].isupper() and not canon.isupper()):
            display[key] = canon  # "Beijing" rather than a dateline's "BEIJING"
        names[m.span.start] = canon
    _merge_types(groups, display)
    roles: dict[str, list[Role]] = defaultdict(list)
    title_forms: dict[str, list[str]] = defaultdict(list)
    for t in titles:
        if t.person is None:
            continue
        canon = names.get(t.person.span.start)
        if canon is None:
            continue
        roles[canon].append(to_role(t))
        if "," not in t.span.text:
            title_forms[canon].append(t.span.text)
    for canon in list(roles):
        roles[canon] = list(_dedupe_roles(roles[canon]))
    extra_spans = _link_bare_titles([t for t in titles if t.person is None], roles, names)
    entities = []
    for key, ms in groups.items():
        label, _ = key
        canon = display[key]
        if not ms:
            continue
        for m in ms:
            names[m.span.start] = canon
        forms = [m.text for m in ms] + title_forms.get(canon, [])
        country = None
        if label == "Organization":
            # "India's External Affairs Ministry": an office of state, known also without its country
            country, bare = _state_office(canon)
            if bare:
                forms.append(bare)
        aliases = tuple(dict.fromkeys(f for f in forms if norm(f) != norm(canon)))
        spans = {m.span for m in ms}
        if label == "Person":
            spans |= set(extra_spans.get(canon, ()))  # "the Chinese premier" names the premier
        ent = Entity(
            key=entity_key(label, canon),
            name=canon,
            type=label,
            aliases=aliases,
            mentions=tuple(sorted(spans, key=lambda s: s.start)),
            roles=_one_country(_dedupe_roles(roles.get(canon, []))),
            country=country,
        )
        if label == "Place":
            ent = _locate(ent, [e for e in display.values()])
        entities.append(ent)
    entities.sort(key=lambda e: e.mentions[0].start if e.mentions else 0)
    return Resolved(tuple(entities), names)


_OF_COUNTRY = re.compile(r"^(?P<bare>.+?)\s+of\s+(?:the\s+)?(?P<country>[A-Z].*)$")


def _state_office(name: str) -> tuple[str | None, str | None]:
    """The country of an organisation named with it, and the name without it.

    "India's External Affairs Ministry" -> (India, "External Affairs Ministry"); "the Foreign Ministry of
    Ruritania" -> (Ruritania, "Foreign Ministry"); "Russian Foreign Ministry" -> (Russia, "Foreign Ministry").
    """
    words = name.split()
    for n in range(min(len(words) - 1, 4), 0, -1):
        head = " ".join(words[:n])
        possessive = head.endswith(("'s", "’s"))
        country = countries.country_of(head[:-2] if possessive else head)
        if country:
            return country, " ".join(words[n:])
    m = _OF_COUNTRY.match(name)
    if m and (country := countries.country_of(m["country"])) and countries.is_country(m["country"]):
        return country, m["bare"]
    return None, None


def _merge_types(groups: dict, display: dict) -> None:
    """One entity per name: the same name under two labels goes to the label most mentions use."""
    by_name: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in groups:
        by_name[key[1]].append(key)
    for keys in by_name.values():
        if len(keys) < 2:
            continue
        counts = Counter({k: len(groups[k]) for k in keys})
        # a known building or institution seat beats the model's vote ("White House": place)
        winner = counts.most_common(1)[0][0]
        for k in keys:
            if k[0] == "Place" and places.lookup(display[k]) is not None:
                winner = k
        for k in keys:
            if k != winner:
                groups[winner].extend(groups.pop(k))
                display.pop(k)


def _fits_title(bare: TitleMention, role: Role) -> bool:
    """Whether a bare title ("the Chinese premier") can stand for the holder of `role`."""
    if role.of is not None and role.of != bare.of:
        return False
    head = norm(bare.title).split()[-1]
    words = set(norm(role.title).split())
    if head == "state" and "head" in norm(bare.title).split():
        head = "head of state"
    if head in {"leader", "head of state"}:
        return bool(words & LEADER_HEADS) or "prime" in words or {"head", "state"} <= words
    if head == "president" and {"head", "state"} <= words:
        return True  # "the Ruritanian president" after "heads of state: Ruritania's X"
    return head in words and "deputy" not in words - set(norm(bare.title).split())


def _link_bare_titles(
    bare: Sequence[TitleMention], roles: dict[str, list[Role]], names: dict[int, str]
) -> dict[str, list[Span]]:
    """Give a bare title to the one person it fits, and that person the title's country.

    "The Chinese premier" after "Premier Li Qiang": Li Qiang is the premier, of China. Where two
    people fit (or none), the title stays unlinked.
    """
    spans: dict[str, list[Span]] = defaultdict(list)
    for t in bare:
        # one holder stated for the title's own country beats holders stated for none
        exact = {name for name, rs in roles.items() if any(_fits_title(t, r) and r.of == t.of for r in rs)}
        fits = exact or {name for name, rs in roles.items() if any(_fits_title(t, r) for r in rs)}
        if len(fits) != 1:
            continue
        name = fits.pop()
        rs = roles[name]
        for i, r in enumerate(rs):
            if r.of is None and _fits_title(t, r):
                rs[i] = replace(r, of=t.of)
        if not any(norm(r.title) == norm(t.title) for r in rs):
            rs.append(to_role(t))  # "the Ruritanian Head of State": a second description of the office
        spans[name].append(t.span)
        names[t.span.start] = name
    return spans


def _one_country(roles: tuple[Role, ...]) -> tuple[Role, ...]:
    """A title stated without a country is held for the country of the person's other offices, if one."""
    held = {r.of for r in roles if r.of is not None}
    if len(held) != 1:
        return roles
    country = next(iter(held))
    return tuple(r if r.of is not None else replace(r, of=country) for r in roles)


def _dedupe_roles(roles: Iterable[Role]) -> tuple[Role, ...]:
    """One role per office: a title stated with its country absorbs the same title without one."""
    by_title: dict[str, Role] = {}
    for r in roles:
        k = norm(r.title)
        have = by_title.get(k)
        if have is None or (have.of is None and r.of is not None):
            by_title[k] = r
    # "Secretary" without a country is a short form of "Secretary of State" held for a country
    out = []
    for r in by_title.values():
        words = set(norm(r.title).split())
        if r.of is None and any(o is not r and words < set(norm(o.title).split()) for o in by_title.values()):
            continue
        out.append(r)
    return tuple(out)


def _locate(ent: Entity, context: Sequence[str]) -> Entity:
    """A place entity with coordinates, country and GeoNames id from the gazetteer."""
    ctx = [c for c in (countries.country_of(n) for n in context) if c]
    p = places.lookup(ent.name, context_countries=ctx)
    if p is None:
        return ent
    return replace(ent, country=p.country, lat=p.lat, lon=p.lon, geonames_id=p.geonames_id)
