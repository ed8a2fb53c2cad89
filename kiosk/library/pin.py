"""The staff PIN: stored salted and hashed (scrypt), never in clear; no default PIN exists.

The lockout after wrong tries is :class:`PinGuard`: 5 wrong tries lock the pad for a delay that
doubles at each further wrong try (30 s, 60 s, 120 s … up to an hour).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from kiosk.store.database import Catalogue
from kiosk.store.models import Setting

PIN_KEY = "staff_pin"
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
    """Counts wrong tries and says how long the pad stays locked."""

    clock: Callable[[], float] = time.monotonic
    free_tries: int = 5
    first_delay_s: float = 30.0
    max_delay_s: float = 3600.0
    wrong_tries: int = 0
    locked_until: float = field(default=0.0)

    def seconds_locked(self) -> float:
        return max(0.0, self.locked_until - self.clock())

    def record(self, success: bool) -> None:
        if success:
            self.wrong_tries = 0
            self.locked_until = 0.0
            return
        self.wrong_tries += 1
        if self.wrong_tries >= self.free_tries:
            steps = self.wrong_tries - self.free_tries
            delay = min(self.max_delay_s, self.first_delay_s * 2**steps)
            self.locked_until = self.clock() + delay
