"""Natural Earth boundaries of the Russia-DPRK-China border region (1:10m)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import LineString, MultiPolygon, Polygon

from ..catalog import country_names
from ..errors import UpstreamError
from . import step

BOUNDARIES = "natural-earth/countries-10m.json"
COUNTRIES = {"643": "RUS", "408": "PRK", "156": "CHN", "410": "KOR", "392": "JPN"}  # UN M49 number: ISO code
REGION = (123.5, 37.0, 137.5, 46.5)
# Douglas-Peucker tolerance, applied once to each arc so that neighbours keep identical borders: about 200 m,
# finer than a 1:10m map resolves and about a pixel on the book's 0.8-degree close-up of the lower Tumen.
TOLERANCE_DEGREES = 0.002
DECIMALS = 3


def _decode_arcs(topology: dict, needed: set[int]) -> dict[int, np.ndarray]:
    """Absolute longitude-latitude coordinates of the ``needed`` arcs of a quantized TopoJSON topology."""
    scale = np.asarray(topology["transform"]["scale"])
    translate = np.asarray(topology["transform"]["translate"])
    return {
        i: np.cumsum(np.asarray(topology["arcs"][i], dtype=float), axis=0) * scale + translate for i in sorted(needed)
    }


def _arc_indexes(geometry: dict) -> set[int]:
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    return {i if i >= 0 else ~i for rings in polygons for ring in rings for i in ring}


def _simplified(arc: np.ndarray) -> np.ndarray:
    """An arc simplified with its end points kept (so the rings it belongs to still close)."""
    if len(arc) < 3 or np.array_equal(arc[0], arc[-1]):
        return arc  # closed single-arc rings (small islands) are left as they are
    return np.asarray(LineString(arc).simplify(TOLERANCE_DEGREES, preserve_topology=False).coords)


def _ring(indexes: list[int], arcs: dict[int, np.ndarray]) -> np.ndarray:
    parts = []
    for position, index in enumerate(indexes):
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        parts.append(arc if position == 0 else arc[1:])
    return np.vstack(parts)


def _geometry(geometry: dict, arcs: dict[int, np.ndarray]) -> MultiPolygon:
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    shapes = []
    for rings in polygons:
        outer, *holes = [_ring(r, arcs) for r in rings]
        if len(outer) >= 4:  # a ring that simplification reduced to a line has no area
            shapes.append(Polygon(outer, [h for h in holes if len(h) >= 4]))
    return MultiPolygon(shapes)


def _polygonal(shape: shapely.Geometry) -> shapely.Geometry:
    """Only the areas of a shape (clipping can leave stray lines or points along the box)."""
    parts = [p for p in shapely.get_parts(shape) if p.geom_type in ("Polygon", "MultiPolygon") and not p.is_empty]
    return shapely.union_all(parts) if parts else shapely.Polygon()


@step("border_region", upstream=[BOUNDARIES], source="natural-earth-10m")
def border_region(topojson: Path) -> pd.DataFrame:
    """Country outlines clipped to the border region, with each shared arc simplified once, as WKT."""
    with open(topojson, encoding="utf-8") as handle:
        topology = json.load(handle)
    found = {g["id"]: g for g in topology["objects"]["countries"]["geometries"] if g.get("id") in COUNTRIES}
    missing = sorted(set(COUNTRIES) - set(found))
    if missing:
        raise UpstreamError(f"{BOUNDARIES}: no geometry for ids {missing}")
    needed = set().union(*(_arc_indexes(found[iso_n3]) for iso_n3 in COUNTRIES))
    arcs = {i: _simplified(arc) for i, arc in _decode_arcs(topology, needed).items()}
    names = country_names()  # as the descriptor writes them
    rows = []
    for iso_n3, iso3 in COUNTRIES.items():
        shape = _polygonal(shapely.make_valid(shapely.clip_by_rect(_geometry(found[iso_n3], arcs), *REGION)))
        rows.append(
            {
                "iso_n3": int(iso_n3),
                "country": iso3,
                "name": names[iso3],
                "wkt": shapely.to_wkt(shape, rounding_precision=DECIMALS, trim=True),
            }
        )
    return pd.DataFrame(rows)
