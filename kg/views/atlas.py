"""The world drawn offline: Natural Earth 1:110m countries and coastline, decoded from the TopoJSON
that ships in `kg/views/data/` (npm world-atlas 2.0.2; see the README there). No map service.

    countries()            every country: ISO code, name, rings of (lon, lat), rough area
    coastline()            the outline of all land, as rings
    code_of(name)          "Russia" / "U.S." / "Dem. Rep. Congo" -> ISO 3166-1 alpha-2 (or None)
    path(rings)            rings as one x/y list with None between them (a plotly trace's x and y)
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

import pycountry

from kg.extract import countries as country_names

ATLAS = "world-atlas-countries-110m.json"
Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Country:
    """One country of the atlas: ISO alpha-2 code ("" when the atlas gives none), name, outer rings."""

    code: str
    name: str
    rings: tuple[Ring, ...]
    area: float  # in square degrees, to order small countries above large ones

    def __post_init__(self) -> None:
        if not self.rings:
            raise ValueError(f"atlas country {self.name!r} has no outline")


@functools.lru_cache(maxsize=1)
def _topology() -> dict:
    with (resources.files("kg.views") / "data" / ATLAS).open("rb") as fh:
        return json.load(fh)


@functools.lru_cache(maxsize=1)
def _arcs() -> tuple[tuple[tuple[float, float], ...], ...]:
    """The topology's arcs in degrees (the file stores them quantised and delta-encoded)."""
    topo = _topology()
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, 4), round(y * sy + ty, 4)))
        out.append(tuple(points))
    return tuple(out)


def _ring(indices: Sequence[int]) -> Ring:
    """A closed ring from arc indices; ~i is arc i reversed, and joined arcs share their end point."""
    arcs = _arcs()
    points: list[tuple[float, float]] = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return tuple(points)


def _outer_rings(geometry: dict) -> tuple[Ring, ...]:
    """The outer ring of each polygon (holes are left out: the country inside is drawn on its own)."""
    kind, arcs = geometry.get("type"), geometry.get("arcs") or []
    polygons = [arcs] if kind == "Polygon" else arcs if kind == "MultiPolygon" else []
    return tuple(r for polygon in polygons if polygon for r in _across_the_date_line(_ring(polygon[0])))


def _across_the_date_line(ring: Ring) -> tuple[Ring, ...]:
    """A ring that crosses 180° (eastern Russia, Fiji) as two copies, 360° apart, each whole.

    Drawn on a map cut at ±180° the axis clips each copy to its side, so neither is smeared across
    the world. A ring around a pole (Antarctica) cannot be drawn on this map and is left out.
    """
    if not any(abs(a[0] - b[0]) > 180 for a, b in zip(ring, ring[1:], strict=False)):
        return (ring,)
    east = tuple((x + 360 if x < 0 else x, y) for x, y in ring)
    if max(x for x, _ in east) - min(x for x, _ in east) > 300:
        return ()
    return east, tuple((x - 360, y) for x, y in east)


def _area(ring: Ring) -> float:
    return (
        abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True))) / 2
    )


@functools.lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """Every country of the atlas, largest first."""
    out = []
    for geometry in _topology()["objects"]["countries"]["geometries"]:
        rings = _outer_rings(geometry)
        if not rings:
            continue
        name = str((geometry.get("properties") or {}).get("name") or "")
        iso = (
            pycountry.countries.get(numeric=str(geometry.get("id") or "").zfill(3))
            if geometry.get("id")
            else None
        )
        code = iso.alpha_2 if iso else (country_names.code_of(name) or "")
        out.append(Country(code, name, rings, sum(_area(r) for r in rings)))
    return tuple(sorted(out, key=lambda c: -c.area))


@functools.lru_cache(maxsize=1)
def coastline() -> tuple[Ring, ...]:
    """The outline of the land (all countries merged), as rings."""
    rings: list[Ring] = []
    for geometry in _topology()["objects"]["land"]["geometries"]:
        rings.extend(_outer_rings(geometry))
    return tuple(rings)


@functools.lru_cache(maxsize=4096)
def code_of(name: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country name as the store or the atlas writes it, else None."""
    if not isinstance(name, str) or not name.strip():
        return None
    code = country_names.code_of(name)
    if code:
        return code
    by_name = {c.name.casefold(): c.code for c in countries() if c.code}
    return by_name.get(name.strip().casefold())


def path(rings: Iterable[Ring]) -> tuple[list[float | None], list[float | None]]:
    """Rings as plotly x / y lists, each ring closed and followed by a None (a gap between shapes)."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for ring in rings:
        if not ring:
            continue
        closed = ring if ring[0] == ring[-1] else (*ring, ring[0])
        xs.extend(p[0] for p in closed)
        ys.extend(p[1] for p in closed)
        xs.append(None)
        ys.append(None)
    return xs, ys
