"""Markdown from the catalogue shown as text: raw HTML dropped, links inert, images only from
the content root's ``assets/``, read and decoded on the application's background runner.

Pages and place texts are written by staff, or come in bundles and open data: they are data,
never instructions to Qt. Qt's own Markdown and rich-text paths would follow them: an
``<img src="/dev/zero">`` aborts the process, ``![x](/some/fifo)`` blocks the GUI thread for
good in ``open()``, and a :class:`QTextDocument` whose resource loader gives nothing still opens
the file itself (``QImage::load(name)`` in Qt's image handler). So here:

- the text is parsed with :data:`MARKDOWN_FEATURES` (GitHub dialect, no HTML: tags show as the
  characters they are);
- after parsing, every image is renamed to an internal ``:/kiosk-text-image/N`` name (Qt's
  compiled-in resources, never a file) with a blank registered for it, and its file, when
  :func:`~kiosk.library.page_view.markdown_image_path` accepts the name, is asked of a
  :class:`TextImageLoader`; an image it refuses becomes its alt text;
- every link is turned back into plain text (nothing to follow, nothing that looks tappable);
- :meth:`SafeMarkdownDocument.loadResource` returns a blank for anything Qt still asks for.
"""

from __future__ import annotations

import functools
import logging
from collections import OrderedDict
from dataclasses import dataclass
from math import ceil
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QObject, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QImage,
    QImageReader,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextLength,
)
from PySide6.QtWidgets import QSizePolicy, QTextBrowser, QWidget

from kiosk.config import ContentRoot
from kiosk.library.page_view import MAX_TEXT_IMAGE_BYTES, markdown_image_path, read_media_file
from kiosk.playback.background import background

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent, QResizeEvent

log = logging.getLogger(__name__)

MARKDOWN_FEATURES = (
    QTextDocument.MarkdownFeature.MarkdownDialectGitHub
    | QTextDocument.MarkdownFeature.MarkdownNoHTML
)
INTERNAL_PREFIX = ":/kiosk-text-image/"
MAX_IMAGE_PIXELS = 80_000_000  # a 10,000 × 8,000 scan; beyond, a text image is refused
CACHED_IMAGES = 8


def blank_image() -> QImage:
    """A transparent pixel: what an image shows until (unless) its file is decoded."""
    image = QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    return image


@dataclass(frozen=True)
class ImageRequest:
    """One media image at one size: ``relative`` as the catalogue names it (under assets/)."""

    relative: str
    width: int
    height: int
    max_bytes: int = MAX_TEXT_IMAGE_BYTES


def decode_media_image(root: ContentRoot, request: ImageRequest) -> QImage:
    """Read (:func:`read_media_file`: regular files of assets/ only) and decode, scaled to fit
    the request's size; a null image for anything refused or unreadable. Worker thread only."""
    data = read_media_file(root, request.relative, request.max_bytes)
    if data is None:
        return QImage()
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    if not buffer.open(QIODevice.OpenModeFlag.ReadOnly):
        return QImage()
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    size = reader.size()
    if not size.isValid() or size.isEmpty() or size.width() * size.height() > MAX_IMAGE_PIXELS:
        return QImage()
    target = size.scaled(QSize(request.width, request.height), Qt.AspectRatioMode.KeepAspectRatio)
    if target.width() < size.width():
        reader.setScaledSize(target)
    image = reader.read()
    buffer.close()
    return image if not image.isNull() else QImage()


TEXT_IMAGES_POOL = "text-images"  # one worker for every text image (pages, sheets, staff previews)


