"""The video player driven through the real libvlc, in a real X window (Xvfb).

Run with ``QT_QPA_PLATFORM=xcb .venv/bin/python -m pytest -m x11 tests/test_video_player.py``.
The clips are generated here (PyAV); the broken files are broken on purpose.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
import pytest
from PIL import Image
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.playback.video.deck import ErrorReason, PlayerState
from kiosk.playback.video.instance import instance_options
from kiosk.playback.video.player import VideoPlayer
from tests.harness.windows import OpenKioskWindow
from tests.media_factory import make_clip, make_garbage

pytestmark = pytest.mark.x11

WATCHDOG_MS = 3000
RED = (200, 40, 40)
BLUE = (40, 60, 200)


def make_solid_clip(
    path: Path,
    colour: tuple[int, int, int],
    seconds: float = 1.0,
    size: tuple[int, int] = (320, 180),
) -> Path:
    """An H.264 clip of one flat colour (its pixels can be found on the screen), with a silent
    AAC track as the kiosk's real films have."""
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=25)
        stream.width, stream.height = size
        stream.pix_fmt = "yuv420p"
        audio = container.add_stream("aac", rate=48000)
        audio.layout = "mono"
        picture = Image.new("RGB", size, colour)
        for _ in range(int(seconds * 25)):
            container.mux(stream.encode(av.VideoFrame.from_image(picture)))
        container.mux(stream.encode())
        _mux_silence(container, audio, seconds)
    return path


def _mux_silence(container: Any, stream: Any, seconds: float) -> None:
    for start in range(0, int(seconds * 48000), 1024):
        frame = av.AudioFrame(format="s16", layout="mono", samples=1024)
        frame.planes[0].update(bytes(2048))
        frame.sample_rate = 48000
        frame.pts = start
        frame.time_base = Fraction(1, 48000)
        container.mux(stream.encode(frame))
    container.mux(stream.encode())


def make_audio_only(path: Path, seconds: float = 1.0) -> Path:
    """An MP4 with sound and no picture: the player must call it an error, not hang."""
    with av.open(str(path), "w") as container:
        stream = container.add_stream("aac", rate=48000)
        stream.layout = "mono"
        _mux_silence(container, stream, seconds)
    return path


