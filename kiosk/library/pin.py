"""The staff PIN: stored salted and hashed (scrypt), never in clear; no default PIN exists.

Without a PIN the staff area does not open from the touchscreen at all: staff choose the first
one from a terminal (``kiosk pin set``, ``kiosk install``, ``scripts/run.sh``), never at the
touchscreen, where any visitor could make it theirs.

The lockout after wrong tries is :class:`PinGuard`: 5 wrong tries lock the pad for a delay that
doubles at each further wrong try (30 s, 60 s, 120 s … up to an hour). With a catalogue it is
kept in the ``staff_pin_lockout`` row (a machine row: never exported), so a restart (or a
``kill -9``) gives no fresh tries.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import math
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.exc import SQLAlchemyError

from kiosk.store.database import Catalogue
from kiosk.store.models import Setting

log = logging.getLogger(__name__)

PIN_KEY = "staff_pin"
LOCKOUT_KEY = "staff_pin_lockout"
NO_PIN_WARNING = "no staff PIN set: use `kiosk pin set` (the staff area stays closed until then)"
MIN_LENGTH = 4
MAX_LENGTH = 12
SCRYPT = {"n": 2**14, "r": 8, "p": 1}


class PinError(ValueError):
    """A PIN that cannot be set (the message says why)."""


def _derive(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, dklen=32)


def validate_pin(pin: str) -> None:
    if not pin.isdigit():
        raise PinError("le code ne doit contenir que des chiffres.")
    if not MIN_LENGTH <= len(pin) <= MAX_LENGTH:
        raise PinError(f"le code doit avoir de {MIN_LENGTH} à {MAX_LENGTH} chiffres.")
    if len(set(pin)) == 1:
        raise PinError("le code ne peut pas répéter un seul chiffre.")


def set_pin(catalogue: Catalogue, pin: str) -> None:
    validate_pin(pin)
    salt = secrets.token_bytes(16)
    record = {
        "algorithm": "scrypt",
        **SCRYPT,
        "salt": salt.hex(),
        "hash": _derive(pin, salt, **SCRYPT).hex(),
    }
    with catalogue.session() as session:
        row = session.get(Setting, PIN_KEY)
        if row is None:
            session.add(Setting(key=PIN_KEY, value=json.dumps(record)))
        else:
            row.value = json.dumps(record)
        # A new PIN, chosen by someone who could (a terminal, or staff already in): fresh tries.
        lockout = session.get(Setting, LOCKOUT_KEY)
        if lockout is not None:
            session.delete(lockout)


def has_pin(catalogue: Catalogue) -> bool:
    with catalogue.session() as session:
        return session.get(Setting, PIN_KEY) is not None


def check_pin(catalogue: Catalogue, pin: str) -> bool:
    with catalogue.session() as session:
        row = session.get(Setting, PIN_KEY)
        stored = row.value if row else None
    if stored is None:
        return False
    try:
        record = json.loads(stored)
        expected = bytes.fromhex(record["hash"])
        actual = _derive(pin, bytes.fromhex(record["salt"]), record["n"], record["r"], record["p"])
    except (ValueError, KeyError, TypeError):
        return False
    return hmac.compare_digest(expected, actual)


@dataclass
class PinGuard:
    """Counts wrong tries and says how long the pad stays locked.

    With a ``catalogue``, the count and the end of the lock (a wall-clock time, so that it means
    something after a restart) live in the ``staff_pin_lockout`` row, read at each question and
    written at each try: two guards on the same catalogue (two processes, a restart) share them.
    A clock moved back cannot lock the pad for longer than the current delay: a lock that ends
    further away than that is brought back to now plus the delay. Without a catalogue (tests),
    the guard keeps its count in memory.
    """

    catalogue: Catalogue | None = None
    clock: Callable[[], float] = time.time
    free_tries: int = 5
    first_delay_s: float = 30.0
    max_delay_s: float = 3600.0
    wrong_tries: int = 0
    locked_until: float = field(default=0.0)

    def __post_init__(self) -> None:
        self._load()

    def delay_s(self, wrong_tries: int | None = None) -> float:
        """How long ``wrong_tries`` wrong tries lock the pad (0 under ``free_tries``)."""
        tries = self.wrong_tries if wrong_tries is None else wrong_tries
        if tries < self.free_tries:
            return 0.0
        return min(self.max_delay_s, self.first_delay_s * 2.0 ** min(tries - self.free_tries, 64))

    def seconds_locked(self) -> float:
        self._load()
        now = self.clock()
        left = self.locked_until - now
        delay = self.delay_s()
        if left > delay:  # the clock went back: no longer than the delay from now
            self.locked_until = now + delay
            self._store()
            left = delay
        return max(0.0, left)

    def record(self, success: bool) -> None:
        self._load()
        if success:
            self.wrong_tries = 0
            self.locked_until = 0.0
        else:
            self.wrong_tries += 1
            delay = self.delay_s()
            if delay:
                self.locked_until = self.clock() + delay
        self._store()

    def _load(self) -> None:
        if self.catalogue is None:
            return
        try:
            with self.catalogue.session() as session:
                row = session.get(Setting, LOCKOUT_KEY)
                stored = row.value if row is not None else None
        except SQLAlchemyError:
            log.exception("the PIN lockout could not be read: the last one known is kept")
            return
        if stored is None:
            self.wrong_tries, self.locked_until = 0, 0.0
            return
        try:
            record = json.loads(stored)
            tries, until = record["wrong_tries"], record["locked_until"]
            if not (
                type(tries) is int
                and tries >= 0
                and type(until) in (int, float)
                and math.isfinite(until)
            ):
                raise ValueError(stored)
        except (ValueError, KeyError, TypeError):
            log.warning("the PIN lockout row is unreadable (%r): kept as it was known", stored)
            return
        self.wrong_tries, self.locked_until = tries, float(until)

    def _store(self) -> None:
        if self.catalogue is None:
            return
        text = json.dumps({"wrong_tries": self.wrong_tries, "locked_until": self.locked_until})
        try:
            with self.catalogue.session() as session:
                row = session.get(Setting, LOCKOUT_KEY)
                if self.wrong_tries == 0:
                    if row is not None:
                        session.delete(row)
                elif row is None:
                    session.add(Setting(key=LOCKOUT_KEY, value=text))
                else:
                    row.value = text
        except SQLAlchemyError:
            log.exception("the PIN lockout could not be written: kept in memory")
