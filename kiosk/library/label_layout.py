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
    of a pin inside ``bounds`` (the view) stays inside it, so it is never cut at the edge.

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
        chosen = HIDDEN
        for side in pin.sides:
            left, top, width, height = pin.label_box(side)
            left, top = left + ox, top + oy
            box = (left, top, left + width, top + height)
            if free(*box, index) and clear_of_view(ox, oy, box):
                chosen = side
                break
        if chosen == HIDDEN and pin.selected:
            chosen = pin.sides[0]
        if chosen != HIDDEN:
            left, top, width, height = pin.label_box(chosen)
            left, top = left + ox, top + oy
            add((left, top, left + width, top + height, -1))
            shown += 1
        pin.set_label_side(chosen)
    return shown
