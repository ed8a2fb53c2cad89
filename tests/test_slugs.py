"""One slug rule whatever the door: the same name gives the same identifier through the staff
service, a CSV or GeoJSON file of places, and a folder imported into an album (real SQLite files,
one fresh catalogue per door)."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.config import ContentRoot
from kiosk.library.catalogue_admin import albums, places
from kiosk.library.import_jobs import Links, Outcome, import_files
from kiosk.library.places_io import import_places
from kiosk.store.database import Catalogue
from kiosk.store.models import Album, Place
from kiosk.store.validation import MAX_SLUG, check_value
from tests.media_factory import make_image

LONG = "Atelier partagé « Œuvre commune » de l'Écluse et des Forges " * 3  # 183 characters
PLACES = [  # two homonyms in two communes, a long name, a name with no letter
    ("Église Saint-Martin", "Moulins"),
    ("Église Saint-Martin", "Yzeure"),
    (LONG.strip(), "Bourbon-l'Archambault"),
    ("???", "Cérilly"),
]
ALBUMS = ["Carnet d'été — Cœur de Straße", LONG.strip(), "« ! »"]


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Callable[[str], tuple[ContentRoot, Catalogue]]]:
    opened: list[Catalogue] = []

    def make(name: str) -> tuple[ContentRoot, Catalogue]:
        root = ContentRoot(tmp_path / name)
        root.home.mkdir()
        root.ensure_folders()
        opened.append(Catalogue(root.db_path))
        return root, opened[-1]

    yield make
    for catalogue in opened:
        catalogue.close()


def place_slugs(catalogue: Catalogue) -> dict[tuple[str, str | None], str]:
    with catalogue.session() as session:
        return {(p.name, p.commune): p.slug for p in session.scalars(select(Place))}


def album_slugs(catalogue: Catalogue) -> dict[str, str]:
    with catalogue.session() as session:
        return {a.title: a.slug for a in session.scalars(select(Album))}


def test_a_place_gets_the_same_identifier_from_the_staff_area_a_csv_and_a_geojson(
    fresh: Callable[[str], tuple[ContentRoot, Catalogue]], tmp_path: Path
) -> None:
    _, staff = fresh("staff")
    for name, commune in PLACES:
        places.save_place(staff, None, places.PlaceFields(name=name, commune=commune))

    _, from_csv = fresh("csv")
    table = tmp_path / "lieux.csv"
    with table.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(["nom", "commune"])
        writer.writerows(PLACES)
    _, from_geojson = fresh("geojson")
    features = [
        {"type": "Feature", "geometry": None, "properties": {"nom": name, "commune": commune}}
        for name, commune in PLACES
    ]
    document = tmp_path / "lieux.geojson"
    document.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    for catalogue, path in ((from_csv, table), (from_geojson, document)):
        with catalogue.session() as session:
            report = import_places(session, path)
        assert len(report.added) == len(PLACES), report

    expected = place_slugs(staff)
    assert place_slugs(from_csv) == expected
    assert place_slugs(from_geojson) == expected
    assert expected[PLACES[0]] == "eglise-saint-martin"
    assert expected[PLACES[1]] == "eglise-saint-martin-yzeure"
    assert expected[PLACES[3]] == "lieu"
    long = expected[PLACES[2]]
    whole = "atelier-partage-oeuvre-commune-de-l-ecluse-et-des-forges-" * 3
    assert whole.startswith(long + "-") and len(long) <= MAX_SLUG
    assert whole.index("-", len(long) + 1) > MAX_SLUG  # the next whole word would not fit
    for slug in expected.values():
        check_value("places", "slug", slug)


def test_an_album_gets_the_same_identifier_from_the_staff_area_and_a_folder_import(
    fresh: Callable[[str], tuple[ContentRoot, Catalogue]], tmp_path: Path
) -> None:
    _, staff = fresh("staff")
    for title in ALBUMS:
        albums.new_album(staff, title)
    root, imported = fresh("folder")
    for index, title in enumerate(ALBUMS):
        drawing = make_image(tmp_path / f"dessin-{index}.png", (300 + index, 200))
        report = import_files(imported, root, [drawing], Links(album=title))
        assert [r.outcome for r in report.results] == [Outcome.IMPORTED]

    expected = album_slugs(staff)
    assert album_slugs(imported) == expected
    assert expected[ALBUMS[0]] == "carnet-d-ete-coeur-de-strasse"
    assert expected[ALBUMS[2]] == "carnet"
    assert len(expected[ALBUMS[1]]) <= MAX_SLUG


def test_an_album_whose_identifier_is_taken_gets_a_number_on_import(
    fresh: Callable[[str], tuple[ContentRoot, Catalogue]], tmp_path: Path
) -> None:
    """Two titles that give one identifier: the folder import numbers the second, as the staff
    area does, instead of failing on the database's unique identifier."""
    root, catalogue = fresh("home")
    albums.new_album(catalogue, "Été")
    report = import_files(catalogue, root, [make_image(tmp_path / "d.png")], Links(album="ÉTÉ !"))
    assert [r.outcome for r in report.results] == [Outcome.IMPORTED]
    assert album_slugs(catalogue) == {"Été": "ete", "ÉTÉ !": "ete-2"}
