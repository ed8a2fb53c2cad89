"""The deep-zoom page of the slideshow: the drawing view, its buttons and its hint."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.kit.theme import Metrics
from kiosk.kit.widgets import IconButton, plain_label
from kiosk.kit.widgets_drawing import DrawingView
from kiosk.playback.image_cache import ImageCache
from kiosk.ui.screens.slideshow.fader import Fader


class ZoomPage(QWidget):
    """One drawing in the deep-zoom view, with zoom out / in, whole page and close buttons
    in a corner and a hint that fades away. The screen gives the texts (``retranslate``)."""

    def __init__(self, cache: ImageCache, metrics: Metrics, parent: QWidget | None = None):
        super().__init__(parent)
        self.metrics = metrics
        px = metrics.px
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.setObjectName("ZoomPage")
        # The view's band below the drawing (its bottom margin, where the buttons are) and
        # around the drawing are one surface, the stage's colour (the screen sets it).
        self.view = DrawingView(cache)
        self.view.setObjectName("ZoomView")
        layout.addWidget(self.view)
        self.bar = QWidget(self.view)
        bar = QHBoxLayout(self.bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(px(16))

        def button(icon: str) -> IconButton:
            return IconButton(icon, "", metrics, object_name="ZoomButton", parent=self.bar)

        self.zoom_out_button = button("mdi6.magnify-minus-outline")
        self.zoom_in_button = button("mdi6.magnify-plus-outline")
        self.whole_page_button = button("mdi6.fit-to-page-outline")
        self.close_button = button("mdi6.close")
        for widget in (
            self.zoom_out_button,
            self.zoom_in_button,
            self.whole_page_button,
            self.close_button,
        ):
            bar.addWidget(widget)
        self.hint = plain_label("ZoomHint", parent=self.view)
        self.hint.setWordWrap(True)
        self.hint_fade = Fader(self.hint, self)
        self.hint.hide()
        self.whole_page_button.clicked.connect(lambda: self.view.reset_zoom())
        self.zoom_in_button.clicked.connect(lambda: self.zoom_step(1.6))
        self.zoom_out_button.clicked.connect(lambda: self.zoom_step(1 / 1.6))
        self.view.zoom_changed.connect(self._on_zoom_changed)

    def zoom_step(self, factor: float) -> None:
        self.view.touched.emit()
        self.view.zoom_at(QPointF(self.view.viewport().rect().center()), factor)

    def _on_zoom_changed(self, scale: float) -> None:
        view = self.view
        self.zoom_in_button.setEnabled(scale < view.max_scale() * 0.999)
        self.zoom_out_button.setEnabled(view.is_zoomed_in())
        self.whole_page_button.setEnabled(view.is_zoomed_in())

    def place_overlays(self) -> None:
        """The buttons bottom right, in a band of their own below the drawing (the whole page
        fits above it: no corner of the drawing under the buttons); the hint top left, on one
        line when there is room."""
        margin = self.metrics.px(24)
        view = self.view
        self.bar.adjustSize()
        band = self.bar.height() + 2 * margin
        if view.viewportMargins().bottom() != band:
            view.setViewportMargins(0, 0, 0, band)  # the view fits the page again (resize)
        self.bar.move(
            view.width() - self.bar.width() - margin,
            view.height() - self.bar.height() - margin,
        )
        self.bar.raise_()
        hint = self.hint
        room = max(1, min(view.width() - 2 * margin, self.metrics.px(1100)))
        hint.setWordWrap(False)
        natural = hint.sizeHint().width()
        hint.setWordWrap(True)
        hint.setFixedWidth(min(natural, room))
        hint.adjustSize()
        hint.move(margin, margin)
        hint.raise_()
