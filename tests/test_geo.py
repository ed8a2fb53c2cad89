"""Geo-referencing: the fit places points within a stated error; manual positions win."""

from __future__ import annotations

import math
import random

import pytest

from kiosk.library import catalogue_views, geo
from kiosk.library.geo import FitKind, Reference
from kiosk.store.database import Catalogue
from kiosk.store.models import GeoPoint, MapImage, Place

# A synthetic map: 3000 × 2400 px, north up, 1900 px per degree of latitude, x scaled by
# cos(latitude), slightly rotated (a scan is never straight), as an illustrated map would be.
WIDTH, HEIGHT = 3000, 2400
LAT_TOP, LON_LEFT = 46.85, 2.2
PX_PER_DEGREE = 1900.0
ROTATION = math.radians(3.0)
COS_LAT = math.cos(math.radians(46.4))


def synthetic(latitude: float, longitude: float) -> tuple[float, float]:
    x = (longitude - LON_LEFT) * PX_PER_DEGREE * COS_LAT
    y = (LAT_TOP - latitude) * PX_PER_DEGREE
    cx, cy = WIDTH / 2, HEIGHT / 2
    dx, dy = x - cx, y - cy
    return (
        cx + dx * math.cos(ROTATION) - dy * math.sin(ROTATION) + 40,
        cy + dx * math.sin(ROTATION) + dy * math.cos(ROTATION) - 25,
    )


TOWNS = [
    ("Bourbon-l'Archambault", 46.5842, 3.0572),
    ("Cérilly", 46.6186, 2.8217),
    ("Moulins", 46.5653, 3.3333),
    ("Montluçon", 46.3408, 2.6033),
    ("Vichy", 46.1244, 3.4283),
]


def references(noise_px: float = 0.0, seed: int = 3) -> list[Reference]:
    rng = random.Random(seed)
    points = []
    for label, lat, lon in TOWNS:
        x, y = synthetic(lat, lon)
        points.append(
            Reference(label, lat, lon, x + rng.gauss(0, noise_px), y + rng.gauss(0, noise_px))
        )
    return points


def test_affine_fit_places_points_within_six_pixels_on_a_synthetic_map() -> None:
    # Staff click reference points to within a few pixels: 1.5 px of noise on each.
    fit = geo.fit(references(noise_px=1.5))
    assert fit is not None and fit.kind is FitKind.AFFINE
    assert len(fit.residuals) == 5
    assert fit.max_error_px < 6.0
    rng = random.Random(7)
    worst = 0.0
    for _ in range(500):  # anywhere in the Allier, not only at the reference points
        lat, lon = rng.uniform(45.93, 46.80), rng.uniform(2.28, 4.01)
        x, y = fit.to_pixels(lat, lon)
        ex, ey = synthetic(lat, lon)
        worst = max(worst, math.hypot(x - ex, y - ey))
    assert worst < 6.0, f"error {worst:.2f} px"  # 0.2 % of the map's width


def test_exact_references_give_zero_residuals_and_sub_pixel_positions() -> None:
    fit = geo.fit(references())
    assert fit is not None
    assert fit.max_error_px < 1e-6
    x, y = fit.to_pixels(46.3, 3.0)
    ex, ey = synthetic(46.3, 3.0)
    assert math.hypot(x - ex, y - ey) < 1e-6


def test_two_points_use_a_similarity_that_is_exact_without_shear() -> None:
    fit = geo.fit(references()[:2])
    assert fit is not None and fit.kind is FitKind.SIMILARITY
    assert fit.max_error_px < 1e-6
    # The synthetic map is a similarity of the local plane (cos-scaled): the whole map fits.
    for lat, lon in [(46.1, 2.4), (46.8, 3.9), (46.4, 3.1)]:
        x, y = fit.to_pixels(lat, lon)
        ex, ey = synthetic(lat, lon)
        assert math.hypot(x - ex, y - ey) < 6.0


def test_collinear_points_fall_back_to_a_similarity_and_one_point_is_not_enough() -> None:
    line = [
        Reference(str(i), 46.0 + i * 0.1, 3.0 + i * 0.1, *synthetic(46 + i * 0.1, 3 + i * 0.1))
        for i in range(4)
    ]
    fit = geo.fit(line)
    assert fit is not None and fit.kind is FitKind.SIMILARITY
    assert geo.fit(references()[:1]) is None
    assert geo.fit([]) is None


