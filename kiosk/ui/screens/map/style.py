"""The map screen's style sheet and the text/background pairs it uses (contrast tests)."""

from __future__ import annotations

from kiosk.kit.theme import (
    WARM,
    Metrics,
    Palette,
)


def text_pairs(palette: Palette) -> list[tuple[str, str]]:
    """The (text, background) colour pairs this screen draws, for the contrast test."""
    return [
        (palette.text, palette.paper),
        (palette.text, palette.selection),  # the chosen row
        (palette.muted, palette.selection),
        (palette.muted, palette.paper),
        (palette.muted, palette.background),
        (palette.bar_text, palette.bar_button),
    ]


def _style(metrics: Metrics, palette: Palette = WARM) -> str:
    px, font, c = metrics.px, metrics.font, palette
    return f"""
QListView#PlaceList {{
    background: {c.paper}; border: none; border-radius: {px(24)}px; padding: {px(8)}px;
}}
QPushButton#Chip {{
    background: {c.paper}; color: {c.text};
    border: {px(2)}px solid {c.accent if c.outlined else c.bar};
    border-radius: {px(22)}px; padding: 0 {px(22)}px; font-size: {font(24)}px; font-weight: 600;
}}
QPushButton#Chip:checked {{
    background: {c.bar_button}; color: {c.bar_text}; border-color: {c.bar_text};
}}
QScrollArea, QWidget#ChipHolder {{ background: transparent; }}
QLabel#ListCount {{ font-size: {font(26)}px; color: {c.muted}; }}
QFrame#NoMatch {{ background: {c.paper}; border-radius: {px(24)}px; }}
QLabel#NoMatchText {{ font-size: {font(30)}px; font-weight: 600; color: {c.text}; }}
QPushButton#MapButton {{
    background: {c.paper}; color: {c.text}; border: {px(2)}px solid {c.bar};
    border-radius: {px(18)}px; padding: 0 {px(18)}px; font-size: {font(24)}px; font-weight: 700;
}}
QPushButton#MapButton:pressed {{ background: {c.background}; }}
QWidget#MapLegend {{ background: transparent; }}
QLabel#LegendText {{ font-size: {font(22)}px; color: {c.text}; }}
QLabel#MapCredit {{ font-size: {font(19)}px; color: {c.muted}; }}
QFrame#MapFrame {{ background: {c.background}; border-radius: {px(24)}px; }}
"""
