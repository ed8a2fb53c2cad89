"""The ``kiosk`` command. Each sub-command lives in its own module with a ``register`` function.

Every sub-command takes ``--home DIR`` (or ``KIOSK_HOME``). Errors are one clear line naming the
file or folder and the reason, with a non-zero exit status; nothing is overwritten.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import sys
from collections.abc import Sequence

from kiosk import __version__
from kiosk.cli.common import EXIT_ERROR, EXIT_OK, EXIT_USAGE, add_home, add_home_everywhere, log
from kiosk.config import ConfigError, ContentRoot, resolve_home
from kiosk.library.start_checks import refuse_bundle_as_home
from kiosk.logs import setup_logging
from kiosk.store.sqlite_file import CatalogueError, diagnose

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
    "settings": "settings",
    "stats": "stats",
    "import": "importing",
    "media": "media",
    "trash": "media",
    "bundle": "bundle",
    "check": "check",
    "install": "deploy",
    "uninstall": "deploy",
    "status": "deploy",
    "network": "network",
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
    add_home_everywhere(parser)
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
    except Exception as error:
        known = explain(error, root)
        if known is not None:
            line, status = known
            log.info("kiosk %s refused: %s", args.command, line, exc_info=True)
            print(f"kiosk : {line}", file=sys.stderr)
            return status
        log.exception("kiosk %s failed", args.command)
        print(
            f"kiosk : erreur inattendue pendant « {args.command} » ; le détail est dans "
            f"{root.logs_dir / 'kiosk.log' if root else 'le journal'}.",
            file=sys.stderr,
        )
        return EXIT_ERROR


def explain(error: BaseException, root: ContentRoot | None) -> tuple[str, int] | None:
    """The one line (and exit status) of an error that is not a fault of the kiosk: content the
    gate refused, a path refused, a full disk, the catalogue locked by another process, a file
    the system would not read or write. None: an unexpected error (logged with its traceback).
    """
    from kiosk.store.validation import ValidationError

    causes: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in causes:
        causes.append(current)
        current = current.__cause__ or current.__context__
    for cause in causes:
        if isinstance(cause, ValidationError):
            return f"refusé : {cause.field} : {cause.reason}", EXIT_USAGE
        if isinstance(cause, (ConfigError, CatalogueError)):
            return str(cause), EXIT_USAGE
    diagnosis = diagnose(error, root.db_path if root is not None else None)
    if diagnosis is not None:
        return diagnosis, EXIT_ERROR
    for cause in causes:
        if isinstance(cause, OSError) and cause.filename and cause.strerror:
            reason = OS_REASONS.get(cause.errno or 0, cause.strerror)
            return f"{cause.filename} : {reason}.", EXIT_ERROR
    return None


OS_REASONS = {
    errno.EACCES: "accès refusé (droits du fichier ou du dossier)",
    errno.EPERM: "opération non permise",
    errno.EROFS: "disque en lecture seule",
    errno.EIO: "erreur d'entrée-sortie du disque (disque abîmé ou retiré ?)",
    errno.ENOENT: "introuvable",
}
