"""People across articles: an article's person names linked to people already in the store.

The same canonical name is the same node; a bare surname joins a known person only when exactly
one known person carries it and nothing in the article contradicts it (a different first name or a
different country of office). Within one article, names are joined by `kg.extract.canonical`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kg.model import Entity, norm

# --- across articles -------------------------------------------------------------------------


@dataclass(frozen=True)
class Known:
    """A person already in the store: canonical name, other surface forms, countries of office."""

    name: str
    aliases: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()


class People:
    """Known people indexed by every form of their names and by surname, grown one person at a time.

    An ingest adds each article's people as it goes; rebuilding the index from the whole list for
    every article made each article cost more than the one before.
    """

    def __init__(self, known: Iterable[Known] = ()) -> None:
        self.info: dict[str, Known] = {}
        self.by_form: dict[str, set[str]] = defaultdict(set)
        self.by_surname: dict[str, set[str]] = defaultdict(set)
        for k in known:
            self.add(k)

    def add(self, k: Known) -> None:
        """Add a person, or replace what is known of one (the forms already indexed stay)."""
        self.info[k.name] = k
        for form in (k.name, *k.aliases):
            self.by_form[norm(form)].add(k.name)
        self.by_surname[norm(k.name).split()[-1]].add(k.name)

    def __iter__(self):
        return iter(self.info.values())

    def __len__(self) -> int:
        return len(self.info)


def link_people(entities: Sequence[Entity], known: Iterable[Known] | People) -> dict[str, str]:
    """Map an article's person names to names of people already known, where it is safe.

    A full name joins the known person of the same name (or alias). A bare surname joins a known
    person only when exactly one known person carries it, and the article does not give that
    name a different country of office.
    """
    index = known if isinstance(known, People) else People(known)
    by_form, by_surname, info = index.by_form, index.by_surname, index.info
    out: dict[str, str] = {}
    for e in entities:
        if e.type != "Person":
            continue
        n = norm(e.name)
        if n in by_form and len(by_form[n]) == 1:
            out[e.name] = next(iter(by_form[n]))
            continue
        if len(n.split()) == 1 and len(by_surname.get(n, ())) == 1:
            cand = next(iter(by_surname[n]))
            mine = {r.of for r in e.roles if r.of}
            theirs = set(info[cand].countries)
            if not mine or not theirs or mine & theirs:
                out[e.name] = cand
    return out
