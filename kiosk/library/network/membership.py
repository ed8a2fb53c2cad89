"""Joining and leaving a network of kiosks: keys, Syncthing, the join code. No Qt.

``kiosk network create NAME`` makes this kiosk the network's publisher: a signing key
(:mod:`.keys`), its Syncthing (:mod:`.syncthing`) with the two shared folders, and a **join
code** to give to the other kiosks: one line of text (``BORNE1-…``) carrying the network's name,
the publisher's Syncthing device id and addresses, the trusted public key and an invitation.
``kiosk network join CODE`` on another kiosk trusts that key (its short fingerprint is shown, to
compare by eye with the publisher's), sets up its own Syncthing and asks the publisher to
connect; the publisher admits a kiosk that brings the invitation (:func:`admit_pending`, in each
round of :mod:`.rounds`) and shares the folders with it.

What this module keeps is machine scope, under ``<content root>/network/`` and never travelling:
``membership.json``, ``join-code.txt`` (the publisher's), the Syncthing home, and the two shared
folders ``publication/`` (sent by the publisher, received by the others) and ``status/``.
"""

from __future__ import annotations

import json
import logging
import secrets
import shutil
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from kiosk.config import ContentRoot
from kiosk.library.network import keys
from kiosk.library.network.join_code import JoinCode, parse_code
from kiosk.library.network.release import NETWORK_NAME, NetworkError
from kiosk.library.network.state import forget_set_aside, network_dir, write_atomically
from kiosk.library.network.syncthing import (
    DEFAULT_LISTEN_PORT,
    Reach,
    SyncthingProcess,
    api_for_home,
    free_port,
    generate,
    listen_address,
    syncthing_home,
)
from kiosk.library.network.syncthing_api import (
    RECEIVE_ONLY,
    SEND_ONLY,
    SEND_RECEIVE,
    SyncthingApi,
    SyncthingError,
    write_ignores,
)
from kiosk.library.printable import shown

log = logging.getLogger("kiosk")

MEMBERSHIP_NAME = "membership.json"
JOIN_CODE_NAME = "join-code.txt"
INVITATION_MARK = " #"  # a joiner's device name ends with it and the invitation
PUBLISHER = "publisher"
MEMBER = "member"
MAX_NAME = 80


@dataclass
class Membership:
    """This kiosk's place in its network (``network/membership.json``)."""

    network: str
    network_id: str
    role: str  # PUBLISHER or MEMBER
    kiosk_id: str  # names this kiosk's status file
    name: str
    place: str
    reach: str
    listen_port: int
    gui_port: int
    device_id: str
    invitation: str = ""  # the publisher's: a joiner that brings it is admitted
    publishers: dict[str, list[str]] = field(default_factory=dict)  # device -> addresses
    members: dict[str, str] = field(default_factory=dict)  # device -> name (publisher's)
    joined_at: str = ""

    @property
    def publication_folder(self) -> str:
        return f"borne-{self.network_id}-publication"

    @property
    def status_folder(self) -> str:
        return f"borne-{self.network_id}-status"

    @property
    def publishes(self) -> bool:
        return self.role == PUBLISHER


def membership_path(root: ContentRoot) -> Path:
    return network_dir(root) / MEMBERSHIP_NAME


def publication_dir(root: ContentRoot) -> Path:
    return network_dir(root) / "publication"


def status_dir(root: ContentRoot) -> Path:
    return network_dir(root) / "status"


def load_membership(root: ContentRoot) -> Membership | None:
    """This kiosk's membership, or None: it never joined (or left), it is a single kiosk."""
    try:
        data = json.loads(membership_path(root).read_text(encoding="utf-8"))
        return Membership(**data)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError) as error:
        log.warning("network: %s unreadable (%s): left aside", membership_path(root), error)
        return None


def save_membership(root: ContentRoot, membership: Membership) -> None:
    payload = json.dumps(asdict(membership), ensure_ascii=False, indent=1, sort_keys=True)
    write_atomically(membership_path(root), payload.encode("utf-8") + b"\n", mode=0o600)


@contextmanager
def running(root: ContentRoot) -> Iterator[SyncthingApi]:
    """This kiosk's Syncthing API: the daemon already running (its service, the kiosk app), or
    one started for the time of the block and stopped after it."""
    home = syncthing_home(root)
    api = api_for_home(home)
    if api.answers():
        yield api
        return
    with SyncthingProcess(home, root.logs_dir / "syncthing.log") as started:
        yield started


def _check_name(label: str, text: str) -> str:
    text = " ".join(text.split())
    if not text or len(text) > MAX_NAME or not text.isprintable():
        raise NetworkError(f"{label} « {text[:MAX_NAME]} » : de 1 à {MAX_NAME} caractères.")
    return text


def _refuse_second_network(root: ContentRoot) -> None:
    current = load_membership(root)
    if current is not None:
        raise NetworkError(
            f"cette borne fait déjà partie du réseau « {current.network} » "
            "(kiosk network leave d'abord)."
        )


