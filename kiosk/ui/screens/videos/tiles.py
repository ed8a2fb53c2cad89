"""The aftermovie's big tile, with its poster and its "Regarder le film" button."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import (
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.kit import icons
from kiosk.kit.context import UiContext
from kiosk.kit.theme import (
    Metrics,
)
from kiosk.kit.widgets import named, plain_label
from kiosk.library.catalogue_views import VideoView
from kiosk.library.typography import french_spacing
from kiosk.ui.screens.videos.cards import duration_font, paint_poster, play_pixmap
from kiosk.ui.screens.videos.list_model import format_duration, place_line


class PosterView(QWidget):
    """A 16:9 poster with rounded corners, a play badge in the middle and the duration."""

    def __init__(self, duration: str, metrics: Metrics, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._poster = QImage()
        self._play_icon = QPixmap()
        self._duration = duration
        self._metrics = metrics
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_poster(self, poster: QImage) -> None:
        self._poster = poster
        self.update()

    def has_poster(self) -> bool:
        return not self._poster.isNull()

    def sizeHint(self) -> QSize:
        width = self._metrics.px(480)
        return QSize(width, width * 9 // 16)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        badge = round(min(self.width(), self.height()) * 0.24 * 0.6)
        if self._play_icon.width() != badge:
            self._play_icon = play_pixmap(badge)
        paint_poster(
            painter,
            self.rect(),
            self._poster,
            self._duration,
            self._metrics,
            duration_font(self.font(), self._metrics),
            self._play_icon,
        )
        painter.end()


class VideoTile(QFrame):
    """The aftermovie's tappable tile: the poster beside (above, in portrait) the texts."""

    activated = Signal(object)

    def __init__(self, video: VideoView, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("VideoTile")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.video = video
        self.context = context
        self._pressed = False
        px = context.metrics.px
        self.poster = PosterView(format_duration(video.duration_s), context.metrics)
        self.title_label = plain_label("VideoTitleBig", wrap=True)
        self.place_label = plain_label("VideoPlace", wrap=True)
        self.credit_label = plain_label("VideoCredit", wrap=True)
        # "Regarder le film": a label styled as a button (the whole tile is the touch target).
        self.action = named(QFrame(), "VideoAction")
        self.action.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        action_row = QHBoxLayout(self.action)
        action_row.setContentsMargins(px(26), px(14), px(30), px(14))
        action_row.setSpacing(px(12))
        self.action_icon = QLabel()
        self.action_label = plain_label("VideoActionText")
        action_row.addWidget(self.action_icon)
        action_row.addWidget(self.action_label)
        self.texts = texts = QVBoxLayout()
        texts.setSpacing(px(8))
        texts.addWidget(self.title_label)
        texts.addWidget(self.place_label)
        texts.addWidget(self.credit_label)
        texts.addSpacing(px(12))
        texts.addWidget(self.action, alignment=Qt.AlignmentFlag.AlignLeft)
        texts.addStretch(1)
        self.grid = layout = QGridLayout(self)
        layout.setContentsMargins(px(18), px(18), px(18), px(22))
        layout.setHorizontalSpacing(px(32))
        layout.setVerticalSpacing(px(14))
        if not context.portrait:
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
        self.title_label.setText(french_spacing(title))
        self.place_label.setText(french_spacing(place_line(video, language)))
        self.place_label.setVisible(bool(self.place_label.text()))
        self.credit_label.setText(french_spacing(video.localized_credit(language)))
        self.credit_label.setVisible(bool(video.credit))
        self.action_label.setText(self.tr("Regarder le film"))
        self.setAccessibleName(video.localized_title(language))

    def _beside(self) -> bool:
        return self.poster.minimumWidth() == self.poster.maximumWidth()

    def _poster_height(self, width: int) -> int:
        """16:9: beside the texts the poster has a fixed width, above them the tile's."""
        if self._beside():
            return self.poster.minimumWidth() * 9 // 16
        margins = self.grid.contentsMargins()
        return max(1, (width - margins.left() - margins.right()) * 9 // 16)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        """The tile's height at ``width``, counted from its parts (the view asks it before
        placing the tile; the grid layout's own answer lags behind a change of poster size)."""
        self.ensurePolished()
        grid = self.grid
        margins = grid.contentsMargins()
        inner = width - margins.left() - margins.right()
        poster = self._poster_height(width)
        self.poster.setFixedHeight(poster)
        if self._beside():
            text_width = inner - self.poster.minimumWidth() - grid.horizontalSpacing()
        else:
            text_width = inner
        spacing = self.texts.spacing()
        labels = [self.title_label, self.place_label, self.credit_label]
        heights = [label.heightForWidth(text_width) for label in labels if not label.isHidden()]
        texts = sum(heights) + spacing * (len(heights) - 1)
        # Then the spacer and the "Regarder le film" button, each after a layout spacing.
        texts += 2 * spacing + self.context.metrics.px(12) + self.action.sizeHint().height()
        body = max(poster, texts) if self._beside() else poster + grid.verticalSpacing() + texts
        return margins.top() + body + margins.bottom()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.poster.setFixedHeight(self._poster_height(self.width()))
        super().resizeEvent(event)

    def set_action_colour(self, colour: str) -> None:
        size = self.context.metrics.px(36)
        self.action_icon.setPixmap(icons.icon("mdi6.play", color=colour).pixmap(size, size))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed = True

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        pressed, self._pressed = self._pressed, False
        if pressed and self.rect().contains(event.position().toPoint()):
            self.activated.emit(self.video)
