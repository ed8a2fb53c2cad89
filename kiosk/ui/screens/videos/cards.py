"""A vignette's card, painted by a delegate: poster, title, place, credit, duration."""

from __future__ import annotations

import functools
import logging

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QTextLayout,
)
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from kiosk.kit import icons
from kiosk.kit.theme import CHARCOAL, HEDGE_DARK, WARM, WHITE, Metrics, Palette
from kiosk.library.catalogue_views import VideoView
from kiosk.library.typography import french_spacing
from kiosk.ui.screens.videos.list_model import (
    VideoListModel,
    VideoRole,
    format_duration,
    place_line,
)
from kiosk.ui.screens.videos.poster_loading import PosterCache

log = logging.getLogger(__name__)

TITLE_LINES = 2


@functools.lru_cache(maxsize=4096)
def _wrapped(text: str, font_key: str, width: int, max_lines: int) -> tuple[str, ...]:
    font = QFont()
    font.fromString(font_key)
    metrics = QFontMetrics(font)
    layout = QTextLayout(text, font)
    lines: list[str] = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        start, length = line.textStart(), line.textLength()
        if len(lines) == max_lines - 1:
            rest = text[start:].strip()
            lines.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
            break
        lines.append(text[start : start + length].strip())
    layout.endLayout()
    return tuple(lines)


def wrapped_lines(text: str, font: QFont, width: int, max_lines: int) -> tuple[str, ...]:
    """``text`` word-wrapped to ``width``, at most ``max_lines`` lines, the last one elided."""
    if not text or width <= 0:
        return ()
    return _wrapped(text, font.toString(), width, max_lines)


def paint_poster(
    painter: QPainter,
    rect: QRect,
    poster: QImage | None,
    duration: str,
    metrics: Metrics,
    font: QFont,
    play_icon: QPixmap,
) -> None:
    """A 16:9 poster with rounded corners, a play badge bottom left and the duration."""
    px = metrics.px
    area = QRectF(rect)
    painter.save()
    clip = QPainterPath()
    clip.addRoundedRect(area, px(18), px(18))
    painter.setClipPath(clip)
    if poster is None or poster.isNull():
        painter.fillRect(rect, QColor(HEDGE_DARK))
    elif poster.size() == rect.size():
        painter.drawImage(rect.topLeft(), poster)
    else:
        scaled = poster.scaled(
            rect.size(),
            Qt.AspectRatioMode.KeepAspectRatioByExpanding,
            Qt.TransformationMode.SmoothTransformation,
        )
        left = (scaled.width() - rect.width()) // 2
        top = (scaled.height() - rect.height()) // 2
        painter.drawImage(rect.left(), rect.top(), scaled, left, top, rect.width(), rect.height())
    # Play badge, bottom left: the middle of a poster is often its title.
    badge = min(area.width(), area.height()) * 0.24
    margin = px(14)
    circle = QRectF(area.left() + margin, area.bottom() - badge - margin, badge, badge)
    painter.setPen(Qt.PenStyle.NoPen)
    fill = QColor(CHARCOAL)
    fill.setAlpha(190)  # the poster shows through
    painter.setBrush(fill)
    painter.drawEllipse(circle)
    inner = circle.adjusted(badge * 0.2, badge * 0.2, -badge * 0.2, -badge * 0.2).toRect()
    painter.drawPixmap(inner, play_icon)
    # Duration badge, bottom right.
    painter.setFont(font)
    text_metrics = painter.fontMetrics()
    pad = px(10)
    text_width = text_metrics.horizontalAdvance(duration)
    box = QRectF(
        area.right() - text_width - 3 * pad,
        area.bottom() - text_metrics.height() - 3 * pad,
        text_width + 2 * pad,
        text_metrics.height() + pad,
    )
    painter.setBrush(QColor(CHARCOAL))
    painter.drawRoundedRect(box, px(8), px(8))
    painter.setPen(QColor(WHITE))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, duration)
    painter.restore()


def duration_font(base: QFont, metrics: Metrics) -> QFont:
    font = QFont(base)
    font.setPixelSize(max(12, metrics.px(24)))
    font.setBold(True)
    return font


def play_pixmap(size: int) -> QPixmap:
    pixmap: QPixmap = icons.icon("mdi6.play", color=WHITE).pixmap(max(8, size), max(8, size))
    return pixmap


def card_colours(palette: Palette) -> dict[str, str]:
    """The card's colours in the warm palette, or from the high-contrast one."""
    return {
        "tile": palette.paper,
        "title": palette.text,
        "place": palette.text,
        "credit": palette.muted,
    }


