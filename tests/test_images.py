"""The image pipeline: every kind of scan imports upright and in the right colours, bombs and
truncated files are refused with nothing stored, renditions exist, cover the image and come back
when deleted."""

from __future__ import annotations

import shutil
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from kiosk.config import ContentRoot
from kiosk.library import images
from kiosk.library.durable import sha256_of
from kiosk.library.images import renditions_of
from kiosk.library.importing import import_image_file, import_media
from kiosk.library.media_store import MediaError
from kiosk.store.database import Catalogue
from kiosk.store.models import MediaAsset, MediaRole

RED = (220, 30, 30)
BLUE = (30, 40, 210)
GREEN = (40, 170, 60)


def close_to(actual: tuple[int, ...], expected: tuple[int, ...], tolerance: int = 24) -> bool:
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=False))


def halves(
    size: tuple[int, int], first: tuple[int, int, int], second: tuple[int, int, int]
) -> Image.Image:
    """An RGB image whose left half is ``first`` and right half ``second``."""
    image = Image.new("RGB", size, second)
    image.paste(first, (0, 0, size[0] // 2, size[1]))
    return image


def screen_pixel(root: ContentRoot, asset: MediaAsset, fx: float, fy: float) -> tuple[int, ...]:
    renditions = renditions_of(root, asset.path)
    assert renditions is not None
    with Image.open(renditions.screen_path) as screen:
        x = min(screen.width - 1, int(screen.width * fx))
        y = min(screen.height - 1, int(screen.height * fy))
        return tuple(screen.convert("RGB").getpixel((x, y)))  # type: ignore[arg-type]


def import_one(catalogue: Catalogue, root: ContentRoot, path: Path) -> MediaAsset:
    with catalogue.session() as session:
        return import_media(session, root, path, MediaRole.DRAWING, title=path.stem)


def test_an_exif_rotated_jpeg_is_shown_upright(
    catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    # Stored sideways (red left, blue right) with "rotate 90° clockwise to display".
    source = tmp_path / "sideways.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6
    halves((300, 200), RED, BLUE).save(source, quality=95, exif=exif.tobytes())
    asset = import_one(catalogue, content_root, source)
    assert (asset.width, asset.height) == (200, 300)
    assert close_to(screen_pixel(content_root, asset, 0.5, 0.2), RED)
    assert close_to(screen_pixel(content_root, asset, 0.5, 0.8), BLUE)
    assert content_root.absolute(asset.path).read_bytes() == source.read_bytes()


def test_a_cmyk_jpeg_keeps_its_colours(
    catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    source = tmp_path / "cmyk.jpg"
    image = Image.new("CMYK", (400, 300), (0, 255, 255, 0))  # pure red in print inks
    image.paste((255, 0, 0, 0), (200, 0, 400, 300))  # pure cyan on the right
    image.save(source, quality=95)
    asset = import_one(catalogue, content_root, source)
    assert close_to(screen_pixel(content_root, asset, 0.25, 0.5), (255, 0, 0))
    assert close_to(screen_pixel(content_root, asset, 0.75, 0.5), (0, 255, 255))


def test_a_progressive_jpeg_imports(
    catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    source = tmp_path / "progressive.jpg"
    halves((640, 480), GREEN, RED).save(source, quality=92, progressive=True)
    with Image.open(source) as check:
        assert check.info.get("progressive") or check.info.get("progression")
    asset = import_one(catalogue, content_root, source)
    assert (asset.width, asset.height) == (640, 480)
    assert close_to(screen_pixel(content_root, asset, 0.25, 0.5), GREEN)
    assert close_to(screen_pixel(content_root, asset, 0.75, 0.5), RED)


def test_a_png_with_alpha_is_flattened_on_white(
    catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    source = tmp_path / "alpha.png"
    image = Image.new("RGBA", (400, 200), (0, 0, 0, 0))  # transparent black
    image.paste((*GREEN, 255), (200, 0, 400, 200))
    image.save(source)
    asset = import_one(catalogue, content_root, source)
    assert close_to(screen_pixel(content_root, asset, 0.25, 0.5), (255, 255, 255), 4)
    assert close_to(screen_pixel(content_root, asset, 0.75, 0.5), GREEN)


def test_a_16_bit_tiff_is_scaled_not_clipped(
    catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    source = tmp_path / "scan16.tif"
    image = Image.new("I;16", (300, 200), 16384)  # a quarter of the 16-bit range
    image.paste(65535, (150, 0, 300, 200))
    image.save(source)
    asset = import_one(catalogue, content_root, source)
    assert asset.mime_type == "image/tiff"
    assert close_to(screen_pixel(content_root, asset, 0.25, 0.5), (64, 64, 64), 6)
    assert close_to(screen_pixel(content_root, asset, 0.75, 0.5), (255, 255, 255), 6)


def test_an_rgb_tiff_and_a_webp_import(
    catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    tiff, webp = tmp_path / "scan.tiff", tmp_path / "photo.webp"
    halves((320, 240), BLUE, GREEN).save(tiff, compression="tiff_lzw")
    halves((320, 240), RED, BLUE).save(webp, quality=95)
    for path, left, right in ((tiff, BLUE, GREEN), (webp, RED, BLUE)):
        asset = import_one(catalogue, content_root, path)
        assert (asset.width, asset.height) == (320, 240)
        assert close_to(screen_pixel(content_root, asset, 0.2, 0.5), left)
        assert close_to(screen_pixel(content_root, asset, 0.8, 0.5), right)


def test_each_page_of_a_pdf_becomes_one_image(
    catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    source = tmp_path / "carnet.pdf"
    first, second = Image.new("RGB", (300, 200), RED), Image.new("RGB", (200, 300), BLUE)
    first.save(source, save_all=True, append_images=[second], resolution=72)
    with catalogue.session() as session:
        assets = import_image_file(
            session, content_root, source, MediaRole.DRAWING, title="Carnet", credit="P. L."
        )
        assert [a.title for a in assets] == ["Carnet — page 1", "Carnet — page 2"]
        assert all(a.credit == "P. L." for a in assets)
    landscape, portrait = assets
    assert landscape.width and landscape.height and portrait.width and portrait.height
    assert landscape.width > landscape.height and portrait.height > portrait.width
    assert close_to(screen_pixel(content_root, landscape, 0.5, 0.5), RED)
    assert close_to(screen_pixel(content_root, portrait, 0.5, 0.5), BLUE)
    with catalogue.session() as session:
        again = import_image_file(session, content_root, source, MediaRole.DRAWING)
        assert [a.id for a in again] == [a.id for a in assets]
        assert session.scalar(select(func.count()).select_from(MediaAsset)) == 2


def png_claiming(path: Path, width: int, height: int) -> Path:
    """A tiny PNG whose header announces a huge picture: a decompression bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = zlib.compress(b"\x00" * 64)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    )
    return path


def nothing_stored(catalogue: Catalogue, root: ContentRoot) -> bool:
    with catalogue.session() as session:
        rows = session.scalar(select(func.count()).select_from(MediaAsset))
    cached = root.cache_dir / images.RENDITIONS_FOLDER
    return (
        rows == 0
        and not any(root.assets_dir.iterdir())
        and (not cached.exists() or not any(cached.iterdir()))
    )


def test_a_decompression_bomb_is_refused_and_nothing_is_stored(
    catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    # Just past the kiosk's limit, and far past it (where Pillow's own guard answers first).
    for name, width, height, said in (
        ("bombe.png", 20_000, 15_000, "20000 × 15000"),
        ("énorme.png", 40_000, 40_000, "1600 mégapixels"),
    ):
        bomb = png_claiming(tmp_path / name, width, height)
        with pytest.raises(MediaError) as refused, catalogue.session() as session:
            import_media(session, content_root, bomb, MediaRole.DRAWING)
        message = str(refused.value)
        assert name in message and "trop grande" in message and said in message
        assert nothing_stored(catalogue, content_root)


def test_a_truncated_scan_is_refused_and_nothing_is_stored(
    catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    whole = tmp_path / "whole.jpg"
    Image.effect_noise((800, 600), 60).convert("RGB").save(whole, quality=90)
    truncated = tmp_path / "coupé.jpg"
    truncated.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(MediaError) as refused, catalogue.session() as session:
        import_media(session, content_root, truncated, MediaRole.DRAWING)
    assert "coupé.jpg" in str(refused.value) and "incomplète" in str(refused.value)
    assert nothing_stored(catalogue, content_root)


def test_renditions_exist_after_import_and_come_back_when_deleted(
    catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    source = tmp_path / "big.jpg"
    halves((2600, 1400), RED, BLUE).save(source, quality=90)
    asset = import_one(catalogue, content_root, source)
    renditions = renditions_of(content_root, asset.path)
    assert renditions is not None and renditions.is_complete()
    with Image.open(renditions.screen_path) as screen:
        assert max(screen.size) == images.SCREEN_LONG_SIDE
    with Image.open(renditions.thumb_path) as thumb:
        assert max(thumb.size) == images.THUMB_LONG_SIDE
    master = content_root.absolute(asset.path)
    digest = sha256_of(master)

    renditions.tile_path(0, 1, 1).unlink()
    assert not renditions.is_complete()
    assert images.ensure_renditions(content_root, asset.path).is_complete()
    shutil.rmtree(renditions.folder)
    rebuilt = images.ensure_renditions(content_root, asset.path)
    assert rebuilt.is_complete() and rebuilt.folder == renditions.folder
    assert sha256_of(master) == digest  # the original is never rewritten


def test_the_tile_pyramid_covers_the_image_at_every_level(
    content_root: ContentRoot, tmp_path: Path
) -> None:
    source = tmp_path / "odd.png"
    image = Image.effect_noise((1301, 777), 80).convert("RGB")
    image.save(source)
    renditions = images.build_renditions(content_root, source, "odd")
    assert renditions.level_sizes[0] == (1301, 777)
    assert max(renditions.level_sizes[-1]) <= images.TILE_SIZE
    for level, (width, height) in enumerate(renditions.level_sizes):
        columns, rows = renditions.tile_grid(level)
        covered = 0.0
        for column in range(columns):
            for row in range(rows):
                with Image.open(renditions.tile_path(level, column, row)) as tile:
                    expected_w = min(images.TILE_SIZE, width - column * images.TILE_SIZE)
                    expected_h = min(images.TILE_SIZE, height - row * images.TILE_SIZE)
                    assert tile.size == (expected_w, expected_h)
                _x, _y, w, h = renditions.tile_rect(level, column, row)
                covered += w * h
        assert covered == pytest.approx(1301 * 777)
    # A tile of the native level holds the very pixels of the scan (up to JPEG's error).
    with Image.open(renditions.tile_path(0, 2, 1)) as tile:
        block = tile.convert("RGB").resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
    region = image.crop((1024, 512, 1301, 777)).resize((1, 1), Image.Resampling.BOX)
    assert close_to(block, region.getpixel((0, 0)), 6)  # type: ignore[arg-type]


def test_a_file_that_is_not_an_image_is_refused_by_name(
    content_root: ContentRoot, tmp_path: Path
) -> None:
    fake = tmp_path / "notes.png"
    fake.write_bytes(b"ceci n'est pas une image" * 20)
    with pytest.raises(MediaError, match=r"notes\.png.*pas une image lisible"):
        images.renditions_for_import(content_root, fake)


def test_two_files_with_the_same_stem_have_renditions_of_their_own(
    content_root: ContentRoot,
) -> None:
    """The cache key is the whole stored name: ``assets/abc.png`` never shows in place of
    ``assets/abc.jpg`` (a bundle may bring both)."""
    Image.new("RGB", (300, 200), RED).save(content_root.assets_dir / "abc.jpg", quality=95)
    Image.new("RGB", (300, 200), BLUE).save(content_root.assets_dir / "abc.png")
    jpeg = images.ensure_renditions(content_root, "assets/abc.jpg")
    png = images.ensure_renditions(content_root, "assets/abc.png")
    assert jpeg.folder != png.folder
    for renditions, colour in ((jpeg, RED), (png, BLUE)):
        with Image.open(renditions.screen_path) as screen:
            assert close_to(screen.convert("RGB").getpixel((150, 100)), colour)  # type: ignore[arg-type]
    assert images.cache_key("assets/a/abc.jpg") != images.cache_key("assets/b/abc.jpg")


def test_folders_left_under_the_old_stem_keys_do_not_break_check_fix(
    catalogue: Catalogue,
    content_root: ContentRoot,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A cache made by an older kiosk (folders named by the file's stem) is not read: check
    --fix builds the renditions under the new key and reports a clean run."""
    from kiosk.cli import main

    source = tmp_path / "dessin.png"
    Image.new("RGB", (400, 300), GREEN).save(source)
    asset = import_one(catalogue, content_root, source)
    catalogue.close()
    new_folder = images.renditions_folder(content_root, images.cache_key(asset.path))
    shutil.rmtree(new_folder)
    old = images.renditions_folder(content_root, Path(asset.path).stem)
    Image.new("RGB", (64, 48), RED).save(tmp_path / "autre.png")
    images.build_renditions(content_root, tmp_path / "autre.png", Path(asset.path).stem)
    assert old.is_dir() and old != new_folder
    (content_root.cache_dir / images.RENDITIONS_FOLDER / "ancien-dossier").mkdir()
    status = main(["check", "--fix", "--home", str(content_root.home)])
    captured = capsys.readouterr()
    assert status == 0, captured.out + captured.err
    assert "aperçus refaits : 1 image " in captured.out
    rebuilt = renditions_of(content_root, asset.path)
    assert rebuilt is not None and rebuilt.is_complete() and rebuilt.folder == new_folder
    with Image.open(rebuilt.screen_path) as screen:
        assert close_to(screen.convert("RGB").getpixel((200, 150)), GREEN)  # type: ignore[arg-type]
