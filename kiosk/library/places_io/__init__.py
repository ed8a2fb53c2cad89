"""Importing places from open data (CSV, GeoJSON) and exporting them to CSV.

Open data comes as it comes: CSV files with commas or semicolons, in UTF-8 (with or without
BOM), UTF-16 or Latin-1; columns named as French datasets of tiers-lieux name them (``nom``,
``NOM_TL``, ``commune``, ``NOMCOM``, ``INSEEDEP``, ``LAT``…; ``--map name=COLUMN`` names the
others); postcodes at ``0``, decimal commas, websites like ``en cours``. So:

- every value goes through the content gate (:mod:`kiosk.store.validation`) before anything is
  written: a refused row is reported with its line (or entity) number, the field, the column
  of the file and the gate's reason, and the other rows import;
- a malformed website is dropped with a warning, the place kept;
- the department of a row comes from a department column, else the INSEE code of the commune,
  else the postcode (``0``, empty or ``00000`` counts as missing), and a filter says which
  columns it used and why it left rows out.

Places match on name and commune, so importing the same file twice changes nothing. Nothing is
written on a dry run, and a real import is one transaction.
"""

from __future__ import annotations

from kiosk.library.places_io.applying import apply_places, import_places
from kiosk.library.places_io.columns import FIELD_LABELS, FIELDS
from kiosk.library.places_io.department import department_of, normalise_department
from kiosk.library.places_io.reading import PlacesFileError, read_csv
from kiosk.library.places_io.report import format_report
from kiosk.library.places_io.rows import ImportOptions, ImportReport, IncomingPlace, parse_number
from kiosk.library.places_io.writing import export_places
from kiosk.library.web_links import is_web_link, normalise_website, prepare_website

__all__ = [
    "FIELDS",
    "FIELD_LABELS",
    "ImportOptions",
    "ImportReport",
    "IncomingPlace",
    "PlacesFileError",
    "apply_places",
    "department_of",
    "export_places",
    "format_report",
    "import_places",
    "is_web_link",
    "normalise_department",
    "normalise_website",
    "parse_number",
    "prepare_website",
    "read_csv",
]
