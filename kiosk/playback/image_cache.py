"""Decoded images for the screens: decoded off the GUI thread, kept in a byte-bounded LRU.

Screens ask for a rendition (a screen-size copy, a thumbnail, a zoom tile) by key. A cached one
is returned at once; otherwise a worker of the cache's own thread pool decodes it (building the
renditions first when the cache folder was deleted) and hands the QImage back to the GUI thread
through a queued signal, then ``ready`` is emitted. ``prefetch`` does the same ahead of time for
the drawings a visitor is about to swipe to. The newest requests are served first, so the tiles
a visitor is looking at now come before those of a place already panned past.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtGui import QImage, QImageReader

from kiosk.config import ContentRoot
from kiosk.library.images import Renditions, ensure_renditions, renditions_of
from kiosk.library.media_store import MediaError
from kiosk.playback.memory import keep_large_blocks_out_of_heap

log = logging.getLogger(__name__)

# A slideshow's working set (the drawing on screen, the next, the previous and one further:
# 4 × 12 MB screen renditions, and their thumbnails) or a deep zoom's (its base and the ~20
# tiles of a 1920×1080 view, 1 MB each): the two do not need to stay cached together.
DEFAULT_BUDGET_BYTES = 64 * 1024 * 1024
DEFAULT_THREADS = 2


class Kind(StrEnum):
    SCREEN = "screen"
    THUMB = "thumb"
    TILE = "tile"


@dataclass(frozen=True)
class ImageKey:
    """One decodable rendition of one stored image (``relative_path`` as the catalogue has it)."""

    relative_path: str
    kind: Kind
    level: int = 0
    column: int = 0
    row: int = 0

    @staticmethod
    def screen(relative_path: str) -> ImageKey:
        return ImageKey(relative_path, Kind.SCREEN)

    @staticmethod
    def thumb(relative_path: str) -> ImageKey:
        return ImageKey(relative_path, Kind.THUMB)

    @staticmethod
    def tile(relative_path: str, level: int, column: int, row: int) -> ImageKey:
        return ImageKey(relative_path, Kind.TILE, level, column, row)


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


class _DecodeJob(QRunnable):
    def __init__(self, cache: ImageCache, key: ImageKey, generation: int) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._cache = cache
        self._key = key
        self._generation = generation
        self._root = cache.root
        self._stats = cache.stats

    def run(self) -> None:
        self._stats.decode_threads.add(threading.get_ident())
        try:
            image = decode_rendition(self._root, self._key)
        except MediaError as error:
            self._cache._failed_in_worker.emit(self._key, str(error), self._generation)
        except Exception as error:  # a worker must never take the process down
            log.exception("decoding %s failed", self._key)
            self._cache._failed_in_worker.emit(self._key, str(error), self._generation)
        else:
            self._cache._decoded_in_worker.emit(self._key, image, self._generation)


class ImageCache(QObject):
    """An LRU of decoded renditions bounded by ``budget_bytes``, filled by background workers."""

    ready = Signal(object, QImage)  # ImageKey, image
    failed = Signal(object, str)  # ImageKey, reason
    _decoded_in_worker = Signal(object, QImage, int)
    _failed_in_worker = Signal(object, str, int)

    def __init__(
        self,
        root: ContentRoot,
        *,
        budget_bytes: int = DEFAULT_BUDGET_BYTES,
        threads: int = DEFAULT_THREADS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.root = root
        self.budget_bytes = budget_bytes
        self.stats = CacheStats()
        self._images: OrderedDict[ImageKey, QImage] = OrderedDict()
        self._bytes = 0
        self._pending: set[ImageKey] = set()
        self._failed: dict[ImageKey, str] = {}
        self._priority = 0
        self._generation = 0
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._decoded_in_worker.connect(self._on_decoded)
        self._failed_in_worker.connect(self._on_failed)

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
            self._bytes -= self._images.pop(key).sizeInBytes()
        self._images[key] = image
        self._bytes += image.sizeInBytes()
        self._evict()

    def clear(self) -> None:
        """Forget every decoded image and every queued job (running jobs are ignored)."""
        self._pool.clear()
        self._generation += 1
        self._pending.clear()
        self._images.clear()
        self._bytes = 0

    def cancel_pending(self, keep: Callable[[ImageKey], bool] | None = None) -> None:
        """Drop queued jobs (those already running finish); ``keep`` spares some of them."""
        self._pool.clear()
        dropped = self._pending if keep is None else {k for k in self._pending if not keep(k)}
        kept = self._pending - dropped
        self._pending = set()
        for key in kept:
            self._schedule(key)

    def wait_for_idle(self, msecs: int = -1) -> bool:
        """Block until the workers are done (tests, benchmarks, shutting down)."""
        return self._pool.waitForDone(msecs)

    def _schedule(self, key: ImageKey) -> None:
        if key in self._pending or key in self._failed:
            return
        self._pending.add(key)
        self._priority += 1
        self._pool.start(_DecodeJob(self, key, self._generation), self._priority)

    def _evict(self) -> None:
        while self._bytes > self.budget_bytes and len(self._images) > 1:
            _key, image = self._images.popitem(last=False)
            self._bytes -= image.sizeInBytes()
            self.stats.evictions += 1

    @Slot(object, QImage, int)
    def _on_decoded(self, key: ImageKey, image: QImage, generation: int) -> None:
        self.stats.decodes += 1
        if generation == self._generation:
            self._pending.discard(key)
            self.put(key, image)
            self.ready.emit(key, image)

    @Slot(object, str, int)
    def _on_failed(self, key: ImageKey, reason: str, _generation: int) -> None:
        self.stats.failures += 1
        self._pending.discard(key)
        self._failed[key] = reason
        log.warning("image not shown: %s", reason)
        self.failed.emit(key, reason)


_shared: dict[Path, ImageCache] = {}


def shared_cache(root: ContentRoot) -> ImageCache:
    """The one cache of a content root in this process, shared by every screen."""
    home = root.home.resolve()
    cache = _shared.get(home)
    if cache is None:
        # Decoded renditions are big blocks: keep them out of the heap, so freed ones are
        # given back instead of leaving holes (see kiosk.playback.memory).
        keep_large_blocks_out_of_heap()
        cache = ImageCache(root)
        _shared[home] = cache
    return cache
