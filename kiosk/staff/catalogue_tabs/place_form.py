"""The fields of one place, as the Lieux tab shows them: read into and out of
:class:`~kiosk.library.catalogue_admin.places.PlaceFields`, and the commune chosen from the
communes of the Allier (which gives the place its coordinates)."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.kit.context import UiContext
from kiosk.library.catalogue_admin import places
from kiosk.staff.catalogue_tabs.commune_field import CommuneSuggestions
from kiosk.staff.catalogue_tabs.shared import TextFields
from kiosk.store.models import MediaKind


class PlaceForm(QWidget):
    """The fields, in two boxes the tab lays out (``fields_box``, ``texts_box``);
    ``commune_chosen(latitude, longitude)`` when staff pick a commune of the Allier."""

    commune_chosen = Signal(float, float)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit()
        self.slug = QLineEdit()
        self.slug.setPlaceholderText(self.tr("fait à partir du nom si vide"))
        self.commune = QLineEdit()
        self.commune.setPlaceholderText(self.tr("tapez le début du nom : la carte place le lieu"))
        # The communes that begin with what was typed, in the form under the field (no popup:
        # it would take the on-screen keyboard's next tap).
        commune_box = QWidget()
        self.suggestions = CommuneSuggestions(self.commune, context.metrics, commune_box)
        commune_column = QVBoxLayout(commune_box)
        commune_column.setContentsMargins(0, 0, 0, 0)
        commune_column.setSpacing(0)
        commune_column.addWidget(self.commune)
        commune_column.addWidget(self.suggestions)
        self.website = QLineEdit()
        self.latitude = QLineEdit()
        self.longitude = QLineEdit()
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("mots-clés séparés par des virgules"))
        self.tags_en = QLineEdit()
        self.tags_en.setPlaceholderText(self.tr("les mêmes en anglais, dans le même ordre"))
        self.photo = QComboBox()
        self.video = QComboBox()
        for combo in (self.photo, self.video):  # a long media title must not widen the form
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(12)
        self.published = QCheckBox(self.tr("Publié (visible sur la borne)"))
        # The texts, with their preview; the English one across the form (no preview).
        self.texts_box = TextFields(
            context,
            self.tr("Texte"),
            self.tr("Texte en anglais (facultatif)"),
            english_preview=False,
            parent=self,
        )
        self.description = self.texts_box.body
        self.description_en = self.texts_box.body_en
        self.preview = self.texts_box.preview

        form = QFormLayout()
        form.addRow(self.tr("Nom"), self.name)
        form.addRow(self.tr("Commune"), commune_box)
        form.addRow(self.tr("Site web"), self.website)
        form.addRow(self.tr("Mots-clés"), self.tags)
        form.addRow(self.tr("Mots-clés en anglais"), self.tags_en)
        form.addRow(self.tr("Photo"), self.photo)
        form.addRow(self.tr("Vignette vidéo"), self.video)
        form.addRow("", self.published)
        coordinates = QHBoxLayout()
        coordinates.addWidget(self.latitude)
        coordinates.addWidget(self.longitude)
        form.addRow(self.tr("Latitude, longitude"), coordinates)
        form.addRow(self.tr("Identifiant"), self.slug)
        # Two parts the tab lays out: the short fields (beside the map) and the texts.
        self.fields_box = QWidget(self)
        self.fields_box.setLayout(form)
        form.setContentsMargins(0, 0, 0, 0)

        self.suggestions.picked.connect(self._commune_picked)

    def _commune_picked(self, _name: str, latitude: float, longitude: float) -> None:
        """A commune typed or touched: its point in the coordinates, the pin on it."""
        self.latitude.setText(f"{latitude:.5f}")
        self.longitude.setText(f"{longitude:.5f}")
        self.commune_chosen.emit(latitude, longitude)

    def set_media(self, media: list[places.MediaChoice]) -> None:
        for combo, kind in ((self.photo, MediaKind.IMAGE), (self.video, MediaKind.VIDEO)):
            combo.clear()
            combo.addItem(self.tr("(aucune)"), None)
            for choice in media:
                if choice.kind is kind:
                    combo.addItem(choice.label, choice.id)

    def show_fields(self, place: places.PlaceFields) -> None:
        self.name.setText(place.name)
        self.slug.setText(place.slug)
        self.commune.setText(place.commune or "")
        self.suggestions.clear()
        self.website.setText(place.website or "")
        self.latitude.setText("" if place.latitude is None else str(place.latitude))
        self.longitude.setText("" if place.longitude is None else str(place.longitude))
        self.tags.setText(", ".join(place.tags))
        self.tags_en.setText(", ".join(place.tags_en) if any(place.tags_en) else "")
        self.description.setPlainText(place.description)
        self.description_en.setPlainText(place.description_en or "")
        self.published.setChecked(place.published)
        self.photo.setCurrentIndex(max(0, self.photo.findData(place.photo_id)))
        self.video.setCurrentIndex(max(0, self.video.findData(place.video_id)))
        for field in (self.name, self.commune, self.website, self.tags, self.tags_en):
            field.setCursorPosition(0)  # a long text shows its beginning

    def state(self) -> Hashable:
        """What the form shows now (to tell unsaved edits)."""
        texts = (self.name, self.slug, self.commune, self.website, self.latitude, self.longitude)
        return (
            *(field.text() for field in texts),
            self.tags.text(),
            self.tags_en.text(),
            self.description.toPlainText(),
            self.description_en.toPlainText(),
            self.published.isChecked(),
            self.photo.currentData(),
            self.video.currentData(),
        )

    def number(self, field: QLineEdit, low: float, high: float, name: str) -> float | None:
        """The field's number (a comma is a decimal point), None when empty; ValueError with
        a French line otherwise."""
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

    def read(self, pin: tuple[float, float] | None) -> places.PlaceFields:
        """The form as fields to save; ValueError for coordinates that are not numbers."""
        return places.PlaceFields(
            name=self.name.text().strip(),
            slug=self.slug.text(),
            commune=self.commune.text(),
            website=self.website.text(),
            latitude=self.number(self.latitude, -90, 90, self.tr("Latitude")),
            longitude=self.number(self.longitude, -180, 180, self.tr("Longitude")),
            description=self.description.toPlainText(),
            description_en=self.description_en.toPlainText(),
            published=self.published.isChecked(),
            photo_id=self.photo.currentData(),
            video_id=self.video.currentData(),
            map_x=pin[0] if pin else None,
            map_y=pin[1] if pin else None,
            tags=self.tags.text().split(","),
            tags_en=self.tags_en.text().split(",") if self.tags_en.text().strip() else [],
        )

    def clear(self) -> None:
        self.show_fields(places.PlaceFields(name=""))
