"""libvlc's events handed over to the GUI thread.

libvlc calls its event callbacks on its own threads and is not re-entrant: a callback here
reads the event and the deck's load token (plain integers) and emits a queued Qt signal; it
never calls libvlc and never touches a widget. The player's ``@Slot`` does the rest on the GUI
thread.
"""

from __future__ import annotations

import contextlib
from typing import Any, Protocol

import vlc
from PySide6.QtCore import QObject, Signal

# The libvlc events the player listens to, forwarded as plain integers.
EVENTS = {
    vlc.EventType.MediaPlayerPlaying: "playing",
    vlc.EventType.MediaPlayerPaused: "paused",
    vlc.EventType.MediaPlayerVout: "vout",
    vlc.EventType.MediaPlayerEndReached: "ended",
    vlc.EventType.MediaPlayerEncounteredError: "error",
}


class EventBridge(QObject):
    """Carries libvlc events from libvlc's threads to the GUI thread (queued connection)."""

    forwarded = Signal(int, int, str, int)  # deck index, load token, event name, vout count


class Tokened(Protocol):
    token: int


def attach_events(player: Any, bridge: EventBridge, index: int, deck: Tokened) -> None:
    """Forward ``player``'s events to ``bridge`` as (index, deck.token, name, vout count)."""
    manager = player.event_manager()
    for event_type, name in EVENTS.items():

        def forward(event: Any, name: str = name) -> None:
            # On a libvlc thread: read the event struct and the deck's token (a plain int),
            # hand both to the GUI thread, nothing else.
            # new_count is a C int inside a union: keep its 31 low bits.
            count = int(event.u.new_count) & 0x7FFFFFFF if name == "vout" else 0
            # RuntimeError: the bridge is gone, the player is being torn down.
            with contextlib.suppress(RuntimeError):
                bridge.forwarded.emit(index, deck.token, name, count)

        manager.event_attach(event_type, forward)


def detach_events(player: Any) -> None:
    """No more callbacks from ``player`` (before it is stopped and released)."""
    manager = player.event_manager()
    for event_type in EVENTS:
        manager.event_detach(event_type)
