"""``kiosk places import|export|list|fit``: places from open data, to CSV, and the map's fit."""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from typing import Any

from kiosk.cli.common import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_USAGE,
    add_command,
    add_flag,
    open_catalogue,
    opened_catalogue,
)
from kiosk.config import ContentRoot
from kiosk.library.plurals import counted


def register(commands: Any) -> None:
    parser = add_command(
        commands, "places", command_places, help="importer, exporter, lister les lieux"
    )
    actions = parser.add_subparsers(dest="places_action", metavar="ACTION", required=True)

    importing = actions.add_parser(
        "import", help="importer des lieux d'un CSV ou d'un GeoJSON (données ouvertes)"
    )
    importing.add_argument("file", metavar="FICHIER", type=Path)
    add_flag(importing, "--dry-run", "dire ce qui serait fait, sans rien changer")
    importing.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="CHAMP=COLONNE",
        help="la colonne d'un champ (name, commune, latitude, longitude, website, description, "
        "postcode, insee, department, tags, coordinates) ; répétable",
    )
    importing.add_argument(
        "--department", metavar="CODE", help="ne garder que ce département (ex. 03)"
    )
    importing.add_argument(
        "--bbox",
        metavar="SUD,OUEST,NORD,EST",
        help="ne garder que les lieux dans ce rectangle, en degrés décimaux "
        "(ex. 45.93,2.28,46.8,4.01)",
    )

    exporting = actions.add_parser("export", help="écrire tous les lieux en CSV")
    exporting.add_argument(
        "file", metavar="FICHIER", type=Path, nargs="?", help="par défaut la sortie standard"
    )
    add_flag(exporting, "--force", "remplacer le fichier s'il existe déjà")

    actions.add_parser("list", help="lister les lieux et leur position sur la carte")
    actions.add_parser("fit", help="le calage de la carte : erreur de chaque point de référence")


def command_places(root: ContentRoot, args: argparse.Namespace) -> int:
    handlers = {
        "import": _import,
        "export": _export,
        "list": _list,
        "fit": _fit,
    }
    handler = handlers[args.places_action]
    return handler(root, args)


def _parse_map(values: list[str]) -> dict[str, str] | str:
    from kiosk.library.places_io import FIELDS

    column_map: dict[str, str] = {}
    for value in values:
        field_name, sep, column = value.partition("=")
        field_name = field_name.strip()
        if not sep or not column.strip():
            return f"--map {value} : la forme attendue est CHAMP=COLONNE (ex. name=NOM_TL)."
        if field_name not in FIELDS:
            return f"--map {value} : champ inconnu « {field_name} » (champs : {', '.join(FIELDS)})."
        column_map[field_name] = column.strip()
    return column_map


def _parse_bbox(value: str | None) -> tuple[float, float, float, float] | str | None:
    if value is None:
        return None
    try:
        south, west, north, east = (float(part) for part in value.split(","))
    except ValueError:
        return (
            f"--bbox {value} : quatre nombres attendus, SUD,OUEST,NORD,EST "
            "(ex. 45.93,2.28,46.8,4.01)."
        )
    if not (-90 <= south < north <= 90 and -180 <= west < east <= 180):
        return f"--bbox {value} : rectangle impossible (il faut SUD < NORD et OUEST < EST)."
    return south, west, north, east


