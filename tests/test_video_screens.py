"""The videos list, the poster cache and the subtitle finder (offscreen, no libvlc needed)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QScroller
from pytestqt.qtbot import QtBot

from kiosk.config import ContentRoot
from kiosk.kit.theme import HEDGE_DARK
from kiosk.library import catalogue_views
from kiosk.library.subtitles import find_sidecar, subtitles_for
from kiosk.playback.image_cache import Kind
from kiosk.playback.posters import extract_poster, poster_cache_path, poster_for
from kiosk.store.database import Catalogue
from kiosk.ui.app import RunOptions, application, build_context
from kiosk.ui.screens.videos.list_model import format_duration
from kiosk.ui.screens.videos.list_screen import VideosScreen
from tests.harness.windows import OpenKioskWindow
from tests.media_factory import make_clip, make_garbage


def test_poster_is_extracted_once_then_served_from_the_cache(tmp_path: Path) -> None:
    clip = make_clip(tmp_path / "film.mp4", 1.0, (320, 180))
    cache = tmp_path / "cache"
    first = poster_for(cache, clip, width=160)
    assert first is not None and first.is_file()
    assert first.parent == cache / "posters"
    stamp = first.stat().st_mtime_ns
    again = poster_for(cache, clip, width=160)
    assert again == first and again.stat().st_mtime_ns == stamp
    from PIL import Image

    with Image.open(first) as image:
        assert image.size == (160, 90)


def test_unreadable_video_has_no_poster_and_leaves_no_file(tmp_path: Path) -> None:
    broken = make_garbage(tmp_path / "broken.mp4")
    cache = tmp_path / "cache"
    assert poster_for(cache, broken) is None
    assert not poster_cache_path(cache, broken).exists()
    assert poster_for(cache, tmp_path / "absent.mp4") is None


def test_extract_poster_writes_atomically(tmp_path: Path) -> None:
    clip = make_clip(tmp_path / "film.mp4", 1.0)
    target = tmp_path / "out" / "p.jpg"
    extract_poster(clip, target, 80)
    assert target.is_file()
    assert [p.name for p in target.parent.iterdir()] == ["p.jpg"]


def test_sidecar_subtitles_are_found_beside_the_video(tmp_path: Path) -> None:
    video = tmp_path / "vignette.mp4"
    video.write_bytes(b"")
    assert find_sidecar(video) is None
    (tmp_path / "vignette.fr.vtt").write_text("WEBVTT\n")
    assert find_sidecar(video) == tmp_path / "vignette.fr.vtt"
    (tmp_path / "vignette.srt").write_text("1\n")
    assert find_sidecar(video) == tmp_path / "vignette.srt"
    recorded = tmp_path / "other.srt"
    assert subtitles_for(video, recorded) == tmp_path / "vignette.srt"
    recorded.write_text("1\n")
    assert subtitles_for(video, recorded) == recorded


def test_video_views_carry_id_place_slug_and_subtitles(sample_catalogue: Catalogue) -> None:
    videos = catalogue_views.videos(sample_catalogue)
    assert videos[0].is_aftermovie
    vignette = next(v for v in videos if not v.is_aftermovie)
    assert vignette.media_id > 0
    assert vignette.place_slug == "le-mazier"
    assert vignette.place_name == "Le Mazier"
    assert vignette.localized_title("en") == "Le Mazier (EN)"


def test_a_missing_or_damaged_video_leaves_the_visitor_lists_until_fixed(
    sample_catalogue: Catalogue, content_root: ContentRoot, qtbot: QtBot
) -> None:
    """Decided from the file's presence and size (no hashing): the videos list, the place's
    sheet ("Voir la vidéo"), the map list's video mark, then back once the file is whole."""
    screen = _screen(qtbot, content_root, sample_catalogue)
    assert screen.model.rowCount() == 2 and len(screen.tiles) == 1
    vignette = next(v for v in catalogue_views.videos(sample_catalogue) if not v.is_aftermovie)
    aftermovie = next(v for v in catalogue_views.videos(sample_catalogue) if v.is_aftermovie)
    vignette_file = content_root.absolute(vignette.path)
    whole = vignette_file.read_bytes()
    vignette_file.write_bytes(whole[: len(whole) // 2])  # damaged: not its recorded size
    film_file = content_root.absolute(aftermovie.path)
    hidden = film_file.with_name("ailleurs.bin")
    film_file.rename(hidden)  # missing
    assert catalogue_views.videos(sample_catalogue) == []
    sheet = catalogue_views.place_sheet(sample_catalogue, "le-mazier")
    assert sheet is not None and sheet.video_path is None
    place = next(p for p in catalogue_views.places(sample_catalogue) if p.slug == "le-mazier")
    assert not place.has_video and place.video_path is None
    screen.show_route(None)
    assert screen.model.rowCount() == 0 and screen.tiles == []
    assert screen.empty.isVisibleTo(screen)
    # Staff see them all the same.
    assert len(catalogue_views.videos(sample_catalogue, whole_only=False)) == 2

    vignette_file.write_bytes(whole)
    hidden.rename(film_file)
    screen.show_route(None)
    assert screen.model.rowCount() == 2 and len(screen.tiles) == 1
    sheet = catalogue_views.place_sheet(sample_catalogue, "le-mazier")
    assert sheet is not None and sheet.video_path == vignette.path


def _screen(
    qtbot: QtBot,
    content_root: ContentRoot,
    catalogue: Catalogue,
    size: tuple[int, int] = (1920, 1080),
) -> VideosScreen:
    context = build_context(application(), content_root, catalogue, RunOptions(size=size))
    screen = VideosScreen(context)
    qtbot.addWidget(screen)
    screen.resize(size[0], size[1] - 100)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def _add_vignettes(catalogue: Catalogue, count: int) -> None:
    """``count`` vignette rows whose files are empty sparse files of their recorded size (as
    bench/_homes.py's big home): listed, and nothing to decode."""
    from sqlalchemy import insert

    from kiosk.store.models import MediaAsset, MediaKind, MediaRole

    for index in range(count):
        stand_in = catalogue.db_path.parent / f"videos/many/{index:05d}.mp4"
        stand_in.parent.mkdir(parents=True, exist_ok=True)
        with stand_in.open("wb") as handle:
            handle.truncate(1000 + index)

    with catalogue.session() as session:
        session.execute(
            insert(MediaAsset),
            [
                {
                    "kind": MediaKind.VIDEO,
                    "role": MediaRole.VIGNETTE,
                    "title": f"Vignette {index:04d}",
                    "credit": "essai",
                    "path": f"videos/many/{index:05d}.mp4",
                    "sha256": f"{index:064x}",
                    "size_bytes": 1000 + index,
                    "mime_type": "video/mp4",
                    "width": 1920,
                    "height": 1080,
                    "duration_s": 65.0,
                    "sort_order": 1000 + index,
                }
                for index in range(count)
            ],
        )


def _card_image(screen: VideosScreen, row: int) -> QImage:
    """The card of ``row`` as the delegate paints it, alone in an image of its size."""
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QStyleOptionViewItem

    rect = screen.view.card_rect(row)
    image = QImage(rect.size(), QImage.Format.Format_RGB32)
    image.fill(0)
    painter = QPainter(image)
    option = QStyleOptionViewItem()
    option.rect = rect.translated(-rect.topLeft())
    screen.delegate.paint(painter, option, screen.model.index(row))
    painter.end()
    return image


def test_the_model_has_one_row_per_video_aftermovie_first(
    sample_catalogue: Catalogue, content_root: ContentRoot, qtbot: QtBot
) -> None:
    screen = _screen(qtbot, content_root, sample_catalogue)
    expected = catalogue_views.videos(sample_catalogue)
    assert screen.model.rowCount() == len(expected) == 2
    assert [v.media_id for v in screen.model.videos] == [v.media_id for v in expected]
    assert screen.model.video(0).is_aftermovie and not screen.model.video(1).is_aftermovie
    # The aftermovie is the big tile at the top; the vignette is a painted card below it.
    assert [t.video.is_aftermovie for t in screen.tiles] == [True]
    assert screen.tiles[0].title_label.text() == "Le film"
    assert screen.tiles[0].action_label.text() == "Regarder le film"
    assert not screen.tiles[0].action_icon.pixmap().isNull()
    assert screen.view.card_rect(1).top() > screen.tiles[0].geometry().bottom()
    assert screen.section.isVisible() and screen.section.text() == "Les vidéos des lieux"
    assert screen.model.index(1).data() == "Le Mazier"
    context = screen.context
    context.languages.set_language("en")
    try:
        assert screen.model.index(1).data() == "Le Mazier (EN)"
        assert screen.tiles[0].title_label.text() == "The film"
    finally:
        context.languages.set_language("fr")


def test_tapping_a_card_opens_the_player_on_its_video(
    catalogue: Catalogue, content_root: ContentRoot, qtbot: QtBot
) -> None:
    _add_vignettes(catalogue, 40)
    screen = _screen(qtbot, content_root, catalogue)
    view = screen.view
    assert screen.model.rowCount() == 40 and not screen.tiles
    for row in (0, 4, 7):
        view.scrollTo(screen.model.index(row))
        rect = view.visualRect(screen.model.index(row))
        assert view.viewport().rect().contains(rect.center())
        assert view.indexAt(rect.center()).row() == row
        assert rect.height() >= context_touch(screen) and rect.width() >= context_touch(screen)
        with qtbot.waitSignal(screen.navigate) as opened:
            QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert opened.args == ["player", str(screen.model.video(row).media_id)]
    # The gap between two cards is not a card: a tap there opens nothing.
    first, second = view.visualRect(screen.model.index(0)), view.visualRect(screen.model.index(1))
    gap = first.topRight() + (second.topLeft() - first.topRight()) / 2 + QPoint(0, 40)
    assert not view.indexAt(gap).isValid()
    with qtbot.assertNotEmitted(screen.navigate):
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=gap)


def test_a_finger_that_drags_scrolls_the_list_and_opens_nothing(
    catalogue: Catalogue, content_root: ContentRoot, qtbot: QtBot
) -> None:
    _add_vignettes(catalogue, 60)
    screen = _screen(qtbot, content_root, catalogue)
    viewport = screen.view.viewport()
    start = screen.view.visualRect(screen.model.index(4)).center()
    opened: list[tuple[str, str]] = []
    screen.navigate.connect(lambda route, argument: opened.append((route, argument)))
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 21):
        QTest.mouseMove(viewport, start - QPoint(0, step * 15), 10)
        qtbot.wait(5)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start - QPoint(0, 300))
    qtbot.waitUntil(lambda: screen.view.verticalOffset() > 100, timeout=10000)
    qtbot.wait(300)
    assert opened == []
    assert screen.view._pressed_row == -1  # no card keeps its pressed look
    screen.reset()  # a new visitor starts at the top
    assert screen.view.verticalOffset() == 0


