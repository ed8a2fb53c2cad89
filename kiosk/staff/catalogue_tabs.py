"""Lieux, Carte, Carnets, Pages: editing the catalogue, one short session per save.

Text fields take a plugged-in keyboard (Qt's virtual keyboard is not part of PySide6-Essentials,
so there is no on-screen keyboard: the staff guide says so).
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kiosk.library.catalogue_admin import albums, maps, pages, places
from kiosk.staff.common import MapPicker, button, confirm, hint_label, title_label
from kiosk.store.models import MediaKind
from kiosk.store.validation import ValidationError
from kiosk.ui.context import UiContext
from kiosk.ui.markdown import MarkdownBrowser, TextImageLoader
from kiosk.ui.widgets import named


def _list() -> QListWidget:
    return named(QListWidget(), "StaffList")


def _preview(context: UiContext, owner: QWidget) -> QTextBrowser:
    """A live Markdown preview, as safe as the kiosk's pages (no HTML, images from assets/)."""
    return named(MarkdownBrowser(TextImageLoader(context.root, owner)), "Preview")


def _optional(text: str) -> str | None:
    return text.strip() or None


def refusal(template: str, labels: Mapping[str, str], error: ValidationError) -> str:
    """The gate's refusal as one line for staff: the field in their words, the reason.

    ``template`` is the tab's translated "{0} : {1} ; rien n'a changé." and ``labels`` maps the
    gate's ``table.column`` to the form's own labels.
    """
    return template.format(labels.get(error.field, error.field), error.reason)


