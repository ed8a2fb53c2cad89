"""Repairing what is safe: partial files and staging folders removed, caches rebuilt, orphan
files moved to the trash (never deleted)."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from kiosk.config import ContentRoot
from kiosk.library import content_lock
from kiosk.library.health.problems import Code, FixReport, HealthReport
from kiosk.library.media_admin import TRASH_DIR, move_to_trash
from kiosk.store.database import Catalogue
from kiosk.store.models import MediaAsset, MediaKind, Setting


def fix(
    catalogue: Catalogue,
    root: ContentRoot,
    report: HealthReport,
    *,
    rebuild_caches: bool = True,
) -> FixReport:
    """Repair what is safe; return what was done."""
    done = FixReport()
    batch = "sante-" + datetime.now().strftime("%Y%m%d-%H%M%S")
    # A partial or not-yet-recorded file may be an import of another process, in progress.
    done.busy = not content_lock.alone(root)
    for problem in [] if done.busy else report.of(Code.PARTIAL):
        path = root.home / problem.subject
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        done.removed_partial.append(problem.subject)
    for problem in [] if done.busy else report.of(Code.ORPHAN):
        if _recorded(catalogue, problem.subject):
            continue  # recorded since the check ran: not an orphan any more
        moved = move_to_trash(root, problem.subject, batch)
        if moved is not None:
            done.trashed_orphans.append(problem.subject)
            done.trash_folder = root.home / TRASH_DIR / batch
    if rebuild_caches:
        _rebuild_caches(catalogue, root, report, done)
    _reset_settings(catalogue, report, done)
    return done


def _reset_settings(catalogue: Catalogue, report: HealthReport, done: FixReport) -> None:
    """Remove the stored value of each setting the check found unreadable: its default serves."""
    from kiosk.library.settings import stored_problem

    with catalogue.session() as session:
        for problem in report.of(Code.SETTING):
            row = session.get(Setting, problem.detail)
            if row is not None and stored_problem(row.key, row.value) is not None:
                session.delete(row)
                done.settings_reset.append(row.key)


def _recorded(catalogue: Catalogue, relative: str) -> bool:
    with catalogue.session() as session:
        return (
            session.scalars(
                select(MediaAsset.id).where(
                    (MediaAsset.path == relative) | (MediaAsset.subtitles_path == relative)
                )
            ).first()
            is not None
        )


def _rebuild_caches(
    catalogue: Catalogue, root: ContentRoot, report: HealthReport, done: FixReport
) -> None:
    """Image renditions (kiosk.library.images) rebuilt where any is missing."""
    try:
        from kiosk.library import images
    except ImportError:
        return
    damaged = {p.subject for p in report.errors}
    with catalogue.session() as session:
        paths = list(
            session.scalars(select(MediaAsset.path).where(MediaAsset.kind == MediaKind.IMAGE))
        )
    for relative in paths:
        if relative in damaged:
            continue
        try:
            images.ensure_renditions(root, relative)
            done.caches_rebuilt += 1
        except Exception as error:  # a bad image must not stop the others
            done.caches_failed.append(f"{relative} ({error})")


def trash_folder(root: ContentRoot) -> Path:
    return root.home / TRASH_DIR
