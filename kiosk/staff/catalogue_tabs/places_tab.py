"""Lieux: the list of places and one place's form, its pin on a map that zooms and shows the
other places, and the Enregistrer / Supprimer bar that stays in view."""

from __future__ import annotations

import contextlib
from collections.abc import Hashable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.kit.context import UiContext
from kiosk.library.catalogue_admin import maps, places
from kiosk.staff.catalogue_tabs.mini_map import ZoomMap
from kiosk.staff.catalogue_tabs.place_form import PlaceForm
from kiosk.staff.catalogue_tabs.shared import refusal, scrolled, staff_list
from kiosk.staff.catalogue_tabs.unsaved import FormGuard, Note
from kiosk.staff.controls import button, hint_label, title_label
from kiosk.staff.dialogs import confirm
from kiosk.store.validation import ValidationError


class PlacesTab(FormGuard, QWidget):
    """Every field of a place; the pin by choosing the commune or by tapping the map."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        metrics = context.metrics
        self.place_id: int | None = None
        self.rows: list[tuple[int, str, bool]] = []
        self.places = staff_list()
        self.new_button = button("mdi6.plus", self.tr("Nouveau lieu"), metrics)
        self.form = PlaceForm(context, self)  # only its boxes are laid out; owned by the tab
        self.form.hide()
        form = self.form
        # The form's fields, by their names (tests and the staff guide speak of them so).
        self.name, self.slug, self.commune, self.website = (
            form.name,
            form.slug,
            form.commune,
            form.website,
        )
        self.latitude, self.longitude, self.tags, self.tags_en = (
            form.latitude,
            form.longitude,
            form.tags,
            form.tags_en,
        )
        self.photo, self.video, self.published = form.photo, form.video, form.published
        self.description, self.description_en, self.preview = (
            form.description,
            form.description_en,
            form.preview,
        )
        self.map = ZoomMap(metrics)
        self.map.setMinimumHeight(metrics.px(420))
        self.zoom_in, self.zoom_out = self.map.plus_button, self.map.minus_button  # its corner
        self.pin_label = hint_label()
        self.clear_pin = button("mdi6.map-marker-off", self.tr("Sans épingle"), metrics)
        self.save_button = button("mdi6.content-save", self.tr("Enregistrer"), metrics)
        self.delete_button = button("mdi6.delete", self.tr("Supprimer"), metrics, danger=True)
        self.message = hint_label()
        self.note = Note(self.message, metrics)
        self.pin: tuple[float, float] | None = None

        map_column = QVBoxLayout()
        map_column.addWidget(
            hint_label(
                self.tr(
                    "Choisissez la commune, ou touchez la carte pour placer l'épingle à la "
                    "main. Deux doigts écartés, ou « + », pour agrandir ; un doigt déplace la "
                    "carte agrandie."
                )
            )
        )
        map_column.addWidget(self.map, 1)
        pin_row = QHBoxLayout()
        pin_row.addStretch(1)
        pin_row.addWidget(self.clear_pin)
        map_column.addLayout(pin_row)
        map_column.addWidget(self.pin_label)
        top = QVBoxLayout() if context.portrait else QHBoxLayout()
        top.addWidget(self.form.fields_box, 1)
        top.addLayout(map_column, 1)
        editor = QVBoxLayout()
        editor.addLayout(top)
        editor.addWidget(self.form.texts_box, 1)
        scroll = scrolled(editor)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        actions = QHBoxLayout()
        actions.addWidget(self.save_button)
        actions.addWidget(self.delete_button)
        actions.addWidget(self.message, 1)
        right = QVBoxLayout()
        right.addWidget(scroll, 1)
        right.addLayout(actions)  # outside the scroll: always in view
        side = QVBoxLayout()
        side.addWidget(title_label(self.tr("Lieux")))
        side.addWidget(self.places, 1)
        side.addWidget(self.new_button)
        layout = QVBoxLayout(self) if context.portrait else QHBoxLayout(self)
        self.places.setMaximumWidth(metrics.px(420) if not context.portrait else 16777215)
        layout.addLayout(side, 1)
        layout.addLayout(right, 4)

        self.places.currentRowChanged.connect(self._on_row)
        self.new_button.clicked.connect(self.new_place)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self.map.tapped.connect(self.set_pin)
        self.clear_pin.clicked.connect(lambda: self.set_pin(None, None))
        self.form.commune_chosen.connect(self._commune_chosen)
        self.latitude.editingFinished.connect(self._show_pin)
        self.longitude.editingFinished.connect(self._show_pin)
        self.refresh()

    # FormGuard ----------------------------------------------------------------------------

    def form_state(self) -> Hashable:
        return (self.place_id, self.form.state(), self.pin)

    def form_name(self) -> str:
        return self.name.text().strip() or self.tr("Nouveau lieu")

    # The list -----------------------------------------------------------------------------

    def refresh(self) -> None:
        catalogue = self.context.catalogue
        self.rows = [(p.id, p.name, p.published) for p in places.list_places(catalogue)]
        current = maps.map_details(catalogue)
        self.map.set_image(self.context.root.media_file(current.image_path) if current else None)
        self.form.set_media(places.media_choices(catalogue))
        self.places.blockSignals(True)
        self.places.clear()
        for _id, name, published in self.rows:
            self.places.addItem(name if published else self.tr("{0} (masqué)").format(name))
        self.places.blockSignals(False)
        ids = [row[0] for row in self.rows]
        if self.place_id in ids:
            self.load(ids[ids.index(self.place_id)])
        elif self.rows:
            self.load(ids[0])
        else:
            self._new_form()

    def _select(self, place_id: int | None) -> None:
        ids = [row[0] for row in self.rows]
        self.places.blockSignals(True)
        self.places.setCurrentRow(ids.index(place_id) if place_id in ids else -1)
        self.places.blockSignals(False)

    def _on_row(self, row: int) -> None:
        if not 0 <= row < len(self.rows):
            return
        target = self.rows[row][0]
        if target == self.place_id:
            return
        if not self.can_leave():
            self._select(self.place_id)  # staff chose « Annuler »: stay on this place
            return
        self.load(target)

    def load(self, place_id: int) -> None:
        try:
            place = places.place_fields(self.context.catalogue, place_id)
        except places.NotFoundError:
            return
        self.place_id = place_id
        self._select(place_id)
        self.form.show_fields(place)
        self.set_pin(place.map_x, place.map_y)
        if self.map.zoom > 1 and self.map.highlight is not None:
            self.map.set_zoom(self.map.zoom, self.map.highlight)  # the new place's pin in view
        self.note.say("")
        self.mark_clean()

    def new_place(self) -> None:
        if self.can_leave():
            self._new_form()

    def _new_form(self) -> None:
        self.place_id = None
        self._select(None)
        self.form.clear()
        self.set_pin(None, None)
        self.mark_clean()
        self.name.setFocus()

    # The pin ------------------------------------------------------------------------------

    def set_pin(self, fx: float | None, fy: float | None) -> None:
        """A pin placed by hand (None, None: none; the coordinates then place the place)."""
        self.pin = (fx, fy) if fx is not None and fy is not None else None
        self._show_pin()

    def _commune_chosen(self, _latitude: float, _longitude: float) -> None:
        self.set_pin(None, None)  # the commune places it: the hand-placed pin gives way
        if self.map.highlight is not None:
            self.map.set_zoom(max(self.map.zoom, 2.25), self.map.highlight)

    def _show_pin(self) -> None:
        catalogue = self.context.catalogue
        self.map.markers = [
            (pin.fx, pin.fy, "")
            for pin in maps.place_pins(catalogue)
            if pin.place_id != self.place_id
        ]
        spot = self.pin
        text = self.tr("Épingle placée à la main.") if spot else ""
        if spot is None:
            try:
                latitude = self.form.number(self.latitude, -90, 90, "")
                longitude = self.form.number(self.longitude, -180, 180, "")
            except ValueError:
                latitude = longitude = None
            if latitude is not None and longitude is not None:
                spot = maps.pin_of(catalogue, latitude, longitude)
                text = (
                    self.tr("Épingle d'après la commune ou les coordonnées.")
                    if spot
                    else self.tr(
                        "Ces coordonnées tombent hors de la carte, ou la carte n'a pas encore "
                        "deux points de repère (onglet Carte)."
                    )
                )
        self.map.highlight = spot
        self.map.update()
        self.pin_label.setText(text or self.tr("Pas d'épingle sur la carte."))

    # Save, delete -------------------------------------------------------------------------

    def save(self) -> bool:
        if not self.name.text().strip():
            self.note.say(self.tr("Le nom est obligatoire."))
            return False
        try:
            fields = self.form.read(self.pin)
        except ValueError as error:
            self.note.say(str(error))
            return False
        labels = {
            "places.name": self.tr("Nom"),
            "places.slug": self.tr("Identifiant"),
            "places.commune": self.tr("Commune"),
            "places.website": self.tr("Site web"),
            "places.latitude": self.tr("Latitude"),
            "places.longitude": self.tr("Longitude"),
            "tags.name": self.tr("Mots-clés"),
            "tags.name_en": self.tr("Mots-clés en anglais"),
            "places.description": self.tr("Texte"),
            "places.description_en": self.tr("Texte en anglais (facultatif)"),
        }
        try:
            self.place_id = places.save_place(self.context.catalogue, self.place_id, fields)
        except ValidationError as error:
            self.note.say(refusal(self.tr("{0} : {1} ; rien n'a changé."), labels, error))
            return False
        except places.NotFoundError:
            self.note.say(self.tr("Ce lieu a été supprimé entre-temps ; rien n'a changé."))
            return False
        self.refresh()  # reloads the form, which clears the message: say it after
        self.note.saved(self.tr("Enregistré."))
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
        self.note.say(
            self.tr(
                "« {0} » est dans la Corbeille (onglet Médias) : il peut y être restauré."
            ).format(name)
        )
