"""Médias: the import side (:mod:`kiosk.staff.media_import`) beside the list of every media with
what uses it (:mod:`kiosk.staff.media_table`), one media's editor (:mod:`kiosk.staff.media_editor`),
the choice of the film, replace, remove with a confirmation that says where visitors see it, and
the Corbeille (:mod:`kiosk.staff.trash_view`) where what was removed is restored."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QSize,
)
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kiosk.kit import theme
from kiosk.kit.context import UiContext
from kiosk.kit.widgets import named
from kiosk.library import settings
from kiosk.library.import_jobs import (
    ImportReport,
)
from kiosk.library.media_admin import (
    MediaAdminError,
    MediaEntry,
    list_media,
    remove_media,
    replace_media,
    set_film,
)
from kiosk.library.media_store import MediaError
from kiosk.library.trash import list_trash
from kiosk.staff.catalogue_tabs.unsaved import Note
from kiosk.staff.controls import button, hint_label, title_label
from kiosk.staff.dialogs import confirm
from kiosk.staff.jobs import Job
from kiosk.staff.media_editor import MediaEditor
from kiosk.staff.media_import import ImportPanel
from kiosk.staff.media_table import (
    SHOW_ALL,
    SHOW_IMAGES,
    SHOW_RENAME,
    SHOW_UNUSED,
    SHOW_VIDEOS,
    MediaTableModel,
)
from kiosk.staff.trash_view import TrashView
from kiosk.store.models import MediaKind, MediaRole

__all__ = ["SHOW_ALL", "SHOW_IMAGES", "SHOW_RENAME", "SHOW_UNUSED", "SHOW_VIDEOS", "MediaTab"]


class MediaTab(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        metrics = context.metrics
        self.setAcceptDrops(True)
        self.importer = ImportPanel(context)
        # The import side's parts, by their names of before (the tab writes in its results).
        self.browser = self.importer.browser
        self.role_choice = self.importer.role_choice
        self.album_choice = self.importer.album_choice
        self.import_selected = self.importer.import_selected
        self.import_folder = self.importer.import_folder
        self.progress = self.importer.progress
        self.results = self.importer.results
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
            film=self.tr("film"),
            other_film=self.tr("autre film"),
            to_rename=self.tr("à renommer"),
        )
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Chercher un titre, un fichier, un lieu…"))
        self.search.setClearButtonEnabled(True)
        self.show_choice = QComboBox()
        for label, show in (
            (self.tr("Tous les médias"), SHOW_ALL),
            (self.tr("Vidéos"), SHOW_VIDEOS),
            (self.tr("Images"), SHOW_IMAGES),
            (self.tr("À renommer"), SHOW_RENAME),
            (self.tr("Inutilisés"), SHOW_UNUSED),
        ):
            self.show_choice.addItem(label, show)
        self.table = named(QTableView(), "StaffTable")
        self.table.setModel(self.model)
        self.table.setIconSize(QSize(metrics.px(30), metrics.px(30)))
        # Headings large enough to read (the table itself is styled in common.py).
        self.table.setStyleSheet(
            f"QHeaderView::section {{ background: {theme.CREAM}; color: {theme.HEDGE_DARK}; "
            f"border: none; padding: {metrics.px(6)}px; font-size: {metrics.px(20)}px; "
            "font-weight: 700; }"
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for narrow_column in (1, 2, 3):  # kind, role, size: as wide as their words
            header.setSectionResizeMode(narrow_column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        rows = self.table.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(metrics.touch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.film_line = hint_label()
        # What an action on the list did (« … est maintenant le film de la borne. »), under the
        # list where the volunteer looks (the import panel's results show only after an import).
        self.message = hint_label()
        self.other_films_button = button("mdi6.filmstrip", "", metrics)
        self.other_films_button.setCheckable(True)
        self.edit_button = button("mdi6.pencil", self.tr("Modifier"), metrics)
        self.film_button = button("mdi6.movie-star", self.tr("Choisir comme film"), metrics)
        self.trash_button = button("mdi6.delete-restore", self.tr("Corbeille"), metrics)
        self.replace_button = button(
            "mdi6.file-replace", self.tr("Remplacer par le fichier choisi"), metrics
        )
        self.remove_button = button("mdi6.delete", self.tr("Retirer"), metrics, danger=True)
        self.editor = MediaEditor(context)
        self.trash = TrashView(context)

        listing = QWidget()
        right = QVBoxLayout(listing)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(title_label(self.tr("Tous les médias")))
        narrow = QHBoxLayout()
        narrow.addWidget(self.search, 2)
        narrow.addWidget(self.show_choice, 1)
        right.addLayout(narrow)
        right.addWidget(self.table, 1)
        film_row = QHBoxLayout()
        film_row.addWidget(self.film_line, 1)
        film_row.addWidget(self.other_films_button)
        right.addLayout(film_row)
        right.addWidget(self.message)
        buttons = QGridLayout()
        # Two columns: every label whole, even in a 1280x800 window.
        buttons.addWidget(self.edit_button, 0, 0)
        buttons.addWidget(self.film_button, 0, 1)
        buttons.addWidget(self.trash_button, 1, 0)
        buttons.addWidget(self.remove_button, 1, 1)
        buttons.addWidget(self.replace_button, 2, 0, 1, 2)
        right.addLayout(buttons)
        self.pages = QStackedWidget()
        self.pages.addWidget(listing)
        self.pages.addWidget(self.editor)
        self.pages.addWidget(self.trash)
        self.listing = listing
        vertical = QBoxLayout.Direction.TopToBottom
        self.sides = QBoxLayout(vertical if context.portrait else QBoxLayout.Direction.LeftToRight)
        self.setLayout(self.sides)
        self.sides.addWidget(self.importer, 1)
        self.sides.addWidget(self.pages, 1)

        self.importer.imported.connect(self.refresh)
        self.remove_button.clicked.connect(self.remove_selected)
        self.replace_button.clicked.connect(self.replace_selected)
        self.edit_button.clicked.connect(self.edit_selected)
        self.film_button.clicked.connect(self.choose_film)
        self.trash_button.clicked.connect(self.show_trash)
        self.other_films_button.clicked.connect(self._toggle_other_films)
        self.editor.save_button.clicked.connect(self.editor.save)
        self.editor.saved.connect(self._after_save)
        self.editor.back_button.clicked.connect(self._leave_editor)
        self.trash.back_button.clicked.connect(self.show_list)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.search.textChanged.connect(self._narrow)
        self.show_choice.currentIndexChanged.connect(self._narrow)
        self.refresh()

    def fit_width(self, width: int) -> None:
        """The import side beside the list when ``width`` has room for both, above it in a
        narrow window (a 1280x831 stand window at the sizes of 1080p)."""
        if self.context.portrait:
            return
        both = (
            self.importer.minimumSizeHint().width()
            + self.pages.minimumSizeHint().width()
            + self.sides.spacing()
        )
        direction = (
            QBoxLayout.Direction.LeftToRight if width >= both else QBoxLayout.Direction.TopToBottom
        )
        if self.sides.direction() != direction:
            self.sides.setDirection(direction)

    def refresh(self) -> None:
        self.importer.refresh_albums()
        selected = self.selected_entry()
        entries = list_media(self.context.catalogue)
        self.model.set_entries(entries)
        if selected is not None:
            self._select(selected.id)
        film = next((entry for entry in entries if entry.is_film), None)
        if film is None:
            self.film_line.setText(
                self.tr("Aucun film : choisissez une vidéo puis « Choisir comme film ».")
            )
        else:
            self.film_line.setText(self.tr("Le film de la borne : « {0} ».").format(film.name))
        to_rename = sum(1 for entry in entries if entry.needs_renaming)
        if to_rename:
            self.film_line.setText(
                self.film_line.text() + "\n" + self.tr("Titres à renommer : {0}.").format(to_rename)
            )
        shown = settings.load(self.context.catalogue).show_other_films
        self.other_films_button.setChecked(shown)
        self.other_films_button.setText(
            self.tr("Autres films : montrés") if shown else self.tr("Autres films : cachés")
        )
        self.trash_button.setText(
            self.tr("Corbeille ({0})").format(len(list_trash(self.context.catalogue)))
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        entry = self.selected_entry()
        for widget in (self.edit_button, self.remove_button, self.replace_button):
            widget.setEnabled(entry is not None)
        self.film_button.setEnabled(
            entry is not None and entry.kind is MediaKind.VIDEO and not entry.is_film
        )

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

    # The three pages of the right side: the list, one media's editor, the Corbeille.

    def show_list(self) -> None:
        self.refresh()
        self.pages.setCurrentWidget(self.listing)

    def edit_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        self.editor.show_entry(entry, self.model.uses_text(entry))
        self.pages.setCurrentWidget(self.editor)

    def _after_save(self, updated: MediaEntry) -> None:
        self.refresh()
        self.editor.show_about(updated, self.model.uses_text(updated))

    def _leave_editor(self) -> None:
        if self.editor.can_leave():
            self.show_list()

    # Unsaved edits (the staff area asks before another tab or leaving): the editor's, while it
    # is shown.

    @property
    def note(self) -> Note:
        return self.editor.note

    def is_dirty(self) -> bool:
        return self.pages.currentWidget() is self.editor and self.editor.is_dirty()

    def can_leave(self) -> bool:
        return self.pages.currentWidget() is not self.editor or self.editor.can_leave()

    def show_trash(self) -> None:
        self.trash.message.clear()
        self.trash.refresh()
        self.pages.setCurrentWidget(self.trash)

    def choose_film(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        try:
            film = set_film(self.context.catalogue, entry.id)
        except MediaAdminError as error:
            self.message.setText(str(error))
            return
        self.refresh()
        self.message.setText(
            self.tr("« {0} » est maintenant le film de la borne.").format(film.name)
        )

    def _toggle_other_films(self) -> None:
        shown = self.other_films_button.isChecked()
        settings.save(self.context.catalogue, show_other_films=shown)
        self.refresh()
        self.message.setText(
            self.tr("Les autres films sont montrés après le film, sur l'écran Vidéos.")
            if shown
            else self.tr("Les visiteurs ne voient que le film (les autres films sont cachés).")
        )

    def start_import(self, paths: list[Path]) -> None:
        self.importer.start_import(paths)

    @property
    def last_report(self) -> ImportReport | None:
        return self.importer.last_report

    @property
    def job(self) -> Job | None:
        return self.importer.job

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
        seen = entry.seen_by_visitors
        if seen:
            question = self.tr(
                "Les visiteurs voient « {0} » : {1}. Le retirer quand même ? Il ira dans la "
                "Corbeille, d'où « Restaurer » le remet."
            ).format(entry.name, ", ".join(use.describe() for use in seen))
        elif entry.uses:
            question = self.tr(
                "« {0} » est utilisé par : {1}. Le retirer quand même ? Il ira dans la Corbeille."
            ).format(entry.name, ", ".join(use.describe() for use in entry.uses))
        else:
            question = self.tr(
                "Retirer « {0} » ? Il ira dans la Corbeille, d'où « Restaurer » le remet."
            ).format(entry.name)
        if not confirm(self, self.tr("Retirer un média"), question):
            return
        try:
            remove_media(self.context.catalogue, self.context.root, entry.id, force=True)
            self.message.setText(self.tr("« {0} » est dans la Corbeille.").format(entry.name))
        except MediaAdminError as error:
            self.message.setText(str(error))
        self.refresh()

    def replace_selected(self) -> None:
        entry = self.selected_entry()
        files = self.browser.selected_files()
        if entry is None or len(files) != 1:
            self.message.setText(
                self.tr("Choisissez un média dans la liste et un seul fichier dans le navigateur.")
            )
            return
        try:
            replace_media(self.context.catalogue, self.context.root, entry.id, files[0])
            self.message.setText(self.tr("« {0} » remplacé.").format(entry.name))
        except (MediaAdminError, MediaError) as error:
            self.message.setText(str(error))
        self.refresh()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        self.start_import(paths)
