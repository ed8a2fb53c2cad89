"""``kiosk demo [--reset]``: create the demo content (done by ``run`` on an empty catalogue)."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.cli.common import EXIT_OK, add_command, add_flag, open_catalogue, print_progress
from kiosk.config import ContentRoot


def register(commands: Any) -> None:
    parser = add_command(commands, "demo", command_demo, help="créer le contenu de démonstration")
    add_flag(
        parser,
        "--reset",
        "remplacer le contenu de démonstration existant (le contenu importé reste)",
    )


def command_demo(root: ContentRoot, args: argparse.Namespace) -> int:
    from kiosk.library.demo import build_demo, catalogue_is_empty

    catalogue = open_catalogue(root)
    try:
        if not args.reset and not catalogue_is_empty(catalogue):
            print(
                f"{root.db_path} : le catalogue n'est pas vide, rien n'a été créé "
                "(kiosk demo --reset remplace le contenu de démonstration)."
            )
            return EXIT_OK
        summary = build_demo(catalogue, root, reset=args.reset, progress=print_progress)
        print(
            f"Contenu de démonstration créé en {summary.seconds:.0f} s : {summary.places} lieux, "
            f"{summary.videos} vidéos, {summary.drawings} dessins, {summary.pages} pages."
        )
        return EXIT_OK
    finally:
        catalogue.close()
