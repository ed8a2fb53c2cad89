"""``kiosk import FILES… [--album A] [--place P] [--role R]``: import media files or folders."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.cli.common import EXIT_ERROR, EXIT_OK, EXIT_USAGE, add_command, open_catalogue
from kiosk.cli.progress import ProgressBar, cancellable_progress
from kiosk.config import ContentRoot
from kiosk.library.import_jobs import (
    OUTCOME_LABELS,
    CancelToken,
    FileResult,
    ImportReport,
    LinkError,
    Links,
    Outcome,
    Progress,
    collect_files,
    import_files,
    skipped_files,
)
from kiosk.library.plurals import counted
from kiosk.library.printable import shown
from kiosk.store.models import MediaRole
from kiosk.store.validation import ValidationError, check_value

if TYPE_CHECKING:
    from kiosk.library.import_jobs import CancelToken
    from kiosk.store.database import Catalogue

# The gate's fields, in the words of the command's report.
FIELD_LABELS = {
    "media_assets.title": "titre",
    "media_assets.path": "chemin",
    "albums.title": "titre du carnet",
    "albums.slug": "identifiant du carnet",
    "album_items.caption": "légende",
    "maps.title": "titre de la carte",
}

ROLES = ("aftermovie", "vignette", "photo", "map", "drawing", "other")


def register(commands: Any) -> None:
    parser = add_command(
        commands,
        "import",
        command_import,
        help="importer des vidéos et des images (fichiers ou dossiers)",
        description="Chaque fichier est vérifié, copié une seule fois (empreinte du contenu) et "
        "enregistré ; un fichier refusé est nommé avec la raison. Ctrl-C annule proprement.",
    )
    parser.add_argument("files", nargs="+", metavar="FICHIER", help="fichiers ou dossiers")
    parser.add_argument(
        "--album", metavar="A", help="ajouter les images au carnet A (créé au besoin)"
    )
    parser.add_argument("--place", metavar="P", help="lier au lieu P (identifiant ou nom)")
    parser.add_argument("--role", choices=ROLES, help="rôle des médias importés")


def command_import(root: ContentRoot, args: argparse.Namespace) -> int:
    given = [Path(name).expanduser() for name in args.files]
    sources = collect_files(given)
    missing = [str(path) for path in sources if not path.exists()]
    if missing:
        print(
            f"kiosk import : {shown(missing[0], 300)} : fichier introuvable ; rien n'a été importé."
        )
        return EXIT_USAGE
    skipped = skipped_files(given)
    if not sources:
        for result in skipped:
            print(f"{result.source} : {OUTCOME_LABELS[result.outcome]} ({result.reason})")
        print("kiosk import : aucun fichier vidéo ou image dans ce qui a été donné.")
        return EXIT_USAGE
    if args.album is not None:
        problem = _album_problem(args.album)
        if problem:
            print(f"kiosk import : --album {shown(args.album)} : {problem} ; rien n'a été importé.")
            return EXIT_USAGE
    links = Links(args.album, args.place, MediaRole(args.role) if args.role else None)
    catalogue = open_catalogue(root)
    try:
        with cancellable_progress() as (bar, cancel):
            outcome = _import_all(catalogue, root, sources, skipped, links, bar, cancel)
    except LinkError as error:
        print(f"kiosk import : {error}")
        return EXIT_USAGE
    finally:
        catalogue.close()
    summary = (
        f"{counted(outcome.count(Outcome.IMPORTED), 'importé', 'importés')}, "
        f"{counted(outcome.count(Outcome.PRESENT), 'déjà présent', 'déjà présents')}, "
        f"{counted(outcome.count(Outcome.REFUSED), 'refusé', 'refusés')}"
    )
    if outcome.count(Outcome.SKIPPED):
        summary += f", {counted(outcome.count(Outcome.SKIPPED), 'ignoré', 'ignorés')}"
    print(summary + (" — import annulé." if outcome.cancelled else "."))
    if outcome.cancelled:
        return 130
    return EXIT_ERROR if outcome.count(Outcome.REFUSED) else EXIT_OK


def _import_all(
    catalogue: Catalogue,
    root: ContentRoot,
    sources: list[Path],
    skipped: list[FileResult],
    links: Links,
    bar: ProgressBar,
    cancel: CancelToken,
) -> ImportReport:
    """Import ``sources`` one result line at a time; a file the gate refuses is reported and
    the others still go in."""

    def show(progress: Progress) -> None:
        label = f"{progress.file_index + 1}/{progress.file_count} {shown(progress.source.name, 60)}"
        bar.update(progress.overall_done, progress.overall_total, label)

    outcome = ImportReport()

    def report(result: FileResult) -> None:
        bar.finish()
        line = f"{shown(str(result.source), 300)} : {OUTCOME_LABELS[result.outcome]}"
        if result.stored_path:
            line += f" → {result.stored_path}"
        if result.reason:
            line += f" ({shown(result.reason, 500)})"
        print(line, flush=True)
        outcome.results.append(result)

    remaining = sources
    not_media: list[FileResult] = skipped  # reported once, before the first file
    while remaining:
        before = len(outcome.results)
        try:
            part = import_files(
                catalogue,
                root,
                remaining,
                links,
                progress=show,
                on_result=report,
                cancel=cancel,
                skipped=not_media,
            )
        except ValidationError as error:
            # The gate refused what this file would have recorded (its copy is removed by
            # import_one); say it as one line naming the file, and go on with the others.
            index = len(outcome.results) - before - len(not_media)
            label = FIELD_LABELS.get(error.field, error.field)
            report(FileResult(remaining[index], Outcome.REFUSED, f"{label} : {error.reason}"))
            remaining = remaining[index + 1 :]
            not_media = []
            continue
        outcome.cancelled = part.cancelled
        break
    return outcome


def _album_problem(album: str) -> str | None:
    """Why ``--album`` cannot name a new album (None when it can): the gate's reason."""
    try:
        check_value("albums", "title", album)  # its identifier always passes (kiosk.library.slugs)
    except ValidationError as error:
        return f"{FIELD_LABELS.get(error.field, error.field)} : {error.reason}"
    return None
