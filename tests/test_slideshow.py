"""The image cache, the albums screen, the slideshow (swipe, arrows, autoplay) and the zoom view,
driven with pytest-qt (offscreen) on real files, a real catalogue and the real cache workers."""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.config import ContentRoot
from kiosk.kit.context import UiContext
from kiosk.kit.widgets_drawing import DrawingView, choose_level
from kiosk.library import catalogue_views, images
from kiosk.library.importing import import_media
from kiosk.playback.image_cache import ImageCache, ImageKey, Kind
from kiosk.store.database import Catalogue
from kiosk.store.models import Album, AlbumItem, MediaRole, Setting
from kiosk.ui.app import RunOptions, build_context
from kiosk.ui.screens.notes import NotesScreen
from kiosk.ui.screens.slideshow import (
    ROUTE_SLIDESHOW,
    SlideshowScreen,
    credit_line,
    parse_argument,
)
from tests.harness.windows import OpenKioskWindow

SIZE = (1920, 1000)


@pytest.fixture
def context(
    qapp: QApplication, content_root: ContentRoot, sample_catalogue: Catalogue
) -> UiContext:
    return build_context(qapp, content_root, sample_catalogue, RunOptions(size=(1920, 1080)))


@pytest.fixture
def slideshow(qtbot: QtBot, context: UiContext) -> Iterator[SlideshowScreen]:
    screen = SlideshowScreen(context)
    qtbot.addWidget(screen)
    screen.resize(*SIZE)
    screen.show()
    screen.show_route("fdtl")
    yield screen
    screen.cache.wait_for_idle(5000)


def album_paths(catalogue: Catalogue, slug: str = "fdtl") -> list[str]:
    album = catalogue_views.album_slides(catalogue, slug)
    assert album is not None
    return [slide.path for slide in album.slides]


def drag(qtbot: QtBot, widget: object, start: QPoint, end: QPoint, steps: int = 8) -> None:
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, pos=start)  # type: ignore[call-overload]
    for step in range(1, steps + 1):
        point = start + (end - start) * step / steps
        QTest.mouseMove(widget, point)  # type: ignore[call-overload]
        qtbot.wait(20)  # slow enough not to count as a flick
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=end)  # type: ignore[call-overload]


# The cache ------------------------------------------------------------------------------------
def test_the_lru_respects_its_byte_budget(qapp: QApplication, content_root: ContentRoot) -> None:
    one = QImage(100, 100, QImage.Format.Format_RGB32)
    cache = ImageCache(content_root, budget_bytes=3 * one.sizeInBytes() + 10)  # the drawings
    keys = [ImageKey.screen(f"assets/{n}.jpg") for n in range(5)]
    for key in keys[:3]:
        cache.put(key, QImage(one))
    assert cache.get(keys[0]) is not None  # now the most recently used
    for key in keys[3:]:
        cache.put(key, QImage(one))
        assert cache.used_bytes <= cache.budget_bytes
    assert len(cache) == 3
    assert [cache.contains(key) for key in keys] == [True, False, False, True, True]
    assert cache.stats.evictions == 2


def test_posters_and_drawings_each_keep_to_their_share(
    qapp: QApplication, content_root: ContentRoot
) -> None:
    one = QImage(100, 100, QImage.Format.Format_RGB32)
    size = one.sizeInBytes()
    cache = ImageCache(content_root, budget_bytes=2 * size, poster_budget_bytes=3 * size)
    drawings = [ImageKey.screen(f"assets/{n}.jpg") for n in range(2)]
    posters = [ImageKey.poster(f"videos/{n}.mp4") for n in range(6)]
    for key in drawings:
        cache.put(key, QImage(one))
    for key in posters:  # a videos list's worth of posters: the drawings stay
        cache.put(key, QImage(one))
    assert all(cache.contains(key) for key in drawings)
    assert [cache.contains(key) for key in posters] == [False] * 3 + [True] * 3
    more = [ImageKey.thumb(f"assets/{n}.jpg") for n in range(3)]
    for key in more:  # and an album's drawings do not push the posters out
        cache.put(key, QImage(one))
    assert [cache.contains(key) for key in drawings + more] == [False] * 3 + [True] * 2
    assert all(cache.contains(key) for key in posters[3:])
    assert cache.used_bytes == 5 * size
    one_big = QImage(300, 300, QImage.Format.Format_RGB32)  # over its share alone: kept
    cache.put(posters[0], one_big)
    assert cache.contains(posters[0]) and cache.get(posters[0]) is not None
    assert cache.used_bytes == 2 * size + one_big.sizeInBytes()


