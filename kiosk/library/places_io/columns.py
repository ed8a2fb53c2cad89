"""The columns of a places file: the fields an import fills, the column names of French
open-data sets that mean each of them, and matching a file's columns to them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

from kiosk.library.places_io.reading import PlacesFileError
from kiosk.library.printable import shown

# The fields of a place an import fills, and the column names that mean each of them
# (compared without case, accents, spaces or punctuation), the most specific first.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "name": (
        "nom",
        "nom_tl",
        "name",
        "nom_lieu",
        "nom_du_lieu",
        "nom_tiers_lieu",
        "nom_du_tiers_lieu",
        "titre",
        "title",
        "denomination",
        "raison_sociale",
        "libelle",
    ),
    "commune": (
        "commune",
        "nomcom",
        "nom_com",
        "ville",
        "city",
        "nom_commune",
        "libelle_commune",
        "localite",
        "town",
    ),
    "latitude": ("latitude", "lat", "y_lat", "geo_lat", "coord_lat", "wgs84_lat"),
    "longitude": ("longitude", "long", "lon", "lng", "x_long", "geo_lon", "coord_lon", "wgs84_lon"),
    "coordinates": ("geo_point_2d", "coordonnees", "geolocalisation", "geo_point", "latlon"),
    "website": ("site_web", "web", "url", "site", "site_internet", "website", "siteweb", "lien"),
    "description": ("description", "descriptif", "presentation", "desc", "resume"),
    "postcode": ("code_postal", "cp", "codepostal", "postcode", "postal_code", "zip"),
    "insee": (
        "code_insee",
        "insee",
        "inseecom",
        "insee_com",
        "code_insee_commune",
        "code_commune_insee",
        "codecommune",
        "code_commune",
        "com_insee",
        "depcom",
        "codgeo",
    ),
    "department": (
        "code_departement",
        "code_du_departement",
        "inseedep",
        "insee_dep",
        "code_dep",
        "code_dept",
        "coddep",
        "num_dep",
        "num_departement",
        "numero_departement",
        "departement_code",
        "dep",
        "dept",
        "departement",
    ),
    "tags": ("tags", "etiquettes", "typologie", "type", "types", "categorie", "categories"),
}
FIELDS = tuple(FIELD_ALIASES)


# The gate's fields, in the words of the report.
FIELD_LABELS = {
    "places.name": "nom",
    "places.commune": "commune",
    "places.description": "description",
    "places.website": "site web",
    "places.latitude": "latitude",
    "places.longitude": "longitude",
    "places.slug": "identifiant",
    "tags.name": "mot-clé",
}


def normalise_column(name: str) -> str:
    """``NOM_TL``, ``Nom du lieu`` and ``nom-du-lieu`` all become ``nom_tl``/``nom_du_lieu``."""
    decomposed = unicodedata.normalize("NFKD", name.strip().lstrip("\ufeff").casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "_", plain).strip("_")


def match_columns(columns: Sequence[str], column_map: Mapping[str, str]) -> dict[str, str]:
    """Which column of the file gives each field: ``--map`` first, then the known names."""
    by_normal: dict[str, str] = {}
    for column in columns:
        by_normal.setdefault(normalise_column(column), column)
    chosen: dict[str, str] = {}
    for field_name, column in column_map.items():
        actual = column if column in columns else by_normal.get(normalise_column(column))
        if actual is None:
            raise PlacesFileError(
                f"--map {field_name}={shown(column)} : le fichier n'a pas de colonne "
                f"« {shown(column)} » (colonnes : {_column_list(columns)})."
            )
        chosen[field_name] = actual
    taken = set(chosen.values())
    for field_name, aliases in FIELD_ALIASES.items():
        if field_name in chosen:
            continue
        for alias in aliases:
            if alias in by_normal and by_normal[alias] not in taken:
                chosen[field_name] = by_normal[alias]
                taken.add(by_normal[alias])
                break
    if "__geometry_lat" in columns:
        chosen.setdefault("latitude", "__geometry_lat")
        chosen.setdefault("longitude", "__geometry_lon")
    return chosen


def _column_list(columns: Iterable[str]) -> str:
    return ", ".join(shown(c, 40) for c in columns if not c.startswith("__"))
