"""The Qt-free image pipeline: read any scan a volunteer brings, and make its renditions once.

Scans of graphic notes are large (50–150 megapixels, JPEG or TIFF, sometimes CMYK, sometimes a
PDF). Each one is decoded once, at import, into three kinds of cached renditions under
``cache/images/<key>/``: a screen-size JPEG for the slideshow, a thumbnail, and a pyramid of
512-px JPEG tiles (level 0 is the native size, each level halves the one before) so that deep
zoom never decodes the whole scan while a visitor pans. The stored original stays untouched, as
the master copy; renditions are caches, rebuilt by :func:`ensure_renditions` when missing.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import re
import shutil
import tempfile
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageFile, ImageOps

from kiosk.config import ContentRoot
from kiosk.library.durable import TEMP_PREFIX, sha256_of
from kiosk.library.media_store import MediaError, is_regular_file
from kiosk.library.probe import reason_of

# A decompression bomb is refused above this many pixels (about 16000 × 15600): three times the
# largest real scans, yet far below what would exhaust the kiosk's memory. Pillow's own guard is
# moved to the same limit (it would warn from 89 megapixels, which real scans exceed).
MAX_PIXELS = 250_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

RENDITIONS_FOLDER = "images"
MANIFEST_NAME = "renditions.json"
MANIFEST_VERSION = 1
SCREEN_LONG_SIDE = 2048
THUMB_LONG_SIDE = 640
TILE_SIZE = 512
SCREEN_QUALITY = 88
THUMB_QUALITY = 82
TILE_QUALITY = 85
PAPER_WHITE = (255, 255, 255)
PDF_DPI = 300
PDF_MAX_LONG_SIDE = 12000
PDF_SUFFIX = ".pdf"

_build_locks: dict[str, threading.RLock] = {}
_build_locks_guard = threading.Lock()


@dataclass(frozen=True)
class Renditions:
    """Where the renditions of one stored image are, and the geometry of its tile pyramid."""

    folder: Path
    width: int
    height: int
    tile_size: int
    level_sizes: tuple[tuple[int, int], ...]

    @property
    def screen_path(self) -> Path:
        return self.folder / "screen.jpg"

    @property
    def thumb_path(self) -> Path:
        return self.folder / "thumb.jpg"

    @property
    def levels(self) -> int:
        return len(self.level_sizes)

    def tile_grid(self, level: int) -> tuple[int, int]:
        """Columns and rows of tiles at ``level``."""
        width, height = self.level_sizes[level]
        return math.ceil(width / self.tile_size), math.ceil(height / self.tile_size)

    def tile_path(self, level: int, column: int, row: int) -> Path:
        return self.folder / "tiles" / str(level) / f"{column}_{row}.jpg"

    def level_scale(self, level: int) -> float:
        """Level pixels per native pixel (1.0 at level 0, about 0.5 at level 1…)."""
        return self.level_sizes[level][0] / self.width

    def tile_rect(self, level: int, column: int, row: int) -> tuple[float, float, float, float]:
        """The tile's rectangle in native pixels: x, y, width, height."""
        level_width, level_height = self.level_sizes[level]
        left, top = column * self.tile_size, row * self.tile_size
        right = min(left + self.tile_size, level_width)
        bottom = min(top + self.tile_size, level_height)
        scale_x, scale_y = self.width / level_width, self.height / level_height
        return left * scale_x, top * scale_y, (right - left) * scale_x, (bottom - top) * scale_y

    def all_files(self) -> list[Path]:
        files = [self.folder / MANIFEST_NAME, self.screen_path, self.thumb_path]
        for level in range(self.levels):
            columns, rows = self.tile_grid(level)
            files.extend(
                self.tile_path(level, column, row)
                for column in range(columns)
                for row in range(rows)
            )
        return files

    def is_complete(self) -> bool:
        return all(path.is_file() for path in self.all_files())


