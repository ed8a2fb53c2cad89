"""The staff area's on-screen keyboard: French AZERTY with the accents, a page of digits and
signs, a numeric pad for numbers and codes.

Why a widget of the kiosk's own, not Qt's virtual keyboard or the system's: Qt Virtual Keyboard
is not part of the PySide6 wheels and needs its QML plugin and an input-method environment
variable set before the application starts (it would then pop up on the visitor side too);
a system keyboard (onboard, squeekboard, wvkbd) depends on the desktop (X11 or Wayland, the
Raspberry Pi's or the PC's) and may draw itself under a full-screen window. This one is plain
Qt Widgets: it works the same on the kiosk PC and the Raspberry Pi, offscreen in the tests, and
only in the staff area.

It types by sending real key events to the field (``QKeyEvent`` press and release), so the
field's own validators, input masks and signals run as for a hardware keyboard. Its keys never
take the focus: the field keeps it. It floats over the staff area, at the bottom or at the top,
on the side where it does not cover the field (scrolling a form to make room when it can).
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.kit import icons, theme
from kiosk.kit.theme import Metrics

LETTERS, SIGNS, DIGITS = "letters", "signs", "digits"
# The keys of each page, row by row; the special keys are named between angle brackets.
LETTER_ROWS = [
    ["a", "z", "e", "r", "t", "y", "u", "i", "o", "p", "<back>"],
    ["q", "s", "d", "f", "g", "h", "j", "k", "l", "m", "<enter>"],
    ["<shift>", "w", "x", "c", "v", "b", "n", "’", "-", "<caps>"],
    ["é", "è", "ê", "à", "â", "ç", "ù", "û", "ô", "î", "ï", "ë", "œ"],
    ["<signs>", "@", ",", "<space>", ".", "<next>", "<hide>"],
]
SIGN_ROWS = [
    ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "<back>"],
    ["@", ".", "-", "_", "/", ":", ";", ",", "'", "’", "<enter>"],
    ["«", "»", "€", "&", "(", ")", "+", "=", "?", "!", '"'],
    ["%", "#", "*", "°", "…", "–", "[", "]", "<", ">", "|"],
    ["<letters>", "<space>", "<next>", "<hide>"],
]
DIGIT_ROWS = [
    ["1", "2", "3", "<back>"],
    ["4", "5", "6", "<next>"],
    ["7", "8", "9", "<hide>"],
    ["-", "0", ",", "<letters>"],
]
KEY_HEIGHT = 80  # at 1080p: above the 72-px touch target, with room for the margins
WIDE_KEYS = {"<space>": 5, "<next>": 2, "<signs>": 2, "<letters>": 2, "<enter>": 1}


def editable_of(widget: QWidget | None) -> QWidget | None:
    """The text field ``widget`` belongs to (itself, a text edit's viewport, a spin box's line
    edit), or None when it is no field one types into. A button inside a field (the
    « − » / « + » of a spin box) is no field: tapping it steps, it brings no keyboard."""
    if isinstance(widget, QAbstractButton):
        return None
    for _level in range(3):
        if widget is None:
            return None
        parent = widget.parentWidget()
        if isinstance(widget, QLineEdit) and isinstance(parent, QAbstractSpinBox):
            widget = parent
            continue
        if isinstance(widget, QAbstractSpinBox):
            return widget if not widget.isReadOnly() and widget.isEnabled() else None
        if isinstance(widget, QLineEdit):
            return widget if not widget.isReadOnly() and widget.isEnabled() else None
        if isinstance(widget, (QPlainTextEdit, QTextEdit)):
            return widget if not widget.isReadOnly() and widget.isEnabled() else None
        widget = parent
    return None


def wants_digits(field: QWidget) -> bool:
    """A number or a code: the numeric pad first (the letters stay one key away)."""
    if isinstance(field, QAbstractSpinBox):
        return True
    if isinstance(field, QLineEdit):
        hints = field.inputMethodHints()
        return field.echoMode() is QLineEdit.EchoMode.Password or bool(
            hints & (Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhFormattedNumbersOnly)
        )
    return False


class OnScreenKeyboard(QWidget):
    """The keyboard over ``host`` (the staff area); ``show_for(field)`` shows it for a field."""

    shown_for = Signal(QWidget)

    def __init__(self, host: QWidget, metrics: Metrics) -> None:
        super().__init__(host)
        self.host = host
        self.metrics = metrics
        self.target: QWidget | None = None
        self.shift = False
        self.caps = False
        self.current_page = LETTERS
        self.setObjectName("Keyboard")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        px = metrics.px
        self.key_height = px(KEY_HEIGHT)
        self.setStyleSheet(
            f"""
