"""Page furniture: blank the parts of a copied web page that are not the article.

Text copied from news sites carries menus, bylines, captions, "See also" links, share
buttons and comment forms. Extracting facts from them is a defect ("Connect with us" is not
a meeting), but dropping characters would break every offset downstream. So `clean()`
returns text of the *same length*: furniture characters become spaces, line breaks stay,
and each blanked stretch is listed with its reason.

Decisions are made by the shape of a line and its place in the page, never by a site's phrases:

1. patterns, wherever the line is (`kg.sources.line_rules`): related links, share and comment
   widgets, cookie, browser and subscription prompts, bylines and credits, captions, copyright,
   date stamps, contact blocks, tag lists, reference numbers, menus of separated labels; and inside
   a line, a leading agency credit ("(Reuters) -"), a trailing "(Reporting by ...)" or a byline
   glued to a headline ("...BeijingBy Yonhap");
2. the page's shape: *body* lines are sentences (sentence punctuation and several words, or
   long). The *lede* is the first body line, or a line opening with a dateline ("BEIJING --",
   "Dec 29, 2005 (KHARTOUM) —") among the first body lines: sentences above a dateline lede are
   captions and teasers. Everything above the lede is the page's *top*, everything after the last
   body line its *bottom*;
3. context: in the top, only the headline (the `title` argument, else the headline-shaped line
   nearest above the lede) and a dateline line ("NAIROBI, Kenya") are the article; in the bottom,
   nothing is. Inside the body, headline-shaped lines after a "Most popular" header are links.

Short lines inside the body (subheadings, "Injured: 74") are kept: position matters. A page
with no body line at all (a pasted headline, a note) loses only what the patterns find.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.model import Span
from kg.sources.line_rules import (
    CREDIT,
    DATELINE,
    DATELINE_LEDE,
    GLUED_BYLINE,
    INLINE,
    LEADING_CREDIT,
    RELATED_HEADER,
    WORD,
    headline_candidate,
    headline_shaped,
    is_appeal,
    is_body,
    is_label,
    is_sentence,
    is_stamp,
    line_rule,
    speaks_as_outlet,
    words,
)

__all__ = ["Cleaned", "clean", "headline"]


@dataclass(frozen=True)
class Cleaned:
    """A text with its furniture blanked (same length, same line breaks) and what was blanked."""

    text: str
    furniture: tuple[tuple[Span, str], ...]

    def __post_init__(self) -> None:
        for span, reason in self.furniture:
            if not reason:
                raise ValueError("a furniture stretch needs a reason")
            if span.end > len(self.text):
                raise ValueError(f"furniture span {span.start}..{span.end} beyond the text")


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, without its line break (and a trailing carriage return)."""
    out = []
    pos = 0
    for raw in text.split("\n"):
        end = pos + len(raw)
        out.append((pos, end - 1 if raw.endswith("\r") else end))
        pos = end + 1
    return out


def _norm(s: str) -> str:
    return " ".join(s.split()).casefold()


# A dateline lede is looked for among this many body lines from the first.
LEDE_REACH = 4
# A lede is followed by another paragraph within this many lines.
LEDE_FOLLOW = 3
# An item of a list of links is at most this long.
RELATED_ITEM_MAX_WORDS = 20
# A cut-off last paragraph has at least this many words.
PROSE_MIN_WORDS = 8
# Lines of list markers only ("-", "1", "•") do not end a list of related links.
_MARKER = re.compile(r"^\s*(?:[-–—•·*>»]|\d{1,2}\.?)\s*$")


def _patterns(text: str, lines: list[tuple[int, int]]) -> tuple[list[tuple[int, int, str]], list[str]]:
    """Pass 1: furniture found by pattern, and each line as it looks once that is blanked."""
    # The page's shape (pass 2) is then judged on what will remain, which keeps clean() idempotent.
    found: list[tuple[int, int, str]] = []
    texts: list[str] = []
    for a, b in lines:
        s = text[a:b]
        inline: list[tuple[int, int, str]] = []
        m = CREDIT.match(s)
        if m and (m.group("dateline").strip() or words(s[m.end() :]) > 0):
            inline.append((m.start("credit"), m.end("credit"), "credit"))
        for m in INLINE.finditer(s):
            inline.append(
                (
                    m.start(),
                    m.end(),
                    "caption" if m.group("photo") else "related" if m.group("link") else "byline",
                )
            )
        m = LEADING_CREDIT.match(s)
        if m and not any(c0 < m.end() for c0, _, _ in inline):
            inline.append((m.start(), m.end(), "credit"))
        m = GLUED_BYLINE.search(s)
        if m and words(s[: m.start()]) >= 3:
            inline.append((m.start(), m.end(), "byline"))
        for c0, c1, _ in inline:
            s = s[:c0] + " " * (c1 - c0) + s[c1:]
        reason = line_rule(s) or ("stamp" if is_stamp(s) else None)
        if reason:  # the whole line goes, credits and all
            found.append((a, b, reason))
            texts.append("")
        else:
            found.extend((a + c0, a + c1, r) for c0, c1, r in inline)
            texts.append(s)
    return found, texts


def _lede(texts: list[str], raw: list[str]) -> int | None:
    """Index of the lede: the first body line that a paragraph follows, or a dateline-led line just after it.

    `texts` are the lines with pattern furniture blanked, `raw` the lines as written (a dateline keeps
    its agency credit there). A lone "body" line among menus ("Home, topics, press releases, ...") is
    not the lede when no other paragraph follows it closely.
    """
    body = [i for i, s in enumerate(texts) if is_body(s)]
    if not body:
        return None
    for i in body[:LEDE_REACH]:
        if DATELINE_LEDE.match(raw[i]):
            return i
    for n, i in enumerate(body):
        after = [k for k in range(i + 1, len(texts)) if texts[k].strip()][:LEDE_FOLLOW]
        if n + 1 == len(body) or body[n + 1] in after:
            return i
    return body[0]


