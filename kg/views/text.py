"""Article text with marked spans (entities, times, events), every character escaped."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


# -- article text -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Mark:
    """A stretch of text to highlight: [start, end), a kind (css class), a tooltip, and a label shown
    in front of it (page furniture carries why it was dropped)."""

    start: int
    end: int
    kind: str
    title: str = ""
    label: str = ""


MARK_STYLES = {
    "event": "background:#fff1a8;border-bottom:2px solid #e0b400",
    "entity": "background:#d7e8ff;border-radius:3px",
    "person": "background:#d7e8ff;border-radius:3px",
    "organization": "background:#ffe3c4;border-radius:3px",
    "place": "background:#d9f2d9;border-radius:3px",
    "time": "background:#f3d9ff;border-radius:3px",
    "selected": "background:#ffd0d0;outline:2px solid #d62728",
    "trigger": "background:transparent;font-weight:bold;text-decoration:underline",
    "role": "background:#eeeeee;border-bottom:2px dotted #999",
    "furniture": "background:#f3f3f3;color:#8f8f8f;border-left:3px solid #c8c8c8;border-radius:2px",
}
LABEL_STYLE = (
    "display:inline-block;font-size:0.72em;line-height:1.3;padding:0 5px;margin:0 5px 0 2px;"
    "border-radius:8px;background:#dedede;color:#555;font-style:normal;user-select:none;"
    "vertical-align:0.1em"
)


def highlight_html(text: str, marks: Iterable[Mark]) -> str:
    """`text` as HTML with `marks` wrapped in <mark> tags; all text and tooltips are escaped.

    Marks nest (an entity inside an event sentence); a mark that crosses the end of an enclosing
    one is clipped there, so tags always nest. A mark's label is shown in a small badge at its
    start. Newlines become <br>.
    """
    n = len(text)
    spans = sorted(
        ((max(0, m.start), min(n, m.end), m) for m in marks if m.end > m.start and m.start < n),
        key=lambda s: (s[0], -s[1]),
    )

    def render(lo: int, hi: int, inner: list[tuple[int, int, Mark]]) -> str:
        out, pos, i = [], lo, 0
        while i < len(inner):
            s, e, m = inner[i]
            s = max(s, pos)
            if s >= hi:
                break
            e = min(e, hi)
            if e <= s:
                i += 1
                continue
            j = i + 1
            children = []
            while j < len(inner) and inner[j][0] < e:
                children.append(inner[j])
                j += 1
            out.append(_plain(text[pos:s]))
            style = MARK_STYLES.get(m.kind, MARK_STYLES["entity"])
            label = (
                f'<span class="kg-label" style="{LABEL_STYLE}">{html.escape(m.label)}</span>'
                if m.label
                else ""
            )
            out.append(
                f'<mark class="kg-{html.escape(m.kind, quote=True)}" style="{style};padding:0 1px" '
                f'title="{html.escape(m.title, quote=True)}">{label}{render(s, e, children)}</mark>'
            )
            pos, i = e, j
        out.append(_plain(text[pos:hi]))
        return "".join(out)

    return render(0, n, spans)


def _plain(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def name_marks(text: str, names: Mapping[str, str], *, offset: int = 0) -> list[Mark]:
    """Marks for each whole-word occurrence of the given names (name -> kind) in `text`."""
    marks: list[Mark] = []
    taken: list[tuple[int, int]] = []
    for name in sorted(names, key=len, reverse=True):  # "Donald Trump" before "Trump"
        if len(name) < 2:
            continue
        for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
            s, e = m.start(), m.end()
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            marks.append(Mark(s + offset, e + offset, names[name].casefold(), f"{names[name]}: {name}"))
    return marks


def evidence_text(quotes: Sequence[tuple[int, int, str]]) -> tuple[str, list[tuple[int, int]]]:
    """Stitch evidence quotes (start, end, exact) back into one text at their article offsets.

    Returns the text (gaps between known passages shown as " […] " on a line of their own) and,
    for each input quote, its (start, end) in the stitched text.
    """
    ordered = sorted(set(quotes))
    pieces: list[str] = []
    where: dict[tuple[int, int, str], tuple[int, int]] = {}
    pos = 0
    cursor = 0  # article offset reached so far
    for start, end, exact in ordered:
        if start >= cursor:
            if pieces or start > 0:
                sep = "\n[…]\n" if start > cursor else ""
                pieces.append(sep)
                pos += len(sep)
            pieces.append(exact)
            where[(start, end, exact)] = (pos, pos + len(exact))
            pos += len(exact)
            cursor = end
        else:
            # An overlapping quote (an event inside a sentence already shown): point into it.
            overlap_start = pos - (cursor - start)
            where[(start, end, exact)] = (overlap_start, overlap_start + min(len(exact), cursor - start))
    return "".join(pieces), [where[q] for q in quotes]
