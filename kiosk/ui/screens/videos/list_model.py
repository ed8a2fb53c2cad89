"""The catalogue's videos as a list model, one row each, the aftermovies first."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from kiosk.config import ContentRoot
from kiosk.library.catalogue_views import VideoView

log = logging.getLogger(__name__)

VideoRole = Qt.ItemDataRole.UserRole + 1


def format_duration(seconds: float) -> str:
    total = max(0, round(seconds))
    return f"{total // 60}:{total % 60:02d}"


def place_line(video: VideoView, language: str) -> str:
    """The line under the title: the place, unless the title already names it."""
    title = video.localized_title(language)
    if video.place_name and video.place_name.casefold() not in title.casefold():
        return QCoreApplication.translate("VideoTile", "Lieu : {0}").format(video.place_name)
    if video.is_aftermovie:
        return QCoreApplication.translate("VideoTile", "La route des tiers-lieux de l'Allier, 2021")
    return ""


class VideoListModel(QAbstractListModel):
    """The catalogue's videos, one row each; the aftermovies first."""

    def __init__(self, root: ContentRoot, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.root = root
        self.language = "fr"
        self._videos: list[VideoView] = []
        self._paths: dict[int, Path] = {}

    def set_videos(self, videos: Iterable[VideoView]) -> None:
        self.beginResetModel()
        self._videos = list(videos)
        self._paths = {}
        self.endResetModel()

    @property
    def videos(self) -> list[VideoView]:
        return list(self._videos)

    def video(self, row: int) -> VideoView:
        return self._videos[row]

    def aftermovie_count(self) -> int:
        """How many rows at the top are aftermovies (``catalogue_views.videos`` puts them first)."""
        count = 0
        for video in self._videos:
            if not video.is_aftermovie:
                break
            count += 1
        return count

    def absolute_path(self, row: int) -> Path:
        path = self._paths.get(row)
        if path is None:
            path = self._paths[row] = self.root.absolute(self._videos[row].path)
        return path

    def detail_lines(self) -> int:
        """Lines under the cards' titles: a place line if any card has one, a credit line."""
        cards = self._videos[self.aftermovie_count() :]
        place = any(place_line(video, self.language) for video in cards)
        credit = any(video.credit for video in cards)
        return max(1, int(place) + int(credit))

    def set_language(self, language: str) -> None:
        self.language = language
        if self._videos:
            self.dataChanged.emit(self.index(0), self.index(len(self._videos) - 1))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._videos)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._videos):
            return None
        video = self._videos[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return video.localized_title(self.language)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            parts = [place_line(video, self.language), format_duration(video.duration_s)]
            return " · ".join(part for part in parts if part)
        if role == VideoRole:
            return video
        return None
