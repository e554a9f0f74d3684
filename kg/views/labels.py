"""Text labels that do not print on top of each other: the most important points are labelled first,
each at the first of a few positions around its marker whose box is free; the rest go unlabelled
(their name stays in the hover).

    place_labels(points, px_per_unit=3.0, max_labels=25) -> {index: "top center", ...}
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# plotly textposition -> where the label's box sits relative to the marker (dx, dy in box sizes)
POSITIONS = ("top center", "middle right", "middle left", "bottom center")
CHAR_WIDTH = 0.58  # average width of a character of the label font, in font sizes
LINE_HEIGHT = 1.3


@dataclass(frozen=True)
class LabelPoint:
    """A point that wants a label: data coordinates, its text and its marker's radius in pixels."""

    x: float
    y: float
    text: str
    radius: float = 5.0


Box = tuple[float, float, float, float]  # left, bottom, right, top in pixels


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def label_box(p: LabelPoint, position: str, *, px_per_unit: float, font_px: float = 11.0) -> Box:
    """The pixel box a label would take at `position` (y grows upwards, as on a map)."""
    w = len(p.text) * font_px * CHAR_WIDTH + 4
    h = font_px * LINE_HEIGHT
    cx, cy = p.x * px_per_unit, p.y * px_per_unit
    gap = p.radius + 2
    if position == "top center":
        return (cx - w / 2, cy + gap, cx + w / 2, cy + gap + h)
    if position == "bottom center":
        return (cx - w / 2, cy - gap - h, cx + w / 2, cy - gap)
    if position == "middle right":
        return (cx + gap, cy - h / 2, cx + gap + w, cy + h / 2)
    if position == "middle left":
        return (cx - gap - w, cy - h / 2, cx - gap, cy + h / 2)
    raise ValueError(f"Unknown label position {position!r}. Choose one of: {', '.join(POSITIONS)}")


def place_labels(
    points: Sequence[LabelPoint],
    *,
    px_per_unit: float,
    max_labels: int = 25,
    font_px: float = 11.0,
) -> dict[int, str]:
    """Index -> plotly textposition for the points that get a label, most important (first) first.

    A label never overlaps another label, nor the marker of any point in `points` (its own
    excepted); a point whose every position is taken, or past `max_labels`, gets none.
    """
    if px_per_unit <= 0:
        raise ValueError(f"px_per_unit must be positive, not {px_per_unit}")
    markers = [
        (
            p.x * px_per_unit - p.radius,
            p.y * px_per_unit - p.radius,
            p.x * px_per_unit + p.radius,
            p.y * px_per_unit + p.radius,
        )
        for p in points
    ]
    placed: list[Box] = []
    out: dict[int, str] = {}
    for i, p in enumerate(points):
        if len(out) >= max_labels:
            break
        if not p.text.strip():
            continue
        for position in POSITIONS:
            box = label_box(p, position, px_per_unit=px_per_unit, font_px=font_px)
            if any(_overlap(box, b) for b in placed):
                continue
            if any(_overlap(box, m) for j, m in enumerate(markers) if j != i):
                continue
            placed.append(box)
            out[i] = position
            break
    return out
