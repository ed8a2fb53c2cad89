"""Publishing: this kiosk's catalogue as a new signed release in the publication folder. No Qt.

The rows are those a bundle carries (content settings only, never this kiosk's own) and pass
the same gate a receiving kiosk runs, so a release this kiosk would refuse is never written.
Media go into the pool first, each once by hash (only new ones are copied, each hash checked),
the release's folder last: a member never sees a release before its files could arrive.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk import __version__
from kiosk.config import ContentRoot, UnsafePathError
from kiosk.library.bundles.checks import check_tables
from kiosk.library.bundles.common import BundleError, Rows, shown
from kiosk.library.bundles.export import bundle_files
from kiosk.library.bundles.rows import dump_rows
from kiosk.library.network.apply import release_floor
from kiosk.library.network.history import keep_release, prune, read_kept
from kiosk.library.network.keys import fingerprint_of, load_trusted_keys, public_key_text
from kiosk.library.network.media_pool import (
    HashMismatchError,
    add_media,
    list_releases,
    write_release,
)
from kiosk.library.network.release import (
    NETWORK_NAME,
    NetworkError,
    ReleaseId,
    build_manifest,
    json_bytes,
    new_release_id,
    signature_text,
    too_far_ahead,
)
from kiosk.library.network.state import NetworkState, load_state, save_state
from kiosk.store.database import Catalogue, current_revision

log = logging.getLogger("kiosk")


class NothingToPublishError(NetworkError):
    """The catalogue has not changed since the release this kiosk shows."""


class NewerReleaseError(NetworkError):
    """The publication folder holds a newer release this kiosk has not applied."""


def publish(
    root: ContentRoot,
    catalogue: Catalogue,
    publication_dir: Path,
    private_key: Ed25519PrivateKey,
    *,
    network: str,
    now: datetime | None = None,
    force: bool = False,
) -> ReleaseId:
    """Publish the current catalogue; returns the new release's id.

    Raises :class:`NetworkError` (one French line, nothing published) when a row fails the gate,
    a media file is missing or damaged, or the key is not one this kiosk trusts (the members
    would refuse it: they trust what this kiosk's join code gave them). Unless ``force``, also
    :class:`NothingToPublishError` when the catalogue is the release this kiosk shows already,
    and :class:`NewerReleaseError` when the folder holds a newer release (another publisher's)
    that this kiosk has not applied: publishing over it would undo its changes."""
    if not isinstance(network, str) or not NETWORK_NAME.match(network):
        raise NetworkError(f"nom de réseau « {shown(network, 80)} » invalide.")
    fingerprint = fingerprint_of(private_key)
    if public_key_text(private_key) not in {key.text for key in load_trusted_keys(root)}:
        raise NetworkError(
            f"la clé {fingerprint} n'est pas parmi les clés de confiance de cette borne ; "
            "rien n'a été publié."
        )
    with catalogue.session() as session:
        rows = dump_rows(session)
    schema = current_revision(catalogue.engine)
    if schema is None:
        raise NetworkError(f"{catalogue.db_path} : catalogue sans schéma ; rien n'a été publié.")
    try:
        files = bundle_files(root, rows)
        listed = {path: (size, sha) for path, size, sha in files}
        check_tables("catalogue de cette borne", {"tables": rows}, listed, "rien n'a été publié")
    except BundleError as error:
        raise NetworkError(str(error)) from None
    added = 0
    for relative, size, sha in files:
        try:
            added += add_media(publication_dir, root.absolute(relative), sha, size)
        except (HashMismatchError, UnsafePathError) as error:
            raise NetworkError(f"{error} Rien n'a été publié (lancez « kiosk check »).") from None
        except OSError as error:
            raise NetworkError(
                f"{publication_dir} : écriture impossible ({shown(error, 200)}) ; rien n'a été "
                "publié."
            ) from None
    state = load_state(root)
    if not force:
        _check_worth_publishing(root, publication_dir, state, rows)
    # A release in the folder dated too far ahead is ignored by the members: not by this one
    # either (it would push every new id past it, or past year 9999).
    known = [r for r in list_releases(publication_dir) if not too_far_ahead(r)] + state.history
    release = new_release_id(known, now)
    manifest = build_manifest(
        release=release,
        network=network,
        publisher=fingerprint,
        schema=schema,
        kiosk_version=__version__,
        files=files,
        tables=rows,
        created_at=now,
    )
    signature = signature_text(private_key.sign(manifest))
    write_release(publication_dir, release, manifest, signature)
    # This kiosk shows that release already: it is its applied one (and kept for rollback).
    keep_release(root, release, manifest, signature, listed)
    state.applied = release
    state.applied_at = datetime.now().astimezone().isoformat(timespec="seconds")
    state.history = prune(root, [*state.history, release])
    state.waiting = state.waiting_reason = None
    save_state(root, state)
    log.info("network: published %s (%d new media of %d)", release, added, len(files))
    return release


def _check_worth_publishing(
    root: ContentRoot, publication: Path, state: NetworkState, rows: Rows
) -> None:
    releases = list_releases(publication)
    # Releases after the one rolled back from count; those up to it were set aside by staff.
    floor = release_floor(state)
    newer = [r for r in releases if r > floor and r not in state.refused and not too_far_ahead(r)]
    if newer:
        raise NewerReleaseError(
            f"la publication {newer[-1]} (d'une autre borne ?) n'est pas encore appliquée ici ; "
            "appliquez-la d'abord (sinon ses changements seraient perdus) ; rien n'a été publié."
        )
    # Nothing to publish only when the release shown here is also the members' newest one
    # (after a rollback, publishing the older content again is the point).
    if state.applied is None or not releases or releases[-1] != state.applied:
        return
    try:
        _data, manifest, _listed = read_kept(root, state.applied)
    except (NetworkError, BundleError):
        return
    if manifest.get("tables") == json.loads(json_bytes(rows)):
        raise NothingToPublishError(
            f"le catalogue n'a pas changé depuis la publication {state.applied} ; rien n'a été "
            "publié."
        )


__all__ = ["NewerReleaseError", "NothingToPublishError", "publish"]
