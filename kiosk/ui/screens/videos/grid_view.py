"""The videos page as one item view: each aftermovie full width as a real widget, the section
heading, then a grid of cards (3 columns, 2 in portrait). The grid's geometry is arithmetic, so a
view of 2,000 rows lays out and finds the row under a finger in constant time, and only the
visible cards are painted."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QRegion,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QScroller,
    QScrollerProperties,
    QStyle,
    QStyleOptionViewItem,
    QWidget,
)

from kiosk.kit.theme import Metrics
from kiosk.ui.screens.videos.cards import VideoCardDelegate

log = logging.getLogger(__name__)


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
        # The list moves under the finger only: a tapped card becomes the current index, and
        # Qt's views scroll to the current one (at once, or when shown again after the film):
        # the list came back moved by the part of the card that was cut (the film tile under
        # the top bar).
        self.setAutoScroll(False)
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
                delegate.posters.poster(model.absolute_path(row), size)

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
