"""Page furniture: blanked in place, offsets unchanged, the article itself untouched."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.sources.furniture import Cleaned, clean, headline

WIRE = """\
World | Europe | Diplomacy

Foreign Ministers Agree to Resume Border Talks

By Maria Lindqvist and Tomas Berg

Updated: 4 March 2024 10:15 GMT

OSLO (Reuters) - The foreign ministers of Norway and Finland agreed on Monday to resume talks on their disputed fishing border, a joint statement said.

The two ministers met for three hours in Oslo and will meet again in Helsinki in April, officials from both countries said.

Photo: The two ministers shake hands before their meeting in Oslo. REUTERS/Kari Holm

"We have agreed to keep talking," the Norwegian minister told reporters after the meeting.

(Reporting by Maria Lindqvist; Editing by Tomas Berg)

© 2024 Reuters. All rights reserved.
"""

BLOG = """\
Skip to content
Home
Politics

Why the Summit in Lisbon Never Happened

Published

on

March 2, 2024

karen wells

Plans for a summit in Lisbon between the leaders of Brazil and Portugal collapsed last week after a dispute over the agenda, according to two diplomats.

The meeting had been announced in January. Neither government has proposed a new date, and officials in Brasilia declined to comment on Friday.

Share this:
Tweet
Facebook
WhatsApp

Like this:

Loading...

You might also like
Brazil and Portugal Sign a Trade Memorandum
Lisbon Hosts Regional Security Forum

3 Comments

Leave a Reply

Your email address will not be published. Required fields are marked *

Subscribe to our newsletter
We use cookies to give you the best experience on our site.
"""

CAPTIONS = """\
Leaders Hold Phone Call on Grain Exports

Image: Ships wait at the port of Odesa. (Photo by Ivan Petrenko/Getty Images)

The presidents of Turkey and Ukraine spoke by telephone on Wednesday about grain shipments across the Black Sea, the Turkish presidency said.

READ MORE: Turkey Offers to Host New Round of Talks

File photo

Ankara has offered to host a meeting of the two countries' foreign ministers later this month. (Photo by Ayse Kaya/AFP)

See also: Grain Deal Timeline

Read more
"""


def _kept(c: Cleaned) -> list[str]:
    return [line.strip() for line in c.text.split("\n") if line.strip()]


def _reasons(c: Cleaned) -> dict[str, str]:
    return {span.text: reason for span, reason in c.furniture}


def test_wire_story() -> None:
    c = clean(WIRE)
    assert _kept(c) == [
        "Foreign Ministers Agree to Resume Border Talks",
        "OSLO             The foreign ministers of Norway and Finland agreed on Monday to resume talks on their disputed"
        " fishing border, a joint statement said.",
        "The two ministers met for three hours in Oslo and will meet again in Helsinki in April, officials from both"
        " countries said.",
        '"We have agreed to keep talking," the Norwegian minister told reporters after the meeting.',
    ]
    reasons = _reasons(c)
    assert reasons["World | Europe | Diplomacy"] == "menu"
    assert reasons["By Maria Lindqvist and Tomas Berg"] == "byline"
    assert reasons["Updated: 4 March 2024 10:15 GMT"] == "stamp"
    assert reasons["(Reuters) -"] == "credit"
    assert reasons["(Reporting by Maria Lindqvist; Editing by Tomas Berg)"] == "byline"
    assert reasons["© 2024 Reuters. All rights reserved."] == "copyright"
    assert (
        reasons["Photo: The two ministers shake hands before their meeting in Oslo. REUTERS/Kari Holm"]
        == "caption"
    )


def test_blog_page_with_widgets_and_comments() -> None:
    c = clean(BLOG)
    assert _kept(c) == [
        "Why the Summit in Lisbon Never Happened",
        "Plans for a summit in Lisbon between the leaders of Brazil and Portugal collapsed last week after a dispute"
        " over the agenda, according to two diplomats.",
        "The meeting had been announced in January. Neither government has proposed a new date, and officials in"
        " Brasilia declined to comment on Friday.",
    ]
    reasons = _reasons(c)
    assert reasons["karen wells"] == "label"  # a name alone under the headline
    assert reasons["Brazil and Portugal Sign a Trade Memorandum"] == "related"
    assert reasons["March 2, 2024"] == "stamp"


def test_captions_and_read_more_links() -> None:
    c = clean(CAPTIONS)
    assert _kept(c) == [
        "Leaders Hold Phone Call on Grain Exports",
        "The presidents of Turkey and Ukraine spoke by telephone on Wednesday about grain shipments across the Black"
        " Sea, the Turkish presidency said.",
        "Ankara has offered to host a meeting of the two countries' foreign ministers later this month.",
    ]
    reasons = _reasons(c)
    assert reasons["READ MORE: Turkey Offers to Host New Round of Talks"] == "related"
    assert reasons["(Photo by Ayse Kaya/AFP)"] == "caption"
    assert reasons["File photo"] == "caption"


PLAIN = """\
Talks Resume in Vienna

