"""Unsaved edits: a form that knows when it differs from what was saved, and the kiosk's own
large question « Enregistrer / Ne pas enregistrer / Annuler » before leaving it.

The dialog is drawn by the kiosk (no desktop dialog): a frameless panel, text at arm's length,
three buttons of the staff area's touch height. When a shared kiosk dialog module lands in the
staff area, :func:`ask` can build on it; the tabs call only :func:`ask`.
"""

from __future__ import annotations

import enum
from collections.abc import Hashable

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.staff.common import button
from kiosk.ui import theme
from kiosk.ui.theme import Metrics
from kiosk.ui.widgets import plain_label

SAVED_NOTE_MS = 3000  # how long « Enregistré. » stays


class Choice(enum.Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class UnsavedDialog(QDialog):
    def __init__(self, parent: QWidget, metrics: Metrics, name: str) -> None:
        super().__init__(parent)
        px = metrics.px
        self.choice = Choice.CANCEL
        self.setModal(True)
        self.setWindowFlags(Qt.WindowType.Dialog | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("UnsavedDialog")
        self.setStyleSheet(
            f"QDialog#UnsavedDialog {{ background: {theme.CREAM}; "
            f"border: {px(4)}px solid {theme.HEDGE}; border-radius: {px(18)}px; }}"
            f"QLabel#UnsavedTitle {{ font-size: {px(34)}px; font-weight: 700; "
            f"color: {theme.HEDGE_DARK}; }}"
            f"QLabel#UnsavedText {{ font-size: {px(26)}px; color: {theme.CHARCOAL}; }}"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(px(40), px(32), px(40), px(32))
        layout.setSpacing(px(24))
        layout.addWidget(
            plain_label(
                "UnsavedTitle",
                QCoreApplication.translate("UnsavedDialog", "Modifications non enregistrées"),
            )
        )
        layout.addWidget(
            plain_label(
                "UnsavedText",
                QCoreApplication.translate(
                    "UnsavedDialog", "« {0} » a des modifications qui ne sont pas enregistrées."
                ).format(name),
                wrap=True,
            )
        )
        row = QHBoxLayout()
        row.setSpacing(px(20))
        self.save_button = button(
            "mdi6.content-save", QCoreApplication.translate("UnsavedDialog", "Enregistrer"), metrics
        )
        self.discard_button = button(
            "mdi6.close-circle",
            QCoreApplication.translate("UnsavedDialog", "Ne pas enregistrer"),
            metrics,
            danger=True,
        )
        self.cancel_button = button(
            "mdi6.arrow-left", QCoreApplication.translate("UnsavedDialog", "Annuler"), metrics
        )
        for widget, choice in (
            (self.save_button, Choice.SAVE),
            (self.discard_button, Choice.DISCARD),
            (self.cancel_button, Choice.CANCEL),
        ):
            widget.setMinimumHeight(px(88))
            widget.clicked.connect(lambda _c=False, chosen=choice: self._choose(chosen))
            row.addWidget(widget)
        layout.addLayout(row)
        self.setMinimumWidth(min(px(1100), max(400, parent.window().width() - px(80))))

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()


def ask(parent: QWidget, metrics: Metrics, name: str) -> Choice:
    """Ask what to do with unsaved edits of ``name``. Tests replace this function."""
    dialog = UnsavedDialog(parent, metrics, name)
    dialog.exec()
    choice = dialog.choice
    dialog.deleteLater()
    return choice


class Note:
    """A tab's message line: refusals stay; « Enregistré. » shows on a green band for
    :data:`SAVED_NOTE_MS`, then goes."""

    def __init__(self, label: QLabel, metrics: Metrics) -> None:
        self.label = label
        self.metrics = metrics
        self.timer = QTimer(label)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVED_NOTE_MS)
        self.timer.timeout.connect(lambda: self.say(""))

    def say(self, text: str) -> None:
        self.timer.stop()
        self.label.setStyleSheet("")
        self.label.setText(text)

    def saved(self, text: str) -> None:
        px = self.metrics.px
        self.say(text)
        self.label.setStyleSheet(
            f"background: {theme.HEDGE}; color: {theme.WHITE}; font-weight: 700; "
            f"border-radius: {px(10)}px; padding: {px(8)}px {px(16)}px;"
        )
        self.timer.start()


class FormGuard:
    """Mixed into a tab with a form: ``form_state()`` is what the form shows now, compared with
    what it showed when loaded or saved. ``can_leave()`` asks before losing edits; staff who
    choose to save get ``save()``, which returns whether it saved."""

    _clean_state: Hashable = None

    def form_state(self) -> Hashable:
        raise NotImplementedError

    def form_name(self) -> str:
        raise NotImplementedError

    def save(self) -> bool:
        raise NotImplementedError

    def mark_clean(self) -> None:
        self._clean_state = self.form_state()

    def is_dirty(self) -> bool:
        return self.form_state() != self._clean_state

    def can_leave(self) -> bool:
        """True when the form may be left (nothing unsaved, saved now, or dropped by choice)."""
        if not self.is_dirty():
            return True
        assert isinstance(self, QWidget)
        choice = ask(self, self.context.metrics, self.form_name())  # type: ignore[attr-defined]
        if choice is Choice.SAVE:
            return self.save()
        if choice is Choice.DISCARD:
            self.mark_clean()
            return True
        return False
