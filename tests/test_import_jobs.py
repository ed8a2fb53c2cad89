"""Importing files and folders: every accepted kind, refusals, deduplication, links, cancel."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from kiosk.config import ContentRoot
from kiosk.library.durable import TEMP_PREFIX
from kiosk.library.import_jobs import (
    CancelToken,
    FileResult,
    LinkError,
    Links,
    Outcome,
    Progress,
    collect_files,
    import_files,
    skipped_files,
)
from kiosk.store.database import Catalogue
from kiosk.store.models import Album, MapImage, MediaAsset, MediaKind, MediaRole, Place
from tests.media_factory import make_clip, make_container_clip, make_garbage, make_image


def stored_files(root: ContentRoot) -> list[Path]:
    return sorted(
        p for d in (root.assets_dir, root.videos_dir) for p in d.rglob("*") if p.is_file()
    )


def media_count(catalogue: Catalogue) -> int:
    with catalogue.session() as session:
        return session.scalar(select(func.count()).select_from(MediaAsset)) or 0


@pytest.mark.parametrize("suffix", [".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp"])
def test_every_image_kind_is_imported(
    catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path, suffix: str
) -> None:
    source = make_image(tmp_path / f"dessin{suffix}")
    report = import_files(catalogue, content_root, [source])
    (result,) = report.results
    assert result.outcome is Outcome.IMPORTED, result.reason
    assert result.stored_path is not None and result.stored_path.endswith(suffix)
    assert content_root.absolute(result.stored_path).read_bytes() == source.read_bytes()


@pytest.mark.parametrize("suffix", [".mp4", ".mkv", ".mov", ".webm", ".ts", ".mpg"])
def test_every_video_kind_is_imported(
    catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path, suffix: str
) -> None:
    if suffix == ".webm":
        import av

        source = tmp_path / "clip.webm"
        with av.open(str(source), "w") as container:
            stream = container.add_stream("libvpx-vp9", rate=10)
            stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
            for _ in range(5):
                frame = av.VideoFrame.from_image(Image.new("RGB", (64, 48), "#3E6B39"))
                container.mux(stream.encode(frame))
            container.mux(stream.encode())
    elif suffix in (".ts", ".mpg"):
        source = make_container_clip(tmp_path / f"clip{suffix}", 0.3)
    else:
        source = make_clip(tmp_path / f"clip{suffix}", 0.3)
    (result,) = import_files(catalogue, content_root, [source]).results
    assert result.outcome is Outcome.IMPORTED, result.reason
    with catalogue.session() as session:
        asset = session.get(MediaAsset, result.media_id)
        assert asset is not None and asset.kind is MediaKind.VIDEO
        assert asset.role is MediaRole.AFTERMOVIE


@pytest.mark.parametrize(
    "name,reason",
    [
        ("broken.mp4", "pas une vidéo lisible"),
        ("broken.png", "pas une image lisible"),
    ],
)
def test_a_broken_file_is_refused_with_its_reason_and_leaves_nothing(
    catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path, name: str, reason: str
) -> None:
    bad = make_garbage(tmp_path / name)
    (result,) = import_files(catalogue, content_root, [bad]).results
    assert result.outcome is Outcome.REFUSED
    assert reason in result.reason
    assert str(content_root.home) not in result.reason  # names the source, not the store
    assert stored_files(content_root) == []
    assert media_count(catalogue) == 0


def test_a_truncated_video_is_refused(
    catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    clip = make_clip(tmp_path / "full.mp4", 0.5)
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(clip.read_bytes()[:600])
    (result,) = import_files(catalogue, content_root, [cut]).results
    assert result.outcome is Outcome.REFUSED
    assert stored_files(content_root) == []


def test_the_same_content_twice_is_stored_once(
    catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    first = make_image(tmp_path / "a.png")
    copy = tmp_path / "autre nom.png"
    copy.write_bytes(first.read_bytes())
    report = import_files(catalogue, content_root, [first, copy])
    assert [r.outcome for r in report.results] == [Outcome.IMPORTED, Outcome.PRESENT]
    assert report.results[0].media_id == report.results[1].media_id
    assert len(stored_files(content_root)) == 1
    assert media_count(catalogue) == 1


def test_a_folder_is_walked_in_order_and_other_files_are_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "clé"
    (folder / "sous").mkdir(parents=True)
    make_image(folder / "b.png")
    make_image(folder / "sous" / "a.jpg")
    (folder / "lisez-moi.txt").write_text("x")
    make_image(folder / ".cache.png")
    assert collect_files([folder]) == [folder / "b.png", folder / "sous" / "a.jpg"]
    assert skipped_files([folder]) == [
        FileResult(folder / "lisez-moi.txt", Outcome.SKIPPED, "pas un fichier image, vidéo ou PDF")
    ]


def test_a_file_that_is_no_media_named_directly_is_skipped_with_the_reason(
    catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    notes = make_garbage(tmp_path / "notes.txt")
    (result,) = import_files(catalogue, content_root, [notes]).results
    assert (result.outcome, result.reason) == (
        Outcome.SKIPPED,
        "pas un fichier image, vidéo ou PDF",
    )
    assert stored_files(content_root) == []


def test_progress_is_reported_per_file_and_overall(
    catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    sources = [make_image(tmp_path / f"{i}.png", (400 + i, 300)) for i in range(3)]
    seen: list[Progress] = []
    import_files(catalogue, content_root, sources, progress=seen.append)
    assert {p.file_index for p in seen} == {0, 1, 2}
    last = seen[-1]
    assert last.overall_done == last.overall_total == sum(s.stat().st_size for s in sources)
    assert all(p.file_done <= p.file_total for p in seen)


def test_cancel_in_the_middle_of_a_file_leaves_nothing_partial(
    catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    small = make_image(tmp_path / "small.png")
    big = tmp_path / "big.png"
    image = Image.effect_noise((2600, 2600), 80).convert("RGB")
    image.save(big)  # several MiB of noise: several chunks
    assert big.stat().st_size > 3 * 1024 * 1024
    cancel = CancelToken()

    def on_progress(progress: Progress) -> None:
        if progress.source == big and 0 < progress.file_done < progress.file_total:
            cancel.cancel()

    report = import_files(
        catalogue,
        content_root,
        [small, big, make_image(tmp_path / "after.png")],
        progress=on_progress,
        cancel=cancel,
    )
    assert report.cancelled
    assert [r.outcome for r in report.results] == [Outcome.IMPORTED, Outcome.CANCELLED]
    assert len(stored_files(content_root)) == 1  # only the file finished before
    assert not list(content_root.assets_dir.glob(f"{TEMP_PREFIX}*"))
    assert media_count(catalogue) == 1


def test_album_place_and_role_links(
    sample_catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    drawings = [make_image(tmp_path / f"n{i}.png", (300 + i, 200)) for i in range(2)]
    import_files(sample_catalogue, content_root, drawings, Links(album="Nouveau carnet"))
    photo = make_image(tmp_path / "photo.jpg", (500, 300), "#884422")
    import_files(sample_catalogue, content_root, [photo], Links(place="la-magic"))
    map_file = make_image(tmp_path / "carte2.png", (900, 700), "#224488")
    import_files(sample_catalogue, content_root, [map_file], Links(role=MediaRole.MAP))
    with sample_catalogue.session() as session:
        album = session.scalars(select(Album).where(Album.title == "Nouveau carnet")).one()
        assert album.slug == "nouveau-carnet"
        assert [item.position for item in album.items] == [1, 2]
        assert all(item.media.role is MediaRole.DRAWING for item in album.items)
        place = session.scalars(select(Place).where(Place.slug == "la-magic")).one()
        assert place.photo is not None and place.photo.role is MediaRole.PHOTO
        maps = list(session.scalars(select(MapImage)))
        assert len(maps) == 2 and sum(m.is_current for m in maps) == 1


def test_an_unknown_place_is_refused_before_anything_is_copied(
    catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    with pytest.raises(LinkError, match="lieu inconnu"):
        import_files(catalogue, content_root, [make_image(tmp_path / "a.png")], Links(place="x"))
    assert stored_files(content_root) == []


def test_a_video_cannot_take_an_image_role(
    catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    clip = make_clip(tmp_path / "v.mp4", 0.3)
    (result,) = import_files(catalogue, content_root, [clip], Links(role=MediaRole.MAP)).results
    assert result.outcome is Outcome.REFUSED and "rôle" in result.reason
    assert stored_files(content_root) == []


def test_a_pdf_of_drawings_becomes_one_image_per_page_in_the_album(
    catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    pages = [Image.new("RGB", (600, 400), colour) for colour in ("#AA3333", "#3333AA")]
    pdf = tmp_path / "carnet.pdf"
    pages[0].save(pdf, save_all=True, append_images=pages[1:])
    report = import_files(catalogue, content_root, [pdf], Links(album="Carnet PDF"))
    assert [r.outcome for r in report.results] == [Outcome.IMPORTED], report.results
    with catalogue.session() as session:
        album = session.scalars(select(Album)).one()
        assert len(album.items) == 2
        assert all(content_root.absolute(item.media.path).is_file() for item in album.items)
    again = import_files(catalogue, content_root, [pdf], Links())
    assert again.results[0].outcome is Outcome.PRESENT
