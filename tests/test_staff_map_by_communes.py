"""Issue 17: a volunteer geo-references the map by communes, by finger only, and from then on a
commune typed in the Lieux form places the pin at once.

In the Carte tab: the commune typed on the on-screen keyboard, chosen among the suggestions, then
a touch where it is on the map image (once on the whole map, once after a pinch); in Lieux, a
commune typed on the keyboard puts the pin where the map shows that commune."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.config import ContentRoot
from kiosk.library.catalogue_admin import communes
from kiosk.staff.catalogue_tabs.mini_map import ZoomMap
from kiosk.store.database import Catalogue
from kiosk.store.models import GeoPoint
from tests.staff_touch_helpers import into_view, read_plainly, tap, touch_pinch, touch_tap
from tests.test_staff_touch_keyboard import build_area, key, type_by_taps
from tests.test_staff_touch_tasks import clear_by_taps

WIDTH, HEIGHT = 800, 600  # the sample catalogue's map image


def drawn_at(name: str) -> tuple[float, float]:
    """Where the test's map image "shows" a commune (fractions): a plain projection of its
    point, east to the right and north up, 600 px a degree of latitude."""
    point = communes.commune_point(name)
    assert point is not None
    latitude, longitude = point
    x = 400 + 600 * (longitude - 3.15) * math.cos(math.radians(46.35))
    y = 300 - 600 * (latitude - 46.35)
    return x / WIDTH, y / HEIGHT


def widget_point(view: ZoomMap, spot: tuple[float, float]) -> QPoint:
    rect = view.image_rect()
    return QPoint(
        round(rect.left() + spot[0] * rect.width()), round(rect.top() + spot[1] * rect.height())
    )


def choose_commune(qtbot: QtBot, area: object, field: object, typed: str, name: str) -> None:
    """Type the beginning on the on-screen keyboard and touch the commune among the
    suggestions."""
    tap(qtbot, field)  # type: ignore[arg-type]
    clear_by_taps(qtbot, area, field)
    type_by_taps(qtbot, area, typed)
    suggestions = field.keyboard_companion  # type: ignore[attr-defined]
    row = next(r for r in suggestions.rows if r.isVisible() and r.text() == name)
    tap(qtbot, row)
    keyboard = area.keyboard  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not keyboard.isVisible())  # a touched suggestion puts it away
    qtbot.wait(50)  # the form it had scrolled to make room is back in place


@pytest.mark.parametrize("size", ["1920x1080", "1280x800"])
def test_the_map_placed_by_communes_then_a_commune_places_the_pin(
    qapp: QApplication,
    qtbot: QtBot,
    sample_catalogue: Catalogue,
    content_root: ContentRoot,
    size: str,
) -> None:
    area = build_area(qtbot, qapp, sample_catalogue, content_root, size)
    carte = area.open_tab("map")  # type: ignore[attr-defined]
    view: ZoomMap = carte.map
    assert "ne place pas encore" in carte.step.text()
    # Moulins, on the whole map.
    choose_commune(qtbot, area, carte.point_label, "moul", "Moulins")
    assert read_plainly(carte.point_label.text()) == "Moulins"
    assert (
        read_plainly(carte.step.text())
        == "Touchez maintenant l'endroit de « Moulins » sur la carte."
    )
    into_view(view)
    QApplication.processEvents()
    touch_tap(view, widget_point(view, drawn_at("Moulins")))
    assert read_plainly(carte.message.text()) == "Point « Moulins » ajouté."
    assert "encore une" in carte.step.text()
    # Montluçon, after two fingers zoomed the map around it.
    choose_commune(qtbot, area, carte.point_label, "montlu", "Montluçon")
    into_view(view)
    QApplication.processEvents()
    touch_pinch(view, widget_point(view, drawn_at("Montluçon")), 30, 90)
    assert view.zoom > 2
    touch_tap(view, widget_point(view, drawn_at("Montluçon")))
    assert read_plainly(carte.message.text()) == "Point « Montluçon » ajouté."
    assert carte.step.text().startswith("2 communes placées")
    assert carte.points.rowCount() == 2
    with sample_catalogue.session() as session:
        stored = {p.label: p for p in session.scalars(select(GeoPoint))}
    assert set(stored) == {"Moulins", "Montluçon"}
    for name, point in stored.items():
        assert (point.latitude, point.longitude) == pytest.approx(communes.commune_point(name))
        fx, fy = drawn_at(name)
        assert point.x == pytest.approx(fx * WIDTH, abs=1.5)
        assert point.y == pytest.approx(fy * HEIGHT, abs=1.5)

    # Lieux: « vichy » typed on the keyboard puts the pin on Vichy at once.
    places = area.open_tab("places")  # type: ignore[attr-defined]
    row = next(i for i, r in enumerate(places.rows) if r[1] == "La MAGIC")
    item = places.places.item(row)
    tap(qtbot, places.places.viewport(), places.places.visualItemRect(item).center())
    assert places.map.highlight is None
    tap(qtbot, places.commune)
    clear_by_taps(qtbot, area, places.commune)
    type_by_taps(qtbot, area, "vichy")
    assert read_plainly(places.commune.text()) == "Vichy"
    assert places.map.highlight == pytest.approx(drawn_at("Vichy"), abs=0.005)
    tap(qtbot, key(area, "Cacher le clavier"))


def test_a_name_that_is_no_commune_and_no_coordinates_is_refused(
    qapp: QApplication, qtbot: QtBot, sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    area = build_area(qtbot, qapp, sample_catalogue, content_root, "1920x1080")
    carte = area.open_tab("map")  # type: ignore[attr-defined]
    tap(qtbot, carte.point_label)
    type_by_taps(qtbot, area, "Chez Paul")
    assert carte.step.text().startswith("Choisissez la commune dans la liste")
    tap(qtbot, key(area, "Cacher le clavier"))
    view: ZoomMap = carte.map
    into_view(view)
    QApplication.processEvents()
    touch_tap(view, view.rect().center())
    assert read_plainly(carte.message.text()) == (
        "« Chez Paul » n'est pas une commune de la liste : choisissez-la dans la liste, "
        "ou saisissez ses coordonnées."
    )
    with sample_catalogue.session() as session:
        assert not session.scalars(select(GeoPoint)).all()


def test_after_a_point_a_wrong_name_is_refused_not_placed_at_the_last_commune(
    qapp: QApplication, qtbot: QtBot, sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    """The fields kept Moulins's coordinates: « Montlucom » (no commune) was then added at
    Moulins's latitude and longitude, at another pixel, spoiling the fit."""
    area = build_area(qtbot, qapp, sample_catalogue, content_root, "1920x1080")
    carte = area.open_tab("map")  # type: ignore[attr-defined]
    view: ZoomMap = carte.map
    choose_commune(qtbot, area, carte.point_label, "moul", "Moulins")
    into_view(view)
    QApplication.processEvents()
    touch_tap(view, widget_point(view, drawn_at("Moulins")))
    assert read_plainly(carte.message.text()) == "Point « Moulins » ajouté."
    assert (carte.latitude.value(), carte.longitude.value()) == (0, 0)  # reset for the next
    tap(qtbot, carte.point_label)
    type_by_taps(qtbot, area, "Montlucom")
    tap(qtbot, key(area, "Cacher le clavier"))
    into_view(view)
    QApplication.processEvents()
    touch_tap(view, widget_point(view, drawn_at("Montluçon")))
    assert read_plainly(carte.message.text()) == (
        "« Montlucom » n'est pas une commune de la liste : choisissez-la dans la liste, "
        "ou saisissez ses coordonnées."
    )
    with sample_catalogue.session() as session:
        assert [p.label for p in session.scalars(select(GeoPoint))] == ["Moulins"]


