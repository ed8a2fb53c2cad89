"""The outline of the Allier and of its communes, for the demo map (Qt-free).

Read from ``data/allier.json`` (IGN Admin Express, INSEE COG, Licence Ouverte: see the README
beside it), made by ``scripts/make_demo_geo.py``. Rings are lists of (longitude, latitude).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

LonLat = tuple[float, float]

CREDIT = "Contours : IGN Admin Express, INSEE COG"


@dataclass(frozen=True)
class Commune:
    code: str  # INSEE
    name: str
    ring: tuple[LonLat, ...]

    def contains(self, latitude: float, longitude: float) -> bool:
        return ring_contains(self.ring, (longitude, latitude))


@dataclass(frozen=True)
class Geography:
    department: tuple[LonLat, ...]
    communes: tuple[Commune, ...]
    credit: str

    def commune(self, name: str) -> Commune | None:
        return next((c for c in self.communes if c.name == name), None)

    def commune_at(self, latitude: float, longitude: float) -> Commune | None:
        return next((c for c in self.communes if c.contains(latitude, longitude)), None)


def _decode(values: Sequence[int], unit: float) -> tuple[LonLat, ...]:
    points: list[LonLat] = []
    x = y = 0
    for index in range(0, len(values) - 1, 2):
        x += values[index]
        y += values[index + 1]
        points.append((x / unit, y / unit))
    return tuple(points)


@functools.lru_cache(maxsize=1)
def allier() -> Geography:
    """The department and its communes (read once)."""
    text = resources.files("kiosk.library.demo").joinpath("data/allier.json").read_text("utf-8")
    data = json.loads(text)
    unit = float(data["unit"])
    return Geography(
        department=_decode(data["department"], unit),
        communes=tuple(
            Commune(str(item["code"]), str(item["nom"]), _decode(item["ring"], unit))
            for item in data["communes"]
        ),
        credit=str(data.get("credit", CREDIT)),
    )


def ring_contains(ring: Sequence[tuple[float, float]], point: tuple[float, float]) -> bool:
    """Even-odd rule: True when ``point`` lies inside the closed ``ring``."""
    x, y = point
    inside = False
    count = len(ring)
    for index in range(count):
        x0, y0 = ring[index]
        x1, y1 = ring[(index + 1) % count]
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside
