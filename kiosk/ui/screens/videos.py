"""Vidéos: the aftermovie first and big, then one tile per place vignette.

Each tile shows a poster frame (extracted with PyAV in a worker thread and cached under the
content root's ``cache/posters``), the title, the place, the duration and the credit. A tap opens
the full-screen player (route ``player`` with the media id).
"""

from __future__ import annotations

import threading
from pathlib import Path

import qtawesome
from PySide6.QtCore import QObject, QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.library import catalogue_views
from kiosk.library.catalogue_views import VideoView
from kiosk.playback.posters import poster_for
from kiosk.ui.context import UiContext
from kiosk.ui.screens.base import Screen
from kiosk.ui.theme import (
    CHARCOAL,
    HEDGE_DARK,
    OCHRE,
    TERRACOTTA,
    WARM,
    WHITE,
    Metrics,
    Palette,
)
from kiosk.ui.widgets import named

ROUTE_PLAYER = "player"


def format_duration(seconds: float) -> str:
    total = max(0, round(seconds))
    return f"{total // 60}:{total % 60:02d}"


class PosterLoader(QObject):
    """Makes the posters in a worker thread; ``poster_ready(video, poster)`` on the GUI thread."""

    poster_ready = Signal(str, str)

    def __init__(self, cache_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cache_dir = cache_dir

    def load(self, videos: list[Path]) -> threading.Thread:
        def work() -> None:
            for video in videos:
                poster = poster_for(self.cache_dir, video) if video.is_file() else None
                if poster is not None:
                    try:
                        self.poster_ready.emit(str(video), str(poster))
                    except RuntimeError:  # the screen was closed meanwhile
                        return

        thread = threading.Thread(target=work, name="video-posters", daemon=True)
        thread.start()
        return thread


class PosterView(QWidget):
    """A 16:9 poster with rounded corners, a play badge in the middle and the duration."""

    def __init__(self, duration: str, scale: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pixmap = QPixmap()
        self._duration = duration
        self._scale = scale
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_poster(self, pixmap: QPixmap) -> None:
        self._pixmap = pixmap
        self.update()

    def has_poster(self) -> bool:
        return not self._pixmap.isNull()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width * 9 // 16

    def sizeHint(self) -> QSize:
        width = round(480 * self._scale)
        return QSize(width, width * 9 // 16)

    def resizeEvent(self, event: object) -> None:
        self.setFixedHeight(self.width() * 9 // 16)

    def paintEvent(self, _event: QPaintEvent) -> None:
        scale = self._scale
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        rect = QRectF(self.rect())
        clip = QPainterPath()
        clip.addRoundedRect(rect, 18 * scale, 18 * scale)
        painter.setClipPath(clip)
        if self._pixmap.isNull():
            painter.fillRect(rect, QColor(HEDGE_DARK))
        else:
            scaled = self._pixmap.scaled(
                self.size(),
                Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                Qt.TransformationMode.SmoothTransformation,
            )
            left = (scaled.width() - self.width()) // 2
            top = (scaled.height() - self.height()) // 2
            painter.drawPixmap(0, 0, scaled, left, top, self.width(), self.height())
        # Play badge, bottom left: the middle of the poster is often its title.
        badge = min(rect.width(), rect.height()) * 0.24
        margin = 14 * scale
        circle = QRectF(rect.left() + margin, rect.bottom() - badge - margin, badge, badge)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(43, 42, 39, 190))
        painter.drawEllipse(circle)
        icon = qtawesome.icon("mdi6.play", color=WHITE)
        inner = circle.adjusted(badge * 0.2, badge * 0.2, -badge * 0.2, -badge * 0.2)
        icon.paint(painter, inner.toRect())
        # Duration badge.
        font = self.font()
        font.setPixelSize(max(12, round(24 * scale)))
        font.setBold(True)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        text_width = metrics.horizontalAdvance(self._duration)
        pad = 10 * scale
        box = QRectF(
            rect.right() - text_width - 3 * pad,
            rect.bottom() - metrics.height() - 3 * pad,
            text_width + 2 * pad,
            metrics.height() + pad,
        )
        painter.setBrush(QColor(CHARCOAL))
        painter.drawRoundedRect(box, 8 * scale, 8 * scale)
        painter.setPen(QColor(WHITE))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self._duration)
        painter.end()


class VideoTile(QFrame):
    """A tappable card: the poster above (or beside, for the aftermovie) and the texts."""

    activated = Signal(object)

    def __init__(
        self, video: VideoView, context: UiContext, big: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("VideoTile")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.video = video
        self.context = context
        self._pressed = False
        px = context.metrics.px
        self.poster = PosterView(format_duration(video.duration_s), context.metrics.scale)
        self.title_label = named(QLabel(), "VideoTitleBig" if big else "VideoTitle")
        self.title_label.setWordWrap(True)
        self.place_label = named(QLabel(), "VideoPlace")
        self.place_label.setWordWrap(True)
        self.credit_label = named(QLabel(), "VideoCredit")
        self.credit_label.setWordWrap(True)
        # "Regarder le film": a label styled as a button (the whole tile is the touch target).
        self.action = named(QFrame(), "VideoAction")
        self.action.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        action_row = QHBoxLayout(self.action)
        action_row.setContentsMargins(px(26), px(14), px(30), px(14))
        action_row.setSpacing(px(12))
        self.action_icon = QLabel()
        self.action_label = named(QLabel(), "VideoActionText")
        action_row.addWidget(self.action_icon)
        action_row.addWidget(self.action_label)
        texts = QVBoxLayout()
        texts.setSpacing(px(8))
        texts.addWidget(self.title_label)
        texts.addWidget(self.place_label)
        texts.addWidget(self.credit_label)
        if big:
            texts.addSpacing(px(12))
            texts.addWidget(self.action, alignment=Qt.AlignmentFlag.AlignLeft)
        else:
            self.action.hide()
        texts.addStretch(1)
        layout = QGridLayout(self)
        layout.setContentsMargins(px(18), px(18), px(18), px(22))
        layout.setHorizontalSpacing(px(32))
        layout.setVerticalSpacing(px(14))
        if big and not context.portrait:
            self.poster.setFixedWidth(px(640))
            layout.addWidget(self.poster, 0, 0)
            layout.addLayout(texts, 0, 1)
            layout.setColumnStretch(1, 1)
        else:
            layout.addWidget(self.poster, 0, 0)
            layout.addLayout(texts, 1, 0)

    def retranslate(self) -> None:
        language = self.context.languages.language
        video = self.video
        title = video.localized_title(language)
        self.title_label.setText(title)
        if video.place_name and video.place_name.casefold() not in title.casefold():
            self.place_label.setText(self.tr("Lieu : {0}").format(video.place_name))
        elif video.is_aftermovie:
            self.place_label.setText(self.tr("La route des tiers-lieux de l'Allier, 2021"))
        else:
            self.place_label.setText("")
        self.place_label.setVisible(bool(self.place_label.text()))
        self.credit_label.setText(video.credit)
        self.credit_label.setVisible(bool(video.credit))
        self.action_label.setText(self.tr("Regarder le film"))
        self.setAccessibleName(video.localized_title(language))

    def set_action_colour(self, colour: str) -> None:
        size = self.context.metrics.px(36)
        self.action_icon.setPixmap(qtawesome.icon("mdi6.play", color=colour).pixmap(size, size))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed = True

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        pressed, self._pressed = self._pressed, False
        if pressed and self.rect().contains(event.position().toPoint()):
            self.activated.emit(self.video)


def colours(palette: Palette) -> dict[str, str]:
    """The list's colours in the warm palette, or from the high-contrast one."""
    warm = palette == WARM
    return {
        "page": palette.background,
        "tile": palette.paper,
        "heading": HEDGE_DARK if warm else palette.accent,
        "text": palette.text,
        "muted": palette.muted,
        "action": TERRACOTTA if warm else palette.accent,
        "action_text": WHITE if warm else palette.background,
        "rule": OCHRE if warm else palette.accent,
    }


def text_pairs(palette: Palette) -> dict[str, tuple[str, str]]:
    """Each text of the list and the colour behind it (checked for contrast in the tests)."""
    c = colours(palette)
    return {
        "VideoTitleBig": (c["heading"], c["tile"]),
        "VideoTitle": (c["text"], c["tile"]),
        "VideoPlace": (c["text"], c["tile"]),
        "VideoCredit": (c["muted"], c["tile"]),
        "VideoActionText": (c["action_text"], c["action"]),
        "VideoSection": (c["heading"], c["page"]),
    }


def _style(metrics: Metrics, palette: Palette) -> str:
    px, font, c = metrics.px, metrics.font, colours(palette)
    return f"""
QFrame#VideoTile {{ background: {c["tile"]}; border-radius: {px(26)}px; }}
QLabel#VideoTitleBig {{ font-size: {font(44)}px; font-weight: 700; color: {c["heading"]}; }}
QLabel#VideoTitle {{ font-size: {font(28)}px; font-weight: 700; color: {c["text"]}; }}
QLabel#VideoPlace {{ font-size: {font(25)}px; color: {c["text"]}; }}
QLabel#VideoCredit {{ font-size: {font(24)}px; color: {c["muted"]}; }}
QFrame#VideoAction {{ background: {c["action"]}; border-radius: {px(18)}px; }}
QLabel#VideoActionText {{
    color: {c["action_text"]}; font-size: {font(30)}px; font-weight: 700;
}}
QLabel#VideoSection {{
    font-size: {font(34)}px; font-weight: 700; color: {c["heading"]};
    border-left: {px(8)}px solid {c["rule"]}; padding-left: {px(16)}px;
}}
QScrollArea#VideoScroll, QWidget#VideoContent {{ background: {c["page"]}; }}
"""


class VideosScreen(Screen):
    """The list of films: tap one to watch it full screen."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        px = context.metrics.px
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = named(QScrollArea(), "VideoScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = named(QWidget(), "VideoContent")
        column = QVBoxLayout(content)
        column.setContentsMargins(px(64), px(32), px(64), px(40))
        column.setSpacing(px(28))
        self.tiles: list[VideoTile] = []
        videos = catalogue_views.videos(context.catalogue)
        for video in (v for v in videos if v.is_aftermovie):
            tile = VideoTile(video, context, big=True)
            column.addWidget(tile)
            self.tiles.append(tile)
        vignettes = [v for v in videos if not v.is_aftermovie]
        self.section = named(QLabel(), "VideoSection")
        self.section.setVisible(bool(vignettes))
        column.addWidget(self.section)
        grid = QGridLayout()
        grid.setHorizontalSpacing(px(28))
        grid.setVerticalSpacing(px(28))
        columns = 2 if context.portrait else 3
        for index, video in enumerate(vignettes):
            tile = VideoTile(video, context, big=False)
            grid.addWidget(tile, index // columns, index % columns)
            self.tiles.append(tile)
        for index in range(columns):
            grid.setColumnStretch(index, 1)
        column.addLayout(grid)
        self.empty = named(QLabel(), "Hint")
        self.empty.setVisible(not self.tiles)
        column.addWidget(self.empty)
        column.addStretch(1)
        scroll.setWidget(content)
        outer.addWidget(scroll)
        for tile in self.tiles:
            tile.activated.connect(self._open)
        self._tiles_by_path = {str(context.root.absolute(t.video.path)): t for t in self.tiles}
        self.posters = PosterLoader(context.root.cache_dir, self)
        self.posters.poster_ready.connect(self._on_poster, Qt.ConnectionType.QueuedConnection)
        self.poster_thread = self.posters.load([Path(p) for p in self._tiles_by_path])
        if context.appearance is not None:
            context.appearance.changed.connect(self._apply_appearance)
        self._apply_appearance()
        self.retranslate()

    def _apply_appearance(self) -> None:
        """Colours and font sizes from the visitor's choices (high contrast, larger text)."""
        appearance = self.context.appearance
        palette = appearance.palette if appearance is not None else WARM
        self.setStyleSheet(_style(self.context.metrics, palette))
        for tile in self.tiles:
            tile.set_action_colour(colours(palette)["action_text"])

    def title(self) -> str:
        return self.tr("Les vidéos")

    def retranslate(self) -> None:
        self.section.setText(self.tr("Les vignettes des lieux"))
        self.empty.setText(self.tr("Aucune vidéo pour le moment."))
        for tile in self.tiles:
            tile.retranslate()

    @Slot(str, str)
    def _on_poster(self, video: str, poster: str) -> None:
        tile = self._tiles_by_path.get(video)
        pixmap = QPixmap(poster)
        if tile is not None and not pixmap.isNull():
            tile.poster.set_poster(pixmap)

    def _open(self, video: VideoView) -> None:
        self.navigate.emit(ROUTE_PLAYER, str(video.media_id))