def _ports(reach: Reach, listen_port: int | None, gui_port: int | None) -> tuple[int, int]:
    if listen_port is None:
        listen_port = free_port() if reach is Reach.LOOPBACK else DEFAULT_LISTEN_PORT
    return listen_port, gui_port if gui_port is not None else free_port()


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


@dataclass(frozen=True)
class ThisKiosk:
    """How this kiosk calls itself in the network, and its Syncthing ports (None: chosen)."""

    name: str | None = None
    place: str = ""
    listen_port: int | None = None
    gui_port: int | None = None


def _new_membership(
    root: ContentRoot,
    kiosk: ThisKiosk,
    reach: Reach,
    *,
    network: str,
    network_id: str,
    role: str,
    device_name: str,
) -> Membership:
    """This kiosk's Syncthing identity and configuration (not started), and its membership."""
    name = _check_name("nom de la borne", kiosk.name or socket.gethostname())
    listen, gui = _ports(reach, kiosk.listen_port, kiosk.gui_port)
    device = generate(
        syncthing_home(root),
        reach=reach,
        listen_port=listen,
        gui_port=gui,
        device_name=device_name.format(name=name),
    )
    return Membership(
        network=network,
        network_id=network_id,
        role=role,
        kiosk_id=device.split("-")[0].lower(),
        name=name,
        place=_check_name("lieu", kiosk.place) if kiosk.place else "",
        reach=reach.value,
        listen_port=listen,
        gui_port=gui,
        device_id=device,
        joined_at=_now(),
    )


def create(
    root: ContentRoot,
    network: str,
    *,
    reach: Reach,
    kiosk: ThisKiosk | None = None,
    addresses: list[str] | None = None,
) -> tuple[Membership, JoinCode]:
    """Make this kiosk the publisher of a new network; returns its membership and join code.

    ``addresses`` are where the others reach this kiosk (``tcp://host:port``); by default its
    listen address on 127.0.0.1 for :attr:`Reach.LOOPBACK`, Syncthing's discovery otherwise."""
    _refuse_second_network(root)
    if not NETWORK_NAME.match(network):
        raise NetworkError(
            f"nom de réseau « {network[:80]} » : lettres, chiffres, espaces et . _ ' - "
            "(80 au plus)."
        )
    keys.create_keys(root)
    key_text = keys.public_key_text(keys.load_private_key(root))
    membership = _new_membership(
        root,
        kiosk or ThisKiosk(),
        reach,
        network=network,
        network_id=secrets.token_hex(5),
        role=PUBLISHER,
        device_name="{name} (" + network.replace("{", "(").replace("}", ")") + ")",
    )
    membership.invitation = secrets.token_urlsafe(12)
    with running(root) as api:
        _add_folders(root, api, membership, devices=[])
    save_membership(root, membership)
    if addresses is None:
        own = listen_address(reach, membership.listen_port)
        addresses = [own] if reach is Reach.LOOPBACK else ["dynamic"]
    code = JoinCode(
        network=network,
        network_id=membership.network_id,
        device=membership.device_id,
        addresses=addresses,
        key=key_text,
        invitation=membership.invitation,
        reach=reach,
    )
    write_atomically(network_dir(root) / JOIN_CODE_NAME, (code.text() + "\n").encode(), mode=0o600)
    log.info("network: created %r, this kiosk publishes (%s)", network, code.fingerprint)
    return membership, code


def join(
    root: ContentRoot,
    code_text: str,
    *,
    kiosk: ThisKiosk | None = None,
    reach: Reach = Reach.LAN,
) -> tuple[Membership, JoinCode]:
    """Join the network of a join code: trust its key, set up Syncthing, ask the publisher.

    ``reach`` is this kiosk's own choice (the code's is only the publisher's). Whatever fails,
    nothing is left half-done: no key trusted, no Syncthing configuration, no membership."""
    _refuse_second_network(root)
    code = parse_code(code_text)
    forget_set_aside(root)
    was_trusted = any(key.text == code.key for key in keys.load_trusted_keys(root))
    made = [p for p in (syncthing_home(root), publication_dir(root), status_dir(root))]
    made = [p for p in made if not p.exists()]
    keys.trust_key(root, code.key, code.network)
    try:
        return _join(root, code, kiosk, reach)
    except BaseException:
        if not was_trusted:  # a failed join leaves no key trusted
            keys.forget_key(root, code.fingerprint)
        membership_path(root).unlink(missing_ok=True)
        for path in made:
            shutil.rmtree(path, ignore_errors=True)
        raise


