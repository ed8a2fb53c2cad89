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
    TOWNS_BY_NAME,
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


MAP_SIZE = (3000, 2400)
MAP_MARGINS = (190, 380, 190, 330)  # left, top, right, bottom: room for the title and caption


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

# Label side of each town, chosen so that neighbouring names do not overlap.
TOWN_LABEL_SIDE = {
    "Bourbon-l'Archambault": "below-left",
    "Cérilly": "left",
    "Moulins": "right",
    "Montluçon": "below",
    "Vichy": "right",
}


def department_outline(projection: MapProjection = MAP_PROJECTION) -> list[Point]:
    """A soft blob inside the bounding box: a stylised outline, not the department's border."""
    left, top, right, bottom = projection.box
    center = ((left + right) / 2, (top + bottom) / 2)
    return blob_points(
        random.Random(3),
        center,
        (right - left) * 0.47,
        (bottom - top) * 0.47,
        wobble=0.035,
        exponent=2.8,
        count=160,
    )


def _river_through(points: Sequence[Point], extend: float, rng: random.Random) -> list[Point]:
    """A meandering line through ``points``, prolonged a little at both ends."""
    (x0, y0), (x1, y1) = points[0], points[1]
    head = (x0 - (x1 - x0) * extend, y0 - (y1 - y0) * extend)
    (xa, ya), (xb, yb) = points[-2], points[-1]
    tail = (xb + (xb - xa) * extend, yb + (yb - ya) * extend)
    course = [head, *points, tail]
    result: list[Point] = []
    for (sx, sy), (ex, ey) in itertools.pairwise(course):
        length = math.hypot(ex - sx, ey - sy)
        normal = (-(ey - sy) / length, (ex - sx) / length)
        phase = rng.uniform(0, math.tau)
        steps = max(2, int(length / 20))
        for index in range(steps):
            fraction = index / steps
            bend = math.sin(fraction * math.pi) * math.sin(fraction * 3 * math.pi + phase) * 24
            result.append(
                (
                    sx + (ex - sx) * fraction + normal[0] * bend,
                    sy + (ey - sy) * fraction + normal[1] * bend,
                )
            )
    result.append(tail)
    return result


