"""The participants of an event mention, from the trigger's syntactic arguments: subjects, objects,
"with"/"between" phrases, possessives and compounds; a capital city acting stands for its country.
An event whose arguments name no one, and that no earlier event lends its people to, takes the
actors named nearest to it in its sentence (`sentence_actors`), with the low confidence of a guess."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract import countries, places
from kg.extract.events.arguments import OBJECT_VERBS, _diplomat, expulsion_verb, object_after, prompted_by
from kg.extract.events.context import Context, one_office_holder
from kg.extract.events.lexicon import (
    DIPLOMAT_WORDS,
    GROUP_WORDS,
    MOTION_LEMMAS,
)
from kg.extract.events.triggers import _carriers
from kg.model import Entity

# Nouns of the people who act for a side: their nationality names the side.
SIDE_NOUNS = {"official", "officials", "negotiator", "negotiators", "minister", "ministers", "leader", "leaders",
              "diplomat", "diplomats", "delegation", "delegations", "delegate", "delegates", "government",
              "governments", "side", "sides", "representative", "representatives", "envoy", "envoys",
              "authorities", "counterparts", "team", "teams", "forces", "army", "troops", "military"}  # fmt: skip


def actor_name(e: Entity) -> str:
    """The name an entity takes as an actor: a capital city acting stands for its country."""
    if e.type == "Place":
        country = places.country_of_capital(e.name)
        if country:
            return country
    return e.name


# Verbs whose object does what their infinitive says: "urged X to return", "asked X to leave".
OBJECT_CONTROL = {
    "urge",
    "ask",
    "tell",
    "order",
    "invite",
    "call",
    "press",
    "encourage",
    "force",
    "persuade",
    "request",
}


def _side_noun(t: Token) -> bool:
    """Whether a noun names people who act for a side: "officials", "the ambassador", "the consul-general"."""
    words = {t.lemma_.lower(), t.lower_}
    words |= {
        c.lower_ for c in t.children if c.dep_ == "compound" and c.pos_ == "NOUN"
    }  # "consul" of "consul-general"
    return bool(words & (SIDE_NOUNS | DIPLOMAT_WORDS))


# The part of a country a visit goes to: kept apart from who the words say takes part (so that the
# visitor is still looked for when the clause names only where they go) and added last, by add_hosts.
VISITED = "visited"


def _visited(ctx: Context, tok: Token, out: list[tuple[str, str]]) -> None:
    """The countries a visit goes to, named as its destination (a token and those conjoined with
    it): the state visited is a party to the visit ("a trip to Canada and the United States"); a
    city visited, even a capital, is only where it happens."""
    for t in [tok, *tok.conjuncts]:
        e = ctx.entity(t)
        if e is not None and e.type == "Place" and countries.is_country(e.name):
            out.append((e.name, VISITED))


def _collect(ctx: Context, tok: Token, out: list[tuple[str, str]], part: str) -> None:
    """Add the entity a token names, and those of tokens conjoined with it."""
    group = [tok, *tok.conjuncts]
    sides = any(_side_noun(t) for t in group)
    for t in group:
        if _side_noun(t):
            named = _sides_of(ctx, t)
            if len(named) >= 2:
                out.extend((n, part) for n in named)  # "Indian and Pakistani officials": the countries act
                continue
        e = ctx.entity(t)
        if e is None and sides and t.pos_ == "ADJ" and t.text[:1].isupper() and countries.country_of(t.text):
            # "Egyptian, Ethiopian, and Sudanese officials" parsed as a list ending in the noun
            out.append((countries.country_of(t.text), part))
            continue
        if _side_noun(t):
            # "a delegation led by X", "negotiators headed by X": the one who leads them takes part
            for child in t.children:
                if child.dep_ == "acl" and child.lemma_ in {"lead", "head"}:
                    for a in child.children:
                        for g in a.children if a.dep_ == "agent" else ():
                            if g.dep_ == "pobj" and ctx.entity(g) is not None:
                                out.append((actor_name(ctx.entity(g)), part))
        if e is None:
            # "officials from Washington and Moscow"
            for child in t.children:
                if child.dep_ == "prep" and child.lower_ in {"from", "of"}:
                    for g in child.children:
                        if g.dep_ == "pobj":
                            _collect(ctx, g, out, part)
            if _side_noun(t):
                out.extend((n, part) for n in _sides_of(ctx, t))  # "Ruritanian negotiators"
            continue
        out.append((actor_name(e), part))


def _sides_of(ctx: Context, t: Token) -> list[str]:
    """The countries or bodies a noun of people acting for a side names before it: "Indian and
    Pakistani officials", "Afghan and Taliban negotiators", "Israel's ambassador"."""
    out = []
    for child in t.children:
        if child.dep_ in {"amod", "compound", "nmod", "poss"}:
            for adj in [child, *child.conjuncts]:
                country = countries.country_of(adj.text)
                named = ctx.entity(adj)
                if named is not None and (named.type == "Organization" or countries.is_country(named.name)):
                    out.append(actor_name(named))
                elif country and adj.text[:1].isupper():
                    out.append(country)
    return list(dict.fromkeys(out))


