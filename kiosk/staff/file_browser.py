"""A file browser for fingers: USB sticks by their name, the personal folder, no raw paths.

The starting places are the sticks and disks plugged in (« Clé USB « NOM » », NOM being the
stick's label, the name its mount folder carries) and « Dossier personnel ». The kiosk's own
folders (its content root: assets, videos, cache, logs, the trash) are never shown: what is
imported is copied in there, nobody browses it. Each file shows its size and date, pictures
and films a thumbnail made in a background thread (a folder of 500 photos opens at once, the
thumbnails arrive after). The folder shown is watched: a new file (an export just written, a
stick just plugged in) appears without reopening it. No native dialog.
"""

from __future__ import annotations

import functools
import logging
import os
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import (
    QFileSystemWatcher,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import ContentRoot
from kiosk.kit import icons, theme
from kiosk.kit.theme import Metrics
from kiosk.kit.widgets import named
from kiosk.library.french_format import french_moment, human_size
from kiosk.library.images import PDF_SUFFIX
from kiosk.library.importing import suffix_kind
from kiosk.playback.background import background
from kiosk.staff.controls import button, hint_label
from kiosk.store.models import MediaKind

log = logging.getLogger(__name__)

REMOVABLE_ROOTS = (Path("/media"), Path("/mnt"), Path("/run/media"))
THUMBNAILS_PER_FOLDER = 300  # beyond, the icons say enough (and the thread stays short)
PATH_ROLE = Qt.ItemDataRole.UserRole
FOLDER_ROLE = Qt.ItemDataRole.UserRole + 1
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 2


class DetailLine(QStyledItemDelegate):
    """An item's name, and under it its size and date (the item's text stays its name)."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        detail = index.data(DETAIL_ROLE)
        if detail:
            option.text = f"{option.text}\u2028{detail}"  # a line break the painter keeps


# What Windows and macOS write on a stick for themselves: nothing a volunteer chose to bring.
SYSTEM_FILES = frozenset(
    {"thumbs.db", "ehthumbs.db", "desktop.ini", "system volume information", "$recycle.bin"}
)


def is_system_file(name: str) -> bool:
    """Whether ``name`` is a hidden or system file (``.DS_Store``, ``._photo.jpg``, ``Thumbs.db``,
    ``desktop.ini``…) that the browser does not show."""
    return name.startswith(".") or name.lower() in SYSTEM_FILES


def _visible_folders(base: Path) -> list[Path]:
    try:
        return sorted(p for p in base.iterdir() if p.is_dir() and not is_system_file(p.name))
    except OSError:
        return []


def removable_places(roots: tuple[Path, ...] = REMOVABLE_ROOTS) -> list[Path]:
    """The mounted sticks and disks: ``/media/LABEL``, ``/media/USER/LABEL``,
    ``/run/media/USER/LABEL``, ``/mnt/NAME``."""
    found: list[Path] = []
    for base in roots:
        for child in _visible_folders(base):
            if base.name == "mnt" or os.path.ismount(child):
                found.append(child)
                continue
            inner = _visible_folders(child)  # a user's folder of mounts
            mounts = [p for p in inner if os.path.ismount(p)]
            found.extend(mounts if mounts else ([] if base.name == "run" else [child]))
    return found


THUMBNAILS_POOL = "staff-thumbnails"  # one thread: the browser's pictures one after the other


class Thumbnails(QObject):
    """Thumbnails of pictures and films, made on the application's background runner, given
    back by ``ready`` (one file at a time, so that a new folder abandons the rest at once)."""

    ready = Signal(int, str, QImage)

    def __init__(self, cache_dir: Path, size: QSize, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cache_dir = cache_dir
        self.size = size
        self.generation = 0

    def start(self, files: list[Path]) -> int:
        """Make the thumbnails of ``files`` (an earlier batch is abandoned)."""
        self.generation += 1
        generation = self.generation
        runner = background()
        runner.pool(THUMBNAILS_POOL, threads=1)
        for path in files:
            runner.submit(
                THUMBNAILS_POOL,
                functools.partial(self._make, generation, path),
                functools.partial(self._made, generation, path),
                owner=self,  # the browser gone, its thumbnails are dropped, never delivered
            )
        return generation

    def stop(self) -> None:
        self.generation += 1

    def _make(self, generation: int, path: Path) -> QImage:
        """Worker thread: the thumbnail, or a null image (abandoned batch, broken file)."""
        if generation != self.generation:
            return QImage()
        from kiosk.playback.images import load_scaled
        from kiosk.playback.posters import poster_for

        try:
            picture: Path | None = path
            if suffix_kind(path) is MediaKind.VIDEO:
                picture = poster_for(self.cache_dir, path, width=320)
            return load_scaled(picture, self.size) if picture is not None else QImage()
        except Exception:  # a broken file has no thumbnail, never a broken browser
            log.debug("no thumbnail for %s", path, exc_info=True)
            return QImage()

    def _made(self, generation: int, path: Path, image: QImage) -> None:
        if not image.isNull() and generation == self.generation:
            self.ready.emit(generation, str(path), image)


class FileBrowser(QWidget):
    """Folders and files of the sticks, the disks and the personal folder, for fingers.

    Tap a folder to open it, tap files to select them; "Remonter" goes up.
    """

    selection_changed = Signal()

    def __init__(
        self,
        metrics: Metrics,
        root: ContentRoot,
        *,
        suffixes: frozenset[str] | None = None,
        folders_only: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.metrics = metrics
        self.content_root = root
        self.suffixes = suffixes
        self.folders_only = folders_only
        self.current: Path | None = None
        self.place: Path | None = None  # the starting place the current folder is in
        self.removable_roots: tuple[Path, ...] = REMOVABLE_ROOTS
        self.personal = Path.home()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.up_button = button("mdi6.arrow-up", self.tr("Remonter"), metrics)
        self.places_button = button("mdi6.usb-flash-drive", self.tr("Clés et disques"), metrics)
        top.addWidget(self.places_button)
        top.addWidget(self.up_button)
        top.addStretch(1)
        self.path_label = hint_label()
        self.list = named(QListWidget(), "StaffList")
        self.list.setSelectionMode(QListWidget.SelectionMode.MultiSelection)
        self.thumb_size = QSize(metrics.px(96), metrics.px(72))
        self.list.setIconSize(self.thumb_size)
        self.list.setWordWrap(True)
        self.list.setItemDelegate(DetailLine(self.list))
        layout.addLayout(top)
        layout.addWidget(self.path_label)
        layout.addWidget(self.list, 1)
        self.items: dict[str, QListWidgetItem] = {}
        self.thumbnails = Thumbnails(root.cache_dir, self.thumb_size, self)
        self.thumbnails.ready.connect(self._thumbnail)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._changed)
        self.up_button.clicked.connect(self.go_up)
        self.places_button.clicked.connect(self.show_starting_points)
        self.list.itemClicked.connect(self._on_item)
        self.list.itemSelectionChanged.connect(self.selection_changed.emit)
        self.show_starting_points()

    # Places -----------------------------------------------------------------------------------

    def starting_points(self) -> list[Path]:
        points = [*removable_places(self.removable_roots), self.personal]
        unique: list[Path] = []
        for point in points:
            if point not in unique and point.is_dir() and not self.is_kiosk_folder(point):
                unique.append(point)
        return unique

    def place_name(self, point: Path) -> str:
        """A starting place in words: « Clé USB « NOM » », « Dossier personnel »."""
        if point == self.personal:
            return self.tr("Dossier personnel")
        return self.tr("Clé USB « {0} »").format(point.name)

    def is_kiosk_folder(self, path: Path) -> bool:
        """The kiosk's own content (its root and everything under it)."""
        home = self.content_root.home
        try:
            resolved = path.resolve()
            return resolved == home.resolve() or resolved.is_relative_to(home.resolve())
        except OSError:
            return False

    def where(self, folder: Path) -> str:
        """``folder`` in words: its starting place, then the folders below it."""
        place = next(
            (p for p in self.starting_points() if folder == p or folder.is_relative_to(p)), None
        )
        if place is None:
            return folder.name or str(folder)
        parts = [self.place_name(place), *folder.relative_to(place).parts]
        return " › ".join(parts)

    def _watch(self, folders: list[Path]) -> None:
        watched = self.watcher.directories()
        if watched:
            self.watcher.removePaths(watched)
        existing = [str(f) for f in folders if f.is_dir()]
        if existing:
            self.watcher.addPaths(existing)

    def _changed(self, _path: str) -> None:
        """A file appeared or went (an export written, a stick plugged in): list again, the
        selection kept."""
        chosen = {str(p) for p in self.selected_files()}
        if self.current is None:
            self.show_starting_points()
        elif self.current.is_dir():
            self.open_folder(self.current)
        else:
            self.show_starting_points()
        for index in range(self.list.count()):
            item = self.list.item(index)
            if item.data(PATH_ROLE) in chosen:
                item.setSelected(True)

    def show_starting_points(self) -> None:
        self.current = None
        self.thumbnails.stop()
        self._clear()
        self.path_label.setText(self.tr("Choisissez une clé USB, un disque ou un dossier."))
        for point in self.starting_points():
            icon = "mdi6.home" if point == self.personal else "mdi6.usb-flash-drive"
            self._add(point, self.place_name(point), folder=True, icon_name=icon)
        self.up_button.setEnabled(False)
        self._watch([root for root in self.removable_roots if root.is_dir()])

    # Folders ----------------------------------------------------------------------------------

    def open_folder(self, folder: Path) -> None:
        self.current = folder
        self._clear()
        self.path_label.setText(self.where(folder))
        self.up_button.setEnabled(True)
        try:
            children = sorted(
                (p for p in folder.iterdir() if not is_system_file(p.name)),
                key=lambda p: (not p.is_dir(), p.name.lower()),
            )
        except OSError as error:
            self.path_label.setText(
                self.tr("{0} : lecture impossible ({1}).").format(
                    self.where(folder), error.strerror
                )
            )
            return
        pictures: list[Path] = []
        for child in children:
            if child.is_dir():
                if not self.is_kiosk_folder(child):
                    self._add(child, child.name, folder=True)
            elif not self.folders_only and (
                self.suffixes is None or child.suffix.lower() in self.suffixes
            ):
                self._add(child, child.name, folder=False)
                if suffix_kind(child) in (MediaKind.IMAGE, MediaKind.VIDEO):
                    pictures.append(child)
        self._watch([folder])
        if pictures:
            self.thumbnails.start(pictures[:THUMBNAILS_PER_FOLDER])

    def go_up(self) -> None:
        if self.current is None:
            return
        if self.current in self.starting_points() or self.current.parent == self.current:
            self.show_starting_points()
        else:
            self.open_folder(self.current.parent)

    def selected_files(self) -> list[Path]:
        return [
            Path(item.data(PATH_ROLE))
            for item in self.list.selectedItems()
            if not item.data(FOLDER_ROLE)
        ]

    def _clear(self) -> None:
        self.items = {}
        self.list.clear()

    def _add(self, path: Path, text: str, *, folder: bool, icon_name: str | None = None) -> None:
        item = QListWidgetItem(
            icons.icon(icon_name or _file_icon(path, folder), color=theme.HEDGE), text
        )
        item.setData(PATH_ROLE, str(path))
        item.setData(FOLDER_ROLE, folder)
        if not folder:
            item.setData(DETAIL_ROLE, self._details(path))
        item.setSizeHint(QSize(0, max(self.metrics.touch, self.thumb_size.height() + 12)))
        self.items[str(path)] = item
        self.list.addItem(item)

    def _details(self, path: Path) -> str:
        """« 12.3 Mo · 01/12/2026 14:05 »."""
        try:
            stat = path.stat()
        except OSError:
            return self.tr("illisible")
        when = french_moment(datetime.fromtimestamp(stat.st_mtime))
        return f"{human_size(stat.st_size)} · {when}"

    def _thumbnail(self, generation: int, path: str, image: QImage) -> None:
        item = self.items.get(path)
        if item is not None and generation == self.thumbnails.generation:
            item.setIcon(QIcon(QPixmap.fromImage(image)))

    def _on_item(self, item: QListWidgetItem) -> None:
        if item.data(FOLDER_ROLE):
            self.open_folder(Path(item.data(PATH_ROLE)))


def _file_icon(path: Path, folder: bool) -> str:
    """A folder, a film, a picture, a PDF or another file (a guess from the extension: the
    import decides from the content)."""
    if folder:
        return "mdi6.folder"
    kind = suffix_kind(path)
    if kind is MediaKind.VIDEO:
        return "mdi6.file-video"
    if kind is MediaKind.IMAGE:
        return "mdi6.file-image"
    if path.suffix.lower() == PDF_SUFFIX:
        return "mdi6.file-pdf-box"
    return "mdi6.file-outline"
