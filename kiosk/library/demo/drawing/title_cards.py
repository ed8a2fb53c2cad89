"""Title cards of the demo videos."""

from __future__ import annotations

import random
from collections.abc import Sequence

from PIL import Image, ImageDraw

from kiosk.library.demo.drawing.palette import CHARCOAL, HEDGE_DARK, HEDGE_GREEN, MEADOW, OCHRE
from kiosk.library.demo.drawing.strokes import (
    draw_text_centered,
    fitting_font,
    hand_line,
    paper,
    stamp,
    text_size,
)


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
