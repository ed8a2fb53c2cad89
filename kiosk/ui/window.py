"""The kiosk window: a top bar (back, home, title, FR/EN) above a stack of screens.

Navigation is a stack of routes (a screen name and an argument). The home button empties it;
the back button pops it. Screens are built once and reused.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.kit import icons
from kiosk.kit.context import UiContext
from kiosk.kit.theme import Metrics, Palette
from kiosk.kit.widgets import IconButton, LongPressArea, named, plain_label
from kiosk.library.typography import french_spacing
from kiosk.ui.routes import LAZY_SCREENS, PRELOADED, Route
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.home import HomeScreen

STAFF_GESTURE_MS = 5000
PRELOAD_START_MS = 400
PRELOAD_STEP_MS = 60

log = logging.getLogger(__name__)

ScreenFactory = Callable[[UiContext], Screen]


def lazy_screen(module: str, class_name: str) -> ScreenFactory:
    """A factory that imports the screen's module only when the screen is first built.

    The home screen is imported at start; the others (map, player with libvlc, slideshow…)
    are not needed until a visitor goes there, so start-up does not pay for them.
    """

    def build(context: UiContext) -> Screen:
        screen_class: Callable[[UiContext], Screen] = getattr(
            importlib.import_module(module), class_name
        )
        return screen_class(context)

    return build


SCREEN_FACTORIES: dict[Route, ScreenFactory] = {
    Route.HOME: HomeScreen,
    **{route: lazy_screen(module, name) for route, (module, name) in LAZY_SCREENS.items()},
}


@dataclass(frozen=True)
class Visit:
    """One step of the navigation: a screen and its argument."""

    name: Route
    argument: str = ""


class TopBar(QWidget):
    """Always visible: back, home, the screen's title, the language switch."""

    language_chosen = Signal(str)
    large_text_toggled = Signal(bool)
    high_contrast_toggled = Signal(bool)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TopBar")
        self._portrait = context.portrait
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        metrics = context.metrics
        px = metrics.px
        outer = QVBoxLayout(self)
        outer.setContentsMargins(px(24), px(12), px(24), px(12))
        outer.setSpacing(px(8))
        layout = QHBoxLayout()
        layout.setSpacing(px(20))
        outer.addLayout(layout)
        self.logo = LongPressArea(STAFF_GESTURE_MS)
        logo_layout = QHBoxLayout(self.logo)
        logo_layout.setContentsMargins(0, 0, px(12), 0)
        logo_layout.setSpacing(px(10))
        self.logo_icon = logo_icon = QLabel()
        self._logo_size = px(52)
        self.logo_text = named(QLabel("Le Mazier"), "TopBarTitle")
        logo_layout.addWidget(logo_icon)
        logo_layout.addWidget(self.logo_text)
        layout.addWidget(self.logo)
        self.back_button = IconButton("mdi6.arrow-left", "", metrics)
        self.home_button = IconButton("mdi6.home", "", metrics)
        # A long title wraps (the bar grows) rather than being cut or widening the window; on a
        # tall screen it has a line of its own under the buttons, the full width of the screen.
        self.title_label = plain_label("TopBarTitle", wrap=True)
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        if context.portrait:
            # Narrower: the name a size smaller, on two lines if need be ("Le / Mazier"), never
            # the sprout alone.
            self.logo_text.setObjectName("TopBarBrand")
            self.logo_text.setWordWrap(True)
            # On one line where the bar has room for it (a 1080-wide screen: a wrapping label
            # would otherwise ask only for its longest word).
            brand = "Le Mazier" if metrics.scale >= 0.95 else "Mazier"
            self.logo_text.setMinimumWidth(
                self.logo_text.fontMetrics().horizontalAdvance(brand) + px(4)
            )
        layout.addWidget(self.back_button)
        layout.addWidget(self.home_button)
        if context.portrait:
            layout.addStretch(1)
            outer.addWidget(self.title_label)
        else:
            layout.addWidget(self.title_label, stretch=1)
        self.large_text_button = self._toggle("mdi6.format-size", metrics)
        self.large_text_button.toggled.connect(self.large_text_toggled.emit)
        self.high_contrast_button = self._toggle("mdi6.contrast-circle", metrics)
        self.high_contrast_button.toggled.connect(self.high_contrast_toggled.emit)
        self.apply_palette(context.palette)
        layout.addWidget(self.large_text_button)
        layout.addWidget(self.high_contrast_button)
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

    @staticmethod
    def _toggle(icon: str, metrics: Metrics) -> QPushButton:
        button = named(QPushButton(), "LanguageButton")
        button.setCheckable(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setProperty("icon_name", icon)
        button.setIconSize(metrics.icon)
        return button

    def apply_palette(self, palette: Palette) -> None:
        """Icons in the bar's colours; a switched-on toggle keeps a visible icon."""
        size = self._logo_size
        self.logo_icon.setPixmap(
            icons.icon("mdi6.sprout", color=palette.bar_text).pixmap(size, size)
        )
        for button in (self.large_text_button, self.high_contrast_button):
            button.setIcon(
                icons.icon(
                    str(button.property("icon_name")), color=palette.bar_text, color_on=palette.bar
                )
            )

    def set_title(self, title: str) -> None:
        """The screen's title, in full (an empty title hides its line on a tall screen)."""
        self.title_label.setText(french_spacing(title))
        self.title_label.setVisible(bool(title) or not self._portrait)

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("Retour"))
        self.home_button.setText(self.tr("Accueil"))
        self.large_text_button.setAccessibleName(self.tr("Texte plus grand"))
        self.high_contrast_button.setAccessibleName(self.tr("Contraste élevé"))
        self.language_buttons["fr"].setAccessibleName("Français")
        self.language_buttons["en"].setAccessibleName("English")


