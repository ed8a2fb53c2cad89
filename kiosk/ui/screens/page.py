"""Pages: a text written by staff in Markdown, in the visitor's language, scrolled by finger."""

from __future__ import annotations

from PySide6.QtWidgets import QScroller, QTextBrowser, QVBoxLayout, QWidget

from kiosk.library import catalogue_views
from kiosk.library.catalogue_views import PageView
from kiosk.ui.context import UiContext
from kiosk.ui.screens.base import Screen
from kiosk.ui.widgets import named


class PageScreen(Screen):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        px = context.metrics.px
        layout = QVBoxLayout(self)
        layout.setContentsMargins(px(120), px(40), px(120), px(40))
        self.text = named(QTextBrowser(), "PageText")
        self.text.setOpenLinks(False)
        self.text.setOpenExternalLinks(False)
        self.text.setContextMenuPolicy(self.text.contextMenuPolicy().NoContextMenu)
        QScroller.grabGesture(
            self.text.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture
        )
        layout.addWidget(self.text)
        self.page: PageView | None = None

    def show_route(self, argument: str | None) -> None:
        self.page = next(
            (p for p in catalogue_views.pages(self.context.catalogue) if p.slug == argument), None
        )
        self.retranslate()
        self.text.verticalScrollBar().setValue(0)

    def title(self) -> str:
        if self.page is None:
            return self.tr("Page introuvable")
        return self.page.localized_title(self.context.languages.language)

    def retranslate(self) -> None:
        if self.page is None:
            self.text.setMarkdown(self.tr("Cette page n'existe plus."))
            return
        self.text.setMarkdown(self.page.localized_body(self.context.languages.language))