class TextImageLoader(QObject):
    """Reads and decodes media images in a worker thread; ``ready(request, image)`` in the GUI
    thread (a null image when the file was refused). The last few are kept for a second look."""

    ready = Signal(object, QImage)

    def __init__(self, root: ContentRoot, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.root = root
        self._cache: OrderedDict[ImageRequest, QImage] = OrderedDict()
        self._pending: set[ImageRequest] = set()

    def request(self, request: ImageRequest) -> QImage | None:
        """The image at once when decoded lately, else None and ``ready`` later."""
        cached = self._cache.get(request)
        if cached is not None:
            self._cache.move_to_end(request)
            return cached
        if request not in self._pending:
            self._pending.add(request)
            runner = background()
            runner.pool(TEXT_IMAGES_POOL, threads=1)
            root = self.root
            runner.submit(
                TEXT_IMAGES_POOL,
                functools.partial(_decode_or_blank, root, request),
                functools.partial(self._on_done, request),
                owner=self,
            )
        return None

    def _on_done(self, request: ImageRequest, image: QImage) -> None:
        self._pending.discard(request)
        self._cache[request] = image
        while len(self._cache) > CACHED_IMAGES:
            self._cache.popitem(last=False)
        self.ready.emit(request, image)


def _decode_or_blank(root: ContentRoot, request: ImageRequest) -> QImage:
    """Worker thread: the decoded image, or a null one (a worker never dies: the image is
    simply not shown)."""
    try:
        return decode_media_image(root, request)
    except Exception:
        log.exception("image de texte illisible : %s", request.relative)
        return QImage()


class SafeMarkdownDocument(QTextDocument):
    """A document that only ever shows text and the images its loader decoded.

    Fill it with :meth:`set_markdown` (never ``setMarkdown``/``setHtml`` directly).
    """

    def __init__(self, loader: TextImageLoader | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.loader = loader
        self.image_bounds = QSize(1200, 1600)
        self._serial = 0
        self._waiting: dict[ImageRequest, list[str]] = {}
        if loader is not None:
            loader.ready.connect(self._on_image)

    def set_markdown(self, text: str) -> None:
        self._waiting = {}
        self.setMarkdown(text, MARKDOWN_FEATURES)
        self._neutralise()

    def loadResource(self, type: int, name: QUrl | str, /) -> object:
        """Never read anything: every image was registered by :meth:`_neutralise`; a name Qt asks
        for anyway gets a blank (a null answer would make Qt open the name as a file)."""
        log.debug("ressource de texte refusée : %.200s", QUrl(name).toString())
        if type == QTextDocument.ResourceType.ImageResource.value:
            return blank_image()
        return QByteArray()

    def _neutralise(self) -> None:
        edits: list[tuple[int, int, QTextCharFormat]] = []
        block = self.begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                char_format = fragment.charFormat()
                if char_format.isImageFormat() or char_format.isAnchor():
                    edits.append((fragment.position(), fragment.length(), char_format))
                iterator += 1
            block = block.next()
        cursor = QTextCursor(self)
        # From the end: replacing an image by its alt text moves what follows, not what precedes.
        for position, length, char_format in reversed(edits):
            cursor.setPosition(position)
            cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
            if char_format.isImageFormat():
                self._replace_image(cursor, char_format, length)
            else:
                plain = QTextCharFormat(char_format)
                for prop in (QTextFormat.Property.AnchorHref, QTextFormat.Property.AnchorName):
                    plain.clearProperty(prop)
                plain.setAnchor(False)
                plain.clearForeground()
                plain.setFontUnderline(False)
                cursor.setCharFormat(plain)

    def _replace_image(self, cursor: QTextCursor, char_format: QTextCharFormat, count: int) -> None:
        image_format = char_format.toImageFormat()
        relative = markdown_image_path(image_format.name())
        if relative is None or self.loader is None:
            alt = image_format.property(QTextFormat.Property.ImageAltText)
            text_format = QTextCharFormat()
            text_format.setFontItalic(True)
            cursor.insertText(" ".join([alt] * count) if isinstance(alt, str) else "", text_format)
            return
        self._serial += 1
        name = f"{INTERNAL_PREFIX}{self._serial}"
        image_format.setName(name)
        image_format.setMaximumWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        self.addResource(QTextDocument.ResourceType.ImageResource.value, _url(name), blank_image())
        cursor.setCharFormat(image_format)
        request = ImageRequest(relative, self.image_bounds.width(), self.image_bounds.height())
        image = self.loader.request(request)
        if image is not None:
            self._show(name, image)
        else:
            self._waiting.setdefault(request, []).append(name)

    def _on_image(self, request: object, image: QImage) -> None:
        names = self._waiting.pop(request, []) if isinstance(request, ImageRequest) else []
        for name in names:
            self._show(name, image)
        if names and not image.isNull():
            self.markContentsDirty(0, self.characterCount())

    def _show(self, name: str, image: QImage) -> None:
        if not image.isNull():
            self.addResource(QTextDocument.ResourceType.ImageResource.value, _url(name), image)


def _url(name: str) -> QUrl:
    """The URL Qt's image handler looks an internal ``:/`` name up by (``qrc:/…``)."""
    return QUrl("qrc" + name)


class MarkdownView(QWidget):
    """A safe Markdown text as tall as it needs at its width (no scrolling, no interaction):
    the place sheet's presentation. Its font and colour come from the style sheet."""

    def __init__(self, loader: TextImageLoader | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = SafeMarkdownDocument(loader, self)
        self.document.setDocumentMargin(0)
        self._source = ""
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        layout = self.document.documentLayout()
        layout.documentSizeChanged.connect(lambda _size: self.updateGeometry())
        layout.update.connect(lambda _rect: self.update())

    def set_markdown(self, text: str) -> None:
        self._source = text
        self.document.setDefaultFont(self.font())
        self.document.set_markdown(text)
        self.updateGeometry()
        self.update()

    def text(self) -> str:
        """The Markdown shown (as given)."""
        return self._source

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        if width <= 0:
            return 0
        if self.document.textWidth() != width:
            self.document.setTextWidth(width)
        return ceil(self.document.size().height())

    def sizeHint(self) -> QSize:
        width = self.width() if self.width() > 0 else 400
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(0, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.document.setTextWidth(self.width())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.document.setDefaultFont(self.font())
            self.updateGeometry()
            self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        if self.document.textWidth() != self.width():  # a layout may have measured another width
            self.document.setTextWidth(self.width())
        painter = QPainter(self)
        context = QAbstractTextDocumentLayout.PaintContext()
        palette = QPalette(self.palette())
        palette.setColor(
            QPalette.ColorRole.Text, self.palette().color(QPalette.ColorRole.WindowText)
        )
        context.palette = palette
        self.document.documentLayout().draw(painter, context)
        painter.end()


class MarkdownBrowser(QTextBrowser):
    """A scrolling, read-only safe Markdown text (the pages, the staff previews).

    ``setMarkdown`` is the safe path here, whoever calls it; links are never followed and the
    browser never loads a source or a resource itself.
    """

    def __init__(self, loader: TextImageLoader | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.safe_document = SafeMarkdownDocument(loader, self)
        self.setDocument(self.safe_document)
        self.safe_document.setDefaultFont(self.font())

    def setMarkdown(self, markdown: str) -> None:
        self.safe_document.set_markdown(markdown)
        self.show_top()

    def show_top(self) -> None:
        """The text from its beginning. Filling the document through the document (not the
        editor) carries the browser's cursor along to the end of what was inserted, and the
        browser then keeps that cursor in view: a new text would open scrolled to its end."""
        self.setTextCursor(QTextCursor(self.safe_document))
        self.verticalScrollBar().setValue(0)
        self.horizontalScrollBar().setValue(0)

    def setHtml(self, text: str) -> None:
        """No HTML from anywhere: shown as the characters it is."""
        self.setPlainText(text)

    def setText(self, text: str) -> None:
        """Qt would guess rich text: plain text here."""
        self.setPlainText(text)

    def setSource(
        self,
        name: QUrl | str,
        /,
        type: QTextDocument.ResourceType = QTextDocument.ResourceType.UnknownResource,
    ) -> None:
        """Never load a page from a URL."""

    def loadResource(self, type: int, name: QUrl | str, /) -> object:
        return self.safe_document.loadResource(type, name)
