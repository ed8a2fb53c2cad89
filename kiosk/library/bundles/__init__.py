"""Bundles: the whole content (catalogue rows and media files) in one zip or tar file.

Export streams each file into the archive (nothing is held in memory) and is reproducible
(:mod:`.export`). Import checks everything before it changes anything (:mod:`.archive` for the
archive's structure, :mod:`.checks` for every row through the one gate of
:mod:`kiosk.store.validation`), then applies the bundle atomically (:mod:`.apply`). Rows are
dumped, merged and compared by :mod:`.rows`.

A bundle carries content only: no usage statistics, and of the settings only those of the
content scope (:data:`kiosk.library.settings.SCOPES`); no import ever changes this kiosk's own
settings (opening hours, screen, sound, PIN).
"""

from __future__ import annotations

from kiosk.library.bundles.apply import import_bundle, read_rows
from kiosk.library.bundles.archive import EXPANSION_SLACK, MAX_EXPANSION, parse_manifest_json
from kiosk.library.bundles.common import (
    FORMAT,
    FORMAT_VERSION,
    MANIFEST_NAME,
    MAX_MANIFEST_BYTES,
    MEDIA_FOLDERS,
    BundleError,
    ExportSummary,
    ImportSummary,
    Plan,
    Rows,
    shown,
)
from kiosk.library.bundles.export import FIXED_ZIP_TIME, export_bundle
from kiosk.library.bundles.rows import CONTENT_TABLES, dump_rows, merge_rows, plan_changes
from kiosk.library.leftovers import STAGING_PREFIX

__all__ = [
    "CONTENT_TABLES",
    "EXPANSION_SLACK",
    "FIXED_ZIP_TIME",
    "FORMAT",
    "FORMAT_VERSION",
    "MANIFEST_NAME",
    "MAX_EXPANSION",
    "MAX_MANIFEST_BYTES",
    "MEDIA_FOLDERS",
    "STAGING_PREFIX",
    "BundleError",
    "ExportSummary",
    "ImportSummary",
    "Plan",
    "Rows",
    "dump_rows",
    "export_bundle",
    "import_bundle",
    "merge_rows",
    "parse_manifest_json",
    "plan_changes",
    "read_rows",
    "shown",
]
