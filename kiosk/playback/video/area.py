"""The player's video area: black, a stand-in picture until the first frame, and where the
native surfaces go (fitted to the picture's shape)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPixmap, QResizeEvent
from PySide6.QtWidgets import QWidget

from kiosk.playback.video.surface import VideoSurface


class VideoArea(QWidget):
    """A black native widget holding video surfaces; subclasses say which (``_surfaces``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Native too, so that the native surfaces and overlays inside move with it (a non-native
        # parent that moves leaves its native children's X windows behind).
        self.setAttribute(Qt.WidgetAttribute.WA_NativeWindow, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DontCreateNativeAncestors, True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("black"))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self._stand_in = QPixmap()
        self._video_margins = (0, 0)

    def _surfaces(self) -> list[VideoSurface]:
        return []

    def _place_surfaces(self) -> None:
        for surface in self._surfaces():
            surface.setGeometry(self.video_rect())

    def _raise_overlays(self) -> None:
        """Keep the controls (native siblings of the surfaces) above the video."""
        surfaces = set(self._surfaces())
        for child in self.children():
            if isinstance(child, QWidget) and child not in surfaces and child.isVisible():
                child.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._place_surfaces()
        super().resizeEvent(event)

    def set_video_margins(self, top: int, bottom: int) -> None:
        """Keep the picture between ``top`` and ``bottom`` pixels of the edges (the portrait
        player keeps it between its bands)."""
        self._video_margins = (max(0, top), max(0, bottom))
        self._place_surfaces()
        self.update()

    def video_area(self) -> QRect:
        """The room the picture may take: the widget less the margins."""
        top, bottom = self._video_margins
        return self.rect().adjusted(0, top, 0, -bottom)

    def video_rect(self) -> QRect:
        """Where the native surfaces go: the video area fitted to the picture's shape when it is
        known (from the stand-in poster, which is upright and at the display aspect ratio), so
        that libvlc's window holds the picture alone. Bars beside a portrait film, or above and
        below a wide one on a tall screen, are then this widget's own black, painted by Qt:
        libvlc's window, which keeps whatever was on screen where it does not draw, never
        covers them (the visitor review saw the videos list there)."""
        area = self.video_area()
        if self._stand_in.isNull() or area.isEmpty():
            return area
        size = self._stand_in.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
        fitted = QRect(QPoint(0, 0), size)
        fitted.moveCenter(area.center())
        return fitted

    def set_stand_in(self, picture: QPixmap | None) -> None:
        """The picture shown in the video area until the clip's first picture is drawn (the
        poster the list showed); None: black. It also gives the surfaces the picture's shape."""
        self._stand_in = QPixmap() if picture is None else picture
        self._place_surfaces()
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("black"))
        if not self._stand_in.isNull():
            area = self.video_area()
            size = self._stand_in.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(QPoint(0, 0), size)
            target.moveCenter(area.center())
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawPixmap(target, self._stand_in)
        painter.end()
