"""The posters of the cards, asked lazily of the shared image cache, and the poster handed over
from the list to the player.

Only the rows on screen (and the next line) are asked for. The poster is extracted or read from
``cache/posters`` and scaled to the card by a worker of the content root's shared
:class:`~kiosk.playback.image_cache.ImageCache` (the one byte-bounded cache of decoded images,
the drawings' too), which keeps it; :class:`PosterCache` is the list's view of it: which videos
are wanted, which have no poster, and ``ready`` when one has come.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QObject, QSize, QTimer, Signal, Slot
from PySide6.QtGui import QImage, QPixmap

from kiosk.config import ContentRoot
from kiosk.playback.image_cache import ImageCache, ImageKey, Kind, shared_cache


class PosterCache(QObject):
    """Posters made on worker threads at the size they are shown.

    ``poster(path, size)`` returns the poster at once when it is cached, else schedules it (the
    newest request first) and returns None; ``ready(path)`` follows. ``set_wanted`` names the
    videos on screen: a queued job whose video is no longer wanted (or pinned) is dropped when
    its turn comes. Paths are the videos' absolute paths.
    """

    ready = Signal(str)

    def __init__(
        self,
        root: ContentRoot,
        *,
        images: ImageCache | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.images = images if images is not None else shared_cache(root)
        self.wanted: frozenset[str] = frozenset()
        self._pinned: set[str] = set()
        self._failed: set[str] = set()
        self._queued: list[ImageKey] = []
        # The cache lives as long as the application; this object goes with its screen, and
        # Qt disconnects these then: a poster decoded after the screen is gone is not sent here.
        self.images.ready.connect(self._on_ready)
        self.images.failed.connect(self._on_failed)

    def pin(self, path: Path) -> None:
        """Always wanted (the aftermovie's poster, at the top of the page)."""
        self._pinned.add(str(path))
        self.set_wanted(self.wanted)

    def set_wanted(self, paths: Iterable[str]) -> None:
        self.wanted = frozenset(paths) | self._pinned
        self.images.set_wanted(Kind.POSTER, self.wanted)

    def poster(self, path: Path, size: QSize | None = None) -> QImage | None:
        """The poster scaled and cropped to ``size`` (None: as extracted), or None for now."""
        key = ImageKey.poster(str(path), size)
        found = self.images.get(key)
        if found is not None or str(path) in self._failed or self.images.failure(key):
            return found
        if not self._queued:
            # Started once the frame being painted is done: the workers do not compete
            # with the GUI thread for the cores (and the GIL) while it paints.
            QTimer.singleShot(0, self, self._start_queued)
        if key not in self._queued:
            self._queued.append(key)
        return None

    def _start_queued(self) -> None:
        queued, self._queued = self._queued, []
        for key in queued:
            self.images.request(key)

    def failed(self, path: Path) -> bool:
        return str(path) in self._failed

    def best(self, path: Path) -> QImage | None:
        """The largest poster of ``path`` already decoded (for the player's stand-in)."""
        found = [image for _key, image in self.images.images_of(str(path), Kind.POSTER)]
        return max(found, key=lambda image: image.width(), default=None)

    def wait_for_idle(self, msecs: int = -1) -> bool:
        """Block until the workers are done (tests, benchmarks)."""
        return self.images.wait_for_idle(msecs)

    @Slot(object, QImage)
    def _on_ready(self, key: ImageKey, _image: QImage) -> None:
        if key.kind is Kind.POSTER:
            self.ready.emit(key.relative_path)

    @Slot(object, str)
    def _on_failed(self, key: ImageKey, _reason: str) -> None:
        if key.kind is Kind.POSTER:
            self._failed.add(key.relative_path)


# The poster of the video just tapped, handed from the list to the player (which shows it in
# the video area until the film's first picture is drawn): one picture, taken once.
_handed_over: tuple[str, QImage] | None = None


def hand_over_poster(path: Path, image: QImage | None) -> None:
    global _handed_over
    _handed_over = None if image is None or image.isNull() else (str(path), image)


def take_poster(path: Path) -> QPixmap | None:
    """The poster handed over for ``path`` (None if another video's, or none); forgotten."""
    global _handed_over
    handed, _handed_over = _handed_over, None
    if handed is None or handed[0] != str(path):
        return None
    return QPixmap.fromImage(handed[1])
