"""A release: the signed manifest of the network's whole catalogue. No Qt.

``manifest.json`` is JSON (UTF-8, sorted keys)::

    format          "borne-du-mazier-release"
    format_version  1
    network         the network's name
    release         its id, ``YYYYMMDDTHHMMSSZ-NNNN`` (UTC; later ids sort after earlier ones)
    created_at      ISO 8601, UTC
    publisher       the fingerprint of the key that signed it (:mod:`.keys`)
    schema          the catalogue's Alembic revision, kiosk_version the publisher's version
    files           [{path, size, sha256}]: every media file the rows name, as in a bundle
    tables          the catalogue rows in the bundle format (:mod:`kiosk.library.bundles.rows`)

``manifest.sig`` is the Ed25519 signature of the exact bytes of ``manifest.json``, in base64.
The rows are checked by the same gate as a bundle's (:func:`kiosk.library.bundles.checks.
check_tables`); the media are found in the publication folder by their hash
(:mod:`.media_pool`).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from kiosk.library.bundles.archive import known_schema, parse_manifest_json
from kiosk.library.bundles.common import Rows, shown
from kiosk.library.network.keys import TrustedKey

FORMAT = "borne-du-mazier-release"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.sig"
MAX_SIGNATURE_BYTES = 1024
RELEASE_ID = re.compile(r"\A[0-9]{8}T[0-9]{6}Z-[0-9]{4}\Z")
NETWORK_NAME = re.compile(r"\A[A-Za-z0-9][A-Za-z0-9 ._'-]{0,79}\Z")
# A release dated more than this ahead of this kiosk's clock is ignored (never applied, never
# a floor): a forged far-future id cannot freeze a member, and a member whose clock is behind
# accepts the releases again as soon as its clock is right (docs/reseau.md).
FUTURE_MARGIN = timedelta(days=1)
STAMP_FORMAT = "%Y%m%dT%H%M%SZ"
# A network manifest is read only up to this size (the demo's is 33 KB; a catalogue of a few
# thousand rows stays far under it): a larger one is refused from its size, unread.
MAX_RELEASE_MANIFEST_BYTES = 16 * 1024 * 1024
# The key a manifest names, found in its raw bytes (for the refusal of a bad signature only:
# nothing else of an unverified manifest is looked at).
PUBLISHER_FIELD = re.compile(rb'"publisher": "([A-Z2-7]{4}(?:-[A-Z2-7]{4}){3})"')

ReleaseId = str


class NetworkError(Exception):
    """Something a person must act on (no key, no publication folder…); one French line."""


class ReleaseRefusedError(NetworkError):
    """A release this kiosk will not apply: bad, unsigned, from an unknown key, refused by the
    gate. ``reason`` is the French line for the log and the status."""

    def __init__(self, release: str, reason: str) -> None:
        super().__init__(f"publication {release} : {reason}")
        self.release = release
        self.reason = reason


@dataclass(frozen=True)
class Release:
    """A manifest that parsed, with the key that signed it."""

    id: ReleaseId
    network: str
    created_at: str
    publisher: str
    schema: str
    manifest: dict[str, Any]  # the parsed JSON (files, tables…)
    manifest_bytes: bytes
    signature: bytes

    @property
    def tables(self) -> Rows:
        tables: Rows = self.manifest["tables"]
        return tables


def is_release_id(text: object) -> bool:
    return isinstance(text, str) and RELEASE_ID.match(text) is not None


def release_time(release: str) -> datetime | None:
    """The moment a release id names (UTC), None when it names none."""
    if not is_release_id(release):
        return None
    try:
        return datetime.strptime(release[:16], STAMP_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None


def too_far_ahead(release: str, now: datetime | None = None) -> bool:
    """Whether ``release`` is dated more than :data:`FUTURE_MARGIN` after ``now`` (this
    kiosk's clock): such a release is ignored, and never counts as the latest one."""
    moment = release_time(release)
    if moment is None:
        return False
    return moment - FUTURE_MARGIN > (now or datetime.now(UTC)).astimezone(UTC)


def future_reason(release: str) -> str:
    return (
        f"datée de plus d'un jour après l'horloge de cette borne ({release[:8]}) ; "
        "ignorée (vérifiez l'heure de cette borne et celle de la borne qui publie)"
    )


def new_release_id(existing: Iterable[str], now: datetime | None = None) -> ReleaseId:
    """An id after every one in ``existing``: the time (UTC, to the second) and a counter, so
    two releases in the same second, or after the clock went back, still sort in order.

    Raises :class:`NetworkError` when no id can follow (year 9999)."""
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    candidate = moment.strftime(STAMP_FORMAT) + "-0001"
    latest = max((item for item in existing if is_release_id(item)), default=None)
    if latest is not None and candidate <= latest:
        stamp, _dash, counter = latest.rpartition("-")
        if int(counter) < 9999:
            return f"{stamp}-{int(counter) + 1:04d}"
        # 9999 releases in one second: take the next second.
        try:
            after = datetime.strptime(stamp, STAMP_FORMAT).replace(tzinfo=UTC)
            return new_release_id([], after + timedelta(seconds=1))
        except (OverflowError, ValueError):
            raise NetworkError(
                f"aucun identifiant de publication possible après {latest} ; rien n'a été publié."
            ) from None
    if not is_release_id(candidate):  # a year past 9999 cannot be written on 4 digits
        raise NetworkError("horloge de cette borne hors limites ; rien n'a été publié.")
    return candidate


def build_manifest(
    *,
    release: ReleaseId,
    network: str,
    publisher: str,
    schema: str,
    kiosk_version: str,
    files: list[tuple[str, int, str]],
    tables: Rows,
    created_at: datetime | None = None,
) -> bytes:
    """The manifest's exact bytes (what is signed)."""
    moment = (created_at or datetime.now(UTC)).astimezone(UTC)
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "network": network,
        "release": release,
        "created_at": moment.isoformat(timespec="seconds"),
        "publisher": publisher,
        "schema": schema,
        "kiosk_version": kiosk_version,
        "files": [{"path": p, "size": s, "sha256": h} for p, s, h in files],
        "tables": tables,
    }
    return json_bytes(manifest)


