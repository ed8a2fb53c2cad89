"""Médias: import from a USB stick or a folder (progress per file and overall, cancel), the list
of every media with what uses it, replace, remove with a confirmation that says what uses it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

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
from kiosk.library.media_admin import (
    MediaAdminError,
    MediaEntry,
    list_media,
    remove_media,
    replace_media,
)
from kiosk.library.media_store import MediaError
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
from kiosk.store.models import MediaKind, MediaRole
from kiosk.ui import theme
from kiosk.ui.context import UiContext
from kiosk.ui.widgets import named, plain_tooltip

# What the list can be narrowed to besides the search text.
SHOW_ALL, SHOW_VIDEOS, SHOW_IMAGES, SHOW_UNUSED = "all", "video", "image", "unused"
_SHOW_KINDS = {SHOW_VIDEOS: MediaKind.VIDEO, SHOW_IMAGES: MediaKind.IMAGE}
AnyIndex = QModelIndex | QPersistentModelIndex


class MediaTableModel(QAbstractTableModel):
    """The media list as a table model over :class:`MediaEntry` tuples.

    Nothing is built per row up front: a cell's text is made when the view paints it, so a list
    of 10,000 media opens as fast as one of ten. The filter (a kind, the unused ones, a search in
    the name, the file and the uses) keeps the positions of the entries it shows.
    """

    COLUMNS = 5

    def __init__(
        self,
        headers: list[str],
        unused: str,
        labels: dict[MediaKind | MediaRole, str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.headers = headers
        self.unused = unused
        self.labels = labels  # the staff's words for the kinds and roles ("dessin", not "drawing")
        self.entries: list[MediaEntry] = []
        self.shown: list[int] = []
        self.show = SHOW_ALL
        self.search = ""
        self._search_keys: list[str] | None = None
        self._uses_text: dict[int, str] = {}

    def set_entries(self, entries: list[MediaEntry]) -> None:
        self.beginResetModel()
        self.entries = entries
        self._search_keys = None
        self._uses_text = {}
        self.shown = self._filtered()
        self.endResetModel()

    def set_filter(self, show: str = SHOW_ALL, search: str = "") -> None:
        self.beginResetModel()
        self.show, self.search = show, search.strip().casefold()
        self.shown = self._filtered()
        self.endResetModel()

    def _filtered(self) -> list[int]:
        entries = self.entries
        positions: Any = range(len(entries))
        if self.show in _SHOW_KINDS:
            kind = _SHOW_KINDS[self.show]
            positions = [i for i in positions if entries[i].kind is kind]
        elif self.show == SHOW_UNUSED:
            positions = [i for i in positions if not entries[i].uses]
        if self.search:
            keys, needle = self.search_keys(), self.search
            positions = [i for i in positions if needle in keys[i]]
        return list(positions)

    def search_keys(self) -> list[str]:
        """Each entry's searchable text, made the first time a search needs it."""
        if self._search_keys is None:
            self._search_keys = [
                f"{entry.name}\n{entry.path}\n{self.uses_text(entry)}".casefold()
                for entry in self.entries
            ]
        return self._search_keys

    def uses_text(self, entry: MediaEntry) -> str:
        text = self._uses_text.get(entry.id)
        if text is None:
            text = ", ".join(use.describe() for use in entry.uses) or self.unused
            self._uses_text[entry.id] = text
        return text

    def entry_at(self, row: int) -> MediaEntry:
        return self.entries[self.shown[row]]

    def row_of(self, media_id: int) -> int | None:
        for row, position in enumerate(self.shown):
            if self.entries[position].id == media_id:
                return row
        return None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.shown)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        entry = self.entries[self.shown[index.row()]]
        column = index.column()
        if role == Qt.ItemDataRole.ToolTipRole:
            # Qt reads a tool tip that looks like HTML as HTML: a file name stays literal.
            shown = self.data(index, Qt.ItemDataRole.DisplayRole)
            return plain_tooltip(shown) if isinstance(shown, str) else None
        if column == 0:
            return entry.name
        if column == 1:
            return self.labels.get(entry.kind, entry.kind.value)
        if column == 2:
            return self.labels.get(entry.role, entry.role.value)
        if column == 3:
            return human_size(entry.size_bytes)
        return self.uses_text(entry)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None