def _join(
    root: ContentRoot, code: JoinCode, kiosk: ThisKiosk | None, reach: Reach
) -> tuple[Membership, JoinCode]:
    membership = _new_membership(
        root,
        kiosk or ThisKiosk(),
        reach,
        network=code.network,
        network_id=code.network_id,
        role=MEMBER,
        device_name="{name}" + INVITATION_MARK + code.invitation,
    )
    membership.publishers = {code.device: code.addresses}
    with running(root) as api:
        api.add_device(code.device, code.network, code.addresses)
        _add_folders(root, api, membership, devices=[code.device])
    save_membership(root, membership)
    log.info("network: joined %r (key %s)", code.network, code.fingerprint)
    return membership, code


def trust_code(root: ContentRoot, code: JoinCode, *, trust_new_key: bool) -> str:
    """Trust the key of ``code`` for ``kiosk network apply --code`` (a USB stick); returns its
    fingerprint. Raises :class:`NetworkError` (nothing trusted) for a code of another network
    than this kiosk's (its membership's, or the one its keys were given for), and for a key this
    kiosk does not trust yet while it trusts others, unless ``trust_new_key``."""
    membership = load_membership(root)
    known = membership.network if membership is not None else keys.trusted_network(root)
    if known is not None and code.network != known:
        raise NetworkError(
            f"ce code est celui du réseau « {shown(code.network)} », cette borne suit le réseau "
            f"« {shown(known)} » ; rien n'a été fait (kiosk network leave, ou forget-key, "
            "d'abord)."
        )
    trusted = keys.load_trusted_keys(root)
    if trusted and all(key.text != code.key for key in trusted) and not trust_new_key:
        raise NetworkError(
            f"ce code porte une clé que cette borne ne connaît pas ({code.fingerprint}) ; "
            "si elle est bien celle du réseau, relancez avec --trust-new-key ; rien n'a été "
            "fait."
        )
    return keys.trust_key(root, code.key, code.network)


def _add_folders(
    root: ContentRoot, api: SyncthingApi, membership: Membership, devices: list[str]
) -> None:
    publication, status = publication_dir(root), status_dir(root)
    for folder in (publication, status):
        write_ignores(folder)
    api.add_folder(
        membership.publication_folder,
        label=f"{membership.network} : publication",
        path=publication,
        kind=SEND_ONLY if membership.publishes else RECEIVE_ONLY,
        devices=devices,
    )
    api.add_folder(
        membership.status_folder,
        label=f"{membership.network} : état des bornes",
        path=status,
        kind=SEND_RECEIVE,
        devices=devices,
    )


def admit_pending(root: ContentRoot, api: SyncthingApi, membership: Membership) -> list[str]:
    """On the publisher: admit the kiosks that knocked with the network's invitation (their
    device name ends with it), sharing both folders with them; returns their names. A device
    without it stays unknown (Syncthing keeps refusing it)."""
    if not membership.publishes or not membership.invitation:
        return []
    admitted: list[str] = []
    mark = INVITATION_MARK + membership.invitation
    for device, seen in api.pending_devices().items():
        announced = str(seen.get("name", ""))
        if not announced.endswith(mark) or device in membership.members:
            continue
        # The name another machine announces: its special characters written out (\uNNNN),
        # never printed, logged or stored as they came.
        name = shown(" ".join(announced[: -len(mark)].split()), MAX_NAME) or device.split("-")[0]
        api.add_device(device, name, ["dynamic"])
        _add_folders(root, api, membership, devices=[device])
        membership.members[device] = name
        admitted.append(name)
        log.info("network: admitted %s (%s)", name, device)
    if admitted:
        save_membership(root, membership)
    return admitted


def leave(root: ContentRoot) -> Membership:
    """Leave the network: Syncthing forgets the others and the folders, then its own identity;
    the shared folders and the trusted keys go. The catalogue stays as it is (the last release
    applied), and a publisher keeps its key (``create`` again keeps what others trust)."""
    membership = load_membership(root)
    if membership is None:
        raise NetworkError("cette borne ne fait partie d'aucun réseau.")
    home = syncthing_home(root)
    api = api_for_home(home)
    if api.answers():  # a running daemon (its service) forgets the others now
        try:
            for folder in (membership.publication_folder, membership.status_folder):
                api.remove_folder(folder)
            for device in [*membership.publishers, *membership.members]:
                api.remove_device(device)
        except SyncthingError as error:
            log.warning("network: leaving, Syncthing said %s", error)
    own = keys.public_key_text(keys.load_private_key(root)) if keys.has_private_key(root) else None
    for trusted in keys.load_trusted_keys(root):
        if trusted.text != own:
            keys.forget_key(root, trusted.fingerprint)
    membership_path(root).unlink(missing_ok=True)
    (network_dir(root) / JOIN_CODE_NAME).unlink(missing_ok=True)
    forget_set_aside(root)
    for shared in (publication_dir(root), status_dir(root)):
        shutil.rmtree(shared, ignore_errors=True)
    if not api.answers():
        shutil.rmtree(home, ignore_errors=True)
    log.info("network: left %r", membership.network)
    return membership
