"""The sheet of one place: name, commune, text, photo, tags, its video, a QR code to its website.

It sits beside the map (below it in portrait) in place of the list, with previous/next and
close at the bottom, always within reach of a thumb.
"""

from __future__ import annotations

import io
from urllib.parse import urlsplit

import qtawesome
import segno
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from kiosk.library.catalogue_views import PlaceSheetView
from kiosk.library.places_io import is_web_link
from kiosk.playback.images import load_scaled
from kiosk.ui.context import UiContext
from kiosk.ui.theme import CHARCOAL, CREAM, HEDGE, HEDGE_DARK, MUTED, PAPER, TERRACOTTA, WHITE
from kiosk.ui.widgets import IconButton, named


def qr_image(url: str | None, module_px: int = 8) -> QImage | None:
    """A QR code of ``url`` when it is an http or https link; None for anything else."""
    if url is None or not is_web_link(url):
        return None
    code = segno.make(url.strip(), error="m")
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=module_px, border=2, dark=CHARCOAL, light=WHITE)
    image = QImage.fromData(buffer.getvalue())
    return None if image.isNull() else image


def _style(context: UiContext) -> str:
    px = context.metrics.px
    return f"""
QFrame#PlaceSheet {{ background: {PAPER}; border-radius: {px(24)}px; }}
QScrollArea#SheetScroll, QWidget#SheetBody {{ background: transparent; border: none; }}
QLabel#SheetName {{ font-size: {px(42)}px; font-weight: 700; color: {HEDGE_DARK}; }}
QLabel#SheetCommune {{ font-size: {px(28)}px; color: {CHARCOAL}; }}
QLabel#SheetText {{ font-size: {px(26)}px; color: {CHARCOAL}; }}
QLabel#SheetTags {{
    background: {CREAM}; color: {HEDGE_DARK}; border-radius: {px(14)}px;
    padding: {px(8)}px {px(16)}px; font-size: {px(24)}px; font-weight: 600;
}}
QLabel#SheetQrText {{ font-size: {px(24)}px; color: {MUTED}; }}
QLabel#SheetPhoto {{ border-radius: {px(16)}px; }}
QPushButton#SheetVideo {{
    color: {WHITE}; background: {TERRACOTTA}; border: none; border-radius: {px(18)}px;
    padding: 0 {px(28)}px; min-height: {px(84)}px; font-size: {px(28)}px; font-weight: 700;
}}
QPushButton#SheetVideo:pressed {{ background: {CHARCOAL}; }}
QPushButton#SheetNav {{
    color: {WHITE}; background: {HEDGE}; border: none; border-radius: {px(18)}px;
    padding: 0 {px(20)}px; min-height: {context.metrics.touch}px; font-size: {px(26)}px;
    font-weight: 600;
}}
QPushButton#SheetNav:pressed {{ background: {CHARCOAL}; }}
"""