def test_prefetch_decodes_off_the_gui_thread(
    qtbot: QtBot, content_root: ContentRoot, sample_catalogue: Catalogue
) -> None:
    cache = ImageCache(content_root)
    keys = [ImageKey.screen(path) for path in album_paths(sample_catalogue)]
    cache.prefetch(keys)
    qtbot.waitUntil(lambda: all(cache.contains(key) for key in keys), timeout=10_000)
    assert cache.stats.decodes == len(keys)
    assert cache.stats.decode_threads
    assert threading.get_ident() not in cache.stats.decode_threads
    image = cache.get(keys[0])
    assert image is not None and (image.width(), image.height()) == (600, 400)


def test_the_cache_rebuilds_deleted_renditions_in_the_background(
    qtbot: QtBot, content_root: ContentRoot, sample_catalogue: Catalogue
) -> None:
    path = album_paths(sample_catalogue)[0]
    shutil.rmtree(content_root.cache_dir / images.RENDITIONS_FOLDER)
    cache = ImageCache(content_root)
    key = ImageKey.tile(path, 0, 0, 0)
    with qtbot.waitSignal(cache.ready, timeout=10_000):
        assert cache.request(key) is None
    renditions = images.renditions_of(content_root, path)
    assert renditions is not None and renditions.is_complete()


def test_a_lost_drawing_fails_with_a_reason(
    qtbot: QtBot, content_root: ContentRoot, sample_catalogue: Catalogue
) -> None:
    path = album_paths(sample_catalogue)[1]
    content_root.absolute(path).unlink()
    shutil.rmtree(content_root.cache_dir / images.RENDITIONS_FOLDER)
    cache = ImageCache(content_root)
    key = ImageKey.screen(path)
    with qtbot.waitSignal(cache.failed, timeout=10_000) as failed:
        cache.request(key)
    assert failed.args is not None and Path(path).name in failed.args[1]
    assert cache.failure(key) is not None


# The albums screen ----------------------------------------------------------------------------
def test_the_albums_screen_lists_albums_and_opens_the_slideshow(
    qtbot: QtBot, context: UiContext
) -> None:
    screen = NotesScreen(context)
    qtbot.addWidget(screen)
    screen.resize(1920, 1000)
    screen.show()
    assert [card.album.slug for card in screen.cards] == ["fdtl"]
    card = screen.cards[0]
    assert card.title_label.text() == "Faites des tiers-lieux"
    assert card.count_label.text() == "3 dessins"
    qtbot.waitUntil(lambda: card.cover.pixmap() is not None and not card.cover.pixmap().isNull())
    with qtbot.waitSignal(screen.navigate) as opened:
        qtbot.mouseClick(card, Qt.MouseButton.LeftButton, pos=QPoint(30, 30))
    assert opened.args == [ROUTE_SLIDESHOW, "fdtl"]
    context.languages.set_language("en")
    assert card.title_label.text() == "FDTL days"
    context.languages.set_language("fr")


# The slideshow --------------------------------------------------------------------------------
def test_swiping_follows_the_finger_and_wraps_at_both_ends(
    qtbot: QtBot, slideshow: SlideshowScreen
) -> None:
    stage = slideshow.stage
    middle = stage.height() // 2
    QTest.mousePress(stage, Qt.MouseButton.LeftButton, pos=QPoint(1400, middle))
    QTest.mouseMove(stage, QPoint(1100, middle))
    assert stage.offset == pytest.approx(-300)  # the drawing moves with the finger
    QTest.mouseMove(stage, QPoint(700, middle))
    qtbot.wait(150)
    QTest.mouseRelease(stage, Qt.MouseButton.LeftButton, pos=QPoint(700, middle))
    qtbot.waitUntil(lambda: slideshow.current_index() == 1 and not stage.is_animating())
    assert slideshow.position_label.text() == "2 / 3"

    drag(qtbot, stage, QPoint(400, middle), QPoint(1300, middle))
    qtbot.waitUntil(lambda: slideshow.current_index() == 0 and not stage.is_animating())
    drag(qtbot, stage, QPoint(400, middle), QPoint(1300, middle))
    qtbot.waitUntil(lambda: slideshow.current_index() == 2 and not stage.is_animating())
    drag(qtbot, stage, QPoint(1300, middle), QPoint(400, middle))
    qtbot.waitUntil(lambda: slideshow.current_index() == 0 and not stage.is_animating())