def test_a_commune_picked_then_its_name_edited_loses_its_coordinates(
    qapp: QApplication, qtbot: QtBot, sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    area = build_area(qtbot, qapp, sample_catalogue, content_root, "1920x1080")
    carte = area.open_tab("map")  # type: ignore[attr-defined]
    choose_commune(qtbot, area, carte.point_label, "moul", "Moulins")
    assert (carte.latitude.value(), carte.longitude.value()) != (0, 0)
    tap(qtbot, carte.point_label)
    tap(qtbot, key(area, "x"))  # « Moulinsx »: no longer the commune picked
    assert (carte.latitude.value(), carte.longitude.value()) == (0, 0)
    tap(qtbot, key(area, "Cacher le clavier"))
    view: ZoomMap = carte.map
    into_view(view)
    QApplication.processEvents()
    touch_tap(view, view.rect().center())
    assert "n'est pas une commune de la liste" in read_plainly(carte.message.text())
    with sample_catalogue.session() as session:
        assert not session.scalars(select(GeoPoint)).all()


def test_the_same_commune_placed_twice_counts_once(
    qapp: QApplication, qtbot: QtBot, sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    area = build_area(qtbot, qapp, sample_catalogue, content_root, "1920x1080")
    carte = area.open_tab("map")  # type: ignore[attr-defined]
    view: ZoomMap = carte.map
    for _ in range(2):
        choose_commune(qtbot, area, carte.point_label, "moul", "Moulins")
        into_view(view)
        QApplication.processEvents()
        touch_tap(view, widget_point(view, drawn_at("Moulins")))
        assert read_plainly(carte.message.text()) == "Point « Moulins » ajouté."
    assert carte.points.rowCount() == 2
    assert "Une commune placée : encore une" in read_plainly(carte.step.text())
