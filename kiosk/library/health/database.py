"""Checks of the catalogue itself: the SQLite file's integrity, every row through the gate, and
the references between rows."""

from __future__ import annotations

import sqlite3

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.library.health.problems import Code, HealthReport, Problem, Severity
from kiosk.library.plurals import counted
from kiosk.library.printable import shown
from kiosk.library.settings import FIELD_TYPES
from kiosk.store import validation
from kiosk.store.database import Catalogue
from kiosk.store.models import AlbumItem, MapImage, MediaAsset, MediaKind, Place

RESTORE_ACTION = (
    "remettez la dernière sauvegarde (onglet Sauvegarde) ; si cela revient, appelez la "
    "personne qui s'occupe de la borne."
)
# The tables as staff call what they hold.
ROW_NAMES = {
    "places": "lieu",
    "media_assets": "média",
    "maps": "carte",
    "geo_points": "point de repère de la carte",
    "albums": "carnet",
    "album_items": "dessin d'un carnet",
    "pages": "page",
    "tags": "mot-clé",
    "settings": "réglage",
    "trash_items": "élément de la Corbeille",
}


def _check_database(catalogue: Catalogue, report: HealthReport) -> None:
    try:
        with sqlite3.connect(f"file:{catalogue.db_path}?mode=ro", uri=True) as connection:
            result = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            foreign = connection.execute("PRAGMA foreign_key_check").fetchall()
        connection.close()
    except sqlite3.DatabaseError as error:
        result, foreign = [str(error)], []
    damage: list[tuple[str, str]] = []  # what is wrong, its technical detail
    if result != ["ok"]:
        damage.append(
            (
                "la base de la borne (ses lieux, médias, carnets et réglages) est endommagée",
                "; ".join(result[:3]),
            )
        )
    if foreign:
        damage.append(
            (
                f"{counted(len(foreign), 'lien', 'liens')} de la base vers des éléments qui "
                "n'existent plus",
                f"table {foreign[0][0]}",
            )
        )
    for message, detail in damage:  # either way, the last backup is the way back
        report.database_ok = False
        report.problems.append(
            Problem(
                Code.DATABASE,
                Severity.ERROR,
                catalogue.db_path.name,
                message,
                action=RESTORE_ACTION,
                detail=detail,
            )
        )


def _check_rows(session: Session, report: HealthReport) -> None:
    """Every content row against the one gate: rows written before it existed (or by hand)."""
    from kiosk.store.models import Base

    for table_name in validation.CONTENT_TABLES:
        table = Base.metadata.tables[table_name]
        for row in session.execute(select(table)):
            if table_name == "settings" and row._mapping["key"] in FIELD_TYPES:
                continue  # a known setting: told by checking._check_settings, in its words
            values = {
                key: value.value
                if hasattr(value, "value") and not isinstance(value, str)
                else value
                for key, value in row._mapping.items()
            }
            try:
                validation.check_row(table_name, values, complete=False)
            except validation.ValidationError as error:
                if error.field in {f"{t}.{c}" for t, c in validation.PATH_COLUMNS}:
                    continue  # reported with the files (unsafe-path)
                ident = values.get("id", values.get("key", ""))
                report.problems.append(
                    Problem(
                        Code.INVALID,
                        Severity.WARNING,
                        f"{ROW_NAMES.get(table_name, table_name)} n°{shown(str(ident), 200)}",
                        f"une valeur que la borne refuse aujourd'hui : {error.reason}",
                        action="corrigez la valeur dans l'onglet où cet élément se modifie, "
                        "puis « Enregistrer ».",
                        detail=f"{error.field} ({table_name} n°{shown(str(ident), 200)})",
                    )
                )


def _check_references(
    report: HealthReport,
    places: list[Place],
    maps: list[MapImage],
    items: list[AlbumItem],
    assets: dict[int, MediaAsset],
) -> None:
    def broken(subject: str, message: str) -> None:
        report.problems.append(Problem(Code.BROKEN_REFERENCE, Severity.ERROR, subject, message))

    # A place's media: its id, the kind it must be, what it is called and what the other kind is.
    for place in places:
        subject = f"lieu « {place.name} »"
        for media_id, kind, called, other in (
            (place.photo_id, MediaKind.IMAGE, "sa photo", "une vidéo"),
            (place.video_id, MediaKind.VIDEO, "sa vidéo", "une image"),
        ):
            if media_id is None:
                continue
            media = assets.get(media_id)
            if media is None:
                broken(subject, f"{called} n'existe plus")
            elif media.kind is not kind:
                broken(subject, f"{called} est {other}")
        has_coordinates = place.latitude is not None and place.longitude is not None
        if place.published and not place.is_on_map and not has_coordinates:
            report.problems.append(
                Problem(
                    Code.UNPLACED,
                    Severity.WARNING,
                    subject,
                    "publié mais sans épingle ni coordonnées",
                    action=(
                        "ouvrez le lieu dans l'onglet Lieux et choisissez sa commune, ou touchez "
                        "la carte."
                    ),
                )
            )
    for map_image in maps:
        image = assets.get(map_image.image_id)
        if image is None or image.kind is not MediaKind.IMAGE:
            broken(f"carte « {map_image.title} »", "son image manque ou n'est pas une image")
    current = [m for m in maps if m.is_current]
    if not current:
        report.problems.append(
            Problem(Code.NO_MAP, Severity.WARNING, "carte", "aucune carte n'est choisie")
        )
    elif len(current) > 1:
        broken("carte", f"{len(current)} cartes sont marquées « actuelle »")
    for item in items:
        media = assets.get(item.media_id)
        if media is None or media.kind is not MediaKind.IMAGE:
            broken(f"carnet n°{item.album_id}", f"l'élément {item.position} n'est pas une image")