def test_a_short_drag_springs_back(qtbot: QtBot, slideshow: SlideshowScreen) -> None:
    stage = slideshow.stage
    drag(qtbot, stage, QPoint(900, 300), QPoint(1000, 300))
    qtbot.waitUntil(lambda: not stage.is_animating())
    assert slideshow.current_index() == 0 and stage.offset == 0


def test_a_touch_swipe_turns_the_page(qtbot: QtBot, slideshow: SlideshowScreen) -> None:
    stage = slideshow.stage
    device = QTest.createTouchDevice()
    # QTest delivers touches through the top-level window (the stage's origin is its origin).
    assert stage.mapTo(slideshow, QPoint(0, 0)) == QPoint(0, 0)
    QTest.touchEvent(slideshow, device).press(0, QPoint(1500, 300)).commit()
    for x in range(1400, 500, -150):
        QTest.touchEvent(slideshow, device).move(0, QPoint(x, 300)).commit()
        qtbot.wait(20)
    QTest.touchEvent(slideshow, device).release(0, QPoint(500, 300)).commit()
    qtbot.waitUntil(lambda: slideshow.current_index() == 1 and not stage.is_animating())
    assert slideshow.autoplay_is_paused()


def test_arrows_and_thumbnails_move_through_the_album(
    qtbot: QtBot, slideshow: SlideshowScreen
) -> None:
    qtbot.mouseClick(slideshow.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: slideshow.current_index() == 1)
    qtbot.mouseClick(slideshow.previous_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: slideshow.current_index() == 0)
    qtbot.mouseClick(slideshow.previous_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: slideshow.current_index() == 2)
    qtbot.mouseClick(slideshow.strip.buttons[1], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: slideshow.current_index() == 1)
    assert [button.isChecked() for button in slideshow.strip.buttons] == [False, True, False]


def test_the_next_drawings_are_decoded_before_the_swipe(
    qtbot: QtBot, slideshow: SlideshowScreen
) -> None:
    paths = album_paths(slideshow.context.catalogue)
    cache = slideshow.cache
    qtbot.waitUntil(lambda: all(cache.contains(ImageKey.screen(p)) for p in paths))
    decodes = cache.stats.decodes
    qtbot.mouseClick(slideshow.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: slideshow.current_index() == 1)
    slideshow.stage.grab()
    assert cache.stats.decodes == decodes  # shown from memory, nothing decoded on the swipe


def test_autoplay_advances_pauses_on_touch_and_resumes(
    qtbot: QtBot, slideshow: SlideshowScreen
) -> None:
    assert slideshow.autoplay_interval_ms == 8000  # the default setting
    assert slideshow.autoplay_is_running()
    slideshow.autoplay_interval_ms = 150
    slideshow.resume_after_ms = 400
    slideshow.start_autoplay()
    qtbot.waitUntil(lambda: slideshow.current_index() == 1, timeout=3000)
    qtbot.waitUntil(lambda: not slideshow.stage.is_animating())
    QTest.mousePress(slideshow.stage, Qt.MouseButton.LeftButton, pos=QPoint(900, 300))
    assert not slideshow.autoplay_is_running() and slideshow.autoplay_is_paused()
    QTest.mouseRelease(slideshow.stage, Qt.MouseButton.LeftButton, pos=QPoint(900, 300))
    qtbot.wait(250)
    assert slideshow.current_index() == 1  # nothing moves while the visitor looks
    qtbot.waitUntil(slideshow.autoplay_is_running, timeout=3000)
    qtbot.waitUntil(lambda: slideshow.current_index() == 2, timeout=3000)


