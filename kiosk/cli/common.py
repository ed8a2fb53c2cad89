"""What every sub-command shares: exit statuses, ``--home``, opening the catalogue."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Callable
from typing import Any

from kiosk.config import ContentRoot
from kiosk.library.media_store import remove_partial_files
from kiosk.store.database import Catalogue

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2

log = logging.getLogger("kiosk")

Handler = Callable[[ContentRoot, argparse.Namespace], int]
SubParsers = "argparse._SubParsersAction[argparse.ArgumentParser]"


def add_home(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    """``--home DIR`` before or after the sub-command (the sub-command's wins)."""
    parser.add_argument(
        "--home",
        metavar="DIR",
        default=None if top_level else argparse.SUPPRESS,
        help="dossier de contenu (data.db, assets/, videos/) ; par défaut la racine du dépôt "
        "ou $KIOSK_HOME",
    )


def add_command(
    commands: Any, name: str, handler: Handler, **kwargs: Any
) -> argparse.ArgumentParser:
    """A sub-command with ``--home`` and its handler."""
    parser: argparse.ArgumentParser = commands.add_parser(name, **kwargs)
    add_home(parser)
    parser.set_defaults(handler=handler)
    return parser


def open_catalogue(root: ContentRoot) -> Catalogue:
    """Open (and migrate) the catalogue; clean what an interrupted copy left behind."""
    root.ensure_folders()
    catalogue = Catalogue(root.db_path)
    for leftover in remove_partial_files(root):
        log.warning("removed a partial file left by an interrupted copy: %s", leftover)
    return catalogue


def print_progress(message: str) -> None:
    print(message, flush=True)