def json_bytes(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")


def signature_text(signature: bytes) -> bytes:
    return base64.b64encode(signature) + b"\n"


def read_release(
    release: ReleaseId,
    manifest_bytes: bytes | None,
    signature_bytes: bytes | None,
    trusted: Iterable[TrustedKey],
    network: str | None = None,
) -> Release:
    """Parse and verify one release; raises :class:`ReleaseRefusedError` with the reason.

    The signature is checked with the trusted keys before anything in the manifest is read
    (the manifest must then name the key that signed it); then its format, its id (the
    folder's name: an old manifest copied under a new name is refused), its network and its
    schema."""

    def refuse(reason: str) -> ReleaseRefusedError:
        return ReleaseRefusedError(release, reason)

    if manifest_bytes is None:
        raise refuse(f"pas de {MANIFEST_NAME} (absent, ou pas un fichier ordinaire)")
    if len(manifest_bytes) > MAX_RELEASE_MANIFEST_BYTES:
        raise refuse(f"manifeste trop grand ({len(manifest_bytes)} octets)")
    if signature_bytes is None:
        raise refuse(f"non signée (pas de {SIGNATURE_NAME}, ou pas un fichier ordinaire)")
    try:
        signature = base64.b64decode(signature_bytes.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise refuse("signature illisible") from None
    if len(signature) != 64:
        raise refuse("signature illisible")
    trusted = list(trusted)
    # The signature first, on the raw bytes: nothing is parsed before a trusted key vouches for
    # them (an unsigned manifest of many megabytes costs one hash, never a JSON parse).
    key = next((key for key in trusted if key.verify(signature, manifest_bytes)), None)
    if key is None:
        named = PUBLISHER_FIELD.search(manifest_bytes)
        publisher = named.group(1).decode("ascii") if named else None
        if publisher is not None and any(known.fingerprint == publisher for known in trusted):
            raise refuse(f"signature fausse pour la clé {publisher} (manifeste modifié ?)")
        if publisher is None:
            raise refuse("signature fausse ou d'une clé inconnue de cette borne")
        raise refuse(f"signée par une clé inconnue de cette borne ({publisher})")
    try:
        manifest = parse_manifest_json(manifest_bytes)
    except (ValueError, UnicodeDecodeError) as error:
        raise refuse(f"manifeste illisible ({shown(error, 120)})") from None
    publisher = manifest.get("publisher") if isinstance(manifest, dict) else None
    if not isinstance(manifest, dict) or publisher != key.fingerprint:
        raise refuse("le manifeste ne nomme pas la clé qui l'a signé")
    if manifest.get("format") != FORMAT:
        raise refuse("ce n'est pas une publication de la Borne du Mazier")
    version = manifest.get("format_version")
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise refuse(f"format {shown(version, 20)} inconnu (publiée par une borne plus récente ?)")
    if manifest.get("release") != release:
        raise refuse(f"le manifeste se dit « {shown(manifest.get('release'), 40)} »")
    name = manifest.get("network")
    if not isinstance(name, str) or (network is not None and name != network):
        raise refuse(f"publiée pour un autre réseau (« {shown(name, 80)} »)")
    schema = manifest.get("schema")
    if not known_schema(schema):
        raise refuse(
            f"schéma « {shown(schema, 40)} » inconnu (publiée par une borne plus récente ?) ; "
            "mettez cette borne à jour"
        )
    created = manifest.get("created_at")
    if not isinstance(manifest.get("tables"), dict):
        raise refuse("tables absentes")
    assert isinstance(schema, str)
    return Release(
        id=release,
        network=name,
        created_at=created if isinstance(created, str) else "",
        publisher=key.fingerprint,
        schema=schema,
        manifest=manifest,
        manifest_bytes=manifest_bytes,
        signature=signature,
    )
