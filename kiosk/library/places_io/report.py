"""The French report of a places import: what was added, updated, refused or left out, and why."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from kiosk.library.places_io.reading import count
from kiosk.library.places_io.rows import ImportReport
from kiosk.library.plurals import counted
from kiosk.library.printable import shown

MAX_LISTED = 200  # refusals and warnings listed one by one in a report; the rest are counted


def filter_summary(report: ImportReport) -> str | None:
    """Why rows were left out, in French, naming the columns used; None without a filter."""
    if report.department is None and report.bbox is None:
        return None
    kept = report.rows - report.filtered
    parts = []
    other = {column: n for (why, column), n in report.filtered_by.items() if why == "department"}
    if other:
        total = sum(other.values())
        sources = ", ".join(f"{shown(c, 40)}" for c in sorted(other, key=lambda c: -other[c]))
        parts.append(
            f"{count(total)} d'un autre département que {report.department} (colonne {sources})"
        )
    unknown = report.filtered_by.get(("no_department", ""), 0)
    if unknown:
        looked = [
            shown(report.columns[f], 40)
            for f in ("department", "insee", "postcode")
            if f in report.columns
        ]
        where = (
            f"colonnes {', '.join(looked)} vides, à 0 ou illisibles"
            if looked
            else "aucune colonne de département, de code INSEE ni de code postal reconnue ; "
            "indiquez-la avec --map department=COLONNE"
        )
        parts.append(f"{count(unknown)} sans département connu ({where})")
    outside = report.filtered_by.get(("bbox", ""), 0)
    if outside:
        parts.append(f"{count(outside)} hors du rectangle --bbox")
    no_position = report.filtered_by.get(("no_coordinates", ""), 0)
    if no_position:
        parts.append(f"{count(no_position)} sans coordonnées (le rectangle --bbox en demande)")
    kept_by = ""
    if report.kept_by and report.department is not None:
        kept_by = (
            f" (département d'après la colonne {', '.join(shown(c, 40) for c in report.kept_by)})"
        )
    summary = (
        f"Filtres : {_counted(kept, 'ligne gardée', 'lignes gardées')}{kept_by}, "
        f"{_counted(report.filtered, 'écartée', 'écartées')}"
    )
    if parts:
        summary += " : " + " ; ".join(parts)
    summary += "."
    if kept == 0 and report.departments_seen:
        common = ", ".join(
            f"{code} ({count(n)})" for code, n in report.departments_seen.most_common(5)
        )
        summary += f" Aucune ligne gardée : départements trouvés dans le fichier : {common}…"
    return summary


def format_report(report: ImportReport, limit: int = 40) -> Iterator[str]:
    """The report as lines for a terminal (French, like the rest of the staff tools).

    Refusals and warnings are listed up to :data:`MAX_LISTED`, additions and updates up to
    ``limit``; the rest are counted. Names from the file are printed safely (:func:`shown`).
    """
    added = len(report.added)
    if report.dry_run:
        verb = "serait ajouté" if added < 2 else "seraient ajoutés"
    else:
        verb = "a été ajouté" if added < 2 else "ont été ajoutés"
    mapped = ", ".join(
        f"{name}={shown(column, 40)}"
        for name, column in report.columns.items()
        if not column.startswith("__")
    )
    if mapped:
        yield f"Colonnes reconnues : {mapped}"
    yield (
        f"{_counted(added, 'lieu', 'lieux')} {verb}, {count(len(report.updated))} mis à jour, "
        f"{_counted(report.unchanged, 'inchangé', 'inchangés')}, "
        f"{_counted(report.filtered, 'écarté', 'écartés')} par les filtres, "
        f"{_counted(len(report.rejected), 'refusé', 'refusés')}"
        + (
            f", {_counted(len(report.warnings), 'avertissement', 'avertissements')}."
            if report.warnings
            else "."
        )
    )
    summary = filter_summary(report)
    if summary:
        yield summary
    for change in report.added[:limit]:
        yield (
            f"  + {change.location} : {shown(change.name)} "
            f"({shown(change.commune or 'commune inconnue')})"
        )
    if len(report.added) > limit:
        yield f"  + … et {_counted(len(report.added) - limit, 'autre ajout', 'autres ajouts')}"
    for change in report.updated[:limit]:
        yield (
            f"  ~ {change.location} : {shown(change.name)} "
            f"({shown(change.commune or 'commune inconnue')}) : {', '.join(change.fields)}"
        )
    if len(report.updated) > limit:
        more = len(report.updated) - limit
        yield f"  ~ … et {_counted(more, 'autre mise à jour', 'autres mises à jour')}"
    for mark, entries, one, many in (
        ("?", report.warnings, "autre avertissement", "autres avertissements"),
        ("!", report.rejected, "autre refus", "autres refus"),
    ):
        for entry in entries[:MAX_LISTED]:
            label = f" « {shown(entry.name)} »" if entry.name else ""
            yield f"  {mark} {entry.location}{label} : {entry.reason}"
        if len(entries) > MAX_LISTED:
            kinds = Counter(entry.reason.split(" : ")[0].split(" (")[0] for entry in entries)
            detail = ", ".join(f"{kind} : {count(n)}" for kind, n in kinds.most_common(5))
            yield f"  {mark} … et {_counted(len(entries) - MAX_LISTED, one, many)} ({detail})"


def _counted(number: int, one: str, many: str) -> str:
    return counted(number, one, many, shown=count(number))
