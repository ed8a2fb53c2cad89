"""Réglages, Statistiques, Sauvegarde, Santé."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QScroller,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.library import pin, settings, usage
from kiosk.library.bundles import ImportSummary, Plan, export_bundle, import_bundle, shown
from kiosk.library.health import HealthReport, Problem, Severity, check, fix
from kiosk.library.import_jobs import CancelToken
from kiosk.library.sizes import human_size
from kiosk.staff.common import (
    FileBrowser,
    Job,
    ProgressPanel,
    button,
    confirm,
    hint_label,
    title_label,
)
from kiosk.ui import theme
from kiosk.ui.context import UiContext
from kiosk.ui.theme import Metrics
from kiosk.ui.widgets import named, plain_label


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


class BarChart(QWidget):
    """Simple horizontal bars: a label, a bar, a number."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.metrics = context.metrics
        self.values: list[tuple[str, float]] = []
        self.setMinimumHeight(self.metrics.px(200))

    def set_values(self, values: list[tuple[str, float]]) -> None:
        self.values = values[:12]
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
        self.table.horizontalHeader().setStretchLastSection(True)
        self.days_chart = BarChart(context)
        self.places_chart = BarChart(context)
        self.export_button = button("mdi6.file-delimited", self.tr("Exporter en CSV"), metrics)
        self.message = hint_label()
        top = QHBoxLayout()
        top.addWidget(title_label(self.tr("Statistiques")))
        top.addStretch(1)
        top.addWidget(self.period)
        top.addWidget(self.export_button)
        charts = QVBoxLayout()
        charts.addWidget(hint_label(self.tr("Visites par jour")))
        charts.addWidget(self.days_chart)
        charts.addWidget(hint_label(self.tr("Lieux les plus consultés")))
        charts.addWidget(self.places_chart)
        charts.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addLayout(charts, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.totals)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)
        self.period.currentIndexChanged.connect(self.refresh)
        self.export_button.clicked.connect(self.export_csv)
        self.refresh()

    def summary(self) -> usage.UsageSummary:
        end = date.today()
        return usage.summarize(
            self.context.catalogue, end - timedelta(days=self.period.currentData() - 1), end
        )

    def refresh(self) -> None:
        summary = self.summary()
        minutes = summary.visit_seconds / 60
        self.totals.setText(
            self.tr("{visits}, {minutes} en tout, du {start} au {end}.")
            .replace("{visits}", self.tr("%n visite(s)", "", summary.visits))
            .replace("{minutes}", self.tr("%n minute(s)", "", round(minutes)))
            .replace("{start}", summary.start.isoformat())
            .replace("{end}", summary.end.isoformat())
        )
        rows: list[tuple[str, str, int]] = []
        for section, counts in (
            (self.tr("Écran"), summary.screens),
            (self.tr("Lieu"), summary.places),
            (self.tr("Vidéo"), summary.videos),
            (self.tr("Dessin"), summary.drawings),
            (self.tr("Langue"), summary.languages),
        ):
            rows += [(section, item, count) for item, count in counts.items()]
        self.table.setRowCount(len(rows))
        for index, (section, item, count) in enumerate(rows):
            for column, text in enumerate((section, item, str(count))):
                self.table.setItem(index, column, QTableWidgetItem(text))
        self.days_chart.set_values(
            [(day[5:], float(n)) for day, n in summary.per_day.items()][-12:]
        )
        self.places_chart.set_values([(k, float(v)) for k, v in summary.places.items()])

    def export_csv(self) -> Path:
        folder = self.context.root.home / "exports"
        folder.mkdir(exist_ok=True)
        target = folder / f"statistiques-{date.today().isoformat()}.csv"
        target.write_text(usage.to_csv(self.summary()), encoding="utf-8")
        self.message.setText(self.tr("Exporté : {0}").format(target))
        return target


