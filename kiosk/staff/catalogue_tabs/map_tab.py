"""Carte: the current map, its texts and its reference points.

A reference point is set by commune, as a volunteer knows the map: the commune chosen among the
suggestions under the field (typed on the on-screen keyboard), then a tap where it is on the map
image (which zooms by pinching, or by its « + »). The commune gives the point's coordinates (a
point inside it, :mod:`kiosk.library.catalogue_admin.communes`); with two points, a commune
typed in the Lieux form places the place's pin at once. Coordinates typed by hand still work,
for a point that is not a commune."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.kit.context import UiContext
from kiosk.kit.widgets import named
from kiosk.library.catalogue_admin import maps
from kiosk.staff.catalogue_tabs.commune_field import CommuneSuggestions
from kiosk.staff.catalogue_tabs.mini_map import ZoomMap
from kiosk.staff.catalogue_tabs.shared import refusal
from kiosk.staff.catalogue_tabs.unsaved import Note
from kiosk.staff.controls import button, hint_label, title_label
from kiosk.store.validation import ValidationError, check_value


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
        self.map = ZoomMap(metrics, dimmed=False)  # the points keep their names
        self.latitude = QDoubleSpinBox()
        self.latitude.setRange(-90, 90)
        self.latitude.setDecimals(5)
        self.longitude = QDoubleSpinBox()
        self.longitude.setRange(-180, 180)
        self.longitude.setDecimals(5)
        self.point_label = QLineEdit()  # the commune (or the name of another known point)
        self.point_label.setPlaceholderText(self.tr("tapez le début du nom d'une commune"))
        commune_box = QWidget()
        self.suggestions = CommuneSuggestions(self.point_label, metrics, commune_box)
        commune_column = QVBoxLayout(commune_box)
        commune_column.setContentsMargins(0, 0, 0, 0)
        commune_column.setSpacing(0)
        commune_column.addWidget(self.point_label)
        commune_column.addWidget(self.suggestions)
        self.step = hint_label()  # what to do next, and whether the map places the pins
        self.points = named(QTableWidget(0, 4), "StaffTable")
        self.points.setHorizontalHeaderLabels(
            [self.tr("Point"), self.tr("Latitude"), self.tr("Longitude"), self.tr("Erreur")]
        )
        self.points.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.points.verticalHeader().setVisible(False)
        self.remove_point = button("mdi6.delete", self.tr("Retirer le point"), metrics, danger=True)
        self.save_button = button("mdi6.content-save", self.tr("Enregistrer la carte"), metrics)
        self.message = hint_label()
        self.note = Note(self.message, metrics)
        self.picked = ""  # the commune whose coordinates the fields hold
        self.coordinates_typed = False  # coordinates given by hand for the label being typed
        self._counted = (False, 0)  # the map saved, its number of points

        form = QFormLayout()
        form.addRow(self.tr("Image de la carte"), self.image_choice)
        form.addRow(self.tr("Titre"), self.title)
        form.addRow(self.tr("Crédit"), self.credit)
        form.addRow(self.tr("Crédit en anglais"), self.credit_en)
        point_form = QFormLayout()
        point_form.addRow(self.tr("Commune"), commune_box)
        point_form.addRow(self.tr("Latitude"), self.latitude)
        point_form.addRow(self.tr("Longitude"), self.longitude)
        side = QVBoxLayout()
        side.addWidget(title_label(self.tr("Carte")))
        side.addLayout(form)
        side.addWidget(
            hint_label(
                self.tr(
                    "Points de repère : choisissez une commune, puis touchez sa place sur la "
                    "carte. Deux communes éloignées suffisent, trois sont plus justes."
                )
            )
        )
        side.addLayout(point_form)
        side.addWidget(self.step)
        side.addWidget(self.points, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_point)
        buttons.addWidget(self.save_button)
        side.addLayout(buttons)
        side.addWidget(self.message)
        layout = QVBoxLayout(self) if context.portrait else QHBoxLayout(self)
        layout.addLayout(side, 1)
        layout.addWidget(self.map, 2)
        self.map.tapped.connect(self.add_point)
        self.suggestions.picked.connect(self._commune_picked)
        self.point_label.textChanged.connect(self._label_edited)
        self.latitude.valueChanged.connect(self._coordinates_edited)
        self.longitude.valueChanged.connect(self._coordinates_edited)
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
        # The fit counts a place once however many times it was placed (geo.fit): so does this.
        self._say_step(current is not None, len({(p.latitude, p.longitude) for p in points}))

    def _say_step(self, saved: bool, count: int) -> None:
        self._counted = (saved, count)
        label = self.point_label.text().strip()
        if not saved:
            text = self.tr("Enregistrez d'abord la carte, puis placez les communes.")
        elif label and label == self.picked:
            text = self.tr("Touchez maintenant l'endroit de « {0} » sur la carte.").format(label)
        elif label:
            text = self.tr(
                "Choisissez la commune dans la liste (pour un autre point connu, saisissez "
                "ses coordonnées), puis touchez sa place sur la carte."
            )
        elif count == 0:
            text = self.tr("Aucune commune placée : la carte ne place pas encore les lieux.")
        elif count == 1:
            text = self.tr(
                "Une commune placée : encore une, loin de la première, et la carte placera les "
                "lieux d'après leur commune."
            )
        else:
            text = self.tr(
                "{0} communes placées : une commune choisie dans l'onglet Lieux y place "
                "l'épingle aussitôt."
            ).format(count)
        self.step.setText(text)

    def _commune_picked(self, name: str, latitude: float, longitude: float) -> None:
        """A commune chosen: its coordinates; the next tap on the map places it."""
        self.picked = name
        self._set_coordinates(latitude, longitude)
        self._say_step(*self._counted)

    def _label_edited(self, text: str) -> None:
        """Another label: the coordinates held were for the previous one, so they go."""
        if text.strip() != self.picked or not text.strip():
            self.picked = ""
            self._set_coordinates(0.0, 0.0)
        self._say_step(*self._counted)

    def _coordinates_edited(self) -> None:
        self.coordinates_typed = True

    def _set_coordinates(self, latitude: float, longitude: float) -> None:
        """Coordinates set by the tab (a commune's, or none), not typed by hand."""
        for field, value in ((self.latitude, latitude), (self.longitude, longitude)):
            field.blockSignals(True)
            field.setValue(value)
            field.blockSignals(False)
        self.coordinates_typed = False

    def _labels(self) -> dict[str, str]:
        return {
            "maps.image_id": self.tr("Image de la carte"),
            "maps.title": self.tr("Titre"),
            "maps.credit": self.tr("Crédit"),
            "maps.credit_en": self.tr("Crédit en anglais"),
            "geo_points.label": self.tr("Commune"),
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
            self.message.setText(
                self.tr("Choisissez d'abord la commune, puis touchez sa place sur la carte.")
            )
            return False
        try:
            check_value("geo_points", "label", label)  # a name the gate refuses, said first
        except ValidationError as error:
            return self._refused(error)
        if label != self.picked and not self.coordinates_typed:
            # Neither the commune chosen in the list nor coordinates typed for it: a point at
            # 0° 0°, or at the previous commune's place, spoils the map.
            self.message.setText(
                self.tr(
                    "« {0} » n'est pas une commune de la liste : choisissez-la dans la liste, "
                    "ou saisissez ses coordonnées."
                ).format(label)
            )
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
        self.point_label.clear()  # and the coordinates with it (_label_edited)
        self.picked = ""
        self._set_coordinates(0.0, 0.0)
        self.suggestions.clear()
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
        self.note.saved(self.tr("Carte enregistrée."))
        return True
