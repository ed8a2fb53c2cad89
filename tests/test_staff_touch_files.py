"""The file browser and the import as a volunteer sees them: sticks and the personal folder by
name (never a raw path), not the kiosk's own folders, sizes, dates and thumbnails (made off the
GUI thread), a new file appearing by itself; the album kept between imports, a warning for
images imported without one, and every file's result shown (a refused file is never cut)."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.config import ContentRoot
from kiosk.kit.context import UiContext
from kiosk.kit.i18n import LanguageManager
from kiosk.kit.theme import Metrics
from kiosk.store.database import Catalogue
from tests.media_factory import make_image
from tests.staff_touch_helpers import read_plainly


def texts(browser: object) -> list[str]:
    listing = browser.list  # type: ignore[attr-defined]
    return [read_plainly(listing.item(i).text()) for i in range(listing.count())]


def make_browser(qtbot: QtBot, root: ContentRoot, tmp_path: Path) -> object:
    from kiosk.staff.file_browser import FileBrowser

    mounts = tmp_path / "media"
    (mounts / "JULIE").mkdir(parents=True)
    personal = tmp_path / "perso"
    (personal / "photos").mkdir(parents=True)
    browser = FileBrowser(Metrics(0.7), root)
    browser.removable_roots = (mounts,)
    browser.personal = personal
    qtbot.addWidget(browser)
    browser.resize(800, 600)
    browser.show()
    browser.show_starting_points()
    return browser


def test_places_by_name_and_no_kiosk_folder(
    qtbot: QtBot, content_root: ContentRoot, tmp_path: Path
) -> None:
    browser = make_browser(qtbot, content_root, tmp_path)
    assert texts(browser) == ["Clé USB « JULIE »", "Dossier personnel"]
    assert "/" not in read_plainly(browser.path_label.text())  # type: ignore[attr-defined]
    # The personal folder holds the kiosk's content: it is not offered.
    personal = tmp_path / "perso"
    kiosk_inside = ContentRoot(personal / "borne")
    kiosk_inside.home.mkdir()
    kiosk_inside.ensure_folders()
    browser.content_root = kiosk_inside  # type: ignore[attr-defined]
    browser.open_folder(personal)  # type: ignore[attr-defined]
    assert texts(browser) == ["photos"]
    browser.open_folder(personal / "photos")  # type: ignore[attr-defined]
    assert read_plainly(browser.path_label.text()) == "Dossier personnel › photos"  # type: ignore[attr-defined]
    browser.go_up()  # type: ignore[attr-defined]
    browser.go_up()  # type: ignore[attr-defined]
    assert texts(browser) == ["Clé USB « JULIE »", "Dossier personnel"]


def test_system_files_of_a_stick_are_not_listed(
    qtbot: QtBot, content_root: ContentRoot, tmp_path: Path
) -> None:
    stick = tmp_path / "media" / "JULIE"
    browser = make_browser(qtbot, content_root, tmp_path)
    make_image(stick / "atelier.png", (40, 30))
    for name in ("Thumbs.db", "desktop.ini", ".DS_Store", "._atelier.png"):
        (stick / name).write_bytes(b"x")
    (stick / "System Volume Information").mkdir()
    browser.open_folder(stick)  # type: ignore[attr-defined]
    assert texts(browser) == ["atelier.png"]


def test_sizes_dates_thumbnails_off_the_gui_thread_and_new_files(
    qtbot: QtBot,
    content_root: ContentRoot,
    tmp_path: Path,
    monkeypatch: object,
) -> None:
    from kiosk.playback import images
    from kiosk.staff.file_browser import DETAIL_ROLE

    threads: list[str] = []
    real = images.load_scaled

    def spying(path: Path, bounds: QSize) -> QImage:
        threads.append(threading.current_thread().name)
        return real(path, bounds)

    monkeypatch.setattr(images, "load_scaled", spying)  # type: ignore[attr-defined]
    stick = tmp_path / "media" / "JULIE"
    browser = make_browser(qtbot, content_root, tmp_path)
    make_image(stick / "atelier.png", (1200, 800))
    (stick / "notes.txt").write_text("x" * 2048, encoding="utf-8")
    with qtbot.waitSignal(browser.thumbnails.ready, timeout=10000) as ready:  # type: ignore[attr-defined]
        browser.open_folder(stick)  # type: ignore[attr-defined]
    assert ready.args is not None and ready.args[1].endswith("atelier.png")
    assert threads and threading.main_thread().name not in threads
    assert read_plainly(browser.path_label.text()) == "Clé USB « JULIE »"  # type: ignore[attr-defined]
    listing = browser.list  # type: ignore[attr-defined]
    notes = next(
        listing.item(i) for i in range(listing.count()) if listing.item(i).text() == "notes.txt"
    )
    assert notes.data(DETAIL_ROLE).startswith("2,0 Ko · ")  # a French decimal comma
    assert " à " in notes.data(DETAIL_ROLE) and "/" not in notes.data(DETAIL_ROLE)
    # An export written into the folder shown appears by itself.
    (stick / "sauvegarde.tar").write_bytes(b"0" * 10)
    qtbot.waitUntil(lambda: "sauvegarde.tar" in texts(browser), timeout=10000)


def test_album_kept_warning_without_album_and_every_result_shown(
    qapp: QApplication,
    qtbot: QtBot,
    sample_catalogue: Catalogue,
    content_root: ContentRoot,
    tmp_path: Path,
) -> None:
    from kiosk.staff.media_tab import MediaTab

    tab = MediaTab(UiContext(content_root, sample_catalogue, LanguageManager(qapp), Metrics(0.7)))
    qtbot.addWidget(tab)
    tab.resize(1280, 800)
    tab.show()
    usb = tmp_path / "usb"
    usb.mkdir()
    for n in range(9):
        make_image(usb / f"dessin-{n}.png", (320 + n, 200), "#224466")
    (usb / "zz-casse.png").write_bytes(b"not a picture")
    album = tab.album_choice.findData(
        next(
            tab.album_choice.itemData(i)
            for i in range(tab.album_choice.count())
            if tab.album_choice.itemData(i)
        )
    )
    tab.album_choice.setCurrentIndex(album)
    assert not tab.importer.no_album_hint.isVisibleTo(tab)
    tab.start_import([usb])
    qtbot.waitUntil(lambda: not tab.progress.busy, timeout=30000)
    shown = tab.results.text()
    # Every file: the refused one first, then all nine imported (none cut away).
    assert "zz-casse.png : refusé" in shown
    assert all(f"dessin-{n}.png" in shown for n in range(9))
    assert "Attention" not in shown
    assert tab.album_choice.currentIndex() == album  # kept after the import
    # Without an album: said before the import, and after it.
    tab.album_choice.setCurrentIndex(0)
    assert tab.importer.no_album_hint.isVisibleTo(tab)
    other = tmp_path / "other"
    other.mkdir()
    make_image(other / "photo.png", (333, 222), "#AA3311")
    tab.start_import([other])
    qtbot.waitUntil(lambda: not tab.progress.busy, timeout=30000)
    assert "Attention : 1 image(s) importée(s) sans carnet" in read_plainly(tab.results.text())
    assert tab.album_choice.currentIndex() == 0
