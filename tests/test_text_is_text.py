"""Text is text: catalogue rows naming a FIFO, /dev/zero and a file outside the content root,
written behind the gate's back (raw SQL), reach the real screens harmlessly.

The screen must paint within a second (a GUI thread blocked in ``open()`` never paints) and
nothing named by the content may be opened: a Linux inotify probe (through ctypes) watches the
folder outside the root, the root's ``assets/`` and ``/dev``; a watchdog opens each FIFO's
write end without blocking, so a reader (the GUI thread stuck in ``open``) is detected and
released, and the test fails instead of hanging. The one image the texts may show (a file of
``assets/``) must show, and the probe must see it opened (by the worker): the probe is live.
"""

from __future__ import annotations

import ctypes
import os
import struct
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QUrl
from PySide6.QtGui import QColor, QImage, QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from kiosk.config import ContentRoot
from kiosk.kit.markdown import MarkdownBrowser, SafeMarkdownDocument
from kiosk.library.importing import import_media
from kiosk.library.page_view import markdown_image_path, read_media_file
from kiosk.store.database import Catalogue
from kiosk.store.models import MapImage, MediaRole
from kiosk.store.validation import web_address_problem
from kiosk.ui.screens.map import MapScreen
from kiosk.ui.screens.page import PageScreen
from kiosk.ui.whole_words import SOFT_HYPHEN
from kiosk.ui.window import KioskWindow
from tests.harness.windows import OpenKioskWindow
from tests.media_factory import make_image

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify (Linux)")

INSIDE_COLOUR = "#D0208F"  # the image of assets/ the texts may show
OUTSIDE_COLOUR = "#20D040"  # the image outside the root they must not

IN_ACCESS, IN_OPEN = 0x001, 0x020
EVENT = struct.Struct("iIII")


# The probe


class Inotify:
    """Opens seen by the kernel in the watched folders: (folder, file name) pairs."""

    def __init__(self) -> None:
        self.libc = ctypes.CDLL(None, use_errno=True)
        self.fd = self.libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if self.fd < 0:
            pytest.skip(f"inotify unavailable ({os.strerror(ctypes.get_errno())})")
        self.folders: dict[int, Path] = {}

    def watch(self, folder: Path) -> None:
        wd = self.libc.inotify_add_watch(self.fd, os.fsencode(folder), IN_OPEN | IN_ACCESS)
        assert wd >= 0, f"inotify_add_watch {folder}: {os.strerror(ctypes.get_errno())}"
        self.folders[wd] = folder

    def events(self) -> list[tuple[Path, str]]:
        seen: list[tuple[Path, str]] = []
        while True:
            try:
                data = os.read(self.fd, 65536)
            except BlockingIOError:
                return seen
            offset = 0
            while offset < len(data):
                wd, _mask, _cookie, length = EVENT.unpack_from(data, offset)
                offset += EVENT.size
                name = data[offset : offset + length].rstrip(b"\0").decode(errors="replace")
                offset += length
                seen.append((self.folders.get(wd, Path("?")), name))

    def close(self) -> None:
        os.close(self.fd)


WATCHDOG = """
import errno, os, select, sys
fifos = sys.argv[1:]
while not select.select([sys.stdin], [], [], 0.01)[0]:
    for fifo in fifos:
        try:
            descriptor = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as error:
            if error.errno != errno.ENXIO:
                print("error", fifo, error, flush=True)
            continue
        print(fifo, flush=True)
        os.close(descriptor)
"""


