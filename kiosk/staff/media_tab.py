"""Médias: import from a USB stick or a folder (progress per file and overall, cancel), the list
of every media with what uses it, replace, remove with a confirmation that says what uses it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.cli.progress import human_size
from kiosk.library.import_jobs import (
    ACCEPTED_SUFFIXES,
    OUTCOME_LABELS,
    CancelToken,
    FileResult,
    ImportReport,
    Links,
    Outcome,
    Progress,
    collect_files,
    import_files,
)
from kiosk.library.media_admin import (
    MediaAdminError,
    MediaEntry,
    list_media,
    remove_media,
    replace_media,
)
from kiosk.library.media_store import MediaError
from kiosk.staff.common import (
    FileBrowser,
    Job,
    ProgressPanel,
    button,
    confirm,
    hint_label,
    title_label,
)
from kiosk.store.models import MediaRole
from kiosk.ui.context import UiContext
from kiosk.ui.widgets import named


class MediaTab(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        metrics = context.metrics
        self.setAcceptDrops(True)
        self.browser = FileBrowser(metrics, context.root, suffixes=frozenset(ACCEPTED_SUFFIXES))
        self.role_choice = QComboBox()
        for label, role in (
            (self.tr("Rôle : automatique"), None),
            (self.tr("Dessin (carnet)"), MediaRole.DRAWING),
            (self.tr("Vignette d'un lieu"), MediaRole.VIGNETTE),
            (self.tr("Film (aftermovie)"), MediaRole.AFTERMOVIE),
            (self.tr("Photo d'un lieu"), MediaRole.PHOTO),
            (self.tr("Carte"), MediaRole.MAP),
        ):
            self.role_choice.addItem(label, role)
        self.album_choice = QComboBox()
        self.import_selected = button("mdi6.import", self.tr("Importer la sélection"), metrics)
        self.import_folder = button("mdi6.folder-download", self.tr("Importer ce dossier"), metrics)
        self.progress = ProgressPanel(metrics)
        self.results = hint_label()
        self.table = named(QTableWidget(0, 5), "StaffTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Titre"),
                self.tr("Type"),
                self.tr("Rôle"),
                self.tr("Taille"),
                self.tr("Utilisé par"),
            ]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(metrics.px(56))
        self.replace_button = button(
            "mdi6.file-replace", self.tr("Remplacer par le fichier choisi"), metrics
        )
        self.remove_button = button("mdi6.delete", self.tr("Retirer"), metrics, danger=True)

        left = QVBoxLayout()
        left.addWidget(title_label(self.tr("Importer")))
        left.addWidget(
            hint_label(
                self.tr(
                    "Branchez une clé USB, ouvrez le dossier, touchez les fichiers puis "
                    "« Importer ». Avec une souris, vous pouvez aussi glisser des fichiers ici."
                )
            )
        )
        left.addWidget(self.browser, 1)
        options = QHBoxLayout()
        options.addWidget(self.role_choice, 1)
        options.addWidget(self.album_choice, 1)
        left.addLayout(options)
        actions = QHBoxLayout()
        actions.addWidget(self.import_selected)
        actions.addWidget(self.import_folder)
        left.addLayout(actions)
        left.addWidget(self.progress)
        left.addWidget(self.results)
        right = QVBoxLayout()
        right.addWidget(title_label(self.tr("Tous les médias")))
        right.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.replace_button)
        buttons.addWidget(self.remove_button)
        right.addLayout(buttons)
        layout = QVBoxLayout(self) if context.portrait else QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)

        self.entries: list[MediaEntry] = []
        self.last_report: ImportReport | None = None
        self.import_selected.clicked.connect(
            lambda: self.start_import(self.browser.selected_files())
        )
        self.import_folder.clicked.connect(self._import_current_folder)
        self.remove_button.clicked.connect(self.remove_selected)
        self.replace_button.clicked.connect(self.replace_selected)
        self.refresh()

    def refresh(self) -> None:
        from kiosk.library.catalogue_views import albums

        self.album_choice.clear()
        self.album_choice.addItem(self.tr("Sans carnet"), None)
        for album in albums(self.context.catalogue):
            self.album_choice.addItem(album.title, album.slug)
        self.entries = list_media(self.context.catalogue)
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            uses = ", ".join(use.describe() for use in entry.uses) or self.tr("inutilisé")
            cells = [
                entry.name,
                entry.kind.value,
                entry.role.value,
                human_size(entry.size_bytes),
                uses,
            ]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def _import_current_folder(self) -> None:
        if self.browser.current is not None:
            self.start_import([self.browser.current])

    def start_import(self, paths: list[Path]) -> None:
        sources = collect_files(paths)
        if not sources or self.progress.busy:
            self.results.setText(self.tr("Choisissez d'abord des fichiers vidéo ou image."))
            return
        links = Links(album=self.album_choice.currentData(), role=self.role_choice.currentData())
        catalogue, root = self.context.catalogue, self.context.root
        lines: list[str] = []

        def work(cancel: CancelToken, report: Any) -> ImportReport:
            def on_progress(progress: Progress) -> None:
                label = f"{progress.file_index + 1}/{progress.file_count} · {progress.source.name}"
                report(progress.overall_done, progress.overall_total, label)
                job.report_file(progress.file_fraction)

            def on_result(result: FileResult) -> None:
                lines.append(self._describe(result))

            return import_files(
                catalogue,
                root,
                sources,
                links,
                progress=on_progress,
                on_result=on_result,
                cancel=cancel,
            )

        job = Job(work)
        self.progress.run(
            job, lambda report: self._imported(report, lines), self._failed, two_bars=True
        )
        self.job: Job | None = job

    def _describe(self, result: FileResult) -> str:
        text = f"{result.source.name} : {OUTCOME_LABELS[result.outcome]}"
        return text + (f" ({result.reason})" if result.reason else "")

    def _imported(self, report: ImportReport, lines: list[str]) -> None:
        self.last_report = report
        summary = self.tr("{0} importé(s), {1} déjà présent(s), {2} refusé(s).").format(
            report.count(Outcome.IMPORTED),
            report.count(Outcome.PRESENT),
            report.count(Outcome.REFUSED),
        )
        if report.cancelled:
            summary += " " + self.tr("Import annulé : le fichier en cours n'a pas été gardé.")
        self.results.setText("\n".join([summary, *lines[-6:]]))
        self.refresh()

    def _failed(self, reason: str) -> None:
        self.results.setText(reason)
        self.refresh()

    def selected_entry(self) -> MediaEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows else None

    def remove_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        if entry.uses:
            question = self.tr("« {0} » est utilisé par : {1}. Le retirer quand même ?").format(
                entry.name, ", ".join(use.describe() for use in entry.uses)
            )
        else:
            question = self.tr(
                "Retirer « {0} » ? Le fichier ira dans la corbeille (trash/)."
            ).format(entry.name)
        if not confirm(self, self.tr("Retirer un média"), question):
            return
        try:
            remove_media(self.context.catalogue, self.context.root, entry.id, force=True)
            self.results.setText(self.tr("« {0} » retiré.").format(entry.name))
        except MediaAdminError as error:
            self.results.setText(str(error))
        self.refresh()

    def replace_selected(self) -> None:
        entry = self.selected_entry()
        files = self.browser.selected_files()
        if entry is None or len(files) != 1:
            self.results.setText(
                self.tr("Choisissez un média dans la liste et un seul fichier dans le navigateur.")
            )
            return
        try:
            replace_media(self.context.catalogue, self.context.root, entry.id, files[0])
            self.results.setText(self.tr("« {0} » remplacé.").format(entry.name))
        except (MediaAdminError, MediaError) as error:
            self.results.setText(str(error))
        self.refresh()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        self.start_import(paths)
