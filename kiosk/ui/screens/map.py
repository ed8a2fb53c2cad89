"""Carte: the illustrated map with its pins, the list of places beside it and the place sheet.

The map is a ``QGraphicsView`` whose scene is the map image in its own pixels. Pins ignore the
view's transform, so they keep their size at every zoom; their labels are laid out again after
each zoom so that they never pile up (a label goes right of its pin, else left, else is hidden).
One finger drags with inertia, two fingers pinch around the fingers, a double tap zooms in, the
wheel zooms with a mouse; the zoom stays between "the whole map" and eight times closer, and the
view never leaves the map. The image is decoded off the GUI thread, at most 4096 px wide.

The screen's argument is a place's slug: its sheet opens directly (videos link here).
"""

from __future__ import annotations

import contextlib
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QEasingCurve,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRectF,
    QRunnable,
    QSize,
    QSizeF,
    Qt,
    QThreadPool,
    QTimer,
    QVariantAnimation,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QEventPoint,
    QFont,
    QFontMetricsF,
    QImage,
    QImageReader,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QResizeEvent,
    QShowEvent,
    QTouchEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QButtonGroup,
    QFrame,
    QGraphicsItem,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QScroller,
    QScrollerProperties,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionGraphicsItem,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.library import catalogue_views, geo
from kiosk.library.catalogue_views import MapView, PlaceView
from kiosk.ui import icons
from kiosk.ui.context import UiContext
from kiosk.ui.routes import Route
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.place_sheet import PlaceSheet
from kiosk.ui.theme import (
    CHARCOAL,
    CREAM,
    HEDGE_DARK,
    HIGH_CONTRAST,
    OCHRE,
    TERRACOTTA,
    WARM,
    WHITE,
    Metrics,
    Palette,
)
from kiosk.ui.widgets import IconButton, named, plain_label

ROUTE_PLAYER = Route.PLAYER
MAX_ZOOM = 8.0  # times closer than the whole map, and never past the image's own pixels
FIT_MARGIN = 16  # px of room around the whole map, so that no edge is cut
NAME_PADDING = 6  # px kept between a pin's label and a name printed on the map
MAX_DECODE_SIDE = 4096
DOUBLE_TAP_MS = 350
INERTIA_FRICTION = 3.0  # per second: the speed is divided by e every 1/3 s
INERTIA_MIN_SPEED = 40.0  # px/s under which a fling stops
SELECTED_ZOOM = 2.5  # a place chosen in the list is shown at least this much closer

PlaceRole = Qt.ItemDataRole.UserRole + 1


# Pins


@dataclass
class PinStyle:
    """What every pin shares: marker pixmaps, the label font, sizes in screen pixels."""

    marker: QPixmap
    marker_video: QPixmap
    marker_selected: QPixmap
    size: int
    selected_size: int
    touch: int
    font: QFont
    font_metrics: QFontMetricsF
    label_height: float
    label_padding: float
    label_max_width: float  # a longer name goes on two lines
    # The markers without their transparent margins (fewer pixels to blend per pin and frame),
    # each with where that part sits in the full marker square.
    trimmed: dict[int, tuple[QPixmap, QPoint]] = field(default_factory=dict)

    def trimmed_marker(self, marker: QPixmap) -> tuple[QPixmap, QPoint]:
        found = self.trimmed.get(marker.cacheKey())
        if found is None:
            found = _trim_transparent(marker)
            self.trimmed[marker.cacheKey()] = found
        return found

    @classmethod
    def create(cls, metrics: Metrics) -> PinStyle:
        px = metrics.px
        size, selected_size = px(52), px(72)
        font = QFont()
        font.setPixelSize(px(24))
        font.setBold(True)
        font_metrics = QFontMetricsF(font)
        return cls(
            marker=icons.icon("mdi6.map-marker", color=HEDGE_DARK).pixmap(size, size),
            marker_video=icons.icon("mdi6.map-marker-star", color=TERRACOTTA).pixmap(size, size),
            marker_selected=icons.icon("mdi6.map-marker", color=OCHRE).pixmap(
                selected_size, selected_size
            ),
            size=size,
            selected_size=selected_size,
            touch=metrics.touch,
            font=font,
            font_metrics=font_metrics,
            label_height=font_metrics.height() + px(8),
            label_padding=px(10),
            label_max_width=px(250),
        )


def _trim_transparent(pixmap: QPixmap) -> tuple[QPixmap, QPoint]:
    """The smallest part of ``pixmap`` holding every non-transparent pixel, and its offset."""
    image = pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32)
    ratio = pixmap.devicePixelRatio()
    rows = [y for y in range(image.height()) if _row_has_ink(image, y)]
    columns = [x for x in range(image.width()) if _column_has_ink(image, x)]
    if not rows or not columns:
        return pixmap, QPoint(0, 0)
    left, top = columns[0], rows[0]
    part = pixmap.copy(left, top, columns[-1] - left + 1, rows[-1] - top + 1)
    return part, QPoint(math.floor(left / ratio), math.floor(top / ratio))


def _row_has_ink(image: QImage, y: int) -> bool:
    return any(image.pixelColor(x, y).alpha() for x in range(image.width()))


def _column_has_ink(image: QImage, x: int) -> bool:
    return any(image.pixelColor(x, y).alpha() for y in range(image.height()))


class PinItem:
    """A place's pin: a marker whose tip is the place, and its name when there is room.

    Not a graphics item of its own: :class:`PinLayer` draws every pin in one pass (one Python
    item per pin cost 17–32 ms a frame with 2,000 places). Rectangles are in screen pixels
    around the tip; ``pos()`` is the tip in map (scene) pixels.
    """

    LABEL_HIDDEN, LABEL_RIGHT, LABEL_LEFT, LABEL_BELOW, LABEL_ABOVE = 0, 1, -1, 2, 3
    LABEL_ABOVE_RIGHT, LABEL_ABOVE_LEFT = 4, 5
    LABEL_SIDES = (
        LABEL_RIGHT,
        LABEL_LEFT,
        LABEL_BELOW,
        LABEL_ABOVE,
        LABEL_ABOVE_RIGHT,
        LABEL_ABOVE_LEFT,
    )
    WRAPPED = 10  # side × 10: the same side, the name on two lines

    def __init__(self, place: PlaceView, style: PinStyle, scene_pos: QPointF) -> None:
        self.place = place
        self.style = style
        self.selected = False
        metrics = style.font_metrics
        # The name on one line (when it is not too wide) and on two (when it has a space).
        self.variants: list[tuple[tuple[str, ...], float, float]] = []
        for lines in label_variants(place.name, style):
            width = max(metrics.horizontalAdvance(line) for line in lines)
            height = style.label_height + (len(lines) - 1) * metrics.lineSpacing()
            self.variants.append((lines, width + 2 * style.label_padding, height))
        self.wrap_only = len(self.variants[0][0]) > 1
        self.sides: tuple[int, ...] = tuple(
            side * self.WRAPPED if self.wrap_only else side for side in self.LABEL_SIDES
        )
        if len(self.variants) > 1:
            self.sides += tuple(side * self.WRAPPED for side in self.LABEL_SIDES)
        self.label_width = max(width for _lines, width, _height in self.variants)
        self.label_side = self.sides[0]
        self.x = scene_pos.x()
        self.y = scene_pos.y()
        self._label_pixmaps: dict[int, QPixmap] = {}
        self._update_geometry()

    def _variant(self, side: int) -> tuple[int, tuple[str, ...], float, float]:
        """(base side, lines, width, height) of the label on ``side``."""
        wrapped = abs(side) >= self.WRAPPED
        base = int(side / self.WRAPPED) if wrapped else side
        index = 0 if self.wrap_only or not wrapped else len(self.variants) - 1
        lines, width, height = self.variants[index]
        return base, lines, width, height

    @property
    def label_lines(self) -> tuple[str, ...]:
        return self._variant(self.label_side)[1]

    def pos(self) -> QPointF:
        return QPointF(self.x, self.y)

    def marker_size(self) -> int:
        return self.style.selected_size if self.selected else self.style.size

    def marker_rect(self) -> QRectF:
        size = self.marker_size()
        return QRectF(-size / 2, -size, size, size)

    def touch_rect(self) -> QRectF:
        """At least one touch target around the marker, whatever the marker's size."""
        side = max(self.style.touch, self.marker_size())
        centre = self.marker_rect().center()
        return QRectF(centre.x() - side / 2, centre.y() - side / 2, side, side)

    def label_rect(self, side: int | None = None) -> QRectF:
        return QRectF(*self.label_box(self.label_side if side is None else side))

    def label_box(self, side: int) -> tuple[float, float, float, float]:
        """(left, top, width, height) of the label on ``side``, around the tip."""
        size = self.marker_size()
        side, _lines, width, height = self._variant(side)
        top = -size * 0.62 - height / 2
        if side == self.LABEL_LEFT:
            return (-size * 0.42 - width, top, width, height)
        if side == self.LABEL_BELOW:
            return (-width / 2, 4, width, height)
        if side == self.LABEL_ABOVE:
            return (-width / 2, -size - height - 2, width, height)
        if side == self.LABEL_ABOVE_RIGHT:
            return (size * 0.25, -size - height + 2, width, height)
        if side == self.LABEL_ABOVE_LEFT:
            return (-size * 0.25 - width, -size - height + 2, width, height)
        return (size * 0.42, top, width, height)

    def set_selected(self, selected: bool) -> None:
        if selected != self.selected:
            self.selected = selected
            self._label_pixmaps = {}
            self._update_geometry()

    def set_label_side(self, side: int) -> None:
        if side != self.label_side:
            self.label_side = side
            self._update_geometry()

    def _update_geometry(self) -> None:
        """What painting needs, in whole screen pixels from the tip, computed once per state."""
        style = self.style
        if self.selected:
            self.marker = style.marker_selected
        else:
            self.marker = style.marker_video if self.place.has_video else style.marker
        size = self.marker_size()
        self.marker, offset = style.trimmed_marker(self.marker)
        self.marker_dx = -round(size / 2) + offset.x()
        self.marker_dy = -size + offset.y()
        left, top, _width, _height = self.label_box(self.label_side)
        self.label_dx, self.label_dy = round(left), round(top)

    def label_pixmap(self) -> QPixmap:
        """The name on its rounded pill, drawn once per state (selected or not)."""
        lines = self.label_lines
        key = len(lines)
        pixmap = self._label_pixmaps.get(key)
        if pixmap is None:
            pixmap = self._label_pixmaps[key] = self._render_label()
        return pixmap

    def _render_label(self) -> QPixmap:
        rect = self.label_rect()
        pixmap = QPixmap(math.ceil(rect.width()), math.ceil(rect.height()))
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        local = QRectF(0, 0, rect.width(), rect.height())
        path = QPainterPath()
        radius = self.style.label_height / 2
        path.addRoundedRect(local, radius, radius)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(CHARCOAL) if self.selected else QColor(255, 251, 242, 235))
        painter.drawPath(path)
        painter.setPen(QColor(WHITE) if self.selected else QColor(CHARCOAL))
        painter.setFont(self.style.font)
        painter.drawText(local, Qt.AlignmentFlag.AlignCenter, "\n".join(self.label_lines))
        painter.end()
        return pixmap