def test_the_autoplay_interval_comes_from_the_settings(
    qtbot: QtBot, slideshow: SlideshowScreen, sample_catalogue: Catalogue
) -> None:
    with sample_catalogue.session() as session:
        session.add(Setting(key="autoplay_interval_s", value=json.dumps(5)))
    slideshow.show_route("fdtl")
    assert slideshow.autoplay_interval_ms == 5000
    assert slideshow.autoplay_timer.interval() == 5000


def test_captions_credit_and_start_index(
    qtbot: QtBot, slideshow: SlideshowScreen, sample_catalogue: Catalogue
) -> None:
    with sample_catalogue.session() as session:
        album = session.scalars(select(Album).where(Album.slug == "fdtl")).one()
        album.credit = "Pascaline Liard"
        album.items[2].caption = "Le spectacle-soupe"
        album.items[2].caption_en = "The soup show"
    slideshow.show_route("fdtl:2")
    assert slideshow.current_index() == 2
    assert slideshow.slide_credit.text() == "Réalisation\u00a0: Pascaline Liard"  # no lone ":"
    assert slideshow.slide_caption.text() == "Le spectacle-soupe"
    assert slideshow.position_label.text() == "3 / 3"
    slideshow.context.languages.set_language("en")
    assert slideshow.slide_caption.text() == "The soup show"
    assert slideshow.slide_credit.text().endswith("Pascaline Liard")
    slideshow.context.languages.set_language("fr")


def test_an_unknown_album_shows_a_friendly_card(slideshow: SlideshowScreen) -> None:
    slideshow.show_route("pas-un-carnet")
    assert slideshow.missing.isVisible() and not slideshow.stage.isVisible()
    assert not slideshow.autoplay_is_running()


def test_credit_and_argument_helpers() -> None:
    prefix = "Réalisation : {}"
    assert credit_line("Pascaline Liard", prefix) == "Réalisation : Pascaline Liard"
    assert credit_line("Démo — les vrais carnets sont de Pascaline Liard", prefix).startswith(
        "Démo"
    )
    assert credit_line("  ", prefix) == ""
    assert parse_argument("fdtl:4") == ("fdtl", 4)
    assert parse_argument("fdtl:x") == ("fdtl", 0)
    assert parse_argument(None) == ("", 0)


# The zoom -------------------------------------------------------------------------------------
@pytest.fixture
def big_drawing(catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path) -> str:
    """A 3000 × 2000 drawing with fine detail, in an album of its own."""
    image = Image.new("RGB", (3000, 2000), (248, 241, 224))
    draw = ImageDraw.Draw(image)
    for x in range(0, 3000, 37):
        draw.line((x, 0, 3000 - x, 2000), fill=(48, 46, 43), width=2)
    source = tmp_path / "grand.jpg"
    image.save(source, quality=90)
    with catalogue.session() as session:
        asset = import_media(session, content_root, source, MediaRole.DRAWING, title="Grand")
        session.add(Album(slug="grand", title="Grand", items=[AlbumItem(media=asset, position=0)]))
    return asset.path


def test_double_tap_opens_the_zoom_and_bounds_hold(
    qtbot: QtBot, slideshow: SlideshowScreen, big_drawing: str
) -> None:
    slideshow.show_route("grand")
    stage = slideshow.stage
    for _ in range(2):  # a double tap: two taps in quick succession, at one place
        QTest.mouseClick(stage, Qt.MouseButton.LeftButton, pos=QPoint(900, 400))
    assert slideshow.is_zooming() and not slideshow.autoplay_is_running()
    view = slideshow.zoom_view
    qtbot.waitUntil(lambda: view.is_zoomed_in())
    centre = QPointF(view.viewport().rect().center())
    view.zoom_at(centre, 1000.0)
    assert view.current_scale() == pytest.approx(1.0)  # native pixels, no further
    assert view.max_scale() == pytest.approx(1.0)
    view.zoom_at(centre, 1e-6)
    assert view.current_scale() == pytest.approx(view.fit_scale())
    assert view.visible_scene_rect().contains(QPointF(1500, 1000))
    qtbot.mouseClick(slideshow.close_zoom_button, Qt.MouseButton.LeftButton)
    assert not slideshow.is_zooming()