class VideoCardDelegate(QStyledItemDelegate):
    """Paints a vignette's card; its sizes follow the metrics (larger text makes cards taller)."""

    def __init__(
        self,
        metrics: Metrics,
        model: VideoListModel,
        posters: PosterCache,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.metrics = metrics
        self.model = model
        self.posters = posters
        self.palette = WARM
        self.detail_lines = 1
        self.title_font = QFont()
        self.place_font = QFont()
        self.credit_font = QFont()
        self.badge_font = QFont()
        self.play_icon = QPixmap()
        self.card_width = metrics.px(560)
        self.set_appearance(WARM, QFont())

    def set_appearance(self, palette: Palette, base: QFont) -> None:
        """Colours from the palette, fonts from the visitor's text size."""
        font = self.metrics.font
        self.palette = palette
        self.title_font = QFont(base)
        self.title_font.setPixelSize(font(28))
        self.title_font.setBold(True)
        self.place_font = QFont(base)
        self.place_font.setPixelSize(font(25))
        self.place_font.setBold(False)
        self.credit_font = QFont(base)
        self.credit_font.setPixelSize(font(24))
        self.credit_font.setBold(False)
        self.badge_font = duration_font(base, self.metrics)

    # Geometry of a card ------------------------------------------------------------------

    @property
    def padding(self) -> int:
        return self.metrics.px(18)

    def poster_size(self, card_width: int) -> QSize:
        width = max(1, card_width - 2 * self.padding)
        return QSize(width, width * 9 // 16)

    def card_height(self, card_width: int) -> int:
        px = self.metrics.px
        title = QFontMetrics(self.title_font).lineSpacing() * TITLE_LINES
        detail = QFontMetrics(self.place_font).lineSpacing() + px(6)
        return (
            self.padding
            + self.poster_size(card_width).height()
            + px(14)
            + title
            + detail * self.detail_lines
            + px(22)
        )

    def set_card_width(self, width: int) -> None:
        self.card_width = width
        poster = self.poster_size(width)
        badge = round(min(poster.width(), poster.height()) * 0.24 * 0.6)
        if self.play_icon.width() != badge:
            self.play_icon = play_pixmap(badge)

    def sizeHint(
        self, _option: QStyleOptionViewItem, _index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(self.card_width, self.card_height(self.card_width))

    # Painting ----------------------------------------------------------------------------

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        video = index.data(VideoRole)
        if not isinstance(video, VideoView):
            return
        px = self.metrics.px
        rect: QRect = option.rect
        colours = card_colours(self.palette)
        pressed = bool(option.state & QStyle.StateFlag.State_Sunken)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = QPainterPath()
        card.addRoundedRect(QRectF(rect), px(26), px(26))
        background = QColor(colours["tile"])
        painter.fillPath(card, background.darker(112) if pressed else background)
        if self.palette.outlined:  # a black card on a black page needs an edge
            painter.setPen(QPen(QColor(self.palette.accent), px(3)))
            painter.drawPath(card)
        pad = self.padding
        poster_rect = QRect(rect.topLeft() + QPoint(pad, pad), self.poster_size(rect.width()))
        poster = self.posters.poster(self.model.absolute_path(index.row()), poster_rect.size())
        paint_poster(
            painter,
            poster_rect,
            poster,
            format_duration(video.duration_s),
            self.metrics,
            self.badge_font,
            self.play_icon,
        )
        left = rect.left() + pad
        width = rect.width() - 2 * pad
        top = poster_rect.bottom() + 1 + px(14)
        language = self.model.language
        painter.setFont(self.title_font)
        painter.setPen(QColor(colours["title"]))
        title_metrics = QFontMetrics(self.title_font)
        for line in wrapped_lines(
            french_spacing(video.localized_title(language)), self.title_font, width, TITLE_LINES
        ):
            painter.drawText(
                QRect(left, top, width, title_metrics.lineSpacing()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                line,
            )
            top += title_metrics.lineSpacing()
        top += px(6)
        for text, font, colour in (
            (french_spacing(place_line(video, language)), self.place_font, colours["place"]),
            (french_spacing(video.localized_credit(language)), self.credit_font, colours["credit"]),
        ):
            if not text:
                continue
            text_metrics = QFontMetrics(font)
            painter.setFont(font)
            painter.setPen(QColor(colour))
            painter.drawText(
                QRect(left, top, width, text_metrics.lineSpacing()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                text_metrics.elidedText(text, Qt.TextElideMode.ElideRight, width),
            )
            top += QFontMetrics(self.place_font).lineSpacing() + px(6)
        painter.restore()
