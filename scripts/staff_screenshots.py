"""Screenshots of every staff tab, from the running staff area (offscreen), for the staff guide.

    python scripts/staff_screenshots.py [--only media places ...] [--out docs/screenshots]

Builds the demo content (``kiosk demo``) in a temporary folder, makes it a member of a small
example network (two other kiosks' status files, one late) so the Réseau tab has something to
show, then for each size (1920x1080, 1280x800) opens each tab and saves
``staff-<tab>-<size>.png``, and, for a tab with a text field, the same with the on-screen
keyboard up for its first field (``staff-<tab>-<size>-clavier.png``). More shots show a
step of a tab: ``places-zoom`` (a place's pin on the Lieux map, zoomed in), ``map-commune``
(the Carte tab waiting for the touch that places a commune), ``media-edit`` (a video's editor
in Médias, its poster really made, with and without the keyboard) and ``corbeille`` (the
Corbeille holding a removed media, a deleted place and a deleted page). The PNGs are reduced
to 256 colours as scripts/screenshots.py does.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QWidget
from sqlalchemy import select

from kiosk.config import ContentRoot
from kiosk.library import usage
from kiosk.library.catalogue_admin.pages import delete_page
from kiosk.library.catalogue_admin.places import delete_place
from kiosk.library.media_admin.removal import remove_media
from kiosk.library.network.keys import create_keys
from kiosk.library.network.membership import MEMBER, Membership, save_membership, status_dir
from kiosk.library.network.status import HealthSummary, write_status
from kiosk.store.database import Catalogue
from kiosk.store.models import Album, MediaAsset, MediaKind, Page, Place
from kiosk.ui.app import RunOptions, build_context

SIZES = ((1920, 1080), (1280, 800))
TABS = ("media", "places", "map", "albums", "pages", "settings", "stats", "backup", "health")
TABS += ("network",)
STEPS = ("places-zoom", "map-commune", "media-edit", "corbeille")  # a tab mid-task (open_step)
TYPED_STEPS = ("media-edit",)  # steps shot with the keyboard up too (the guide says to type)
OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def make_home(home: Path) -> None:
    subprocess.run([sys.executable, "-m", "kiosk", "--home", str(home), "demo"], check=True)
    root = ContentRoot(home)
    create_keys(root)
    save_membership(
        root,
        Membership(
            network="Tiers-lieux de l'Allier",
            network_id="allier",
            role=MEMBER,
            kiosk_id="mazier",
            name="Le Mazier",
            place="Bost",
            reach="lan",
            listen_port=22000,
            gui_port=8384,
            device_id="DEMO",
        ),
    )
    folder = status_dir(root)
    folder.mkdir(parents=True, exist_ok=True)
    now = datetime.now().astimezone()
    write_status(root, folder, "mazier", name="Le Mazier", place="Bost", now=now)
    write_status(
        root, folder, "peniche", name="La Péniche", place="Montluçon", now=now - timedelta(hours=5)
    )
    write_status(
        root,
        folder,
        "stand",
        name="Portable du stand",
        place="Moulins",
        health=HealthSummary(errors=1, lines=("Vidéo manquante",)),
        now=now - timedelta(minutes=12),
    )


def fill_trash(root: ContentRoot, catalogue: Catalogue) -> None:
    """A removed drawing, a deleted place and a deleted page, so the Corbeille shows all three."""
    with catalogue.session() as session:
        place_id = session.scalars(select(Place.id).order_by(Place.id.desc())).first()
        page_id = session.scalars(select(Page.id).order_by(Page.id.desc())).first()
        image_id = session.scalars(
            select(MediaAsset.id)
            .where(MediaAsset.kind == MediaKind.IMAGE)
            .order_by(MediaAsset.id.desc())
        ).first()
    if image_id is not None:
        remove_media(catalogue, root, image_id, force=True)
    if place_id is not None:
        delete_place(catalogue, place_id)
    if page_id is not None:
        delete_page(catalogue, page_id)


def pretend_visits(catalogue: Catalogue) -> None:
    """A few weeks of made-up visits, so the Statistiques tab shows what it is for."""
    with catalogue.session() as session:
        slugs = list(session.scalars(select(Place.slug).order_by(Place.id)))
        albums = list(session.scalars(select(Album.slug)))
    today = datetime.now().replace(hour=15, minute=0, second=0, microsecond=0)
    events: list[usage.Event] = []
    for day in range(12):
        moment = today - timedelta(days=day)
        for visit in range((day * 7) % 5 + 1):
            events.append(usage.Event(usage.VISIT, str(60 + 30 * visit), moment))
            events.append(usage.Event(usage.SCREEN, "map", moment))
            events.append(usage.Event(usage.PLACE, slugs[(day + visit) % len(slugs)], moment))
            events.append(usage.Event(usage.LANGUAGE, "en" if visit == 2 else "fr", moment))
            if albums:
                events.append(usage.Event(usage.DRAWING, albums[0], moment))
    usage.record(catalogue, events)


def first_field(page: QWidget) -> QWidget | None:
    for field in page.findChildren(QWidget):
        editable = isinstance(field, QLineEdit) and not field.isReadOnly()
        editable = editable or (isinstance(field, QPlainTextEdit) and not field.isReadOnly())
        if editable and field.isVisible() and field.isEnabled():
            return field
    return None


def open_step(area: QWidget, name: str) -> QWidget:
    """The tab of ``name`` (one of :data:`STEPS`) at that step of its task."""
    if name == "places-zoom":
        page = area.open_tab("places")  # type: ignore[attr-defined]
        pinned = next(
            i for i, (place_id, _n, _p) in enumerate(page.rows) if _has_pin(page, place_id)
        )
        page.places.setCurrentRow(pinned)
        page.map.set_zoom(2.25, page.map.highlight)
        return page  # type: ignore[no-any-return]
    if name == "media-edit":
        page = area.open_tab("media")  # type: ignore[attr-defined]
        videos = [row for row, entry in enumerate(page.entries) if entry.kind is MediaKind.VIDEO]
        page.table.selectRow(videos[0])
        page.edit_selected()  # the poster is made here, before the shot
        return page  # type: ignore[no-any-return]
    if name == "corbeille":
        page = area.open_tab("media")  # type: ignore[attr-defined]
        page.show_trash()
        return page  # type: ignore[no-any-return]
    page = area.open_tab("map")  # type: ignore[attr-defined]
    page.suggestions.chosen.emit("Saint-Pourçain-sur-Sioule")  # as if touched in the list
    return page  # type: ignore[no-any-return]


def _has_pin(page: QWidget, place_id: int) -> bool:
    page.load(place_id)  # type: ignore[attr-defined]
    return page.map.highlight is not None  # type: ignore[attr-defined]


def settle(app: QApplication, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()


def save(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path))
    with Image.open(path) as image:
        reduced = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    reduced.save(path, optimize=True)
    print(path)


def shoot_keyboard(app: QApplication, area: QWidget, page: QWidget, out: Path, stem: str) -> None:
    """``stem``-clavier.png: the keyboard up for the first field of ``page``, if it has one."""
    field = first_field(page)
    if field is None:
        return
    area.page_scroll.ensureWidgetVisible(field)  # type: ignore[attr-defined]
    settle(app)
    # A touch on the field, as a volunteer's: the keyboard opens as it would.
    spot = QPoint(field.height() // 2, field.height() // 2)  # not on − / +
    QTest.mouseClick(field, Qt.MouseButton.LeftButton, pos=spot)
    settle(app, 40)
    save(area, out / f"{stem}-clavier.png")
    area.keyboard.close_keyboard()  # type: ignore[attr-defined]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", choices=TABS + STEPS)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    tabs = args.only or TABS + STEPS
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    from kiosk.staff import StaffArea, file_browser

    with tempfile.TemporaryDirectory() as temporary:
        home = Path(temporary) / "borne"
        make_home(home)
        # A pretend USB stick (never the machine's own mounts, which mean nothing to a reader).
        media = Path(temporary) / "media"
        stick = media / "CLE-MAZIER"
        stick.mkdir(parents=True)
        for picture in sorted((home / "assets").rglob("*.png"))[:3]:
            (stick / picture.name).write_bytes(picture.read_bytes())
        file_browser.REMOVABLE_ROOTS = (media,)
        root = ContentRoot(home)
        catalogue = Catalogue(root.db_path)
        fill_trash(root, catalogue)  # first: visits go to places still there
        pretend_visits(catalogue)
        for width, height in SIZES:
            context = build_context(app, root, catalogue, RunOptions(size=(width, height)))
            area = StaffArea(context)
            area.resize(width, height)
            area.show()
            settle(app)
            for name in tabs:
                if name in STEPS:
                    page = open_step(area, name)
                    area.keyboard.close_keyboard()  # offered again to the field focused before
                    settle(app, 40)
                    save(area, args.out / f"staff-{name}-{width}x{height}.png")
                    if name in TYPED_STEPS:
                        stem = f"staff-{name}-{width}x{height}"
                        shoot_keyboard(app, area, page, args.out, stem)
                    continue
                page = area.open_tab(name)
                if name == "health":  # what a volunteer sees after « Vérifier »
                    page.check_button.click()
                    settle(app)
                    while page.progress.busy:
                        app.processEvents()
                job = getattr(page, "job", None)
                while job is not None and job.running:
                    app.processEvents()
                settle(app, 40)
                stem = f"staff-{name}-{width}x{height}"
                save(area, args.out / f"{stem}.png")
                shoot_keyboard(app, area, page, args.out, stem)
            area.close()
            area.deleteLater()
            settle(app)
        catalogue.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
