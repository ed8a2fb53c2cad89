"""The map image, decoded off the GUI thread at a bounded size.

A decode is asked for through :class:`MapDecoder`, which belongs to the canvas: asking for
another map, or the canvas closing (or going away), cancels the decode in flight. A cancelled
job still queued does not decode; one already running does not deliver its image.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageReader

from kiosk.playback.background import background

MAX_DECODE_SIDE = 4096
MAP_POOL = "map"  # one thread: one map decoded at a time


def decode_size(size: QSize) -> QSize:
    """The size to decode an image of ``size`` at: invalid (its own) up to 4096 px a side."""
    target = size.scaled(
        QSize(MAX_DECODE_SIDE, MAX_DECODE_SIDE), Qt.AspectRatioMode.KeepAspectRatio
    )
    return QSize() if target.width() >= size.width() else target


def image_size(path: str) -> QSize:
    """The size of the image at ``path`` as shown (EXIF orientation applied), from its header."""
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    return reader.size()


def read_image(path: str, target: QSize) -> QImage:
    """Decode ``path`` (EXIF orientation applied), at ``target`` when valid; thread-safe."""
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    if target.isValid():
        reader.setScaledSize(target)
    return reader.read()


class _Request:
    """What a worker may read of its decoder (a plain Python object: it outlives the decoder's
    C++ side, so a decoder destroyed under a queued decode still cancels it)."""

    def __init__(self) -> None:
        self.generation = 0

    def cancel_all(self, *_args: object) -> None:
        self.generation += 1


class MapDecoder(QObject):
    """Decodes one map at a time for its parent, on the application's background runner (its
    one-thread ``map`` pool); ``decoded(generation, image)`` on the GUI thread, for the latest
    request only."""

    decoded = Signal(int, QImage)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._request = _Request()
        self._waiting = False
        self.destroyed.connect(self._request.cancel_all)

    @property
    def generation(self) -> int:
        return self._request.generation

    def start(self, path: str, target: QSize) -> int:
        """Decode ``path`` (at ``target`` when valid); cancels the previous decode."""
        self.cancel()
        generation = self._request.generation
        self._waiting = True
        runner = background()
        runner.pool(MAP_POOL, threads=1)
        runner.submit(
            MAP_POOL,
            functools.partial(_decode_unless_cancelled, self._request, generation, path, target),
            functools.partial(self._on_decoded, generation),
            owner=self,
        )
        return generation

    def cancel(self) -> None:
        """No image from any decode asked for so far; a queued one is not even started."""
        self._request.cancel_all()
        self._waiting = False

    @property
    def pending(self) -> bool:
        return self._waiting

    def _on_decoded(self, generation: int, image: QImage | None) -> None:
        if image is not None and generation == self.generation and self._waiting:
            self._waiting = False
            self.decoded.emit(generation, image)


def _decode_unless_cancelled(
    request: _Request, generation: int, path: str, target: QSize
) -> QImage | None:
    """Worker thread: the image, or None when another map (or none) was asked for since."""
    if request.generation != generation:
        return None
    image = read_image(path, target)
    return image if request.generation == generation else None
