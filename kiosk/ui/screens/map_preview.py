"""Carte (first version): the current map with its pins, and the list of places beside it.

The interactive map (pinch zoom, place sheets, filters) replaces this view in a later version;
the screen says so to visitors.
"""

from __future__ import annotations

import qtawesome
from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import (
    QBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScroller,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.library import catalogue_views
from kiosk.playback.images import load_scaled
from kiosk.ui.context import UiContext
from kiosk.ui.screens.base import Screen
from kiosk.ui.theme import HEDGE, MUTED, TERRACOTTA
from kiosk.ui.widgets import named


class MapPreviewScreen(Screen):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        px = context.metrics.px
        direction = (
            QBoxLayout.Direction.TopToBottom
            if context.portrait
            else QBoxLayout.Direction.LeftToRight
        )
        layout = QBoxLayout(direction, self)
        layout.setContentsMargins(px(40), px(32), px(40), px(32))
        layout.setSpacing(px(32))

        self.map_label = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.map_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        layout.addWidget(self.map_label, stretch=3)

        side = QVBoxLayout()
        side.setSpacing(px(16))
        self.notice = named(QLabel(), "Notice")
        self.notice.setWordWrap(True)
        self.place_list = named(QListWidget(), "PlaceList")
        self.place_list.setIconSize(QSize(px(40), px(40)))
        self.place_list.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.place_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        QScroller.grabGesture(
            self.place_list.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture
        )
        side.addWidget(self.notice)
        side.addWidget(self.place_list, stretch=1)
        layout.addLayout(side, stretch=2)

        self.places = catalogue_views.places(context.catalogue)
        self.map_view = catalogue_views.current_map(context.catalogue)
        self._map_pixmap: QPixmap | None = None
        self.retranslate()

    def title(self) -> str:
        return self.tr("La carte des tiers-lieux")

    def retranslate(self) -> None:
        self.notice.setText(
            self.tr("Bientôt : zoomer avec deux doigts et ouvrir la fiche de chaque lieu.")
        )
        self.place_list.clear()
        on_map = qtawesome.icon("mdi6.map-marker", color=TERRACOTTA)
        not_on_map = qtawesome.icon("mdi6.map-marker-question-outline", color=MUTED)
        for place in self.places:
            where = place.commune or self.tr("commune à préciser")
            if not place.is_on_map:
                where = " · ".join((where, self.tr("pas encore sur la carte")))
            item = QListWidgetItem(
                on_map if place.is_on_map else not_on_map, f"{place.name}\n{where}"
            )
            item.setData(Qt.ItemDataRole.UserRole, place.slug)
            self.place_list.addItem(item)
        self._update_map()

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._update_map()

    def _update_map(self) -> None:
        size = self.map_label.size()
        if self.map_view is None:
            self.map_label.setText(self.tr("Aucune carte n'a encore été importée."))
            return
        if size.width() < 10 or size.height() < 10:
            return
        image = load_scaled(self.context.root.absolute(self.map_view.image_path), size)
        if image.isNull():
            self.map_label.setText(self.tr("La carte ne peut pas être affichée."))
            return
        pixmap = QPixmap.fromImage(image)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pin_size = self.context.metrics.px(44)
        pin = qtawesome.icon("mdi6.map-marker", color=TERRACOTTA).pixmap(pin_size, pin_size)
        painter.setPen(QColor(HEDGE))
        for place in self.places:
            if place.map_x is None or place.map_y is None:
                continue
            tip = QPointF(place.map_x * pixmap.width(), place.map_y * pixmap.height())
            painter.drawPixmap(int(tip.x() - pin_size / 2), int(tip.y() - pin_size), pin)
        painter.end()
        self.map_label.setPixmap(pixmap)
