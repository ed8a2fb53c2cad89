"""Pages: a text written by staff in Markdown, in the visitor's language, scrolled by finger.

The Markdown goes through :mod:`kiosk.kit.markdown`: raw HTML shows as text, links are inert,
images come only from the content root's assets/, read by a worker thread.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QTextBlockFormat, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QScroller, QVBoxLayout, QWidget

from kiosk.kit.context import UiContext
from kiosk.kit.markdown import MarkdownBrowser, TextImageLoader
from kiosk.kit.widgets import named
from kiosk.library import catalogue_views
from kiosk.library.catalogue_views import PageView
from kiosk.library.typography import french_spacing
from kiosk.ui.screens.base import Screen

READING_WIDTH = 1200  # about 75 characters a line at the page's text size, at 1080p
LINE_HEIGHT_PERCENT = 135


class PageScreen(Screen):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        px = context.metrics.px
        outer = QHBoxLayout(self)
        outer.setContentsMargins(px(40), px(32), px(40), px(32))
        column = QVBoxLayout()
        self.images = TextImageLoader(context.root, self)
        self.text = named(MarkdownBrowser(self.images), "PageText")
        self.text.safe_document.image_bounds = QSize(px(READING_WIDTH - 80), px(1400))
        self.text.setMaximumWidth(px(READING_WIDTH))
        QScroller.grabGesture(
            self.text.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture
        )
        column.addWidget(self.text)
        outer.addStretch(1)
        outer.addLayout(column, stretch=20)
        outer.addStretch(1)
        self.page: PageView | None = None
        if context.appearance is not None:
            context.appearance.changed.connect(self.retranslate)

    def show_route(self, argument: str | None) -> None:
        self.page = next(
            (p for p in catalogue_views.pages(self.context.catalogue) if p.slug == argument), None
        )
        self.retranslate()

    def reset(self) -> None:
        self.text.show_top()

    def title(self) -> str:
        if self.page is None:
            return self.tr("Page introuvable")
        return french_spacing(self.page.localized_title(self.context.languages.language))

    def retranslate(self) -> None:
        if self.page is None:
            self.text.setMarkdown(self.tr("Cette page n'existe plus."))
        else:
            language = self.context.languages.language
            # The page's own title heads the text: the top bar may have to shorten it.
            title = self.page.localized_title(language)
            body = self.page.localized_body(language)
            if not body.lstrip().startswith("# "):
                body = f"# {title}\n\n{body}"
            self.text.setMarkdown(french_spacing(body))
        self._space_out()
        self.text.show_top()

    def _space_out(self) -> None:
        """Room between paragraphs and before headings, and airy lines, for reading standing."""
        px = self.context.metrics.px
        self.text.document().setDocumentMargin(px(28))
        cursor = QTextCursor(self.text.document())
        block = self.text.document().begin()
        while block.isValid():
            cursor.setPosition(block.position())
            block_format = QTextBlockFormat(block.blockFormat())
            heading = block_format.headingLevel() > 0
            block_format.setTopMargin(px(28) if heading else px(4))
            block_format.setBottomMargin(px(18))
            block_format.setLineHeight(
                LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
            )
            cursor.setBlockFormat(block_format)
            block = block.next()
