"""Natural Earth boundaries of the Russia-DPRK-China border region."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import MultiPolygon, Polygon, box

from ..errors import UpstreamError
from pathlib import Path

from . import step

COUNTRIES = {"643": ("RUS", "Russia"), "408": ("PRK", "North Korea"),
             "156": ("CHN", "China"), "410": ("KOR", "South Korea"), "392": ("JPN", "Japan")}
REGION = (123.5, 37.0, 137.5, 46.5)
TOLERANCE_DEGREES = 0.003
DECIMALS = 3


def _decode_arcs(topology: dict) -> list[np.ndarray]:
    """Absolute longitude-latitude arcs of a quantized TopoJSON topology."""
    scale = np.asarray(topology["transform"]["scale"])
    translate = np.asarray(topology["transform"]["translate"])
    return [np.cumsum(np.asarray(arc, dtype=float), axis=0) * scale + translate for arc in topology["arcs"]]


def _ring(indexes: list[int], arcs: list[np.ndarray]) -> np.ndarray:
    parts = []
    for position, index in enumerate(indexes):
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        parts.append(arc if position == 0 else arc[1:])
    return np.vstack(parts)


def _geometry(geometry: dict, arcs: list[np.ndarray]) -> MultiPolygon:
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    shapes = [Polygon(_ring(rings[0], arcs), [_ring(r, arcs) for r in rings[1:]]) for rings in polygons]
    return MultiPolygon(shapes)


@step("border_region", upstream=["natural-earth/countries-50m.json"], source="natural-earth-50m")
def border_region(topojson: Path) -> pd.DataFrame:
    """Country outlines clipped to the border region and simplified, as WKT."""
    with open(topojson, encoding="utf-8") as handle:
        topology = json.load(handle)
    arcs = _decode_arcs(topology)
    found = {g["id"]: g for g in topology["objects"]["countries"]["geometries"] if g.get("id") in COUNTRIES}
    missing = sorted(set(COUNTRIES) - set(found))
    if missing:
        raise UpstreamError(f"natural-earth/countries-50m.json: no geometry for ids {missing}")
    rows = []
    for iso_n3, (iso3, name) in COUNTRIES.items():
        shape = shapely.make_valid(_geometry(found[iso_n3], arcs)).intersection(box(*REGION))
        shape = shape.simplify(TOLERANCE_DEGREES, preserve_topology=True)
        rows.append({"iso_n3": int(iso_n3), "country": iso3, "name": name,
                     "wkt": shapely.to_wkt(shape, rounding_precision=DECIMALS, trim=True)})
    return pd.DataFrame(rows)
