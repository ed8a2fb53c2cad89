"""Pin labels laid out on a map: pure geometry over rectangles, no Qt.

Each pin offers its label on several sides (see :func:`layout_labels`); this module chooses one
per pin so that no label covers another label, a marker, a name printed on the map or a button
over it, and that a label stays inside the view.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Protocol

HIDDEN = 0  # the side of a label not shown

Box = tuple[float, float, float, float]  # left, top, right, bottom


class LabelledPlace(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def has_video(self) -> bool: ...


class LabelledPin(Protocol):
    """What the layout needs of a pin (its tip at ``x, y`` map pixels)."""

    x: float
    y: float
    selected: bool
    sides: tuple[int, ...]  # the sides its label may take, in order of preference

    @property
    def place(self) -> LabelledPlace: ...
    def marker_size(self) -> int: ...
    def label_box(self, side: int) -> tuple[float, float, float, float]: ...
    def set_label_side(self, side: int) -> None: ...


def layout_labels(
    pins: Sequence[LabelledPin],
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
    shown lies wholly inside ``bounds`` (the view), so it is never cut at the edge. A selected
    pin with no free side takes the side covering the least of the controls and the outside.

    Positions only depend on the zoom (a pan moves everything together), so this runs once per
    zoom change (and the map canvas keeps the result per zoom). Each label tries right,
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

    for left, top, right, bottom in names:
        add((left, top, right, bottom, -2))

    def clear_of_view(box: Box) -> bool:
        left, top, right, bottom = box
        for c_left, c_top, c_right, c_bottom in controls:
            if left < c_right and c_left < right and top < c_bottom and c_top < bottom:
                return False
        if bounds is None:
            return True
        b_left, b_top, b_right, b_bottom = bounds
        # Whole inside the view, or not shown: a label half out of the view reads "Anticonst"
        # (a pin off screen is laid out again once the map rests).
        return b_left <= left and right <= b_right and b_top <= top and bottom <= b_bottom

    def cover(box: Box) -> float:
        """How much of ``box`` is under a control or out of the view (to choose the least bad
        side of a selected label that has no good one)."""
        left, top, right, bottom = box
        area = 0.0
        for c_left, c_top, c_right, c_bottom in controls:
            width = min(right, c_right) - max(left, c_left)
            height = min(bottom, c_bottom) - max(top, c_top)
            area += max(0.0, width) * max(0.0, height)
        if bounds is not None:
            b_left, b_top, b_right, b_bottom = bounds
            width = max(0.0, min(right, b_right) - max(left, b_left))
            height = max(0.0, min(bottom, b_bottom) - max(top, b_top))
            area += (right - left) * (bottom - top) - width * height
        return area

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
        chosen = HIDDEN
        label_box = pin.label_box
        for side in pin.sides:
            # free() inlined: 2,000 pins try up to 12 sides each at every zoom change.
            b_left, b_top, width, height = label_box(side)
            left, top = b_left + ox, b_top + oy
            right, bottom = left + width, top + height
            blocked = False
            for cx in range(floor(left / cell), floor(right / cell) + 1):
                for cy in range(floor(top / cell), floor(bottom / cell) + 1):
                    for o_left, o_top, o_right, o_bottom, o_owner in grid.get((cx, cy), ()):
                        if (
                            left < o_right
                            and o_left < right
                            and top < o_bottom
                            and o_top < bottom
                            and o_owner != index
                        ):
                            blocked = True
                            break
                    if blocked:
                        break
                if blocked:
                    break
            if not blocked and clear_of_view((left, top, right, bottom)):
                chosen = side
                break
        if chosen == HIDDEN and pin.selected:
            # A selected name always shows: over another marker or a printed name if need be,
            # never under a button nor cut by the view's edge when a side avoids them.
            boxes = {side: _placed(label_box(side), ox, oy) for side in pin.sides}
            chosen = min(pin.sides, key=lambda side: cover(boxes[side]))
        if chosen != HIDDEN:
            add((*_placed(label_box(chosen), ox, oy), -1))
            shown += 1
        pin.set_label_side(chosen)
    return shown


def _placed(box: tuple[float, float, float, float], ox: float, oy: float) -> Box:
    """A label's (left, top, width, height) around its tip at ``ox, oy``, as a rectangle."""
    left, top, width, height = box
    return (left + ox, top + oy, left + ox + width, top + oy + height)
