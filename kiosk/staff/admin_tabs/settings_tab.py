"""Réglages: the kiosk's settings and the staff code."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk.library import pin, settings
from kiosk.staff.common import (
    button,
    hint_label,
    title_label,
)
from kiosk.ui.context import UiContext


class SettingsTab(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        metrics = context.metrics

        def spin(low: int, high: int, suffix: str) -> QSpinBox:
            box = QSpinBox()
            box.setRange(low, high)
            box.setSuffix(suffix)
            return box

        self.idle = spin(15, 3600, " s")
        self.autoplay = spin(3, 120, " s")
        self.volume = spin(0, 100, " %")
        self.muted = QCheckBox(self.tr("Veille sans le son"))
        self.attract_drawings = QCheckBox(self.tr("Montrer les dessins pendant la veille"))
        self.language = QComboBox()
        self.language.addItem(self.tr("Français"), "fr")
        self.language.addItem(self.tr("Anglais"), "en")
        self.rotation = QComboBox()
        for angle in (0, 90, 180, 270):
            self.rotation.addItem(f"{angle}°", angle)
        self.hours = QLineEdit()
        self.hours.setPlaceholderText("mon=09:00-18:00 tue=09:00-18:00 …")
        self.pin1 = QLineEdit()
        self.pin2 = QLineEdit()
        for field in (self.pin1, self.pin2):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.save_button = button("mdi6.content-save", self.tr("Enregistrer les réglages"), metrics)
        self.pin_button = button("mdi6.lock-reset", self.tr("Changer le code"), metrics)
        self.message = hint_label()
        form = QFormLayout()
        form.addRow(self.tr("Retour à la veille après"), self.idle)
        form.addRow(self.tr("Défilement des dessins toutes les"), self.autoplay)
        form.addRow(self.tr("Volume"), self.volume)
        form.addRow("", self.muted)
        form.addRow("", self.attract_drawings)
        form.addRow(self.tr("Langue par défaut"), self.language)
        form.addRow(self.tr("Rotation de l'écran"), self.rotation)
        form.addRow(self.tr("Heures d'ouverture"), self.hours)
        form.addRow("", self.save_button)
        form.addRow(self.tr("Nouveau code"), self.pin1)
        form.addRow(self.tr("Nouveau code (encore)"), self.pin2)
        form.addRow("", self.pin_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("Réglages")))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.save_button.clicked.connect(self.save)
        self.pin_button.clicked.connect(self.change_pin)
        self.refresh()

    def refresh(self) -> None:
        current = settings.load(self.context.catalogue)
        self.idle.setValue(current.idle_timeout_s)
        self.autoplay.setValue(current.autoplay_interval_s)
        self.volume.setValue(current.volume)
        self.muted.setChecked(current.attract_muted)
        self.attract_drawings.setChecked(current.attract_drawings)
        self.language.setCurrentIndex(self.language.findData(current.default_language))
        self.rotation.setCurrentIndex(self.rotation.findData(current.rotation))
        self.hours.setText(
            " ".join(f"{day}={hours[0]}-{hours[1]}" for day, hours in current.opening_hours.items())
        )

    def _hours(self) -> dict[str, list[str]]:
        hours: dict[str, list[str]] = {}
        for part in self.hours.text().split():
            day, _, span = part.partition("=")
            opening, _, closing = span.partition("-")
            hours[day.strip().lower()] = [opening.strip(), closing.strip()]
        return hours

    def save(self) -> bool:
        try:
            settings.save(
                self.context.catalogue,
                idle_timeout_s=self.idle.value(),
                autoplay_interval_s=self.autoplay.value(),
                volume=self.volume.value(),
                attract_muted=self.muted.isChecked(),
                attract_drawings=self.attract_drawings.isChecked(),
                default_language=self.language.currentData(),
                rotation=self.rotation.currentData(),
                opening_hours=self._hours(),
            )
        except settings.SettingsError as error:
            self.message.setText(self.tr("Non enregistré : {0}").format(error))
            return False
        self.message.setText(self.tr("Réglages enregistrés."))
        return True

    def change_pin(self) -> bool:
        if self.pin1.text() != self.pin2.text():
            self.message.setText(self.tr("Les deux codes ne sont pas identiques."))
            return False
        try:
            pin.set_pin(self.context.catalogue, self.pin1.text())
        except pin.PinError as error:
            self.message.setText(self.tr("Code refusé : {0}").format(error))
            return False
        self.pin1.clear()
        self.pin2.clear()
        self.message.setText(self.tr("Nouveau code enregistré."))
        return True
