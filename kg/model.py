"""Domain objects: plain, frozen values that flow one way through the pipeline.

Every fact carries stand-off provenance: a `Span` (start, end, text) into the article text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

ENTITY_TYPES = ("Person", "Organization", "Place")
EVENT_TYPES = (
    "Meeting",
    "Summit",
    "Talks",
    "Visit",
    "PhoneCall",
    "Statement",
    "Announcement",
    "Cancellation",
    "Agreement",
    "Request",
    "Sanction",
    "Attack",
    "Other",
)
STATUSES = ("occurred", "planned", "cancelled", "negated", "hypothetical")


def norm(text: str) -> str:
    """A comparison key: case, accents, punctuation and spacing folded."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^\w\s]", " ", text.casefold())
    return " ".join(text.split())


def entity_key(type_: str, name: str) -> str:
    """A stable key for an entity: its type and folded canonical name."""
    return f"{type_}:{norm(name)}"


@dataclass(frozen=True)
class Article:
    """One news article: its text and what is known about it."""

    id: str
    text: str
    title: str = ""
    published: dt.date | None = None
    url: str = ""
    source: str = ""
    origin: str = ""  # the file (and line or record) it was read from, for messages

    def __post_init__(self) -> None:
        if not self.id or not self.id.strip():
            raise ValueError("an article needs a non-empty id")
        if not isinstance(self.text, str):
            raise TypeError("article text must be a string")

    @property
    def content_hash(self) -> str:
        """A digest of everything that decides what is extracted from the article."""
        h = hashlib.sha256()
        for part in (self.id, self.title, str(self.published or ""), self.url, self.source, self.text):
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\x00")
        return h.hexdigest()


@dataclass(frozen=True)
class Span:
    """A stretch of an article's text: [start, end) and the exact characters."""

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span offsets {self.start}..{self.end}")
        if len(self.text) != self.end - self.start:
            raise ValueError(f"span text length {len(self.text)} != {self.end - self.start}")

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span [start, end) of `text`."""
        return cls(start, end, text[start:end])


@dataclass(frozen=True)
class Role:
    """An office a person holds, for a country or organisation, as stated in the text."""

    title: str
    of: str | None
    evidence: Span


@dataclass(frozen=True)
class Entity:
    """A person, organisation or place as resolved within one article."""

    key: str  # stable within the article: type + canonical name
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = ()
    roles: tuple[Role, ...] = ()
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None

    def __post_init__(self) -> None:
        if self.type not in ENTITY_TYPES:
            raise ValueError(f"unknown entity type {self.type!r}; one of {', '.join(ENTITY_TYPES)}")


@dataclass(frozen=True)
class Timex:
    """A time expression and its TimeML value, normalised against the publication date."""

    span: Span
    value: str | None
    type: str = "DATE"  # DATE, TIME, DURATION, SET
    earliest: dt.date | None = None
    latest: dt.date | None = None
    anchor: str = ""  # what the value was computed from: "published", "tense", "absolute", ...

    @property
    def one_day(self) -> bool:
        """Whether the time names one calendar day (a value YYYY-MM-DD, first and last day the same)."""
        return len(self.value or "") == 10 and self.earliest is not None and self.earliest == self.latest


@dataclass(frozen=True)
class Event:
    """A diplomatic happening stated in one sentence of an article."""

    key: str
    type: str
    label: str
    participants: tuple[str, ...]  # canonical entity names
    status: str
    evidence: Span  # the sentence (or clause) that states it
    trigger: Span
    place: str | None = None
    timex: Timex | None = None
    date: str | None = None  # TimeML value of the event's time
    confidence: float = 0.5
    cameo: str | None = None
    plover: str | None = None
    roles: tuple[tuple[str, str], ...] = ()  # (participant, part) e.g. ("Donald Trump", "host")
    related: tuple[str, ...] = ()  # keys of events this one is about (a cancellation of a summit)
    kind: str | None = (
        None  # a finer kind within the type: Expulsion, Summons, Reception, Closure, Rupture ...
    )
    # where the date came from: the event's own clause, its sentence, the occasion it is part of,
    # the dateline, a dated occasion of its people just before, the one ahead, or the news's day
    date_from: str | None = None

    def __post_init__(self) -> None:
        if self.type not in EVENT_TYPES:
            raise ValueError(f"unknown event type {self.type!r}; one of {', '.join(EVENT_TYPES)}")
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}; one of {', '.join(STATUSES)}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError("confidence must lie in [0, 1]")


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    timexes: tuple[Timex, ...] = ()
    furniture: tuple[Span, ...] = ()  # stretches of text dropped as page furniture
    furniture_reasons: tuple[str, ...] = ()  # why each was dropped ("related", "caption", "stamp" ...)
    sentences: tuple[Span, ...] = ()
    extractor: str = "kg"
    version: str = ""
    notes: tuple[str, ...] = field(default=())  # e.g. "publication date unknown"

    def __post_init__(self) -> None:
        if self.furniture_reasons and len(self.furniture_reasons) != len(self.furniture):
            raise ValueError("give one reason per furniture stretch, or none")

    def entity(self, name: str) -> Entity | None:
        """The entity with this canonical name, if any."""
        for e in self.entities:
            if e.name == name:
                return e
        return None