class PlaceSheet(QFrame):
    """One place's sheet. The screen gives it the place and its neighbours in the list."""

    close_requested = Signal()
    previous_requested = Signal()
    next_requested = Signal()
    video_requested = Signal(str)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("PlaceSheet")
        self.setStyleSheet(_style(context))
        metrics = context.metrics
        px = metrics.px
        outer = QVBoxLayout(self)
        outer.setContentsMargins(px(28), px(24), px(28), px(20))
        outer.setSpacing(px(16))

        self.scroll_area = named(QScrollArea(), "SheetScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        QScroller.grabGesture(
            self.scroll_area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture
        )
        body = named(QWidget(), "SheetBody")
        self.body_layout = QVBoxLayout(body)
        self.body_layout.setContentsMargins(0, 0, px(12), 0)
        self.body_layout.setSpacing(px(18))
        self.scroll_area.setWidget(body)
        outer.addWidget(self.scroll_area, stretch=1)

        self.name_label = named(QLabel(), "SheetName")
        self.name_label.setWordWrap(True)
        commune_row = QHBoxLayout()
        commune_row.setSpacing(px(10))
        self.commune_icon = QLabel()
        self.commune_icon.setPixmap(
            qtawesome.icon("mdi6.map-marker-outline", color=HEDGE).pixmap(px(34), px(34))
        )
        self.commune_label = named(QLabel(), "SheetCommune")
        self.commune_label.setWordWrap(True)
        commune_row.addWidget(self.commune_icon, alignment=Qt.AlignmentFlag.AlignTop)
        commune_row.addWidget(self.commune_label, stretch=1)
        self.tags_label = named(QLabel(), "SheetTags")
        self.tags_label.setWordWrap(True)
        self.video_button = IconButton(
            "mdi6.play-circle", "", metrics, object_name="SheetVideo", icon_colour=WHITE
        )
        self.video_button.clicked.connect(self._on_video)
        self.photo_label = named(QLabel(), "SheetPhoto")
        self.photo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text_label = named(QLabel(), "SheetText")
        self.text_label.setTextFormat(Qt.TextFormat.MarkdownText)
        self.text_label.setWordWrap(True)
        self.text_label.setOpenExternalLinks(False)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.text_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        qr_row = QHBoxLayout()
        qr_row.setSpacing(px(20))
        self.qr_label = QLabel()
        self.qr_text = named(QLabel(), "SheetQrText")
        self.qr_text.setWordWrap(True)
        qr_row.addWidget(self.qr_label)
        qr_row.addWidget(self.qr_text, stretch=1)
        self.qr_box = QWidget()
        self.qr_box.setLayout(qr_row)

        self.body_layout.addWidget(self.name_label)
        self.body_layout.addLayout(commune_row)
        self.body_layout.addWidget(self.tags_label)
        self.body_layout.addWidget(self.video_button, alignment=Qt.AlignmentFlag.AlignLeft)
        self.body_layout.addWidget(self.photo_label)
        self.body_layout.addWidget(self.text_label)
        self.body_layout.addWidget(self.qr_box)
        self.body_layout.addStretch(1)

        buttons = QHBoxLayout()
        buttons.setSpacing(px(14))
        self.previous_button = IconButton(
            "mdi6.chevron-left", "", metrics, object_name="SheetNav", icon_colour=WHITE
        )
        self.close_button = IconButton(
            "mdi6.close", "", metrics, object_name="SheetNav", icon_colour=WHITE
        )
        self.next_button = IconButton(
            "mdi6.chevron-right", "", metrics, object_name="SheetNav", icon_colour=WHITE
        )
        self.next_button.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        for button in (self.previous_button, self.close_button, self.next_button):
            buttons.addWidget(button, stretch=1)
        self.previous_button.clicked.connect(self.previous_requested)
        self.next_button.clicked.connect(self.next_requested)
        self.close_button.clicked.connect(self.close_requested)
        outer.addLayout(buttons)

        self.place: PlaceSheetView | None = None
        self._has_neighbours = False
        self.retranslate()

    # Content

    def show_place(self, place: PlaceSheetView, has_neighbours: bool) -> None:
        self.place = place
        self._has_neighbours = has_neighbours
        px = self.context.metrics.px
        self.name_label.setText(place.name)
        # One wrapping line: the sheet is narrow, and a place may have many tags.
        self.tags_label.setText("  ·  ".join(place.tags))
        self.tags_label.setVisible(bool(place.tags))
        self.video_button.setVisible(place.video_path is not None)
        self.photo_label.clear()
        self.photo_label.setVisible(False)
        if place.photo_path:
            image = load_scaled(
                self.context.root.absolute(place.photo_path), QSize(px(760), px(440))
            )
            if not image.isNull():
                self.photo_label.setPixmap(QPixmap.fromImage(image))
                self.photo_label.setVisible(True)
        qr = qr_image(place.website, module_px=max(3, px(6)))
        self.qr_box.setVisible(qr is not None)
        if qr is not None:
            side = px(200)
            self.qr_label.setPixmap(
                QPixmap.fromImage(qr).scaled(
                    side,
                    side,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.FastTransformation,
                )
            )
        self.previous_button.setEnabled(has_neighbours)
        self.next_button.setEnabled(has_neighbours)
        self.retranslate()
        self.scroll_area.verticalScrollBar().setValue(0)

    def retranslate(self) -> None:
        self.previous_button.setText(self.tr("Précédent"))
        self.close_button.setText(self.tr("Fermer"))
        self.next_button.setText(self.tr("Suivant"))
        self.video_button.setText(self.tr("Voir la vidéo"))
        place = self.place
        if place is None:
            return
        self.commune_label.setText(place.commune or self.tr("Commune à préciser"))
        language = self.context.languages.language
        text = place.localized_description(language).strip()
        self.text_label.setText(text or self.tr("Pas encore de présentation pour ce lieu."))
        if place.website and is_web_link(place.website):
            host = urlsplit(place.website.strip()).hostname or place.website
            self.qr_text.setText(
                self.tr("Son site web : {site}\nScannez le code avec votre téléphone.").format(
                    site=host.removeprefix("www.")
                )
            )
        self.previous_button.setAccessibleName(self.tr("Lieu précédent"))
        self.next_button.setAccessibleName(self.tr("Lieu suivant"))

    def _on_video(self) -> None:
        if self.place is not None and self.place.video_path:
            self.video_requested.emit(self.place.video_path)
