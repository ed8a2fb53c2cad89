"""Lieux, Carte, Carnets, Pages: editing the catalogue, one short session per save.

Text fields take a plugged-in keyboard (Qt's virtual keyboard is not part of PySide6-Essentials,
so there is no on-screen keyboard: the staff guide says so).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

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
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from kiosk.library.import_jobs import slugify
from kiosk.library.places_io import normalise_website
from kiosk.staff.common import MapPicker, button, confirm, hint_label, title_label
from kiosk.store.models import (
    Album,
    GeoPoint,
    MapImage,
    MediaAsset,
    MediaKind,
    Page,
    Place,
    Tag,
)
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
        with catalogue.session() as session:
            self.rows = [
                (p.id, p.name, p.published)
                for p in session.scalars(select(Place).order_by(Place.sort_order, Place.name))
            ]
            media = list(session.scalars(select(MediaAsset).order_by(MediaAsset.title)))
            current = session.scalars(select(MapImage).where(MapImage.is_current)).first()
            map_path = self.context.root.media_file(current.image.path) if current else None
        self.map.set_image(map_path)
        for combo, kind in ((self.photo, MediaKind.IMAGE), (self.video, MediaKind.VIDEO)):
            combo.clear()
            combo.addItem(self.tr("(aucune)"), None)
            for asset in media:
                if asset.kind is kind:
                    combo.addItem(asset.title or asset.path, asset.id)
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
        with self.context.catalogue.session() as session:
            place = session.get(Place, place_id)
            if place is None:
                return
            self.place_id = place.id
            self.name.setText(place.name)
            self.slug.setText(place.slug)
            self.commune.setText(place.commune or "")
            self.website.setText(place.website or "")
            self.latitude.setText("" if place.latitude is None else str(place.latitude))
            self.longitude.setText("" if place.longitude is None else str(place.longitude))
            self.tags.setText(", ".join(tag.name for tag in place.tags))
            self.description.setPlainText(place.description)
            self.description_en.setPlainText(place.description_en or "")
            self.published.setChecked(place.published)
            self.photo.setCurrentIndex(max(0, self.photo.findData(place.photo_id)))
            self.video.setCurrentIndex(max(0, self.video.findData(place.video_id)))
            pin = (place.map_x, place.map_y)
        self.set_pin(*pin)
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
        try:
            website = normalise_website(self.website.text())
        except ValueError as error:  # the gate's own check of web addresses
            self.message.setText(refused.format(self.tr("Site web"), error))
            return False
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
        try:
            with self.context.catalogue.session() as session:
                place = session.get(Place, self.place_id) if self.place_id else None
                if place is None:
                    place = Place(slug=self.slug.text().strip() or slugify(name), name=name)
                    session.add(place)
                place.name = name
                place.slug = self.slug.text().strip() or slugify(name)
                place.commune = _optional(self.commune.text())
                place.website = website
                place.latitude, place.longitude = latitude, longitude
                place.description = self.description.toPlainText()
                place.description_en = _optional(self.description_en.toPlainText())
                place.published = self.published.isChecked()
                place.photo_id = self.photo.currentData()
                place.video_id = self.video.currentData()
                place.map_x, place.map_y = self.pin if self.pin else (None, None)
                names = [t.strip() for t in self.tags.text().split(",") if t.strip()]
                tags = []
                for tag_name in dict.fromkeys(names):
                    tag = session.scalars(select(Tag).where(Tag.name == tag_name)).first()
                    tags.append(tag or Tag(name=tag_name))
                place.tags = tags
                session.flush()
                self.place_id = place.id
        except ValidationError as error:
            self.message.setText(refusal(refused, labels, error))
            return False
        except IntegrityError:
            self.message.setText(self.tr("Cet identifiant est déjà pris par un autre lieu."))
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
            self.tr("Supprimer « {0} » ? Ses médias restent dans Médias.").format(self.name.text()),
        ):
            return
        with self.context.catalogue.session() as session:
            place = session.get(Place, self.place_id)
            if place is not None:
                session.delete(place)
        self.place_id = None
        self.refresh()


class MapTab(QWidget):
    """The map image, its title and credit; reference points by tapping, with each one's error."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        metrics = context.metrics
        self.image_choice = QComboBox()
        self.title = QLineEdit()
        self.credit = QLineEdit()
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

    def _current(self, session: Any) -> MapImage | None:
        found: MapImage | None = session.scalars(
            select(MapImage).where(MapImage.is_current)
        ).first()
        return found

    def refresh(self) -> None:
        with self.context.catalogue.session() as session:
            images = list(
                session.scalars(select(MediaAsset).where(MediaAsset.kind == MediaKind.IMAGE))
            )
            current = self._current(session)
            self.image_choice.blockSignals(True)
            self.image_choice.clear()
            for asset in images:
                self.image_choice.addItem(asset.title or asset.path, asset.id)
            if current is not None:
                self.image_choice.setCurrentIndex(self.image_choice.findData(current.image_id))
                self.title.setText(current.title)
                self.credit.setText(current.credit)
            self.image_choice.blockSignals(False)
        self._show_image()
        self._show_points()

    def _show_image(self) -> None:
        media_id = self.image_choice.currentData()
        with self.context.catalogue.session() as session:
            asset = session.get(MediaAsset, media_id) if media_id else None
            self.map.set_image(self.context.root.media_file(asset.path) if asset else None)
            self.image_size = (asset.width or 1, asset.height or 1) if asset else (1, 1)

    def _show_points(self) -> None:
        from kiosk.library import geo

        with self.context.catalogue.session() as session:
            current = self._current(session)
            points = list(current.geo_points) if current else []
            fit = geo.fit(geo.references_of(current)) if current else None
            rows = [(p.id, p.label, p.latitude, p.longitude, p.x, p.y) for p in points]
        errors = {r.label: r.error_px for r in fit.residuals} if fit else {}
        self.point_ids = [row[0] for row in rows]
        self.points.setRowCount(len(rows))
        width, height = self.image_size
        self.map.markers = [(x / width, y / height, label) for _i, label, _a, _o, x, y in rows]
        for index, (_id, label, latitude, longitude, _x, _y) in enumerate(rows):
            error = errors.get(label)
            cells = [
                label,
                f"{latitude:.4f}",
                f"{longitude:.4f}",
                self.tr("{0:.0f} px").format(error) if error is not None else "—",
            ]
            for column, text in enumerate(cells):
                self.points.setItem(index, column, QTableWidgetItem(text))
        self.map.update()

    def _labels(self) -> dict[str, str]:
        return {
            "maps.title": self.tr("Titre"),
            "maps.credit": self.tr("Crédit"),
            "geo_points.label": self.tr("Nom"),
            "geo_points.latitude": self.tr("Latitude"),
            "geo_points.longitude": self.tr("Longitude"),
        }

    def add_point(self, fx: float, fy: float) -> bool:
        label = self.point_label.text().strip()
        if not label:
            self.message.setText(self.tr("Donnez d'abord un nom et les coordonnées du point."))
            return False
        width, height = self.image_size
        try:
            with self.context.catalogue.session() as session:
                current = self._current(session)
                if current is None:
                    self.message.setText(self.tr("Enregistrez d'abord la carte."))
                    return False
                session.add(
                    GeoPoint(
                        map_id=current.id,
                        label=label,
                        latitude=self.latitude.value(),
                        longitude=self.longitude.value(),
                        x=fx * width,
                        y=fy * height,
                    )
                )
        except ValidationError as error:
            self.message.setText(
                refusal(self.tr("{0} : {1} ; rien n'a changé."), self._labels(), error)
            )
            return False
        self.point_label.clear()
        self.message.setText(self.tr("Point « {0} » ajouté.").format(label))
        self._show_points()
        return True

    def _remove_point(self) -> None:
        rows = self.points.selectionModel().selectedRows() or [
            index for index in self.points.selectedIndexes()
        ]
        if not rows:
            return
        point_id = self.point_ids[rows[0].row()]
        with self.context.catalogue.session() as session:
            point = session.get(GeoPoint, point_id)
            if point is not None:
                session.delete(point)
        self._show_points()

    def save(self) -> bool:
        media_id = self.image_choice.currentData()
        if media_id is None:
            self.message.setText(self.tr("Importez d'abord l'image de la carte (onglet Médias)."))
            return False
        try:
            with self.context.catalogue.session() as session:
                current = self._current(session)
                if current is None or current.image_id != media_id:
                    existing = session.scalars(
                        select(MapImage).where(MapImage.image_id == media_id)
                    ).first()
                    for other in session.scalars(select(MapImage)):
                        other.is_current = False
                    current = existing or MapImage(image_id=media_id, title="")
                    current.is_current = True
                    session.add(current)
                current.title = self.title.text().strip() or self.tr("Carte")
                current.credit = self.credit.text().strip()
        except ValidationError as error:
            self.message.setText(
                refusal(self.tr("{0} : {1} ; rien n'a changé."), self._labels(), error)
            )
            return False
        self.message.setText(self.tr("Carte enregistrée."))
        self.refresh()
        return True


