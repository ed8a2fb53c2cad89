"""What the catalogue tabs share: their lists, the texts with their live preview, the gate's
refusal."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import (
    QGridLayout,
    QLayout,
    QListWidget,
    QPlainTextEdit,
    QScrollArea,
    QTextBrowser,
    QWidget,
)

from kiosk.kit.context import UiContext
from kiosk.kit.markdown import MarkdownBrowser, TextImageLoader
from kiosk.kit.widgets import named
from kiosk.staff.controls import hint_label
from kiosk.store.validation import ValidationError


def staff_list() -> QListWidget:
    return named(QListWidget(), "StaffList")


def preview(context: UiContext, owner: QWidget) -> QTextBrowser:
    """A live Markdown preview, as safe as the kiosk's pages (no HTML, images from assets/)."""
    return named(MarkdownBrowser(TextImageLoader(context.root, owner)), "Preview")


class TextFields(QWidget):
    """A text in French and in English, as pages and places have: the French one with a live
    preview beside it and a line that says how to write bold and titles, the English one under
    it (with its own preview when ``english_preview``, else across both columns)."""

    def __init__(
        self,
        context: UiContext,
        heading: str,
        heading_en: str,
        *,
        english_preview: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.body = QPlainTextEdit()
        self.body_en = QPlainTextEdit()
        self.preview = preview(context, self)
        self.preview_en = preview(context, self) if english_preview else None
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        how = self.tr(
            "un mot entre ** et ** s'affiche en gras ; une ligne qui commence par « # » est un "
            "titre."
        )
        grid.addWidget(hint_label(f"{heading} — {how}"), 0, 0)
        grid.addWidget(hint_label(self.tr("Aperçu")), 0, 1)
        grid.addWidget(self.body, 1, 0)
        grid.addWidget(self.preview, 1, 1)
        self.body.textChanged.connect(lambda: self.preview.setMarkdown(self.body.toPlainText()))
        if self.preview_en is None:
            grid.addWidget(hint_label(heading_en), 2, 0, 1, 2)
            grid.addWidget(self.body_en, 3, 0, 1, 2)
        else:
            grid.addWidget(hint_label(heading_en), 2, 0)
            grid.addWidget(self.body_en, 3, 0)
            grid.addWidget(self.preview_en, 3, 1)
            english = self.preview_en
            self.body_en.textChanged.connect(
                lambda: english.setMarkdown(self.body_en.toPlainText())
            )


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
