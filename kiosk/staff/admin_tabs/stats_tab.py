"""Statistiques: what visitors opened, over a period, and its CSV export."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.kit import theme
from kiosk.kit.context import UiContext
from kiosk.kit.widgets import named
from kiosk.library import usage
from kiosk.staff.controls import button, hint_label, title_label
from kiosk.staff.file_browser import FileBrowser

CHART_ROWS = 13  # a year of days reaches into 13 months


def period_points(summary: usage.UsageSummary) -> tuple[str, list[tuple[str, int]]]:
    """The chart's unit and its bars, for the whole period the summary counts (never fewer
    days than the line above it says): by day up to 12 days, by week (ending on the period's
    last day) up to a month, by month beyond."""
    counts = {date.fromisoformat(day): n for day, n in summary.per_day.items()}
    days = [
        summary.start + timedelta(days=i) for i in range((summary.end - summary.start).days + 1)
    ]
    if len(days) <= 12:
        return "day", usage.chart_points(summary)
    if len(days) <= 31:
        weeks = [days[max(0, end - 7) : end] for end in range(len(days), 0, -7)][::-1]
        day = usage.french_day
        return "week", [
            (
                f"{day(week[0], year=False)} – {day(week[-1], year=False)}",
                sum(counts.get(d, 0) for d in week),
            )
            for week in weeks
        ]
    months: dict[tuple[int, int], int] = {}
    for d in days:
        months[(d.year, d.month)] = months.get((d.year, d.month), 0) + counts.get(d, 0)
    return "month", [(usage.french_month(date(y, m, 1)), n) for (y, m), n in months.items()]


class BarChart(QWidget):
    """Simple horizontal bars: a label, a bar, a number."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.metrics = context.metrics
        self.values: list[tuple[str, float]] = []
        self.setMinimumHeight(self.metrics.px(200))

    def set_values(self, values: list[tuple[str, float]]) -> None:
        self.values = values[:CHART_ROWS]
        self.setMinimumHeight(self.metrics.px(40) * max(1, len(self.values)) + self.metrics.px(20))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        px = self.metrics.px
        row = px(40)
        label_width = self.width() * 0.4
        top_value = max((value for _, value in self.values), default=0) or 1
        for index, (label, value) in enumerate(self.values):
            y = px(10) + index * row
            painter.setPen(QColor(theme.CHARCOAL))
            painter.drawText(
                QRectF(0, y, label_width - px(10), row),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            width = (self.width() - label_width - px(80)) * value / top_value
            painter.fillRect(
                QRectF(label_width, y + px(6), width, row - px(12)), QColor(theme.HEDGE)
            )
            painter.drawText(
                QRectF(label_width + width + px(8), y, px(80), row),
                Qt.AlignmentFlag.AlignVCenter,
                f"{value:.0f}",
            )
        painter.end()


class StatsTab(QWidget):
    """What visitors opened, by the names they saw, over a period; the CSV export goes to a
    folder staff open (a USB stick), never silently to the kiosk's own folder."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        metrics = context.metrics
        self.period = QComboBox()
        for label, days in (
            (self.tr("7 derniers jours"), 7),
            (self.tr("30 derniers jours"), 30),
            (self.tr("12 derniers mois"), 365),
        ):
            self.period.addItem(label, days)
        self.period.setCurrentIndex(1)
        self.totals = hint_label()
        self.table = named(QTableWidget(0, 3), "StaffTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Rubrique"), self.tr("Élément"), self.tr("Nombre")]
        )
        # The name takes the room left; the heading and the count keep their width (the
        # count is never pushed out of sight by a long carnet name).
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.days_chart = BarChart(context)
        self.places_chart = BarChart(context)
        self.days_title = hint_label()
        self.export_button = button("mdi6.file-delimited", self.tr("Exporter en CSV…"), metrics)
        self.browser = FileBrowser(metrics, context.root, suffixes=frozenset({".csv"}))
        self.write_button = button("mdi6.content-save", self.tr("Écrire le fichier ici"), metrics)
        self.close_export = button("mdi6.close", self.tr("Fermer"), metrics)
        self.export_panel = QWidget()
        panel = QVBoxLayout(self.export_panel)
        panel.setContentsMargins(0, 0, 0, 0)
        panel.addWidget(
            hint_label(
                self.tr(
                    "Ouvrez la clé USB (ou un dossier), puis « Écrire le fichier ici ». "
                    "Le fichier s'ouvre avec un tableur (LibreOffice, Excel)."
                )
            )
        )
        panel.addWidget(self.browser, 1)
        # One under the other: each shows its whole text in the narrow column of a small window.
        panel_actions = QVBoxLayout()
        panel_actions.addWidget(self.write_button)
        panel_actions.addWidget(self.close_export)
        panel.addLayout(panel_actions)
        self.export_panel.hide()
        self.message = hint_label()
        top = QHBoxLayout()
        top.addWidget(title_label(self.tr("Statistiques")))
        top.addStretch(1)
        top.addWidget(self.period)
        top.addWidget(self.export_button)
        # While the export is open it takes the charts' place (the list of files gets room).
        self.charts = QWidget()
        charts = QVBoxLayout(self.charts)
        charts.setContentsMargins(0, 0, 0, 0)
        charts.addWidget(self.days_title)
        charts.addWidget(self.days_chart)
        charts.addWidget(hint_label(self.tr("Lieux les plus consultés")))
        charts.addWidget(self.places_chart)
        charts.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addWidget(self.charts, 1)
        body.addWidget(self.export_panel, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.totals)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)
        self.period.currentIndexChanged.connect(self.refresh)
        self.export_button.clicked.connect(self.show_export)
        self.write_button.clicked.connect(lambda: self.export_csv())
        self.close_export.clicked.connect(self.hide_export)
        self.refresh()

    def summary(self) -> usage.UsageSummary:
        end = date.today()
        catalogue = self.context.catalogue
        start = end - timedelta(days=self.period.currentData() - 1)
        return usage.named(catalogue, usage.summarize(catalogue, start, end))

    def refresh(self) -> None:
        summary = self.summary()
        minutes = round(summary.visit_seconds / 60)
        self.totals.setText(
            self.tr("{visits}, {minutes} en tout, du {start} au {end}.")
            .replace("{visits}", self.tr("%n visite(s)", "", summary.visits))
            .replace("{minutes}", self.tr("%n minute(s)", "", minutes))
            .replace("{start}", usage.french_day(summary.start))
            .replace("{end}", usage.french_day(summary.end))
        )
        rows: list[tuple[str, str, int]] = []
        for section, counts in (
            (self.tr("Écran"), summary.screens),
            (self.tr("Lieu"), summary.places),
            (self.tr("Vidéo"), summary.videos),
            (self.tr("Carnet"), summary.drawings),
            (self.tr("Langue"), summary.languages),
        ):
            rows += [(section, item, count) for item, count in counts.items()]
        self.table.setRowCount(len(rows))
        for index, (section, item, count) in enumerate(rows):
            for column, text in enumerate((section, item, str(count))):
                self.table.setItem(index, column, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        unit, points = period_points(summary)
        titles = {
            "day": self.tr("Visites par jour"),
            "week": self.tr("Visites par semaine"),
            "month": self.tr("Visites par mois"),
        }
        self.days_title.setText(titles[unit])
        self.days_chart.set_values([(k, float(v)) for k, v in points])
        self.places_chart.set_values([(k, float(v)) for k, v in summary.places.items()])

    def show_export(self) -> None:
        self.charts.hide()
        self.export_panel.show()
        self.browser.show_starting_points()

    def hide_export(self) -> None:
        self.export_panel.hide()
        self.charts.show()

    def export_csv(self, folder: Path | None = None) -> Path | None:
        """Write the period's CSV into ``folder`` (or the folder open in the browser)."""
        target_folder = folder or self.browser.current
        if target_folder is None:
            self.message.setText(self.tr("Ouvrez d'abord le dossier où écrire le fichier."))
            return None
        summary = self.summary()
        target = target_folder / f"statistiques-borne-{summary.start}-{summary.end}.csv"
        try:
            usage.write_csv(summary, target)
        except OSError as error:
            self.message.setText(
                self.tr("Écriture impossible dans {0} : {1}").format(
                    self.browser.where(target_folder), error.strerror or error
                )
            )
            return None
        self.message.setText(
            self.tr("Fichier écrit : {0} dans {1}").format(
                target.name, self.browser.where(target_folder)
            )
        )
        if folder is None:
            self.browser.open_folder(target_folder)  # the new file shows at once
        return target