def test_a_bad_reference_point_shows_in_its_residual() -> None:
    points = references()
    label, lat, lon, x, y = (
        points[2].label,
        points[2].latitude,
        points[2].longitude,
        points[2].x,
        points[2].y,
    )
    points[2] = Reference(label, lat, lon, x + 120, y)
    fit = geo.fit(points)
    assert fit is not None
    worst = max(fit.residuals, key=lambda r: r.error_px)
    assert worst.label == "Moulins"
    assert worst.error_px > 40


def test_position_manual_wins_then_fit_then_nothing() -> None:
    fit = geo.fit(references())
    assert geo.position(0.1, 0.2, 46.5, 3.0, fit, WIDTH, HEIGHT) == (0.1, 0.2)
    placed = geo.position(None, None, 46.5842, 3.0572, fit, WIDTH, HEIGHT)
    assert placed is not None
    ex, ey = synthetic(46.5842, 3.0572)
    assert placed == pytest.approx((ex / WIDTH, ey / HEIGHT), abs=1e-6)
    assert geo.position(None, None, 46.5, 3.0, None, WIDTH, HEIGHT) is None
    assert geo.position(None, None, None, None, fit, WIDTH, HEIGHT) is None
    assert geo.position(None, None, 48.85, 2.35, fit, WIDTH, HEIGHT) is None  # Paris: off the map


def test_places_view_uses_the_current_map_fit(catalogue: Catalogue, content_root: object) -> None:
    from kiosk.store.models import MediaAsset, MediaKind, MediaRole

    with catalogue.session() as session:
        image = MediaAsset(
            kind=MediaKind.IMAGE,
            role=MediaRole.MAP,
            path="assets/map.png",
            sha256="a" * 64,
            size_bytes=1,
            mime_type="image/png",
            width=WIDTH,
            height=HEIGHT,
        )
        map_image = MapImage(image=image, title="Synthétique", is_current=True)
        for label, lat, lon in TOWNS[:3]:
            x, y = synthetic(lat, lon)
            map_image.geo_points.append(
                GeoPoint(label=label, latitude=lat, longitude=lon, x=x, y=y)
            )
        session.add(map_image)
        session.add_all(
            [
                Place(slug="by-fit", name="Par le calage", latitude=46.34, longitude=2.60),
                Place(
                    slug="manual",
                    name="Manuel",
                    latitude=46.34,
                    longitude=2.60,
                    map_x=0.9,
                    map_y=0.9,
                ),
                Place(slug="nowhere", name="Sans position"),
            ]
        )
    views = {view.slug: view for view in catalogue_views.places(catalogue)}
    ex, ey = synthetic(46.34, 2.60)
    assert views["by-fit"].placed_by_fit
    assert (views["by-fit"].map_x, views["by-fit"].map_y) == pytest.approx(
        (ex / WIDTH, ey / HEIGHT), abs=2 / WIDTH
    )
    assert (views["manual"].map_x, views["manual"].map_y) == (0.9, 0.9)
    assert not views["manual"].placed_by_fit
    assert not views["nowhere"].is_on_map


def test_a_landmark_name_lies_below_its_point_and_long_names_break_in_two() -> None:
    from kiosk.library.geo import Landmark

    short = Landmark("Vichy", 1000, 800)
    assert short.lines() == ("Vichy",)
    left, top, right, bottom = short.name_box(4000)
    assert left < 1000 < right and 800 < top < bottom  # below the point, centred on it
    assert bottom - top == pytest.approx(4000 * 0.019 * 1.3)
    long = Landmark("Bourbon-l'Archambault", 1000, 800)
    assert long.lines() == ("Bourbon-", "l'Archambault")
    l_left, l_top, l_right, l_bottom = long.name_box(4000)
    assert l_bottom - l_top > bottom - top  # two lines are taller…
    assert l_right - l_left < len("Bourbon-l'Archambault") * 4000 * 0.019 * 0.62  # …narrower
    assert Landmark("Saint-Pourçain-sur-Sioule", 0, 0).lines() == (
        "Saint-Pourçain-",
        "sur-Sioule",
    )