class PlacesTab(QWidget):
    """Every field of a place, Markdown with preview, tags, photo, vignette, pin by tapping."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        metrics = context.metrics
        self.place_id: int | None = None
        self.places = _list()
        self.new_button = button("mdi6.plus", self.tr("Nouveau lieu"), metrics)
        self.name = QLineEdit()
        self.slug = QLineEdit()
        self.commune = QLineEdit()
        self.website = QLineEdit()
        self.latitude = QLineEdit()
        self.longitude = QLineEdit()
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("mots-clés séparés par des virgules"))
        self.photo = QComboBox()
        self.video = QComboBox()
        self.published = QCheckBox(self.tr("Publié (visible sur la borne)"))
        self.description = QPlainTextEdit()
        self.description_en = QPlainTextEdit()
        self.preview = _preview(context, self)
        self.map = MapPicker(metrics)
        self.pin_label = hint_label()
        self.clear_pin = button("mdi6.map-marker-off", self.tr("Retirer l'épingle"), metrics)
        self.save_button = button("mdi6.content-save", self.tr("Enregistrer"), metrics)
        self.delete_button = button("mdi6.delete", self.tr("Supprimer"), metrics, danger=True)
        self.message = hint_label()
        self.pin: tuple[float, float] | None = None

        form = QFormLayout()
        form.addRow(self.tr("Nom"), self.name)
        form.addRow(self.tr("Identifiant"), self.slug)
        form.addRow(self.tr("Commune"), self.commune)
        form.addRow(self.tr("Site web"), self.website)
        coordinates = QHBoxLayout()
        coordinates.addWidget(self.latitude)
        coordinates.addWidget(self.longitude)
        form.addRow(self.tr("Latitude, longitude"), coordinates)
        form.addRow(self.tr("Mots-clés"), self.tags)
        form.addRow(self.tr("Photo"), self.photo)
        form.addRow(self.tr("Vignette vidéo"), self.video)
        form.addRow("", self.published)
        texts = QGridLayout()
        texts.addWidget(hint_label(self.tr("Texte (Markdown)")), 0, 0)
        texts.addWidget(hint_label(self.tr("Aperçu")), 0, 1)
        texts.addWidget(self.description, 1, 0)
        texts.addWidget(self.preview, 1, 1)
        texts.addWidget(hint_label(self.tr("Texte en anglais (facultatif)")), 2, 0)
        texts.addWidget(self.description_en, 3, 0)
        pin_column = QVBoxLayout()
        pin_column.addWidget(hint_label(self.tr("Touchez la carte pour placer l'épingle.")))
        pin_column.addWidget(self.map, 1)
        pin_row = QHBoxLayout()
        pin_row.addWidget(self.pin_label, 1)
        pin_row.addWidget(self.clear_pin)
        pin_column.addLayout(pin_row)
        texts.addLayout(pin_column, 2, 1, 2, 1)
        editor = QVBoxLayout()
        editor.addLayout(form)
        editor.addLayout(texts, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.save_button)
        actions.addWidget(self.delete_button)
        actions.addWidget(self.message, 1)
        editor.addLayout(actions)
        side = QVBoxLayout()
        side.addWidget(title_label(self.tr("Lieux")))
        side.addWidget(self.places, 1)
        side.addWidget(self.new_button)
        editor_widget = QWidget()
        editor_widget.setLayout(editor)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(editor_widget)
        layout = QVBoxLayout(self) if context.portrait else QHBoxLayout(self)
        layout.addLayout(side, 1)
        layout.addWidget(scroll, 3)

        self.places.currentRowChanged.connect(self._on_row)
        self.new_button.clicked.connect(self.new_place)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self.description.textChanged.connect(
            lambda: self.preview.setMarkdown(self.description.toPlainText())
        )
        self.map.tapped.connect(self.set_pin)
        self.clear_pin.clicked.connect(lambda: self.set_pin(None, None))
        self.refresh()

    def refresh(self) -> None:
        catalogue = self.context.catalogue
        self.rows = [(p.id, p.name, p.published) for p in places.list_places(catalogue)]
        media = places.media_choices(catalogue)
        current = maps.map_details(catalogue)
        self.map.set_image(self.context.root.media_file(current.image_path) if current else None)
        for combo, kind in ((self.photo, MediaKind.IMAGE), (self.video, MediaKind.VIDEO)):
            combo.clear()
            combo.addItem(self.tr("(aucune)"), None)
            for choice in media:
                if choice.kind is kind:
                    combo.addItem(choice.label, choice.id)
        self.places.blockSignals(True)
        self.places.clear()
        for _id, name, published in self.rows:
            self.places.addItem(name if published else self.tr("{0} (masqué)").format(name))
        self.places.blockSignals(False)
        if self.place_id is not None:
            ids = [row[0] for row in self.rows]
            if self.place_id in ids:
                self.places.setCurrentRow(ids.index(self.place_id))
                return
        if self.rows:
            self.places.setCurrentRow(0)
        else:
            self.new_place()

    def _on_row(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.load(self.rows[row][0])

    def load(self, place_id: int) -> None:
        try:
            place = places.place_fields(self.context.catalogue, place_id)
        except places.NotFoundError:
            return
        self.place_id = place_id
        self.name.setText(place.name)
        self.slug.setText(place.slug)
        self.commune.setText(place.commune or "")
        self.website.setText(place.website or "")
        self.latitude.setText("" if place.latitude is None else str(place.latitude))
        self.longitude.setText("" if place.longitude is None else str(place.longitude))
        self.tags.setText(", ".join(place.tags))
        self.description.setPlainText(place.description)
        self.description_en.setPlainText(place.description_en or "")
        self.published.setChecked(place.published)
        self.photo.setCurrentIndex(max(0, self.photo.findData(place.photo_id)))
        self.video.setCurrentIndex(max(0, self.video.findData(place.video_id)))
        self.set_pin(place.map_x, place.map_y)
        self.message.setText("")

    def new_place(self) -> None:
        self.place_id = None
        for field in (self.name, self.slug, self.commune, self.website, self.latitude):
            field.clear()
        self.longitude.clear()
        self.tags.clear()
        self.description.clear()
        self.description_en.clear()
        self.published.setChecked(False)
        self.photo.setCurrentIndex(0)
        self.video.setCurrentIndex(0)
        self.set_pin(None, None)
        self.name.setFocus()

    def set_pin(self, fx: float | None, fy: float | None) -> None:
        self.pin = (fx, fy) if fx is not None and fy is not None else None
        self.map.highlight = self.pin
        self.map.update()
        self.pin_label.setText(
            self.tr("Épingle : {0:.0%} × {1:.0%}").format(*self.pin)
            if self.pin
            else self.tr("Pas d'épingle sur la carte.")
        )

    def _number(self, field: QLineEdit, low: float, high: float, name: str) -> float | None:
        text = field.text().strip().replace(",", ".")
        if not text:
            return None
        try:
            value = float(text)
        except ValueError:
            raise ValueError(self.tr("{0} : ce n'est pas un nombre.").format(name)) from None
        if not low <= value <= high:
            raise ValueError(self.tr("{0} : entre {1} et {2}.").format(name, low, high))
        return value

    def save(self) -> bool:
        name = self.name.text().strip()
        if not name:
            self.message.setText(self.tr("Le nom est obligatoire."))
            return False
        try:
            latitude = self._number(self.latitude, -90, 90, self.tr("Latitude"))
            longitude = self._number(self.longitude, -180, 180, self.tr("Longitude"))
        except ValueError as error:
            self.message.setText(str(error))
            return False
        refused = self.tr("{0} : {1} ; rien n'a changé.")
        labels = {
            "places.name": self.tr("Nom"),
            "places.slug": self.tr("Identifiant"),
            "places.commune": self.tr("Commune"),
            "places.website": self.tr("Site web"),
            "places.latitude": self.tr("Latitude"),
            "places.longitude": self.tr("Longitude"),
            "tags.name": self.tr("Mots-clés"),
            "places.description": self.tr("Texte (Markdown)"),
            "places.description_en": self.tr("Texte en anglais (facultatif)"),
        }
        fields = places.PlaceFields(
            name=name,
            slug=self.slug.text(),
            commune=self.commune.text(),
            website=self.website.text(),
            latitude=latitude,
            longitude=longitude,
            description=self.description.toPlainText(),
            description_en=self.description_en.toPlainText(),
            published=self.published.isChecked(),
            photo_id=self.photo.currentData(),
            video_id=self.video.currentData(),
            map_x=self.pin[0] if self.pin else None,
            map_y=self.pin[1] if self.pin else None,
            tags=self.tags.text().split(","),
        )
        try:
            self.place_id = places.save_place(self.context.catalogue, self.place_id, fields)
        except ValidationError as error:
            self.message.setText(refusal(refused, labels, error))
            return False
        except places.NotFoundError:
            self.message.setText(self.tr("Ce lieu a été supprimé entre-temps ; rien n'a changé."))
            return False
        self.refresh()  # reloads the form, which clears the message: say it after
        self.message.setText(self.tr("Enregistré."))
        return True

    def delete(self) -> None:
        if self.place_id is None:
            return
        if not confirm(
            self,
            self.tr("Supprimer un lieu"),
            self.tr(
                "Supprimer « {0} » ? Il ira dans la Corbeille, d'où il peut être restauré."
            ).format(self.name.text()),
        ):
            return
        name = self.name.text()
        with contextlib.suppress(places.NotFoundError):
            places.delete_place(self.context.catalogue, self.place_id)
        self.place_id = None
        self.refresh()
        self.message.setText(
            self.tr(
                "« {0} » est dans la Corbeille (onglet Médias) : il peut y être restauré."
            ).format(name)
        )


class MapTab(QWidget):
    """The map image, its title and credit; reference points by tapping, with each one's error."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        metrics = context.metrics
        self.image_choice = QComboBox()
        self.title = QLineEdit()
        self.credit = QLineEdit()
        self.credit_en = QLineEdit()
        self.map = MapPicker(metrics)
        self.latitude = QDoubleSpinBox()
        self.latitude.setRange(-90, 90)
        self.latitude.setDecimals(5)
        self.longitude = QDoubleSpinBox()
        self.longitude.setRange(-180, 180)
        self.longitude.setDecimals(5)
        self.point_label = QLineEdit()
        self.point_label.setPlaceholderText(self.tr("nom du point (ex. Moulins)"))
        self.points = named(QTableWidget(0, 4), "StaffTable")
        self.points.setHorizontalHeaderLabels(
            [self.tr("Point"), self.tr("Latitude"), self.tr("Longitude"), self.tr("Erreur")]
        )
        self.remove_point = button("mdi6.delete", self.tr("Retirer le point"), metrics, danger=True)
        self.save_button = button("mdi6.content-save", self.tr("Enregistrer la carte"), metrics)
        self.message = hint_label()
        self.pending: tuple[float, float] | None = None

        form = QFormLayout()
        form.addRow(self.tr("Image de la carte"), self.image_choice)
        form.addRow(self.tr("Titre"), self.title)
        form.addRow(self.tr("Crédit"), self.credit)
        form.addRow(self.tr("Crédit en anglais"), self.credit_en)
        point_form = QFormLayout()
        point_form.addRow(self.tr("Nom"), self.point_label)
        point_form.addRow(self.tr("Latitude"), self.latitude)
        point_form.addRow(self.tr("Longitude"), self.longitude)
        side = QVBoxLayout()
        side.addWidget(title_label(self.tr("Carte")))
        side.addLayout(form)
        side.addWidget(
            hint_label(
                self.tr(
                    "Points de repère : saisissez les coordonnées d'un lieu connu, puis touchez "
                    "sa position sur la carte."
                )
            )
        )
        side.addLayout(point_form)
        side.addWidget(self.points, 1)
        side.addWidget(self.remove_point)
        side.addWidget(self.save_button)
        side.addWidget(self.message)
        layout = QVBoxLayout(self) if context.portrait else QHBoxLayout(self)
        layout.addLayout(side, 1)
        layout.addWidget(self.map, 2)
        self.map.tapped.connect(self.add_point)
        self.remove_point.clicked.connect(self._remove_point)
        self.save_button.clicked.connect(self.save)
        self.image_choice.currentIndexChanged.connect(self._show_image)
        self.refresh()

    def refresh(self) -> None:
        catalogue = self.context.catalogue
        self.images = {image.id: image for image in maps.map_images(catalogue)}
        current = maps.map_details(catalogue)
        self.image_choice.blockSignals(True)
        self.image_choice.clear()
        for image in self.images.values():
            self.image_choice.addItem(image.label, image.id)
        if current is not None:
            self.image_choice.setCurrentIndex(self.image_choice.findData(current.image_id))
            self.title.setText(current.title)
            self.credit.setText(current.credit)
            self.credit_en.setText(current.credit_en or "")
        self.image_choice.blockSignals(False)
        self._show_image()
        self._show_points(current)

    def _show_image(self) -> None:
        image = self.images.get(self.image_choice.currentData())
        self.map.set_image(self.context.root.media_file(image.path) if image else None)
        self.image_size = (image.width, image.height) if image else (1, 1)

    def _show_points(self, current: maps.MapDetails | None) -> None:
        points = current.points if current else ()
        self.point_ids = [point.id for point in points]
        self.points.setRowCount(len(points))
        width, height = self.image_size
        self.map.markers = [(p.x / width, p.y / height, p.label) for p in points]
        for index, point in enumerate(points):
            cells = [
                point.label,
                f"{point.latitude:.4f}",
                f"{point.longitude:.4f}",
                self.tr("{0:.0f} px").format(point.error_px) if point.error_px is not None else "—",
            ]
            for column, text in enumerate(cells):
                self.points.setItem(index, column, QTableWidgetItem(text))
        self.map.update()

    def _labels(self) -> dict[str, str]:
        return {
            "maps.image_id": self.tr("Image de la carte"),
            "maps.title": self.tr("Titre"),
            "maps.credit": self.tr("Crédit"),
            "maps.credit_en": self.tr("Crédit en anglais"),
            "geo_points.label": self.tr("Nom"),
            "geo_points.latitude": self.tr("Latitude"),
            "geo_points.longitude": self.tr("Longitude"),
        }

    def _refused(self, error: ValidationError) -> bool:
        self.message.setText(
            refusal(self.tr("{0} : {1} ; rien n'a changé."), self._labels(), error)
        )
        return False

    def add_point(self, fx: float, fy: float) -> bool:
        label = self.point_label.text().strip()
        if not label:
            self.message.setText(self.tr("Donnez d'abord un nom et les coordonnées du point."))
            return False
        width, height = self.image_size
        try:
            maps.add_point(
                self.context.catalogue,
                label,
                self.latitude.value(),
                self.longitude.value(),
                fx * width,
                fy * height,
            )
        except ValidationError as error:
            return self._refused(error)
        self.point_label.clear()
        self.message.setText(self.tr("Point « {0} » ajouté.").format(label))
        self._show_points(maps.map_details(self.context.catalogue))
        return True

    def _remove_point(self) -> None:
        rows = self.points.selectionModel().selectedRows() or [
            index for index in self.points.selectedIndexes()
        ]
        if not rows:
            return
        maps.remove_point(self.context.catalogue, self.point_ids[rows[0].row()])
        self._show_points(maps.map_details(self.context.catalogue))

    def save(self) -> bool:
        media_id = self.image_choice.currentData()
        if media_id is None:
            self.message.setText(self.tr("Importez d'abord l'image de la carte (onglet Médias)."))
            return False
        try:
            maps.save_map(
                self.context.catalogue,
                media_id,
                self.title.text() or self.tr("Carte"),
                self.credit.text(),
                self.credit_en.text(),
            )
        except ValidationError as error:
            return self._refused(error)
        self.refresh()
        self.message.setText(self.tr("Carte enregistrée."))
        return True


