"""The communes staff may mean while they type a commune: a list in the form, under the field.

Not Qt's completer: its suggestions are a popup window that takes the next touch for itself
(a key of the on-screen keyboard tapped while it is open only closed it: "y", "g", "r" gave
"yr"). These are large buttons laid in the form; they never take the focus, so the field keeps
it and the keyboard's keys keep typing into it. The names that begin with what was typed come
first (case and accents ignored: "ygr" gives Ygrande, "moul" Moulins), then those that hold it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.kit import theme
from kiosk.kit.theme import Metrics
from kiosk.library.catalogue_admin import communes

MAX_SUGGESTIONS = 4


class CommuneSuggestions(QWidget):
    """Up to :data:`MAX_SUGGESTIONS` communes for what ``field`` holds, one touch-high row
    each; ``chosen(name)`` when one is touched. Hidden when there is nothing to suggest.

    ``picked(name, latitude, longitude)`` when the field comes to hold a whole commune's name,
    typed (written again in the commune's own spelling: "moulins" becomes "Moulins") or touched
    among the suggestions; the point is inside the commune.

    The on-screen keyboard keeps these rows in view with the field (``keyboard_companion``)."""

    chosen = Signal(str)
    picked = Signal(str, float, float)

    def __init__(self, field: QLineEdit, metrics: Metrics, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.setObjectName("CommuneSuggestions")
        px = metrics.px
        self.setStyleSheet(
            f"""
QPushButton#CommuneSuggestion {{
    background: {theme.PAPER}; color: {theme.HEDGE_DARK}; border: none;
    border-bottom: {px(2)}px solid {theme.SAGE}; border-radius: 0; text-align: left;
    padding: 0 {px(16)}px; font-size: {px(24)}px;
    min-height: {metrics.touch}px; max-height: {metrics.touch}px;
}}
QPushButton#CommuneSuggestion:pressed {{ background: {theme.OCHRE}; }}
"""
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.rows: list[QPushButton] = []
        for _index in range(MAX_SUGGESTIONS):
            row = QPushButton()
            row.setObjectName("CommuneSuggestion")
            row.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps the focus
            row.clicked.connect(lambda _checked=False, r=row: self.chosen.emit(r.text()))
            row.hide()
            layout.addWidget(row)
            self.rows.append(row)
        field.keyboard_companion = self  # type: ignore[attr-defined]
        field.textEdited.connect(self._edited)
        self.chosen.connect(self._touched)
        self.hide()

    def _pick(self, text: str) -> None:
        found = communes.find_commune(text)
        point = communes.commune_point(text) if found is not None else None
        if found is None or point is None:
            return
        if text != found.name:
            self.field.setText(found.name)
        self.picked.emit(found.name, *point)

    def _edited(self, text: str) -> None:
        self._pick(text)
        self.suggest(self.field.text())

    def _touched(self, name: str) -> None:
        self.field.setText(name)
        self._pick(name)
        self.clear()

    def names(self) -> list[str]:
        return [row.text() for row in self.rows if not row.isHidden()]

    def suggest(self, typed: str) -> None:
        """The rows for ``typed`` (none when it is already a commune's whole name)."""
        found = communes.find_commune(typed)
        names = (
            []
            if found is not None and found.name == typed
            else communes.suggest_communes(typed, MAX_SUGGESTIONS)
        )
        for row, name in zip(self.rows, names + [""] * MAX_SUGGESTIONS, strict=False):
            row.setText(name)
            row.setAccessibleName(name)
            row.setVisible(bool(name))
        self.setVisible(bool(names))
        box = self.parentWidget()
        layout = box.layout() if box is not None else None
        if layout is not None:  # the keyboard places itself with the rows where they will be
            layout.activate()

    def clear(self) -> None:
        self.suggest("")
