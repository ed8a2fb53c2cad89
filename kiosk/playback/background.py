"""Background work, one way for the whole kiosk: pools owned by the application, results handed
to the GUI thread by an object that lives as long as the application.

:func:`background` is the application's :class:`Background` (a child of the QCoreApplication,
made on first use). Its named thread pools are drained when the application quits (queued jobs
dropped, running ones waited for, their results never delivered), so no worker outlives the
objects it reads; from the drain on the pools take no new job and no result is handed over any
more (:meth:`Background.reopen` when the kiosk starts again in the same process), so a job still
running when the application (and this object) is destroyed never emits from a deleted object.
A worker hands a
result over with :meth:`Background.hand_over` (from any thread): the result goes through a
queued signal to this object's ``@Slot`` on the GUI thread, which calls the receiver there,
unless the receiver's owner (a screen, a cache) has been deleted meanwhile: then the result is
dropped, never delivered to a dead widget.

Every job of the running kiosk goes through it: drawings and posters (the image cache), the
map's decode, the images of texts, the staff file browser's thumbnails, the network rounds.
Two kinds of work a person watches through a progress bar run in a daemon thread of their own
instead, because they can take minutes and quitting must not wait for them (their writes are
staged and durable, so a kill loses nothing): the first start's demo build
(``kiosk.ui.wait_work``, before the event loop runs: the waiting screen polls its progress
from a timer; inside it, the demo builder encodes its videos two at a time in an executor of its
own, in the library, which knows no Qt) and the staff area's jobs (``kiosk.staff.jobs.Job``:
imports, backups, health, cancellable), whose results reach the GUI thread through signals of
their own connected to bound methods, never lambdas.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

DRAIN_WAIT_MS = 3000  # at quit: how long running jobs may take to finish
T = TypeVar("T")


@dataclass(frozen=True)
class _Result:
    owner: QObject
    receiver: Callable[[Any], object]
    value: object
    generation: int  # Background.generation when the work was started


class _Job(QRunnable, Generic[T]):
    def __init__(
        self,
        background: Background,
        owner: QObject,
        work: Callable[[], T],
        done: Callable[[T], object],
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._background = background
        self._owner = owner
        self._work = work
        self._done = done
        self._generation = background.generation

    def run(self) -> None:
        try:
            value = self._work()
        except Exception:  # a worker must never take the process down
            log.exception("background work failed")
            return
        self._background.hand_over(self._owner, self._done, value, self._generation)


class Background(QObject):
    """The application's pools and the GUI-thread end of every background result."""

    _handed_over = Signal(object)  # a _Result, emitted on a worker thread

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.setObjectName("KioskBackground")
        self._pools: dict[str, QThreadPool] = {}
        self.generation = 0  # one more at each drain: what was started before is not delivered
        self.delivered = 0
        self.dropped = 0
        # Cleared by the drain: hand_over then drops everything, under this lock, so nothing
        # is emitted from this object once the application quits (and later destroys it).
        self._lock = threading.Lock()
        self._open = True
        self._handed_over.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        app.aboutToQuit.connect(self.drain)

    def pool(self, name: str, threads: int = 2) -> QThreadPool:
        """The pool of that name (made on first use with ``threads`` threads)."""
        found = self._pools.get(name)
        if found is None:
            found = QThreadPool(self)
            found.setObjectName(f"pool-{name}")
            found.setMaxThreadCount(max(1, threads))
            self._pools[name] = found
        return found

    def submit(
        self,
        pool: str,
        work: Callable[[], T],
        done: Callable[[T], object],
        *,
        owner: QObject,
        priority: int = 0,
    ) -> None:
        """Run ``work`` on a thread of ``pool``, then ``done(result)`` on the GUI thread if
        ``owner`` still exists. After the drain (the application quits): dropped."""
        if not self.is_open:
            log.debug("background work for %s dropped: the application quits", pool)
            return
        self.pool(pool).start(_Job(self, owner, work, done), priority)

    @property
    def is_open(self) -> bool:
        """False from the drain on (until :meth:`reopen`): no new work, no result handed over."""
        return self._open

    def reopen(self) -> None:
        """The kiosk starts (again, in the same process: tests): work is taken again."""
        with self._lock:
            self._open = True

    def hand_over(
        self,
        owner: QObject,
        receiver: Callable[[T], object],
        value: T,
        generation: int | None = None,
    ) -> None:
        """From any thread: ``receiver(value)`` on the GUI thread, if ``owner`` is still there
        and the pools have not been drained since ``generation`` (the work's start; None: now).
        """
        started = self.generation if generation is None else generation
        with self._lock:  # the drain cannot close in the middle of an emit
            if not self._open or not shiboken6.isValid(self):
                return  # quitting, or the application went without its event loop's quit
            try:
                self._handed_over.emit(_Result(owner, receiver, value, started))
            except RuntimeError:  # destroyed since the check (no drain ran): nobody to tell
                log.debug("background result dropped: the application is gone")

    @Slot(object)
    def _deliver(self, result: _Result) -> None:
        if result.generation != self.generation or not shiboken6.isValid(result.owner):
            self.dropped += 1  # its screen (or cache) is gone: nobody to give it to
            return
        self.delivered += 1
        result.receiver(result.value)

    def wait_for_idle(self, msecs: int = -1) -> bool:
        """Block until every pool is done (tests, benchmarks)."""
        return all(pool.waitForDone(msecs) for pool in self._pools.values())

    @Slot()
    def drain(self) -> None:
        """At quit: drop the queued jobs, wait for the running ones; results are not delivered,
        and none is handed over from now on (nor new work taken) until :meth:`reopen`."""
        with self._lock:
            self._open = False
        self.generation += 1
        for pool in self._pools.values():
            pool.clear()
        for name, pool in self._pools.items():
            if not pool.waitForDone(DRAIN_WAIT_MS):
                log.warning("background pool %s still busy at quit", name)


def background() -> Background:
    """The application's :class:`Background` (a QCoreApplication must exist)."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("background work needs a QCoreApplication")
    found = app.findChild(Background, "KioskBackground")
    if isinstance(found, Background):
        return found
    return Background(app)
