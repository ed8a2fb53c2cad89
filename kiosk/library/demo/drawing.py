"""Pillow renderers of the demo pictures: the map of the Allier, graphic notes, video title cards.

Qt-free. Shapes are drawn from code with seeded random generators, so one build draws the same
pictures as the next. Layouts are designed on a fixed canvas (3000 units wide) and scaled.
"""

from __future__ import annotations

import functools
import itertools
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from kiosk.library import geo
from kiosk.library.demo import geography
from kiosk.library.demo.texts import (
    ALLIER_LAT_MAX,
    ALLIER_LAT_MIN,
    ALLIER_LON_MAX,
    ALLIER_LON_MIN,
    DRAWING_MARK,
    MAP_CAPTION,
    MAP_MARK,
    MAP_TITLE,
    TOWNS,
    DrawingText,
)

Color = tuple[int, int, int]
Point = tuple[float, float]
Font = ImageFont.FreeTypeFont | ImageFont.ImageFont

CREAM: Color = (248, 241, 224)
PAPER_SPECK: Color = (232, 222, 198)
PAPER_SHADOW: Color = (222, 208, 178)
HEDGE_GREEN: Color = (74, 110, 62)
HEDGE_DARK: Color = (50, 80, 44)
MEADOW: Color = (205, 219, 168)
OCHRE: Color = (201, 142, 44)
OCHRE_LIGHT: Color = (240, 208, 140)
CHARCOAL: Color = (48, 46, 43)
TERRACOTTA: Color = (176, 72, 50)
RIVER_BLUE: Color = (84, 132, 158)
SKY_LIGHT: Color = (214, 230, 226)

DESIGN_WIDTH = 3000
FONT_FILES = {
    "regular": (
        Path("/usr/share/fonts/truetype/open-sans/OpenSans-Regular.ttf"),
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    ),
    "bold": (
        Path("/usr/share/fonts/truetype/open-sans/OpenSans-Bold.ttf"),
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ),
    "italic": (
        Path("/usr/share/fonts/truetype/open-sans/OpenSans-Italic.ttf"),
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf"),
    ),
}


@functools.lru_cache(maxsize=128)
def font(size: int, style: str = "regular") -> Font:
    """Open Sans, else DejaVu Sans, else Pillow's own font: the demo draws on any system."""
    for candidate in FONT_FILES[style]:
        if candidate.is_file():
            return ImageFont.truetype(str(candidate), max(1, size))
    return ImageFont.load_default(size=max(1, size))


# ---------------------------------------------------------------------------------------------
# Text and hand-drawn strokes


def text_size(draw: ImageDraw.ImageDraw, text: str, text_font: Font) -> tuple[float, float]:
    left, top, right, bottom = draw.textbbox((0, 0), text, font=text_font)
    return right - left, bottom - top


def draw_text_centered(
    draw: ImageDraw.ImageDraw,
    center: Point,
    text: str,
    text_font: Font,
    fill: Color,
    *,
    halo: Color | None = None,
    halo_width: int = 0,
) -> None:
    """Centre ``text`` on ``center`` from its ink box (anchors are not available on every font)."""
    left, top, right, bottom = draw.textbbox((0, 0), text, font=text_font)
    x = center[0] - (left + right) / 2
    y = center[1] - (top + bottom) / 2
    if halo is not None and halo_width > 0:
        draw.text(
            (x, y), text, font=text_font, fill=fill, stroke_width=halo_width, stroke_fill=halo
        )
    else:
        draw.text((x, y), text, font=text_font, fill=fill)


