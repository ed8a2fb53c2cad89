"""Carnets dessinés: the albums of graphic notes, each with its cover, title, date and credit.

Touching an album opens its slideshow (route ``slideshow``). Covers and previews are the
thumbnails made at import, decoded in the background by the shared image cache.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QMouseEvent, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.kit import icons, theme
from kiosk.kit.context import UiContext
from kiosk.kit.widgets import named, plain_label
from kiosk.library import catalogue_views
from kiosk.library.catalogue_views import AlbumView
from kiosk.library.typography import french_spacing
from kiosk.playback.image_cache import ImageCache, ImageKey, Kind, shared_cache
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.slideshow import ROUTE_SLIDESHOW, credit_line

PREVIEW_COUNT = 4


def colours(palette: theme.Palette) -> dict[str, str]:
    """The albums' colours, from the palette's roles."""
    return {
        "card": palette.paper,
        "pressed": palette.card_pressed,
        "frame": palette.background,
        "title": palette.heading,
        "muted": palette.muted,
        "open": palette.highlight,
        "open_text": palette.highlight_text,
    }


def text_pairs(palette: theme.Palette) -> dict[str, tuple[str, str]]:
    """Each text of the albums list and the colour behind it (checked in the tests)."""
    c = colours(palette)
    return {
        "AlbumTitle": (c["title"], c["card"]),
        "AlbumMeta": (c["muted"], c["card"]),
        "AlbumOpen": (c["open_text"], c["open"]),
    }


def style_sheet(metrics: theme.Metrics, palette: theme.Palette) -> str:
    px, font, c = metrics.px, metrics.font, colours(palette)
    return f"""
