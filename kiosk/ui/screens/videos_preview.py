"""Vidéos (first version): the aftermovie first, then one card per place vignette.

The full-screen player comes in a later version; the screen says so to visitors.
"""

from __future__ import annotations

import qtawesome
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.library import catalogue_views
from kiosk.library.catalogue_views import VideoView
from kiosk.ui.context import UiContext
from kiosk.ui.screens.base import Screen
from kiosk.ui.theme import TERRACOTTA
from kiosk.ui.widgets import named


def format_duration(seconds: float) -> str:
    total = round(seconds)
    return f"{total // 60}:{total % 60:02d}"


class VideoCard(QFrame):
    def __init__(self, video: VideoView, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.video = video
        px = context.metrics.px
        layout = QHBoxLayout(self)
        layout.setContentsMargins(px(24), px(20), px(24), px(20))
        layout.setSpacing(px(20))
        icon = QLabel()
        size = px(96 if video.is_aftermovie else 64)
        icon.setPixmap(qtawesome.icon("mdi6.movie-open-play", color=TERRACOTTA).pixmap(size, size))
        layout.addWidget(icon, alignment=Qt.AlignmentFlag.AlignTop)
        texts = QVBoxLayout()
        self.title_label = named(QLabel(), "CardTitle")
        self.title_label.setWordWrap(True)
        self.detail_label = named(QLabel(), "CardText")
        self.detail_label.setWordWrap(True)
        texts.addWidget(self.title_label)
        texts.addWidget(self.detail_label)
        layout.addLayout(texts, stretch=1)
        self.context = context

    def retranslate(self, language: str) -> None:
        video = self.video
        self.title_label.setText(
            video.title_en if language == "en" and video.title_en else video.title
        )
        details = [format_duration(video.duration_s)]
        if video.place_name:
            details.append(video.place_name)
        if video.credit:
            details.append(video.credit)
        self.detail_label.setText(" · ".join(details))


class VideosPreviewScreen(Screen):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        px = context.metrics.px
        outer = QVBoxLayout(self)
        outer.setContentsMargins(px(64), px(32), px(64), px(32))
        outer.setSpacing(px(20))
        self.notice = named(QLabel(), "Notice")
        self.notice.setWordWrap(True)
        outer.addWidget(self.notice)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setStyleSheet("background: transparent;")
        content = QWidget()
        grid = QGridLayout(content)
        grid.setSpacing(px(24))
        columns = 1 if context.portrait else 2
        self.cards = [VideoCard(v, context) for v in catalogue_views.videos(context.catalogue)]
        row = 0
        column = 0
        for card in self.cards:
            if card.video.is_aftermovie:
                grid.addWidget(card, row, 0, 1, columns)
                row += 1
                continue
            grid.addWidget(card, row, column)
            column += 1
            if column == columns:
                column = 0
                row += 1
        grid.setRowStretch(row + 1, 1)
        scroll.setWidget(content)
        outer.addWidget(scroll, stretch=1)
        self.empty = named(QLabel(), "Hint")
        self.empty.setVisible(not self.cards)
        outer.addWidget(self.empty)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Les vidéos")

    def retranslate(self) -> None:
        self.notice.setText(
            self.tr("Bientôt : regarder chaque film en plein écran, d'un simple toucher.")
        )
        self.empty.setText(self.tr("Aucune vidéo pour le moment."))
        for card in self.cards:
            card.retranslate(self.context.languages.language)
