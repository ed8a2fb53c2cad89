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
CLOSED_BLACK = "#050505"  # the closed screen: as near a switched-off screen as can be
STONE = "#8A857C"  # a PIN key that cannot be pressed now: its digit…
STONE_LIGHT = "#B8B2A6"  # …and its edge
HEDGE_DISABLED = "#9AA597"  # a staff button that cannot be pressed now
TERRACOTTA_DISABLED = "#C9A89C"  # a staff danger button that cannot be pressed now

TILE_COLOURS = {
    "map": (HEDGE, WHITE),
    "videos": (TERRACOTTA, WHITE),
    "notes": (OCHRE, CHARCOAL),
    "page": (SAGE, WHITE),
    "page-alt": (PLUM, WHITE),
}


@dataclass(frozen=True)
class Palette:
    """The colours of the visitor screens by role; the high-contrast one is for low vision.

    Screens name what their widgets are (a sheet's name, a video tile's action) and take each
    colour from a role here, never a colour of their own: a new mode is a new palette."""

    background: str
    paper: str
    text: str
    muted: str
    bar: str
    bar_button: str
    bar_text: str
    accent: str
    scrollbar: str
    # Icons (3:1 at least on ``paper`` and ``background``): a control's icon, the list's and
    # the legend's pins (a place, a place with its video, a place not on the map yet).
    icon: str
    pin_place: str
    pin_video: str
    pin_unplaced: str
    selection: str  # behind a chosen row (its text is ``text``, 4.5:1 at least)
    disabled: str  # a control that cannot be used now, on a dark stage
    disabled_text: str  # the words of a disabled control on a dark or green button
    # On paper and on the page.
    heading: str  # a title on paper (a sheet's name, an album's, a section's)
    action: str  # the one thing to do (play the video, the player's main button)
    action_text: str
    highlight: str  # what is chosen or current (a chip, a rule, the progress, "open")
    highlight_text: str
    control: str  # a button on paper (the sheet's previous/next)
    control_text: str
    control_pressed: str
    card_pressed: str  # a card under the finger
    chip: str  # a tag
    chip_text: str
    outlined: bool  # cards drawn with an edge (black on black in high contrast)
    # The dark stage around films and drawings, and what stands on it.
    stage: str
    stage_text: str
    stage_ring: str  # the edge of a button over a drawing (light and dark drawings alike)
    stage_button: str  # a player button, a pressed stage button
    stage_button_pressed: str
    groove: str  # the empty part of a progress bar
    progress: str  # the filled part of a progress bar on the page (the wait screen's)
    tile_hues: bool  # home tiles keep their own colours (one pair for all in high contrast)


# Each role's colour in the warm palette and in the high-contrast one, side by side.
_ROLES: dict[str, tuple[str | bool, str | bool]] = {
    "background": (CREAM, "#000000"),
    "paper": (PAPER, "#111111"),
    "text": (CHARCOAL, "#FFFFFF"),
    "muted": (MUTED, "#F2F2F2"),
    "bar": (HEDGE, "#000000"),
    "bar_button": (HEDGE_DARK, "#1F1F1F"),
    "bar_text": (WHITE, "#FFFF66"),
    "accent": (OCHRE, "#FFFF66"),
    "scrollbar": (SAGE, "#FFFF66"),
    "icon": (HEDGE_DARK, "#FFFF66"),
    "pin_place": (HEDGE_DARK, "#8FE388"),
    "pin_video": (TERRACOTTA, "#FF9977"),
    "pin_unplaced": (MUTED, "#CFCFCF"),
    "selection": ("#F3E2BC", "#333300"),
    "disabled": ("#57534B", "#1F1F1F"),
    "disabled_text": ("#D7E0D3", "#9A9A9A"),
    "heading": (HEDGE_DARK, "#FFFF66"),
    "action": (TERRACOTTA, "#FFFF66"),
    "action_text": (WHITE, "#000000"),
    "highlight": (OCHRE, "#FFFF66"),
    "highlight_text": (CHARCOAL, "#000000"),
    "control": (HEDGE, "#1F1F1F"),
    "control_text": (WHITE, "#FFFF66"),
    "control_pressed": (CHARCOAL, "#000000"),
    "card_pressed": (CREAM, "#1F1F1F"),
    "chip": (CREAM, "#000000"),
    "chip_text": (HEDGE_DARK, "#FFFF66"),
    "outlined": (False, True),
    "stage": (CHARCOAL, "#000000"),
    "stage_text": (WHITE, "#FFFF66"),
    "stage_ring": (CREAM, "#FFFF66"),
    "stage_button": (HEDGE_DARK, "#1F1F1F"),
    "stage_button_pressed": (HEDGE, "#111111"),
    "groove": ("#6A655C", "#5A5A5A"),
    "progress": (HEDGE, "#FFFF66"),
    "tile_hues": (True, False),
}
WARM = Palette(**{role: warm for role, (warm, _high) in _ROLES.items()})  # type: ignore[arg-type]
HIGH_CONTRAST = Palette(**{role: high for role, (_warm, high) in _ROLES.items()})  # type: ignore[arg-type]
HIGH_CONTRAST_TILES = ("#000000", "#FFFF66")


