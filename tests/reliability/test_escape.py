"""Escape attempts on a locked-down kiosk (a real KioskWindow and KioskController with
``locked_down=True``, as ``kiosk.ui.app.run_kiosk`` builds them): leaving shortcuts typed on a
keyboard, the staff gesture without a PIN, a PIN brute force, and a visit with no network.

``KIOSK_PIN_TRIES`` sets the number of wrong PINs (150 by default — each costs one scrypt
check, about 55 ms — and 1,000 in the full run).
"""

from __future__ import annotations

import dataclasses
import itertools
import random
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.config import ContentRoot
from kiosk.library import catalogue_views, pin
from kiosk.library.pin import PinGuard
from kiosk.library.settings import KioskSettings
from kiosk.store.database import Catalogue
from kiosk.store.models import Setting
from kiosk.ui.app import RunOptions, build_context
from kiosk.ui.kiosk_controller import KioskController
from kiosk.ui.window import KioskWindow
from tests.reliability import amount, record
from tests.reliability.kiosk_harness import watch_incidents

STAFF_PIN = "4821"
SETTINGS = KioskSettings(
    idle_timeout_s=600, idle_countdown_s=1, staff_timeout_s=60, hide_cursor=False
)
NO = Qt.KeyboardModifier.NoModifier
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
META = Qt.KeyboardModifier.MetaModifier
K = Qt.Key
# (name, key, modifiers): what closes, minimises, switches or kills a window somewhere.
ESCAPE_KEYS: list[tuple[str, Qt.Key, Qt.KeyboardModifier]] = [
    ("Alt+F4", K.Key_F4, ALT),
    ("Ctrl+F4", K.Key_F4, CTRL),
    ("Ctrl+Q", K.Key_Q, CTRL),
    ("Ctrl+Shift+Q", K.Key_Q, CTRL | SHIFT),
    ("Ctrl+W", K.Key_W, CTRL),
    ("Ctrl+Shift+W", K.Key_W, CTRL | SHIFT),
    ("Ctrl+M", K.Key_M, CTRL),
    ("Ctrl+H", K.Key_H, CTRL),
    ("Escape", K.Key_Escape, NO),
    ("Shift+Escape", K.Key_Escape, SHIFT),
    ("Ctrl+Shift+Escape", K.Key_Escape, CTRL | SHIFT),
    ("F11", K.Key_F11, NO),
    ("Alt+Tab", K.Key_Tab, ALT),
    ("Alt+Shift+Tab", K.Key_Tab, ALT | SHIFT),
    ("Alt+Space", K.Key_Space, ALT),
    ("Alt+F2", K.Key_F2, ALT),
    ("Super", K.Key_Super_L, NO),
    ("Super (droite)", K.Key_Super_R, NO),
    ("Meta", K.Key_Meta, NO),
    ("Super+D", K.Key_D, META),
    ("Super+Tab", K.Key_Tab, META),
    ("Ctrl+Alt+Backspace", K.Key_Backspace, CTRL | ALT),
    ("Ctrl+Alt+Delete", K.Key_Delete, CTRL | ALT),
    ("Ctrl+Alt+F1", K.Key_F1, CTRL | ALT),
    ("Ctrl+Alt+T", K.Key_T, CTRL | ALT),
]


# Pressed alone they do nothing (QTest, like a keyboard, presses them before the key).
MODIFIER_KEYS = {K.Key_Control.value, K.Key_Shift.value}


class KeyProbe(QObject):
    """An application event filter installed *before* the lockdown guard, so it runs after it:
    it sees only the key presses the guard let through."""

    def __init__(self) -> None:
        super().__init__()
        self.delivered: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        key = getattr(event, "key", lambda: 0)()
        if event.type() == QEvent.Type.KeyPress and key not in MODIFIER_KEYS:
            self.delivered.append(f"{type(watched).__name__}:{key}")
        return False


