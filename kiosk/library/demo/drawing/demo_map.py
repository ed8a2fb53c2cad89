"""The demo map: the Allier and its communes projected on a drawn map, with hedgerows, a compass
and a scale bar."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw

from kiosk.library import geo
from kiosk.library.demo import geography
from kiosk.library.demo.drawing.palette import (
    CHARCOAL,
    CREAM,
    HEDGE_DARK,
    HEDGE_GREEN,
    OCHRE,
    PAPER_SHADOW,
    TERRACOTTA,
    Color,
    Point,
    font,
)
from kiosk.library.demo.drawing.strokes import (
    blob_points,
    draw_text_centered,
    hand_line,
    hand_shape,
    paper,
    point_in_polygon,
    stamp,
    text_size,
    wrap_text,
)
from kiosk.library.demo.texts import (
    ALLIER_LAT_MAX,
    ALLIER_LAT_MIN,
    ALLIER_LON_MAX,
    ALLIER_LON_MIN,
    MAP_CAPTION,
    MAP_MARK,
    MAP_TITLE,
    TOWNS,
)


@dataclass(frozen=True)
class MapProjection:
    """Latitude/longitude to map pixels: the Allier's bounding box, x scaled by cos(latitude)."""

    width: int
    height: int
    left: float
    top: float
    pixels_per_degree: float

    @property
    def x_per_degree(self) -> float:
        middle = math.radians((ALLIER_LAT_MIN + ALLIER_LAT_MAX) / 2)
        return self.pixels_per_degree * math.cos(middle)

    def to_pixels(self, latitude: float, longitude: float) -> Point:
        return (
            self.left + (longitude - ALLIER_LON_MIN) * self.x_per_degree,
            self.top + (ALLIER_LAT_MAX - latitude) * self.pixels_per_degree,
        )

    def to_lat_lon(self, x: float, y: float) -> tuple[float, float]:
        return (
            ALLIER_LAT_MAX - (y - self.top) / self.pixels_per_degree,
            ALLIER_LON_MIN + (x - self.left) / self.x_per_degree,
        )

    @property
    def box(self) -> tuple[float, float, float, float]:
        right, bottom = self.to_pixels(ALLIER_LAT_MIN, ALLIER_LON_MAX)
        return self.left, self.top, right, bottom


MAP_SIZE = (4000, 3200)
MAP_MARGINS = (200, 430, 200, 400)  # left, top, right, bottom: room for the title and caption


def make_projection(width: int, height: int) -> MapProjection:
    left_margin, top_margin, right_margin, bottom_margin = MAP_MARGINS
    middle = math.radians((ALLIER_LAT_MIN + ALLIER_LAT_MAX) / 2)
    box_width_degrees = (ALLIER_LON_MAX - ALLIER_LON_MIN) * math.cos(middle)
    box_height_degrees = ALLIER_LAT_MAX - ALLIER_LAT_MIN
    room_width = width - left_margin - right_margin
    room_height = height - top_margin - bottom_margin
    scale = min(room_width / box_width_degrees, room_height / box_height_degrees)
    left = left_margin + (room_width - box_width_degrees * scale) / 2
    top = top_margin + (room_height - box_height_degrees * scale) / 2
    return MapProjection(width, height, left, top, scale)


MAP_PROJECTION = make_projection(*MAP_SIZE)


def project(latitude: float, longitude: float) -> Point:
    """Where a latitude/longitude falls on the demo map image, in pixels."""
    return MAP_PROJECTION.to_pixels(latitude, longitude)


@dataclass(frozen=True)
class ReferencePoint:
    label: str
    latitude: float
    longitude: float
    x: float
    y: float


MAP_REFERENCE_POINTS: tuple[ReferencePoint, ...] = tuple(
    ReferencePoint(
        town.name, town.latitude, town.longitude, *project(town.latitude, town.longitude)
    )
    for town in TOWNS
)


def projected(ring: Sequence[tuple[float, float]]) -> list[Point]:
    """A ring of (longitude, latitude) in map pixels."""
    return [project(latitude, longitude) for longitude, latitude in ring]


def department_outline(projection: MapProjection = MAP_PROJECTION) -> list[Point]:
    """The real outline of the Allier (IGN Admin Express), in map pixels."""
    return [
        projection.to_pixels(latitude, longitude)
        for longitude, latitude in geography.allier().department
    ]


def commune_outline(name: str) -> list[Point]:
    """A commune's outline in map pixels (empty for a name that is not an Allier commune)."""
    commune = geography.allier().commune(name)
    return projected(commune.ring) if commune is not None else []


# Patchwork of the communes: meadow greens and a pale ochre, a hedge-green border.
COMMUNE_TINTS: tuple[Color, ...] = (
    (205, 219, 168),
    (196, 212, 158),
    (214, 224, 178),
    (222, 222, 172),
)
COMMUNE_BORDER: Color = (128, 152, 102)
TOWN_COMMUNE: Color = (240, 214, 150)