def tile_colours(palette: Palette, own: tuple[str, str]) -> tuple[str, str]:
    """A home tile's (background, text) in ``palette``: its own colours (``TILE_COLOURS``), or
    the one pair every tile takes where hue says nothing (high contrast)."""
    return own if palette.tile_hues else HIGH_CONTRAST_TILES


# The band of the attract loop's invitation, over any drawing: dark enough that its white and
# its light ochre line stay above 4.5:1 even over a white drawing seen through it.
INVITATION_BAND = (24, 24, 22, 235)
INVITATION_SECOND = "#FFD27A"
INVITATION_PLATE = "#1E1E1C"  # the same band drawn opaque (X shows nothing through a window)
# The veil over the screen under a card (PIN pad, countdown, staff question): the screen
# still shows through, dimmed enough for the card to stand out.
SCRIM = "rgba(20, 20, 18, 210)"

PREFERRED_FONTS = ("Open Sans", "DejaVu Sans")

MIN_TOUCH_PX = 72
BODY_PX = 26


LARGE_TEXT_SCALE = 1.25


@dataclass
class Metrics:
    """Pixel sizes for one screen. ``text_scale`` is the visitor's larger-text choice; it is
    shared by every widget and changed in place, then the style sheet is applied again."""

    scale: float
    text_scale: float = 1.0

    def px(self, base: float) -> int:
        """A length (margin, icon, touch target) for a length of ``base`` at 1080p."""
        return max(1, round(base * self.scale))

    def font(self, base: float) -> int:
        """A font pixel size, with the visitor's text size."""
        return max(1, round(base * self.scale * self.text_scale))

    @property
    def touch(self) -> int:
        return self.px(MIN_TOUCH_PX)

    @property
    def body(self) -> int:
        return self.font(BODY_PX)

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


def control_edge(metrics: Metrics, palette: Palette, width: float = 3) -> str:
    """The border of a filled control: none in the warm palette (its fill stands out), a line
    of the accent where cards and controls are outlined (a dark fill on black would vanish)."""
    return f"{metrics.px(width)}px solid {palette.accent}" if palette.outlined else "none"


def style_sheet(metrics: Metrics, palette: Palette = WARM) -> str:
    px, font, c = metrics.px, metrics.font, palette
    return f"""
QWidget#KioskWindow, QWidget#Screen {{ background: {c.background}; color: {c.text}; }}
QWidget {{ font-size: {metrics.body}px; color: {c.text}; }}
QLabel {{ background: transparent; }}
QWidget#TopBar {{ background: {c.bar}; border-bottom: {px(3)}px solid {c.bar_button}; }}
QLabel#TopBarTitle {{ color: {c.bar_text}; font-size: {font(34)}px; font-weight: 600; }}
QLabel#TopBarBrand {{ color: {c.bar_text}; font-size: {font(26)}px; font-weight: 600; }}
QPushButton#BarButton {{
    color: {c.bar_text}; background: {c.bar_button}; border: {px(2)}px solid {c.bar_text};
    border-radius: {px(18)}px; padding: 0 {px(26)}px; min-height: {metrics.touch}px;
    font-size: {font(26)}px;
    font-weight: 600;
}}
QPushButton#BarButton:pressed {{ background: {c.text}; color: {c.background}; }}
QPushButton#LanguageButton {{
    color: {c.bar_text}; background: transparent; border: {px(3)}px solid {c.bar_text};
    border-radius: {px(18)}px; min-width: {metrics.touch}px; min-height: {metrics.touch}px;
    font-size: {font(26)}px; font-weight: 700;
}}
QPushButton#LanguageButton:checked {{ background: {c.bar_text}; color: {c.bar}; }}
QLabel#HomeTitle {{ font-size: {font(58)}px; font-weight: 700; color: {c.text}; }}
QLabel#HomeSubtitle {{ font-size: {font(30)}px; color: {c.muted}; }}
QLabel#ScreenTitle {{ font-size: {font(46)}px; font-weight: 700; color: {c.text}; }}
QLabel#Hint {{ font-size: {font(26)}px; color: {c.muted}; }}
QLabel#Credits {{ font-size: {font(24)}px; color: {c.muted}; }}
QFrame#Card {{ background: {c.paper}; border-radius: {px(24)}px; }}
QLabel#CardTitle {{ font-size: {font(30)}px; font-weight: 700; }}
QLabel#CardText {{ font-size: {metrics.body}px; color: {c.muted}; }}
QLabel#Notice {{
    background: {c.paper}; color: {c.text}; border-left: {px(8)}px solid {c.accent};
    border-radius: {px(12)}px; padding: {px(18)}px; font-size: {font(26)}px;
}}
QTextBrowser#PageText {{
    background: {c.paper}; border: none; border-radius: {px(24)}px; padding: {px(12)}px;
    font-size: {font(28)}px; color: {c.text};
}}
QListWidget#PlaceList {{
    background: {c.paper}; border: none; border-radius: {px(24)}px; padding: {px(12)}px;
    font-size: {font(26)}px;
}}
QListWidget#PlaceList::item {{ min-height: {metrics.touch}px; padding: 0 {px(16)}px; }}
QScrollBar:vertical {{ width: {px(14)}px; background: transparent; }}
QScrollBar::handle:vertical {{
    background: {c.scrollbar}; border-radius: {px(7)}px; min-height: {px(60)}px;
}}
QScrollBar::add-line, QScrollBar::sub-line {{ height: 0; }}
"""
