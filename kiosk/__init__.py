"""Borne du Mazier: the touchscreen kiosk of the tiers-lieux of the Allier."""

__version__ = "0.1.0"