def label_variants(name: str, style: PinStyle) -> list[tuple[str, ...]]:
    """A pin's name as it may be shown: on one line, and on two (broken at the space nearest
    the middle) when it has a space; only on two when one line is wider than
    ``style.label_max_width``. A long name is never cut."""
    name = " ".join(name.split()) or "?"
    if " " not in name:
        return [(name,)]
    spaces = [i for i, char in enumerate(name) if char == " "]
    at = min(spaces, key=lambda i: abs(i - len(name) / 2))
    two = (name[:at], name[at + 1 :])
    if style.font_metrics.horizontalAdvance(name) > style.label_max_width:
        return [two]
    return [(name,), two]


class PinLayer(QGraphicsItem):
    """Every pin of the map, drawn in one pass in device pixels, culled to the exposed area.

    Markers first, then the labels the layout kept, then the selected pin (halo, marker,
    label) on top. Positions are rounded to whole pixels so pixmaps are copied, not resampled.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self.setZValue(1)
        self.pins: list[PinItem] = []
        self._bounds = QRectF()
        self._margin = 0.0  # screen pixels a pin reaches from its tip (marker, label)

    def set_pins(self, pins: Sequence[PinItem], scene_rect: QRectF) -> None:
        self.prepareGeometryChange()
        self.pins = list(pins)
        self._bounds = QRectF(scene_rect)
        widest = max((pin.label_width for pin in self.pins), default=0.0)
        style = self.pins[0].style if self.pins else None
        reach = max(style.selected_size, style.touch) if style else 0
        self._margin = widest + reach + 8
        self.update()

    def reach(self) -> float:
        """How far (screen pixels) from its tip a pin's marker, touch target or label goes."""
        return self._margin

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        _widget: QWidget | None = None,
    ) -> None:
        if not self.pins:
            return
        transform = painter.worldTransform()
        sx, sy, dx, dy = transform.m11(), transform.m22(), transform.dx(), transform.dy()
        exposed = transform.mapRect(option.exposedRect)
        margin = self._margin
        left, right = exposed.left() - margin, exposed.right() + margin
        top, bottom = exposed.top() - margin, exposed.bottom() + margin
        visible: list[tuple[PinItem, int, int]] = []
        for pin in self.pins:
            x, y = pin.x * sx + dx, pin.y * sy + dy
            if left <= x <= right and top <= y <= bottom:
                visible.append((pin, _whole(x), _whole(y)))
        painter.save()
        painter.resetTransform()
        draw = painter.drawPixmap
        selected: list[tuple[PinItem, int, int]] = []
        for pin, x, y in visible:
            if pin.selected:
                selected.append((pin, x, y))
            else:
                draw(x + pin.marker_dx, y + pin.marker_dy, pin.marker)
        hidden = PinItem.LABEL_HIDDEN
        for pin, x, y in visible:
            if pin.label_side != hidden and not pin.selected:
                draw(x + pin.label_dx, y + pin.label_dy, pin.label_pixmap())
        for pin, x, y in selected:
            halo = pin.marker_rect().translated(x, y).adjusted(-6, -6, 6, 6)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(QPen(QColor(CHARCOAL), 3))
            painter.setBrush(QColor(255, 251, 242, 200))
            painter.drawEllipse(halo)
            draw(x + pin.marker_dx, y + pin.marker_dy, pin.marker)
            if pin.label_side != hidden:
                draw(x + pin.label_dx, y + pin.label_dy, pin.label_pixmap())
        painter.restore()


def _whole(value: float) -> int:
    """Round to a whole pixel the way Qt does (``QPointF.toPoint``: halves away from zero)."""
    return math.floor(value + 0.5) if value >= 0 else -math.floor(-value + 0.5)


Box = tuple[float, float, float, float]  # left, top, right, bottom


