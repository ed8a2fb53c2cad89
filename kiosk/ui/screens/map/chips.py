"""A row of filter chips (themes or communes), scrolled by the finger."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import (
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QScroller,
    QScrollerProperties,
    QWidget,
)

from kiosk.kit import icons
from kiosk.kit.theme import (
    WARM,
    Metrics,
    Palette,
)
from kiosk.kit.widgets import named
from kiosk.library.typography import french_spacing


class ChipStrip(QScrollArea):
    """A row of filter chips that scrolls sideways; the first chip means "no filter"."""

    chosen = Signal(object)  # str | None

    def __init__(self, icon_name: str, metrics: Metrics, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.metrics = metrics
        self.icon_name = icon_name
        self.chip_palette = WARM
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFixedHeight(metrics.touch + metrics.px(8))
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        # A chip reacts at once to a tap; a swipe that follows scrolls the strip instead.
        scroller = QScroller.scroller(self.viewport())
        properties = scroller.scrollerProperties()
        properties.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0)
        scroller.setScrollerProperties(properties)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str | None, QPushButton] = {}
        self.current: str | None = None
        self._values: list[str] = []
        self._all_text = ""

    def set_values(
        self,
        all_text: str,
        values: Sequence[str],
        current: str | None,
        labels: Mapping[str, str] | None = None,
    ) -> None:
        """One chip per value, shown as its label (``labels``, else the value itself)."""
        self._values = list(values)
        self._all_text = all_text
        for button in self.buttons.values():
            self.group.removeButton(button)
        holder = QWidget()
        holder.setObjectName("ChipHolder")
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(self.metrics.px(10))
        self.buttons = {}
        for value in [None, *values]:
            text = all_text if value is None else (labels or {}).get(value, value)
            button = named(QPushButton(french_spacing(text)), "Chip")
            if value is None:
                button.setIcon(
                    icons.icon(
                        self.icon_name,
                        color=self.chip_palette.icon,
                        color_on=self.chip_palette.bar_text,
                    )
                )
                button.setIconSize(QSize(self.metrics.px(30), self.metrics.px(30)))
            button.setCheckable(True)
            button.setChecked(value == current)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(self.metrics.touch)
            button.clicked.connect(lambda _=False, v=value: self.chosen.emit(v))
            self.group.addButton(button)
            row.addWidget(button)
            self.buttons[value] = button
        row.addStretch(1)
        self.setWidget(holder)
        self.current = current
        self.show_current()

    def set_palette(self, palette: Palette) -> None:
        """The "all" chip's icon in this palette (the chips' own colours follow the style)."""
        self.chip_palette = palette
        button = self.buttons.get(None)
        if button is not None:
            button.setIcon(
                icons.icon(self.icon_name, color=palette.icon, color_on=palette.bar_text)
            )

    def set_current(self, value: str | None) -> None:
        """Check the chip of ``value`` (None: the "all" chip) and bring it into view."""
        self.current = value
        button = self.buttons.get(value)
        if button is not None:
            button.setChecked(True)
        self.show_current()

    def show_current(self) -> None:
        """Scroll the chosen chip into view, once the strip is laid out (the strip is built
        again on a language change: the chip a visitor chose stays in sight)."""
        QTimer.singleShot(0, self, self._scroll_to_current)

    def _scroll_to_current(self) -> None:
        button = self.buttons.get(self.current)
        if button is None or self.current is None:
            self.horizontalScrollBar().setValue(0)
            return
        holder = self.widget()
        layout = holder.layout() if holder is not None else None
        if layout is not None:
            layout.activate()
        self.ensureWidgetVisible(button, self.metrics.px(24), 0)

    def scroll_home(self) -> None:
        QScroller.scroller(self.viewport()).stop()
        self.horizontalScrollBar().setValue(0)
