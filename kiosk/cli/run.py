"""``kiosk run``: the kiosk itself (full screen, or windowed for a stand or a try)."""

from __future__ import annotations

import argparse
import errno
import os
import re
import socket
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.cli.common import EXIT_ERROR, add_command, add_flag, log, open_catalogue, print_progress
from kiosk.collector import hold_during_start, release_after_start, thaw_after_run
from kiosk.config import ConfigError, ContentRoot
from kiosk.library.start_checks import prefer_xwayland

if TYPE_CHECKING:
    from kiosk.library.demo import BuildStep
    from kiosk.store.database import Catalogue


def register(commands: Any) -> None:
    run = add_command(commands, "run", command_run, help="lancer la borne (plein écran par défaut)")
    add_flag(run, "--windowed", "dans une fenêtre (stand, essai)")
    run.add_argument("--screen", type=int, metavar="N", help="numéro de l'écran (0, 1, …)")
    run.add_argument(
        "--lang", choices=("fr", "en"), help="langue de départ (par défaut : le réglage)"
    )
    run.add_argument(
        "--size", metavar="LxH", help="taille de la fenêtre avec --windowed, par ex. 1920x1080"
    )
    add_flag(run, "--no-demo", "ne pas créer le contenu de démonstration")
    run.add_argument(
        "--screenshot",
        metavar="FICHIER.png",
        help="enregistrer une capture du premier écran puis quitter (README, vérifications)",
    )
    add_flag(run, "--large-text", "démarrer en grand texte (captures d'écran)")
    add_flag(run, "--high-contrast", "démarrer en contraste élevé (captures)")
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


NO_DISPLAY_ADVICE = (
    "lancez la borne depuis la session graphique de l'écran (ou son service systemd), "
    "ou essayez « xvfb-run kiosk run --windowed » sans écran"
)
X_SOCKET_DIR = "/tmp/.X11-unix"


def display_problem(
    environ: Mapping[str, str] | None = None, platform: str = sys.platform
) -> str | None:
    """Why Qt would find no screen to open (in French), or None. Checked before Qt starts:
    without a screen Qt's xcb platform aborts with "Reinstalling the application may fix this
    problem", which is not what is wrong. Only the X11 and Wayland platforms of Linux and the
    BSDs are checked; offscreen, eglfs, linuxfb… are left to Qt."""
    env = os.environ if environ is None else environ
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None
    chosen = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen == "wayland":
        if env.get("WAYLAND_DISPLAY"):
            return None
        return f"aucun écran trouvé (WAYLAND_DISPLAY vide) ; {NO_DISPLAY_ADVICE}."
    if chosen not in ("", "xcb"):
        return None
    display = env.get("DISPLAY", "").strip()
    if not display:
        if not chosen and env.get("WAYLAND_DISPLAY"):
            return None  # Qt opens its Wayland platform
        return f"aucun écran trouvé (DISPLAY vide) ; {NO_DISPLAY_ADVICE}."
    if not x_display_answers(display):
        return (
            f"l'écran DISPLAY={display} ne répond pas (serveur X arrêté ?) ; {NO_DISPLAY_ADVICE}."
        )
    return None


def x_display_answers(display: str) -> bool:
    """Whether a local X display (``:0``, ``:1.0``) accepts a connection on its socket; other
    forms (``host:10`` through SSH, a launchd path) are taken as they come."""
    match = re.fullmatch(r"(?:unix)?:(\d+)(?:\.\d+)?", display)
    if match is None:
        return True
    path = f"{X_SOCKET_DIR}/X{match.group(1)}"
    for address in ("\0" + path, path):  # Linux's abstract socket first, then the file
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            probe.settimeout(2.0)
            try:
                probe.connect(address)
            except OSError as error:
                if error.errno in (errno.EACCES, errno.EPERM):
                    return True  # there is a server; Qt will say what it thinks of access
                continue
            return True
    return False


def command_run(root: ContentRoot, args: argparse.Namespace) -> int:
    hold_during_start()  # released by the kiosk once started (kiosk.collector)
    try:
        return _run(root, args)
    finally:
        release_after_start()  # a start that failed before it could
        thaw_after_run()


def _run(root: ContentRoot, args: argparse.Namespace) -> int:
    prefer_xwayland()
    problem = display_problem()
    if problem is not None:
        log.info("kiosk run refused: %s", problem)
        print(f"kiosk : {problem}", file=sys.stderr)
        return EXIT_ERROR
    size = parse_size(args.size)
    root.ensure_folders()
    from kiosk.ui.app import RunOptions, run_kiosk

    def make_demo(catalogue: Catalogue, steps: Callable[[BuildStep], None]) -> object:
        """The demo content of a first start, its steps printed and shown on the screen."""
        from kiosk.library.demo import build_demo

        log.info("empty catalogue: creating the demo content")
        return build_demo(catalogue, root, progress=print_progress, steps=steps)

    options = RunOptions(
        windowed=args.windowed,
        screen=args.screen,
        language=args.lang,
        size=size,
        screenshot=Path(args.screenshot).absolute() if args.screenshot else None,
        route=args.route,
        large_text=args.large_text,
        high_contrast=args.high_contrast,
    )
    return run_kiosk(
        root, options, lambda: open_catalogue(root), None if args.no_demo else make_demo
    )
