"""The PIN lockout is kept in the catalogue (``staff_pin_lockout``): a restart (a ``kill -9``, a
new process) gives no fresh tries, and a clock moved back neither locks forever nor unlocks.

Each "process" is a separate :class:`Catalogue` on the same SQLite file and a separate
:class:`PinGuard`, as two runs of the kiosk would have them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.library import pin
from kiosk.library.pin import LOCKOUT_KEY, PinGuard
from kiosk.library.settings import MACHINE_ROWS
from kiosk.store.database import Catalogue
from kiosk.store.models import Setting


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def stored_lockout(db_path: Path) -> dict[str, float] | None:
    catalogue = Catalogue(db_path)
    try:
        with catalogue.session() as session:
            row = session.get(Setting, LOCKOUT_KEY)
            return None if row is None else dict(json.loads(row.value))
    finally:
        catalogue.close()


def wrong_tries(guard: PinGuard, count: int) -> None:
    for _ in range(count):
        guard.record(False)


def test_the_lockout_row_is_a_machine_row() -> None:
    assert LOCKOUT_KEY in MACHINE_ROWS


def test_a_restart_keeps_the_lock_and_the_count(tmp_path: Path) -> None:
    db_path = tmp_path / "data.db"
    clock = Clock(1_700_000_000.0)
    first = Catalogue(db_path)
    pin.set_pin(first, "4821")
    guard = PinGuard(first, clock=clock)
    wrong_tries(guard, 5)
    assert guard.seconds_locked() == 30
    first.close()  # the process is gone (nothing else is written at the end)
    assert stored_lockout(db_path) == {"wrong_tries": 5, "locked_until": clock.now + 30}

    clock.now += 10
    second = Catalogue(db_path)
    try:
        again = PinGuard(second, clock=clock)
        assert again.seconds_locked() == 20  # still locked after the restart
        assert again.wrong_tries == 5
        clock.now += 21
        assert again.seconds_locked() == 0
        again.record(False)  # the count goes on: the sixth wrong try locks for 60 s
        assert again.wrong_tries == 6 and again.seconds_locked() == 60
    finally:
        second.close()


def test_two_guards_on_one_catalogue_share_the_count(tmp_path: Path) -> None:
    db_path = tmp_path / "data.db"
    clock = Clock(1_700_000_000.0)
    one, other = Catalogue(db_path), Catalogue(db_path)
    try:
        a, b = PinGuard(one, clock=clock), PinGuard(other, clock=clock)
        wrong_tries(a, 3)
        wrong_tries(b, 2)  # 3 + 2: the fifth wrong try locks, whichever guard counted it
        assert a.seconds_locked() == 30 and b.seconds_locked() == 30
    finally:
        one.close()
        other.close()


def test_the_right_pin_and_a_new_pin_clear_the_lockout(tmp_path: Path) -> None:
    db_path = tmp_path / "data.db"
    clock = Clock(1_700_000_000.0)
    catalogue = Catalogue(db_path)
    try:
        guard = PinGuard(catalogue, clock=clock)
        wrong_tries(guard, 2)
        guard.record(True)
        assert stored_lockout(db_path) is None and guard.wrong_tries == 0
        wrong_tries(guard, 6)
        assert guard.seconds_locked() == 60
        pin.set_pin(catalogue, "4821")  # chosen from a terminal: fresh tries
        assert stored_lockout(db_path) is None
        assert PinGuard(catalogue, clock=clock).seconds_locked() == 0
    finally:
        catalogue.close()


@pytest.mark.parametrize("back_by", [3600.0, 86_400.0 * 365 * 20])
def test_a_clock_moved_back_locks_no_longer_than_the_delay(tmp_path: Path, back_by: float) -> None:
    db_path = tmp_path / "data.db"
    clock = Clock(1_700_000_000.0)
    catalogue = Catalogue(db_path)
    try:
        wrong_tries(PinGuard(catalogue, clock=clock), 6)  # locked for 60 s
        clock.now -= back_by  # the clock goes back (a dead RTC battery, a wrong NTP)
        restarted = PinGuard(catalogue, clock=clock)
        assert restarted.seconds_locked() == 60  # not an hour, not twenty years
        clock.now += 30
        assert PinGuard(catalogue, clock=clock).seconds_locked() == 30
        clock.now += 31
        assert PinGuard(catalogue, clock=clock).seconds_locked() == 0
        restarted.record(False)  # and it did not unlock for good: the count went on
        assert restarted.wrong_tries == 7 and restarted.seconds_locked() == 120
    finally:
        catalogue.close()


def test_a_clock_moved_forward_keeps_the_count(tmp_path: Path) -> None:
    db_path = tmp_path / "data.db"
    clock = Clock(1_700_000_000.0)
    catalogue = Catalogue(db_path)
    try:
        guard = PinGuard(catalogue, clock=clock)
        wrong_tries(guard, 5)
        clock.now += 86_400
        assert guard.seconds_locked() == 0
        guard.record(False)
        assert guard.seconds_locked() == 60
    finally:
        catalogue.close()


@pytest.mark.parametrize(
    "text", ["{", '{"wrong_tries": -1, "locked_until": 0}', '{"wrong_tries": 5}', "[1, 2]"]
)
def test_an_unreadable_lockout_row_is_no_crash(tmp_path: Path, text: str) -> None:
    catalogue = Catalogue(tmp_path / "data.db")
    try:
        with catalogue.session() as session:
            if text == "{":  # not even JSON: written past the ORM's checks
                session.connection().exec_driver_sql(
                    "INSERT INTO settings (key, value) VALUES (?, ?)", (LOCKOUT_KEY, text)
                )
            else:
                session.add(Setting(key=LOCKOUT_KEY, value=text))
        guard = PinGuard(catalogue, clock=Clock(1000.0))
        assert guard.seconds_locked() == 0
        wrong_tries(guard, 5)
        assert guard.seconds_locked() == 30
    finally:
        catalogue.close()