def layout_labels(
    pins: Sequence[PinItem],
    scale: float,
    *,
    names: Sequence[Box] = (),
    controls: Sequence[Box] = (),
    bounds: Box | None = None,
) -> int:
    """Choose each label's side so that no two labels and no label and marker overlap.

    Rectangles are in "layout space", the map's pixels times ``scale`` (a pin's tip is at
    ``pin.x * scale, pin.y * scale``). ``names`` are the map's own printed names (kept clear
    of labels, markers may sit on them); ``controls`` are the buttons over the map; a label
    of a pin inside ``bounds`` (the view) stays inside it, so it is never cut at the edge.

    Positions only depend on the zoom (a pan moves everything together), so this runs once per
    zoom change (and :class:`MapCanvas` keeps the result per zoom). Each label tries right,
    left, below, then above its marker. Selected pins, then pins with a video, then the others
    in alphabetical order get their label first; a selected pin always shows its name (on
    top). A grid of cells keeps the checks local; rectangles are plain float tuples (left, top,
    right, bottom), the same strict overlap test as ``QRectF.intersects``. Returns the number
    of labels shown.
    """
    cell = 160.0
    floor = math.floor
    # Each entry: (left, top, right, bottom, owner); owner is the pin's index for a marker,
    # -1 for a label.
    grid: dict[tuple[int, int], list[tuple[float, float, float, float, int]]] = {}

    def add(entry: tuple[float, float, float, float, int]) -> None:
        left, top, right, bottom, _owner = entry
        for cx in range(floor(left / cell), floor(right / cell) + 1):
            for cy in range(floor(top / cell), floor(bottom / cell) + 1):
                grid.setdefault((cx, cy), []).append(entry)

    def free(left: float, top: float, right: float, bottom: float, owner: int) -> bool:
        for cx in range(floor(left / cell), floor(right / cell) + 1):
            for cy in range(floor(top / cell), floor(bottom / cell) + 1):
                for o_left, o_top, o_right, o_bottom, o_owner in grid.get((cx, cy), ()):
                    if (
                        o_owner != owner
                        and left < o_right
                        and o_left < right
                        and top < o_bottom
                        and o_top < bottom
                    ):
                        return False
        return True

    for left, top, right, bottom in names:
        add((left, top, right, bottom, -2))

    def clear_of_view(pin_x: float, pin_y: float, box: Box) -> bool:
        left, top, right, bottom = box
        for c_left, c_top, c_right, c_bottom in controls:
            if left < c_right and c_left < right and top < c_bottom and c_top < bottom:
                return False
        if bounds is None:
            return True
        b_left, b_top, b_right, b_bottom = bounds
        if not (b_left <= pin_x <= b_right and b_top <= pin_y <= b_bottom):
            return True  # off screen: laid out again once the map rests
        return b_left <= left and right <= b_right and b_top <= top and bottom <= b_bottom

    origins: list[tuple[float, float]] = []
    for index, pin in enumerate(pins):
        ox, oy = pin.x * scale, pin.y * scale
        origins.append((ox, oy))
        size = pin.marker_size()
        left, top = -size / 2 + ox, -size + oy
        add((left, top, left + size, top + size, index))
    shown = 0
    order = sorted(
        range(len(pins)),
        key=lambda i: (not pins[i].selected, not pins[i].place.has_video, pins[i].place.name),
    )
    for index in order:
        pin = pins[index]
        ox, oy = origins[index]
        chosen = PinItem.LABEL_HIDDEN
        for side in pin.sides:
            left, top, width, height = pin.label_box(side)
            left, top = left + ox, top + oy
            box = (left, top, left + width, top + height)
            if free(*box, index) and clear_of_view(ox, oy, box):
                chosen = side
                break
        if chosen == PinItem.LABEL_HIDDEN and pin.selected:
            chosen = pin.sides[0]
        if chosen != PinItem.LABEL_HIDDEN:
            left, top, width, height = pin.label_box(chosen)
            left, top = left + ox, top + oy
            add((left, top, left + width, top + height, -1))
            shown += 1
        pin.set_label_side(chosen)
    return shown


# The map view


class _DecodeSignals(QObject):
    decoded = Signal(int, QImage)


class _DecodeJob(QRunnable):
    """Decodes the map image at a bounded size in the thread pool (QImage is thread-safe)."""

    def __init__(self, path: str, target: QSize, generation: int, signals: _DecodeSignals) -> None:
        super().__init__()
        self.path = path
        self.target = target
        self.generation = generation
        self.signals = signals

    def run(self) -> None:
        reader = QImageReader(self.path)
        reader.setAutoTransform(True)
        if self.target.isValid():
            reader.setScaledSize(self.target)
        image = reader.read()
        # The screen may have been destroyed meanwhile: then nobody wants the image.
        with contextlib.suppress(RuntimeError):
            self.signals.decoded.emit(self.generation, image)