@dataclass
class LockedKiosk:
    controller: KioskController
    probe: KeyProbe

    @property
    def window(self) -> KioskWindow:
        return self.controller.window


@pytest.fixture
def locked_kiosk(
    qtbot: QtBot, qapp: QApplication, content_root: ContentRoot, sample_catalogue: Catalogue
) -> Iterator[LockedKiosk]:
    """The kiosk as run_kiosk builds it in full-screen mode (no ``allow_close``, lockdown on)."""
    if not pin.has_pin(sample_catalogue):
        pin.set_pin(sample_catalogue, STAFF_PIN)
    probe = KeyProbe()
    qapp.installEventFilter(probe)
    context = build_context(qapp, content_root, sample_catalogue, RunOptions(size=(1280, 800)))
    window = KioskWindow(context)
    controller = KioskController(window, context, SETTINGS, locked_down=True)
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    controller.start()
    try:
        yield LockedKiosk(controller, probe)
    finally:
        controller.shutdown()
        qapp.removeEventFilter(controller.idle)
        qapp.removeEventFilter(probe)
        if controller.guard is not None:
            qapp.removeEventFilter(controller.guard)
        for screen in window.screens.values():
            player = getattr(screen, "player", None)
            if player is not None:
                player.release()
        context.languages.set_language("fr")
        window.setProperty("allow_close", True)
        window.close()
        window.deleteLater()
        QApplication.processEvents()


