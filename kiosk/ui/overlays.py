"""Layers over the whole window: the "still there?" countdown, the attract loop, "à bientôt".

Each overlay is a child of the window that covers it entirely, so the touch that wakes the kiosk
lands on the overlay and never presses a button underneath.
"""

from __future__ import annotations

import qtawesome
from PySide6.QtCore import QEvent, QObject, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QTouchEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.ui.theme import CHARCOAL, CREAM, OCHRE, WHITE, Metrics
from kiosk.ui.widgets import named


class Overlay(QWidget):
    """Covers its parent and follows its size; ``touched`` on any press or touch."""

    touched = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._host = parent
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        parent.installEventFilter(self)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._host and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._host.rect())
        return False

    def show_over(self) -> None:
        self.setGeometry(self._host.rect())
        self.show()
        self.raise_()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()
        self.touched.emit()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.TouchBegin and isinstance(event, QTouchEvent):
            event.accept()
            self.touched.emit()
            return True
        return super().event(event)


class CountdownOverlay(Overlay):
    """ "Vous êtes toujours là ?" with the seconds left; a touch cancels it."""

    def __init__(self, parent: QWidget, metrics: Metrics) -> None:
        super().__init__(parent)
        self.setObjectName("CountdownOverlay")
        px = metrics.px
        self.setStyleSheet("QWidget#CountdownOverlay { background: rgba(30, 30, 28, 200); }")
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        card = named(QWidget(), "CountdownCard")
        card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        card.setStyleSheet(
            f"QWidget#CountdownCard {{ background: {CREAM}; border-radius: {px(32)}px; }}"
        )
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(px(80), px(56), px(80), px(56))
        card_layout.setSpacing(px(20))
        icon = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        icon.setPixmap(qtawesome.icon("mdi6.gesture-tap", color=CHARCOAL).pixmap(px(96), px(96)))
        self.question = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.question.setStyleSheet(f"font-size: {metrics.font(52)}px; font-weight: 700;")
        self.seconds = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.seconds.setStyleSheet(
            f"font-size: {metrics.font(110)}px; font-weight: 700; color: {CHARCOAL};"
        )
        self.hint = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"font-size: {metrics.font(30)}px;")
        for widget in (icon, self.question, self.seconds, self.hint):
            card_layout.addWidget(widget)
        layout.addWidget(card)
        self.retranslate()

    def set_seconds(self, seconds: int) -> None:
        self.seconds.setText(str(seconds))

    def retranslate(self) -> None:
        self.question.setText(self.tr("Vous êtes toujours là ?"))
        self.hint.setText(self.tr("Touchez l'écran pour continuer."))


class ClosedOverlay(Overlay):
    """Shown outside opening hours: a dark, quiet "à bientôt" screen."""

    def __init__(self, parent: QWidget, metrics: Metrics) -> None:
        super().__init__(parent)
        self.setObjectName("ClosedOverlay")
        self.setStyleSheet("QWidget#ClosedOverlay { background: #050505; }")
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.title.setStyleSheet(f"color: {OCHRE}; font-size: {metrics.font(64)}px;")
        self.detail = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.detail.setStyleSheet(f"color: {WHITE}; font-size: {metrics.font(32)}px;")
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        self._opening = ""
        self.retranslate()

    def set_next_opening(self, text: str) -> None:
        self._opening = text
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("À bientôt !"))
        self.detail.setText(
            self.tr("La borne se rallume le {0}.").format(self._opening) if self._opening else ""
        )


def paint_invitation(painter: QPainter, rect: QRectF, metrics: Metrics, text: str) -> None:
    """The band at the bottom of the attract loop that invites visitors to touch."""
    band = QRectF(rect.left(), rect.bottom() - metrics.px(190), rect.width(), metrics.px(190))
    painter.fillRect(band, QColor(30, 30, 28, 190))
    icon_size = metrics.px(88)
    icon = qtawesome.icon("mdi6.gesture-tap", color=OCHRE)
    font = painter.font()
    font.setPixelSize(metrics.font(46))
    font.setBold(True)
    painter.setFont(font)
    width = painter.fontMetrics().horizontalAdvance(text) + icon_size + metrics.px(28)
    left = band.center().x() - width / 2
    icon.paint(painter, int(left), int(band.center().y() - icon_size / 2), icon_size, icon_size)
    painter.setPen(QColor(WHITE))
    painter.drawText(
        QRectF(left + icon_size + metrics.px(28), band.top(), width, band.height()),
        int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
        text,
    )


class InvitationBand(QWidget):
    """The invitation as a widget (painted above the attract content)."""

    def __init__(self, parent: QWidget, metrics: Metrics) -> None:
        super().__init__(parent)
        self.metrics = metrics
        self.text = ""
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_invitation(painter, QRectF(self.rect()), self.metrics, self.text)
        painter.end()
