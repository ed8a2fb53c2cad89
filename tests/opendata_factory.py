"""Open-data files as they come, written by the tests: a CGET-like national CSV of tiers-lieux.

The national dataset (CGET 2019, 1,512 rows) is a semicolon CSV in Latin-1 with the columns
``NOM_TL, CP, NOMCOM, INSEECOM, INSEEDEP, LAT, LONG, WEB…``; its Allier rows have ``CP`` at
``0``, coordinates with decimal commas, and websites such as ``www.la-cordee.netla-cordee-opera``
or ``en cours``. :func:`write_cget_csv` writes a file like it.
"""

from __future__ import annotations

from pathlib import Path

CGET_COLUMNS = (
    "ID",
    "NOM_TL",
    "ADRESSE",
    "CP",
    "NOMCOM",
    "INSEECOM",
    "INSEEDEP",
    "NOMDEP",
    "INSEEREG",
    "LAT",
    "LONG",
    "WEB",
    "TYPE_TL",
)
# The four Allier rows: (name, commune, INSEECOM, INSEEDEP, CP, LAT, LONG, WEB).
ALLIER_ROWS = (
    (
        "Le Mazier",
        "Bourbon-l'Archambault",
        "03036",
        "03",
        "0",
        "46,5842",
        "3,0572",
        "www.bocage-numerique.fr",
    ),
    (
        "La Cordée Moulins",
        "Moulins",
        "03190",
        "03",
        "0",
        "46,5653",
        "3,3333",
        "www.la-cordee.netla-cordee-opera",
    ),
    ("Espace numérique de Cérilly", "Cérilly", "03048", "03", "0", "46,6186", "2,8217", "en cours"),
    (
        "Fab'Lab de Vichy",
        "Vichy",
        "03310",
        "03",
        "0",
        "46,1244",
        "3,4283",
        "contact@fablab-vichy.fr",
    ),
)
ALLIER_NAMES = tuple(row[0] for row in ALLIER_ROWS)
_OTHER_DEPARTMENTS: tuple[tuple[str, str, str, float, float], ...] = (
    ("01", "Ain", "84", 46.2, 5.2),
    ("15", "Cantal", "84", 45.0, 2.4),
    ("2A", "Corse-du-Sud", "94", 41.9, 8.7),
    ("33", "Gironde", "75", 44.8, -0.6),
    ("35", "Ille-et-Vilaine", "53", 48.1, -1.7),
    ("42", "Loire", "84", 45.4, 4.4),
    ("58", "Nièvre", "27", 47.0, 3.2),
    ("63", "Puy-de-Dôme", "84", 45.8, 3.1),
    ("69", "Rhône", "84", 45.8, 4.8),
    ("75", "Paris", "11", 48.86, 2.35),
    ("971", "Guadeloupe", "01", 16.2, -61.5),
)
_WEBSITES = (
    "www.tiers-lieu-{i}.fr",
    "https://lieu{i}.example.org",
    "",
    "en cours",
    "http://asso{i}.fr/",
)


def _comma(value: float) -> str:
    return f"{value:.4f}".replace(".", ",")


def cget_rows(others: int = 1505, unknown: int = 3) -> list[list[str]]:
    """The records (without header): the four Allier rows, ``others`` rows of other
    departments (some with ``CP`` at ``0``), and ``unknown`` rows with no department at all."""
    rows: list[list[str]] = []
    number = 1
    for name, commune, insee, dep, cp, lat, lon, web in ALLIER_ROWS:
        rows.append(
            [str(number), name, "1 rue de la Gare", cp, commune, insee, dep, "Allier", "84"]
        )
        rows[-1] += [lat, lon, web, "Coworking"]
        number += 1
    for i in range(others):
        dep, dep_name, region, latitude, longitude = _OTHER_DEPARTMENTS[i % len(_OTHER_DEPARTMENTS)]
        insee = f"{dep}{i % 900 + 1:03d}" if len(dep) == 2 else f"{dep}{i % 9 + 1:02d}"
        cp = "0" if i % 4 == 0 else (f"{dep}{(i % 90) * 10:03d}" if dep.isdigit() else "20000")
        web = _WEBSITES[i % len(_WEBSITES)].format(i=i)
        rows.append(
            [
                str(number),
                f"Tiers-lieu n°{i} ({dep_name})",
                f"{i} place de l'Église",
                cp,
                f"Commune {i % 300} ({dep_name})",
                insee,
                dep,
                dep_name,
                region,
                _comma(latitude + (i % 50) / 100),
                _comma(longitude + (i % 40) / 100),
                web,
                "Fablab" if i % 3 else "Atelier partagé",
            ]
        )
        number += 1
    for i in range(unknown):
        rows.append(
            [str(number), f"Lieu sans adresse {i}", "", "0", "", "", "", "", "", "", "", "", ""]
        )
        number += 1
    return rows


def cget_text(others: int = 1505, unknown: int = 3) -> str:
    lines = [";".join(CGET_COLUMNS)]
    lines += [";".join(row) for row in cget_rows(others, unknown)]
    return "\r\n".join(lines) + "\r\n"


def write_cget_csv(
    path: Path, *, encoding: str = "latin-1", others: int = 1505, unknown: int = 3
) -> Path:
    """A CGET-like national CSV (1,512 rows by default) in ``encoding``."""
    path.write_bytes(cget_text(others, unknown).encode(encoding))
    return path
