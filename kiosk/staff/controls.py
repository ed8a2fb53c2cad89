"""The staff tabs' building blocks: big buttons, titles, hints, rows and titled columns."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kiosk.kit.theme import Metrics
from kiosk.kit.widgets import IconButton, plain_label


def button(
    icon: str, text: str, metrics: Metrics, *, danger: bool = False, parent: QWidget | None = None
) -> IconButton:
    return IconButton(
        icon,
        text,
        metrics,
        object_name="DangerButton" if danger else "StaffButton",
        parent=parent,
    )


def title_label(text: str = "") -> QLabel:
    # Plain: staff labels show names, file names and error lines quoting catalogue content.
    return plain_label("StaffTitle", text)


def hint_label(text: str = "") -> QLabel:
    return plain_label("StaffHint", text, wrap=True)


def button_row(*buttons: QWidget) -> QHBoxLayout:
    """Buttons side by side, in the order given."""
    row = QHBoxLayout()
    for widget in buttons:
        row.addWidget(widget)
    return row


def titled_column(owner: QWidget, title: str, hint: str) -> QVBoxLayout:
    """``owner``'s layout, edge to edge: its title, then the sentence that says what to do."""
    layout = QVBoxLayout(owner)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(title_label(title))
    layout.addWidget(hint_label(hint))
    return layout
