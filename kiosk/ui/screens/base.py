"""What every screen has: a title for the top bar and strings that follow the language."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from kiosk.kit.context import UiContext


class Screen(QWidget):
    """A full screen below the top bar. ``navigate`` asks the window for another screen."""

    navigate = Signal(str, str)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("Screen")
        context.languages.language_changed.connect(self._on_language_changed)

    def title(self) -> str:
        """The title shown in the top bar."""
        return ""

    def show_route(self, argument: str | None) -> None:
        """Called each time navigation brings this screen forward with its argument."""

    def go_back_within(self) -> bool:
        """ "Retour" was tapped: go back one level inside the screen (a zoom closed, say) and
        return True, or return False to let the window go back to the previous screen."""
        return False

    def reset(self) -> None:
        """Back to the state a new visitor expects: sheets closed, zoom and scroll reset."""

    def reset_for_next_visitor(self) -> None:
        """:class:`kiosk.ui.visitor_session.Resettable`: the idle reset calls it for every
        screen built (the kiosk controller registers them); by default, :meth:`reset`."""
        self.reset()

    def retranslate(self) -> None:
        """Re-read every visible string in the current language."""

    def _on_language_changed(self, _language: str) -> None:
        self.retranslate()
