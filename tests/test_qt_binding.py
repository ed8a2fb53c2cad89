"""Guards against a Qt binding that would crash a kiosk running for months."""

from __future__ import annotations

import sys

from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication


def test_qt_calls_do_not_drop_references_to_none(qapp: QApplication) -> None:
    """PySide6 6.12 on Python 3.11 drops a reference to None on each call of a method returning
    nothing; after enough paints the interpreter aborts ("none_dealloc")."""
    image = QImage(16, 16, QImage.Format.Format_RGB32)
    before = sys.getrefcount(None)
    for _ in range(2000):
        image.fill(QColor(10, 20, 30))
        painter = QPainter(image)
        painter.drawEllipse(2, 2, 8, 8)
        painter.end()
    assert sys.getrefcount(None) >= before - 50
