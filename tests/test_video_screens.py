"""The videos list, the poster cache and the subtitle finder (offscreen, no libvlc needed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.config import ContentRoot
from kiosk.library import catalogue_views
from kiosk.library.subtitles import find_sidecar, subtitles_for
from kiosk.playback.posters import extract_poster, poster_cache_path, poster_for
from kiosk.store.database import Catalogue
from kiosk.ui.app import RunOptions, application, build_context
from kiosk.ui.screens.videos import VideosScreen, format_duration
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


def test_list_shows_the_aftermovie_first_then_tiles_and_opens_the_player(
    sample_catalogue: Catalogue, content_root: ContentRoot, qtbot: QtBot
) -> None:
    app = application()
    context = build_context(app, content_root, sample_catalogue, RunOptions(size=(1920, 1080)))
    screen = VideosScreen(context)
    qtbot.addWidget(screen)
    screen.resize(1920, 980)
    screen.show()
    assert [t.video.is_aftermovie for t in screen.tiles] == [True, False]
    assert screen.tiles[0].title_label.text() == "Le film"
    # The vignette's title already names its place: no "Lieu : Le Mazier" line repeats it.
    assert screen.tiles[1].title_label.text() == "Le Mazier"
    assert screen.tiles[1].place_label.isHidden()
    assert screen.tiles[0].action_label.text() == "Regarder le film"
    assert not screen.tiles[0].action_icon.pixmap().isNull()
    qtbot.waitUntil(lambda: all(t.poster.has_poster() for t in screen.tiles), timeout=10000)
    assert list((content_root.cache_dir / "posters").iterdir())
    with qtbot.waitSignal(screen.navigate) as opened:
        qtbot.mouseClick(screen.tiles[1], Qt.MouseButton.LeftButton)
    assert opened.args == ["player", str(screen.tiles[1].video.media_id)]


def test_durations_read_as_minutes_and_seconds() -> None:
    assert format_duration(0) == "0:00"
    assert format_duration(8.2) == "0:08"
    assert format_duration(125) == "2:05"


def test_without_a_native_window_system_the_player_refuses_instead_of_crashing(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Offscreen (or bare Wayland) there is no window libvlc could draw into: handing it one
    crashes libvlc, so the player reports an error and never calls it."""
    from kiosk.playback.video import ErrorReason, VideoPlayer, native_video_available

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
    sample_catalogue: Catalogue, content_root: ContentRoot, qtbot: QtBot, tmp_path: Path
) -> None:
    """Opened the way a visitor opens it (the list, then the player), the control bands are on
    the X root image a second after the first picture, not just "visible" for Qt; the first tap
    then keeps them, a later tap hides them."""
    from PySide6.QtCore import QPoint

    from kiosk.ui.screens.player import FRESH_CONTROLS_S, PlayerScreen
    from kiosk.ui.window import KioskWindow

    app = application()
    context = build_context(app, content_root, sample_catalogue, RunOptions(size=(960, 540)))
    window = KioskWindow(context)
    window.setProperty("allow_close", True)
    qtbot.addWidget(window)
    window.setGeometry(0, 0, 960, 540)
    window.show()
    qtbot.waitExposed(window)
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
