"""Geo-referencing a map image: from reference points to the position of every place.

A map carries reference points (``GeoPoint``: a latitude/longitude matched to a pixel of the
image). With three or more points not on one line, a least-squares affine transform maps
coordinates to pixels; with exactly two (or points on one line), a similarity transform (scale,
rotation, translation) is fitted instead. Coordinates are first projected to a local plane
(longitude scaled by the cosine of the mean latitude, north up), so a similarity is meaningful at
the scale of a department.

A place's position on the map: a manual ``map_x``/``map_y`` always wins; else its coordinates
through the fit; else it is not on the map. Positions are fractions of the image's size.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.store.models import GeoPoint, MapImage


@dataclass(frozen=True)
class Reference:
    """A reference point: a latitude/longitude and the pixel of the map image it falls on."""

    label: str
    latitude: float
    longitude: float
    x: float
    y: float


class FitKind(StrEnum):
    AFFINE = "affine"
    SIMILARITY = "similarity"


@dataclass(frozen=True)
class Residual:
    """How far (in image pixels) the fit puts a reference point from where staff placed it."""

    label: str
    error_px: float


@dataclass(frozen=True)
class GeoFit:
    """``x = a·e + b·n + c`` and ``y = d·e + f·n + g`` on the local plane ``(e, n)``."""

    kind: FitKind
    coefficients: tuple[float, float, float, float, float, float]
    lat0: float
    lon0: float
    cos_lat0: float
    residuals: tuple[Residual, ...]

    def to_pixels(self, latitude: float, longitude: float) -> tuple[float, float]:
        east, north = _plane(latitude, longitude, self.lat0, self.lon0, self.cos_lat0)
        a, b, c, d, f, g = self.coefficients
        return a * east + b * north + c, d * east + f * north + g

    @property
    def max_error_px(self) -> float:
        return max((r.error_px for r in self.residuals), default=0.0)

    @property
    def rms_error_px(self) -> float:
        if not self.residuals:
            return 0.0
        return math.sqrt(sum(r.error_px**2 for r in self.residuals) / len(self.residuals))


def _plane(
    latitude: float, longitude: float, lat0: float, lon0: float, cos_lat0: float
) -> tuple[float, float]:
    return (longitude - lon0) * cos_lat0, latitude - lat0


def fit(references: Sequence[Reference]) -> GeoFit | None:
    """The transform for these reference points, or None with fewer than two usable points."""
    unique = {(r.latitude, r.longitude): r for r in references}
    points = list(unique.values())
    if len(points) < 2:
        return None
    lat0 = sum(p.latitude for p in points) / len(points)
    lon0 = sum(p.longitude for p in points) / len(points)
    cos_lat0 = math.cos(math.radians(lat0))
    plane = [_plane(p.latitude, p.longitude, lat0, lon0, cos_lat0) for p in points]
    if max(math.hypot(e, n) for e, n in plane) < 1e-9:
        return None
    coefficients = _affine(plane, points) if len(points) >= 3 else None
    kind = FitKind.AFFINE
    if coefficients is None:
        coefficients = _similarity(plane, points)
        kind = FitKind.SIMILARITY
    draft = GeoFit(kind, coefficients, lat0, lon0, cos_lat0, ())
    residuals = []
    for point in points:
        x, y = draft.to_pixels(point.latitude, point.longitude)
        residuals.append(Residual(point.label, math.hypot(x - point.x, y - point.y)))
    return GeoFit(kind, coefficients, lat0, lon0, cos_lat0, tuple(residuals))


def _affine(
    plane: list[tuple[float, float]], points: Sequence[Reference]
) -> tuple[float, float, float, float, float, float] | None:
    """Least squares through the normal equations; None when the points are (nearly) on a line."""
    see = sum(e * e for e, _ in plane)
    sen = sum(e * n for e, n in plane)
    snn = sum(n * n for _, n in plane)
    se = sum(e for e, _ in plane)
    sn = sum(n for _, n in plane)
    count = float(len(plane))
    matrix = ((see, sen, se), (sen, snn, sn), (se, sn, count))
    determinant = _det3(matrix)
    # Collinear points leave the matrix singular; compare with its scale, not with zero.
    if abs(determinant) <= 1e-9 * max(see * snn * count, 1e-30):
        return None
    solutions = []
    for values in ([p.x for p in points], [p.y for p in points]):
        right = (
            sum(e * v for (e, _), v in zip(plane, values, strict=True)),
            sum(n * v for (_, n), v in zip(plane, values, strict=True)),
            sum(values),
        )
        solutions.append(_solve3(matrix, right, determinant))
    (a, b, c), (d, f, g) = solutions
    return a, b, c, d, f, g


def _similarity(
    plane: list[tuple[float, float]], points: Sequence[Reference]
) -> tuple[float, float, float, float, float, float]:
    """Least-squares similarity, with complex numbers: image y grows downwards, north upwards."""
    sources = [complex(e, -n) for e, n in plane]
    targets = [complex(p.x, p.y) for p in points]
    source_mean = sum(sources) / len(sources)
    target_mean = sum(targets) / len(targets)
    numerator = sum(
        (t - target_mean) * (s - source_mean).conjugate()
        for s, t in zip(sources, targets, strict=True)
    )
    denominator = sum(abs(s - source_mean) ** 2 for s in sources)
    factor = numerator / denominator
    offset = target_mean - factor * source_mean
    # w = factor·(e − i·n) + offset, written as the two real rows of the affine form.
    return (
        factor.real,
        factor.imag,
        offset.real,
        factor.imag,
        -factor.real,
        offset.imag,
    )


Matrix3 = tuple[tuple[float, float, float], tuple[float, float, float], tuple[float, float, float]]


def _det3(m: Matrix3) -> float:
    return (
        m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
        - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
    )


def _solve3(
    m: Matrix3, right: tuple[float, float, float], determinant: float
) -> tuple[float, float, float]:
    """Cramer's rule: the system is 3×3 and well conditioned once centred."""
    result = []
    for column in range(3):
        replaced = tuple(
            tuple(right[row] if col == column else m[row][col] for col in range(3))
            for row in range(3)
        )
        result.append(_det3(replaced) / determinant)  # type: ignore[arg-type]
    return result[0], result[1], result[2]


