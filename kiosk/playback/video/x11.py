"""The X11 requests the player needs, made through libxcb (ctypes) on a connection of its own.

libvlc's X11 outputs draw into a window of their own, made inside the surface we hand over,
with a black background: whenever that window is mapped, uncovered (a drawing taken away from
above it) or raised (the next deck of a sequence), the X server first fills it with black, and
the film's next picture comes up to 40 ms later. Set to "no background", the window keeps what
was on screen there until libvlc draws.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import sys
from collections.abc import Sequence
from typing import Any

from PySide6.QtGui import QGuiApplication

log = logging.getLogger(__name__)


class _Cookie(ctypes.Structure):
    _fields_ = [("sequence", ctypes.c_uint)]


XCB_CW_BACK_PIXMAP = 1


class XcbHelper:
    """The two X requests the player needs, made through libxcb (ctypes) on a connection of
    its own: list libvlc's video window (a child of the surface), and set its background to
    None so that mapping it does not clear it to black. xcb reports a failed request (a window
    libvlc has just destroyed) as an error event, dropped here; Xlib would exit the process."""

    def __init__(self) -> None:
        self._lib: Any = None
        self._libc: Any = None
        self._connection: int | None = None
        self._failed = False

    def _open(self) -> bool:
        if self._connection is not None:
            return True
        if self._failed or not sys.platform.startswith("linux") or not os.environ.get("DISPLAY"):
            return False
        try:
            lib = ctypes.CDLL(ctypes.util.find_library("xcb") or "libxcb.so.1")
            libc = ctypes.CDLL(None)
            lib.xcb_connect.restype = ctypes.c_void_p
            lib.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
            lib.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
            lib.xcb_query_tree.restype = _Cookie
            lib.xcb_query_tree.argtypes = [ctypes.c_void_p, ctypes.c_uint32]
            lib.xcb_query_tree_reply.restype = ctypes.c_void_p
            lib.xcb_query_tree_reply.argtypes = [ctypes.c_void_p, _Cookie, ctypes.c_void_p]
            lib.xcb_query_tree_children.restype = ctypes.POINTER(ctypes.c_uint32)
            lib.xcb_query_tree_children.argtypes = [ctypes.c_void_p]
            lib.xcb_query_tree_children_length.argtypes = [ctypes.c_void_p]
            lib.xcb_change_window_attributes.restype = _Cookie
            lib.xcb_change_window_attributes.argtypes = [
                ctypes.c_void_p,
                ctypes.c_uint32,
                ctypes.c_uint32,
                ctypes.c_void_p,
            ]
            lib.xcb_get_input_focus.restype = _Cookie
            lib.xcb_get_input_focus.argtypes = [ctypes.c_void_p]
            lib.xcb_get_input_focus_reply.restype = ctypes.c_void_p
            lib.xcb_get_input_focus_reply.argtypes = [ctypes.c_void_p, _Cookie, ctypes.c_void_p]
            lib.xcb_poll_for_event.restype = ctypes.c_void_p
            lib.xcb_poll_for_event.argtypes = [ctypes.c_void_p]
            libc.free.argtypes = [ctypes.c_void_p]
            connection = lib.xcb_connect(None, None)
        except (OSError, AttributeError):
            log.info("no libxcb: the first picture may follow a black frame")
            self._failed = True
            return False
        if not connection or lib.xcb_connection_has_error(connection):
            self._failed = True
            return False
        self._lib, self._libc, self._connection = lib, libc, connection
        return True

    def available(self) -> bool:
        """True when the X server can be reached through libxcb (X11 with libxcb installed)."""
        return self._open()

    def children(self, window: int) -> tuple[int, ...]:
        """The child windows of ``window`` (libvlc's video window); () when unknown."""
        if not self._open():
            return ()
        lib = self._lib
        error = ctypes.c_void_p()
        reply = lib.xcb_query_tree_reply(
            self._connection, lib.xcb_query_tree(self._connection, window), ctypes.byref(error)
        )
        if error.value:
            self._libc.free(error)
        if not reply:
            return ()
        try:
            count = lib.xcb_query_tree_children_length(reply)
            kids = lib.xcb_query_tree_children(reply)
            return tuple(int(kids[i]) for i in range(count))
        finally:
            self._libc.free(reply)

    def keep_pixels_on_map(self, windows: Sequence[int]) -> None:
        """Background "None": mapping or exposing these windows leaves the screen as it is."""
        if not windows or not self._open():
            return
        lib, connection = self._lib, self._connection
        none = ctypes.c_uint32(0)
        for window in windows:
            lib.xcb_change_window_attributes(
                connection, window, XCB_CW_BACK_PIXMAP, ctypes.byref(none)
            )
        # A round trip: the change is made before the window is mapped; then drop any error.
        reply = lib.xcb_get_input_focus_reply(connection, lib.xcb_get_input_focus(connection), None)
        if reply:
            self._libc.free(reply)
        while event := lib.xcb_poll_for_event(connection):
            self._libc.free(event)


xcb = XcbHelper()


def keep_pixels_when_uncovered(window_id: int) -> int:
    """libvlc's windows under ``window_id`` keep the pixels beneath them when uncovered or
    raised, instead of flashing black (X11 only; elsewhere nothing to do). Returns how many
    windows were changed under it (0 when none, or not on X11). The same libxcb connection as
    the player's first picture (:data:`xcb`)."""
    if QGuiApplication.platformName() != "xcb":
        return 0
    under: list[int] = []
    pending = list(xcb.children(window_id))
    while pending:
        child = pending.pop()
        under.append(child)
        pending.extend(xcb.children(child))
    xcb.keep_pixels_on_map([window_id, *under])
    return len(under)
