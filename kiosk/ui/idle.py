"""Idle detection: no touch for a while → a short countdown → a full reset.

An application-wide event filter sees every press, touch, wheel and key. While something asks
for it (a video playing, the staff area open), the timeout is suspended.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

INPUT_EVENTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseMove,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.Wheel,
    QEvent.Type.KeyPress,
    QEvent.Type.Gesture,
}


class IdleWatcher(QObject):
    """Emits ``countdown(seconds_left)`` each second of the countdown, ``cancelled`` when a
    touch stops it, and ``timed_out`` at its end."""

    countdown = Signal(int)
    cancelled = Signal()
    timed_out = Signal()
    activity = Signal()

    def __init__(self, timeout_s: float, countdown_s: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timeout_s = timeout_s
        self.countdown_s = countdown_s
        self._suspended: set[str] = set()
        self._left = 0
        self._idle_timer = QTimer(self)
        self._idle_timer.setSingleShot(True)
        self._idle_timer.timeout.connect(self._start_countdown)
        self._tick_timer = QTimer(self)
        self._tick_timer.setInterval(1000)
        self._tick_timer.timeout.connect(self._tick)
        self._enabled = False

    @property
    def suspended(self) -> bool:
        return bool(self._suspended)

    def start(self) -> None:
        self._enabled = True
        self._restart()

    def stop(self) -> None:
        """Stop watching (the attract loop or a closed screen is showing)."""
        self._enabled = False
        self._idle_timer.stop()
        if self._tick_timer.isActive():
            self._tick_timer.stop()
            self.cancelled.emit()

    def suspend(self, reason: str) -> None:
        self._suspended.add(reason)
        self._restart()

    def resume(self, reason: str) -> None:
        self._suspended.discard(reason)
        self._restart()

    def poke(self) -> None:
        """Something happened: the visitor is still there."""
        if self._tick_timer.isActive():
            self._tick_timer.stop()
            self.cancelled.emit()
        self._restart()
        self.activity.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._enabled and event.type() in INPUT_EVENTS:
            self.poke()
        return False

    def _restart(self) -> None:
        self._idle_timer.stop()
        if self._tick_timer.isActive() and self._suspended:
            self._tick_timer.stop()
            self.cancelled.emit()
        if self._enabled and not self._suspended and not self._tick_timer.isActive():
            self._idle_timer.start(round(self.timeout_s * 1000))

    def _start_countdown(self) -> None:
        if self._suspended or not self._enabled:
            return
        self._left = self.countdown_s
        self.countdown.emit(self._left)
        self._tick_timer.start()

    def _tick(self) -> None:
        self._left -= 1
        if self._left > 0:
            self.countdown.emit(self._left)
            return
        self._tick_timer.stop()
        self._enabled = False
        self.timed_out.emit()