def render_map() -> Image.Image:
    """The demo map of the Allier, ``MAP_SIZE`` pixels, drawn with ``MAP_PROJECTION`` from the
    real outlines of the department and its communes."""
    width, height = MAP_SIZE
    image = paper(MAP_SIZE, seed=11)
    draw = ImageDraw.Draw(image)
    rng = random.Random(12)
    allier = geography.allier()
    outline = department_outline()

    draw.polygon([(x + 20, y + 24) for x, y in outline], fill=PAPER_SHADOW)
    draw.polygon(outline, fill=COMMUNE_TINTS[0])
    town_names = {town.name for town in TOWNS}
    rings = []
    for commune in allier.communes:
        ring = projected(commune.ring)
        rings.append(ring)
        if commune.name in town_names:
            fill = TOWN_COMMUNE
        else:
            fill = COMMUNE_TINTS[random.Random(commune.code).randrange(len(COMMUNE_TINTS))]
        draw.polygon(ring, fill=fill)
    for ring in rings:
        draw.line([*ring, ring[0]], fill=COMMUNE_BORDER, width=3, joint="curve")

    # The towns' names sit where the kiosk expects a reference point's name (kiosk.library.geo).
    landmarks = [geo.Landmark(p.label, p.x, p.y) for p in MAP_REFERENCE_POINTS]
    name_height = width * geo.LANDMARK_TEXT
    keep_clear = [landmark.name_box(width) for landmark in landmarks]
    _draw_hedgerows(draw, outline, keep_clear, rng)
    hand_line(draw, [*outline, outline[0]], HEDGE_DARK, 11, rng, jitter=1.5)

    label_font = font(round(name_height * 0.9), "bold")
    for landmark in landmarks:
        x, y = landmark.x, landmark.y
        draw.ellipse((x - 22, y - 22, x + 22, y + 22), fill=CHARCOAL)
        draw.ellipse((x - 10, y - 10, x + 10, y + 10), fill=CREAM)
        for row, line in enumerate(landmark.lines()):
            centre = (x, y + name_height * (geo.LANDMARK_GAP + 0.5 + row))
            draw_text_centered(draw, centre, line, label_font, CHARCOAL, halo=CREAM, halo_width=8)

    title_font = font(150, "bold")
    title_centre = (width * 0.42, 190)
    draw_text_centered(draw, title_centre, MAP_TITLE, title_font, CHARCOAL)
    title_width, _ = text_size(draw, MAP_TITLE, title_font)
    hand_line(
        draw,
        [
            (title_centre[0] - title_width / 2, 318),
            (title_centre[0] + title_width / 2, 311),
        ],
        OCHRE,
        16,
        rng,
    )
    # Bottom right: the compass and the scale; bottom left, the demo stamp (the kiosk's map
    # controls sit at the top right, its legend below the map).
    _draw_compass(draw, (width - 330, height - 640), 130, rng)
    _draw_scale_bar(draw, (width - 760, height - 440), rng)
    stamp(image, MAP_MARK.upper(), (560, height - 520), 110, -3)

    caption_font = font(54, "italic")
    lines = wrap_text(draw, MAP_CAPTION, caption_font, width - 500)
    for index, line in enumerate(lines):
        draw_text_centered(
            draw, (width / 2, height - 250 + index * 78), line, caption_font, CHARCOAL
        )
    return image


Box = tuple[float, float, float, float]


def _draw_hedgerows(
    draw: ImageDraw.ImageDraw, outline: list[Point], keep_clear: list[Box], rng: random.Random
) -> None:
    """Little tree clumps scattered over the bocage, clear of the towns and their names."""
    xs = [x for x, _ in outline]
    ys = [y for _, y in outline]
    placed = 0
    attempts = 0
    while placed < 150 and attempts < 5000:
        attempts += 1
        x, y = rng.uniform(min(xs), max(xs)), rng.uniform(min(ys), max(ys))
        if not point_in_polygon((x, y - 40), outline) or not point_in_polygon((x, y + 40), outline):
            continue
        if any(
            left - 60 <= x <= right + 60 and top - 60 <= y <= bottom + 60
            for left, top, right, bottom in keep_clear
        ):
            continue
        placed += 1
        for _ in range(3):
            radius = rng.uniform(11, 18)
            cx, cy = x + rng.uniform(-18, 18), y + rng.uniform(-10, 10)
            shade = HEDGE_GREEN if rng.random() < 0.6 else HEDGE_DARK
            draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=shade)


def _draw_compass(
    draw: ImageDraw.ImageDraw, center: Point, radius: float, rng: random.Random
) -> None:
    x, y = center
    hand_shape(
        draw,
        blob_points(rng, center, radius, radius, wobble=0.02),
        rng,
        fill=CREAM,
        color=CHARCOAL,
        width=6,
    )
    draw.polygon(
        [(x, y - radius * 0.85), (x - radius * 0.22, y), (x + radius * 0.22, y)], fill=TERRACOTTA
    )
    draw.polygon(
        [(x, y + radius * 0.85), (x - radius * 0.22, y), (x + radius * 0.22, y)], fill=CHARCOAL
    )
    draw_text_centered(
        draw, (x, y - radius - 55), "N", font(72, "bold"), CHARCOAL, halo=CREAM, halo_width=6
    )


def _draw_scale_bar(draw: ImageDraw.ImageDraw, start: Point, rng: random.Random) -> None:
    """A 20 km bar (one degree of latitude is about 111.2 km)."""
    kilometres = 20
    length = MAP_PROJECTION.pixels_per_degree * kilometres / 111.2
    x, y = start
    hand_line(draw, [(x, y), (x + length, y)], CHARCOAL, 9, rng)
    for tick in (x, x + length):
        hand_line(draw, [(tick, y - 20), (tick, y + 20)], CHARCOAL, 7, rng)
    draw_text_centered(
        draw, (x + length / 2, y - 58), f"{kilometres} km", font(50, "bold"), CHARCOAL
    )
