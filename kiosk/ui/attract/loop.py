"""The attract loop: films and drawings in turn, over the kiosk window, until a touch."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QRect,
    QSize,
    Qt,
    QTimer,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import QImage, QResizeEvent
from PySide6.QtWidgets import QWidget

from kiosk.kit.overlays import Overlay
from kiosk.kit.theme import HEDGE_DARK, Metrics
from kiosk.playback.background import background
from kiosk.playback.images import load_scaled
from kiosk.playback.memory import release_free_memory
from kiosk.ui.attract.films import AttractFilm
from kiosk.ui.attract.pictures import ZOOM_MARGIN, DrawingPan, InvitationBand
from kiosk.ui.attract.plan import LoopPlan, Step, StepKind

if TYPE_CHECKING:
    from kiosk.playback.video.loop_player import LoopVideoPlayer

log = logging.getLogger(__name__)

PAN_SECONDS = 12
ENGLISH_INVITATION = "Touch the screen to discover the third places of the Allier"
# After libvlc's first picture event, the film plays this long under the drawing before the
# drawing goes: the picture is decoded and libvlc's window keeps the drawing's pixels.
FILM_REVEAL_MS = 150
# The drawing comes over the film this long before the film's end (libvlc reports the time up
# to ~250 ms late and takes its last picture away at the end).
FILM_END_SWITCH_MS = 450
REVEAL_RETRY_MS = 40
REVEAL_TRIES = 50  # then the film is shown anyway (2 s: libvlc's window never came)
FILM_STOP_DELAY_MS = 200  # the film stops once the drawing over it has been painted
# Once a showing of the film has stopped (covered by a drawing, or looped to its start on the
# other deck), what libvlc freed goes back to the system: without it the loop's resident size
# climbed by 20-50 MB over 50 showings of a film (bench/bench_attract.py).
TRIM_AFTER_FILM_MS = 300  # once the next picture is on screen
UNREADABLE_DRAWING_MS = 1000
DECODE_POOL = "attract"


def _decode(path: Path, size: QSize) -> QImage:
    """On a worker thread: the drawing at the size it is panned at (null if unreadable)."""
    image = load_scaled(path, size)
    if image.isNull():
        log.warning("attract loop: cannot decode %s", path)
    return image


@dataclass(frozen=True)
class LoopOptions:
    drawings_per_film: int = 4
    film_first: bool = True
    volume: int = 0  # 0: muted
    pan_seconds: float = PAN_SECONDS


class AttractLoop(Overlay):
    """The attract loop over ``parent`` (the kiosk window); any touch emits ``touched``."""

    drawing_decoded = Signal(int, QImage)  # a drawing decoded off the GUI thread, ready to show

    def __init__(
        self,
        parent: QWidget,
        metrics: Metrics,
        drawings: list[Path],
        films: Sequence[AttractFilm] = (),
        options: LoopOptions | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("AttractOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_NativeWindow, True)
        self.setStyleSheet(f"QWidget#AttractOverlay {{ background: {HEDGE_DARK}; }}")
        self.metrics = metrics
        self.drawings = drawings
        self.films = list(films)
        self.options = options or LoopOptions()
        self.invitation = ""
        self.secondary = ""
        self.index = -1
        self.drawing = DrawingPan(self)
        self.band = InvitationBand(self, metrics)
        self.film: LoopVideoPlayer | None = None
        self._film_failed = False  # no native video here, or libvlc missing: drawings only
        self._films_refused: set[int] = set()  # films that could not be played this time
        self._film_on_top = False
        self._reveal_tries = 0
        self._film_index = -1
        self._sequence = False  # the films loop on their own (nothing between them)
        self._steps: Iterator[Step] = iter(())
        self._queue: list[Step] = []
        self._step: Step | None = None
        self._ready: dict[int, QImage] = {}
        self._requested: set[int] = set()
        # Decoded one at a time in the application's pool, drained when the kiosk quits.
        self._background = background()
        self._background.pool(DECODE_POOL, threads=1)
        self._pan = QVariantAnimation(self)
        self._pan.setStartValue(0.0)
        self._pan.setEndValue(1.0)
        self._pan.setDuration(int(self.options.pan_seconds * 1000))
        self._pan.valueChanged.connect(self.drawing.set_progress)
        self._pan.finished.connect(self._advance)
        self._fallback = self._timer(self._advance)
        self._reveal_timer = self._timer(self._reveal_film)
        self._end_timer = self._timer(self._film_nearly_over)
        self._stop_film_timer = self._timer(self._stop_covered_film)
        self._trim_timer = self._timer(release_free_memory)
        self.retranslate()

    def _timer(self, slot: object) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(slot)
        return timer

    # -- the loop from outside -------------------------------------------------------------

    def retranslate(self) -> None:
        french = "Touchez l'écran pour découvrir les tiers-lieux de l'Allier"
        # The context keeps the loop's former class name: kiosk_en.ts has it under that name.
        self.invitation = QCoreApplication.translate(
            "AttractOverlay", "Touchez l'écran pour découvrir les tiers-lieux de l'Allier"
        )
        # The loop speaks French after a reset: English visitors get a line of their own.
        self.secondary = ENGLISH_INVITATION if self.invitation == french else ""
        self.band.text, self.band.secondary = self.invitation, self.secondary
        self._lay_out()
        self.band.update()

    def start(self) -> None:
        self.stop()
        self.show_over()
        self._lay_out()
        self._films_refused.clear()
        self.drawing.set_image(QImage(), 0)
        self.drawing.show()
        self.drawing.raise_()
        self.band.show()
        self.band.raise_()
        self._restart_plan()

    def stop(self) -> None:
        for timer in (
            self._fallback,
            self._reveal_timer,
            self._end_timer,
            self._stop_film_timer,
            self._trim_timer,
        ):
            timer.stop()
        self._pan.stop()
        if self.film is not None:
            self.film.stop()
        self._film_on_top = False
        self._step = None
        self._queue = []
        self._ready.clear()
        self._requested.clear()
        self.index = -1
        self.hide()

    def shutdown(self) -> None:
        self.stop()
        if self.film is not None:
            self.film.release()

    @property
    def showing(self) -> int:
        """The index of the drawing on screen (-1 when none is: the film, or not decoded yet)."""
        visible = self.drawing.isVisibleTo(self) and not self.drawing.image.isNull()
        return self.drawing.index if visible and not self._film_on_top else -1

    @property
    def film_showing(self) -> bool:
        """The film is on screen (its first picture drawn, no drawing over it)."""
        return self._film_on_top

    def plan(self) -> LoopPlan:
        films = len(self._playable_films()) if self._film_player() is not None else 0
        return LoopPlan(
            films, len(self.drawings), self.options.drawings_per_film, self.options.film_first
        )

    # -- layout ----------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._lay_out()
        super().resizeEvent(event)

    def picture_rect(self) -> QRect:
        band = self.band.height_for(self.width())
        return QRect(0, 0, self.width(), max(0, self.height() - band))

    def _lay_out(self) -> None:
        picture = self.picture_rect()
        self.band.setGeometry(
            0, picture.bottom() + 1, self.width(), self.height() - picture.height()
        )
        self.drawing.setGeometry(picture)
        if self.film is not None:
            self.film.setGeometry(self.film_frame())

    def film_frame(self) -> QRect:
        """Where the film is (or will be) drawn, in the loop's coordinates: the picture area
        less the margins that keep the film's aspect ratio."""
        picture = self.picture_rect()
        films = self._playable_films()
        film = films[self._film_index % len(films)] if films and self._film_index >= 0 else None
        width, height = (film.width, film.height) if film else (16, 9)
        size = QSize(max(1, width), max(1, height)).scaled(
            picture.size(), Qt.AspectRatioMode.KeepAspectRatio
        )
        frame = QRect(0, 0, size.width(), size.height())
        frame.moveCenter(picture.center())
        return frame

    # -- the steps -------------------------------------------------------------------------

    def _playable_films(self) -> list[AttractFilm]:
        return [f for i, f in enumerate(self.films) if i not in self._films_refused]

    def _restart_plan(self) -> None:
        plan = self.plan()
        self._sequence = plan.films_only
        self._steps = plan.steps()
        self._queue = []
        self.index = -1
        self._advance()

    def _next_step(self) -> Step | None:
        if not self._queue:
            self._queue.extend(step for _, step in zip(range(2), self._steps, strict=False))
        return self._queue.pop(0) if self._queue else None

    def _upcoming(self) -> Step | None:
        if not self._queue:
            self._queue.extend(step for _, step in zip(range(2), self._steps, strict=False))
        return self._queue[0] if self._queue else None

    def _advance(self) -> None:
        if not self.isVisible():
            return
        step = self._next_step()
        self._step = step
        if step is None:
            self._pan.stop()
            self.drawing.set_image(QImage(), 0)
            return
        if step.kind is StepKind.DRAWING:
            self._want_drawing(step.index)
        else:
            self._play_film(step.index)
        upcoming = self._upcoming()
        if upcoming is not None and upcoming.kind is StepKind.DRAWING:
            self._request(upcoming.index)

    # -- drawings --------------------------------------------------------------------------

    def _request(self, index: int) -> None:
        if index in self._ready or index in self._requested or not self.drawings:
            return
        self._requested.add(index)
        size = self.drawing.size() * ZOOM_MARGIN
        path = self.drawings[index]
        self._background.submit(
            DECODE_POOL,
            lambda: _decode(path, size),
            lambda image: self._on_decoded(index, image),
            owner=self,
        )

    def _on_decoded(self, index: int, image: QImage) -> None:
        if not self.isVisible() or index not in self._requested:
            return
        self._requested.discard(index)
        self._ready[index] = image
        self.drawing_decoded.emit(index, image)
        step = self._step
        if step is not None and step.kind is StepKind.DRAWING and step.index == index:
            self._show_drawing(index)

    def _want_drawing(self, index: int) -> None:
        if index in self._ready:
            self._show_drawing(index)
        else:
            self._request(index)  # shown when decoded; the picture on screen stays till then

    def _show_drawing(self, index: int) -> None:
        image = self._ready.pop(index)
        if image.isNull():
            self._fallback.start(UNREADABLE_DRAWING_MS)
            return
        self.index = index
        self.drawing.set_image(image, index)
        covering = self._film_on_top or (self.film is not None and self.film.isVisible())
        self.drawing.show()
        self.drawing.raise_()
        self.band.raise_()
        self._film_on_top = False
        self._pan.stop()
        self._pan.start()
        if covering:
            self._stop_film_timer.start(FILM_STOP_DELAY_MS)

    # -- the film --------------------------------------------------------------------------

    def _film_player(self) -> LoopVideoPlayer | None:
        """The loop's player, made the first time a film is wanted (None: drawings only)."""
        if self.film is not None or self._film_failed or not self.films:
            return self.film
        try:
            from kiosk.playback.video.instance import (
                VideoUnavailableError,
                native_video_available,
            )
            from kiosk.playback.video.loop_player import LoopVideoPlayer

            if not native_video_available():
                self._film_failed = True
                return None
            player = LoopVideoPlayer(self)
        except (ImportError, OSError, VideoUnavailableError) as error:
            log.warning("attract loop: no film (%s)", error)
            self._film_failed = True
            return None
        player.started.connect(self._on_film_started)
        player.position_changed.connect(self._on_film_position)
        player.ended.connect(self._on_film_ended)
        player.error.connect(self._on_film_error)
        player.hide()
        self.film = player
        return player

    def _play_film(self, index: int) -> None:
        player = self._film_player()
        films = self._playable_films()
        if player is None or not films:
            self._advance()
            return
        self._stop_film_timer.stop()  # the last showing, still under the drawing, is replaced
        self._film_index = index
        self._lay_out()
        player.set_volume(self.options.volume)
        player.show()
        player.lower()  # under the drawing on screen until its first picture
        if self._sequence:
            start = index % len(films)
            player.play_sequence([f.path for f in films[start:] + films[:start]], loop=True)
        else:
            player.play(films[index % len(films)].path)

    def _on_film_started(self) -> None:
        step = self._step
        if step is None or step.kind is not StepKind.FILM or self._film_on_top:
            # The next showing of a looping film: the player's decks switched, the one that
            # played the last showing has stopped.
            self._trim_soon()
            return
        self._reveal_tries = 0
        self._reveal_timer.start(FILM_REVEAL_MS)

    def _reveal_film(self) -> None:
        step = self._step
        if self.film is None or step is None or step.kind is not StepKind.FILM:
            return
        if not self.film.ready_to_uncover() and self._reveal_tries < REVEAL_TRIES:
            self._reveal_tries += 1  # libvlc's window is not there yet: the drawing stays
            self._reveal_timer.start(REVEAL_RETRY_MS)
            return
        self._film_on_top = True
        self.drawing.hide()
        self.band.raise_()
        upcoming = self._upcoming()
        if upcoming is not None and upcoming.kind is StepKind.DRAWING:
            self._request(upcoming.index)

    def _on_film_position(self, position: float, duration: float) -> None:
        if self._sequence or not self._film_on_top or duration <= 0 or self._end_timer.isActive():
            return
        remaining_ms = round((duration - position) * 1000)
        if remaining_ms <= FILM_END_SWITCH_MS + 500:
            self._end_timer.start(max(0, remaining_ms - FILM_END_SWITCH_MS))

    def _film_nearly_over(self) -> None:
        step = self._step
        if step is not None and step.kind is StepKind.FILM and not self._sequence:
            self._advance()

    def _on_film_ended(self) -> None:
        self._film_nearly_over()

    def _on_film_error(self, reason: str) -> None:
        step = self._step
        log.warning("attract loop: the film cannot be played (%s); drawings only", reason)
        films = self._playable_films()
        if films and self._film_index >= 0:
            refused = films[self._film_index % len(films)]
            self._films_refused.add(self.films.index(refused))
        if step is not None and step.kind is StepKind.FILM:
            self._film_on_top = False
            self.drawing.show()
            self.drawing.raise_()
            self.band.raise_()
            self._restart_plan()

    def _stop_covered_film(self) -> None:
        step = self._step
        if step is not None and step.kind is StepKind.FILM:
            return  # the next showing has begun under the drawing
        if self.film is not None and not self._film_on_top:
            self.film.stop()
            self.film.hide()
            self._trim_soon()

    def _trim_soon(self) -> None:
        """A trim shortly after a showing stopped (not pushed back by the next one: a film
        shorter than the delay would never be trimmed)."""
        if not self._trim_timer.isActive():
            self._trim_timer.start(TRIM_AFTER_FILM_MS)


AttractOverlay = AttractLoop  # the name the kiosk knew the loop by
