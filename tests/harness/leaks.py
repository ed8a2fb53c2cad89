"""Fail a test that leaves Qt widgets, running timers or threads behind.

What a test leaves behind runs on in the next tests: a window still shown under the next test's
window, a timer that fires into a screen whose catalogue is gone, a decode still running after its
canvas closed. The ideas come from napari's fixtures (timers and pools recorded where they are
started, the check skipped when the test failed anyway); the rules are ours:

- **widgets**: a top-level widget (a window) that did not exist before the test and is still
  alive once pytest-qt has closed the widgets given to ``qtbot.addWidget``, the deferred
  deletions are done and Python's garbage is collected;
- **timers**: a ``QTimer`` started from Python during the test and still active then, and a
  ``QTimer.singleShot`` still to fire after the same grace whose receiver (the context object,
  or the object of a bound method) is still alive, or that has none;
- **threads**: a Python thread started during the test still alive after a grace of
  ``GRACE_S`` seconds (a worker that is handing its last result back), or a ``QThreadPool``
  (the global one, or one the test started work in) still busy after the same grace.

Not seen: timers started by Qt's C++ code itself. A single shot is recorded by wrapping its
function (the real ``QTimer.singleShot`` still runs it, on the same thread, with the same
receiver: a bound method of a QObject is given its object as the context, as Qt would).

After the check, what was left is cleaned (timers stopped, single shots made to do nothing,
windows closed and deleted, pools drained) so that one failure does not cascade into the next
tests. A test that must leave something (rare) says so with
``@pytest.mark.leaves_behind("threads", reason="...")``.
"""

from __future__ import annotations

import gc
import sys
import threading
import time
import weakref
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

KINDS = ("widgets", "timers", "threads")
GRACE_S = 2.0
MARKER = "leaves_behind"
MARKER_HELP = (
    f"{MARKER}(*kinds, reason): the test may leave these behind ({', '.join(KINDS)}); the"
    " reason says why (tests/harness/leaks.py)"
)
_REPOSITORY = Path(__file__).resolve().parents[2]
_HERE = Path(__file__).resolve()
# pytest's report of each phase, kept on the test item: the leak check is skipped when the test
# itself failed (its traceback holds its widgets, and its failure is the news).
PHASE_REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()


_LIBRARIES = (Path(sys.prefix), Path(sys.base_prefix))


def call_site() -> str:
    """Where in our code (not this module, not an installed library) the current call comes
    from, and what called that."""
    frame = sys._getframe(2)
    places: list[str] = []
    while frame is not None and len(places) < 2:
        name = frame.f_code.co_filename
        path = Path(name)
        ours = path.is_relative_to(_REPOSITORY) or not any(map(path.is_relative_to, _LIBRARIES))
        if path != _HERE and not name.startswith("<") and ours:
            shown = path.relative_to(_REPOSITORY) if path.is_relative_to(_REPOSITORY) else path
            places.append(f"{shown}:{frame.f_lineno}")
        frame = frame.f_back  # type: ignore[assignment]
    return " called from ".join(places) or "(unknown)"


@dataclass
class SingleShot:
    """One ``QTimer.singleShot`` started during a test."""

    site: str
    msec: int
    due: float  # time.monotonic() when it should fire
    context: Any = None  # the receiver QObject, if any
    fired: bool = False
    cancelled: bool = False

    def waiting(self) -> bool:
        """Still to fire, into something still alive."""
        if self.fired or self.cancelled:
            return False
        return self.context is None or _alive(self.context)


def _receiver_of(head: tuple[Any, ...], function: Any) -> Any:
    """The QObject a single shot is tied to: the context given, else a bound method's object."""
    from PySide6.QtCore import QObject

    for arg in reversed(head):
        if isinstance(arg, QObject):
            return arg
    owner = getattr(function, "__self__", None)
    return owner if isinstance(owner, QObject) else None


