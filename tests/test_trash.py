"""The Corbeille: removed media and deleted places listed, and restored with their links
(real files moved back and checked against their hashes, a real catalogue reopened)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.config import ContentRoot
from kiosk.library import catalogue_views
from kiosk.library.importing import import_media
from kiosk.library.media_admin import find_media, list_media, remove_media, replace_media
from kiosk.library.trash import TrashError, list_trash, restore
from kiosk.store.database import Catalogue
from kiosk.store.models import (
    Album,
    MediaAsset,
    MediaRole,
    Page,
    Place,
    Tag,
    TrashItem,
    TrashKind,
)
from kiosk.store.validation import ValidationError
from tests.media_factory import make_clip, make_image


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def drawing_ids(catalogue: Catalogue) -> list[int]:
    with catalogue.session() as session:
        album = session.scalars(select(Album).where(Album.slug == "fdtl")).one()
        return [item.media_id for item in album.items]


def test_a_removed_drawing_comes_back_to_its_place_in_its_album(
    sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    drawings = drawing_ids(sample_catalogue)
    middle = drawings[1]
    with sample_catalogue.session() as session:
        album = session.scalars(select(Album).where(Album.slug == "fdtl")).one()
        album.items[1].caption = "La fresque"
        album.items[1].caption_en = "The fresco"
    entry = find_media(sample_catalogue, str(middle))
    original = content_root.home / entry.path
    digest = sha(original)

    removal = remove_media(sample_catalogue, content_root, middle, force=True)
    assert not original.exists() and removal.trashed_to is not None
    assert removal.trashed_to.is_file() and sha(removal.trashed_to) == digest
    assert drawing_ids(sample_catalogue) == [drawings[0], drawings[2]]
    (listed,) = list_trash(sample_catalogue, content_root)
    assert listed.kind is TrashKind.MEDIA and not listed.missing_files
    assert (
        "image" in listed.detail and "dessin du carnet « Faites des tiers-lieux »" in listed.detail
    )
    assert listed.files == (content_root.relative(removal.trashed_to),)

    done = restore(sample_catalogue, content_root, listed.id)
    assert done.media_id == middle and done.notes == []
    assert original.is_file() and sha(original) == digest  # moved back, same content
    assert not removal.trashed_to.exists()
    assert drawing_ids(sample_catalogue) == drawings  # at its place, between the two others
    with sample_catalogue.session() as session:
        asset = session.get(MediaAsset, middle)
        assert asset is not None and asset.sha256 == digest and asset.path == entry.path
        album = session.scalars(select(Album).where(Album.slug == "fdtl")).one()
        assert (album.items[1].caption, album.items[1].caption_en) == ("La fresque", "The fresco")
        assert [item.position for item in album.items] == [0, 1, 2]
    assert list_trash(sample_catalogue) == []


def test_the_film_removed_then_restored_is_the_film_again(
    sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    (film,) = [e for e in list_media(sample_catalogue) if e.is_film]
    remove_media(sample_catalogue, content_root, film.id, force=True)
    assert not [v for v in catalogue_views.videos(sample_catalogue) if v.is_aftermovie]
    (listed,) = list_trash(sample_catalogue, content_root)
    assert "était : le film de l'écran Vidéos" in listed.detail
    restore(sample_catalogue, content_root, listed.id)
    (shown,) = [v for v in catalogue_views.videos(sample_catalogue) if v.is_aftermovie]
    assert shown.media_id == film.id and (content_root.home / shown.path).is_file()
    with sample_catalogue.session() as session:
        assert session.scalars(select(MediaAsset.id).where(MediaAsset.is_film)).all() == [film.id]


def test_the_same_content_imported_again_meanwhile_gets_the_links_back(
    sample_catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    with sample_catalogue.session() as session:
        place = session.scalars(select(Place).where(Place.slug == "le-mazier")).one()
        vignette = place.video_id
        assert vignette is not None
    entry = find_media(sample_catalogue, str(vignette))
    copy = tmp_path / "again.mp4"
    copy.write_bytes((content_root.home / entry.path).read_bytes())
    remove_media(sample_catalogue, content_root, vignette, force=True)
    with sample_catalogue.session() as session:
        again = import_media(session, content_root, copy, MediaRole.VIGNETTE, title="Encore").id
    (listed,) = list_trash(sample_catalogue, content_root)

    done = restore(sample_catalogue, content_root, listed.id)
    assert "le même contenu a été importé de nouveau entre-temps" in done.summary
    assert f"n°{again}" in done.summary and done.media_id == again
    with sample_catalogue.session() as session:
        assert (
            session.scalar(
                select(func.count())
                .select_from(MediaAsset)
                .where(MediaAsset.sha256 == entry.sha256)
            )
            == 1
        )
        place = session.scalars(select(Place).where(Place.slug == "le-mazier")).one()
        assert place.video_id == again


def test_a_trashed_file_that_changed_is_not_restored_and_nothing_changes(
    sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    drawing = drawing_ids(sample_catalogue)[0]
    removal = remove_media(sample_catalogue, content_root, drawing, force=True)
    assert removal.trashed_to is not None
    removal.trashed_to.write_bytes(b"not the same picture")
    (listed,) = list_trash(sample_catalogue, content_root)
    assert listed.missing_files
    with pytest.raises(TrashError, match="n'est plus dans la corbeille"):
        restore(sample_catalogue, content_root, listed.id)
    assert removal.trashed_to.read_bytes() == b"not the same picture"
    assert len(list_trash(sample_catalogue)) == 1
    with pytest.raises(TrashError, match="introuvable"):
        restore(sample_catalogue, content_root, 999)


def test_a_deleted_place_survives_a_restart_and_comes_back_with_tags_and_video(
    sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    with sample_catalogue.session() as session:
        place = session.scalars(select(Place).where(Place.slug == "le-mazier")).one()
        place.tags = [Tag(name="Culture", name_en="Culture (EN)"), Tag(name="Café")]
        place.description = "Un tiers-lieu."
        video_id = place.video_id
    with sample_catalogue.session() as session:  # as the Lieux tab deletes it
        place = session.scalars(select(Place).where(Place.slug == "le-mazier")).one()
        session.delete(place)
    sample_catalogue.close()

    reopened = Catalogue(content_root.db_path)
    try:
        (listed,) = list_trash(reopened, content_root)
        assert listed.kind is TrashKind.PLACE and listed.label == "Le Mazier"
        assert listed.detail == "lieu · Bourbon-l'Archambault · Café, Culture"
        done = restore(reopened, content_root, listed.id)
        assert done.summary == "Lieu « Le Mazier » restauré." and done.notes == []
        view = catalogue_views.place_sheet(reopened, "le-mazier")
        assert view is not None and view.description == "Un tiers-lieu."
        assert view.localized_tags("en") == ("Café", "Culture (EN)")
        with reopened.session() as session:
            place = session.scalars(select(Place).where(Place.slug == "le-mazier")).one()
            assert place.video_id == video_id and (place.map_x, place.map_y) == (0.5, 0.4)
        assert list_trash(reopened) == []
    finally:
        reopened.close()


def test_a_place_restored_over_a_taken_slug_or_without_its_media_says_so(
    sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    with sample_catalogue.session() as session:
        place = session.scalars(select(Place).where(Place.slug == "le-mazier")).one()
        video_id = place.video_id
        session.delete(place)
    assert video_id is not None
    with sample_catalogue.session() as session:
        session.add(Place(slug="le-mazier", name="Un autre Mazier"))
    remove_media(sample_catalogue, content_root, video_id, force=True)
    place_item = next(e for e in list_trash(sample_catalogue) if e.kind is TrashKind.PLACE)
    done = restore(sample_catalogue, content_root, place_item.id)
    assert "« le-mazier » est pris par un autre lieu : « le-mazier-2 »" in done.notes[0]
    assert "sa vidéo est dans la corbeille : restaurez-la" in done.notes[1]
    with sample_catalogue.session() as session:
        restored = session.scalars(select(Place).where(Place.slug == "le-mazier-2")).one()
        assert restored.name == "Le Mazier" and restored.video_id is None


def test_a_replaced_media_goes_to_the_corbeille_too(
    sample_catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    drawing = drawing_ids(sample_catalogue)[0]
    old = find_media(sample_catalogue, str(drawing))
    replace_media(
        sample_catalogue, content_root, drawing, make_image(tmp_path / "new.png", (300, 200))
    )
    (listed,) = list_trash(sample_catalogue, content_root)
    assert "remplacé par" in listed.detail and not listed.missing_files
    done = restore(sample_catalogue, content_root, listed.id)
    assert done.media_id is not None
    assert sha(content_root.home / old.path) == old.sha256


def test_a_corbeille_row_passes_the_gate(sample_catalogue: Catalogue) -> None:
    with (
        pytest.raises(ValidationError, match=r"trash_items\.files"),
        sample_catalogue.session() as s,
    ):
        s.add(TrashItem(kind=TrashKind.MEDIA, label="x", data="{}", files='["data.db"]'))
    with (
        pytest.raises(ValidationError, match=r"trash_items\.data"),
        sample_catalogue.session() as s,
    ):
        s.add(TrashItem(kind=TrashKind.MEDIA, label="x", data="[1, NaN]", files="[]"))


def test_a_video_with_subtitles_comes_back_with_them(
    catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    with catalogue.session() as session:
        asset = import_media(
            session, content_root, make_clip(tmp_path / "f.mp4", 0.3), MediaRole.OTHER
        )
        subtitles = content_root.videos_dir / "f.srt"
        subtitles.write_text("1\n00:00:00,000 --> 00:00:01,000\nBonjour\n", encoding="utf-8")
        asset.subtitles_path = "videos/f.srt"
        media_id = asset.id
    remove_media(catalogue, content_root, media_id)
    assert not subtitles.exists()
    (listed,) = list_trash(catalogue, content_root)
    assert len(listed.files) == 2
    restore(catalogue, content_root, listed.id)
    assert subtitles.read_text(encoding="utf-8").endswith("Bonjour\n")


def test_a_deleted_page_survives_a_restart_and_comes_back_at_its_place(
    sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    from kiosk.library.catalogue_admin import pages

    second = pages.new_page(sample_catalogue, "Horaires")
    (ess,) = [p.id for p in pages.list_pages(sample_catalogue) if p.title == "C'est quoi l'ESS ?"]
    long_body = "é🙂" * 50_000  # a page at the gate's limit, every character escaped in JSON
    with sample_catalogue.session() as session:
        page = session.get(Page, ess)
        assert page is not None
        page.body = long_body
    item = pages.delete_page(sample_catalogue, ess)
    assert [p.id for p in pages.list_pages(sample_catalogue)] == [second]
    with pytest.raises(LookupError):  # NotFoundError
        pages.delete_page(sample_catalogue, ess)
    sample_catalogue.close()

    reopened = Catalogue(content_root.db_path)
    try:
        (listed,) = list_trash(reopened, content_root)
        assert (listed.id, listed.kind, listed.label) == (
            item,
            TrashKind.PAGE,
            "C'est quoi l'ESS ?",
        )
        assert listed.detail == "page · était une tuile de l'accueil"
        with reopened.session() as session:  # another page took its identifier meanwhile
            session.add(Page(slug="ess", title="Une autre"))
        done = restore(reopened, content_root, item)
        assert done.kind is TrashKind.PAGE and done.page_id == ess
        assert done.summary == (
            "Page « C'est quoi l'ESS ? » restaurée (sa tuile est de nouveau sur l'accueil)."
        )
        assert done.notes == ["l'identifiant « ess » est pris par une autre page : « ess-2 »"]
        shown = catalogue_views.pages(reopened)
        assert [(p.slug, p.title) for p in shown] == [
            ("ess-2", "C'est quoi l'ESS ?"),
            ("ess", "Une autre"),
        ]
        assert shown[0].body == long_body and shown[0].title_en == "What is the SSE?"
        assert list_trash(reopened) == []
    finally:
        reopened.close()


@pytest.mark.parametrize("length", [120, 119, 118])
def test_a_long_slug_taken_meanwhile_gets_a_free_one_within_the_limit(
    sample_catalogue: Catalogue, content_root: ContentRoot, length: int
) -> None:
    """At the gate's 120 characters, the old ``f"{slug}-{n}"[:120]`` gave back the taken slug
    for ever (the Corbeille froze the kiosk); at 119 it gave "slug-", refused by the gate. Now
    the slug is cut on a word boundary to leave room for its number."""
    slug = ("a" * (length - 3)) + "-bc"
    stem = slug if length <= 118 else "a" * (length - 3)
    from kiosk.library.catalogue_admin import pages

    (page_id,) = [p.id for p in pages.list_pages(sample_catalogue)]
    with sample_catalogue.session() as session:
        page = session.get(Page, page_id)
        place = session.scalars(select(Place).where(Place.slug == "le-mazier")).one()
        assert page is not None
        page.slug, place.slug = slug, slug
    pages.delete_page(sample_catalogue, page_id)
    with sample_catalogue.session() as session:
        place = session.scalars(select(Place).where(Place.slug == slug)).one()
        session.delete(place)
    with sample_catalogue.session() as session:  # both taken meanwhile, and their "-2" too
        session.add(Page(slug=slug, title="Une autre"))
        session.add(Page(slug=stem + "-2", title="Encore une"))
        session.add(Place(slug=slug, name="Un autre lieu"))
    entries = {entry.kind: entry.id for entry in list_trash(sample_catalogue)}

    page_done = restore(sample_catalogue, content_root, entries[TrashKind.PAGE])
    place_done = restore(sample_catalogue, content_root, entries[TrashKind.PLACE])
    with sample_catalogue.session() as session:
        restored_page = session.get(Page, page_done.page_id)
        restored_place = session.get(Place, place_done.place_id)
        assert restored_page is not None and restored_place is not None
        page_slug, place_slug = restored_page.slug, restored_place.slug
    assert page_slug == stem + "-3"
    assert place_slug == stem + "-2"
    for new in (page_slug, place_slug):
        assert len(new) <= 120 and not new.endswith("-") and "--" not in new
    assert f"« {page_slug} »" in page_done.notes[0] and f"« {place_slug} »" in place_done.notes[0]
    assert list_trash(sample_catalogue) == []


MALFORMED = [
    ("page", '{"row": "abc"}', "sa fiche est illisible"),
    ("place", '{"row": 5}', "sa fiche est illisible"),
    ("page", "[" * 5000 + "]" * 5000, "ses données sont illisibles"),
    ("page", '{"row": {"slug": "x", "title": {"deep": [1]}}}', "sa fiche est illisible"),
    ("bidule", '{"row": {}}', "un genre d'élément que cette version de la borne ne connaît pas"),
    ("place", '{"row": {"slug": "x", "name": "X"}, "tags": ["a"]}', "ses étiquettes"),
    ("place", '{"row": {"slug": "x", "name": "X"}, "tags": "abc"}', "ses étiquettes"),
    ("media", '{"row": {"kind": "video", "role": "x"}}', "son rôle est inconnu"),
    ("media", '{"row": {"kind": "image", "role": "photo"}, "uses": [1]}', "ses usages"),
]


def add_raw_trash_row(catalogue: Catalogue, kind: str, data: str) -> int:
    from sqlalchemy import text

    with catalogue.session() as session:
        session.execute(
            text(
                "INSERT INTO trash_items (kind, label, removed_at, data, files) "
                "VALUES (:kind, 'Abîmé', '2026-12-01 10:00:00', :data, '[]')"
            ),
            {"kind": kind, "data": data},
        )
        return int(session.scalar(text("SELECT max(id) FROM trash_items")) or 0)


@pytest.mark.parametrize(("kind", "data", "reason"), MALFORMED)
def test_a_malformed_corbeille_row_is_listed_as_unreadable_and_refused(
    sample_catalogue: Catalogue, content_root: ContentRoot, kind: str, data: str, reason: str
) -> None:
    with sample_catalogue.session() as session:  # a good one beside it still comes back
        session.delete(session.scalars(select(Place).where(Place.slug == "le-mazier")).one())
    bad = add_raw_trash_row(sample_catalogue, kind, data)
    entries = {entry.id: entry for entry in list_trash(sample_catalogue, content_root)}
    assert len(entries) == 2
    assert reason in (entries[bad].unreadable or "")
    assert entries[bad].detail.startswith("illisible : ")
    with pytest.raises(TrashError, match=rf"corbeille n°{bad} « Abîmé » : illisible \("):
        restore(sample_catalogue, content_root, bad)
    good = next(i for i in entries if i != bad)
    assert restore(sample_catalogue, content_root, good).summary == "Lieu « Le Mazier » restauré."
    assert [entry.id for entry in list_trash(sample_catalogue)] == [bad]
