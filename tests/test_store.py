from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError

from kiosk.store.database import (
    SCHEMA_HEAD,
    Catalogue,
    CatalogueError,
    current_revision,
    head_revision,
)
from kiosk.store.models import (
    Album,
    AlbumItem,
    Base,
    GeoPoint,
    MapImage,
    MediaAsset,
    MediaKind,
    MediaRole,
    Page,
    Place,
    Setting,
    Tag,
    UsageEvent,
)
from kiosk.store.validation import ValidationError


def media(n: int = 1, **overrides: object) -> MediaAsset:
    values: dict[str, object] = {
        "kind": MediaKind.IMAGE,
        "role": MediaRole.DRAWING,
        "path": f"assets/{n:016x}.jpg",
        "sha256": f"{n:064x}",
        "size_bytes": 10,
        "mime_type": "image/jpeg",
        "width": 10,
        "height": 10,
    }
    values.update(overrides)
    return MediaAsset(**values)


def test_migrations_create_every_table_on_an_empty_database(tmp_path: Path) -> None:
    catalogue = Catalogue(tmp_path / "data.db")
    try:
        tables = set(inspect(catalogue.engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
        assert current_revision(catalogue.engine) == head_revision()
    finally:
        catalogue.close()


def test_the_schema_head_constant_is_the_newest_migration() -> None:
    assert head_revision() == SCHEMA_HEAD


def test_models_and_migrations_agree(catalogue: Catalogue) -> None:
    with catalogue.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"render_as_batch": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_opening_twice_migrates_once_and_keeps_data(tmp_path: Path) -> None:
    first = Catalogue(tmp_path / "data.db")
    with first.session() as session:
        session.add(Setting(key="idle_timeout_s", value="90"))
    first.close()
    second = Catalogue(tmp_path / "data.db")
    with second.session() as session:
        assert session.get(Setting, "idle_timeout_s") is not None
    second.close()


def test_pragmas_for_power_cuts_and_integrity(catalogue: Catalogue) -> None:
    with catalogue.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


def test_a_full_catalogue_round_trips(catalogue: Catalogue) -> None:
    with catalogue.session() as session:
        drawing, video, map_image = (
            media(1),
            media(
                2,
                kind=MediaKind.VIDEO,
                role=MediaRole.VIGNETTE,
                path="videos/2.mp4",
                duration_s=8.0,
            ),
            media(3),
        )
        session.add_all([drawing, video, map_image])
        session.flush()
        place = Place(
            slug="le-mazier",
            name="Le Mazier",
            commune="Bourbon-l'Archambault",
            latitude=46.5842,
            longitude=3.0572,
            map_x=0.4,
            map_y=0.5,
            video=video,
            tags=[Tag(name="tiers-lieu rural")],
        )
        map_row = MapImage(
            image=map_image,
            title="Carte",
            is_current=True,
            geo_points=[GeoPoint(latitude=46.5, longitude=3.0, x=10, y=20)],
        )
        album = Album(
            slug="fdtl",
            title="Faites des tiers-lieux",
            items=[AlbumItem(media=drawing, position=0, caption="Forum ouvert")],
        )
        session.add_all(
            [
                place,
                map_row,
                album,
                Page(slug="ess", title="C'est quoi l'ESS ?", body="# ESS"),
                UsageEvent(kind="open", subject="map"),
            ]
        )
    with catalogue.session() as session:
        stored = session.scalars(select(Place)).one()
        assert stored.video is not None and stored.video.duration_s == 8.0
        assert [tag.name for tag in stored.tags] == ["tiers-lieu rural"]
        assert stored.is_on_map
        assert session.scalars(select(MapImage)).one().geo_points[0].x == 10
        assert session.scalars(select(Album)).one().items[0].caption == "Forum ouvert"


def test_foreign_keys_are_enforced(catalogue: Catalogue) -> None:
    with pytest.raises(IntegrityError), catalogue.session() as session:
        album = Album(slug="a", title="A")
        session.add(album)
        session.flush()
        session.add(AlbumItem(album_id=album.id, media_id=999, position=0))
        session.flush()


def test_a_drawing_in_an_album_cannot_be_deleted(catalogue: Catalogue) -> None:
    with catalogue.session() as session:
        drawing = media(1)
        session.add(Album(slug="a", title="A", items=[AlbumItem(media=drawing, position=0)]))
    with pytest.raises(IntegrityError), catalogue.session() as session:
        session.execute(text("DELETE FROM media_assets"))


def test_the_same_content_cannot_be_recorded_twice(catalogue: Catalogue) -> None:
    with pytest.raises(IntegrityError), catalogue.session() as session:
        session.add_all([media(1), media(1, path="assets/other.jpg")])
        session.flush()


@pytest.mark.parametrize("field,value", [("latitude", 91.0), ("longitude", -200.0), ("map_x", 1.5)])
def test_out_of_range_positions_are_refused(catalogue: Catalogue, field: str, value: float) -> None:
    # By the gate, for every door of the kiosk…
    with pytest.raises(ValidationError, match=rf"places.{field}"), catalogue.session() as session:
        session.add(Place(slug="p", name="P", **{field: value}))
        session.flush()
    # …and by the database itself, for a row written behind the kiosk's back.
    with pytest.raises(IntegrityError), catalogue.engine.begin() as connection:
        connection.exec_driver_sql(
            f"INSERT INTO places (slug, name, description, sort_order, published, updated_at, "
            f"{field}) VALUES ('p', 'P', '', 0, 1, '2026-01-01', {value})"
        )


def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "data.db"
    db.write_bytes(b"this is not a database" * 100)
    before = db.read_bytes()
    with pytest.raises(CatalogueError, match=r"data\.db.*pas une base SQLite"):
        Catalogue(db)
    assert db.read_bytes() == before


def test_a_damaged_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "data.db"
    good = Catalogue(db)
    with good.session() as session:
        session.add_all([Page(slug=f"p{i}", title="x" * 150, body="y" * 3000) for i in range(50)])
    good.close()
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db.read_bytes())
    data[4096 * 2 : 4096 * 2 + 2000] = b"\xff" * 2000  # scribble over a b-tree page
    db.write_bytes(bytes(data))
    with pytest.raises(CatalogueError, match=r"data\.db"):
        Catalogue(db)
    assert db.read_bytes() == bytes(data)


def test_a_database_from_a_newer_kiosk_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "data.db"
    Catalogue(db).close()
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    with pytest.raises(CatalogueError, match="9999_future"):
        Catalogue(db)
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
            "9999_future",
        )


