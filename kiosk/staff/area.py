"""The staff area: a column of big tabs beside the current tab, and "Quitter le mode borne".

Shown by the kiosk window after the PIN. ``closed`` asks to go back to the visitor
side; ``quit_kiosk_requested`` asks to leave the kiosk (maintenance).

Unsaved edits are never lost on the way out: before another tab, « Retour à la borne » or
« Quitter le mode borne », the tab shown is asked ``can_leave()`` (a tab with a form asks
« Enregistrer / Ne pas enregistrer / Annuler »; « Annuler » stays). At the staff session's
timeout nobody is there to answer: :meth:`StaffArea.session_timed_out` answers any open question
by its way out and says whether a form still holds edits; the kiosk then keeps this staff area,
hidden, for the next staff session (after the PIN), which finds the form as it was left.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.kit.context import UiContext
from kiosk.kit.widgets import IconButton, named
from kiosk.staff.admin_tabs import BackupTab, HealthTab, NetworkTab, SettingsTab, StatsTab
from kiosk.staff.catalogue_tabs import AlbumsTab, MapTab, PagesTab, PlacesTab
from kiosk.staff.controls import button
from kiosk.staff.dialogs import active_question, confirm, dismiss_questions
from kiosk.staff.keyboard import OnScreenKeyboard
from kiosk.staff.media_tab import MediaTab
from kiosk.staff.page_drag import PageDrag
from kiosk.staff.style import staff_style
from kiosk.staff.touch import NO_SCROLLER, TouchAdapter

TabFactory = Callable[[UiContext], QWidget]


def _delete_if_alive(widget: QWidget) -> None:
    if shiboken6.isValid(widget):
        shiboken6.delete(widget)


class StaffArea(QWidget):
    closed = Signal()
    quit_kiosk_requested = Signal()

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        metrics = context.metrics
        self.metrics = metrics  # the kiosk's questions (kiosk.staff.dialogs) take their sizes here
        self.setObjectName("StaffArea")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(staff_style(metrics))
        # Finger scrolling, large drop-down items and − / + on every tab's widgets.
        self.touch = TouchAdapter(self, metrics)
        tabs: list[tuple[str, str, str, TabFactory]] = [
            ("media", "mdi6.filmstrip-box-multiple", self.tr("Médias"), MediaTab),
            ("places", "mdi6.map-marker-multiple", self.tr("Lieux"), PlacesTab),
            ("map", "mdi6.map", self.tr("Carte"), MapTab),
            ("albums", "mdi6.notebook", self.tr("Carnets"), AlbumsTab),
            ("pages", "mdi6.file-document-edit", self.tr("Pages"), PagesTab),
            ("settings", "mdi6.cog", self.tr("Réglages"), SettingsTab),
            ("stats", "mdi6.chart-bar", self.tr("Statistiques"), StatsTab),
            ("backup", "mdi6.archive-arrow-up", self.tr("Sauvegarde"), BackupTab),
            ("health", "mdi6.heart-pulse", self.tr("Santé"), HealthTab),
            ("network", "mdi6.lan", self.tr("Réseau"), NetworkTab),
        ]
        portrait = context.portrait
        bar = named(QWidget(), "StaffTabs")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        bar_layout = QHBoxLayout(bar) if portrait else QVBoxLayout(bar)
        bar_layout.setContentsMargins(
            metrics.px(12), metrics.px(12), metrics.px(12), metrics.px(12)
        )
        # The tabs scroll (by finger) when the window is too small for all of them: a tab is
        # never squeezed into a cut word.
        tab_list = named(QWidget(), "StaffTabList")
        tabs_layout = QHBoxLayout(tab_list) if portrait else QVBoxLayout(tab_list)
        tabs_layout.setContentsMargins(0, 0, 0, 0)
        self.tab_scroll = named(QScrollArea(), "StaffTabScroll")
        self.tab_scroll.setWidgetResizable(True)
        self.tab_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # No bar (it would take the tabs' room): the finger drags them, the half-hidden tab
        # at the edge says there are more.
        off = Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        self.tab_scroll.setVerticalScrollBarPolicy(off)
        self.tab_scroll.setHorizontalScrollBarPolicy(off)
        self.stack = QStackedWidget()
        self.group = QButtonGroup(self)
        self.tab_buttons: dict[str, IconButton] = {}
        self.factories = {name: factory for name, _icon, _text, factory in tabs}
        self.pages: dict[str, QWidget] = {}
        self.current = ""
        for name, icon, text, _factory in tabs:
            tab_button = IconButton(
                icon, "" if context.portrait else text, metrics, object_name="StaffTab"
            )
            tab_button.setToolTip(text)
            tab_button.setAccessibleName(text)
            tab_button.setCheckable(True)
            tab_button.clicked.connect(lambda _checked=False, n=name: self.switch_tab(n))
            self.group.addButton(tab_button)
            self.tab_buttons[name] = tab_button
            tabs_layout.addWidget(tab_button)
        tabs_layout.addStretch(1)
        self.tab_scroll.setWidget(tab_list)
        if portrait:
            self.tab_scroll.setMinimumHeight(tab_list.sizeHint().height())
        else:
            self.tab_scroll.setMinimumWidth(tab_list.sizeHint().width())
        bar_layout.addWidget(self.tab_scroll, 1)
        self.back_button = button(
            "mdi6.exit-run", "" if context.portrait else self.tr("Retour à la borne"), metrics
        )
        self.quit_button = button(
            "mdi6.power",
            "" if context.portrait else self.tr("Quitter le mode borne"),
            metrics,
            danger=True,
        )
        bar_layout.addWidget(self.back_button)
        bar_layout.addWidget(self.quit_button)
        layout = QVBoxLayout(self) if context.portrait else QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(bar)
        # A tab larger than the window (a small stand window) scrolls instead of being cut
        # or pushing the staff area out of the window.
        self.page_scroll = named(QScrollArea(), "StaffPageScroll")
        self.page_scroll.setProperty(NO_SCROLLER, True)  # the lists inside scroll by finger
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        page_holder = named(QWidget(), "StaffPageHolder")
        content = QVBoxLayout(page_holder)
        content.setContentsMargins(metrics.px(20), metrics.px(16), metrics.px(20), metrics.px(16))
        content.addWidget(self.stack)
        self.page_scroll.setWidget(page_holder)
        for scroll in (self.tab_scroll, self.page_scroll):
            scroll.viewport().setAutoFillBackground(False)
        layout.addWidget(self.page_scroll, 1)
        self.back_button.clicked.connect(self._ask_close)
        self.quit_button.clicked.connect(self._ask_quit)
        # Every text field of every tab types through it (no hardware keyboard at the kiosk).
        self.keyboard = OnScreenKeyboard(self, metrics)
        # A page taller than the window scrolls by a drag anywhere on it (the lists inside
        # keep their own finger scrolling); made after the keyboard, it sees a drag first.
        self.page_drag = PageDrag(self.page_scroll)
        # The tabs that arrange themselves for the width do it for the width the page really
        # gets, once the window is shown and each time it changes (at the staff area's own
        # resize the page's viewport still has its old width).
        self.page_scroll.viewport().installEventFilter(self)
        self.open_tab("media")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_pages()

    def event(self, event: QEvent) -> bool:
        """Deleted while a question waits (its caller would then go on with a deleted staff
        area): the question gets its way out first, the deletion comes once its wait has
        returned."""
        if event.type() == QEvent.Type.DeferredDelete and active_question(self) is not None:
            dismiss_questions(self)
            # Not deleteLater again: Qt posts it once per object. Deleted for real when the
            # question's wait has returned to the loop.
            QTimer.singleShot(0, functools.partial(_delete_if_alive, self))
            return True
        return super().event(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.page_scroll.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_pages()
        return False

    def _fit_pages(self) -> None:
        """Tabs that can arrange themselves for a narrow window (``fit_width``) do."""
        margins = 2 * self.metrics.px(20)
        width = self.page_scroll.viewport().width() - margins
        for page in self.pages.values():
            fit = getattr(page, "fit_width", None)
            if callable(fit):
                fit(width)

    def open_tab(self, name: str) -> QWidget:
        """Build a tab the first time it is opened (the others cost nothing until then)."""
        page = self.pages.get(name)
        if page is None:
            page = self.factories[name](self.context)
            self.pages[name] = page
            if isinstance(page, HealthTab):
                page.media_requested.connect(self.show_media)
            self.stack.addWidget(page)
            # What the tab polished before it was in the staff area (a style sheet set in its
            # constructor polishes at once) is adapted here; what it makes later, when shown.
            self.touch.adapt_all()
        elif not self.holds_edits(page):  # a refresh would drop what the form shows
            refresh = getattr(page, "refresh", None)
            if callable(refresh):
                refresh()
        # Only the tab shown asks for room (a large tab does not widen the small ones).
        for other in self.pages.values():
            ignored = QSizePolicy.Policy.Ignored
            preferred = QSizePolicy.Policy.Preferred
            policy = preferred if other is page else ignored
            other.setSizePolicy(policy, policy)
        self.stack.setCurrentWidget(page)
        self._fit_pages()
        if name != self.current:  # another tab starts at its top, not where the last one was
            self.page_scroll.verticalScrollBar().setValue(0)
        self.tab_buttons[name].setChecked(True)
        self.current = name
        return page

    # Unsaved edits ------------------------------------------------------------------------

    def may_leave_tab(self) -> bool:
        """The tab shown may be left: nothing unsaved, or staff saved or dropped it."""
        can_leave = getattr(self.pages.get(self.current), "can_leave", None)
        return not callable(can_leave) or bool(can_leave())

    @staticmethod
    def holds_edits(page: QWidget | None) -> bool:
        is_dirty = getattr(page, "is_dirty", None)
        return callable(is_dirty) and bool(is_dirty())

    def switch_tab(self, name: str) -> bool:
        """A tab button: another tab once the tab shown may be left (else it stays)."""
        if not self.may_leave_tab():
            self.tab_buttons[self.current].setChecked(True)
            return False
        self.open_tab(name)
        return True

    def session_timed_out(self) -> bool:
        """The staff session ends with nobody to answer: open questions get their way out
        (« Annuler », « Non »), the keyboard goes. True when a form still holds edits: the
        kiosk then keeps this staff area for the next staff session."""
        dismiss_questions(self)
        self.keyboard.close_keyboard()
        return any(self.holds_edits(page) for page in self.pages.values())

    def resume_session(self) -> None:
        """Shown again after the PIN with the edits kept at the timeout: the tab says so."""
        page = self.pages.get(self.current)
        note = getattr(page, "note", None)
        say = getattr(note, "say", None)
        if callable(say) and self.holds_edits(page):
            say(
                self.tr(
                    "Vos modifications de la dernière session sont gardées : "
                    "pensez à les enregistrer."
                )
            )

    def _ask_close(self) -> None:
        if self.may_leave_tab():
            self.closed.emit()

    def show_media(self, media_id: int, search: str) -> MediaTab:
        """The Médias tab on one media (from the Santé tab): its list narrowed to the media's
        name, the media selected, so « Remplacer par le fichier choisi » or « Retirer » act
        on it."""
        page = self.open_tab("media")
        assert isinstance(page, MediaTab)
        page.show_list()
        page.show_choice.setCurrentIndex(0)
        page.search.setText(search)
        row = page.model.row_of(media_id)
        if row is not None:
            page.table.selectRow(row)
            page.table.scrollTo(page.model.index(row, 0))
        return page

    def _ask_quit(self) -> None:
        if self.may_leave_tab() and confirm(
            self,
            self.tr("Quitter le mode borne"),
            self.tr("La borne va se fermer pour la maintenance. Continuer ?"),
        ):
            self.quit_kiosk_requested.emit()
