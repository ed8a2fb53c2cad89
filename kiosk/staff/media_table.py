"""The Médias tab's list: every media as a table model, narrowed by kind, by the ones to rename
or unused, and by a search in names, files and uses."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from kiosk.kit import icons, theme
from kiosk.kit.widgets import plain_tooltip
from kiosk.library.french_format import human_size
from kiosk.library.media_admin import (
    MediaEntry,
)
from kiosk.store.models import MediaKind, MediaRole

# What the list can be narrowed to besides the search text.
SHOW_ALL, SHOW_VIDEOS, SHOW_IMAGES, SHOW_UNUSED = "all", "video", "image", "unused"
SHOW_RENAME = "rename"
_SHOW_KINDS = {SHOW_VIDEOS: MediaKind.VIDEO, SHOW_IMAGES: MediaKind.IMAGE}
AnyIndex = QModelIndex | QPersistentModelIndex


class MediaTableModel(QAbstractTableModel):
    """The media list as a table model over :class:`MediaEntry` tuples.

    Nothing is built per row up front: a cell's text is made when the view paints it, so a list
    of 10,000 media opens as fast as one of ten. The filter (a kind, the unused ones, a search in
    the name, the file and the uses) keeps the positions of the entries it shows.
    """

    COLUMNS = 5

    def __init__(
        self,
        headers: list[str],
        unused: str,
        labels: dict[MediaKind | MediaRole, str],
        parent: QObject | None = None,
        *,
        film: str = "film",
        other_film: str = "autre film",
        to_rename: str = "à renommer",
    ) -> None:
        super().__init__(parent)
        self.headers = headers
        self.unused = unused
        self.labels = labels  # the staff's words for the kinds and roles ("dessin", not "drawing")
        self.film, self.other_film, self.to_rename = film, other_film, to_rename
        self.entries: list[MediaEntry] = []
        self.shown: list[int] = []
        self.show = SHOW_ALL
        self.search = ""
        self._search_keys: list[str] | None = None
        self._uses_text: dict[int, str] = {}

    def set_entries(self, entries: list[MediaEntry]) -> None:
        self.beginResetModel()
        self.entries = entries
        self._search_keys = None
        self._uses_text = {}
        self.shown = self._filtered()
        self.endResetModel()

    def set_filter(self, show: str = SHOW_ALL, search: str = "") -> None:
        self.beginResetModel()
        self.show, self.search = show, search.strip().casefold()
        self.shown = self._filtered()
        self.endResetModel()

    def _filtered(self) -> list[int]:
        entries = self.entries
        positions: Any = range(len(entries))
        if self.show in _SHOW_KINDS:
            kind = _SHOW_KINDS[self.show]
            positions = [i for i in positions if entries[i].kind is kind]
        elif self.show == SHOW_UNUSED:
            positions = [i for i in positions if not entries[i].uses]
        elif self.show == SHOW_RENAME:
            positions = [i for i in positions if entries[i].needs_renaming]
        if self.search:
            keys, needle = self.search_keys(), self.search
            positions = [i for i in positions if needle in keys[i]]
        return list(positions)

    def search_keys(self) -> list[str]:
        """Each entry's searchable text, made the first time a search needs it."""
        if self._search_keys is None:
            self._search_keys = [
                f"{entry.name}\n{entry.path}\n{self.uses_text(entry)}".casefold()
                for entry in self.entries
            ]
        return self._search_keys

    def uses_text(self, entry: MediaEntry) -> str:
        text = self._uses_text.get(entry.id)
        if text is None:
            text = ", ".join(use.describe() for use in entry.uses) or self.unused
            self._uses_text[entry.id] = text
        return text

    def entry_at(self, row: int) -> MediaEntry:
        return self.entries[self.shown[row]]

    def row_of(self, media_id: int) -> int | None:
        for row, position in enumerate(self.shown):
            if self.entries[position].id == media_id:
                return row
        return None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.shown)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self.entries[self.shown[index.row()]]
        column = index.column()
        if column == 0 and entry.needs_renaming:
            # A title still made of the file's name: marked, and said in words (column text).
            if role == Qt.ItemDataRole.DecorationRole:
                return icons.icon("mdi6.rename", color=theme.TERRACOTTA)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(theme.TERRACOTTA)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            # Qt reads a tool tip that looks like HTML as HTML: a file name stays literal.
            shown = self.data(index, Qt.ItemDataRole.DisplayRole)
            return plain_tooltip(shown) if isinstance(shown, str) else None
        if column == 0:
            return f"{entry.name}\n{self.to_rename}" if entry.needs_renaming else entry.name
        if column == 1:
            return self.labels.get(entry.kind, entry.kind.value)
        if column == 2:
            if entry.role is MediaRole.AFTERMOVIE:
                return self.film if entry.is_film else self.other_film
            return self.labels.get(entry.role, entry.role.value)
        if column == 3:
            return human_size(entry.size_bytes)
        return self.uses_text(entry)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None
