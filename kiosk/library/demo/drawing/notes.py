"""Graphic notes: a demo drawing of bubbles, arrows, sparkles and doodles from its texts."""

from __future__ import annotations

import math
import random

from PIL import Image, ImageDraw

from kiosk.library.demo.drawing.palette import (
    CHARCOAL,
    DESIGN_WIDTH,
    HEDGE_DARK,
    MEADOW,
    OCHRE,
    OCHRE_LIGHT,
    RIVER_BLUE,
    SKY_LIGHT,
    TERRACOTTA,
    Point,
    font,
)
from kiosk.library.demo.drawing.strokes import (
    blob_points,
    draw_ant,
    draw_text_centered,
    fitting_font,
    hand_line,
    hand_shape,
    paper,
    stamp,
    wrap_text,
)
from kiosk.library.demo.texts import (
    DRAWING_MARK,
    DrawingText,
)


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
