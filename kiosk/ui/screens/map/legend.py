"""The map's legend: what each kind of pin means, and the map's credit."""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kiosk.kit import icons
from kiosk.kit.theme import (
    WARM,
    Metrics,
    Palette,
)
from kiosk.kit.widgets import plain_label

# The pins' kinds, as the map and the list draw them: the key, the icon, its palette colour.
LEGEND_KEYS = (
    ("video", "mdi6.map-marker-star", "pin_video"),
    ("place", "mdi6.map-marker", "pin_place"),
    ("unplaced", "mdi6.map-marker-question-outline", "pin_unplaced"),
)


class MapLegend(QWidget):
    """What the pins mean (as the list's icons do), then the map's credit, below the map."""

    def __init__(self, metrics: Metrics, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MapLegend")
        px = metrics.px
        size = px(34)
        column = QVBoxLayout(self)
        column.setContentsMargins(px(16), px(4), px(16), px(10))
        column.setSpacing(px(2))
        row = QHBoxLayout()
        row.setSpacing(px(6))
        self.keys: dict[str, QLabel] = {}
        self.icons: dict[str, QLabel] = {}
        self._icon_size = size
        for key, _icon_name, _colour in LEGEND_KEYS:
            icon = QLabel()
            icon.setObjectName(f"LegendIcon-{key}")
            icon.setFixedSize(size, size)
            text = plain_label("LegendText")
            row.addWidget(icon)
            row.addWidget(text)
            row.addSpacing(px(18))
            self.icons[key] = icon
            self.keys[key] = text
        row.addStretch(1)
        column.addLayout(row)
        self.credit = plain_label("MapCredit")
        self.credit.setWordWrap(True)
        column.addWidget(self.credit)
        self.set_palette(WARM)
        self.retranslate()

    def set_palette(self, palette: Palette) -> None:
        """The pins' colours as the list draws them in this palette."""
        size = self._icon_size
        for key, icon_name, colour in LEGEND_KEYS:
            pixmap = icons.icon(icon_name, color=getattr(palette, colour)).pixmap(size, size)
            self.icons[key].setPixmap(pixmap)

    def set_credit(self, credit: str) -> None:
        self.credit.setText(credit.strip())
        self.credit.setVisible(bool(credit.strip()))

    def retranslate(self) -> None:
        texts = {
            "video": QCoreApplication.translate("MapLegend", "Lieu avec sa vidéo"),
            "place": QCoreApplication.translate("MapLegend", "Lieu"),
            "unplaced": QCoreApplication.translate(
                "MapLegend", "Pas encore sur la carte (dans la liste)"
            ),
        }
        for key, label in self.keys.items():
            label.setText(texts[key])
