"""``kiosk media list`` and ``kiosk media remove MEDIA [--yes]``."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.cli.common import EXIT_ERROR, EXIT_OK, add_command, open_catalogue
from kiosk.cli.progress import human_size
from kiosk.config import ContentRoot
from kiosk.library.media_admin import (
    MediaAdminError,
    MediaInUseError,
    find_media,
    list_media,
    remove_media,
)
from kiosk.store.models import MediaKind


def register(commands: Any) -> None:
    parser = add_command(commands, "media", _usage, help="lister ou retirer des médias")
    actions = parser.add_subparsers(dest="media_action", metavar="ACTION")
    listing = add_command(actions, "list", command_list, help="lister les médias et leurs usages")
    listing.add_argument("--kind", choices=("video", "image"), help="seulement ce type")
    remove = add_command(
        actions,
        "remove",
        command_remove,
        help="retirer un média (son fichier va dans trash/)",
    )
    remove.add_argument("media", metavar="MEDIA", help="numéro, chemin, nom ou début d'empreinte")
    remove.add_argument(
        "--yes", action="store_true", help="confirmer même si un lieu ou un carnet l'utilise"
    )


def _usage(_root: ContentRoot, _args: argparse.Namespace) -> int:
    print("kiosk media : précisez « list » ou « remove » (kiosk media --help).")
    return 2


def command_list(root: ContentRoot, args: argparse.Namespace) -> int:
    catalogue = open_catalogue(root)
    try:
        entries = list_media(catalogue, MediaKind(args.kind) if args.kind else None)
    finally:
        catalogue.close()
    for entry in entries:
        uses = ", ".join(use.describe() for use in entry.uses) or "inutilisé"
        demo = " [démo]" if entry.is_demo else ""
        print(
            f"{entry.id:>4}  {entry.kind.value:<5}  {entry.role.value:<10}  "
            f"{human_size(entry.size_bytes):>9}  {entry.path}  « {entry.name} »{demo}  — {uses}"
        )
    print(f"{len(entries)} média(s).")
    return EXIT_OK


def command_remove(root: ContentRoot, args: argparse.Namespace) -> int:
    catalogue = open_catalogue(root)
    try:
        entry = find_media(catalogue, args.media)
        removal = remove_media(catalogue, root, entry.id, force=args.yes)
    except MediaInUseError as error:
        print(f"kiosk media remove : {error} (ajoutez --yes)")
        return EXIT_ERROR
    except MediaAdminError as error:
        print(f"kiosk media remove : {error}")
        return EXIT_ERROR
    finally:
        catalogue.close()
    print(f"Média retiré : {removal.media}.")
    for use in removal.uses_removed:
        print(f"  n'est plus : {use.describe()}")
    if removal.trashed_to is not None:
        print(f"  fichier déplacé dans {removal.trashed_to}")
    return EXIT_OK
