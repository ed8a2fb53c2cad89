"""The communes of the Allier, to place a place by choosing its commune: a point inside each.

The outlines are IGN's Admin Express COG with INSEE's names (Licence Ouverte, credit
« Contours : IGN Admin Express, INSEE COG »), as the demo map reads them
(:mod:`kiosk.library.demo.geography`). A commune's point is taken inside its outline: on the
horizontal line through the middle of its outline, the middle of the widest stretch inside it
(a centroid can fall outside a concave commune).
"""

from __future__ import annotations

import functools
import unicodedata

from kiosk.library.demo.geography import CREDIT, Commune, allier

__all__ = ["CREDIT", "commune_names", "commune_point", "find_commune", "suggest_communes"]


def _key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(c for c in plain if c.isalnum())


@functools.lru_cache(maxsize=1)
def _by_key() -> dict[str, Commune]:
    return {_key(c.name): c for c in allier().communes}


def commune_names() -> list[str]:
    """The 317 names, in French alphabetical order (accents ignored)."""
    return sorted((c.name for c in allier().communes), key=_key)


def suggest_communes(typed: str, limit: int = 4) -> list[str]:
    """The names staff may mean by ``typed`` (case, accents, hyphens and spaces ignored): those
    that begin with it first, then those that hold it elsewhere; at most ``limit``; none for
    nothing typed."""
    key = _key(typed)
    if not key:
        return []
    names = commune_names()
    starting = [name for name in names if _key(name).startswith(key)]
    inside = [name for name in names if key in _key(name) and name not in starting]
    return (starting + inside)[:limit]


def find_commune(name: str) -> Commune | None:
    """The commune of that name, whatever the case, accents, hyphens and spaces."""
    return _by_key().get(_key(name))


def commune_point(name: str) -> tuple[float, float] | None:
    """(latitude, longitude) of a point inside the commune, or None for a name not in the
    Allier."""
    commune = find_commune(name)
    if commune is None:
        return None
    return _inside(commune)


@functools.lru_cache(maxsize=512)
def _inside(commune: Commune) -> tuple[float, float]:
    ring = commune.ring
    latitudes = [lat for _lon, lat in ring]
    y = (min(latitudes) + max(latitudes)) / 2
    crossings = []
    for index in range(len(ring)):
        (x0, y0), (x1, y1) = ring[index], ring[(index + 1) % len(ring)]
        if (y0 > y) != (y1 > y):
            crossings.append(x0 + (y - y0) * (x1 - x0) / (y1 - y0))
    crossings.sort()
    spans = list(zip(crossings[0::2], crossings[1::2], strict=False))
    if not spans:
        longitudes = [lon for lon, _lat in ring]
        return y, sum(longitudes) / len(longitudes)
    left, right = max(spans, key=lambda span: span[1] - span[0])
    return y, (left + right) / 2