class FifoWatchdog:
    """Polls each FIFO's write end (O_NONBLOCK: ENXIO while nobody reads) from a process of its
    own (a GUI thread blocked in ``open()`` inside Qt holds the GIL: a thread of the test would
    never run). A reader found is reported and released: the write end closes at once, so the
    reader's ``open`` returns and its read ends at EOF, and the test fails instead of hanging."""

    def __init__(self, fifos: list[Path]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", WATCHDOG, *map(str, fifos)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        assert self.process.stdout is not None
        os.set_blocking(self.process.stdout.fileno(), False)
        self._seen: list[str] = []

    def readers(self) -> list[str]:
        assert self.process.stdout is not None
        data = self.process.stdout.read()
        if data:
            self._seen.extend(data.decode().splitlines())
        return list(self._seen)

    def stop(self) -> None:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.close()
        self.process.stdout.close()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@dataclass
class Trap:
    root: ContentRoot
    outside: Path  # a folder beside the content root
    fifo: Path  # outside/pipe
    secret: Path  # outside/secret.png (a real image: it would show if read)
    inner_fifo: Path  # assets/trap.fifo
    link: Path  # assets/link.png -> outside/secret.png
    inside: str  # the catalogue path of a real image of assets/


@pytest.fixture
def trap(tmp_path: Path, content_root: ContentRoot) -> Trap:
    outside = tmp_path / "outside"
    outside.mkdir()
    fifo = outside / "pipe"
    os.mkfifo(fifo)
    secret = make_image(outside / "secret.png", (300, 200), OUTSIDE_COLOUR)
    inner_fifo = content_root.assets_dir / "trap.fifo"
    os.mkfifo(inner_fifo)
    link = content_root.assets_dir / "link.png"
    link.symlink_to(secret)
    return Trap(content_root, outside, fifo, secret, inner_fifo, link, "")


@dataclass
class Probe:
    inotify: Inotify
    watchdog: FifoWatchdog
    trap: Trap
    dev_watched: bool = False
    inside_opened: bool = False

    def forbidden_opens(self) -> list[str]:
        """Every open of a file the content named, seen so far (and FIFO readers)."""
        bad = [f"un lecteur a ouvert {fifo}" for fifo in self.watchdog.readers()]
        for folder, name in self.inotify.events():
            if folder == self.trap.outside:
                bad.append(str(folder / name))
            elif folder == Path("/dev") and name == "zero":
                bad.append("/dev/zero")
            elif folder == self.trap.root.assets_dir and name in ("trap.fifo", "link.png"):
                bad.append(str(folder / name))
            elif self.trap.inside and folder / name == self.trap.root.home / self.trap.inside:
                self.inside_opened = True
        return bad


@pytest.fixture
def probe(trap: Trap) -> Iterator[Probe]:
    inotify = Inotify()
    inotify.watch(trap.outside)
    inotify.watch(trap.root.assets_dir)
    if trap.inside and (trap.root.home / trap.inside).parent != trap.root.assets_dir:
        inotify.watch((trap.root.home / trap.inside).parent)
    dev_watched = False
    try:
        inotify.watch(Path("/dev"))
        dev_watched = True
    except AssertionError:
        pass
    # The probe sees what it must: an open of each watched place, made by the test itself.
    trap.secret.read_bytes()
    if dev_watched:
        os.close(os.open("/dev/zero", os.O_RDONLY))
    seen = inotify.events()
    assert (trap.outside, "secret.png") in seen, seen
    if dev_watched and (Path("/dev"), "zero") not in seen:
        dev_watched = False
    if not dev_watched:  # the other watches still hold; a read of /dev/zero would abort anyway
        warnings.warn("opens of /dev/zero are not observable here", stacklevel=1)
    watchdog = FifoWatchdog([trap.fifo, trap.inner_fifo])
    yield Probe(inotify, watchdog, trap, dev_watched)
    watchdog.stop()
    inotify.close()


# The hostile catalogue, written behind the gate's back


def hostile_texts(trap: Trap) -> dict[str, str]:
    fifo, secret, zero = trap.fifo, trap.secret, "/dev/zero"
    images = (
        f"![fifo]({fifo}) ![zéro]({zero}) ![dehors]({secret}) ![lien](assets/link.png) "
        f"![piège](assets/trap.fifo) ![remonte](assets/../../outside/secret.png) "
        f"![fichier](file://{secret}) ![qrc](qrc:/x.png) ![data](data:image/png;base64,AAAA)"
    )
    return {
        "name": f'La Ferme <img src="{zero}"> <img src="{fifo}">',
        "commune": f'<img src="{secret}">Moulins',
        "tag": f'<img src="{zero}"><b>gras</b>',
        "description": (
            f'Le four à pain <img src="{secret}"> et <img src="{fifo}">.\n\n{images}\n\n'
            f"![le four]({trap.inside})\n\n[un lien](file://{secret}) <a href='{secret}'>a</a>"
        ),
        "website": f"http://<img src={quote(str(secret), safe='')}>.fr",
        "page_title": f'<img src="{zero}"> Une page',
        "page_body": (
            f'# <img src="{fifo}"> Titre\n\n{images}\n\n<img src="{zero}">\n\n'
            f"![le four]({trap.inside})\n\nFin du texte."
        ),
    }


@pytest.fixture
def hostile_catalogue(catalogue: Catalogue, trap: Trap, tmp_path: Path) -> Catalogue:
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    with catalogue.session() as session:
        image = import_media(
            session, trap.root, make_image(incoming / "map.png", (800, 600)), MediaRole.MAP
        )
        session.add(MapImage(image=image, title="Carte", is_current=True))
        inside = import_media(
            session,
            trap.root,
            make_image(incoming / "inside.png", (320, 200), INSIDE_COLOUR),
            MediaRole.PHOTO,
        )
        trap.inside = inside.path
        map_id = image.id
    texts = hostile_texts(trap)
    now = "2024-01-01 00:00:00"
    with catalogue.engine.begin() as connection:
        run = connection.execute
        # A photo whose stored path is the FIFO outside the root.
        run(
            text(
                "INSERT INTO media_assets (kind, role, title, credit, path, sha256, size_bytes,"
                " mime_type, is_demo, sort_order, created_at) SELECT kind, role, title, credit,"
                " :path, :sha, size_bytes, mime_type, is_demo, sort_order, created_at"
                " FROM media_assets WHERE id = :id"
            ),
            {"path": str(trap.fifo), "sha": "f" * 64, "id": map_id},
        )
        photo_id = run(text("SELECT id FROM media_assets WHERE path = :p"), {"p": str(trap.fifo)})
        insert_place = text(
            "INSERT INTO places (slug, name, commune, description, website, map_x, map_y,"
            " photo_id, sort_order, published, updated_at) VALUES (:slug, :name, :commune,"
            " :description, :website, 0.5, 0.5, :photo, 0, 1, :now)"
        )
        run(
            insert_place,
            {
                "slug": "la-ferme",
                "name": texts["name"],
                "commune": texts["commune"],
                "description": texts["description"],
                "website": texts["website"],
                "photo": photo_id.scalar_one(),
                "now": now,
            },
        )
        run(
            insert_place,
            {
                "slug": "normal",
                "name": "Le Mazier",
                "commune": "Bourbon-l'Archambault",
                "description": f"Un **tiers-lieu** rural.\n\n![le four]({trap.inside})",
                "website": "https://bocagenumerique.com",
                "photo": None,
                "now": now,
            },
        )
        run(text("INSERT INTO tags (name) VALUES (:name)"), {"name": texts["tag"]})
        run(
            text(
                "INSERT INTO place_tags (place_id, tag_id) SELECT places.id, tags.id"
                " FROM places, tags WHERE places.slug = 'la-ferme'"
            )
        )
        run(
            text(
                "INSERT INTO pages (slug, icon, title, body, sort_order, published, updated_at)"
                " VALUES ('piege', 'mdi6.file-document-outline', :title, :body, 0, 1, :now)"
            ),
            {"title": texts["page_title"], "body": texts["page_body"], "now": now},
        )
    return catalogue


@pytest.fixture
def window(
    open_kiosk_window: OpenKioskWindow, trap: Trap, hostile_catalogue: Catalogue, probe: Probe
) -> KioskWindow:
    return open_kiosk_window(trap.root, hostile_catalogue)


class PaintCounter(QObject):
    def __init__(self, *widgets: QWidget) -> None:
        super().__init__()
        self.count = 0
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def shows_colour(widget: QWidget, colour: str) -> bool:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    wanted = QColor(colour).rgb()
    step = 3
    return any(
        image.pixel(x, y) == wanted
        for y in range(0, image.height(), step)
        for x in range(0, image.width(), step)
    )


def screenshot(widget: QWidget, name: str) -> None:
    """Keep a picture to look at: ``KIOSK_TEXT_SCREENSHOTS=/tmp/shots pytest …``."""
    folder = os.environ.get("KIOSK_TEXT_SCREENSHOTS")
    if folder:
        for _ in range(3):  # pending layouts first (an image just decoded grows its text)
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)
            QApplication.processEvents()
        Path(folder).mkdir(parents=True, exist_ok=True)
        assert widget.grab().save(str(Path(folder) / f"{name}.png"))