def type_on_keyboard(window: KioskWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    """A key press and release from the platform (QWindowSystemInterface), the way a keyboard's
    go through QApplication: shortcut override, shortcuts, then the focused widget."""
    handle = window.windowHandle()
    assert handle is not None
    QTest.keyClick(handle, key, modifiers)
    QApplication.processEvents()


def test_no_key_combination_closes_or_leaves_the_kiosk(locked_kiosk: LockedKiosk) -> None:
    window = locked_kiosk.window
    window.open("page", "ess")
    tripped: list[str] = []
    tripwires = []
    for name, key, modifiers in ESCAPE_KEYS:
        # An application shortcut on the same keys stands for any handler that would close.
        shortcut = QShortcut(QKeySequence(modifiers.value | key.value), window)
        shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        shortcut.activated.connect(lambda name=name: tripped.append(name))
        tripwires.append(shortcut)
    failures: list[str] = []
    for name, key, modifiers in ESCAPE_KEYS:
        before = len(locked_kiosk.probe.delivered)
        type_on_keyboard(window, key, modifiers)
        if not window.isVisible() or window.isMinimized():
            failures.append(f"{name}: the window is gone")
        if window.current_route.name != "page":
            failures.append(f"{name}: left the page for {window.current_route.name}")
        if len(locked_kiosk.probe.delivered) != before:
            failures.append(f"{name}: reached {locked_kiosk.probe.delivered[before:]}")
    failures += [f"{name}: a shortcut fired" for name in tripped]
    # What a window manager does on Alt+F4 or its close button: a close request.
    window.close()
    QApplication.processEvents()
    if not window.isVisible():
        failures.append("close request: the window closed")
    # An ordinary key still arrives (the guard is not simply eating the keyboard).
    type_on_keyboard(window, K.Key_A, NO)
    letter_arrived = bool(locked_kiosk.probe.delivered)
    record(
        "Tentatives d'évasion (clavier)",
        len(ESCAPE_KEYS) + 1,
        len(failures),
        "rien" if not failures else "fenêtre quittée",
        f"{len(ESCAPE_KEYS)} combinaisons + demande de fermeture",
    )
    assert not failures, failures
    assert letter_arrived


def test_the_staff_gesture_without_a_pin_never_lets_anyone_choose_one(
    qtbot: QtBot, locked_kiosk: LockedKiosk
) -> None:
    """A kiosk without a PIN (a stand built from a bundle, a first start): a restart shows no
    pad, and the hidden gesture, held for real on the logo, then on the closed screen, shows
    "Borne non configurée" with no key to type; taps all over the card open nothing."""
    controller = locked_kiosk.controller
    catalogue = controller.context.catalogue
    with catalogue.session() as session:
        stored = session.get(Setting, pin.PIN_KEY)
        assert stored is not None
        session.delete(stored)
    assert not pin.has_pin(catalogue)
    pad = controller.pin_pad
    opened = []
    pad.accepted.connect(lambda: opened.append(True))
    controller.start()  # what every start without a PIN did: offer the pad to the public
    shown_at_start = int(pad.isVisible())
    window = controller.window
    logo = window.top_bar.logo
    logo.hold_ms = controller.closed.staff_corner.hold_ms = 60
    rounds = 20
    taps = random.Random(14)
    for attempt in range(rounds):
        if attempt == rounds // 2:  # the second half on the closed ("À bientôt") screen
            hours = {"mon": ["09:00", "09:01"]}
            controller.settings = dataclasses.replace(controller.settings, opening_hours=hours)
            controller.clock = lambda: datetime(2026, 11, 28, 15, 0)  # a Saturday
            controller.check_schedule()
            assert controller.closed.isVisible()
        centre = logo.mapTo(window, logo.rect().center())
        target = window.childAt(centre)
        assert target is not None
        local = target.mapFrom(window, centre)
        qtbot.mousePress(target, Qt.MouseButton.LeftButton, pos=local)
        qtbot.waitUntil(pad.isVisible, timeout=2000)
        qtbot.mouseRelease(target, Qt.MouseButton.LeftButton, pos=local)
        assert pad.mode == "no-pin" and not pad.keypad.isVisible()
        for digit in f"{1000 + attempt * 37:04d}" * 2:  # the keys, were they reachable
            pad.keys[digit].click()
        pad.keys["✓"].click()
        assert pad.entered == "", "the keys of a no-pin pad typed something"
        for _ in range(10):  # taps anywhere on the pad
            point = QPoint(taps.randrange(pad.width()), taps.randrange(pad.height()))
            hit = pad.childAt(point) or pad
            if hit is not pad.cancel_button:
                qtbot.mouseClick(hit, Qt.MouseButton.LeftButton, pos=hit.mapFrom(pad, point))
        assert controller.staff_area is None
        pad.cancel_button.click()
        assert not pad.isVisible()
    record(
        "Geste équipe sans code",
        rounds,
        shown_at_start + len(opened) + int(pin.has_pin(catalogue)),
        "rien" if not opened else "espace équipe ouvert",
        "aucun pavé au démarrage, « Borne non configurée » sans touche (aussi sur « À bientôt »)",
    )
    assert not shown_at_start
    assert not opened and controller.staff_area is None
    assert not pin.has_pin(catalogue)


def test_a_pin_brute_force_never_opens_staff_and_the_lockout_grows(
    locked_kiosk: LockedKiosk,
) -> None:
    controller = locked_kiosk.controller
    tries = amount("KIOSK_PIN_TRIES", 150, 1000)
    now = [1_700_000_000.0]
    catalogue = controller.context.catalogue
    guard = PinGuard(catalogue, clock=lambda: now[0])  # kept in the catalogue, as the kiosk's
    pad = controller.pin_pad
    pad.guard = guard
    opened = []
    pad.accepted.connect(lambda: opened.append(True))
    controller.open_pin_pad()
    assert pad.mode == "verify"
    randomness = random.Random(8)
    delays: list[float] = []
    ignored_while_locked = 0
    wrong = 0
    while wrong < tries:
        guess = f"{randomness.randrange(10**4):04d}"
        if guess == STAFF_PIN:
            continue
        for digit in guess:
            pad.keys[digit].click()
        pad.keys["✓"].click()
        wrong += 1
        locked = guard.seconds_locked()
        if locked:
            delays.append(locked)
            # Locked: even the right PIN typed now is not looked at.
            for digit in STAFF_PIN:
                pad.keys[digit].click()
            pad.keys["✓"].click()
            ignored_while_locked += int(not opened and pad.entered == "")
            now[0] += locked + 0.5  # the wait runs out (the pad's own 1 s refresh below)
            pad._refresh()
    grows = all(b >= a for a, b in itertools.pairwise(delays))
    record(
        "Force brute du code équipe",
        tries,
        len(opened),
        "rien" if not opened else "espace équipe ouvert",
        f"attente de {delays[0]:.0f} s à {delays[-1]:.0f} s",
    )
    assert not opened and controller.staff_area is None
    assert pad.isVisible()
    assert len(delays) == tries - guard.free_tries + 1
    assert grows and delays[-1] > delays[0]
    assert delays[-1] == guard.max_delay_s
    assert ignored_while_locked == len(delays)
    # A restart (kill -9, a new process on the same file) gives no fresh tries.
    guard.record(False)
    restarted = Catalogue(catalogue.db_path)
    try:
        after_restart = PinGuard(restarted, clock=lambda: now[0])
        assert after_restart.wrong_tries == tries + 1
        assert after_restart.seconds_locked() == guard.max_delay_s
    finally:
        restarted.close()


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every socket connection fails as it would without a network; returns the attempts."""
    attempts: list[str] = []

    def refuse(*args: object, **_kwargs: object) -> None:
        attempts.append(repr(args[1:] or args)[:120])
        raise OSError(101, "Network is unreachable")

    def refuse_ex(*args: object, **_kwargs: object) -> int:
        attempts.append(repr(args[1:])[:120])
        return 101

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse_ex)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_a_whole_visit_without_any_network(
    qtbot: QtBot, locked_kiosk: LockedKiosk, no_network: list[str]
) -> None:
    controller = locked_kiosk.controller
    window = controller.window
    catalogue = controller.context.catalogue
    with pytest.raises(OSError):
        socket.create_connection(("example.org", 443), timeout=1)
    no_network.clear()
    steps: list[str] = []
    with watch_incidents() as incidents:
        home = window.screens["home"]
        tile = home.tiles["map"]  # type: ignore[attr-defined]
        QTest.mouseClick(tile, Qt.MouseButton.LeftButton)
        steps.append(window.current_route.name)
        places = catalogue_views.places(catalogue)
        assert places
        window.open("map", places[0].slug)
        QApplication.processEvents()
        sheet = window.screens["map"].sheet  # type: ignore[attr-defined]
        steps.append("sheet" if sheet.isVisible() else "no sheet")
        window.open("videos")
        steps.append(window.current_route.name)
        window.open("notes")
        steps.append(window.current_route.name)
        albums = catalogue_views.albums(catalogue)
        window.open("slideshow", albums[0].slug)
        window.screens["slideshow"].stage.go(1, animated=False)  # type: ignore[attr-defined]
        steps.append(window.current_route.name)
        window.open("page", "ess")
        steps.append(window.current_route.name)
        QApplication.processEvents()
        controller.idle.timeout_s = 0.05
        controller.idle._tick_timer.setInterval(20)
        controller.idle.start()
        qtbot.waitUntil(controller.attract.isVisible, timeout=5_000)
        steps.append("attract")
        controller.idle.timeout_s = 600
        QTest.mouseClick(controller.attract, Qt.MouseButton.LeftButton)
        steps.append(window.current_route.name)
    problems = incidents.exceptions[:1] + incidents.qt_messages[:3]
    expected = ["map", "sheet", "videos", "notes", "slideshow", "page", "attract", "home"]
    record(
        "Aucun réseau",
        1,
        int(steps != expected) + len(problems),
        "rien" if steps == expected and not problems else "visite interrompue",
        f"{len(no_network)} tentatives de connexion refusées",
    )
    assert not problems, problems
    assert steps == expected
    assert window.isVisible() and not controller.attract.isVisible()
