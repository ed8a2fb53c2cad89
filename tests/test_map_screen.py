"""The map screen: pins open the right sheet, the list filters, zoom stays within bounds."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.config import ContentRoot
from kiosk.kit.theme import Metrics
from kiosk.library.catalogue_views import PlaceView
from kiosk.library.importing import import_media
from kiosk.store.database import Catalogue
from kiosk.store.models import GeoPoint, MapImage, MediaRole, Place, Tag
from kiosk.ui.screens.map import MAX_ZOOM, MapCanvas, MapScreen, PinItem, layout_labels
from kiosk.ui.screens.place_sheet import qr_image
from kiosk.ui.window import KioskWindow
from tests.harness.windows import OpenKioskWindow, StartKioskController
from tests.media_factory import make_clip, make_image
from tests.staff_touch_helpers import touch_tap

# Big enough to zoom: the zoom stops at the image's own pixels (about 3.7 times the whole map
# in the 1920 × 1080 window).
MAP_W, MAP_H = 4000, 3000


@pytest.fixture
def map_catalogue(catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path) -> Catalogue:
    """A geo-referenced map; places placed by hand, by coordinates, and not placed."""
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    with catalogue.session() as session:
        image = import_media(
            session, content_root, make_image(incoming / "map.png", (MAP_W, MAP_H)), MediaRole.MAP
        )
        # 1 degree = 1000 px both ways, north up: (lat 47, lon 2) is the top-left corner.
        map_image = MapImage(image=image, title="Carte test", is_current=True)
        for label, lat, lon in [("A", 46.9, 2.1), ("B", 46.9, 3.4), ("C", 46.0, 2.5)]:
            map_image.geo_points.append(
                GeoPoint(
                    label=label,
                    latitude=lat,
                    longitude=lon,
                    x=(lon - 2) * 1000,
                    y=(47 - lat) * 1000,
                )
            )
        session.add(map_image)
        vignette = import_media(
            session, content_root, make_clip(incoming / "v.mp4", 0.3), MediaRole.VIGNETTE
        )
        farm, culture = Tag(name="agriculture"), Tag(name="culture")
        session.add_all(
            [
                Place(
                    slug="le-mazier",
                    name="Le Mazier",
                    commune="Bourbon-l'Archambault",
                    description="Un **tiers-lieu** rural.",
                    website="https://bocagenumerique.com",
                    map_x=0.25,
                    map_y=0.5,
                    video=vignette,
                    tags=[culture],
                ),
                Place(
                    slug="polymorphe",
                    name="Polymorphe",
                    commune="Cérilly",
                    latitude=46.5,
                    longitude=2.8,  # through the fit: x = 800, y = 500
                    tags=[farm, culture],
                ),
                Place(slug="la-magic", name="La MAGIC"),
                Place(slug="bardane", name="Bardane", commune="Moulins", map_x=0.7, map_y=0.6),
            ]
        )
    return catalogue


@pytest.fixture
def window(
    open_kiosk_window: OpenKioskWindow, content_root: ContentRoot, map_catalogue: Catalogue
) -> KioskWindow:
    return open_kiosk_window(content_root, map_catalogue)


def open_map(window: KioskWindow, argument: str = "") -> MapScreen:
    window.open("map", argument)
    screen = window.screens["map"]
    assert isinstance(screen, MapScreen)
    QApplication.processEvents()
    return screen


def tap(qtbot: QtBot, canvas: MapCanvas, pos: QPoint) -> None:
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def wait_still(qtbot: QtBot, canvas: MapCanvas) -> None:
    qtbot.waitUntil(lambda: canvas._animation.state().name != "Running", timeout=2000)


def test_every_placed_place_has_a_pin_where_it_belongs(window: KioskWindow) -> None:
    canvas = open_map(window).canvas
    assert set(canvas.pins) == {"le-mazier", "polymorphe", "bardane"}
    assert canvas.pins["le-mazier"].pos() == QPointF(0.25 * MAP_W, 0.5 * MAP_H)
    fitted = canvas.pins["polymorphe"].pos()  # placed by the geo-referencing
    assert abs(fitted.x() - 800) < 1 and abs(fitted.y() - 500) < 1


def test_tapping_a_pin_opens_the_right_sheet(qtbot: QtBot, window: KioskWindow) -> None:
    screen = open_map(window)
    canvas = screen.canvas
    for slug, name in [("polymorphe", "Polymorphe"), ("le-mazier", "Le Mazier")]:
        wait_still(qtbot, canvas)
        tap(qtbot, canvas, canvas.view_pos_of(slug))
        assert screen.sheet_is_open
        assert screen.sheet.place is not None and screen.sheet.place.slug == slug
        assert screen.sheet.name_label.text() == name
        assert canvas.selected_slug == slug and canvas.pins[slug].selected
        assert sum(pin.selected for pin in canvas.pins.values()) == 1
    assert screen.sheet.commune_label.text() == "Bourbon-l'Archambault"
    assert "tiers-lieu" in screen.sheet.text_label.text()


def test_a_tap_just_beside_a_small_pin_still_hits_it(qtbot: QtBot, window: KioskWindow) -> None:
    screen = open_map(window)
    canvas = screen.canvas
    pin = canvas.pins["bardane"]
    assert pin.touch_rect().width() >= window.context.metrics.touch
    assert pin.touch_rect().height() >= window.context.metrics.touch
    offset = window.context.metrics.touch // 2 - 4
    tap(qtbot, canvas, canvas.view_pos_of("bardane") + QPoint(offset, 0))
    assert screen.sheet.place is not None and screen.sheet.place.slug == "bardane"


def test_places_without_position_are_listed_and_have_no_pin(window: KioskWindow) -> None:
    screen = open_map(window)
    rows: list[PlaceView] = screen.model.places
    assert [p.name for p in rows] == ["Bardane", "La MAGIC", "Le Mazier", "Polymorphe"]
    magic = rows[1]
    assert not magic.is_on_map and "la-magic" not in screen.canvas.pins
    assert screen.count_label.text() == "4 lieux, dont 3 sur la carte"


def test_the_list_filters_by_tag_and_commune_chips(qtbot: QtBot, window: KioskWindow) -> None:
    screen = open_map(window)
    assert set(screen.tag_chips.buttons) == {None, "agriculture", "culture"}
    qtbot.mouseClick(screen.tag_chips.buttons["culture"], Qt.MouseButton.LeftButton)
    assert [p.slug for p in screen.model.places] == ["le-mazier", "polymorphe"]
    qtbot.mouseClick(screen.commune_chips.buttons["Cérilly"], Qt.MouseButton.LeftButton)
    assert [p.slug for p in screen.model.places] == ["polymorphe"]
    assert screen.count_label.text() == "1 lieu, placé sur la carte"
    qtbot.mouseClick(screen.tag_chips.buttons[None], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.commune_chips.buttons[None], Qt.MouseButton.LeftButton)
    assert screen.model.rowCount() == 4


def test_the_chips_filter_the_pins_with_the_list(qtbot: QtBot, window: KioskWindow) -> None:
    screen = open_map(window)
    canvas = screen.canvas
    qtbot.mouseClick(screen.tag_chips.buttons["agriculture"], Qt.MouseButton.LeftButton)
    assert [p.slug for p in screen.model.places] == ["polymorphe"]
    assert set(canvas.pins) == {"polymorphe"}  # the other places' pins are hidden
    # A tap where a hidden pin was opens nothing.
    qtbot.mouseClick(screen.tag_chips.buttons[None], Qt.MouseButton.LeftButton)
    where = canvas.view_pos_of("bardane")
    qtbot.mouseClick(screen.tag_chips.buttons["agriculture"], Qt.MouseButton.LeftButton)
    wait_still(qtbot, canvas)
    tap(qtbot, canvas, where)
    assert not screen.sheet_is_open
    qtbot.mouseClick(screen.commune_chips.buttons["Moulins"], Qt.MouseButton.LeftButton)
    assert screen.model.rowCount() == 0 and canvas.pins == {}
    qtbot.mouseClick(screen.commune_chips.buttons[None], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.tag_chips.buttons[None], Qt.MouseButton.LeftButton)
    assert set(canvas.pins) == {"le-mazier", "polymorphe", "bardane"}


def test_a_filter_with_no_place_says_so_and_shows_all_again(
    qtbot: QtBot, window: KioskWindow
) -> None:
    screen = open_map(window)
    assert not screen.no_match.isVisible()
    qtbot.mouseClick(screen.tag_chips.buttons["agriculture"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.commune_chips.buttons["Moulins"], Qt.MouseButton.LeftButton)
    assert screen.no_match.isVisible() and not screen.list_view.isVisible()
    assert screen.no_match_label.text() == "Aucun lieu pour ce filtre."
    assert screen.count_label.text() == "0 lieu"
    button = screen.show_all_button
    assert button.isVisible() and button.text() == "Tout afficher"
    assert button.height() >= window.context.metrics.touch
    assert button.width() >= window.context.metrics.touch
    window.context.languages.set_language("en")
    assert screen.no_match_label.text() == "No place matches this filter."
    assert button.text() == "Show all" and screen.count_label.text() == "0 places"
    window.context.languages.set_language("fr")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert screen.model.rowCount() == 4 and len(screen.canvas.pins) == 3
    assert screen.list_view.isVisible() and not screen.no_match.isVisible()
    assert screen.tag_chips.buttons[None].isChecked()
    assert screen.commune_chips.buttons[None].isChecked()


def test_the_chosen_chip_stays_in_view(qtbot: QtBot, window: KioskWindow) -> None:
    """A strip of many communes: the one chosen far right is in view, after a language
    change too (the strip is built again)."""
    with window.context.catalogue.session() as session:
        session.add_all(
            Place(slug=f"lieu-{i}", name=f"Lieu {i}", commune=f"Commune numéro {i:02d}")
            for i in range(30)
        )
    screen = open_map(window)
    strip = screen.commune_chips
    last = "Commune numéro 29"
    strip.horizontalScrollBar().setValue(strip.horizontalScrollBar().maximum())
    qtbot.mouseClick(strip.buttons[last], Qt.MouseButton.LeftButton)

    def in_view() -> bool:
        button = strip.buttons[last]
        left = button.mapTo(strip.viewport(), button.rect().topLeft()).x()
        return left >= 0 and left + button.width() <= strip.viewport().width()

    window.context.languages.set_language("en")  # the chips are built again
    assert strip.buttons[last].isChecked()
    qtbot.waitUntil(in_view, timeout=2000)
    assert strip.horizontalScrollBar().value() > 0
    window.context.languages.set_language("fr")


def test_count_texts_use_plurals_in_both_languages(window: KioskWindow) -> None:
    screen = open_map(window)
    french = [screen.count_text(n, p) for n, p in [(0, 0), (1, 1), (2, 2), (1, 0), (4, 3)]]
    assert french == [
        "0 lieu",
        "1 lieu, placé sur la carte",
        "2 lieux, tous sur la carte",
        "1 lieu, pas encore sur la carte",
        "4 lieux, dont 3 sur la carte",
    ]
    window.context.languages.set_language("en")
    english = [screen.count_text(n, p) for n, p in [(0, 0), (1, 1), (2, 2), (2, 0), (4, 1)]]
    assert english == [
        "0 places",
        "1 place, shown on the map",
        "2 places, all on the map",
        "2 places, none on the map yet",
        "4 places, 1 of them on the map",
    ]


def test_closing_the_sheet_clears_the_highlight(qtbot: QtBot, window: KioskWindow) -> None:
    screen = open_map(window, "bardane")
    assert screen.canvas.pins["bardane"].selected and screen.delegate.selected_slug == "bardane"
    qtbot.mouseClick(screen.sheet.close_button, Qt.MouseButton.LeftButton)
    assert not screen.sheet_is_open
    assert screen.canvas.selected_slug is None
    assert not any(pin.selected for pin in screen.canvas.pins.values())
    assert screen.delegate.selected_slug is None


def test_a_place_shown_from_elsewhere_clears_a_filter_that_hides_it(window: KioskWindow) -> None:
    screen = open_map(window)
    screen.tag_chips.buttons["agriculture"].click()
    window.open("map", "bardane")
    assert screen.sheet_is_open and "bardane" in screen.canvas.pins
    assert screen.canvas.pins["bardane"].selected and screen.model.tag is None


def test_reset_gives_the_next_visitor_a_fresh_map(qtbot: QtBot, window: KioskWindow) -> None:
    with window.context.catalogue.session() as session:
        session.add_all(
            Place(slug=f"lieu-{i}", name=f"Lieu {i}", commune="Moulins") for i in range(30)
        )
    screen = open_map(window, "bardane")
    screen.commune_chips.buttons["Moulins"].click()
    assert screen.model.rowCount() == 31
    screen.list_view.verticalScrollBar().setValue(200)
    assert screen.list_view.verticalScrollBar().value() == 200
    wait_still(qtbot, screen.canvas)
    assert screen.canvas.zoom > 1.5 and screen.canvas.pins["bardane"].selected
    screen.reset_for_next_visitor()
    assert not screen.sheet_is_open and screen.canvas.selected_slug is None
    assert screen.model.tag is None and screen.model.commune is None
    assert screen.commune_chips.buttons[None].isChecked()
    assert not any(pin.selected for pin in screen.canvas.pins.values())
    assert screen.model.rowCount() == 34 and len(screen.canvas.pins) == 3
    assert screen.list_view.verticalScrollBar().value() == 0
    assert abs(screen.canvas.zoom - 1.0) < 1e-6


def test_choosing_a_row_centres_highlights_and_opens_the_sheet(
    qtbot: QtBot, window: KioskWindow
) -> None:
    screen = open_map(window)
    row = screen.model.row_of("bardane")
    rect = screen.list_view.visualRect(screen.model.index(row))
    screen.list_view.clicked.emit(screen.model.index(row))
    assert rect.height() >= window.context.metrics.touch
    assert screen.sheet_is_open and screen.canvas.selected_slug == "bardane"
    wait_still(qtbot, screen.canvas)
    canvas = screen.canvas
    assert canvas.zoom > 2.0
    tip = canvas.mapFromScene(canvas.pins["bardane"].pos())
    centre = canvas.viewport().rect().center()
    assert abs(tip.x() - centre.x()) < 3 and abs(tip.y() - centre.y()) < 3


def test_previous_next_follow_the_list_and_close_returns_to_it(
    qtbot: QtBot, window: KioskWindow
) -> None:
    screen = open_map(window, "le-mazier")
    assert screen.sheet_is_open
    qtbot.mouseClick(screen.sheet.next_button, Qt.MouseButton.LeftButton)
    assert screen.sheet.place is not None and screen.sheet.place.slug == "polymorphe"
    qtbot.mouseClick(screen.sheet.next_button, Qt.MouseButton.LeftButton)
    assert screen.sheet.place.slug == "bardane"  # wraps round
    qtbot.mouseClick(screen.sheet.previous_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.sheet.previous_button, Qt.MouseButton.LeftButton)
    assert screen.sheet.place.slug == "le-mazier"
    qtbot.mouseClick(screen.sheet.close_button, Qt.MouseButton.LeftButton)
    assert not screen.sheet_is_open


def test_video_button_and_qr_code_only_when_they_make_sense(
    qtbot: QtBot, window: KioskWindow
) -> None:
    screen = open_map(window, "le-mazier")
    sheet = screen.sheet
    assert sheet.video_button.isVisible() and sheet.qr_box.isVisible()
    assert "bocagenumerique.com" in sheet.qr_text.text()
    with qtbot.waitSignal(screen.navigate) as signal:
        qtbot.mouseClick(sheet.video_button, Qt.MouseButton.LeftButton)
    assert signal.args is not None
    assert signal.args[0] == "player" and signal.args[1].startswith("videos/")
    screen.open_place("polymorphe")  # no website (the gate refuses ftp://): no QR code, no video
    assert not sheet.video_button.isVisible() and not sheet.qr_box.isVisible()
    screen.open_place("la-magic")
    assert not sheet.qr_box.isVisible()
    assert sheet.text_label.text() == "Pas encore de présentation pour ce lieu."


def test_qr_codes_are_made_for_http_and_https_only() -> None:
    for good in ("https://bocagenumerique.com", "http://example.org/a?b=c"):
        image = qr_image(good)
        assert image is not None and image.width() > 50 and image.width() == image.height()
    for bad in ("javascript:alert(1)", "ftp://x.org", "mailto:a@b.fr", "www.site.fr", "", None):
        assert qr_image(bad) is None


def test_zoom_bounds_hold_for_wheel_buttons_and_double_tap(
    qtbot: QtBot, window: KioskWindow
) -> None:
    canvas = open_map(window).canvas
    scene = canvas.scene().sceneRect()
    middle = QPointF(canvas.viewport().rect().center())

    def wheel(steps: int) -> None:
        event = QWheelEvent(
            middle,
            canvas.viewport().mapToGlobal(middle),
            QPoint(),
            QPoint(0, 120 * steps),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(canvas.viewport(), event)

    for _ in range(40):
        wheel(1)
    # Closer and closer, up to the image's own pixels and no further (MAX_ZOOM is not reached).
    assert canvas.scale_factor == pytest.approx(canvas.max_scale())
    assert canvas.scale_factor * canvas.devicePixelRatioF() <= 1.0 + 1e-9
    assert 2.5 < canvas.zoom < MAX_ZOOM
    for _ in range(80):  # drag far beyond the map's edge: the view stays on the map
        qtbot.mousePress(canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(100, 100))
        qtbot.mouseMove(canvas.viewport(), QPoint(700, 600))
        qtbot.mouseRelease(canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(700, 600))
    canvas._inertia.stop()
    visible = canvas.visible_scene_rect()
    assert scene.adjusted(-2, -2, 2, 2).contains(visible)
    for _ in range(40):
        wheel(-1)
    assert canvas.zoom == pytest.approx(1.0)
    assert visible.width() < canvas.visible_scene_rect().width()
    full = canvas.visible_scene_rect()
    assert full.adjusted(-2, -2, 2, 2).contains(scene)  # the whole map shows
    # A double tap on the map (not on a pin) zooms in twice as close, animated.
    empty = QPoint(canvas.viewport().width() - 30, canvas.viewport().height() - 30)
    tap(qtbot, canvas, empty)
    tap(qtbot, canvas, empty)
    wait_still(qtbot, canvas)
    assert canvas.zoom == pytest.approx(2.0, rel=0.02)
    for _ in range(10):
        canvas.zoom_in_at(middle, 0.5)
        wait_still(qtbot, canvas)
    assert canvas.zoom == pytest.approx(1.0)
    canvas.set_scale(canvas.scale_factor * 1000)
    assert canvas.scale_factor == pytest.approx(canvas.max_scale())


def test_pinch_with_two_fingers_zooms_around_the_fingers(qtbot: QtBot, window: KioskWindow) -> None:
    canvas = open_map(window).canvas
    device = QTest.createTouchDevice()
    viewport = canvas.viewport()
    centre = QPoint(viewport.width() // 3, viewport.height() // 2)
    under_fingers = canvas.mapToScene(centre)

    def fingers(spread: int) -> tuple[QPoint, QPoint]:
        # QTest places a widget's touch points in its window's coordinates.
        return (
            viewport.mapTo(window, centre - QPoint(spread, 0)),
            viewport.mapTo(window, centre + QPoint(spread, 0)),
        )

    first, second = fingers(50)
    QTest.touchEvent(viewport, device).press(0, first).press(1, second).commit()
    for step in range(1, 6):
        first, second = fingers(50 + step * 15)
        QTest.touchEvent(viewport, device).move(0, first).move(1, second).commit()
    QTest.touchEvent(viewport, device).release(0, first).release(1, second).commit()
    assert canvas.zoom == pytest.approx(2.5, rel=0.05)
    after = canvas.mapFromScene(under_fingers)  # still under the fingers, within 3 pixels
    assert abs(after.x() - centre.x()) <= 3 and abs(after.y() - centre.y()) <= 3
    assert not window.screens["map"].sheet_is_open  # type: ignore[attr-defined]  # a pinch is not a tap
    # One finger drags the map.
    before = canvas.mapToScene(centre)
    start = viewport.mapTo(window, centre)
    QTest.touchEvent(viewport, device).press(0, start).commit()
    for step in range(1, 6):
        QTest.touchEvent(viewport, device).move(0, start + QPoint(step * 20, step * 10)).commit()
    QTest.touchEvent(viewport, device).release(0, start + QPoint(100, 50)).commit()
    canvas._inertia.stop()
    moved = canvas.mapToScene(centre) - before
    assert moved.x() < -20 and moved.y() < -10  # the map followed the finger


def test_labels_never_overlap_even_in_a_crowd(qapp: QApplication) -> None:
    from kiosk.ui.screens.map import PinStyle

    style = PinStyle.create(Metrics(1.0))
    pins = [
        PinItem(
            PlaceView(f"p{i}", f"Tiers-lieu numéro {i}", None, 0, 0, i % 3 == 0),
            style,
            QPointF((i % 20) * 37.0, (i // 20) * 23.0),
        )
        for i in range(400)
    ]
    pins[57].set_selected(True)
    shown = layout_labels(pins, 1.0)
    assert 0 < shown < len(pins)
    assert pins[57].label_side != PinItem.LABEL_HIDDEN  # the highlighted one always has its name
    rects = [
        pin.label_rect().translated(pin.pos())
        for pin in pins
        if pin.label_side != PinItem.LABEL_HIDDEN
    ]
    assert len(rects) == shown
    for first, second in itertools.combinations(rects, 2):
        assert not first.intersects(second)
    assert layout_labels(pins, 8.0) > shown  # closer in, more names fit


def test_a_video_opens_the_map_on_its_place_sheet(window: KioskWindow) -> None:
    window.open("videos")
    window.open("map", "polymorphe")
    screen = window.screens["map"]
    assert isinstance(screen, MapScreen) and screen.sheet_is_open
    assert screen.canvas.selected_slug == "polymorphe"
    window.open("map", "no-such-place")
    assert not screen.sheet_is_open


def test_english_texts_follow_the_language(qtbot: QtBot, window: KioskWindow) -> None:
    screen = open_map(window, "la-magic")
    window.context.languages.set_language("en")
    assert screen.sheet.close_button.text() == "Close"
    assert screen.count_label.text() == "4 places, 3 of them on the map"
    screen.tag_chips.buttons["agriculture"].click()
    assert screen.count_label.text() == "1 place, shown on the map"


def test_english_content_shows_in_english_and_falls_back_to_french(
    open_kiosk_window: OpenKioskWindow, content_root: ContentRoot, map_catalogue: Catalogue
) -> None:
    from sqlalchemy import update

    with map_catalogue.session() as session:
        session.execute(update(Tag).where(Tag.name == "agriculture").values(name_en="farming"))
        session.execute(
            update(MapImage).values(credit="Contours : IGN", credit_en="Boundaries: IGN")
        )
    window = open_kiosk_window(content_root, map_catalogue)
    context = window.context
    screen = open_map(window)
    chips = screen.tag_chips
    assert chips.buttons["agriculture"].text() == "agriculture"
    assert screen.legend.credit.text() == "Contours : IGN"
    try:
        context.languages.set_language("en")
        assert chips.buttons["agriculture"].text() == "farming"
        assert chips.buttons["culture"].text() == "culture"  # no English: the French
        assert screen.legend.credit.text() == "Boundaries: IGN"
        chips.buttons["agriculture"].click()  # the filter still works by the tag itself
        assert [p.slug for p in screen.model.places] == ["polymorphe"]
        screen.open_place("polymorphe")
        assert "farming" in screen.sheet.tags_label.text()
    finally:
        context.languages.set_language("fr")
    assert screen.legend.credit.text() == "Contours : IGN"


def test_the_map_reads_the_places_again_only_when_something_changed(
    window: KioskWindow, map_catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk.library import catalogue_views

    screen = open_map(window)
    before = screen.model.rowCount()
    reads: list[int] = []
    real_places = catalogue_views.places

    def counted(catalogue: Catalogue) -> list[PlaceView]:
        reads.append(1)
        return real_places(catalogue)

    monkeypatch.setattr(catalogue_views, "places", counted)
    window.go_home()
    open_map(window)
    assert reads == []  # nothing committed: the places on screen are still right
    with map_catalogue.session() as session:
        session.add(Place(slug="nouveau-lieu", name="Nouveau lieu", commune="Moulins"))
    window.go_home()
    open_map(window)
    assert reads == [1]
    assert screen.model.rowCount() == before + 1


def test_zoom_stops_at_the_image_pixels_even_when_decoded_smaller(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    """A map wider than the decoding limit is shown at most one decoded pixel per device pixel;
    a map smaller than the view does not zoom in at all (it would only get blocky)."""
    wide = make_image(tmp_path / "wide.png", (6000, 1500))
    canvas = MapCanvas(Metrics(1.0))
    qtbot.addWidget(canvas)
    canvas.resize(1000, 700)
    canvas.show()
    with qtbot.waitSignal(canvas.map_ready, timeout=10_000):
        canvas.set_map(str(wide), 6000, 1500)
    assert canvas.map_item is not None
    decoded = canvas.map_item.pixmap().width()
    assert decoded == 4096
    canvas.set_scale(100.0)
    device_per_decoded = canvas.scale_factor * canvas.devicePixelRatioF() * 6000 / decoded
    assert device_per_decoded == pytest.approx(1.0)
    for _ in range(5):
        canvas.zoom_in_at(QPointF(500, 350))
        wait_still(qtbot, canvas)
    assert canvas.scale_factor * canvas.devicePixelRatioF() * 6000 / decoded <= 1.0 + 1e-9

    from PySide6.QtGui import QImage

    small = QImage(400, 300, QImage.Format.Format_RGB32)
    small.fill(0xFFE0C080)
    canvas.set_image(small)
    assert canvas.max_scale() == pytest.approx(canvas.fit_scale())
    canvas.zoom_in_at(QPointF(500, 350))
    wait_still(qtbot, canvas)
    assert canvas.zoom == pytest.approx(1.0)


def test_the_whole_map_shows_with_room_around_it(window: KioskWindow) -> None:
    canvas = open_map(window).canvas
    canvas.set_scale(canvas.max_scale())
    canvas.reset_view(animated=False)
    corners = [canvas.mapFromScene(QPointF(x, y)) for x in (0, MAP_W) for y in (0, MAP_H)]
    margin = window.context.metrics.px(8)
    view = canvas.viewport().rect().adjusted(margin, margin, -margin, -margin)
    assert all(view.contains(corner) for corner in corners)


def test_a_legend_names_the_pins_in_both_languages(qtbot: QtBot, window: KioskWindow) -> None:
    screen = open_map(window)
    legend = screen.legend
    assert legend.isVisible()
    texts = {key: label.text() for key, label in legend.keys.items()}
    assert texts == {
        "video": "Lieu avec sa vidéo",
        "place": "Lieu",
        "unplaced": "Pas encore sur la carte (dans la liste)",
    }
    for icon in legend.icons.values():
        pixmap = icon.pixmap()
        assert not pixmap.isNull() and pixmap.width() > 16
    # The legend sits below the map, never over it.
    canvas_box = screen.canvas.geometry()
    assert legend.geometry().top() >= canvas_box.bottom()
    window.context.languages.set_language("en")
    assert [label.text() for label in legend.keys.values()] == [
        "Place with its video",
        "Place",
        "Not on the map yet (in the list)",
    ]


def _label_rect_in_view(canvas: MapCanvas, slug: str) -> QRectF | None:
    pin = canvas.pins[slug]
    if pin.label_side == PinItem.LABEL_HIDDEN:
        return None
    return pin.label_rect().translated(QPointF(canvas.mapFromScene(pin.pos())))


def test_labels_keep_off_the_controls_the_edges_and_the_maps_names(
    qtbot: QtBot, window: KioskWindow
) -> None:
    screen = open_map(window)
    canvas = screen.canvas
    canvas.reset_view(animated=False)
    canvas.relayout_labels()
    controls = canvas.control_rects()
    assert len(controls) == 3
    reset = screen.reset_button.geometry()
    assert reset.width() > 0
    # Pins just left of the "Toute la carte" button and at the right edge of the view, and
    # a pin right beside a reference point whose name the map prints below it.
    button = controls[2]
    near_button = canvas.mapToScene(
        QPoint(round(button.left()) - 30, round(button.center().y()) + 20)
    )
    at_edge = canvas.mapToScene(QPoint(canvas.viewport().width() - 40, 500))
    landmark = canvas.mapFromScene(QPointF(900, 1800))  # reference point "C" below
    beside_name = canvas.mapToScene(landmark + QPoint(-50, 16))
    places = [
        PlaceView("near-button", "Un tiers-lieu au nom assez long", None, 0, 0, False),
        PlaceView("at-edge", "La Fabrique du Bord", None, 0, 0, False),
        PlaceView("beside-name", "Le Voisin", None, 0, 0, False),
    ]
    from dataclasses import replace

    width, height = canvas._map_size.width(), canvas._map_size.height()
    placed = [
        replace(place, map_x=point.x() / width, map_y=point.y() / height)
        for place, point in zip(places, (near_button, at_edge, beside_name), strict=True)
    ]
    canvas.set_places(placed)
    from kiosk.library.geo import Landmark

    canvas.set_landmarks([Landmark("Un nom de ville", 900, 1800)])
    canvas.relayout_labels()
    view = QRectF(canvas.viewport().rect())
    name = Landmark("Un nom de ville", 900, 1800).name_box(width)
    name_in_view = QRectF(
        QPointF(canvas.mapFromScene(QPointF(name[0], name[1]))),
        QPointF(canvas.mapFromScene(QPointF(name[2], name[3]))),
    )
    shown = 0
    for slug in ("near-button", "at-edge", "beside-name"):
        rect = _label_rect_in_view(canvas, slug)
        if rect is None:
            continue
        shown += 1
        assert view.contains(rect), slug  # never cut at the edge
        for control in controls:
            assert not rect.intersects(control), slug
        assert not rect.intersects(name_in_view), slug
    assert shown == 3  # there is room for all three, elsewhere
    # A long name goes on two lines rather than being cut.
    assert len(canvas.pins["near-button"].label_lines) == 2


def test_after_a_pan_the_labels_are_laid_out_for_the_new_view(
    qtbot: QtBot, window: KioskWindow
) -> None:
    canvas = open_map(window).canvas
    canvas.set_scale(canvas.max_scale())
    canvas.centerOn(canvas.pins["bardane"].pos())
    canvas.relayout_labels()
    button = canvas.control_rects()[0]
    # Drag the Bardane pin to just left of the "+" button: once the map rests, its label is
    # not under the button.
    tip = canvas.mapFromScene(canvas.pins["bardane"].pos())
    target = QPoint(round(button.left()) - 20, round(button.center().y()) + 30)
    viewport = canvas.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=tip)
    for step in range(1, 11):
        qtbot.mouseMove(viewport, tip + (target - tip) * step / 10)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=target)
    canvas._inertia.stop()
    qtbot.waitUntil(lambda: not canvas._labels_timer.isActive(), timeout=2000)
    rect = _label_rect_in_view(canvas, "bardane")
    assert rect is not None
    for control in canvas.control_rects():
        assert not rect.intersects(control)


def test_sheets_opened_from_a_pin_the_list_and_next_are_counted_once(
    qtbot: QtBot,
    start_kiosk_controller: StartKioskController,
    window: KioskWindow,
    map_catalogue: Catalogue,
) -> None:
    """The staff statistics' "Lieux consultés": every sheet a visitor opens on the map."""
    from collections import Counter
    from datetime import date, datetime

    from kiosk.library import usage
    from kiosk.library.settings import KioskSettings

    controller = start_kiosk_controller(
        window,
        KioskSettings(idle_timeout_s=600, idle_countdown_s=3, staff_timeout_s=60),
        clock=lambda: datetime(2026, 11, 30, 12, 0),
    )
    screen = open_map(window)
    canvas = screen.canvas
    qtbot.waitUntil(lambda: canvas.map_item is not None, timeout=5000)
    # A pin.
    tap(qtbot, canvas, canvas.view_pos_of("bardane"))
    assert screen.sheet_is_open and screen.current_slug == "bardane"
    # "Suivant" on the sheet, then back to the list and a row.
    qtbot.mouseClick(screen.sheet.next_button, Qt.MouseButton.LeftButton)
    following = screen.current_slug
    assert following not in (None, "bardane")
    qtbot.mouseClick(screen.sheet.close_button, Qt.MouseButton.LeftButton)
    row = screen.model.row_of("polymorphe")
    rect = screen.list_view.visualRect(screen.model.index(row))
    qtbot.mouseClick(screen.list_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert screen.current_slug == "polymorphe"
    # A sheet opened through the route (from a video) is counted once, by the route.
    window.open("map", "le-mazier")
    controller.recorder.end_visit()  # a visit's events are written when it ends
    places = usage.summarize(map_catalogue, date(2000, 1, 1), date(2100, 1, 1)).places
    expected = Counter(["bardane", str(following), "polymorphe", "le-mazier"])
    assert places == dict(expected)


def test_in_portrait_the_sheet_has_room_to_read_and_scrolls_by_finger(
    open_kiosk_window: OpenKioskWindow, content_root: ContentRoot, map_catalogue: Catalogue
) -> None:
    from PySide6.QtWidgets import QScroller

    window = open_kiosk_window(content_root, map_catalogue, (1080, 1920))
    context = window.context
    assert context.portrait
    screen = open_map(window)
    list_height = screen.side.height()
    screen.open_place("le-mazier")
    QApplication.processEvents()
    sheet = screen.sheet
    # The room its place needs, up to 60 % of the height: the whole text without scrolling,
    # or 60 % (a long text); never less than the list had.
    QApplication.processEvents()
    _map_share, sheet_share = _shares(screen)
    whole = sheet.scroll_area.verticalScrollBar().maximum() == 0
    assert whole or sheet_share == pytest.approx(0.6, abs=0.03), sheet_share
    assert sheet.height() >= list_height - 2
    # The description shows without scrolling, below the name and the buttons.
    area = sheet.scroll_area
    top = sheet.text_label.mapTo(area.viewport(), QPoint(0, 0)).y()
    assert 0 <= top < area.viewport().height() - 3 * context.metrics.font(26)
    # Thumb-sized buttons, a scroller for the finger, and a wide indicator, not a thin bar.
    for button in (sheet.previous_button, sheet.close_button, sheet.next_button):
        assert button.height() >= context.metrics.touch
    assert QScroller.hasScroller(area.viewport())
    bar = area.verticalScrollBar()
    assert bar.sizeHint().width() >= context.metrics.px(24)
    screen.close_sheet()
    QApplication.processEvents()
    assert screen.side.height() == list_height


def _shares(screen: MapScreen) -> tuple[float, float]:
    QApplication.processEvents()
    total = screen.map_frame.height() + screen.side.height()
    return screen.map_frame.height() / total, screen.side.height() / total


@pytest.mark.x11
def test_in_portrait_on_a_real_display_the_sheet_and_list_keep_their_share(
    open_kiosk_window: OpenKioskWindow, content_root: ContentRoot, map_catalogue: Catalogue
) -> None:
    """On X the map's QGraphicsView asks for two thirds of the real screen: that request must
    not win over the shares, after an open, a close, and larger text, contrast and English."""
    from sqlalchemy import update

    with map_catalogue.session() as session:  # a credit that wraps, as the demo map's does
        session.execute(
            update(MapImage).values(
                credit="Démo générée par la borne · Contours : IGN Admin Express"
            )
        )
    window = open_kiosk_window(content_root, map_catalogue, (1080, 1920))
    screen = open_map(window)
    appearance = window.context.appearance
    assert appearance is not None
    try:
        for step in ("normal", "switched"):
            screen.open_place("le-mazier")
            _, sheet_share = _shares(screen)
            whole = screen.sheet.scroll_area.verticalScrollBar().maximum() == 0
            assert 0.37 <= sheet_share <= 0.63, step
            assert whole or sheet_share == pytest.approx(0.6, abs=0.03), step
            assert screen.sheet.text_label.isVisible()
            screen.close_sheet()
            _, list_share = _shares(screen)
            assert list_share == pytest.approx(0.4, abs=0.03), step
            # Several rows of the list in view, not one or two.
            row_height = screen.list_view.sizeHintForRow(0)
            assert screen.list_view.viewport().height() >= 3 * row_height, step
            window.top_bar.language_buttons["en"].click()
            appearance.set_high_contrast(True)
            appearance.set_large_text(True)
            QApplication.processEvents()
    finally:
        appearance.reset()
        window.context.languages.set_language("fr")  # the English translator goes with it


def test_a_finger_on_plus_minus_and_whole_map_acts_as_the_button(
    qtbot: QtBot, window: KioskWindow
) -> None:
    """Real touch events on the buttons over the map: each acts, and no tap reaches the map."""
    screen = open_map(window)
    canvas = screen.canvas
    qtbot.waitUntil(lambda: canvas.map_item is not None)
    assert canvas.zoom == pytest.approx(1.0)

    def finger(button: QWidget) -> None:
        touch_tap(button, button.rect().center())
        wait_still(qtbot, canvas)

    finger(screen.zoom_in_button)
    once = canvas.zoom
    assert once > 1.2
    finger(screen.zoom_in_button)
    twice = canvas.zoom
    assert twice > once * 1.2
    finger(screen.zoom_out_button)
    assert 1.2 < canvas.zoom < twice
    finger(screen.reset_button)
    assert canvas.zoom == pytest.approx(1.0)
    assert not screen.sheet_is_open


def test_in_portrait_a_short_sheet_leaves_the_map_the_room(
    qtbot: QtBot,
    open_kiosk_window: OpenKioskWindow,
    content_root: ContentRoot,
    map_catalogue: Catalogue,
) -> None:
    """A place with a few lines takes the height it needs, no more: the map above grows into
    the rest (no empty band above the sheet's buttons); a long one is read without scrolling
    up to 60 % of the height."""
    from sqlalchemy import update

    from kiosk.store.models import Place

    with map_catalogue.session() as session:
        session.execute(
            update(Place).where(Place.slug == "polymorphe").values(description="Court.")
        )
        session.execute(
            update(Place)
            .where(Place.slug == "le-mazier")
            .values(description="\n\n".join(["Une phrase assez longue pour la fiche."] * 30))
        )
    window = open_kiosk_window(content_root, map_catalogue, (1080, 1920))
    screen = open_map(window)
    screen.open_place("polymorphe")
    qtbot.waitUntil(lambda: _shares(screen)[0] > 0.5)
    short_map, _ = _shares(screen)
    assert screen.sheet.scroll_area.verticalScrollBar().maximum() == 0
    screen.open_place("le-mazier")
    qtbot.waitUntil(lambda: _shares(screen)[1] > 0.57, timeout=3000)
    long_map, long_sheet = _shares(screen)
    assert long_map < short_map and long_sheet == pytest.approx(0.6, abs=0.03)
