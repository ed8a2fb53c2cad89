"""Checks of what lies in the media folders and is no media: interrupted copies, staging
folders, files the catalogue does not name."""

from __future__ import annotations

from pathlib import Path

from kiosk.config import ContentRoot
from kiosk.library.durable import TEMP_PREFIX
from kiosk.library.health.problems import TIDY_ACTION, Code, HealthReport, Problem, Severity
from kiosk.library.images import PDF_SUFFIX
from kiosk.library.importing import suffix_kind
from kiosk.library.leftovers import iter_staging_dirs
from kiosk.store.models import MediaKind


def _stray_title(path: Path) -> str:
    """« Un fichier vidéo que rien n'utilise »: what the file is, not its path."""
    kind = suffix_kind(path)
    if kind is MediaKind.VIDEO:
        return "Un fichier vidéo que rien n'utilise"
    if kind is MediaKind.IMAGE or path.suffix.lower() == PDF_SUFFIX:
        return "Un fichier image que rien n'utilise"
    return "Un fichier que rien n'utilise"


def _check_leftovers(root: ContentRoot, known: set[str], report: HealthReport) -> None:
    for folder in (root.assets_dir, root.videos_dir):
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file() or p.is_symlink()):
            relative = path.relative_to(root.home).as_posix()
            if path.name.startswith(TEMP_PREFIX):
                report.problems.append(
                    Problem(
                        Code.PARTIAL,
                        Severity.WARNING,
                        relative,
                        "copie interrompue",
                        action=TIDY_ACTION,
                    )
                )
            elif relative not in known:
                report.problems.append(
                    Problem(
                        Code.ORPHAN,
                        Severity.WARNING,
                        relative,
                        "fichier que rien n'utilise (aucun média de la borne ne le nomme)",
                        action=TIDY_ACTION,
                        detail=f"{relative} (aucun média de la borne ne le nomme)",
                        title=_stray_title(path),
                    )
                )
    for staging in iter_staging_dirs(root):
        report.problems.append(
            Problem(
                Code.PARTIAL,
                Severity.WARNING,
                staging.relative_to(root.home).as_posix(),
                "arrivée d'un lot interrompue (un dossier provisoire est resté)",
                action=TIDY_ACTION,
            )
        )
