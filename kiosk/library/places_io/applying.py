"""Importing places into the catalogue: matching on name and commune, adding and updating, in
one transaction (nothing on a dry run)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from kiosk.library.places_io.columns import (
    FIELD_LABELS,
    _column_list,
    match_columns,
)
from kiosk.library.places_io.department import department_of, normalise_department
from kiosk.library.places_io.reading import PlacesFileError, read_file
from kiosk.library.places_io.rows import (
    Change,
    Filtered,
    ImportOptions,
    ImportReport,
    IncomingPlace,
    Rejection,
    _gate,
    check_row,
    match_key,
)
from kiosk.library.printable import shown
from kiosk.library.slugs import place_slug
from kiosk.store.models import Place, Tag
from kiosk.store.validation import ValidationError

FLUSH_EVERY = 2000  # places written per flush of a real import (one transaction all the same)


def import_places(
    session: Session, path: Path, options: ImportOptions | None = None
) -> ImportReport:
    """Read ``path`` and add or update its places in ``session`` (nothing on a dry run).

    The caller's session is one transaction: it commits the whole import or nothing.
    """
    chosen = options or ImportOptions()
    department = None
    if chosen.department is not None:
        department = normalise_department(chosen.department)
        if department is None:
            raise PlacesFileError(
                f"--department {shown(chosen.department)} : code de département attendu "
                "(ex. 03, 2A, 971)."
            )
        chosen = ImportOptions(chosen.column_map, department, chosen.bbox, chosen.dry_run)
    columns, rows = read_file(path)
    if not columns:
        raise PlacesFileError(f"{path} : le fichier est vide.")
    matched = match_columns(columns, chosen.column_map)
    if "name" not in matched:
        raise PlacesFileError(
            f"{path} : aucune colonne de nom (nom, NOM_TL, name…) ; colonnes du fichier : "
            f"{_column_list(columns)}. Indiquez-la avec --map name=COLONNE."
        )
    report = ImportReport(
        columns=matched,
        dry_run=chosen.dry_run,
        department=department,
        bbox=chosen.bbox,
        rows=len(rows),
    )
    incoming = []
    for row in rows:
        checked = check_row(row, matched, chosen)
        if isinstance(checked, Filtered):
            report.filtered += 1
            report.filtered_by[(checked.why, checked.column or "")] += 1
            if checked.department:
                report.departments_seen[checked.department] += 1
        elif isinstance(checked, Rejection):
            report.rejected.append(checked)
        else:
            if department is not None:
                report.kept_by[department_of(row.values, matched)[1] or ""] += 1
            report.warnings.extend(
                Rejection(checked.location, warning, checked.name) for warning in checked.warnings
            )
            incoming.append(checked)
    try:
        apply_places(session, incoming, report, write=not chosen.dry_run)
    except ValidationError as error:
        raise PlacesFileError(
            f"{path} : {FIELD_LABELS.get(error.field, error.field)} : {error.reason} ; "
            "rien n'a été importé."
        ) from None
    return report


def apply_places(
    session: Session, incoming: Iterable[IncomingPlace], report: ImportReport, *, write: bool
) -> None:
    existing = {
        match_key(place.name, place.commune): place
        for place in session.scalars(select(Place).options(selectinload(Place.tags)))
    }
    slugs = set(session.scalars(select(Place.slug)))
    tags = {tag.name: tag for tag in session.scalars(select(Tag))}
    seen: dict[tuple[str, str], str] = {}
    pending = 0
    for item in incoming:
        if write and pending >= FLUSH_EVERY:
            session.flush()  # in steps: a file of 100,000 places does not hold them all at once
            pending = 0
        key = match_key(item.name, item.commune)
        if key in seen:
            report.rejected.append(
                Rejection(
                    item.location, f"doublon de la {seen[key]} (même nom et commune)", item.name
                )
            )
            continue
        seen[key] = item.location
        place = existing.get(key)
        refusal = None if item.checked else _refusal_of(item)
        if refusal:  # the flush would refuse it: say it with the row, and go on
            report.rejected.append(Rejection(item.location, refusal, item.name))
            continue
        if place is None:
            report.added.append(Change(item.location, item.name, item.commune))
            if write:
                session.add(_new_place(item, slugs, tags))
                pending += 1
            continue
        changed = _changed_fields(place, item)
        if not changed:
            report.unchanged += 1
            continue
        report.updated.append(Change(item.location, item.name, item.commune, tuple(changed)))
        if write:
            _update_place(place, item, changed, tags)
            pending += 1
    if write:
        session.flush()


def _refusal_of(item: IncomingPlace) -> str | None:
    """The gate's refusal of a place that did not come through :func:`check_row`."""
    values: list[tuple[str, str, Any]] = [
        ("places", "name", item.name),
        ("places", "commune", item.commune),
        ("places", "description", item.description or ""),
        ("places", "website", item.website),
        ("places", "latitude", item.latitude),
        ("places", "longitude", item.longitude),
    ]
    values += [("tags", "name", tag) for tag in item.tags]
    for table, column, value in values:
        refusal = _gate(table, column, value, None)
        if refusal:
            return refusal
    return None


def _unique_slug(item: IncomingPlace, slugs: set[str]) -> str:
    slug = place_slug(item.name, item.commune, slugs.__contains__)
    slugs.add(slug)
    return slug


def _tag(name: str, tags: dict[str, Tag]) -> Tag:
    if name not in tags:
        tags[name] = Tag(name=name)
    return tags[name]


def _new_place(item: IncomingPlace, slugs: set[str], tags: dict[str, Tag]) -> Place:
    return Place(
        slug=_unique_slug(item, slugs),
        name=item.name,
        commune=item.commune,
        latitude=item.latitude,
        longitude=item.longitude,
        website=item.website,
        description=item.description or "",
        published=True,
        tags=[_tag(name, tags) for name in item.tags],
    )


def _changed_fields(place: Place, item: IncomingPlace) -> list[str]:
    """The fields the file gives that differ; what the file leaves empty is kept."""
    changed = []
    if item.latitude is not None and (
        place.latitude is None
        or place.longitude is None
        or abs(place.latitude - item.latitude) > 1e-9
        or abs(place.longitude - (item.longitude or 0.0)) > 1e-9
    ):
        changed.append("coordonnées")
    if item.website is not None and item.website != place.website:
        changed.append("site web")
    if item.description is not None and item.description != place.description:
        changed.append("description")
    if item.tags and not set(item.tags) <= {tag.name for tag in place.tags}:
        changed.append("tags")
    return changed


def _update_place(
    place: Place, item: IncomingPlace, changed: list[str], tags: dict[str, Tag]
) -> None:
    if "coordonnées" in changed:
        place.latitude, place.longitude = item.latitude, item.longitude
    if "site web" in changed:
        place.website = item.website
    if "description" in changed:
        place.description = item.description or ""
    if "tags" in changed:
        have = {tag.name for tag in place.tags}
        place.tags.extend(_tag(name, tags) for name in item.tags if name not in have)