@dataclass
class Recorder:
    """The timers and thread pools started while one test runs, with where they were started."""

    timers: weakref.WeakKeyDictionary[Any, str] = field(default_factory=weakref.WeakKeyDictionary)
    single_shots: list[SingleShot] = field(default_factory=list)
    pools: weakref.WeakKeyDictionary[Any, list[str]] = field(
        default_factory=weakref.WeakKeyDictionary
    )
    _restore: list[Callable[[], None]] = field(default_factory=list)

    def install(self) -> None:
        from PySide6.QtCore import QThreadPool, QTimer

        timer_start = QTimer.start
        pool_start = QThreadPool.start

        def start_timer(timer: QTimer, *args: Any) -> None:
            self.timers[timer] = call_site()
            timer_start(timer, *args)

        def start_in_pool(pool: QThreadPool, *args: Any) -> None:
            self.pools.setdefault(pool, []).append(call_site())
            pool_start(pool, *args)

        single_shot = QTimer.singleShot

        def single_shot_recorded(msec: int, *args: Any) -> None:
            *head, function = args
            if isinstance(function, str) or not callable(function):
                single_shot(msec, *args)  # a receiver and a slot's signature: Qt's own business
                return
            context = _receiver_of(tuple(head), function)
            entry = SingleShot(call_site(), msec, time.monotonic() + msec / 1000, context)
            self.single_shots.append(entry)

            def fire() -> None:
                entry.fired = True
                if not entry.cancelled:
                    function()

            if context is not None and not any(arg is context for arg in head):
                head.append(context)  # a bound method's object: Qt ties the shot to it
            single_shot(msec, *head, fire)  # type: ignore[call-overload]

        QTimer.start = start_timer  # type: ignore[method-assign]
        QTimer.singleShot = staticmethod(single_shot_recorded)  # type: ignore[method-assign]
        self._restore.append(lambda: setattr(QTimer, "singleShot", single_shot))
        QThreadPool.start = start_in_pool  # type: ignore[method-assign,assignment]
        self._restore.append(lambda: setattr(QTimer, "start", timer_start))
        self._restore.append(lambda: setattr(QThreadPool, "start", pool_start))

    def uninstall(self) -> None:
        while self._restore:
            self._restore.pop()()


def _flush_qt() -> None:
    """Deliver pending events and do the deferred deletions (``deleteLater``), then collect."""
    from PySide6.QtCore import QCoreApplication, QEvent

    for _ in range(2):
        QCoreApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()


def _describe(widget: Any) -> str:
    try:
        shown = "shown" if widget.isVisible() else "hidden"
        title = widget.windowTitle() or widget.objectName()
        return f"{type(widget).__module__}.{type(widget).__qualname__} {title!r} ({shown})"
    except RuntimeError:  # deleted meanwhile
        return f"{type(widget).__qualname__} (deleted)"


def _alive(qt_object: Any) -> bool:
    from shiboken6 import isValid

    return bool(isValid(qt_object))


@dataclass
class Leftovers:
    widgets: list[str] = field(default_factory=list)
    timers: list[str] = field(default_factory=list)
    threads: list[str] = field(default_factory=list)

    def report(self, allowed: set[str]) -> str:
        lines: list[str] = []
        for kind in KINDS:
            found: list[str] = getattr(self, kind)
            if found and kind not in allowed:
                lines.append(f"{kind} left behind by the test:")
                lines.extend(f"  - {entry}" for entry in found)
        return "\n".join(lines)