class AlbumsTab(QWidget):
    """Albums in order, their drawings in order (drag, or up/down), captions and credits."""

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
        self.credit = QLineEdit()
        self.published = QCheckBox(self.tr("Publié"))
        self.caption = QLineEdit()
        self.caption.setPlaceholderText(self.tr("légende du dessin choisi"))
        self.up_button = button("mdi6.arrow-up-bold", self.tr("Monter"), metrics)
        self.down_button = button("mdi6.arrow-down-bold", self.tr("Descendre"), metrics)
        self.album_up = button("mdi6.arrow-up-bold", "", metrics)
        self.album_down = button("mdi6.arrow-down-bold", "", metrics)
        self.new_button = button("mdi6.plus", self.tr("Nouveau carnet"), metrics)
        self.save_button = button("mdi6.content-save", self.tr("Enregistrer"), metrics)
        self.message = hint_label()
        self.album_id: int | None = None
        self.captions: dict[int, str] = {}

        form = QFormLayout()
        form.addRow(self.tr("Titre"), self.title)
        form.addRow(self.tr("Titre anglais"), self.title_en)
        form.addRow(self.tr("Date"), self.date_label)
        form.addRow(self.tr("Crédit"), self.credit)
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
        moves.addWidget(self.caption, 1)
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
        self.up_button.clicked.connect(lambda: self.move_item(-1))
        self.down_button.clicked.connect(lambda: self.move_item(1))
        self.album_up.clicked.connect(lambda: self.move_album(-1))
        self.album_down.clicked.connect(lambda: self.move_album(1))
        self.new_button.clicked.connect(self.new_album)
        self.save_button.clicked.connect(self.save)
        self.refresh()

    def refresh(self) -> None:
        with self.context.catalogue.session() as session:
            self.rows = [
                (a.id, a.title)
                for a in session.scalars(select(Album).order_by(Album.sort_order, Album.id))
            ]
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
        with self.context.catalogue.session() as session:
            album = session.get(Album, self.rows[row][0])
            if album is None:
                return
            self.album_id = album.id
            self.title.setText(album.title)
            self.title_en.setText(album.title_en or "")
            self.date_label.setText(album.date_label or "")
            self.credit.setText(album.credit)
            self.published.setChecked(album.published)
            self.items.clear()
            self.captions = {}
            for item in album.items:
                entry = QListWidgetItem(item.media.title or item.media.path)
                entry.setData(Qt.ItemDataRole.UserRole, item.id)
                self.captions[item.id] = item.caption
                self.items.addItem(entry)

    def _on_item(self, row: int) -> None:
        item = self.items.item(row)
        self.caption.setText(
            self.captions.get(item.data(Qt.ItemDataRole.UserRole), "") if item else ""
        )

    def _caption_edited(self, text: str) -> None:
        item = self.items.currentItem()
        if item is not None:
            self.captions[item.data(Qt.ItemDataRole.UserRole)] = text

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
        target = row + step
        if row < 0 or not 0 <= target < len(self.rows):
            return
        ids = [r[0] for r in self.rows]
        ids.insert(target, ids.pop(row))
        with self.context.catalogue.session() as session:
            for order, album_id in enumerate(ids):
                album = session.get(Album, album_id)
                if album is not None:
                    album.sort_order = order
        self.refresh()

    def new_album(self) -> None:
        with self.context.catalogue.session() as session:
            count = session.scalar(select(func.count()).select_from(Album)) or 0
            title = self.tr("Nouveau carnet {0}").format(count + 1)
            album = Album(slug=slugify(title), title=title, sort_order=count, published=False)
            session.add(album)
            session.flush()
            self.album_id = album.id
        self.refresh()

    def save(self) -> bool:
        if self.album_id is None:
            return False
        order = self.item_order()
        labels = {
            "albums.title": self.tr("Titre"),
            "albums.title_en": self.tr("Titre anglais"),
            "albums.date_label": self.tr("Date"),
            "albums.credit": self.tr("Crédit"),
            "album_items.caption": self.tr("Légende"),
        }
        try:
            with self.context.catalogue.session() as session:
                album = session.get(Album, self.album_id)
                if album is None:
                    return False
                album.title = self.title.text().strip() or album.title
                album.title_en = _optional(self.title_en.text())
                album.date_label = _optional(self.date_label.text())
                album.credit = self.credit.text().strip()
                album.published = self.published.isChecked()
                items = {item.id: item for item in album.items}
                # Two passes: positions are unique per album, so move them out of the way first.
                for offset, item_id in enumerate(order):
                    items[item_id].position = -1 - offset
                session.flush()
                for position, item_id in enumerate(order):
                    items[item_id].position = position
                    items[item_id].caption = self.captions.get(item_id, "")
        except ValidationError as error:
            self.message.setText(refusal(self.tr("{0} : {1} ; rien n'a changé."), labels, error))
            return False
        self.message.setText(self.tr("Carnet enregistré."))
        self.refresh()
        return True


