"""``kiosk pin set``: choose the staff PIN (typed twice, never shown, stored salted and hashed).

The touchscreen never chooses the PIN (a visitor could): staff choose the first one here, from a
terminal. :func:`offer_pin_setup` is the question other commands ask when run in a terminal on a
kiosk without a PIN (``kiosk install``, ``kiosk pin ask`` that ``scripts/run.sh`` runs before
the kiosk's first start); it is never asked without a terminal (a service, CI, a pipe).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

from kiosk.cli.common import EXIT_OK, EXIT_USAGE, add_command, add_flag, open_catalogue
from kiosk.config import ContentRoot
from kiosk.library import pin

if TYPE_CHECKING:
    from kiosk.store.database import Catalogue

OFFER_ATTEMPTS = 3
# Where staff look (``kiosk status``): never on the touchscreen.
NO_PIN_HINT = (
    "aucun : l'espace équipe ne s'ouvre pas depuis l'écran ; choisissez-le avec « kiosk pin set »"
)


def register(commands: Any) -> None:
    parser = commands.add_parser("pin", help="code équipe (accès à l'espace équipe)")
    actions = parser.add_subparsers(dest="pin_action", metavar="ACTION", required=True)
    set_parser = add_command(actions, "set", command_pin_set, help="choisir le code équipe")
    add_flag(set_parser, "--stdin", "lire le code sur l'entrée standard (scripts)")
    add_command(
        actions,
        "ask",
        command_pin_ask,
        help="demander le code s'il n'est pas encore choisi (dans un terminal seulement ; "
        "Entrée pour passer)",
    )


def _read_pin(prompt: str, from_stdin: bool) -> str:
    if from_stdin or not sys.stdin.isatty():
        return sys.stdin.readline().strip()
    return getpass.getpass(prompt)


def command_pin_set(root: ContentRoot, args: argparse.Namespace) -> int:
    first = _read_pin("Nouveau code équipe (4 à 12 chiffres) : ", args.stdin)
    try:
        pin.validate_pin(first)
    except pin.PinError as error:
        print(f"kiosk pin set : {error}", file=sys.stderr)
        return EXIT_USAGE
    second = _read_pin("Confirmez le code : ", args.stdin)
    if second != first:
        print("kiosk pin set : les deux codes diffèrent, rien n'a changé.", file=sys.stderr)
        return EXIT_USAGE
    catalogue = open_catalogue(root)
    try:
        replaced = pin.has_pin(catalogue)
        pin.set_pin(catalogue, first)
    finally:
        catalogue.close()
    print("Code équipe remplacé." if replaced else "Code équipe enregistré.")
    return EXIT_OK


def ask_new_pin(read: Callable[[str], str] | None = None, out: TextIO | None = None) -> str | None:
    """Ask a new PIN twice in the terminal (``read``: :func:`getpass.getpass`, nothing shown);
    None if staff pass (Enter, Ctrl-D, Ctrl-C) or get it wrong :data:`OFFER_ATTEMPTS` times."""
    read = read or getpass.getpass
    out = out or sys.stdout
    print(
        "Aucun code équipe n'est choisi : sans lui, l'espace équipe ne s'ouvre pas depuis "
        "l'écran tactile.",
        file=out,
    )
    for _attempt in range(OFFER_ATTEMPTS):
        try:
            first = read("Nouveau code équipe (4 à 12 chiffres, Entrée pour passer) : ").strip()
            if not first:
                break
            pin.validate_pin(first)
            second = read("Confirmez le code : ").strip()
        except (EOFError, KeyboardInterrupt):
            print("", file=out)
            break
        except pin.PinError as error:
            print(f"Code refusé : {error}", file=out)
            continue
        if second == first:
            return first
        print("Les deux codes diffèrent : recommencez.", file=out)
    print("Pas de code choisi pour l'instant : « kiosk pin set » le choisira.", file=out)
    return None


def offer_pin_setup(
    catalogue: Catalogue,
    *,
    interactive: bool | None = None,
    read: Callable[[str], str] | None = None,
    out: TextIO | None = None,
) -> bool:
    """In a terminal (``interactive``: stdin is a tty), on a kiosk without a PIN, offer to
    choose it; True if one was set. Without a terminal, or with a PIN already, asks nothing."""
    if interactive is None:
        interactive = sys.stdin.isatty()
    if not interactive or pin.has_pin(catalogue):
        return False
    chosen = ask_new_pin(read, out)
    if chosen is None:
        return False
    pin.set_pin(catalogue, chosen)
    print("Code équipe enregistré.", file=out or sys.stdout)
    return True


def offer_pin_setup_for(
    root: ContentRoot,
    *,
    interactive: bool | None = None,
    read: Callable[[str], str] | None = None,
    out: TextIO | None = None,
) -> bool:
    """:func:`offer_pin_setup` for a content folder: the catalogue is opened (and created, on a
    first start) only if there is something to do, so a question passed changes nothing."""
    if interactive is None:
        interactive = sys.stdin.isatty()
    if not interactive:
        return False
    if root.db_path.exists():
        catalogue = open_catalogue(root)
        try:
            if pin.has_pin(catalogue):
                return False
        finally:
            catalogue.close()
    chosen = ask_new_pin(read, out)
    if chosen is None:
        return False
    catalogue = open_catalogue(root)
    try:
        pin.set_pin(catalogue, chosen)
    finally:
        catalogue.close()
    print("Code équipe enregistré.", file=out or sys.stdout)
    return True


def command_pin_ask(root: ContentRoot, _args: argparse.Namespace) -> int:
    offer_pin_setup_for(root)
    return EXIT_OK
