"""Listing media with their uses, replacing and removing them (files go to trash/)."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from kiosk.config import ContentRoot
from kiosk.library.media_admin import (
    MediaAdminError,
    MediaEntry,
    MediaInUseError,
    all_uses,
    find_media,
    list_media,
    remove_media,
    replace_media,
    update_media,
    uses_of,
)
from kiosk.library.media_admin.listing import images_outside_albums
from kiosk.store.database import Catalogue
from kiosk.store.models import (
    Album,
    AlbumItem,
    MapImage,
    MediaAsset,
    MediaKind,
    MediaRole,
    Place,
)
from tests.media_factory import make_clip, make_image


def by_role(catalogue: Catalogue, role: MediaRole) -> list[int]:
    return [e.id for e in list_media(catalogue) if e.role is role]


def test_list_says_what_uses_each_media(sample_catalogue: Catalogue) -> None:
    entries = list_media(sample_catalogue)
    assert len(entries) == 6
    described = {e.role: [u.describe() for u in e.uses] for e in entries}
    assert described[MediaRole.VIGNETTE] == ["vidéo du lieu « Le Mazier »"]
    assert described[MediaRole.MAP] == ["image de la carte « Carte test »"]
    assert described[MediaRole.AFTERMOVIE] == ["le film de l'écran Vidéos"]
    drawings = [e for e in entries if e.role is MediaRole.DRAWING]
    assert all(
        [u.describe() for u in d.uses]
        == ["dessin du carnet « Faites des tiers-lieux »", "dessin de la boucle d'attente"]
        for d in drawings
    )
    assert [e.kind for e in list_media(sample_catalogue, MediaKind.VIDEO)] == [MediaKind.VIDEO] * 2


def test_find_by_id_name_or_hash(sample_catalogue: Catalogue) -> None:
    entry = list_media(sample_catalogue)[0]
    assert find_media(sample_catalogue, str(entry.id)).id == entry.id
    assert find_media(sample_catalogue, entry.path).id == entry.id
    assert find_media(sample_catalogue, Path(entry.path).name).id == entry.id
    assert find_media(sample_catalogue, entry.sha256[:12]).id == entry.id
    with pytest.raises(MediaAdminError, match="aucun média"):
        find_media(sample_catalogue, "nothing-like-this")


def test_removing_a_used_media_is_refused_with_its_uses(
    sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    (vignette,) = by_role(sample_catalogue, MediaRole.VIGNETTE)
    with pytest.raises(MediaInUseError, match="vidéo du lieu « Le Mazier »") as refused:
        remove_media(sample_catalogue, content_root, vignette)
    assert [u.what for u in refused.value.uses] == ["place-video"]
    assert find_media(sample_catalogue, str(vignette))


def test_confirmed_removal_unlinks_and_moves_the_file_to_trash(
    sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    drawing = by_role(sample_catalogue, MediaRole.DRAWING)[1]
    path = find_media(sample_catalogue, str(drawing)).path
    removal = remove_media(sample_catalogue, content_root, drawing, force=True)
    assert removal.trashed_to is not None and removal.trashed_to.is_file()
    assert "trash" in removal.trashed_to.parts
    assert not content_root.absolute(path).exists()
    with sample_catalogue.session() as session:
        album = session.scalars(select(Album)).one()
        assert drawing not in [item.media_id for item in album.items]
        assert len(album.items) == 2


def test_an_unused_media_is_removed_without_confirmation(
    sample_catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    from kiosk.library.importing import import_media

    with sample_catalogue.session() as session:
        spare = import_media(
            session, content_root, make_image(tmp_path / "spare.png"), MediaRole.PHOTO
        ).id
    assert uses_of_id(sample_catalogue, spare) == []
    remove_media(sample_catalogue, content_root, spare)
    assert spare not in by_role(sample_catalogue, MediaRole.PHOTO)


def test_the_film_is_used_by_the_videos_screen_and_asks_before_going(
    sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    """The bug of issue 17: the visitors' film was "inutilisé" and went with one "Oui"."""
    (aftermovie,) = by_role(sample_catalogue, MediaRole.AFTERMOVIE)
    with pytest.raises(MediaInUseError, match="le film de l'écran Vidéos"):
        remove_media(sample_catalogue, content_root, aftermovie)
    assert by_role(sample_catalogue, MediaRole.AFTERMOVIE) == [aftermovie]


