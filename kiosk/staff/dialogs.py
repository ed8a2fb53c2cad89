"""Questions the staff area asks, drawn by the kiosk (never the desktop's small dialogs).

``ask(parent, title, text)`` shows a card over the staff area (or over ``parent``'s window
outside it) with the question in plain text and two large buttons, « Oui » and « Non », and
returns True for « Oui ». Any staff screen may use it (``kiosk.staff.dialogs.confirm`` is it).
``choose(parent, title, text, options)`` is the same card with the buttons given (the unsaved
edits' « Enregistrer / Ne pas enregistrer / Annuler »), and returns the key of the one tapped.
Closing the staff area while a question is open answers the question's way out (« Non »,
« Annuler »): :func:`dismiss_questions` does it at the staff session's timeout.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.kit import icons, theme
from kiosk.kit.overlays import Overlay
from kiosk.kit.theme import Metrics, scale_for
from kiosk.kit.widgets import named, plain_label

__all__ = ["Option", "Question", "active_question", "ask", "choose", "dismiss_questions"]

YES = "yes"
NO = "no"


@dataclass(frozen=True)
class Option:
    """One answer: ``key`` is returned; ``look`` is "plain" (outlined), "main" (green) or
    "danger" (terracotta)."""

    key: str
    label: str
    icon: str
    look: str = "plain"


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
    """A darkened staff area with a card: a title, the question and one button per answer.

    ``escape`` is the answer of the way out (Échap, the staff area closing); ``enter`` the
    answer of the Entrée key."""

    answered = Signal(str)

    def __init__(
        self,
        host: QWidget,
        metrics: Metrics,
        title: str,
        text: str,
        options: Sequence[Option],
        *,
        escape: str,
        enter: str,
    ) -> None:
        super().__init__(host)
        px = metrics.px
        self.escape = escape
        self.enter = enter
        self.setObjectName("StaffQuestion")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(
            f"""
QWidget#StaffQuestion {{ background: {theme.SCRIM}; }}
QWidget#QuestionCard {{ background: {theme.CREAM}; border-radius: {px(28)}px; }}
QLabel#QuestionTitle {{ font-size: {px(36)}px; font-weight: 700; color: {theme.HEDGE_DARK}; }}
QLabel#QuestionText {{ font-size: {px(26)}px; color: {theme.CHARCOAL}; }}
QPushButton[answer="plain"], QPushButton[answer="main"], QPushButton[answer="danger"] {{
    border: none; border-radius: {px(16)}px; font-size: {px(28)}px; font-weight: 600;
    min-height: {max(metrics.touch, px(88))}px; min-width: {px(240)}px; padding: 0 {px(28)}px;
}}
QPushButton[answer="plain"] {{ background: {theme.WHITE}; color: {theme.HEDGE_DARK};
    border: {px(3)}px solid {theme.HEDGE_DARK}; }}
QPushButton[answer="main"] {{ background: {theme.HEDGE}; color: {theme.WHITE}; }}
QPushButton[answer="danger"] {{ background: {theme.TERRACOTTA}; color: {theme.WHITE}; }}
"""
        )
        card = named(QWidget(), "QuestionCard")
        card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        # Wide enough for three answers side by side (« Ne pas enregistrer » is not cut).
        card.setMaximumWidth(px(1200))
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
        # Three answers do not fit side by side in a narrow window: they go one under the other.
        narrow = len(options) > 2 and host.width() < px(1300)
        buttons = QVBoxLayout() if narrow else QHBoxLayout()
        buttons.setSpacing(px(24))
        if not narrow:
            buttons.addStretch(1)
        self.buttons: dict[str, QPushButton] = {}
        for option in options:
            widget = self._button(option, metrics)
            self.buttons[option.key] = widget
            buttons.addWidget(widget)
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

    @property
    def yes_button(self) -> QPushButton:
        return self.buttons[YES]

    @property
    def no_button(self) -> QPushButton:
        return self.buttons[NO]

    def _button(self, option: Option, metrics: Metrics) -> QPushButton:
        widget = named(QPushButton(option.label), f"Question_{option.key}")
        widget.setProperty("answer", option.look)
        colour = theme.HEDGE_DARK if option.look == "plain" else theme.WHITE
        widget.setIcon(icons.icon(option.icon, color=colour))
        widget.setIconSize(metrics.icon)
        widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        widget.clicked.connect(lambda _checked=False, key=option.key: self.answer(key))
        return widget

    def answer(self, key: str) -> None:
        self.hide()
        self.answered.emit(key)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.answer(self.escape)
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.answer(self.enter)


def choose(
    parent: QWidget,
    title: str,
    text: str,
    options: Sequence[Option],
    *,
    escape: str,
    enter: str | None = None,
) -> str:
    """Ask over the staff area; the key of the answer tapped (``escape`` if none was)."""
    host = host_of(parent)
    question = Question(
        host,
        metrics_of(host),
        title,
        text,
        options,
        escape=escape,
        enter=enter or options[-1].key,
    )
    loop = QEventLoop()
    answer: list[str] = []

    def answered(key: str) -> None:
        answer.append(key)
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
    return answer[0] if answer else escape


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
    options = (
        Option(NO, no or QCoreApplication.translate("StaffConfirm", "Non"), "mdi6.close"),
        Option(
            YES,
            yes or QCoreApplication.translate("StaffConfirm", "Oui"),
            "mdi6.check",
            "danger" if danger else "main",
        ),
    )
    return choose(parent, title, text, options, escape=NO, enter=YES) == YES


def active_question(host: QWidget) -> Question | None:
    """The question shown over ``host`` now, if any (for tests and the staff timeout)."""
    for child in host.findChildren(Question):
        if child.isVisible():
            return child
    return None


def dismiss_questions(host: QWidget) -> None:
    """Answer every open question over ``host`` by its way out (« Non », « Annuler »)."""
    question = active_question(host)
    while question is not None:
        question.answer(question.escape)
        question = active_question(host)


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """A yes/no question drawn by the kiosk, large « Oui » / « Non » (see
    :func:`kiosk.staff.dialogs.ask`)."""
    return ask(parent, title, text)
