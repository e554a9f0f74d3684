"""The shapes of single lines of a page: sentences, labels, headlines, datelines, and the patterns of
page furniture that hold wherever a line stands (related links, widgets, prompts, bylines, captions,
stamps, contact blocks). `kg.sources.furniture` decides with these and the line's place in the page.
"""

from __future__ import annotations

import re

# A label line: short, so a menu entry, a tag or a name rather than a sentence.
LABEL_MAX_WORDS = 5
# A body line: a sentence of at least this many words, or any line this long.
BODY_MIN_WORDS = 6
BODY_LONG_WORDS = 25
# A sentence above the lede ("Now for today's quiz.") is at least this long.
SENTENCE_MIN_WORDS = 4
HEADLINE_MAX_WORDS = 25
# A photo caption is a sentence or two.
CAPTION_MAX_WORDS = 60

SENT_END = re.compile(r"""[.!?…]["'”’)\]]*$""")
WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*", re.UNICODE)

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
    (
        "menu",
        _line(
            r"(?:skip to (?:main )?content|skip links|menu|search|home|back to top|main navigation)[ :.!]*"
        ),
    ),
    # a breadcrumb trail: "You are in: Section > Subsection > Page", "World > Asia > Japan"
    ("menu", re.compile(r"^\s*(?:you are (?:in|here)\s*:.*|(?:[^>\n]{1,80}\s>\s){2,}[^>\n]{1,80})\s*$", _I)),
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
            r"|\(ap photo[^)]*\)\.?|reuters/[\w .'’-]+(?:/file photo)?\.?)"
            r"|(?:file\s+(?:photo|picture|image)|pictured|in this (?:photo|picture|image|file photo)|(?:from )?left to right"
            r"|\(?l-r\)?|from left)\b.*"
            r"|(?:[\w.'’-]+\s){0,3}(?:photos?|image|picture)\s*/\s*[\w .'’-]{1,40}"
            r"|.*\((?:left|right|centre|center|front|second (?:left|right)|2nd (?:left|right)|l|r)\)[ ,].*"
            r"|.*(?:\((?:photos?|images?|pictures?|file|credit)\s*[:/][^()]{0,60}\)|\[(?:photos?|images?)\b[^\]]{0,60}\]"
            r"|(?-i:\((?:[A-Z][\w.'’-]*\s?){1,3}/[\w .'’-]{1,40}\))|\bphoto(?:graph)?s?\s*(?:credit)?\s*:\s*[^.]{0,60}))\s*$",
            _I,
        ),
    ),
    (
        "contact",
        # a contact block: phone numbers, e-mail addresses, "Additional information:", "Media contact:"
        re.compile(
            r"^(?=.*(?:\btel\.?\s*[:+(]?\s*\+?\d|\b(?:phone|fax|mobile)\s*:|\+\d{1,3}[\s(]*\d[\d\s()-]{6,}"
            r"|[\w.+-]+@[\w-]+\.[\w.-]+|^\s*(?:additional|further|more) information\s*:|^\s*(?:media |press )?contacts?\s*:"
            r"|^\s*for (?:more|further) information\b)).*$",
            _I,
        ),
    ),
    (
        "comments",
        re.compile(
            r"^(?=.*(?:\b(?:log ?in|sign in|register)\b.{0,40}\bto (?:comment|reply)\b|\blog ?in with (?:facebook|google|twitter|x)\b"
            r"|\bno comments (?:for|on|yet)\b|\bcomment(?:s|ing)? (?:rules|policy|guidelines)\b|^\s*(?:top|latest|reader)s? comments\b"
            r"|^\s*your comment\b|^\s*(?:post|add|write|leave) (?:a |your )?comment\b)).*$",
            _I,
        ),
    ),
    (
        "notice",
        re.compile(
            r"^(?=.*(?:\byour (?:web )?browser (?:is|does|may)\b|\b(?:please )?enable javascript\b|\bupdate your browser\b"
            r"|\b(?:best|better) viewed (?:in|with)\b)).*$",
            _I,
        ),
    ),
    ("video", re.compile(r"^\s*(?:watch|video|listen|audio|podcast|live)\s*[:|–—]\s*.*$", _I)),
    ("tags", re.compile(r"^\s*(?:tags?|topics?|keywords?|filed under|categor(?:y|ies))\s*:.*$", _I)),
    (
        "reference",
        # "Press release 205/2007", "Reference: E-221/09", "Code 206512": an identifier, not a sentence
        re.compile(
            r"^\s*(?:press release|release|reference|ref\.?|code|item|article|document|no\.?|number)\s*(?:no\.?|number|#)?"
            r"\s*[:#]?\s*[A-Z]{0,4}[-/]?\d[\d/.-]*\s*$",
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
CREDIT = re.compile(
    r"^(?P<dateline>\s*(?:[A-Z][A-Z.'’ -]+(?:,\s*(?:[A-Z][\w.'’ -]*?|\w+\.? \d{1,2}))?\s*)?)"
    r"(?P<credit>\([A-Za-z][\w .&/-]{0,30}\)\s*(?:--|[-–—_:])(?=\s|$))"
)
# "(Reporting by X; Editing by Y)" or "(Photo by X/Getty Images)" inside a line.
INLINE = re.compile(
    r"\((?:(?:additional )?(?:reporting|editing|writing|compiled|edited)\s+by|(?P<photo>photos? by|ap photo)"
    r"|(?P<link>(?:also )?read(?: more| also)?\s*:|see(?: also)?\s*:|watch\s*:|related\s*:))[^()\n]{0,300}\)",
    _I,
)
# A source credit in parentheses opening a line before its dateline: "(Agency- Wire Service (WS)) CITY, ...".
LEADING_CREDIT = re.compile(r"^\s*\((?:[^()\n]|\([^()\n]*\)){2,80}\)\s*(?=[A-Z][A-Z'’.-]{2,}[ ,])")
# A caption that says so at its start: "File photo: ...", "Left to right: ...", "(L-R) ...".
CAPTION_START = re.compile(
    r"^\s*(?:file\s+(?:photo|picture|image)|pictured|in this (?:photo|picture|image|file photo)|(?:from )?left to right"
    r"|\(?l-r\)?|from left|(?:photo|image|picture)s?\s*[:|])",
    _I,
)
# A dateline left alone on its line: "MIAMI", "NAIROBI, Kenya", "WASHINGTON, March 12".
DATELINE = re.compile(r"^\s*[A-Z][A-Z.'’ -]+(?:,\s*[\w.'’ -]+?)?\s*(?:[-–—_:]+)?\s*$")
# A menu: labels separated by bars, bullets or arrows ("Home | Politics | World").
MENU_SEP = re.compile(r"\s(?:\||•|·|»|›|>|/)\s")
# "You might also like" with nothing after it: a header for a list of links.
RELATED_HEADER = _line(
    r"(?:see also|also read|read more|related(?: articles| stories| news| posts)?|you (?:might|may) also like"
    r"|recommended(?: for you)?|most (?:read|popular)|more stories|trending(?: now)?|more from [^.]{0,40}"
    r"|latest news|top stories)\s*[:>»-]?"
)


def words(s: str) -> int:
    return len(WORD.findall(s))


def is_body(s: str) -> bool:
    n = words(s)
    return n >= BODY_LONG_WORDS or (n >= BODY_MIN_WORDS and bool(SENT_END.search(s.strip())))


def is_sentence(s: str) -> bool:
    """Whether a line reads as a sentence of prose: a few words ending in sentence punctuation or a colon."""
    s = re.sub(r"(?:\s*&\w+;)+\s*$", "", s.strip())  # a markup entity left at the end ("... on Jan. 6: &QL;")
    return words(s) >= SENTENCE_MIN_WORDS and bool(SENT_END.search(s) or s.endswith(":"))


def is_label(s: str) -> bool:
    s = s.strip()
    return 0 < words(s) <= LABEL_MAX_WORDS and not SENT_END.search(s)


def headline_shaped(s: str) -> bool:
    s = s.strip()
    n = words(s)
    return (
        3 <= n <= HEADLINE_MAX_WORDS
        and (s[0].isupper() or s[0].isdigit() or s[0] in "\"'“‘")
        and not re.search(r"[.,;:]$", s)
        and not DATELINE.match(s)
    )


# Markup a page's text kept from its HTML: an advertisement's link and image tags, attributes, URLs.
MARKUP = re.compile(
    r"</?[A-Za-z][^<>]*>|\b(?:href|src|target|width|height|border|alt|class|style)\s*=\s*\S+|https?://\S+|www\.\S+",
    _I,
)
# The most words a line of markup may have left once its tags, attributes and URLs are taken out.
MARKUP_MAX_WORDS = 3


def is_markup(s: str) -> bool:
    """Whether a line is markup or links with next to no words of its own ('A HREF="http://..."><IMG ...>')."""
    found = MARKUP.findall(s)
    return len(found) >= 2 and words(MARKUP.sub(" ", s)) <= MARKUP_MAX_WORDS


def line_rule(s: str) -> str | None:
    """The furniture reason of a whole line, or None when no pattern says so."""
    if not s.strip():
        return None
    if is_markup(s):
        return "markup"
    for reason, pattern in _LINE_RULES:
        # "Read more about the talks in our archive." is a sentence, not a link.
        if not pattern.match(s):
            continue
        if reason == "related" and is_body(s):
            continue
        if reason == "caption" and (
            DATELINE_LEDE.match(s) or (words(s) > CAPTION_MAX_WORDS and not CAPTION_START.match(s))
        ):
            continue  # a story (on one line) may end with its credit, and it is not a caption
        return reason
    parts = MENU_SEP.split(s.strip())
    if len(parts) >= 3 and all(0 < words(p) <= 3 and not SENT_END.search(p) for p in parts):
        return "menu"
    return None


# The words a date stamp is made of, besides numbers: "Published : May 6, 2024 - 20:56", "Thu, 23 Jan 2020
# 07:41 GMT", "# 13 February 2010 04:16 (UTC +04:00)", "PublishDate: Sunday, December 13, 202010:14".
_STAMP_WORDS = {
    "published", "updated", "posted", "last", "first", "modified", "publishdate", "publish", "date", "time",
    "on", "at", "am", "pm", "a", "p", "m", "st", "nd", "rd", "th", "utc", "gmt", "edited", "created",
}  # fmt: skip
_MONTH_WORD = re.compile(rf"^{_MONTH}$", _I)
_WEEKDAY_WORD = re.compile(r"^(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?$", _I)
_NUMERIC_DATE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}")
_STAMP_TOKEN = re.compile(r"[^\W\d_]+|\d+|\S")
STAMP_MAX_TOKENS = 16


def is_stamp(s: str) -> bool:
    """Whether a whole line is a date or time stamp: dates, times, zones and their labels, nothing else."""
    tokens = _STAMP_TOKEN.findall(s)
    if not tokens or len([t for t in tokens if t[0].isalnum()]) > STAMP_MAX_TOKENS:
        return False
    dated = bool(_NUMERIC_DATE.search(s))
    for t in tokens:
        if t.isdigit() or not t[0].isalpha():
            continue
        if _MONTH_WORD.match(t) or _MONTH_WORD.match(t + "."):
            dated = True
        elif not (
            _WEEKDAY_WORD.match(t) or t.casefold() in _STAMP_WORDS or (t.isupper() and 2 <= len(t) <= 5)
        ):
            return False
    return dated and any(t.isdigit() for t in tokens)


# A byline glued to the end of a headline by the page's markup: "... visit to BeijingBy Yonhap".
GLUED_BYLINE = re.compile(r"(?<=[a-z)\]])By\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}\s*$")

# A lede that opens with a dateline: "BEIJING -- ", "WASHINGTON (Reuters) - ", "Baku – APA. ",
# "Dec 29, 2005 (KHARTOUM) — ", "Addis Ababa /ENA/ February 16/2023 ".
DATELINE_LEDE = re.compile(
    r"^\s*(?:"
    r"[A-Z][A-Z.'’ -]{2,}(?:,\s*[A-Z][\w.'’ -]{1,30})?\s*(?:\([^()\n]{1,40}\)\s*)?(?:--|[-–—_:])\s"
    r"|[A-Z][\w.'’ -]{1,30}\s[-–—]\s[A-Z]{2,10}\b"
    rf"|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}\s*\([A-Z][A-Z .'’-]+\)\s*[-–—:]"
    r"|[A-Z][\w.'’ -]{1,30}\s/[A-Z]{2,10}/\s"
    r")"
)


def headline_candidate(s: str) -> bool:
    """Whether a line can be an article's headline: headline-shaped, at least three real words, no date stamp.

    A site's name and a numeric date ("Ministry of Foreign Affairs 13.12.2015") are a page header.
    """
    return (
        headline_shaped(s)
        and len([w for w in WORD.findall(s) if w[0].isalpha() and len(w) > 1]) >= 3
        and not _NUMERIC_DATE.search(s)
    )


# A reader appeal: the outlet asking for support, donations or subscriptions in its own voice
# ("Your support helps us tell the story", "Your donation keeps our reporters in the field").
_APPEAL_ASK = re.compile(
    r"\b(?:your (?:support|donation|contribution|gift)|donat(?:e|es|ed|ion|ions|ing)|paywalls?|contribute"
    r"|support (?:us|our \w+|independent \w+|quality \w+)|become a (?:member|supporter|subscriber))\b",
    _I,
)
_APPEAL_PRESS = re.compile(
    r"\b(?:journalism|journalists?|reporters?|reporting|newsroom|stor(?:y|ies)|paywalls?)\b", _I
)
_OUR_VOICE = re.compile(r"\b(?:we|us|our|your)\b", _I)
_QUOTE = re.compile(r"[\"“”]")


def speaks_as_outlet(s: str) -> bool:
    """Whether a line speaks in the outlet's own voice ("we", "our", "your"), outside any quotation."""
    return bool(_OUR_VOICE.search(s)) and not _QUOTE.search(s)


def is_appeal(s: str) -> bool:
    """Whether a line is the outlet asking its readers for support: an ask, about its journalism, in its voice."""
    return bool(_APPEAL_ASK.search(s) and _APPEAL_PRESS.search(s)) and speaks_as_outlet(s)
