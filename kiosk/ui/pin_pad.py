"""The staff PIN pad: big keys, the digits shown as dots, a lockout after wrong tries.

A right PIN emits ``accepted``; wrong tries count in a :class:`PinGuard` (kept in the catalogue)
that locks the pad for a growing delay. The pad never chooses a PIN: without one (staff choose
it from a terminal, ``kiosk pin set``) it only says "Borne non configurée", with no key to type,
so nobody at the touchscreen can make the staff code theirs. It closes itself after a while
without a touch, whatever is behind it (the attract loop, the closed screen).
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.kit import icons
from kiosk.kit.overlays import Overlay
from kiosk.kit.theme import (
    CHARCOAL,
    CREAM,
    HEDGE,
    HEDGE_DARK,
    SCRIM,
    STONE,
    STONE_LIGHT,
    TERRACOTTA,
    WHITE,
    Metrics,
)
from kiosk.kit.widgets import named
from kiosk.library import pin
from kiosk.library.pin import PinGuard
from kiosk.store.database import Catalogue

MODE_VERIFY = "verify"
MODE_NO_PIN = "no-pin"  # no PIN yet: nothing to type, nothing to choose
# The pad closes itself after this long without a touch on it (the closed screen has no idle
# reset to close it); the "no PIN" card sooner.
INACTIVITY_MS = 60_000
NO_PIN_INACTIVITY_MS = 10_000
# The keys' height at 1080p; in a low window (a 1280x831 stand window on a 1080p screen) they
# shrink to fit, never below a touch target, instead of overlapping.
KEY_HEIGHT = 112
KEY_WIDTH = 160
KEY_SPACING = 18


class PinPad(Overlay):
    accepted = Signal()
    cancelled = Signal()

    def __init__(
        self, parent: QWidget, metrics: Metrics, catalogue: Catalogue, guard: PinGuard
    ) -> None:
        super().__init__(parent)
        self.setObjectName("PinPad")
        self.catalogue = catalogue
        self.guard = guard
        self.mode = MODE_VERIFY
        self.entered = ""
        self._message = ""
        self.inactivity_ms = INACTIVITY_MS
        self.no_pin_inactivity_ms = NO_PIN_INACTIVITY_MS
        px, font = metrics.px, metrics.font
        self.metrics = metrics
        key_size = px(KEY_HEIGHT)
        self.setStyleSheet(
            f"""
            QWidget#PinPad {{ background: {SCRIM}; }}
            QWidget#PinCard {{ background: {CREAM}; border-radius: {px(32)}px; }}
            QLabel#PinTitle {{ font-size: {font(40)}px; font-weight: 700; color: {CHARCOAL}; }}
            QLabel#PinDots {{ font-size: {font(56)}px; color: {HEDGE_DARK}; }}
            QLabel#PinMessage {{ font-size: {font(26)}px; color: {TERRACOTTA}; }}
            QPushButton#PinKey {{
                background: {WHITE}; color: {CHARCOAL}; border: {px(2)}px solid {HEDGE};
                border-radius: {px(20)}px; font-size: {font(44)}px; font-weight: 600;
            }}
            QPushButton#PinKey:pressed {{ background: {HEDGE}; color: {WHITE}; }}
            QPushButton#PinKey:disabled {{ color: {STONE}; border-color: {STONE_LIGHT}; }}
            QPushButton#PinAction {{
                background: {HEDGE_DARK}; color: {WHITE}; border: none; border-radius: {px(20)}px;
                font-size: {font(28)}px; font-weight: 600; min-height: {metrics.touch}px;
                padding: 0 {px(28)}px;
            }}
            """
        )
        outer = QVBoxLayout(self)
        outer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        card = named(QWidget(), "PinCard")
        card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(px(64), px(48), px(64), px(48))
        layout.setSpacing(px(20))
        self.title = named(QLabel(alignment=Qt.AlignmentFlag.AlignCenter), "PinTitle")
        self.dots = named(QLabel(alignment=Qt.AlignmentFlag.AlignCenter), "PinDots")
        self.message = named(QLabel(alignment=Qt.AlignmentFlag.AlignCenter), "PinMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addWidget(self.dots)
        layout.addWidget(self.message)
        self.keypad = QWidget()
        grid = QGridLayout(self.keypad)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(px(KEY_SPACING))
        self.grid = grid
        self.card_layout = layout
        self.keys: dict[str, QPushButton] = {}
        labels = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "✓"]
        for index, label in enumerate(labels):
            key = named(QPushButton(label), "PinKey")
            key.setFixedSize(px(KEY_WIDTH), key_size)
            key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            if label == "⌫":
                key.setText("")
                key.setIcon(icons.icon("mdi6.backspace-outline", color=CHARCOAL))
                key.setIconSize(metrics.icon)
                key.clicked.connect(self._erase)
            elif label == "✓":
                key.setText("")
                key.setIcon(icons.icon("mdi6.check-bold", color=WHITE))
                key.setStyleSheet(f"background: {HEDGE}; border-color: {HEDGE_DARK};")
                key.setIconSize(metrics.icon)
                key.clicked.connect(self._submit)
            else:
                key.clicked.connect(lambda _=False, digit=label: self._type(digit))
            grid.addWidget(key, index // 3, index % 3)
            self.keys[label] = key
        layout.addWidget(self.keypad)
        actions = QHBoxLayout()
        self.cancel_button = named(QPushButton(), "PinAction")
        self.cancel_button.setIcon(icons.icon("mdi6.close", color=WHITE))
        self.cancel_button.setIconSize(metrics.icon)
        self.cancel_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cancel_button.clicked.connect(self._cancel)
        actions.addStretch(1)
        actions.addWidget(self.cancel_button)
        actions.addStretch(1)
        layout.addLayout(actions)
        outer.addWidget(card, alignment=Qt.AlignmentFlag.AlignCenter)
        self._lock_timer = QTimer(self)
        self._lock_timer.setInterval(1000)
        self._lock_timer.timeout.connect(self._refresh)
        self._inactivity_timer = QTimer(self)
        self._inactivity_timer.setSingleShot(True)
        self._inactivity_timer.timeout.connect(self._cancel)
        self.retranslate()

    def open(self) -> None:
        """Show the pad: the keys with a PIN, "Borne non configurée" without one."""
        self.mode = MODE_VERIFY if pin.has_pin(self.catalogue) else MODE_NO_PIN
        self.entered = ""
        self._message = ""
        self.keypad.setVisible(self.mode == MODE_VERIFY)
        self.dots.setVisible(self.mode == MODE_VERIFY)
        self.message.setVisible(self.mode == MODE_VERIFY)
        self.show_over()
        self._lock_timer.start()
        self._touched()
        self._refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_keys()

    def fit_keys(self) -> None:
        """Keys as high as the window leaves room for: their full size when they fit, lower
        (down to a touch target) in a low window, so that no key overlaps another."""
        px = self.metrics.px
        rows = 4
        margins = self.card_layout.contentsMargins()
        layout = self.layout()
        outer = layout.contentsMargins() if layout is not None else margins
        others = (
            self.title.sizeHint().height()
            + self.dots.sizeHint().height()
            + self.message.sizeHint().height()
            + self.cancel_button.sizeHint().height()
            + margins.top()
            + margins.bottom()
            + outer.top()
            + outer.bottom()
            + 4 * self.card_layout.spacing()
        )
        spacing = px(KEY_SPACING) if self.height() >= px(1000) else px(10)
        room = self.height() - others - (rows - 1) * spacing
        height = max(self.metrics.touch, min(px(KEY_HEIGHT), room // rows))
        self.grid.setSpacing(spacing)
        for key in self.keys.values():
            key.setFixedSize(px(KEY_WIDTH), height)

    def dismiss(self) -> None:
        """Close the pad if it is open (the idle reset, the closed screen coming)."""
        if self.isVisible():
            self._cancel()

    def _touched(self) -> None:
        self._inactivity_timer.start(
            self.inactivity_ms if self.mode == MODE_VERIFY else self.no_pin_inactivity_ms
        )

    def retranslate(self) -> None:
        self._refresh()

    def _type(self, digit: str) -> None:
        self._touched()
        if self.mode != MODE_VERIFY or len(self.entered) >= pin.MAX_LENGTH:
            return
        if not self.guard.seconds_locked():
            self.entered += digit
            self._message = ""
            self._refresh()

    def _erase(self) -> None:
        self._touched()
        self.entered = self.entered[:-1]
        self._refresh()

    def _cancel(self) -> None:
        self._close()
        self.cancelled.emit()

    def _close(self) -> None:
        self.entered = ""
        self._lock_timer.stop()
        self._inactivity_timer.stop()
        self.hide()

    def _submit(self) -> None:
        self._touched()
        if self.mode != MODE_VERIFY or not self.entered or self.guard.seconds_locked():
            return
        success = pin.check_pin(self.catalogue, self.entered)
        self.guard.record(success)
        self.entered = ""
        if success:
            self._close()
            self.accepted.emit()
            return
        self._message = self.tr("Code incorrect.")
        self._refresh()

    def _refresh(self) -> None:
        if self.mode == MODE_NO_PIN:
            # Said to whoever finds the gesture: nothing to do here. Staff read in the log,
            # ``kiosk status`` and their guide how to choose the PIN (a terminal).
            self.cancel_button.setText(self.tr("Fermer"))
            self.title.setText(self.tr("Borne non configurée"))
            self.dots.setText("")
            self.message.setText("")
            for key in self.keys.values():
                key.setEnabled(False)
            return
        locked = self.guard.seconds_locked()
        self.cancel_button.setText(self.tr("Annuler"))
        self.title.setText(self.tr("Code équipe"))
        self.dots.setText("●" * len(self.entered) if self.entered else "○ ○ ○ ○")
        if locked:
            self.message.setText(
                self.tr("Trop d'essais : réessayez dans {0} s.").format(math.ceil(locked))
            )
        else:
            self.message.setText(self._message)
        for key in self.keys.values():
            key.setEnabled(not locked)