def cache_key(relative_path: str) -> str:
    """The folder name of a stored file's renditions: a hash of its whole stored path.

    Never the stem alone: ``assets/abc.png`` (from a bundle, say) must not show in place of
    ``assets/abc.jpg``. The hash is 32 hex digits, the old stem keys 16: folders made under the
    old keys are never read again (a cache, rebuilt on demand; ``kiosk check --fix`` rebuilds).
    """
    return hashlib.sha256(relative_path.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def renditions_folder(root: ContentRoot, key: str) -> Path:
    return root.cache_dir / RENDITIONS_FOLDER / key


def pyramid_sizes(
    width: int, height: int, tile_size: int = TILE_SIZE
) -> tuple[tuple[int, int], ...]:
    """Sizes of every level, from native down to the first that fits in one tile."""
    sizes = [(width, height)]
    while max(sizes[-1]) > tile_size:
        last_width, last_height = sizes[-1]
        sizes.append((math.ceil(last_width / 2), math.ceil(last_height / 2)))
    return tuple(sizes)


def check_pixels(path: Path, width: int, height: int) -> None:
    """Refuse an image whose pixel count would exhaust memory (a decompression bomb)."""
    if width * height > MAX_PIXELS:
        raise MediaError(
            f"{path} : image trop grande ({width} × {height} pixels, "
            f"{width * height / 1e6:.0f} mégapixels ; au plus {MAX_PIXELS / 1e6:.0f}). "
            "Réduisez-la avant de l'importer (possible « bombe de décompression »)."
        )


def _open(path: Path) -> Image.Image:
    """Open ``path`` lazily (header only) and check its size before anything is decoded."""
    if not is_regular_file(path):
        raise MediaError(f"{path} : ce n'est pas un fichier ordinaire (tube, périphérique…).")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(path)
    except Image.DecompressionBombError as error:
        # Pillow's own guard fired first (far past the limit); its message has the pixel count.
        found = re.search(r"\((\d+) pixels\)", str(error))
        size = f"{int(found.group(1)) / 1e6:.0f} mégapixels ; " if found else ""
        raise MediaError(
            f"{path} : image trop grande ({size}au plus {MAX_PIXELS / 1e6:.0f}). "
            "Réduisez-la avant de l'importer (possible « bombe de décompression »)."
        ) from None
    except (OSError, SyntaxError, ValueError) as error:
        raise MediaError(f"{path} : ce n'est pas une image lisible ({reason_of(error)}).") from None
    if image.width * image.height > MAX_PIXELS:
        image.close()  # refused below: its file is closed now, not when it is collected
    check_pixels(path, *image.size)
    return image


def load_rgb(path: Path, *, fit_within: int | None = None) -> Image.Image:
    """Decode ``path`` fully into an upright sRGB ``RGB`` image; refuse bombs and truncated files.

    ``fit_within`` lets JPEG decoders skip detail (DCT scaling) when only a smaller copy is
    wanted; the result is then at least that large on its long side, not exactly that size.
    """
    image = _open(path)
    try:
        if fit_within is not None and image.format == "JPEG":
            image.draft("RGB", _draft_size(image.size, fit_within))
        try:
            ImageFile.LOAD_TRUNCATED_IMAGES = False
            image.load()
        except (OSError, SyntaxError, ValueError) as error:
            raise MediaError(
                f"{path} : image incomplète ou endommagée ({error}). "
                "Copiez à nouveau le fichier depuis l'original."
            ) from None
        upright = ImageOps.exif_transpose(image)
        return _to_srgb(upright)
    finally:
        image.close()


def _draft_size(size: tuple[int, int], long_side: int) -> tuple[int, int]:
    width, height = size
    ratio = long_side / max(width, height)
    return max(1, round(width * ratio)), max(1, round(height * ratio))


def _to_srgb(image: Image.Image) -> Image.Image:
    """Colour-manage through an embedded ICC profile when there is one, then flatten to RGB."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        # 16-bit greyscale (scanners): scale to 8 bits instead of letting convert() clip.
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    profile = image.info.get("icc_profile")
    if profile and image.mode in ("RGB", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            target = ImageCms.createProfile("sRGB")
            converted = ImageCms.profileToProfile(image, source, target, outputMode="RGB")
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: fall back to Pillow's plain conversion below
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, PAPER_WHITE)
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image if image.mode == "RGB" else image.convert("RGB")


def _lock_for(key: str) -> threading.RLock:
    """One lock per image, so two workers asking for the same missing renditions build once."""
    with _build_locks_guard:
        return _build_locks.setdefault(key, threading.RLock())


def read_manifest(folder: Path) -> Renditions | None:
    try:
        data = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
        if data.get("version") != MANIFEST_VERSION:
            return None
        return Renditions(
            folder=folder,
            width=int(data["width"]),
            height=int(data["height"]),
            tile_size=int(data["tile_size"]),
            level_sizes=tuple((int(w), int(h)) for w, h in data["level_sizes"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def renditions_of(root: ContentRoot, relative_path: str) -> Renditions | None:
    """The recorded renditions of a stored image, without checking that every file is there."""
    return read_manifest(renditions_folder(root, cache_key(relative_path)))


def build_renditions(root: ContentRoot, source: Path, key: str) -> Renditions:
    """Decode ``source`` once and write all its renditions under ``key``; return them.

    Everything is written into a temporary folder that is renamed into place at the end, so a
    power cut never leaves half a set looking complete. Raises :class:`MediaError` (naming the
    file) for anything that is not a readable image, too large, or truncated.
    """
    with _lock_for(key):
        image = load_rgb(source)
        try:
            return _write_renditions(root, image, key)
        finally:
            image.close()


def _write_renditions(root: ContentRoot, image: Image.Image, key: str) -> Renditions:
    parent = root.cache_dir / RENDITIONS_FOLDER
    parent.mkdir(parents=True, exist_ok=True)
    target = parent / key
    staging = Path(tempfile.mkdtemp(dir=parent, prefix=f"{TEMP_PREFIX}{key}-"))
    try:
        width, height = image.size
        sizes = pyramid_sizes(width, height)
        draft = Renditions(staging, width, height, TILE_SIZE, sizes)
        _fitted(image, SCREEN_LONG_SIDE).save(draft.screen_path, quality=SCREEN_QUALITY)
        _fitted(image, THUMB_LONG_SIDE).save(draft.thumb_path, quality=THUMB_QUALITY)
        level_image = image
        for level, size in enumerate(sizes):
            if level > 0:
                reduced = level_image.reduce(2)
                if level_image is not image:
                    level_image.close()
                level_image = reduced
            assert level_image.size == size
            _write_tiles(draft, level, level_image)
        if level_image is not image:
            level_image.close()
        manifest = {
            "version": MANIFEST_VERSION,
            "width": width,
            "height": height,
            "tile_size": TILE_SIZE,
            "level_sizes": [list(size) for size in sizes],
        }
        (staging / MANIFEST_NAME).write_text(json.dumps(manifest), encoding="utf-8")
        if target.exists():
            shutil.rmtree(target, ignore_errors=True)
        staging.replace(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Renditions(target, width, height, TILE_SIZE, sizes)


def _fitted(image: Image.Image, long_side: int) -> Image.Image:
    if max(image.size) <= long_side:
        return image
    copy = image.copy()
    copy.thumbnail((long_side, long_side), Image.Resampling.LANCZOS, reducing_gap=3.0)
    return copy


def _write_tiles(renditions: Renditions, level: int, image: Image.Image) -> None:
    columns, rows = renditions.tile_grid(level)
    folder = renditions.folder / "tiles" / str(level)
    folder.mkdir(parents=True)
    size = renditions.tile_size
    for column in range(columns):
        for row in range(rows):
            box = (
                column * size,
                row * size,
                min((column + 1) * size, image.width),
                min((row + 1) * size, image.height),
            )
            image.crop(box).save(renditions.tile_path(level, column, row), quality=TILE_QUALITY)


def ensure_renditions(root: ContentRoot, relative_path: str) -> Renditions:
    """The complete renditions of a stored image, rebuilt from the original when any is missing."""
    key = cache_key(relative_path)
    existing = read_manifest(renditions_folder(root, key))
    if existing is not None and existing.is_complete():
        return existing
    with _lock_for(key):
        existing = read_manifest(renditions_folder(root, key))
        if existing is not None and existing.is_complete():
            return existing
        return build_renditions(root, root.absolute(relative_path), key)


def pdf_page_images(source: Path, folder: Path) -> list[Path]:
    """Render each page of a PDF to a PNG in ``folder`` (300 dpi, long side capped); in order."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]  # loaded only for PDFs

    try:
        document = pdfium.PdfDocument(str(source))
    except (pdfium.PdfiumError, OSError) as error:
        if getattr(error, "err_code", None) == 0:
            # PDFium refuses a document without pages with the code "success".
            raise MediaError(f"{source} : ce PDF n'a aucune page.") from None
        raise MediaError(f"{source} : ce PDF ne peut pas être lu ({error}).") from None
    pages: list[Path] = []
    try:
        if len(document) == 0:
            raise MediaError(f"{source} : ce PDF n'a aucune page.")
        for index in range(len(document)):
            page = document[index]
            try:
                width_pt, height_pt = page.get_size()
                scale = PDF_DPI / 72
                scale = min(scale, PDF_MAX_LONG_SIDE / max(width_pt, height_pt, 1))
                check_pixels(source, round(width_pt * scale), round(height_pt * scale))
                bitmap = page.render(scale=scale)
                picture = bitmap.to_pil().convert("RGB")
                path = folder / f"{source.stem}-page-{index + 1:03d}.png"
                picture.save(path, compress_level=3)
                pages.append(path)
            finally:
                page.close()
    finally:
        document.close()
    return pages


def renditions_for_import(root: ContentRoot, source: Path, sha256: str | None = None) -> Renditions:
    """Check and render a file about to be imported, under the key its stored copy will have.

    Called by :func:`kiosk.library.importing.import_media` before anything is copied, so a
    bomb or a truncated scan is refused with nothing stored or recorded.
    """
    # The name kiosk.library.media_store.store_file gives the stored copy of an image.
    digest = sha256 or sha256_of(source)
    stored = f"{root.relative(root.assets_dir)}/{digest[:16]}{source.suffix.lower()}"
    return build_renditions(root, source, cache_key(stored))
