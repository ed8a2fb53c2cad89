"""Réseau: the network of kiosks as this kiosk sees it (read only).

For a member: the network's name, the trusted key's fingerprint (to compare by eye), and one row
per kiosk from the status folder (:func:`kiosk.library.network.status.read_statuses`): name,
place, release applied and waiting, last seen, and its state in words on a coloured band (never
colour alone). For a single kiosk: one line saying so, pointing to the network guide. The files
are read in a thread (a status folder on a slow disk never freezes the staff area).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import ContentRoot
from kiosk.kit import theme
from kiosk.kit.context import UiContext
from kiosk.library.network.keys import load_trusted_keys
from kiosk.library.network.membership import Membership, load_membership, status_dir
from kiosk.library.network.status import KioskStatus, read_statuses
from kiosk.staff.controls import button, hint_label, title_label
from kiosk.staff.jobs import Job

GUIDE = "docs/reseau.md"


@dataclass(frozen=True)
class NetworkView:
    """What the tab shows, read off the GUI thread."""

    membership: Membership | None
    fingerprints: tuple[str, ...] = ()
    statuses: list[KioskStatus] = field(default_factory=list)
    now: datetime = field(default_factory=lambda: datetime.now().astimezone())


def read_view(root: ContentRoot) -> NetworkView:
    membership = load_membership(root)
    if membership is None:
        return NetworkView(None)
    try:
        fingerprints = tuple(key.fingerprint for key in load_trusted_keys(root))
    except (OSError, ValueError):
        fingerprints = ()
    return NetworkView(membership, fingerprints, read_statuses(status_dir(root)))


def state_of(status: KioskStatus, now: datetime) -> tuple[str, str]:
    """The kiosk's state in words, and its band's colour."""
    if status.unreadable:
        return QCoreApplication.translate(
            "NetworkTab", "Fichier d'état illisible"
        ), theme.TERRACOTTA
    if status.is_late(now):
        return QCoreApplication.translate(
            "NetworkTab", "En retard : pas de nouvelles"
        ), theme.TERRACOTTA
    failing = status.recent_crash(now) or bool(status.health and status.health.errors)
    if failing or status.refused:
        return QCoreApplication.translate("NetworkTab", "En panne : à voir"), theme.TERRACOTTA
    if status.problems(now):
        return QCoreApplication.translate("NetworkTab", "À voir"), theme.OCHRE
    if status.release_waiting:
        return QCoreApplication.translate(
            "NetworkTab", "En ordre, publication en attente"
        ), theme.OCHRE
    return QCoreApplication.translate("NetworkTab", "En ordre"), theme.HEDGE


def seen_text(status: KioskStatus, now: datetime) -> str:
    seen = status.seen()
    if seen is None:
        return QCoreApplication.translate("NetworkTab", "jamais")
    minutes = int((now - seen).total_seconds() // 60)
    if minutes < 2:
        return QCoreApplication.translate("NetworkTab", "à l'instant")
    if minutes < 120:
        return QCoreApplication.translate("NetworkTab", "il y a {0} min").format(minutes)
    if minutes < 48 * 60:
        return QCoreApplication.translate("NetworkTab", "il y a {0} h").format(minutes // 60)
    return QCoreApplication.translate("NetworkTab", "le {0}").format(
        seen.strftime("%d/%m/%Y à %H:%M")
    )


class NetworkTab(QWidget):
    COLUMNS = 6

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        metrics = context.metrics
        self.job: Job | None = None
        self.view: NetworkView | None = None
        self.summary = hint_label()
        self.key_line = hint_label()
        self.key_line.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Borne"),
                self.tr("Lieu"),
                self.tr("Publication appliquée"),
                self.tr("En attente"),
                self.tr("Dernières nouvelles"),
                self.tr("État"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.COLUMNS - 1, QHeaderView.ResizeMode.Stretch)
        # As tall as its rows: the lines under it and « Actualiser » stay in view.
        self.table.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        self.table.setWordWrap(True)
        self.details = hint_label()
        self.message = hint_label()
        self.refresh_button = button("mdi6.refresh", self.tr("Actualiser"), metrics)
        self.refresh_button.clicked.connect(self.refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("Réseau de bornes")))
        layout.addWidget(self.summary)
        layout.addWidget(self.key_line)
        layout.addWidget(self.table)
        layout.addWidget(self.details)
        layout.addWidget(self.message)
        layout.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        """Read the network's files again (in a thread)."""
        if self.job is not None and self.job.running:
            return
        self.message.setText(self.tr("Lecture de l'état des bornes…"))
        root = self.context.root
        self.job = Job(lambda _cancel, _report: read_view(root))
        self.job.signals.succeeded.connect(self._show)
        # Bound methods, never lambdas: a tab deleted under its job is disconnected by Qt.
        self.job.signals.failed.connect(self._show_failure)
        self.job.start()

    @Slot(str)
    def _show_failure(self, reason: str) -> None:
        self.message.setText(self.tr("L'état du réseau n'a pas pu être lu : {0}").format(reason))

    @Slot(object)
    def _show(self, result: Any) -> None:
        assert isinstance(result, NetworkView)
        self.view = result
        self.message.setText("")
        membership = result.membership
        member = membership is not None
        for widget in (self.key_line, self.table, self.details):
            widget.setVisible(member)
        if membership is None:
            self.summary.setText(
                self.tr(
                    "Cette borne ne fait partie d'aucun réseau de bornes : elle fonctionne "
                    "seule. Pour créer un réseau ou en rejoindre un, voir le guide du réseau "
                    "({0})."
                ).format(GUIDE)
            )
            return
        role = self.tr("publie") if membership.publishes else self.tr("reçoit")
        self.summary.setText(
            self.tr("Réseau « {0} » : cette borne, « {1} », {2} les publications.").format(
                membership.network, membership.name, role
            )
        )
        keys = ", ".join(result.fingerprints) or self.tr("aucune")
        self.key_line.setText(
            self.tr(
                "Clé de confiance : {0} (à comparer à l'œil avec celle que montre la borne "
                "qui publie)."
            ).format(keys)
        )
        self._fill(result)

    def _fill(self, view: NetworkView) -> None:
        now = view.now
        self.table.setRowCount(len(view.statuses))
        lines: list[str] = []
        for row, status in enumerate(view.statuses):
            state, colour = state_of(status, now)
            name = status.name or status.kiosk_id
            if view.membership is not None and status.kiosk_id == view.membership.kiosk_id:
                name = self.tr("{0} (cette borne)").format(name)
            cells = [
                name,
                status.place,
                status.release_applied or self.tr("aucune"),
                status.release_waiting or self.tr("aucune"),
                seen_text(status, now),
                state,
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == self.COLUMNS - 1:
                    item.setBackground(QBrush(QColor(colour)))
                    ink = theme.CHARCOAL if colour == theme.OCHRE else theme.WHITE
                    item.setForeground(QBrush(QColor(ink)))
                self.table.setItem(row, column, item)
            problems = status.problems(now)
            if status.release_waiting and status.waiting_reason:
                problems.append(
                    self.tr("publication en attente : {0}").format(status.waiting_reason)
                )
            if problems:
                name = status.name or status.kiosk_id
                lines.append(f"{name} : " + " ; ".join(problems))
        self.table.resizeRowsToContents()
        if not view.statuses:
            lines.append(
                self.tr("Aucune borne n'a encore écrit son état dans le dossier du réseau.")
            )
        self.details.setText("\n".join(lines))
