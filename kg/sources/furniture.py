"""Page furniture: blank the parts of a copied web page that are not the article.

Text copied from news sites carries menus, bylines, captions, "See also" links, share
buttons and comment forms. Extracting facts from them is a defect ("Connect with us" is not
a meeting), but dropping characters would break every offset downstream. So `clean()`
returns text of the *same length*: furniture characters become spaces, line breaks stay,
and each blanked stretch is listed with its reason.

Decisions are made by the shape of a line, in three passes:

1. patterns, wherever the line is: related links, share/comment widgets, cookie and
   subscription prompts, bylines and credits, captions, copyright, date stamps, menus
   made of separated labels; and inside a line, a leading agency credit ("(Reuters) -")
   or a trailing "(Reporting by ...; Editing by ...)";
2. the page's shape: *body* lines are sentences (end in sentence punctuation and have
   several words, or are long); the stretch before the first body line is the *top* and
   the stretch after the last one the *bottom*;
3. context: short label lines (a few words, no sentence punctuation) in the top or bottom
   are blanked, except the headline (the `title` argument, or the longest headline-shaped
   line at the top) and a dateline ("NAIROBI, Kenya"); headline-shaped lines right after a
   "You might also like" header are related links.

Short lines inside the body (subheadings, "Injured: 74") are kept: position matters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.model import Span

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


# A label line: short, so a menu entry, a tag or a name rather than a sentence.
LABEL_MAX_WORDS = 5
# A body line: a sentence of at least this many words, or any line this long.
BODY_MIN_WORDS = 6
BODY_LONG_WORDS = 25
HEADLINE_MAX_WORDS = 25

_SENT_END = re.compile(r"""[.!?…]["'”’)\]]*$""")
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*", re.UNICODE)

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?"
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5}|UTC[+-]?\d*)?)?"
# A date written alone: "October 21, 2025", "21 Oct 2025", "2025-10-21", "Tuesday, Oct. 21, 2025 4:05 PM".
DATE_ONLY = (
    rf"(?:{_WEEKDAY}\s*)?"
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{4})"
    rf"{_TIME}"
)

_I = re.IGNORECASE


def _line(pattern: str, flags: int = _I) -> re.Pattern[str]:
    return re.compile(rf"^\s*(?:{pattern})\s*$", flags)


_SHARE_WORD = (
    r"share|share this(?: article| story| post| page)?|share via|share on \w+|like this|follow us(?: on \w+)?"
    r"|connect with us|copy link|copy|print(?: this)?|e-?mail|tweet|facebook|twitter|x|whatsapp|telegram"
    r"|linkedin|pinterest|reddit|messenger|flipboard|bluesky|threads|instagram|youtube|loading\.*"
)

