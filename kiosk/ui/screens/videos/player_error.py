"""The card shown when a film cannot be played (the visitor is taken back a moment later)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from kiosk.kit import icons
from kiosk.kit.theme import Metrics
from kiosk.kit.widgets import IconButton, named, plain_label
from kiosk.playback.video.deck import ErrorReason


class ErrorPage(QWidget):
    """A friendly card: what happened, and a "Retour" button (``back_button``)."""

    def __init__(self, metrics: Metrics, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.metrics = metrics
        px = metrics.px
        named(self, "ErrorPage")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        self.card = named(QFrame(), "ErrorCard")
        layout = QVBoxLayout(self.card)
        layout.setContentsMargins(px(56), px(48), px(56), px(48))
        layout.setSpacing(px(24))
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = plain_label("ErrorTitle", wrap=True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = plain_label("ErrorText", wrap=True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.back_button = IconButton("mdi6.arrow-left", "", metrics)
        layout.addWidget(self.icon)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addWidget(self.back_button, alignment=Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(self.card, alignment=Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)

    def set_reason(self, reason: str) -> None:
        """The texts for an ``ErrorReason`` value ("" or any other: missing or damaged)."""
        # The player screen's translation context: the texts were its own.
        if reason == ErrorReason.INCOMPLETE.value:
            self.title.setText(
                QCoreApplication.translate(
                    "PlayerScreen", "Cette vidéo n'a pas pu être lue jusqu'au bout"
                )
            )
            self.text.setText(
                QCoreApplication.translate(
                    "PlayerScreen", "Le fichier s'arrête avant la fin. Retour dans un instant."
                )
            )
        else:
            self.title.setText(
                QCoreApplication.translate("PlayerScreen", "Cette vidéo ne peut pas être lue")
            )
            self.text.setText(
                QCoreApplication.translate(
                    "PlayerScreen", "Le fichier est absent ou abîmé. Retour dans un instant."
                )
            )
        self.back_button.setText(QCoreApplication.translate("PlayerScreen", "Retour"))

    def apply_colours(self, scheme: dict[str, str]) -> None:
        size = self.metrics.px(110)
        picture = icons.icon("mdi6.movie-off-outline", color=scheme["error_title"])
        self.icon.setPixmap(picture.pixmap(size, size))

    def fit(self, room: int) -> None:
        """The card's size from its texts at its width: a layout gives an aligned widget its
        size hint, which a wrapped title does not give right (the title was clipped)."""
        width = min(self.metrics.px(980), max(1, room - self.metrics.px(64)))
        layout = self.card.layout()
        for widget in (self.card, *self.card.findChildren(QWidget)):
            widget.ensurePolished()  # the style sheet's font sizes count
        self.card.setFixedWidth(width)
        if layout is None:
            return
        margins = layout.contentsMargins()
        inner = width - margins.left() - margins.right()
        shown = [
            widget
            for widget in (self.icon, self.title, self.text, self.back_button)
            if not widget.isHidden()
        ]
        heights = [
            widget.heightForWidth(inner)
            if widget.hasHeightForWidth()
            else widget.sizeHint().height()
            for widget in shown
        ]
        height = sum(heights) + layout.spacing() * (len(heights) - 1)
        self.card.setFixedHeight(margins.top() + height + margins.bottom())
