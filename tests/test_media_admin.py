"""Listing media with their uses, replacing and removing them (files go to trash/)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.config import ContentRoot
from kiosk.library.media_admin import (
    MediaAdminError,
    MediaInUseError,
    find_media,
    list_media,
    remove_media,
    replace_media,
    update_media,
)
from kiosk.store.database import Catalogue
from kiosk.store.models import Album, MapImage, MediaKind, MediaRole, Place
from tests.media_factory import make_clip, make_image


def by_role(catalogue: Catalogue, role: MediaRole) -> list[int]:
    return [e.id for e in list_media(catalogue) if e.role is role]


def test_list_says_what_uses_each_media(sample_catalogue: Catalogue) -> None:
    entries = list_media(sample_catalogue)
    assert len(entries) == 6
    described = {e.role: [u.describe() for u in e.uses] for e in entries}
    assert described[MediaRole.VIGNETTE] == ["vidéo du lieu « Le Mazier »"]
    assert described[MediaRole.MAP] == ["image de la carte « Carte test »"]
    assert described[MediaRole.AFTERMOVIE] == []
    drawings = [e for e in entries if e.role is MediaRole.DRAWING]
    assert all(
        u.describe() == "dessin du carnet « Faites des tiers-lieux »"
        for d in drawings
        for u in d.uses
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
    sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    (aftermovie,) = by_role(sample_catalogue, MediaRole.AFTERMOVIE)
    remove_media(sample_catalogue, content_root, aftermovie)
    assert by_role(sample_catalogue, MediaRole.AFTERMOVIE) == []


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
