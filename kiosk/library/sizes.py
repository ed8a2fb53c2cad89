"""Sizes of files in the units staff read (o, Ko, Mo, Go), for the CLI and the staff area; the
formatting itself is :func:`kiosk.library.french_format.human_size`."""

from __future__ import annotations

from kiosk.library.french_format import human_size

__all__ = ["human_size"]
