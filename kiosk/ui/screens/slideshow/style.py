"""The slideshow's colours and style sheet, and the text/background pairs they make."""

from __future__ import annotations

from kiosk.kit import theme


def colours(palette: theme.Palette) -> dict[str, str]:
    """The slideshow's colours, from the palette's roles.

    The stage is dark; the buttons over it are opaque and ringed, so that they read over the
    dark stage and over a light drawing alike."""
    return {
        "stage": palette.stage,
        "page": palette.background,
        "title": palette.text,
        "caption": palette.text,
        "muted": palette.muted,
        "button": palette.stage,
        "button_text": palette.stage_text,
        "button_ring": palette.stage_ring,
        "button_pressed": palette.stage_button,
        "disabled": palette.disabled,
        "disabled_text": palette.disabled_text,
        "paper": palette.paper,
        "chosen": palette.highlight,
        "text": palette.text,
    }


def text_pairs(palette: theme.Palette) -> dict[str, tuple[str, str]]:
    """Each text of the slideshow and the colour behind it (checked in the tests)."""
    c = colours(palette)
    return {
        "SlideTitle": (c["title"], c["page"]),
        "SlideCaption": (c["caption"], c["page"]),
        "SlideCredit": (c["muted"], c["page"]),
        "SlidePosition": (c["muted"], c["page"]),
        "ZoomButton": (c["button_text"], c["button"]),
        "ZoomHint": (c["button_text"], c["button"]),
        "PauseSign": (c["button_text"], c["button"]),
        "FriendlyCard": (c["text"], c["paper"]),
    }


def style_sheet(metrics: theme.Metrics, palette: theme.Palette) -> str:
    px, font, c = metrics.px, metrics.font, colours(palette)
    ring = px(3)
    return f"""
QPushButton#SlideArrow {{
    background: {c["button"]}; border: {ring}px solid {c["button_ring"]};
    border-radius: {px(48)}px; min-width: {metrics.touch}px; min-height: {metrics.touch}px;
}}
QPushButton#SlideArrow:pressed {{ background: {c["button_pressed"]}; }}
QPushButton#ZoomButton {{
    color: {c["button_text"]}; background: {c["button"]};
    border: {ring}px solid {c["button_ring"]}; border-radius: {px(18)}px;
    padding: 0 {px(22)}px; min-height: {metrics.touch}px; font-size: {font(26)}px;
    font-weight: 600;
}}
QPushButton#ZoomButton:pressed {{ background: {c["button_pressed"]}; }}
QPushButton#ZoomButton:disabled {{
    color: {c["disabled_text"]}; background: {c["disabled"]};
    border: {ring}px solid {c["disabled_text"]};
}}
QWidget#ZoomPage, QGraphicsView#ZoomView {{ background: {c["stage"]}; border: none; }}
QLabel#ZoomHint {{
    color: {c["button_text"]}; background: {c["button"]}; border-radius: {px(14)}px;
    border: {ring}px solid {c["button_ring"]};
    padding: {px(10)}px {px(18)}px; font-size: {font(26)}px;
}}
QLabel#PauseSign {{
    color: {c["button_text"]}; background: {c["button"]}; border: {ring}px solid {c["button_ring"]};
    border-radius: {px(20)}px; padding: {px(18)}px {px(30)}px; font-size: {font(30)}px;
    font-weight: 700;
}}
QLabel#SlideTitle {{ font-size: {font(30)}px; font-weight: 700; color: {c["title"]}; }}
QLabel#SlideCaption {{ font-size: {font(26)}px; color: {c["caption"]}; }}
QLabel#SlideCredit {{ font-size: {font(24)}px; color: {c["muted"]}; }}
QLabel#SlidePosition {{ font-size: {font(28)}px; color: {c["muted"]}; }}
QPushButton#ThumbButton {{
    background: {c["paper"]}; border: {px(4)}px solid transparent; border-radius: {px(10)}px;
    padding: {px(4)}px;
}}
QPushButton#ThumbButton:checked {{ border-color: {c["chosen"]}; background: {c["chosen"]}; }}
QWidget#ThumbStrip, QScrollArea#ThumbScroll {{ background: transparent; border: none; }}
QLabel#FriendlyCard {{
    background: {c["paper"]}; border-radius: {px(18)}px; padding: {px(22)}px;
    color: {c["text"]}; font-size: {font(26)}px;
}}
"""
