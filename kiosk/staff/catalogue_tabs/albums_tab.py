"""Carnets: albums of drawings, their order and captions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.library.catalogue_admin import albums, places
from kiosk.staff.catalogue_tabs.shared import refusal, staff_list
from kiosk.staff.common import button, hint_label, title_label
from kiosk.store.validation import ValidationError
from kiosk.ui.context import UiContext


class AlbumsTab(QWidget):
    """Albums in order, their drawings in order (drag, or up/down), captions and credits, in
    French and English."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        metrics = context.metrics
        self.albums = staff_list()
        self.items = staff_list()
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
        self.up_button = button("mdi6.arrow-up-bold", self.tr("Monter"), metrics)
        self.down_button = button("mdi6.arrow-down-bold", self.tr("Descendre"), metrics)
        self.album_up = button("mdi6.arrow-up-bold", "", metrics)
        self.album_down = button("mdi6.arrow-down-bold", "", metrics)
        self.new_button = button("mdi6.plus", self.tr("Nouveau carnet"), metrics)
        self.save_button = button("mdi6.content-save", self.tr("Enregistrer"), metrics)
        self.message = hint_label()
        self.album_id: int | None = None
        self.captions: dict[int, tuple[str, str | None]] = {}

        form = QFormLayout()
        form.addRow(self.tr("Titre"), self.title)
        form.addRow(self.tr("Titre anglais"), self.title_en)
        form.addRow(self.tr("Date"), self.date_label)
        form.addRow(self.tr("Date en anglais"), self.date_label_en)
        form.addRow(self.tr("Crédit"), self.credit)
        form.addRow(self.tr("Crédit en anglais"), self.credit_en)
        form.addRow("", self.published)
        side = QVBoxLayout()
        side.addWidget(title_label(self.tr("Carnets")))
        side.addWidget(self.albums, 1)
        album_moves = QHBoxLayout()
        album_moves.addWidget(self.album_up)
        album_moves.addWidget(self.album_down)
        album_moves.addWidget(self.new_button, 1)
        side.addLayout(album_moves)
        editor = QVBoxLayout()
        editor.addLayout(form)
        editor.addWidget(hint_label(self.tr("Glissez les dessins ou utilisez Monter/Descendre.")))
        editor.addWidget(self.items, 1)
        moves = QHBoxLayout()
        moves.addWidget(self.up_button)
        moves.addWidget(self.down_button)
        captions = QVBoxLayout()
        captions.addWidget(self.caption)
        captions.addWidget(self.caption_en)
        moves.addLayout(captions, 1)
        editor.addLayout(moves)
        actions = QHBoxLayout()
        actions.addWidget(self.save_button)
        actions.addWidget(self.message, 1)
        editor.addLayout(actions)
        layout = QVBoxLayout(self) if context.portrait else QHBoxLayout(self)
        layout.addLayout(side, 1)
        layout.addLayout(editor, 2)

        self.albums.currentRowChanged.connect(self._on_album)
        self.items.currentRowChanged.connect(self._on_item)
        self.caption.textEdited.connect(self._caption_edited)
        self.caption_en.textEdited.connect(self._caption_edited)
        self.up_button.clicked.connect(lambda: self.move_item(-1))
        self.down_button.clicked.connect(lambda: self.move_item(1))
        self.album_up.clicked.connect(lambda: self.move_album(-1))
        self.album_down.clicked.connect(lambda: self.move_album(1))
        self.new_button.clicked.connect(self.new_album)
        self.save_button.clicked.connect(self.save)
        self.refresh()

    def refresh(self) -> None:
        self.rows = [(a.id, a.title) for a in albums.list_albums(self.context.catalogue)]
        self.albums.blockSignals(True)
        self.albums.clear()
        for _id, title in self.rows:
            self.albums.addItem(title)
        self.albums.blockSignals(False)
        ids = [row[0] for row in self.rows]
        if self.album_id in ids:
            self.albums.setCurrentRow(ids.index(self.album_id))
        elif self.rows:
            self.albums.setCurrentRow(0)

    def _on_album(self, row: int) -> None:
        if not 0 <= row < len(self.rows):
            return
        try:
            album = albums.album_fields(self.context.catalogue, self.rows[row][0])
        except places.NotFoundError:
            return
        self.album_id = self.rows[row][0]
        self.title.setText(album.title)
        self.title_en.setText(album.title_en or "")
        self.date_label.setText(album.date_label or "")
        self.date_label_en.setText(album.date_label_en or "")
        self.credit.setText(album.credit)
        self.credit_en.setText(album.credit_en or "")
        self.published.setChecked(album.published)
        self.items.clear()
        self.captions = {}
        for item in album.items:
            entry = QListWidgetItem(item.name)
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            self.captions[item.id] = (item.caption, item.caption_en)
            self.items.addItem(entry)

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

    def move_album(self, step: int) -> None:
        row = self.albums.currentRow()
        if not 0 <= row < len(self.rows):
            return
        albums.move_album(self.context.catalogue, self.rows[row][0], step)
        self.refresh()

    def new_album(self) -> None:
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
            self.message.setText(refusal(self.tr("{0} : {1} ; rien n'a changé."), labels, error))
            return False
        except places.NotFoundError:
            self.message.setText(self.tr("Ce carnet a été supprimé entre-temps."))
            return False
        self.refresh()
        self.message.setText(self.tr("Carnet enregistré."))
        return True