def test_the_route_can_open_a_drawing_zoomed_in(
    qtbot: QtBot, slideshow: SlideshowScreen, big_drawing: str
) -> None:
    """``slideshow:grand:0:zoom`` (kiosk run --route, the screenshots): that drawing, zoomed in
    at its middle; the plain route still opens the slide."""
    slideshow.show_route("grand:0:zoom")
    assert slideshow.album is not None and slideshow.album.slug == "grand"
    qtbot.waitUntil(slideshow.is_zooming)
    view = slideshow.zoom_view
    qtbot.waitUntil(view.is_zoomed_in)
    assert view.current_scale() > view.fit_scale()
    assert view.visible_scene_rect().contains(QPointF(1500, 1000))  # its middle
    slideshow.show_route("grand")
    assert not slideshow.is_zooming()


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_at_whole_page_the_buttons_cover_no_part_of_the_drawing(
    qtbot: QtBot, slideshow: SlideshowScreen, big_drawing: str, size: tuple[int, int]
) -> None:
    slideshow.resize(*size)
    slideshow.show_route("grand")
    slideshow.open_zoom()
    assert slideshow.is_zooming()
    page = slideshow.zoom_page
    view = slideshow.zoom_view
    qtbot.mouseClick(slideshow.whole_page_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.is_zoomed_in())
    QApplication.processEvents()
    assert view.item is not None
    drawing = view.mapFromScene(view.item.boundingRect()).boundingRect()
    drawing.translate(view.viewport().mapTo(page, QPoint(0, 0)))
    bar = page.bar.geometry().translated(view.mapTo(page, QPoint(0, 0)))
    assert drawing.width() > 0.5 * view.width() or drawing.height() > 0.5 * view.height()
    assert not drawing.adjusted(2, 2, -2, -2).intersects(bar), (drawing, bar)


