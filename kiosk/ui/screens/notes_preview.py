"""Carnets dessinés (first version): each album with its drawings as thumbnails.

The swiping slideshow with deep zoom comes in a later version; the screen says so to visitors.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from kiosk.library import catalogue_views
from kiosk.library.catalogue_views import AlbumView
from kiosk.playback.images import load_scaled
from kiosk.ui.context import UiContext
from kiosk.ui.screens.base import Screen
from kiosk.ui.widgets import named


class NotesPreviewScreen(Screen):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        px = context.metrics.px
        layout = QVBoxLayout(self)
        layout.setContentsMargins(px(64), px(32), px(64), px(32))
        layout.setSpacing(px(20))
        self.notice = named(QLabel(), "Notice")
        self.notice.setWordWrap(True)
        layout.addWidget(self.notice)
        self.albums = catalogue_views.albums(context.catalogue)
        self.album_titles: list[tuple[AlbumView, QLabel]] = []
        thumb = QSize(px(400), px(270))
        columns = 2 if context.portrait else 3
        for album in self.albums:
            card = named(QFrame(), "Card")
            card_layout = QVBoxLayout(card)
            card_layout.setContentsMargins(px(28), px(24), px(28), px(24))
            title = named(QLabel(), "CardTitle")
            title.setWordWrap(True)
            card_layout.addWidget(title)
            self.album_titles.append((album, title))
            grid = QGridLayout()
            grid.setSpacing(px(16))
            for index, path in enumerate(album.image_paths[:6]):
                label = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
                image = load_scaled(context.root.absolute(path), thumb)
                if not image.isNull():
                    label.setPixmap(QPixmap.fromImage(image))
                grid.addWidget(label, index // columns, index % columns)
            card_layout.addLayout(grid)
            layout.addWidget(card)
        layout.addStretch(1)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Carnets dessinés")

    def retranslate(self) -> None:
        self.notice.setText(
            self.tr("Bientôt : feuilleter les dessins d'un geste et zoomer dans chaque détail.")
        )
        language = self.context.languages.language
        for album, label in self.album_titles:
            title = album.title_en if language == "en" and album.title_en else album.title
            parts = [title]
            if album.credit:
                parts.append(album.credit)
            label.setText(" — ".join(parts))
