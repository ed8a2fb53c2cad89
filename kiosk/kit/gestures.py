"""One touch-gesture recogniser for every screen: tap, double tap, long press, drag, pinch.

:class:`GestureRecogniser` holds the decisions (what a sequence of presses, moves and releases
with their times and positions means) and nothing else: it is driven by plain calls, so its
rules are tested with synthetic sequences. :class:`GestureInput` feeds it a widget's mouse and
touch events and hands each :class:`Gesture` to the widget's handler; :class:`Inertia` lets a
drag glide on after the finger lifts.

The rules, once for all screens:

- **Coordinates:** every position is in the local coordinates of the widget that owns the
  gestures, mapped from the event's global position (Qt may hand touch points over relative
  to another widget, and a strip's buttons move under the finger while it scrolls).
- **Slop:** a finger that moves less than :data:`TAP_SLOP_FRACTION` of the window's shorter
  side (16 px at 1080 p) stays a tap; past it the press becomes a drag.
- **Double tap:** a second tap within :data:`DOUBLE_TAP_MS` of the first and within
  :data:`DOUBLE_TAP_REACH_FRACTION` of the window's shorter side (one touch target) of it.
- **Long press:** held still for :data:`LONG_PRESS_MS`; it is then neither a tap nor a drag.
- **Pinch:** two fingers; the scale is their distance over the distance when the second came
  down. A drag interrupted by a second finger is cancelled, not flung.
- **Buttons inside:** a button drawn over the widget takes no touch events, so a finger's
  touch on it reaches the widget. :class:`GestureInput` gives such a touch to the button: a
  tap (or what would be a double tap) clicks it and is no tap of the widget, the press is
  no press of the widget; a finger that drags or pinches from the button leaves it, and the
  widget gets the whole gesture, its press first (a swipe may start on a button).
"""

from __future__ import annotations

import enum
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer
from PySide6.QtGui import QEventPoint, QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QAbstractButton, QWidget

DOUBLE_TAP_MS = 350
LONG_PRESS_MS = 700
TAP_SLOP_FRACTION = 16 / 1080  # of the window's shorter side: 16 px at 1080 p
DOUBLE_TAP_REACH_FRACTION = 72 / 1080  # the two taps of a double tap: one touch target apart
VELOCITY_WINDOW_S = 0.1  # a release's speed is measured over the last tenth of a second
INERTIA_FRICTION = 3.0  # per second: a glide's speed is divided by e every 1/3 s
INERTIA_MIN_SPEED = 40.0  # px/s under which a glide stops
FLING_MIN_SPEED = 160.0  # px/s: a slower release does not glide at all
INERTIA_TICK_MS = 16

_MOUSE_ID = -1  # the mouse is one finger with its own id


class GestureKind(enum.Enum):
    PRESS = "press"  # a first finger came down (stop what moves, count the touch)
    TAP = "tap"
    DOUBLE_TAP = "double_tap"  # instead of the second tap
    LONG_PRESS = "long_press"
    DRAG_START = "drag_start"
    DRAG = "drag"
    DRAG_END = "drag_end"  # velocity: the finger's speed as it lifted (px/s)
    PINCH_START = "pinch_start"
    PINCH = "pinch"
    PINCH_END = "pinch_end"
    CANCEL = "cancel"  # a drag given up (a second finger, or the system took the touch)


@dataclass(frozen=True)
class Gesture:
    kind: GestureKind
    pos: QPointF = field(default_factory=QPointF)  # the finger, or the fingers' middle
    delta: QPointF = field(default_factory=QPointF)  # since the previous drag or pinch step
    total: QPointF = field(default_factory=QPointF)  # since the press (drag)
    velocity: QPointF = field(default_factory=QPointF)  # px/s (drag end)
    scale: float = 1.0  # since the pinch started
    step_scale: float = 1.0  # since the previous pinch step


def distance(a: QPointF, b: QPointF) -> float:
    return math.hypot(a.x() - b.x(), a.y() - b.y())


def window_short_side(widget: QWidget) -> int:
    """The shorter side (px) of ``widget``'s window, which the slop and reach scale to."""
    window = widget.window()
    return min(window.width(), window.height())


def slop_for(side: float) -> float:
    """How far (px) a finger may move and stay a tap, in a window of this shorter side."""
    return max(4.0, max(1.0, side) * TAP_SLOP_FRACTION)


def tap_slop(widget: QWidget) -> float:
    """The slop for a finger on ``widget``, in its window as it is now."""
    return slop_for(window_short_side(widget))


class _State(enum.Enum):
    IDLE = 0
    PRESSED = 1
    DRAGGING = 2
    PINCHING = 3
    SPENT = 4  # a long press or the end of a pinch: nothing more until every finger lifts


