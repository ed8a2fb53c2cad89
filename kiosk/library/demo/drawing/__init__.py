"""Pillow renderers of the demo pictures: the map of the Allier, graphic notes, video title cards.

Qt-free. Shapes are drawn from code with seeded random generators, so one build draws the same
pictures as the next. Layouts are designed on a fixed canvas (3000 units wide) and scaled.
"""

from __future__ import annotations

from kiosk.library.demo.drawing.demo_map import (
    MAP_PROJECTION,
    MAP_REFERENCE_POINTS,
    MAP_SIZE,
    commune_outline,
    department_outline,
    project,
    projected,
    render_map,
)
from kiosk.library.demo.drawing.notes import render_drawing
from kiosk.library.demo.drawing.palette import CHARCOAL, CREAM, HEDGE_DARK, OCHRE, TERRACOTTA, font
from kiosk.library.demo.drawing.strokes import draw_ant, draw_text_centered, point_in_polygon
from kiosk.library.demo.drawing.title_cards import title_card

__all__ = [
    "CHARCOAL",
    "CREAM",
    "HEDGE_DARK",
    "MAP_PROJECTION",
    "MAP_REFERENCE_POINTS",
    "MAP_SIZE",
    "OCHRE",
    "TERRACOTTA",
    "commune_outline",
    "department_outline",
    "draw_ant",
    "draw_text_centered",
    "font",
    "point_in_polygon",
    "project",
    "projected",
    "render_drawing",
    "render_map",
    "title_card",
]