class MapCanvas(QGraphicsView):
    """The zoomable, draggable map with its pins. Emits ``pin_tapped(slug)``."""

    pin_tapped = Signal(str)
    background_tapped = Signal()
    map_ready = Signal()

    def __init__(self, metrics: Metrics, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.metrics = metrics
        self.pin_style = PinStyle.create(metrics)
        self.setScene(QGraphicsScene(self))
        self.setBackgroundBrush(QBrush(QColor(CREAM)))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setInteractive(False)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, True)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.map_item: QGraphicsPixmapItem | None = None
        self.pins: dict[str, PinItem] = {}
        self.pin_layer = PinLayer()
        self.scene().addItem(self.pin_layer)
        # Label sides per (zoom, selected place, view, buttons): a view already seen costs
        # nothing.
        self._label_layouts: dict[tuple[object, ...], list[int]] = {}
        self.selected_slug: str | None = None
        self._map_size = QSize()
        # Decoded image pixels per map (scene) pixel: the map is decoded at most 4096 px wide.
        self._native_scale = 1.0
        self._names: list[Box] = []  # the map's printed names, map pixels
        self._keep_clear: list[QWidget] = []
        self._scale = 1.0
        self._map_transformation = Qt.TransformationMode.SmoothTransformation
        self._at_fit = True
        self._centre_pending = False
        self._generation = 0
        self._decode_signals = _DecodeSignals(self)
        self._decode_signals.decoded.connect(self._on_decoded)

        # Gesture state (view coordinates).
        self._press_pos: QPointF | None = None
        self._last_pos = QPointF()
        self._moved = False
        self._samples: list[tuple[float, QPointF]] = []
        self._last_tap: tuple[float, QPointF] | None = None
        self._pinch: tuple[float, float, QPointF] | None = None  # distance, scale, scene point
        self._pinched = False
        self._velocity = QPointF()
        self._inertia_clock = 0.0
        self._inertia = QTimer(self)
        self._inertia.setInterval(16)
        self._inertia.timeout.connect(self._inertia_step)
        self._animation = QVariantAnimation(self)
        self._animation.setDuration(220)
        self._animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.valueChanged.connect(self._animation_step)
        self._animation_from = (1.0, QPointF())
        self._animation_to = (1.0, QPointF())
        self._labels_timer = QTimer(self)
        self._labels_timer.setSingleShot(True)
        self._labels_timer.setInterval(60)
        self._labels_timer.timeout.connect(self.relayout_labels)

    # Content

    def set_map(
        self,
        image_path: str | None,
        width: int,
        height: int,
        landmarks: Sequence[geo.Landmark] = (),
    ) -> None:
        """Show this image (decoded in the background); the scene is its full-size rectangle.

        ``landmarks``: the map's reference points, whose printed names the labels keep off."""
        self._generation += 1
        self._label_layouts.clear()
        if self.map_item is not None:
            self.scene().removeItem(self.map_item)
            self.map_item = None
        if image_path is None:
            self._map_size = QSize()
            return
        reader = QImageReader(image_path)
        reader.setAutoTransform(True)
        size = reader.size()
        if (not size.isValid() or size.isEmpty()) and width > 0 and height > 0:
            size = QSize(width, height)
        if width > 0 and height > 0:
            size = QSize(width, height)
        self._map_size = size
        self.scene().setSceneRect(QRectF(0, 0, max(1, size.width()), max(1, size.height())))
        self.pin_layer.set_pins(self.pin_layer.pins, self.scene().sceneRect())
        target = size.scaled(
            QSize(MAX_DECODE_SIDE, MAX_DECODE_SIDE), Qt.AspectRatioMode.KeepAspectRatio
        )
        if target.width() >= size.width():
            target = QSize()
        self._native_scale = target.width() / max(1, size.width()) if target.isValid() else 1.0
        self.set_landmarks(landmarks)
        job = _DecodeJob(image_path, target, self._generation, self._decode_signals)
        QThreadPool.globalInstance().start(job)
        self.reset_view(animated=False)

    def set_image(self, image: QImage) -> None:
        """Show an already decoded image (benchmarks and tests)."""
        self._generation += 1
        self._label_layouts.clear()
        self._map_size = image.size()
        self._native_scale = 1.0
        self.scene().setSceneRect(QRectF(0, 0, image.width(), image.height()))
        self.pin_layer.set_pins(self.pin_layer.pins, self.scene().sceneRect())
        self._on_decoded(self._generation, image)
        self.reset_view(animated=False)

    @Slot(int, QImage)
    def _on_decoded(self, generation: int, image: QImage) -> None:
        if generation != self._generation or image.isNull() or self._map_size.isEmpty():
            return
        if self.map_item is not None:
            self.scene().removeItem(self.map_item)
        self.map_item = QGraphicsPixmapItem(QPixmap.fromImage(image))
        self.map_item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        # Kept as a viewport-sized pixmap in screen pixels: a pan scrolls it instead of
        # scaling the whole map again (a pan frame went from 10 to 4 ms with 2,000 pins).
        self.map_item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.map_item.setTransformationMode(self._map_transformation)
        self.map_item.setScale(self._map_size.width() / max(1, image.width()))
        self.map_item.setZValue(0)
        self.scene().addItem(self.map_item)
        # The image may hold fewer pixels than the catalogue said: the zoom stops at its own.
        native = image.width() / max(1, self._map_size.width())
        if native < self._native_scale - 1e-9:
            self._native_scale = native
            if self._scale > self.max_scale():
                self.set_scale(self._scale)
        self.map_ready.emit()

    def set_landmarks(self, landmarks: Sequence[geo.Landmark]) -> None:
        """The map's own names (around its reference points): pin labels keep off them."""
        width = self._map_size.width()
        self._names = [landmark.name_box(width) for landmark in landmarks] if width > 0 else []
        self._label_layouts.clear()

    def set_keep_clear(self, widgets: Sequence[QWidget]) -> None:
        """Widgets over the map (zoom buttons, "Toute la carte"): no pin label goes under."""
        self._keep_clear = list(widgets)
        self._label_layouts.clear()

    def control_rects(self) -> list[QRectF]:
        """Where the widgets kept clear show, in viewport pixels (visible ones only)."""
        viewport = self.viewport()
        rects = []
        for widget in self._keep_clear:
            if widget.isVisible():
                corner = viewport.mapFromGlobal(widget.mapToGlobal(QPoint(0, 0)))
                rects.append(QRectF(QPointF(corner), QSizeF(widget.size())))
        return rects

    @property
    def has_map(self) -> bool:
        return not self._map_size.isEmpty()

    def set_places(self, places: Sequence[PlaceView]) -> None:
        self.pins = {}
        width, height = self._map_size.width(), self._map_size.height()
        for place in places:
            if place.map_x is None or place.map_y is None:
                continue
            pin = PinItem(place, self.pin_style, QPointF(place.map_x * width, place.map_y * height))
            pin.set_selected(place.slug == self.selected_slug)
            self.pins[place.slug] = pin
        self._label_layouts.clear()
        self.pin_layer.set_pins(list(self.pins.values()), self.scene().sceneRect())
        self._relayout_labels_when_seen()

    def select(self, slug: str | None, *, centre: bool = False) -> None:
        """Highlight a place's pin (None: none); ``centre`` brings it to the middle, closer."""
        if self.selected_slug in self.pins:
            self.pins[self.selected_slug].set_selected(False)
        self.selected_slug = slug
        pin = self.pins.get(slug) if slug else None
        if pin is None:
            self._relayout_labels_when_seen()
            return
        pin.set_selected(True)
        self._relayout_labels_when_seen()
        if centre:
            self._centre_pending = not self.isVisible()
            self.centre_on_selected(animated=self.isVisible())

    def centre_on_selected(self, *, animated: bool = True) -> None:
        pin = self.pins.get(self.selected_slug) if self.selected_slug else None
        if pin is None:
            return
        scale = max(self._scale, min(self.max_scale(), self.fit_scale() * SELECTED_ZOOM))
        if animated:
            self.animate_to(scale, pin.pos())
        else:
            self._animation.stop()
            self.set_scale(scale)
            self.centerOn(pin.pos())

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        # The view moved under the buttons: lay the labels out again once it rests.
        self._labels_timer.start()

    def _relayout_labels_when_seen(self) -> None:
        """At once on screen; hidden, just after the map is shown and painted: a hidden map
        has not its real size yet, and laying 2,000 labels out (20-40 ms) at the size it will
        lose was most of a first visit's time."""
        if self.isVisible():
            self.relayout_labels()
        else:
            self._labels_timer.start()

    def relayout_labels(self) -> None:
        """Lay the labels out for the current zoom and view (or reuse an earlier layout).

        Labels keep off the map's printed names (which zoom with the map), off the buttons
        over the map and inside the view (which stay put while the map pans): so the layout
        is made again when the map comes to rest after a pan, too."""
        self._set_map_transformation(Qt.TransformationMode.SmoothTransformation)
        pins = self.pin_layer.pins
        scale = self._scale
        transform = self.viewportTransform()
        dx, dy = transform.dx(), transform.dy()
        view = self.viewport().rect()
        bounds = (-dx, -dy, view.width() - dx, view.height() - dy)
        controls = [
            (r.left() - dx, r.top() - dy, r.right() - dx, r.bottom() - dy)
            for r in self.control_rects()
        ]
        key = (
            round(scale, 9),
            self.selected_slug,
            tuple(round(value) for value in bounds),
            tuple(tuple(round(value) for value in box) for box in controls),
        )
        sides = self._label_layouts.get(key)
        if sides is None:
            pad = self.metrics.px(NAME_PADDING)
            names = [
                (left * scale - pad, top * scale - pad, right * scale + pad, bottom * scale + pad)
                for left, top, right, bottom in self._names
            ]
            layout_labels(pins, scale, names=names, controls=controls, bounds=bounds)
            if len(self._label_layouts) >= 64:
                self._label_layouts.clear()
            self._label_layouts[key] = [pin.label_side for pin in pins]
        else:
            for pin, side in zip(pins, sides, strict=True):
                pin.set_label_side(side)
        self.viewport().update()

    # Zoom and pan

    def fit_scale(self) -> float:
        """The whole map, with a little room around it (no edge cut)."""
        if self._map_size.isEmpty():
            return 1.0
        view = self.viewport().size()
        margin = 2 * self.metrics.px(FIT_MARGIN)
        return max(
            1e-6,
            min(
                max(1, view.width() - margin) / self._map_size.width(),
                max(1, view.height() - margin) / self._map_size.height(),
            ),
        )

    def min_scale(self) -> float:
        return self.fit_scale()

    def native_scale(self) -> float:
        """The scale at which one pixel of the decoded image covers one device pixel."""
        ratio = self.devicePixelRatioF() or 1.0
        return self._native_scale / ratio

    def max_scale(self) -> float:
        """Eight times closer than the whole map, but never past the image's own pixels
        (blocky); a map smaller than the view does not zoom in at all."""
        fit = self.fit_scale()
        return max(fit, min(fit * MAX_ZOOM, self.native_scale()))

    @property
    def scale_factor(self) -> float:
        return self._scale

    @property
    def zoom(self) -> float:
        """How many times closer than the whole map (1.0 = the whole map)."""
        return self._scale / self.fit_scale()

    def visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def set_scale(self, scale: float) -> None:
        clamped = min(self.max_scale(), max(self.min_scale(), scale))
        if abs(clamped - self._scale) < 1e-12:
            return
        self._scale = clamped
        self._at_fit = abs(clamped - self.min_scale()) < 1e-9
        self.setTransform(QTransform.fromScale(clamped, clamped))
        # While the zoom moves the map is scaled the fast way; smooth again once it rests
        # (with the labels, 60 ms later): smooth scaling of the whole map was half a frame.
        self._set_map_transformation(Qt.TransformationMode.FastTransformation)
        self._labels_timer.start()

    def _set_map_transformation(self, mode: Qt.TransformationMode) -> None:
        if mode != self._map_transformation:
            self._map_transformation = mode
            if self.map_item is not None:
                self.map_item.setTransformationMode(mode)

    def zoom_at(self, factor: float, view_pos: QPointF) -> None:
        """Zoom by ``factor`` keeping the map point under ``view_pos`` where it is."""
        anchor = self.mapToScene(view_pos.toPoint())
        self.set_scale(self._scale * factor)
        self.keep_at(anchor, view_pos)

    def keep_at(self, scene_point: QPointF, view_pos: QPointF) -> None:
        """Scroll so that ``scene_point`` shows at ``view_pos`` (as far as the map allows)."""
        delta = self.mapFromScene(scene_point) - view_pos.toPoint()
        self.pan_by(QPointF(-delta.x(), -delta.y()))

    def pan_by(self, delta: QPointF) -> bool:
        """Move the map by ``delta`` screen pixels; False when it could not move at all."""
        horizontal, vertical = self.horizontalScrollBar(), self.verticalScrollBar()
        before = (horizontal.value(), vertical.value())
        horizontal.setValue(horizontal.value() - round(delta.x()))
        vertical.setValue(vertical.value() - round(delta.y()))
        return (horizontal.value(), vertical.value()) != before

    def reset_view(self, *, animated: bool = True) -> None:
        centre = self.scene().sceneRect().center()
        if animated:
            self.animate_to(self.min_scale(), centre)
        else:
            self._animation.stop()
            self.set_scale(self.min_scale())
            self.setTransform(QTransform.fromScale(self._scale, self._scale))
            self.centerOn(centre)

    def animate_to(self, scale: float, centre: QPointF) -> None:
        self._inertia.stop()
        self._animation.stop()
        self._animation_from = (self._scale, self.visible_scene_rect().center())
        target = min(self.max_scale(), max(self.min_scale(), scale))
        self._animation_to = (target, QPointF(centre))
        self._animation.start()

    def _animation_step(self, value: object) -> None:
        t = float(value)  # type: ignore[arg-type]
        (scale0, centre0), (scale1, centre1) = self._animation_from, self._animation_to
        # Interpolate the scale geometrically: a zoom feels even that way.
        scale = scale0 * (scale1 / scale0) ** t if scale0 > 0 else scale1
        self.set_scale(scale)
        self.centerOn(centre0 + (centre1 - centre0) * t)

    def zoom_in_at(self, view_pos: QPointF, factor: float = 2.0) -> None:
        """Animated zoom keeping ``view_pos`` in place (double tap, + button)."""
        anchor = self.mapToScene(view_pos.toPoint())
        target = min(self.max_scale(), max(self.min_scale(), self._scale * factor))
        middle = QPointF(self.viewport().rect().center())
        centre = anchor + (middle - view_pos) / target
        self.animate_to(target, centre)

    def resizeEvent(self, event: QResizeEvent) -> None:
        centre = self.visible_scene_rect().center()
        super().resizeEvent(event)
        if self._centre_pending:
            self.reset_view(animated=False)
            self.centre_on_selected(animated=False)
            self._centre_pending = not self.isVisible()
        elif self._at_fit or self._scale < self.min_scale():
            self.reset_view(animated=False)
        else:
            self.set_scale(self._scale)
            self.centerOn(centre)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._centre_pending:
            self.reset_view(animated=False)
            self.centre_on_selected(animated=False)

    # Input: mouse, wheel and touch share one tap/drag logic

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press(event.position())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._move(event.position())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._release(event.position())
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        # Qt turns the second press of a double click into this event: treat it as a press.
        if event.button() == Qt.MouseButton.LeftButton:
            self._press(event.position())
        event.accept()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self._animation.stop()
            self.zoom_at(1.25**steps, event.position())
        event.accept()

    def viewportEvent(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (
            QEvent.Type.TouchBegin,
            QEvent.Type.TouchUpdate,
            QEvent.Type.TouchEnd,
            QEvent.Type.TouchCancel,
        ):
            assert isinstance(event, QTouchEvent)
            self._touch(event)
            event.accept()
            return True
        return super().viewportEvent(event)

    def _touch(self, event: QTouchEvent) -> None:
        kind = event.type()
        if kind == QEvent.Type.TouchCancel:
            self._press_pos = None
            self._pinch = None
            self._pinched = False
            return
        viewport = self.viewport()

        def where(point: QEventPoint) -> QPointF:
            # From the global position: Qt may hand the points over in window coordinates.
            return viewport.mapFromGlobal(point.globalPosition())

        down = (
            [p for p in event.points() if p.state() != QEventPoint.State.Released]
            if kind != QEvent.Type.TouchEnd
            else []
        )
        if len(down) >= 2:
            first, second = where(down[0]), where(down[1])
            centre = (first + second) / 2
            distance = max(1.0, math.hypot(first.x() - second.x(), first.y() - second.y()))
            if self._pinch is None:
                self._inertia.stop()
                self._animation.stop()
                self._pinch = (distance, self._scale, self.mapToScene(centre.toPoint()))
                self._pinched = True
                self._press_pos = None
            start_distance, start_scale, anchor = self._pinch
            self.set_scale(start_scale * distance / start_distance)
            self.keep_at(anchor, centre)
            return
        self._pinch = None
        if kind == QEvent.Type.TouchEnd or not down:
            if not self._pinched and self._press_pos is not None:
                points = event.points()
                self._release(where(points[0]) if points else self._last_pos)
            self._pinched = False
            self._press_pos = None
            return
        if self._pinched:
            return  # one finger left after a pinch: wait until it lifts
        position = where(down[0])
        if kind == QEvent.Type.TouchBegin or self._press_pos is None:
            self._press(position)
        else:
            self._move(position)

    def _press(self, pos: QPointF) -> None:
        self._inertia.stop()
        self._animation.stop()
        self._press_pos = QPointF(pos)
        self._last_pos = QPointF(pos)
        self._moved = False
        self._samples = [(time.monotonic(), QPointF(pos))]

    def _move(self, pos: QPointF) -> None:
        if self._press_pos is None:
            return
        if not self._moved:
            travel = pos - self._press_pos
            if math.hypot(travel.x(), travel.y()) < self.metrics.px(14):
                return
            self._moved = True
        self.pan_by(pos - self._last_pos)
        self._last_pos = QPointF(pos)
        now = time.monotonic()
        self._samples.append((now, QPointF(pos)))
        self._samples = [(t, p) for t, p in self._samples if now - t < 0.1]

    def _release(self, pos: QPointF) -> None:
        if self._press_pos is None:
            return
        self._press_pos = None
        if not self._moved:
            self._tap(pos)
            return
        if len(self._samples) >= 2:
            (t0, p0), (t1, p1) = self._samples[0], self._samples[-1]
            if t1 - t0 > 1e-3:
                self._velocity = (p1 - p0) / (t1 - t0)
                if math.hypot(self._velocity.x(), self._velocity.y()) > INERTIA_MIN_SPEED * 4:
                    self._inertia_clock = time.monotonic()
                    self._inertia.start()

    def _inertia_step(self) -> None:
        now = time.monotonic()
        elapsed = min(0.05, now - self._inertia_clock)
        self._inertia_clock = now
        moved = self.pan_by(self._velocity * elapsed)
        self._velocity *= math.exp(-INERTIA_FRICTION * elapsed)
        if not moved or math.hypot(self._velocity.x(), self._velocity.y()) < INERTIA_MIN_SPEED:
            self._inertia.stop()

    def pin_at(self, view_pos: QPointF) -> PinItem | None:
        """The pin whose touch target (or visible label) holds ``view_pos``; the nearest wins."""
        best: tuple[float, PinItem] | None = None
        transform = self.viewportTransform()
        sx, sy, dx, dy = transform.m11(), transform.m22(), transform.dx(), transform.dy()
        reach = self.pin_layer.reach()
        for pin in self.pins.values():
            # Whole pixels, as mapFromScene gives and as the layer paints.
            origin = QPointF(_whole(pin.x * sx + dx), _whole(pin.y * sy + dy))
            local = view_pos - origin
            if abs(local.x()) > reach or abs(local.y()) > reach:
                continue
            hit = pin.touch_rect().contains(local) or (
                pin.label_side != PinItem.LABEL_HIDDEN and pin.label_rect().contains(local)
            )
            if not hit:
                continue
            centre = pin.marker_rect().center()
            distance = math.hypot(local.x() - centre.x(), local.y() - centre.y())
            if pin.selected:
                distance -= 1.0  # the highlighted pin is on top: it wins ties
            if best is None or distance < best[0]:
                best = (distance, pin)
        return best[1] if best else None

    def view_pos_of(self, slug: str) -> QPoint:
        """Where a pin's marker shows in the viewport (tests, benchmarks)."""
        pin = self.pins[slug]
        return self.mapFromScene(pin.pos()) + pin.marker_rect().center().toPoint()

    def _tap(self, pos: QPointF) -> None:
        now = time.monotonic()
        pin = self.pin_at(pos)
        if pin is not None:
            self._last_tap = None
            self.pin_tapped.emit(pin.place.slug)
            return
        previous = self._last_tap
        if previous is not None and (now - previous[0]) * 1000 < DOUBLE_TAP_MS:
            travel = pos - previous[1]
            if math.hypot(travel.x(), travel.y()) < self.metrics.touch:
                self._last_tap = None
                self.zoom_in_at(pos)
                return
        self._last_tap = (now, QPointF(pos))
        self.background_tapped.emit()


# The list


class PlaceListModel(QAbstractListModel):
    """Every place, alphabetical, filtered by a tag and a commune."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[PlaceView] = []
        self._rows: list[PlaceView] = []
        self.tag: str | None = None
        self.commune: str | None = None

    def set_places(self, places: Sequence[PlaceView]) -> None:
        self._all = list(places)
        self._refilter()

    def set_filter(self, tag: str | None, commune: str | None) -> None:
        self.tag, self.commune = tag, commune
        self._refilter()

    def _refilter(self) -> None:
        self.beginResetModel()
        self._rows = [
            p
            for p in self._all
            if (self.tag is None or self.tag in p.tags)
            and (self.commune is None or p.commune == self.commune)
        ]
        self.endResetModel()

    @property
    def places(self) -> list[PlaceView]:
        return list(self._rows)

    def tags(self) -> list[str]:
        names = {tag for p in self._all for tag in p.tags}
        return sorted(names, key=catalogue_views.sort_key)

    def communes(self) -> list[str]:
        names = {p.commune for p in self._all if p.commune}
        return sorted(names, key=catalogue_views.sort_key)

    def row_of(self, slug: str) -> int:
        return next((i for i, p in enumerate(self._rows) if p.slug == slug), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        place = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return place.name
        if role == PlaceRole:
            return place
        return None


class PlaceDelegate(QStyledItemDelegate):
    """A row: a marker (or a question mark when not placed), the name, the commune and status."""

    def __init__(self, metrics: Metrics, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.metrics = metrics
        self.palette = WARM
        px = metrics.px
        self.row_height = max(metrics.touch, px(96))
        self.icon_size = px(40)
        self.on_map = self.with_video = self.not_on_map = self.video_icon = QPixmap()
        self.name_font = QFont()
        self.name_font.setBold(True)
        self.detail_font = QFont()
        self.set_appearance(WARM)
        self.selected_slug: str | None = None

    def set_appearance(self, palette: Palette) -> None:
        """Colours from the palette, text sizes from the visitor's text size (rows grow)."""
        self.palette = palette
        size = self.icon_size
        self.on_map = icons.icon("mdi6.map-marker", color=palette.pin_place).pixmap(size, size)
        self.with_video = icons.icon("mdi6.map-marker-star", color=palette.pin_video).pixmap(
            size, size
        )
        self.not_on_map = icons.icon(
            "mdi6.map-marker-question-outline", color=palette.pin_unplaced
        ).pixmap(size, size)
        self.video_icon = icons.icon("mdi6.movie-open-play", color=palette.pin_video).pixmap(
            size, size
        )
        self.name_font.setPixelSize(self.metrics.font(27))
        self.detail_font.setPixelSize(self.metrics.body)
        block = QFontMetricsF(self.name_font).height() + QFontMetricsF(self.detail_font).height()
        self.row_height = max(
            self.metrics.touch, self.metrics.px(96), int(block) + self.metrics.px(24)
        )

    @property
    def row_icons(self) -> list[QPixmap]:
        """The icons drawn on a row's background (tests/contrast_probe.py measures them)."""
        return [self.on_map, self.with_video, self.not_on_map, self.video_icon]

    def sizeHint(
        self, _option: QStyleOptionViewItem, _index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(self.metrics.px(300), self.row_height)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        place = index.data(PlaceRole)
        if not isinstance(place, PlaceView):
            return
        px = self.metrics.px
        rect = option.rect.adjusted(px(4), px(3), -px(4), -px(3))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pressed = bool(option.state & QStyle.StateFlag.State_Sunken)
        chosen = place.slug == self.selected_slug
        colours = self.palette
        chosen_background = "#333300" if colours is HIGH_CONTRAST else "#F3E2BC"
        background = QColor(chosen_background) if chosen else QColor(colours.paper)
        if pressed:
            background = background.darker(108)
        path = QPainterPath()
        path.addRoundedRect(QRectF(rect), px(14), px(14))
        painter.fillPath(path, background)
        if place.is_on_map:
            icon = self.with_video if place.has_video else self.on_map
        else:
            icon = self.not_on_map
        left = rect.left() + px(16)
        painter.drawPixmap(left, rect.center().y() - self.icon_size // 2, icon)
        text_left = left + self.icon_size + px(16)
        right = rect.right() - px(16)
        if place.has_video:
            painter.drawPixmap(
                right - self.icon_size, rect.center().y() - self.icon_size // 2, self.video_icon
            )
            right -= self.icon_size + px(12)
        width = right - text_left
        # An unknown commune is not a visitor's business: only "not on the map yet" is said.
        not_placed = QCoreApplication.translate("MapScreen", "pas encore sur la carte")
        parts = [place.commune] if place.commune else []
        if not place.is_on_map:
            parts.append(not_placed if parts else not_placed[:1].upper() + not_placed[1:])
        where = " · ".join(parts)
        name_metrics = QFontMetricsF(self.name_font)
        detail_metrics = QFontMetricsF(self.detail_font)
        block = name_metrics.height() + px(4) + detail_metrics.height()
        top = rect.top() + (rect.height() - block) / 2
        painter.setFont(self.name_font)
        painter.setPen(QColor(colours.text))
        painter.drawText(
            QRectF(text_left, top, width, name_metrics.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            name_metrics.elidedText(place.name, Qt.TextElideMode.ElideRight, width),
        )
        painter.setFont(self.detail_font)
        painter.setPen(QColor(colours.muted))
        painter.drawText(
            QRectF(text_left, top + name_metrics.height() + px(4), width, detail_metrics.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            detail_metrics.elidedText(where, Qt.TextElideMode.ElideRight, width),
        )
        painter.restore()


class ChipStrip(QScrollArea):
    """A row of filter chips that scrolls sideways; the first chip means "no filter"."""

    chosen = Signal(object)  # str | None

    def __init__(self, icon_name: str, metrics: Metrics, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.metrics = metrics
        self.icon_name = icon_name
        self.chip_palette = WARM
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFixedHeight(metrics.touch + metrics.px(8))
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        # A chip reacts at once to a tap; a swipe that follows scrolls the strip instead.
        scroller = QScroller.scroller(self.viewport())
        properties = scroller.scrollerProperties()
        properties.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0)
        scroller.setScrollerProperties(properties)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str | None, QPushButton] = {}
        self.current: str | None = None
        self._values: list[str] = []
        self._all_text = ""

    def set_values(self, all_text: str, values: Sequence[str], current: str | None) -> None:
        self._values = list(values)
        self._all_text = all_text
        for button in self.buttons.values():
            self.group.removeButton(button)
        holder = QWidget()
        holder.setObjectName("ChipHolder")
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(self.metrics.px(10))
        self.buttons = {}
        for value in [None, *values]:
            text = all_text if value is None else value
            button = named(QPushButton(text), "Chip")
            if value is None:
                button.setIcon(
                    icons.icon(
                        self.icon_name,
                        color=self.chip_palette.icon,
                        color_on=self.chip_palette.bar_text,
                    )
                )
                button.setIconSize(QSize(self.metrics.px(30), self.metrics.px(30)))
            button.setCheckable(True)
            button.setChecked(value == current)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(self.metrics.touch)
            button.clicked.connect(lambda _=False, v=value: self.chosen.emit(v))
            self.group.addButton(button)
            row.addWidget(button)
            self.buttons[value] = button
        row.addStretch(1)
        self.setWidget(holder)
        self.current = current
        self.show_current()

    def set_palette(self, palette: Palette) -> None:
        """The "all" chip's icon in this palette (the chips' own colours follow the style)."""
        self.chip_palette = palette
        button = self.buttons.get(None)
        if button is not None:
            button.setIcon(
                icons.icon(self.icon_name, color=palette.icon, color_on=palette.bar_text)
            )

    def set_current(self, value: str | None) -> None:
        """Check the chip of ``value`` (None: the "all" chip) and bring it into view."""
        self.current = value
        button = self.buttons.get(value)
        if button is not None:
            button.setChecked(True)
        self.show_current()

    def show_current(self) -> None:
        """Scroll the chosen chip into view, once the strip is laid out (the strip is built
        again on a language change: the chip a visitor chose stays in sight)."""
        QTimer.singleShot(0, self, self._scroll_to_current)

    def _scroll_to_current(self) -> None:
        button = self.buttons.get(self.current)
        if button is None or self.current is None:
            self.horizontalScrollBar().setValue(0)
            return
        holder = self.widget()
        layout = holder.layout() if holder is not None else None
        if layout is not None:
            layout.activate()
        self.ensureWidgetVisible(button, self.metrics.px(24), 0)

    def scroll_home(self) -> None:
        QScroller.scroller(self.viewport()).stop()
        self.horizontalScrollBar().setValue(0)


class MapLegend(QWidget):
    """What the pins mean (as the list's icons do), then the map's credit, below the map."""

    def __init__(self, metrics: Metrics, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MapLegend")
        px = metrics.px
        size = px(34)
        column = QVBoxLayout(self)
        column.setContentsMargins(px(16), px(4), px(16), px(10))
        column.setSpacing(px(2))
        row = QHBoxLayout()
        row.setSpacing(px(6))
        self.keys: dict[str, QLabel] = {}
        self.icons: dict[str, QLabel] = {}
        self._icon_size = size
        for key, _icon_name, _colour in LEGEND_KEYS:
            icon = QLabel()
            icon.setObjectName(f"LegendIcon-{key}")
            icon.setFixedSize(size, size)
            text = plain_label("LegendText")
            row.addWidget(icon)
            row.addWidget(text)
            row.addSpacing(px(18))
            self.icons[key] = icon
            self.keys[key] = text
        row.addStretch(1)
        column.addLayout(row)
        self.credit = plain_label("MapCredit")
        self.credit.setWordWrap(True)
        column.addWidget(self.credit)
        self.set_palette(WARM)
        self.retranslate()

    def set_palette(self, palette: Palette) -> None:
        """The pins' colours as the list draws them in this palette."""
        size = self._icon_size
        for key, icon_name, colour in LEGEND_KEYS:
            pixmap = icons.icon(icon_name, color=getattr(palette, colour)).pixmap(size, size)
            self.icons[key].setPixmap(pixmap)

    def set_credit(self, credit: str) -> None:
        self.credit.setText(credit.strip())
        self.credit.setVisible(bool(credit.strip()))

    def retranslate(self) -> None:
        texts = {
            "video": QCoreApplication.translate("MapLegend", "Lieu avec sa vidéo"),
            "place": QCoreApplication.translate("MapLegend", "Lieu"),
            "unplaced": QCoreApplication.translate(
                "MapLegend", "Pas encore sur la carte (dans la liste)"
            ),
        }
        for key, label in self.keys.items():
            label.setText(texts[key])


# The pins' kinds, as the map and the list draw them: the key, the icon, its palette colour.
LEGEND_KEYS = (
    ("video", "mdi6.map-marker-star", "pin_video"),
    ("place", "mdi6.map-marker", "pin_place"),
    ("unplaced", "mdi6.map-marker-question-outline", "pin_unplaced"),
)


def text_pairs(palette: Palette) -> list[tuple[str, str]]:
    """The (text, background) colour pairs this screen draws, for the contrast test."""
    return [
        (palette.text, palette.paper),
        (palette.muted, palette.paper),
        (palette.muted, palette.background),
        (palette.bar_text, palette.bar_button),
    ]


def _style(metrics: Metrics, palette: Palette = WARM) -> str:
    px, font, c = metrics.px, metrics.font, palette
    return f"""
QListView#PlaceList {{
    background: {c.paper}; border: none; border-radius: {px(24)}px; padding: {px(8)}px;
}}
QPushButton#Chip {{
    background: {c.paper}; color: {c.text}; border: {px(2)}px solid {c.bar};
    border-radius: {px(22)}px; padding: 0 {px(22)}px; font-size: {font(24)}px; font-weight: 600;
}}
QPushButton#Chip:checked {{
    background: {c.bar_button}; color: {c.bar_text}; border-color: {c.bar_text};
}}
QScrollArea, QWidget#ChipHolder {{ background: transparent; }}
QLabel#ListCount {{ font-size: {font(26)}px; color: {c.muted}; }}
QFrame#NoMatch {{ background: {c.paper}; border-radius: {px(24)}px; }}
QLabel#NoMatchText {{ font-size: {font(30)}px; font-weight: 600; color: {c.text}; }}
QPushButton#MapButton {{
    background: {c.paper}; color: {c.text}; border: {px(2)}px solid {c.bar};
    border-radius: {px(18)}px; padding: 0 {px(18)}px; font-size: {font(24)}px; font-weight: 700;
}}
QPushButton#MapButton:pressed {{ background: {c.background}; }}
QWidget#MapLegend {{ background: transparent; }}
QLabel#LegendText {{ font-size: {font(22)}px; color: {c.text}; }}
QLabel#MapCredit {{ font-size: {font(19)}px; color: {c.muted}; }}
QFrame#MapFrame {{ background: {c.background}; border-radius: {px(24)}px; }}
"""


# The screen


class MapScreen(Screen):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        metrics = context.metrics
        px = metrics.px
        self.setStyleSheet(_style(metrics))
        direction = (
            QBoxLayout.Direction.TopToBottom
            if context.portrait
            else QBoxLayout.Direction.LeftToRight
        )
        layout = QBoxLayout(direction, self)
        layout.setContentsMargins(px(28), px(24), px(28), px(24))
        layout.setSpacing(px(24))

        # The map, with its zoom buttons floating in a corner.
        self.map_frame = named(QFrame(), "MapFrame")
        grid = QGridLayout(self.map_frame)
        grid.setContentsMargins(0, 0, 0, 0)
        self.canvas = MapCanvas(metrics)
        self.empty_label = plain_label("Notice")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        grid.addWidget(self.canvas, 0, 0)
        grid.addWidget(self.empty_label, 0, 0, Qt.AlignmentFlag.AlignCenter)
        controls = QVBoxLayout()
        controls.setContentsMargins(px(16), px(16), px(16), px(16))
        controls.setSpacing(px(12))
        self.zoom_in_button = IconButton(
            "mdi6.plus", "", metrics, object_name="MapButton", icon_colour=HEDGE_DARK
        )
        self.zoom_out_button = IconButton(
            "mdi6.minus", "", metrics, object_name="MapButton", icon_colour=HEDGE_DARK
        )
        self.reset_button = IconButton(
            "mdi6.fit-to-screen-outline",
            "",
            metrics,
            object_name="MapButton",
            icon_colour=HEDGE_DARK,
        )
        for button in (self.zoom_in_button, self.zoom_out_button, self.reset_button):
            controls.addWidget(button, alignment=Qt.AlignmentFlag.AlignRight)
        controls.addStretch(1)
        grid.addLayout(controls, 0, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.canvas.set_keep_clear([self.zoom_in_button, self.zoom_out_button, self.reset_button])
        # Below the map: what the pins mean, and the map's credit (its sources' licences).
        self.legend = MapLegend(metrics)
        grid.addWidget(self.legend, 1, 0)
        layout.addWidget(self.map_frame, stretch=3)

        # Beside it: the list with its filters, or a place's sheet.
        self.side = QStackedWidget()
        list_panel = QWidget()
        list_layout = QVBoxLayout(list_panel)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.setSpacing(px(10))
        self.count_label = plain_label("ListCount")
        self.tag_chips = ChipStrip("mdi6.tag-multiple-outline", metrics)
        self.commune_chips = ChipStrip("mdi6.city-variant-outline", metrics)
        self.model = PlaceListModel(self)
        self.list_view = named(QListView(), "PlaceList")
        self.list_view.setModel(self.model)
        self.delegate = PlaceDelegate(metrics, self.list_view)
        self.list_view.setItemDelegate(self.delegate)
        if context.appearance is not None:
            context.appearance.changed.connect(self._on_appearance_changed)
            self._on_appearance_changed()  # built while high contrast or larger text is on
        self.list_view.setUniformItemSizes(True)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.list_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(
            self.list_view.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture
        )
        # When the filters leave no place: say so, and one big button to show them all again.
        self.no_match = named(QFrame(), "NoMatch")
        self.no_match.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        no_match_layout = QVBoxLayout(self.no_match)
        no_match_layout.setContentsMargins(px(32), px(40), px(32), px(40))
        no_match_layout.setSpacing(px(28))
        self.no_match_label = plain_label("NoMatchText", wrap=True)
        self.no_match_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.show_all_button = IconButton("mdi6.filter-remove-outline", "", metrics)
        no_match_layout.addStretch(1)
        no_match_layout.addWidget(self.no_match_label)
        no_match_layout.addWidget(self.show_all_button, alignment=Qt.AlignmentFlag.AlignCenter)
        no_match_layout.addStretch(2)
        self.no_match.hide()
        list_layout.addWidget(self.count_label)
        list_layout.addWidget(self.tag_chips)
        list_layout.addWidget(self.commune_chips)
        list_layout.addWidget(self.list_view, stretch=1)
        list_layout.addWidget(self.no_match, stretch=1)
        self.sheet = PlaceSheet(context)
        self.side.addWidget(list_panel)
        self.side.addWidget(self.sheet)
        layout.addWidget(self.side, stretch=2)

        self.canvas.pin_tapped.connect(self.open_place)
        self.list_view.clicked.connect(self._on_row_clicked)
        self.tag_chips.chosen.connect(self._on_tag_chosen)
        self.commune_chips.chosen.connect(self._on_commune_chosen)
        self.show_all_button.clicked.connect(self.clear_filters)
        self.zoom_in_button.clicked.connect(
            lambda: self.canvas.zoom_in_at(QPointF(self.canvas.viewport().rect().center()))
        )
        self.zoom_out_button.clicked.connect(
            lambda: self.canvas.zoom_in_at(QPointF(self.canvas.viewport().rect().center()), 0.5)
        )
        self.reset_button.clicked.connect(lambda: self.canvas.reset_view())
        self.sheet.close_requested.connect(self.close_sheet)
        self.sheet.previous_requested.connect(lambda: self._step(-1))
        self.sheet.next_requested.connect(lambda: self._step(1))
        self.sheet.video_requested.connect(lambda path: self.navigate.emit(ROUTE_PLAYER, path))

        self.places: list[PlaceView] = []
        self.map_view: MapView | None = None
        self.current_slug: str | None = None
        self._revision: int | None = None
        self.reload()
        self.retranslate()

    # Data

    def reload(self) -> None:
        """Read the map and the places again if anything was committed since (staff may have
        changed them)."""
        catalogue = self.context.catalogue
        revision = catalogue.revision()
        if revision == self._revision:
            return
        self._revision = revision
        map_view = catalogue_views.current_map(catalogue)
        places = catalogue_views.places(catalogue)
        if map_view != self.map_view:
            self.map_view = map_view
            path = self.context.root.media_file(map_view.image_path) if map_view else None
            if map_view is None or path is None:
                self.canvas.set_map(None, 0, 0)
            else:
                self.canvas.set_map(str(path), map_view.width, map_view.height, map_view.landmarks)
            self.legend.set_credit(map_view.credit if map_view is not None else "")
            self.legend.setVisible(map_view is not None)
            self.places = []
        if places != self.places:
            self.places = places
            self.model.set_places(places)
            self._fill_chips()  # the pins too: those the filters leave
        self.empty_label.setVisible(self.map_view is None)

    def _fill_chips(self) -> None:
        tags = self.model.tags()
        communes = self.model.communes()
        if self.model.tag not in tags:
            self.model.tag = None
        if self.model.commune not in communes:
            self.model.commune = None
        self.tag_chips.set_values(self.tr("Tous les thèmes"), tags, self.model.tag)
        self.commune_chips.set_values(self.tr("Toutes les communes"), communes, self.model.commune)
        self.tag_chips.setVisible(bool(tags))
        self.commune_chips.setVisible(bool(communes))
        self._apply_filter(self.model.tag, self.model.commune)

    # Navigation

    def title(self) -> str:
        return self.tr("La carte des tiers-lieux")

    def show_route(self, argument: str | None) -> None:
        self.reload()
        if argument:
            self.open_place(argument)
        else:
            self.close_sheet()
            self.canvas.select(None)

    def open_place(self, slug: str) -> None:
        """Highlight the place, centre its pin, select its row and open its sheet."""
        sheet = catalogue_views.place_sheet(self.context.catalogue, slug)
        if sheet is None:
            self.close_sheet()
            return
        if self.filtered and self.model.row_of(slug) < 0:
            self.clear_filters()  # a place shown from elsewhere (a video): its pin and row too
        self.current_slug = slug
        self.delegate.selected_slug = slug
        row = self.model.row_of(slug)
        if row >= 0:
            self.list_view.scrollTo(
                self.model.index(row), QAbstractItemView.ScrollHint.PositionAtCenter
            )
        self.list_view.viewport().update()
        self.canvas.select(slug, centre=True)
        self.sheet.show_place(sheet, has_neighbours=len(self._sequence()) > 1)
        self.side.setCurrentWidget(self.sheet)

    def close_sheet(self) -> None:
        """Back to the list; no place is highlighted any more (pin nor row)."""
        self.side.setCurrentIndex(0)
        self.current_slug = None
        self.delegate.selected_slug = None
        if self.canvas.selected_slug is not None:
            self.canvas.select(None)
        self.list_view.viewport().update()

    @property
    def sheet_is_open(self) -> bool:
        return self.side.currentWidget() is self.sheet

    def _sequence(self) -> list[str]:
        """Previous/next follow the list as the visitor filtered it."""
        slugs = [p.slug for p in self.model.places]
        if self.current_slug is not None and self.current_slug not in slugs:
            slugs = [p.slug for p in self.places]
        return slugs

    def _step(self, offset: int) -> None:
        slugs = self._sequence()
        if not slugs or self.current_slug not in slugs:
            return
        index = (slugs.index(self.current_slug) + offset) % len(slugs)
        self.open_place(slugs[index])

    def _on_row_clicked(self, index: QModelIndex) -> None:
        place = index.data(PlaceRole)
        if isinstance(place, PlaceView):
            self.open_place(place.slug)

    def _on_tag_chosen(self, value: object) -> None:
        self._apply_filter(value if isinstance(value, str) else None, self.model.commune)

    def _on_commune_chosen(self, value: object) -> None:
        self._apply_filter(self.model.tag, value if isinstance(value, str) else None)

    def _apply_filter(self, tag: str | None, commune: str | None) -> None:
        """The list and the pins show the same places: those of the chosen theme and commune
        (the pins of the others are hidden); with none, the list says so."""
        self.model.set_filter(tag, commune)
        self.canvas.set_places(self.model.places)
        self.tag_chips.set_current(tag)
        self.commune_chips.set_current(commune)
        empty = self.model.rowCount() == 0
        self.no_match.setVisible(empty)
        self.list_view.setVisible(not empty)
        self.show_all_button.setVisible(empty and self.filtered)
        self._update_count()

    def count_text(self, shown: int, placed: int) -> str:
        """ "4 lieux, dont 3 sur la carte", with the right plurals in French and English (Qt's
        numerus forms: French through kiosk_fr.qm, see :mod:`kiosk.ui.i18n`)."""
        if shown == 0:
            return self.tr("%n lieu(x)", "", shown)
        if placed == shown:
            return self.tr("%n lieu(x), tous sur la carte", "", shown)
        if placed == 0:
            return self.tr("%n lieu(x), aucun sur la carte", "", shown)
        return (
            self.tr("{places}, dont {placed} sur la carte")
            .replace("{places}", self.tr("%n lieu(x)", "", shown))
            .replace("{placed}", str(placed))
        )

    @property
    def filtered(self) -> bool:
        return self.model.tag is not None or self.model.commune is not None

    def clear_filters(self) -> None:
        """ "Tout afficher": every place again, in the list and on the map."""
        self._apply_filter(None, None)

    def reset(self) -> None:
        """A new visitor: no filter, no place chosen, the list at its top, the whole map."""
        self.close_sheet()
        self.clear_filters()
        self.tag_chips.scroll_home()
        self.commune_chips.scroll_home()
        QScroller.scroller(self.list_view.viewport()).stop()
        self.list_view.verticalScrollBar().setValue(0)
        inertia = getattr(self.canvas, "_inertia", None)
        if isinstance(inertia, QTimer):
            inertia.stop()
        self.canvas.reset_view(animated=False)

    def _update_count(self) -> None:
        shown = self.model.rowCount()
        placed = sum(1 for p in self.model.places if p.is_on_map)
        self.count_label.setText(self.count_text(shown, placed))
        if self.filtered:
            self.no_match_label.setText(self.tr("Aucun lieu pour ce filtre."))
        else:
            self.no_match_label.setText(self.tr("Aucun lieu pour le moment."))

    def _on_appearance_changed(self) -> None:
        appearance = self.context.appearance
        if appearance is None:
            return
        self.setStyleSheet(_style(self.context.metrics, appearance.palette))
        palette = appearance.palette
        self.delegate.set_appearance(palette)
        self.legend.set_palette(palette)
        for button, icon_name in (
            (self.zoom_in_button, "mdi6.plus"),
            (self.zoom_out_button, "mdi6.minus"),
            (self.reset_button, "mdi6.fit-to-screen-outline"),
        ):
            button.setIcon(icons.icon(icon_name, color=palette.icon))
        for strip in self.findChildren(ChipStrip):
            strip.set_palette(palette)
        self.list_view.doItemsLayout()
        self.list_view.viewport().update()

    def retranslate(self) -> None:
        self.empty_label.setText(self.tr("Aucune carte n'a encore été importée."))
        self.zoom_in_button.setAccessibleName(self.tr("Zoomer"))
        self.zoom_out_button.setAccessibleName(self.tr("Dézoomer"))
        self.reset_button.setText(self.tr("Toute la carte"))
        self.show_all_button.setText(self.tr("Tout afficher"))
        self.legend.retranslate()
        self._fill_chips()
        self.sheet.retranslate()
        self.list_view.viewport().update()
