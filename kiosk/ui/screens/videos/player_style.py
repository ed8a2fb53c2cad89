"""The player's colours and style sheet."""

from __future__ import annotations

import logging

from kiosk.kit.theme import (
    Metrics,
    Palette,
    control_edge,
)

log = logging.getLogger(__name__)


def colours(palette: Palette) -> dict[str, str]:
    """The player's colours, from the palette's roles: its bands stand on the dark stage."""
    return {
        "band": palette.stage,
        "band_text": palette.stage_text,
        "button": palette.stage_button,
        "button_text": palette.stage_text,
        "button_pressed": palette.stage_button_pressed,
        "checked": palette.highlight,
        "checked_text": palette.highlight_text,
        "disabled": palette.disabled,
        "disabled_text": palette.disabled_text,
        "main": palette.action,
        "main_text": palette.action_text,
        "map": palette.highlight,
        "map_text": palette.highlight_text,
        "groove": palette.groove,
        "progress": palette.highlight,
        "page": palette.background,
        "card": palette.paper,
        "error_title": palette.action,
        "error_text": palette.text,
    }


def text_pairs(palette: Palette) -> dict[str, tuple[str, str]]:
    """Each text of the player and the colour behind it (checked for contrast in the tests)."""
    c = colours(palette)
    return {
        "PlayerTitle": (c["band_text"], c["band"]),
        "PlayerTime": (c["band_text"], c["band"]),
        "PlayerButton": (c["button_text"], c["button"]),
        "PlayerButton:checked": (c["checked_text"], c["checked"]),
        "PlayerMap": (c["map_text"], c["map"]),
        "ErrorTitle": (c["error_title"], c["card"]),
        "ErrorText": (c["error_text"], c["card"]),
    }


def style_sheet(metrics: Metrics, palette: Palette) -> str:
    px, font, c = metrics.px, metrics.font, colours(palette)
    return f"""
QFrame#ControlsBand {{ background: {c["band"]}; }}
QLabel#PlayerTitle {{ color: {c["band_text"]}; font-size: {font(32)}px; font-weight: 700; }}
QLabel#PlayerTime {{ color: {c["band_text"]}; font-size: {font(28)}px; font-weight: 600; }}
QPushButton#PlayerButton {{
    color: {c["button_text"]}; background: {c["button"]}; border: {control_edge(metrics, palette)};
    border-radius: {px(18)}px; padding: 0 {px(24)}px; min-height: {px(84)}px;
    min-width: {px(84)}px; font-size: {font(26)}px; font-weight: 600;
}}
QPushButton#PlayerButton:pressed {{ background: {c["button_pressed"]}; }}
QPushButton#PlayerButton:checked {{ background: {c["checked"]}; color: {c["checked_text"]}; }}
QPushButton#PlayerButton:disabled {{
    background: {c["disabled"]}; color: {c["disabled_text"]};
}}
QPushButton#PlayerMain {{
    color: {c["main_text"]}; background: {c["main"]}; border: none; border-radius: {px(48)}px;
    min-height: {px(96)}px; min-width: {px(96)}px;
}}
QPushButton#PlayerMain:pressed {{ background: {c["button_pressed"]}; }}
QPushButton#PlayerMap {{
    color: {c["map_text"]}; background: {c["map"]}; border: none; border-radius: {px(18)}px;
    padding: 0 {px(26)}px; min-height: {px(84)}px; font-size: {font(26)}px; font-weight: 700;
}}
QSlider#SeekBar::groove:horizontal, QSlider#VolumeBar::groove:horizontal {{
    height: {px(14)}px; background: {c["groove"]}; border-radius: {px(7)}px;
}}
QSlider#SeekBar::sub-page:horizontal, QSlider#VolumeBar::sub-page:horizontal {{
    background: {c["progress"]}; border-radius: {px(7)}px;
}}
QSlider#SeekBar::handle:horizontal, QSlider#VolumeBar::handle:horizontal {{
    background: {c["band_text"]}; width: {px(52)}px; height: {px(52)}px;
    margin: -{px(19)}px 0; border-radius: {px(26)}px;
}}
QSlider#SeekBar, QSlider#VolumeBar {{ min-height: {px(80)}px; }}
QFrame#ErrorCard {{ background: {c["card"]}; border-radius: {px(28)}px; }}
QLabel#ErrorTitle {{ font-size: {font(44)}px; font-weight: 700; color: {c["error_title"]}; }}
QLabel#ErrorText {{ font-size: {font(28)}px; color: {c["error_text"]}; }}
QWidget#ErrorPage {{ background: {c["page"]}; }}
"""