class PagesTab(QWidget):
    """The pages in Markdown, French and English, each with a live preview."""

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
        layout = QVBoxLayout(self) if context.portrait else QHBoxLayout(self)
        layout.addLayout(side, 1)
        layout.addLayout(editor, 3)
        self.pages.currentRowChanged.connect(self._on_row)
        self.body.textChanged.connect(lambda: self.preview.setMarkdown(self.body.toPlainText()))
        self.body_en.textChanged.connect(
            lambda: self.preview_en.setMarkdown(self.body_en.toPlainText())
        )
        self.save_button.clicked.connect(self.save)
        self.refresh()

    def refresh(self) -> None:
        with self.context.catalogue.session() as session:
            self.rows = [
                (p.id, p.title)
                for p in session.scalars(select(Page).order_by(Page.sort_order, Page.id))
            ]
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
        with self.context.catalogue.session() as session:
            page = session.get(Page, self.rows[row][0])
            if page is None:
                return
            self.page_id = page.id
            self.title.setText(page.title)
            self.title_en.setText(page.title_en or "")
            self.body.setPlainText(page.body)
            self.body_en.setPlainText(page.body_en or "")
            self.published.setChecked(page.published)

    def save(self) -> bool:
        if self.page_id is None:
            return False
        labels = {
            "pages.title": self.tr("Titre"),
            "pages.title_en": self.tr("Titre anglais"),
            "pages.body": self.tr("Français (Markdown)"),
            "pages.body_en": self.tr("Anglais (Markdown)"),
        }
        try:
            with self.context.catalogue.session() as session:
                page = session.get(Page, self.page_id)
                if page is None:
                    return False
                page.title = self.title.text().strip() or page.title
                page.title_en = _optional(self.title_en.text())
                page.body = self.body.toPlainText()
                page.body_en = _optional(self.body_en.toPlainText())
                page.published = self.published.isChecked()
        except ValidationError as error:
            self.message.setText(refusal(self.tr("{0} : {1} ; rien n'a changé."), labels, error))
            return False
        self.message.setText(self.tr("Page enregistrée."))
        self.refresh()
        return True