class GestureRecogniser:
    """Turns presses, moves and releases (finger id, local position, time in seconds) into
    gestures. No Qt event and no clock of its own: tests drive it with synthetic sequences."""

    def __init__(self, short_side: float = 1080.0) -> None:
        self.slop = 0.0
        self.double_tap_reach = 0.0
        self.set_short_side(short_side)
        self._fingers: dict[int, QPointF] = {}
        self._state = _State.IDLE
        self._press_pos = QPointF()
        self._press_time = 0.0
        self._last_pos = QPointF()
        self._samples: list[tuple[float, QPointF]] = []
        self._last_tap: tuple[float, QPointF] | None = None
        self._pinch_start = 1.0
        self._pinch_last = (1.0, QPointF())

    def set_short_side(self, short_side: float) -> None:
        """Scale the slop and the double tap's reach to a window of this shorter side (px)."""
        self.slop = slop_for(short_side)
        self.double_tap_reach = max(24.0, max(1.0, short_side) * DOUBLE_TAP_REACH_FRACTION)

    @property
    def active(self) -> bool:
        """A finger is down."""
        return bool(self._fingers)

    @property
    def dragging(self) -> bool:
        return self._state is _State.DRAGGING

    def forget_tap(self) -> None:
        """The last tap was used for something else (a pin): the next one is a first tap."""
        self._last_tap = None

    def press(self, finger: int, pos: QPointF, now: float) -> list[Gesture]:
        restart = finger in self._fingers and len(self._fingers) == 1
        self._fingers[finger] = QPointF(pos)
        if len(self._fingers) == 1:
            if restart and self._state is _State.DRAGGING:
                return []  # a second press event of the same finger (Qt's double click)
            self._state = _State.PRESSED
            self._press_pos = QPointF(pos)
            self._press_time = now
            self._last_pos = QPointF(pos)
            self._samples = [(now, QPointF(pos))]
            return [Gesture(GestureKind.PRESS, QPointF(pos))]
        if len(self._fingers) == 2 and self._state in (_State.PRESSED, _State.DRAGGING):
            out = [Gesture(GestureKind.CANCEL, self._last_pos)] if self.dragging else []
            self._state = _State.PINCHING
            self._last_tap = None
            first, second = self._two()
            self._pinch_start = max(1.0, distance(first, second))
            centre = (first + second) / 2
            self._pinch_last = (self._pinch_start, centre)
            return [*out, Gesture(GestureKind.PINCH_START, centre)]
        return []

    def move(self, finger: int, pos: QPointF, now: float) -> list[Gesture]:
        if finger not in self._fingers:
            return []
        self._fingers[finger] = QPointF(pos)
        if self._state is _State.PRESSED:
            total = pos - self._press_pos
            if distance(pos, self._press_pos) <= self.slop:
                return []
            self._state = _State.DRAGGING
            self._last_tap = None
            self._last_pos = QPointF(pos)
            self._add_sample(now, pos)
            return [
                Gesture(GestureKind.DRAG_START, QPointF(self._press_pos)),
                Gesture(GestureKind.DRAG, QPointF(pos), delta=total, total=total),
            ]
        if self._state is _State.DRAGGING:
            delta = pos - self._last_pos
            self._last_pos = QPointF(pos)
            self._add_sample(now, pos)
            return [
                Gesture(GestureKind.DRAG, QPointF(pos), delta=delta, total=pos - self._press_pos)
            ]
        if self._state is _State.PINCHING and finger in list(self._fingers)[:2]:
            first, second = self._two()
            spread = max(1.0, distance(first, second))
            centre = (first + second) / 2
            last_spread, last_centre = self._pinch_last
            self._pinch_last = (spread, centre)
            return [
                Gesture(
                    GestureKind.PINCH,
                    centre,
                    delta=centre - last_centre,
                    scale=spread / self._pinch_start,
                    step_scale=spread / last_spread,
                )
            ]
        return []

    def release(self, finger: int, pos: QPointF, now: float) -> list[Gesture]:
        if finger not in self._fingers:
            return []
        moved = pos != self._fingers[finger]
        out = self.move(finger, pos, now) if moved or self.dragging else []
        del self._fingers[finger]
        state = self._state
        if state is _State.PINCHING and len(self._fingers) < 2:
            out.append(Gesture(GestureKind.PINCH_END, (self._pinch_last[1])))
            self._state = _State.SPENT
        if self._fingers:
            return out
        self._state = _State.IDLE
        if state is _State.PRESSED:
            out.append(self._tap(now))
        elif state is _State.DRAGGING:
            out.append(Gesture(GestureKind.DRAG_END, QPointF(pos), velocity=self._velocity(now)))
        return out

    def cancel(self) -> list[Gesture]:
        """The system took the touch away: forget every finger."""
        out = (
            [Gesture(GestureKind.CANCEL, self._last_pos)] if self._state is not _State.IDLE else []
        )
        self._fingers.clear()
        self._state = _State.IDLE
        return out

    def expire(self, now: float) -> list[Gesture]:
        """Called when a long press may be due: a still finger held long enough is one."""
        if self._state is _State.PRESSED and (now - self._press_time) * 1000 >= LONG_PRESS_MS:
            self._state = _State.SPENT
            self._last_tap = None
            return [Gesture(GestureKind.LONG_PRESS, QPointF(self._press_pos))]
        return []

    def _tap(self, now: float) -> Gesture:
        pos = QPointF(self._press_pos)
        previous = self._last_tap
        if (
            previous is not None
            and (now - previous[0]) * 1000 <= DOUBLE_TAP_MS
            and distance(previous[1], pos) <= self.double_tap_reach
        ):
            self._last_tap = None
            return Gesture(GestureKind.DOUBLE_TAP, pos)
        self._last_tap = (now, pos)
        return Gesture(GestureKind.TAP, pos)

    def _two(self) -> tuple[QPointF, QPointF]:
        first, second = list(self._fingers.values())[:2]
        return first, second

    def _add_sample(self, now: float, pos: QPointF) -> None:
        self._samples.append((now, QPointF(pos)))
        self._samples = [(t, p) for t, p in self._samples if now - t <= VELOCITY_WINDOW_S]

    def _velocity(self, now: float) -> QPointF:
        """The finger's speed over its last tenth of a second; none if it rested before."""
        if len(self._samples) < 2 or now - self._samples[-1][0] > VELOCITY_WINDOW_S:
            return QPointF()
        (t0, p0), (t1, p1) = self._samples[0], self._samples[-1]
        if t1 - t0 <= 1e-3:
            return QPointF()
        return (p1 - p0) / (t1 - t0)


