"""Carte: the map, the list of places beside it and the place sheet.

The screen's argument is a place's slug: its sheet opens directly (videos link here). A sheet
the visitor opens here (a pin, a row, previous/next on a sheet) is announced by
``place_opened(slug)`` for the usage statistics; one opened through the route is counted from
the route."""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QPointF,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QFrame,
    QGridLayout,
    QListView,
    QScroller,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.kit import icons
from kiosk.kit.context import UiContext
from kiosk.kit.theme import (
    HEDGE_DARK,
)
from kiosk.kit.widgets import IconButton, named, plain_label
from kiosk.library import catalogue_views
from kiosk.library.catalogue_views import MapView, PlaceView
from kiosk.ui.routes import Route
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.map.canvas import MapCanvas
from kiosk.ui.screens.map.chips import ChipStrip
from kiosk.ui.screens.map.legend import MapLegend
from kiosk.ui.screens.map.place_list import PlaceDelegate, PlaceListModel, PlaceRole
from kiosk.ui.screens.map.style import _style
from kiosk.ui.screens.place_sheet import PlaceSheet

ROUTE_PLAYER = Route.PLAYER
# Tenths of the height the map takes in portrait, beside the list and beside an open sheet.
LIST_MAP_SHARE = 6
SHEET_MAP_SHARE = 4


# The screen