class AlbumsTab(QWidget):
    """Albums in order, their drawings in order (drag, or up/down), captions and credits, in
    French and English."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        metrics = context.metrics
        self.albums = _list()
        self.items = _list()
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


class PagesTab(QWidget):
    """The pages in Markdown, French and English, each with a live preview; a new page."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        metrics = context.metrics
        self.pages = _list()
        self.title = QLineEdit()
        self.title_en = QLineEdit()
        self.body = QPlainTextEdit()
        self.body_en = QPlainTextEdit()
        self.preview = _preview(context, self)
        self.preview_en = _preview(context, self)
        self.published = QCheckBox(self.tr("Publiée"))
        self.new_button = button("mdi6.plus", self.tr("Nouvelle page"), metrics)
        self.save_button = button("mdi6.content-save", self.tr("Enregistrer"), metrics)
        self.message = hint_label()
        self.page_id: int | None = None
        form = QFormLayout()
        form.addRow(self.tr("Titre"), self.title)
        form.addRow(self.tr("Titre anglais"), self.title_en)
        grid = QGridLayout()
        grid.addWidget(hint_label(self.tr("Français (Markdown)")), 0, 0)
        grid.addWidget(hint_label(self.tr("Aperçu")), 0, 1)
        grid.addWidget(self.body, 1, 0)
        grid.addWidget(self.preview, 1, 1)
        grid.addWidget(hint_label(self.tr("Anglais (Markdown)")), 2, 0)
        grid.addWidget(self.preview_en, 3, 1)
        grid.addWidget(self.body_en, 3, 0)
        editor = QVBoxLayout()
        editor.addLayout(form)
        editor.addLayout(grid, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.published)
        actions.addWidget(self.save_button)
        actions.addWidget(self.message, 1)
        editor.addLayout(actions)
        side = QVBoxLayout()
        side.addWidget(title_label(self.tr("Pages")))
        side.addWidget(self.pages, 1)
        side.addWidget(self.new_button)
        layout = QVBoxLayout(self) if context.portrait else QHBoxLayout(self)
        layout.addLayout(side, 1)
        layout.addLayout(editor, 3)
        self.pages.currentRowChanged.connect(self._on_row)
        self.body.textChanged.connect(lambda: self.preview.setMarkdown(self.body.toPlainText()))
        self.body_en.textChanged.connect(
            lambda: self.preview_en.setMarkdown(self.body_en.toPlainText())
        )
        self.new_button.clicked.connect(self.new_page)
        self.save_button.clicked.connect(self.save)
        self.refresh()

    def refresh(self) -> None:
        self.rows = [(p.id, p.title) for p in pages.list_pages(self.context.catalogue)]
        self.pages.blockSignals(True)
        self.pages.clear()
        for _id, title in self.rows:
            self.pages.addItem(title)
        self.pages.blockSignals(False)
        ids = [row[0] for row in self.rows]
        if self.page_id in ids:
            self.pages.setCurrentRow(ids.index(self.page_id))
        elif self.rows:
            self.pages.setCurrentRow(0)

    def _on_row(self, row: int) -> None:
        if not 0 <= row < len(self.rows):
            return
        try:
            page = pages.page_fields(self.context.catalogue, self.rows[row][0])
        except places.NotFoundError:
            return
        self.page_id = self.rows[row][0]
        self.title.setText(page.title)
        self.title_en.setText(page.title_en or "")
        self.body.setPlainText(page.body)
        self.body_en.setPlainText(page.body_en or "")
        self.published.setChecked(page.published)

    def new_page(self) -> None:
        title = self.tr("Nouvelle page {0}").format(len(self.rows) + 1)
        self.page_id = pages.new_page(self.context.catalogue, title)
        self.refresh()
        self.title.setFocus()

    def save(self) -> bool:
        if self.page_id is None:
            return False
        labels = {
            "pages.title": self.tr("Titre"),
            "pages.title_en": self.tr("Titre anglais"),
            "pages.body": self.tr("Français (Markdown)"),
            "pages.body_en": self.tr("Anglais (Markdown)"),
        }
        fields = pages.PageFields(
            self.title.text(),
            self.title_en.text(),
            self.body.toPlainText(),
            self.body_en.toPlainText(),
            self.published.isChecked(),
        )
        try:
            pages.save_page(self.context.catalogue, self.page_id, fields)
        except ValidationError as error:
            self.message.setText(refusal(self.tr("{0} : {1} ; rien n'a changé."), labels, error))
            return False
        except places.NotFoundError:
            self.message.setText(self.tr("Cette page a été supprimée entre-temps."))
            return False
        self.refresh()
        self.message.setText(self.tr("Page enregistrée."))
        return True
