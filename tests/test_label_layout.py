"""Pin labels laid out alone: plain rectangles, no Qt."""

from __future__ import annotations

import itertools
import sys
from dataclasses import dataclass
from pathlib import Path

from kiosk.library.label_layout import HIDDEN, Box, layout_labels

RIGHT, LEFT = 1, -1
MARKER = 40
LABEL_W, LABEL_H = 100.0, 30.0


@dataclass
class Place:
    name: str
    has_video: bool = False


@dataclass
class Pin:
    """A pin as the layout sees it: a tip, a square marker above it, a label right or left."""

    x: float
    y: float
    place: Place
    selected: bool = False
    sides: tuple[int, ...] = (RIGHT, LEFT)
    label_side: int = RIGHT

    def marker_size(self) -> int:
        return MARKER

    def label_box(self, side: int) -> tuple[float, float, float, float]:
        left = MARKER / 2 if side == RIGHT else -MARKER / 2 - LABEL_W
        return (left, -MARKER, LABEL_W, LABEL_H)

    def set_label_side(self, side: int) -> None:
        self.label_side = side


def label_of(pin: Pin, scale: float = 1.0) -> Box:
    left, top, width, height = pin.label_box(pin.label_side)
    left, top = left + pin.x * scale, top + pin.y * scale
    return (left, top, left + width, top + height)


def overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_the_layout_needs_no_qt() -> None:
    assert not any(name.startswith("PySide6") for name in sys.modules if "label_layout" in name)
    import kiosk.library.label_layout as module

    assert "PySide6" not in Path(module.__file__).read_text(encoding="utf-8")


def test_a_lone_pin_puts_its_label_right() -> None:
    pin = Pin(500, 500, Place("Le Mazier"))
    assert layout_labels([pin], 1.0) == 1
    assert pin.label_side == RIGHT


def test_a_neighbour_on_the_right_sends_the_label_left() -> None:
    first = Pin(500, 500, Place("Alpha"))
    second = Pin(600, 500, Place("Beta"))  # its marker sits where Alpha's right label would go
    assert layout_labels([first, second], 1.0) == 2
    assert first.label_side == LEFT and second.label_side == RIGHT


def test_no_two_labels_overlap_in_a_crowd_and_the_selected_one_always_shows() -> None:
    pins = [Pin((i % 10) * 60.0, (i // 10) * 25.0, Place(f"Lieu {i:03}")) for i in range(100)]
    pins[42].selected = True
    shown = layout_labels(pins, 1.0)
    assert 0 < shown < len(pins)
    assert pins[42].label_side != HIDDEN
    labels = [label_of(pin) for pin in pins if pin.label_side != HIDDEN]
    assert len(labels) == shown
    for a, b in itertools.combinations(labels, 2):
        assert not overlap(a, b)
    assert layout_labels(pins, 4.0) > shown  # closer in, more names fit


def test_labels_keep_off_printed_names_controls_and_the_view_edge() -> None:
    pin = Pin(500, 500, Place("Moulins"))
    right = (520.0, 460.0, 620.0, 490.0)
    assert layout_labels([pin], 1.0, names=[right]) == 1 and pin.label_side == LEFT
    assert layout_labels([pin], 1.0, controls=[right]) == 1 and pin.label_side == LEFT
    # At the right edge of the view, the label goes left instead of being cut.
    assert layout_labels([pin], 1.0, bounds=(0, 0, 560, 1000)) == 1 and pin.label_side == LEFT
    # Nowhere to go: hidden.
    left = (380.0, 460.0, 480.0, 490.0)
    assert layout_labels([pin], 1.0, names=[right, left]) == 0 and pin.label_side == HIDDEN


def test_places_with_a_video_get_their_label_first() -> None:
    """Both want the gap between them; the one with a video (though later in the alphabet)
    chooses first."""
    plain = Pin(500, 500, Place("Aaa"))
    video = Pin(640, 500, Place("Zzz", has_video=True))
    button = (660.0, 400.0, 800.0, 600.0)  # the video place's right side is under a button
    assert layout_labels([plain, video], 1.0, controls=[button]) == 2
    assert video.label_side == LEFT and plain.label_side == LEFT


def inside(box: Box, bounds: Box) -> bool:
    return (
        bounds[0] <= box[0] and box[2] <= bounds[2] and bounds[1] <= box[1] and box[3] <= bounds[3]
    )


def test_a_selected_label_with_no_free_side_still_keeps_off_the_controls_and_the_edge() -> None:
    """Names crowd both sides: the selected name still shows, but on the side that stays in
    the view and off the buttons (under a printed name rather than under a button)."""
    pin = Pin(500, 500, Place("Lieu au nom très long", has_video=True), selected=True)
    right = (520.0, 460.0, 620.0, 490.0)
    left = (380.0, 460.0, 480.0, 490.0)
    button = (510.0, 440.0, 700.0, 500.0)  # "Toute la carte" over the right side
    view = (0.0, 0.0, 1000.0, 1000.0)
    layout_labels([pin], 1.0, names=[right, left], controls=[button], bounds=view)
    assert pin.label_side == LEFT
    assert not overlap(label_of(pin), button) and inside(label_of(pin), view)
    # The view's edge cuts the left side: the right, over a printed name, but whole.
    layout_labels([pin], 1.0, names=[right, left], bounds=(450, 0, 1000, 1000))
    assert pin.label_side == RIGHT
    # Nowhere clean at all: the side that covers the least of the buttons and the outside.
    layout_labels([pin], 1.0, controls=[(500.0, 440.0, 540.0, 500.0)], bounds=(450, 0, 1000, 1000))
    assert pin.label_side == RIGHT


def test_a_pin_just_outside_the_view_shows_no_label_cut_by_its_edge() -> None:
    view = (0.0, 0.0, 1000.0, 1000.0)
    pin = Pin(1010, 500, Place("Anticonstitutionnellement"))  # its tip just past the edge
    layout_labels([pin], 1.0, bounds=view)
    assert pin.label_side == HIDDEN or inside(label_of(pin), view)
    for x in range(0, 1100, 7):  # wherever it sits, a label shown is whole
        pin = Pin(float(x), 500, Place("Anticonstitutionnellement"))
        layout_labels([pin], 1.0, bounds=view)
        assert pin.label_side == HIDDEN or inside(label_of(pin), view), x
