"""Médias: import from a USB stick or a folder (progress per file and overall, cancel), the list
of every media with what uses it (what visitors see it in), its titles and credits in French and
English, the choice of the film, replace, remove with a confirmation that says where visitors see
it, and the Corbeille where what was removed (media and places) is restored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kiosk.library import settings
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
    set_film,
    update_media,
)
from kiosk.library.media_store import MediaError
from kiosk.library.sizes import human_size
from kiosk.library.trash import TrashEntry, TrashError, list_trash, restore
from kiosk.staff.common import (
    FileBrowser,
    Job,
    ProgressPanel,
    button,
    confirm,
    hint_label,
    title_label,
)
from kiosk.store.models import MediaKind, MediaRole, TrashKind
from kiosk.store.validation import ValidationError
from kiosk.ui import icons, theme
from kiosk.ui.context import UiContext
from kiosk.ui.theme import Metrics
from kiosk.ui.widgets import named, plain_label, plain_tooltip

# What the list can be narrowed to besides the search text.
SHOW_ALL, SHOW_VIDEOS, SHOW_IMAGES, SHOW_UNUSED = "all", "video", "image", "unused"
SHOW_RENAME = "rename"
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
        *,
        film: str = "film",
        other_film: str = "autre film",
        to_rename: str = "à renommer",
    ) -> None:
        super().__init__(parent)
        self.headers = headers
        self.unused = unused
        self.labels = labels  # the staff's words for the kinds and roles ("dessin", not "drawing")
        self.film, self.other_film, self.to_rename = film, other_film, to_rename
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
        elif self.show == SHOW_RENAME:
            positions = [i for i in positions if entries[i].needs_renaming]
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
        if not index.isValid():
            return None
        entry = self.entries[self.shown[index.row()]]
        column = index.column()
        if column == 0 and entry.needs_renaming:
            # A title still made of the file's name: marked, and said in words (column text).
            if role == Qt.ItemDataRole.DecorationRole:
                return icons.icon("mdi6.rename", color=theme.TERRACOTTA)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(theme.TERRACOTTA)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            # Qt reads a tool tip that looks like HTML as HTML: a file name stays literal.
            shown = self.data(index, Qt.ItemDataRole.DisplayRole)
            return plain_tooltip(shown) if isinstance(shown, str) else None
        if column == 0:
            return f"{entry.name}\n{self.to_rename}" if entry.needs_renaming else entry.name
        if column == 1:
            return self.labels.get(entry.kind, entry.kind.value)
        if column == 2:
            if entry.role is MediaRole.AFTERMOVIE:
                return self.film if entry.is_film else self.other_film
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


def _line_edit(metrics: Metrics) -> QLineEdit:
    """A text field a finger can hit: one touch target high."""
    field = QLineEdit()
    field.setStyleSheet(f"min-height: {metrics.touch - 2 * metrics.px(2)}px;")
    field.setClearButtonEnabled(True)
    return field


class MediaEditor(QWidget):
    """One media's titles and credits in French and English, and its role.

    Every change passes the gate: a refused value is one line naming the field in the form's
    words and the reason, and nothing is changed.
    """

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        metrics = context.metrics
        self.entry: MediaEntry | None = None
        self.heading = title_label(self.tr("Modifier le média"))
        self.about = hint_label()
        self.rename_hint = hint_label(
            self.tr(
                "Ce titre est encore le nom du fichier : donnez-lui un titre que les visiteurs "
                "comprennent."
            )
        )
        self.rename_hint.setStyleSheet(f"color: {theme.TERRACOTTA};")
        # What the media is: its picture (a video's poster), so a file named "camera" can be
        # given a title by someone who never saw the file.
        self.preview = plain_label()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_size = QSize(metrics.px(320), metrics.px(200))
        self.preview.setFixedSize(self.preview_size)
        self.preview.setStyleSheet(
            f"background: {theme.PAPER}; border-radius: {metrics.px(12)}px; "
            f"color: {theme.MUTED}; font-size: {metrics.px(20)}px;"
        )
        self.title = _line_edit(metrics)
        self.title_en = _line_edit(metrics)
        self.credit = _line_edit(metrics)
        self.credit_en = _line_edit(metrics)
        self.title_en.setPlaceholderText(self.tr("Vide : les visiteurs anglais lisent le français"))
        self.credit.setPlaceholderText(self.tr("Par exemple : Julie Siboni"))
        self.role = QComboBox()
        self.role.setStyleSheet(f"min-height: {metrics.touch - 2 * metrics.px(2)}px;")
        self.message = hint_label()
        self.save_button = button("mdi6.content-save", self.tr("Enregistrer"), metrics)
        self.back_button = button("mdi6.arrow-left", self.tr("Retour à la liste"), metrics)
        self.labels = {
            "media_assets.title": self.tr("Titre"),
            "media_assets.title_en": self.tr("Titre en anglais"),
            "media_assets.credit": self.tr("Crédit"),
            "media_assets.credit_en": self.tr("Crédit en anglais"),
            "media_assets.role": self.tr("Rôle"),
        }
        form = QFormLayout()
        form.setVerticalSpacing(metrics.px(12))
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for field, widget in (
            ("media_assets.title", self.title),
            ("media_assets.title_en", self.title_en),
            ("media_assets.credit", self.credit),
            ("media_assets.credit_en", self.credit_en),
            ("media_assets.role", self.role),
        ):
            label = plain_label(text=self.labels[field])
            label.setStyleSheet(f"font-size: {metrics.px(22)}px; color: {theme.HEDGE_DARK};")
            label.setMinimumHeight(metrics.touch)  # beside the middle of its field
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        top = QHBoxLayout()
        top.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignTop)
        texts = QVBoxLayout()
        texts.addWidget(self.about)
        texts.addWidget(self.rename_hint)
        texts.addStretch(1)
        top.addLayout(texts, 1)
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)

    def _roles(self, kind: MediaKind) -> list[tuple[str, MediaRole]]:
        if kind is MediaKind.VIDEO:
            return [
                (self.tr("Film (de la route ou autre film)"), MediaRole.AFTERMOVIE),
                (self.tr("Vignette d'un lieu"), MediaRole.VIGNETTE),
                (self.tr("Autre vidéo (non montrée)"), MediaRole.OTHER),
            ]
        return [
            (self.tr("Dessin (carnet)"), MediaRole.DRAWING),
            (self.tr("Photo d'un lieu"), MediaRole.PHOTO),
            (self.tr("Carte"), MediaRole.MAP),
            (self.tr("Autre image"), MediaRole.OTHER),
        ]

    def show_entry(self, entry: MediaEntry, uses_text: str) -> None:
        self.entry = entry
        kind = self.tr("vidéo") if entry.kind is MediaKind.VIDEO else self.tr("image")
        self.about.setText(
            self.tr("{0}, {1}. Utilisé par : {2}").format(
                kind, human_size(entry.size_bytes), uses_text
            )
        )
        self.rename_hint.setVisible(entry.needs_renaming)
        self._show_preview(entry)
        self.title.setText(entry.title)
        self.title_en.setText(entry.title_en or "")
        self.credit.setText(entry.credit)
        self.credit_en.setText(entry.credit_en or "")
        self.role.clear()
        for label, role in self._roles(entry.kind):
            self.role.addItem(label, role)
        self.role.setCurrentIndex(max(0, self.role.findData(entry.role)))
        self.message.clear()

    def _show_preview(self, entry: MediaEntry) -> None:
        from kiosk.config import UnsafePathError
        from kiosk.playback.images import load_scaled

        picture: Path | None = None
        try:
            path = self.context.root.absolute(entry.path)
            if entry.kind is MediaKind.VIDEO:
                from kiosk.playback.posters import poster_for

                picture = poster_for(self.context.root.cache_dir, path)
            else:
                picture = path
        except (UnsafePathError, OSError):
            picture = None
        image = load_scaled(picture, self.preview_size) if picture is not None else None
        if image is None or image.isNull():
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("Pas d'aperçu"))
        else:
            self.preview.setText("")
            self.preview.setPixmap(QPixmap.fromImage(image))

    def save(self) -> MediaEntry | None:
        """Save the form; the updated entry, or None (the reason is in ``message``)."""
        if self.entry is None:
            return None
        try:
            updated = update_media(
                self.context.catalogue,
                self.entry.id,
                title=self.title.text(),
                title_en=self.title_en.text(),
                credit=self.credit.text(),
                credit_en=self.credit_en.text(),
                role=self.role.currentData(),
            )
        except ValidationError as error:
            self.message.setText(
                self.tr("{0} : {1} ; rien n'a changé.").format(
                    self.labels.get(error.field, error.field), error.reason
                )
            )
            return None
        except MediaAdminError as error:
            self.message.setText(str(error))
            return None
        self.entry = updated
        self.rename_hint.setVisible(updated.needs_renaming)
        self.message.setText(self.tr("Enregistré."))
        return updated


class TrashView(QWidget):
    """The Corbeille: what was removed (media, places), the newest first, and « Restaurer »."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        metrics = context.metrics
        self.entries: list[TrashEntry] = []
        self.list = named(QListWidget(), "StaffList")
        self.list.setIconSize(metrics.icon)
        # Chosen by a touch only (a focus given by the layout would choose the first one).
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setWordWrap(True)
        self.empty = hint_label(self.tr("La corbeille est vide."))
        self.message = hint_label()
        self.restore_button = button("mdi6.restore", self.tr("Restaurer"), metrics)
        self.back_button = button("mdi6.arrow-left", self.tr("Retour à la liste"), metrics)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title_label(self.tr("Corbeille")))
        layout.addWidget(
            hint_label(
                self.tr(
                    "Les médias retirés et les lieux supprimés restent ici. Touchez-en un puis "
                    "« Restaurer » : il revient là où il était."
                )
            )
        )
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.restore_button)
        layout.addLayout(buttons)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.restore_button.clicked.connect(self.restore_selected)
        self._update_buttons()

    def refresh(self) -> None:
        self.entries = list_trash(self.context.catalogue, self.context.root)
        metrics = self.context.metrics
        self.list.clear()
        for entry in self.entries:
            what = self.tr("Lieu") if entry.kind is TrashKind.PLACE else self.tr("Média")
            when = entry.removed_local.strftime("%d/%m/%Y %H:%M")
            text = f"{what} « {entry.label} »\n{entry.detail}\n" + self.tr("retiré le {0}").format(
                when
            )
            if entry.missing_files:
                text += "  ·  " + self.tr("fichier introuvable")
            icon = (
                "mdi6.map-marker"
                if entry.kind is TrashKind.PLACE
                else "mdi6.filmstrip"
                if entry.detail.startswith("vidéo")
                else "mdi6.image"
            )
            item = QListWidgetItem(icons.icon(icon, color=theme.HEDGE_DARK), text)
            item.setSizeHint(QSize(0, metrics.touch + metrics.px(48)))
            self.list.addItem(item)
        self.list.setCurrentRow(-1)  # nothing is restored until one is touched
        self.empty.setVisible(not self.entries)
        self.list.setVisible(bool(self.entries))
        self._update_buttons()

    def _chosen_row(self) -> int | None:
        rows = [index.row() for index in self.list.selectedIndexes()]
        return rows[0] if rows and 0 <= rows[0] < len(self.entries) else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self._chosen_row() is not None)

    def restore_selected(self) -> None:
        row = self._chosen_row()
        if row is None:
            return
        entry = self.entries[row]
        try:
            done = restore(self.context.catalogue, self.context.root, entry.id)
        except TrashError as error:
            self.message.setText(str(error))
            return
        except ValidationError as error:
            self.message.setText(
                self.tr("« {0} » : {1} : {2} ; rien n'a changé.").format(
                    entry.label, error.field, error.reason
                )
            )
            return
        self.refresh()
        self.message.setText("\n".join([done.summary, *(f"· {note}" for note in done.notes)]))


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
        buttons = QGridLayout()
        buttons.addWidget(self.edit_button, 0, 0)
        buttons.addWidget(self.film_button, 0, 1)
        buttons.addWidget(self.trash_button, 0, 2)
        buttons.addWidget(self.replace_button, 1, 0, 1, 2)
        buttons.addWidget(self.remove_button, 1, 2)
        right.addLayout(buttons)
        self.pages = QStackedWidget()
        self.pages.addWidget(listing)
        self.pages.addWidget(self.editor)
        self.pages.addWidget(self.trash)
        self.listing = listing
        layout = QVBoxLayout(self) if context.portrait else QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(self.pages, 1)

        self.last_report: ImportReport | None = None
        self.import_selected.clicked.connect(
            lambda: self.start_import(self.browser.selected_files())
        )
        self.import_folder.clicked.connect(self._import_current_folder)
        self.remove_button.clicked.connect(self.remove_selected)
        self.replace_button.clicked.connect(self.replace_selected)
        self.edit_button.clicked.connect(self.edit_selected)
        self.film_button.clicked.connect(self.choose_film)
        self.trash_button.clicked.connect(self.show_trash)
        self.other_films_button.clicked.connect(self._toggle_other_films)
        self.editor.save_button.clicked.connect(self._save_edit)
        self.editor.back_button.clicked.connect(self.show_list)
        self.trash.back_button.clicked.connect(self.show_list)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
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

    def _save_edit(self) -> None:
        updated = self.editor.save()
        if updated is not None:
            self.refresh()
            self.editor.about.setText(
                self.tr("{0}, {1}. Utilisé par : {2}").format(
                    self.tr("vidéo") if updated.kind is MediaKind.VIDEO else self.tr("image"),
                    human_size(updated.size_bytes),
                    ", ".join(use.describe() for use in updated.uses) or self.tr("inutilisé"),
                )
            )

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
            self.results.setText(str(error))
            return
        self.refresh()
        self.results.setText(
            self.tr("« {0} » est maintenant le film de la borne.").format(film.name)
        )

    def _toggle_other_films(self) -> None:
        shown = self.other_films_button.isChecked()
        settings.save(self.context.catalogue, show_other_films=shown)
        self.refresh()
        self.results.setText(
            self.tr("Les autres films sont montrés après le film, sur l'écran Vidéos.")
            if shown
            else self.tr("Les visiteurs ne voient que le film (les autres films sont cachés).")
        )

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
            self.results.setText(self.tr("« {0} » est dans la Corbeille.").format(entry.name))
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