class MapScreen(Screen):
    place_opened = Signal(str)  # a sheet the visitor opened on this screen (usage statistics)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        metrics = context.metrics
        px = metrics.px
        self.setStyleSheet(_style(metrics))
        direction = (
            QBoxLayout.Direction.TopToBottom
            if context.portrait
            else QBoxLayout.Direction.LeftToRight
        )
        layout = QBoxLayout(direction, self)
        self._layout = layout
        layout.setContentsMargins(px(28), px(24), px(28), px(24))
        layout.setSpacing(px(24))

        # The map, with its zoom buttons floating in a corner.
        self.map_frame = named(QFrame(), "MapFrame")
        grid = QGridLayout(self.map_frame)
        grid.setContentsMargins(0, 0, 0, 0)
        self.canvas = MapCanvas(metrics)
        # A map has no natural size: a QGraphicsView's hint follows its scene, up to two thirds
        # of the screen (so it differs with the platform), and the legend's wrapped credit makes
        # the frame height-for-width, which turns that hint into a minimum that beats the
        # stretch factors below (a squeezed sheet in portrait, a one-row list).
        self.canvas.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.empty_label = plain_label("Notice")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        grid.addWidget(self.canvas, 0, 0)
        grid.addWidget(self.empty_label, 0, 0, Qt.AlignmentFlag.AlignCenter)
        controls = QVBoxLayout()
        controls.setContentsMargins(px(16), px(16), px(16), px(16))
        controls.setSpacing(px(12))
        self.zoom_in_button, self.zoom_out_button, self.reset_button = (
            IconButton(icon, "", metrics, object_name="MapButton", icon_colour=HEDGE_DARK)
            for icon in ("mdi6.plus", "mdi6.minus", "mdi6.fit-to-screen-outline")
        )
        for button in (self.zoom_in_button, self.zoom_out_button, self.reset_button):
            controls.addWidget(button, alignment=Qt.AlignmentFlag.AlignRight)
        controls.addStretch(1)
        grid.addLayout(controls, 0, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.canvas.set_keep_clear([self.zoom_in_button, self.zoom_out_button, self.reset_button])
        # Below the map: what the pins mean, and the map's credit (its sources' licences).
        self.legend = MapLegend(metrics)
        grid.addWidget(self.legend, 1, 0)
        layout.addWidget(self.map_frame, stretch=3)

        # Beside it: the list with its filters, or a place's sheet.
        self.side = QStackedWidget()
        list_panel = QWidget()
        list_layout = QVBoxLayout(list_panel)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.setSpacing(px(10))
        self.count_label = plain_label("ListCount")
        self.tag_chips = ChipStrip("mdi6.tag-multiple-outline", metrics)
        self.commune_chips = ChipStrip("mdi6.city-variant-outline", metrics)
        self.model = PlaceListModel(self)
        self.list_view = named(QListView(), "PlaceList")
        self.list_view.setModel(self.model)
        self.delegate = PlaceDelegate(metrics, self.list_view)
        self.list_view.setItemDelegate(self.delegate)
        if context.appearance is not None:
            context.appearance.changed.connect(self._on_appearance_changed)
            self._on_appearance_changed()  # built while high contrast or larger text is on
        self.list_view.setUniformItemSizes(True)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.list_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(
            self.list_view.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture
        )
        # When the filters leave no place: say so, and one big button to show them all again.
        self.no_match = named(QFrame(), "NoMatch")
        self.no_match.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        no_match_layout = QVBoxLayout(self.no_match)
        no_match_layout.setContentsMargins(px(32), px(40), px(32), px(40))
        no_match_layout.setSpacing(px(28))
        self.no_match_label = plain_label("NoMatchText", wrap=True)
        self.no_match_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.show_all_button = IconButton("mdi6.filter-remove-outline", "", metrics)
        no_match_layout.addStretch(1)
        no_match_layout.addWidget(self.no_match_label)
        no_match_layout.addWidget(self.show_all_button, alignment=Qt.AlignmentFlag.AlignCenter)
        no_match_layout.addStretch(2)
        self.no_match.hide()
        list_layout.addWidget(self.count_label)
        list_layout.addWidget(self.tag_chips)
        list_layout.addWidget(self.commune_chips)
        list_layout.addWidget(self.list_view, stretch=1)
        list_layout.addWidget(self.no_match, stretch=1)
        self.sheet = PlaceSheet(context)
        self.side.addWidget(list_panel)
        self.side.addWidget(self.sheet)
        layout.addWidget(self.side, stretch=2)
        self._share_by_stretch_only()

        self.canvas.pin_tapped.connect(self._visitor_opens)
        self.list_view.clicked.connect(self._on_row_clicked)
        self.tag_chips.chosen.connect(self._on_tag_chosen)
        self.commune_chips.chosen.connect(self._on_commune_chosen)
        self.show_all_button.clicked.connect(self.clear_filters)
        self.zoom_in_button.clicked.connect(
            lambda: self.canvas.zoom_in_at(QPointF(self.canvas.viewport().rect().center()))
        )
        self.zoom_out_button.clicked.connect(
            lambda: self.canvas.zoom_in_at(QPointF(self.canvas.viewport().rect().center()), 0.5)
        )
        self.reset_button.clicked.connect(lambda: self.canvas.reset_view())
        self.sheet.close_requested.connect(self.close_sheet)
        self.sheet.previous_requested.connect(lambda: self._step(-1))
        self.sheet.next_requested.connect(lambda: self._step(1))
        self.sheet.video_requested.connect(lambda path: self.navigate.emit(ROUTE_PLAYER, path))

        self.places: list[PlaceView] = []
        self.map_view: MapView | None = None
        self.current_slug: str | None = None
        self._revision: int | None = None
        self.reload()
        self.retranslate()

    # Data

    def reload(self) -> None:
        """Read the map and the places again if anything was committed since (staff may have
        changed them)."""
        catalogue = self.context.catalogue
        revision = catalogue.revision()
        if revision == self._revision:
            return
        self._revision = revision
        map_view = catalogue_views.current_map(catalogue)
        places = catalogue_views.places(catalogue)
        if map_view != self.map_view:
            self.map_view = map_view
            path = self.context.root.media_file(map_view.image_path) if map_view else None
            if map_view is None or path is None:
                self.canvas.set_map(None, 0, 0)
            else:
                self.canvas.set_map(str(path), map_view.width, map_view.height, map_view.landmarks)
            self._show_credit()
            self.legend.setVisible(map_view is not None)
            self.places = []
        if places != self.places:
            self.places = places
            self.model.set_places(places)
            self._fill_chips()  # the pins too: those the filters leave
        self.empty_label.setVisible(self.map_view is None)

    def _fill_chips(self) -> None:
        tags = self.model.tags()
        communes = self.model.communes()
        if self.model.tag not in tags:
            self.model.tag = None
        if self.model.commune not in communes:
            self.model.commune = None
        language = self.context.languages.language
        self.tag_chips.set_values(
            self.tr("Tous les thèmes"), tags, self.model.tag, self.model.tag_names(language)
        )
        self.commune_chips.set_values(self.tr("Toutes les communes"), communes, self.model.commune)
        self.tag_chips.setVisible(bool(tags))
        self.commune_chips.setVisible(bool(communes))
        self._apply_filter(self.model.tag, self.model.commune)

    # Navigation

    def title(self) -> str:
        return self.tr("La carte des tiers-lieux")

    def show_route(self, argument: str | None) -> None:
        self.reload()
        if argument:
            self.open_place(argument)
        else:
            self.close_sheet()
            self.canvas.select(None)

    def open_place(self, slug: str) -> None:
        """Highlight the place, centre its pin, select its row and open its sheet."""
        sheet = catalogue_views.place_sheet(self.context.catalogue, slug)
        if sheet is None:
            self.close_sheet()
            return
        if self.filtered and self.model.row_of(slug) < 0:
            self.clear_filters()  # a place shown from elsewhere (a video): its pin and row too
        self.current_slug = slug
        self.delegate.selected_slug = slug
        row = self.model.row_of(slug)
        if row >= 0:
            self.list_view.scrollTo(
                self.model.index(row), QAbstractItemView.ScrollHint.PositionAtCenter
            )
        self.list_view.viewport().update()
        self.canvas.select(slug, centre=True)
        self.sheet.show_place(sheet, has_neighbours=len(self._sequence()) > 1)
        self.side.setCurrentWidget(self.sheet)
        self._share_height()
        # Again once the sheet is polished and laid out (its fonts come from the style sheet).
        QTimer.singleShot(0, self, self._share_height)

    def close_sheet(self) -> None:
        """Back to the list; no place is highlighted any more (pin nor row)."""
        self.side.setCurrentIndex(0)
        self._share_height()
        self.current_slug = None
        self.delegate.selected_slug = None
        if self.canvas.selected_slug is not None:
            self.canvas.select(None)
        self.list_view.viewport().update()

    def _share_by_stretch_only(self) -> None:
        """The map and the side share the screen by their stretch factors alone: their size hints
        are left out along the layout's direction (the sheet's and the chips' hints grow with
        larger text and longer English, and would take the room from the map)."""
        portrait = self.context.portrait
        for widget in (self.map_frame, self.side):
            policy = widget.sizePolicy()
            if portrait:
                policy.setVerticalPolicy(QSizePolicy.Policy.Ignored)
            else:
                policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
            widget.setSizePolicy(policy)

    def _share_height(self) -> None:
        """In portrait an open sheet takes the height its place needs, up to 60 %, so that its
        text is read without scrolling where it can (the map above still shows the place, and
        takes the room a short sheet leaves); the list takes 40 %."""
        if not self.context.portrait or "sheet" not in vars(self):  # still being built
            return
        sheet = self.sheet_is_open
        if not sheet:
            self._layout.setStretch(0, LIST_MAP_SHARE)
            self._layout.setStretch(1, 10 - LIST_MAP_SHARE)
            return
        # The sheet takes what its place needs, between 40 % (a short text: the map grows into
        # the room left) and 60 % of the height (a long text scrolls; the map still shows).
        margins = self._layout.contentsMargins()
        room = max(1, self.height() - margins.top() - margins.bottom() - self._layout.spacing())
        wanted = self.sheet.wanted_height(max(1, self.side.width() or self.width()))
        sheet_share = min(10 - SHEET_MAP_SHARE, max(10 - LIST_MAP_SHARE, 10 * wanted / room))
        self._layout.setStretch(0, round(100 * (10 - sheet_share)))
        self._layout.setStretch(1, round(100 * sheet_share))

    @property
    def sheet_is_open(self) -> bool:
        return self.side.currentWidget() is self.sheet

    def _sequence(self) -> list[str]:
        """Previous/next follow the list as the visitor filtered it."""
        slugs = [p.slug for p in self.model.places]
        if self.current_slug is not None and self.current_slug not in slugs:
            slugs = [p.slug for p in self.places]
        return slugs

    def _step(self, offset: int) -> None:
        slugs = self._sequence()
        if not slugs or self.current_slug not in slugs:
            return
        index = (slugs.index(self.current_slug) + offset) % len(slugs)
        self._visitor_opens(slugs[index])

    def _on_row_clicked(self, index: QModelIndex) -> None:
        place = index.data(PlaceRole)
        if isinstance(place, PlaceView):
            self._visitor_opens(place.slug)

    def _visitor_opens(self, slug: str) -> None:
        """A pin or a row tapped, or previous/next on the sheet: open it and count it."""
        self.open_place(slug)
        if self.sheet_is_open and self.current_slug == slug:
            self.place_opened.emit(slug)

    def _on_tag_chosen(self, value: object) -> None:
        self._apply_filter(value if isinstance(value, str) else None, self.model.commune)

    def _on_commune_chosen(self, value: object) -> None:
        self._apply_filter(self.model.tag, value if isinstance(value, str) else None)

    def _apply_filter(self, tag: str | None, commune: str | None) -> None:
        """The list and the pins show the same places: those of the chosen theme and commune
        (the pins of the others are hidden); with none, the list says so."""
        self.model.set_filter(tag, commune)
        self.canvas.set_places(self.model.places)
        self.tag_chips.set_current(tag)
        self.commune_chips.set_current(commune)
        empty = self.model.rowCount() == 0
        self.no_match.setVisible(empty)
        self.list_view.setVisible(not empty)
        self.show_all_button.setVisible(empty and self.filtered)
        self._update_count()

    def count_text(self, shown: int, placed: int) -> str:
        """ "4 lieux, dont 3 sur la carte", with the right plurals in French and English (Qt's
        numerus forms: French through kiosk_fr.qm, see :mod:`kiosk.kit.i18n`)."""
        if shown == 0:
            return self.tr("%n lieu(x)", "", shown)
        if placed == shown:
            return self.tr("%n lieu(x), tous sur la carte", "", shown)
        if placed == 0:
            return self.tr("%n lieu(x), aucun sur la carte", "", shown)
        return (
            self.tr("{places}, dont {placed} sur la carte")
            .replace("{places}", self.tr("%n lieu(x)", "", shown))
            .replace("{placed}", str(placed))
        )

    @property
    def filtered(self) -> bool:
        return self.model.tag is not None or self.model.commune is not None

    def clear_filters(self) -> None:
        """ "Tout afficher": every place again, in the list and on the map."""
        self._apply_filter(None, None)

    def reset(self) -> None:
        """A new visitor: no filter, no place chosen, the list at its top, the whole map."""
        self.close_sheet()
        self.clear_filters()
        self.tag_chips.scroll_home()
        self.commune_chips.scroll_home()
        QScroller.scroller(self.list_view.viewport()).stop()
        self.list_view.verticalScrollBar().setValue(0)
        self.canvas.stop_gliding()
        self.canvas.reset_view(animated=False)

    def _update_count(self) -> None:
        shown = self.model.rowCount()
        placed = sum(1 for p in self.model.places if p.is_on_map)
        self.count_label.setText(self.count_text(shown, placed))
        if self.filtered:
            self.no_match_label.setText(self.tr("Aucun lieu pour ce filtre."))
        else:
            self.no_match_label.setText(self.tr("Aucun lieu pour le moment."))

    def _show_credit(self) -> None:
        """The map's credit in the visitor's language (the French where staff wrote no English)."""
        language = self.context.languages.language
        self.legend.set_credit(self.map_view.localized_credit(language) if self.map_view else "")

    def _on_appearance_changed(self) -> None:
        appearance = self.context.appearance
        if appearance is None:
            return
        self.setStyleSheet(_style(self.context.metrics, appearance.palette))
        palette = appearance.palette
        self.delegate.set_appearance(palette)
        self.legend.set_palette(palette)
        for button, icon_name in (
            (self.zoom_in_button, "mdi6.plus"),
            (self.zoom_out_button, "mdi6.minus"),
            (self.reset_button, "mdi6.fit-to-screen-outline"),
        ):
            button.setIcon(icons.icon(icon_name, color=palette.icon))
        for strip in self.findChildren(ChipStrip):
            strip.set_palette(palette)
        self.list_view.doItemsLayout()
        self.list_view.viewport().update()
        self._share_height()  # larger text: the sheet needs more of the height

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._share_height()

    def retranslate(self) -> None:
        self.empty_label.setText(self.tr("Aucune carte n'a encore été importée."))
        self.zoom_in_button.setAccessibleName(self.tr("Zoomer"))
        self.zoom_out_button.setAccessibleName(self.tr("Dézoomer"))
        self.reset_button.setText(self.tr("Toute la carte"))
        self.show_all_button.setText(self.tr("Tout afficher"))
        self.legend.retranslate()
        self._show_credit()
        self._fill_chips()
        self.sheet.retranslate()
        self.list_view.viewport().update()
