"""The running kiosk's share of the network: a round every minute, never on the GUI thread.

Only for a kiosk that joined a network (``network/membership.json``): for any other, nothing
starts and nothing of the network is imported. Each minute, when no visitor is in a visit (the
attract loop or the closed screen shows: ``visitor_away``), the application's background runner
runs one round of :func:`kiosk.library.network.rounds.network_round` (admit, apply a waiting
release, status); the release switches only if the visitor is still away at that moment (a
touch on the attract loop calls :meth:`NetworkRounds.visitor_came`). During a visit only the
hourly status is written. Playback never waits on any of it. ``applied`` is emitted on the GUI
thread after a release.

When this kiosk's Syncthing does not answer (no user service installed), the rounds start it
as a child process, stopped with the kiosk.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.config import ContentRoot
from kiosk.playback.background import background

if TYPE_CHECKING:
    from kiosk.library.network.syncthing import SyncthingProcess
    from kiosk.store.database import Catalogue

log = logging.getLogger(__name__)

ROUND_EVERY_MS = 60_000
FIRST_ROUND_MS = 20_000  # after the first screens are built
STATUS_EVERY_S = 3600.0
NETWORK_POOL = "network"  # one thread: one round at a time
SHUTDOWN_WAIT_MS = 5000


def is_member(root: ContentRoot) -> bool:
    """Whether this kiosk joined a network (a file test: nothing imported)."""
    return (root.home / "network" / "membership.json").is_file()


class NetworkRounds(QObject):
    """The minute timer and the rounds, run on the application's background runner."""

    applied = Signal(str)  # the release now shown
    round_done = Signal(object)  # the RoundReport (or None), for tests and the staff area

    def __init__(
        self,
        root: ContentRoot,
        catalogue: Catalogue,
        visitor_away: Callable[[], bool],
        parent: QObject | None = None,
        *,
        start_syncthing: bool = True,
    ) -> None:
        super().__init__(parent)
        self.root = root
        self.catalogue = catalogue
        self.visitor_away = visitor_away
        self.start_syncthing = start_syncthing
        self._away = False  # read by the worker just before a switch
        self._running = False  # a round is under way on the network pool
        self._last_status: float | None = None
        self._daemon: SyncthingProcess | None = None
        self._stopping = False
        self.timer = QTimer(self)
        self.timer.setInterval(ROUND_EVERY_MS)
        self.timer.timeout.connect(self.tick)

    def start(self) -> None:
        """Start the rounds, if this kiosk is in a network."""
        if not is_member(self.root):
            return
        self.timer.start()
        QTimer.singleShot(FIRST_ROUND_MS, self, self.tick)

    @property
    def busy(self) -> bool:
        return self._running

    def visitor_came(self) -> None:
        """A touch woke the kiosk: no release switches now."""
        self._away = False

    def tick(self) -> None:
        """On the GUI thread: start a round in the worker if none is running."""
        if self.busy or self._stopping:
            return
        self._away = bool(self.visitor_away())
        status_due = (
            self._last_status is None or time.monotonic() - self._last_status >= STATUS_EVERY_S
        )
        if not self._away and not status_due:
            return
        if status_due:
            self._last_status = time.monotonic()
        self._running = True
        runner = background()
        runner.pool(NETWORK_POOL, threads=1)
        runner.submit(
            NETWORK_POOL,
            functools.partial(self._run, self._away, status_due),
            self._on_finished,
            owner=self,
        )

    def _run(self, full: bool, status_due: bool) -> object:
        """In the worker thread: the round's report; never raises (a visitor never sees a
        network problem)."""
        report = None
        try:
            if self.start_syncthing:
                self._ensure_syncthing()
            if full:
                from kiosk.library.network.rounds import network_round

                report = network_round(
                    self.root,
                    self.catalogue,
                    visitor_idle=lambda: self._away and not self._stopping,
                    write_status=status_due,
                )
            else:
                from kiosk.library.network.membership import load_membership
                from kiosk.library.network.rounds import write_own_status

                membership = load_membership(self.root)
                if membership is not None:
                    write_own_status(self.root, membership, self.catalogue)
        except Exception:
            log.exception("network round failed")
        return report

    def _ensure_syncthing(self) -> None:
        from kiosk.library.network.syncthing import (
            SyncthingProcess,
            api_for_home,
            syncthing_home,
        )
        from kiosk.library.network.syncthing_api import SyncthingError

        home = syncthing_home(self.root)
        try:
            if self._daemon is not None and self._daemon.running:
                return
            if api_for_home(home, timeout=3).answers():
                return  # its user service runs it
            daemon = SyncthingProcess(home, self.root.logs_dir / "syncthing.log")
            daemon.start()
            self._daemon = daemon
            log.info("network: Syncthing started by the kiosk")
        except SyncthingError as error:
            log.warning("network: Syncthing not started: %s", error)

    def _on_finished(self, report: object) -> None:
        self._running = False
        applied = getattr(report, "applied", False)
        if applied:
            release = str(getattr(getattr(report, "result", None), "release", ""))
            log.info("network: release %s applied, screens reload", release)
            self.applied.emit(release)
        self.round_done.emit(report)

    def shutdown(self) -> None:
        """Stop the rounds and the Syncthing this kiosk started (a round under way finishes
        on its own: its switch is refused from now on)."""
        self._stopping = True
        self.timer.stop()
        if self._running:
            background().pool(NETWORK_POOL).waitForDone(SHUTDOWN_WAIT_MS)
        if self._daemon is not None:
            self._daemon.stop(timeout=5)
            self._daemon = None
