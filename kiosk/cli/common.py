"""What every sub-command shares: exit statuses, ``--home``, opening the catalogue."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from kiosk.config import ContentRoot

if TYPE_CHECKING:
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


def add_flag(parser: argparse.ArgumentParser, name: str, help: str) -> None:
    """A yes/no option (``--dry-run``): absent is no."""
    parser.add_argument(name, action="store_true", help=help)


def add_home_everywhere(parser: argparse.ArgumentParser) -> None:
    """One rule for every sub-command, at every depth (``kiosk places import … --home DIR``):
    each parser under ``parser`` that has no ``--home`` of its own gets one."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                if "--home" not in child._option_string_actions:
                    add_home(child)
                add_home_everywhere(child)


def add_command(
    commands: Any, name: str, handler: Handler, **kwargs: Any
) -> argparse.ArgumentParser:
    """A sub-command with ``--home`` and its handler."""
    parser: argparse.ArgumentParser = commands.add_parser(name, **kwargs)
    add_home(parser)
    parser.set_defaults(handler=handler)
    return parser


def open_catalogue(root: ContentRoot) -> Catalogue:
    """Open (and migrate) the catalogue; clean what an interrupted copy left behind.

    Imported here, not at the top: ``kiosk run`` paints its first screen before SQLAlchemy and
    the library are imported (see :func:`kiosk.ui.app.run_kiosk`).
    """
    from kiosk.library import content_lock
    from kiosk.library.leftovers import remove_interrupted_work
    from kiosk.store.database import Catalogue

    root.ensure_folders()
    catalogue = Catalogue(root.db_path)
    # Leftovers are only removed when no other kiosk process could be writing them right now.
    if content_lock.alone(root):
        for leftover in remove_interrupted_work(root):
            log.warning("removed what an interrupted operation left: %s", leftover)
    else:
        log.info("another kiosk process uses %s: leftovers are left for later", root.home)
    return catalogue


@contextmanager
def opened_catalogue(root: ContentRoot) -> Iterator[Catalogue]:
    """:func:`open_catalogue` for the time of a ``with`` block, closed after it."""
    catalogue = open_catalogue(root)
    try:
        yield catalogue
    finally:
        catalogue.close()


def print_progress(message: str) -> None:
    print(message, flush=True)