class KioskWindow(QWidget):
    """The one window of the kiosk."""

    route_changed = Signal(str, str)
    screen_created = Signal(str, QWidget)

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
        # Keyed by Route, a StrEnum: a route's plain name ("map") finds the same screen.
        self.screens: dict[str, Screen] = {}
        self.history: list[Visit] = []
        self.pending_route: Visit | None = None

        self.top_bar.home_button.clicked.connect(self.go_home)
        self.top_bar.back_button.clicked.connect(self.go_back)
        self.top_bar.language_chosen.connect(context.languages.set_language)
        if context.appearance is not None:
            self.top_bar.large_text_toggled.connect(context.appearance.set_large_text)
            self.top_bar.high_contrast_toggled.connect(context.appearance.set_high_contrast)
            appearance = context.appearance
            appearance.changed.connect(lambda: self.top_bar.apply_palette(appearance.palette))
        context.languages.language_changed.connect(self._on_language_changed)
        self.top_bar.retranslate()
        self.go_home()

    def screen_for(self, name: Route | str) -> Screen:
        """The screen for a route (or its name), built the first time it is needed."""
        route = Route(name)
        if route not in self.screens:
            screen = SCREEN_FACTORIES[route](self.context)
            screen.navigate.connect(self.open)
            self.screens[route] = screen
            self.stack.addWidget(screen)
            self.screen_created.emit(route, screen)
        return self.screens[route]

    def preload_screens(self, routes: tuple[Route, ...] = PRELOADED) -> None:
        """Build these screens one by one in idle moments, after the first screen is shown.

        A first visit then costs what a later one does (the map's was 130 ms cold, 20 ms
        warm); each step blocks the event loop once, for one screen's construction.
        """
        pending = [name for name in routes if name in SCREEN_FACTORIES]

        def step() -> None:
            while pending and pending[0] in self.screens:
                pending.pop(0)
            if not pending:
                return
            name = pending.pop(0)
            try:
                self._prepare_hidden(self.screen_for(name))
            except Exception:
                log.exception("could not prepare the %s screen", name)
            QTimer.singleShot(PRELOAD_STEP_MS, self, step)

        QTimer.singleShot(PRELOAD_START_MS, self, step)

    def _prepare_hidden(self, screen: Screen) -> None:
        """Style and lay out a screen built in the background at the size it will have: a
        stack sizes only its current page, and the map's first visit spent 30 ms doing it."""
        screen.ensurePolished()
        for child in screen.findChildren(QWidget):
            child.ensurePolished()
        screen.setGeometry(self.stack.contentsRect())
        layout = screen.layout()
        if layout is not None:
            layout.activate()

    @property
    def current_route(self) -> Visit:
        return self.history[-1]

    def open(self, name: str, argument: str = "") -> None:
        """Show the screen of route ``name`` (a :class:`Route` or its value) with ``argument``."""
        route = Route.named(name)
        if route is None:
            log.error("unknown screen %r", name)
            return
        if self.context.opened_catalogue is None and route is not Route.HOME:
            # A tap in the moment between the first paint and the catalogue being opened
            # (kiosk.ui.app.run_kiosk): the screen opens as soon as it is.
            self.pending_route = Visit(route, argument)
            return
        if route is Route.HOME:
            self.history.clear()
        self.history.append(Visit(route, argument))
        self._show_current()

    def go_home(self) -> None:
        self.open(Route.HOME)

    def open_pending_route(self) -> bool:
        """Open the screen tapped before the catalogue was open; False if there was none."""
        route, self.pending_route = self.pending_route, None
        if route is None:
            return False
        self.open(route.name, route.argument)
        return True

    def go_back(self) -> None:
        screen = self.screens.get(self.current_route.name) if self.history else None
        if screen is not None and screen.go_back_within():
            return
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
        self.top_bar.home_button.setVisible(route.name is not Route.HOME)
        self.top_bar.set_title(screen.title())
        self.route_changed.emit(route.name.value, route.argument)

    def _on_language_changed(self, language: str) -> None:
        for code, button in self.top_bar.language_buttons.items():
            button.setChecked(code == language)
        self.top_bar.retranslate()
        self.top_bar.set_title(self.screen_for(self.current_route.name).title())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        from kiosk.ui.lockdown import is_blocked  # imported after the first paint (start-up)

        if is_blocked(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.property("allow_close"):
            event.accept()
        else:
            event.ignore()
