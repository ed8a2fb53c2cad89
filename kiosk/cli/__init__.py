"""The ``kiosk`` command. Each sub-command lives in its own module with a ``register`` function.

Every sub-command takes ``--home DIR`` (or ``KIOSK_HOME``). Errors are one clear line naming the
file or folder and the reason, with a non-zero exit status; nothing is overwritten.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from kiosk import __version__
from kiosk.cli import bundle, check, demo, deploy, importing, info, media, pin, places, run, stats
from kiosk.cli.common import EXIT_ERROR, EXIT_OK, EXIT_USAGE, add_home, log
from kiosk.config import ConfigError, ContentRoot, resolve_home
from kiosk.library.deploy import refuse_bundle_as_home
from kiosk.logs import setup_logging
from kiosk.store.database import CatalogueError

__all__ = ["EXIT_ERROR", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]

COMMAND_MODULES = (run, demo, info, places, pin, stats, importing, media, bundle, check, deploy)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Borne du Mazier : la borne tactile des tiers-lieux de l'Allier.",
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    add_home(parser, top_level=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMANDE")
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    root: ContentRoot | None = None
    try:
        refuse_bundle_as_home(args.home)
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