VIENNA, March 3 (AP) _ Negotiators from Iran and six world powers resumed talks in Vienna on Monday.

Total dead: 10
Injured: 74

By Tuesday, the talks had moved to a smaller room, and diplomats said a deal was close.

Background

The last round ended in February without an agreement. Photo opportunities were scarce.

Read more about the talks in our archive, which covers every round since 2013 in detail and with sources.
"""


def test_plain_news_loses_only_the_credit() -> None:
    c = clean(PLAIN)
    assert [(s.text, r) for s, r in c.furniture] == [("(AP) _", "credit")]


@pytest.mark.parametrize(
    "line",
    [
        "See also  Two Jets Collide on a Runway",
        "Also read: Ministers meet in Rome",
        "Related: Ceasefire holds",
        "You may also like",
        "Connect with us",
        "Click to comment",
        "Leave a Reply",
        "Required fields are marked *",
        "Share this:",
        "Home | Politics | World",
        "Sign up",
        "Subscribe to our newsletter",
        "By Jane Doe",
        "Posted by admin",
        "Reporting by Jane Doe; Editing by John Smith",
        "(Photo by Jane Doe/Getty Images)",
        "Smoke rises over the city on Monday. John Smith / Getty Images",
        "Copyright 2024 The Daily Example",
        "Published on October 21, 2025",
        "Tuesday, Oct. 21, 2025 4:05 PM EDT",
        "2025-10-21T08:00:00Z",
    ],
)
def test_furniture_lines_anywhere(line: str) -> None:
    body = "The ministers met in Rome on Monday to discuss the ceasefire, a spokesman said.\n"
    c = clean(f"{body}\n{line}\n\n{body}")
    assert _kept(c) == [body.strip(), body.strip()], c.furniture


@pytest.mark.parametrize(
    "line",
    [
        "By Tuesday, the two sides had agreed to a ceasefire along the whole front line.",
        "Related talks on trade will take place in Geneva next week, the ministry said.",
        "Share prices rose after the ministers announced that the summit would go ahead.",
        "On Monday the president flew to Paris for talks with his French counterpart.",
        "Background",
        "Injured: 74",
    ],
)
def test_body_lines_are_kept(line: str) -> None:
    body = "The ministers met in Rome on Monday to discuss the ceasefire, a spokesman said.\n"
    text = f"{body}\n{line}\n\n{body}"
    assert clean(text).text == text


def test_title_argument_is_kept_even_if_short() -> None:
    text = "News\n\nPutin Visits Tehran\n\nWorld\n\nThe Russian president arrived in Tehran on Tuesday for talks, state media said.\n"
    c = clean(text, title="Putin Visits Tehran")
    assert _kept(c)[0] == "Putin Visits Tehran"
    assert "News" not in _kept(c) and "World" not in _kept(c)
    assert headline(text, title="Putin Visits Tehran").text == "Putin Visits Tehran"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Menu\n\nLeaders Agree on a Ceasefire\n\nThe leaders agreed on Monday to a ceasefire, officials said.\n",
            "Leaders Agree on a Ceasefire",
        ),
        (
            "NAIROBI, Kenya (AP) _\n\nBombs exploded outside the embassies on Friday, killing dozens, witnesses said.\n",
            None,
        ),
        ("The leaders agreed on Monday to a ceasefire, officials said.\n", None),
        ("", None),
    ],
)
def test_headline(text: str, expected: str | None) -> None:
    got = headline(text)
    assert (got.text if got else None) == expected
    if got:
        assert text[got.start : got.end] == got.text


# ---------------------------------------------------------------------------- properties

FURNITURE = [
    "See also  A Headline Here",
    "By Jane Doe",
    "Share this:",
    "Published",
    "on",
    "Home | World | Politics",
    "(Reuters) - Leaders met on Monday in Paris to discuss the war, officials said.",
    "WASHINGTON (AP) --",
    "You might also like",
    "A Related Headline About Talks",
    "© 2024 Example",
    "jane doe",
    "Photo: a caption",
    "Reporting by A; Editing by B",
]
BODY = [
    "The ministers met in Rome on Monday to discuss the ceasefire, a spokesman said.",
    "Talks Resume in Vienna",
    "Injured: 74",
    "By Tuesday, the talks had moved to a smaller room, and a deal was close.",
]
lines = st.one_of(st.sampled_from(FURNITURE + BODY + ["", "  ", "\r"]), st.text(max_size=40))
pages = st.one_of(st.lists(lines, max_size=25).map("\n".join), st.text(max_size=400))


@settings(max_examples=300, deadline=None)
@given(text=pages, title=st.one_of(st.just(""), st.sampled_from(BODY + FURNITURE)))
def test_clean_properties(text: str, title: str) -> None:
    c = clean(text, title=title)
    assert len(c.text) == len(text)
    blanked = [False] * len(text)
    for span, reason in c.furniture:
        assert reason and span.text == text[span.start : span.end] and span.text.strip()
        assert "\n" not in span.text
        for k in range(span.start, span.end):
            blanked[k] = True
    for k, (a, b) in enumerate(zip(text, c.text, strict=True)):
        if a == "\n":
            assert b == "\n"  # line breaks survive
        elif not blanked[k]:
            assert a == b  # what is not furniture is untouched
        else:
            assert b == " " or a in "\r"
    again = clean(c.text, title=title)
    assert again.text == c.text  # idempotent


def test_a_row_of_share_buttons_is_furniture():
    text = (
        "Ministers agree on fishing quotas after long talks\n\n"
        "Share this article: Facebook | Twitter | Email\n\n"
        "The ministers met in Oslo on Monday and agreed new quotas for the coming season.\n\n"
        "Facebook Twitter WhatsApp\n"
    )
    c = clean(text)
    blanked = {span.text for span, _ in c.furniture}
    assert "Share this article: Facebook | Twitter | Email" in blanked
    assert "Facebook Twitter WhatsApp" in blanked
    assert "agreed new quotas" in c.text


# A page as a crawler stores it, written for the project: a numbered list of other stories above
# the headline, a byline glued to the headline, a stamp with a UTC offset, a caption that retells
# the story above a dateline lede, a tag list, a contact block and a comment form at the foot.
CRAWLED = """\
Most Read
-
1
Storm closes ports along the northern coast
-
2
Central bank holds rates steady: report
-
3
Will the ferry strike end? Unions say talks continue
Ministers to meet in Tallinn on fisheries quotaBy Baltic Wire
Posted : 12 March 2024 - 09:40 (UTC +02:00)
Foreign ministers Anna Berg and Jonas Vaik shake hands in Riga on Monday. (Photo: Laura Ozola/Baltic Wire)
RIGA -- The foreign ministers of Latvia and Estonia agreed on Monday to meet in Tallinn next week to settle the fisheries quota, a joint statement said.
Latvian Foreign Minister Anna Berg said the two countries were close to a deal.
Tags: Latvia, Estonia, fisheries
For further information: Press Office, tel. +371 6701 6201, press@example.lv
Please log in or register to comment. Login with Facebook
"""


def test_a_crawled_page_keeps_only_the_article() -> None:
    c = clean(CRAWLED)
    assert _kept(c) == [
        "Ministers to meet in Tallinn on fisheries quota",
        "RIGA -- The foreign ministers of Latvia and Estonia agreed on Monday to meet in Tallinn next week to"
        " settle the fisheries quota, a joint statement said.",
        "Latvian Foreign Minister Anna Berg said the two countries were close to a deal.",
    ]
    reasons = _reasons(c)
    assert reasons["Storm closes ports along the northern coast"] == "related"
    assert reasons["Will the ferry strike end? Unions say talks continue"] == "related"
    assert reasons["By Baltic Wire"] == "byline"
    assert reasons["Posted : 12 March 2024 - 09:40 (UTC +02:00)"] == "stamp"
    assert reasons["Tags: Latvia, Estonia, fisheries"] == "tags"
    assert (
        reasons["For further information: Press Office, tel. +371 6701 6201, press@example.lv"] == "contact"
    )
    assert reasons["Please log in or register to comment. Login with Facebook"] == "comments"
    # the caption tells the story with its own names and date: furniture even though it is true
    assert "Anna Berg and Jonas Vaik" not in c.text
    assert headline(CRAWLED).text == "Ministers to meet in Tallinn on fisheries quota"


@pytest.mark.parametrize(
    "line",
    [
        "Thu, 23 Jan 2020 07:41 GMT",
        "# 13 February 2010 04:16 (UTC +04:00)",
        "PublishDate: Sunday, December 13, 202010:14",
        "Saturday, October 14, 2023",
        "Your web browser is no longer supported. To improve your experience update it here",
        "WATCH: Leaders arrive for the summit",
        "Reference: E-221/09",
        "Press release 205/2007",
        "Journalist | desk@example.com",
        "No comments for this story",
        'A HREF="http://ads.example.com/click/XYZ/http://shop.example.org/s?id=1" TARGET="_blank">'
        "<IMG SRC=http://cdn.example.com/media/banner.gif WIDTH=120 HEIGHT=600 BORDER=0></A>",
    ],
)
def test_more_furniture_lines_anywhere(line: str) -> None:
    body = "The ministers met in Rome on Monday to discuss the ceasefire, a spokesman said.\n"
    c = clean(f"{body}\n{line}\n\n{body}")
    assert _kept(c) == [body.strip(), body.strip()], c.furniture


def test_a_sentence_above_the_lede_is_kept() -> None:
    # an editorial's introduction is the article, not a header
    text = (
        "EDITORIAL: A RULING ON TRADE\n\nThe Daily Example said in an editorial on Monday:\n\n"
        "The court made a reasonable decision in ruling that the tariffs were unlawful, and the government "
        "should now accept it.\n"
    )
    assert clean(text).text == text


def test_a_whole_story_on_one_line_is_not_a_caption() -> None:
    story = " ".join(["The ministers met in Rome on Monday to discuss the ceasefire, a spokesman said."] * 3)
    text = story + " (ab/cd)\n"
    assert clean(text).text == text


APPEAL_PAGE = """Ministers Meet Over Fishing Border

Keeping our reporters in the field

From the Arctic to the Baltic, our correspondents are there when the story breaks. Whether we are following
Lena Voss's campaign or filming our next documentary, we know how much the facts matter to you.

Your donation lets us keep sending journalists to both sides of every story. Support our reporting today.

OSLO - The foreign ministers of Norway and Finland met in Oslo on Monday to discuss the fishing border.

"We need your support for a fair deal," the Finnish minister told reporters, while Norway pledged a donation
to the joint research fund for the border's fish stocks.
"""


def test_a_reader_appeal_is_furniture_with_the_lines_in_the_outlets_voice() -> None:
    c = clean(APPEAL_PAGE)
    kept = _kept(c)
    assert not any("Lena Voss" in s or "donation lets us" in s or "Keeping our reporters" in s for s in kept)
    assert {r for _, r in c.furniture} == {"appeal"}
    # a quotation asking for support, and a donation told as news, are the story's
    assert any(s.startswith('"We need your support') for s in kept)
    assert any(s.startswith("OSLO - The foreign ministers") for s in kept)
