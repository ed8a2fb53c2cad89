"""Lieux: the places, one form each."""

from __future__ import annotations

import contextlib

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.library.catalogue_admin import maps, places
from kiosk.staff.catalogue_tabs.shared import preview, refusal, staff_list
from kiosk.staff.common import MapPicker, button, confirm, hint_label, title_label
from kiosk.store.models import MediaKind
from kiosk.store.validation import ValidationError
from kiosk.ui.context import UiContext


class PlacesTab(QWidget):
    """Every field of a place, Markdown with preview, tags, photo, vignette, pin by tapping."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        metrics = context.metrics
        self.place_id: int | None = None
        self.places = staff_list()
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
        self.preview = preview(context, self)
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