def write_srt(path: Path) -> Path:
    path.write_text("1\n00:00:00,000 --> 00:00:05,000\nBonjour le Mazier\n\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("clips")
    short = make_clip(folder / "short.mp4", 1.0, (160, 90))
    data = short.read_bytes()
    truncated = folder / "truncated.mp4"
    truncated.write_bytes(data[: len(data) // 3])
    empty = folder / "empty.mp4"
    empty.write_bytes(b"")
    text = folder / "text.mp4"
    text.write_text("Ceci n'est pas une vidéo.\n" * 50, encoding="utf-8")
    with_subtitles = make_clip(folder / "sous-titres.mp4", 3.0, (160, 90))
    write_srt(folder / "sous-titres.srt")
    return {
        "short": short,
        "long": make_clip(folder / "long.mp4", 8.0, (160, 90)),
        "red": make_solid_clip(folder / "red.mp4", RED, 3.0),
        "blue": make_solid_clip(folder / "blue.mp4", BLUE, 3.0),
        "subtitled": with_subtitles,
        "srt": folder / "sous-titres.srt",
        "truncated": truncated,
        "empty": empty,
        "text": text,
        "garbage": make_garbage(folder / "garbage.mp4", 20000),
        "audio_only": make_audio_only(folder / "audio.mp4"),
        "missing": folder / "absent.mp4",
    }


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[QWidget]:
    host = QWidget()
    host.setWindowTitle("video test")
    QVBoxLayout(host).setContentsMargins(0, 0, 0, 0)
    host.setGeometry(40, 40, 480, 270)
    qtbot.addWidget(host)
    yield host


@pytest.fixture
def player(window: QWidget, qtbot: QtBot) -> Iterator[VideoPlayer]:
    created = VideoPlayer(window, watchdog_ms=WATCHDOG_MS)
    layout = window.layout()
    assert layout is not None
    layout.addWidget(created)
    window.show()
    qtbot.waitExposed(window)
    yield created
    created.release()


def screen_colour(widget: QWidget, point: QPoint | None = None) -> QColor:
    """The colour the X server shows at the widget's centre (video pixels included)."""
    screen = QGuiApplication.primaryScreen()
    centre = widget.mapToGlobal(point or widget.rect().center())
    image: QImage = screen.grabWindow(0, centre.x(), centre.y(), 1, 1).toImage()
    return image.pixelColor(0, 0)


def close_to(colour: QColor, expected: tuple[int, int, int], tolerance: int = 40) -> bool:
    actual = (colour.red(), colour.green(), colour.blue())
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


# Without a compositor X keeps no pixels of a covered window: a surface raised over another
# shows black until libvlc draws its next frame (one frame, 40 ms at 25 fps). Allowed: two.
# A switch must never leave the screen black: a black run longer than this is a stuck switch,
# not a dropped frame. How short the gap really is (about a frame) is measured by
# bench/bench_video.py against a baseline, not asserted here, where a loaded machine would
# make any tight bound flaky.
MAX_BLACK_MS = 500


def sample_screen(player: VideoPlayer, samples: list[tuple[float, QColor]]) -> None:
    samples.append((time.monotonic(), screen_colour(player)))


def longest_black_ms(samples: list[tuple[float, QColor]]) -> float:
    """The longest stretch of real time in which the screen showed neither clip's colour."""
    longest = 0.0
    black_since: float | None = None
    for moment, colour in samples:
        if close_to(colour, RED) or close_to(colour, BLUE):
            black_since = None
            continue
        black_since = moment if black_since is None else black_since
        longest = max(longest, (moment - black_since) * 1000)
    return longest


def test_options_suit_a_kiosk() -> None:
    options = instance_options({"KIOSK_VLC_VOUT": "xcb_x11", "KIOSK_VLC_AOUT": "adummy"})
    assert "--no-video-title-show" in options
    assert "--quiet" in options
    assert "--vout=xcb_x11" in options
    assert "--aout=adummy" in options
    # set_xwindow() resets --vout to "any": without a GPU, only closing the OpenGL outputs keeps
    # libvlc off Mesa's software renderer (90 MB of libLLVM and llvmpipe drawing every frame).
    assert {"--avcodec-hw=none", "--gl=none", "--gles2=none"} <= set(options)


def test_options_leave_the_gpu_to_a_real_display() -> None:
    options = instance_options({"KIOSK_VLC_VOUT": "gl", "KIOSK_VLC_AOUT": "adummy"})
    assert "--vout=gl" in options
    assert not {"--avcodec-hw=none", "--gl=none", "--gles2=none"} & set(options)


def test_clip_plays_to_its_end(player: VideoPlayer, clips: dict[str, Path], qtbot: QtBot) -> None:
    changes: list[bool] = []
    player.playing_changed.connect(changes.append)
    with qtbot.waitSignal(player.started, timeout=WATCHDOG_MS):
        player.play(clips["short"])
    assert player.state is PlayerState.PLAYING
    with qtbot.waitSignal(player.ended, timeout=5000):
        pass
    assert player.state is PlayerState.ENDED  # type: ignore[comparison-overlap]
    assert changes == [True, False]


def test_position_advances_seek_lands_pause_and_resume(
    player: VideoPlayer, clips: dict[str, Path], qtbot: QtBot
) -> None:
    positions: list[float] = []
    player.position_changed.connect(lambda seconds, _duration: positions.append(seconds))
    with qtbot.waitSignal(player.started, timeout=WATCHDOG_MS):
        player.play(clips["long"])
    qtbot.waitUntil(lambda: player.position() >= 0.5, timeout=3000)
    assert positions and positions[-1] > 0
    assert 7.5 <= player.duration() <= 8.5

    player.seek(5.0)
    qtbot.waitUntil(lambda: abs(player.position() - 5.0) <= 0.5, timeout=3000)

    with qtbot.waitSignal(player.playing_changed, timeout=2000) as paused:
        player.pause()
    assert paused.args == [False]
    assert player.state is PlayerState.PAUSED
    held = player.position()
    qtbot.wait(600)
    assert abs(player.position() - held) < 0.1
    with qtbot.waitSignal(player.playing_changed, timeout=2000) as resumed:
        player.resume()
    assert resumed.args == [True]
    qtbot.waitUntil(lambda: player.position() > held + 0.3, timeout=3000)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("missing", ErrorReason.MISSING),
        ("empty", None),
        ("text", None),
        ("garbage", None),
        ("truncated", None),
        ("audio_only", None),
    ],
)
def test_broken_files_end_in_an_error_within_the_watchdog_delay(
    player: VideoPlayer,
    clips: dict[str, Path],
    qtbot: QtBot,
    name: str,
    reason: ErrorReason | None,
) -> None:
    with qtbot.waitSignal(player.error, timeout=WATCHDOG_MS + 1000) as failed:
        player.play(clips[name])
    assert player.state is PlayerState.ERROR
    if reason is not None:
        assert failed.args == [reason.value]
    # The player is still usable afterwards.
    with qtbot.waitSignal(player.started, timeout=WATCHDOG_MS):
        player.play(clips["short"])


def test_a_portrait_film_leaves_its_bars_to_the_player_not_to_libvlc(
    player: VideoPlayer, tmp_path: Path, qtbot: QtBot
) -> None:
    """The visitor review saw the videos list beside a portrait film: libvlc's window, which
    keeps what was on screen where it does not draw, covered the whole player. The surface now
    takes the picture's shape (from the stand-in poster); the bars are the player's own black."""
    from PySide6.QtGui import QPixmap

    clip = make_solid_clip(tmp_path / "portrait.mp4", RED, 2.0, (180, 320))
    poster = QPixmap(180, 320)
    poster.fill(QColor(*RED))
    player.set_stand_in(poster)
    with qtbot.waitSignal(player.started, timeout=WATCHDOG_MS):
        player.play(clip)
    surface = next(deck.surface for deck in player._decks if deck.surface.isVisible())
    geometry = surface.geometry()
    assert geometry.height() == player.height()
    assert geometry.width() < player.width() // 2  # 9:16 in a 16:9 player
    assert abs(geometry.center().x() - player.rect().center().x()) <= 1
    qtbot.waitUntil(lambda: close_to(screen_colour(player), RED), timeout=2000)
    bar = QPoint(geometry.left() // 2, player.height() // 2)
    assert close_to(screen_colour(player, bar), (0, 0, 0))


def test_video_pixels_are_on_screen(
    player: VideoPlayer, clips: dict[str, Path], qtbot: QtBot
) -> None:
    with qtbot.waitSignal(player.started, timeout=WATCHDOG_MS):
        player.play(clips["red"])
    qtbot.waitUntil(lambda: close_to(screen_colour(player), RED), timeout=2000)


def test_subtitles_load_from_a_sidecar_and_toggle(
    player: VideoPlayer, clips: dict[str, Path], qtbot: QtBot
) -> None:
    with qtbot.waitSignal(player.started, timeout=WATCHDOG_MS):
        player.play(clips["subtitled"], clips["srt"])
    qtbot.waitUntil(player.has_subtitles, timeout=2000)
    assert player.shown_subtitle_track() >= 0
    player.set_subtitles_enabled(False)
    qtbot.waitUntil(lambda: player.shown_subtitle_track() == -1, timeout=2000)
    player.set_subtitles_enabled(True)
    qtbot.waitUntil(lambda: player.shown_subtitle_track() >= 0, timeout=2000)


def test_clip_without_subtitles_has_none(
    player: VideoPlayer, clips: dict[str, Path], qtbot: QtBot
) -> None:
    with qtbot.waitSignal(player.started, timeout=WATCHDOG_MS):
        player.play(clips["long"])
    qtbot.wait(300)
    assert not player.has_subtitles()


def test_next_clip_is_prepared_and_switched_to_without_black(
    player: VideoPlayer, clips: dict[str, Path], qtbot: QtBot
) -> None:
    with qtbot.waitSignal(player.started, timeout=WATCHDOG_MS):
        player.play(clips["red"])
    player.prepare_next(clips["blue"])
    qtbot.waitUntil(player.next_is_ready, timeout=WATCHDOG_MS)
    # The prepared clip waits underneath: the current one is still what is seen.
    assert close_to(screen_colour(player), RED)
    with qtbot.waitSignal(player.clip_changed, timeout=1000) as changed:
        assert player.play_prepared()
    assert changed.args == [str(clips["blue"])]
    assert player.state is PlayerState.PLAYING
    # Straight after the switch: one clip or the other, black for at most a frame or two.
    samples: list[tuple[float, QColor]] = []
    for _ in range(30):
        sample_screen(player, samples)
        qtbot.wait(10)
    assert longest_black_ms(samples) <= MAX_BLACK_MS, [c.getRgb() for _, c in samples]
    qtbot.waitUntil(lambda: close_to(screen_colour(player), BLUE), timeout=2000)


def test_a_sequence_moves_on_by_itself_and_skips_a_broken_clip(
    player: VideoPlayer, clips: dict[str, Path], qtbot: QtBot
) -> None:
    changed: list[str] = []
    player.clip_changed.connect(changed.append)
    with qtbot.waitSignal(player.ended, timeout=15000):
        player.play_sequence([clips["red"], clips["garbage"], clips["blue"]])
    assert changed == [str(clips["blue"])]


def test_a_looping_sequence_comes_back_to_its_first_clip(
    player: VideoPlayer, clips: dict[str, Path], qtbot: QtBot
) -> None:
    changed: list[str] = []
    player.clip_changed.connect(changed.append)
    player.play_sequence([clips["red"], clips["blue"]], loop=True)
    # Sample the screen around the first switch: one colour or the other, never black.
    samples: list[tuple[float, QColor]] = []
    qtbot.waitUntil(lambda: player.position() >= 2.5, timeout=WATCHDOG_MS + 3000)
    while not changed:
        sample_screen(player, samples)
        qtbot.wait(15)
    for _ in range(20):
        sample_screen(player, samples)
        qtbot.wait(15)
    assert longest_black_ms(samples) <= MAX_BLACK_MS, [c.getRgb() for _, c in samples]
    qtbot.waitUntil(lambda: len(changed) >= 2, timeout=10000)
    assert changed[:2] == [str(clips["blue"]), str(clips["red"])]
    player.stop()
    assert player.state is PlayerState.IDLE


def _rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


CYCLES = int(os.environ.get("KIOSK_VIDEO_CYCLES", "300"))
THREAD_SLACK = 4
# Measured: about 55 KiB per cycle over 300 cycles (libvlc players and X windows made and
# released each time; 0.2 MiB before libvlc was kept off OpenGL under Xvfb, issue 9); the bound
# is 150 KiB per cycle. Threads come back to where they were.
RSS_SLACK_KIB = CYCLES * 150


def test_open_play_close_cycles_neither_crash_nor_leak(
    window: QWidget, clips: dict[str, Path], qtbot: QtBot
) -> None:
    """Each cycle: a player widget is made, plays a clip to its first picture, is released and
    destroyed. After a warm-up, threads and memory stay within a bound of where they started."""
    window.show()
    qtbot.waitExposed(window)
    layout = window.layout()
    assert layout is not None

    def cycle() -> None:
        player = VideoPlayer(window, watchdog_ms=WATCHDOG_MS)
        layout.addWidget(player)
        with qtbot.waitSignal(player.started, timeout=WATCHDOG_MS):
            player.play(clips["short"])
        player.release()
        layout.removeWidget(player)
        player.deleteLater()
        qtbot.wait(1)

    for _ in range(10):
        cycle()
    gc.collect()
    threads_before = len(list(Path("/proc/self/task").iterdir()))
    rss_before = _rss_kib()
    for _ in range(CYCLES):
        cycle()
    gc.collect()
    qtbot.wait(200)
    threads_after = len(list(Path("/proc/self/task").iterdir()))
    rss_after = _rss_kib()
    assert threads_after <= threads_before + THREAD_SLACK
    assert rss_after - rss_before <= RSS_SLACK_KIB, (rss_before, rss_after)


def test_the_player_screen_shows_video_and_controls_above_it(
    sample_catalogue: object, content_root: object, qtbot: QtBot
) -> None:
    """The real player screen: the clip's light grey is on screen, the controls' charcoal band
    is above it (native windows stack over Qt's own painting: this is what is checked)."""
    from kiosk.config import ContentRoot
    from kiosk.library import catalogue_views
    from kiosk.store.database import Catalogue
    from kiosk.ui.app import RunOptions, application, build_context
    from kiosk.ui.screens.videos.player_screen import PlayerScreen

    assert isinstance(sample_catalogue, Catalogue)
    assert isinstance(content_root, ContentRoot)
    app = application()
    context = build_context(app, content_root, sample_catalogue, RunOptions(size=(960, 540)))
    screen = PlayerScreen(context)
    qtbot.addWidget(screen)
    screen.setGeometry(0, 0, 960, 540)
    screen.show()
    qtbot.waitExposed(screen)
    vignette = next(v for v in catalogue_views.videos(sample_catalogue) if not v.is_aftermovie)
    assert screen.player is not None
    with qtbot.waitSignal(screen.player.started, timeout=WATCHDOG_MS):
        screen.show_route(str(vignette.media_id))
    screen.show_controls()
    qtbot.wait(300)
    player = screen.player
    row = [QPoint(player.width() * i // 20, player.height() // 2) for i in range(1, 20)]
    grey = [p for p in row if close_to(screen_colour(player, p), (240, 240, 240), 30)]
    assert len(grey) >= len(row) // 2
    band = screen.bottom_band
    assert band.isVisible()
    band_rect = QRect(band.mapTo(player, QPoint(0, 0)), band.size())
    corner = QPoint(band_rect.left() + 4, band_rect.bottom() - 4)
    assert close_to(screen_colour(player, corner), (43, 42, 39), 12)
    screen.hide_controls()
    qtbot.wait(300)
    assert not close_to(screen_colour(player, corner), (43, 42, 39), 12)
    screen.hide()
    player.release()


# -- the player screen as a visitor sees it (issue 19) -------------------------------------

MAGENTA_CUE = '<font color="#FF00FF">Premier sous-titre du film</font>'
CYAN_CUE = '<font color="#00FFFF">Second sous-titre du film</font>'


def _is_magenta(colour: QColor) -> bool:
    return colour.red() > 190 and colour.blue() > 190 and colour.green() < 100


def _is_cyan(colour: QColor) -> bool:
    return colour.red() < 100 and colour.green() > 190 and colour.blue() > 190


def _count(image: QImage, test: Any, step: int = 2) -> int:
    return sum(
        1
        for y in range(0, image.height(), step)
        for x in range(0, image.width(), step)
        if test(image.pixelColor(x, y))
    )


def _grab(widget: QWidget, rect: QRect) -> QImage:
    """The X screen's pixels (video included) of ``rect`` in ``widget``'s coordinates."""
    corner = widget.mapToGlobal(rect.topLeft())
    screen = QGuiApplication.primaryScreen()
    return screen.grabWindow(0, corner.x(), corner.y(), rect.width(), rect.height()).toImage()


@pytest.fixture
def film_home(tmp_path: Path) -> Iterator[tuple[Any, Any]]:
    """A content root with an aftermovie (an MKV with two embedded SRT cues, cue 1 at 0.5-3.0 s
    and cue 2 at 3.5-5.0 s) and a place whose vignette is a short clip."""
    from kiosk.config import ContentRoot
    from kiosk.library.importing import import_media
    from kiosk.store.database import Catalogue
    from kiosk.store.models import MediaRole, Place
    from tests.media_factory import make_subtitled_mkv

    root = ContentRoot(tmp_path / "home")
    root.home.mkdir()
    root.ensure_folders()
    catalogue = Catalogue(root.db_path)
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    film = make_subtitled_mkv(
        incoming / "film.mkv", [(0.5, 3.0, MAGENTA_CUE), (3.5, 5.0, CYAN_CUE)], seconds=6.0
    )
    with catalogue.session() as session:
        import_media(session, root, film, MediaRole.AFTERMOVIE, title="Le film du voyage")
        vignette = import_media(
            session,
            root,
            make_clip(incoming / "v.mp4", 1.0, (320, 180)),
            MediaRole.VIGNETTE,
            title="Le Mazier",
        )
        session.add(Place(slug="le-mazier", name="Le Mazier", map_x=0.5, map_y=0.5, video=vignette))
    yield root, catalogue
    catalogue.close()


def _player_screen(film_home: tuple[Any, Any], qtbot: QtBot, size: tuple[int, int]) -> Any:
    from kiosk.ui.app import RunOptions, application, build_context
    from kiosk.ui.screens.videos.player_screen import PlayerScreen

    root, catalogue = film_home
    context = build_context(application(), root, catalogue, RunOptions(size=size))
    screen = PlayerScreen(context)
    qtbot.addWidget(screen)
    screen.setGeometry(0, 0, *size)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def _wait_position(player: VideoPlayer, qtbot: QtBot, low: float, high: float) -> None:
    qtbot.waitUntil(lambda: low <= player.position() <= high, timeout=8000)


@pytest.mark.parametrize("size", [(960, 540), (540, 960)], ids=["landscape", "portrait"])
def test_both_subtitle_cues_show_above_the_control_band(
    film_home: tuple[Any, Any], qtbot: QtBot, size: tuple[int, int]
) -> None:
    """The embedded track is on from the start (cue 1 at 0.5 s is there), both cues are drawn
    in the strip of screen just above the bottom band while the band is up, and none inside
    the band's place."""
    from kiosk.library import catalogue_views
    from kiosk.playback.video import instance as video

    # The subtitle margin belongs to the process's one instance: a new one for this orientation.
    video.forget_instance()
    screen = _player_screen(film_home, qtbot, size)
    film = next(v for v in catalogue_views.videos(film_home[1]) if v.is_aftermovie)
    player = screen.player
    assert player is not None
    with qtbot.waitSignal(player.started, timeout=WATCHDOG_MS):
        screen.show_route(str(film.media_id))
    band = screen.bottom_band
    above = QRect(0, band.y() - player.height() // 3, player.width(), player.height() // 3)
    found: dict[str, int] = {}
    for name, test, (low, high) in (
        ("cue 1", _is_magenta, (0.9, 2.6)),
        ("cue 2", _is_cyan, (3.8, 4.8)),
    ):
        _wait_position(player, qtbot, low, high)
        screen.show_controls()
        qtbot.wait(120)
        assert band.isVisible()
        found[name] = _count(_grab(player, above), test)
    assert found["cue 1"] > 50 and found["cue 2"] > 50, found
    screen.hide()
    player.release()


def test_subtitles_turned_off_come_back_on_for_the_next_film_and_visitor(
    film_home: tuple[Any, Any], qtbot: QtBot
) -> None:
    from kiosk.library import catalogue_views

    screen = _player_screen(film_home, qtbot, (960, 540))
    film = next(v for v in catalogue_views.videos(film_home[1]) if v.is_aftermovie)
    player = screen.player
    assert player is not None
    with qtbot.waitSignal(player.started, timeout=WATCHDOG_MS):
        screen.show_route(str(film.media_id))
    qtbot.waitUntil(screen.subtitles_button.isEnabled, timeout=3000)
    screen.subtitles_button.click()
    qtbot.waitUntil(lambda: player.shown_subtitle_track() == -1, timeout=2000)
    screen.volume_bar.setValue(13)
    assert player.volume() == 13
    with qtbot.waitSignal(player.started, timeout=WATCHDOG_MS):
        screen.show_route(str(film.media_id))
    assert screen.subtitles_button.isChecked()
    qtbot.waitUntil(lambda: player.shown_subtitle_track() >= 0, timeout=2000)
    screen.reset_for_next_visitor()
    assert player.volume() == screen.machine_volume() == screen.volume_bar.value()
    screen.hide()
    player.release()


def _kiosk_window(film_home: tuple[Any, Any], open_window: OpenKioskWindow) -> Any:
    """The kiosk window on the film's home, 960x540 at the screen's corner (its pixels are read
    back from the X screen)."""
    root, catalogue = film_home
    return open_window(root, catalogue, (960, 540), at=(0, 0))


def _luminance(colour: QColor) -> float:
    return 0.2126 * colour.red() + 0.7152 * colour.green() + 0.0722 * colour.blue()


def test_from_a_tap_to_the_film_no_black_frame(
    film_home: tuple[Any, Any], qtbot: QtBot, open_kiosk_window: OpenKioskWindow
) -> None:
    """Tap the aftermovie's tile in the list: the screen's centre goes from the list to the
    poster to the film and is never black on the way (sampled as fast as the screen can be
    read). How fast is bench/bench_video.py's business."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window = _kiosk_window(film_home, open_kiosk_window)
    window.open("videos")
    videos = window.screens["videos"]
    qtbot.waitUntil(
        lambda: bool(videos.tiles) and videos.tiles[0].poster.has_poster(), timeout=5000
    )
    qtbot.wait(200)
    tile = videos.tiles[0]
    QTest.mouseClick(tile, Qt.MouseButton.LeftButton, pos=QPoint(30, 30))
    player_screen = window.screens["player"]
    player = player_screen.player
    samples: list[float] = []
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline and player.state is not PlayerState.PLAYING:
        samples.append(_luminance(screen_colour(window)))
        qtbot.wait(1)
    for _ in range(40):
        samples.append(_luminance(screen_colour(window)))
        qtbot.wait(2)
    assert player.state is PlayerState.PLAYING
    assert min(samples) > 40, [round(s) for s in samples]
    window.screens["player"].hide()
    player.release()


def test_a_file_cut_short_says_it_could_not_be_read_to_the_end(
    film_home: tuple[Any, Any], qtbot: QtBot
) -> None:
    """An MKV whose second half is missing (and the catalogue recording that size: it was
    imported so) plays to where it stops, then shows the error card, not the list."""
    from sqlalchemy import update

    from kiosk.library import catalogue_views
    from kiosk.store.models import MediaAsset

    root, catalogue = film_home
    film = next(v for v in catalogue_views.videos(catalogue) if v.is_aftermovie)
    path = root.absolute(film.path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with catalogue.session() as session:
        session.execute(
            update(MediaAsset)
            .where(MediaAsset.id == film.media_id)
            .values(size_bytes=len(data) // 2)
        )
    screen = _player_screen(film_home, qtbot, (960, 540))
    player = screen.player
    with qtbot.waitSignal(player.error, timeout=15000) as failed:
        screen.show_route(str(film.media_id))
    assert failed.args == [ErrorReason.INCOMPLETE.value]
    assert screen.stack.currentWidget() is screen.error_page
    assert "jusqu'au bout" in screen.error_title.text()
    title = screen.error_title
    assert title.height() >= title.heightForWidth(title.width())  # not clipped
    screen.hide()
    player.release()


@pytest.mark.parametrize("how", ["close", "end"])
def test_a_video_from_a_place_sheet_returns_to_that_sheet(
    film_home: tuple[Any, Any], qtbot: QtBot, how: str, open_kiosk_window: OpenKioskWindow
) -> None:
    window = _kiosk_window(film_home, open_kiosk_window)
    window.open("map")
    map_screen = window.screens["map"]
    map_screen.open_place("le-mazier")
    assert map_screen.sheet_is_open
    player = window.screens["player"].player if "player" in window.screens else None
    map_screen.sheet.video_button.click()
    player_screen = window.screens["player"]
    player = player_screen.player
    assert window.current_route.name == "player"
    qtbot.waitUntil(lambda: player.state is PlayerState.PLAYING, timeout=WATCHDOG_MS)
    if how == "close":
        player_screen.close_button.click()
    qtbot.waitUntil(lambda: window.current_route.name == "map", timeout=6000)
    assert map_screen.sheet_is_open and map_screen.current_slug == "le-mazier"
    assert window.current_route.argument == "le-mazier"
    player.release()
