"""How far a point lies outside a country's outline: the check that a place is where its row says it is."""

from __future__ import annotations

import math
from functools import lru_cache

EARTH_RADIUS_KM = 6371.0  # the mean radius: a sphere is within half a per cent of the ellipsoid for this check
KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180


def km_outside(outline_wkt: str, lon: float, lat: float) -> float:
    """The distance, in kilometres, from the point (``lon``, ``lat``) to the outline written as WKT, or 0 when the
    point lies inside it.

    Distances are measured on a flat projection of a spherical Earth centred on the point (a degree of longitude
    shrinks with the cosine of the latitude), within a per cent over the few kilometres the check allows.

    >>> square = "POLYGON ((130 42, 131 42, 131 43, 130 43, 130 42))"
    >>> km_outside(square, 130.5, 42.5)
    0.0
    >>> round(km_outside(square, 130.5, 41.9), 1)  # a tenth of a degree south of it
    11.1
    """
    import shapely

    scale = (KM_PER_DEGREE * math.cos(math.radians(lat)), KM_PER_DEGREE)

    def to_km(coords):
        return (coords - (lon, lat)) * scale

    outline = shapely.transform(_shape(outline_wkt), to_km)
    return float(outline.distance(shapely.Point(0.0, 0.0)))


@lru_cache(maxsize=32)
def _shape(outline_wkt: str):
    """The outline read once however many points are measured against it (``ValueError`` if it is not WKT)."""
    import shapely

    try:
        return shapely.from_wkt(outline_wkt)
    except shapely.errors.ShapelyError as exc:
        raise ValueError(f"not a WKT geometry: {exc}") from None
