"""Decoding images at the size they are shown, without decoding a huge scan in full."""

from __future__ import annotations

import stat
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QImageReader


def load_scaled(path: Path, bounds: QSize) -> QImage:
    """Decode ``path`` to fit within ``bounds`` (aspect kept); a null image if unreadable.

    The reader scales while decoding (JPEG decoders skip the unneeded detail), so a 6000×4000
    drawing costs a fraction of a full decode.
    """
    try:  # a FIFO or a device would block the decoding thread for good (light: no media_store)
        if not stat.S_ISREG(Path(path).stat().st_mode):
            return QImage()
    except OSError:
        return QImage()
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if not size.isValid() or size.isEmpty():
        return QImage()
    target = size.scaled(bounds, Qt.AspectRatioMode.KeepAspectRatio)
    if target.width() < size.width():
        reader.setScaledSize(target)
    image = reader.read()
    return image if not image.isNull() else QImage()
