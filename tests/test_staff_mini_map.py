"""The Lieux tab's map by fingers only (touch events, no mouse, no wheel): two fingers pinch to
zoom around them, one finger drags the zoomed map, the map's « + » takes a touch, and a tap after
all that places the pin where the finger was on the map image."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.config import ContentRoot
from kiosk.staff.catalogue_tabs.mini_map import ZoomMap
from kiosk.store.database import Catalogue
from tests.staff_touch_helpers import (
    into_view,
    read_plainly,
    tap,
    touch_drag,
    touch_pinch,
    touch_tap,
)
from tests.test_staff_touch_keyboard import build_area


def spot_under(view: ZoomMap, point: QPoint) -> tuple[float, float]:
    rect = view.image_rect()
    return (
        (point.x() - rect.left()) / rect.width(),
        (point.y() - rect.top()) / rect.height(),
    )


@pytest.mark.parametrize("size", ["1920x1080", "1280x800"])
def test_pinch_drag_and_tap_on_the_places_map(
    qapp: QApplication,
    qtbot: QtBot,
    sample_catalogue: Catalogue,
    content_root: ContentRoot,
    size: str,
) -> None:
    area = build_area(qtbot, qapp, sample_catalogue, content_root, size)
    places = area.open_tab("places")  # type: ignore[attr-defined]
    row = next(i for i, r in enumerate(places.rows) if r[1] == "La MAGIC")
    tap(
        qtbot,
        places.places.viewport(),
        places.places.visualItemRect(places.places.item(row)).center(),
    )
    view: ZoomMap = places.map
    into_view(view)
    QApplication.processEvents()
    assert view.zoom == 1.0
    # The map's own buttons: one touch target at least, in the map's corner.
    metrics = places.context.metrics
    for button in (view.plus_button, view.minus_button):
        assert button.isVisible()
        assert min(button.width(), button.height()) >= metrics.touch
        assert view.rect().contains(button.geometry())
    # Two fingers spread apart: the map zooms, the image point between them stays there.
    centre = QPoint(view.width() // 3, view.height() // 2)
    under = spot_under(view, centre)
    touch_pinch(view, centre, 40, 100)
    assert view.zoom == pytest.approx(2.5, rel=0.05)
    after = spot_under(view, centre)
    assert after[0] == pytest.approx(under[0], abs=0.01)
    assert after[1] == pytest.approx(under[1], abs=0.01)
    assert places.pin is None and view.highlight is None  # a pinch places no pin
    # One finger drags the zoomed map: the image follows the finger.
    before = view.image_rect().topLeft()
    middle = QPoint(view.width() // 2, view.height() // 2)
    touch_drag(view, middle, middle + QPoint(-120, -60))
    moved = view.image_rect().topLeft() - before
    assert moved.x() == pytest.approx(-120, abs=2) and moved.y() == pytest.approx(-60, abs=2)
    assert places.pin is None  # a drag places no pin either
    # The « + » in the corner takes a finger's touch: it zooms, it places no pin.
    zoom = view.zoom
    touch_tap(view, view.plus_button.geometry().center())
    assert view.zoom == pytest.approx(zoom * 1.5)
    assert places.pin is None
    # A tap on the zoomed map places the pin on the image point under the finger.
    spot = QPoint(view.width() // 2 + 37, view.height() // 2 - 21)
    expected = spot_under(view, spot)
    touch_tap(view, spot)
    assert places.pin == pytest.approx(expected, abs=1e-6)
    assert view.highlight == pytest.approx(expected, abs=1e-6)
    assert read_plainly(places.pin_label.text()) == "Épingle placée à la main."
    drawn = view.image_rect()
    fx, fy = places.pin or (-1.0, -1.0)  # the same as the drawn pin (asserted above)
    assert drawn.left() + fx * drawn.width() == pytest.approx(spot.x(), abs=0.5)
    assert drawn.top() + fy * drawn.height() == pytest.approx(spot.y(), abs=0.5)
    # « − » by finger, back to the whole map.
    while view.minus_button.isEnabled():
        touch_tap(view, view.minus_button.geometry().center())
    assert view.zoom == 1.0


def test_on_the_whole_map_a_drag_scrolls_the_form(
    qapp: QApplication, qtbot: QtBot, sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    # At 1280x800 the place form is taller than the screen: a finger that drags on the (not
    # zoomed) map scrolls the form, as anywhere else on it.
    area = build_area(qtbot, qapp, sample_catalogue, content_root, "1280x800")
    places = area.open_tab("places")  # type: ignore[attr-defined]
    view: ZoomMap = places.map
    into_view(view)
    QApplication.processEvents()
    bar = next(
        parent.verticalScrollBar()
        for parent in _scroll_areas(view)
        if parent.verticalScrollBar().maximum() > 0
    )
    bar.setValue(bar.maximum() // 2)
    before = bar.value()
    middle = QPoint(view.width() // 2, view.height() // 2)
    touch_drag(view, middle, middle + QPoint(0, -80))
    assert bar.value() == before + 80
    assert view.zoom == 1.0 and places.pin is None


def _scroll_areas(widget: QWidget) -> list[QAbstractScrollArea]:
    found = []
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            found.append(parent)
        parent = parent.parentWidget()
    return found
