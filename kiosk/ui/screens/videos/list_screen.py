"""Vidéos: the aftermovie first and big, then one card per place vignette.

The list is model/view (2,000 vignettes took 1.0–1.5 s as one widget each): the
aftermovie is a real tile at the top of the scrolled page, the vignettes are rows of a
:class:`~kiosk.ui.screens.videos.list_model.VideoListModel` painted by a delegate, and their posters
(extracted with PyAV and cached under the content root's ``cache/posters``) are loaded by worker
threads only for the cards on screen. A tap opens the full-screen player (route ``player`` with
the media id)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Slot
from PySide6.QtGui import (
    QHideEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QScroller,
    QVBoxLayout,
    QWidget,
)

from kiosk.kit.context import UiContext
from kiosk.kit.theme import (
    Metrics,
    Palette,
    control_edge,
)
from kiosk.kit.widgets import named, plain_label
from kiosk.library import catalogue_views
from kiosk.library.catalogue_views import VideoView
from kiosk.ui.routes import Route
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.videos.cards import VideoCardDelegate
from kiosk.ui.screens.videos.grid_view import VideoGridView
from kiosk.ui.screens.videos.list_model import VideoListModel
from kiosk.ui.screens.videos.poster_loading import PosterCache, hand_over_poster
from kiosk.ui.screens.videos.tiles import VideoTile


def colours(palette: Palette) -> dict[str, str]:
    """The list's colours, from the palette's roles."""
    return {
        "page": palette.background,
        "tile": palette.paper,
        "heading": palette.heading,
        "text": palette.text,
        "muted": palette.muted,
        "action": palette.action,
        "action_text": palette.action_text,
        "rule": palette.highlight,
    }


def text_pairs(palette: Palette) -> dict[str, tuple[str, str]]:
    """Each text of the list and the colour behind it (checked for contrast in the tests)."""
    c = colours(palette)
    return {
        "VideoTitleBig": (c["heading"], c["tile"]),
        "VideoTitle": (c["text"], c["tile"]),
        "VideoPlace": (c["text"], c["tile"]),
        "VideoCredit": (c["muted"], c["tile"]),
        "VideoActionText": (c["action_text"], c["action"]),
        "VideoSection": (c["heading"], c["page"]),
    }


def style_sheet(metrics: Metrics, palette: Palette) -> str:
    px, font, c = metrics.px, metrics.font, colours(palette)
    # High contrast: a black tile on a black page needs an edge to show where to touch.
    edge = control_edge(metrics, palette)
    return f"""