def uses_of_id(catalogue: Catalogue, media_id: int) -> list[str]:
    with catalogue.session() as session:
        return [use.describe() for use in uses_of(session, media_id)]


def test_a_map_image_is_never_removed(
    sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    (map_id,) = by_role(sample_catalogue, MediaRole.MAP)
    with pytest.raises(MediaAdminError, match="image d'une carte"):
        remove_media(sample_catalogue, content_root, map_id, force=True)


def test_replace_puts_the_new_file_everywhere_the_old_one_was(
    sample_catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    (vignette,) = by_role(sample_catalogue, MediaRole.VIGNETTE)
    old = find_media(sample_catalogue, str(vignette))
    entry = replace_media(
        sample_catalogue, content_root, vignette, make_clip(tmp_path / "new.mp4", 0.5, (128, 72))
    )
    assert entry.id != vignette and entry.title == old.title and entry.role is MediaRole.VIGNETTE
    assert [u.describe() for u in entry.uses] == ["vidéo du lieu « Le Mazier »"]
    assert not content_root.absolute(old.path).exists()
    assert list((content_root.home / "trash").rglob(Path(old.path).name))
    (map_id,) = by_role(sample_catalogue, MediaRole.MAP)
    new_map = replace_media(
        sample_catalogue, content_root, map_id, make_image(tmp_path / "m.png", (900, 600), "#111")
    )
    with sample_catalogue.session() as session:
        assert session.scalars(select(MapImage)).one().image_id == new_map.id
        assert (
            session.scalars(select(Place).where(Place.slug == "le-mazier")).one().video_id
            == entry.id
        )


def test_replace_refuses_another_kind(
    sample_catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    (vignette,) = by_role(sample_catalogue, MediaRole.VIGNETTE)
    with pytest.raises(MediaAdminError, match="même type"):
        replace_media(sample_catalogue, content_root, vignette, make_image(tmp_path / "x.png"))


def test_update_title_credit_role(sample_catalogue: Catalogue) -> None:
    (aftermovie,) = by_role(sample_catalogue, MediaRole.AFTERMOVIE)
    entry = update_media(sample_catalogue, aftermovie, title="  Route 2021 ", credit="J. Siboni")
    assert (entry.title, entry.credit) == ("Route 2021", "J. Siboni")


def add_media_rows(catalogue: Catalogue, count: int, start: int = 0) -> list[int]:
    """``count`` media rows written straight into the catalogue (no files: the listing reads only
    rows); every third a video, some demo, some without size, some without title."""
    rows = [
        {
            "kind": MediaKind.VIDEO if n % 3 == 0 else MediaKind.IMAGE,
            "role": [MediaRole.VIGNETTE, MediaRole.DRAWING, MediaRole.PHOTO][n % 3],
            "title": "" if n % 7 == 0 else f"Média {n}",
            "credit": f"auteur {n % 4}",
            "path": f"{'videos' if n % 3 == 0 else 'assets'}/lot/{n:05d}.bin",
            "sha256": f"{n:064x}",
            "size_bytes": 1000 + n,
            "mime_type": "video/mp4" if n % 3 == 0 else "image/png",
            "width": None if n % 5 == 0 else 640,
            "height": None if n % 5 == 0 else 480,
            "duration_s": 12.5 if n % 3 == 0 else None,
            "is_demo": n % 4 == 0,
        }
        for n in range(start, start + count)
    ]
    with catalogue.session() as session:
        session.execute(insert(MediaAsset), rows)
        return list(
            session.scalars(
                select(MediaAsset.id).where(MediaAsset.path.like("%/lot/%")).order_by(MediaAsset.id)
            )
        )


def orm_media_list(catalogue: Catalogue) -> list[tuple[object, ...]]:
    """The staff list as the ORM gives it (objects and relationships, no shortcut): the reference
    the fast listing must match field for field, uses in the same order."""
    with catalogue.session() as session:
        places = session.scalars(select(Place).order_by(Place.name, Place.id)).all()
        items = session.scalars(select(AlbumItem).order_by(AlbumItem.id)).all()
        maps = session.scalars(select(MapImage).order_by(MapImage.id)).all()
        assets = session.scalars(
            select(MediaAsset).order_by(MediaAsset.kind, MediaAsset.role, MediaAsset.id)
        ).all()
        chosen = [a for a in assets if a.is_film]
        aftermovies = sorted(
            (a for a in assets if a.role is MediaRole.AFTERMOVIE),
            key=lambda a: (a.sort_order, a.id),
        )
        film = chosen[0] if chosen else aftermovies[0] if aftermovies else None
        listed: list[tuple[object, ...]] = []
        for asset in assets:
            uses: list[tuple[str, str]] = []
            if asset is film:
                uses.append(("film", ""))
            elif asset.role is MediaRole.AFTERMOVIE:
                uses.append(("other-film", ""))
            elif asset.role is MediaRole.VIGNETTE and not any(
                p.video is asset and p.published for p in places
            ):
                uses.append(("videos", ""))
            for place in places:
                if place.photo is asset:
                    uses.append(("place-photo", place.name))
                if place.video is asset:
                    uses.append(("place-video", place.name))
            uses += [("album", item.album.title) for item in items if item.media is asset]
            if any(item.media is asset and item.album.published for item in items):
                uses.append(("attract", ""))
            uses += [("map", map_image.title) for map_image in maps if map_image.image is asset]
            listed.append(
                (
                    asset.id,
                    asset.kind,
                    asset.role,
                    asset.title,
                    asset.credit,
                    asset.path,
                    asset.sha256,
                    asset.size_bytes,
                    asset.width,
                    asset.height,
                    asset.duration_s,
                    asset.is_demo,
                    tuple(uses),
                )
            )
        return listed


def as_rows(entries: list[MediaEntry]) -> list[tuple[object, ...]]:
    return [(*entry[:12], tuple((u.what, u.label) for u in entry.uses)) for entry in entries]


@pytest.fixture
def shared_catalogue(sample_catalogue: Catalogue) -> Catalogue:
    """The sample catalogue plus 300 media (more than are looked up one by one): a photo shared
    by three places (two of the same name), a vignette used by two places and also a photo, a
    drawing in two albums and twice in one, a map image also in an album, unused media."""
    ids = add_media_rows(sample_catalogue, 300)
    photo, vignette, drawing = ids[2], ids[3], ids[4]
    with sample_catalogue.session() as session:
        map_image = session.scalars(select(MapImage)).one()
        session.add_all(
            [
                Place(slug="zz", name="Zénith", photo_id=photo, video_id=vignette),
                Place(slug="aa", name="Atelier", photo_id=photo),
                Place(slug="aa2", name="Atelier", photo_id=vignette),
                Place(slug="mm", name="Moulin", photo_id=photo, video_id=vignette),
            ]
        )
        first = Album(slug="second", title="Deuxième carnet")
        session.add(first)
        session.flush()
        session.add_all(
            [
                AlbumItem(album_id=first.id, media_id=drawing, position=0),
                AlbumItem(album_id=first.id, media_id=map_image.image_id, position=1),
                AlbumItem(album_id=first.id, media_id=drawing, position=2),
            ]
        )
        fdtl = session.scalars(select(Album).where(Album.slug == "fdtl")).one()
        session.add(AlbumItem(album_id=fdtl.id, media_id=drawing, position=10))
    return sample_catalogue


def test_fast_list_gives_exactly_what_the_orm_gives(shared_catalogue: Catalogue) -> None:
    entries = list_media(shared_catalogue)
    assert len(entries) == 306
    assert as_rows(entries) == orm_media_list(shared_catalogue)
    by_id = {entry.id: entry for entry in entries}
    photo = next(e for e in entries if [u.label for u in e.uses] == ["Atelier", "Moulin", "Zénith"])
    assert [u.what for u in photo.uses] == ["place-photo"] * 3
    vignette = next(e for e in entries if len(e.uses) == 3 and e.kind is MediaKind.VIDEO)
    assert [(u.what, u.label) for u in vignette.uses] == [
        ("place-photo", "Atelier"),
        ("place-video", "Moulin"),
        ("place-video", "Zénith"),
    ]
    drawing = next(e for e in entries if len(e.uses) == 4 and e.uses[0].what == "album")
    assert [(u.what, u.label) for u in drawing.uses] == [
        ("album", "Deuxième carnet"),
        ("album", "Deuxième carnet"),
        ("album", "Faites des tiers-lieux"),
        ("attract", ""),  # drawings of published albums are in the attract loop
    ]
    map_entry = next(e for e in entries if e.role is MediaRole.MAP)
    assert [u.what for u in map_entry.uses] == ["album", "attract", "map"]
    (film,) = [e for e in entries if e.is_film]
    assert film.title == "Le film" and [u.what for u in film.uses] == ["film"]
    # Every vignette is on the videos screen: one of no place is used by it.
    lone = [e for e in entries if e.role is MediaRole.VIGNETTE and e.id not in (vignette.id,)]
    assert lone and all(e.uses for e in lone)
    unused = [e for e in entries if not e.uses]
    assert unused and all(e.role is not MediaRole.VIGNETTE for e in unused)
    assert all(type(e.kind) is MediaKind and type(e.role) is MediaRole for e in entries)
    assert all(type(e.is_demo) is bool for e in entries)
    assert by_id[drawing.id].name == "Média 4"
    untitled = next(e for e in entries if e.path.endswith("/00007.bin"))
    assert untitled.title == "" and untitled.name == "00007.bin"


def test_one_kind_and_single_lookups_give_the_same_entries(shared_catalogue: Catalogue) -> None:
    entries = list_media(shared_catalogue)
    videos = list_media(shared_catalogue, MediaKind.VIDEO)
    assert videos == [e for e in entries if e.kind is MediaKind.VIDEO]
    with shared_catalogue.session() as session:
        for entry in entries[::17] + [e for e in entries if len(e.uses) > 1]:
            assert find_media(shared_catalogue, str(entry.id)) == entry
            assert uses_of(session, entry.id) == list(entry.uses)
        assert all_uses(session) == {e.id: list(e.uses) for e in entries if e.uses}


def test_listing_leaves_the_garbage_collector_as_it_was(shared_catalogue: Catalogue) -> None:
    assert gc.isenabled()
    list_media(shared_catalogue)
    assert gc.isenabled()
    gc.disable()
    try:
        list_media(shared_catalogue)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_update_english_fields_through_the_gate(sample_catalogue: Catalogue) -> None:
    from kiosk.store.validation import ValidationError

    (aftermovie,) = by_role(sample_catalogue, MediaRole.AFTERMOVIE)
    entry = update_media(
        sample_catalogue, aftermovie, title_en=" The road ", credit_en="Julie Siboni (film)"
    )
    assert (entry.title_en, entry.credit_en) == ("The road", "Julie Siboni (film)")
    with pytest.raises(ValidationError, match=r"media_assets\.title_en"):
        update_media(sample_catalogue, aftermovie, title="Bon titre", title_en="a\u202eb")
    entry = find_media(sample_catalogue, str(aftermovie))
    assert entry.title == "Le film" and entry.title_en == "The road"  # nothing changed
    assert update_media(sample_catalogue, aftermovie, credit_en="").credit_en is None
    with pytest.raises(MediaAdminError, match="une vidéo ne peut pas avoir le rôle « drawing »"):
        update_media(sample_catalogue, aftermovie, role=MediaRole.DRAWING)


def test_set_film_keeps_one_film(sample_catalogue: Catalogue, content_root: ContentRoot) -> None:
    from kiosk.library.media_admin import set_film

    (vignette,) = by_role(sample_catalogue, MediaRole.VIGNETTE)
    (aftermovie,) = by_role(sample_catalogue, MediaRole.AFTERMOVIE)
    entry = set_film(sample_catalogue, vignette)
    assert entry.is_film and entry.role is MediaRole.AFTERMOVIE
    entries = {e.id: e for e in list_media(sample_catalogue)}
    assert [u.what for u in entries[aftermovie].uses] == ["other-film"]
    assert [u.describe() for u in entries[vignette].uses] == [
        "le film de l'écran Vidéos",
        "vidéo du lieu « Le Mazier »",
    ]
    set_film(sample_catalogue, aftermovie)
    with sample_catalogue.session() as session:
        films = session.scalars(select(MediaAsset.id).where(MediaAsset.is_film)).all()
    assert films == [aftermovie]
    # A film changed to another role is no longer the film.
    update_media(sample_catalogue, aftermovie, role=MediaRole.OTHER)
    assert not find_media(sample_catalogue, str(aftermovie)).is_film


def test_uses_say_what_visitors_do_not_see(
    sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    from kiosk.library import settings
    from kiosk.library.media_admin import set_film
    from kiosk.store.models import Page

    (vignette,) = by_role(sample_catalogue, MediaRole.VIGNETTE)
    drawing = by_role(sample_catalogue, MediaRole.DRAWING)[0]
    drawing_path = find_media(sample_catalogue, str(drawing)).path
    with sample_catalogue.session() as session:
        session.scalars(select(Place).where(Place.slug == "le-mazier")).one().published = False
        session.scalars(select(Album)).one().published = False
        session.add(
            Page(
                slug="four",
                title="Le four",
                body=f"Voici ![le four]({drawing_path}).",
                published=True,
            )
        )
    settings.save(sample_catalogue, show_other_films=False)
    set_film(sample_catalogue, vignette)  # the sample's aftermovie becomes another film
    entries = {e.id: e for e in list_media(sample_catalogue)}
    assert [u.describe() for u in entries[drawing].uses] == [
        "dessin du carnet « Faites des tiers-lieux » (non publié)",
        "image de la page « Le four »",
    ]
    assert [u.visible for u in entries[drawing].uses] == [False, True]
    (aftermovie,) = [
        e for e in entries.values() if e.role is MediaRole.AFTERMOVIE and not e.is_film
    ]
    assert [u.describe() for u in aftermovie.uses] == [
        "autre film de l'écran Vidéos (masqué aux visiteurs)"
    ]
    assert aftermovie.seen_by_visitors == ()
    assert entries[vignette].uses[1].describe() == "vidéo du lieu « Le Mazier » (non publié)"


@pytest.mark.parametrize(
    ("title", "flagged"),
    [
        ("", True),
        ("fullhd", True),
        ("camera", True),
        ("carnet-2-pages — page 1", True),
        ("IMG_2031", True),
        ("MVI 0001", True),
        ("VID-20210704-WA0003", True),
        ("0a1b2c3d4e5f6a7b", True),
        ("Le film", False),
        ("Tintamarre", False),
        ("Bourbon-l'Archambault", False),
        ("La fresque — page 2", False),
        ("Fête 2022 à Moulins", False),
        ("2021 07 04 1032", True),
    ],
)
def test_a_file_name_title_is_flagged(title: str, flagged: bool) -> None:
    from kiosk.library.media_admin import looks_like_file_name

    assert looks_like_file_name(title, "assets/0a1b2c3d4e5f6a7b.png") is flagged


def test_images_outside_albums_counts_the_images_but_not_the_map_nor_videos(
    sample_catalogue: Catalogue,
) -> None:
    with sample_catalogue.session() as session:
        media = {m.id: (m.kind, m.role) for m in session.scalars(select(MediaAsset))}
    everything = list(media)
    images = [i for i, (kind, role) in media.items() if kind is MediaKind.IMAGE]
    maps = [i for i, (_kind, role) in media.items() if role is MediaRole.MAP]
    assert maps and len(images) > len(maps) and len(everything) > len(images)
    assert images_outside_albums(sample_catalogue, everything) == len(images) - len(maps)
    assert images_outside_albums(sample_catalogue, maps) == 0
    assert images_outside_albums(sample_catalogue, []) == 0
