"""``kiosk stats``: what visitors used, over a date range; ``--csv`` for a spreadsheet."""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from kiosk.cli.common import EXIT_OK, add_command, open_catalogue
from kiosk.config import ConfigError, ContentRoot
from kiosk.library import usage


def register(commands: Any) -> None:
    parser = add_command(
        commands, "stats", command_stats, help="statistiques d'utilisation (anonymes)"
    )
    parser.add_argument("--from", dest="start", metavar="AAAA-MM-JJ", help="premier jour")
    parser.add_argument("--to", dest="end", metavar="AAAA-MM-JJ", help="dernier jour (inclus)")
    parser.add_argument(
        "--csv", metavar="FICHIER", help="écrire le résumé en CSV (« - » : sortie standard)"
    )


def _day(text: str | None, option: str, default: date) -> date:
    if text is None:
        return default
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"{option} {text} : date attendue au format AAAA-MM-JJ.") from None


def command_stats(root: ContentRoot, args: argparse.Namespace) -> int:
    end = _day(args.end, "--to", date.today())
    start = _day(args.start, "--from", end - timedelta(days=29))
    if start > end:
        raise ConfigError(f"--from {start} est après --to {end}.")
    catalogue = open_catalogue(root)
    try:
        summary = usage.named(catalogue, usage.summarize(catalogue, start, end))
    finally:
        catalogue.close()
    if args.csv:
        if args.csv == "-":
            sys.stdout.write(usage.to_csv(summary))
        else:
            target = Path(args.csv)
            try:
                usage.write_csv(summary, target)
            except OSError as error:
                raise ConfigError(f"{target} : écriture impossible ({error.strerror}).") from None
            print(f"Résumé écrit dans {target}.")
        return EXIT_OK
    print(f"Du {usage.french_day(start)} au {usage.french_day(end)}")
    minutes = round(summary.visit_seconds / 60)
    visits = f"{summary.visits} visite" + ("s" if summary.visits > 1 else "")
    print(f"{visits} (durée totale : {minutes} min)")
    for title, counts in (
        ("Écrans ouverts", summary.screens),
        ("Lieux consultés", summary.places),
        ("Vidéos lancées", summary.videos),
        ("Carnets ouverts", summary.drawings),
        ("Langues", summary.languages),
    ):
        print(f"{title} :")
        if not counts:
            print("  (aucun)")
        for item, count in list(counts.items())[:15]:
            print(f"  {count:6d}  {item}")
    return EXIT_OK
