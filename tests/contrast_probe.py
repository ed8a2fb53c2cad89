"""Contrast measured on the pixels the real widgets draw (used by tests/test_contrast.py).

The window is grabbed once (``QWidget.grab()``, offscreen); then for every visible widget that
shows text or an icon the colours in its rectangle are counted:

- the **background** is the most frequent colour of the rectangle (a label, a button, a list
  row is mostly its background);
- the **text** is, among the colours that cover enough pixels to be the stems of letters
  (not the anti-aliased edges), the one that contrasts most with that background;
- an **icon** (a QIcon on a button, a pixmap on a label, a list delegate's pixmaps) is drawn in
  one colour: its colour is read from the icon's own opaque pixels, and its background from
  the grab around it (the pixels of its rectangle where the icon is transparent).

Text must reach 4.5:1, icons and controls 3:1 (WCAG 2.1, 1.4.3 and 1.4.11).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QColor, QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QLabel,
    QTextEdit,
    QWidget,
)

from kiosk.kit.theme import contrast_ratio

TEXT_MINIMUM = 4.5
ICON_MINIMUM = 3.0


@dataclass(frozen=True)
class Finding:
    """One measured pair: what was measured, where, its colours and its ratio."""

    kind: str  # "text" or "icon"
    where: str
    foreground: str
    background: str
    ratio: float

    @property
    def minimum(self) -> float:
        return TEXT_MINIMUM if self.kind == "text" else ICON_MINIMUM

    @property
    def passes(self) -> bool:
        return self.ratio >= self.minimum

    def __str__(self) -> str:
        return (
            f"{self.kind} {self.where}: {self.foreground} on {self.background} "
            f"= {self.ratio:.2f}:1 (needs {self.minimum})"
        )


def _quantised(colour: int) -> int:
    """Colours within a few levels are one colour (gradients, rounding in the compositor)."""
    return colour & 0xFCFCFC


def _counts(image: QImage, rect: QRect) -> Counter[int]:
    counts: Counter[int] = Counter()
    rect = rect.intersected(image.rect())
    step = 1 if rect.width() * rect.height() < 250_000 else 2
    for y in range(rect.top(), rect.bottom() + 1, step):
        for x in range(rect.left(), rect.right() + 1, step):
            counts[_quantised(image.pixel(x, y) & 0xFFFFFF)] += 1
    return counts


def _name(colour: int) -> str:
    return QColor(colour).name()


def _surfaces(image: QImage, rect: QRect, columns: int = 12) -> set[int]:
    """Colours that fill whole columns of ``rect`` (a card's edge, a poster), not ink: a
    letter's stem is never that wide."""
    rect = rect.intersected(image.rect())
    full: Counter[int] = Counter()
    for x in range(rect.left(), rect.right() + 1):
        first = _quantised(image.pixel(x, rect.top()) & 0xFFFFFF)
        if all(
            _quantised(image.pixel(x, y) & 0xFFFFFF) == first
            for y in range(rect.top(), rect.bottom() + 1)
        ):
            full[first] += 1
    surfaces = {colour for colour, count in full.items() if count >= columns}
    # A long straight run of one colour is an edge of a surface too (no letter is that wide).
    for y in range(rect.top(), rect.bottom() + 1):
        run, previous = 0, -1
        for x in range(rect.left(), rect.right() + 1):
            colour = _quantised(image.pixel(x, y) & 0xFFFFFF)
            run = run + 1 if colour == previous else 1
            previous = colour
            if run == 80:
                surfaces.add(colour)
    return surfaces


def text_pair(
    image: QImage, rect: QRect, surface: float = 0, ignore: set[int] | None = None
) -> tuple[str, str] | None:
    """(text, background) in ``rect`` of the grab, or None when nothing is drawn there.

    ``surface``: a colour covering more pixels than that is a surface (a card, a poster's
    sky), not ink."""
    counts = _counts(image, rect)
    if len(counts) < 2:
        return None
    background, background_count = counts.most_common(1)[0]
    ink = sum(counts.values()) - background_count
    # A letter's stem is a run of pixels of exactly the text colour; anti-aliased edges are
    # spread over many colours. A colour covering 6 % of the ink (and 8 pixels) is a stem.
    enough = max(8, ink * 0.06)
    candidates = [colour for colour, count in counts.items() if count >= enough]
    candidates = [
        colour
        for colour in candidates
        if colour != background
        and not (surface and counts[colour] > surface)
        and colour not in (ignore or set())
    ]
    if not candidates:
        return None
    background_name = _name(background)
    foreground = max(candidates, key=lambda c: contrast_ratio(_name(c), background_name))
    return _name(foreground), background_name


def icon_colour(pixmap: QPixmap | QImage) -> str | None:
    """The colour of a one-colour icon's opaque pixels; None for a picture (a photo…)."""
    image = pixmap.toImage() if isinstance(pixmap, QPixmap) else pixmap
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    counts: Counter[int] = Counter()
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixel(x, y)
            if (pixel >> 24) & 0xFF >= 250:
                counts[_quantised(pixel & 0xFFFFFF)] += 1
    if not counts:
        return None
    colour, count = counts.most_common(1)[0]
    if count < 0.8 * sum(counts.values()):
        return None  # many colours: a picture, not an icon
    return _name(colour)


def background_around(image: QImage, rect: QRect, foreground: str) -> str | None:
    """The most frequent colour in ``rect`` that is not the icon's own colour."""
    counts = _counts(image, rect)
    own = _quantised(QColor(foreground).rgb() & 0xFFFFFF)
    counts.pop(own, None)
    if not counts:
        return None
    return _name(counts.most_common(1)[0][0])


def _icon_pixmap(icon: QIcon, size: QSize, widget: QWidget) -> QPixmap:
    checked = isinstance(widget, QAbstractButton) and widget.isChecked()
    state = QIcon.State.On if checked else QIcon.State.Off
    return icon.pixmap(size, QIcon.Mode.Normal, state)


def _visible(widget: QWidget, window: QWidget) -> bool:
    """Shown, and not under another widget (an overlay covering the window)."""
    if not widget.isVisibleTo(window) or widget.width() < 4 or widget.height() < 4:
        return False
    if widget.visibleRegion().isEmpty():
        return False
    if widget is window:
        return True
    on_top = window.childAt(widget.mapTo(window, widget.rect().center()))
    while on_top is not None and on_top is not widget:
        on_top = on_top.parentWidget()
    return on_top is widget


def _where(widget: QWidget) -> str:
    name = widget.objectName() or type(widget).__name__
    text = ""
    if isinstance(widget, (QLabel, QAbstractButton)):
        text = widget.text()[:30]
    return f"{name}{' ' + repr(text) if text else ''}"


def measure(window: QWidget, root: QWidget | None = None) -> list[Finding]:
    """Every text and icon pair of the visible widgets under ``root`` (default: the window)."""
    image = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    ratio_x = image.width() / max(1, window.width())
    findings: list[Finding] = []

    def window_rect(widget: QWidget, local: QRect | None = None) -> QRect:
        local = local if local is not None else widget.rect()
        clip = widget.visibleRegion().boundingRect()
        local = local.intersected(clip) if not clip.isEmpty() else local
        top_left = widget.mapTo(window, local.topLeft())
        rect = QRect(top_left, local.size())
        if ratio_x != 1:
            rect = QRect(
                round(rect.x() * ratio_x),
                round(rect.y() * ratio_x),
                round(rect.width() * ratio_x),
                round(rect.height() * ratio_x),
            )
        return rect

    def add(kind: str, where: str, pair: tuple[str, str] | None) -> None:
        if pair is not None:
            foreground, background = pair
            findings.append(
                Finding(kind, where, foreground, background, contrast_ratio(foreground, background))
            )

    def add_icon(where: str, pixmap: QPixmap | QImage, rect: QRect) -> None:
        colour = icon_colour(pixmap)
        if colour is None:
            return
        background = background_around(image, rect, colour)
        if background is not None:
            add("icon", where, (colour, background))

    top = root if root is not None else window
    for widget in [top, *top.findChildren(QWidget)]:
        if not _visible(widget, window):
            continue
        where = _where(widget)
        if isinstance(widget, QLabel):
            pixmap = widget.pixmap()
            if not pixmap.isNull():
                add_icon(where, pixmap, window_rect(widget))
            elif widget.text().strip():
                add("text", where, text_pair(image, window_rect(widget, widget.contentsRect())))
        elif isinstance(widget, QAbstractButton):
            if widget.text().strip():
                add("text", where, text_pair(image, window_rect(widget)))
            if not widget.icon().isNull():
                add_icon(
                    where + " icon",
                    _icon_pixmap(widget.icon(), widget.iconSize(), widget),
                    window_rect(widget),
                )
        elif isinstance(widget, QTextEdit):
            viewport = widget.viewport()
            if widget.toPlainText().strip():
                add("text", where, text_pair(image, window_rect(viewport)))
        elif isinstance(widget, QAbstractItemView):
            findings.extend(_measure_rows(widget, image, window_rect))
        elif hasattr(widget, "contrast_probe"):
            # A widget that paints its own texts and icons (a home tile…) names their rects.
            for label, kind, local in widget.contrast_probe():
                rect = window_rect(widget, local)
                add(kind, f"{where} {label}", text_pair(image, rect))
    return findings


def _row_lines(image: QImage, rect: QRect) -> list[tuple[int, tuple[str, str]]]:
    """A row cut in bands one line of text high: a band mostly of one colour holds text (a
    band of a picture, a poster, is left out); a band with little ink is an edge of a line."""
    band = 24
    pairs: list[tuple[int, tuple[str, str]]] = []
    # The row's own background: the colour of its edge (a card's paper, around its poster).
    inner = rect.adjusted(6, 6, -6, -6)
    ring: Counter[int] = Counter()
    for x in range(inner.left(), inner.right() + 1, 2):
        for y in (inner.top(), inner.bottom()):
            ring[_quantised(image.pixel(x, y) & 0xFFFFFF)] += 1
    for y in range(inner.top(), inner.bottom() + 1, 2):
        for x in (inner.left(), inner.right()):
            ring[_quantised(image.pixel(x, y) & 0xFFFFFF)] += 1
    row_background = ring.most_common(1)[0][0] if ring else None
    for number, top in enumerate(range(rect.top(), rect.bottom() - band // 2, band // 2)):
        strip = QRect(rect.left(), top, rect.width(), band)
        counts = _counts(image, strip)
        total = sum(counts.values())
        if not total:
            continue
        background, background_count = counts.most_common(1)[0]
        ink = total - background_count
        if background != row_background:
            continue  # a band of a poster or a badge, not of the row's text
        if background_count < 0.55 * total or ink < 0.04 * total:
            continue
        surfaces = _surfaces(image, strip)
        pair = text_pair(image, strip, surface=0.25 * total, ignore=surfaces)
        # Two surfaces of close tones (a card's edge on the screen) are not a line of text.
        if pair is not None and contrast_ratio(*pair) >= 1.5:
            pairs.append((number, pair))
    return pairs


def _measure_rows(view: QAbstractItemView, image: QImage, window_rect: object) -> list[Finding]:
    """Each visible row's text, and the delegate's icons on that row's background."""
    findings: list[Finding] = []
    model = view.model()
    if model is None:
        return findings
    to_window = window_rect  # (widget, local rect) -> window rect
    delegate = view.itemDelegate()
    # A delegate names the icons it draws on its rows' background (others, such as a play
    # badge on a poster, have their own background and are not measured here).
    pixmaps = [pixmap for pixmap in getattr(delegate, "row_icons", []) if not pixmap.isNull()]
    viewport = view.viewport()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        local = view.visualRect(index).intersected(viewport.rect())
        if local.height() < 8:
            continue
        rect = to_window(viewport, local)  # type: ignore[operator]
        where = f"{view.objectName() or type(view).__name__} row {row}"
        lines = _row_lines(image, rect)
        if not lines:
            continue
        for line, pair in lines:
            findings.append(Finding("text", f"{where} line {line}", *pair, contrast_ratio(*pair)))
        background = lines[0][1][1]
        for number, pixmap in enumerate(pixmaps):
            colour = icon_colour(pixmap)
            if colour is not None:
                findings.append(
                    Finding(
                        "icon",
                        f"{where} icon {number}",
                        colour,
                        background,
                        contrast_ratio(colour, background),
                    )
                )
    return findings


def control_edges(window: QWidget, container: QWidget) -> list[Finding]:
    """Each visible, enabled button of ``container`` against what is around it (WCAG 1.4.11):
    its ring (the pixels just inside the middle of its sides) or its fill must reach 3:1 on
    the colour just outside it. Returns the failing ones."""
    image = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    failing: list[Finding] = []
    for button in container.findChildren(QAbstractButton):
        if not button.isEnabled() or not _visible(button, window):
            continue
        top_left = button.mapTo(window, button.rect().topLeft())
        rect = QRect(top_left, button.size())
        middle = QRect(rect.left() + rect.width() // 3, rect.top(), rect.width() // 3, 2)
        bottom = middle.translated(0, rect.height() - 2)
        outside = _counts(image, middle.translated(0, -4)) + _counts(image, bottom.translated(0, 4))
        edge = _counts(image, middle) + _counts(image, bottom)
        fill = _counts(image, rect.adjusted(8, 8, -8, -8))
        if not outside or not edge or not fill:
            continue
        around = _name(outside.most_common(1)[0][0])
        best = max(
            (_name(counts.most_common(1)[0][0]) for counts in (edge, fill)),
            key=lambda colour: contrast_ratio(colour, around),
        )
        finding = Finding("control", _where(button), best, around, contrast_ratio(best, around))
        if not finding.passes:
            failing.append(finding)
    return failing
