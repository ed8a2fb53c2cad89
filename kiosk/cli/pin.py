"""``kiosk pin set``: choose the staff PIN (typed twice, never shown, stored salted and hashed)."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from kiosk.cli.common import EXIT_OK, EXIT_USAGE, add_command, open_catalogue
from kiosk.config import ContentRoot
from kiosk.library import pin


def register(commands: Any) -> None:
    parser = commands.add_parser("pin", help="code équipe (accès à l'espace équipe)")
    actions = parser.add_subparsers(dest="pin_action", metavar="ACTION", required=True)
    set_parser = add_command(actions, "set", command_pin_set, help="choisir le code équipe")
    set_parser.add_argument(
        "--stdin", action="store_true", help="lire le code sur l'entrée standard (scripts)"
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
