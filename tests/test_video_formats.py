"""Every container a camera, a phone, a DVD or a TV capture writes: judged by its content (not its
extension), recorded with its MIME type and displayed size, refused in French when it cannot be
played; posters upright and at the display aspect ratio. The x11 tests play MPEG-TS and MPEG-PS
clips through the real libvlc (``QT_QPA_PLATFORM=xcb``, pytest-xvfb)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import av
import pytest
from PIL import Image
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kiosk.cli import main
from kiosk.config import ContentRoot
from kiosk.library.import_jobs import (
    FileResult,
    Outcome,
    collect_files,
    import_files,
    skipped_files,
)
from kiosk.playback.posters import extract_poster
from kiosk.store.database import Catalogue
from kiosk.store.models import MediaAsset, MediaKind
from tests.media_factory import (
    CONTAINER_CLIPS,
    MARKER,
    make_container_clip,
    make_garbage,
    make_image,
    make_sound,
    make_truncated,
    make_video,
)

EXPECTED_MIME = {
    ".mp4": "video/mp4",
    ".mov": "video/quicktime",
    ".m4v": "video/x-m4v",
    ".mkv": "video/x-matroska",
    ".webm": "video/webm",
    ".avi": "video/x-msvideo",
    ".ts": "video/mp2t",
    ".mts": "video/mp2t",
    ".m2ts": "video/mp2t",
    ".mpg": "video/mpeg",
    ".vob": "video/mpeg",
    ".3gp": "video/3gpp",
    ".3g2": "video/3gpp2",
    ".flv": "video/x-flv",
    ".wmv": "video/x-ms-asf",
    ".mxf": "application/mxf",
    ".dv": "video/dv",
}
# Words of FFmpeg's and Pillow's English messages that must never reach a volunteer.
ENGLISH = re.compile(
    r"\b(invalid|data|found|processing|input|error|file|end of|truncated|moov|atom)\b", re.I
)


def import_one_file(catalogue: Catalogue, root: ContentRoot, source: Path) -> FileResult:
    (result,) = import_files(catalogue, root, [source]).results
    return result


def asset_of(catalogue: Catalogue, result: FileResult) -> MediaAsset:
    with catalogue.session() as session:
        asset = session.get(MediaAsset, result.media_id)
        assert asset is not None
        session.expunge(asset)
        return asset


def stored_files(root: ContentRoot) -> list[Path]:
    return sorted(
        p for d in (root.assets_dir, root.videos_dir) for p in d.rglob("*") if p.is_file()
    )


def media_count(catalogue: Catalogue) -> int:
    with catalogue.session() as session:
        return session.scalar(select(func.count()).select_from(MediaAsset)) or 0


def poster_size(video: Path, tmp_path: Path, width: int = 320) -> tuple[int, int]:
    poster = extract_poster(video, tmp_path / "posters" / f"{video.name}.jpg", width)
    with Image.open(poster) as image:
        return image.size


def is_marker(pixel: tuple[int, ...]) -> bool:
    red, green, blue = pixel[:3]
    return red > 170 and green < 90 and blue < 90


def marker_corner(poster: Path) -> str:
    """Which corner of the poster the clip's red square is in ("tl", "tr", "bl", "br")."""
    with Image.open(poster) as image:
        rgb = image.convert("RGB")
        width, height = rgb.size
        inset_x, inset_y = max(2, width // 20), max(2, height // 20)
        corners = {
            "tl": (inset_x, inset_y),
            "tr": (width - 1 - inset_x, inset_y),
            "bl": (inset_x, height - 1 - inset_y),
            "br": (width - 1 - inset_x, height - 1 - inset_y),
        }
        found = [name for name, point in corners.items() if is_marker(rgb.getpixel(point))]  # type: ignore[arg-type]
    assert len(found) == 1, found
    return found[0]


# --- every container ---------------------------------------------------------------------


@pytest.mark.parametrize("suffix", sorted(CONTAINER_CLIPS))
def test_every_container_is_imported_with_its_mime_type_and_gets_a_poster(
    catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path, suffix: str
) -> None:
    source = make_container_clip(tmp_path / f"clip{suffix}", seconds=0.6)
    result = import_one_file(catalogue, content_root, source)
    assert result.outcome is Outcome.IMPORTED, result.reason
    assert result.stored_path is not None and result.stored_path.endswith(suffix)
    asset = asset_of(catalogue, result)
    assert asset.kind is MediaKind.VIDEO
    assert asset.mime_type == EXPECTED_MIME[suffix]
    assert asset.duration_s == pytest.approx(0.6, abs=0.25)
    stored = content_root.absolute(asset.path)
    width, height = poster_size(stored, tmp_path)
    # The poster has the film's displayed shape (DV is 720×576 shown at 4:3).
    assert width == 320
    assert height == pytest.approx(320 * asset.height / asset.width, abs=2)  # type: ignore[operator]


def test_a_3gp_with_mpeg4_video_from_an_older_phone_is_imported(
    catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    source = make_video(tmp_path / "nokia.3gp", video_codec="mpeg4", size=(176, 144))
    result = import_one_file(catalogue, content_root, source)
    assert result.outcome is Outcome.IMPORTED, result.reason
    asset = asset_of(catalogue, result)
    assert (asset.mime_type, asset.width, asset.height) == ("video/3gpp", 176, 144)


def _can_encode(codec: str) -> bool:
    try:
        av.codec.Codec(codec, "w")
    except av.codec.codec.UnknownCodecError:
        return False
    return True


def test_an_ogv_with_theora_is_imported(
    catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    encoder = next((name for name in ("libtheora", "theora") if _can_encode(name)), None)
    if encoder is None:
        pytest.skip("the FFmpeg bundled with PyAV has no Theora encoder: no OGV clip to import")
    source = make_video(tmp_path / "film.ogv", video_codec=encoder, audio_codec="libopus")
    result = import_one_file(catalogue, content_root, source)
    assert result.outcome is Outcome.IMPORTED, result.reason
    assert asset_of(catalogue, result).mime_type == "video/ogg"


def test_vp8_in_ogg_which_libvlc_does_not_play_is_refused_in_french(
    catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    source = make_video(tmp_path / "film.ogv", video_codec="libvpx", audio_codec="libopus")
    result = import_one_file(catalogue, content_root, source)
    assert result.outcome is Outcome.REFUSED
    assert "VP8" in result.reason and "lecteur de la borne ne lit pas" in result.reason
    assert stored_files(content_root) == []


# --- the content decides, not the extension ----------------------------------------------


def test_an_mpeg_ts_named_mp4_is_imported_as_what_it_is(
    catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    capture = make_container_clip(tmp_path / "capture.ts", 0.6)
    renamed = tmp_path / "capture.mp4"
    capture.rename(renamed)
    result = import_one_file(catalogue, content_root, renamed)
    assert result.outcome is Outcome.IMPORTED, result.reason
    assert asset_of(catalogue, result).mime_type == "video/mp2t"


@pytest.mark.parametrize(("name", "stored_suffix"), [("MVI_0042", ".ts"), ("film.dat", ".ts")])
def test_a_film_without_a_known_extension_is_probed_and_stored_with_the_right_one(
    catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path, name: str, stored_suffix: str
) -> None:
    source = make_video(
        tmp_path / name, video_codec="mpeg2video", audio_codec="mp2", muxer="mpegts"
    )
    result = import_one_file(catalogue, content_root, source)
    assert result.outcome is Outcome.IMPORTED, result.reason
    assert result.stored_path is not None and result.stored_path.endswith(stored_suffix)
    assert asset_of(catalogue, result).mime_type == "video/mp2t"


def test_a_picture_without_extension_is_imported_as_an_image(
    catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    picture = make_image(tmp_path / "dessin.png")
    bare = tmp_path / "DESSIN"
    picture.rename(bare)
    result = import_one_file(catalogue, content_root, bare)
    assert result.outcome is Outcome.IMPORTED, result.reason
    assert result.stored_path is not None and result.stored_path.endswith(".png")
    assert asset_of(catalogue, result).kind is MediaKind.IMAGE


# --- refusals, in French -----------------------------------------------------------------


def _empty(folder: Path) -> Path:
    path = folder / "vide.mp4"
    path.write_bytes(b"")
    return path


def _garbage(folder: Path) -> Path:
    return make_garbage(folder / "bruit.ts", 20000)


def _truncated_mp4(folder: Path) -> Path:
    return make_truncated(make_container_clip(folder / "full.mp4"), folder / "coupe.mp4")


def _truncated_mkv(folder: Path) -> Path:
    full = make_video(folder / "full.mkv", seconds=3.0)
    return make_truncated(full, folder / "coupe.mkv", 0.4)


def _sound(folder: Path) -> Path:
    return make_sound(folder / "son.mp4")


def _song(folder: Path) -> Path:
    return make_sound(folder / "chanson.mp3", "libmp3lame")


def _png_named_mp4(folder: Path) -> Path:
    picture = make_image(folder / "photo.png")
    return picture.rename(folder / "photo.mp4")


def _text(folder: Path) -> Path:
    path = folder / "notes.txt"
    path.write_text("Ceci n'est pas une vidéo.\n" * 50, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("make", "outcome", "reason"),
    [
        (_empty, Outcome.REFUSED, "fichier vide"),
        (_garbage, Outcome.REFUSED, "format inconnu ou fichier endommagé"),
        (_truncated_mp4, Outcome.REFUSED, "format inconnu ou fichier endommagé"),
        (_truncated_mkv, Outcome.REFUSED, "fichier incomplet"),
        (_sound, Outcome.REFUSED, "aucune piste vidéo (c'est un fichier son seulement)"),
        (_song, Outcome.REFUSED, "aucune piste vidéo (c'est un fichier son seulement)"),
        (_png_named_mp4, Outcome.REFUSED, "c'est une image (PNG), pas une vidéo"),
        (_text, Outcome.SKIPPED, "pas un fichier image, vidéo ou PDF"),
    ],
    ids=["empty", "garbage", "truncated-mp4", "truncated-mkv", "sound", "mp3", "png", "text"],
)
def test_what_cannot_be_played_is_refused_with_a_french_reason_and_leaves_nothing(
    catalogue: Catalogue,
    content_root: ContentRoot,
    tmp_path: Path,
    make: object,
    outcome: Outcome,
    reason: str,
) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    assert callable(make)
    source: Path = make(folder)
    result = import_one_file(catalogue, content_root, source)
    assert result.outcome is outcome
    assert reason in result.reason
    assert not ENGLISH.search(result.reason), result.reason
    assert stored_files(content_root) == []
    assert media_count(catalogue) == 0


def test_ffmpeg_s_english_goes_to_the_log_only(
    catalogue: Catalogue,
    content_root: ContentRoot,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    source = make_garbage(tmp_path / "bruit.mp4", 20000)
    with caplog.at_level(logging.INFO, logger="kiosk.library.probe"):
        result = import_one_file(catalogue, content_root, source)
    assert result.reason == "ce n'est pas une vidéo lisible (format inconnu ou fichier endommagé)"
    assert "Invalid data found when processing input" in caplog.text


# --- rotation and aspect ratio -----------------------------------------------------------


@pytest.mark.parametrize(
    ("rotation", "corner"),
    [(-90, "tr"), (90, "bl"), (180, "br"), (0, "tl")],
    ids=["phone-upright", "phone-upside-down-portrait", "upside-down", "landscape"],
)
def test_a_phone_clip_gives_an_upright_poster_and_its_displayed_size(
    catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path, rotation: int, corner: str
) -> None:
    """Phones store a portrait film as a landscape frame and a display matrix (ffprobe shows
    "rotation of -90.00 degrees" for a phone held upright); the player turns it, so must the
    poster: the red square of the top left corner of the frame lands where FFmpeg's own
    auto-rotation puts it (checked against ``ffmpeg -i clip.mp4 frame.png``)."""
    clip = make_video(tmp_path / "telephone.mp4", size=(320, 180), rotation=rotation)
    result = import_one_file(catalogue, content_root, clip)
    assert result.outcome is Outcome.IMPORTED, result.reason
    asset = asset_of(catalogue, result)
    portrait = rotation % 180 != 0
    assert (asset.width, asset.height) == ((180, 320) if portrait else (320, 180))
    poster = extract_poster(clip, tmp_path / "poster.jpg", 180)
    with Image.open(poster) as image:
        assert image.size == ((180, 320) if portrait else (180, 101))
    assert marker_corner(poster) == corner


def test_an_old_rotate_tag_counts_when_there_is_no_display_matrix() -> None:
    from kiosk.library.probe import rotation_of

    class Frame:
        rotation = 0

    class Stream:
        def __init__(self, tag: str) -> None:
            self.metadata = {"rotate": tag}  # clockwise, as older muxers wrote it

    assert rotation_of(Frame(), Stream("90")) == 270
    assert rotation_of(Frame(), Stream("270")) == 90
    assert rotation_of(Frame(), Stream("n/a")) == 0


@pytest.mark.parametrize(
    ("suffix", "codec", "sar", "shown"),
    [
        (".dv", "dvvideo", Fraction(64, 45), (1024, 576)),  # 16:9 DV camcorder
        (".dv", "dvvideo", Fraction(16, 15), (768, 576)),  # 4:3 DV camcorder
        (".mpg", "mpeg2video", Fraction(64, 45), (1024, 576)),  # a 16:9 DVD
    ],
    ids=["dv-16-9", "dv-4-3", "dvd-16-9"],
)
def test_an_anamorphic_film_is_recorded_and_postered_at_its_display_aspect_ratio(
    catalogue: Catalogue,
    content_root: ContentRoot,
    tmp_path: Path,
    suffix: str,
    codec: str,
    sar: Fraction,
    shown: tuple[int, int],
) -> None:
    audio = None if codec == "dvvideo" else "mp2"
    clip = make_video(
        tmp_path / f"camescope{suffix}",
        video_codec=codec,
        audio_codec=audio,
        size=(720, 576),
        seconds=0.4,
        sample_aspect_ratio=sar,
    )
    result = import_one_file(catalogue, content_root, clip)
    assert result.outcome is Outcome.IMPORTED, result.reason
    asset = asset_of(catalogue, result)
    assert (asset.width, asset.height) == shown
    width, height = poster_size(clip, tmp_path, 640)
    assert (width, height) == (640, round(640 * shown[1] / shown[0]))


# --- folder imports: every file named --------------------------------------------------


@pytest.fixture
def usb_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "clé"
    (folder / "DCIM").mkdir(parents=True)
    (folder / "System Volume Information").mkdir()
    make_container_clip(folder / "DCIM" / "capture.ts", 0.5)
    make_container_clip(folder / "dvd.mpg", 0.5)
    make_video(folder / "DCIM" / "MVI_0001", seconds=0.5, muxer="mp4")
    make_garbage(folder / "casse.mp4")
    (folder / "notes.txt").write_text("à lire\n", encoding="utf-8")
    (folder / "rapport.docx").write_bytes(b"PK\x03\x04" + bytes(200))
    (folder / "Thumbs.db").write_bytes(b"x")
    (folder / ".cache.mp4").write_bytes(b"x")
    (folder / ".partial-123.mp4").write_bytes(b"x")
    (folder / "System Volume Information" / "IndexerVolumeGuid").write_bytes(b"x")
    return folder


def test_a_folder_import_names_every_file_skipped_or_refused(
    catalogue: Catalogue, content_root: ContentRoot, usb_folder: Path
) -> None:
    sources = collect_files([usb_folder])
    assert [p.relative_to(usb_folder).as_posix() for p in sources] == [
        "casse.mp4",
        "dvd.mpg",
        "DCIM/MVI_0001",
        "DCIM/capture.ts",
    ]
    skipped = skipped_files([usb_folder])
    report = import_files(catalogue, content_root, sources, skipped=skipped)
    by_name = {result.source.name: result for result in report.results}
    assert set(by_name) == {
        "MVI_0001",
        "capture.ts",
        "casse.mp4",
        "dvd.mpg",
        "notes.txt",
        "rapport.docx",
    }
    assert by_name["notes.txt"].outcome is Outcome.SKIPPED
    assert by_name["notes.txt"].reason == "pas un fichier image, vidéo ou PDF"
    assert by_name["rapport.docx"].outcome is Outcome.SKIPPED
    assert by_name["casse.mp4"].outcome is Outcome.REFUSED
    for name in ("MVI_0001", "capture.ts", "dvd.mpg"):
        assert by_name[name].outcome is Outcome.IMPORTED, by_name[name].reason
    assert (report.count(Outcome.IMPORTED), report.count(Outcome.REFUSED)) == (3, 1)
    assert report.count(Outcome.SKIPPED) == 2


def test_kiosk_import_of_a_folder_prints_the_skipped_files_and_counts_them(
    content_root: ContentRoot, usb_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["--home", str(content_root.home), "import", str(usb_folder)])
    out = capsys.readouterr().out
    assert status == 1  # casse.mp4 is refused
    assert f"{usb_folder / 'notes.txt'} : ignoré (pas un fichier image, vidéo ou PDF)" in out
    assert "casse.mp4 : refusé (ce n'est pas une vidéo lisible" in out
    assert "3 importés, 0 déjà présent, 1 refusé, 2 ignorés." in out
    assert "Thumbs.db" not in out and ".cache" not in out


def test_the_staff_browser_shows_every_film_and_the_summary_counts_the_skipped(
    qapp: QApplication,
    qtbot: QtBot,
    catalogue: Catalogue,
    content_root: ContentRoot,
    usb_folder: Path,
) -> None:
    from kiosk.kit.context import UiContext
    from kiosk.kit.i18n import LanguageManager
    from kiosk.kit.theme import Metrics
    from kiosk.staff.media_tab import MediaTab

    context = UiContext(content_root, catalogue, LanguageManager(qapp), Metrics(0.7))
    tab = MediaTab(context)
    qtbot.addWidget(tab)
    tab.resize(1280, 800)
    tab.show()
    tab.browser.open_folder(usb_folder / "DCIM")
    shown = [tab.browser.list.item(i).text() for i in range(tab.browser.list.count())]
    assert shown == ["capture.ts", "MVI_0001"]
    tab.browser.open_folder(usb_folder)
    shown = [tab.browser.list.item(i).text() for i in range(tab.browser.list.count())]
    assert {"dvd.mpg", "casse.mp4", "notes.txt", "rapport.docx"} <= set(shown)
    assert ".cache.mp4" not in shown
    tab.import_folder.click()
    qtbot.waitUntil(lambda: not tab.progress.busy, timeout=30000)
    text = tab.results.text()
    assert "3 importé(s), 0 déjà présent(s), 1 refusé(s), 2 ignoré(s)." in text
    assert "notes.txt : ignoré (pas un fichier image, vidéo ou PDF)" in text
    assert "rapport.docx : ignoré (pas un fichier image, vidéo ou PDF)" in text
    assert "casse.mp4 : refusé (ce n'est pas une vidéo lisible" in text


# --- the real libvlc plays what was accepted ---------------------------------------------

GREY = (200, 200, 200)


@pytest.fixture
def video_window(qtbot: QtBot) -> Iterator[QWidget]:
    host = QWidget()
    host.setWindowTitle("formats test")
    QVBoxLayout(host).setContentsMargins(0, 0, 0, 0)
    host.setGeometry(40, 40, 480, 270)
    qtbot.addWidget(host)
    yield host


def screen_colour(widget: QWidget, fx: float, fy: float) -> QColor:
    point = widget.mapToGlobal(QPoint(int(widget.width() * fx), int(widget.height() * fy)))
    screen = QGuiApplication.primaryScreen()
    return screen.grabWindow(0, point.x(), point.y(), 1, 1).toImage().pixelColor(0, 0)


def close_to(colour: QColor, expected: tuple[int, int, int], tolerance: int = 45) -> bool:
    actual = (colour.red(), colour.green(), colour.blue())
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


@pytest.mark.x11
@pytest.mark.parametrize("suffix", [".ts", ".mts", ".mpg", ".vob"])
def test_libvlc_plays_mpeg_ts_and_ps_clips_to_a_picture_on_screen(
    video_window: QWidget, qtbot: QtBot, tmp_path: Path, suffix: str
) -> None:
    from kiosk.playback.video.deck import PlayerState
    from kiosk.playback.video.player import VideoPlayer

    clip = make_container_clip(tmp_path / f"capture{suffix}", seconds=3.0)
    player = VideoPlayer(video_window, watchdog_ms=3000)
    layout = video_window.layout()
    assert layout is not None
    layout.addWidget(player)
    video_window.show()
    qtbot.waitExposed(video_window)
    try:
        with qtbot.waitSignal(player.started, timeout=4000):
            player.play(clip)
        assert player.state is PlayerState.PLAYING
        # The film's own pixels: its red corner and its grey, read back from the X screen.
        qtbot.waitUntil(
            lambda: (
                close_to(screen_colour(player, 0.1, 0.1), MARKER)
                and close_to(screen_colour(player, 0.75, 0.3), GREY, tolerance=25)
            ),
            timeout=3000,
        )
    finally:
        player.release()