def _headline_index(texts: list[str], title: str, lede: int | None) -> int | None:
    """Index of the headline line: the given title, else the headline-shaped line nearest above the lede."""
    top = len(texts) if lede is None else lede
    if title.strip():
        want = _norm(title)
        for i, s in enumerate(texts[:top]):
            if _norm(s) == want:
                return i
    above = [i for i in range(top - 1, -1, -1) if texts[i].strip()]
    if lede is None:
        # no body: the longest headline-shaped line (labels and names above a headline are shorter)
        shaped = [i for i in above if headline_candidate(texts[i])]
        return max(shaped, key=lambda i: len(texts[i].strip()), default=None)
    return next((i for i in above if headline_candidate(texts[i])), None)


def headline(text: str, *, title: str = "") -> Span | None:
    """The headline line at the top of a plain-text page, if one looks like a headline."""
    lines = _lines(text)
    texts = _patterns(text, lines)[1]
    i = _headline_index(texts, title, _lede(texts, [text[a:b] for a, b in lines]))
    if i is None:
        return None
    a, _ = lines[i]
    s = texts[i]  # the line with its inline furniture (a glued byline) blanked
    return Span.of(text, a + len(s) - len(s.lstrip()), a + len(s.rstrip()))


def _prose(s: str) -> bool:
    """Running prose rather than a headline or a label: several words, most of them lower-case."""
    ws = [w for w in WORD.findall(s) if w[0].isalpha()]
    return len(ws) >= PROSE_MIN_WORDS and sum(w[0].islower() for w in ws) >= len(ws) / 2


def _short_item(s: str) -> bool:
    """A short line in a list of links: a headline ending in a question ("Does it? Should it?")."""
    return 0 < words(s) <= RELATED_ITEM_MAX_WORDS and not is_body(s.rstrip("?!"))


def _edge_reason(s: str, where: str) -> str:
    """Why a line at the top or bottom of a page is not the article."""
    if is_label(s):
        return "label"
    if headline_shaped(s):
        return "related"  # other stories' headlines: lists of links, "most popular"
    return "header" if where == "top" else "footer"


# How many lines around a reader appeal, speaking in the outlet's voice, belong to it.
APPEAL_REACH = 4


def _appeals(lines: list[tuple[int, int]], texts: list[str], found: list[tuple[int, int, str]]) -> None:
    """Blank reader appeals, with the lines around them that go on in the outlet's own voice."""
    asks = [i for i, s in enumerate(texts) if s.strip() and is_appeal(s)]
    marked = set(asks)
    for i in asks:
        for step in (-1, 1):
            j, seen = i + step, 0
            while 0 <= j < len(texts) and seen < APPEAL_REACH:
                if texts[j].strip() and j not in marked:
                    if not speaks_as_outlet(texts[j]):
                        break
                    marked.add(j)
                    seen += 1
                j += step
    for i in sorted(marked):
        found.append((*lines[i], "appeal"))
        texts[i] = ""


def clean(text: str, *, title: str = "") -> Cleaned:
    """Blank the page furniture of a plain-text news page, keeping its length and line breaks."""
    lines = _lines(text)
    found, texts = _patterns(text, lines)
    _appeals(lines, texts, found)

    # Pass 2: the page's shape.
    raw = [text[a:b] for a, b in lines]
    lede = _lede(texts, raw)
    last_body = max((i for i, s in enumerate(texts) if is_body(s)), default=-1)
    # a paragraph cut short where the page was stored ends the body too: "She said the lack of ... as"
    nxt = next((i for i in range(last_body + 1, len(texts)) if texts[i].strip()), None)
    if lede is not None and nxt is not None and _prose(texts[nxt]):
        last_body = nxt
    head_line = _headline_index(texts, title, lede)

    # Pass 3: context.
    in_related = False
    for i, ((a, b), s) in enumerate(zip(lines, texts, strict=True)):
        if RELATED_HEADER.match(text[a:b]):
            in_related = True
            continue
        if not s.strip():
            continue
        if lede is None:
            # no body at all: only short labels around the headline go
            if i != head_line and is_label(s) and not DATELINE.match(s) and not re.search(r"\d", s):
                found.append((a, b, "label"))
                texts[i] = ""
            continue
        if i == head_line:
            in_related = False  # the article's own headline ends a list of other stories' links
        if in_related and (_MARKER.match(s) or (headline_shaped(s) and not is_body(s)) or _short_item(s)):
            found.append((a, b, "related"))
            texts[i] = ""
            continue
        in_related = False
        if i < lede or i > last_body:
            # above the lede, a sentence of the article ("The Times said in an editorial on Monday:") stays,
            # unless the lede opens with its dateline: what stands above that is captions and teasers
            keep = i == head_line or (
                i < lede and (DATELINE.match(s) or (is_sentence(s) and not DATELINE_LEDE.match(raw[lede])))
            )
            if not keep:
                found.append((a, b, _edge_reason(s, "top" if i < lede else "bottom")))
                texts[i] = ""

    # Trim each stretch to its visible characters so that blank padding is not reported.
    out = list(text)
    spans: list[tuple[Span, str]] = []
    for a, b, reason in sorted(found):
        seg = text[a:b]
        a2 = a + len(seg) - len(seg.lstrip())
        b2 = a + len(seg.rstrip())
        if a2 >= b2:
            continue
        for k in range(a2, b2):
            if out[k] not in "\n\r":
                out[k] = " "
        spans.append((Span.of(text, a2, b2), reason))
    return Cleaned("".join(out), tuple(spans))