Handler = Callable[[Gesture], None]


class GestureInput(QObject):
    """Reads a widget's mouse (left button) and touch events and hands gestures to ``handler``.

    ``watched`` (default: ``widget``) is where the events arrive, e.g. a view's viewport;
    positions are given in ``widget``'s local coordinates. The pointer events are swallowed,
    unless ``pass_taps``: then (for a strip of buttons, which a touch reaches as the mouse
    events Qt makes from it) they go on to the widget until the press becomes a drag.
    """

    def __init__(
        self,
        widget: QWidget,
        handler: Handler,
        *,
        watched: QWidget | None = None,
        long_press: bool = False,
        pass_taps: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(widget)
        self.widget = widget
        self.handler = handler
        self.recogniser = GestureRecogniser()
        self.clock = clock
        self._long_press = QTimer(self)
        self._long_press.setSingleShot(True)
        self._long_press.setInterval(LONG_PRESS_MS)
        self._long_press.timeout.connect(self._on_long_press)
        self._wants_long_press = long_press
        self.pass_taps = pass_taps
        self._button: QAbstractButton | None = None  # the button a finger came down on
        self._held: list[Gesture] = []  # that finger's press, given to the widget if it drags
        self.watch(watched if watched is not None else widget)

    def watch(self, target: QWidget) -> None:
        """Read the pointer events arriving at ``target`` too (a child of the widget)."""
        if not self.pass_taps:
            target.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Hide:
            self.recogniser.cancel()  # its release will never come: start afresh next time
            self._leave_button()
            return False
        if not self.pass_taps:
            if event.type() == QEvent.Type.TouchBegin and isinstance(watched, QWidget):
                if self.recogniser.active:  # fingers of a touch whose end went elsewhere
                    self._emit(self.recogniser.cancel())
                self._press_button(watched, event)
            return self.feed(event)
        was_dragging = self.recogniser.dragging
        return self.feed(event) and (was_dragging or self.recogniser.dragging)

    def feed(self, event: QEvent) -> bool:
        """Handle a pointer event; True when it was one (mouse left button or touch)."""
        kind = event.type()
        now = self.clock()
        gestures: list[Gesture]
        if isinstance(event, QTouchEvent):
            if self.pass_taps:
                return False  # the buttons take touches as the mouse events Qt makes of them
            gestures = self._touch(event, now)
        elif isinstance(event, QMouseEvent) and kind in _MOUSE_KINDS:
            if event.button() not in (Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton):
                return False
            if kind == QEvent.Type.MouseMove and not (event.buttons() & Qt.MouseButton.LeftButton):
                return False
            pos = self._local(event.globalPosition())
            if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
                gestures = self._press(_MOUSE_ID, pos, now)
            elif kind == QEvent.Type.MouseMove:
                gestures = self.recogniser.move(_MOUSE_ID, pos, now)
            else:
                gestures = self.recogniser.release(_MOUSE_ID, pos, now)
        else:
            return False
        self._emit(gestures)
        event.accept()
        return True

    def _touch(self, event: QTouchEvent, now: float) -> list[Gesture]:
        if event.type() == QEvent.Type.TouchCancel:
            return self.recogniser.cancel()
        out: list[Gesture] = []
        if event.type() == QEvent.Type.TouchBegin and self.recogniser.active:
            out += self.recogniser.cancel()  # fingers of a touch whose end went elsewhere
        for point in event.points():
            pos = self._local(point.globalPosition())
            state = point.state()
            if state == QEventPoint.State.Pressed:
                out += self._press(point.id(), pos, now)
            elif state == QEventPoint.State.Released:
                out += self.recogniser.release(point.id(), pos, now)
            elif state == QEventPoint.State.Updated:
                out += self.recogniser.move(point.id(), pos, now)
        if event.type() == QEvent.Type.TouchEnd and self.recogniser.active:
            out += self.recogniser.cancel()  # a finger Qt never reported lifted
        return out

    def _press(self, finger: int, pos: QPointF, now: float) -> list[Gesture]:
        if not self.recogniser.active:
            self.recogniser.set_short_side(window_short_side(self.widget))
            if self._wants_long_press:
                self._long_press.start()
        return self.recogniser.press(finger, pos, now)

    def _local(self, global_pos: QPointF) -> QPointF:
        return self.widget.mapFromGlobal(global_pos)

    def _press_button(self, watched: QWidget, event: QEvent) -> None:
        """A finger coming down on a button inside ``watched``: that button is pressed."""
        self._leave_button()
        assert isinstance(event, QTouchEvent)
        points = event.points()
        if not points:
            return
        child = watched.childAt(watched.mapFromGlobal(points[0].globalPosition()).toPoint())
        while child is not None and child is not watched:
            if isinstance(child, QAbstractButton):
                self._button = child
                child.setDown(child.isEnabled())
                return
            child = child.parentWidget()

    def _leave_button(self) -> QAbstractButton | None:
        button, self._button = self._button, None
        if button is not None:
            button.setDown(False)
        return button

    def _through_button(self, gestures: list[Gesture]) -> list[Gesture]:
        """The gestures of a finger that came down on a button: its tap clicks the button,
        its press waits; a drag or a pinch leaves the button and has the press back."""
        if self._button is None:
            return gestures
        out: list[Gesture] = []
        for gesture in gestures:
            kind = gesture.kind
            if self._button is None:
                out.append(gesture)
            elif kind is GestureKind.PRESS:
                self._held = [gesture]
            elif kind in (GestureKind.TAP, GestureKind.DOUBLE_TAP):
                self.recogniser.forget_tap()  # a tap on a button is no half of a double tap
                button = self._leave_button()
                if button is not None and button.isEnabled():
                    button.click()
            elif kind is GestureKind.LONG_PRESS:
                self._leave_button()  # held too long: neither a click nor a press
            else:
                self._leave_button()
                out += [*self._held, gesture]
            if self._button is None:
                self._held = []
        return out

    def _emit(self, gestures: list[Gesture]) -> None:
        gestures = self._through_button(gestures)
        for gesture in gestures:
            if gesture.kind is not GestureKind.PRESS:
                self._long_press.stop()
            self.handler(gesture)

    def _on_long_press(self) -> None:
        self._emit(self.recogniser.expire(self.clock()))


_MOUSE_KINDS = (
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove,
    QEvent.Type.MouseButtonRelease,
)


def glide(velocity: QPointF, elapsed: float) -> tuple[QPointF, QPointF]:
    """One step of a glide: how far it goes in ``elapsed`` seconds, and the slower speed."""
    return velocity * elapsed, velocity * math.exp(-INERTIA_FRICTION * elapsed)


class Inertia(QObject):
    """After a fling, keeps moving by ``step(delta)`` (False: it could not move), slowing down."""

    def __init__(self, parent: QObject, step: Callable[[QPointF], bool]) -> None:
        super().__init__(parent)
        self.step = step
        self.velocity = QPointF()
        self._clock = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(INERTIA_TICK_MS)
        self._timer.timeout.connect(self._tick)

    def fling(self, velocity: QPointF) -> None:
        """Glide on at ``velocity`` (px/s) if it is fast enough."""
        self.stop()
        if math.hypot(velocity.x(), velocity.y()) > FLING_MIN_SPEED:
            self.velocity = QPointF(velocity)
            self._clock = time.monotonic()
            self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def is_active(self) -> bool:
        return self._timer.isActive()

    def _tick(self) -> None:
        now = time.monotonic()
        elapsed = min(0.05, now - self._clock)
        self._clock = now
        delta, self.velocity = glide(self.velocity, elapsed)
        moved = self.step(delta)
        if not moved or math.hypot(self.velocity.x(), self.velocity.y()) < INERTIA_MIN_SPEED:
            self._timer.stop()
