"""The ``kiosk`` command. Each sub-command lives in its own module with a ``register`` function.

Every sub-command takes ``--home DIR`` (or ``KIOSK_HOME``). Errors are one clear line naming the
file or folder and the reason, with a non-zero exit status; nothing is overwritten.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from kiosk import __version__
from kiosk.cli.common import EXIT_ERROR, EXIT_OK, EXIT_USAGE, add_home, log
from kiosk.config import ConfigError, ContentRoot, resolve_home
from kiosk.library.start_checks import refuse_bundle_as_home
from kiosk.logs import setup_logging
from kiosk.store.sqlite_file import CatalogueError

__all__ = ["EXIT_ERROR", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]

# The module (kiosk.cli.NAME) of each sub-command, in the order of ``kiosk --help``. Only the
# module of the command being run is imported: the others import the library and SQLAlchemy,
# which ``kiosk run`` leaves until its first screen is painted (bench/bench_startup.py).
COMMAND_MODULES: dict[str, str] = {
    "run": "run",
    "demo": "demo",
    "info": "info",
    "places": "places",
    "pin": "pin",
    "stats": "stats",
    "import": "importing",
    "media": "media",
    "bundle": "bundle",
    "check": "check",
    "install": "deploy",
    "uninstall": "deploy",
    "status": "deploy",
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser with every sub-command, or with ``command``'s only (its module alone)."""
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Borne du Mazier : la borne tactile des tiers-lieux de l'Allier.",
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    add_home(parser, top_level=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMANDE")
    wanted = [COMMAND_MODULES[command]] if command in COMMAND_MODULES else COMMAND_MODULES.values()
    for module_name in dict.fromkeys(wanted):
        importlib.import_module(f"kiosk.cli.{module_name}").register(commands)
    return parser


def find_command(argv: Sequence[str] | None) -> str | None:
    """The sub-command named in ``argv`` (None if none), found without importing any module."""
    finder = argparse.ArgumentParser(add_help=False)
    add_home(finder, top_level=True)
    commands = finder.add_subparsers(dest="command")
    for name in COMMAND_MODULES:
        commands.add_parser(name, add_help=False).add_argument("rest", nargs=argparse.REMAINDER)
    try:
        found, _ = finder.parse_known_args(argv)
    except SystemExit:  # not a command this kiosk has: the full parser says so
        return None
    command: str | None = found.command
    return command


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser(find_command(argv))
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    root: ContentRoot | None = None
    try:
        refuse_bundle_as_home(args.home)
        dry_run_root = getattr(args, "dry_run_root", None)  # writes nothing (kiosk.cli.bundle)
        if dry_run_root is not None and args.dry_run:
            root = dry_run_root(args.home)
        else:
            root = resolve_home(args.home)
            setup_logging(root)
        status: int = args.handler(root, args)
        return status
    except (ConfigError, CatalogueError) as error:
        print(f"kiosk : {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception:
        log.exception("kiosk %s failed", args.command)
        print(
            f"kiosk : erreur inattendue pendant « {args.command} » ; le détail est dans "
            f"{root.logs_dir / 'kiosk.log' if root else 'le journal'}.",
            file=sys.stderr,
        )
        return EXIT_ERROR