class MediaTab(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        metrics = context.metrics
        self.setAcceptDrops(True)
        # Every file shows (a camera's film may have any extension, or none): the import
        # probes what it is given and names each file it refuses or skips, with the reason.
        self.browser = FileBrowser(metrics, context.root)
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
        self.model = MediaTableModel(
            [
                self.tr("Titre"),
                self.tr("Type"),
                self.tr("Rôle"),
                self.tr("Taille"),
                self.tr("Utilisé par"),
            ],
            self.tr("inutilisé"),
            {
                MediaKind.VIDEO: self.tr("vidéo"),
                MediaKind.IMAGE: self.tr("image"),
                MediaRole.AFTERMOVIE: self.tr("film"),
                MediaRole.VIGNETTE: self.tr("vignette"),
                MediaRole.DRAWING: self.tr("dessin"),
                MediaRole.MAP: self.tr("carte"),
                MediaRole.PHOTO: self.tr("photo"),
                MediaRole.OTHER: self.tr("autre"),
            },
            self,
        )
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Chercher un titre, un fichier, un lieu…"))
        self.search.setClearButtonEnabled(True)
        self.show_choice = QComboBox()
        for label, show in (
            (self.tr("Tous les médias"), SHOW_ALL),
            (self.tr("Vidéos"), SHOW_VIDEOS),
            (self.tr("Images"), SHOW_IMAGES),
            (self.tr("Inutilisés"), SHOW_UNUSED),
        ):
            self.show_choice.addItem(label, show)
        self.table = named(QTableView(), "StaffTable")
        self.table.setModel(self.model)
        # Headings large enough to read (the table itself is styled in common.py).
        self.table.setStyleSheet(
            f"QHeaderView::section {{ background: {theme.CREAM}; color: {theme.HEDGE_DARK}; "
            f"border: none; padding: {metrics.px(6)}px; font-size: {metrics.px(20)}px; "
            "font-weight: 700; }"
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        rows = self.table.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(metrics.px(56))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
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
        # Every refused or skipped file is listed: a folder of many scrolls.
        self.results_area = QScrollArea()
        self.results_area.setWidgetResizable(True)
        self.results_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.results_area.setMaximumHeight(metrics.px(260))
        self.results_area.setWidget(self.results)
        left.addWidget(self.results_area)
        right = QVBoxLayout()
        right.addWidget(title_label(self.tr("Tous les médias")))
        narrow = QHBoxLayout()
        narrow.addWidget(self.search, 2)
        narrow.addWidget(self.show_choice, 1)
        right.addLayout(narrow)
        right.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.replace_button)
        buttons.addWidget(self.remove_button)
        right.addLayout(buttons)
        layout = QVBoxLayout(self) if context.portrait else QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)

        self.last_report: ImportReport | None = None
        self.import_selected.clicked.connect(
            lambda: self.start_import(self.browser.selected_files())
        )
        self.import_folder.clicked.connect(self._import_current_folder)
        self.remove_button.clicked.connect(self.remove_selected)
        self.replace_button.clicked.connect(self.replace_selected)
        self.search.textChanged.connect(self._narrow)
        self.show_choice.currentIndexChanged.connect(self._narrow)
        self.refresh()

    def refresh(self) -> None:
        from kiosk.library.catalogue_views import albums

        self.album_choice.clear()
        self.album_choice.addItem(self.tr("Sans carnet"), None)
        for album in albums(self.context.catalogue):
            self.album_choice.addItem(album.title, album.slug)
        selected = self.selected_entry()
        self.model.set_entries(list_media(self.context.catalogue))
        if selected is not None:
            self._select(selected.id)

    def _narrow(self) -> None:
        selected = self.selected_entry()
        self.model.set_filter(self.show_choice.currentData(), self.search.text())
        if selected is not None:
            self._select(selected.id)

    def _select(self, media_id: int) -> None:
        row = self.model.row_of(media_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _import_current_folder(self) -> None:
        if self.browser.current is not None:
            self.start_import([self.browser.current])

    def start_import(self, paths: list[Path]) -> None:
        sources = collect_files(paths)
        skipped = skipped_files(paths)
        if not sources or self.progress.busy:
            self.results.setText(
                "\n".join(
                    [
                        self.tr("Choisissez d'abord des fichiers vidéo ou image."),
                        *(self._describe(result) for result in skipped),
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
        self.progress.run(job, self._imported, self._failed, two_bars=True)
        self.job: Job | None = job

    def _describe(self, result: FileResult) -> str:
        text = f"{result.source.name} : {OUTCOME_LABELS[result.outcome]}"
        return text + (f" ({result.reason})" if result.reason else "")

    def _imported(self, report: ImportReport) -> None:
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
        # Every file refused, cancelled or skipped (in that order), then the last ones imported.
        problems = [
            self._describe(result)
            for outcome in (Outcome.REFUSED, Outcome.CANCELLED, Outcome.SKIPPED)
            for result in report.results
            if result.outcome is outcome
        ]
        kept = (Outcome.IMPORTED, Outcome.PRESENT)
        done = [self._describe(r) for r in report.results if r.outcome in kept]
        self.results.setText("\n".join([summary, *problems, *done[-6:]]))
        # As tall as its lines, up to its maximum (then it scrolls).
        self.results_area.setMinimumHeight(
            min(self.results.sizeHint().height(), self.results_area.maximumHeight())
        )
        self.refresh()

    def _failed(self, reason: str) -> None:
        self.results.setText(reason)
        self.refresh()

    @property
    def entries(self) -> list[MediaEntry]:
        """The entries the list shows now (filtered), in its order."""
        return [self.model.entry_at(row) for row in range(self.model.rowCount())]

    def selected_entry(self) -> MediaEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.entry_at(rows[0].row()) if rows else None

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
