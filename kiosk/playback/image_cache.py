"""Decoded images for the screens: decoded off the GUI thread, kept in a byte-bounded LRU.

Screens ask for a rendition (a screen-size copy, a thumbnail, a zoom tile) or a video's poster
at the size of its card by key. A cached one is returned at once; otherwise a worker of the
cache's thread pool decodes it (building the renditions first when the cache folder was
deleted, extracting the poster with PyAV the first time) and hands the QImage back to the GUI
thread through the application's :class:`~kiosk.playback.background.Background`, then
``ready`` is emitted. The shared cache of a content root (:func:`shared_cache`) belongs to the
application and its pool is drained on quit. ``set_wanted`` names, for a kind, the images still
wanted: a queued job of that kind whose image is no longer wanted is dropped when its turn
comes (a fast flick through 2,000 video cards leaves no 2,000 jobs behind it). ``prefetch``
decodes ahead of time the drawings a visitor is about to swipe to. The newest requests are
served first, so the tiles a visitor is looking at now come before those of a place already
panned past.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage, QImageReader

from kiosk.config import ContentRoot
from kiosk.library.images import Renditions, ensure_renditions, renditions_of
from kiosk.library.media_store import MediaError
from kiosk.playback.background import Background, background
from kiosk.playback.memory import keep_large_blocks_out_of_heap
from kiosk.playback.posters import poster_for

log = logging.getLogger(__name__)

# A slideshow's working set (the drawing on screen, the next, the previous and one further:
# 4 × 12 MB screen renditions, and their thumbnails) or a deep zoom's (its base and the ~20
# tiles of a 1920×1080 view, 1 MB each): the two do not need to stay cached together.
DRAWING_BUDGET_BYTES = 64 * 1024 * 1024
# The videos list's posters at card size (about 70 cards at 1080p). Each kind keeps to its own
# share: a screen's posters never push the drawings out, nor drawings the posters (with one
# shared 112 MB, the drawings of the demo's albums took the posters' part: +31 MB resident).
POSTER_BUDGET_BYTES = 48 * 1024 * 1024
DEFAULT_THREADS = 2


class Kind(StrEnum):
    SCREEN = "screen"
    THUMB = "thumb"
    TILE = "tile"
    POSTER = "poster"  # a video's poster; relative_path is the video's (or its absolute path)


@dataclass(frozen=True)
class ImageKey:
    """One decodable rendition of one stored image (``relative_path`` as the catalogue has it)."""

    relative_path: str
    kind: Kind
    level: int = 0
    column: int = 0
    row: int = 0
    width: int = 0  # a poster's size (0: as extracted)
    height: int = 0

    @staticmethod
    def screen(relative_path: str) -> ImageKey:
        return ImageKey(relative_path, Kind.SCREEN)

    @staticmethod
    def thumb(relative_path: str) -> ImageKey:
        return ImageKey(relative_path, Kind.THUMB)

    @staticmethod
    def tile(relative_path: str, level: int, column: int, row: int) -> ImageKey:
        return ImageKey(relative_path, Kind.TILE, level, column, row)

    @staticmethod
    def poster(video_path: str, size: QSize | None = None) -> ImageKey:
        """The poster of a video, scaled and cropped to ``size`` (None: as extracted)."""
        if size is None or not size.isValid():
            return ImageKey(video_path, Kind.POSTER)
        return ImageKey(video_path, Kind.POSTER, width=size.width(), height=size.height())


@dataclass
class CacheStats:
    """What the cache did, for tests and benchmarks."""

    hits: int = 0
    misses: int = 0
    decodes: int = 0
    failures: int = 0
    evictions: int = 0
    decode_threads: set[int] = field(default_factory=set)


def rendition_file(renditions: Renditions, key: ImageKey) -> Path:
    if key.kind is Kind.SCREEN:
        return renditions.screen_path
    if key.kind is Kind.THUMB:
        return renditions.thumb_path
    return renditions.tile_path(key.level, key.column, key.row)


def decode_rendition(root: ContentRoot, key: ImageKey) -> QImage:
    """Read one rendition from disk, rebuilding the image's renditions when it is missing.

    Runs on a worker thread (QImage, unlike QPixmap, may be made there). Raises MediaError.
    """
    if key.kind is Kind.POSTER:
        return decode_poster(root, key)
    renditions = renditions_of(root, key.relative_path)
    path = rendition_file(renditions, key) if renditions is not None else None
    if renditions is None or path is None or not path.is_file():
        renditions = ensure_renditions(root, key.relative_path)
        path = rendition_file(renditions, key)
    reader = QImageReader(str(path))
    image = reader.read()
    if image.isNull():
        raise MediaError(f"{path} : rendu illisible ({reader.errorString()}).")
    if image.format() not in (
        QImage.Format.Format_RGB32,
        QImage.Format.Format_ARGB32_Premultiplied,
    ):
        image = image.convertToFormat(QImage.Format.Format_RGB32)
    return image


def decode_poster(root: ContentRoot, key: ImageKey) -> QImage:
    """A video's poster (extracted and kept under ``cache/posters`` the first time), scaled to
    cover the key's size and cropped to it. Runs on a worker thread. Raises MediaError."""
    path = Path(key.relative_path)
    try:
        video = path if path.is_absolute() else root.absolute(key.relative_path)
    except ValueError as error:  # a path outside the content root
        raise MediaError(f"{key.relative_path} : {error}") from None
    poster = poster_for(root.cache_dir, video) if video.is_file() else None
    if poster is None:
        raise MediaError(f"{video} : pas d'affiche (fichier absent ou illisible).")
    image = QImage(str(poster))
    if image.isNull():
        raise MediaError(f"{poster} : affiche illisible.")
    size = QSize(key.width, key.height)
    if size.isValid() and not size.isEmpty() and image.size() != size:
        image = image.scaled(
            size,
            Qt.AspectRatioMode.KeepAspectRatioByExpanding,
            Qt.TransformationMode.SmoothTransformation,
        )
        image = image.copy(
            (image.width() - size.width()) // 2,
            (image.height() - size.height()) // 2,
            size.width(),
            size.height(),
        )
    return image.convertToFormat(QImage.Format.Format_RGB32)


