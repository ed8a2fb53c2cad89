"""The list of places beside the map: the model (alphabetical, filtered by a tag and a
commune) and the delegate that draws a row."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPixmap,
)
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from kiosk.kit import icons
from kiosk.kit.theme import (
    WARM,
    Metrics,
    Palette,
)
from kiosk.library import catalogue_views
from kiosk.library.catalogue_views import PlaceView

PlaceRole = Qt.ItemDataRole.UserRole + 1


class PlaceListModel(QAbstractListModel):
    """Every place, alphabetical, filtered by a tag and a commune."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[PlaceView] = []
        self._rows: list[PlaceView] = []
        self.tag: str | None = None
        self.commune: str | None = None

    def set_places(self, places: Sequence[PlaceView]) -> None:
        self._all = list(places)
        self._refilter()

    def set_filter(self, tag: str | None, commune: str | None) -> None:
        self.tag, self.commune = tag, commune
        self._refilter()

    def _refilter(self) -> None:
        self.beginResetModel()
        self._rows = [
            p
            for p in self._all
            if (self.tag is None or self.tag in p.tags)
            and (self.commune is None or p.commune == self.commune)
        ]
        self.endResetModel()

    @property
    def places(self) -> list[PlaceView]:
        return list(self._rows)

    def tags(self) -> list[str]:
        names = {tag for p in self._all for tag in p.tags}
        return sorted(names, key=catalogue_views.sort_key)

    def tag_names(self, language: str) -> dict[str, str]:
        """Each tag (its French name, the filter's value) as shown in ``language``: its English
        name where staff wrote one, else the French."""
        if language != "en":
            return {}
        return {fr: en for p in self._all for fr, en in zip(p.tags, p.tags_en, strict=False) if en}

    def communes(self) -> list[str]:
        names = {p.commune for p in self._all if p.commune}
        return sorted(names, key=catalogue_views.sort_key)

    def row_of(self, slug: str) -> int:
        return next((i for i, p in enumerate(self._rows) if p.slug == slug), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        place = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return place.name
        if role == PlaceRole:
            return place
        return None


class PlaceDelegate(QStyledItemDelegate):
    """A row: a marker (or a question mark when not placed), the name, the commune and status."""

    def __init__(self, metrics: Metrics, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.metrics = metrics
        self.palette = WARM
        px = metrics.px
        self.row_height = max(metrics.touch, px(96))
        self.icon_size = px(40)
        self.on_map = self.with_video = self.not_on_map = self.video_icon = QPixmap()
        self.name_font = QFont()
        self.name_font.setBold(True)
        self.detail_font = QFont()
        self.set_appearance(WARM)
        self.selected_slug: str | None = None

    def set_appearance(self, palette: Palette) -> None:
        """Colours from the palette, text sizes from the visitor's text size (rows grow)."""
        self.palette = palette
        size = self.icon_size
        self.on_map = icons.icon("mdi6.map-marker", color=palette.pin_place).pixmap(size, size)
        self.with_video = icons.icon("mdi6.map-marker-star", color=palette.pin_video).pixmap(
            size, size
        )
        self.not_on_map = icons.icon(
            "mdi6.map-marker-question-outline", color=palette.pin_unplaced
        ).pixmap(size, size)
        self.video_icon = icons.icon("mdi6.movie-open-play", color=palette.pin_video).pixmap(
            size, size
        )
        self.name_font.setPixelSize(self.metrics.font(27))
        self.detail_font.setPixelSize(self.metrics.body)
        block = QFontMetricsF(self.name_font).height() + QFontMetricsF(self.detail_font).height()
        self.row_height = max(
            self.metrics.touch, self.metrics.px(96), int(block) + self.metrics.px(24)
        )

    @property
    def row_icons(self) -> list[QPixmap]:
        """The icons drawn on a row's background (tests/contrast_probe.py measures them)."""
        return [self.on_map, self.with_video, self.not_on_map, self.video_icon]

    def sizeHint(
        self, _option: QStyleOptionViewItem, _index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(self.metrics.px(300), self.row_height)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        place = index.data(PlaceRole)
        if not isinstance(place, PlaceView):
            return
        px = self.metrics.px
        rect = option.rect.adjusted(px(4), px(3), -px(4), -px(3))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pressed = bool(option.state & QStyle.StateFlag.State_Sunken)
        chosen = place.slug == self.selected_slug
        colours = self.palette
        background = QColor(colours.selection if chosen else colours.paper)
        if pressed:
            background = background.darker(108)
        path = QPainterPath()
        path.addRoundedRect(QRectF(rect), px(14), px(14))
        painter.fillPath(path, background)
        if place.is_on_map:
            icon = self.with_video if place.has_video else self.on_map
        else:
            icon = self.not_on_map
        left = rect.left() + px(16)
        painter.drawPixmap(left, rect.center().y() - self.icon_size // 2, icon)
        text_left = left + self.icon_size + px(16)
        right = rect.right() - px(16)
        if place.has_video:
            painter.drawPixmap(
                right - self.icon_size, rect.center().y() - self.icon_size // 2, self.video_icon
            )
            right -= self.icon_size + px(12)
        width = right - text_left
        # An unknown commune is not a visitor's business: only "not on the map yet" is said.
        not_placed = QCoreApplication.translate("MapScreen", "pas encore sur la carte")
        parts = [place.commune] if place.commune else []
        if not place.is_on_map:
            parts.append(not_placed if parts else not_placed[:1].upper() + not_placed[1:])
        where = " · ".join(parts)
        name_metrics = QFontMetricsF(self.name_font)
        detail_metrics = QFontMetricsF(self.detail_font)
        block = name_metrics.height() + px(4) + detail_metrics.height()
        top = rect.top() + (rect.height() - block) / 2
        painter.setFont(self.name_font)
        painter.setPen(QColor(colours.text))
        painter.drawText(
            QRectF(text_left, top, width, name_metrics.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            name_metrics.elidedText(place.name, Qt.TextElideMode.ElideRight, width),
        )
        painter.setFont(self.detail_font)
        painter.setPen(QColor(colours.muted))
        painter.drawText(
            QRectF(text_left, top + name_metrics.height() + px(4), width, detail_metrics.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            detail_metrics.elidedText(where, Qt.TextElideMode.ElideRight, width),
        )
        painter.restore()
