"""A widget that shows for a while, then fades away (the zoom hint, the pause sign)."""

from __future__ import annotations

from PySide6.QtCore import (
    QObject,
    QPropertyAnimation,
    QTimer,
)
from PySide6.QtWidgets import (
    QGraphicsOpacityEffect,
    QWidget,
)

FADE_MS = 600


class Fader(QObject):
    """Shows a widget for a while, then fades it out and hides it."""

    def __init__(self, widget: QWidget, parent: QObject) -> None:
        super().__init__(parent)
        self.widget = widget
        self.effect = QGraphicsOpacityEffect(widget)
        self.effect.setOpacity(1.0)
        widget.setGraphicsEffect(self.effect)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.fade)
        self.animation = QPropertyAnimation(self.effect, b"opacity", self)
        self.animation.setDuration(FADE_MS)
        self.animation.setStartValue(1.0)
        self.animation.setEndValue(0.0)
        self.animation.finished.connect(widget.hide)

    def show_for(self, milliseconds: int) -> None:
        self.animation.stop()
        self.effect.setOpacity(1.0)
        self.widget.show()
        self.widget.raise_()
        self.timer.start(milliseconds)

    def fade(self) -> None:
        self.timer.stop()
        if self.widget.isVisible():
            self.animation.start()

    def hide_now(self) -> None:
        self.timer.stop()
        self.animation.stop()
        self.widget.hide()

    def is_showing(self) -> bool:
        return self.widget.isVisible() and not self.widget.isHidden()
