"""The sheet of one place: name, commune, text, photo, tags, its video, a QR code to its website.

It sits beside the map (below it in portrait) in place of the list, with previous/next and
close at the bottom, always within reach of a thumb.
"""

from __future__ import annotations

import io
from urllib.parse import urlsplit

import segno
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from kiosk.kit import icons
from kiosk.kit.context import UiContext
from kiosk.kit.markdown import ImageRequest, MarkdownView, TextImageLoader
from kiosk.kit.theme import (
    CHARCOAL,
    WHITE,
    Metrics,
    Palette,
    control_edge,
)
from kiosk.kit.widgets import IconButton, named, plain_label
from kiosk.library.catalogue_views import PlaceSheetView
from kiosk.library.typography import french_spacing
from kiosk.store.validation import web_address_problem
from kiosk.ui.whole_words import WholeWordLabel

# A video opened from a sheet returns to that sheet: the player's route argument names the
# place after the video ("videos/ab12….mp4#lieu=le-mazier").
FROM_PLACE = "#lieu="


def player_argument(video_path: str, place_slug: str | None) -> str:
    """The player's route argument for ``video_path`` opened from the sheet of a place."""
    return f"{video_path}{FROM_PLACE}{place_slug}" if place_slug else video_path


def split_player_argument(argument: str) -> tuple[str, str | None]:
    """(video, place slug or None) from a player route argument."""
    video, found, slug = argument.rpartition(FROM_PLACE)
    return (video, slug or None) if found else (argument, None)


QR_SIDE_PX = 180  # at 1080p: read by a phone held at arm's length, and above the fold
QR_SIDE_PX_PORTRAIT = 150  # beside the video button: still read at arm's length
PHOTO_MAX_BYTES = 64 * 1024 * 1024  # a place's photo as imported (a large JPEG from a camera)


def shown_website(url: str | None) -> str | None:
    """``url`` when it is a web address the sheet may show (the gate's own check, parsed: http
    or https, a real host name, no markup); None for anything else, even already stored."""
    if url is None:
        return None
    url = url.strip()
    return url if url and web_address_problem(url) is None else None


def qr_image(url: str | None, module_px: int = 8) -> QImage | None:
    """A QR code of ``url`` when it is a valid http or https address; None for anything else."""
    url = shown_website(url)
    if url is None:
        return None
    code = segno.make(url, error="m")
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=module_px, border=2, dark=CHARCOAL, light=WHITE)
    image = QImage.fromData(buffer.getvalue())
    return None if image.isNull() else image


def colours(palette: Palette) -> dict[str, str]:
    """The sheet's colours, from the palette's roles."""
    return {
        "sheet": palette.paper,
        "name": palette.heading,
        "text": palette.text,
        "muted": palette.muted,
        "icon": palette.icon,
        "tags": palette.chip,
        "tags_text": palette.chip_text,
        "video": palette.action,
        "video_text": palette.action_text,
        "nav": palette.control,
        "nav_text": palette.control_text,
        "pressed": palette.control_pressed,
        "disabled_text": palette.disabled_text,
    }


def text_pairs(palette: Palette) -> dict[str, tuple[str, str]]:
    """Each text of the sheet and the colour behind it (checked for contrast in the tests)."""
    c = colours(palette)
    return {
        "SheetName": (c["name"], c["sheet"]),
        "SheetCommune": (c["text"], c["sheet"]),
        "SheetText": (c["text"], c["sheet"]),
        "SheetTags": (c["tags_text"], c["tags"]),
        "SheetQrText": (c["muted"], c["sheet"]),
        "SheetVideo": (c["video_text"], c["video"]),
        "SheetNav": (c["nav_text"], c["nav"]),
    }


