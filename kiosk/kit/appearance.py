"""The visitor's display choices: larger text and high contrast, applied to the whole app."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from kiosk.kit.theme import HIGH_CONTRAST, LARGE_TEXT_SCALE, WARM, Metrics, Palette, style_sheet


class Appearance(QObject):
    """Holds the shared :class:`Metrics` and the palette; ``changed`` after each choice."""

    changed = Signal()

    def __init__(self, metrics: Metrics, font_family: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.metrics = metrics
        self.font_family = font_family
        self.large_text = False
        self.high_contrast = False

    @property
    def palette(self) -> Palette:
        return HIGH_CONTRAST if self.high_contrast else WARM

    def set_large_text(self, enabled: bool) -> None:
        if enabled != self.large_text:
            self.large_text = enabled
            self.metrics.text_scale = LARGE_TEXT_SCALE if enabled else 1.0
            self.apply()

    def set_high_contrast(self, enabled: bool) -> None:
        if enabled != self.high_contrast:
            self.high_contrast = enabled
            self.apply()

    def reset(self) -> None:
        """Back to the defaults (after a visit)."""
        changed = self.large_text or self.high_contrast
        self.large_text = False
        self.high_contrast = False
        self.metrics.text_scale = 1.0
        if changed:
            self.apply()

    def reset_for_next_visitor(self) -> None:
        """:class:`kiosk.ui.visitor_session.Resettable`: normal text, normal contrast."""
        self.reset()

    def apply(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            font = QFont(self.font_family)
            font.setPixelSize(self.metrics.body)
            app.setFont(font)
            app.setStyleSheet(style_sheet(self.metrics, self.palette))
        self.changed.emit()
