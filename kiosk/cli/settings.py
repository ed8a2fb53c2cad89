"""``kiosk settings list|get|set``: read and change the kiosk's settings from a terminal.

A technician can fix a machine over SSH (opening hours brought by mistake, a rotation, the idle
delay). Values are JSON (``120``, ``true``, ``{"mon": ["09:00", "18:00"]}``) or a plain word
(``dark``); every change is validated as the staff tab validates it, and an impossible value
changes nothing. The running kiosk reads its settings when it starts.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import fields
from typing import Any

from kiosk.cli.common import EXIT_OK, EXIT_USAGE, add_command, open_catalogue
from kiosk.config import ContentRoot
from kiosk.library import settings
from kiosk.library.settings import KioskSettings, Scope, SettingsError

SCOPE_FR = {Scope.CONTENT: "contenu", Scope.MACHINE: "cette borne"}
WORDS = {"oui": True, "vrai": True, "non": False, "faux": False}
EXPECTED_FR: dict[type, str] = {
    int: "un nombre entier",
    bool: "true ou false (oui ou non)",
    str: "un mot",
    dict: 'un objet JSON, par ex. {"mon": ["09:00", "18:00"], "sat": ["10:00", "19:00"]}',
}


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "settings",
        help="réglages de la borne (lire, changer) : heures d'ouverture, rotation, volume…",
        description="Les réglages de la borne. Portée « contenu » : voyage avec le contenu "
        "(lots) ; « cette borne » : propre à cette machine, jamais exporté ni importé.",
    )
    actions = parser.add_subparsers(dest="settings_action", metavar="ACTION", required=True)
    add_command(
        actions, "list", command_list, help="chaque réglage, sa valeur, sa valeur par défaut"
    )
    get = add_command(actions, "get", command_get, help="la valeur d'un réglage (en JSON)")
    get.add_argument("key", metavar="RÉGLAGE", help="le nom du réglage (voir « list »)")
    change = add_command(actions, "set", command_set, help="changer un réglage")
    change.add_argument("key", metavar="RÉGLAGE", help="le nom du réglage (voir « list »)")
    change.add_argument(
        "value",
        metavar="VALEUR",
        help='en JSON (120, true, \'{"mon": ["09:00", "18:00"]}\') ou un simple mot (dark)',
    )


def _current(root: ContentRoot) -> KioskSettings:
    """The stored settings; the defaults where no catalogue exists yet (nothing is created)."""
    if not root.db_path.exists():
        return KioskSettings()
    catalogue = open_catalogue(root)
    try:
        return settings.load(catalogue)
    finally:
        catalogue.close()


def _text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _unknown(action: str, key: str) -> int:
    if key in settings.MACHINE_ROWS:
        reason = "le code équipe se change avec « kiosk pin set »"
    else:
        reason = "réglage inconnu (« kiosk settings list » les montre tous)"
    print(f"kiosk settings {action} : {key} : {reason}.", file=sys.stderr)
    return EXIT_USAGE


def command_list(root: ContentRoot, _args: argparse.Namespace) -> int:
    current = _current(root)
    defaults = KioskSettings()
    names = [field.name for field in fields(KioskSettings)]
    width = max(len(name) for name in names)
    for name in names:
        value, default = getattr(current, name), getattr(defaults, name)
        changed = "" if value == default else " *"
        print(
            f"{name:<{width}}  {_text(value)}{changed}  (par défaut : {_text(default)} ; "
            f"portée : {SCOPE_FR[settings.SCOPES[name]]})"
        )
    print("* : changé. Changer : kiosk settings set RÉGLAGE VALEUR")
    return EXIT_OK


def command_get(root: ContentRoot, args: argparse.Namespace) -> int:
    if args.key not in settings.FIELD_TYPES:
        return _unknown("get", args.key)
    print(_text(getattr(_current(root), args.key)))
    return EXIT_OK


def parse_value(key: str, text: str) -> Any:
    """``text`` as JSON (no NaN or Infinity), else the plain word; ``oui``/``non`` for yes/no
    settings."""
    if settings.FIELD_TYPES[key] is bool and text.strip().lower() in WORDS:
        return WORDS[text.strip().lower()]

    def refuse_constant(name: str) -> Any:
        raise ValueError(name)

    try:
        return json.loads(text, parse_constant=refuse_constant)
    except (ValueError, RecursionError):
        return text


def command_set(root: ContentRoot, args: argparse.Namespace) -> int:
    key = args.key
    if key not in settings.FIELD_TYPES:
        return _unknown("set", key)
    value = parse_value(key, args.value)
    expected = settings.FIELD_TYPES[key]
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        print(
            f"kiosk settings set : {key} : attendu {EXPECTED_FR.get(expected, expected.__name__)}"
            f", pas « {args.value} ». Rien n'a changé.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    before = getattr(_current(root), key)
    catalogue = open_catalogue(root)
    try:
        updated = settings.save(catalogue, **{key: value})
    except SettingsError as error:
        print(f"kiosk settings set : {error} Rien n'a changé.", file=sys.stderr)
        return EXIT_USAGE
    finally:
        catalogue.close()
    after = getattr(updated, key)
    print(f"{key} = {_text(after)} (était {_text(before)}).")
    print("La borne en marche le prendra à son prochain démarrage.")
    return EXIT_OK