def context_touch(screen: VideosScreen) -> int:
    return screen.context.metrics.touch


def test_tapping_the_aftermovie_opens_it(
    sample_catalogue: Catalogue, content_root: ContentRoot, qtbot: QtBot
) -> None:
    screen = _screen(qtbot, content_root, sample_catalogue)
    tile = screen.tiles[0]
    with qtbot.waitSignal(screen.navigate) as opened:
        QTest.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert opened.args == ["player", str(tile.video.media_id)]


def test_the_delegate_paints_the_poster_once_it_is_loaded(
    sample_catalogue: Catalogue, content_root: ContentRoot, qtbot: QtBot
) -> None:
    screen = _screen(qtbot, content_root, sample_catalogue)
    view, delegate = screen.view, screen.delegate
    size = delegate.poster_size(view.card_rect(1).width())
    path = screen.model.absolute_path(1)
    qtbot.waitUntil(lambda: screen.posters.poster(path, size) is not None, timeout=10000)
    qtbot.waitUntil(lambda: screen.tiles[0].poster.has_poster(), timeout=10000)
    assert list((content_root.cache_dir / "posters").iterdir())
    loaded = screen.posters.poster(path, size)
    assert loaded is not None and loaded.size() == size  # scaled to the card by the worker
    pad = delegate.padding
    sample = QPoint(pad + size.width() // 2, pad + size.height() // 5)
    with_poster = QColor(_card_image(screen, 1).pixel(sample))
    assert with_poster.lightness() > 200  # the clip's light grey frame
    # A video without a poster (not decodable) keeps the dark placeholder and still a card.
    screen.posters._failed.add(str(path))
    screen.posters.images.clear()
    placeholder = QColor(_card_image(screen, 1).pixel(sample))
    assert placeholder.name() == HEDGE_DARK.lower()


def test_a_poster_decoded_after_its_screen_is_gone_is_dropped_safely(
    sample_catalogue: Catalogue, content_root: ContentRoot, qtbot: QtBot
) -> None:
    """Posters come from the content root's shared image cache (the application's, with a pool
    drained on quit): a poster that a worker finishes after the videos screen was closed is
    kept by the cache, nothing reaches the dead screen, and the next screen has it at once."""
    import threading

    from PySide6.QtCore import QCoreApplication, QEvent, QRunnable

    from kiosk.playback.background import background
    from kiosk.playback.image_cache import shared_cache

    images = shared_cache(content_root)
    pool = background().pool(f"posters:{content_root.home.resolve()}")
    assert images.parent() is background()
    release = threading.Event()

    class Blocker(QRunnable):
        def run(self) -> None:
            release.wait(10)

    for _ in range(pool.maxThreadCount()):
        pool.start(Blocker(), 1_000_000)  # the workers are busy: the posters wait their turn
    try:
        screen = _screen(qtbot, content_root, sample_catalogue)
        path = screen.context.root.absolute(screen.tiles[0].video.path)
        qtbot.waitUntil(lambda: any(k.relative_path == str(path) for k in images._pending))
        screen.close()
        screen.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    finally:
        release.set()
    assert pool.waitForDone(10000)
    qtbot.waitUntil(lambda: bool(images.images_of(str(path), Kind.POSTER)), timeout=10000)
    again = _screen(qtbot, content_root, sample_catalogue)
    assert again.tiles[0].poster.has_poster()  # from the cache, no new decoding


def test_posters_are_loaded_only_for_the_cards_on_screen(
    catalogue: Catalogue, content_root: ContentRoot, qtbot: QtBot
) -> None:
    _add_vignettes(catalogue, 600)
    screen = _screen(qtbot, content_root, catalogue)
    view, posters = screen.view, screen.posters
    qtbot.waitUntil(lambda: bool(posters._failed), timeout=5000)
    posters.wait_for_idle(5000)
    qtbot.wait(50)
    on_screen = view.visible_rows(extra_lines=1)
    asked = {int(Path(p).stem) for p in posters._failed}
    assert asked and asked <= set(on_screen)
    assert len(asked) < 30
    # Far down the list, the cards there get theirs; the top ones are not asked again.
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    qtbot.waitUntil(lambda: str(screen.model.absolute_path(599)) in posters._failed, timeout=5000)
    assert len(posters._failed) < 60


def test_high_contrast_and_larger_text_reach_the_cards(
    sample_catalogue: Catalogue, content_root: ContentRoot, qtbot: QtBot
) -> None:
    from kiosk.kit.theme import HIGH_CONTRAST

    screen = _screen(qtbot, content_root, sample_catalogue)
    appearance = screen.context.appearance
    assert appearance is not None
    height = screen.view.card_rect(1).height()
    corner = QPoint(screen.view.card_rect(1).width() // 2, screen.view.card_rect(1).height() - 8)
    warm = QColor(_card_image(screen, 1).pixel(corner)).name()
    appearance.set_high_contrast(True)
    appearance.set_large_text(True)
    try:
        assert screen.delegate.palette is HIGH_CONTRAST
        assert QColor(_card_image(screen, 1).pixel(corner)).name() == HIGH_CONTRAST.paper.lower()
        assert warm != HIGH_CONTRAST.paper.lower()
        assert screen.view.card_rect(1).height() > height
        assert screen.view.card_rect(1).top() > screen.tiles[0].geometry().bottom()
    finally:
        appearance.reset()
    assert screen.view.card_rect(1).height() == height


@pytest.mark.parametrize("size", [(1080, 1920), (1280, 800)], ids=["portrait", "1280x800"])
def test_the_grid_fits_portrait_and_small_screens(
    catalogue: Catalogue, content_root: ContentRoot, qtbot: QtBot, size: tuple[int, int]
) -> None:
    _add_vignettes(catalogue, 10)
    screen = _screen(qtbot, content_root, catalogue, size)
    view = screen.view
    columns = 2 if size[0] < size[1] else 3
    assert view.columns == columns
    last_in_line = view.card_rect(columns - 1)
    assert last_in_line.right() < view.viewport().width()
    assert view.card_rect(columns).top() > view.card_rect(0).bottom()  # the next line
    assert view.card_rect(0).width() >= 4 * screen.context.metrics.touch


def test_no_video_says_so(catalogue: Catalogue, content_root: ContentRoot, qtbot: QtBot) -> None:
    screen = _screen(qtbot, content_root, catalogue)
    assert screen.model.rowCount() == 0
    assert screen.empty.isVisible() and screen.empty.text() == "Aucune vidéo pour le moment."
    assert screen.view.isHidden()


def test_durations_read_as_minutes_and_seconds() -> None:
    assert format_duration(0) == "0:00"
    assert format_duration(8.2) == "0:08"
    assert format_duration(125) == "2:05"


def test_without_a_native_window_system_the_player_refuses_instead_of_crashing(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Offscreen (or bare Wayland) there is no window libvlc could draw into: handing it one
    crashes libvlc, so the player reports an error and never calls it."""
    from kiosk.playback.video.deck import ErrorReason
    from kiosk.playback.video.instance import native_video_available
    from kiosk.playback.video.player import VideoPlayer

    assert not native_video_available()  # this pass runs with QT_QPA_PLATFORM=offscreen
    player = VideoPlayer(watchdog_ms=2000)
    qtbot.addWidget(player)
    player.resize(320, 180)
    player.show()
    with qtbot.waitSignal(player.error, timeout=2000) as blocker:
        player.play(make_clip(tmp_path / "clip.mp4", seconds=0.4))
    assert blocker.args == [ErrorReason.NO_OUTPUT.value]
    player.hide()
    player.release()


CHARCOAL_RGB = (43, 42, 39)


def _root_colour(x: int, y: int) -> tuple[int, int, int]:
    """What the X server shows at (x, y) of the root window, video pixels included."""
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen()
    colour = screen.grabWindow(0, x, y, 1, 1).toImage().pixelColor(0, 0)
    return colour.red(), colour.green(), colour.blue()


def _close_to(actual: tuple[int, int, int], expected: tuple[int, int, int], slack: int) -> bool:
    return all(abs(a - e) <= slack for a, e in zip(actual, expected, strict=True))


@pytest.mark.x11
def test_the_controls_are_on_screen_when_a_film_opens_from_the_list(
    sample_catalogue: Catalogue,
    content_root: ContentRoot,
    qtbot: QtBot,
    open_kiosk_window: OpenKioskWindow,
    tmp_path: Path,
) -> None:
    """Opened the way a visitor opens it (the list, then the player), the control bands are on
    the X root image a second after the first picture, not just "visible" for Qt; the first tap
    then keeps them, a later tap hides them."""
    from PySide6.QtCore import QPoint

    from kiosk.ui.screens.videos.player_controls import FRESH_CONTROLS_S
    from kiosk.ui.screens.videos.player_screen import PlayerScreen

    window = open_kiosk_window(content_root, sample_catalogue, (960, 540), at=(0, 0))
    window.open("videos")
    film = make_clip(tmp_path / "film.mp4", 5.0, (320, 180))
    screen = window.screen_for("player")
    assert isinstance(screen, PlayerScreen) and screen.player is not None
    with qtbot.waitSignal(screen.player.started, timeout=5000):
        window.open("player", str(film))
    # The bands were just shown again with the first picture: a tap keeps them.
    screen.toggle_controls()
    assert screen.controls_visible()
    qtbot.wait(round(FRESH_CONTROLS_S * 1000) + 100)
    assert screen.controls_visible()
    for band in (screen.top_band, screen.bottom_band):
        corner = band.mapToGlobal(QPoint(4, band.height() - 4))
        middle = band.mapToGlobal(QPoint(band.width() // 2, band.height() - 4))
        for point in (corner, middle):
            assert _close_to(_root_colour(point.x(), point.y()), CHARCOAL_RGB, 12), point
    screen.toggle_controls()  # seen for a second now: a tap hides them
    assert not screen.controls_visible()
    qtbot.wait(300)
    corner = screen.bottom_band.mapToGlobal(QPoint(4, screen.bottom_band.height() - 4))
    assert not _close_to(_root_colour(corner.x(), corner.y()), CHARCOAL_RGB, 12)
    assert screen.subtitles_button.isHidden()  # the clip has no subtitles
    screen.hide()
    screen.player.release()


def test_two_videos_with_the_same_stem_have_posters_of_their_own(tmp_path: Path) -> None:
    """Posters are keyed by the whole path, never the stem: ``a.mp4`` and ``a.mkv`` differ."""
    home = tmp_path / "home"
    (home / "videos").mkdir(parents=True)
    first = make_clip(home / "videos" / "a.mp4", 1.0, (320, 180))
    second = home / "videos" / "a.mkv"
    shutil.copyfile(first, second)
    cache = home / "cache"
    assert poster_cache_path(cache, first) != poster_cache_path(cache, second)
    assert poster_for(cache, first) != poster_for(cache, second)


def _assert_sound_layout(screen: VideosScreen) -> None:
    """The header widgets sit where the view paints them: the aftermovie tile, then the
    heading, then the first line of cards, each one gap apart, none over another."""
    view = screen.view
    offset = view.verticalOffset()
    assert 0 <= offset <= view.verticalScrollBar().maximum()
    below = None
    for row, tile in enumerate(screen.tiles):
        assert tile.isVisible()
        assert tile.geometry() == view.card_rect(row).translated(0, -offset), row
        if below is not None:
            assert 0 < tile.geometry().top() - below <= view.gap + 1
        below = tile.geometry().bottom()
    heading = screen.section.geometry()
    assert screen.section.isVisible()
    assert heading.topLeft() == view._heading_rect.translated(0, -offset).topLeft()
    if below is not None:
        assert 0 < heading.top() - below <= view.gap + 1, (below, heading)
    first_card = view.visualRect(screen.model.index(len(screen.tiles)))
    assert 0 < first_card.top() - heading.bottom() <= view.gap + 1, (heading, first_card)


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920), (1280, 800)])
def test_the_list_keeps_its_layout_after_a_clip_opened_from_a_scrolled_list(
    sample_catalogue: Catalogue,
    content_root: ContentRoot,
    qtbot: QtBot,
    open_kiosk_window: OpenKioskWindow,
    size: tuple[int, int],
) -> None:
    _add_vignettes(sample_catalogue, 40)
    window = open_kiosk_window(content_root, sample_catalogue, size, at=(0, 0))
    window.open("videos")
    screen = window.screen_for("videos")
    assert isinstance(screen, VideosScreen)
    qtbot.waitUntil(screen.view.isVisible)
    _assert_sound_layout(screen)
    view = screen.view
    bar = view.verticalScrollBar()
    for scrolled in (bar.maximum() // 2, bar.maximum()):
        bar.setValue(scrolled)
        _assert_sound_layout(screen)
        # A fling still running when the visitor taps a card: it stops with the list hidden.
        QScroller.scroller(view.viewport()).scrollTo(QPointF(0, scrolled // 3), 1500)
        qtbot.wait(100)
        row = len(screen.tiles) + 7
        with qtbot.waitSignal(screen.navigate):
            view.clicked.emit(screen.model.index(row))
        qtbot.waitUntil(lambda: not screen.isVisible())
        left_at = bar.value()
        qtbot.wait(300)
        assert bar.value() == left_at  # the hidden list did not go on scrolling
        bar.setValue(scrolled // 2)  # the offset changes while the list is hidden
        window.go_back()
        qtbot.waitUntil(screen.isVisible)
        qtbot.wait(50)
        _assert_sound_layout(screen)
        bar.setValue(0)  # back at the top
        _assert_sound_layout(screen)
        assert screen.tiles[0].geometry().top() == view.card_rect(0).top()
        window.open("player", str(screen.model.video(row).media_id))
        screen.reset()  # the idle reset, the list hidden behind the player
        window.go_back()
        qtbot.waitUntil(screen.isVisible)
        _assert_sound_layout(screen)
    screen.window().close()


def test_videos_added_or_removed_elsewhere_show_without_a_restart(
    sample_catalogue: Catalogue, content_root: ContentRoot, qtbot: QtBot, tmp_path: Path
) -> None:
    """Issue 17 item 6, on a real SQLite file: a video removed by the staff area disappears
    from the list on screen, one imported by another process (another connection, as `kiosk
    media import` or a bundle) appears, and a card removed before the list noticed opens no
    "Cette vidéo ne peut pas être lue": the tap reloads the list instead."""
    from kiosk.library import media_admin
    from kiosk.library.importing import import_media
    from kiosk.store.models import MediaRole

    screen = _screen(qtbot, content_root, sample_catalogue)
    before = {video.media_id for video in screen.model.videos}
    vignette = next(video for video in screen.model.videos if not video.is_aftermovie)

    # The staff area removes the vignette while the list is on screen: it goes.
    media_admin.remove_media(sample_catalogue, content_root, vignette.media_id, force=True)
    qtbot.waitUntil(lambda: vignette.media_id not in screen._shown_ids(), timeout=10000)

    # Another process imports a new one: it comes.
    other = Catalogue(content_root.db_path)
    try:
        clip = make_clip(tmp_path / "nouvelle.mp4", 1.0, (320, 180))
        with other.session() as session:
            added = import_media(session, content_root, clip, MediaRole.VIGNETTE, title="Nouvelle")
            session.flush()
            added_id = added.id
    finally:
        other.close()
    qtbot.waitUntil(lambda: added_id in screen._shown_ids(), timeout=10000)
    assert screen._shown_ids() == (before - {vignette.media_id}) | {added_id}

    # Removed while the watch is not looking: the tap finds it gone and opens nothing.
    screen.watch.stop()
    row = next(i for i, v in enumerate(screen.model.videos) if v.media_id == added_id)
    media_admin.remove_media(sample_catalogue, content_root, added_id, force=True)
    assert added_id in screen._shown_ids()  # the list has not noticed yet
    card = screen.view.visualRect(screen.model.index(row, 0))
    opened: list[tuple[str, str]] = []
    screen.navigate.connect(lambda name, argument: opened.append((name, argument)))
    QTest.mouseClick(screen.view.viewport(), Qt.MouseButton.LeftButton, pos=card.center())
    assert opened == []
    assert added_id not in screen._shown_ids()


def test_the_list_stays_where_it_was_after_a_card_is_tapped_and_the_film_ends(
    catalogue: Catalogue, content_root: ContentRoot, qtbot: QtBot
) -> None:
    """A tapped card becomes the view's current index: Qt's item views then scroll to it a
    double-click interval later (or when shown again), and the list came back from the film
    moved by the cut part of the card (the film's tile under the top bar)."""
    _add_vignettes(catalogue, 40)
    screen = _screen(qtbot, content_root, catalogue)
    view = screen.view
    bar = view.verticalScrollBar()
    viewport = view.viewport().rect()
    # The lowest card on screen, cut by the viewport's bottom edge.
    row = max(
        r
        for r in range(screen.model.rowCount())
        if view.visualRect(screen.model.index(r)).top() < viewport.bottom() - 20
    )
    rect = view.visualRect(screen.model.index(row))
    assert rect.bottom() > viewport.bottom()
    for start in (0, bar.maximum() // 3):
        bar.setValue(start)
        rect = view.visualRect(screen.model.index(row))
        with qtbot.waitSignal(screen.navigate):
            QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.wait(QApplication.doubleClickInterval() + 300)  # Qt's delayed auto-scroll
        assert bar.value() == start
        screen.hide()  # the player over it
        screen.show()  # the film ended
        qtbot.waitExposed(screen)
        QApplication.processEvents()
        assert bar.value() == start
