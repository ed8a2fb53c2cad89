"""Touch for the whole staff area, whichever tab made the widget.

:class:`TouchAdapter` watches the staff area (an application event filter on the widgets'
``Polish``, which every widget gets once before it is first shown), and adapts each widget a
tab builds:

- every scroll area, list, table and text edit scrolls by a finger's drag (a ``QScroller`` with
  the left-button gesture: a touch reaches Qt as a left button too), by pixels, without
  overshoot; a tap still selects or places the cursor;
- every drop-down shows items one touch target high;
- every spin box gets large « − » and « + » buttons and a step that makes sense for its range
  (15 to 3600 seconds moves by 30, not by 1);
- the rows of every table are one touch target high.

The style sheet (``kiosk.staff.style.staff_style``) does the rest: wide scroll bars, fields
and buttons of at least one touch target.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QPushButton,
    QScroller,
    QScrollerProperties,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from kiosk.kit.theme import Metrics

ADAPTED = "kioskTouchAdapted"
NO_SCROLLER = "kioskNoScroller"  # a property a scroll area sets to keep its own handling


def sensible_step(low: float, high: float, step: float, decimals: int | None = None) -> float:
    """A step for a spin box's « − » / « + »: the box's own unless it is the default 1, else
    one that crosses the range in a few dozen taps."""
    if step != 1:
        return step
    if decimals is not None and decimals >= 3:
        return 0.001  # coordinates: about a hundred metres a tap
    span = high - low
    for limit, nice in ((60, 1), (300, 5), (1200, 10)):
        if span <= limit:
            return nice
    return 30


def finger_scroll(area: QAbstractScrollArea) -> None:
    """A drag scrolls ``area`` (a tap still taps); its content moves by pixels."""
    viewport = area.viewport()
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    scroller = QScroller.scroller(viewport)
    properties = scroller.scrollerProperties()
    off = QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
    properties.setScrollMetric(QScrollerProperties.ScrollMetric.VerticalOvershootPolicy, off)
    properties.setScrollMetric(QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy, off)
    scroller.setScrollerProperties(properties)
    if isinstance(area, QAbstractItemView):
        area.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        area.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # A press-and-drag scrolls: it must not drag items or stretch a selection.
        area.setDragEnabled(False)


class TallItems(QStyledItemDelegate):
    """Drop-down items at least ``height`` high."""

    def __init__(self, height: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.height = height

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height(), self.height))


class Stepper(QObject):
    """Large « − » and « + » buttons inside a spin box, at its right end."""

    def __init__(self, box: QAbstractSpinBox, metrics: Metrics) -> None:
        super().__init__(box)
        self.box = box
        self.metrics = metrics
        self.minus = self._button("−", -1)
        self.plus = self._button("+", 1)
        self.minus.setAccessibleName(self.tr("Moins"))
        self.plus.setAccessibleName(self.tr("Plus"))
        if isinstance(box, QDoubleSpinBox):
            box.setSingleStep(
                sensible_step(box.minimum(), box.maximum(), box.singleStep(), box.decimals())
            )
        elif isinstance(box, QSpinBox):
            box.setSingleStep(int(sensible_step(box.minimum(), box.maximum(), box.singleStep())))
        line = box.lineEdit()
        if line is not None:
            line.setTextMargins(metrics.px(10), 0, 2 * self._width() + metrics.px(8), 0)
        box.setMinimumWidth(box.sizeHint().width() + 2 * self._width())
        box.installEventFilter(self)
        self._place()

    def _width(self) -> int:
        return self.metrics.touch

    def _button(self, text: str, direction: int) -> QPushButton:
        button = QPushButton(text, self.box)
        button.setObjectName("StepperButton")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAutoRepeat(True)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.clicked.connect(lambda _c=False: self.box.stepBy(direction))
        button.show()
        return button

    def _place(self) -> None:
        height = self.box.height()
        width = self._width()
        gap = self.metrics.px(4)
        self.plus.setGeometry(self.box.width() - width, 0, width, height)
        self.minus.setGeometry(self.box.width() - 2 * width - gap, 0, width, height)
        self.minus.setEnabled(self.box.isEnabled())
        self.plus.setEnabled(self.box.isEnabled())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.box and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.Show,
            QEvent.Type.EnabledChange,
        ):
            self._place()
        return False


class TouchAdapter(QObject):
    """Adapts every widget of ``host`` for fingers, now and as tabs build more."""

    def __init__(self, host: QWidget, metrics: Metrics) -> None:
        super().__init__(host)
        self.host = host
        self.metrics = metrics
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Polish
            and isinstance(watched, QWidget)
            and self.host.isAncestorOf(watched)
        ):
            self.adapt(watched)
        return False

    def adapt_all(self) -> None:
        """Adapt what exists already (widgets polished before the adapter was made)."""
        for widget in self.host.findChildren(QWidget):
            self.adapt(widget)

    def adapt(self, widget: QWidget) -> None:
        if widget.property(ADAPTED):
            return
        widget.setProperty(ADAPTED, True)
        if isinstance(widget, QAbstractScrollArea) and not widget.property(NO_SCROLLER):
            finger_scroll(widget)
            if isinstance(widget, QTableView):
                rows = widget.verticalHeader()
                rows.setDefaultSectionSize(max(rows.defaultSectionSize(), self.metrics.touch))
        if isinstance(widget, QComboBox):
            widget.setItemDelegate(TallItems(self.metrics.touch, widget))
            view = widget.view()
            view.setProperty(ADAPTED, True)
            finger_scroll(view)  # a long list (every image of the catalogue) drags too
        if isinstance(widget, QAbstractSpinBox) and not widget.isReadOnly():
            Stepper(widget, self.metrics)  # kept by the box (its parent)
