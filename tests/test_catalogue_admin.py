"""The Qt-free catalogue administration (places, map, albums, pages) on a real SQLite file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from kiosk.config import ContentRoot
from kiosk.library.catalogue_admin import albums, communes, maps, pages, places
from kiosk.library.importing import import_media
from kiosk.library.slugs import free_slug, place_slug, slugify
from kiosk.library.trash import list_trash, restore
from kiosk.store.database import Catalogue
from kiosk.store.models import MapImage, MediaRole, Place, Tag, TrashKind
from kiosk.store.validation import MAX_SLUG, ValidationError, check_value
from tests.media_factory import make_image


def test_one_slug_rule_for_places_albums_and_pages() -> None:
    assert slugify("Bourbon-l'Archambault", "lieu") == "bourbon-l-archambault"
    assert slugify("  Œuvre « été » 2026 !", "lieu") == "oeuvre-ete-2026"
    assert slugify("Straße Ærø", "lieu") == "strasse-aero"
    assert slugify("???", "lieu") == "lieu"
    assert slugify("", "carnet") == "carnet"
    long = slugify("mot " * 60, "lieu")
    assert len(long) <= MAX_SLUG and not long.endswith("-") and long.endswith("mot")
    assert len(long) > MAX_SLUG - len("-mot")  # the longest whole words that fit
    assert free_slug("a", {"a", "a-2"}.__contains__) == "a-3"
    assert free_slug("b", {"a"}.__contains__) == "b"
    numbered = free_slug(long, {long}.__contains__)
    assert len(numbered) <= MAX_SLUG and numbered.endswith("-mot-2")
    check_value("places", "slug", numbered)
    taken = {"eglise", "eglise-moulins"}.__contains__
    assert place_slug("Église", "Yzeure", taken) == "eglise-yzeure"
    assert place_slug("Église", "Moulins", taken) == "eglise-moulins-2"
    assert place_slug("Église", None, taken) == "eglise-2"
    assert place_slug("Chapelle", "Moulins", taken) == "chapelle"


def test_a_place_is_saved_through_the_gate_and_refusals_change_nothing(
    sample_catalogue: Catalogue,
) -> None:
    fields = places.PlaceFields(
        name="La Fabrique",
        commune="Moulins",
        website="lafabrique.example.org",
        latitude=46.56,
        longitude=3.33,
        tags=["Culture", "Atelier"],
        tags_en=["Culture (EN)", "Workshop"],
        published=True,
    )
    place_id = places.save_place(sample_catalogue, None, fields)
    stored = places.place_fields(sample_catalogue, place_id)
    assert stored.slug == "la-fabrique"
    assert stored.website == "https://lafabrique.example.org"
    assert stored.tags == ["Atelier", "Culture"]
    assert stored.tags_en == ["Workshop", "Culture (EN)"]

    refused = places.PlaceFields(name="La Fabrique", slug="le-mazier")
    with pytest.raises(ValidationError) as taken:
        places.save_place(sample_catalogue, place_id, refused)
    assert taken.value.field == "places.slug"
    with pytest.raises(ValidationError) as script:
        places.save_place(
            sample_catalogue, place_id, places.PlaceFields(name="X", website="javascript:alert(1)")
        )
    assert script.value.field == "places.website"
    with pytest.raises(ValidationError) as bad_name:
        places.save_place(sample_catalogue, place_id, places.PlaceFields(name="a\x00b"))
    assert bad_name.value.field == "places.name"
    assert places.place_fields(sample_catalogue, place_id).name == "La Fabrique"
    # A second place of the same name gets a free identifier.
    second = places.save_place(sample_catalogue, None, places.PlaceFields(name="La Fabrique"))
    assert places.place_fields(sample_catalogue, second).slug == "la-fabrique-2"


def test_a_deleted_place_goes_to_the_corbeille_and_comes_back(
    sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    mazier = next(p for p in places.list_places(sample_catalogue) if p.name == "Le Mazier")
    item = places.delete_place(sample_catalogue, mazier.id)
    assert mazier.id not in [p.id for p in places.list_places(sample_catalogue)]
    entry = next(e for e in list_trash(sample_catalogue) if e.id == item)
    assert entry.kind is TrashKind.PLACE and entry.label == "Le Mazier"
    restored = restore(sample_catalogue, content_root, item)
    assert restored.place_id is not None
    back = places.place_fields(sample_catalogue, restored.place_id)
    assert (back.name, back.commune, back.map_x) == ("Le Mazier", "Bourbon-l'Archambault", 0.5)


def _second_image(catalogue: Catalogue, root: ContentRoot, tmp_path: Path) -> int:
    with catalogue.session() as session:
        asset = import_media(
            session, root, make_image(tmp_path / "carte2.png", (400, 300), "#224466"), MediaRole.MAP
        )
        session.flush()
        return asset.id


def test_one_current_map_by_the_rule_and_by_the_database(
    sample_catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    first = maps.map_details(sample_catalogue)
    assert first is not None
    image = _second_image(sample_catalogue, content_root, tmp_path)
    second = maps.save_map(sample_catalogue, image, "Nouvelle carte", "Atelier", "Workshop")
    details = maps.map_details(sample_catalogue)
    assert details is not None and details.id == second and details.credit_en == "Workshop"
    # Back to the first: its id is lower, so a careless flush order would break the index.
    maps.save_map(sample_catalogue, first.image_id, "Carte test", "")
    with sample_catalogue.session() as session:
        current = session.scalars(select(MapImage.id).where(MapImage.is_current)).all()
    assert current == [first.id]

    # The database itself refuses a second current map, through the ORM and through plain SQL.
    with pytest.raises(IntegrityError), sample_catalogue.session() as session:
        session.get_one(MapImage, second).is_current = True
    connection = sqlite3.connect(sample_catalogue.engine.url.database or "")
    try:
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
            connection.execute("UPDATE maps SET is_current = 1 WHERE id = ?", (second,))
        # Any number of maps that are not current are fine.
        connection.execute("UPDATE maps SET is_current = 0")
        connection.commit()
    finally:
        connection.close()


def test_reference_points_and_pins_of_places(sample_catalogue: Catalogue) -> None:
    maps.add_point(sample_catalogue, "Moulins", 46.56, 3.33, 600, 300)
    maps.add_point(sample_catalogue, "Montluçon", 46.34, 2.60, 100, 400)
    details = maps.map_details(sample_catalogue)
    assert details is not None and [p.label for p in details.points] == ["Moulins", "Montluçon"]
    with pytest.raises(ValidationError) as refused:
        maps.add_point(sample_catalogue, " ", 46.0, 3.0, 1, 1)
    assert refused.value.field == "geo_points.label"
    spot = maps.pin_of(sample_catalogue, 46.56, 3.33)
    assert spot is not None and spot == pytest.approx((0.75, 0.5), abs=0.01)
    names = [pin.name for pin in maps.place_pins(sample_catalogue)]
    assert names == ["Le Mazier"]  # La MAGIC has neither a pin nor coordinates
    maps.remove_point(sample_catalogue, details.points[0].id)
    assert maps.pin_of(sample_catalogue, 46.56, 3.33) is None  # one point is no fit


def test_albums_order_captions_english_and_moving_a_drawing(sample_catalogue: Catalogue) -> None:
    first = albums.list_albums(sample_catalogue)[0]
    fields = albums.album_fields(sample_catalogue, first.id)
    ids = [item.id for item in fields.items]
    fields.date_label_en, fields.credit_en = "June 2022", "Drawings by Pascaline"
    albums.save_album(
        sample_catalogue, first.id, fields, ids[::-1], {ids[0]: ("Légende", "Caption")}
    )
    saved = albums.album_fields(sample_catalogue, first.id)
    assert [i.id for i in saved.items] == ids[::-1]
    assert (saved.items[-1].caption, saved.items[-1].caption_en) == ("Légende", "Caption")
    assert (saved.date_label_en, saved.credit_en) == ("June 2022", "Drawings by Pascaline")
    with pytest.raises(ValidationError):
        albums.save_album(sample_catalogue, first.id, saved, ids[:1])

    other = albums.new_album(sample_catalogue, "Nouveau carnet")
    assert [a.title for a in albums.list_albums(sample_catalogue)][-1] == "Nouveau carnet"
    albums.move_item(sample_catalogue, ids[0], other)
    moved = albums.album_fields(sample_catalogue, other)
    assert [(i.caption, i.caption_en) for i in moved.items] == [("Légende", "Caption")]
    left = albums.album_fields(sample_catalogue, first.id).items
    assert len(left) == 2
    albums.move_album(sample_catalogue, other, -1)
    assert albums.list_albums(sample_catalogue)[0].id == other


def test_a_page_is_added_then_edited(sample_catalogue: Catalogue) -> None:
    page_id = pages.new_page(sample_catalogue, "Horaires d'été")
    row = pages.list_pages(sample_catalogue)[-1]
    assert (row.id, row.title, row.published) == (page_id, "Horaires d'été", False)
    pages.save_page(
        sample_catalogue, page_id, pages.PageFields("Horaires d'été", "Summer hours", "# Été", "")
    )
    stored = pages.page_fields(sample_catalogue, page_id)
    assert (stored.title_en, stored.body, stored.body_en) == ("Summer hours", "# Été", None)
    with pytest.raises(ValidationError) as refused:
        pages.save_page(sample_catalogue, page_id, pages.PageFields("<script>x</script>"))
    assert refused.value.field == "pages.title"


def test_a_commune_of_the_allier_gives_a_point_inside_it() -> None:
    names = communes.commune_names()
    assert len(names) == 317 and names[0] == "Abrest"
    latitude, longitude = communes.commune_point("moulins") or (0, 0)
    commune = communes.find_commune("Moulins")
    assert commune is not None and commune.contains(latitude, longitude)
    assert communes.find_commune("bourbon l archambault") is not None
    assert communes.commune_point("Clermont-Ferrand") is None
    # Every commune's point is inside it (concave ones too).
    for name in names:
        found = communes.find_commune(name)
        point = communes.commune_point(name)
        assert found is not None and point is not None and found.contains(*point), name


def test_tags_keep_their_english_name_when_a_form_leaves_it_empty(
    sample_catalogue: Catalogue,
) -> None:
    place_id = places.save_place(
        sample_catalogue, None, places.PlaceFields(name="A", tags=["Café"], tags_en=["Coffee"])
    )
    places.save_place(sample_catalogue, place_id, places.PlaceFields(name="A", tags=["Café"]))
    with sample_catalogue.session() as session:
        assert session.scalars(select(Tag.name_en).where(Tag.name == "Café")).one() == "Coffee"
        assert session.scalars(select(Place.slug).where(Place.id == place_id)).one() == "a"


def test_revision_0003_keeps_one_current_map_of_an_older_catalogue(tmp_path: Path) -> None:
    """A catalogue at 0002 with two maps marked current opens with the first one current."""
    from alembic import command
    from sqlalchemy import text

    from kiosk.store.database import alembic_config, make_engine

    db_path = tmp_path / "data.db"
    engine = make_engine(db_path)
    with engine.begin() as connection:
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
    with engine.begin() as connection:
        for n in (1, 2):
            connection.execute(
                text(
                    "INSERT INTO media_assets (id, kind, role, title, credit, path, sha256, "
                    "size_bytes, mime_type, is_demo, sort_order, created_at, is_film) VALUES "
                    "(:n, 'image', 'map', '', '', :path, :sha, 1, 'image/png', 0, 0, "
                    "'2026-12-01 10:00:00', 0)"
                ),
                {"n": n, "path": f"assets/carte{n}.png", "sha": f"{n:064x}"},
            )
            connection.execute(
                text(
                    "INSERT INTO maps (id, image_id, title, credit, is_current) "
                    "VALUES (:n, :n, :title, '', 1)"
                ),
                {"n": n, "title": f"Carte {n}"},
            )
    engine.dispose()
    catalogue = Catalogue(db_path)
    try:
        with catalogue.session() as session:
            assert session.scalars(select(MapImage.id).where(MapImage.is_current)).all() == [1]
    finally:
        catalogue.close()
