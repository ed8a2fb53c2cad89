"""The process around the window: malloc arenas, the stop signals through the event loop,
Qt's messages into the log."""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import socket
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    QObject,
    QSocketNotifier,
    QtMsgType,
    qInstallMessageHandler,
)

if TYPE_CHECKING:
    pass

log = logging.getLogger(__name__)

M_ARENA_MAX = -8  # glibc's mallopt parameter


def limit_malloc_arenas(arenas: int = 2) -> bool:
    """Cap glibc's malloc arenas, as MALLOC_ARENA_MAX would, before libvlc starts its decoder
    threads: each thread's arena otherwise keeps what videos freed, and a kiosk that plays
    videos all day grows by about 100 MB a tour (bench/bench_memory.py)."""
    if os.environ.get("MALLOC_ARENA_MAX") or not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
        return bool(libc.mallopt(M_ARENA_MAX, arenas))
    except (OSError, AttributeError):
        return False


# The signals that stop the kiosk in order (the same shutdown as closing the window), and the
# exit status each gives: systemd's stop and a shutdown send SIGTERM and count 0 as a clean
# stop (a crash exits non-zero and is restarted); Ctrl-C in a terminal gives the shell's 130.
STOP_SIGNALS: dict[signal.Signals, int] = {
    signal.SIGTERM: 0,
    signal.SIGINT: 130,
    signal.SIGHUP: 0,
}


class SignalShutdown(QObject):
    """SIGTERM, SIGINT and SIGHUP end the Qt event loop, so that the kiosk stops as when its
    window is closed: ``aboutToQuit`` runs the controller's shutdown (the visit's statistics
    written, timers stopped, screen blanking and rotation given back), the catalogue closes, the
    run journal records the stop. A second signal while stopping ends the process at once.

    Python runs its signal handlers only between bytecodes, and the GUI thread sits in Qt's C++
    event loop: :func:`signal.set_wakeup_fd` writes each signal's number to a socket pair that a
    ``QSocketNotifier`` watches, and that notifier's (Python) slot lets the handler run at once
    (the approach of qutebrowser's ``SignalHandler``).
    """

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.app = app
        self.received: signal.Signals | None = None
        self._previous_handlers: dict[signal.Signals, object] = {}
        self._previous_wakeup_fd: int | None = None
        self._notifier: QSocketNotifier | None = None
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        try:
            self._previous_wakeup_fd = signal.set_wakeup_fd(
                self._writer.fileno(), warn_on_full_buffer=False
            )
        except ValueError:  # not the main thread: signals stay as they were
            log.warning("not in the main thread: SIGTERM will not stop the kiosk in order")
            return
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        for number in STOP_SIGNALS:
            self._previous_handlers[number] = signal.signal(number, self._on_signal)

    @property
    def status(self) -> int:
        return STOP_SIGNALS[self.received] if self.received is not None else 0

    def _drain(self) -> None:
        """Python has run the pending handlers before this slot: empty the socket."""
        try:
            while self._reader.recv(512):
                pass
        except OSError:
            pass

    def _on_signal(self, number: int, _frame: object) -> None:
        received = signal.Signals(number)
        if self.received is not None:
            log.warning("%s received again while stopping: ending at once", received.name)
            signal.signal(number, signal.SIG_DFL)
            os.kill(os.getpid(), number)
            return
        self.received = received
        log.info("%s received: the kiosk stops as when its window is closed", received.name)
        self.quit()

    def quit(self) -> None:
        self.app.exit(self.status)

    def uninstall(self) -> None:
        """Give back the previous handlers and wake-up descriptor (a run inside a test)."""
        for number, handler in self._previous_handlers.items():
            signal.signal(number, handler)  # type: ignore[arg-type]
        self._previous_handlers.clear()
        if self._previous_wakeup_fd is not None:
            signal.set_wakeup_fd(self._previous_wakeup_fd)
            self._previous_wakeup_fd = None
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier = None
        self._reader.close()
        self._writer.close()


QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def qt_message_to_log(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's own messages into the kiosk's log, under ``qt.<category>`` (``qt.qpa.xcb``,
    ``qt.multimedia``…; ``qt`` for the default one)."""
    level = QT_LEVELS.get(kind, logging.WARNING)
    category = context.category or "default"
    logger = logging.getLogger("qt" if category == "default" else f"qt.{category}")
    if logger.isEnabledFor(level):
        logger.log(level, "%s", message)


QtMessageHandler = Callable[[QtMsgType, QMessageLogContext, str], object] | None


def install_qt_message_log() -> QtMessageHandler:
    """Send Qt's messages to the log; return the handler it replaces (to give it back)."""
    return qInstallMessageHandler(qt_message_to_log)
