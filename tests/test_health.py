"""The health check finds each kind of trouble; --fix repairs only what is safe."""

from __future__ import annotations

from pathlib import Path

from kiosk.config import ContentRoot
from kiosk.library.health import Code, check, fix
from kiosk.library.media_admin import list_media
from kiosk.library.media_store import TEMP_PREFIX
from kiosk.store.database import Catalogue
from kiosk.store.models import MediaRole
from tests.media_factory import make_image


def codes(catalogue: Catalogue, root: ContentRoot) -> dict[Code, list[str]]:
    found: dict[Code, list[str]] = {}
    for problem in check(catalogue, root).problems:
        found.setdefault(problem.code, []).append(problem.subject)
    return found


def test_a_healthy_catalogue_has_no_error(
    sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    report = check(sample_catalogue, content_root)
    assert report.errors == []
    assert report.database_ok
    assert report.media_checked == 6 and report.free_bytes > 0
    # the sample has one published place not placed on the map: a warning, not an error
    assert [p.subject for p in report.of(Code.UNPLACED)] == ["lieu « La MAGIC »"]


def test_missing_damaged_and_unreadable_files_are_errors(
    sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    entries = {e.role: e for e in list_media(sample_catalogue) if e.role is not MediaRole.DRAWING}
    content_root.absolute(entries[MediaRole.AFTERMOVIE].path).unlink()
    vignette = content_root.absolute(entries[MediaRole.VIGNETTE].path)
    data = bytearray(vignette.read_bytes())
    data[100:110] = b"XXXXXXXXXX"
    vignette.write_bytes(bytes(data))
    found = codes(sample_catalogue, content_root)
    assert found[Code.MISSING] == [entries[MediaRole.AFTERMOVIE].path]
    assert found[Code.HASH] == [entries[MediaRole.VIGNETTE].path]


def test_an_unreadable_file_with_the_right_hash_is_reported(
    sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    from sqlalchemy import update

    from kiosk.library.media_store import sha256_of
    from kiosk.store.models import MediaAsset

    map_entry = next(e for e in list_media(sample_catalogue) if e.role is MediaRole.MAP)
    path = content_root.absolute(map_entry.path)
    path.write_bytes(b"not an image at all" * 10)
    with sample_catalogue.session() as session:
        session.execute(
            update(MediaAsset)
            .where(MediaAsset.id == map_entry.id)
            .values(sha256=sha256_of(path), size_bytes=path.stat().st_size)
        )
    assert codes(sample_catalogue, content_root)[Code.UNREADABLE] == [map_entry.path]


def test_fix_removes_partial_files_and_trashes_orphans_only(
    sample_catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    partial = content_root.videos_dir / f"{TEMP_PREFIX}123.mp4"
    partial.write_bytes(b"half a video")
    orphan = make_image(content_root.assets_dir / "oublie.png")
    staging = content_root.home / ".bundle-staging-abc"
    (staging / "assets").mkdir(parents=True)
    report = check(sample_catalogue, content_root)
    assert {p.subject for p in report.of(Code.PARTIAL)} == {
        f"videos/{partial.name}",
        ".bundle-staging-abc",
    }
    assert [p.subject for p in report.of(Code.ORPHAN)] == ["assets/oublie.png"]
    before = {e.path for e in list_media(sample_catalogue)}
    done = fix(sample_catalogue, content_root, report)
    assert not partial.exists() and not staging.exists()
    assert not orphan.exists()
    assert done.trash_folder is not None
    assert (done.trash_folder / "assets" / "oublie.png").read_bytes()  # moved, not deleted
    assert all(content_root.absolute(path).is_file() for path in before)
    after = check(sample_catalogue, content_root)
    assert not after.of(Code.ORPHAN) and not after.of(Code.PARTIAL)


def test_broken_references_and_database_checks(
    sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    from sqlalchemy import text

    with sample_catalogue.session() as session:
        session.execute(text("UPDATE maps SET is_current = 0"))
    found = codes(sample_catalogue, content_root)
    assert Code.NO_MAP in found
    with sample_catalogue.engine.connect() as connection:
        connection.execute(text("PRAGMA foreign_keys=OFF"))
        connection.execute(text("UPDATE places SET photo_id = 999 WHERE slug = 'la-magic'"))
        connection.commit()
    found = codes(sample_catalogue, content_root)
    assert "lieu « La MAGIC »" in found[Code.BROKEN_REFERENCE]
    assert found[Code.DATABASE] == ["data.db"]
