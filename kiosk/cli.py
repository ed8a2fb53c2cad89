"""The ``kiosk`` command: run the kiosk, create the demo content, show the catalogue.

Every sub-command takes ``--home DIR`` (or ``KIOSK_HOME``). Errors are one clear line naming the
file or folder and the reason, with a non-zero exit status; nothing is overwritten.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from kiosk import __version__
from kiosk.config import ConfigError, ContentRoot, resolve_home
from kiosk.library.media_store import remove_partial_files
from kiosk.logs import setup_logging
from kiosk.store.database import Catalogue, CatalogueError

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2

log = logging.getLogger("kiosk")


def _add_home(parser: argparse.ArgumentParser, *, top_level: bool) -> None:
    parser.add_argument(
        "--home",
        metavar="DIR",
        default=None if top_level else argparse.SUPPRESS,
        help="dossier de contenu (data.db, assets/, videos/) ; par défaut la racine du dépôt "
        "ou $KIOSK_HOME",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Borne du Mazier : la borne tactile des tiers-lieux de l'Allier.",
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    _add_home(parser, top_level=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMANDE")

    run = commands.add_parser("run", help="lancer la borne (plein écran par défaut)")
    _add_home(run, top_level=False)
    run.add_argument("--windowed", action="store_true", help="dans une fenêtre (stand, essai)")
    run.add_argument("--screen", type=int, metavar="N", help="numéro de l'écran (0, 1, …)")
    run.add_argument("--lang", choices=("fr", "en"), default="fr", help="langue de départ")
    run.add_argument(
        "--size", metavar="LxH", help="taille de la fenêtre avec --windowed, par ex. 1920x1080"
    )
    run.add_argument(
        "--no-demo", action="store_true", help="ne pas créer le contenu de démonstration"
    )
    run.add_argument(
        "--screenshot",
        metavar="FICHIER.png",
        help="enregistrer une capture de l'écran d'accueil puis quitter (README, vérifications)",
    )
    run.add_argument("--route", default="home", help=argparse.SUPPRESS)

    demo = commands.add_parser("demo", help="créer le contenu de démonstration")
    _add_home(demo, top_level=False)
    demo.add_argument(
        "--reset",
        action="store_true",
        help="remplacer le contenu de démonstration existant (le contenu importé reste)",
    )

    info = commands.add_parser("info", help="afficher le dossier de contenu et le catalogue")
    _add_home(info, top_level=False)
    return parser


def _parse_size(text: str | None) -> tuple[int, int] | None:
    if text is None:
        return None
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise ConfigError(f"--size {text} : attendu LARGEURxHAUTEUR, par ex. 1920x1080.") from None
    if not (200 <= width <= 10000 and 200 <= height <= 10000):
        raise ConfigError(f"--size {text} : taille hors limites (200 à 10000 pixels).")
    return width, height


def _open(root: ContentRoot) -> Catalogue:
    root.ensure_folders()
    catalogue = Catalogue(root.db_path)
    for leftover in remove_partial_files(root):
        log.warning("removed a partial file left by an interrupted copy: %s", leftover)
    return catalogue


def _print_progress(message: str) -> None:
    print(message, flush=True)


def command_demo(root: ContentRoot, args: argparse.Namespace) -> int:
    from kiosk.library.demo import build_demo, catalogue_is_empty

    catalogue = _open(root)
    try:
        if not args.reset and not catalogue_is_empty(catalogue):
            print(
                f"{root.db_path} : le catalogue n'est pas vide, rien n'a été créé "
                "(kiosk demo --reset remplace le contenu de démonstration)."
            )
            return EXIT_OK
        summary = build_demo(catalogue, root, reset=args.reset, progress=_print_progress)
        print(
            f"Contenu de démonstration créé en {summary.seconds:.0f} s : {summary.places} lieux, "
            f"{summary.videos} vidéos, {summary.drawings} dessins, {summary.pages} pages."
        )
        return EXIT_OK
    finally:
        catalogue.close()


def command_info(root: ContentRoot, _args: argparse.Namespace) -> int:
    from kiosk.library.catalogue_views import counts

    catalogue = _open(root)
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


def command_run(root: ContentRoot, args: argparse.Namespace) -> int:
    size = _parse_size(args.size)
    from kiosk.library.demo import build_demo, catalogue_is_empty
    from kiosk.ui.app import RunOptions, run_kiosk

    catalogue = _open(root)
    prepare: Callable[[Callable[[str], None]], object] | None = None
    if not args.no_demo and catalogue_is_empty(catalogue):
        log.info("empty catalogue: creating the demo content")

        def prepare(progress: Callable[[str], None]) -> object:
            def report(message: str) -> None:
                _print_progress(message)
                progress(message)

            return build_demo(catalogue, root, progress=report)

    options = RunOptions(
        windowed=args.windowed,
        screen=args.screen,
        language=args.lang,
        size=size,
        screenshot=Path(args.screenshot).absolute() if args.screenshot else None,
        route=args.route,
    )
    try:
        return run_kiosk(root, catalogue, options, prepare)
    finally:
        catalogue.close()


COMMANDS: dict[str, Callable[[ContentRoot, argparse.Namespace], int]] = {
    "run": command_run,
    "demo": command_demo,
    "info": command_info,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    root: ContentRoot | None = None
    try:
        root = resolve_home(args.home)
        setup_logging(root)
        return COMMANDS[args.command](root, args)
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
