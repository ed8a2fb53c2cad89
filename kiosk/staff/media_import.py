"""The import side of the Médias tab: the file browser, the role and the album of what is
imported, the progress (per file and overall, cancel) and every file's result, in full.

The album chosen stays chosen from one import to the next (a volunteer imports a whole
notebook in several goes). Images imported « Sans carnet » appear nowhere for visitors until
they are put in an album or on a place: the panel says so before and after the import.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QScrollArea, QWidget

from kiosk.kit import theme
from kiosk.kit.context import UiContext
from kiosk.library.import_jobs import (
    OUTCOME_LABELS,
    CancelToken,
    FileResult,
    ImportReport,
    Links,
    Outcome,
    Progress,
    collect_files,
    import_files,
    skipped_files,
)
from kiosk.library.media_admin.listing import images_outside_albums
from kiosk.staff.controls import button, button_row, hint_label, titled_column
from kiosk.staff.file_browser import FileBrowser
from kiosk.staff.jobs import Job, ProgressPanel
from kiosk.store.models import MediaRole

# What the import keeps for the next staff session while the kiosk runs (each session builds a
# new staff area), by catalogue: the album chosen, so a volunteer importing a carnet's drawings
# over several sessions does not fall back to « Sans carnet ».
remembered_albums: dict[str, str | None] = {}


class ImportPanel(QWidget):
    """Choose files, a role and an album, import; ``imported`` once the catalogue changed."""

    imported = Signal()

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        metrics = context.metrics
        # Every file shows (a camera's film may have any extension, or none): the import
        # probes what it is given and names each file it refuses or skips, with the reason.
        self.browser = FileBrowser(metrics, context.root)
        self.role_choice = QComboBox()
        for label, role in (
            (self.tr("Rôle : automatique"), None),
            (self.tr("Dessin (carnet)"), MediaRole.DRAWING),
            (self.tr("Vignette d'un lieu"), MediaRole.VIGNETTE),
            (self.tr("Film de la route des tiers-lieux"), MediaRole.AFTERMOVIE),
            (self.tr("Photo d'un lieu"), MediaRole.PHOTO),
            (self.tr("Carte"), MediaRole.MAP),
        ):
            self.role_choice.addItem(label, role)
        self.album_choice = QComboBox()
        for combo in (self.role_choice, self.album_choice):  # a long carnet title must not
            combo.setSizeAdjustPolicy(  # take the media list's room
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(12)
        self.no_album_hint = hint_label(
            self.tr(
                "Sans carnet : les images importées n'apparaîtront nulle part pour les visiteurs "
                "tant qu'elles ne sont pas dans un carnet ou sur un lieu."
            )
        )
        self.no_album_hint.setStyleSheet(f"color: {theme.TERRACOTTA};")
        self.import_selected = button("mdi6.import", self.tr("Importer la sélection"), metrics)
        self.import_folder = button("mdi6.folder-download", self.tr("Importer ce dossier"), metrics)
        self.progress = ProgressPanel(metrics)
        self.results = hint_label()
        self.last_report: ImportReport | None = None
        self.job: Job | None = None

        layout = titled_column(
            self,
            self.tr("Importer"),
            self.tr(
                "Branchez une clé USB, ouvrez le dossier, touchez les fichiers puis "
                "« Importer ». Avec une souris, vous pouvez aussi glisser des fichiers ici."
            ),
        )
        # Room for five files at least, and a gap before the drop-downs (a tap near the list's
        # bottom must not open the role's list).
        self.browser.list.setMinimumHeight(5 * (self.browser.thumb_size.height() + metrics.px(12)))
        layout.addWidget(self.browser, 1)
        layout.addSpacing(metrics.px(24))
        options = QHBoxLayout()
        options.addWidget(self.role_choice, 1)
        options.addWidget(self.album_choice, 1)
        layout.addLayout(options)
        layout.addWidget(self.no_album_hint)
        layout.addLayout(button_row(self.import_selected, self.import_folder))
        layout.addWidget(self.progress)
        # Every file's result, refused and skipped ones first: a folder of many scrolls (by
        # finger), nothing is cut.
        self.results_area = QScrollArea()
        self.results_area.setWidgetResizable(True)
        self.results_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.results_area.viewport().setAutoFillBackground(False)
        self.results_area.setMaximumHeight(metrics.px(300))
        self.results_area.setWidget(self.results)
        layout.addWidget(self.results_area)
        self.results_area.hide()

        self.import_selected.clicked.connect(
            lambda: self.start_import(self.browser.selected_files())
        )
        self.import_folder.clicked.connect(self._import_current_folder)
        self.album_choice.currentIndexChanged.connect(self._update_hint)
        self.album_choice.currentIndexChanged.connect(self._remember_album)
        self.role_choice.currentIndexChanged.connect(self._update_hint)

    def refresh_albums(self) -> None:
        """The albums as they are now, the one chosen kept chosen."""
        from kiosk.library.catalogue_views import albums

        # A new staff area (nothing listed yet) takes the album chosen in the last session.
        catalogue = str(self.context.catalogue.db_path)
        chosen = (
            self.album_choice.currentData()
            if self.album_choice.count()
            else remembered_albums.get(catalogue)
        )
        self.album_choice.blockSignals(True)
        self.album_choice.clear()
        self.album_choice.addItem(self.tr("Sans carnet"), None)
        for album in albums(self.context.catalogue):
            self.album_choice.addItem(album.title, album.slug)
        index = self.album_choice.findData(chosen) if chosen is not None else 0
        self.album_choice.setCurrentIndex(max(0, index))
        self.album_choice.blockSignals(False)
        self._update_hint()

    def _remember_album(self) -> None:
        remembered_albums[str(self.context.catalogue.db_path)] = self.album_choice.currentData()

    def _update_hint(self) -> None:
        role = self.role_choice.currentData()
        without = self.album_choice.currentData() is None
        self.no_album_hint.setVisible(without and role in (None, MediaRole.DRAWING))

    def _import_current_folder(self) -> None:
        if self.browser.current is not None:
            self.start_import([self.browser.current])

    def start_import(self, paths: list[Path]) -> None:
        sources = collect_files(paths)
        skipped = skipped_files(paths)
        if not sources or self.progress.busy:
            self._show_results(
                "\n".join(
                    [
                        self.tr("Choisissez d'abord des fichiers vidéo ou image."),
                        *(self.describe(result) for result in skipped),
                    ]
                )
            )
            return
        links = Links(album=self.album_choice.currentData(), role=self.role_choice.currentData())
        catalogue, root = self.context.catalogue, self.context.root

        def work(cancel: CancelToken, report: Any) -> ImportReport:
            def on_progress(progress: Progress) -> None:
                label = f"{progress.file_index + 1}/{progress.file_count} · {progress.source.name}"
                report(progress.overall_done, progress.overall_total, label)
                job.report_file(progress.file_fraction)

            return import_files(
                catalogue,
                root,
                sources,
                links,
                progress=on_progress,
                cancel=cancel,
                skipped=skipped,
            )

        job = Job(work)
        self.job = job
        self.progress.run(
            job, lambda report: self._imported(report, links), self._failed, two_bars=True
        )

    def describe(self, result: FileResult) -> str:
        text = f"{result.source.name} : {OUTCOME_LABELS[result.outcome]}"
        return text + (f" ({result.reason})" if result.reason else "")

    def _imported(self, report: ImportReport, links: Links) -> None:
        self.last_report = report
        counts = [
            report.count(Outcome.IMPORTED),
            report.count(Outcome.PRESENT),
            report.count(Outcome.REFUSED),
        ]
        if report.count(Outcome.SKIPPED):
            summary = self.tr(
                "{0} importé(s), {1} déjà présent(s), {2} refusé(s), {3} ignoré(s)."
            ).format(*counts, report.count(Outcome.SKIPPED))
        else:
            summary = self.tr("{0} importé(s), {1} déjà présent(s), {2} refusé(s).").format(*counts)
        if report.cancelled:
            summary += " " + self.tr("Import annulé : le fichier en cours n'a pas été gardé.")
        lines = [summary]
        nowhere = self._images_shown_nowhere(report, links)
        if nowhere:
            lines.append(
                self.tr(
                    "Attention : {0} image(s) importée(s) sans carnet : les visiteurs ne les "
                    "verront nulle part tant qu'elles ne sont pas dans un carnet ou sur un lieu."
                ).format(nowhere)
            )
        # Every file refused, cancelled or skipped (in that order), then every one imported.
        lines += [
            self.describe(result)
            for outcome in (Outcome.REFUSED, Outcome.CANCELLED, Outcome.SKIPPED)
            for result in report.results
            if result.outcome is outcome
        ]
        kept = (Outcome.IMPORTED, Outcome.PRESENT)
        lines += [self.describe(r) for r in report.results if r.outcome in kept]
        self._show_results("\n".join(lines))
        self.imported.emit()

    def _images_shown_nowhere(self, report: ImportReport, links: Links) -> int:
        """How many images this import brought in without an album (a map is shown anyway)."""
        if links.album is not None:
            return 0
        ids = [r.media_id for r in report.results if r.outcome is Outcome.IMPORTED and r.media_id]
        return images_outside_albums(self.context.catalogue, ids)

    def _show_results(self, text: str) -> None:
        """The import's results under its buttons; nothing there (no empty band) before."""
        self.results.setText(text)
        self.results_area.setVisible(bool(text))
        # As tall as its lines, up to its maximum (then it scrolls).
        self.results_area.setMinimumHeight(
            min(self.results.sizeHint().height(), self.results_area.maximumHeight())
        )

    def _failed(self, reason: str) -> None:
        self._show_results(reason)
        self.imported.emit()
