"""Applying a release on a receiving kiosk, and rolling back. No Qt.

:func:`apply_waiting` looks at the releases newer than the one applied, newest first. One is
applied only when its signature is good with a trusted key (:func:`.release.read_release`),
every row passes the same gate as a bundle import (:mod:`kiosk.library.bundles.checks`), every
media it names is in the pool (or already on this kiosk) with its hash, and no visitor is in a
visit. Then the same atomic switch as a bundle import (:func:`kiosk.library.bundles.apply.
apply_staged`): the catalogue and the media change together, or nothing does. A release's rows
replace the content rows (the network's catalogue is the publisher's); this kiosk's machine
settings are never touched (they are not in a release, and a release naming one is refused).

A bad release (no or bad signature, unknown key, refused by the gate, a damaged media) is
ignored: a line in the log (once) and its reason in ``network/state.json`` for the status; an
older good release newer than the applied one may then be applied. A release whose media are
still arriving, or that arrives during a visit, waits: the next call tries again.
"""

from __future__ import annotations

import dataclasses
import enum
import fcntl
import logging
import os
import shutil
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from kiosk.config import ContentRoot, UnsafePathError
from kiosk.library.bundles.apply import (
    apply_staged,
    check_free_space,
    files_to_copy,
    wanted_paths,
)
from kiosk.library.bundles.checks import check_file_list, check_final, check_tables
from kiosk.library.bundles.common import BundleError, Plan, Rows, shown
from kiosk.library.bundles.rows import dump_rows, plan_changes
from kiosk.library.french_format import human_size
from kiosk.library.leftovers import STAGING_PREFIX
from kiosk.library.media_store import is_regular_file
from kiosk.library.network.history import keep_release, kept_media, prune, read_kept
from kiosk.library.network.keys import TrustedKey
from kiosk.library.network.media_pool import (
    HashMismatchError,
    NotRegularError,
    copy_verified,
    list_releases,
    media_path,
    media_present,
    read_release_files,
    release_dir,
)
from kiosk.library.network.release import (
    MANIFEST_NAME,
    MAX_RELEASE_MANIFEST_BYTES,
    SIGNATURE_NAME,
    NetworkError,
    Release,
    ReleaseId,
    ReleaseRefusedError,
    future_reason,
    read_release,
    signature_text,
    too_far_ahead,
)
from kiosk.library.network.state import NetworkState, load_state, network_dir, save_state
from kiosk.store.database import Catalogue

log = logging.getLogger("kiosk")
IGNORED = "publication ignorée"
LOCK_NAME = "apply.lock"

VisitorIdle = bool | Callable[[], bool]
Listed = dict[str, tuple[int, str]]


class Outcome(enum.StrEnum):
    APPLIED = "applied"
    WAITING = "waiting"  # reason: media still arriving, a visit, another process at work
    REFUSED = "refused"  # reason: why the newest release was ignored
    NOTHING_NEW = "nothing_new"


@dataclass(frozen=True)
class ApplyResult:
    outcome: Outcome
    release: ReleaseId | None = None
    reason: str | None = None  # French, for the log, the status and the staff area
    refused: dict[ReleaseId, str] = field(default_factory=dict)  # ignored in this pass
    plan: Plan | None = None  # what changed (applied) or would change (waiting)
    files_copied: int = 0
    bytes_copied: int = 0
    trashed: int = 0


