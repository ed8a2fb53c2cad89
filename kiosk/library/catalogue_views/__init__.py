"""Read-only views of the catalogue for the screens: plain data, no session kept open."""

from __future__ import annotations

from kiosk.library.catalogue_views.album_views import (
    AlbumSlidesView,
    AlbumView,
    SlideView,
    album_slides,
    albums,
    attract_drawings,
)
from kiosk.library.catalogue_views.home_views import CatalogueCounts, counts, pages
from kiosk.library.catalogue_views.map_views import MapView, current_map
from kiosk.library.catalogue_views.place_views import (
    PlaceSheetView,
    PlaceView,
    place_sheet,
    places,
    sort_key,
)
from kiosk.library.catalogue_views.video_views import VideoView, film_id, picture_sizes, videos
from kiosk.library.catalogue_views.whole_files import file_is_whole
from kiosk.library.page_view import PageView

__all__ = [
    "AlbumSlidesView",
    "AlbumView",
    "CatalogueCounts",
    "MapView",
    "PageView",
    "PlaceSheetView",
    "PlaceView",
    "SlideView",
    "VideoView",
    "album_slides",
    "albums",
    "attract_drawings",
    "counts",
    "current_map",
    "file_is_whole",
    "film_id",
    "pages",
    "picture_sizes",
    "place_sheet",
    "places",
    "sort_key",
    "videos",
]
