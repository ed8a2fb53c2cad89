"""The attract loop's drawing: panned across a wide screen, shown whole on a tall one."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.attract.pictures import DrawingPan


def a_drawing() -> QImage:
    """A 3:2 drawing: a red band down its left edge, a blue one down its right edge."""
    image = QImage(1500, 1000, QImage.Format.Format_RGB32)
    image.fill(QColor("#F7F0E1"))
    painter = QPainter(image)
    painter.fillRect(0, 0, 60, 1000, QColor("#FF0000"))
    painter.fillRect(1440, 0, 60, 1000, QColor("#0000FF"))
    painter.end()
    return image


def edges_seen(pan: DrawingPan) -> set[str]:
    shot = pan.grab().toImage()
    seen = set()
    for x in range(0, shot.width(), 4):
        colour = shot.pixelColor(x, shot.height() // 2)
        if colour.red() > 200 and colour.green() < 60:
            seen.add("left")
        if colour.blue() > 200 and colour.red() < 60:
            seen.add("right")
    return seen


@pytest.mark.parametrize("progress", [0.0, 0.5, 1.0])
def test_in_portrait_the_whole_width_of_the_drawing_shows(
    qtbot: QtBot, qapp: QApplication, progress: float
) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    holder.resize(1080, 1920)
    pan = DrawingPan(holder)
    pan.resize(1080, 1920)
    pan.set_image(a_drawing(), 0)
    pan.set_progress(progress)
    assert edges_seen(pan) == {"left", "right"}  # its title is never cut to "rs-lieux"
    placed = pan.placement()
    assert placed.width() >= 1080 * 0.88 and placed.center().y() == pytest.approx(960)


def test_on_a_wide_screen_it_covers_the_screen_and_pans(qtbot: QtBot, qapp: QApplication) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    holder.resize(1920, 1080)
    pan = DrawingPan(holder)
    pan.resize(1920, 1080)
    pan.set_image(a_drawing(), 0)
    pan.set_progress(0.0)
    start = pan.placement()
    pan.set_progress(1.0)
    end = pan.placement()
    for placed in (start, end):  # no ground showing: the drawing covers the screen
        assert placed.left() <= 0 and placed.right() >= 1920
        assert placed.top() <= 0 and placed.bottom() >= 1080
    assert end.left() < start.left()  # it moved across