def labels_under(widget: QWidget) -> list[QLabel]:
    return [label for label in widget.findChildren(QLabel) if label.text()]


# The tests


def test_a_hostile_place_sheet_paints_at_once_and_opens_nothing(
    qtbot: QtBot, window: KioskWindow, trap: Trap, probe: Probe
) -> None:
    texts = hostile_texts(trap)
    assert web_address_problem(texts["website"]) is not None
    window.open("map")
    screen = window.screens["map"]
    assert isinstance(screen, MapScreen)
    sheet = screen.sheet
    painted = PaintCounter(sheet.name_label, sheet.text_label)
    screen.open_place("la-ferme")
    qtbot.waitUntil(lambda: painted.count > 0, timeout=1000)
    assert probe.forbidden_opens() == []

    # Shown as it is (a long word may get soft hyphens where it breaks: kiosk.ui.whole_words).
    assert sheet.name_label.text().replace(SOFT_HYPHEN, "") == texts["name"]
    assert sheet.commune_label.text() == texts["commune"]
    assert sheet.tags_label.text() == texts["tag"]
    for label in labels_under(screen):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
    shown = sheet.text_label.document.toPlainText()
    assert '<img src="' in shown and "le four à pain" in shown.lower()
    assert not sheet.qr_box.isVisible()  # the website is no web address: no code, no caption
    assert not sheet.photo_label.isVisible()  # the photo is the FIFO outside: refused
    # The image of assets/ shows (through the worker); the one outside never does.
    qtbot.waitUntil(lambda: shows_colour(sheet, INSIDE_COLOUR), timeout=5000)
    assert not shows_colour(sheet, OUTSIDE_COLOUR)
    screenshot(window, "place-hostile")

    # The normal place beside it, then back: still nothing opened.
    screen.open_place("normal")
    qtbot.waitUntil(lambda: sheet.qr_box.isVisible(), timeout=1000)
    assert "bocagenumerique.com" in sheet.qr_text.text()
    qtbot.waitUntil(lambda: shows_colour(sheet, INSIDE_COLOUR), timeout=5000)
    screenshot(window, "place-normal")
    screen.open_place("la-ferme")
    qtbot.waitUntil(lambda: painted.count > 2, timeout=1000)
    assert probe.forbidden_opens() == []
    assert probe.inside_opened, "the probe never saw the image of assets/ opened"


