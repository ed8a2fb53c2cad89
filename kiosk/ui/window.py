"""The kiosk window: a top bar (back, home, title, FR/EN) above a stack of screens.

Navigation is a stack of routes (a screen name and an argument). The home button empties it;
the back button pops it. Screens are built once and reused.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.context import UiContext
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.home import ROUTE_MAP, ROUTE_NOTES, ROUTE_PAGE, ROUTE_VIDEOS, HomeScreen
from kiosk.ui.screens.map_preview import MapPreviewScreen
from kiosk.ui.screens.notes_preview import NotesPreviewScreen
from kiosk.ui.screens.page import PageScreen
from kiosk.ui.screens.videos_preview import VideosPreviewScreen
from kiosk.ui.widgets import IconButton, named

ROUTE_HOME = "home"

log = logging.getLogger(__name__)

ScreenFactory = Callable[[UiContext], Screen]
SCREEN_FACTORIES: dict[str, ScreenFactory] = {
    ROUTE_HOME: HomeScreen,
    ROUTE_MAP: MapPreviewScreen,
    ROUTE_VIDEOS: VideosPreviewScreen,
    ROUTE_NOTES: NotesPreviewScreen,
    ROUTE_PAGE: PageScreen,
}

# Keys a visitor with a keyboard could use to close or leave the window.
BLOCKED_KEYS = {Qt.Key.Key_Escape, Qt.Key.Key_F4, Qt.Key.Key_F11, Qt.Key.Key_Q, Qt.Key.Key_W}


@dataclass(frozen=True)
class Route:
    name: str
    argument: str = ""


class TopBar(QWidget):
    """Always visible: back, home, the screen's title, the language switch."""

    language_chosen = Signal(str)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TopBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        metrics = context.metrics
        px = metrics.px
        layout = QHBoxLayout(self)
        layout.setContentsMargins(px(24), px(12), px(24), px(12))
        layout.setSpacing(px(20))
        self.back_button = IconButton("mdi6.arrow-left", "", metrics)
        self.home_button = IconButton("mdi6.home", "", metrics)
        self.title_label = named(QLabel(), "TopBarTitle")
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.back_button)
        layout.addWidget(self.home_button)
        layout.addWidget(self.title_label, stretch=1)
        self.language_buttons: dict[str, QPushButton] = {}
        group = QButtonGroup(self)
        group.setExclusive(True)
        for language in ("fr", "en"):
            button = named(QPushButton(language.upper()), "LanguageButton")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setChecked(language == context.languages.language)
            button.clicked.connect(lambda _=False, lang=language: self.language_chosen.emit(lang))
            group.addButton(button)
            self.language_buttons[language] = button
            layout.addWidget(button)

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("Retour"))
        self.home_button.setText(self.tr("Accueil"))
        self.language_buttons["fr"].setAccessibleName("Français")
        self.language_buttons["en"].setAccessibleName("English")


class KioskWindow(QWidget):
    """The one window of the kiosk."""

    route_changed = Signal(str, str)

    def __init__(self, context: UiContext) -> None:
        super().__init__()
        self.setObjectName("KioskWindow")
        self.setWindowTitle("Borne du Mazier")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.context = context
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.top_bar = TopBar(context)
        self.stack = QStackedWidget()
        layout.addWidget(self.top_bar)
        layout.addWidget(self.stack, stretch=1)
        self.screens: dict[str, Screen] = {}
        self.history: list[Route] = []

        self.top_bar.home_button.clicked.connect(self.go_home)
        self.top_bar.back_button.clicked.connect(self.go_back)
        self.top_bar.language_chosen.connect(context.languages.set_language)
        context.languages.language_changed.connect(self._on_language_changed)
        self.top_bar.retranslate()
        self.go_home()

    def screen_for(self, name: str) -> Screen:
        """The screen for a route name, built the first time it is needed."""
        if name not in self.screens:
            screen = SCREEN_FACTORIES[name](self.context)
            screen.navigate.connect(self.open)
            self.screens[name] = screen
            self.stack.addWidget(screen)
        return self.screens[name]

    @property
    def current_route(self) -> Route:
        return self.history[-1]

    def open(self, name: str, argument: str = "") -> None:
        if name not in SCREEN_FACTORIES:
            log.error("unknown screen %r", name)
            return
        if name == ROUTE_HOME:
            self.history.clear()
        self.history.append(Route(name, argument))
        self._show_current()

    def go_home(self) -> None:
        self.open(ROUTE_HOME)

    def go_back(self) -> None:
        if len(self.history) > 1:
            self.history.pop()
        self._show_current()

    def recover(self) -> None:
        """After an unexpected error: back to a fresh home screen."""
        try:
            self.go_home()
        except Exception:
            log.exception("could not go back to the home screen")

    def _show_current(self) -> None:
        route = self.current_route
        screen = self.screen_for(route.name)
        screen.show_route(route.argument or None)
        self.stack.setCurrentWidget(screen)
        self.top_bar.back_button.setVisible(len(self.history) > 1)
        self.top_bar.home_button.setVisible(route.name != ROUTE_HOME)
        self.top_bar.title_label.setText(screen.title())
        self.route_changed.emit(route.name, route.argument)

    def _on_language_changed(self, language: str) -> None:
        for code, button in self.top_bar.language_buttons.items():
            button.setChecked(code == language)
        self.top_bar.retranslate()
        self.top_bar.title_label.setText(self.screen_for(self.current_route.name).title())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in BLOCKED_KEYS or event.modifiers() & Qt.KeyboardModifier.AltModifier:
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.property("allow_close"):
            event.accept()
        else:
            event.ignore()
