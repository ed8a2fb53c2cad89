"""Sauvegarde: the whole content to one file (a USB stick), and back."""

from __future__ import annotations

from datetime import datetime
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.kit.context import UiContext
from kiosk.kit.widgets import named
from kiosk.library.bundles import ImportSummary, Plan, export_bundle, import_bundle, shown
from kiosk.library.french_format import human_size
from kiosk.staff.controls import button, button_row, hint_label, title_label
from kiosk.staff.dialogs import confirm
from kiosk.staff.file_browser import FileBrowser
from kiosk.staff.jobs import Job, ProgressPanel


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
        left.addLayout(button_row(self.export_button, self.check_button))
        left.addWidget(self.progress)
        right = QVBoxLayout()
        right.addWidget(title_label(self.tr("Ce que le lot changerait")))
        right.addWidget(self.plan_view, 1)
        right.addLayout(button_row(self.merge_button, self.replace_button))
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
        self.progress.run(
            Job.of_task(partial(export_bundle, catalogue, root, output), output.name),
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

        task = partial(import_bundle, catalogue, root, bundle, replace=replace, dry_run=dry_run)
        self.progress.run(Job.of_task(task, shown(bundle.name, 60)), done, failed)

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
