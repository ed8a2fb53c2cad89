"""The videos list as model/view: thousands of vignettes without a widget each (issue #9).

* :class:`VideoListModel` holds the catalogue's videos (aftermovies first, as
  ``catalogue_views.videos`` orders them), one row each.
* :class:`VideoCardDelegate` paints a vignette's card: poster, title, place, credit, duration.
* :class:`VideoGridView` lays the rows out: each aftermovie full width as a real widget (the big
  tile with its "Regarder le film" button, placed in the scrolled contents), the section heading,
  then a grid of cards (3 columns, 2 in portrait). The grid's geometry is arithmetic, so a view of
  2,000 rows lays out and finds the row under a finger in constant time, and only the visible
  cards are painted.
* :class:`PosterCache` gives the posters lazily: only the rows on screen (and the next line) are
  asked for; the poster is extracted or read from ``cache/posters`` by a worker thread, scaled to
  the card there, and kept in a small byte-bounded LRU. ``kiosk.playback.image_cache`` serves the
  drawings' renditions (``library.images``), not video posters, so it is not used here.
"""

from __future__ import annotations

import functools
import logging
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QRectF,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QRegion,
    QShowEvent,
    QTextLayout,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QScroller,
    QScrollerProperties,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from kiosk.config import ContentRoot
from kiosk.library.catalogue_views import VideoView
from kiosk.playback.posters import poster_for
from kiosk.ui import icons
from kiosk.ui.theme import CHARCOAL, HEDGE_DARK, HIGH_CONTRAST, WARM, WHITE, Metrics, Palette

log = logging.getLogger(__name__)

VideoRole = Qt.ItemDataRole.UserRole + 1
POSTER_BUDGET_BYTES = 48 * 1024 * 1024  # about 70 card posters at 1080p
POSTER_THREADS = 2
TITLE_LINES = 2


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
    pixmap: QPixmap | None,
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
    if pixmap is None or pixmap.isNull():
        painter.fillRect(rect, QColor(HEDGE_DARK))
    elif pixmap.size() == rect.size():
        painter.drawPixmap(rect.topLeft(), pixmap)
    else:
        scaled = pixmap.scaled(
            rect.size(),
            Qt.AspectRatioMode.KeepAspectRatioByExpanding,
            Qt.TransformationMode.SmoothTransformation,
        )
        left = (scaled.width() - rect.width()) // 2
        top = (scaled.height() - rect.height()) // 2
        painter.drawPixmap(rect.left(), rect.top(), scaled, left, top, rect.width(), rect.height())
    # Play badge, bottom left: the middle of a poster is often its title.
    badge = min(area.width(), area.height()) * 0.24
    margin = px(14)
    circle = QRectF(area.left() + margin, area.bottom() - badge - margin, badge, badge)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(43, 42, 39, 190))
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


PosterKey = tuple[str, int, int]  # the video's absolute path, the poster's width and height


class _PosterJob(QRunnable):
    def __init__(self, cache: PosterCache, path: Path, size: QSize | None) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._cache = cache
        self._path = path
        self._size = size
        self._cache_dir = cache.cache_dir

    def run(self) -> None:
        key = str(self._path)
        size = self._size if self._size is not None else QSize()
        try:
            if key not in self._cache.wanted:  # scrolled past before its turn came
                self._cache._skipped_in_worker.emit(key, size)
                return
            image = self._load()
            if image is None:
                self._cache._failed_in_worker.emit(key, size)
            else:
                self._cache._loaded_in_worker.emit(key, size, image)
        except RuntimeError:  # the screen was closed meanwhile
            return
        except Exception:  # a worker must never take the process down
            log.exception("poster of %s failed", self._path)

    def _load(self) -> QImage | None:
        poster = poster_for(self._cache_dir, self._path) if self._path.is_file() else None
        if poster is None:
            return None
        image = QImage(str(poster))
        if image.isNull():
            log.warning("poster %s cannot be read", poster)
            return None
        size = self._size
        if size is not None and size.isValid() and image.size() != size:
            image = image.scaled(
                size,
                Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                Qt.TransformationMode.SmoothTransformation,
            )
            image = image.copy(
                (image.width() - size.width()) // 2,
                (image.height() - size.height()) // 2,
                size.width(),
                size.height(),
            )
        return image.convertToFormat(QImage.Format.Format_RGB32)


