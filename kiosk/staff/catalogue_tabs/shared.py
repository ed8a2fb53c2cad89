"""What the catalogue tabs share: their lists, the Markdown preview, the gate's refusal."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QLayout, QListWidget, QScrollArea, QTextBrowser, QWidget

from kiosk.kit.context import UiContext
from kiosk.kit.markdown import MarkdownBrowser, TextImageLoader
from kiosk.kit.widgets import named
from kiosk.store.validation import ValidationError


def staff_list() -> QListWidget:
    return named(QListWidget(), "StaffList")


def preview(context: UiContext, owner: QWidget) -> QTextBrowser:
    """A live Markdown preview, as safe as the kiosk's pages (no HTML, images from assets/)."""
    return named(MarkdownBrowser(TextImageLoader(context.root, owner)), "Preview")


def optional(text: str) -> str | None:
    return text.strip() or None


def refusal(template: str, labels: Mapping[str, str], error: ValidationError) -> str:
    """The gate's refusal as one line for staff: the field in their words, the reason.

    ``template`` is the tab's translated "{0} : {1} ; rien n'a changé." and ``labels`` maps the
    gate's ``table.column`` to the form's own labels.
    """
    return template.format(labels.get(error.field, error.field), error.reason)


def scrolled(content: QLayout) -> QScrollArea:
    """``content`` in a frameless area that scrolls when it does not fit."""
    inner = QWidget()
    inner.setLayout(content)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(inner)
    return area