def _import(root: ContentRoot, args: argparse.Namespace) -> int:
    from kiosk.library.places_io import (
        FIELD_LABELS,
        ImportOptions,
        PlacesFileError,
        format_report,
        import_places,
        normalise_department,
    )
    from kiosk.library.printable import shown
    from kiosk.store.validation import ValidationError

    column_map = _parse_map(args.map)
    bbox = _parse_bbox(args.bbox)
    for problem in (column_map, bbox):
        if isinstance(problem, str):
            print(f"kiosk : {problem}", file=sys.stderr)
            return EXIT_USAGE
    assert not isinstance(column_map, str) and not isinstance(bbox, str)
    if args.department is not None and normalise_department(args.department) is None:
        print(
            f"kiosk : --department {shown(args.department)} : code de département attendu "
            "(ex. 03, 2A, 971).",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if not args.file.is_file():
        print(f"kiosk : {args.file} : fichier introuvable.", file=sys.stderr)
        return EXIT_USAGE
    options = ImportOptions(
        column_map=column_map, department=args.department, bbox=bbox, dry_run=args.dry_run
    )
    scratch = None
    if args.dry_run and not root.db_path.exists():
        # Nothing to compare with, and a dry run creates nothing in the content folder: the
        # plan is made against an empty catalogue in a temporary folder.
        import tempfile

        from kiosk.store.database import Catalogue

        scratch = tempfile.TemporaryDirectory(prefix="kiosk-essai-")
        catalogue = Catalogue(Path(scratch.name) / "data.db")
    elif args.dry_run:
        from kiosk.store.database import Catalogue

        catalogue = Catalogue(root.db_path)  # no folders made, no leftovers cleaned
    else:
        catalogue = open_catalogue(root)
    try:
        with catalogue.session() as session:
            report = import_places(session, args.file, options)
    except PlacesFileError as error:
        print(f"kiosk : {error}", file=sys.stderr)
        return EXIT_ERROR
    except ValidationError as error:  # the gate, at the commit: nothing was written
        label = FIELD_LABELS.get(error.field, error.field)
        print(
            f"kiosk : {args.file} : {label} : {error.reason} ; rien n'a été importé.",
            file=sys.stderr,
        )
        return EXIT_ERROR
    finally:
        catalogue.close()
        if scratch is not None:
            scratch.cleanup()
    if args.dry_run:
        print("Essai à blanc : rien n'a été modifié.")
    for line in format_report(report):
        print(line)
    return EXIT_OK


def _export(root: ContentRoot, args: argparse.Namespace) -> int:
    from kiosk.library.durable import atomic_write
    from kiosk.library.places_io import export_places

    target: Path | None = args.file
    if target is not None and target.exists() and not args.force:
        print(
            f"kiosk : {target} existe déjà ; rien n'a été écrit (--force pour le remplacer).",
            file=sys.stderr,
        )
        return EXIT_USAGE
    with opened_catalogue(root) as catalogue:
        try:
            with catalogue.session() as session:
                if target is None:
                    export_places(session, sys.stdout)
                    return EXIT_OK
                out = io.StringIO(newline="")
                count = export_places(session, out)
                # UTF-8 with a BOM: French spreadsheets then read the accents right.
                atomic_write(target, out.getvalue(), encoding="utf-8-sig")
        except OSError as error:
            print(f"kiosk : {target} : écriture impossible ({error.strerror}).", file=sys.stderr)
            return EXIT_ERROR
    print(f"{counted(count, 'lieu exporté', 'lieux exportés')} dans {target}.")
    return EXIT_OK


def _list(root: ContentRoot, _args: argparse.Namespace) -> int:
    from kiosk.library import catalogue_views

    with opened_catalogue(root) as catalogue:
        views = catalogue_views.places(catalogue)
    for view in views:
        if view.map_x is None or view.map_y is None:
            where = "pas encore sur la carte"
        else:
            how = "calé" if view.placed_by_fit else "manuel"
            where = f"carte {view.map_x:.3f}, {view.map_y:.3f} ({how})"
        print(f"{view.slug}\t{view.name}\t{view.commune or '—'}\t{where}")
    placed = sum(1 for view in views if view.is_on_map)
    print(f"{counted(len(views), 'lieu publié', 'lieux publiés')}, {placed} sur la carte.")
    return EXIT_OK


def _fit(root: ContentRoot, _args: argparse.Namespace) -> int:
    from kiosk.library import geo

    with opened_catalogue(root) as catalogue, catalogue.session() as session:
        current = geo.current_map_fit(session)
        if current is None:
            print("Aucune carte courante.")
            return EXIT_OK
        map_image, geo_fit = current
        title = map_image.title
        count = len(map_image.geo_points)
    if geo_fit is None:
        print(
            f"{title} : {counted(count, 'point', 'points')} de référence ; il en faut au moins 2 "
            "pour placer les "
            "lieux d'après leurs coordonnées."
        )
        return EXIT_OK
    kind = "affine" if geo_fit.kind is geo.FitKind.AFFINE else "similitude (2 points)"
    print(f"{title} : calage {kind} sur {counted(count, 'point', 'points')}.")
    for residual in geo_fit.residuals:
        print(f"  {residual.label or '(sans nom)'} : écart {residual.error_px:.1f} px")
    print(
        f"Écart moyen (RMS) {geo_fit.rms_error_px:.1f} px, maximum {geo_fit.max_error_px:.1f} px."
    )
    return EXIT_OK
