"""Opening hours on a weekly grid: for each day, open or closed, the hours it opens and closes,
and, for a day closed at noon, the hours it opens again and closes in the afternoon; every hour
chosen from half hours (nothing to type). Read from and written to the stored setting (``{"mon":
["09:00", "18:00"], "tue": ["09:00", "12:00", "14:00", "18:00"], …}``: a day left out is
closed; nothing at all is always open)."""

from __future__ import annotations

import itertools

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QScrollArea,
    QWidget,
)

from kiosk.library.schedule import WEEKDAYS
from kiosk.staff.controls import hint_label

TIMES = [f"{hour:02d}:{minute:02d}" for hour in range(24) for minute in (0, 30)]
DEFAULT_SPAN = ("09:00", "18:00")
# A day closed at noon, as first shown: the morning, then the afternoon.
DEFAULT_SPLIT = ("09:00", "12:00", "14:00", "18:00")


class HoursGrid(QWidget):
    """The week; ``narrow`` (a portrait screen): a day closed at noon has its afternoon on a
    second line, under its morning, so the grid is four columns wide, not seven."""

    def __init__(self, parent: QWidget | None = None, *, narrow: bool = False) -> None:
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
        self.split_day: dict[str, QCheckBox] = {}
        # A day's four choosers: opens, closes (at noon when split), opens again, closes.
        self.times: dict[str, tuple[QComboBox, QComboBox, QComboBox, QComboBox]] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.always, 0, 0, 1, 7)
        self.notice = hint_label("")  # why « fermé à midi » was not ticked
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.headers = [
            hint_label(self.tr("Ouvre à")),
            hint_label(self.tr("Ferme à")),
            hint_label(self.tr("Rouvre à")),
            hint_label(self.tr("Ferme à")),
        ]
        for column, header in zip((2, 3, 5, 6), self.headers[: 2 if narrow else 4], strict=False):
            grid.addWidget(header, 1, column)
        self.narrow = narrow
        for header in self.headers[2:] if narrow else ():
            header.setParent(self)  # the afternoon's headers are not shown on a narrow grid
            header.hide()
        self.day_names: dict[str, QLabel] = {}
        for index, (day, name) in enumerate(zip(WEEKDAYS, names, strict=True)):
            row = 2 + index * (2 if narrow else 1)
            # The afternoon: beside the morning, or on the line under it.
            after_row, after_column = (row + 1, 1) if narrow else (row, 4)
            is_open = QCheckBox(self.tr("ouvert"))
            split = QCheckBox(self.tr("fermé à midi"))
            combos = (QComboBox(), QComboBox(), QComboBox(), QComboBox())
            for combo in combos:
                combo.addItems(TIMES)
                # "09:30" whole, beside the arrow.
                combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            self.day_names[day] = QLabel(name)
            grid.addWidget(self.day_names[day], row, 0)
            grid.addWidget(is_open, row, 1)
            grid.addWidget(combos[0], row, 2)
            grid.addWidget(combos[1], row, 3)
            grid.addWidget(split, after_row, after_column)
            grid.addWidget(combos[2], after_row, after_column + 1)
            grid.addWidget(combos[3], after_row, after_column + 2)
            self.open_day[day], self.split_day[day], self.times[day] = is_open, split, combos
            is_open.toggled.connect(self._enable)
            split.toggled.connect(lambda checked, d=day: self._split_toggled(d, checked))
        grid.addWidget(self.notice, 2 + len(WEEKDAYS) * (2 if narrow else 1), 0, 1, 7)
        for column in (2, 3, 5, 6):
            grid.setColumnStretch(column, 1)
        self.always.toggled.connect(self._enable)
        self.set_hours({})

    # The morning and closing choosers of one range, kept as they were named before the split.
    @property
    def opening(self) -> dict[str, QComboBox]:
        return {day: combos[0] for day, combos in self.times.items()}

    @property
    def closing(self) -> dict[str, QComboBox]:
        """A day's closing: the afternoon's when it is closed at noon."""
        return {
            day: combos[3] if self.split_day[day].isChecked() else combos[1]
            for day, combos in self.times.items()
        }

    def _split_toggled(self, day: str, checked: bool) -> None:
        """Closed at noon: the day's closing becomes the afternoon's, its morning ends at noon
        and the afternoon starts at 14:00, both moved inside the day when it opens late or
        closes early (09:00–11:00: 10:00 and 10:30), so the four hours always follow each
        other. A day too short for a break (under an hour and a half) keeps one range, and
        ``notice`` says why. Back to one range: the afternoon's closing is the day's."""
        morning, noon, again, evening = self.times[day]
        self.notice.hide()
        if checked:
            opens, closes = _minutes(morning.currentText()), _minutes(noon.currentText())
            if closes - opens < 90:
                split = self.split_day[day]
                split.blockSignals(True)
                split.setChecked(False)
                split.blockSignals(False)
                self.notice.setText(
                    self.tr(
                        "{0} : la journée est trop courte pour fermer à midi ; il faut au moins "
                        "une heure et demie entre l'ouverture et la fermeture."
                    ).format(self.day_names[day].text())
                )
                self.notice.show()
                self._bring_into_view(self.notice)
                return
            break_starts = max(opens + 30, min(12 * 60, closes - 60))
            break_ends = max(break_starts + 30, min(14 * 60, closes - 30))
            _choose(evening, noon.currentText())
            _choose(noon, _time(break_starts))
            _choose(again, _time(break_ends))
        else:
            _choose(noon, evening.currentText())
        self._enable()

    def _bring_into_view(self, widget: QWidget) -> None:
        """Scroll the form around the grid so that ``widget`` (under Sunday) shows."""
        parent = self.parentWidget()
        while parent is not None:
            if isinstance(parent, QScrollArea):
                parent.ensureWidgetVisible(widget)
            parent = parent.parentWidget()

    def _enable(self) -> None:
        """Always open: no days to show. A closed day: no hours to show; the afternoon's only
        for a day closed at noon."""
        always = self.always.isChecked()
        for header in self.headers[:2]:
            header.setVisible(not always)
        split_somewhere = any(
            self.open_day[day].isChecked() and self.split_day[day].isChecked() for day in WEEKDAYS
        )
        for header in self.headers[2:]:
            header.setVisible(not always and split_somewhere and not self.narrow)
        for day in WEEKDAYS:
            self.day_names[day].setVisible(not always)
            self.open_day[day].setVisible(not always)
            shown = not always and self.open_day[day].isChecked()
            split = shown and self.split_day[day].isChecked()
            self.split_day[day].setVisible(shown)
            for index, combo in enumerate(self.times[day]):
                combo.setVisible(split if index >= 2 else shown)

    def set_hours(self, hours: dict[str, list[str]]) -> None:
        self.always.setChecked(not hours)
        for day in WEEKDAYS:
            span = hours.get(day)
            self.open_day[day].setChecked(bool(span) or not hours)
            split = bool(span) and len(span or []) == 4
            values = list(span) if span and split else []
            if not values:
                first = span if span else list(DEFAULT_SPAN)
                values = [first[0], first[-1], DEFAULT_SPLIT[2], first[-1]]
            self.split_day[day].blockSignals(True)
            self.split_day[day].setChecked(split)
            self.split_day[day].blockSignals(False)
            for combo, value in zip(self.times[day], values, strict=True):
                _choose(combo, value)
        self._enable()

    def state(self) -> tuple[object, ...]:
        """What the grid shows, to compare (even hours it could not store)."""
        return (
            self.always.isChecked(),
            *(
                (
                    self.open_day[day].isChecked(),
                    self.split_day[day].isChecked(),
                    *(combo.currentText() for combo in self.times[day]),
                )
                for day in WEEKDAYS
            ),
        )

    def hours(self) -> dict[str, list[str]]:
        """The stored form; ValueError (a French line) when every day is closed, which the
        setting cannot say (no hours at all means always open)."""
        if self.always.isChecked():
            return {}
        chosen = {}
        for day in WEEKDAYS:
            if not self.open_day[day].isChecked():
                continue
            times = [combo.currentText() for combo in self.times[day]]
            chosen[day] = times if self.split_day[day].isChecked() else times[:2]
            if any(_minutes(a) >= _minutes(b) for a, b in itertools.pairwise(chosen[day])):
                raise ValueError(
                    self.tr(
                        "Heures d'ouverture, {0} : chaque heure doit venir après la précédente "
                        "(l'ouverture avant la fermeture)."
                    ).format(self.day_names[day].text())
                )
        if not chosen:
            raise ValueError(
                self.tr("Heures d'ouverture : cochez au moins un jour, ou « Toujours ouverte ».")
            )
        return chosen


def _minutes(time: str) -> int:
    """ "09:30" → 570 (the grid's times are the setting's: two ASCII digits, a colon, two)."""
    hours, minutes = time.split(":")
    return int(hours) * 60 + int(minutes)


def _time(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _choose(combo: QComboBox, value: str) -> None:
    """Show ``value``; an hour set elsewhere, not on a half hour, is added and kept as it is."""
    index = combo.findText(value)
    if index < 0:
        combo.addItem(value)
        index = combo.count() - 1
    combo.setCurrentIndex(index)
