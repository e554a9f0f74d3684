"""Write N synthetic news articles of realistic shape (written by the project, no copied text).

Each article has a headline, a dateline paragraph with a diplomatic event between two office
holders, a few paragraphs of context with dates, quotes and places, and some page furniture.

    python -m bench.generate N OUT.jsonl [--seed S] [--words W]
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from pathlib import Path

FIRST = [
    "Anna",
    "Boris",
    "Carla",
    "Dmitri",
    "Elena",
    "Farid",
    "Greta",
    "Hassan",
    "Ines",
    "Jonas",
    "Karim",
    "Lena",
    "Marek",
    "Nadia",
    "Omar",
    "Petra",
    "Rafael",
    "Sofia",
    "Tomas",
    "Vera",
    "Yusuf",
    "Zora",
]
LAST = [
    "Albrecht",
    "Baranov",
    "Castillo",
    "Dimitrov",
    "Eriksen",
    "Farouk",
    "Gallo",
    "Horvath",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Novak",
    "Okafor",
    "Petrov",
    "Quinn",
    "Rossi",
    "Santos",
    "Tanaka",
    "Ulrich",
    "Varga",
    "Weber",
    "Yilmaz",
    "Zeller",
]
COUNTRIES = [
    ("France", "French", "Paris"), ("Germany", "German", "Berlin"), ("Japan", "Japanese", "Tokyo"),
    ("Brazil", "Brazilian", "Brasilia"), ("India", "Indian", "New Delhi"), ("Kenya", "Kenyan", "Nairobi"),
    ("Canada", "Canadian", "Ottawa"), ("Poland", "Polish", "Warsaw"), ("Turkey", "Turkish", "Ankara"),
    ("Mexico", "Mexican", "Mexico City"), ("Egypt", "Egyptian", "Cairo"), ("Spain", "Spanish", "Madrid"),
    ("Norway", "Norwegian", "Oslo"), ("Chile", "Chilean", "Santiago"), ("Vietnam", "Vietnamese", "Hanoi"),
]  # fmt: skip
TITLES = ["President", "Prime Minister", "Foreign Minister", "Defence Minister", "Trade Minister"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
TOPICS = ["energy cooperation", "trade tariffs", "a border dispute", "climate finance", "grain exports",
          "migration", "a ceasefire proposal", "nuclear safety", "fisheries", "a new rail link"]  # fmt: skip
EVENTS = [
    "{a} met {b} in {city} on {day} to discuss {topic}.",
    "{a} spoke by phone with {b} on {day} about {topic}.",
    "{a} hosted {b} in {city} on {day}, officials said.",
    "{a} and {b} signed an agreement on {topic} in {city} on {day}.",
    "A planned summit between {a} and {b} in {city} was cancelled on {day}.",
    "{a} urged {b} on {day} to resume talks on {topic}.",
    "{a} will travel to {city} next week for talks with {b}.",
]
FILLER = [
    "Analysts said the talks reflected a broader shift in the region after months of tension.",
    "The two governments have disagreed for years over {topic}, and previous rounds ended without result.",
    "Officials in {city} described the atmosphere as constructive but cautious.",
    "Opposition lawmakers criticised the government for moving too slowly on {topic}.",
    "Trade between the two countries rose by {n} percent last year, according to official figures.",
    "A statement released after the meeting said both sides would continue contacts at a technical level.",
    "Diplomats expect a further round of consultations in {month}.",
]
FURNITURE = ["See also  Markets close higher on energy stocks", "Share this article", "Click to comment",
             "Subscribe to our newsletter", "Related: Weather warnings for the weekend"]  # fmt: skip
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def article(i: int, rng: random.Random, words: int = 500) -> dict:
    """One synthetic article record."""
    published = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(0, 2000))
    (c1, adj1, cap1), (c2, adj2, cap2) = rng.sample(COUNTRIES, 2)
    p1, p2 = person(rng), person(rng)
    t1, t2 = rng.choice(TITLES), rng.choice(TITLES)
    city = rng.choice([cap1, cap2])
    topic = rng.choice(TOPICS)
    a, b = f"{adj1} {t1} {p1}", f"{adj2} {t2} {p2}"
    first = rng.choice(EVENTS).format(a=a, b=b, city=city, day=rng.choice(WEEKDAYS), topic=topic)
    paras = [first]
    n_words = len(first.split())
    while n_words < words:
        s = rng.choice(FILLER).format(topic=rng.choice(TOPICS), city=rng.choice([cap1, cap2]), n=rng.randrange(2, 40),
                                      month=rng.choice(MONTHS))  # fmt: skip
        s2 = rng.choice(EVENTS).format(
            a=p1.split()[1], b=p2.split()[1], city=city, day=rng.choice(WEEKDAYS), topic=topic
        )
        paras.append(f"{s} {s2}")
        n_words += len(s.split()) + len(s2.split())
    headline = f"{adj1} and {adj2} leaders discuss {topic}"
    body = "\n\n".join(paras)
    text = f"{headline}\n\n{rng.choice(FURNITURE)}\n\n{body}\n\n{rng.choice(FURNITURE)}\n"
    return {"id": f"synthetic-{i:07d}", "title": headline, "published": published.isoformat(),
            "url": f"https://news.example/{i}", "source": "Synthetic Wire", "text": text}  # fmt: skip


def write(n: int, out: Path, *, seed: int = 0, words: int = 500) -> Path:
    """Write n articles as JSONL, streaming."""
    rng = random.Random(seed)
    with out.open("w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps(article(i, rng, words)) + "\n")
    return out


if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 0
    words = int(args[args.index("--words") + 1]) if "--words" in args else 500
    write(int(args[0]), Path(args[1]), seed=seed, words=words)
