"""Carnets: albums of drawings, their texts in French and English, their order, their drawings
as thumbnails in order (drag, or Monter / Descendre), captions, and moving a drawing to another
album."""

from __future__ import annotations

from collections.abc import Hashable
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import ContentRoot
from kiosk.kit.context import UiContext
from kiosk.library.catalogue_admin import albums, places
from kiosk.library.images import renditions_of
from kiosk.staff.catalogue_tabs.shared import refusal, staff_list
from kiosk.staff.catalogue_tabs.unsaved import FormGuard, Note
from kiosk.staff.controls import button, hint_label, title_label
from kiosk.store.validation import ValidationError


def thumbnail(root: ContentRoot, relative: str, side: int) -> QIcon:
    """A drawing's small picture: its thumbnail rendition, else its file read at that size."""
    found = renditions_of(root, relative)
    path = found.thumb_path if found is not None and found.thumb_path.is_file() else None
    try:
        source = path or root.media_file(relative)
    except ValueError:
        return QIcon()
    reader = QImageReader(str(source))
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > side:
        reader.setScaledSize(size.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return QIcon(QPixmap.fromImage(image)) if not image.isNull() else QIcon()


class AlbumsTab(FormGuard, QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        metrics = context.metrics
        self.albums = staff_list()
        self.items = staff_list()
        side = metrics.px(150)
        self.items.setViewMode(QListView.ViewMode.IconMode)
        self.items.setIconSize(QSize(side, side))
        self.items.setGridSize(QSize(side + metrics.px(40), side + metrics.px(60)))
        self.items.setResizeMode(QListView.ResizeMode.Adjust)
        self.items.setWordWrap(True)
        self.items.setMovement(QListView.Movement.Snap)
        self.items.setDragDropMode(QListWidget.DragDropMode.InternalMove)
        self.title = QLineEdit()
        self.title_en = QLineEdit()
        self.date_label = QLineEdit()
        self.date_label_en = QLineEdit()
        self.credit = QLineEdit()
        self.credit_en = QLineEdit()
        self.published = QCheckBox(self.tr("Publié"))
        self.caption = QLineEdit()
        self.caption.setPlaceholderText(self.tr("légende du dessin choisi"))
        self.caption_en = QLineEdit()
        self.caption_en.setPlaceholderText(self.tr("sa légende en anglais (facultatif)"))
        self.up_button = button("mdi6.arrow-left-bold", self.tr("Avant"), metrics)
        self.down_button = button("mdi6.arrow-right-bold", self.tr("Après"), metrics)
        self.target = QComboBox()
        self.move_button = button("mdi6.folder-move", self.tr("Déplacer vers"), metrics)
        self.album_up = button("mdi6.arrow-up-bold", "", metrics)
        self.album_down = button("mdi6.arrow-down-bold", "", metrics)
        self.new_button = button("mdi6.plus", self.tr("Nouveau carnet"), metrics)
        self.save_button = button("mdi6.content-save", self.tr("Enregistrer"), metrics)
        self.message = hint_label()
        self.note = Note(self.message, metrics)
        self.album_id: int | None = None
        self.rows: list[tuple[int, str]] = []
        self.captions: dict[int, tuple[str, str | None]] = {}

        form = QFormLayout()
        form.addRow(self.tr("Titre"), self.title)
        form.addRow(self.tr("Titre anglais"), self.title_en)
        form.addRow(self.tr("Date"), self.date_label)
        form.addRow(self.tr("Date en anglais"), self.date_label_en)
        form.addRow(self.tr("Crédit"), self.credit)
        form.addRow(self.tr("Crédit en anglais"), self.credit_en)
        form.addRow("", self.published)
        left = QVBoxLayout()
        left.addWidget(title_label(self.tr("Carnets")))
        left.addWidget(self.albums, 1)
        album_moves = QHBoxLayout()
        album_moves.addWidget(self.album_up)
        album_moves.addWidget(self.album_down)
        album_moves.addWidget(self.new_button, 1)
        left.addLayout(album_moves)
        editor = QVBoxLayout()
        editor.addLayout(form)
        editor.addWidget(
            hint_label(self.tr("Touchez un dessin, puis Avant / Après, ou glissez-le."))
        )
        editor.addWidget(self.items, 1)
        moves = QHBoxLayout()
        moves.addWidget(self.up_button)
        moves.addWidget(self.down_button)
        captions = QVBoxLayout()
        captions.addWidget(self.caption)
        captions.addWidget(self.caption_en)
        moves.addLayout(captions, 1)
        editor.addLayout(moves)
        transfer = QHBoxLayout()
        transfer.addWidget(self.move_button)
        transfer.addWidget(self.target, 1)
        editor.addLayout(transfer)
        actions = QHBoxLayout()
        actions.addWidget(self.save_button)
        actions.addWidget(self.message, 1)
        editor.addLayout(actions)
        layout = QVBoxLayout(self) if context.portrait else QHBoxLayout(self)
        if not context.portrait:
            self.albums.setMaximumWidth(metrics.px(480))
        layout.addLayout(left, 1)
        layout.addLayout(editor, 2)

        self.albums.currentRowChanged.connect(self._on_album)
        self.items.currentRowChanged.connect(self._on_item)
        self.caption.textEdited.connect(self._caption_edited)
        self.caption_en.textEdited.connect(self._caption_edited)
        self.up_button.clicked.connect(lambda: self.move_item(-1))
        self.down_button.clicked.connect(lambda: self.move_item(1))
        self.move_button.clicked.connect(self.move_to_album)
        self.album_up.clicked.connect(lambda: self.move_album(-1))
        self.album_down.clicked.connect(lambda: self.move_album(1))
        self.new_button.clicked.connect(self.new_album)
        self.save_button.clicked.connect(self.save)
        self.refresh()

    def form_state(self) -> Hashable:
        texts = (
            self.title,
            self.title_en,
            self.date_label,
            self.date_label_en,
            self.credit,
            self.credit_en,
        )
        captions = tuple(sorted((k, v[0], v[1] or "") for k, v in self.captions.items()))
        return (
            self.album_id,
            *(field.text() for field in texts),
            self.published.isChecked(),
            tuple(self.item_order()),
            captions,
        )

    def form_name(self) -> str:
        return self.title.text().strip() or self.tr("Carnet")

    def refresh(self) -> None:
        self.rows = [(a.id, a.title) for a in albums.list_albums(self.context.catalogue)]
        self.albums.blockSignals(True)
        self.albums.clear()
        for _id, title in self.rows:
            self.albums.addItem(title)
        self.albums.blockSignals(False)
        ids = [row[0] for row in self.rows]
        if self.album_id in ids:
            self.load(self.album_id)
        elif self.rows:
            self.load(ids[0])

    def _select(self, album_id: int | None) -> None:
        ids = [row[0] for row in self.rows]
        self.albums.blockSignals(True)
        self.albums.setCurrentRow(ids.index(album_id) if album_id in ids else -1)
        self.albums.blockSignals(False)

    def _on_album(self, row: int) -> None:
        if not 0 <= row < len(self.rows) or self.rows[row][0] == self.album_id:
            return
        if not self.can_leave():
            self._select(self.album_id)
            return
        self.load(self.rows[row][0])

    def load(self, album_id: int) -> None:
        try:
            album = albums.album_fields(self.context.catalogue, album_id)
        except places.NotFoundError:
            return
        self.album_id = album_id
        self._select(album_id)
        self.title.setText(album.title)
        self.title_en.setText(album.title_en or "")
        self.date_label.setText(album.date_label or "")
        self.date_label_en.setText(album.date_label_en or "")
        self.credit.setText(album.credit)
        self.credit_en.setText(album.credit_en or "")
        self.published.setChecked(album.published)
        self.items.clear()
        self.captions = {}
        side = self.items.iconSize().width()
        for item in album.items:
            label = item.caption or Path(item.name).name
            entry = QListWidgetItem(thumbnail(self.context.root, item.path, side), label)
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            entry.setToolTip(item.name)
            self.captions[item.id] = (item.caption, item.caption_en)
            self.items.addItem(entry)
        self.target.clear()
        for other_id, title in self.rows:
            if other_id != album_id:
                self.target.addItem(title, other_id)
        self.move_button.setEnabled(self.target.count() > 0)
        self._on_item(self.items.currentRow())
        self.note.say("")
        self.mark_clean()

    def _on_item(self, row: int) -> None:
        item = self.items.item(row)
        caption, caption_en = (
            self.captions.get(item.data(Qt.ItemDataRole.UserRole), ("", None))
            if item
            else ("", None)
        )
        self.caption.setText(caption)
        self.caption_en.setText(caption_en or "")

    def _caption_edited(self, _text: str) -> None:
        item = self.items.currentItem()
        if item is not None:
            self.captions[item.data(Qt.ItemDataRole.UserRole)] = (
                self.caption.text(),
                self.caption_en.text(),
            )

    def item_order(self) -> list[int]:
        return [
            int(self.items.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.items.count())
        ]

    def move_item(self, step: int) -> None:
        row = self.items.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.items.count():
            return
        item = self.items.takeItem(row)
        self.items.insertItem(target, item)
        self.items.setCurrentRow(target)

    def move_to_album(self) -> bool:
        """The chosen drawing goes, with its captions, to the end of the album chosen beside
        the button (the edits of this album are saved first)."""
        item = self.items.currentItem()
        target = self.target.currentData()
        if item is None or target is None:
            self.note.say(self.tr("Touchez d'abord un dessin."))
            return False
        item_id = int(item.data(Qt.ItemDataRole.UserRole))
        if self.is_dirty() and not self.save():
            return False
        albums.move_item(self.context.catalogue, item_id, target)
        self.refresh()
        self.note.saved(self.tr("Dessin déplacé dans « {0} ».").format(self.target_name(target)))
        return True

    def target_name(self, album_id: int) -> str:
        return next((title for i, title in self.rows if i == album_id), "")

    def move_album(self, step: int) -> None:
        if self.album_id is None or not self.can_leave():
            return
        albums.move_album(self.context.catalogue, self.album_id, step)
        self.refresh()

    def new_album(self) -> None:
        if not self.can_leave():
            return
        title = self.tr("Nouveau carnet {0}").format(len(self.rows) + 1)
        self.album_id = albums.new_album(self.context.catalogue, title)
        self.refresh()

    def save(self) -> bool:
        if self.album_id is None:
            return False
        labels = {
            "albums.title": self.tr("Titre"),
            "albums.title_en": self.tr("Titre anglais"),
            "albums.date_label": self.tr("Date"),
            "albums.date_label_en": self.tr("Date en anglais"),
            "albums.credit": self.tr("Crédit"),
            "albums.credit_en": self.tr("Crédit en anglais"),
            "album_items.caption": self.tr("Légende"),
            "album_items.caption_en": self.tr("Légende en anglais"),
        }
        fields = albums.AlbumFields(
            self.title.text(),
            self.title_en.text(),
            self.date_label.text(),
            self.date_label_en.text(),
            self.credit.text(),
            self.credit_en.text(),
            self.published.isChecked(),
        )
        try:
            albums.save_album(
                self.context.catalogue, self.album_id, fields, self.item_order(), self.captions
            )
        except ValidationError as error:
            self.note.say(refusal(self.tr("{0} : {1} ; rien n'a changé."), labels, error))
            return False
        except places.NotFoundError:
            self.note.say(self.tr("Ce carnet a été supprimé entre-temps."))
            return False
        self.refresh()
        self.note.saved(self.tr("Carnet enregistré."))
        return True
