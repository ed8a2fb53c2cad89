from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.config import ContentRoot
from kiosk.library.durable import TEMP_PREFIX, sha256_of
from kiosk.library.importing import import_media
from kiosk.library.media_store import MediaError, remove_partial_files, store_file
from kiosk.store.database import Catalogue
from kiosk.store.models import MediaAsset, MediaKind, MediaRole
from tests.media_factory import make_clip, make_garbage, make_image, make_video


def test_a_stored_file_is_a_full_copy_named_by_its_hash(
    content_root: ContentRoot, tmp_path: Path
) -> None:
    source = make_image(tmp_path / "Dessin n°1.PNG")
    stored = store_file(content_root, source, MediaKind.IMAGE)
    target = content_root.absolute(stored.relative_path)
    assert stored.relative_path.startswith("assets/") and stored.relative_path.endswith(".png")
    assert target.read_bytes() == source.read_bytes()
    assert stored.sha256 == sha256_of(source)
    assert not list(content_root.assets_dir.glob(f"{TEMP_PREFIX}*"))


def test_the_same_content_is_stored_once(content_root: ContentRoot, tmp_path: Path) -> None:
    first = make_image(tmp_path / "a.png")
    second = tmp_path / "copy.png"
    second.write_bytes(first.read_bytes())
    assert store_file(content_root, first, MediaKind.IMAGE) == store_file(
        content_root, second, MediaKind.IMAGE
    )
    assert len(list(content_root.assets_dir.glob("*.png"))) == 1


def test_import_records_a_video_with_its_probe(
    catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    clip = make_clip(tmp_path / "vignette.mp4", seconds=1.0)
    with catalogue.session() as session:
        asset = import_media(session, content_root, clip, MediaRole.VIGNETTE, title="Le Mazier")
    assert asset.kind is MediaKind.VIDEO
    assert (asset.width, asset.height) == (160, 90)
    assert asset.duration_s == pytest.approx(1.0, abs=0.1)
    assert content_root.absolute(asset.path).is_file()
    assert asset.path.startswith("videos/")
    assert asset.mime_type == "video/mp4"


def test_a_video_is_recorded_at_its_upright_size(
    catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    clip = make_video(tmp_path / "portrait.mov", size=(320, 180), rotation=-90, seconds=0.4)
    with catalogue.session() as session:
        asset = import_media(session, content_root, clip, MediaRole.VIGNETTE)
        assert (asset.width, asset.height, asset.mime_type) == (180, 320, "video/quicktime")


def test_importing_twice_returns_the_recorded_asset(
    catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    image = make_image(tmp_path / "note.jpg")
    with catalogue.session() as session:
        first = import_media(session, content_root, image, MediaRole.DRAWING)
    with catalogue.session() as session:
        again = import_media(session, content_root, image, MediaRole.DRAWING)
        assert again.id == first.id
        assert session.scalar(select(func.count()).select_from(MediaAsset)) == 1


@pytest.mark.parametrize(
    "name,reason",
    [
        ("fake.mp4", "pas une vidéo lisible"),
        ("fake.jpg", "pas une image lisible"),
        ("notes.txt", "pas un fichier image, vidéo ou PDF"),
        ("SANS-EXTENSION", "pas un fichier image, vidéo ou PDF"),
    ],
)
def test_a_bad_file_is_refused_and_nothing_changes(
    catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path, name: str, reason: str
) -> None:
    bad = make_garbage(tmp_path / name)
    with pytest.raises(MediaError, match=reason) as caught, catalogue.session() as session:
        import_media(session, content_root, bad, MediaRole.OTHER)
    assert name in str(caught.value)
    assert list(content_root.videos_dir.iterdir()) == []
    assert list(content_root.assets_dir.iterdir()) == []
    with catalogue.session() as session:
        assert session.scalar(select(func.count()).select_from(MediaAsset)) == 0


def test_partial_files_left_by_a_power_cut_are_removed(content_root: ContentRoot) -> None:
    leftover = content_root.videos_dir / f"{TEMP_PREFIX}0123.mp4"
    leftover.write_bytes(b"half")
    kept = content_root.videos_dir / "0123456789abcdef.mp4"
    kept.write_bytes(b"whole")
    assert remove_partial_files(content_root) == [leftover]
    assert not leftover.exists() and kept.exists()
