"""How far a point lies outside a country's outline: the check that a place is where its row says it is.

Plain Python on purpose: the outlines of ``border_region`` are a few thousand points and are measured in about ten
milliseconds, while importing shapely (and numpy with it) would add about ninety to every ``validate``.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from itertools import pairwise

EARTH_RADIUS_KM = 6371.0  # the mean radius: a sphere is within half a per cent of the ellipsoid for this check
KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180
POLYGONAL = re.compile(r"\s*(MULTI)?POLYGON\s*\(")
RING = re.compile(r"\(([^()]+)\)")

Ring = tuple[tuple[float, float], ...]


def km_outside(outline_wkt: str, lon: float, lat: float) -> float:
    """The distance, in kilometres, from the point (``lon``, ``lat``) to the outline written as WKT (a polygon or a
    multipolygon), or 0 when the point lies inside it.

    Distances are measured on a flat projection of a spherical Earth centred on the point (a degree of longitude
    shrinks with the cosine of the latitude), within a per cent over the few kilometres the check allows. An outline
    that is not a WKT polygon raises ``ValueError``.

    >>> square = "POLYGON ((130 42, 131 42, 131 43, 130 43, 130 42))"
    >>> km_outside(square, 130.5, 42.5)
    0.0
    >>> round(km_outside(square, 130.5, 41.9), 1)  # a tenth of a degree south of it
    11.1
    >>> holed = square[:-1] + ", (130.4 42.4, 130.6 42.4, 130.6 42.6, 130.4 42.6, 130.4 42.4))"
    >>> round(km_outside(holed, 130.5, 42.5), 1)  # in a lake: a tenth of a degree of longitude from its shore
    8.2
    """
    rings = _rings(outline_wkt)
    x_scale, y_scale = KM_PER_DEGREE * math.cos(math.radians(lat)), KM_PER_DEGREE
    inside, nearest = False, math.inf
    for ring in rings:
        for (x1, y1), (x2, y2) in pairwise(ring):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (x2 - x1) * (lat - y1) / (y2 - y1):
                inside = not inside  # even-odd rule: a hole's ring turns the inside back out
            nearest = min(
                nearest,
                _km_to_segment((x1 - lon) * x_scale, (y1 - lat) * y_scale, (x2 - lon) * x_scale, (y2 - lat) * y_scale),
            )
    return 0.0 if inside else nearest


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance in kilometres between two points given in decimal degrees.

    >>> round(km_between(42.0, 130.0, 42.1, 130.0), 1)  # a tenth of a degree of latitude
    11.1
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, a)))


def _km_to_segment(ax: float, ay: float, bx: float, by: float) -> float:
    """The distance from the origin to the segment from (ax, ay) to (bx, by)."""
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else min(1.0, max(0.0, -(ax * dx + ay * dy) / length))
    return math.hypot(ax + t * dx, ay + t * dy)


@lru_cache(maxsize=32)
def _rings(outline_wkt: str) -> tuple[Ring, ...]:
    """The closed rings of a WKT polygon or multipolygon, read once however many points are measured against it."""
    if not POLYGONAL.match(outline_wkt):
        raise ValueError("not a WKT polygon or multipolygon")
    rings = []
    for body in RING.findall(outline_wkt):
        points = []
        for pair in body.split(","):
            numbers = pair.split()
            if len(numbers) != 2:
                raise ValueError(f"a point is not two numbers: {pair.strip()!r}")
            points.append((float(numbers[0]), float(numbers[1])))
        if len(points) < 4 or points[0] != points[-1]:
            raise ValueError("a ring is not closed (it needs four points, the last the first)")
        rings.append(tuple(points))
    if not rings:
        raise ValueError("the outline has no ring")
    return tuple(rings)