def position(
    map_x: float | None,
    map_y: float | None,
    latitude: float | None,
    longitude: float | None,
    geo_fit: GeoFit | None,
    width: int,
    height: int,
) -> tuple[float, float] | None:
    """A place's position as fractions of the image; None when it is not on the map.

    The manual position wins; coordinates go through the fit and must land inside the image.
    """
    if map_x is not None and map_y is not None:
        return map_x, map_y
    if geo_fit is None or latitude is None or longitude is None or width <= 0 or height <= 0:
        return None
    x, y = geo_fit.to_pixels(latitude, longitude)
    fx, fy = x / width, y / height
    if not (0.0 <= fx <= 1.0 and 0.0 <= fy <= 1.0):
        return None
    return fx, fy


def references_of(map_image: MapImage) -> list[Reference]:
    return [Reference(p.label, p.latitude, p.longitude, p.x, p.y) for p in map_image.geo_points]


def current_map_fit(session: Session) -> tuple[MapImage, GeoFit | None] | None:
    """The current map and its fit (None when it has fewer than two reference points)."""
    map_image = session.scalars(select(MapImage).where(MapImage.is_current)).first()
    if map_image is None:
        return None
    points = session.scalars(select(GeoPoint).where(GeoPoint.map_id == map_image.id)).all()
    references = [Reference(p.label, p.latitude, p.longitude, p.x, p.y) for p in points]
    return map_image, fit(references)


# A map's own names. Reference points are usually towns whose names the map prints; the kiosk
# keeps its pin labels off a box centred just below each reference point, ``LANDMARK_TEXT``
# of the image's width high (the demo map prints its town names exactly there).
LANDMARK_TEXT = 0.019  # of the image's width: the height of a town's name
LANDMARK_GAP = 0.6  # of that height: from the point down to the top of the name
LANDMARK_CHAR = 0.62  # of that height: the width of one letter (bold sans serif)


LANDMARK_LINE = 16  # a longer name is printed on two lines, broken at a hyphen or a space


@dataclass(frozen=True)
class Landmark:
    """A named point of the map image (pixels), and where its printed name lies."""

    label: str
    x: float
    y: float

    def lines(self) -> tuple[str, ...]:
        """The name as printed: a long one broken in two at the hyphen or space nearest its
        middle ("Bourbon-" / "l'Archambault")."""
        label = self.label.strip()
        if len(label) <= LANDMARK_LINE:
            return (label,)
        breaks = [i for i, char in enumerate(label) if char in "- "]
        if not breaks:
            return (label,)
        at = min(breaks, key=lambda i: abs(i + 1 - len(label) / 2))
        first = label[: at + 1].rstrip()
        second = label[at + 1 :].lstrip()
        return (first, second) if first and second else (label,)

    def name_box(self, image_width: float) -> tuple[float, float, float, float]:
        """(left, top, right, bottom), image pixels, of the name below the point (the point
        itself is left free: the place's own pin stands on it)."""
        height = image_width * LANDMARK_TEXT
        lines = self.lines()
        width = max(1, max(len(line) for line in lines)) * height * LANDMARK_CHAR
        top = self.y + height * 0.3
        bottom = self.y + height * (len(lines) + LANDMARK_GAP)
        return (self.x - width / 2, top, self.x + width / 2, bottom)
