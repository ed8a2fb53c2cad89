"""Text and hand-drawn strokes: wobbly lines and shapes, paper, stamps, the ant of the route's
logo."""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Sequence

from PIL import Image, ImageDraw

from kiosk.library.demo.drawing.palette import (
    CREAM,
    DESIGN_WIDTH,
    PAPER_SPECK,
    TERRACOTTA,
    Color,
    Font,
    Point,
    font,
)


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