# (reason, pattern matching the whole stripped line)
_LINE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "related",
        _line(
            r"(?:see also|also read|also see|read also|read more|related(?: articles| stories| news| posts)?"
            r"|more from [^.]{0,40}|you (?:might|may) also like|recommended(?: for you)?|most (?:read|popular)"
            r"|trending(?: now)?|don[’']t miss|further reading|more stories|top stories|latest news"
            r"|editor[’']s picks?)\b(?:\s*[:>»-]\s*|\s+)?(?:\S.{0,160})?"
        ),
    ),
    (
        "comments",
        _line(
            r"click to comment|leave a (?:reply|comment)|\d*\s*comments?|post comment|cancel reply"
            r"|comment(?:s)? (?:are )?closed\.?|your email address will not be published\.?.*"
            r"|required fields are marked.*|name\s*\*?|email\s*\*?|website|save my name, email.*"
            r"|join the (?:conversation|discussion).*|view comments|show comments|add a comment"
        ),
    ),
    (
        "share",
        # one widget word, or a row of them: "Share this article: Facebook | Twitter | Email"
        _line(rf"(?:{_SHARE_WORD})(?:\s*[:|•·/,]?\s*(?:{_SHARE_WORD}))*[ :]*"),
    ),
    (
        "cookies",
        _line(
            r"(?:we use cookies|this (?:web)?site uses cookies|by (?:continuing|using) (?:to use )?this (?:web)?site"
            r"|accept(?: all)? cookies|cookie (?:policy|settings)|privacy policy|terms of (?:use|service)).*"
        ),
    ),
    (
        "subscription",
        _line(
            r"(?:subscribe(?: now| to .{0,80})?|sign up(?: for .{0,80}| to .{0,80}| now)?|newsletter"
            r"|already (?:a subscriber|have an account).*|log ?in|sign in|register|get the latest .{0,80}"
            r"|advertisement|sponsored(?: content)?)[ :.!]*"
        ),
    ),
    ("menu", _line(r"(?:skip to (?:main )?content|menu|search|home|back to top|main navigation)[ :.!]*")),
    (
        "stamp",
        _line(
            rf"(?:(?:published|updated|posted|last updated|first published|modified)(?:\s+on)?:?"
            rf"(?:\s+{DATE_ONLY}(?:\s*[|,]\s*(?:updated:?\s+)?{DATE_ONLY})?)?|on|{DATE_ONLY})"
        ),
    ),
    (
        "byline",
        re.compile(
            r"^\s*(?:(?:by|written by|posted by|words by)\s+(?!(?:the|a|an|then|now|monday|tuesday|wednesday"
            r"|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september"
            r"|october|november|december)\b)[\w.'’-]+(?:\s+[\w.'’-]+){0,3}"
            r"(?:\s*(?:,|and|&)\s*[\w.'’-]+(?:\s+[\w.'’-]+){0,3}){0,3}(?:\s*[,|–—-]\s*[\w .'’&-]{1,40})?"
            r"|author:.{0,80}|(?:staff|special) (?:writer|reporter|correspondent)"
            r"|\(?(?:additional )?(?:reporting|editing|writing|compiled|edited|written)\s+by\b.{0,300})\s*$",
            _I,
        ),
    ),
    (
        "caption",
        re.compile(
            r"^\s*(?:(?:photo|image|picture|photograph|file photo|video|graphic|illustration|credit)s?\s*[:|-].*"
            r"|\(?(?:photo|image|picture)s? (?:by|courtesy|credit)\b.*|file photo\.?"
            r"|.*(?:/\s*(?:getty images|afp|reuters|ap|epa|shutterstock|ap photo|file photo)\)?\.?"
            r"|\(ap photo[^)]*\)\.?|reuters/[\w .'’-]+(?:/file photo)?\.?))\s*$",
            _I,
        ),
    ),
    (
        "copyright",
        # wire services close with their standards line: "Our Standards: The ... Trust Principles."
        re.compile(
            r"^\s*(?:©|\(c\)\s*\d{4}|copyright\b|all rights reserved|our standards\s*:|editorial standards\b"
            r"|.{0,40}\btrust principles\.?\s*$).*$",
            _I,
        ),
    ),
)

# "WASHINGTON (Reuters) -", "NAIROBI, Kenya (AP) _", "(CNN) —": the credit goes, the dateline stays.
_CREDIT = re.compile(
    r"^(?P<dateline>\s*(?:[A-Z][A-Z.'’ -]+(?:,\s*(?:[A-Z][\w.'’ -]*?|\w+\.? \d{1,2}))?\s*)?)"
    r"(?P<credit>\([A-Za-z][\w .&/-]{0,30}\)\s*(?:--|[-–—_:])(?=\s|$))"
)
# "(Reporting by X; Editing by Y)" or "(Photo by X/Getty Images)" inside a line.
_INLINE = re.compile(
    r"\((?:(?:additional )?(?:reporting|editing|writing|compiled|edited)\s+by|(?P<photo>photos? by|ap photo))\b[^()\n]{0,300}\)",
    _I,
)
# A dateline left alone on its line: "MIAMI", "NAIROBI, Kenya", "WASHINGTON, March 12".
_DATELINE = re.compile(r"^\s*[A-Z][A-Z.'’ -]+(?:,\s*[\w.'’ -]+?)?\s*(?:[-–—_:]+)?\s*$")
# A menu: labels separated by bars, bullets or arrows ("Home | Politics | World").
_MENU_SEP = re.compile(r"\s(?:\||•|·|»|›|>|/)\s")
# "You might also like" with nothing after it: a header for a list of links.
_RELATED_HEADER = _line(
    r"(?:see also|also read|read more|related(?: articles| stories| news| posts)?|you (?:might|may) also like"
    r"|recommended(?: for you)?|most (?:read|popular)|more stories|trending(?: now)?|more from [^.]{0,40}"
    r"|latest news|top stories)\s*[:>»-]?"
)


def _words(s: str) -> int:
    return len(_WORD.findall(s))


def _is_body(s: str) -> bool:
    n = _words(s)
    return n >= BODY_LONG_WORDS or (n >= BODY_MIN_WORDS and bool(_SENT_END.search(s.strip())))


def _is_label(s: str) -> bool:
    s = s.strip()
    return 0 < _words(s) <= LABEL_MAX_WORDS and not _SENT_END.search(s)


