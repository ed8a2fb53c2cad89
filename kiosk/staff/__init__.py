"""The staff area (after the PIN): media, places, map, albums, pages, settings, statistics,
bundles and the health check. Everything here also exists on the command line."""

from kiosk.staff.area import StaffArea

__all__ = ["StaffArea"]
