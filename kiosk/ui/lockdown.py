"""Kiosk lockdown: no shortcut that closes or leaves the window, no context menu, a cursor that
shows only when a real mouse moves, and a display that does not blank (X11).
"""

from __future__ import annotations

import logging
import os
import shutil

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCursor, QGuiApplication, QKeyEvent, QMouseEvent, QPointingDevice

log = logging.getLogger(__name__)

CURSOR_VISIBLE_MS = 4000

# Keys that close, minimise or switch the window in common window managers and toolkits.
BLOCKED_KEYS = {
    Qt.Key.Key_Escape,
    Qt.Key.Key_F4,
    Qt.Key.Key_F11,
    Qt.Key.Key_Tab,
    Qt.Key.Key_Super_L,
    Qt.Key.Key_Super_R,
    Qt.Key.Key_Meta,
}
BLOCKED_WITH_CONTROL = {Qt.Key.Key_Q, Qt.Key.Key_W, Qt.Key.Key_M, Qt.Key.Key_H}


def is_blocked(event: QKeyEvent) -> bool:
    """Whether a key event could close, minimise or switch away from the kiosk."""
    key = Qt.Key(event.key())
    modifiers = event.modifiers()
    if key in BLOCKED_KEYS:
        return True
    if modifiers & Qt.KeyboardModifier.AltModifier or modifiers & Qt.KeyboardModifier.MetaModifier:
        return True
    return bool(modifiers & Qt.KeyboardModifier.ControlModifier and key in BLOCKED_WITH_CONTROL)


class InputGuard(QObject):
    """An application-wide event filter that swallows what could let a visitor out."""

    def __init__(self, hide_cursor: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hide_cursor = hide_cursor
        self.enabled = True
        self._cursor_hidden = False
        self._cursor_timer = QTimer(self)
        self._cursor_timer.setSingleShot(True)
        self._cursor_timer.timeout.connect(self._hide_cursor)
        if hide_cursor:
            self._hide_cursor()

    @property
    def cursor_hidden(self) -> bool:
        return self._cursor_hidden

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.enabled:
            return False
        kind = event.type()
        is_key = kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride)
        if (is_key and isinstance(event, QKeyEvent) and is_blocked(event)) or (
            kind == QEvent.Type.ContextMenu
        ):
            event.accept()
            return True
        if (
            kind == QEvent.Type.MouseMove
            and isinstance(event, QMouseEvent)
            and self.hide_cursor
            and _from_a_real_mouse(event)
        ):
            self._show_cursor()
        return False

    def release(self) -> None:
        """Leave kiosk mode: give the cursor back."""
        self.enabled = False
        self._cursor_timer.stop()
        if self._cursor_hidden:
            QGuiApplication.restoreOverrideCursor()
            self._cursor_hidden = False

    def _show_cursor(self) -> None:
        if self._cursor_hidden:
            QGuiApplication.restoreOverrideCursor()
            self._cursor_hidden = False
        self._cursor_timer.start(CURSOR_VISIBLE_MS)

    def _hide_cursor(self) -> None:
        if not self._cursor_hidden and self.enabled:
            QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
            self._cursor_hidden = True


def _from_a_real_mouse(event: QMouseEvent) -> bool:
    if event.source() != Qt.MouseEventSource.MouseEventNotSynthesized:
        return False
    device = event.pointingDevice()
    return device is None or device.type() == QPointingDevice.DeviceType.Mouse


def x_display_control(*arguments: str) -> bool:
    """Run ``xset`` on the kiosk's X display; False (and a log line) when it cannot."""
    import subprocess  # here: not needed for the first screen (start-up, bench/bench_startup.py)

    xset = shutil.which("xset")
    if xset is None or not os.environ.get("DISPLAY"):
        log.info("xset or DISPLAY not available: display power settings left alone")
        return False
    try:
        subprocess.run([xset, *arguments], check=True, capture_output=True, timeout=5)
    except (OSError, subprocess.SubprocessError) as error:
        log.warning("xset %s failed: %s", " ".join(arguments), error)
        return False
    return True


def inhibit_screen_blanking() -> bool:
    """Screen saver and DPMS off while the kiosk runs."""
    return x_display_control("s", "off", "s", "noblank", "-dpms")


def restore_screen_blanking() -> bool:
    return x_display_control("s", "on", "s", "blank", "+dpms")


def blank_display() -> bool:
    """Turn the display off (closing hours with the "blank" setting)."""
    return x_display_control("+dpms", "dpms", "force", "off")


def wake_display() -> bool:
    return x_display_control("dpms", "force", "on") and inhibit_screen_blanking()


XRANDR_ROTATIONS = {0: "normal", 90: "left", 180: "inverted", 270: "right"}


def primary_output(xrandr_query: str) -> str | None:
    """The output to rotate, from ``xrandr --query``: the primary one, else the first connected."""
    connected = [line.split()[0] for line in xrandr_query.splitlines() if " connected" in line]
    primary = [
        line.split()[0] for line in xrandr_query.splitlines() if " connected primary" in line
    ]
    candidates = primary or connected
    return candidates[0] if candidates else None


def rotation_commands(degrees: int, output: str, touch_devices: list[str]) -> list[list[str]]:
    """Rotate ``output`` and keep each touch screen's touches where the finger is."""
    commands = [["xrandr", "--output", output, "--rotate", XRANDR_ROTATIONS[degrees]]]
    commands += [["xinput", "map-to-output", device, output] for device in touch_devices]
    return commands


def apply_rotation(degrees: int) -> bool:
    """The rotation setting, for screens the system does not rotate by itself (X11 only)."""
    if degrees not in XRANDR_ROTATIONS or not os.environ.get("DISPLAY"):
        return False
    import subprocess

    try:
        query = subprocess.run(
            ["xrandr", "--query"], check=True, capture_output=True, text=True, timeout=5
        ).stdout
        output = primary_output(query)
        if output is None:
            log.warning("rotation: xrandr lists no connected output")
            return False
        devices: list[str] = []
        if shutil.which("xinput"):
            names = subprocess.run(
                ["xinput", "list", "--name-only"], capture_output=True, text=True, timeout=5
            ).stdout
            devices = [name for name in names.splitlines() if "touch" in name.lower()]
        for command in rotation_commands(degrees, output, devices):
            subprocess.run(command, check=True, capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError) as error:
        log.warning("rotation by %d° failed: %s", degrees, error)
        return False
    log.info("screen %s rotated by %d°", output, degrees)
    return True
