"""The map image, decoded off the GUI thread at a bounded size.

A decode is asked for through :class:`MapDecoder`, which belongs to the canvas: asking for
another map, or the canvas closing (or going away), cancels the decode in flight. A cancelled
job still queued is taken off the pool; one already running does not deliver its image.
"""

from __future__ import annotations

import contextlib
import threading

from PySide6.QtCore import QObject, QRunnable, QSize, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QImage, QImageReader

MAX_DECODE_SIDE = 4096


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


class _Signals(QObject):
    decoded = Signal(int, QImage)


class _DecodeJob(QRunnable):
    def __init__(self, path: str, target: QSize, generation: int, signals: _Signals) -> None:
        super().__init__()
        self.path = path
        self.target = target
        self.generation = generation
        self.signals = signals
        self.cancelled = threading.Event()

    def run(self) -> None:
        if self.cancelled.is_set():
            return
        image = read_image(self.path, self.target)
        if self.cancelled.is_set():
            return
        # The canvas may have been destroyed since the check: then nobody wants the image.
        with contextlib.suppress(RuntimeError):
            self.signals.decoded.emit(self.generation, image)


class MapDecoder(QObject):
    """Decodes one map at a time for its parent; ``decoded(generation, image)`` on the GUI
    thread, for the latest request only."""

    decoded = Signal(int, QImage)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.generation = 0
        self._signals = _Signals(self)
        self._signals.decoded.connect(self._on_decoded)
        self._job: _DecodeJob | None = None
        self._pool = QThreadPool.globalInstance()
        # A plain Python holder of the job's flag: it outlives this object's C++ side, so its
        # destroyed signal still reaches it.
        self._flag = _Flag()
        self.destroyed.connect(self._flag.set)

    def start(self, path: str, target: QSize) -> int:
        """Decode ``path`` (at ``target`` when valid); cancels the previous decode."""
        self.cancel()
        job = _DecodeJob(path, target, self.generation, self._signals)
        self._job = job
        self._flag.event = job.cancelled
        self._pool.start(job)
        return self.generation

    def cancel(self) -> None:
        """No image from any decode asked for so far; a queued one is not even started."""
        self.generation += 1
        job, self._job = self._job, None
        if job is not None:
            job.cancelled.set()
            with contextlib.suppress(RuntimeError):  # already run and deleted by the pool
                self._pool.tryTake(job)

    @property
    def pending(self) -> bool:
        return self._job is not None

    @Slot(int, QImage)
    def _on_decoded(self, generation: int, image: QImage) -> None:
        if generation == self.generation and self._job is not None:
            self._job = None
            self.decoded.emit(generation, image)


class _Flag:
    def __init__(self) -> None:
        self.event: threading.Event | None = None

    def set(self, *_args: object) -> None:
        if self.event is not None:
            self.event.set()