class _WaitError(Exception):
    def __init__(self, reason: str, plan: Plan | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.plan = plan


def apply_waiting(
    root: ContentRoot,
    catalogue: Catalogue,
    publication_dir: Path,
    trusted_keys: Iterable[TrustedKey],
    visitor_idle: VisitorIdle,
    *,
    network: str | None = None,
) -> ApplyResult:
    """Apply the newest good release newer than the applied one, if it can be now.

    ``visitor_idle`` (a bool, or a callable asked just before the switch) says whether no
    visitor is in a visit (the attract loop is showing, or the kiosk is closed). ``network``,
    when given, is the only network whose releases are accepted. Never raises for a bad
    release; raises OSError only when this kiosk's own ``network/`` folder cannot be written."""
    trusted = list(trusted_keys)
    lock = _try_lock(root)
    if lock is None:
        return ApplyResult(Outcome.WAITING, reason="une autre commande applique une publication")
    try:
        state = load_state(root)
        state.last_check = _now()
        state.waiting = state.waiting_reason = None
        floor = release_floor(state)
        candidates = [r for r in reversed(list_releases(publication_dir)) if r > floor]
        state.refused = {k: v for k, v in state.refused.items() if k in candidates}
        state.refused_stamps = {k: v for k, v in state.refused_stamps.items() if k in state.refused}
        refused: dict[ReleaseId, str] = {}
        try:
            for release in candidates:
                try:
                    parsed = _read_once(state, publication_dir, release, trusted, network)
                    result = _apply_one(root, catalogue, publication_dir, parsed, visitor_idle)
                except ReleaseRefusedError as error:
                    _note_refusal(state, release, error.reason)
                    refused[release] = error.reason
                    continue
                except _WaitError as wait:
                    state.waiting, state.waiting_reason = release, wait.reason
                    return ApplyResult(
                        Outcome.WAITING, release, wait.reason, refused, plan=wait.plan
                    )
                _record_applied(state, root, release)
                return dataclasses.replace(result, refused=refused)
        finally:
            save_state(root, state)
        if refused:
            newest = candidates[0]
            return ApplyResult(Outcome.REFUSED, newest, refused[newest], refused)
        return ApplyResult(Outcome.NOTHING_NEW, state.applied)
    finally:
        os.close(lock)


def rollback(root: ContentRoot, catalogue: Catalogue) -> ReleaseId:
    """Go back to the release applied before the current one, exactly (its rows and its media,
    kept by :mod:`.history`); the release left is not applied again, only a newer one will be.
    Raises :class:`NetworkError` (nothing changed) when there is no previous release kept."""
    lock = _try_lock(root)
    if lock is None:
        raise NetworkError("une autre commande applique une publication ; réessayez ensuite.")
    try:
        state = load_state(root)
        if state.applied is None or state.applied not in state.history:
            raise NetworkError("aucune publication appliquée sur cette borne : rien à rétablir.")
        index = state.history.index(state.applied)
        if index == 0:
            raise NetworkError(
                f"pas de publication avant {state.applied} gardée sur cette borne ; rien n'a "
                "été modifié."
            )
        previous = state.history[index - 1]
        where = f"publication {previous} gardée"
        try:
            _data, manifest, listed = read_kept(root, previous)
            checked = check_tables(where, manifest, listed, "retour refusé")
            with catalogue.session() as session:
                current = dump_rows(session)
            final = checked.rows
            check_final(where, current, checked, final, "retour refusé")
            needed = files_to_copy(root, where, final, listed)
            check_free_space(root, sum(listed[path][0] for path in needed))
            sources = {path: kept_media(root, listed[path][1]) for path in needed}
            _switch(root, catalogue, sources, listed, needed, current, final, "retour", link=True)
        except (BundleError, HashMismatchError) as error:
            said = shown(error, 600).rstrip(" .")
            if "rien n'a été modifié" not in said:
                said += " ; rien n'a été modifié"
            raise NetworkError(f"{said}.") from None
        state.skip_through = max(state.skip_through or "", state.applied)
        log.info("network: rolled back from %s to %s", state.applied, previous)
        state.applied, state.applied_at = previous, _now()
        state.waiting = state.waiting_reason = None
        save_state(root, state)
        return previous
    finally:
        os.close(lock)


def _read_once(
    state: NetworkState,
    publication: Path,
    release: ReleaseId,
    trusted: list[TrustedKey],
    network: str | None,
) -> Release:
    """The release, verified (:func:`.release.read_release`); raises ReleaseRefusedError.

    A release refused at this stage is remembered with the size, time and inode of its two
    files and the keys trusted: while none of these changes, the next rounds refuse it again
    without reading it (a huge unsigned manifest costs one read, not one a minute)."""
    if too_far_ahead(release):
        raise ReleaseRefusedError(release, future_reason(release))
    stamp = _stamp(publication, release, trusted, network)
    if release in state.refused and state.refused_stamps.get(release) == stamp:
        raise ReleaseRefusedError(release, state.refused[release])
    try:
        manifest, signature = read_release_files(publication, release, MAX_RELEASE_MANIFEST_BYTES)
        return read_release(release, manifest, signature, trusted, network)
    except ReleaseRefusedError:
        state.refused_stamps[release] = stamp
        raise


def _stamp(
    publication: Path, release: ReleaseId, trusted: list[TrustedKey], network: str | None
) -> str:
    parts = []
    for name in (MANIFEST_NAME, SIGNATURE_NAME):
        try:
            seen = os.lstat(release_dir(publication, release) / name)
            parts.append(f"{seen.st_size}:{seen.st_mtime_ns}:{seen.st_ino}")
        except OSError:
            parts.append("-")
    parts.append(",".join(sorted(key.fingerprint for key in trusted)))
    parts.append(network or "")
    return " ".join(parts)


def _apply_one(
    root: ContentRoot,
    catalogue: Catalogue,
    publication: Path,
    parsed: Release,
    visitor_idle: VisitorIdle,
) -> ApplyResult:
    release = parsed.id
    where = f"publication {release}"
    manifest_bytes, signature = parsed.manifest_bytes, signature_text(parsed.signature)
    try:
        listed = check_file_list(f"{where}, liste des fichiers", parsed.manifest, IGNORED)
        checked = check_tables(where, parsed.manifest, listed, IGNORED)
        with catalogue.session() as session:
            current = dump_rows(session)
        final = checked.rows
        check_final(where, current, checked, final, IGNORED)
    except BundleError as error:
        raise ReleaseRefusedError(release, _reason(error, where)) from None
    plan = Plan(*plan_changes(current, final))
    missing = _missing(root, publication, final, listed)
    if missing:
        size = human_size(sum(listed[path][0] for path in missing))
        raise _WaitError(f"{len(missing)} fichier(s) pas encore arrivé(s) ({size})", plan)
    if not _idle(visitor_idle):
        raise _WaitError("une visite est en cours", plan)
    try:
        needed = files_to_copy(root, where, final, listed)
    except BundleError as error:
        raise ReleaseRefusedError(release, _reason(error, where)) from None
    plan.files_to_copy = len(needed)
    plan.bytes_to_copy = sum(listed[path][0] for path in needed)
    try:
        check_free_space(root, plan.bytes_to_copy)
    except BundleError as error:
        raise _WaitError(shown(error, 300), plan) from None
    sources = {path: media_path(publication, listed[path][1]) for path in needed}
    try:
        trashed = _switch(
            root, catalogue, sources, listed, needed, current, final, "reseau", visitor_idle
        )
    except NotRegularError as error:
        raise _WaitError(f"fichier pas encore arrivé ({shown(error, 300)})", plan) from None
    except HashMismatchError as error:
        raise ReleaseRefusedError(
            release, f"fichier altéré dans le dossier de publication ({shown(error, 300)})"
        ) from None
    except BundleError as error:
        raise ReleaseRefusedError(release, _reason(error, where)) from None
    except OSError as error:
        raise _WaitError(f"copie impossible ({shown(error, 200)})", plan) from None
    keep_release(root, release, manifest_bytes, signature, listed)
    log.info(
        "network: applied %s (%d added, %d changed, %d removed; %d files copied)",
        release,
        len(plan.added),
        len(plan.changed),
        len(plan.removed),
        plan.files_to_copy,
    )
    return ApplyResult(
        Outcome.APPLIED,
        release,
        plan=plan,
        files_copied=plan.files_to_copy,
        bytes_copied=plan.bytes_to_copy,
        trashed=trashed,
    )


def _switch(
    root: ContentRoot,
    catalogue: Catalogue,
    sources: dict[str, Path],
    listed: Listed,
    needed: list[str],
    current: Rows,
    final: Rows,
    batch: str,
    visitor_idle: VisitorIdle = True,
    *,
    link: bool = False,
) -> int:
    """Stage the ``needed`` files from ``sources`` (hash checked), then switch atomically.

    ``link`` only for this kiosk's own rollback store: the shared pool's files are copied (a
    later write into the pool must change nothing visitors see)."""
    staging = root.home / f"{STAGING_PREFIX}{uuid.uuid4().hex[:12]}"
    staging.mkdir()
    try:
        for path in needed:
            size, sha = listed[path]
            copy_verified(sources[path], staging / path, sha, size, link=link)
        if not _idle(visitor_idle):  # a visit began while the files were copied
            raise _WaitError("une visite est en cours")
        return apply_staged(catalogue, root, staging, needed, current, final, batch)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _missing(root: ContentRoot, publication: Path, final: Rows, listed: Listed) -> list[str]:
    """Files the release needs that neither this kiosk nor the pool has yet (sizes only: the
    hashes are checked when the files are copied, and before that for those already here)."""
    missing = []
    for path in sorted(wanted_paths(final) & set(listed)):
        size, sha = listed[path]
        try:
            local = root.absolute(path)
        except UnsafePathError:
            local = None
        if local is not None and is_regular_file(local) and local.stat().st_size == size:
            continue
        if not media_present(publication, sha, size):
            missing.append(path)
    return missing


def _idle(visitor_idle: VisitorIdle) -> bool:
    return bool(visitor_idle() if callable(visitor_idle) else visitor_idle)


def _reason(error: Exception, where: str) -> str:
    text = shown(error, 600)
    prefix = f"{where} : "
    return text[len(prefix) :] if text.startswith(prefix) else text


def _note_refusal(state: NetworkState, release: ReleaseId, reason: str) -> None:
    if state.refused.get(release) != reason:
        log.warning("network: release %s ignored: %s", release, reason)
    state.refused[release] = reason


def _record_applied(state: NetworkState, root: ContentRoot, release: ReleaseId) -> None:
    state.applied, state.applied_at = release, _now()
    state.history = prune(root, [*[r for r in state.history if r != release], release])
    state.refused = {k: v for k, v in state.refused.items() if k > release}


def release_floor(state: NetworkState) -> ReleaseId:
    """The id only later releases are looked at after: the applied one or the one staff rolled
    back from. One dated too far ahead of this kiosk's clock is no floor (a forged far-future
    release applied before this rule, or a wrong clock, never freezes this kiosk for good)."""
    marks = (state.applied, state.skip_through)
    return max((x for x in marks if x and not too_far_ahead(x)), default="")


def _try_lock(root: ContentRoot) -> int | None:
    folder = network_dir(root)
    folder.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        return None
    return descriptor


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")
