"""Lieux, Carte, Carnets, Pages: editing the catalogue through
:mod:`kiosk.library.catalogue_admin` (no ORM session here)."""

from kiosk.staff.catalogue_tabs.albums_tab import AlbumsTab
from kiosk.staff.catalogue_tabs.map_tab import MapTab
from kiosk.staff.catalogue_tabs.pages_tab import PagesTab
from kiosk.staff.catalogue_tabs.places_tab import PlacesTab
from kiosk.staff.catalogue_tabs.shared import refusal

__all__ = ["AlbumsTab", "MapTab", "PagesTab", "PlacesTab", "refusal"]