def test_a_disabled_zoom_button_has_a_plain_ring_not_a_dashed_focus_like_one(
    qtbot: QtBot, slideshow: SlideshowScreen, big_drawing: str
) -> None:
    slideshow.show_route("grand")
    slideshow.open_zoom()
    qtbot.mouseClick(slideshow.whole_page_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not slideshow.zoom_view.is_zoomed_in())
    button = slideshow.zoom_out_button
    assert not button.isEnabled()
    image = button.grab().toImage()
    ring = slideshow.context.metrics.px(3)
    y = ring // 2
    width = image.width()
    colours = {image.pixelColor(x, y).name() for x in range(width // 4, 3 * width // 4)}
    assert len(colours) == 1, colours  # one colour all along the top edge: no dashes


def test_deep_zoom_draws_tiles_of_the_right_level_for_the_visible_area(
    qtbot: QtBot, content_root: ContentRoot, big_drawing: str
) -> None:
    cache = ImageCache(content_root)
    view = DrawingView(cache)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    view.set_drawing(big_drawing, 3000, 2000)
    assert view.item is not None
    qtbot.waitUntil(lambda: cache.contains(ImageKey.screen(big_drawing)))
    view.grab()
    assert view.item.level_drawn is None  # whole page: the screen rendition is sharp enough
    view.set_scale(1.0, QPointF(600, 400))
    view.pan_by(-300, -200)
    visible = view.visible_scene_rect()
    view.grab()
    assert view.item.level_drawn == 0
    renditions = images.renditions_of(content_root, big_drawing)
    assert renditions is not None
    wanted = view.item.visible_tiles(renditions, 0, visible)
    assert 4 <= len(wanted) <= 12  # the visible area only, not the 24 tiles of the page
    keys = [ImageKey.tile(big_drawing, 0, column, row) for column, row in wanted]
    qtbot.waitUntil(lambda: all(cache.contains(key) for key in keys), timeout=10_000)
    decoded_tiles = [k for k in list(cache._images) if k.kind is Kind.TILE and k.level == 0]
    assert set(decoded_tiles) <= set(keys) | {
        ImageKey.tile(big_drawing, 0, c, r) for c in range(6) for r in range(4)
    }
    view.set_scale(0.8)
    view.grab()
    assert view.item.level_drawn == 0  # finer than the 2048-px rendition: native tiles
    view.set_scale(0.5)
    view.grab()
    assert view.item.level_drawn is None  # the screen rendition is sharp enough here


def test_the_level_is_the_coarsest_still_as_fine_as_the_screen(
    content_root: ContentRoot, big_drawing: str
) -> None:
    renditions = images.renditions_of(content_root, big_drawing)
    assert renditions is not None and renditions.levels == 4  # 3000, 1500, 750, 375 px wide
    assert choose_level(renditions, 2.0) == 0
    assert choose_level(renditions, 1.0) == 0
    assert choose_level(renditions, 0.6) == 0
    assert choose_level(renditions, 0.5) == 1
    assert choose_level(renditions, 0.3) == 1
    assert choose_level(renditions, 0.2) == 2
    assert choose_level(renditions, 0.01) == 3


def test_pinch_zooms_about_the_fingers_and_double_tap_goes_back(
    qtbot: QtBot, content_root: ContentRoot, big_drawing: str
) -> None:
    view = DrawingView(ImageCache(content_root))
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    view.set_drawing(big_drawing, 3000, 2000)
    fit = view.current_scale()
    viewport = view.viewport()
    device = QTest.createTouchDevice()
    QTest.touchEvent(viewport, device).press(0, QPoint(500, 400), viewport).commit()
    QTest.touchEvent(viewport, device).stationary(0).press(1, QPoint(700, 400), viewport).commit()
    for spread in range(1, 6):
        QTest.touchEvent(viewport, device).move(0, QPoint(500 - 20 * spread, 400), viewport).move(
            1, QPoint(700 + 20 * spread, 400), viewport
        ).commit()
    QTest.touchEvent(viewport, device).release(0, QPoint(400, 400), viewport).release(
        1, QPoint(800, 400), viewport
    ).commit()
    # The fingers went from 200 px apart to 400: the drawing grew (up to twice) about them.
    assert fit * 1.5 < view.current_scale() <= fit * 2.05
    for _ in range(2):
        QTest.touchEvent(viewport, device).press(0, QPoint(600, 400), viewport).commit()
        QTest.touchEvent(viewport, device).release(0, QPoint(600, 400), viewport).commit()
        qtbot.wait(60)
    qtbot.waitUntil(lambda: view.current_scale() == pytest.approx(fit))


# Issue 16: back one level, the hint fades, pause and play, the neighbour follows, the strip
def test_retour_from_the_zoom_goes_back_to_the_slide(
    qtbot: QtBot,
    open_kiosk_window: OpenKioskWindow,
    content_root: ContentRoot,
    sample_catalogue: Catalogue,
) -> None:
    window = open_kiosk_window(content_root, sample_catalogue)
    window.open("notes")
    window.open(ROUTE_SLIDESHOW, "fdtl:1")
    screen = window.screens[ROUTE_SLIDESHOW]
    assert isinstance(screen, SlideshowScreen)
    screen.open_zoom(None)
    assert screen.is_zooming()
    qtbot.mouseClick(window.top_bar.back_button, Qt.MouseButton.LeftButton)
    assert window.current_route.name == ROUTE_SLIDESHOW  # still on the slideshow…
    assert not screen.is_zooming() and screen.current_index() == 1  # …at the same drawing
    qtbot.mouseClick(window.top_bar.back_button, Qt.MouseButton.LeftButton)
    assert window.current_route.name == "notes"  # then back to the album list


def test_the_zoom_hint_fades_away(qtbot: QtBot, slideshow: SlideshowScreen) -> None:
    slideshow.hint_ms = 200
    slideshow.open_zoom(None)
    hint = slideshow.zoom_hint
    assert hint.isVisible() and hint.text()
    view = slideshow.zoom_view.rect()
    assert view.contains(hint.geometry())
    qtbot.waitUntil(lambda: not hint.isVisible(), timeout=5000)
    slideshow.close_zoom()
    slideshow.open_zoom(None)  # shown again at the next zoom, then gone again
    assert hint.isVisible()
    qtbot.waitUntil(lambda: not hint.isVisible(), timeout=5000)


def test_a_tap_pauses_with_a_sign_and_the_button_plays_again(
    qtbot: QtBot, slideshow: SlideshowScreen
) -> None:
    slideshow.sign_ms = 300
    slideshow.resume_after_ms = 60_000
    assert slideshow.autoplay_is_running()
    button = slideshow.play_button
    assert button.isVisible() and button.text() == "Pause"
    QTest.mouseClick(slideshow.stage, Qt.MouseButton.LeftButton, pos=QPoint(900, 300))
    assert not slideshow.autoplay_is_running() and slideshow.autoplay_is_paused()
    assert slideshow.pause_sign.isVisible() and slideshow.pause_sign.text()
    assert slideshow.stage.rect().contains(slideshow.pause_sign.geometry())
    assert button.text() == "Lecture"
    qtbot.waitUntil(lambda: not slideshow.pause_sign.isVisible(), timeout=5000)
    assert button.text() == "Lecture"  # the sign goes, the button still says how to resume
    slideshow.autoplay_interval_ms = 100
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert slideshow.autoplay_is_running() and button.text() == "Pause"
    qtbot.waitUntil(lambda: slideshow.current_index() == 1, timeout=3000)
    qtbot.waitUntil(lambda: slideshow.current_index() == 2, timeout=3000)  # and goes on
    # The button pauses too, for good: the quiet spell does not play again.
    slideshow.resume_after_ms = 100
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert slideshow.autoplay_is_paused() and not slideshow.autoplay_is_running()
    index = slideshow.current_index()
    qtbot.wait(400)
    assert not slideshow.autoplay_is_running() and slideshow.current_index() == index


def test_during_a_swipe_the_next_drawing_follows_the_finger(
    qtbot: QtBot, slideshow: SlideshowScreen
) -> None:
    paths = album_paths(slideshow.context.catalogue)
    qtbot.waitUntil(lambda: all(slideshow.cache.contains(ImageKey.screen(p)) for p in paths))
    stage = slideshow.stage
    middle = stage.height() // 2
    QTest.mousePress(stage, Qt.MouseButton.LeftButton, pos=QPoint(1500, middle))
    QTest.mouseMove(stage, QPoint(1300, middle))
    QTest.mouseMove(stage, QPoint(1100, middle))
    current, following = stage.slot_rect(0), stage.slot_rect(1)
    assert stage.offset == pytest.approx(-400)
    # The next drawing sits right after the current one, a gap apart, moving with it.
    assert following.left() - current.right() == pytest.approx(48, abs=1)
    assert following.left() < stage.width()
    image = stage.grab().toImage()
    background = stage.background.rgb()
    x = round(following.left()) + 20
    assert QColorOf(image, x, middle) != background  # drawing pixels, not the dark stage
    QTest.mouseMove(stage, QPoint(1000, middle))
    assert stage.slot_rect(1).left() == pytest.approx(following.left() - 100, abs=1)
    QTest.mouseRelease(stage, Qt.MouseButton.LeftButton, pos=QPoint(1000, middle))
    qtbot.waitUntil(lambda: slideshow.current_index() == 1 and not stage.is_animating())


def QColorOf(image: QImage, x: int, y: int) -> int:
    return image.pixel(x, y) & 0xFFFFFF | 0xFF000000


def _long_strip(qtbot: QtBot, slideshow: SlideshowScreen) -> list[str]:
    paths = album_paths(slideshow.context.catalogue) * 8
    slideshow.resize(1080, 1800)
    slideshow.strip.set_paths(paths)
    QApplication.processEvents()
    bar = slideshow.strip.horizontalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 500)
    return paths


def test_the_strip_has_no_scrollbar_and_a_finger_drags_it(
    qtbot: QtBot, slideshow: SlideshowScreen
) -> None:
    _long_strip(qtbot, slideshow)
    strip = slideshow.strip
    bar = strip.horizontalScrollBar()
    assert strip.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert strip.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert not bar.isVisible() and not strip.verticalScrollBar().isVisible()
    chosen: list[int] = []
    strip.chosen.connect(chosen.append)
    # The mouse: press on a thumbnail, drag left 300 px, release: scrolled, nothing chosen.
    button = strip.buttons[2]
    # Through the window, as the screen's events come: positions on it stay put while the
    # thumbnail moves with the strip.
    start = button.mapTo(slideshow, button.rect().center())
    assert bar.value() == 0
    window = slideshow.windowHandle()
    QTest.mousePress(window, Qt.MouseButton.LeftButton, pos=start)
    assert button.isDown()  # the press went to the thumbnail under the finger
    for step in range(1, 7):
        QTest.mouseMove(window, start - QPoint(step * 50, 0))
        qtbot.wait(30)
    assert not button.isDown()  # a drag, not a tap
    QTest.mouseRelease(window, Qt.MouseButton.LeftButton, pos=start - QPoint(300, 0))
    strip.finger.inertia.stop()
    assert 250 <= bar.value() <= 350
    assert chosen == []
    # A finger (touch, delivered as Qt's synthesised mouse): back right by 200 px.
    device = QTest.createTouchDevice()
    first = strip.buttons[6]
    where = first.mapTo(slideshow, first.rect().center())
    before = bar.value()
    QTest.touchEvent(slideshow, device).press(0, where).commit()
    for step in range(1, 5):
        QTest.touchEvent(slideshow, device).move(0, where + QPoint(step * 50, 0)).commit()
        qtbot.wait(30)
    QTest.touchEvent(slideshow, device).release(0, where + QPoint(200, 0)).commit()
    strip.finger.inertia.stop()
    assert before - 250 <= bar.value() <= before - 150
    assert chosen == []
    # A tap still chooses.
    qtbot.mouseClick(strip.buttons[5], Qt.MouseButton.LeftButton)
    assert chosen == [5]


def test_a_fling_glides_on_after_the_finger_lifts(qtbot: QtBot, slideshow: SlideshowScreen) -> None:
    _long_strip(qtbot, slideshow)
    strip = slideshow.strip
    bar = strip.horizontalScrollBar()
    viewport = strip.viewport()
    start = viewport.mapTo(slideshow, QPoint(viewport.width() - 20, viewport.height() // 2))
    window = slideshow.windowHandle()
    QTest.mousePress(window, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 5):
        QTest.mouseMove(window, start - QPoint(step * 60, 0))
        qtbot.wait(10)  # a quick flick: 240 px in some 40 ms
    QTest.mouseRelease(window, Qt.MouseButton.LeftButton, pos=start - QPoint(240, 0))
    released_at = bar.value()
    assert released_at >= 200
    assert strip.finger.is_gliding()  # a quick flick goes on by itself…
    qtbot.waitUntil(lambda: not strip.finger.is_gliding(), timeout=5000)
    assert bar.value() > released_at  # …further the same way, then stops


def test_reset_for_the_next_visitor(qtbot: QtBot, slideshow: SlideshowScreen) -> None:
    qtbot.mouseClick(slideshow.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: slideshow.current_index() == 1 and not slideshow.stage.is_animating())
    qtbot.mouseClick(slideshow.play_button, Qt.MouseButton.LeftButton)  # paused by the button
    slideshow.open_zoom(None)
    slideshow.strip.horizontalScrollBar().setValue(50)
    assert slideshow.is_zooming() and not slideshow.autoplay_is_running()
    slideshow.reset_for_next_visitor()
    assert not slideshow.is_zooming()
    assert slideshow.current_index() == 0 and slideshow.position_label.text() == "1 / 3"
    assert slideshow.autoplay_is_running() and slideshow.play_button.text() == "Pause"
    assert not slideshow.zoom_hint.isVisible() and not slideshow.pause_sign.isVisible()
    assert slideshow.strip.horizontalScrollBar().value() == 0


def test_reset_while_hidden_starts_autoplay_only_once_shown(
    qtbot: QtBot, slideshow: SlideshowScreen
) -> None:
    slideshow.hide()
    slideshow.reset_for_next_visitor()
    assert slideshow.autoplay_is_running()  # wanted…
    assert not slideshow.autoplay_timer.isActive()  # …but nothing turns behind the home screen
    slideshow.show()
    assert slideshow.autoplay_timer.isActive()
