"""A wrapping label that never cuts a word too long for its width (a place named in one word).

Qt wraps a label at spaces (and after hyphens) only: a word wider than the label, such as
« Tiers-lieu-de-Bourbon-l'Archambault-et-environs » in large bold type on a narrow sheet, makes
the label as wide as the word and the sheet cuts it. :class:`WholeWordLabel` keeps the text it
was given and shows it with soft hyphens (U+00AD: a hyphen appears only where the line breaks)
inside any piece too wide for the label's current width, so the text wraps and stays whole at
every screen size and text size. ``text()`` is what is shown; ``full_text()`` what was given.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QWidget

from kiosk.kit.widgets import PlainLabel

SOFT_HYPHEN = "\u00ad"
# The pieces Qt will not break: runs of characters between spaces and after hyphens.
_PIECE = re.compile(r"[^\s\-]+-?|\s+|-")


def _split_piece(piece: str, metrics: QFontMetrics, width: int) -> str:
    """``piece`` cut into parts that fit ``width`` with the hyphen shown at a break."""
    parts: list[str] = []
    current = ""
    hyphen = metrics.horizontalAdvance("-")
    for character in piece:
        if current and metrics.horizontalAdvance(current + character) + hyphen > width:
            parts.append(current)
            current = character
        else:
            current += character
    parts.append(current)
    return SOFT_HYPHEN.join(parts)


def break_long_words(text: str, metrics: QFontMetrics, width: int) -> str:
    """``text`` with soft hyphens inside every piece wider than ``width`` (in ``metrics``)."""
    if width <= 0 or not text:
        return text
    return "".join(
        _split_piece(piece, metrics, width)
        if not piece.isspace() and metrics.horizontalAdvance(piece) > width
        else piece
        for piece in _PIECE.findall(text)
    )


class WholeWordLabel(PlainLabel):
    """A word-wrapped plain label whose words are broken (with a hyphen) rather than cut."""

    def __init__(self, object_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        if object_name:
            self.setObjectName(object_name)
        self.setWordWrap(True)
        self._full = ""
        self._fitted_width = -1

    def full_text(self) -> str:
        return self._full

    def setText(self, text: str) -> None:
        self._full = text
        self._fitted_width = -1
        self._fit()

    def minimumSizeHint(self) -> QSize:
        """As narrow as a few letters: the words break to the width the layout gives."""
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.fontMetrics().averageCharWidth() * 4), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fitted_width = -1  # a new font (style sheet, larger text) measures anew
            self._fit()

    def _fit(self) -> None:
        width = self.contentsRect().width() - 2 * self.margin()
        if width == self._fitted_width and super().text():
            return
        self._fitted_width = width
        shown = break_long_words(self._full, self.fontMetrics(), width)
        if shown != super().text():
            super().setText(shown)
