"""Join codes come from people (a file, a paste): every field is checked before anything is
written, the joiner chooses its own reach, and a failed join leaves nothing behind (attack
review #7, #8). Real files; the last test runs the real Syncthing."""

from __future__ import annotations

import base64
import json
import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.config import ContentRoot
from kiosk.library.network import membership
from kiosk.library.network.join_code import JoinCode, parse_code
from kiosk.library.network.keys import load_trusted_keys, public_key_text
from kiosk.library.network.release import NetworkError
from kiosk.library.network.syncthing import Reach, config_path, syncthing_home
from kiosk.library.network.syncthing_api import SyncthingError

DEVICE = "AAAAAAA-BBBBBBB-CCCCCCC-DDDDDDD-EEEEEEE-FFFFFFF-GGGGGGG-HHHHHHH"


def code_text(**changes: object) -> str:
    payload: dict[str, object] = {
        "n": "TEST",
        "i": "abcdef1234",
        "d": DEVICE,
        "a": ["tcp://127.0.0.1:22001"],
        "k": public_key_text(Ed25519PrivateKey.generate()),
        "t": "invitation_1",
        "r": "internet",
    }
    payload.update(changes)
    raw = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    return "BORNE1-" + base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        ({"a": ["relay://198.51.100.7:22067"]}, "« relay://198.51.100.7:22067 »"),
        ({"a": "a"}, "une liste attendue"),
        ({"a": ["tcp://host:99999", "dynamic"]}, "« tcp://host:99999 »"),
        ({"t": "x\x1b]0;pwned\x07"}, "invitation « x\\u001b]0;pwned\\u0007 »"),
        ({"i": "١٢٣"}, "identifiant du réseau"),
        ({"d": "not-a-device"}, "appareil de la borne qui publie"),
    ],
)
def test_a_code_with_a_bad_field_is_refused_and_names_it(
    changes: dict[str, object], said: str, tmp_path: Path
) -> None:
    root = ContentRoot(tmp_path / "home")
    root.home.mkdir()
    with pytest.raises(NetworkError, match="abîmé") as refused:
        membership.join(root, code_text(**changes))
    assert said in str(refused.value)
    assert "\x1b" not in str(refused.value)
    assert not (root.home / "network" / "keys").exists()  # nothing written
    assert not syncthing_home(root).exists()


def test_good_addresses_pass() -> None:
    addresses = ["tcp://192.168.1.20:22000", "tcp://borne.local:22000", "tcp://[::1]:22000"]
    code = parse_code(code_text(a=[*addresses, "dynamic"]))
    assert code.addresses == [*addresses, "dynamic"]


def test_a_failed_join_leaves_no_key_and_no_membership(tmp_path: Path) -> None:
    root = ContentRoot(tmp_path / "home")
    root.home.mkdir()
    root.ensure_folders()
    blocker = syncthing_home(root)  # a file where Syncthing's folder must go: the join fails
    blocker.parent.mkdir(parents=True)
    blocker.write_text("pas un dossier", encoding="utf-8")
    with pytest.raises(Exception):  # noqa: B017 (whatever the failure is)
        membership.join(root, code_text())
    assert load_trusted_keys(root) == []
    assert membership.load_membership(root) is None
    assert blocker.read_text(encoding="utf-8") == "pas un dossier"  # not ours: left as it was


@pytest.mark.skipif(shutil.which("syncthing") is None, reason="syncthing absent")
def test_the_joiner_chooses_its_reach_and_a_refused_join_leaves_nothing(tmp_path: Path) -> None:
    from kiosk.library.network.syncthing import free_port, generate

    root = ContentRoot(tmp_path / "home")
    root.home.mkdir()
    root.ensure_folders()
    # Syncthing itself refuses this device id (its check digits): the join fails half-way.
    with pytest.raises(SyncthingError):
        membership.join(root, code_text(), kiosk=membership.ThisKiosk("Borne"))
    assert load_trusted_keys(root) == [] and membership.load_membership(root) is None
    assert not syncthing_home(root).exists()
    with pytest.raises(NetworkError, match="aucun réseau"):
        membership.leave(root)
    publisher = generate(
        tmp_path / "publisher",
        reach=Reach.LOOPBACK,
        listen_port=free_port(),
        gui_port=free_port(),
        device_name="Éditeur",
    )
    code = code_text(r="internet", d=publisher)  # the publisher's reach: not the joiner's
    joined, _code = membership.join(root, code, kiosk=membership.ThisKiosk("Borne"))
    assert joined.reach == Reach.LAN.value
    config = config_path(syncthing_home(root)).read_text(encoding="utf-8")
    assert "<globalAnnounceEnabled>false</globalAnnounceEnabled>" in config
    assert "<relaysEnabled>false</relaysEnabled>" in config
    membership.leave(root)
    assert load_trusted_keys(root) == []


def test_join_code_round_trip() -> None:
    key = public_key_text(Ed25519PrivateKey.generate())
    code = JoinCode("TEST", "abcdef1234", DEVICE, ["dynamic"], key, "inv", Reach.LAN)
    assert parse_code(code.text()) == code


def test_the_name_a_joining_device_announces_is_made_safe(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Attack review #9: only Syncthing's list of pending devices is stood in for."""
    root = ContentRoot(tmp_path / "publisher")
    root.home.mkdir()
    root.ensure_folders()
    publisher = membership.Membership(
        network="TEST",
        network_id="abcdef1234",
        role=membership.PUBLISHER,
        kiosk_id="aaaaaaa",
        name="Le Mazier",
        place="",
        reach="loopback",
        listen_port=22001,
        gui_port=8385,
        device_id=DEVICE,
        invitation="invitation_1",
    )
    announced = "\x1b[2J\x1b[31mBorne \x1b]0;pwned\x07\n[INFO] fausse ligne #invitation_1"

    class PendingOnly:
        def __init__(self) -> None:
            self.added: list[tuple[str, str]] = []

        def pending_devices(self) -> dict[str, dict[str, str]]:
            return {"BBBBBBB-" + DEVICE[8:]: {"name": announced}}

        def add_device(self, device: str, name: str, addresses: list[str]) -> None:
            self.added.append((device, name))

        def add_folder(self, *args: object, **kwargs: object) -> None:
            pass

    with caplog.at_level("INFO", logger="kiosk"):
        names = membership.admit_pending(root, PendingOnly(), publisher)  # type: ignore[arg-type]
    (name,) = names
    assert not any(ch in name for ch in "\x1b\x07\n")
    assert "\\u001b" in name and name.endswith("fausse ligne")
    saved = json.loads(membership.membership_path(root).read_text(encoding="utf-8"))
    assert list(saved["members"].values()) == [name]
    assert "\x1b" not in caplog.text and "\n[INFO] fausse" not in caplog.text
