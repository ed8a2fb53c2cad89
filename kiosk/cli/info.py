"""``kiosk info``: the content root and what the catalogue holds."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk import __version__
from kiosk.cli.common import EXIT_OK, add_command, open_catalogue
from kiosk.config import ContentRoot
from kiosk.library.catalogue_views import counts


def register(commands: Any) -> None:
    add_command(
        commands, "info", command_info, help="afficher le dossier de contenu et le catalogue"
    )


def command_info(root: ContentRoot, _args: argparse.Namespace) -> int:
    catalogue = open_catalogue(root)
    try:
        numbers = counts(catalogue)
    finally:
        catalogue.close()
    print(f"Borne du Mazier {__version__}")
    print(f"Dossier de contenu : {root.home}")
    print(f"Catalogue : {root.db_path}")
    print(
        f"Lieux : {numbers.places} · médias : {numbers.media} (vidéos : {numbers.videos}, "
        f"dessins : {numbers.drawings}) · carnets : {numbers.albums} · pages : {numbers.pages}"
    )
    return EXIT_OK
