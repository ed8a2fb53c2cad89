"""Opening hours on a weekly grid: for each day, open or closed, and the hours it opens and
closes, chosen from half hours (nothing to type). Read from and written to the stored setting
(``{"mon": ["09:00", "18:00"], …}``: a day left out is closed; nothing at all is always open)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLabel, QWidget

from kiosk.library.schedule import WEEKDAYS
from kiosk.staff.common import hint_label

TIMES = [f"{hour:02d}:{minute:02d}" for hour in range(24) for minute in (0, 30)]
DEFAULT_SPAN = ("09:00", "18:00")


class HoursGrid(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        names = (
            self.tr("Lundi"),
            self.tr("Mardi"),
            self.tr("Mercredi"),
            self.tr("Jeudi"),
            self.tr("Vendredi"),
            self.tr("Samedi"),
            self.tr("Dimanche"),
        )
        self.always = QCheckBox(self.tr("Toujours ouverte (pas d'horaires)"))
        self.open_day: dict[str, QCheckBox] = {}
        self.opening: dict[str, QComboBox] = {}
        self.closing: dict[str, QComboBox] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.always, 0, 0, 1, 4)
        self.headers = [hint_label(self.tr("Ouvre à")), hint_label(self.tr("Ferme à"))]
        grid.addWidget(self.headers[0], 1, 2)
        grid.addWidget(self.headers[1], 1, 3)
        self.day_names: dict[str, QLabel] = {}
        for row, (day, name) in enumerate(zip(WEEKDAYS, names, strict=True), start=2):
            is_open = QCheckBox(self.tr("ouvert"))
            opening, closing = QComboBox(), QComboBox()
            for combo in (opening, closing):
                combo.addItems(TIMES)
            self.day_names[day] = QLabel(name)
            grid.addWidget(self.day_names[day], row, 0)
            grid.addWidget(is_open, row, 1)
            grid.addWidget(opening, row, 2)
            grid.addWidget(closing, row, 3)
            self.open_day[day], self.opening[day], self.closing[day] = is_open, opening, closing
            is_open.toggled.connect(self._enable)
        grid.setColumnStretch(2, 1)
        grid.setColumnStretch(3, 1)
        self.always.toggled.connect(self._enable)
        self.set_hours({})

    def _enable(self) -> None:
        """Always open: no days to show. A closed day: no hours to show."""
        always = self.always.isChecked()
        for header in self.headers:
            header.setVisible(not always)
        for day in WEEKDAYS:
            self.day_names[day].setVisible(not always)
            self.open_day[day].setVisible(not always)
            shown = not always and self.open_day[day].isChecked()
            self.opening[day].setVisible(shown)
            self.closing[day].setVisible(shown)

    def set_hours(self, hours: dict[str, list[str]]) -> None:
        self.always.setChecked(not hours)
        for day in WEEKDAYS:
            span = hours.get(day)
            self.open_day[day].setChecked(bool(span) or not hours)
            opening, closing = span if span else DEFAULT_SPAN
            for combo, value in ((self.opening[day], opening), (self.closing[day], closing)):
                index = combo.findText(value)
                if index < 0:  # an hour set elsewhere, not on a half hour: kept as it is
                    combo.addItem(value)
                    index = combo.count() - 1
                combo.setCurrentIndex(index)
        self._enable()

    def state(self) -> tuple[object, ...]:
        """What the grid shows, to compare (even hours it could not store)."""
        return (
            self.always.isChecked(),
            *(
                (
                    self.open_day[day].isChecked(),
                    self.opening[day].currentText(),
                    self.closing[day].currentText(),
                )
                for day in WEEKDAYS
            ),
        )

    def hours(self) -> dict[str, list[str]]:
        """The stored form; ValueError (a French line) when every day is closed, which the
        setting cannot say (no hours at all means always open)."""
        if self.always.isChecked():
            return {}
        chosen = {
            day: [self.opening[day].currentText(), self.closing[day].currentText()]
            for day in WEEKDAYS
            if self.open_day[day].isChecked()
        }
        if not chosen:
            raise ValueError(
                self.tr("Heures d'ouverture : cochez au moins un jour, ou « Toujours ouverte ».")
            )
        return chosen
