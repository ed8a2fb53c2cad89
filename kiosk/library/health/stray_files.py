"""Checks of what lies in the media folders and is no media: interrupted copies, staging
folders, files the catalogue does not name."""

from __future__ import annotations

from kiosk.config import ContentRoot
from kiosk.library.durable import TEMP_PREFIX
from kiosk.library.health.problems import TIDY_ACTION, Code, HealthReport, Problem, Severity
from kiosk.library.leftovers import iter_staging_dirs


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
