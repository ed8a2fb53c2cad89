"""One round of a network member's routine: admit, apply, write the status. No Qt.

``kiosk network apply`` runs one round; the running kiosk runs one every minute in a background
thread (:mod:`kiosk.ui.network_rounds`), asking whether a visitor is there just before a switch.
A kiosk that never joined a network has no round: :func:`network_round` returns None at once,
without touching anything.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.config import ContentRoot
from kiosk.library.network.apply import ApplyResult, Outcome, apply_waiting
from kiosk.library.network.keys import load_trusted_keys
from kiosk.library.network.membership import (
    Membership,
    admit_pending,
    load_membership,
    publication_dir,
    status_dir,
)
from kiosk.library.network.release import NetworkError
from kiosk.library.network.syncthing import api_for_home, syncthing_home
from kiosk.library.network.syncthing_api import SyncthingError
from kiosk.store.database import Catalogue

log = logging.getLogger("kiosk")

STATUS_EVERY_S = 3600
VisitorIdle = bool | Callable[[], bool]


@dataclass
class RoundReport:
    """What one round did."""

    membership: Membership
    result: ApplyResult
    admitted: list[str] = field(default_factory=list)
    status_file: Path | None = None
    syncthing: str | None = None  # why Syncthing could not be asked, if it could not

    @property
    def applied(self) -> bool:
        return self.result.outcome is Outcome.APPLIED


def network_round(
    root: ContentRoot,
    catalogue: Catalogue,
    *,
    visitor_idle: VisitorIdle,
    write_status: bool,
    source: Path | None = None,
) -> RoundReport | None:
    """Admit the kiosks that knocked (on a publisher), apply a waiting release if no visitor is
    there, and write this kiosk's status file when ``write_status`` or a release was applied.

    ``source``: apply from that folder (a copy of the publication folder on a USB stick) instead
    of the network's. None when this kiosk is in no network and no ``source`` is given."""
    membership = load_membership(root)
    if membership is None:
        if source is None:
            return None
        raise NetworkError(
            "cette borne ne connaît aucune clé de réseau : « kiosk network join CODE » "
            "d'abord (ou « --code CODE » pour la seule clé)."
        )
    report = RoundReport(membership, ApplyResult(Outcome.NOTHING_NEW))
    if membership.publishes and source is None:
        try:
            api = api_for_home(syncthing_home(root), timeout=5)
            report.admitted = admit_pending(root, api, membership)
        except SyncthingError as error:
            report.syncthing = str(error)
    report.result = apply_from(
        root, catalogue, source or publication_dir(root), visitor_idle, network=membership.network
    )
    if write_status or report.applied:
        report.status_file = write_own_status(root, membership, catalogue)
    return report


def apply_from(
    root: ContentRoot,
    catalogue: Catalogue,
    folder: Path,
    visitor_idle: VisitorIdle,
    *,
    network: str | None,
) -> ApplyResult:
    """Apply the newest good release of ``folder`` (a publication folder or a copy of one)."""
    if not folder.is_dir():
        raise NetworkError(f"{folder} : dossier de publication introuvable.")
    return apply_waiting(
        root, catalogue, folder, load_trusted_keys(root), visitor_idle, network=network
    )


def write_own_status(
    root: ContentRoot, membership: Membership, catalogue: Catalogue | None = None
) -> Path | None:
    """This kiosk's ``status/<kiosk id>.json``; None (logged) when it cannot be written.

    With ``catalogue``, the summary of a quick health check goes in it (files present and of
    their size, rows and links; no hashing, no probing: that is ``kiosk check``'s)."""
    from kiosk.library.health import check
    from kiosk.library.network.status import write_status

    try:
        health = (
            None if catalogue is None else check(catalogue, root, verify_hashes=False, probe=False)
        )
        return write_status(
            root,
            status_dir(root),
            membership.kiosk_id,
            name=membership.name,
            place=membership.place,
            health=health,
        )
    except (OSError, ValueError) as error:
        log.warning("network: status not written: %s", error)
        return None