def _headline_shaped(s: str) -> bool:
    s = s.strip()
    n = _words(s)
    return (
        3 <= n <= HEADLINE_MAX_WORDS
        and (s[0].isupper() or s[0].isdigit() or s[0] in "\"'“‘")
        and not re.search(r"[.,;:]$", s)
        and not _DATELINE.match(s)
    )


def _rule(s: str) -> str | None:
    """The furniture reason of a whole line, or None when no pattern says so."""
    if not s.strip():
        return None
    for reason, pattern in _LINE_RULES:
        # "Read more about the talks in our archive." is a sentence, not a link.
        if pattern.match(s) and not (reason == "related" and _is_body(s)):
            return reason
    parts = _MENU_SEP.split(s.strip())
    if len(parts) >= 3 and all(0 < _words(p) <= 3 and not _SENT_END.search(p) for p in parts):
        return "menu"
    return None


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


def _top_end(texts: list[str]) -> int:
    """Index of the first body line (len(texts) when there is none)."""
    return next((i for i, s in enumerate(texts) if _is_body(s)), len(texts))


def _patterns(text: str, lines: list[tuple[int, int]]) -> tuple[list[tuple[int, int, str]], list[str]]:
    """Pass 1: furniture found by pattern, and each line as it looks once that is blanked."""
    # The page's shape (pass 2) is then judged on what will remain, which keeps clean() idempotent.
    found: list[tuple[int, int, str]] = []
    texts: list[str] = []
    for a, b in lines:
        s = text[a:b]
        inline: list[tuple[int, int, str]] = []
        m = _CREDIT.match(s)
        if m and (m.group("dateline").strip() or _words(s[m.end() :]) > 0):
            inline.append((m.start("credit"), m.end("credit"), "credit"))
        for m in _INLINE.finditer(s):
            inline.append((m.start(), m.end(), "caption" if m.group("photo") else "byline"))
        for c0, c1, _ in inline:
            s = s[:c0] + " " * (c1 - c0) + s[c1:]
        reason = _rule(s)
        if reason:  # the whole line goes, credits and all
            found.append((a, b, reason))
            texts.append("")
        else:
            found.extend((a + c0, a + c1, r) for c0, c1, r in inline)
            texts.append(s)
    return found, texts


def _headline_index(texts: list[str], title: str) -> int | None:
    """Index of the headline line among the lines above the first body line."""
    top = _top_end(texts)
    if title.strip():
        want = _norm(title)
        for i, s in enumerate(texts[:top]):
            if _norm(s) == want:
                return i
    best: int | None = None
    for i, s in enumerate(texts[:top]):
        if not s.strip():
            continue
        # The longest candidate wins: section labels and names above a headline are shorter.
        if (
            _headline_shaped(s)
            and _rule(s) is None
            and (best is None or len(s.strip()) > len(texts[best].strip()))
        ):
            best = i
    return best


def headline(text: str, *, title: str = "") -> Span | None:
    """The headline line at the top of a plain-text page, if one looks like a headline."""
    lines = _lines(text)
    i = _headline_index(_patterns(text, lines)[1], title)
    if i is None:
        return None
    a, b = lines[i]
    s = text[a:b]
    return Span.of(text, a + len(s) - len(s.lstrip()), a + len(s.rstrip()))


def clean(text: str, *, title: str = "") -> Cleaned:
    """Blank the page furniture of a plain-text news page, keeping its length and line breaks."""
    lines = _lines(text)
    found, texts = _patterns(text, lines)

    # Pass 2: the page's shape.
    top = _top_end(texts)
    last_body = max((i for i, s in enumerate(texts) if _is_body(s)), default=-1)
    bottom = last_body + 1 if last_body >= 0 else len(texts)
    head_line = _headline_index(texts, title)

    # Pass 3: context.
    in_related = False
    for i, ((a, b), s) in enumerate(zip(lines, texts, strict=True)):
        if _RELATED_HEADER.match(text[a:b]):
            in_related = True
            continue
        if not s.strip():
            continue
        if in_related and _headline_shaped(s) and not _is_body(s):
            found.append((a, b, "related"))
            texts[i] = ""
            continue
        in_related = False
        edge = i < top or i >= bottom
        # Figures ("Injured: 74") are data, not labels, even at the foot of a page.
        if edge and i != head_line and _is_label(s) and not _DATELINE.match(s) and not re.search(r"\d", s):
            found.append((a, b, "label"))
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
