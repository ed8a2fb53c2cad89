"""What makes the window a kiosk: idle countdown and reset, the attract loop, closing hours,
lockdown, the hidden staff entry, and the usage statistics.

The window knows nothing of this; the controller listens to it and to the application's input.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.kit.context import UiContext
from kiosk.kit.overlays import ClosedOverlay, CountdownOverlay
from kiosk.kit.press_feedback import attach
from kiosk.library import catalogue_views, pin, usage
from kiosk.library.pin import PinGuard
from kiosk.library.schedule import is_open, next_opening
from kiosk.library.settings import KioskSettings
from kiosk.library.settings import load as load_settings
from kiosk.ui import lockdown
from kiosk.ui.attract.films import AttractFilm, attract_films
from kiosk.ui.attract.loop import AttractLoop, LoopOptions
from kiosk.ui.idle import IdleWatcher
from kiosk.ui.network_rounds import NetworkRounds
from kiosk.ui.pin_pad import PinPad
from kiosk.ui.routes import Route
from kiosk.ui.usage_recorder import UsageRecorder
from kiosk.ui.visitor_session import (
    Resettable,
    TopBarToggles,
    VisitorSession,
)
from kiosk.ui.window import STAFF_GESTURE_MS, KioskWindow

log = logging.getLogger(__name__)

SCHEDULE_CHECK_MS = 30_000
SUSPEND_VIDEO = "video"
SUSPEND_STAFF = "staff"

StaffFactory = Callable[[UiContext], QWidget]


def default_staff_factory(context: UiContext) -> QWidget:
    from kiosk.staff import StaffArea

    return StaffArea(context)


class KioskController(QObject):
    """Owns the overlays and timers around one :class:`KioskWindow`."""

    quit_requested = Signal()

    def __init__(
        self,
        window: KioskWindow,
        context: UiContext,
        settings: KioskSettings,
        *,
        locked_down: bool,
        staff_factory: StaffFactory = default_staff_factory,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.context = context
        self.settings = settings
        self.clock = clock
        self.staff_factory = staff_factory
        self.staff_area: QWidget | None = None
        # A staff area closed by the timeout with unsaved edits, shown again after the next PIN.
        self.kept_staff_area: QWidget | None = None
        metrics = context.metrics
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.app = app

        self.idle = IdleWatcher(settings.idle_timeout_s, settings.idle_countdown_s, self)
        app.installEventFilter(self.idle)
        self.countdown = CountdownOverlay(window, metrics)
        drawings, films = self._loop_media()
        if films:
            # The loop's player may be the first libvlc player of the process: the one instance
            # must get the player screen's subtitle style first, or cues would sit at the very
            # bottom, under the player's control band, for the life of the process.
            from kiosk.ui.screens.videos.player_subtitles import configure_subtitles

            configure_subtitles(context)
        self.attract = AttractLoop(window, metrics, drawings, films, loop_options(settings))
        # The staff gesture works on the closed screen too: a hidden corner over the logo.
        self.closed = ClosedOverlay(window, metrics, window.top_bar.logo, STAFF_GESTURE_MS)
        # The lockout is kept in the catalogue: a restart gives no fresh tries.
        self.pin_pad = PinPad(window, metrics, context.catalogue, PinGuard(context.catalogue))
        self.recorder = UsageRecorder(context.catalogue, self)
        # Everything a visitor can change, and the one reset for the next visitor.
        self.session = VisitorSession(
            context.languages, context.default_language, context.appearance, self
        )
        self.session.register("top_bar", TopBarToggles(window.top_bar))
        self._video_watch: tuple[str, float] | None = None
        self.guard: lockdown.InputGuard | None = None
        if locked_down:
            self.guard = lockdown.InputGuard(settings.hide_cursor, self)
            app.installEventFilter(self.guard)
            lockdown.inhibit_screen_blanking()
            if settings.rotation:
                lockdown.apply_rotation(settings.rotation)

        self.idle.countdown.connect(self.show_countdown)
        self.idle.cancelled.connect(self.countdown.dismiss)
        self.countdown.touched.connect(self.idle.poke)
        self.idle.timed_out.connect(self.sleep)
        self.idle.activity.connect(self._on_activity)
        self.attract.touched.connect(self.wake)
        window.route_changed.connect(self._on_route_changed)
        window.screen_created.connect(self._on_screen_created)
        context.languages.language_changed.connect(
            lambda language: self.recorder.add(usage.LANGUAGE, language)
        )
        context.languages.language_changed.connect(lambda _language: self._retranslate())
        window.top_bar.logo.long_pressed.connect(self.open_pin_pad)
        self.closed.staff_corner.long_pressed.connect(self.open_pin_pad)
        self.press_feedback = attach([window.top_bar.logo, self.closed.staff_corner], metrics)
        self.pin_pad.accepted.connect(self.open_staff_area)

        self.staff_timeout_ms = settings.staff_timeout_s * 1000
        self.staff_timer = QTimer(self)
        self.staff_timer.setSingleShot(True)
        self.staff_timer.timeout.connect(self.staff_timed_out)
        self.schedule_timer = QTimer(self)
        self.schedule_timer.timeout.connect(self.check_schedule)
        self.schedule_timer.start(SCHEDULE_CHECK_MS)
        for name, screen in window.screens.items():
            self._on_screen_created(name, screen)
        # The network of kiosks (only for a member): a release applies between two visits.
        self.network = NetworkRounds(context.root, context.catalogue, self.visitor_away, self)
        self.network.applied.connect(self._on_release_applied)
        self.attract.touched.connect(self.network.visitor_came)

    # Visits -----------------------------------------------------------------------------------

    def start(self, *, attract: bool = False) -> None:
        """Begin watching for idleness (or closed, outside hours), on the home screen or, with
        ``attract``, in the attract loop (a kiosk that starts at boot or after a crash has
        nobody in front of it).

        Without a staff PIN the staff area stays closed: the touchscreen never offers to choose
        one (any visitor could). The log says it, for staff; the screen does not."""
        self.idle.start()
        self.check_schedule()
        self.network.start()
        if not pin.has_pin(self.context.catalogue):
            log.warning(pin.NO_PIN_WARNING)
        if attract and not self.closed.isVisible():
            self.sleep()

    def _end_video_watch(self) -> None:
        """A video screen was left: record the video and how long it was watched."""
        if self._video_watch is not None:
            video, since = self._video_watch
            self._video_watch = None
            self.recorder.add(usage.VIDEO, f"{video}|{time.monotonic() - since:.0f}")

    def sleep(self) -> None:
        """End of a visit: everything back to its defaults, then the attract loop."""
        self._end_video_watch()
        self.countdown.hide()
        self.pin_pad.dismiss()
        self.recorder.end_visit()
        self.recorder.pause()  # the kiosk going home is no visitor opening it
        self.reset_visit()
        self.recorder.resume()
        self.attract.start()
        log.info("idle: reset and attract loop")

    def reset_visit(self) -> None:
        """Every visitor choice back to its default (:class:`VisitorSession`), then home."""
        self.session.reset()
        self.window.go_home()

    def wake(self) -> None:
        """A touch on the attract loop: the home screen, and a new visit."""
        self.attract.stop()
        self.window.go_home()
        self.recorder.start_visit()
        self.idle.start()

    def visitor_away(self) -> bool:
        """No visit going on: the attract loop or the closed screen shows, staff are not in."""
        return self.staff_area is None and (self.attract.isVisible() or self.closed.isVisible())

    def _on_release_applied(self, _release: str) -> None:
        """A network release switched the catalogue: the loop takes its films and drawings
        again (the screens read the catalogue again when next shown)."""
        self.attract.drawings, self.attract.films = self._loop_media()
        if self.attract.isVisible():
            self.attract.start()

    def _loop_media(self) -> tuple[list[Path], list[AttractFilm]]:
        drawings = drawing_paths(self.context) if self.settings.attract_drawings else []
        films = attract_films(self.context) if self.settings.attract_film else []
        return drawings, films

    def show_countdown(self, seconds: int) -> None:
        if self.attract.isVisible() or self.closed.isVisible():
            return
        self.countdown.set_seconds(seconds)
        if not self.countdown.isVisible():
            self.countdown.show_over()

    def _on_activity(self) -> None:
        if self.staff_area is not None:
            self.staff_timer.start(self.staff_timeout_ms)

    def _on_route_changed(self, name: str, argument: str) -> None:
        self._end_video_watch()
        if self.attract.isVisible():
            return
        self.recorder.start_visit()
        self.recorder.add(usage.SCREEN, name)
        if name == Route.PLAYER and argument:
            self._video_watch = (argument, time.monotonic())
        if name == Route.MAP and argument:
            self.recorder.add(usage.PLACE, argument)
        elif name == Route.SLIDESHOW and argument:
            self.recorder.add(usage.DRAWING, argument)

    def _on_screen_created(self, name: str, screen: QWidget) -> None:
        if isinstance(screen, Resettable):
            self.session.register(name, screen)
        playing_changed = getattr(screen, "playing_changed", None)
        if playing_changed is not None:
            playing_changed.connect(self.set_video_playing)
        place_opened = getattr(screen, "place_opened", None)
        if place_opened is not None:  # a place sheet opened on the map, not through a route
            place_opened.connect(lambda slug: self.recorder.add(usage.PLACE, slug))

    def set_video_playing(self, playing: bool) -> None:
        """No idle reset while a video plays; the countdown starts afresh after it."""
        if playing:
            self.idle.suspend(SUSPEND_VIDEO)
        else:
            self.idle.resume(SUSPEND_VIDEO)

    def _retranslate(self) -> None:
        for overlay in (self.countdown, self.attract, self.closed, self.pin_pad):
            overlay.retranslate()

    # Closing hours ----------------------------------------------------------------------------

    def check_schedule(self) -> None:
        now = self.clock()
        if is_open(self.settings.opening_hours, now):
            if self.closed.isVisible():
                self.closed.hide()
                if self.settings.closed_display == "blank":
                    lockdown.wake_display()
                if self.staff_area is None:  # staff who came in on the closed screen stay in
                    self.pin_pad.dismiss()
                    self.attract.start()
                self.idle.start()
            return
        if self.closed.isVisible() or self.staff_area is not None:
            return
        self.idle.stop()
        self.countdown.hide()
        self.pin_pad.dismiss()
        self.recorder.end_visit()
        self.reset_visit()
        self.attract.stop()
        opening = next_opening(self.settings.opening_hours, now)
        self.closed.set_next_opening(opening.strftime("%d/%m à %H:%M") if opening else "")
        self.closed.show_over()
        if self.settings.closed_display == "blank":
            lockdown.blank_display()
        log.info("closing hours: kiosk closed until %s", opening)

    # Staff ------------------------------------------------------------------------------------

    def open_pin_pad(self) -> None:
        """The hidden gesture: the PIN pad (or, without a PIN, "Borne non configurée").

        The idle reset is not suspended: the pad closes with it (and after its own minute
        without a touch, on the closed screen where there is no idle reset)."""
        if self.staff_area is not None or self.attract.isVisible():
            return
        self.countdown.hide()
        self.pin_pad.open()

    def open_staff_area(self) -> None:
        self.idle.suspend(SUSPEND_STAFF)
        self.recorder.pause()  # staff time is no visit
        area, self.kept_staff_area = self.kept_staff_area, None
        if area is None:
            area = self.staff_factory(self.context)
            area.setParent(self.window)
            closed = getattr(area, "closed", None)
            if closed is not None:
                closed.connect(self.close_staff_area)
            quit_requested = getattr(area, "quit_kiosk_requested", None)
            if quit_requested is not None:
                quit_requested.connect(self.leave_kiosk_mode)
        else:
            resume = getattr(area, "resume_session", None)
            if callable(resume):
                resume()
        area.setGeometry(self.window.rect())
        self.window.installEventFilter(self)
        area.show()
        area.raise_()
        self.staff_area = area
        self.staff_timer.start(self.staff_timeout_ms)
        log.info("staff area opened")

    def staff_timed_out(self) -> None:
        """The staff session's time is up: unsaved edits are kept (the area, hidden, for the
        next staff session) rather than saved unseen or lost."""
        timed_out = getattr(self.staff_area, "session_timed_out", None)
        self.close_staff_area(keep=callable(timed_out) and bool(timed_out()))

    def close_staff_area(self, keep: bool = False) -> None:
        if self.staff_area is None:
            return
        self.staff_timer.stop()
        area, self.staff_area = self.staff_area, None
        area.hide()
        if keep:
            self.kept_staff_area = area
            log.info("staff session timed out with unsaved edits: kept for the next session")
        else:
            area.deleteLater()
        self.window.removeEventFilter(self)
        self.apply_settings(load_settings(self.context.catalogue))
        self.idle.resume(SUSPEND_STAFF)
        self.window.go_home()
        self.recorder.resume()
        log.info("staff area closed")

    def apply_settings(self, changed: KioskSettings) -> None:
        """Settings staff saved take effect now: idle delays, the staff session's length, the
        attract loop's order and sound, opening hours and the closed screen. The screen's
        rotation, the cursor, the default language and which media the loop shows take effect
        at the next start (the Réglages tab says so)."""
        self.settings = changed
        self.idle.timeout_s = changed.idle_timeout_s
        self.idle.countdown_s = changed.idle_countdown_s
        self.staff_timeout_ms = changed.staff_timeout_s * 1000
        self.attract.options = loop_options(changed)

    def leave_kiosk_mode(self) -> None:
        """Staff asked to quit: give the machine back."""
        log.info("leaving kiosk mode at staff request")
        self.shutdown()
        self.window.setProperty("allow_close", True)
        self.quit_requested.emit()
        self.window.close()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Resize and self.staff_area:
            self.staff_area.setGeometry(self.window.rect())
        return False

    def shutdown(self) -> None:
        """Write what is pending, stop every timer, and give back what lockdown took."""
        self.recorder.end_visit()
        self.recorder.stop()
        self.attract.shutdown()
        self.countdown.release_guard()
        self.schedule_timer.stop()
        self.staff_timer.stop()
        self.network.shutdown()
        self.idle.stop()
        if self.guard is not None:
            self.guard.release()
            lockdown.restore_screen_blanking()
            if self.settings.rotation:
                lockdown.apply_rotation(0)


def loop_options(settings: KioskSettings) -> LoopOptions:
    """The attract loop as staff set it: its order, its share of drawings, its sound."""
    return LoopOptions(
        drawings_per_film=settings.attract_drawings_per_film,
        film_first=settings.attract_film_first,
        volume=0 if settings.attract_muted else settings.attract_volume,
    )


def drawing_paths(context: UiContext) -> list[Path]:
    found = (
        context.root.media_file(p) for p in catalogue_views.attract_drawings(context.catalogue)
    )
    return [path for path in found if path is not None]
