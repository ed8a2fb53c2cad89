"""The network's signing keys (Ed25519, the ``cryptography`` package). No Qt.

A publishing kiosk holds a private key (``network/keys/publisher.key``, mode 0600, PEM PKCS#8,
never travels); every kiosk holds the network's trusted public keys
(``network/keys/trusted.json``), set when it joins. A public key travels as text
(``ed25519:`` and its 32 bytes in base64) and is shown to people as a short fingerprint
(``ABCD-EFGH-IJKL-MNOP``: the first 80 bits of its SHA-256 in base32) to compare by eye.
All of it lives under the kiosk's content root, in the machine-scope folder ``network/``
(:data:`kiosk.library.network.state.NETWORK_DIR`): it never leaves this kiosk.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from kiosk.config import ContentRoot
from kiosk.library.network.state import network_dir, write_atomically

KEY_PREFIX = "ed25519:"
PRIVATE_KEY_NAME = "publisher.key"
TRUSTED_NAME = "trusted.json"


class NetworkKeyError(ValueError):
    """A key that cannot be read or used; the message (French) says why."""


@dataclass(frozen=True)
class TrustedKey:
    """One public key this kiosk accepts releases from."""

    public_key: Ed25519PublicKey
    text: str  # ``ed25519:<base64>``
    fingerprint: str  # ``ABCD-EFGH-IJKL-MNOP``

    def verify(self, signature: bytes, data: bytes) -> bool:
        try:
            self.public_key.verify(signature, data)
        except InvalidSignature:
            return False
        return True


def keys_dir(root: ContentRoot) -> Path:
    return network_dir(root) / "keys"


def public_key_text(key: Ed25519PublicKey | Ed25519PrivateKey) -> str:
    """``ed25519:`` and the raw 32-byte public key in base64: what a join code carries."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return KEY_PREFIX + base64.b64encode(raw).decode("ascii")


def parse_public_key(text: str) -> TrustedKey:
    """The key ``text`` names (:func:`public_key_text`'s form); raises :class:`NetworkKeyError`."""
    stripped = text.strip() if isinstance(text, str) else ""
    if not stripped.startswith(KEY_PREFIX):
        raise NetworkKeyError(f"clé publique « {stripped[:60]} » : « {KEY_PREFIX}… » attendu.")
    try:
        raw = base64.b64decode(stripped[len(KEY_PREFIX) :], validate=True)
        public = Ed25519PublicKey.from_public_bytes(raw)
    except (binascii.Error, ValueError):
        raise NetworkKeyError(f"clé publique « {stripped[:60]} » illisible.") from None
    return TrustedKey(public, public_key_text(public), fingerprint_of(public))


def fingerprint_of(key: Ed25519PublicKey | Ed25519PrivateKey | str) -> str:
    """Four groups of four base32 characters (80 bits of the key's SHA-256), to read aloud."""
    if isinstance(key, str):
        key = parse_public_key(key).public_key
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    code = base64.b32encode(hashlib.sha256(raw).digest()).decode("ascii")[:16]
    return "-".join(code[i : i + 4] for i in range(0, 16, 4))


def private_key_path(root: ContentRoot) -> Path:
    return keys_dir(root) / PRIVATE_KEY_NAME


def create_keys(root: ContentRoot) -> str:
    """Make this kiosk a publisher: a new private key (0600), its public key trusted here too.

    Returns the fingerprint. An existing key is kept (its fingerprint returned): a second
    ``kiosk network create`` never throws away the key the other kiosks trust."""
    path = private_key_path(root)
    if path.exists():
        key = load_private_key(root)
    else:
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        write_atomically(path, pem, mode=0o600)
    trust_key(root, public_key_text(key))
    return fingerprint_of(key)


def has_private_key(root: ContentRoot) -> bool:
    return private_key_path(root).is_file()


def own_fingerprint(root: ContentRoot) -> str | None:
    """The fingerprint of this kiosk's publishing key, None when it has none."""
    return fingerprint_of(load_private_key(root)) if has_private_key(root) else None


def load_private_key(root: ContentRoot) -> Ed25519PrivateKey:
    """This kiosk's publishing key; raises :class:`NetworkKeyError` if there is none."""
    path = private_key_path(root)
    try:
        data = path.read_bytes()
    except OSError:
        raise NetworkKeyError(
            f"{path} : pas de clé de publication sur cette borne (kiosk network create)."
        ) from None
    if path.stat().st_mode & 0o077:
        path.chmod(0o600)
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError):
        raise NetworkKeyError(f"{path} : clé de publication illisible.") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise NetworkKeyError(f"{path} : ce n'est pas une clé Ed25519.")
    return key


def load_trusted_keys(root: ContentRoot) -> list[TrustedKey]:
    """The public keys this kiosk accepts releases from (none: it accepts no release).

    An unreadable file or entry is left out (never trusted by accident)."""
    try:
        data = json.loads((keys_dir(root) / TRUSTED_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(data, dict) or not isinstance(data.get("keys"), list):
        return []
    trusted: list[TrustedKey] = []
    for entry in data["keys"]:
        try:
            trusted.append(parse_public_key(entry))
        except NetworkKeyError:
            continue
    return trusted


def trust_key(root: ContentRoot, public_key_text: str, network: str | None = None) -> str:
    """Add a public key (text form) to the trusted keys; returns its fingerprint. ``network``,
    when given, is remembered as the network those keys publish for (:func:`trusted_network`)."""
    key = parse_public_key(public_key_text)
    texts = [trusted.text for trusted in load_trusted_keys(root)]
    known = trusted_network(root)
    if key.text not in texts or (network is not None and network != known):
        if key.text not in texts:
            texts.append(key.text)
        _save_trusted(root, texts, network if network is not None else known)
    return key.fingerprint


def trusted_network(root: ContentRoot) -> str | None:
    """The network name the trusted keys were given for (by a join code), None if unknown."""
    try:
        data = json.loads((keys_dir(root) / TRUSTED_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    name = data.get("network") if isinstance(data, dict) else None
    return name if isinstance(name, str) else None


def forget_key(root: ContentRoot, fingerprint: str) -> bool:
    """Stop trusting the key with ``fingerprint``; True if there was one. With no key left,
    the network name is forgotten too."""
    trusted = load_trusted_keys(root)
    kept = [key.text for key in trusted if key.fingerprint != fingerprint]
    if len(kept) == len(trusted):
        return False
    _save_trusted(root, kept, trusted_network(root) if kept else None)
    return True


def _save_trusted(root: ContentRoot, texts: list[str], network: str | None) -> None:
    data: dict[str, object] = {"keys": texts}
    if network is not None:
        data["network"] = network
    payload = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
    write_atomically(keys_dir(root) / TRUSTED_NAME, payload, mode=0o644)


def sign(key: Ed25519PrivateKey, data: bytes) -> bytes:
    return key.sign(data)