def _style(metrics: Metrics, palette: Palette) -> str:
    px, font, c = metrics.px, metrics.font, colours(palette)
    return f"""
QFrame#PlaceSheet {{ background: {c["sheet"]}; border-radius: {px(24)}px; }}
QScrollArea#SheetScroll, QWidget#SheetBody {{ background: transparent; border: none; }}
QScrollArea#SheetScroll QScrollBar:vertical {{
    width: {px(24)}px; background: {c["tags"]}; border-radius: {px(12)}px; margin: 0;
}}
QScrollArea#SheetScroll QScrollBar::handle:vertical {{
    background: {c["icon"]}; border-radius: {px(12)}px; min-height: {metrics.touch}px;
}}
QScrollArea#SheetScroll QScrollBar::add-line:vertical,
QScrollArea#SheetScroll QScrollBar::sub-line:vertical {{ height: 0; }}
QScrollArea#SheetScroll QScrollBar::add-page:vertical,
QScrollArea#SheetScroll QScrollBar::sub-page:vertical {{ background: transparent; }}
QLabel#SheetName {{ font-size: {font(42)}px; font-weight: 700; color: {c["name"]}; }}
QLabel#SheetCommune {{ font-size: {font(28)}px; color: {c["text"]}; }}
#SheetText {{ font-size: {font(26)}px; color: {c["text"]}; }}
QLabel#SheetTags {{
    background: {c["tags"]}; color: {c["tags_text"]}; border-radius: {px(14)}px;
    padding: {px(8)}px {px(16)}px; font-size: {font(24)}px; font-weight: 600;
}}
QLabel#SheetQrText {{ font-size: {font(24)}px; color: {c["muted"]}; }}
QLabel#SheetPhoto {{ border-radius: {px(16)}px; }}
QPushButton#SheetVideo {{
    color: {c["video_text"]}; background: {c["video"]}; border: none;
    border-radius: {px(18)}px; padding: 0 {px(28)}px; min-height: {px(84)}px;
    font-size: {font(28)}px; font-weight: 700;
}}
QPushButton#SheetVideo:pressed {{ background: {c["pressed"]}; color: {c["text"]}; }}
QPushButton#SheetNav {{
    color: {c["nav_text"]}; background: {c["nav"]}; border: {control_edge(metrics, palette)};
    border-radius: {px(18)}px; padding: 0 {px(10)}px; min-height: {metrics.touch}px;
    font-size: {font(25)}px; font-weight: 600;
}}
QPushButton#SheetNav:pressed {{ background: {c["pressed"]}; }}
QPushButton#SheetNav:disabled {{ color: {c["disabled_text"]}; }}
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
        metrics = context.metrics
        px = metrics.px
        outer = QVBoxLayout(self)
        outer.setContentsMargins(px(28), px(24), px(28), px(20))
        outer.setSpacing(px(16))
        self._outer = outer

        self.scroll_area = named(QScrollArea(), "SheetScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        # Scrolled by the finger (a touch reaches it as the mouse events Qt makes of it); the
        # bar beside the text is only a wide indicator of where one is in it.
        QScroller.grabGesture(
            self.scroll_area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture
        )
        body = named(QWidget(), "SheetBody")
        self.body_layout = QVBoxLayout(body)
        self.body_layout.setContentsMargins(0, 0, px(16), 0)
        self.body_layout.setSpacing(px(18))
        self.scroll_area.setWidget(body)
        outer.addWidget(self.scroll_area, stretch=1)

        # Catalogue texts: plain labels (a name is shown as it is, never read as HTML).
        self.name_label = WholeWordLabel("SheetName")
        commune_row = QHBoxLayout()
        commune_row.setSpacing(px(10))
        self.commune_icon = QLabel()
        self.commune_label = plain_label("SheetCommune", wrap=True)
        commune_row.addWidget(self.commune_icon, alignment=Qt.AlignmentFlag.AlignTop)
        commune_row.addWidget(self.commune_label, stretch=1)
        self.tags_label = plain_label("SheetTags", wrap=True)
        self.video_button = IconButton(
            "mdi6.play-circle", "", metrics, object_name="SheetVideo", icon_colour=WHITE
        )
        self.video_button.clicked.connect(self._on_video)
        self.photo_label = named(QLabel(), "SheetPhoto")
        self.photo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # The photo and the text's images are read and decoded by a worker, from assets/ only.
        self.images = TextImageLoader(context.root, self)
        self.images.ready.connect(self._on_image)
        self._photo_request: ImageRequest | None = None
        self.text_label = named(MarkdownView(self.images), "SheetText")
        self.text_label.document.image_bounds = QSize(px(760), px(1000))

        # Right under the video button, so the code shows without scrolling (the text is below).
        qr_row = QHBoxLayout()
        qr_row.setContentsMargins(0, 0, 0, 0)
        qr_row.setSpacing(px(20))
        self.qr_label = QLabel()
        self.qr_text = plain_label("SheetQrText", wrap=True)
        qr_row.addWidget(self.qr_label, alignment=Qt.AlignmentFlag.AlignTop)
        qr_row.addWidget(self.qr_text, stretch=1)
        self.qr_box = QWidget()
        self.qr_box.setLayout(qr_row)

        if context.portrait:
            # A tall screen gives the sheet a wide, short band under the map: the photo on top,
            # the video button and the QR code side by side, so the text has room above the
            # buttons (and scrolls by finger for the rest).
            self.body_layout.addWidget(self.photo_label)
            self.body_layout.addWidget(self.name_label)
            self.body_layout.addLayout(commune_row)
            self.body_layout.addWidget(self.tags_label)
            action_row = QHBoxLayout()
            action_row.setContentsMargins(0, 0, 0, 0)
            action_row.setSpacing(px(28))
            action_row.addWidget(self.video_button, alignment=Qt.AlignmentFlag.AlignVCenter)
            action_row.addWidget(self.qr_box, stretch=1)
            self.body_layout.addLayout(action_row)
        else:
            self.body_layout.addWidget(self.name_label)
            self.body_layout.addLayout(commune_row)
            self.body_layout.addWidget(self.tags_label)
            self.body_layout.addWidget(self.video_button, alignment=Qt.AlignmentFlag.AlignLeft)
            self.body_layout.addWidget(self.qr_box)
            self.body_layout.addWidget(self.photo_label)
        self.body_layout.addWidget(self.text_label)
        self.body_layout.addStretch(1)

        buttons = QHBoxLayout()
        buttons.setSpacing(px(14))
        self.previous_button, self.close_button, self.next_button = (
            IconButton(icon, "", metrics, object_name="SheetNav", icon_colour=WHITE)
            for icon in ("mdi6.chevron-left", "mdi6.close", "mdi6.chevron-right")
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
        self._icons: list[tuple[QPushButton, str, str]] = [
            (self.video_button, "mdi6.play-circle", "video_text"),
            (self.previous_button, "mdi6.chevron-left", "nav_text"),
            (self.close_button, "mdi6.close", "nav_text"),
            (self.next_button, "mdi6.chevron-right", "nav_text"),
        ]
        context.follow_appearance(self._apply_appearance)
        self.retranslate()

    def _apply_appearance(self) -> None:
        """Colours and font sizes from the visitor's choices (high contrast, larger text)."""
        palette = self.context.palette
        scheme = colours(palette)
        self.setStyleSheet(_style(self.context.metrics, palette))
        size = self.context.metrics.px(34)
        self.commune_icon.setPixmap(
            icons.icon("mdi6.map-marker-outline", color=scheme["icon"]).pixmap(size, size)
        )
        for button, icon, role in self._icons:
            button.setIcon(icons.icon(icon, color=scheme[role]))
        # Three buttons share the narrow sheet's width: smaller icons leave the words room.
        nav_icon = self.context.metrics.px(30)
        for button in (self.previous_button, self.close_button, self.next_button):
            button.setIconSize(QSize(nav_icon, nav_icon))

    # Content

    def wanted_height(self, width: int) -> int:
        """The height the sheet needs at ``width`` to show all of its place without scrolling
        (its text, its buttons, its margins): a tall screen gives the rest to the map."""
        margins = self._outer.contentsMargins()
        inner = max(1, width - margins.left() - margins.right())
        self.body_layout.invalidate()  # the place changed: no height measured for the last one
        body = self.body_layout.totalHeightForWidth(inner)
        if body < 0:
            body = self.body_layout.totalSizeHint().height()
        buttons = max(b.sizeHint().height() for b in (self.close_button, self.next_button))
        # (+2: the layouts' rounding, so that a sheet given this height does not scroll a pixel)
        return margins.top() + body + self._outer.spacing() + buttons + margins.bottom() + 2

    def show_place(self, place: PlaceSheetView, has_neighbours: bool) -> None:
        self.place = place
        self._has_neighbours = has_neighbours
        px = self.context.metrics.px
        self.name_label.setText(french_spacing(place.name))
        # One wrapping line: the sheet is narrow, and a place may have many tags.
        self.tags_label.setVisible(bool(place.tags))
        self.video_button.setVisible(place.video_path is not None)
        self.commune_label.setVisible(bool(place.commune))
        self.commune_icon.setVisible(bool(place.commune))
        self.photo_label.clear()
        self.photo_label.setVisible(False)
        self._photo_request = None
        if place.photo_path:
            self._photo_request = ImageRequest(
                place.photo_path, px(760), px(440), max_bytes=PHOTO_MAX_BYTES
            )
            photo = self.images.request(self._photo_request)
            if photo is not None:
                self._on_image(self._photo_request, photo)
        qr = qr_image(place.website, module_px=max(3, px(6)))
        self.qr_box.setVisible(qr is not None)
        if qr is not None:
            side = px(QR_SIDE_PX_PORTRAIT if self.context.portrait else QR_SIDE_PX)
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
        # No commune yet: the line is hidden rather than telling visitors it is missing.
        self.commune_label.setText(french_spacing(place.commune or ""))
        language = self.context.languages.language
        # The dot stays at the end of a line (non-breaking before it), never starts one.
        tags = "\u00a0\u00a0·  ".join(place.localized_tags(language))
        self.tags_label.setText(french_spacing(tags))
        text = place.localized_description(language).strip()
        self.text_label.set_markdown(
            french_spacing(text or self.tr("Pas encore de présentation pour ce lieu."))
        )
        website = shown_website(place.website)
        if website is not None:
            host = urlsplit(website).hostname or website
            self.qr_text.setText(
                french_spacing(
                    self.tr("Son site web : {site}\nScannez le code avec votre téléphone.").format(
                        site=host.removeprefix("www.")
                    )
                )
            )
        self.previous_button.setAccessibleName(self.tr("Lieu précédent"))
        self.next_button.setAccessibleName(self.tr("Lieu suivant"))

    def _on_image(self, request: object, image: QImage) -> None:
        """The place's photo, once decoded (a photo refused or unreadable leaves no gap)."""
        if request != self._photo_request or image.isNull():
            return
        self.photo_label.setPixmap(QPixmap.fromImage(image))
        self.photo_label.setVisible(True)

    def _on_video(self) -> None:
        if self.place is not None and self.place.video_path:
            self.video_requested.emit(player_argument(self.place.video_path, self.place.slug))
