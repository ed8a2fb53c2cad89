"""Réglages: the kiosk's settings, grouped as staff think of them, each group saying when it
takes effect; the opening hours on a weekly grid; the staff code. Settings changed and not
saved are asked about before leaving the tab, as every form of the staff area (the staff code
is not: it is changed by its own button, and a code half typed is not kept)."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk.kit.context import UiContext
from kiosk.library import pin, settings
from kiosk.staff.admin_tabs.hours_grid import HoursGrid
from kiosk.staff.catalogue_tabs.shared import scrolled
from kiosk.staff.catalogue_tabs.unsaved import FormGuard, Note
from kiosk.staff.controls import button, hint_label, title_label

# What only a restart changes (the kiosk controller applies the rest when staff leave): the
# screen's rotation, the first language, and which media the attract loop shows.
AT_NEXT_START = frozenset({"rotation", "default_language", "attract_film", "attract_drawings"})


class SettingsTab(FormGuard, QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        metrics = context.metrics

        def spin(low: int, high: int, suffix: str, step: int = 1) -> QSpinBox:
            box = QSpinBox()
            box.setRange(low, high)
            box.setSuffix(suffix)
            box.setSingleStep(step)
            box.setMaximumWidth(metrics.px(280))
            return box

        self.idle = spin(15, 3600, " s", 15)
        self.countdown = spin(3, 60, " s")
        self.staff_timeout = spin(1, 60, " min")
        self.autoplay = spin(3, 120, " s")
        self.volume = spin(0, 100, " %", 5)
        self.attract_film = QCheckBox(self.tr("Passer le film pendant la veille"))
        self.attract_drawings = QCheckBox(self.tr("Montrer les dessins pendant la veille"))
        self.drawings_per_film = spin(0, 100, "")
        self.film_first = QCheckBox(self.tr("Commencer la veille par le film"))
        self.muted = QCheckBox(self.tr("Veille sans le son"))
        self.attract_volume = spin(0, 100, " %", 5)
        self.language = QComboBox()
        self.language.addItem(self.tr("Français"), "fr")
        self.language.addItem(self.tr("Anglais"), "en")
        self.rotation = QComboBox()
        for angle in (0, 90, 180, 270):
            self.rotation.addItem(f"{angle}°", angle)
        self.closed_display = QComboBox()
        self.closed_display.addItem(self.tr("un écran « À bientôt »"), "dark")
        self.closed_display.addItem(self.tr("l'écran éteint"), "blank")
        for combo in (self.language, self.rotation, self.closed_display):
            combo.setMaximumWidth(metrics.px(420))
        self.hours = HoursGrid(narrow=context.portrait)
        self.hours.setMaximumWidth(metrics.px(1400))  # seven columns: a day closed at noon
        self.pin1 = QLineEdit()
        self.pin2 = QLineEdit()
        for field in (self.pin1, self.pin2):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setMaximumWidth(metrics.px(420))
        self.save_button = button("mdi6.content-save", self.tr("Enregistrer les réglages"), metrics)
        self.pin_button = button("mdi6.lock-reset", self.tr("Changer le code"), metrics)
        self.message = hint_label()
        self.note = Note(self.message, metrics)

        now = self.tr("S'applique dès la sortie de l'espace équipe.")
        later = self.tr("S'applique au prochain démarrage de la borne.")
        visits = QFormLayout()
        visits.addRow(self.tr("Retour à la veille après"), self.idle)
        visits.addRow(self.tr("Compte à rebours avant la veille"), self.countdown)
        visits.addRow(self.tr("Défilement des dessins toutes les"), self.autoplay)
        visits.addRow(self.tr("Volume des vidéos"), self.volume)
        visits.addRow(self.tr("Fin de la session équipe après"), self.staff_timeout)
        loop = QFormLayout()
        loop.addRow("", self.attract_film)
        loop.addRow("", self.attract_drawings)
        loop.addRow(self.tr("Dessins entre deux passages du film"), self.drawings_per_film)
        loop.addRow("", self.film_first)
        loop.addRow("", self.muted)
        loop.addRow(self.tr("Son du film pendant la veille"), self.attract_volume)
        screen = QFormLayout()
        screen.addRow(self.tr("Langue par défaut"), self.language)
        screen.addRow(self.tr("Rotation de l'écran"), self.rotation)
        hours = QFormLayout()
        hours.addRow(self.tr("Hors des heures d'ouverture"), self.closed_display)
        code = QFormLayout()
        code.addRow(self.tr("Nouveau code"), self.pin1)
        code.addRow(self.tr("Nouveau code (encore)"), self.pin2)
        code.addRow("", self.pin_button)
        self.pin_button.setMaximumWidth(metrics.px(420))

        body = QVBoxLayout()
        for title, note, content in (
            (self.tr("Visites"), now, visits),
            (
                self.tr("Veille"),
                self.tr("Ordre et son : dès la sortie. Film et dessins : au prochain démarrage."),
                loop,
            ),
            (self.tr("Écran et langue"), later, screen),
            (self.tr("Heures d'ouverture"), now, hours),
        ):
            body.addWidget(title_label(title))
            body.addWidget(hint_label(note))
            body.addLayout(content)
            if content is hours:
                body.addWidget(self.hours)
        body.addWidget(title_label(self.tr("Code de l'espace équipe")))
        body.addLayout(code)
        body.addStretch(1)
        scroll = scrolled(body)
        actions = QHBoxLayout()
        actions.addWidget(self.save_button)
        actions.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("Réglages")))
        layout.addWidget(scroll, 1)
        layout.addLayout(actions)
        self.save_button.clicked.connect(self.save)
        self.pin_button.clicked.connect(self.change_pin)
        self.refresh()

    def _fields(self) -> dict[str, QSpinBox | QCheckBox | QComboBox]:
        """The settings the form shows as they are stored, by key (the staff session's length
        is shown in minutes and the hours on their grid: those two apart)."""
        return {
            "idle_timeout_s": self.idle,
            "idle_countdown_s": self.countdown,
            "autoplay_interval_s": self.autoplay,
            "volume": self.volume,
            "attract_film": self.attract_film,
            "attract_drawings": self.attract_drawings,
            "attract_drawings_per_film": self.drawings_per_film,
            "attract_film_first": self.film_first,
            "attract_muted": self.muted,
            "attract_volume": self.attract_volume,
            "default_language": self.language,
            "rotation": self.rotation,
            "closed_display": self.closed_display,
        }

    def refresh(self) -> None:
        current = settings.load(self.context.catalogue)
        for key, widget in self._fields().items():
            _show(widget, getattr(current, key))
        self.staff_timeout.setValue(max(1, current.staff_timeout_s // 60))
        self.hours.set_hours(current.opening_hours)
        self.mark_clean()

    def form_state(self) -> Hashable:
        return (
            tuple(_shown(widget) for widget in self._fields().values()),
            self.staff_timeout.value(),
            self.hours.state(),
        )

    def form_name(self) -> str:
        return self.tr("Réglages")

    def drop_edits(self) -> None:
        """« Ne pas enregistrer »: the settings as saved again (the tab is not reloaded when
        shown again while it holds edits)."""
        self.refresh()

    def values(self) -> dict[str, Any]:
        """The settings as the form shows them; ValueError for hours it cannot store."""
        return {
            **{key: _shown(widget) for key, widget in self._fields().items()},
            "staff_timeout_s": self.staff_timeout.value() * 60,
            "opening_hours": self.hours.hours(),
        }

    def save(self) -> bool:
        before = settings.load(self.context.catalogue)
        try:
            saved = settings.save(self.context.catalogue, **self.values())
        except (settings.SettingsError, ValueError) as error:
            self.note.say(self.tr("Non enregistré : {0}").format(error))
            return False
        self.refresh()  # what was stored, as it was stored: nothing left unsaved
        later = [key for key in AT_NEXT_START if getattr(before, key) != getattr(saved, key)]
        if later:
            self.note.say(
                self.tr(
                    "Réglages enregistrés. La rotation, la langue par défaut et ce que montre "
                    "la veille changeront au prochain démarrage de la borne."
                )
            )
        else:
            self.note.saved(self.tr("Réglages enregistrés."))
        return True

    def change_pin(self) -> bool:
        if self.pin1.text() != self.pin2.text():
            self.note.say(self.tr("Les deux codes ne sont pas identiques."))
            return False
        try:
            pin.set_pin(self.context.catalogue, self.pin1.text())
        except pin.PinError as error:
            self.note.say(self.tr("Code refusé : {0}").format(error))
            return False
        self.pin1.clear()
        self.pin2.clear()
        self.note.saved(self.tr("Nouveau code enregistré."))
        return True


def _show(widget: QSpinBox | QCheckBox | QComboBox, value: Any) -> None:
    if isinstance(widget, QSpinBox):
        widget.setValue(value)
    elif isinstance(widget, QCheckBox):
        widget.setChecked(value)
    else:
        widget.setCurrentIndex(widget.findData(value))


def _shown(widget: QSpinBox | QCheckBox | QComboBox) -> Any:
    if isinstance(widget, QSpinBox):
        return widget.value()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    return widget.currentData()
