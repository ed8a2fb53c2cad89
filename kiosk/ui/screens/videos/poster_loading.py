"""The posters of the cards, loaded lazily off the GUI thread, and the poster handed over
from the list to the player.

Only the rows on screen (and the next line) are asked for; the poster is extracted or read from
``cache/posters`` by a worker thread and scaled to the card there.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import (
    QObject,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QImage,
    QPixmap,
)

from kiosk.playback.posters import poster_for

log = logging.getLogger(__name__)

POSTER_BUDGET_BYTES = 48 * 1024 * 1024  # about 70 card posters at 1080p
POSTER_THREADS = 2


PosterKey = tuple[str, int, int]  # the video's absolute path, the poster's width and height


class _PosterJob(QRunnable):
    def __init__(self, cache: PosterCache, path: Path, size: QSize | None) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._cache = cache
        self._path = path
        self._size = size
        self._cache_dir = cache.cache_dir

    def run(self) -> None:
        key = str(self._path)
        size = self._size if self._size is not None else QSize()
        try:
            if key not in self._cache.wanted:  # scrolled past before its turn came
                self._cache._skipped_in_worker.emit(key, size)
                return
            image = self._load()
            if image is None:
                self._cache._failed_in_worker.emit(key, size)
            else:
                self._cache._loaded_in_worker.emit(key, size, image)
        except RuntimeError:  # the screen was closed meanwhile
            return
        except Exception:  # a worker must never take the process down
            log.exception("poster of %s failed", self._path)

    def _load(self) -> QImage | None:
        poster = poster_for(self._cache_dir, self._path) if self._path.is_file() else None
        if poster is None:
            return None
        image = QImage(str(poster))
        if image.isNull():
            log.warning("poster %s cannot be read", poster)
            return None
        size = self._size
        if size is not None and size.isValid() and image.size() != size:
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


def _key(path: str, size: QSize | None) -> PosterKey:
    if size is None or not size.isValid():
        return (path, 0, 0)
    return (path, size.width(), size.height())


class PosterCache(QObject):
    """Posters made on worker threads at the size they are shown, kept in a byte-bounded LRU.

    ``pixmap(path, size)`` returns the poster at once when it is cached, else schedules it (the
    newest request first) and returns None; ``ready(path)`` follows. ``set_wanted`` names the
    videos on screen: a queued job whose video is no longer wanted (or pinned) is dropped when
    its turn comes, so a fast flick through 2,000 cards does not leave 2,000 jobs behind it.
    """

    ready = Signal(str)
    _loaded_in_worker = Signal(str, QSize, QImage)
    _failed_in_worker = Signal(str, QSize)
    _skipped_in_worker = Signal(str, QSize)

    def __init__(
        self,
        cache_dir: Path,
        *,
        budget_bytes: int = POSTER_BUDGET_BYTES,
        threads: int = POSTER_THREADS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.cache_dir = cache_dir
        self.budget_bytes = budget_bytes
        self.wanted: frozenset[str] = frozenset()
        self.loads = 0
        self._pinned: set[str] = set()
        self._pixmaps: OrderedDict[PosterKey, tuple[QPixmap, int]] = OrderedDict()
        self._bytes = 0
        self._pending: set[PosterKey] = set()
        self._queued: list[tuple[Path, QSize | None]] = []
        self._failed: set[str] = set()
        self._priority = 0
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._loaded_in_worker.connect(self._on_loaded)
        self._failed_in_worker.connect(self._on_failed)
        self._skipped_in_worker.connect(self._on_skipped)

    def pin(self, path: Path) -> None:
        """Always wanted (the aftermovie's poster, at the top of the page)."""
        self._pinned.add(str(path))
        self.wanted = self.wanted | {str(path)}

    def set_wanted(self, paths: Iterable[str]) -> None:
        self.wanted = frozenset(paths) | self._pinned

    def pixmap(self, path: Path, size: QSize | None = None) -> QPixmap | None:
        """The poster scaled and cropped to ``size`` (None: as extracted), or None for now."""
        key = _key(str(path), size)
        found = self._pixmaps.get(key)
        if found is not None:
            self._pixmaps.move_to_end(key)
            return found[0]
        if key not in self._pending and key[0] not in self._failed:
            self._pending.add(key)
            if not self._queued:
                # Started once the frame being painted is done: the workers do not compete
                # with the GUI thread for the cores (and the GIL) while it paints.
                QTimer.singleShot(0, self, self._start_queued)
            self._queued.append((path, size))
        return None

    def _start_queued(self) -> None:
        queued, self._queued = self._queued, []
        for path, size in queued:
            self._priority += 1
            self._pool.start(_PosterJob(self, path, size), self._priority)

    def failed(self, path: Path) -> bool:
        return str(path) in self._failed

    def best(self, path: Path) -> QPixmap | None:
        """The largest poster of ``path`` already decoded (for the player's stand-in)."""
        found = [pixmap for key, (pixmap, _cost) in self._pixmaps.items() if key[0] == str(path)]
        return max(found, key=lambda pixmap: pixmap.width(), default=None)

    def __len__(self) -> int:
        return len(self._pixmaps)

    @property
    def used_bytes(self) -> int:
        return self._bytes

    def wait_for_idle(self, msecs: int = -1) -> bool:
        """Block until the workers are done (tests, benchmarks, closing)."""
        return self._pool.waitForDone(msecs)

    @Slot(str, QSize, QImage)
    def _on_loaded(self, path: str, size: QSize, image: QImage) -> None:
        key = _key(path, size)
        self._pending.discard(key)
        self.loads += 1
        cost = image.sizeInBytes()
        self._pixmaps[key] = (QPixmap.fromImage(image), cost)
        self._bytes += cost
        while self._bytes > self.budget_bytes and len(self._pixmaps) > 1:
            _old, (_evicted, evicted_cost) = self._pixmaps.popitem(last=False)
            self._bytes -= evicted_cost
        self.ready.emit(path)

    @Slot(str, QSize)
    def _on_failed(self, path: str, size: QSize) -> None:
        self._pending.discard(_key(path, size))
        self._failed.add(path)

    @Slot(str, QSize)
    def _on_skipped(self, path: str, size: QSize) -> None:
        self._pending.discard(_key(path, size))


# The poster of the video just tapped, handed from the list to the player (which shows it in
# the video area until the film's first picture is drawn): one picture, taken once.
_handed_over: tuple[str, QPixmap] | None = None


def hand_over_poster(path: Path, pixmap: QPixmap | None) -> None:
    global _handed_over
    _handed_over = None if pixmap is None or pixmap.isNull() else (str(path), pixmap)


def take_poster(path: Path) -> QPixmap | None:
    """The poster handed over for ``path`` (None if another video's, or none); forgotten."""
    global _handed_over
    handed, _handed_over = _handed_over, None
    return handed[1] if handed is not None and handed[0] == str(path) else None