class _DecodeJob(QRunnable):
    def __init__(self, cache: ImageCache, key: ImageKey, generation: int) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._cache = cache
        self._key = key
        self._generation = generation
        self._root = cache.root
        self._stats = cache.stats
        self._background = cache.background
        self._since = cache.background.generation

    def run(self) -> None:
        cache, key, generation = self._cache, self._key, self._generation
        hand_over = self._background.hand_over
        if not cache.is_wanted(key):  # scrolled past before its turn came
            hand_over(cache, cache._on_skipped, (key, generation), self._since)
            return
        self._stats.decode_threads.add(threading.get_ident())
        try:
            image = decode_rendition(self._root, key)
        except MediaError as error:
            hand_over(cache, cache._on_failed, (key, str(error), generation), self._since)
        except Exception as error:  # a worker must never take the process down
            log.exception("decoding %s failed", key)
            hand_over(cache, cache._on_failed, (key, str(error), generation), self._since)
        else:
            hand_over(cache, cache._on_decoded, (key, image, generation), self._since)


class ImageCache(QObject):
    """An LRU of decoded images, filled by background workers, in two byte-bounded shares: the
    drawings' (screen renditions, thumbnails, zoom tiles) and the posters'.

    Results come back through the application's :class:`Background`: one that arrives after
    this cache (or its pool) is gone is dropped."""

    ready = Signal(object, QImage)  # ImageKey, image
    failed = Signal(object, str)  # ImageKey, reason

    def __init__(
        self,
        root: ContentRoot,
        *,
        budget_bytes: int = DRAWING_BUDGET_BYTES,
        poster_budget_bytes: int = POSTER_BUDGET_BYTES,
        threads: int = DEFAULT_THREADS,
        pool: QThreadPool | None = None,
        poster_pool: QThreadPool | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.root = root
        self.budget_bytes = budget_bytes  # the drawings' share
        self.poster_budget_bytes = poster_budget_bytes
        self.stats = CacheStats()
        self.background: Background = background()
        self._images: OrderedDict[ImageKey, QImage] = OrderedDict()
        self._bytes = 0
        self._poster_bytes = 0  # of which posters
        self._pending: set[ImageKey] = set()
        self._failed: dict[ImageKey, str] = {}
        self._wanted: dict[Kind, frozenset[str]] = {}
        self._priority = 0
        self._generation = 0
        if pool is None:
            pool = QThreadPool(self)
            pool.setMaxThreadCount(threads)
        self._pool = pool
        # Posters are extracted with PyAV (tens of ms each): in a pool of their own, so that a
        # screen's posters do not wait behind the drawings of the screens built in the
        # background, and the other way round. One cache, one budget for both.
        self._poster_pool = poster_pool if poster_pool is not None else pool
        self._pools = (pool,) if self._poster_pool is pool else (pool, self._poster_pool)

    @property
    def used_bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._images)

    def get(self, key: ImageKey) -> QImage | None:
        """The decoded image if it is cached (it becomes the most recently used), else None."""
        image = self._images.get(key)
        if image is None:
            self.stats.misses += 1
            return None
        self.stats.hits += 1
        self._images.move_to_end(key)
        return image

    def contains(self, key: ImageKey) -> bool:
        return key in self._images

    def images_of(self, relative_path: str, kind: Kind) -> list[tuple[ImageKey, QImage]]:
        """The cached images of one stored file and kind (all sizes of a poster)."""
        return [
            (key, image)
            for key, image in self._images.items()
            if key.relative_path == relative_path and key.kind is kind
        ]

    def set_wanted(self, kind: Kind, paths: Iterable[str]) -> None:
        """Only these files are still wanted in this kind: queued jobs for others are dropped
        when their turn comes (read by the workers: the set is replaced, never changed)."""
        self._wanted = {**self._wanted, kind: frozenset(paths)}

    def is_wanted(self, key: ImageKey) -> bool:
        wanted = self._wanted.get(key.kind)
        return wanted is None or key.relative_path in wanted

    def failure(self, key: ImageKey) -> str | None:
        """Why this rendition could not be decoded, if it could not."""
        return self._failed.get(key)

    def request(self, key: ImageKey) -> QImage | None:
        """The image now if cached; otherwise schedule its decoding and return None."""
        image = self.get(key)
        if image is None:
            self._schedule(key)
        return image

    def prefetch(self, keys: Iterable[ImageKey]) -> None:
        """Decode these in the background if they are not cached yet (the first one first)."""
        for key in reversed(list(keys)):
            if key not in self._images:
                self._schedule(key)

    def put(self, key: ImageKey, image: QImage) -> None:
        if key in self._images:
            self._forget(key)
        self._images[key] = image
        self._bytes += image.sizeInBytes()
        if key.kind is Kind.POSTER:
            self._poster_bytes += image.sizeInBytes()
        self._evict(key)

    def _forget(self, key: ImageKey) -> None:
        size = self._images.pop(key).sizeInBytes()
        self._bytes -= size
        if key.kind is Kind.POSTER:
            self._poster_bytes -= size

    def clear(self) -> None:
        """Forget every decoded image and every queued job (running jobs are ignored)."""
        for pool in self._pools:
            pool.clear()
        self._generation += 1
        self._pending.clear()
        self._images.clear()
        self._bytes = 0
        self._poster_bytes = 0

    def cancel_pending(self, keep: Callable[[ImageKey], bool] | None = None) -> None:
        """Drop queued jobs (those already running finish); ``keep`` spares some of them."""
        for pool in self._pools:
            pool.clear()
        dropped = self._pending if keep is None else {k for k in self._pending if not keep(k)}
        kept = self._pending - dropped
        self._pending = set()
        for key in kept:
            self._schedule(key)

    @property
    def pending(self) -> int:
        """Images asked for and not decoded yet."""
        return len(self._pending)

    def wait_for_idle(self, msecs: int = -1) -> bool:
        """Block until the workers are done (tests, benchmarks, shutting down)."""
        return all(pool.waitForDone(msecs) for pool in self._pools)

    def _schedule(self, key: ImageKey) -> None:
        if key in self._pending or key in self._failed or not self.background.is_open:
            return  # (not open: the application quits, its pools are drained)
        self._pending.add(key)
        self._priority += 1
        pool = self._poster_pool if key.kind is Kind.POSTER else self._pool
        pool.start(_DecodeJob(self, key, self._generation), self._priority)

    def _evict(self, newest: ImageKey) -> None:
        """The least recently used images of ``newest``'s share, while that share is over its
        budget (``newest`` itself always stays)."""
        posters = newest.kind is Kind.POSTER
        budget = self.poster_budget_bytes if posters else self.budget_bytes
        while (self._poster_bytes if posters else self._bytes - self._poster_bytes) > budget:
            oldest = next(key for key in self._images if (key.kind is Kind.POSTER) == posters)
            if oldest == newest:
                return
            self._forget(oldest)
            self.stats.evictions += 1

    # On the GUI thread, handed over by the Background (its @Slot calls these).

    def _on_decoded(self, result: tuple[ImageKey, QImage, int]) -> None:
        key, image, generation = result
        self.stats.decodes += 1
        if generation == self._generation:
            self._pending.discard(key)
            self.put(key, image)
            self.ready.emit(key, image)

    def _on_failed(self, result: tuple[ImageKey, str, int]) -> None:
        key, reason, _generation = result
        self.stats.failures += 1
        self._pending.discard(key)
        self._failed[key] = reason
        # A video without a poster keeps its placeholder card: not worth a warning each.
        level = logging.INFO if key.kind is Kind.POSTER else logging.WARNING
        log.log(level, "image not shown: %s", reason)
        self.failed.emit(key, reason)

    def _on_skipped(self, result: tuple[ImageKey, int]) -> None:
        key, generation = result
        if generation == self._generation:
            self._pending.discard(key)


_shared: dict[Path, ImageCache] = {}


def shared_cache(root: ContentRoot) -> ImageCache:
    """The one cache of a content root in this process, shared by every screen."""
    home = root.home.resolve()
    cache = _shared.get(home)
    if cache is None:
        # Decoded renditions are big blocks: keep them out of the heap, so freed ones are
        # given back instead of leaving holes (see kiosk.playback.memory).
        keep_large_blocks_out_of_heap()
        work = background()
        # Owned by the application: its pool is drained on quit with the others.
        cache = ImageCache(
            root,
            pool=work.pool(f"images:{home}", DEFAULT_THREADS),
            poster_pool=work.pool(f"posters:{home}", DEFAULT_THREADS),
            parent=work,
        )
        _shared[home] = cache
    return cache


def pending_images() -> int:
    """Images asked of this process's shared caches and not decoded yet (screenshots)."""
    return sum(cache.pending for cache in _shared.values())
