"""Colours, sizes and the style sheet: warm, rural, cooperative; sized for 1080p touch.

Sizes are given for a 1920×1080 screen and multiplied by a scale computed from the real screen
(1.0 at 1080p in landscape or portrait), then by the visitor's text size choice.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QFont, QFontDatabase

# Palette (text/background pairs are at least 4.5:1, checked in tests/test_theme.py).
CREAM = "#F7F0E1"
PAPER = "#FFFBF2"
CHARCOAL = "#2B2A27"
HEDGE = "#3E6B39"  # hedgerow green
HEDGE_DARK = "#2C4F29"
OCHRE = "#E0A03A"
TERRACOTTA = "#A5462D"
SAGE = "#4F7064"
PLUM = "#6B4A6E"
MUTED = "#5C574E"  # secondary text on cream
WHITE = "#FFFFFF"

TILE_COLOURS = {
    "map": (HEDGE, WHITE),
    "videos": (TERRACOTTA, WHITE),
    "notes": (OCHRE, CHARCOAL),
    "page": (SAGE, WHITE),
    "page-alt": (PLUM, WHITE),
}

PREFERRED_FONTS = ("Open Sans", "DejaVu Sans")

MIN_TOUCH_PX = 72
BODY_PX = 26


@dataclass(frozen=True)
class Metrics:
    """Pixel sizes for one screen."""

    scale: float

    def px(self, base: float) -> int:
        return max(1, round(base * self.scale))

    @property
    def touch(self) -> int:
        return self.px(MIN_TOUCH_PX)

    @property
    def body(self) -> int:
        return self.px(BODY_PX)

    @property
    def icon(self) -> QSize:
        size = self.px(40)
        return QSize(size, size)


def scale_for(width: int, height: int) -> float:
    """1.0 on a 1080p screen whichever way round; smaller screens scale down, not below 0.6."""
    long_side, short_side = max(width, height), min(width, height)
    return max(0.6, min(long_side / 1920, short_side / 1080))


def font_family() -> str:
    families = set(QFontDatabase.families())
    for family in PREFERRED_FONTS:
        if family in families:
            return family
    return QFont().defaultFamily()


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio between two colours."""

    def luminance(colour: str) -> float:
        parsed = QColor(colour)
        red, green, blue = (
            value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
            for value in (parsed.redF(), parsed.greenF(), parsed.blueF())
        )
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def style_sheet(metrics: Metrics) -> str:
    px = metrics.px
    return f"""
QWidget#KioskWindow, QWidget#Screen {{ background: {CREAM}; color: {CHARCOAL}; }}
QWidget {{ font-size: {metrics.body}px; color: {CHARCOAL}; }}
QLabel {{ background: transparent; }}
QWidget#TopBar {{ background: {HEDGE}; }}
QLabel#TopBarTitle {{ color: {WHITE}; font-size: {px(34)}px; font-weight: 600; }}
QPushButton#BarButton {{
    color: {WHITE}; background: {HEDGE_DARK}; border: none; border-radius: {px(18)}px;
    padding: 0 {px(26)}px; min-height: {metrics.touch}px; font-size: {px(26)}px;
    font-weight: 600;
}}
QPushButton#BarButton:pressed {{ background: {CHARCOAL}; }}
QPushButton#LanguageButton {{
    color: {WHITE}; background: transparent; border: {px(3)}px solid {WHITE};
    border-radius: {px(18)}px; min-width: {metrics.touch}px; min-height: {metrics.touch}px;
    font-size: {px(26)}px; font-weight: 700;
}}
QPushButton#LanguageButton:checked {{ background: {WHITE}; color: {HEDGE_DARK}; }}
QLabel#HomeTitle {{ font-size: {px(58)}px; font-weight: 700; color: {HEDGE_DARK}; }}
QLabel#HomeSubtitle {{ font-size: {px(30)}px; color: {MUTED}; }}
QLabel#ScreenTitle {{ font-size: {px(46)}px; font-weight: 700; color: {HEDGE_DARK}; }}
QLabel#Hint {{ font-size: {px(26)}px; color: {MUTED}; }}
QLabel#Credits {{ font-size: {px(22)}px; color: {MUTED}; }}
QFrame#Card {{ background: {PAPER}; border-radius: {px(24)}px; }}
QLabel#CardTitle {{ font-size: {px(30)}px; font-weight: 700; }}
QLabel#CardText {{ font-size: {metrics.body}px; color: {MUTED}; }}
QLabel#Notice {{
    background: {PAPER}; color: {CHARCOAL}; border-left: {px(8)}px solid {OCHRE};
    border-radius: {px(12)}px; padding: {px(18)}px; font-size: {px(26)}px;
}}
QTextBrowser#PageText {{
    background: {PAPER}; border: none; border-radius: {px(24)}px; padding: {px(36)}px;
    font-size: {px(28)}px; color: {CHARCOAL};
}}
QListWidget#PlaceList {{
    background: {PAPER}; border: none; border-radius: {px(24)}px; padding: {px(12)}px;
    font-size: {px(26)}px;
}}
QListWidget#PlaceList::item {{ min-height: {metrics.touch}px; padding: 0 {px(16)}px; }}
QScrollBar:vertical {{ width: {px(14)}px; background: transparent; }}
QScrollBar::handle:vertical {{
    background: {SAGE}; border-radius: {px(7)}px; min-height: {px(60)}px;
}}
QScrollBar::add-line, QScrollBar::sub-line {{ height: 0; }}
"""
