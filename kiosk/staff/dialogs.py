"""Questions the staff area asks, drawn by the kiosk (never the desktop's small dialogs).

``ask(parent, title, text)`` shows a card over the staff area (or over ``parent``'s window
outside it) with the question in plain text and two large buttons, « Oui » and « Non », and
returns True for « Oui ». Any staff screen may use it (``kiosk.staff.common.confirm`` is it).
Closing the staff area while a question is open answers « Non ».
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.ui import icons, theme
from kiosk.ui.overlays import Overlay
from kiosk.ui.theme import Metrics, scale_for
from kiosk.ui.widgets import named, plain_label

__all__ = ["Question", "ask"]


def host_of(parent: QWidget) -> QWidget:
    """The staff area ``parent`` is in, or its window."""
    widget: QWidget | None = parent
    while widget is not None:
        if widget.objectName() == "StaffArea":
            return widget
        widget = widget.parentWidget()
    return parent.window()


def metrics_of(host: QWidget) -> Metrics:
    metrics = getattr(host, "metrics", None)
    if isinstance(metrics, Metrics):
        return metrics
    return Metrics(scale_for(max(host.width(), 640), max(host.height(), 480)))


class Question(Overlay):
    """A darkened staff area with a card: a title, the question, « Non » and « Oui »."""

    answered = Signal(bool)

    def __init__(
        self,
        host: QWidget,
        metrics: Metrics,
        title: str,
        text: str,
        *,
        yes: str,
        no: str,
        danger: bool = False,
    ) -> None:
        super().__init__(host)
        px = metrics.px
        self.setObjectName("StaffQuestion")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        yes_colour = theme.TERRACOTTA if danger else theme.HEDGE
        self.setStyleSheet(
            f"""
QWidget#StaffQuestion {{ background: rgba(20, 20, 18, 200); }}
QWidget#QuestionCard {{ background: {theme.CREAM}; border-radius: {px(28)}px; }}
QLabel#QuestionTitle {{ font-size: {px(36)}px; font-weight: 700; color: {theme.HEDGE_DARK}; }}
QLabel#QuestionText {{ font-size: {px(26)}px; color: {theme.CHARCOAL}; }}
QPushButton#QuestionNo, QPushButton#QuestionYes {{
    border: none; border-radius: {px(16)}px; font-size: {px(28)}px; font-weight: 600;
    min-height: {max(metrics.touch, px(88))}px; min-width: {px(240)}px; padding: 0 {px(28)}px;
}}
QPushButton#QuestionNo {{ background: {theme.WHITE}; color: {theme.HEDGE_DARK};
    border: {px(3)}px solid {theme.HEDGE_DARK}; }}
QPushButton#QuestionYes {{ background: {yes_colour}; color: {theme.WHITE}; }}
"""
        )
        card = named(QWidget(), "QuestionCard")
        card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        card.setMaximumWidth(px(1100))
        # Wide enough for the question to wrap in a few lines, never wider than the screen.
        card.setMinimumWidth(min(px(900), max(host.width() - 2 * px(24), px(300))))
        inner = QVBoxLayout(card)
        inner.setContentsMargins(px(48), px(40), px(48), px(40))
        inner.setSpacing(px(24))
        self.title = plain_label("QuestionTitle", title, wrap=True)
        # Plain text: the question may quote a file or a place name.
        self.text = plain_label("QuestionText", text, wrap=True)
        inner.addWidget(self.title)
        inner.addWidget(self.text)
        buttons = QHBoxLayout()
        buttons.setSpacing(px(24))
        self.no_button = self._button("QuestionNo", "mdi6.close", no, theme.HEDGE_DARK, metrics)
        self.yes_button = self._button("QuestionYes", "mdi6.check", yes, theme.WHITE, metrics)
        buttons.addStretch(1)
        buttons.addWidget(self.no_button)
        buttons.addWidget(self.yes_button)
        inner.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(px(24), px(24), px(24), px(24))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 4)  # in a layout without alignment: the wrapped text gets its height
        row.addStretch(1)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.no_button.clicked.connect(lambda: self._answer(False))
        self.yes_button.clicked.connect(lambda: self._answer(True))

    def _button(
        self, name: str, icon: str, text: str, colour: str, metrics: Metrics
    ) -> QPushButton:
        widget = named(QPushButton(text), name)
        widget.setIcon(icons.icon(icon, color=colour))
        widget.setIconSize(metrics.icon)
        widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return widget

    def _answer(self, yes: bool) -> None:
        self.hide()
        self.answered.emit(yes)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self._answer(False)
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._answer(True)


def ask(
    parent: QWidget,
    title: str,
    text: str,
    *,
    yes: str | None = None,
    no: str | None = None,
    danger: bool = False,
) -> bool:
    """Ask a yes/no question over the staff area; True for « Oui » (``yes``)."""
    host = host_of(parent)
    question = Question(
        host,
        metrics_of(host),
        title,
        text,
        yes=yes or QCoreApplication.translate("StaffConfirm", "Oui"),
        no=no or QCoreApplication.translate("StaffConfirm", "Non"),
        danger=danger,
    )
    loop = QEventLoop()
    answer: list[bool] = []

    def answered(yes_answer: bool) -> None:
        answer.append(yes_answer)
        loop.quit()

    question.answered.connect(answered)
    question.destroyed.connect(loop.quit)  # the staff area closed under the question
    keyboard = getattr(host, "keyboard", None)
    if keyboard is not None:
        keyboard.close_keyboard()
    question.show_over()
    question.setFocus(Qt.FocusReason.OtherFocusReason)
    loop.exec()
    if answer:
        question.deleteLater()
    return bool(answer and answer[0])


def active_question(host: QWidget) -> Question | None:
    """The question shown over ``host`` now, if any (for tests and the staff timeout)."""
    for child in host.findChildren(Question):
        if child.isVisible():
            return child
    return None
