"""Pages: the text pages in Markdown, French and English."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.library.catalogue_admin import pages, places
from kiosk.staff.catalogue_tabs.shared import preview, refusal, staff_list
from kiosk.staff.common import button, hint_label, title_label
from kiosk.store.validation import ValidationError
from kiosk.ui.context import UiContext


class PagesTab(QWidget):
    """The pages in Markdown, French and English, each with a live preview; a new page."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        metrics = context.metrics
        self.pages = staff_list()
        self.title = QLineEdit()
        self.title_en = QLineEdit()
        self.body = QPlainTextEdit()
        self.body_en = QPlainTextEdit()
        self.preview = preview(context, self)
        self.preview_en = preview(context, self)
        self.published = QCheckBox(self.tr("Publiée"))
        self.new_button = button("mdi6.plus", self.tr("Nouvelle page"), metrics)
        self.save_button = button("mdi6.content-save", self.tr("Enregistrer"), metrics)
        self.message = hint_label()
        self.page_id: int | None = None
        form = QFormLayout()
        form.addRow(self.tr("Titre"), self.title)
        form.addRow(self.tr("Titre anglais"), self.title_en)
        grid = QGridLayout()
        grid.addWidget(hint_label(self.tr("Français (Markdown)")), 0, 0)
        grid.addWidget(hint_label(self.tr("Aperçu")), 0, 1)
        grid.addWidget(self.body, 1, 0)
        grid.addWidget(self.preview, 1, 1)
        grid.addWidget(hint_label(self.tr("Anglais (Markdown)")), 2, 0)
        grid.addWidget(self.preview_en, 3, 1)
        grid.addWidget(self.body_en, 3, 0)
        editor = QVBoxLayout()
        editor.addLayout(form)
        editor.addLayout(grid, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.published)
        actions.addWidget(self.save_button)
        actions.addWidget(self.message, 1)
        editor.addLayout(actions)
        side = QVBoxLayout()
        side.addWidget(title_label(self.tr("Pages")))
        side.addWidget(self.pages, 1)
        side.addWidget(self.new_button)
        layout = QVBoxLayout(self) if context.portrait else QHBoxLayout(self)
        layout.addLayout(side, 1)
        layout.addLayout(editor, 3)
        self.pages.currentRowChanged.connect(self._on_row)
        self.body.textChanged.connect(lambda: self.preview.setMarkdown(self.body.toPlainText()))
        self.body_en.textChanged.connect(
            lambda: self.preview_en.setMarkdown(self.body_en.toPlainText())
        )
        self.new_button.clicked.connect(self.new_page)
        self.save_button.clicked.connect(self.save)
        self.refresh()

    def refresh(self) -> None:
        self.rows = [(p.id, p.title) for p in pages.list_pages(self.context.catalogue)]
        self.pages.blockSignals(True)
        self.pages.clear()
        for _id, title in self.rows:
            self.pages.addItem(title)
        self.pages.blockSignals(False)
        ids = [row[0] for row in self.rows]
        if self.page_id in ids:
            self.pages.setCurrentRow(ids.index(self.page_id))
        elif self.rows:
            self.pages.setCurrentRow(0)

    def _on_row(self, row: int) -> None:
        if not 0 <= row < len(self.rows):
            return
        try:
            page = pages.page_fields(self.context.catalogue, self.rows[row][0])
        except places.NotFoundError:
            return
        self.page_id = self.rows[row][0]
        self.title.setText(page.title)
        self.title_en.setText(page.title_en or "")
        self.body.setPlainText(page.body)
        self.body_en.setPlainText(page.body_en or "")
        self.published.setChecked(page.published)

    def new_page(self) -> None:
        title = self.tr("Nouvelle page {0}").format(len(self.rows) + 1)
        self.page_id = pages.new_page(self.context.catalogue, title)
        self.refresh()
        self.title.setFocus()

    def save(self) -> bool:
        if self.page_id is None:
            return False
        labels = {
            "pages.title": self.tr("Titre"),
            "pages.title_en": self.tr("Titre anglais"),
            "pages.body": self.tr("Français (Markdown)"),
            "pages.body_en": self.tr("Anglais (Markdown)"),
        }
        fields = pages.PageFields(
            self.title.text(),
            self.title_en.text(),
            self.body.toPlainText(),
            self.body_en.toPlainText(),
            self.published.isChecked(),
        )
        try:
            pages.save_page(self.context.catalogue, self.page_id, fields)
        except ValidationError as error:
            self.message.setText(refusal(self.tr("{0} : {1} ; rien n'a changé."), labels, error))
            return False
        except places.NotFoundError:
            self.message.setText(self.tr("Cette page a été supprimée entre-temps."))
            return False
        self.refresh()
        self.message.setText(self.tr("Page enregistrée."))
        return True
