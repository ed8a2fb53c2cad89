"""The native child windows libvlc draws into."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent, QPaintEvent
from PySide6.QtWidgets import QWidget


class VideoSurface(QWidget):
    """A native child window that libvlc draws into. Taps on it reach Qt (libvlc input is off).

    Qt never paints it (WA_PaintOnScreen with no paint engine): until libvlc draws, the screen
    shows what was there, the player's stand-in picture."""

    tapped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("VideoSurface")
        self.setAttribute(Qt.WidgetAttribute.WA_NativeWindow, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DontCreateNativeAncestors, True)
        self.setAttribute(Qt.WidgetAttribute.WA_PaintOnScreen, True)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground, True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)

    def paintEngine(self) -> None:  # type: ignore[override]
        return None

    def paintEvent(self, _event: QPaintEvent) -> None:
        pass

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.tapped.emit()


class HoldingSurface(VideoSurface):
    """A surface Qt never paints: uncovered before libvlc draws again, it shows what was on
    screen there (the drawing that covered it), not a black fill. With libvlc's OpenGL output
    (a real GPU) libvlc draws straight into this window; with its X11 output, into a window of
    its own inside it (see :func:`kiosk.playback.video.x11.keep_pixels_when_uncovered`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(False)
        self.setAttribute(Qt.WidgetAttribute.WA_PaintOnScreen, True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground, True)

    def paintEngine(self) -> None:  # type: ignore[override]
        return None

    def paintEvent(self, _event: QPaintEvent) -> None:
        return
