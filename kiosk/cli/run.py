"""``kiosk run``: the kiosk itself (full screen, or windowed for a stand or a try)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.cli.common import add_command, log, open_catalogue, print_progress
from kiosk.collector import hold_during_start, release_after_start
from kiosk.config import ConfigError, ContentRoot
from kiosk.library.start_checks import prefer_xwayland

if TYPE_CHECKING:
    from kiosk.store.database import Catalogue


def register(commands: Any) -> None:
    run = add_command(commands, "run", command_run, help="lancer la borne (plein écran par défaut)")
    run.add_argument("--windowed", action="store_true", help="dans une fenêtre (stand, essai)")
    run.add_argument("--screen", type=int, metavar="N", help="numéro de l'écran (0, 1, …)")
    run.add_argument(
        "--lang", choices=("fr", "en"), help="langue de départ (par défaut : le réglage)"
    )
    run.add_argument(
        "--size", metavar="LxH", help="taille de la fenêtre avec --windowed, par ex. 1920x1080"
    )
    run.add_argument(
        "--no-demo", action="store_true", help="ne pas créer le contenu de démonstration"
    )
    run.add_argument(
        "--screenshot",
        metavar="FICHIER.png",
        help="enregistrer une capture du premier écran puis quitter (README, vérifications)",
    )
    run.add_argument(
        "--route",
        default="home",
        metavar="ÉCRAN",
        help="écran de départ, par ex. map, videos, notes, page:ess, attract, countdown, pin "
        "(captures d'écran)",
    )


def parse_size(text: str | None) -> tuple[int, int] | None:
    if text is None:
        return None
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise ConfigError(f"--size {text} : attendu LARGEURxHAUTEUR, par ex. 1920x1080.") from None
    if not (200 <= width <= 10000 and 200 <= height <= 10000):
        raise ConfigError(f"--size {text} : taille hors limites (200 à 10000 pixels).")
    return width, height


def command_run(root: ContentRoot, args: argparse.Namespace) -> int:
    hold_during_start()  # released by the kiosk once started (kiosk.collector)
    try:
        return _run(root, args)
    finally:
        release_after_start()  # a start that failed before it could


def _run(root: ContentRoot, args: argparse.Namespace) -> int:
    prefer_xwayland()
    size = parse_size(args.size)
    root.ensure_folders()
    from kiosk.ui.app import RunOptions, run_kiosk

    def make_demo(catalogue: Catalogue, progress: Callable[[str], None]) -> object:
        """The demo content of a first start, its steps printed and shown on the screen."""
        from kiosk.library.demo import build_demo

        log.info("empty catalogue: creating the demo content")

        def report(message: str) -> None:
            print_progress(message)
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
    return run_kiosk(
        root, options, lambda: open_catalogue(root), None if args.no_demo else make_demo
    )
