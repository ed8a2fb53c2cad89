"""Unsaved edits: a form that knows when it differs from what was saved, and the kiosk's own
large question « Enregistrer / Ne pas enregistrer / Annuler » before leaving it.

The question is the staff area's one question card (:mod:`kiosk.staff.dialogs`): the same
darkened area, card and touch-high buttons as every « Oui / Non » of the staff area, with three
answers. « Annuler » (stay in the form, edits kept) is also the answer when nobody answers:
the staff session's timeout closes the question that way. The tabs call only :func:`ask`.
"""

from __future__ import annotations

import enum
from collections.abc import Hashable

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.kit import theme
from kiosk.kit.theme import Metrics
from kiosk.staff.dialogs import Option, choose

SAVED_NOTE_MS = 3000  # how long « Enregistré. » stays


class Choice(enum.Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask(parent: QWidget, metrics: Metrics, name: str) -> Choice:
    """Ask what to do with unsaved edits of ``name`` (the staff area's own question card,
    :func:`kiosk.staff.dialogs.choose`). Tests replace this function."""
    del metrics  # the card takes the staff area's sizes
    translate = QCoreApplication.translate
    options = (
        Option(Choice.CANCEL.value, translate("UnsavedDialog", "Annuler"), "mdi6.arrow-left"),
        Option(
            Choice.DISCARD.value,
            translate("UnsavedDialog", "Ne pas enregistrer"),
            "mdi6.close-circle",
            "danger",
        ),
        Option(
            Choice.SAVE.value,
            translate("UnsavedDialog", "Enregistrer"),
            "mdi6.content-save",
            "main",
        ),
    )
    key = choose(
        parent,
        translate("UnsavedDialog", "Modifications non enregistrées"),
        translate(
            "UnsavedDialog", "« {0} » a des modifications qui ne sont pas enregistrées."
        ).format(name),
        options,
        escape=Choice.CANCEL.value,
        enter=Choice.SAVE.value,
    )
    return Choice(key)


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

    def drop_edits(self) -> None:
        """« Ne pas enregistrer »: the edits are let go. A form that is not loaded again when
        shown again (the Médias tab's editor, Réglages) shows what was saved here."""
        self.mark_clean()

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
            self.drop_edits()
            return True
        return False