def test_a_hostile_page_paints_at_once_and_opens_nothing(
    qtbot: QtBot, window: KioskWindow, trap: Trap, probe: Probe
) -> None:
    texts = hostile_texts(trap)
    window.open("page", "piege")  # synchronous: a blocking open would stop here
    screen = window.screens["page"]
    assert isinstance(screen, PageScreen)
    painted = PaintCounter(screen.text.viewport(), window.top_bar.title_label)
    qtbot.waitUntil(lambda: painted.count > 0, timeout=1000)
    assert probe.forbidden_opens() == []

    shown = screen.text.document().toPlainText()
    assert f'<img src="{trap.fifo}"> Titre' in shown  # the heading, as written
    assert '<img src="/dev/zero">' in shown and "Fin du texte." in shown
    assert window.top_bar.title_label.text() == texts["page_title"]
    assert window.top_bar.title_label.textFormat() == Qt.TextFormat.PlainText
    qtbot.waitUntil(lambda: shows_colour(screen.text.viewport(), INSIDE_COLOUR), timeout=5000)
    assert not shows_colour(screen.text.viewport(), OUTSIDE_COLOUR)
    screenshot(window, "page-hostile")
    window.open("home")
    window.open("page", "piege")  # again: from the loader's memory, still nothing else
    qtbot.waitUntil(lambda: painted.count > 2, timeout=1000)
    assert probe.forbidden_opens() == []
    assert probe.inside_opened


