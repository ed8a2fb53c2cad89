"""The staff PIN pad: big keys, the digits shown as dots, a lockout after wrong tries.

In ``set`` mode (first run, no PIN yet) staff type a new PIN twice. In ``verify`` mode a right
PIN emits ``accepted``; wrong tries count in a :class:`PinGuard` that locks the pad for a
growing delay.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.library import pin
from kiosk.library.pin import PinError, PinGuard
from kiosk.store.database import Catalogue
from kiosk.ui import icons
from kiosk.ui.overlays import Overlay
from kiosk.ui.theme import CHARCOAL, CREAM, HEDGE, HEDGE_DARK, TERRACOTTA, WHITE, Metrics
from kiosk.ui.widgets import named

MODE_VERIFY = "verify"
MODE_SET = "set"
MODE_NO_PIN = "no-pin"  # no PIN yet, and setting one is not offered (see PinPad.open)


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
        self._first_entry: str | None = None
        self._message = ""
        px, font = metrics.px, metrics.font
        key_size = px(112)
        self.setStyleSheet(
            f"""
            QWidget#PinPad {{ background: rgba(20, 20, 18, 215); }}
            QWidget#PinCard {{ background: {CREAM}; border-radius: {px(32)}px; }}
            QLabel#PinTitle {{ font-size: {font(40)}px; font-weight: 700; color: {CHARCOAL}; }}
            QLabel#PinDots {{ font-size: {font(56)}px; color: {HEDGE_DARK}; }}
            QLabel#PinMessage {{ font-size: {font(26)}px; color: {TERRACOTTA}; }}
            QPushButton#PinKey {{
                background: {WHITE}; color: {CHARCOAL}; border: {px(2)}px solid {HEDGE};
                border-radius: {px(20)}px; font-size: {font(44)}px; font-weight: 600;
            }}
            QPushButton#PinKey:pressed {{ background: {HEDGE}; color: {WHITE}; }}
            QPushButton#PinKey:disabled {{ color: #8A857C; border-color: #B8B2A6; }}
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
        grid = QGridLayout()
        grid.setSpacing(px(18))
        self.keys: dict[str, QPushButton] = {}
        labels = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "✓"]
        for index, label in enumerate(labels):
            key = named(QPushButton(label), "PinKey")
            key.setFixedSize(px(160), key_size)
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
        layout.addLayout(grid)
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
        self.retranslate()

    def open(self, *, allow_setting: bool = False) -> None:
        """Show the pad. Without a PIN, ``allow_setting`` (the prompt at start-up) lets staff
        choose one; from the hidden gesture it only says how to set one, so that a curious
        visitor cannot make the staff code theirs."""
        if pin.has_pin(self.catalogue):
            self.mode = MODE_VERIFY
        else:
            self.mode = MODE_SET if allow_setting else MODE_NO_PIN
        self.entered = ""
        self._first_entry = None
        self._message = ""
        self.show_over()
        self._lock_timer.start()
        self._refresh()

    def retranslate(self) -> None:
        self._refresh()

    def _type(self, digit: str) -> None:
        if len(self.entered) < pin.MAX_LENGTH and not self.guard.seconds_locked():
            self.entered += digit
            self._message = ""
            self._refresh()

    def _erase(self) -> None:
        self.entered = self.entered[:-1]
        self._refresh()

    def _cancel(self) -> None:
        self._close()
        self.cancelled.emit()

    def _close(self) -> None:
        self.entered = ""
        self._lock_timer.stop()
        self.hide()

    def _submit(self) -> None:
        if self.mode == MODE_NO_PIN or self.guard.seconds_locked() or not self.entered:
            return
        if self.mode == MODE_SET:
            self._submit_new_pin()
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

    def _submit_new_pin(self) -> None:
        if self._first_entry is None:
            try:
                pin.validate_pin(self.entered)
            except PinError as error:
                self._message = self.tr("Code refusé : {0}").format(str(error))
                self.entered = ""
                self._refresh()
                return
            self._first_entry = self.entered
            self.entered = ""
            self._message = ""
            self._refresh()
            return
        if self.entered != self._first_entry:
            self._first_entry = None
            self.entered = ""
            self._message = self.tr("Les deux codes diffèrent : recommencez.")
            self._refresh()
            return
        pin.set_pin(self.catalogue, self.entered)
        self._close()
        self.accepted.emit()

    def _refresh(self) -> None:
        locked = self.guard.seconds_locked()
        self.cancel_button.setText(
            self.tr("Plus tard")
            if self.mode == MODE_SET
            else self.tr("Fermer")
            if self.mode == MODE_NO_PIN
            else self.tr("Annuler")
        )
        if self.mode == MODE_NO_PIN:
            self.title.setText(self.tr("Aucun code équipe n'est encore choisi"))
            self.dots.setText("")
            self.message.setText(
                self.tr(
                    "Il se choisit au démarrage de la borne, ou sur l'ordinateur avec la "
                    "commande « kiosk pin set »."
                )
            )
            for key in self.keys.values():
                key.setEnabled(False)
            return
        if self.mode == MODE_SET:
            title = (
                self.tr("Choisissez un code équipe (4 à 12 chiffres)")
                if self._first_entry is None
                else self.tr("Tapez le code une seconde fois")
            )
        else:
            title = self.tr("Code équipe")
        self.title.setText(title)
        self.dots.setText("●" * len(self.entered) if self.entered else "○ ○ ○ ○")
        if locked:
            self.message.setText(
                self.tr("Trop d'essais : réessayez dans {0} s.").format(math.ceil(locked))
            )
        else:
            self.message.setText(self._message)
        for key in self.keys.values():
            key.setEnabled(not locked)