QFrame#AlbumCard {{ background: {c["card"]}; border-radius: {px(24)}px; }}
QFrame#AlbumCard[pressed="true"] {{ background: {c["pressed"]}; }}
QLabel#AlbumCover, QLabel#AlbumPreview {{
    background: {c["frame"]}; border-radius: {px(12)}px;
}}
QLabel#AlbumTitle {{ font-size: {font(40)}px; font-weight: 700; color: {c["title"]}; }}
QLabel#AlbumMeta {{ font-size: {font(26)}px; color: {c["muted"]}; }}
QLabel#AlbumOpen {{
    color: {c["open_text"]}; background: {c["open"]}; border-radius: {px(12)}px;
    padding: {px(14)}px {px(28)}px; font-size: {font(28)}px; font-weight: 700;
}}
QScrollArea#AlbumScroll, QWidget#AlbumList {{ background: transparent; border: none; }}
"""


class AlbumCard(QFrame):
    """One album: the cover beside its title, date, credit, count and a few previews."""

    activated = Signal(str)

    def __init__(
        self, album: AlbumView, context: UiContext, cache: ImageCache, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.album = album
        self.context = context
        self.cache = cache
        metrics = context.metrics
        px = metrics.px
        self.setObjectName("AlbumCard")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self._pressed = False

        portrait = context.portrait
        layout = QVBoxLayout(self) if portrait else QHBoxLayout(self)
        layout.setContentsMargins(px(28), px(28), px(28), px(28))
        layout.setSpacing(px(36))
        cover_width = px(900) if portrait else px(640)
        self.cover_size = QSize(cover_width, round(cover_width * 2 / 3))
        self.cover = plain_label("AlbumCover")
        self.cover.setFixedSize(self.cover_size)
        self.cover.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.cover, alignment=Qt.AlignmentFlag.AlignTop)

        texts = QVBoxLayout()
        texts.setSpacing(px(14))
        self.title_label = plain_label("AlbumTitle", wrap=True)
        texts.addWidget(self.title_label)
        self.meta_icons: list[tuple[QLabel, str]] = []
        self.date_label = self._meta_row(texts, "mdi6.calendar-blank-outline")
        self.credit_label = self._meta_row(texts, "mdi6.draw")
        self.count_label = self._meta_row(texts, "mdi6.image-multiple-outline")

        previews = QHBoxLayout()
        previews.setSpacing(px(12))
        self.preview_size = QSize(px(150), px(100))
        self.previews: list[tuple[str, QLabel]] = []
        for path in album.image_paths[1 : 1 + PREVIEW_COUNT]:
            label = plain_label("AlbumPreview")
            label.setFixedSize(self.preview_size)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            previews.addWidget(label)
            self.previews.append((path, label))
        previews.addStretch(1)
        texts.addLayout(previews)
        texts.addStretch(1)
        self.open_label = plain_label("AlbumOpen")
        self.open_label.setMinimumHeight(metrics.touch)
        open_row = QHBoxLayout()
        open_row.addWidget(self.open_label)
        open_row.addStretch(1)
        texts.addLayout(open_row)
        layout.addLayout(texts, stretch=1)

        cache.ready.connect(self._on_image_ready)
        self._load_images()
        self.set_icon_colour(theme.MUTED)

    def set_icon_colour(self, colour: str) -> None:
        size = self.context.metrics.px(32)
        for icon, name in self.meta_icons:
            icon.setPixmap(icons.icon(name, color=colour).pixmap(size, size))

    def _meta_row(self, parent: QVBoxLayout, icon_name: str) -> QLabel:
        metrics = self.context.metrics
        row = QHBoxLayout()
        row.setSpacing(metrics.px(12))
        icon = QLabel()
        size = metrics.px(32)
        icon.setFixedSize(size, size)
        self.meta_icons.append((icon, icon_name))
        row.addWidget(icon, alignment=Qt.AlignmentFlag.AlignTop)
        label = plain_label("AlbumMeta", wrap=True)
        row.addWidget(label, stretch=1)
        parent.addLayout(row)
        return label

    def cover_path(self) -> str | None:
        return self.album.image_paths[0] if self.album.image_paths else None

    def _load_images(self) -> None:
        cover = self.cover_path()
        if cover is not None:
            image = self.cache.request(ImageKey.thumb(cover))
            if image is not None:
                self._show(self.cover, image, self.cover_size)
        for path, label in self.previews:
            image = self.cache.request(ImageKey.thumb(path))
            if image is not None:
                self._show(label, image, self.preview_size)

    def _on_image_ready(self, key: ImageKey, image: QImage) -> None:
        if key.kind is not Kind.THUMB:
            return
        if key.relative_path == self.cover_path():
            self._show(self.cover, image, self.cover_size)
        for path, label in self.previews:
            if key.relative_path == path:
                self._show(label, image, self.preview_size)

    @staticmethod
    def _show(label: QLabel, image: QImage, size: QSize) -> None:
        pixmap = QPixmap.fromImage(image).scaled(
            size,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        label.setPixmap(pixmap)

    def retranslate(self, language: str) -> None:
        title = (
            self.album.title_en if language == "en" and self.album.title_en else self.album.title
        )
        self.title_label.setText(french_spacing(title))
        self.setAccessibleName(title)
        self.date_label.setText(
            french_spacing(self.album.localized_date_label(language) or "")
            or self.tr("Date non précisée")
        )
        self.credit_label.setText(
            french_spacing(
                credit_line(self.album.localized_credit(language), self.tr("Réalisation : {}"))
                or self.tr("Auteur non précisé")
            )
        )
        count = len(self.album.image_paths)
        self.count_label.setText(
            self.tr("1 dessin") if count == 1 else self.tr("{} dessins").format(count)
        )
        self.open_label.setText(self.tr("Feuilleter le carnet"))

    def _set_pressed(self, pressed: bool) -> None:
        self._pressed = pressed
        self.setProperty("pressed", pressed)
        self.style().unpolish(self)
        self.style().polish(self)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._set_pressed(True)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        was_pressed = self._pressed
        self._set_pressed(False)
        if was_pressed and self.rect().contains(event.position().toPoint()):
            self.activated.emit(self.album.slug)


class NotesScreen(Screen):
    """The list of albums; reloaded from the catalogue each time it is shown."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        metrics = context.metrics
        px = metrics.px
        self.cache = shared_cache(context.root)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(px(64), px(32), px(64), px(32))
        layout.setSpacing(px(24))
        self.hint = plain_label("Hint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.album_scroll = named(QScrollArea(), "AlbumScroll")
        self.album_scroll.setWidgetResizable(True)
        self.album_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.album_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list = named(QWidget(), "AlbumList")
        self.list_layout = QVBoxLayout(self.list)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout.setSpacing(px(28))
        self.album_scroll.setWidget(self.list)
        layout.addWidget(self.album_scroll, stretch=1)
        self.empty = plain_label("Notice")
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        self.cards: list[AlbumCard] = []
        self._load()
        context.follow_appearance(self._apply_appearance)
        self.retranslate()

    def _apply_appearance(self) -> None:
        """Colours and font sizes from the visitor's choices (high contrast, larger text)."""
        palette = self.context.palette
        self.setStyleSheet(style_sheet(self.context.metrics, palette))
        for card in self.cards:
            card.set_icon_colour(palette.muted)

    def title(self) -> str:
        return self.tr("Carnets dessinés")

    def show_route(self, argument: str | None) -> None:
        self._load()
        self.retranslate()

    def reset(self) -> None:
        """A new visitor starts at the top of the albums."""
        QScroller.scroller(self.album_scroll.viewport()).stop()
        self.album_scroll.verticalScrollBar().setValue(0)

    def _load(self) -> None:
        albums = catalogue_views.albums(self.context.catalogue)
        if [card.album for card in self.cards] == albums:
            return
        for card in self.cards:
            card.deleteLater()
        self.cards = []
        while self.list_layout.count():
            self.list_layout.takeAt(0)
        for album in albums:
            card = AlbumCard(album, self.context, self.cache)
            card.activated.connect(lambda slug: self.navigate.emit(ROUTE_SLIDESHOW, slug))
            card.set_icon_colour(self.context.palette.muted)
            self.list_layout.addWidget(card)
            self.cards.append(card)
        self.list_layout.addStretch(1)
        self.empty.setVisible(not albums)
        self.album_scroll.setVisible(bool(albums))

    def retranslate(self) -> None:
        self.hint.setText(
            self.tr(
                "Des notes dessinées en direct pendant les rencontres. "
                "Touchez un carnet pour le feuilleter, puis zoomez dans chaque détail."
            )
        )
        self.empty.setText(self.tr("Aucun carnet n'est publié pour le moment."))
        language = self.context.languages.language
        for card in self.cards:
            card.retranslate(language)
