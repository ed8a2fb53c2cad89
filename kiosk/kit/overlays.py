"""Layers over the whole window: the "still there?" countdown, the attract loop, "à bientôt".

Each overlay is a child of the window that covers it entirely, so the touch that wakes the kiosk
lands on the overlay and never presses a button underneath.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QHideEvent, QMouseEvent, QPainter, QTouchEvent, QWindow
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QVBoxLayout, QWidget

from kiosk.kit import icons
from kiosk.kit.theme import (
    CHARCOAL,
    CLOSED_BLACK,
    CREAM,
    INVITATION_BAND,
    INVITATION_SECOND,
    MUTED,
    OCHRE,
    SCRIM,
    WHITE,
    Metrics,
)
from kiosk.kit.widgets import LongPressArea, named


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
            self.touched.emit()
            if self._control_under(event):
                # A finger on one of the overlay's own controls (a PIN key, an answer, the
                # closed screen's corner): left to Qt, which makes the click out of the touch
                # for the control. Accepted here, the touch would be the overlay's alone.
                event.ignore()
                return False
            event.accept()
            return True
        return super().event(event)

    def _control_under(self, event: QTouchEvent) -> bool:
        """Whether the first finger came down on a button or a long-press area of this
        overlay (or inside one)."""
        points = event.points()
        if not points:
            return False
        widget = self.childAt(points[0].position().toPoint())
        while widget is not None and widget is not self:
            if isinstance(widget, (QAbstractButton, LongPressArea)):
                return True
            widget = widget.parentWidget()
        return False


# The events of a touch or a click, from its press to its release.
TOUCH_STARTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.TouchBegin,
    QEvent.Type.Wheel,
}
TOUCH_ENDS = {QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel}
TOUCH_EVENTS = TOUCH_STARTS | TOUCH_ENDS | {QEvent.Type.MouseMove, QEvent.Type.TouchUpdate}


class CountdownOverlay(Overlay):
    """ "Vous êtes toujours là ?" with the seconds left; a touch cancels it.

    The touch that dismisses it presses nothing underneath: while it shows, an application-wide
    event filter swallows every press, touch and release meant for its window, at the window
    itself (before Qt picks a widget, and before it makes mouse events out of a touch), and
    emits ``touched`` instead (the controller tells the idle watcher). The countdown hides at
    once, but the rest of that touch (moves, the release) is swallowed too, until it lifts.
    A pointer moving with no button down is swallowed and does not dismiss it: only a touch,
    a click or the wheel does ("Touchez l'écran pour continuer").
    """

    # Class defaults: the host's events reach eventFilter from Overlay.__init__ on, before this
    # __init__ has set anything.
    _guarding = False
    _touch_down = False

    def __init__(self, parent: QWidget, metrics: Metrics) -> None:
        super().__init__(parent)
        self.setObjectName("CountdownOverlay")
        px = metrics.px
        self.setStyleSheet(f"QWidget#CountdownOverlay {{ background: {SCRIM}; }}")
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        card = named(QWidget(), "CountdownCard")
        card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        # Its own colours in every mode: the app's high-contrast text colour (white) would
        # vanish on the cream card.
        card.setStyleSheet(
            f"QWidget#CountdownCard {{ background: {CREAM}; border-radius: {px(32)}px; }}"
            f"QWidget#CountdownCard QLabel {{ color: {CHARCOAL}; background: transparent; }}"
            f"QWidget#CountdownCard QLabel#CountdownHint {{ color: {MUTED}; }}"
        )
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(px(80), px(56), px(80), px(56))
        card_layout.setSpacing(px(20))
        icon = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        icon.setPixmap(icons.icon("mdi6.gesture-tap", color=CHARCOAL).pixmap(px(96), px(96)))
        self.question = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.question.setStyleSheet(f"font-size: {metrics.font(52)}px; font-weight: 700;")
        self.seconds = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.seconds.setStyleSheet(
            f"font-size: {metrics.font(110)}px; font-weight: 700; color: {CHARCOAL};"
        )
        self.hint = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.hint.setObjectName("CountdownHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"font-size: {metrics.font(30)}px;")
        for widget in (icon, self.question, self.seconds, self.hint):
            card_layout.addWidget(widget)
        layout.addWidget(card)
        self._guarding = False
        self._touch_down = False
        self.retranslate()

    @property
    def swallowing(self) -> bool:
        """True while the overlay holds the input (it shows, or its touch is still down)."""
        return self._guarding

    def show_over(self) -> None:
        super().show_over()
        if not self._guarding:
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self)  # the last installed filter runs first
                self._guarding = True

    def dismiss(self) -> None:
        """Hide; a touch still down goes on being swallowed until it lifts."""
        self.hide()

    def release_guard(self) -> None:
        """Give the input back (hidden and no touch down, or the kiosk stopping)."""
        self._touch_down = False
        if self._guarding:
            self._guarding = False
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if not self._touch_down:
            self.release_guard()

    def _in_my_window(self, watched: QObject) -> bool:
        window = self._host.window()
        if isinstance(watched, QWindow):
            return watched is window.windowHandle()
        return isinstance(watched, QWidget) and watched.window() is window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._host:
            super().eventFilter(watched, event)
        if not self._guarding or event.type() not in TOUCH_EVENTS:
            return False
        if not self._in_my_window(watched):
            return False
        kind = event.type()
        if not self._touch_down:
            if not self.isVisible():
                self.release_guard()
                return False
            if (
                kind == QEvent.Type.MouseMove
                and isinstance(event, QMouseEvent)
                and event.buttons() == Qt.MouseButton.NoButton
            ):
                # A pointer that only moves (a touchscreen seen as a mouse moves it there just
                # before its press) neither dismisses the countdown nor reaches anything.
                event.accept()
                return True
            if kind in TOUCH_ENDS or kind == QEvent.Type.Wheel:
                event.accept()
                self.touched.emit()  # a release without its press, a wheel: swallowed alone
                return True
            self._touch_down = True
            event.accept()
            self.touched.emit()
            return True
        event.accept()
        lifted = kind in (QEvent.Type.TouchEnd, QEvent.Type.TouchCancel) or (
            kind == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and event.buttons() == Qt.MouseButton.NoButton
        )
        if lifted:
            self._touch_down = False
            if not self.isVisible():
                self.release_guard()
        return True

    def set_seconds(self, seconds: int) -> None:
        self.seconds.setText(str(seconds))

    def retranslate(self) -> None:
        self.question.setText(self.tr("Vous êtes toujours là ?"))
        self.hint.setText(self.tr("Touchez l'écran pour continuer."))


class ClosedOverlay(Overlay):
    """Shown outside opening hours: a dark, quiet "à bientôt" screen.

    The staff gesture works on it too: ``staff_corner``, an invisible :class:`LongPressArea`
    over the place of ``anchor`` (the logo of the top bar, hidden under the overlay), emits
    ``long_pressed`` after the same long press.
    """

    def __init__(
        self, parent: QWidget, metrics: Metrics, anchor: QWidget | None = None, hold_ms: int = 5000
    ) -> None:
        super().__init__(parent)
        self._anchor = anchor
        self.staff_corner = LongPressArea(hold_ms, self)
        self.staff_corner.setObjectName("ClosedStaffCorner")
        if anchor is not None:
            anchor.installEventFilter(self)  # the logo moves or grows: the corner follows
        self.setObjectName("ClosedOverlay")
        self.setStyleSheet(f"QWidget#ClosedOverlay {{ background: {CLOSED_BLACK}; }}")
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

    def show_over(self) -> None:
        super().show_over()
        self._place_staff_corner()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        handled = super().eventFilter(watched, event)
        if watched in (self._host, self._anchor) and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.Move,
        ):
            self._place_staff_corner()
        return handled

    def _place_staff_corner(self) -> None:
        anchor = self._anchor
        if anchor is None:
            self.staff_corner.setGeometry(QRect(0, 0, 0, 0))
            return
        self.staff_corner.setGeometry(QRect(anchor.mapTo(self._host, QPoint(0, 0)), anchor.size()))
        self.staff_corner.raise_()

    def set_next_opening(self, text: str) -> None:
        self._opening = text
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("À bientôt !"))
        self.detail.setText(
            self.tr("La borne se rallume le {0}.").format(self._opening) if self._opening else ""
        )


def paint_invitation(
    painter: QPainter, rect: QRectF, metrics: Metrics, text: str, secondary: str = ""
) -> None:
    """The band at the bottom of the attract loop that invites visitors to touch.

    The text wraps within the screen's width (a portrait screen is narrow); ``secondary`` is a
    smaller line under it (the invitation in the other language).
    """
    margin = metrics.px(48)
    icon_size = metrics.px(88)
    gap = metrics.px(28)
    text_width = rect.width() - 2 * margin - icon_size - gap
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
    main_font = painter.font()
    main_font.setPixelSize(metrics.font(46))
    main_font.setBold(True)
    second_font = painter.font()
    second_font.setPixelSize(metrics.font(28))
    second_font.setBold(False)
    painter.setFont(main_font)
    main_box = painter.boundingRect(QRectF(0, 0, text_width, rect.height()), flags, text)
    painter.setFont(second_font)
    second_box = (
        painter.boundingRect(QRectF(0, 0, text_width, rect.height()), flags, secondary)
        if secondary
        else QRectF()
    )
    block_width = max(main_box.width(), second_box.width())
    block_height = main_box.height() + (second_box.height() + metrics.px(8) if secondary else 0)
    band_height = max(metrics.px(190), block_height + 2 * metrics.px(36))
    band = QRectF(rect.left(), rect.bottom() - band_height, rect.width(), band_height)
    painter.fillRect(band, QColor(*INVITATION_BAND))
    left = band.center().x() - (icon_size + gap + block_width) / 2
    icon = icons.icon("mdi6.gesture-tap", color=OCHRE)
    icon.paint(painter, int(left), int(band.center().y() - icon_size / 2), icon_size, icon_size)
    text_left = left + icon_size + gap
    top = band.center().y() - block_height / 2
    painter.setPen(QColor(WHITE))
    painter.setFont(main_font)
    painter.drawText(QRectF(text_left, top, text_width, main_box.height()), flags, text)
    if secondary:
        painter.setFont(second_font)
        painter.setPen(QColor(INVITATION_SECOND))
        second_top = top + main_box.height() + metrics.px(8)
        painter.drawText(
            QRectF(text_left, second_top, text_width, second_box.height()), flags, secondary
        )