class LeakCheck:
    """The state before one test, then what is left after it."""

    def __init__(self) -> None:
        from PySide6.QtWidgets import QApplication

        self.threads_before = set(threading.enumerate())
        self.widgets_before: weakref.WeakSet[Any] = weakref.WeakSet()
        if QApplication.instance() is not None:
            self.widgets_before.update(QApplication.topLevelWidgets())
        self.recorder = Recorder()
        self.recorder.install()

    def finish(self) -> Leftovers:
        """Collect what is left (waiting ``GRACE_S`` for finishing workers), then clean it up."""
        from PySide6.QtCore import QThreadPool
        from PySide6.QtWidgets import QApplication

        self.recorder.uninstall()
        left = Leftovers()
        left.threads.extend(self._threads_alive())
        if QApplication.instance() is None:
            return left
        pools = dict(self.recorder.pools.items())
        pools.setdefault(QThreadPool.globalInstance(), [])
        deadline = time.monotonic() + GRACE_S
        for pool, sites in pools.items():
            if not _alive(pool):
                continue
            wait_ms = max(0, int((deadline - time.monotonic()) * 1000))
            if not pool.waitForDone(wait_ms):
                started = "; ".join(dict.fromkeys(sites)) or "outside this test's Python calls"
                left.threads.append(
                    f"{pool.activeThreadCount()} busy thread(s) in {type(pool).__name__}"
                    f" {pool.objectName()!r}, work started at {started}"
                )
                pool.clear()
                pool.waitForDone(int(GRACE_S * 1000))
        _flush_qt()
        for timer, site in list(self.recorder.timers.items()):
            if _alive(timer) and timer.isActive():
                parent = timer.parent()
                owner = f" in {type(parent).__qualname__}" if parent is not None else ""
                left.timers.append(
                    f"QTimer{owner} {timer.objectName()!r} every {timer.interval()} ms"
                    f"{' (single shot)' if timer.isSingleShot() else ''}, started at {site}"
                )
                timer.stop()
        left.timers.extend(self._single_shots_waiting())
        stray = [
            widget
            for widget in QApplication.topLevelWidgets()
            if widget not in self.widgets_before and _alive(widget)
        ]
        left.widgets.extend(_describe(widget) for widget in stray)
        for widget in stray:
            widget.setProperty("allow_close", True)
            widget.close()
            widget.deleteLater()
        if stray:
            _flush_qt()
        return left

    def _single_shots_waiting(self) -> list[str]:
        """The single shots still to fire into a live receiver once those due within the grace
        have fired; all of them then made to do nothing when they fire."""
        from PySide6.QtCore import QCoreApplication

        deadline = time.monotonic() + GRACE_S
        shots = self.recorder.single_shots
        while time.monotonic() < deadline and any(
            shot.waiting() and shot.due < deadline for shot in shots
        ):
            QCoreApplication.processEvents()
            time.sleep(0.01)
        found: list[str] = []
        for shot in shots:
            if shot.waiting():
                receiver = f" into {type(shot.context).__qualname__}" if shot.context else ""
                found.append(f"QTimer.singleShot({shot.msec} ms){receiver}, started at {shot.site}")
            shot.cancelled = True
        return found

    def _threads_alive(self) -> list[str]:
        deadline = time.monotonic() + GRACE_S
        found: list[str] = []
        for thread in threading.enumerate():
            # A foreign thread (Qt's pool) that ran Python shows as a _DummyThread: the pools
            # are checked instead.
            if thread in self.threads_before or isinstance(thread, threading._DummyThread):
                continue
            thread.join(max(0.0, deadline - time.monotonic()))
            if thread.is_alive():
                kind = "daemon thread" if thread.daemon else "thread"
                found.append(f"{kind} {thread.name!r} ({type(thread).__qualname__})")
        return found


def allowed_kinds(item: pytest.Item) -> set[str]:
    """The kinds a ``leaves_behind`` mark allows; a mark without a reason is an error."""
    allowed: set[str] = set()
    for mark in item.iter_markers(MARKER):
        reason = str(mark.kwargs.get("reason", "")).strip()
        unknown = set(mark.args) - set(KINDS)
        if not reason or unknown or not mark.args:
            raise pytest.UsageError(
                f"{item.nodeid}: {MARKER} needs kinds among {KINDS} and a reason"
                f" (got {mark.args!r}, reason={reason!r})"
            )
        allowed.update(mark.args)
    return allowed


def failed_before_teardown(item: pytest.Item) -> bool:
    reports = item.stash.get(PHASE_REPORTS, {})
    return any(report.failed for report in reports.values())


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", MARKER_HELP)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    item.stash.setdefault(PHASE_REPORTS, {})[report.when] = report
    return report


@pytest.fixture(autouse=True)
def leak_check(request: pytest.FixtureRequest) -> Iterator[None]:
    """Autouse: fails the test (at teardown) if it left widgets, timers or threads behind."""
    allowed = allowed_kinds(request.node)
    check = LeakCheck()
    yield
    left = check.finish()
    if failed_before_teardown(request.node):
        return
    message = left.report(allowed)
    if message:
        pytest.fail(
            f"{message}\n(close windows, stop timers and join threads in the test or its"
            f" fixtures; or mark the test @pytest.mark.{MARKER}(kind, reason=...))",
            pytrace=False,
        )
