"""Monkey test: thousands of random taps, drags, pinches and long presses (real touch events
through Qt's input path) spread over every visitor screen of a real kiosk window. No exception
may reach the event loop, Qt may warn of no failed operation, and after every block of gestures
the home button (or a touch on the attract loop) brings the visitor home.

``KIOSK_MONKEY_GESTURES`` sets the number of gestures (2,500 offscreen by default, 12,000 in the
full run; the X11 run with real video does a fifth of that).
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.config import ContentRoot
from kiosk.library import catalogue_views
from kiosk.store.database import Catalogue
from kiosk.ui.kiosk_controller import KioskController
from tests.reliability import amount, record
from tests.reliability.kiosk_harness import Incidents, running_kiosk, watch_incidents

BLOCK = 200
_device: QPointingDevice | None = None


def touch_device() -> QPointingDevice:
    global _device
    if _device is None:
        _device = QTest.createTouchDevice()
    return _device


class Monkey:
    """Random gestures on one window, in window coordinates."""

    def __init__(self, window: QWidget, chance: random.Random) -> None:
        self.window = window
        self.chance = chance
        self.counts: dict[str, int] = {}

    def point(self) -> QPoint:
        return QPoint(
            self.chance.randrange(self.window.width()), self.chance.randrange(self.window.height())
        )

    def near(self, origin: QPoint, reach: int) -> QPoint:
        x = min(max(origin.x() + self.chance.randint(-reach, reach), 0), self.window.width() - 1)
        y = min(max(origin.y() + self.chance.randint(-reach, reach), 0), self.window.height() - 1)
        return QPoint(x, y)

    def settle(self) -> None:
        QApplication.processEvents()

    def tap(self, at: QPoint | None = None) -> None:
        at = at or self.point()
        QTest.touchEvent(self.window, touch_device()).press(0, at).commit()
        QTest.touchEvent(self.window, touch_device()).release(0, at).commit()
        self.settle()

    def double_tap(self) -> None:
        at = self.point()
        self.tap(at)
        self.tap(at)

    def drag(self) -> None:
        start = self.point()
        QTest.touchEvent(self.window, touch_device()).press(0, start).commit()
        at = start
        for _ in range(self.chance.randint(2, 8)):
            at = self.near(at, 120)
            QTest.touchEvent(self.window, touch_device()).move(0, at).commit()
            self.settle()
        QTest.touchEvent(self.window, touch_device()).release(0, at).commit()
        self.settle()

    def pinch(self) -> None:
        centre = self.point()
        spread = self.chance.randint(20, 200)
        target = self.chance.randint(10, 400)
        first, second = self.near(centre, spread), self.near(centre, spread)
        QTest.touchEvent(self.window, touch_device()).press(0, first).press(1, second).commit()
        for step in range(1, 6):
            first, second = self.near(centre, target * step // 5), self.near(centre, spread)
            QTest.touchEvent(self.window, touch_device()).move(0, first).move(1, second).commit()
            self.settle()
        QTest.touchEvent(self.window, touch_device()).release(0, first).release(1, second).commit()
        self.settle()

    def long_press(self) -> None:
        at = self.point()
        QTest.touchEvent(self.window, touch_device()).press(0, at).commit()
        QTest.qWait(self.chance.randint(500, 1100))
        QTest.touchEvent(self.window, touch_device()).release(0, at).commit()
        self.settle()

    def random_gesture(self, long_press_share: float) -> None:
        roll = self.chance.random()
        gesture: Callable[[], None]
        if roll < long_press_share:
            gesture, name = self.long_press, "appuis longs"
        elif roll < 0.55:
            gesture, name = self.tap, "touchers"
        elif roll < 0.65:
            gesture, name = self.double_tap, "doubles touchers"
        elif roll < 0.85:
            gesture, name = self.drag, "glissers"
        else:
            gesture, name = self.pinch, "pincements"
        gesture()
        self.counts[name] = self.counts.get(name, 0) + 1


def routes(catalogue: Catalogue, with_player: bool) -> list[str]:
    """Every visitor screen, with an argument where the screen takes one."""
    found = ["home", "map", "videos", "notes", "page:ess", "attract"]
    found += [f"map:{place.slug}" for place in catalogue_views.places(catalogue)[:2]]
    found += [f"slideshow:{album.slug}" for album in catalogue_views.albums(catalogue)[:1]]
    if with_player:
        found += [f"player:{video.media_id}" for video in catalogue_views.videos(catalogue)[:2]]
    return found


def go_home_by_touch(controller: KioskController, monkey: Monkey) -> bool:
    """What a visitor does to start again; True when the home screen is showing."""
    window = controller.window
    for _ in range(3):
        if controller.attract.isVisible() or controller.countdown.isVisible():
            monkey.tap(QPoint(window.width() // 2, window.height() // 2))
            continue
        if controller.pin_pad.isVisible():
            controller.pin_pad.hide()
        player = window.screens.get("player")
        close = getattr(player, "close_button", None)
        if window.current_route.name == "player" and close is not None:
            close.click()  # the player's own close button (its band is a native window)
            monkey.settle()
            continue
        button = window.top_bar.home_button
        if button.isVisible():
            monkey.tap(button.mapTo(window, button.rect().center()))
        if window.current_route.name == "home" and not controller.attract.isVisible():
            return True
    return window.current_route.name == "home" and not controller.attract.isVisible()


def open_route(controller: KioskController, route: str) -> None:
    if route == "attract":
        controller.sleep()
        return
    name, _, argument = route.partition(":")
    if controller.attract.isVisible():
        controller.wake()
    controller.window.open(name, argument)


def run_monkey(
    app: QApplication,
    root: ContentRoot,
    catalogue: Catalogue,
    gestures: int,
    *,
    with_player: bool,
    long_press_share: float,
    seed: str,
) -> tuple[Incidents, list[str], Monkey]:
    chance = random.Random(seed)
    stuck: list[str] = []
    with watch_incidents() as incidents, running_kiosk(app, root, catalogue) as controller:
        monkey = Monkey(controller.window, chance)
        screens = routes(catalogue, with_player)
        for block in range(0, gestures, BLOCK):
            route = screens[block // BLOCK % len(screens)]
            open_route(controller, route)
            monkey.settle()
            for _ in range(min(BLOCK, gestures - block)):
                monkey.random_gesture(long_press_share)
                if not with_player and controller.window.current_route.name == "player":
                    # Offscreen there is no window for libvlc to draw in: leave at once.
                    controller.window.go_back()
            if not go_home_by_touch(controller, monkey):
                stuck.append(f"after {route}: still on {controller.window.current_route}")
        # The kiosk still answers: a tile opens the map, the home button comes back.
        home = controller.window.screens["home"]
        tile = getattr(home, "tiles", {}).get("map")
        assert tile is not None
        monkey.tap(tile.mapTo(controller.window, tile.rect().center()))
        if controller.window.current_route.name != "map":
            stuck.append("at the end a tap on the map tile did not open the map")
    return incidents, stuck, monkey


def check(
    scenario: str, gestures: int, incidents: Incidents, stuck: list[str], monkey: Monkey
) -> None:
    failures = len(incidents.exceptions) + len(incidents.qt_messages) + len(stuck)
    detail = ", ".join(f"{count} {name}" for name, count in sorted(monkey.counts.items()))
    record(scenario, gestures, failures, "rien" if not stuck else "écran bloqué", detail)
    assert not incidents.exceptions, incidents.exceptions[0]
    assert not incidents.qt_messages, incidents.qt_messages[:5]
    assert not stuck, stuck


def test_random_touches_offscreen(
    qapp: QApplication, content_root: ContentRoot, sample_catalogue: Catalogue
) -> None:
    gestures = amount("KIOSK_MONKEY_GESTURES", 2_500, 12_000)
    incidents, stuck, monkey = run_monkey(
        qapp,
        content_root,
        sample_catalogue,
        gestures,
        with_player=False,
        long_press_share=0.004,
        seed=os.environ.get("KIOSK_MONKEY_SEED", "8"),
    )
    check("Singe (hors écran)", gestures, incidents, stuck, monkey)


@pytest.mark.x11
def test_random_touches_with_real_video(
    qapp: QApplication, content_root: ContentRoot, sample_catalogue: Catalogue
) -> None:
    gestures = amount("KIOSK_MONKEY_GESTURES", 2_500, 12_000) // 5
    incidents, stuck, monkey = run_monkey(
        qapp,
        content_root,
        sample_catalogue,
        gestures,
        with_player=True,
        long_press_share=0.01,
        seed=os.environ.get("KIOSK_MONKEY_SEED", "8"),
    )
    check("Singe (X11, vraie vidéo)", gestures, incidents, stuck, monkey)