class BackupTab(QWidget):
    """Export the whole content to a bundle (to a USB stick), import one with a plan first."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        metrics = context.metrics
        self.browser = FileBrowser(metrics, context.root, suffixes=frozenset({".tar", ".zip"}))
        self.export_button = button(
            "mdi6.archive-arrow-down", self.tr("Exporter dans ce dossier"), metrics
        )
        self.check_button = button(
            "mdi6.archive-search", self.tr("Examiner le lot choisi"), metrics
        )
        self.merge_button = button("mdi6.merge", self.tr("Fusionner"), metrics)
        self.replace_button = button(
            "mdi6.swap-horizontal-bold", self.tr("Remplacer tout"), metrics, danger=True
        )
        self.progress = ProgressPanel(metrics)
        self.plan_view = named(QListWidget(), "StaffList")
        self.message = hint_label()
        # A refusal quotes what the bundle holds: shown as text, never as rich text.
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.bundle: Path | None = None
        left = QVBoxLayout()
        left.addWidget(title_label(self.tr("Sauvegarde")))
        left.addWidget(
            hint_label(
                self.tr(
                    "Ouvrez une clé USB puis « Exporter » : tout le contenu (catalogue et médias) "
                    "part dans un seul fichier. Pour importer, touchez un fichier .tar ou .zip."
                )
            )
        )
        left.addWidget(self.browser, 1)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.check_button)
        left.addLayout(row)
        left.addWidget(self.progress)
        right = QVBoxLayout()
        right.addWidget(title_label(self.tr("Ce que le lot changerait")))
        right.addWidget(self.plan_view, 1)
        apply_row = QHBoxLayout()
        apply_row.addWidget(self.merge_button)
        apply_row.addWidget(self.replace_button)
        right.addLayout(apply_row)
        right.addWidget(self.message)
        layout = QVBoxLayout(self) if context.portrait else QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)
        self.export_button.clicked.connect(self.export)
        self.check_button.clicked.connect(self.examine)
        self.merge_button.clicked.connect(lambda: self.apply(replace=False))
        self.replace_button.clicked.connect(lambda: self.apply(replace=True))
        self._set_apply_enabled(False)

    def _set_apply_enabled(self, enabled: bool) -> None:
        self.merge_button.setEnabled(enabled)
        self.replace_button.setEnabled(enabled)

    def export(self, folder: Path | None = None) -> None:
        target_folder = folder or self.browser.current
        if target_folder is None or self.progress.busy:
            self.message.setText(self.tr("Ouvrez d'abord le dossier où écrire le lot."))
            return
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        output = target_folder / f"borne-mazier-{stamp}.tar"
        catalogue, root = self.context.catalogue, self.context.root

        def work(cancel: CancelToken, report: Any) -> Any:
            return export_bundle(
                catalogue,
                root,
                output,
                progress=lambda d, t: report(d, t, output.name),
                cancel=cancel,
            )

        self.progress.run(
            Job(work),
            lambda summary: self.message.setText(
                self.tr("Lot écrit : {0} ({1}).").format(
                    summary.path, human_size(summary.bytes_written)
                )
            ),
            self.message.setText,
        )

    def examine(self, bundle: Path | None = None) -> None:
        files = self.browser.selected_files()
        chosen = bundle or (files[0] if files else None)
        if chosen is None or self.progress.busy:
            self.message.setText(self.tr("Touchez d'abord un fichier de lot (.tar ou .zip)."))
            return
        self.bundle = chosen
        self._run_import(chosen, replace=False, dry_run=True)

    def apply(self, *, replace: bool) -> None:
        if self.bundle is None:
            return
        if replace and not confirm(
            self,
            self.tr("Remplacer tout le contenu"),
            self.tr("Tout le contenu de la borne sera remplacé par celui du lot. Continuer ?"),
        ):
            return
        self._run_import(self.bundle, replace=replace, dry_run=False)

    def _run_import(self, bundle: Path, *, replace: bool, dry_run: bool) -> None:
        catalogue, root = self.context.catalogue, self.context.root

        def work(cancel: CancelToken, report: Any) -> ImportSummary:
            return import_bundle(
                catalogue,
                root,
                bundle,
                replace=replace,
                dry_run=dry_run,
                progress=lambda d, t: report(d, t, shown(bundle.name, 60)),
                cancel=cancel,
            )

        def done(summary: ImportSummary) -> None:
            self.show_plan(summary.plan)
            if summary.applied:
                self.message.setText(self.tr("Lot appliqué."))
                self._set_apply_enabled(False)
            else:
                self.message.setText(
                    self.tr("Lot vérifié : rien n'a encore changé. Fusionner ou remplacer ?")
                )
                self._set_apply_enabled(True)

        def failed(reason: str) -> None:
            self.plan_view.clear()
            self.message.setText(shown(reason, 1000))
            self._set_apply_enabled(False)

        self.progress.run(Job(work), done, failed)

    def show_plan(self, plan: Plan) -> None:
        self.plan_view.clear()
        for prefix, items in (("+", plan.added), ("~", plan.changed), ("−", plan.removed)):
            for item in items:
                self.plan_view.addItem(f"{prefix} {shown(item, 200)}")
        self.plan_view.addItem(
            self.tr("{0} fichier(s) à copier ({1})").format(
                plan.files_to_copy, human_size(plan.bytes_to_copy)
            )
        )
        for note in plan.notes:
            self.plan_view.addItem(f"! {shown(note, 400)}")


class HealthCard(QFrame):
    """One problem of the health check, readable at arm's length: what is wrong, named as staff
    know it (a media by its title), where it is used, what visitors see, what to do, the
    technical detail last, and a button to the fix where there is one."""

    def __init__(
        self,
        problem: Problem | None,
        metrics: Metrics,
        *,
        text: str = "",
        open_text: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.problem = problem
        error = problem is not None and problem.severity is Severity.ERROR
        self.setObjectName("HealthError" if error else "HealthCard")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(metrics.px(20), metrics.px(14), metrics.px(20), metrics.px(14))
        words = QVBoxLayout()
        words.setSpacing(metrics.px(4))
        self.headline = plain_label(
            "HealthHeadline", problem.headline if problem is not None else text, wrap=True
        )
        words.addWidget(self.headline)
        self.lines = [
            plain_label(
                "HealthDetail" if line.startswith("Détail") else "HealthLine", line, wrap=True
            )
            for line in (problem.explanation() if problem is not None else [])
        ]
        for label in self.lines:
            words.addWidget(label)
        layout.addLayout(words, 1)
        self.open_button: QPushButton | None = None
        if problem is not None and problem.media is not None:
            self.open_button = button("mdi6.file-replace", open_text, metrics)
            layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignVCenter)

    def text(self) -> str:
        return "\n".join([self.headline.text(), *(label.text() for label in self.lines)])


def health_style(metrics: Metrics) -> str:
    px = metrics.px
    return f"""