def _key(path: str, size: QSize | None) -> PosterKey:
    if size is None or not size.isValid():
        return (path, 0, 0)
    return (path, size.width(), size.height())


class PosterCache(QObject):
    """Posters made on worker threads at the size they are shown, kept in a byte-bounded LRU.

    ``pixmap(path, size)`` returns the poster at once when it is cached, else schedules it (the
    newest request first) and returns None; ``ready(path)`` follows. ``set_wanted`` names the
    videos on screen: a queued job whose video is no longer wanted (or pinned) is dropped when
    its turn comes, so a fast flick through 2,000 cards does not leave 2,000 jobs behind it.
    """

    ready = Signal(str)
    _loaded_in_worker = Signal(str, QSize, QImage)
    _failed_in_worker = Signal(str, QSize)
    _skipped_in_worker = Signal(str, QSize)

    def __init__(
        self,
        cache_dir: Path,
        *,
        budget_bytes: int = POSTER_BUDGET_BYTES,
        threads: int = POSTER_THREADS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.cache_dir = cache_dir
        self.budget_bytes = budget_bytes
        self.wanted: frozenset[str] = frozenset()
        self.loads = 0
        self._pinned: set[str] = set()
        self._pixmaps: OrderedDict[PosterKey, tuple[QPixmap, int]] = OrderedDict()
        self._bytes = 0
        self._pending: set[PosterKey] = set()
        self._queued: list[tuple[Path, QSize | None]] = []
        self._failed: set[str] = set()
        self._priority = 0
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._loaded_in_worker.connect(self._on_loaded)
        self._failed_in_worker.connect(self._on_failed)
        self._skipped_in_worker.connect(self._on_skipped)

    def pin(self, path: Path) -> None:
        """Always wanted (the aftermovie's poster, at the top of the page)."""
        self._pinned.add(str(path))
        self.wanted = self.wanted | {str(path)}

    def set_wanted(self, paths: Iterable[str]) -> None:
        self.wanted = frozenset(paths) | self._pinned

    def pixmap(self, path: Path, size: QSize | None = None) -> QPixmap | None:
        """The poster scaled and cropped to ``size`` (None: as extracted), or None for now."""
        key = _key(str(path), size)
        found = self._pixmaps.get(key)
        if found is not None:
            self._pixmaps.move_to_end(key)
            return found[0]
        if key not in self._pending and key[0] not in self._failed:
            self._pending.add(key)
            if not self._queued:
                # Started once the frame being painted is done: the workers do not compete
                # with the GUI thread for the cores (and the GIL) while it paints.
                QTimer.singleShot(0, self, self._start_queued)
            self._queued.append((path, size))
        return None

    def _start_queued(self) -> None:
        queued, self._queued = self._queued, []
        for path, size in queued:
            self._priority += 1
            self._pool.start(_PosterJob(self, path, size), self._priority)

    def failed(self, path: Path) -> bool:
        return str(path) in self._failed

    def best(self, path: Path) -> QPixmap | None:
        """The largest poster of ``path`` already decoded (for the player's stand-in)."""
        found = [pixmap for key, (pixmap, _cost) in self._pixmaps.items() if key[0] == str(path)]
        return max(found, key=lambda pixmap: pixmap.width(), default=None)

    def __len__(self) -> int:
        return len(self._pixmaps)

    @property
    def used_bytes(self) -> int:
        return self._bytes

    def wait_for_idle(self, msecs: int = -1) -> bool:
        """Block until the workers are done (tests, benchmarks, closing)."""
        return self._pool.waitForDone(msecs)

    @Slot(str, QSize, QImage)
    def _on_loaded(self, path: str, size: QSize, image: QImage) -> None:
        key = _key(path, size)
        self._pending.discard(key)
        self.loads += 1
        cost = image.sizeInBytes()
        self._pixmaps[key] = (QPixmap.fromImage(image), cost)
        self._bytes += cost
        while self._bytes > self.budget_bytes and len(self._pixmaps) > 1:
            _old, (_evicted, evicted_cost) = self._pixmaps.popitem(last=False)
            self._bytes -= evicted_cost
        self.ready.emit(path)

    @Slot(str, QSize)
    def _on_failed(self, path: str, size: QSize) -> None:
        self._pending.discard(_key(path, size))
        self._failed.add(path)

    @Slot(str, QSize)
    def _on_skipped(self, path: str, size: QSize) -> None:
        self._pending.discard(_key(path, size))


# The poster of the video just tapped, handed from the list to the player (which shows it in
# the video area until the film's first picture is drawn): one picture, taken once.
_handed_over: tuple[str, QPixmap] | None = None


def hand_over_poster(path: Path, pixmap: QPixmap | None) -> None:
    global _handed_over
    _handed_over = None if pixmap is None or pixmap.isNull() else (str(path), pixmap)


def take_poster(path: Path) -> QPixmap | None:
    """The poster handed over for ``path`` (None if another video's, or none); forgotten."""
    global _handed_over
    handed, _handed_over = _handed_over, None
    return handed[1] if handed is not None and handed[0] == str(path) else None


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
        if self.palette is HIGH_CONTRAST:  # a black card on a black page needs an edge
            painter.setPen(QPen(QColor(self.palette.accent), px(3)))
            painter.drawPath(card)
        pad = self.padding
        poster_rect = QRect(rect.topLeft() + QPoint(pad, pad), self.poster_size(rect.width()))
        pixmap = self.posters.pixmap(self.model.absolute_path(index.row()), poster_rect.size())
        paint_poster(
            painter,
            poster_rect,
            pixmap,
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
            video.localized_title(language), self.title_font, width, TITLE_LINES
        ):
            painter.drawText(
                QRect(left, top, width, title_metrics.lineSpacing()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                line,
            )
            top += title_metrics.lineSpacing()
        top += px(6)
        for text, font, colour in (
            (place_line(video, language), self.place_font, colours["place"]),
            (video.localized_credit(language), self.credit_font, colours["credit"]),
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


class VideoGridView(QAbstractItemView):
    """The whole scrolled page: header widgets (the aftermovies, the heading) then the cards.

    ``clicked(index)`` is emitted for a tapped card (a drag that scrolls is not a tap).
    """

    def __init__(
        self,
        metrics: Metrics,
        columns: int,
        heading: QLabel,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.metrics = metrics
        self.columns = columns
        self.heading = heading
        heading.setParent(self.viewport())
        self.header_tiles: list[QWidget] = []
        self._header_rects: list[QRect] = []
        self._heading_rect = QRect()
        self._grid_top = 0
        self._card_size = QSize(1, 1)
        self._content_height = 0
        self._pressed_row = -1
        self._layout_key: tuple[int, int, int, int] | None = None
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setFrameShape(QAbstractItemView.Shape.NoFrame)
        self.setMouseTracking(False)
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        # A card reacts at once to a tap (pressed look, then the player); a finger that moves
        # on scrolls the list instead, and the card is not opened.
        scroller = QScroller.scroller(self.viewport())
        properties = scroller.scrollerProperties()
        properties.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0)
        scroller.setScrollerProperties(properties)

    # Layout --------------------------------------------------------------------------------

    def set_header_tiles(self, tiles: list[QWidget]) -> None:
        for tile in tiles:
            tile.setParent(self.viewport())
            tile.show()
        self.header_tiles = tiles
        self.invalidate_layout()

    def _delegate(self) -> VideoCardDelegate | None:
        delegate = self.itemDelegate()
        return delegate if isinstance(delegate, VideoCardDelegate) else None

    def _first_card_row(self) -> int:
        return len(self.header_tiles)

    def card_count(self) -> int:
        model = self.model()
        return max(0, model.rowCount() - self._first_card_row()) if model is not None else 0

    @property
    def gap(self) -> int:
        return self.metrics.px(28)

    @property
    def side_margin(self) -> int:
        return self.metrics.px(64)

    def invalidate_layout(self) -> None:
        """Sizes changed (texts, text size, language): lay out again now."""
        self._layout_key = None
        self.relayout()

    def relayout(self) -> None:
        """Place the header widgets and size the grid for the viewport's width."""
        model = self.model()
        key = (
            self.viewport().width(),
            self.viewport().height(),
            model.rowCount() if model is not None else 0,
            len(self.header_tiles),
        )
        if key == self._layout_key:
            return
        self._layout_key = key
        px = self.metrics.px
        width = self.viewport().width()
        left = self.side_margin
        inner = max(1, width - 2 * left)
        y = px(32)
        self._header_rects = []
        for tile in self.header_tiles:
            height = tile.heightForWidth(inner) if tile.hasHeightForWidth() else -1
            if height < 0:
                height = tile.sizeHint().height()
            rect = QRect(left, y, inner, height)
            self._header_rects.append(rect)
            y += height + self.gap
        cards = self.card_count()
        self.heading.setVisible(cards > 0)
        if cards:
            self.heading.ensurePolished()
            heading_height = self.heading.sizeHint().height()
            self._heading_rect = QRect(left, y, inner, heading_height)
            y += heading_height + self.gap
        else:
            self._heading_rect = QRect()
        self._grid_top = y
        card_width = max(1, (inner - (self.columns - 1) * self.gap) // self.columns)
        delegate = self._delegate()
        if delegate is not None:
            delegate.set_card_width(card_width)
            self._card_size = QSize(card_width, delegate.card_height(card_width))
        lines = -(-cards // self.columns)
        if lines:
            y += lines * self._card_size.height() + (lines - 1) * self.gap
        self._content_height = y + px(40)
        bar = self.verticalScrollBar()
        bar.setRange(0, max(0, self._content_height - self.viewport().height()))
        bar.setPageStep(self.viewport().height())
        bar.setSingleStep(px(60))
        self._place_widgets()
        self.viewport().update()

    def _place_widgets(self) -> None:
        offset = self.verticalOffset()
        for tile, rect in zip(self.header_tiles, self._header_rects, strict=True):
            tile.setGeometry(rect.translated(0, -offset))
        if self._heading_rect.isValid():
            self.heading.setGeometry(self._heading_rect.translated(0, -offset))

    def updateGeometries(self) -> None:
        super().updateGeometries()
        self.relayout()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:  # also when the scroll bar comes or goes
            self.relayout()
        return super().viewportEvent(event)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self._set_pressed(-1)  # a finger that scrolls is not pressing a card any more
        if self.viewport().isVisible():
            self.viewport().scroll(dx, dy)  # moves the header widgets with the contents
        else:
            # Hidden (a film opened from the list while a fling still ran, the idle reset):
            # QWidget.scroll does nothing then, so the header widgets are placed for the new
            # offset instead; otherwise they come back shifted (a cut tile, a gap, cards over
            # the heading).
            self._place_widgets()

    def showEvent(self, event: QShowEvent) -> None:
        """Back on screen: lay out again for the current size and offset."""
        self.invalidate_layout()
        super().showEvent(event)

    def reset(self) -> None:
        super().reset()
        self.invalidate_layout()

    def dataChanged(
        self,
        top_left: QModelIndex | QPersistentModelIndex,
        bottom_right: QModelIndex | QPersistentModelIndex,
        roles: Sequence[int] = (),
    ) -> None:
        self.viewport().update()

    # Geometry queries (content coordinates, then shifted by the scroll offset) -------------

    def card_rect(self, row: int) -> QRect:
        """Where row ``row`` is in the scrolled contents (not shifted by the scroll)."""
        first = self._first_card_row()
        if row < first:
            return QRect(self._header_rects[row]) if row < len(self._header_rects) else QRect()
        position = row - first
        line, column = divmod(position, self.columns)
        size = self._card_size
        return QRect(
            self.side_margin + column * (size.width() + self.gap),
            self._grid_top + line * (size.height() + self.gap),
            size.width(),
            size.height(),
        )

    def visualRect(self, index: QModelIndex | QPersistentModelIndex) -> QRect:
        if not index.isValid():
            return QRect()
        return self.card_rect(index.row()).translated(0, -self.verticalOffset())

    def indexAt(self, point: QPoint) -> QModelIndex:
        model = self.model()
        if model is None:
            return QModelIndex()
        x, y = point.x(), point.y() + self.verticalOffset()
        for row, rect in enumerate(self._header_rects):
            if rect.contains(x, y):
                return model.index(row, 0)
        size = self._card_size
        if y < self._grid_top or x < self.side_margin:
            return QModelIndex()
        line, within_y = divmod(y - self._grid_top, size.height() + self.gap)
        column, within_x = divmod(x - self.side_margin, size.width() + self.gap)
        if within_y >= size.height() or within_x >= size.width() or column >= self.columns:
            return QModelIndex()
        row = self._first_card_row() + line * self.columns + column
        return model.index(row, 0) if row < model.rowCount() else QModelIndex()

    def visible_rows(self, extra_lines: int = 0) -> range:
        """The card rows that show in the viewport (and ``extra_lines`` lines either side)."""
        cards = self.card_count()
        if not cards:
            return range(0)
        step = self._card_size.height() + self.gap
        top = self.verticalOffset() - self._grid_top
        bottom = top + self.viewport().height()
        first_line = max(0, top // step - extra_lines)
        last_line = max(-1, bottom // step + extra_lines)
        first = self._first_card_row()
        start = first + first_line * self.columns
        stop = min(first + cards, first + (last_line + 1) * self.columns)
        return range(start, max(start, stop))

    def scrollTo(
        self,
        index: QModelIndex | QPersistentModelIndex,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        if not index.isValid():
            return
        rect = self.card_rect(index.row())
        bar = self.verticalScrollBar()
        height = self.viewport().height()
        if hint == QAbstractItemView.ScrollHint.PositionAtTop:
            bar.setValue(rect.top() - self.gap)
        elif hint == QAbstractItemView.ScrollHint.PositionAtCenter:
            bar.setValue(rect.center().y() - height // 2)
        elif rect.top() < bar.value():
            bar.setValue(rect.top() - self.gap)
        elif rect.bottom() > bar.value() + height:
            bar.setValue(rect.bottom() - height + self.gap)

    def horizontalOffset(self) -> int:
        return 0

    def verticalOffset(self) -> int:
        return self.verticalScrollBar().value()

    def isIndexHidden(self, _index: QModelIndex | QPersistentModelIndex) -> bool:
        return False

    def moveCursor(
        self, cursor_action: QAbstractItemView.CursorAction, _modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        model = self.model()
        if model is None or model.rowCount() == 0:
            return QModelIndex()
        row = max(0, self.currentIndex().row())
        action = QAbstractItemView.CursorAction
        steps = {
            action.MoveLeft: -1,
            action.MovePrevious: -1,
            action.MoveRight: 1,
            action.MoveNext: 1,
            action.MoveUp: -self.columns,
            action.MoveDown: self.columns,
        }
        if cursor_action == action.MoveHome:
            row = 0
        elif cursor_action == action.MoveEnd:
            row = model.rowCount() - 1
        else:
            row += steps.get(cursor_action, 0)
        return model.index(min(max(row, 0), model.rowCount() - 1), 0)

    def setSelection(self, _rect: QRect, _flags: QItemSelectionModel.SelectionFlag) -> None:
        """No selection: a tap opens the film."""

    def visualRegionForSelection(self, _selection: object) -> QRegion:
        return QRegion()

    # Painting and touch --------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        delegate = self._delegate()
        if delegate is None or self.model() is not delegate.model:
            return
        model = delegate.model
        rows = self.visible_rows()
        ahead = self.visible_rows(extra_lines=1)
        head = range(self._first_card_row())
        delegate.posters.set_wanted(str(model.absolute_path(row)) for row in (*head, *ahead))
        painter = QPainter(self.viewport())
        exposed = event.rect()
        for row in rows:
            index = model.index(row, 0)
            option = QStyleOptionViewItem()
            self.initViewItemOption(option)
            rect = self.visualRect(index)
            if not rect.intersects(exposed):
                continue
            option.rect = rect
            if row == self._pressed_row:
                option.state |= QStyle.StateFlag.State_Sunken
            delegate.paint(painter, option, index)
        painter.end()
        # Ask for the next line's posters too, so a slow scroll finds them ready.
        size = delegate.poster_size(self._card_size.width())
        for row in ahead:
            if row not in rows:
                delegate.posters.pixmap(model.absolute_path(row), size)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        index = self.indexAt(event.position().toPoint())
        self._set_pressed(index.row() if index.isValid() else -1)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        self._set_pressed(-1)

    def _set_pressed(self, row: int) -> None:
        if row != self._pressed_row:
            model = self.model()
            for changed in (self._pressed_row, row):
                if changed >= 0 and model is not None:
                    self.viewport().update(self.visualRect(model.index(changed, 0)))
            self._pressed_row = row
