"""A place named in one long word is shown whole on its sheet: it wraps, never cut.

Measured on the real window at the kiosk's three sizes, with normal and larger text: every line
Qt lays the title out in fits the label, the label fits the sheet's visible width, and it is
tall enough for all of its lines; the letters shown are the name's letters.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QFontMetrics, QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from kiosk.config import ContentRoot
from kiosk.store.database import Catalogue
from kiosk.store.models import Place
from kiosk.ui.screens.map.screen import MapScreen
from kiosk.ui.whole_words import SOFT_HYPHEN, WholeWordLabel, break_long_words
from tests.harness.windows import OpenKioskWindow

NAMES = (
    "Tiers-lieu-de-Bourbon-l'Archambault-et-environs",
    "Anticonstitutionnellementissimes",  # 32 letters, no break at all
    "La Maison des Anticonstitutionnellementissimes Voisins",
)


def laid_out_lines(label: WholeWordLabel) -> list[tuple[str, float]]:
    """The lines Qt makes of the label's text at its width: (text, natural width)."""
    width = label.contentsRect().width()
    layout = QTextLayout(label.text(), label.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    text = label.text()
    lines = []
    layout.beginLayout()
    line = layout.createLine()
    while line.isValid():
        line.setLineWidth(width)
        start = line.textStart()
        lines.append((text[start : start + line.textLength()], line.naturalTextWidth()))
        line = layout.createLine()
    layout.endLayout()
    return lines


def test_a_word_too_wide_gets_soft_hyphens(qapp: QApplication) -> None:
    label = WholeWordLabel()
    metrics = QFontMetrics(label.font())
    word = "Anticonstitutionnellementissimes"
    width = metrics.horizontalAdvance(word) // 3
    shown = break_long_words(f"La {word} ici", metrics, width)
    assert shown.replace(SOFT_HYPHEN, "") == f"La {word} ici"
    assert shown.count(SOFT_HYPHEN) >= 2
    parts = shown.split(" ")[1].split(SOFT_HYPHEN)
    assert all(metrics.horizontalAdvance(part + "-") <= width for part in parts)
    # Words that fit are left alone.
    assert break_long_words("Le Mazier", metrics, width * 3) == "Le Mazier"


@pytest.mark.parametrize("large", [False, True], ids=["normal", "larger-text"])
@pytest.mark.parametrize(
    "size", [(1920, 1080), (1080, 1920), (1280, 800)], ids=["landscape", "portrait", "small"]
)
def test_a_long_place_name_stays_whole_on_its_sheet(
    open_kiosk_window: OpenKioskWindow,
    content_root: ContentRoot,
    sample_catalogue: Catalogue,
    size: tuple[int, int],
    large: bool,
) -> None:
    window = open_kiosk_window(content_root, sample_catalogue, size)
    assert window.context.appearance is not None
    window.context.appearance.set_large_text(large)
    for name in NAMES:
        with sample_catalogue.session() as session:
            place = session.scalars(select(Place).where(Place.slug == "le-mazier")).one()
            place.name = name
        window.open("home")
        window.open("map", "le-mazier")
        for _ in range(4):
            QApplication.processEvents()
        screen = window.screens["map"]
        assert isinstance(screen, MapScreen)
        label = screen.sheet.name_label
        assert isinstance(label, WholeWordLabel)
        assert label.isVisible()
        assert label.full_text() == name
        assert label.text().replace(SOFT_HYPHEN, "") == name
        lines = laid_out_lines(label)
        width = label.contentsRect().width()
        # Every line fits the label (its width counts the hyphen shown at a soft hyphen).
        assert all(w <= width for _, w in lines), (name, lines, width)
        if QFontMetrics(label.font()).horizontalAdvance(name) > width:
            assert len(lines) >= 2, lines  # too long for one line: it wraps
        # All of the lines are in the label's height.
        assert label.height() >= len(lines) * QFontMetrics(label.font()).lineSpacing() - 2
        # And the label is inside the sheet's visible area (the scroll area does not cut it).
        viewport = screen.sheet.scroll_area.viewport()
        right = label.mapTo(viewport, QPoint(label.width(), 0)).x()
        assert right <= viewport.width(), (name, right, viewport.width())
