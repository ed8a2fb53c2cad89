"""The map's pins: their shared style, one pin (marker, label and its possible sides), and
the one graphics item that draws every pin in a pass."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QPoint,
    QPointF,
    QRectF,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QTransform,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from kiosk.kit import icons
from kiosk.kit.theme import (
    CHARCOAL,
    HEDGE_DARK,
    OCHRE,
    PAPER,
    TERRACOTTA,
    WHITE,
    Metrics,
)
from kiosk.library import label_layout
from kiosk.library.catalogue_views import PlaceView

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


def translucent(colour: str, alpha: int) -> QColor:
    """``colour`` (a palette's) seen through: the label pills and the halo over the map."""
    translucent = QColor(colour)
    translucent.setAlpha(alpha)
    return translucent


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

    LABEL_HIDDEN = label_layout.HIDDEN
    LABEL_RIGHT, LABEL_LEFT, LABEL_BELOW, LABEL_ABOVE = 1, -1, 2, 3
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
        self._label_boxes: dict[int, tuple[float, float, float, float]] = {}
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
        """(left, top, width, height) of the label on ``side``, around the tip (kept per
        state: the label layout asks for each side of 2,000 pins at every zoom change)."""
        box = self._label_boxes.get(side)
        if box is None:
            box = self._label_boxes[side] = self._computed_label_box(side)
        return box

    def _computed_label_box(self, side: int) -> tuple[float, float, float, float]:
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
            self._label_boxes = {}  # the marker's size changes with the selection
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
        painter.setBrush(QColor(CHARCOAL) if self.selected else translucent(PAPER, 235))
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
                visible.append((pin, whole(x), whole(y)))
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
            painter.setBrush(translucent(PAPER, 200))
            painter.drawEllipse(halo)
            draw(x + pin.marker_dx, y + pin.marker_dy, pin.marker)
            if pin.label_side != hidden:
                draw(x + pin.label_dx, y + pin.label_dy, pin.label_pixmap())
        painter.restore()


def whole(value: float) -> int:
    """Round to a whole pixel the way Qt does (``QPointF.toPoint``: halves away from zero)."""
    return math.floor(value + 0.5) if value >= 0 else -math.floor(-value + 0.5)


def pin_at(
    pins: Iterable[PinItem], reach: float, transform: QTransform, view_pos: QPointF
) -> PinItem | None:
    """The pin whose touch target (or visible label) holds ``view_pos`` (viewport pixels, the
    map shown through ``transform``); the nearest wins. ``reach``: how far a pin goes from
    its tip (:meth:`PinLayer.reach`)."""
    best: tuple[float, PinItem] | None = None
    sx, sy, dx, dy = transform.m11(), transform.m22(), transform.dx(), transform.dy()
    for pin in pins:
        # Whole pixels, as mapFromScene gives and as the layer paints.
        origin = QPointF(whole(pin.x * sx + dx), whole(pin.y * sy + dy))
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