def test_the_revision_changes_with_every_commit_from_anywhere(tmp_path: Path) -> None:
    catalogue = Catalogue(tmp_path / "data.db")
    try:
        first = catalogue.revision()
        assert catalogue.revision() == first  # nothing committed
        with catalogue.session() as session:
            session.add(Page(slug="ess", title="L'ESS"))
        after_session = catalogue.revision()
        assert after_session != first
        with catalogue.session() as session:  # a read-only session commits nothing
            session.scalars(select(Page)).all()
        assert catalogue.revision() == after_session
        other = sqlite3.connect(tmp_path / "data.db")  # another process, a bundle import
        with other:
            other.execute("UPDATE pages SET title = 'Économie sociale et solidaire'")
        other.close()
        assert catalogue.revision() not in (first, after_session)
    finally:
        catalogue.close()
    assert not (tmp_path / "data.db-wal").exists()


def test_revision_0002_keeps_an_older_catalogue_and_chooses_one_film(tmp_path: Path) -> None:
    """A catalogue made at revision 0001 (three aftermovies, a tag, an album, a map) opens at
    the head: nothing lost, the new English fields empty, the first aftermovie the film."""
    from alembic import command

    from kiosk.store.database import alembic_config, make_engine

    db_path = tmp_path / "data.db"
    engine = make_engine(db_path)
    with engine.begin() as connection:
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    assert current_revision(engine) == "0001"
    with engine.begin() as connection:
        for n, (role, order) in enumerate(
            [("aftermovie", 5), ("aftermovie", 2), ("vignette", 0), ("aftermovie", 2)], start=1
        ):
            connection.execute(
                text(
                    "INSERT INTO media_assets (id, kind, role, title, credit, path, sha256, "
                    "size_bytes, mime_type, is_demo, sort_order, created_at) VALUES (:id, "
                    "'video', :role, :title, 'Julie', :path, :sha, 10, 'video/mp4', 0, :order, "
                    "'2021-07-01 10:00:00')"
                ),
                {
                    "id": n,
                    "role": role,
                    "title": f"vidéo {n}",
                    "path": f"videos/{n:016x}.mp4",
                    "sha": f"{n:064x}",
                    "order": order,
                },
            )
        connection.execute(text("INSERT INTO tags (id, name) VALUES (1, 'Culture')"))
        connection.execute(
            text(
                "INSERT INTO albums (id, slug, title, date_label, credit, sort_order, published) "
                "VALUES (1, 'fdtl', 'Faites des tiers-lieux', 'juin 2022', 'Pascaline', 0, 1)"
            )
        )
    engine.dispose()

    catalogue = Catalogue(db_path)
    try:
        assert current_revision(catalogue.engine) == SCHEMA_HEAD == "0003"
        with catalogue.session() as session:
            films = session.scalars(select(MediaAsset.id).where(MediaAsset.is_film)).all()
            assert films == [2]  # the first aftermovie by (sort_order, id), and only it
            assert session.scalars(select(MediaAsset.credit_en)).all() == [None] * 4
            assert [
                m.title for m in session.scalars(select(MediaAsset).order_by(MediaAsset.id))
            ] == [
                "vidéo 1",
                "vidéo 2",
                "vidéo 3",
                "vidéo 4",
            ]
            tag = session.get(Tag, 1)
            assert tag is not None and tag.name == "Culture" and tag.name_en is None
            album = session.get(Album, 1)
            assert album is not None and album.date_label == "juin 2022"
            assert album.date_label_en is None and album.credit_en is None
            album.date_label_en = "June 2022"
        with catalogue.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"render_as_batch": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        catalogue.close()

    engine = make_engine(db_path)  # and back down: the English fields go, the rest stays
    with engine.begin() as connection:
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM media_assets")).scalar() == 4
        assert "is_film" not in {c["name"] for c in inspect(connection).get_columns("media_assets")}
        assert "trash_items" not in inspect(connection).get_table_names()
    engine.dispose()