def _listed(ctx: Context, tok: Token, out: list[tuple[str, str]], part: str) -> None:
    """Every person a list subject names: "President of X A, President of Y B and President of Z C arrived"."""
    people = []
    for t in tok.subtree:
        e = ctx.by_token.get(t.i)
        if e is not None and e.type == "Person" and (t.i == 0 or ctx.by_token.get(t.i - 1) is not e):
            people.append(e)
    if len(people) >= 2 and any(t.lower_ in {",", "and"} for t in tok.subtree):
        out.extend((actor_name(e), part) for e in people)


def _subject(verb: Token) -> list[Token]:
    """The subject of a verb, or of the verb it is conjoined with or depends on ("X met Y and urged Z")."""
    v = verb
    for _ in range(4):
        subj = [c for c in v.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subj:
            return subj
        if v.dep_ == "xcomp" and v.head.lemma_ in OBJECT_CONTROL:
            objs = [c for c in v.head.children if c.dep_ == "dobj"]
            if objs:
                return objs  # "urged the army to return": the army returns
        if v.dep_ not in {"conj", "xcomp", "advcl", "acomp"} or v.head.i == v.i:
            return []
        v = v.head
    return []


# The arcs from an event up to the verb that invites someone to it: "invited Y to visit", "urged Y
# to attend the talks".
INVITEE_PATH = {"xcomp", "dobj", "pobj", "prep", "ccomp", "advcl", "conj"}


def _participants(
    ctx: Context, trig: Token, is_verb: bool, etype: str = ""
) -> tuple[list[tuple[str, str]], str]:
    parts: list[tuple[str, str]] = []
    group = ""
    heads = [trig]
    if not is_verb:
        # the verbs that carry a noun: "held a conversation", "a call held on Monday between X and Y"
        heads += _carriers(trig)
    if is_verb and trig.lemma_ in OBJECT_VERBS:
        obj = object_after(trig)  # "had summoned Ambassador X and a protest was lodged": X, however parsed
        if obj is not None:
            _collect(ctx, obj, parts, "patient")
    for h in heads:
        for child in h.children:
            dep = child.dep_
            if dep in {"nsubj", "nsubjpass", "dobj"} and child.lower_ in GROUP_WORDS:
                group = child.lower_
            if dep == "nsubj":
                _collect(ctx, child, parts, "agent")
                _listed(ctx, child, parts, "agent")
            elif dep == "agent" or (dep == "prep" and child.lower_ == "by" and not is_verb and h is trig):
                for g in child.children:
                    if g.dep_ == "pobj":
                        _collect(ctx, g, parts, "agent")  # "hosted by X", "a visit by X"
            elif dep in {"dobj", "nsubjpass"} and (
                is_verb or h.lemma_ in {"host", "receive", "invite", "join"}
            ):
                e = ctx.entity(child)
                if (
                    e is not None
                    and e.type == "Place"
                    and trig.lemma_ in {"visit", "travel", "arrive", "tour"}
                ):
                    _visited(ctx, child, parts)  # "visited Mexico": the state visited is a party
                    continue  # "visited Ottawa": where, not whom
                _collect(ctx, child, parts, "patient" if is_verb else "with")
                if etype in {"Sanction", "Request", "Attack"} and ctx.entity(child) is None:
                    for g in child.children:  # "suspended Mali's membership", "froze Iran's assets"
                        named = ctx.entity(g) if g.dep_ == "poss" else None
                        if named is not None and (
                            named.type == "Organization" or countries.is_country(named.name)
                        ):
                            parts.append((actor_name(named), "patient"))
            elif dep in {"poss", "compound", "nmod"} and not is_verb and h is trig:
                for sub in child.subtree:
                    if sub.dep_ == "prep":
                        break
                    e = ctx.entity(sub)
                    if e is None or (
                        e.type == "Place" and not countries.is_country(e.name) and sub.dep_ != "poss"
                    ):
                        continue  # "the Budapest summit": where, not who; "Tehran's attack": who
                    parts.append((actor_name(e), "agent"))
            elif dep == "prep" and (
                child.lower_ in {"with", "between", "among", "to", "for"}
                or (child.lower_ == "on" and h is trig and trig.lemma_ == "call" and not is_verb)
            ):  # "paid a courtesy call on X"
                if child.lower_ == "to" and (
                    trig.lemma_ in {"travel", "arrive", "visit", "trip", "welcome"}
                    or etype == "Visit"
                    or h.lemma_ in MOTION_LEMMAS
                ):
                    if etype == "Visit" and h is trig:
                        for g in child.children:
                            if g.dep_ == "pobj":
                                _visited(ctx, g, parts)  # "state visits to A, B and C": the states visited
                    continue  # "a visit to China", "travel to Qatar for talks": where
                if child.lower_ == "for" and h is not trig:
                    continue  # "travel for talks": the purpose, not a party
                if child.lower_ == "for" and is_verb and trig.lemma_ in MOTION_LEMMAS | {"leave"}:
                    continue  # "left for Kampala": where to
                for g in child.children:
                    if g.dep_ == "pobj":
                        if g.lower_ in GROUP_WORDS:
                            group = g.lower_
                        _collect(ctx, g, parts, "with")
            elif dep == "prep" and child.lower_ == "of" and not is_verb and h is trig:
                for g in child.children:
                    e = ctx.entity(g) if g.dep_ == "pobj" else None
                    if e is not None and (
                        e.type != "Place" or (countries.is_country(actor_name(e)) and etype != "Visit")
                    ):  # "a tour of Uganda" is where, not who
                        _collect(ctx, g, parts, "agent")  # "the visit of X", "at the invitation of X"
            elif dep == "prep" and child.lower_ in {"on", "against"} and etype in {"Attack", "Sanction"}:
                for g in child.children:
                    if g.dep_ == "pobj":
                        _collect(ctx, g, parts, "patient")  # "sanctions on Iran", "attack on Israel"
            elif dep == "prep" and child.lower_ == "on" and etype == "Request" and is_verb:
                for g in child.children:
                    if g.dep_ == "pobj":
                        _collect(ctx, g, parts, "patient")  # "called on X to"
            elif dep == "ccomp" and etype == "Request" and is_verb:
                for g in child.children:
                    if g.dep_ == "nsubj":
                        _collect(ctx, g, parts, "patient")  # "demanded that Pakistan end"
    if not any(p == "agent" for _, p in parts):
        # "X met Y and urged Z", "X wants to meet Y", "X arrived, urging Y": the governing verb's subject
        for v in [trig] if is_verb else [h for h in heads if h is not trig]:
            for subj in _subject(v):
                if subj.lower_ in GROUP_WORDS:
                    group = group or subj.lower_
                _collect(ctx, subj, parts, "agent")
    if not any(p == "agent" for _, p in parts):
        # "X invited Y to visit Ruritania", "urged Y to attend the talks": the one invited goes
        v = trig
        for _ in range(3):
            if v.dep_ not in INVITEE_PATH or v.head.i == v.i:
                break  # "X, who visited Y, asked Z": a relative clause is not what Z is asked to do
            v = v.head
            if v.lemma_ in {"invite", "ask", "urge"}:
                for c in v.children:
                    if c.dep_ == "dobj":
                        _collect(ctx, c, parts, "agent")
                break
    if is_verb and trig.lemma_ == "discuss":
        for c in trig.children:  # "discussed trade with X": the parser hangs "with X" on the topic
            for w in c.children if c.dep_ == "dobj" else ():
                if w.dep_ == "prep" and w.lower_ == "with":
                    for g in w.children:
                        if g.dep_ == "pobj":
                            _collect(ctx, g, parts, "with")
    if is_verb and expulsion_verb(trig):
        # "declared the Ugandan ambassador persona non grata", however parsed: the envoy's side, and
        # the agent of a passive
        for t in trig.subtree:
            if t.dep_ in {"dobj", "nsubj", "nsubjpass"} and t.i > trig.i and _diplomat(t):
                _collect(ctx, t, parts, "patient")
                break
        for t in trig.subtree:
            if t.dep_ == "pobj" and t.head.lower_ == "by" and t.head.dep_ in {"agent", "prep"}:
                _collect(ctx, t, parts, "agent")
    if prompted_by(trig):
        for subj in _subject(trig.head.head):
            _collect(ctx, subj, parts, "patient")  # "X will attend at the invitation of Y": X was invited
    if is_verb and trig.dep_ in {"relcl", "acl"} and not any(p == "agent" for _, p in parts):
        # "the minister who met X"; a headline's "Blinken to visit Beijing"
        e = ctx.entity(trig.head)
        if e is not None:
            parts.append((actor_name(e), "agent"))
    seen = set()
    uniq = []
    for name, part in sorted(parts, key=lambda p: p[1] == VISITED):  # a party named as such stays one
        if name not in seen:
            seen.add(name)
            uniq.append((name, part))
    return uniq, group


# How many actors of its sentence an event with no named argument takes.
NEARBY_ACTORS = 2
# Prepositions whose object is where something happens, not who takes part.
WHERE_PREPOSITIONS = {"in", "at", "to", "from", "into", "near", "across", "around", "toward", "towards"}


def sentence_actors(ctx: Context, trig: Token, media: set[str]) -> list[str]:
    """The actors of the trigger's sentence, nearest first: people first, then organisations and states.

    Read for an event whose own arguments name no one ("the start of peace talks was pushed back so
    that the UN mediator X can travel"): who the sentence is about is the best guess left. Places
    where something happens ("to Damascus"), news media and the dateline are not actors."""
    found: dict[str, tuple[int, int]] = {}
    for t in trig.sent:
        e = ctx.entity(t)
        if e is None or e.name in media:
            continue
        if e.type == "Place":
            if t.dep_ == "pobj" and t.head.lower_ in WHERE_PREPOSITIONS:
                continue
            name = actor_name(e)
            if not countries.is_country(name):
                continue
        elif e.type not in {"Person", "Organization"}:
            continue
        else:
            name = e.name
        rank = (0 if e.type == "Person" else 1, abs(t.i - trig.i))
        if name not in found or rank < found[name]:
            found[name] = rank
    return [n for n, _ in sorted(found.items(), key=lambda kv: kv[1])][:NEARBY_ACTORS]


def _country_of_place(name: str) -> str | None:
    """The country a place name lies in (a country is its own)."""
    if countries.is_country(name):
        return countries.country_of(name) or name
    found = places.lookup(name)
    return found.country if found is not None else None


def add_hosts(events: list, entities: list[Entity]) -> None:
    """A visit to a country takes its host: the one person of the article holding an office of the
    country visited, when no participant is of that country yet ("Ruto will visit Kampala next week"
    with Museveni named as Uganda's president in the article: Museveni hosts); then the countries
    named as where it goes, unless a participant holds an office of one ("a trip to Canada")."""
    of_person = {e.name: {r.of for r in e.roles if r.of} for e in entities if e.type == "Person"}
    for ev in events:
        if ev.type != "Visit" or not ev.place or not ev.participants:
            continue
        country = _country_of_place(ev.place)
        host = one_office_holder(entities, country) if country else None
        if host is None or host.name in ev.participants:
            continue
        if country in ev.participants or _of_country(ev.participants, country, of_person):
            continue  # a visitor of the country itself: "Xi returned to Beijing"
        ev.participants.append(host.name)
        ev.parts.append((host.name, "host"))
    for ev in events:
        for m in [ev, *ev.mentions]:
            for name in m.visited:
                if name not in ev.participants and not _of_country(ev.participants, name, of_person):
                    ev.participants.append(name)  # the state visited, as its host
                    ev.parts.append((name, "host"))


def _of_country(participants: list[str], country: str, of_person: dict[str, set[str]]) -> bool:
    """Whether one of the participants holds an office of the country (a visit home is no visit to it)."""
    return any(country in of_person.get(p, ()) for p in participants)
