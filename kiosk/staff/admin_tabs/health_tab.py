"""Santé: the health check as cards, and its fixes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from kiosk.kit import theme
from kiosk.kit.context import UiContext
from kiosk.kit.theme import Metrics
from kiosk.kit.widgets import named, plain_label
from kiosk.library.french_format import human_size
from kiosk.library.health import HealthReport, Problem, Severity, check, fix
from kiosk.library.import_jobs import CancelToken
from kiosk.staff.controls import button, hint_label, title_label
from kiosk.staff.jobs import Job, ProgressPanel


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
        self.fix_button = button("mdi6.broom", self.tr("Ranger et réparer sans risque"), metrics)
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
            card.hide()  # gone at once, deleted once the event loop comes back
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
                self.tr("en bon état") if report.database_ok else self.tr("ENDOMMAGÉE"),
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
