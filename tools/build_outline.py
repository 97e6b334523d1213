"""Rebuild generator/site/data/world.json, the country outlines the briefing map draws, from Natural
Earth's admin-0 countries as the npm package world-atlas ships them (a developer's tool: the product
reads world.json and never fetches anything):

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m tools.build_outline /tmp/package/countries-50m.json

(`countries-110m.json` works too, but at 1:110m the Sea of Azov and Crimea are crude; the shipped
file is built from the 1:50m outlines.) The TopoJSON is decoded here (quantized, delta-encoded arcs;
a negative arc index ~i is arc i reversed), so the tool needs no extra dependency.

Simplified for a small picture: each arc is thinned (Douglas-Peucker, 0.05 degree) before the rings
are assembled, so two neighbours still share one border line; then coordinates are rounded to 0.1
degree, consecutive duplicate points dropped and rings left with fewer than four points (a closed
triangle) dropped. Thinning takes the 1:50m file from about 1 MB to under 400 kB. A ring crossing
the antimeridian gets longitudes past 180 rather than a jump from 180 to -180. A country that would
lose every ring (Monaco, the Vatican) keeps its unthinned rings at 0.01 degree instead, so a
briefing that names it can still find it. Each country is a list of closed rings, outer rings and
holes alike (the map fills them even-odd). The file is written compactly with sorted keys: the same
input gives the same bytes.

Borders: Natural Earth draws de facto control, so its Russia holds Crimea (since 2014). The
briefing's map draws the internationally recognised border (UN General Assembly resolution 68/262),
as news maps of the war do: the rings listed in RECOGNISED_BORDERS move to the country they belong
to. This is an editorial choice; empty the table to ship Natural Earth's view.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Optional

from generator.site.placemap import simplified as douglas_peucker

WORLD_FILE = Path(__file__).resolve().parent.parent / "generator" / "site" / "data" / "world.json"
SOURCE = ("Natural Earth admin-0 countries (naturalearthdata.com, v4.1.0), via the npm package "
          "world-atlas@2.0.2 ({file}); thinned to 0.05 degree and rounded to 0.1 degree; Crimea drawn "
          "within Ukraine's internationally recognised border")
LICENCE = "Natural Earth data: public domain; world-atlas packaging: ISC, Copyright 2013-2019 Michael Bostock"
PRECISION = 1  # decimals of a degree kept
FINE_PRECISION = 2  # for a country too small to keep a ring at PRECISION
FEWEST_RING_POINTS = 4  # a closed ring: first point repeated last
THINNING = 0.05  # degrees: a point nearer than this to the line its neighbours make is dropped

Point = tuple[float, float]
# (drawn in, belongs to, box west/south/east/north): rings of the first country lying inside the box
RECOGNISED_BORDERS = [("Russia", "Ukraine", (32.3, 44.2, 36.8, 46.3))]  # Crimea and Sevastopol


def decode_arcs(topology: dict) -> list[list[Point]]:
    """Every arc as (lon, lat) points: the quantized positions are deltas from the previous point."""
    transform = topology.get("transform")
    (scale_x, scale_y), (move_x, move_y) = ((transform["scale"], transform["translate"]) if transform
                                            else ((1, 1), (0, 0)))
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for position in arc:
            if transform:
                x, y = x + position[0], y + position[1]
            else:
                x, y = position[0], position[1]
            points.append((x * scale_x + move_x, y * scale_y + move_y))
        arcs.append(points)
    return arcs


def thinned(points: list[Point], tolerance: float = THINNING) -> list[Point]:
    """Douglas-Peucker on an arc; its two ends are always kept (they are where it meets the
    neighbouring arcs)."""
    return douglas_peucker(points, tolerance)


def ring_points(indices: list[int], arcs: list[list[Point]]) -> list[Point]:
    """One ring from its arc indices; each arc after the first starts where the previous one ended."""
    ring: list[Point] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(arc if not ring else arc[1:])
    return ring


def geometry_rings(geometry: dict) -> list[list[int]]:
    """The arc-index lists of every ring of a Polygon or MultiPolygon (other types have none)."""
    if geometry.get("type") == "Polygon":
        return list(geometry["arcs"])
    if geometry.get("type") == "MultiPolygon":
        return [ring for polygon in geometry["arcs"] for ring in polygon]
    return []


def _rounded(value: float, precision: int) -> float | int:
    value = round(value, precision) + 0.0  # + 0.0 turns -0.0 into 0.0
    return int(value) if value == int(value) else value


def simplified(ring: list[Point], precision: int = PRECISION) -> Optional[list[list[float | int]]]:
    """The ring rounded, without consecutive duplicates; None when too few points are left."""
    out: list[list[float | int]] = []
    for lon, lat in ring:
        point = [_rounded(lon, precision), _rounded(lat, precision)]
        if not out or point != out[-1]:
            out.append(point)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out if len(out) >= FEWEST_RING_POINTS else None


def unwrapped(ring: list[Point]) -> list[Point]:
    """A ring that crosses the antimeridian (Fiji, Russia's Chukotka) with its western longitudes
    moved past 180, so a flat map does not draw a line across the world (a ring round the pole,
    Antarctica's, stays as it is)."""
    def jumps(points: list[Point]) -> bool:
        return any(abs(b[0] - a[0]) > 180 for a, b in zip(points, points[1:]))

    moved = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring]
    return moved if jumps(ring) and not jumps(moved) else ring


def countries(topology: dict, object_name: str = "countries") -> dict[str, list[list[list[float | int]]]]:
    """Natural Earth name -> its simplified rings (a name given twice gets the rings of both)."""
    exact = decode_arcs(topology)
    arcs = [thinned(arc) for arc in exact]
    found: dict[str, list] = {}
    for geometry in topology["objects"][object_name]["geometries"]:
        name = str((geometry.get("properties") or {}).get("name") or "").strip()
        rings = [r for indices in geometry_rings(geometry)
                 if (r := simplified(unwrapped(ring_points(indices, arcs))))]
        if not rings:
            rings = [r for indices in geometry_rings(geometry)
                     if (r := simplified(unwrapped(ring_points(indices, exact)), FINE_PRECISION))]
        if name and rings:
            found.setdefault(name, []).extend(rings)
    return recognised(found)


def recognised(found: dict[str, list]) -> dict[str, list]:
    """The countries with the rings of RECOGNISED_BORDERS moved to the country they belong to."""
    for holder, owner, (west, south, east, north) in RECOGNISED_BORDERS:
        if holder not in found or owner not in found:
            continue
        inside = [ring for ring in found[holder]
                  if all(west <= lon <= east and south <= lat <= north for lon, lat in ring)]
        found[holder] = [ring for ring in found[holder] if ring not in inside]
        found[owner] = found[owner] + inside
    return found


def world_json(topology: dict, source_file: str) -> str:
    data = {"source": SOURCE.format(file=source_file), "licence": LICENCE, "countries": countries(topology)}
    return json.dumps(data, separators=(",", ":"), sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.build_outline", description=__doc__.splitlines()[0])
    parser.add_argument("topojson", help="world-atlas countries-110m.json or countries-50m.json")
    parser.add_argument("--out", default=str(WORLD_FILE))
    args = parser.parse_args(argv)
    source = Path(args.topojson)
    text = world_json(json.loads(source.read_text(encoding="utf-8")), source.name)
    Path(args.out).write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(text.encode()):,} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