def render_map() -> Image.Image:
    """The demo map of the Allier, ``MAP_SIZE`` pixels, drawn with ``MAP_PROJECTION``."""
    width, height = MAP_SIZE
    image = paper(MAP_SIZE, seed=11)
    draw = ImageDraw.Draw(image)
    rng = random.Random(12)
    outline = department_outline()

    shadow = [(x + 22, y + 26) for x, y in outline]
    draw.polygon(shadow, fill=PAPER_SHADOW)
    hand_shape(draw, outline, rng, fill=MEADOW, color=HEDGE_DARK, width=9)

    towns = [project(town.latitude, town.longitude) for town in TOWNS]
    allier = _river_through(
        [
            project(TOWNS_BY_NAME[name].latitude, TOWNS_BY_NAME[name].longitude)
            for name in ("Vichy", "Moulins")
        ],
        0.45,
        rng,
    )
    montlucon = project(TOWNS_BY_NAME["Montluçon"].latitude, TOWNS_BY_NAME["Montluçon"].longitude)
    cher = _river_through(
        [
            (montlucon[0] - 60, montlucon[1] + 260),
            montlucon,
            (montlucon[0] + 40, montlucon[1] - 300),
        ],
        0.2,
        rng,
    )
    river_font = font(46, "italic")
    allier_label = allier[len(allier) // 2]
    river_labels = [
        ((allier_label[0] + 120, allier_label[1] + 90), "l'Allier"),
        ((montlucon[0] - 130, montlucon[1] - 200), "le Cher"),
    ]
    label_font = font(58, "bold")
    town_labels: list[tuple[Point, str]] = []
    for (x, y), reference in zip(towns, MAP_REFERENCE_POINTS, strict=True):
        label_width, label_height = text_size(draw, reference.label, label_font)
        side = TOWN_LABEL_SIDE.get(reference.label, "right")
        offsets = {
            "right": (36 + label_width / 2, 0.0),
            "left": (-36 - label_width / 2, 0.0),
            "below": (0.0, 40 + label_height / 2),
            "below-left": (30 - label_width / 2, 40 + label_height / 2),
        }
        dx, dy = offsets[side]
        town_labels.append(((x + dx, y + dy), reference.label))

    keep_clear = [_box(draw, at, text, label_font, 30) for at, text in town_labels]
    keep_clear += [_box(draw, at, text, river_font, 30) for at, text in river_labels]
    keep_clear += [(x - 60, y - 60, x + 60, y + 60) for x, y in towns]
    keep_clear += [(x - 45, y - 45, x + 45, y + 45) for x, y in (*allier, *cher)]
    _draw_hedgerows(draw, outline, keep_clear, rng)
    for river in (allier, cher):
        inside = [point for point in river if point_in_polygon(point, outline)]
        draw.line(inside, fill=RIVER_BLUE, width=12, joint="curve")
    for at, text in river_labels:
        draw_text_centered(draw, at, text, river_font, RIVER_BLUE, halo=MEADOW, halo_width=5)
    for x, y in towns:
        draw.ellipse((x - 20, y - 20, x + 20, y + 20), fill=CHARCOAL)
        draw.ellipse((x - 9, y - 9, x + 9, y + 9), fill=CREAM)
    for at, text in town_labels:
        draw_text_centered(draw, at, text, label_font, CHARCOAL, halo=CREAM, halo_width=7)

    title_font = font(128, "bold")
    draw_text_centered(draw, (width / 2, 150), MAP_TITLE, title_font, CHARCOAL)
    title_width, _ = text_size(draw, MAP_TITLE, title_font)
    hand_line(
        draw,
        [(width / 2 - title_width / 2, 262), (width / 2 + title_width / 2, 256)],
        OCHRE,
        14,
        rng,
    )
    left, _top, right, bottom = MAP_PROJECTION.box
    _draw_compass(draw, (right - 130, bottom - 150), 110, rng)
    _draw_scale_bar(draw, (left + 40, bottom - 60), rng)
    # Bottom left, under the scale bar and above the caption: the kiosk's map controls
    # (zoom buttons, "Toute la carte") sit at the top right and would cover it there.
    stamp(image, MAP_MARK.upper(), (620, height - 295), 90, -3)

    caption_font = font(44, "italic")
    lines = wrap_text(draw, MAP_CAPTION, caption_font, width - 400)
    for index, line in enumerate(lines):
        draw_text_centered(
            draw, (width / 2, height - 170 + index * 66), line, caption_font, CHARCOAL
        )
    return image


Box = tuple[float, float, float, float]


def _box(
    draw: ImageDraw.ImageDraw, center: Point, text: str, text_font: Font, margin: float
) -> Box:
    width, height = text_size(draw, text, text_font)
    return (
        center[0] - width / 2 - margin,
        center[1] - height / 2 - margin,
        center[0] + width / 2 + margin,
        center[1] + height / 2 + margin,
    )


def _draw_hedgerows(
    draw: ImageDraw.ImageDraw, outline: list[Point], keep_clear: list[Box], rng: random.Random
) -> None:
    """Little tree clumps scattered over the bocage, clear of towns, rivers and names."""
    xs = [x for x, _ in outline]
    ys = [y for _, y in outline]
    placed = 0
    attempts = 0
    while placed < 170 and attempts < 5000:
        attempts += 1
        x, y = rng.uniform(min(xs), max(xs)), rng.uniform(min(ys), max(ys))
        if not point_in_polygon((x, y), outline) or not point_in_polygon((x, y + 60), outline):
            continue
        if any(
            left <= x <= right and top <= y <= bottom for left, top, right, bottom in keep_clear
        ):
            continue
        placed += 1
        for _ in range(3):
            radius = rng.uniform(14, 24)
            cx, cy = x + rng.uniform(-22, 22), y + rng.uniform(-12, 12)
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
        width=5,
    )
    draw.polygon(
        [(x, y - radius * 0.85), (x - radius * 0.22, y), (x + radius * 0.22, y)], fill=TERRACOTTA
    )
    draw.polygon(
        [(x, y + radius * 0.85), (x - radius * 0.22, y), (x + radius * 0.22, y)], fill=CHARCOAL
    )
    draw_text_centered(
        draw, (x, y - radius - 45), "N", font(60, "bold"), CHARCOAL, halo=CREAM, halo_width=5
    )


def _draw_scale_bar(draw: ImageDraw.ImageDraw, start: Point, rng: random.Random) -> None:
    """A 20 km bar (one degree of latitude is about 111.2 km)."""
    kilometres = 20
    length = MAP_PROJECTION.pixels_per_degree * kilometres / 111.2
    x, y = start
    hand_line(draw, [(x, y), (x + length, y)], CHARCOAL, 8, rng)
    for tick in (x, x + length):
        hand_line(draw, [(tick, y - 18), (tick, y + 18)], CHARCOAL, 6, rng)
    draw_text_centered(
        draw, (x + length / 2, y - 50), f"{kilometres} km", font(40, "bold"), CHARCOAL
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