QWidget#Keyboard {{ background: {theme.HEDGE_DARK}; border-top-left-radius: {px(18)}px;
    border-top-right-radius: {px(18)}px; }}
QPushButton#Key, QPushButton#KeySpecial {{
    background: {theme.WHITE}; color: {theme.CHARCOAL}; border: none;
    border-radius: {px(10)}px; font-size: {px(32)}px;
    min-width: {px(56)}px; padding: 0;
}}
QPushButton#KeySpecial {{ background: {theme.SAGE}; color: {theme.WHITE}; font-size: {px(24)}px; }}
QPushButton#KeySpecial:checked {{ background: {theme.OCHRE}; color: {theme.CHARCOAL}; }}
QPushButton#Key:pressed, QPushButton#KeySpecial:pressed {{ background: {theme.OCHRE}; }}
"""
        )
        self.pages = QStackedWidget()
        self.letter_keys: list[tuple[QPushButton, str]] = []
        self.keys: dict[str, list[QPushButton]] = {}
        self.shift_button: QPushButton | None = None
        self.caps_button: QPushButton | None = None
        self.page_widgets = {
            LETTERS: self._page(LETTER_ROWS, letters=True),
            SIGNS: self._page(SIGN_ROWS),
            DIGITS: self._digit_page(),
        }
        for page in self.page_widgets.values():
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(px(12), px(12), px(12), px(12))
        layout.addWidget(self.pages)
        self.hide()
        app = QApplication.instance()
        assert app is not None
        self._focused_by_press: QWidget | None = None  # see eventFilter
        app.installEventFilter(self)
        host.installEventFilter(self)

    # Building ---------------------------------------------------------------------------------

    def _page(self, rows: list[list[str]], *, letters: bool = False) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(self.metrics.px(8))
        for row in rows:
            line = QHBoxLayout()
            line.setSpacing(self.metrics.px(8))
            for name in row:
                key = self._key(name, letters=letters)
                line.addWidget(key, WIDE_KEYS.get(name, 1))
            column.addLayout(line)
        return page

    def _digit_page(self) -> QWidget:
        page = QWidget()
        outer = QHBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        grid.setSpacing(self.metrics.px(8))
        for r, row in enumerate(DIGIT_ROWS):
            for c, name in enumerate(row):
                key = self._key(name)
                # Its own sheet: the keyboard's sheet gives every key a smaller minimum.
                key.setStyleSheet(f"min-width: {self.metrics.px(150 if c < 3 else 200)}px;")
                grid.addWidget(key, r, c)
        outer.addStretch(1)
        outer.addLayout(grid)
        outer.addStretch(1)
        return page

    def _key(self, name: str, *, letters: bool = False) -> QPushButton:
        special = name.startswith("<") and len(name) > 1
        key = QPushButton()
        key.setObjectName("KeySpecial" if special else "Key")
        key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        key.setAutoRepeat(name == "<back>")
        key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        key.setFixedHeight(self.key_height)
        self.keys.setdefault(name, []).append(key)
        if not special:
            key.setText(name)
            key.setAccessibleName(name)
            key.clicked.connect(lambda _c=False, k=key: self._type(k.text()))
            if letters:
                self.letter_keys.append((key, name))
            return key
        icon_name, text, action = self._special(name)
        key.setAccessibleName(text)
        if icon_name:
            key.setIcon(icons.icon(icon_name, color=theme.WHITE))
            key.setIconSize(self.metrics.icon)
        else:
            key.setText(text)
        if name == "<shift>":
            key.setCheckable(True)
            self.shift_button = key
        elif name == "<caps>":
            key.setCheckable(True)
            self.caps_button = key
        key.clicked.connect(action)
        return key

    def _special(self, name: str) -> tuple[str, str, object]:
        table = {
            "<back>": ("mdi6.backspace-outline", self.tr("Effacer"), self.backspace),
            "<enter>": ("", self.tr("Entrée"), self.enter),
            "<shift>": ("mdi6.apple-keyboard-shift", self.tr("Majuscule"), self.toggle_shift),
            "<caps>": ("", self.tr("Verr. maj"), self.toggle_caps),
            "<space>": ("", self.tr("espace"), lambda: self._type(" ")),
            "<next>": ("", self.tr("Suivant"), self.next_field),
            "<hide>": ("mdi6.keyboard-close", self.tr("Cacher le clavier"), self.close_keyboard),
            "<signs>": ("", "?123", lambda: self.show_page(SIGNS)),
            "<letters>": ("", "ABC", lambda: self.show_page(LETTERS)),
        }
        return table[name]

    # Showing ----------------------------------------------------------------------------------

    def show_page(self, page: str) -> None:
        self.pages.setCurrentWidget(self.page_widgets[page])
        self.current_page = page
        self.place()

    def show_for(self, field: QWidget) -> None:
        """Show the keyboard for ``field`` (its digits first for a number or a code)."""
        if self.target is not field:
            if self.target is not None:
                self._watch(self.target, False)
            self.target = field
            self._watch(field, True)
            self.show_page(DIGITS if wants_digits(field) else LETTERS)
            self._set_shift(False)
        self.show()
        self.raise_()
        self.place()
        self.shown_for.emit(field)

    def close_keyboard(self) -> None:
        if self.target is not None:
            self._watch(self.target, False)
        self.target = None
        self.hide()

    def _watch(self, field: QWidget, on: bool) -> None:
        if on:
            field.destroyed.connect(self._target_gone)
        else:
            with contextlib.suppress(RuntimeError, TypeError):
                field.destroyed.disconnect(self._target_gone)

    def _target_gone(self) -> None:
        self.target = None
        self.hide()

    def place(self) -> None:
        """At the bottom of the staff area, or at its top when the bottom would cover the field
        (a form in a scroll area is scrolled first, to keep the keyboard where fingers expect)."""
        if self.target is None:
            return
        host = self.host.rect()
        self._fit_keys(host.height())
        self._reveal()
        width = min(host.width(), self.metrics.px(1700))
        if self.current_page == DIGITS:  # the pad alone: no wide empty band around it
            pad = self.page_widgets[DIGITS].sizeHint().width()
            width = min(host.width(), pad + self.metrics.px(48))
        height = self.sizeHint().height()
        x = (host.width() - width) // 2
        bottom = QRect(x, host.height() - height, width, height)
        top = QRect(x, 0, width, height)
        field = self.field_rect()
        if field is not None and field.intersects(bottom):
            self._scroll_above(field, bottom.top())
            field = self.field_rect()
        if field is not None and field.intersects(bottom) and not field.intersects(top):
            self.setGeometry(top)
        elif field is not None and field.intersects(bottom) and field.intersects(top):
            # A field taller than the room left: the side that leaves most of it visible.
            below, above = field.intersected(bottom).height(), field.intersected(top).height()
            self.setGeometry(top if above < below else bottom)
        else:
            self.setGeometry(bottom)

    def _fit_keys(self, room: int) -> None:
        """Keys of their full height, lower in a low window (a 1280x831 stand window at 1080p
        sizes): the keyboard takes at most about half of the staff area."""
        px = self.metrics.px
        rows = 5
        chrome = 2 * px(12) + (rows - 1) * px(8)
        height = max(px(44), min(px(KEY_HEIGHT), (room * 46 // 100 - chrome) // rows))
        if height != self.key_height:
            self.key_height = height
            for keys in self.keys.values():
                for key in keys:
                    key.setFixedHeight(height)
            self.adjustSize()

    def _reveal(self) -> None:
        """Scroll every form around the field so that the field shows (a page wider than a
        small window is scrolled sideways too)."""
        field = self.target
        widget = field.parentWidget() if field is not None else None
        while field is not None and widget is not None and widget is not self.host:
            if isinstance(widget, QScrollArea):
                widget.ensureWidgetVisible(field, self.metrics.px(16), self.metrics.px(16))
            widget = widget.parentWidget()

    def field_rect(self) -> QRect | None:
        """Where the typing happens, in the host's coordinates: the field, or a text edit's
        line around its cursor."""
        field = self.target
        if field is None or not field.isVisible():
            return None
        if isinstance(field, (QPlainTextEdit, QTextEdit)):
            cursor = field.cursorRect()
            line = cursor.height()
            rect = QRect(
                field.viewport().mapTo(self.host, cursor.topLeft() - QPoint(0, line)),
                cursor.size(),
            )
            rect.setLeft(field.mapTo(self.host, QPoint(0, 0)).x())
            rect.setWidth(field.width())
            rect.setHeight(line * 3)
            return rect
        rect = QRect(field.mapTo(self.host, QPoint(0, 0)), field.size())
        # What must stay in view with the field (a commune field's suggestions under it).
        companion = getattr(field, "keyboard_companion", None)
        if isinstance(companion, QWidget) and companion.isVisible():
            rect = rect.united(QRect(companion.mapTo(self.host, QPoint(0, 0)), companion.size()))
        return rect

    def _scroll_above(self, field: QRect, limit: int) -> None:
        """Scroll the form holding the field so that the field ends above ``limit``."""
        margin = self.metrics.px(16)
        widget = self.target.parentWidget() if self.target is not None else None
        while widget is not None and widget is not self.host:
            if isinstance(widget, QAbstractScrollArea) and widget is not self.target:
                bar = widget.verticalScrollBar()
                needed = field.bottom() + margin - limit
                room = bar.maximum() - bar.value()
                if needed > 0 and room > 0:
                    bar.setValue(bar.value() + min(needed, room))
                    return
            widget = widget.parentWidget()

    # Typing -----------------------------------------------------------------------------------

    def _send(self, key: int, text: str = "") -> None:
        field = self.target
        if field is None:
            return
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                field, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text)
            )
        self.place()

    def _type(self, text: str) -> None:
        if self.shift or self.caps:
            text = text.upper()
        code = ord(text.upper()) if len(text) == 1 and text.isascii() else Qt.Key.Key_unknown
        self._send(int(code), text)
        if self.shift and not self.caps:
            self._set_shift(False)

    def type_text(self, text: str) -> None:
        """Type ``text`` as the keys would (each character one press)."""
        for character in text:
            self._send(int(Qt.Key.Key_unknown), character)

    def backspace(self) -> None:
        self._send(int(Qt.Key.Key_Backspace))

    def enter(self) -> None:
        """A new line in a text, "Entrée" in a one-line field (then the next field)."""
        if isinstance(self.target, (QPlainTextEdit, QTextEdit)):
            self._send(int(Qt.Key.Key_Return), "\n")
        else:
            self._send(int(Qt.Key.Key_Return), "\r")
            self.next_field()

    def next_field(self) -> None:
        """The next field of the same form (the keyboard follows), or the keyboard hides."""
        field = self.target
        if field is None:
            return
        candidate = field.nextInFocusChain()
        while candidate is not None and candidate is not field:
            editable = editable_of(candidate)
            if (
                editable is not None
                and editable is not field
                and editable.isVisible()
                and self.host.isAncestorOf(editable)
                and field.window() is editable.window()
            ):
                editable.setFocus(Qt.FocusReason.TabFocusReason)
                self.show_for(editable)
                return
            candidate = candidate.nextInFocusChain()
        self.close_keyboard()

    def toggle_shift(self) -> None:
        self._set_shift(not self.shift)

    def toggle_caps(self) -> None:
        self.caps = not self.caps
        if self.caps_button is not None:
            self.caps_button.setChecked(self.caps)
        self._set_shift(False)

    def _set_shift(self, on: bool) -> None:
        self.shift = on
        if self.shift_button is not None:
            self.shift_button.setChecked(on)
        upper = self.shift or self.caps
        for key, letter in self.letter_keys:
            key.setText(letter.upper() if upper else letter)

    # Watching the staff area ------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.host and kind == QEvent.Type.Resize:
            self.place()
        elif kind == QEvent.Type.FocusIn and isinstance(watched, QWidget):
            assert isinstance(event, QFocusEvent)
            if event.reason() == Qt.FocusReason.MouseFocusReason:
                # Qt focuses a field before it delivers the press that focused it: a press on
                # the field's own « − » / « + » (no focus of their own) must step, not bring
                # the number pad over the form, so the offer waits for that press to be seen.
                self._focused_by_press = watched
                QTimer.singleShot(0, self._offer_focused_by_press)
            elif event.reason() not in (
                Qt.FocusReason.ActiveWindowFocusReason,
                Qt.FocusReason.PopupFocusReason,
                Qt.FocusReason.MenuBarFocusReason,
            ):
                self._offer(watched)
        elif (
            kind == QEvent.Type.MouseButtonPress
            and isinstance(watched, QAbstractButton)
            and self._focused_by_press is not None
            and self._focused_by_press.isAncestorOf(watched)
        ):
            self._focused_by_press = None  # a stepper of the field: no keyboard for it
        elif (
            kind == QEvent.Type.MouseButtonRelease
            and isinstance(watched, QWidget)
            and self.host.isAncestorOf(watched)
            and not self.isAncestorOf(watched)
        ):
            # A touch on a field that has the focus already (the keyboard was hidden) brings
            # the keyboard back; a touch on a button elsewhere puts it away.
            field = editable_of(watched)
            if field is not None:
                self._offer(field)
            elif self.isVisible() and self._is_action(watched):
                self.close_keyboard()
        return False

    def _offer_focused_by_press(self) -> None:
        widget, self._focused_by_press = self._focused_by_press, None
        if widget is not None:
            self._offer(widget)

    def _offer(self, widget: QWidget) -> None:
        field = editable_of(widget)
        if field is not None and self.host.isAncestorOf(field) and field.isVisible():
            self.show_for(field)

    @staticmethod
    def _is_action(widget: QWidget) -> bool:
        from PySide6.QtWidgets import QAbstractButton, QComboBox

        return isinstance(widget, (QAbstractButton, QComboBox))
