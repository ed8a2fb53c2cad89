"""Background work (issue 15 item 3): pools owned by the application, results handed to the GUI
thread by an object that lives as long as the application, and dropped when their receiver is
gone or the application has drained its pools (offscreen, real threads)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThread
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.playback.background import Background, background


def _flush_deleted() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_the_background_is_one_object_of_the_application(qapp: QApplication) -> None:
    work = background()
    assert work is background()
    assert work.parent() is qapp
    assert work.pool("test-one", threads=1) is work.pool("test-one")


def test_a_result_is_delivered_on_the_gui_thread(qapp: QApplication, qtbot: QtBot) -> None:
    work = background()
    owner = QObject()
    seen: list[tuple[int, bool]] = []
    gui = QThread.currentThread()

    def worker() -> int:
        assert QThread.currentThread() is not gui
        return 42

    work.submit(
        "test-deliver",
        worker,
        lambda value: seen.append((value, QThread.currentThread() is gui)),
        owner=owner,
    )
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == [(42, True)]


def test_a_result_arriving_after_its_screen_is_gone_is_dropped(
    qapp: QApplication, qtbot: QtBot
) -> None:
    work = background()
    screen = QWidget()
    release = threading.Event()
    called: list[object] = []
    dropped = work.dropped

    def slow() -> str:
        release.wait(5)
        return "decoded"

    work.submit("test-gone", slow, called.append, owner=screen)
    screen.deleteLater()
    _flush_deleted()  # the screen is destroyed while its work still runs
    release.set()
    assert work.pool("test-gone").waitForDone(5000)
    qtbot.waitUntil(lambda: work.dropped == dropped + 1, timeout=5000)
    assert called == []  # never handed to the dead screen, and no error


def test_work_started_before_a_drain_is_not_delivered(qapp: QApplication, qtbot: QtBot) -> None:
    """At quit the pools are drained: what was running finishes, but its result is dropped,
    and queued work never runs; nor does work submitted then, until the kiosk starts again
    (reopen: tests quit and restart the kiosk in one process)."""
    work = Background(QCoreApplication.instance())  # type: ignore[arg-type]
    work.setObjectName("test-background")  # not the application's own
    try:
        owner = QObject()
        release = threading.Event()
        ran: list[str] = []
        called: list[str] = []
        work.pool("drained", threads=1)

        def first() -> str:
            release.wait(5)
            ran.append("first")
            return "first"

        work.submit("drained", first, called.append, owner=owner)

        def queued() -> str:
            ran.append("queued")
            return "queued"

        work.submit("drained", queued, called.append, owner=owner)
        threading.Timer(0.2, release.set).start()
        work.drain()
        qapp.processEvents()
        assert ran == ["first"] and called == []
        work.submit("drained", lambda: "refused", called.append, owner=owner)  # quitting
        assert work.wait_for_idle(5000)
        qapp.processEvents()
        assert called == []
        work.reopen()  # the kiosk starts again in this process
        work.submit("drained", lambda: "after", called.append, owner=owner)
        qtbot.waitUntil(lambda: called == ["after"], timeout=5000)
    finally:
        work.drain()
        work.setParent(None)
        work.deleteLater()
        _flush_deleted()


def test_a_job_still_running_when_the_background_is_destroyed_does_not_emit(
    qapp: QApplication,
) -> None:
    """The shutdown error of the screenshots ("Signal source has been deleted" from
    image_cache's hand_over): a job outlives the drain's wait and finishes while the
    application destroys its Background; it must hand nothing over from the deleted object."""
    import shiboken6

    work = Background(QCoreApplication.instance())  # type: ignore[arg-type]
    work.setObjectName("test-destroyed")
    owner = QObject()
    release = threading.Event()
    errors: list[BaseException] = []
    finished = threading.Event()

    def hand_over_late() -> None:  # as _DecodeJob.run: hand_over called by the worker itself
        release.wait(5)
        try:
            work.hand_over(owner, lambda _value: None, "late")
        except BaseException as error:
            errors.append(error)
        finished.set()

    thread = threading.Thread(target=hand_over_late)
    thread.start()
    work.drain()  # at quit
    work.setParent(None)
    shiboken6.delete(work)  # the application destroys it
    assert not shiboken6.isValid(work)
    release.set()
    thread.join(5)
    assert finished.is_set()
    assert errors == []


def test_a_result_after_the_background_went_without_a_drain_is_dropped(
    qapp: QApplication,
) -> None:
    """A script or a test that ends without the event loop's quit (no aboutToQuit, no drain):
    a worker finishing after the Background is destroyed hands nothing over and raises
    nothing (it printed « Signal source has been deleted » from QRunnable::run)."""
    import shiboken6

    work = Background(QCoreApplication.instance())  # type: ignore[arg-type]
    work.setObjectName("test-no-drain")
    work.setParent(None)
    shiboken6.delete(work)  # never drained
    work.hand_over(QObject(), lambda _value: None, "late")  # no RuntimeError
