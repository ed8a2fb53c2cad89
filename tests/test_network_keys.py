"""Which keys a kiosk trusts, and for which network (attack review #4): a join code given to
``kiosk network apply --code`` never adds a key silently, and a code of another network is
refused. Real publication folders, the real command line; no Syncthing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.cli import main
from kiosk.library.network.join_code import JoinCode
from kiosk.library.network.keys import (
    load_trusted_keys,
    public_key_text,
    trust_key,
    trusted_network,
)
from kiosk.library.network.syncthing import Reach
from kiosk.store.models import Place
from tests.test_network_release import NETWORK, kiosk_b, network, publish_a, sync

__all__ = ["kiosk_b", "network"]  # the fixtures


def code_file(folder: Path, key_text: str, network_name: str = NETWORK) -> Path:
    code = JoinCode(
        network=network_name,
        network_id="abcdef1234",
        device="AAAAAAA-BBBBBBB-CCCCCCC-DDDDDDD-EEEEEEE-FFFFFFF-GGGGGGG-HHHHHHH",
        addresses=["dynamic"],
        key=key_text,
        invitation="invitation",
        reach=Reach.LAN,
    )
    path = folder / f"code-{network_name[:5]}-{key_text[8:14].replace('/', '_')}.txt"
    path.write_text(code.text() + "\n", encoding="utf-8")
    return path


def apply_cli(net: dict[str, Any], *extra: str) -> int:
    home = str(net["root_b"].home)
    return main(["--home", home, "network", "apply", "--from", str(net["pub_b"]), *extra])


def place_names(net: dict[str, Any]) -> set[str]:
    with net["cat_b"].session() as session:
        return {place.name for place in session.query(Place)}


def test_a_code_for_a_new_key_is_refused_without_the_flag(
    network: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = code_file(tmp_path, public_key_text(network["key"]))
    publish_a(network)
    sync(network["pub_a"], network["pub_b"])
    assert apply_cli(network, "--code", str(good)) == 0
    capsys.readouterr()
    intruder = Ed25519PrivateKey.generate()
    bad = code_file(tmp_path, public_key_text(intruder))
    before = [key.text for key in load_trusted_keys(network["root_b"])]
    assert apply_cli(network, "--code", str(bad)) == 1
    out = capsys.readouterr().out
    assert "--trust-new-key" in out and "ne connaît pas" in out
    assert [key.text for key in load_trusted_keys(network["root_b"])] == before
    # With the flag, the key is trusted and its fingerprint printed.
    from kiosk.library.network.keys import fingerprint_of

    assert apply_cli(network, "--code", str(bad), "--trust-new-key") == 0
    assert fingerprint_of(intruder) in capsys.readouterr().out
    assert len(load_trusted_keys(network["root_b"])) == len(before) + 1


def test_a_code_of_another_network_is_refused_and_the_name_checked_without_code(
    network: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk.library.network.publish import publish

    key_text = public_key_text(network["key"])
    trust_key(network["root_b"], key_text, NETWORK)
    assert trusted_network(network["root_b"]) == NETWORK
    other = code_file(tmp_path, key_text, "Autre reseau")
    assert apply_cli(network, "--code", str(other)) == 1
    assert "réseau « Autre reseau »" in capsys.readouterr().out
    # No code, no membership: the network the keys were given for is still checked.
    publish(network["root_a"], network["cat_a"], network["pub_a"], network["key"], network="AUTRE")
    sync(network["pub_a"], network["pub_b"])
    names = place_names(network)
    assert apply_cli(network) == 1
    assert "autre réseau" in capsys.readouterr().out
    assert place_names(network) == names


def test_keys_are_listed_and_forgotten(
    network: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk.library.network.keys import fingerprint_of

    home = ["--home", str(network["root_b"].home), "network"]
    fingerprint = fingerprint_of(network["key"])
    assert main([*home, "keys"]) == 0
    assert fingerprint in capsys.readouterr().out
    assert main([*home, "forget-key", "ZZZZ-ZZZZ-ZZZZ-ZZZZ"]) == 1
    assert "aucune clé" in capsys.readouterr().out
    assert main([*home, "forget-key", fingerprint.lower()]) == 0
    assert load_trusted_keys(network["root_b"]) == []
    # The publisher's own key stays.
    home_a = ["--home", str(network["root_a"].home), "network"]
    assert main([*home_a, "forget-key", fingerprint]) == 1
    assert "clé de publication" in capsys.readouterr().out


def test_a_refusal_is_printed_as_one_sentence(
    network: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Attack review #13: no double full stop after a reason that ends with one."""
    from kiosk.library.bundles import CONTENT_TABLES
    from tests.test_network_release import forge_release

    tables: dict[str, list[Any]] = {name: [] for name in CONTENT_TABLES}
    tables["settings"] = [{"key": "volume", "value": "100"}]
    forge_release(network, "20261201T130000Z-0001", tables=tables)
    assert apply_cli(network) == 1
    out = capsys.readouterr().out.strip()
    assert "ignorée" in out and "volume" in out
    assert out.endswith(".") and not out.endswith("..")
