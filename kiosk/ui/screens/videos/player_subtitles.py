"""Subtitles readable from a metre and clear of the player's controls."""

from __future__ import annotations

import logging

from kiosk.kit.context import UiContext
from kiosk.playback.video.instance import (
    SubtitleStyle,
    set_subtitle_style,
)

log = logging.getLogger(__name__)

# The bottom band's height at 1080p, landscape (seek row and transport row with their margins):
# subtitles are drawn this far (plus a gap) above the bottom of the picture, so the band never
# covers them. In portrait the picture sits between the bands and needs no margin.
BOTTOM_BAND_PX = 216
SUBTITLE_GAP_PX = 20


def subtitle_style_for(context: UiContext) -> SubtitleStyle:
    """Subtitles readable from a metre and clear of the controls, for this kiosk's screen."""
    px = context.metrics.px
    if context.portrait:
        return SubtitleStyle(margin_px=px(SUBTITLE_GAP_PX), relative_size=11)
    return SubtitleStyle(margin_px=px(BOTTOM_BAND_PX + SUBTITLE_GAP_PX), relative_size=15)


def configure_subtitles(context: UiContext) -> bool:
    """Give the process's libvlc instance the kiosk's subtitle style; call it before the first
    VideoPlayer is made (the player screen does; a screen that makes one earlier calls it too).
    False when the instance existed already with another style."""
    done = set_subtitle_style(subtitle_style_for(context))
    if not done:
        log.warning("libvlc started before the player screen: subtitles keep their margin")
    return done
