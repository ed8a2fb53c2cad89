"""Pages: the text pages in Markdown, French and English."""

from __future__ import annotations

from collections.abc import Hashable

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

from kiosk.kit.context import UiContext
from kiosk.library.catalogue_admin import pages, places
from kiosk.staff.catalogue_tabs.shared import preview, refusal, staff_list
from kiosk.staff.catalogue_tabs.unsaved import FormGuard, Note
from kiosk.staff.common import button, hint_label, title_label
from kiosk.store.validation import ValidationError


class PagesTab(FormGuard, QWidget):
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
        self.note = Note(self.message, metrics)
        self.page_id: int | None = None
        self.rows: list[tuple[int, str]] = []
        form = QFormLayout()
        form.addRow(self.tr("Titre"), self.title)
        form.addRow(self.tr("Titre anglais"), self.title_en)
        grid = QGridLayout()
        grid.addWidget(
            hint_label(
                self.tr(
                    "Texte en français — un mot entre ** et ** s'affiche en gras ; une ligne "
                    "qui commence par « # » est un titre."
                )
            ),
            0,
            0,
        )
        grid.addWidget(hint_label(self.tr("Aperçu")), 0, 1)
        grid.addWidget(self.body, 1, 0)
        grid.addWidget(self.preview, 1, 1)
        grid.addWidget(hint_label(self.tr("Texte en anglais")), 2, 0)
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

    def form_state(self) -> Hashable:
        return (
            self.page_id,
            self.title.text(),
            self.title_en.text(),
            self.body.toPlainText(),
            self.body_en.toPlainText(),
            self.published.isChecked(),
        )

    def form_name(self) -> str:
        return self.title.text().strip() or self.tr("Page")

    def refresh(self) -> None:
        self.rows = [(p.id, p.title) for p in pages.list_pages(self.context.catalogue)]
        self.pages.blockSignals(True)
        self.pages.clear()
        for _id, title in self.rows:
            self.pages.addItem(title)
        self.pages.blockSignals(False)
        ids = [row[0] for row in self.rows]
        if self.page_id in ids:
            self.load(self.page_id)
        elif self.rows:
            self.load(ids[0])

    def _select(self, page_id: int | None) -> None:
        ids = [row[0] for row in self.rows]
        self.pages.blockSignals(True)
        self.pages.setCurrentRow(ids.index(page_id) if page_id in ids else -1)
        self.pages.blockSignals(False)

    def _on_row(self, row: int) -> None:
        if not 0 <= row < len(self.rows) or self.rows[row][0] == self.page_id:
            return
        if not self.can_leave():
            self._select(self.page_id)
            return
        self.load(self.rows[row][0])

    def load(self, page_id: int) -> None:
        try:
            page = pages.page_fields(self.context.catalogue, page_id)
        except places.NotFoundError:
            return
        self.page_id = page_id
        self._select(page_id)
        self.title.setText(page.title)
        self.title_en.setText(page.title_en or "")
        self.body.setPlainText(page.body)
        self.body_en.setPlainText(page.body_en or "")
        self.published.setChecked(page.published)
        self.note.say("")
        self.mark_clean()

    def new_page(self) -> None:
        if not self.can_leave():
            return
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
            "pages.body": self.tr("Texte en français"),
            "pages.body_en": self.tr("Texte en anglais"),
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
            self.note.say(refusal(self.tr("{0} : {1} ; rien n'a changé."), labels, error))
            return False
        except places.NotFoundError:
            self.note.say(self.tr("Cette page a été supprimée entre-temps."))
            return False
        self.refresh()
        self.note.saved(self.tr("Page enregistrée."))
        return True
