"""The demo pictures' colours, fonts and design canvas."""

from __future__ import annotations

import functools
from pathlib import Path

from PIL import ImageFont

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
