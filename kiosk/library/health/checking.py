"""Running every check: the catalogue, the media files, the leftovers and the free space."""

from __future__ import annotations

import shutil

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from kiosk.config import ContentRoot
from kiosk.library.health.database import _check_database, _check_references, _check_rows
from kiosk.library.health.media_files import _check_asset, _media_file, _name_media
from kiosk.library.health.problems import Code, HealthReport, Problem, ProgressCallback, Severity
from kiosk.library.health.stray_files import _check_leftovers
from kiosk.library.import_jobs import CancelToken
from kiosk.library.settings import stored_problems
from kiosk.library.trash_records import data_problem
from kiosk.store.database import Catalogue
from kiosk.store.models import AlbumItem, MapImage, MediaAsset, Place, Setting, TrashItem

LOW_SPACE_BYTES = 2 * 1024**3


def check(
    catalogue: Catalogue,
    root: ContentRoot,
    *,
    verify_hashes: bool = True,
    probe: bool = True,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> HealthReport:
    """Look at everything; change nothing."""
    report = HealthReport()
    _check_database(catalogue, report)
    with catalogue.session() as session:
        assets = list(session.scalars(select(MediaAsset).order_by(MediaAsset.id)))
        places = list(session.scalars(select(Place).order_by(Place.name)))
        maps = list(session.scalars(select(MapImage)))
        items = list(session.scalars(select(AlbumItem)))
        asset_by_id = {asset.id: asset for asset in assets}
        _check_references(report, places, maps, items, asset_by_id)
        _check_rows(session, report)
        _check_trash(session, report)
        _check_settings(session, report)
    total = sum(asset.size_bytes for asset in assets) or 1
    done = 0
    known_paths: set[str] = set()
    for asset in assets:
        if cancel is not None:
            cancel.check()
        known_paths.add(asset.path)
        if asset.subtitles_path:
            known_paths.add(asset.subtitles_path)
            subtitles = _media_file(root, asset.subtitles_path, report)
            if subtitles is not None and not subtitles.is_file():
                report.problems.append(
                    Problem(
                        Code.MISSING,
                        Severity.WARNING,
                        asset.subtitles_path,
                        "sous-titres introuvables",
                    )
                )
        _check_asset(root, asset, report, verify_hashes, probe, cancel)
        done += asset.size_bytes
        report.media_checked += 1
        if progress is not None:
            progress(done, total)
    _name_media(catalogue, assets, report)
    _check_leftovers(root, known_paths, report)
    report.problems.sort(key=lambda p: p.severity is not Severity.ERROR)  # errors first
    usage = shutil.disk_usage(root.home)
    report.free_bytes, report.total_bytes = usage.free, usage.total
    if usage.free < LOW_SPACE_BYTES:
        report.problems.append(
            Problem(
                Code.DISK_SPACE,
                Severity.WARNING,
                str(root.home),
                f"il ne reste que {usage.free // 2**20} Mo libres",
            )
        )
    return report


def _check_trash(session: Session, report: HealthReport) -> None:
    """A Corbeille row that cannot be read: listed as such and never restored, said here."""
    rows = session.execute(
        select(TrashItem.id, type_coerce(TrashItem.kind, String), TrashItem.label, TrashItem.data)
    )
    for item_id, kind, label, data in rows:
        problem = data_problem(kind, data)
        if problem is not None:
            report.problems.append(
                Problem(
                    Code.INVALID,
                    Severity.WARNING,
                    f"corbeille n°{item_id} « {label} »",
                    f"illisible : {problem}",
                    action="cet élément ne peut pas être restauré ; le reste de la Corbeille "
                    "n'en est pas touché.",
                )
            )


def _check_settings(session: Session, report: HealthReport) -> None:
    """A stored setting that cannot be read is ignored (its default serves): say which."""
    stored = {row.key: row.value for row in session.scalars(select(Setting))}
    for name, problem in stored_problems(stored).items():
        report.problems.append(
            Problem(
                Code.SETTING,
                Severity.WARNING,
                f"réglage {name}",
                f"valeur enregistrée ignorée, la valeur par défaut sert ({problem})",
                action="« kiosk check --fix » (ou « Ranger et réparer sans risque ») le remet à "
                "sa valeur par défaut ; choisissez-le ensuite dans Réglages.",
                detail=name,
            )
        )
