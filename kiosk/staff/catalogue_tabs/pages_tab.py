"""Pages: the text pages in French and English; a new page; a page deleted to the Corbeille."""

from __future__ import annotations

import contextlib
from collections.abc import Hashable

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.kit.context import UiContext
from kiosk.library.catalogue_admin import pages, places
from kiosk.staff.catalogue_tabs.shared import TextFields, refusal, staff_list
from kiosk.staff.catalogue_tabs.unsaved import FormGuard, Note
from kiosk.staff.controls import button, hint_label, title_label
from kiosk.staff.dialogs import confirm
from kiosk.store.validation import ValidationError


class PagesTab(FormGuard, QWidget):
    """The pages in Markdown, French and English, each with a live preview; a new page."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        metrics = context.metrics
        self.pages = staff_list()
        self.title = QLineEdit()
        # The name a new page is given ("Nouvelle page 4") until a first key replaces it.
        self._default_title: str | None = None
        self.title.textEdited.connect(self._title_edited)
        self.title_en = QLineEdit()
        self.texts = TextFields(
            context,
            self.tr("Texte en français"),
            self.tr("Texte en anglais"),
            english_preview=True,
            parent=self,
        )
        self.body = self.texts.body
        self.body_en = self.texts.body_en
        self.preview = self.texts.preview
        assert self.texts.preview_en is not None
        self.preview_en = self.texts.preview_en
        self.published = QCheckBox(self.tr("Publiée"))
        self.new_button = button("mdi6.plus", self.tr("Nouvelle page"), metrics)
        self.save_button = button("mdi6.content-save", self.tr("Enregistrer"), metrics)
        self.delete_button = button(
            "mdi6.delete", self.tr("Supprimer la page"), metrics, danger=True
        )
        self.message = hint_label()
        self.note = Note(self.message, metrics)
        self.page_id: int | None = None
        self.rows: list[tuple[int, str]] = []
        form = QFormLayout()
        form.addRow(self.tr("Titre"), self.title)
        form.addRow(self.tr("Titre anglais"), self.title_en)
        editor = QVBoxLayout()
        editor.addLayout(form)
        editor.addWidget(self.texts, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.published)
        actions.addWidget(self.save_button)
        actions.addWidget(self.message, 1)
        actions.addWidget(self.delete_button)
        editor.addLayout(actions)
        side = QVBoxLayout()
        side.addWidget(title_label(self.tr("Pages")))
        side.addWidget(self.pages, 1)
        side.addWidget(self.new_button)
        layout = QVBoxLayout(self) if context.portrait else QHBoxLayout(self)
        layout.addLayout(side, 1)
        layout.addLayout(editor, 3)
        self.pages.currentRowChanged.connect(self._on_row)
        self.new_button.clicked.connect(self.new_page)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
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
        else:
            self._clear()

    def _clear(self) -> None:
        """No page left: an empty form that nothing saves (« Nouvelle page » makes one)."""
        self.page_id = None
        for line in (self.title, self.title_en):
            line.clear()
        for text in (self.body, self.body_en):
            text.clear()
        self.published.setChecked(False)
        self._enable(False)
        self.mark_clean()

    def _enable(self, enabled: bool) -> None:
        for widget in (
            self.title,
            self.title_en,
            self.body,
            self.body_en,
            self.published,
            self.save_button,
            self.delete_button,
        ):
            widget.setEnabled(enabled)

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
        self._enable(True)
        self.note.say("")
        self.mark_clean()

    def new_page(self) -> None:
        if not self.can_leave():
            return
        title = self.tr("Nouvelle page {0}").format(len(self.rows) + 1)
        self.page_id = pages.new_page(self.context.catalogue, title)
        self.refresh()
        self._default_title = self.title.text()
        self.title.selectAll()
        self.title.setFocus()

    def _title_edited(self, text: str) -> None:
        """The first letters typed into a new page's title replace its given name, wherever
        the finger put the cursor (it lands at the end: « Nouvelle page 4Nos horaires »)."""
        default, self._default_title = self._default_title, None
        if default and text.startswith(default) and len(text) > len(default):
            self.title.setText(text[len(default) :])

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

    def delete(self) -> None:
        """After a question that says where visitors see the page, to the Corbeille."""
        if self.page_id is None:
            return
        name = self.form_name()
        try:
            saved = pages.page_fields(self.context.catalogue, self.page_id)
        except places.NotFoundError:
            self.refresh()
            return
        # Visitors see a page as a tile of the home screen, once it is published (as saved).
        where = (
            self.tr("Les visiteurs la voient sur l'accueil : c'est la tuile « {0} ».").format(
                saved.title
            )
            if saved.published
            else self.tr("Elle n'est pas publiée : les visiteurs ne la voient pas.")
        )
        if not confirm(
            self,
            self.tr("Supprimer une page"),
            self.tr(
                "Supprimer la page « {0} » ? {1} Elle ira dans la Corbeille (onglet Médias), "
                "d'où elle peut être restaurée."
            ).format(name, where),
        ):
            return
        with contextlib.suppress(places.NotFoundError):
            pages.delete_page(self.context.catalogue, self.page_id)
        self.page_id = None
        self.mark_clean()  # its edits went with it, into the Corbeille's copy as last saved
        self.refresh()
        self.note.say(
            self.tr(
                "« {0} » est dans la Corbeille (onglet Médias) : elle peut y être restaurée."
            ).format(name)
        )
