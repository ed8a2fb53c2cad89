"""``kiosk media list|edit|film|remove`` and ``kiosk trash list|restore``."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.cli.common import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_USAGE,
    add_command,
    add_flag,
    opened_catalogue,
)
from kiosk.config import ContentRoot
from kiosk.library.french_format import human_size
from kiosk.library.media_admin import (
    MediaAdminError,
    MediaInUseError,
    find_media,
    list_media,
    remove_media,
    set_film,
    update_media,
)
from kiosk.library.plurals import counted
from kiosk.store.models import MediaKind, MediaRole

ROLES = tuple(role.value for role in MediaRole)
# The gate's fields, in the words of the command's options.
FIELD_LABELS = {
    "media_assets.title": "--title",
    "media_assets.title_en": "--title-en",
    "media_assets.credit": "--credit",
    "media_assets.credit_en": "--credit-en",
    "media_assets.role": "--role",
}


def register(commands: Any) -> None:
    parser = add_command(commands, "media", _usage, help="lister, renommer ou retirer des médias")
    actions = parser.add_subparsers(dest="media_action", metavar="ACTION")
    listing = add_command(actions, "list", command_list, help="lister les médias et leurs usages")
    listing.add_argument("--kind", choices=("video", "image"), help="seulement ce type")
    edit = add_command(
        actions, "edit", command_edit, help="changer le titre, le crédit (FR/EN) ou le rôle"
    )
    edit.add_argument("media", metavar="MEDIA", help="numéro, chemin, nom ou début d'empreinte")
    edit.add_argument("--title", metavar="T", help="titre (en français)")
    edit.add_argument("--title-en", metavar="T", help="titre en anglais (vide : aucun)")
    edit.add_argument("--credit", metavar="C", help="crédit (auteur, en français)")
    edit.add_argument("--credit-en", metavar="C", help="crédit en anglais (vide : aucun)")
    edit.add_argument("--role", choices=ROLES, help="rôle du média")
    film = add_command(
        actions, "film", command_film, help="choisir la vidéo qui est le film de la borne"
    )
    film.add_argument("media", metavar="MEDIA", help="numéro, chemin, nom ou début d'empreinte")
    remove = add_command(
        actions,
        "remove",
        command_remove,
        help="retirer un média (il va dans la corbeille : kiosk trash)",
    )
    remove.add_argument("media", metavar="MEDIA", help="numéro, chemin, nom ou début d'empreinte")
    add_flag(remove, "--yes", "confirmer même si les visiteurs le voient quelque part")

    trash = add_command(commands, "trash", _trash_usage, help="la corbeille : lister, restaurer")
    trash_actions = trash.add_subparsers(dest="trash_action", metavar="ACTION")
    add_command(
        trash_actions,
        "list",
        command_trash_list,
        help="ce qui a été retiré, le plus récent d'abord",
    )
    restore = add_command(
        trash_actions, "restore", command_trash_restore, help="remettre un élément de la corbeille"
    )
    restore.add_argument("item", metavar="ID", help="numéro donné par kiosk trash list")


def _usage(_root: ContentRoot, _args: argparse.Namespace) -> int:
    print("kiosk media : précisez « list », « edit », « film » ou « remove » (kiosk media --help).")
    return EXIT_USAGE


def _trash_usage(_root: ContentRoot, _args: argparse.Namespace) -> int:
    print("kiosk trash : précisez « list » ou « restore » (kiosk trash --help).")
    return EXIT_USAGE


def command_list(root: ContentRoot, args: argparse.Namespace) -> int:
    with opened_catalogue(root) as catalogue:
        entries = list_media(catalogue, MediaKind(args.kind) if args.kind else None)
    for entry in entries:
        uses = ", ".join(use.describe() for use in entry.uses) or "inutilisé"
        flags = " [démo]" if entry.is_demo else ""
        flags += " [à renommer]" if entry.needs_renaming else ""
        print(
            f"{entry.id:>4}  {entry.kind.value:<5}  {entry.role.value:<10}  "
            f"{human_size(entry.size_bytes):>9}  {entry.path}  « {entry.name} »{flags}  — {uses}"
        )
    print(f"{counted(len(entries), 'média', 'médias')}.")
    return EXIT_OK


def command_edit(root: ContentRoot, args: argparse.Namespace) -> int:
    from kiosk.store.validation import ValidationError

    changes = {
        "title": args.title,
        "title_en": args.title_en,
        "credit": args.credit,
        "credit_en": args.credit_en,
    }
    if all(value is None for value in changes.values()) and args.role is None:
        print(
            "kiosk media edit : rien à changer (--title, --title-en, --credit, --credit-en, "
            "--role)."
        )
        return EXIT_USAGE
    with opened_catalogue(root) as catalogue:
        try:
            entry = find_media(catalogue, args.media)
            updated = update_media(
                catalogue,
                entry.id,
                role=MediaRole(args.role) if args.role else None,
                **changes,
            )
        except ValidationError as error:
            label = FIELD_LABELS.get(error.field, error.field)
            print(f"kiosk media edit : {args.media} : {label} : {error.reason} ; rien n'a changé.")
            return EXIT_USAGE
        except MediaAdminError as error:
            print(f"kiosk media edit : {error}")
            return EXIT_ERROR
    english = f" / « {updated.title_en} »" if updated.title_en else ""
    print(f"Média n°{updated.id} : « {updated.name} »{english}, rôle {updated.role.value}.")
    if updated.credit or updated.credit_en:
        print(
            f"  crédit : {updated.credit}"
            + (f" / {updated.credit_en}" if updated.credit_en else "")
        )
    if updated.needs_renaming:
        print("  ce titre ressemble encore à un nom de fichier : à renommer.")
    return EXIT_OK


def command_film(root: ContentRoot, args: argparse.Namespace) -> int:
    with opened_catalogue(root) as catalogue:
        try:
            entry = find_media(catalogue, args.media)
            film = set_film(catalogue, entry.id)
        except MediaAdminError as error:
            print(f"kiosk media film : {error}")
            return EXIT_ERROR
    print(f"Le film de la borne est maintenant « {film.name} » (média n°{film.id}).")
    return EXIT_OK


def command_remove(root: ContentRoot, args: argparse.Namespace) -> int:
    with opened_catalogue(root) as catalogue:
        try:
            entry = find_media(catalogue, args.media)
            removal = remove_media(catalogue, root, entry.id, force=args.yes)
        except MediaInUseError as error:
            print(f"kiosk media remove : {error} (ajoutez --yes)")
            return EXIT_ERROR
        except MediaAdminError as error:
            print(f"kiosk media remove : {error}")
            return EXIT_ERROR
    print(f"Média retiré : {removal.media} (dans la corbeille : kiosk trash list).")
    for use in removal.uses_removed:
        print(f"  n'est plus : {use.describe()}")
    if removal.trashed_to is not None:
        print(f"  fichier déplacé dans {removal.trashed_to}")
    return EXIT_OK


def command_trash_list(root: ContentRoot, _args: argparse.Namespace) -> int:
    from kiosk.library.trash import list_trash

    with opened_catalogue(root) as catalogue:
        entries = list_trash(catalogue, root)
    for entry in entries:
        when = entry.removed_local.strftime("%d/%m/%Y %H:%M")
        missing = "  [fichier introuvable]" if entry.missing_files else ""
        print(f"{entry.id:>4}  {when}  « {entry.label} »  — {entry.detail}{missing}")
    print(f"{counted(len(entries), 'élément', 'éléments')} dans la corbeille.")
    return EXIT_OK


def command_trash_restore(root: ContentRoot, args: argparse.Namespace) -> int:
    from kiosk.library.trash import TrashError, restore
    from kiosk.store.validation import ValidationError

    if not args.item.isdigit():
        print(f"kiosk trash restore : {args.item} : un numéro est attendu (kiosk trash list).")
        return EXIT_USAGE
    with opened_catalogue(root) as catalogue:
        try:
            restored = restore(catalogue, root, int(args.item))
        except TrashError as error:
            print(f"kiosk trash restore : {error}")
            return EXIT_ERROR
        except ValidationError as error:
            print(
                f"kiosk trash restore : n°{args.item} : {error.field} : {error.reason} ; "
                "rien n'a changé."
            )
            return EXIT_USAGE
    print(restored.summary)
    for note in restored.notes:
        print(f"  {note}")
    return EXIT_OK
