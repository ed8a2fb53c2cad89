"""``kiosk check [--fix] [--quick]``: the health check of the content root."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.cli.common import EXIT_ERROR, EXIT_OK, add_command, add_flag
from kiosk.cli.progress import ProgressBar
from kiosk.config import ContentRoot
from kiosk.library.french_format import human_size
from kiosk.library.health import HealthReport, check, fix
from kiosk.library.plurals import counted


def register(commands: Any) -> None:
    parser = add_command(
        commands,
        "check",
        command_check,
        help="vérifier les fichiers et le catalogue",
        description="Fichiers manquants ou abîmés, médias illisibles, fichiers que rien "
        "n'utilise, copies interrompues, état de la base, place libre. --fix répare ce qui est "
        "sans risque.",
    )
    add_flag(
        parser,
        "--fix",
        "supprimer les copies interrompues, refaire les aperçus, mettre de côté dans la "
        "Corbeille les fichiers que rien n'utilise",
    )
    add_flag(
        parser,
        "--quick",
        "ne pas relire chaque fichier en entier (plus rapide ; ne voit pas un fichier "
        "modifié à taille égale)",
    )


def command_check(root: ContentRoot, args: argparse.Namespace) -> int:
    # The catalogue is opened without open_catalogue's clean-up, so partial files are reported.
    from kiosk.store.database import Catalogue

    root.ensure_folders()
    catalogue = Catalogue(root.db_path)
    bar = ProgressBar()
    try:
        report = check(
            catalogue,
            root,
            verify_hashes=not args.quick,
            probe=not args.quick,
            progress=lambda done, total: bar.update(done, total, "vérification"),
        )
        bar.finish()
        for line in report_lines(report):
            print(line)
        print(
            f"{counted(report.media_checked, 'média vérifié', 'médias vérifiés')}, "
            f"{human_size(report.bytes_checked)} "
            f"relus ; base {'en bon état' if report.database_ok else 'ENDOMMAGÉE'} ; "
            f"{human_size(report.free_bytes)} libres sur {human_size(report.total_bytes)}."
        )
        if args.fix:
            done = fix(catalogue, root, report)
            for line in done.lines():
                print(line)
            if done.trashed_orphans and done.trash_folder is not None:
                print(f"  (mis de côté dans le dossier {done.trash_folder})")
            if not done.lines():
                print("Rien à réparer automatiquement.")
    finally:
        bar.finish()
        catalogue.close()
    errors = len(report.errors)
    warnings = len(report.warnings)
    print(
        f"{counted(errors, 'erreur', 'erreurs')}, "
        f"{counted(warnings, 'avertissement', 'avertissements')}."
    )
    if errors:
        print("kiosk check : des erreurs demandent une action (voir ci-dessus).")
        return EXIT_ERROR
    return EXIT_OK


def report_lines(report: HealthReport) -> list[str]:
    """The problems grouped by gravity, errors first: a heading per group, then each problem,
    its explanation (uses, what visitors see, what to do, the technical detail) indented."""
    lines: list[str] = []
    for heading, problems in (
        ("Erreurs (à réparer)", report.errors),
        ("Avertissements", report.warnings),
    ):
        if not problems:
            continue
        lines.append(f"{heading} : {len(problems)}")
        for problem in problems:
            lines.append(f"  [{problem.severity.value}] {problem.headline}")
            lines += [f"      {line}" for line in problem.explanation()]
    return lines
