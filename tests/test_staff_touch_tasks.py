"""Issue 17's staff tasks driven by touch only (mouse presses and drags on the widgets and on the
on-screen keyboard's keys; no key event from the test, no wheel): a place's commune typed through
the keyboard places the pin, a media renamed, a setting that takes effect on leaving the staff
area. (Scrolling the media table by a drag, choosing the film and restoring from the Corbeille
are in test_staff_touch_scrolling.py and test_staff_media_tab.py, by taps and drags too.)"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.config import ContentRoot
from kiosk.library import settings
from kiosk.library.catalogue_admin import maps
from kiosk.library.media_admin import list_media
from kiosk.library.settings import KioskSettings
from kiosk.store.database import Catalogue
from kiosk.store.models import MediaRole, Place
from kiosk.ui.kiosk_controller import KioskController
from kiosk.ui.window import KioskWindow
from tests.harness.windows import StartKioskController
from tests.staff_touch_helpers import tap
from tests.test_staff_touch_keyboard import build_area, key, type_by_taps


def clear_by_taps(qtbot: QtBot, area: object, field: object) -> None:
    """Empty a field with the keyboard's « Effacer » key, one tap a character."""
    while field.text():  # type: ignore[attr-defined]
        tap(qtbot, key(area, "Effacer"))


def test_the_commune_typed_on_the_keyboard_places_the_pin(
    qapp: QApplication, qtbot: QtBot, sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    # Two reference points (as the Carte tab sets them): coordinates land on the sample's map.
    maps.add_point(sample_catalogue, "Moulins", 46.56, 3.33, 600, 300)
    maps.add_point(sample_catalogue, "Montluçon", 46.34, 2.60, 100, 400)
    area = build_area(qtbot, qapp, sample_catalogue, content_root, "1920x1080")
    places = area.open_tab("places")  # type: ignore[attr-defined]
    row = next(i for i, r in enumerate(places.rows) if r[1] == "La MAGIC")
    item = places.places.item(row)
    tap(qtbot, places.places.viewport(), places.places.visualItemRect(item).center())
    assert places.name.text() == "La MAGIC"
    assert places.map.highlight is None
    tap(qtbot, places.commune)
    assert area.keyboard.target is places.commune  # type: ignore[attr-defined]
    clear_by_taps(qtbot, area, places.commune)
    type_by_taps(qtbot, area, "moulins")
    assert places.commune.text() == "Moulins"  # the commune's own spelling
    assert float(places.latitude.text()) == pytest.approx(46.56, abs=0.03)
    assert places.map.highlight is not None  # the pin, on the map at once
    fx, fy = places.map.highlight
    assert fx == pytest.approx(0.75, abs=0.05) and fy == pytest.approx(0.5, abs=0.05)
    tap(qtbot, key(area, "Cacher le clavier"))
    tap(qtbot, places.save_button)
    with sample_catalogue.session() as session:
        place = session.scalars(select(Place).where(Place.slug == "la-magic")).one()
        assert place.commune == "Moulins"
        assert place.latitude == pytest.approx(46.56, abs=0.03)


def test_a_media_renamed_by_taps(
    qapp: QApplication, qtbot: QtBot, sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    area = build_area(qtbot, qapp, sample_catalogue, content_root, "1920x1080")
    media = area.open_tab("media")  # type: ignore[attr-defined]
    drawing = next(e for e in list_media(sample_catalogue) if e.role is MediaRole.DRAWING)
    table = media.table
    index = media.model.index(media.model.row_of(drawing.id), 0)
    table.scrollTo(index)
    tap(qtbot, table.viewport(), table.visualRect(index).center())
    qtbot.waitUntil(lambda: media.selected_entry() is not None)
    assert media.selected_entry().id == drawing.id
    tap(qtbot, media.edit_button)
    editor = media.editor
    tap(qtbot, editor.title)
    clear_by_taps(qtbot, area, editor.title)
    type_by_taps(qtbot, area, "La fresque")
    tap(qtbot, editor.title_en)
    clear_by_taps(qtbot, area, editor.title_en)
    type_by_taps(qtbot, area, "The fresco")
    tap(qtbot, key(area, "Cacher le clavier"))
    tap(qtbot, editor.save_button)
    assert editor.message.text() == "Enregistré."
    saved = next(e for e in list_media(sample_catalogue) if e.id == drawing.id)
    assert (saved.title, saved.title_en) == ("La fresque", "The fresco")
    assert not saved.needs_renaming


@pytest.fixture
def kiosk(
    sample_kiosk_window: KioskWindow,
    start_kiosk_controller: StartKioskController,
    sample_catalogue: Catalogue,
) -> KioskController:
    return start_kiosk_controller(sample_kiosk_window, settings.load(sample_catalogue))


def test_a_setting_changed_by_taps_takes_effect_on_leaving(
    qtbot: QtBot, kiosk: KioskController, sample_catalogue: Catalogue
) -> None:
    kiosk.open_staff_area()
    area = kiosk.staff_area
    assert area is not None
    before = kiosk.idle.timeout_s
    tap(qtbot, area.tab_buttons["settings"])  # type: ignore[attr-defined]
    page = area.pages["settings"]  # type: ignore[attr-defined]
    plus = next(b for b in page.idle.findChildren(QPushButton) if b.text() == "+")
    tap(qtbot, plus)
    assert page.idle.value() == before + page.idle.singleStep()
    tap(qtbot, page.save_button)
    assert settings.load(sample_catalogue).idle_timeout_s == before + page.idle.singleStep()
    tap(qtbot, area.back_button)  # type: ignore[attr-defined]
    assert kiosk.staff_area is None
    assert kiosk.idle.timeout_s == before + page.idle.singleStep()  # in force, no restart
    assert isinstance(kiosk.settings, KioskSettings)
    assert kiosk.settings.idle_timeout_s == kiosk.idle.timeout_s
