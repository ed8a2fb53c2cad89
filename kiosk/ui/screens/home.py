"""Accueil: a welcome line and a few big tiles (map, videos, graphic notes, the pages)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from kiosk.kit.context import UiContext
from kiosk.kit.theme import TILE_COLOURS, WARM, tile_colours
from kiosk.kit.widgets import Tile, named
from kiosk.library.typography import french_spacing
from kiosk.ui.routes import Route
from kiosk.ui.screens.base import Screen


class HomeScreen(Screen):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        px = context.metrics.px
        layout = QVBoxLayout(self)
        layout.setContentsMargins(px(64), px(40), px(64), px(32))
        layout.setSpacing(px(12))

        self.heading = named(QLabel(), "HomeTitle")
        self.heading.setWordWrap(True)
        self.subtitle = named(QLabel(), "HomeSubtitle")
        self.subtitle.setWordWrap(True)
        layout.addWidget(self.heading)
        layout.addWidget(self.subtitle)
        layout.addSpacing(px(24))

        pages = context.home_pages
        if pages is None:  # read with sqlite3 on a normal start (kiosk.library.first_screen)
            from kiosk.library import catalogue_views

            pages = catalogue_views.pages(context.catalogue)
        self.pages = pages
        self.tiles: dict[str, Tile] = {}
        self._colours: dict[str, tuple[str, str]] = {}
        self._routes: dict[str, tuple[str, str]] = {}
        self._add_tile("map", "mdi6.map-marker-radius", TILE_COLOURS["map"], Route.MAP)
        self._add_tile("videos", "mdi6.movie-open-play", TILE_COLOURS["videos"], Route.VIDEOS)
        self._add_tile("notes", "mdi6.draw", TILE_COLOURS["notes"], Route.NOTES)
        for index, page in enumerate(self.pages):
            colours = TILE_COLOURS["page" if index % 2 == 0 else "page-alt"]
            self._add_tile(f"page:{page.slug}", page.icon, colours, Route.PAGE, page.slug)

        grid = QGridLayout()
        grid.setSpacing(px(28))
        columns = 2 if context.portrait else 3
        for index, tile in enumerate(self.tiles.values()):
            grid.addWidget(tile, index // columns, index % columns)
        layout.addLayout(grid, stretch=1)

        layout.addSpacing(px(16))
        self.credits = named(QLabel(), "Credits")
        self.credits.setWordWrap(True)
        self.credits.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.credits)
        if context.appearance is not None:
            context.appearance.changed.connect(self._on_appearance_changed)
        self.retranslate()

    def _add_tile(
        self, key: str, icon: str, colours: tuple[str, str], route: Route, argument: str = ""
    ) -> None:
        background, foreground = colours
        tile = Tile(icon, background, foreground, self.context.metrics, self)
        self._colours[key] = colours
        tile.setObjectName(f"tile-{key}")
        tile.activated.connect(lambda: self.navigate.emit(route, argument))
        self.tiles[key] = tile
        self._routes[key] = (route, argument)

    def _on_appearance_changed(self) -> None:
        palette = self.context.appearance.palette if self.context.appearance else WARM
        for key, tile in self.tiles.items():
            colours = tile_colours(palette, self._colours[key])
            tile.set_colours(*colours, outline=palette.outlined)

    def title(self) -> str:
        return self.tr("Les tiers-lieux de l'Allier")

    def retranslate(self) -> None:
        language = self.context.languages.language
        self.heading.setText(self.tr("Bienvenue au Mazier"))
        self.subtitle.setText(
            self.tr("Touchez une vignette pour découvrir les tiers-lieux de l'Allier.")
        )
        self.tiles["map"].set_texts(
            self.tr("La carte"), self.tr("Trouver un tiers-lieu près de chez vous")
        )
        self.tiles["videos"].set_texts(
            self.tr("Les vidéos"), self.tr("La route des tiers-lieux, 2021")
        )
        self.tiles["notes"].set_texts(
            self.tr("Carnets dessinés"), self.tr("Les journées « Faites des tiers-lieux », 2022")
        )
        for page in self.pages:
            self.tiles[f"page:{page.slug}"].set_texts(
                french_spacing(page.localized_title(language)), self.tr("À lire")
            )
        self.credits.setText(
            self.tr(
                "Une borne de Bocage Numérique et de La Péniche d'abord, "
                "Fabrique de Territoire « Tiers-lieux structurants de l'Allier »"
            )
        )
