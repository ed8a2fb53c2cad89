"""The process's one libvlc instance and its options (output, sound, subtitle style).

libvlc is made once, on first use, and lives as long as the process; the subtitle style must
be chosen before it exists (libvlc 3 cannot move subtitles of an existing instance).
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import vlc
from PySide6.QtGui import QGuiApplication

from kiosk.playback.memory import keep_large_blocks_out_of_heap

log = logging.getLogger(__name__)

VOUT_ENV = "KIOSK_VLC_VOUT"
AOUT_ENV = "KIOSK_VLC_AOUT"

BASE_OPTIONS = (
    "--no-video-title-show",  # no file name painted over the first seconds
    "--no-osd",  # no volume/seek messages painted by VLC: the kiosk draws its own controls
    "--quiet",
    "--no-stats",
    "--no-snapshot-preview",
    "--no-sub-autodetect-file",  # the kiosk chooses the subtitle file itself
    "--drop-late-frames",
    "--skip-frames",
)


# Subtitles: readable from a metre at 1080p, and above the player's bottom band.
# --sub-margin is in screen pixels from the bottom of the picture, and only the instance's
# value counts (libvlc 3 gives no way to move subtitles once a player exists; a media option is
# ignored): the player screen sets it with set_subtitle_style() before the instance is made.
# --freetype-rel-fontsize is a divisor of the picture's height (16 is VLC's "normal", 12 its
# "large"); the outline and a dark box behind the text keep it readable on any picture.
@dataclass(frozen=True)
class SubtitleStyle:
    margin_px: int = 0
    relative_size: int = 15
    outline: int = 4  # VLC's "normal" thickness
    box_opacity: int = 150  # 0-255, the box behind the text


_subtitle_style = SubtitleStyle()


def set_subtitle_style(style: SubtitleStyle) -> bool:
    """The subtitle style of the process's libvlc instance; False if it exists already (the
    style it was made with stays)."""
    global _subtitle_style
    if _instance is not None:
        return style == _subtitle_style
    _subtitle_style = style
    return True


def forget_instance() -> None:
    """Drop the process's libvlc instance so that the next player makes a new one with the
    current style (tests that change the screen's orientation). libvlc counts references: the
    players made on the old instance keep it alive until they are released."""
    global _instance
    if _instance is not None:
        _instance.release()
        _instance = None


def subtitle_style() -> SubtitleStyle:
    return _subtitle_style


def subtitle_options(style: SubtitleStyle) -> list[str]:
    return [
        f"--sub-margin={max(0, style.margin_px)}",
        f"--freetype-rel-fontsize={style.relative_size}",
        f"--freetype-outline-thickness={style.outline}",
        f"--freetype-background-opacity={max(0, min(255, style.box_opacity))}",
        "--freetype-background-color=0",
    ]


# Without a GPU (Xvfb): decode in software and draw with plain X11. ``--vout`` alone does not
# do it: ``set_xwindow`` resets the player's "vout" to "any", and libvlc then picks its OpenGL
# output, which loads Mesa's software renderer (libLLVM, ~90 MB resident) and draws every
# frame through llvmpipe. With no OpenGL provider allowed, "any" falls back to xcb_x11.
SOFTWARE_OUTPUT_OPTIONS = ("--avcodec-hw=none", "--gl=none", "--gles2=none")

_instance: Any = None


class VideoUnavailableError(RuntimeError):
    """libvlc could not be started (missing library or plugins)."""


def _running_on_xvfb() -> bool:
    """True when DISPLAY is a local Xvfb: no GPU there, so VLC's OpenGL output is pointless."""
    display = os.environ.get("DISPLAY", "")
    number = display.rpartition(":")[2].partition(".")[0]
    if not display.startswith(":") or not number.isdigit():
        return False
    try:
        pid = Path(f"/tmp/.X{number}-lock").read_text().strip()
        return Path(f"/proc/{pid}/comm").read_text().strip() == "Xvfb"
    except OSError:
        return False


def _has_sound_card() -> bool:
    cards = Path("/proc/asound/cards")
    try:
        return "no soundcards" not in cards.read_text()
    except OSError:
        return False


def instance_options(environ: dict[str, str] | None = None) -> list[str]:
    """The libvlc options of the kiosk: quiet, no title or OSD, an output fit for the display."""
    env = os.environ if environ is None else environ
    options = list(BASE_OPTIONS)
    options.extend(subtitle_options(_subtitle_style))
    vout = env.get(VOUT_ENV, "")
    if not vout and sys.platform.startswith("linux") and _running_on_xvfb():
        vout = "xcb_x11"
    if vout:
        options.append(f"--vout={vout}")
        if vout == "xcb_x11":
            options.extend(SOFTWARE_OUTPUT_OPTIONS)
    aout = env.get(AOUT_ENV, "")
    if not aout and sys.platform.startswith("linux") and not _has_sound_card():
        # Without a sound card ALSA prints pages of errors each time a clip starts.
        aout = "adummy"
    if aout:
        options.append(f"--aout={aout}")
    return options


def vlc_instance() -> Any:
    """The process's one ``vlc.Instance``, created on first use."""
    global _instance
    if _instance is None:
        # Before libvlc's threads start: its pictures are big blocks (kiosk.playback.memory).
        keep_large_blocks_out_of_heap()
        options = instance_options()
        created = vlc.Instance(options)
        if created is None:
            raise VideoUnavailableError(
                "libvlc n'a pas pu démarrer (options : " + " ".join(options) + ")"
            )
        log.info("libvlc %s started (%s)", vlc.libvlc_get_version().decode(), " ".join(options))
        _instance = created
    return _instance


# Qt platforms whose native windows libvlc can draw into.
NATIVE_VIDEO_PLATFORMS = {"xcb", "windows", "cocoa"}


def native_video_available() -> bool:
    """Whether libvlc can be given a native window: handing it an offscreen or Wayland "window"
    makes it crash, so the player refuses to start instead (a friendly card is shown)."""
    return QGuiApplication.platformName() in NATIVE_VIDEO_PLATFORMS


def output_has_own_window() -> bool:
    """libvlc's X11 outputs (xcb_x11, xcb_xv) draw into a child window they make themselves;
    its OpenGL output draws into the surface it is given."""
    return any(option.startswith("--vout=xcb") for option in instance_options())
