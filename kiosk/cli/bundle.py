"""``kiosk bundle export OUT`` and ``kiosk bundle import IN [--replace] [--dry-run]``."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from kiosk.cli.common import EXIT_ERROR, EXIT_OK, add_command, add_flag, open_catalogue
from kiosk.cli.progress import cancellable_progress
from kiosk.config import HOME_ENV, ConfigError, ContentRoot, default_home
from kiosk.library.bundles import BundleError, Plan, export_bundle, import_bundle, shown
from kiosk.library.french_format import human_size
from kiosk.library.import_jobs import ImportCancelledError
from kiosk.library.plurals import counted

SHOWN = 20


def register(commands: Any) -> None:
    parser = add_command(
        commands, "bundle", _usage, help="exporter ou importer tout le contenu (un seul fichier)"
    )
    actions = parser.add_subparsers(dest="bundle_action", metavar="ACTION")
    export = add_command(
        actions, "export", command_export, help="écrire un lot (.tar, ou .zip selon le nom)"
    )
    export.add_argument("output", metavar="OUT", help="fichier à écrire, par ex. stand.tar")
    add_flag(export, "--force", "remplacer OUT s'il existe")
    imported = add_command(actions, "import", command_import, help="appliquer un lot")
    imported.add_argument("bundle", metavar="IN", help="le fichier du lot")
    add_flag(imported, "--replace", "remplacer tout le contenu (sinon : fusionner)")
    add_flag(imported, "--dry-run", "montrer ce qui changerait, sans rien changer")
    # With --dry-run, kiosk.cli.main finds the content root with this instead of resolve_home
    # and sets up no log file: a dry run writes nothing anywhere.
    imported.set_defaults(dry_run_root=dry_run_root)


def dry_run_root(option: str | None) -> ContentRoot:
    """The content root ``--home``, ``KIOSK_HOME`` or the default names, as resolve_home
    chooses it, but neither created nor written to (no probe file, no log, no catalogue)."""
    raw = option or os.environ.get(HOME_ENV) or ""
    home = (Path(raw).expanduser() if raw else default_home()).absolute()
    if home.exists() and not home.is_dir():
        raise ConfigError(f"{home} : ce n'est pas un dossier (--home attend un dossier).")
    return ContentRoot(home)


def _usage(_root: ContentRoot, _args: argparse.Namespace) -> int:
    print("kiosk bundle : précisez « export » ou « import » (kiosk bundle --help).")
    return 2


def command_export(root: ContentRoot, args: argparse.Namespace) -> int:
    output = Path(args.output).expanduser().absolute()
    if output.exists() and not args.force:
        print(f"kiosk bundle export : {output} existe déjà (--force pour le remplacer).")
        return EXIT_ERROR
    if output.is_relative_to(root.home.absolute()) and output.parent != root.home.absolute():
        print(f"kiosk bundle export : {output} : écrivez le lot hors de assets/ et videos/.")
        return EXIT_ERROR
    catalogue = open_catalogue(root)
    try:
        with cancellable_progress() as (bar, cancel):
            summary = export_bundle(
                catalogue,
                root,
                output,
                progress=lambda done, total: bar.update(done, total, shown(output.name, 40)),
                cancel=cancel,
            )
    except ImportCancelledError:
        print("kiosk bundle export : annulé ; aucun fichier écrit.")
        return 130
    except (BundleError, OSError) as error:
        print(f"kiosk bundle export : {shown(error, 1000)}")
        return EXIT_ERROR
    finally:
        catalogue.close()
    print(
        f"Lot écrit : {summary.path} ({human_size(summary.bytes_written)}, {summary.files} "
        f"fichiers, {summary.rows} lignes du catalogue)."
    )
    return EXIT_OK


def print_plan(plan: Plan) -> None:
    """The plan, every label made safe for the terminal once more (a local name older than the
    gate may hold an escape sequence that would rewrite what staff read)."""
    for title, items in (
        ("Ajouts", plan.added),
        ("Modifications", plan.changed),
        ("Retraits", plan.removed),
    ):
        print(f"{title} : {len(items)}")
        for item in items[:SHOWN]:
            print(f"  {shown(item, 200)}")
        if len(items) > SHOWN:
            print(f"  … et {len(items) - SHOWN} autres")
    print(f"Fichiers à copier : {plan.files_to_copy} ({human_size(plan.bytes_to_copy)})")
    for note in plan.notes:
        print(shown(note, 400))


def command_import(root: ContentRoot, args: argparse.Namespace) -> int:
    # A dry run reads the catalogue without opening it for writing (nor creating it).
    catalogue = None if args.dry_run else open_catalogue(root)
    source = Path(args.bundle).expanduser()
    try:
        with cancellable_progress() as (bar, cancel):
            summary = import_bundle(
                catalogue,
                root,
                source,
                replace=args.replace,
                dry_run=args.dry_run,
                progress=lambda done, total: bar.update(done, total, shown(source.name, 40)),
                cancel=cancel,
            )
    except ImportCancelledError:
        print("kiosk bundle import : annulé ; rien n'a été modifié.")
        return 130
    except BundleError as error:
        print(f"kiosk bundle import : {shown(error, 1000)}")
        return EXIT_ERROR
    finally:
        if catalogue is not None:
            catalogue.close()
    mode = "remplacement" if args.replace else "fusion"
    print_plan(summary.plan)
    if not summary.applied:
        print(f"Lot vérifié ({mode}) : rien n'a été modifié (--dry-run).")
    else:
        print(f"Lot appliqué ({mode}).")
        if summary.trashed:
            moved = counted(
                summary.trashed,
                "fichier qui ne sert plus déplacé",
                "fichiers qui ne servent plus déplacés",
            )
            print(f"{moved} dans trash/.")
        # A stand laptop made from a bundle has no PIN of its own (a PIN never travels): offer
        # to choose it now, in a terminal only; never asked on the touchscreen.
        from kiosk.cli.pin import offer_pin_setup_for

        offer_pin_setup_for(root)
    return EXIT_OK