QFrame#VideoTile {{
    background: {c["tile"]}; border-radius: {px(26)}px; border: {edge};
}}
QLabel#VideoTitleBig {{ font-size: {font(44)}px; font-weight: 700; color: {c["heading"]}; }}
QLabel#VideoTitle {{ font-size: {font(28)}px; font-weight: 700; color: {c["text"]}; }}
QLabel#VideoPlace {{ font-size: {font(25)}px; color: {c["text"]}; }}
QLabel#VideoCredit {{ font-size: {font(24)}px; color: {c["muted"]}; }}
QFrame#VideoAction {{ background: {c["action"]}; border-radius: {px(18)}px; }}
QLabel#VideoActionText {{
    color: {c["action_text"]}; font-size: {font(30)}px; font-weight: 700;
}}
QLabel#VideoSection {{
    font-size: {font(34)}px; font-weight: 700; color: {c["heading"]};
    border-left: {px(8)}px solid {c["rule"]}; padding-left: {px(16)}px;
}}
QAbstractItemView#VideoList {{ background: {c["page"]}; border: none; }}
QAbstractItemView#VideoList > QWidget {{ background: {c["page"]}; }}
"""


CATALOGUE_WATCH_MS = 2000


class VideosScreen(Screen):
    """The list of films: tap one to watch it full screen."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.model = VideoListModel(context.root, self)
        self.model.language = context.languages.language
        self._revision = context.catalogue.revision()
        self.model.set_videos(catalogue_views.videos(context.catalogue))
        # While the list is on screen, a commit of the staff area, `kiosk media` or a bundle
        # import (this process or another) shows within a moment: one PRAGMA read a tick.
        self.watch = QTimer(self)
        self.watch.setInterval(CATALOGUE_WATCH_MS)
        self.watch.timeout.connect(self.reload_if_changed)
        self.posters = PosterCache(context.root, parent=self)
        self.section = plain_label("VideoSection")
        columns = 2 if context.portrait else 3
        self.view = named(VideoGridView(context.metrics, columns, self.section), "VideoList")
        self.delegate = VideoCardDelegate(context.metrics, self.model, self.posters, self.view)
        self.view.setModel(self.model)
        self.view.setItemDelegate(self.delegate)
        self.tiles: list[VideoTile] = [
            self._new_tile(video) for video in self.model.videos if video.is_aftermovie
        ]
        self.view.set_header_tiles(list(self.tiles))
        self.view.clicked.connect(self._on_card_clicked)
        self.empty = plain_label("Hint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        has_videos = self.model.rowCount() > 0
        self.empty.setVisible(not has_videos)
        self.view.setVisible(has_videos)
        outer.addWidget(self.view)
        outer.addWidget(self.empty)
        self.posters.ready.connect(self._on_poster)
        context.follow_appearance(self._apply_appearance)
        self.retranslate()
        for tile in self.tiles:
            self._on_poster(str(context.root.absolute(tile.video.path)))

    def _new_tile(self, video: VideoView) -> VideoTile:
        tile = VideoTile(video, self.context)
        tile.activated.connect(self._open)
        self.posters.pin(self.context.root.absolute(video.path))
        return tile

    def show_route(self, argument: str | None) -> None:
        """Each visit: the videos whose file went missing or damaged since leave the list (and
        come back once fixed), without rebuilding anything when nothing changed."""
        self._reload()

    def reload_if_changed(self) -> bool:
        """Read the list again if anything was committed to the catalogue since it was read
        (SQLite's data_version: a video added or removed by staff, the CLI or a bundle)."""
        if self.context.catalogue.revision() == self._revision:
            return False
        self._reload()
        return True

    def _reload(self) -> None:
        self._revision = self.context.catalogue.revision()
        videos = catalogue_views.videos(self.context.catalogue)
        if videos == self.model.videos:
            return
        kept = {tile.video.media_id: tile for tile in self.tiles}
        tiles = []
        for video in videos:
            if video.is_aftermovie:
                tile = kept.pop(video.media_id, None)
                if tile is not None and tile.video != video:
                    tile.hide()
                    tile.deleteLater()
                    tile = None
                if tile is None:
                    tile = self._new_tile(video)
                tiles.append(tile)
        for gone in kept.values():
            gone.hide()
            gone.deleteLater()
        self.tiles = tiles
        self.model.set_videos(videos)
        self.view.set_header_tiles(list(tiles))
        has_videos = self.model.rowCount() > 0
        self.empty.setVisible(not has_videos)
        self.view.setVisible(has_videos)
        self._apply_appearance()
        self.retranslate()
        for tile in tiles:
            self._on_poster(str(self.context.root.absolute(tile.video.path)))

    def _apply_appearance(self) -> None:
        """Colours and font sizes from the visitor's choices (high contrast, larger text)."""
        palette = self.context.palette
        self.setStyleSheet(style_sheet(self.context.metrics, palette))
        for tile in self.tiles:
            tile.set_action_colour(colours(palette)["action_text"])
        self.delegate.set_appearance(palette, self.view.font())
        self.view.invalidate_layout()

    def title(self) -> str:
        return self.tr("Les vidéos")

    def retranslate(self) -> None:
        # The cards are the places' videos, and the other films when staff show them.
        others = any(not (card.place_name or card.is_aftermovie) for card in self.model.videos)
        self.section.setText(
            self.tr("Autres films et vidéos des lieux")
            if others
            else self.tr("Les vidéos des lieux")
        )
        self.empty.setText(self.tr("Aucune vidéo pour le moment."))
        for tile in self.tiles:
            tile.retranslate()
        self.model.set_language(self.context.languages.language)
        self.delegate.detail_lines = self.model.detail_lines()
        self.view.invalidate_layout()

    def reset(self) -> None:
        """A new visitor starts at the top of the list (a fling still going is stopped)."""
        QScroller.scroller(self.view.viewport()).stop()
        self.view.verticalScrollBar().setValue(0)

    def showEvent(self, event: QShowEvent) -> None:
        """Shown again without a visit (the staff area closed over it): changes show at once."""
        super().showEvent(event)
        self.reload_if_changed()
        self.watch.start()

    def hideEvent(self, event: QHideEvent) -> None:
        """A film opened mid-fling: the list stops where it was, not somewhere further on."""
        self.watch.stop()
        QScroller.scroller(self.view.viewport()).stop()
        super().hideEvent(event)

    @Slot(str)
    def _on_poster(self, path: str) -> None:
        for tile in self.tiles:
            if str(self.context.root.absolute(tile.video.path)) == path:
                poster = self.posters.poster(self.context.root.absolute(tile.video.path))
                if poster is not None:
                    tile.poster.set_poster(poster)
                return
        self.view.viewport().update()

    def _on_card_clicked(self, index: QModelIndex | QPersistentModelIndex) -> None:
        if index.isValid():
            self._open(self.model.video(index.row()))

    def _open(self, video: VideoView) -> None:
        if self.reload_if_changed() and video.media_id not in self._shown_ids():
            return  # removed meanwhile: the list no longer has it, no "cannot be played" card
        path = self.context.root.absolute(video.path)
        hand_over_poster(path, self.posters.best(path))
        self.navigate.emit(Route.PLAYER, str(video.media_id))

    def _shown_ids(self) -> set[int]:
        return {video.media_id for video in self.model.videos}
