"""The join code: what a kiosk needs to join a network, as one line of text. No Qt.

``BORNE1-`` and base64 of a small JSON object: the network's name and id, the publisher's
Syncthing device id and addresses, the trusted public key, the invitation and the publisher's
reach. A code comes from a person (a file, a paste): every field is checked against its form
before anything is written (:func:`parse_code`), each refusal one French line.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.library.network import keys
from kiosk.library.network.release import NETWORK_NAME, NetworkError
from kiosk.library.network.syncthing import Reach
from kiosk.library.printable import shown

CODE_PREFIX = "BORNE1-"
MAX_ADDRESSES = 16
NETWORK_ID = re.compile(r"\A[0-9a-f]{1,64}\Z")
DEVICE_ID = re.compile(r"\A[A-Z2-7]{7}(?:-[A-Z2-7]{7}){7}\Z")
INVITATION = re.compile(r"\A[A-Za-z0-9_-]{1,64}\Z")
# tcp://host:port, the host a name, an IPv4 address or an IPv6 one in brackets.
TCP_ADDRESS = re.compile(
    r"\Atcp[46]?://(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]{2,45}\])"
    r":([0-9]{1,5})\Z"
)


@dataclass(frozen=True)
class JoinCode:
    """What a kiosk needs to join: decoded from, and encoded to, one line of text."""

    network: str
    network_id: str
    device: str  # the publisher's Syncthing device id
    addresses: list[str]
    key: str  # the trusted public key, ``ed25519:…``
    invitation: str
    reach: Reach

    def text(self) -> str:
        payload = {
            "n": self.network,
            "i": self.network_id,
            "d": self.device,
            "a": self.addresses,
            "k": self.key,
            "t": self.invitation,
            "r": self.reach.value,
        }
        raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return CODE_PREFIX + base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")

    @property
    def fingerprint(self) -> str:
        return keys.fingerprint_of(self.key)


def parse_code(text: str) -> JoinCode:
    """The join code in ``text`` (or in the file ``text`` names); raises :class:`NetworkError`."""
    text = text.strip()
    if not text.startswith(CODE_PREFIX) and Path(text).is_file():
        text = Path(text).read_text(encoding="utf-8").strip()
    if not text.startswith(CODE_PREFIX):
        raise NetworkError(f"code d'adhésion illisible : « {CODE_PREFIX}… » attendu.")
    body = "".join(text[len(CODE_PREFIX) :].split())
    try:
        data: Any = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    except (binascii.Error, ValueError):
        raise NetworkError("code d'adhésion illisible (incomplet ou mal recopié ?).") from None
    try:
        code = JoinCode(
            network=str(data["n"]),
            network_id=str(data["i"]),
            device=str(data["d"]),
            addresses=[str(address) for address in data["a"]][:MAX_ADDRESSES],
            key=str(data["k"]),
            invitation=str(data["t"]),
            reach=Reach(data["r"]),
        )
        keys.parse_public_key(code.key)
    except (KeyError, TypeError, ValueError) as error:
        raise NetworkError(f"code d'adhésion incomplet ou abîmé ({error}).") from None
    _check_code(code, data["a"])
    return code


def _check_code(code: JoinCode, addresses: object) -> None:
    """Every field of a join code in its expected form, before anything is written (a name
    with a control character would end in Syncthing's configuration)."""
    if not NETWORK_NAME.match(code.network):
        raise NetworkError(f"code d'adhésion abîmé (nom du réseau « {shown(code.network)} »).")
    checks = (
        ("identifiant du réseau", code.network_id, NETWORK_ID),
        ("appareil de la borne qui publie", code.device, DEVICE_ID),
        ("invitation", code.invitation, INVITATION),
    )
    for label, value, pattern in checks:
        if not pattern.match(value):
            raise NetworkError(f"code d'adhésion abîmé ({label} « {shown(value, 70)} »).")
    if not isinstance(addresses, list) or not addresses:
        raise NetworkError("code d'adhésion abîmé (adresses : une liste attendue).")
    bad = [a for a in addresses if not isinstance(a, str) or not _address_ok(a)]
    if bad:
        named = ", ".join(f"« {shown(a, 60)} »" for a in bad[:5])
        raise NetworkError(
            f"code d'adhésion abîmé (adresse(s) {named} : tcp://HÔTE:PORT ou dynamic attendu)."
        )


def _address_ok(address: str) -> bool:
    if address == "dynamic":
        return True
    found = TCP_ADDRESS.match(address)
    return found is not None and 1 <= int(found.group(1)) <= 65535