def wrap_text(draw: ImageDraw.ImageDraw, text: str, text_font: Font, max_width: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and draw.textlength(candidate, font=text_font) > max_width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def fitting_font(
    draw: ImageDraw.ImageDraw, text: str, size: int, max_width: float, style: str = "bold"
) -> Font:
    """The largest font up to ``size`` in which ``text`` fits on one line of ``max_width``."""
    while size > 12 and draw.textlength(text, font=font(size, style)) > max_width:
        size = int(size * 0.92)
    return font(size, style)


def jittered(
    points: Sequence[Point], rng: random.Random, jitter: float, step: float
) -> list[Point]:
    """The polyline cut into short steps, each nudged sideways: the wobble of a hand stroke."""
    result: list[Point] = [points[0]]
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        length = math.hypot(x1 - x0, y1 - y0)
        if length == 0:
            continue
        normal_x, normal_y = -(y1 - y0) / length, (x1 - x0) / length
        count = max(1, int(length / step))
        for index in range(1, count + 1):
            fraction = index / count
            shift = rng.uniform(-jitter, jitter) if index < count else 0.0
            result.append(
                (
                    x0 + (x1 - x0) * fraction + normal_x * shift,
                    y0 + (y1 - y0) * fraction + normal_y * shift,
                )
            )
    return result


def hand_line(
    draw: ImageDraw.ImageDraw,
    points: Sequence[Point],
    color: Color,
    width: int,
    rng: random.Random,
    *,
    jitter: float | None = None,
    passes: int = 2,
) -> None:
    """A marker stroke: drawn twice with a different wobble, like a hand going over it again."""
    wobble = jitter if jitter is not None else max(1.0, width * 0.35)
    step = max(12.0, width * 6.0)
    for _ in range(passes):
        draw.line(jittered(points, rng, wobble, step), fill=color, width=width, joint="curve")


def blob_points(
    rng: random.Random,
    center: Point,
    radius_x: float,
    radius_y: float,
    *,
    wobble: float = 0.04,
    exponent: float = 2.0,
    count: int = 96,
) -> list[Point]:
    """A closed, soft, irregular outline around ``center`` (a superellipse with slow ripples)."""
    phases = [rng.uniform(0, math.tau) for _ in range(3)]
    points: list[Point] = []
    for index in range(count):
        angle = math.tau * index / count
        ripple = 1 + wobble * (
            math.sin(2 * angle + phases[0])
            + 0.6 * math.sin(3 * angle + phases[1])
            + 0.3 * math.sin(5 * angle + phases[2])
        )
        cos_a, sin_a = math.cos(angle), math.sin(angle)
        x = math.copysign(abs(cos_a) ** (2 / exponent), cos_a)
        y = math.copysign(abs(sin_a) ** (2 / exponent), sin_a)
        points.append((center[0] + radius_x * ripple * x, center[1] + radius_y * ripple * y))
    return points


def hand_shape(
    draw: ImageDraw.ImageDraw,
    outline: list[Point],
    rng: random.Random,
    *,
    fill: Color | None,
    color: Color,
    width: int,
) -> None:
    if fill is not None:
        draw.polygon(outline, fill=fill)
    hand_line(draw, [*outline, outline[0]], color, width, rng)


def point_in_polygon(point: Point, polygon: Sequence[Point]) -> bool:
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in zip(polygon, [*polygon[1:], polygon[0]], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def paper(size: tuple[int, int], seed: int, base: Color = CREAM) -> Image.Image:
    """Cream paper with faint specks and fibres."""
    image = Image.new("RGB", size, base)
    draw = ImageDraw.Draw(image)
    rng = random.Random(seed)
    width, height = size
    unit = width / DESIGN_WIDTH
    for _ in range(int(width * height / 9000)):
        x, y = rng.uniform(0, width), rng.uniform(0, height)
        radius = rng.uniform(1.0, 3.5) * unit
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=PAPER_SPECK)
    return image


def stamp(image: Image.Image, text: str, center: Point, height: float, angle: float) -> None:
    """A rubber-stamp label (terracotta frame and letters), turned by ``angle`` degrees."""
    probe = ImageDraw.Draw(image)
    text_font = font(max(8, int(height * 0.55)), "bold")
    text_width, _ = text_size(probe, text, text_font)
    padding = height * 0.35
    label = Image.new("RGBA", (int(text_width + 2 * padding), int(height)), (0, 0, 0, 0))
    draw = ImageDraw.Draw(label)
    border = max(2, int(height * 0.07))
    draw.rounded_rectangle(
        (border, border, label.width - border, label.height - border),
        radius=height * 0.18,
        fill=(*CREAM, 235),
        outline=(*TERRACOTTA, 255),
        width=border,
    )
    draw_text_centered(draw, (label.width / 2, label.height / 2), text, text_font, TERRACOTTA)
    turned = label.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    image.paste(
        turned, (int(center[0] - turned.width / 2), int(center[1] - turned.height / 2)), turned
    )


def draw_ant(
    draw: ImageDraw.ImageDraw,
    center: Point,
    size: float,
    angle: float,
    color: Color,
    step: float = 0.0,
) -> None:
    """A small ant doodle facing ``angle`` (radians); ``step`` swings its legs as it walks."""
    forward = (math.cos(angle), math.sin(angle))
    side = (-forward[1], forward[0])

    def at(along: float, across: float) -> Point:
        return (
            center[0] + (forward[0] * along + side[0] * across) * size,
            center[1] + (forward[1] * along + side[1] * across) * size,
        )

    line_width = max(1, int(size * 0.06))
    for pair, along in enumerate((-0.1, 0.05, 0.2)):
        swing = 0.18 * math.sin(step + pair * 2.1)
        for direction in (-1, 1):
            knee = at(along + swing * direction, 0.32 * direction)
            foot = at(along - 0.15 + swing * direction, 0.55 * direction)
            draw.line([at(along, 0.0), knee, foot], fill=color, width=line_width, joint="curve")
    for direction in (-1, 1):
        draw.line(
            [at(0.55, 0.05 * direction), at(0.75, 0.2 * direction), at(0.85, 0.32 * direction)],
            fill=color,
            width=line_width,
        )
    for along, radius in ((-0.42, 0.26), (0.08, 0.16), (0.45, 0.14)):
        x, y = at(along, 0.0)
        r = radius * size
        draw.ellipse((x - r, y - r, x + r, y + r), fill=color)


# ---------------------------------------------------------------------------------------------
# The demo map


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


# ---------------------------------------------------------------------------------------------
# Graphic notes


def render_drawing(drawing: DrawingText, size: tuple[int, int], seed: int) -> Image.Image:
    """A sketchnote page: a title banner, a doodle in the middle, keywords in bubbles around."""
    unit = size[0] / DESIGN_WIDTH
    image = paper(size, seed)
    draw = ImageDraw.Draw(image)
    rng = random.Random(seed)

    def u(value: float) -> float:
        return value * unit

    def px(value: float) -> int:
        return max(1, round(value * unit))

    banner = blob_points(rng, (u(1500), u(200)), u(1300), u(130), wobble=0.02, exponent=6)
    hand_shape(draw, banner, rng, fill=OCHRE_LIGHT, color=CHARCOAL, width=px(7))
    heading_font = fitting_font(draw, drawing.heading, px(130), u(2300))
    draw_text_centered(draw, (u(1500), u(200)), drawing.heading, heading_font, CHARCOAL)
    for index, line in enumerate(drawing.lines):
        draw_text_centered(
            draw, (u(1500), u(400 + index * 80)), line, font(px(64), "italic"), HEDGE_DARK
        )

    center = (u(1500), u(1230))
    middle_radius = (u(330), u(220))
    middle = blob_points(rng, center, *middle_radius, wobble=0.05)
    hand_shape(draw, middle, rng, fill=SKY_LIGHT, color=CHARCOAL, width=px(6))
    _draw_doodle(draw, drawing.key, center, u(180), rng)

    count = len(drawing.keywords)
    keyword_font = font(px(56), "bold")
    for index, keyword in enumerate(drawing.keywords):
        # Never straight below the middle: the footer and the stamp live there.
        start = 0.5 if count % 2 == 0 else 0.0
        angle = -math.pi / 2 + math.tau * (index + start) / count
        bubble_center = (
            center[0] + u(1000) * math.cos(angle),
            center[1] + u(560) * math.sin(angle),
        )
        lines = wrap_text(draw, keyword, keyword_font, u(520))
        line_height = u(72)
        longest = max(draw.textlength(line, font=keyword_font) for line in lines)
        radius_x = max(u(190), longest / 2 + u(80))
        radius_y = line_height * len(lines) / 2 + u(70)
        fill = MEADOW if index % 2 == 0 else OCHRE_LIGHT
        bubble = blob_points(rng, bubble_center, radius_x, radius_y, wobble=0.04, exponent=2.6)
        _draw_arrow(draw, center, middle_radius, bubble_center, (radius_x, radius_y), rng, unit)
        hand_shape(draw, bubble, rng, fill=fill, color=CHARCOAL, width=px(5))
        top = bubble_center[1] - line_height * (len(lines) - 1) / 2
        for row, line in enumerate(lines):
            draw_text_centered(
                draw, (bubble_center[0], top + row * line_height), line, keyword_font, CHARCOAL
            )

    for _ in range(9):
        _draw_sparkle(draw, rng, size, unit)
    draw_text_centered(
        draw,
        (u(620), u(1905)),
        "Faites des tiers-lieux · 25 et 26 février 2022",
        font(px(44), "italic"),
        HEDGE_DARK,
    )
    stamp(image, DRAWING_MARK, (u(2380), u(1890)), u(110), 3)
    return image


def _edge_distance(radius: tuple[float, float], direction: Point) -> float:
    """How far the edge of an ellipse of ``radius`` lies from its centre along ``direction``."""
    dx, dy = direction
    return 1 / math.sqrt((dx / radius[0]) ** 2 + (dy / radius[1]) ** 2)


def _draw_arrow(
    draw: ImageDraw.ImageDraw,
    start_center: Point,
    start_radius: tuple[float, float],
    end_center: Point,
    end_radius: tuple[float, float],
    rng: random.Random,
    unit: float,
) -> None:
    dx, dy = end_center[0] - start_center[0], end_center[1] - start_center[1]
    length = math.hypot(dx, dy)
    direction = (dx / length, dy / length)
    gap = 25 * unit
    start_offset = _edge_distance(start_radius, direction) + gap
    end_offset = _edge_distance(end_radius, direction) + gap
    if start_offset + end_offset >= length:
        return
    start = (
        start_center[0] + direction[0] * start_offset,
        start_center[1] + direction[1] * start_offset,
    )
    end = (end_center[0] - direction[0] * end_offset, end_center[1] - direction[1] * end_offset)
    bend = rng.uniform(-0.12, 0.12) * (length - start_offset - end_offset)
    control = (
        (start[0] + end[0]) / 2 - direction[1] * bend,
        (start[1] + end[1]) / 2 + direction[0] * bend,
    )
    curve = [
        (
            (1 - t) ** 2 * start[0] + 2 * (1 - t) * t * control[0] + t**2 * end[0],
            (1 - t) ** 2 * start[1] + 2 * (1 - t) * t * control[1] + t**2 * end[1],
        )
        for t in (step / 16 for step in range(17))
    ]
    width = max(1, round(6 * unit))
    hand_line(draw, curve, CHARCOAL, width, rng, passes=1)
    tangent = math.atan2(end[1] - curve[-2][1], end[0] - curve[-2][0])
    head = 40 * unit
    for side in (-1, 1):
        wing = tangent + math.pi + side * 0.45
        hand_line(
            draw,
            [end, (end[0] + head * math.cos(wing), end[1] + head * math.sin(wing))],
            CHARCOAL,
            width,
            rng,
            passes=1,
        )


def _draw_sparkle(
    draw: ImageDraw.ImageDraw, rng: random.Random, size: tuple[int, int], unit: float
) -> None:
    """A small star in the margins, where no bubble sits."""
    width, height = size
    x = rng.choice((rng.uniform(0.03, 0.12), rng.uniform(0.88, 0.97))) * width
    y = rng.uniform(0.3, 0.85) * height
    arm = rng.uniform(18, 34) * unit
    line_width = max(1, round(5 * unit))
    color = OCHRE if rng.random() < 0.5 else TERRACOTTA
    for angle in (0.0, math.pi / 4, math.pi / 2, 3 * math.pi / 4):
        dx, dy = arm * math.cos(angle), arm * math.sin(angle)
        draw.line([(x - dx, y - dy), (x + dx, y + dy)], fill=color, width=line_width)


def _draw_doodle(
    draw: ImageDraw.ImageDraw, key: str, center: Point, size: float, rng: random.Random
) -> None:
    """The picture in the middle of a sketchnote, chosen by the drawing's key."""
    x, y = center
    line_width = max(2, round(size * 0.035))
    if key == "spectacle-soupe":
        pot = [
            (x - size * 0.7, y - size * 0.15),
            (x + size * 0.7, y - size * 0.15),
            (x + size * 0.55, y + size * 0.6),
            (x - size * 0.55, y + size * 0.6),
        ]
        hand_shape(draw, pot, rng, fill=TERRACOTTA, color=CHARCOAL, width=line_width)
        for side in (-1, 1):
            hand_line(
                draw,
                [
                    (x + side * size * 0.7, y - size * 0.05),
                    (x + side * size * 0.9, y + size * 0.05),
                ],
                CHARCOAL,
                line_width * 2,
                rng,
            )
        for offset in (-0.35, 0.0, 0.35):
            steam = [
                (x + size * (offset + 0.08 * math.sin(step * 1.3)), y - size * (0.3 + step * 0.1))
                for step in range(7)
            ]
            hand_line(draw, steam, RIVER_BLUE, line_width, rng)
    elif key == "escape-game":
        body = (x - size * 0.45, y - size * 0.05, x + size * 0.45, y + size * 0.65)
        draw.arc(
            (x - size * 0.3, y - size * 0.55, x + size * 0.3, y + size * 0.05),
            180,
            360,
            fill=CHARCOAL,
            width=line_width * 2,
        )
        draw.rounded_rectangle(
            body, radius=size * 0.1, fill=OCHRE, outline=CHARCOAL, width=line_width
        )
        draw.ellipse(
            (x - size * 0.08, y + size * 0.18, x + size * 0.08, y + size * 0.34), fill=CHARCOAL
        )
        draw.line([(x, y + size * 0.3), (x, y + size * 0.48)], fill=CHARCOAL, width=line_width * 2)
    elif key in ("intelligence-collective", "conference-heidsieck"):
        draw.ellipse(
            (x - size * 0.42, y - size * 0.6, x + size * 0.42, y + size * 0.22),
            fill=OCHRE_LIGHT,
            outline=CHARCOAL,
            width=line_width,
        )
        draw.rectangle(
            (x - size * 0.2, y + size * 0.22, x + size * 0.2, y + size * 0.45), fill=CHARCOAL
        )
        for index in range(7):
            angle = math.pi + math.pi * index / 6
            inner, outer = size * 0.55, size * 0.75
            hand_line(
                draw,
                [
                    (x + inner * math.cos(angle), y - size * 0.19 + inner * math.sin(angle)),
                    (x + outer * math.cos(angle), y - size * 0.19 + outer * math.sin(angle)),
                ],
                OCHRE,
                line_width,
                rng,
                passes=1,
            )
    elif key == "forum-ouvert":
        for dx, dy, fill in ((-0.3, -0.2, MEADOW), (0.3, 0.15, OCHRE_LIGHT)):
            bubble_center = (x + dx * size, y + dy * size)
            bubble = blob_points(rng, bubble_center, size * 0.42, size * 0.3, wobble=0.03)
            hand_shape(draw, bubble, rng, fill=fill, color=CHARCOAL, width=line_width)
            for dot in (-1, 0, 1):
                cx = bubble_center[0] + dot * size * 0.14
                r = size * 0.04
                draw.ellipse(
                    (cx - r, bubble_center[1] - r, cx + r, bubble_center[1] + r), fill=CHARCOAL
                )
    else:
        for dx, dy, angle in ((-0.45, 0.25, -0.4), (0.0, -0.25, 0.2), (0.45, 0.3, 0.9)):
            draw_ant(draw, (x + dx * size, y + dy * size), size * 0.45, angle, CHARCOAL)


# ---------------------------------------------------------------------------------------------
# Title cards of the demo videos


def title_card(size: tuple[int, int], heading: str, lines: Sequence[str], seed: int) -> Image.Image:
    """The still background of a demo video; the bottom fifth stays free for the moving parts."""
    width, height = size
    unit = width / 1920
    image = paper(size, seed)
    draw = ImageDraw.Draw(image)
    rng = random.Random(seed)
    band = [
        (0.0, height * 0.78),
        (float(width), height * 0.78),
        (float(width), float(height)),
        (0.0, float(height)),
    ]
    draw.polygon(band, fill=MEADOW)
    hand_line(
        draw, [(0, height * 0.78), (width, height * 0.78)], HEDGE_DARK, max(2, round(5 * unit)), rng
    )
    for index in range(24):
        x = (index + 0.5) * width / 24 + rng.uniform(-20, 20) * unit
        radius = rng.uniform(14, 24) * unit
        y = height * 0.78 - radius * 0.6
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=HEDGE_GREEN)
    heading_font = fitting_font(draw, heading, round(96 * unit), width * 0.86)
    draw_text_centered(draw, (width / 2, height * 0.40), heading, heading_font, CHARCOAL)
    heading_width, _ = text_size(draw, heading, heading_font)
    hand_line(
        draw,
        [
            (width / 2 - heading_width / 2, height * 0.40 + 70 * unit),
            (width / 2 + heading_width / 2, height * 0.40 + 66 * unit),
        ],
        OCHRE,
        max(2, round(9 * unit)),
        rng,
    )
    for index, line in enumerate(lines):
        line_font = fitting_font(draw, line, round(52 * unit), width * 0.86, "italic")
        draw_text_centered(
            draw,
            (width / 2, height * 0.40 + (150 + index * 70) * unit),
            line,
            line_font,
            HEDGE_DARK,
        )
    stamp(image, "DÉMO", (width * 0.12, height * 0.14), 120 * unit, 9)
    return image
