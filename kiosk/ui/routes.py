"""The visitor screens by name: one :class:`Route` for each, and where each screen's class lives.

A route is a screen's name (``Route``) and an argument (a place's slug, a media id...). The
names are those of ``kiosk run --route`` (a ``StrEnum``: ``Route.MAP == "map"``); the kiosk
can also start in a :class:`KioskState` there (the attract loop, the countdown, the PIN pad).
Screens other than the home screen are imported when first built (start-up stays light): this
module names their module and class, it imports none of them.
"""

from __future__ import annotations

import enum


class Route(enum.StrEnum):
    HOME = "home"
    MAP = "map"
    VIDEOS = "videos"
    PLAYER = "player"
    NOTES = "notes"
    SLIDESHOW = "slideshow"
    PAGE = "page"

    @classmethod
    def named(cls, name: str) -> Route | None:
        """The route of that name, None for none."""
        try:
            return cls(name)
        except ValueError:
            return None


class KioskState(enum.StrEnum):
    """Not screens: states ``kiosk run --route`` may start the kiosk in (screenshots)."""

    ATTRACT = "attract"
    COUNTDOWN = "countdown"
    PIN = "pin"


# The screens built on first use: (module, class). The home screen is built at start.
LAZY_SCREENS: dict[Route, tuple[str, str]] = {
    Route.MAP: ("kiosk.ui.screens.map", "MapScreen"),
    Route.VIDEOS: ("kiosk.ui.screens.videos.list_screen", "VideosScreen"),
    Route.PLAYER: ("kiosk.ui.screens.videos.player_screen", "PlayerScreen"),
    Route.NOTES: ("kiosk.ui.screens.notes", "NotesScreen"),
    Route.SLIDESHOW: ("kiosk.ui.screens.slideshow", "SlideshowScreen"),
    Route.PAGE: ("kiosk.ui.screens.page", "PageScreen"),
}

# Built in the background once the first screen is up (the player waits for a video).
PRELOADED: tuple[Route, ...] = (Route.MAP, Route.VIDEOS, Route.NOTES, Route.SLIDESHOW, Route.PAGE)
