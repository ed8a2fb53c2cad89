"""Make kiosk/library/demo/data/allier.json from the IGN Admin Express / INSEE COG GeoJSON.

    python scripts/make_demo_geo.py DEPARTEMENT.geojson COMMUNES.geojson

The kiosk never reads the GeoJSON at run time: the demo map is drawn from this small file
(outlines simplified by Douglas-Peucker to about 50 m, coordinates in 1/10,000 of a degree,
each ring stored as its first point then the steps from point to point).
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

TOLERANCE_DEG = 0.0005  # about 55 m north-south, on a local plane (longitude × cos 46.4°)
COS_LAT = math.cos(math.radians(46.37))
UNIT = 10_000  # integers in 1/10,000 of a degree (about 11 m)
TARGET = Path(__file__).resolve().parent.parent / "kiosk/library/demo/data/allier.json"


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker on the local plane; the first and the last point stay."""
    if len(points) < 3:
        return points
    plane = [(x * COS_LAT, y) for x, y in points]
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x0, y0), (x1, y1) = plane[first], plane[last]
        dx, dy = x1 - x0, y1 - y0
        length = math.hypot(dx, dy)
        best, best_index = 0.0, -1
        for index in range(first + 1, last):
            x, y = plane[index]
            if length:
                distance = abs(dy * (x - x0) - dx * (y - y0)) / length
            else:
                distance = math.hypot(x - x0, y - y0)
            if distance > best:
                best, best_index = distance, index
        if best > tolerance:
            keep[best_index] = True
            stack += [(first, best_index), (best_index, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def encode(ring: list[list[float]]) -> list[int]:
    """[lon0, lat0, dlon1, dlat1, …] in 1/10,000 of a degree, the closing point left out."""
    simplified = simplify([(float(x), float(y)) for x, y in ring], TOLERANCE_DEG)
    if simplified[0] == simplified[-1]:
        simplified = simplified[:-1]
    values: list[int] = []
    previous = (0, 0)
    for x, y in simplified:
        point = (round(x * UNIT), round(y * UNIT))
        if values and point == previous:
            continue
        values += [point[0] - previous[0], point[1] - previous[1]]
        previous = point
    return values


def outer_ring(geometry: dict[str, object]) -> list[list[float]]:
    coordinates = geometry["coordinates"]
    if geometry["type"] == "MultiPolygon":
        polygons = coordinates  # type: ignore[assignment]
        return max((polygon[0] for polygon in polygons), key=len)  # type: ignore[index,union-attr]
    return coordinates[0]  # type: ignore[index,no-any-return]


def main(department_path: str, communes_path: str) -> None:
    department = json.loads(Path(department_path).read_text(encoding="utf-8"))
    communes = json.loads(Path(communes_path).read_text(encoding="utf-8"))
    data = {
        "source": "IGN Admin Express COG 2018, INSEE COG; Licence Ouverte / Etalab",
        "credit": "Contours : IGN Admin Express, INSEE COG",
        "unit": UNIT,
        "department": encode(outer_ring(department["geometry"])),
        "communes": [
            {
                "code": feature["properties"]["code"],
                "nom": feature["properties"]["nom"],
                "ring": encode(outer_ring(feature["geometry"])),
            }
            for feature in sorted(communes["features"], key=lambda f: f["properties"]["code"])
        ],
    }
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    TARGET.write_text(text + "\n", encoding="utf-8")
    print(f"{TARGET}: {len(data['communes'])} communes, {len(text) // 1024} Kio")


if __name__ == "__main__":
    main(*sys.argv[1:3])