QFrame#HealthCard, QFrame#HealthError {{
    background: {theme.PAPER}; border-radius: {px(14)}px;
    border-left: {px(10)}px solid {theme.OCHRE};
}}
QFrame#HealthError {{ border-left-color: {theme.TERRACOTTA}; }}
QLabel#HealthHeadline {{ font-size: {px(24)}px; font-weight: 700; color: {theme.CHARCOAL}; }}
QLabel#HealthLine {{ font-size: {px(21)}px; color: {theme.CHARCOAL}; }}
QLabel#HealthDetail {{ font-size: {px(17)}px; color: {theme.MUTED}; }}
QScrollArea#HealthScroll, QWidget#HealthList {{ background: transparent; }}
"""


class HealthTab(QWidget):
    """The health check as cards, errors first. A card about a media has « Ouvrir dans
    Médias »: ``media_requested(media id, search text)`` asks the staff area to open the Médias
    tab on that media, where « Remplacer par le fichier choisi » or « Retirer » fix it."""

    media_requested = Signal(int, str)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        metrics = context.metrics
        self.setStyleSheet(health_style(metrics))
        self.check_button = button("mdi6.stethoscope", self.tr("Vérifier"), metrics)
        self.fix_button = button(
            "mdi6.broom", self.tr("Reconstruire les caches et ranger les orphelins"), metrics
        )
        self.summary = hint_label()
        self.cards: list[HealthCard] = []
        self.card_list = named(QWidget(), "HealthList")
        self.card_layout = QVBoxLayout(self.card_list)
        self.card_layout.setContentsMargins(0, 0, 0, 0)
        self.card_layout.setSpacing(metrics.px(12))
        self.card_layout.addStretch(1)
        self.scroll_area = named(QScrollArea(), "HealthScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setWidget(self.card_list)
        self.scroll_area.viewport().setAutoFillBackground(False)
        QScroller.grabGesture(
            self.scroll_area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture
        )
        self.progress = ProgressPanel(metrics)
        self.report: HealthReport | None = None
        top = QHBoxLayout()
        top.addWidget(title_label(self.tr("Santé")))
        top.addStretch(1)
        top.addWidget(self.check_button)
        top.addWidget(self.fix_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.scroll_area, 1)
        self.check_button.clicked.connect(self.run_check)
        self.fix_button.clicked.connect(self.run_fix)
        self.fix_button.setEnabled(False)

    def run_check(self) -> None:
        if self.progress.busy:
            return
        catalogue, root = self.context.catalogue, self.context.root

        def work(cancel: CancelToken, report: Any) -> HealthReport:
            return check(
                catalogue,
                root,
                progress=lambda d, t: report(d, t, self.tr("Vérification des fichiers…")),
                cancel=cancel,
            )

        self.progress.run(Job(work), self.show_report, self.summary.setText)

    def _show_cards(self, problems: list[Problem], texts: list[str]) -> None:
        for card in self.cards:
            card.deleteLater()
        self.cards = []
        metrics = self.context.metrics
        for problem in problems:
            card = HealthCard(problem, metrics, open_text=self.tr("Ouvrir dans Médias"))
            if card.open_button is not None and problem.media is not None:
                media = problem.media
                card.open_button.clicked.connect(
                    lambda _checked=False, m=media: self.media_requested.emit(
                        m.id, m.title or m.file_name
                    )
                )
            self.cards.append(card)
        self.cards += [HealthCard(None, metrics, text=text) for text in texts]
        for index, card in enumerate(self.cards):
            self.card_layout.insertWidget(index, card)

    def card_texts(self) -> list[str]:
        return [card.text() for card in self.cards]

    def show_report(self, report: HealthReport) -> None:
        self.report = report
        self._show_cards(
            report.errors + report.warnings, [] if report.problems else [self.tr("Tout va bien.")]
        )
        self.summary.setText(
            self.tr(
                "{0} média(s) vérifié(s) · base {1} · {2} libres sur {3} · {4} erreur(s), "
                "{5} avertissement(s)"
            ).format(
                report.media_checked,
                self.tr("intègre") if report.database_ok else self.tr("ENDOMMAGÉE"),
                human_size(report.free_bytes),
                human_size(report.total_bytes),
                len(report.errors),
                len(report.warnings),
            )
        )
        self.fix_button.setEnabled(True)

    def run_fix(self) -> None:
        if self.report is None:
            return
        done = fix(self.context.catalogue, self.context.root, self.report)
        self._show_cards([], done.lines() or [self.tr("Rien à réparer automatiquement.")])
        self.fix_button.setEnabled(False)
        self.summary.setText(self.tr("Réparé. Relancez « Vérifier » pour voir l'état."))