def test_the_staff_previews_are_as_safe_as_the_pages(
    qtbot: QtBot, trap: Trap, hostile_catalogue: Catalogue, content_root: ContentRoot, probe: Probe
) -> None:
    from kiosk.kit.markdown import TextImageLoader

    preview = MarkdownBrowser(TextImageLoader(content_root))
    qtbot.addWidget(preview)
    preview.resize(800, 600)
    preview.show()
    preview.setMarkdown(hostile_texts(trap)["page_body"])
    preview.setHtml(f'<img src="{trap.fifo}">')  # even through setHtml: text
    assert preview.toPlainText() == f'<img src="{trap.fifo}">'
    preview.setText(f'<img src="{trap.secret}">')  # Qt would guess rich text
    assert preview.toPlainText() == f'<img src="{trap.secret}">'
    preview.setSource(QUrl.fromLocalFile(str(trap.secret)))
    preview.setMarkdown(hostile_texts(trap)["page_body"])
    qtbot.waitUntil(lambda: shows_colour(preview.viewport(), INSIDE_COLOUR), timeout=5000)
    assert probe.forbidden_opens() == []


def test_a_name_qt_still_asks_for_gets_a_blank_never_a_file(trap: Trap) -> None:
    document = SafeMarkdownDocument(None)
    for name in (str(trap.fifo), "/dev/zero", str(trap.secret)):
        image = document.resource(QTextDocument.ResourceType.ImageResource.value, QUrl(name))
        assert isinstance(image, QImage) and image.size().width() == 1


def test_only_files_of_assets_are_image_paths() -> None:
    assert markdown_image_path("assets/photos/four.jpg") == "assets/photos/four.jpg"
    assert markdown_image_path("./assets/a%20b.png") == "assets/a b.png"
    for refused in (
        "/dev/zero",
        "/etc/passwd",
        "file:///etc/passwd",
        "qrc:/x.png",
        ":/x.png",
        "data:image/png;base64,AAAA",
        "http://example.org/x.png",
        "//host/x.png",
        "assets/../data.db",
        "assets/%2e%2e/data.db",
        "videos/clip.mp4",
        "data.db",
        "assets/",
        "assets/x.png?y",
        "assets\\x.png",
    ):
        assert markdown_image_path(refused) is None, refused


def test_reading_refuses_special_files_links_out_and_large_files(
    trap: Trap, content_root: ContentRoot, probe: Probe
) -> None:
    good = make_image(content_root.assets_dir / "ok.png", (20, 20))
    assert read_media_file(content_root, "assets/ok.png") == good.read_bytes()
    assert read_media_file(content_root, "assets/ok.png", max_bytes=10) is None
    assert read_media_file(content_root, "assets/trap.fifo") is None
    assert read_media_file(content_root, "assets/link.png") is None
    assert read_media_file(content_root, str(trap.fifo)) is None
    assert read_media_file(content_root, "assets/missing.png") is None
    time.sleep(0.05)  # the watchdog polls every 10 ms
    assert probe.forbidden_opens() == []
