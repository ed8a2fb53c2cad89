"""Every visitor starts fresh: a visitor changes everything they can, walks away, and after the
idle countdown and the attract loop the next visitor finds every default again."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QPointF
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.config import ContentRoot
from kiosk.library import settings
from kiosk.library.importing import import_media
from kiosk.library.settings import KioskSettings
from kiosk.store.database import Catalogue
from kiosk.store.models import Album, AlbumItem, MapImage, MediaRole, Page, Place, Tag
from kiosk.ui.kiosk_controller import KioskController
from kiosk.ui.screens.map import MapScreen
from kiosk.ui.screens.notes import NotesScreen
from kiosk.ui.screens.page import PageScreen
from kiosk.ui.screens.slideshow import SlideshowScreen
from kiosk.ui.screens.videos.list_screen import VideosScreen
from kiosk.ui.screens.videos.player_screen import PlayerScreen
from kiosk.ui.visitor_session import Resettable, VisitorSession
from tests.harness.windows import OpenKioskWindow, StartKioskController
from tests.media_factory import make_clip, make_image

SETTINGS = KioskSettings(idle_timeout_s=15, idle_countdown_s=3, staff_timeout_s=60, volume=70)
MONDAY_NOON = datetime(2026, 11, 30, 12, 0)


@pytest.fixture
def full_catalogue(
    sample_catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> Catalogue:
    """The sample catalogue with enough places, videos, albums, themes, drawings and text for
    every list, strip and text to scroll."""
    incoming = tmp_path / "more"
    incoming.mkdir()
    with sample_catalogue.session() as session:
        culture = Tag(name="culture")
        long_text = "\n\n".join(
            f"Paragraphe {n} du texte, assez long pour défiler." for n in range(80)
        )
        session.add_all(
            Place(
                slug=f"lieu-{i:02d}",
                name=f"Lieu {i:02d}",
                commune="Moulins",
                map_x=0.1 + 0.025 * i,
                map_y=0.7,
                description=long_text,
                tags=[culture, Tag(name=f"thème numéro {i:02d}")],
            )
            for i in range(30)
        )
        for page in session.scalars(select(Page)):
            page.body = long_text
        for i in range(10):
            import_media(
                session,
                content_root,
                make_clip(incoming / f"v{i}.mp4", 0.2, (64 + 16 * i, 36 + 8 * i)),
                MediaRole.VIGNETTE,
                title=f"Vignette {i}",
            )
        drawing = import_media(
            session, content_root, make_image(incoming / "d.png", (300, 200)), MediaRole.DRAWING
        )
        # A map large enough to zoom into: the map stops at its image's native pixels.
        big_map = import_media(
            session, content_root, make_image(incoming / "carte.png", (4000, 3000)), MediaRole.MAP
        )
        for current in session.scalars(select(MapImage)):
            current.is_current = False
        session.add(MapImage(image=big_map, title="Grande carte", is_current=True))
        session.add_all(
            Album(
                slug=f"album-{i}",
                title=f"Album {i}",
                items=[AlbumItem(media=drawing, position=0)],
            )
            for i in range(8)
        )
        drawings = [
            import_media(
                session,
                content_root,
                make_image(incoming / f"long-{i}.png", (300, 200), f"#{40 + 8 * i:02X}6040"),
                MediaRole.DRAWING,
            )
            for i in range(24)
        ]
        session.add(
            Album(
                slug="long",
                title="Un long carnet",
                items=[AlbumItem(media=d, position=i) for i, d in enumerate(drawings)],
            )
        )
    return sample_catalogue


@pytest.fixture
def kiosk(
    open_kiosk_window: OpenKioskWindow,
    start_kiosk_controller: StartKioskController,
    content_root: ContentRoot,
    full_catalogue: Catalogue,
) -> KioskController:
    # The kiosk's settings as staff saved them: the player reads its volume from the catalogue.
    settings.save(full_catalogue, volume=SETTINGS.volume)
    window = open_kiosk_window(content_root, full_catalogue)
    return start_kiosk_controller(window, SETTINGS, clock=lambda: MONDAY_NOON, quick_idle=True)


def scrolled(qtbot: QtBot, bar_owner: QWidget) -> None:
    """Scrolled down as far as it goes (a list that can scroll at all)."""
    bar = bar_owner.verticalScrollBar()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: bar.maximum() >= 100, timeout=3000)
    bar.setValue(bar.maximum())
    assert bar.value() >= 100


def test_the_idle_reset_gives_every_default_back(qtbot: QtBot, kiosk: KioskController) -> None:
    window, context = kiosk.window, kiosk.context
    top_bar = window.top_bar
    kiosk.idle.suspend("visitor busy")  # the visitor is there while changing everything

    # The map: a commune chip, a place chosen (its pin and row highlighted), zoomed further,
    # the list scrolled.
    window.open("map")
    map_screen = window.screens["map"]
    assert isinstance(map_screen, MapScreen)
    map_screen.commune_chips.buttons["Moulins"].click()
    map_screen.tag_chips.buttons["culture"].click()
    assert map_screen.model.rowCount() == 30
    map_screen.open_place("lieu-10")
    canvas = map_screen.canvas
    qtbot.waitUntil(lambda: canvas._animation.state().name != "Running", timeout=2000)
    canvas.zoom_in_at(QPointF(canvas.viewport().rect().center()))
    qtbot.waitUntil(lambda: canvas._animation.state().name != "Running", timeout=2000)
    assert canvas.zoom > 1.5 and canvas.pins["lieu-10"].selected
    map_screen.close_sheet()
    map_screen.open_place("lieu-12")
    scrolled(qtbot, map_screen.sheet.scroll_area)  # the place's long text read to its end
    scrolled(qtbot, map_screen.list_view)
    tag_strip = map_screen.tag_chips.horizontalScrollBar()
    qtbot.waitUntil(lambda: tag_strip.maximum() >= 100, timeout=3000)
    tag_strip.setValue(tag_strip.maximum())
    assert tag_strip.value() >= 100

    # The videos and the albums, scrolled.
    window.open("videos")
    videos = window.screens["videos"]
    assert isinstance(videos, VideosScreen)
    scrolled(qtbot, videos.view)
    window.open("notes")
    notes = window.screens["notes"]
    assert isinstance(notes, NotesScreen)
    scrolled(qtbot, notes.album_scroll)

    # A page read down to its end.
    window.open("page", "ess")
    page = window.screens["page"]
    assert isinstance(page, PageScreen)
    scrolled(qtbot, page.text)

    # The slideshow on its second drawing, its thumbnails scrolled to the end, zoomed in.
    window.open("slideshow", "long")
    slideshow = window.screens["slideshow"]
    assert isinstance(slideshow, SlideshowScreen)
    slideshow.stage.go(1, animated=False)
    strip = slideshow.strip.horizontalScrollBar()
    qtbot.waitUntil(lambda: strip.maximum() >= 100, timeout=3000)
    strip.setValue(strip.maximum())
    assert strip.value() >= 100
    slideshow.open_zoom()
    slideshow.zoom_page.zoom_step(1.6)
    qtbot.waitUntil(slideshow.zoom_view.is_zoomed_in, timeout=2000)
    assert slideshow.current_index() == 1 and slideshow.is_zooming()

    # The player: quieter, subtitles off.
    player = window.screen_for("player")
    assert isinstance(player, PlayerScreen) and player.player is not None
    assert player.volume_bar.value() == SETTINGS.volume  # the setting, from the start
    player.volume_bar.setValue(25)
    player.subtitles_button.setChecked(False)
    assert player.player.volume() == 25 and not player.player.subtitles_enabled()

    # English, larger text, high contrast.
    top_bar.language_buttons["en"].click()
    top_bar.large_text_button.click()
    top_bar.high_contrast_button.click()
    assert context.languages.language == "en"
    assert context.appearance is not None and context.appearance.high_contrast
    assert context.metrics.text_scale > 1

    # The visitor walks away.
    assert not kiosk.attract.isVisible()
    kiosk.idle.resume("visitor busy")
    qtbot.waitUntil(kiosk.countdown.isVisible, timeout=2000)
    qtbot.waitUntil(kiosk.attract.isVisible, timeout=3000)

    assert window.current_route.name == "home"
    assert context.languages.language == "fr"
    assert context.metrics.text_scale == 1.0 and not context.appearance.large_text
    assert not context.appearance.high_contrast
    assert not top_bar.large_text_button.isChecked()
    assert not top_bar.high_contrast_button.isChecked()
    assert top_bar.language_buttons["fr"].isChecked()

    assert map_screen.model.tag is None and map_screen.model.commune is None
    assert map_screen.tag_chips.buttons[None].isChecked()
    assert map_screen.commune_chips.buttons[None].isChecked()
    assert map_screen.commune_chips.horizontalScrollBar().value() == 0
    assert map_screen.tag_chips.horizontalScrollBar().value() == 0
    assert map_screen.model.rowCount() == 32 and len(canvas.pins) == 31
    assert not map_screen.sheet_is_open and map_screen.current_slug is None
    assert canvas.selected_slug is None and not any(p.selected for p in canvas.pins.values())
    assert map_screen.delegate.selected_slug is None
    assert abs(canvas.zoom - 1.0) < 1e-6
    assert map_screen.list_view.verticalScrollBar().value() == 0
    assert map_screen.count_label.text() == "32 lieux, dont 31 sur la carte"
    assert page.text.verticalScrollBar().value() == 0

    assert videos.view.verticalScrollBar().value() == 0
    assert notes.album_scroll.verticalScrollBar().value() == 0

    assert slideshow.current_index() == 0 and not slideshow.is_zooming()
    assert strip.value() == 0
    # Autoplay back on (the album starts playing when the next visitor opens it), not paused.
    assert slideshow.autoplay_is_running() == slideshow.can_autoplay()
    assert not slideshow.autoplay_is_paused()

    assert player.volume_bar.value() == SETTINGS.volume
    assert player.player.volume() == SETTINGS.volume
    assert player.subtitles_button.isChecked() and player.player.subtitles_enabled()

    # The next visitor opens what the last one left: the place's text and the drawing's zoom
    # start from their beginning.
    kiosk.idle.suspend("next visitor")
    window.open("map")
    map_screen.open_place("lieu-12")
    assert map_screen.sheet.scroll_area.verticalScrollBar().value() == 0
    window.open("slideshow", "long")
    slideshow.open_zoom()
    assert not slideshow.zoom_view.is_zoomed_in()


def test_every_screen_built_is_registered_with_the_session(kiosk: KioskController) -> None:
    for name in ("map", "videos", "notes", "slideshow", "player", "page"):
        kiosk.window.screen_for(name)
    names = kiosk.session.names
    for name in ("home", "map", "videos", "notes", "slideshow", "player", "page", "top_bar"):
        assert name in names
    assert names[-2:] == [VisitorSession.APPEARANCE, VisitorSession.LANGUAGE]
    assert all(isinstance(kiosk.session.part(n), Resettable) for n in names)


class Part(QObject):
    def __init__(self, log: list[str], name: str, fail: bool = False) -> None:
        super().__init__()
        self.log, self.name, self.fail = log, name, fail

    def reset_for_next_visitor(self) -> None:
        self.log.append(self.name)
        if self.fail:
            raise RuntimeError("broken part")


def test_a_part_that_fails_is_logged_and_the_others_still_reset(
    qapp: QApplication, caplog: pytest.LogCaptureFixture
) -> None:
    from kiosk.kit.i18n import LanguageManager

    languages = LanguageManager()
    languages.set_language("en")
    session = VisitorSession(languages, "fr")
    done: list[str] = []
    session.register("first", Part(done, "first", fail=True))
    session.register("second", Part(done, "second"))
    with caplog.at_level(logging.ERROR):
        assert session.reset() == ["first"]
    assert done == ["first", "second"]
    assert languages.language == "fr"
    assert "could not reset first" in caplog.text
    with pytest.raises(TypeError):
        session.register("bad", object())  # type: ignore[arg-type]
