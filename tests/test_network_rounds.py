"""The running kiosk applies a network release only between two visits, in a worker thread,
and its attract loop then takes the new films; a kiosk in no network starts no round at all.

Syncthing is not needed here: the publication folder is copied by the test (the end-to-end
test with real daemons is tests/test_network_syncthing.py)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.config import ContentRoot
from kiosk.library.network import membership
from kiosk.library.network.keys import create_keys, load_private_key, public_key_text, trust_key
from kiosk.library.network.publish import publish
from kiosk.library.network.state import load_state, network_dir
from kiosk.library.settings import KioskSettings
from kiosk.store.database import Catalogue
from kiosk.store.models import Place
from kiosk.ui.kiosk_controller import KioskController
from tests.harness.windows import OpenKioskWindow, StartKioskController

NETWORK = "Tiers-lieux de l'Allier"
SETTINGS = KioskSettings(idle_timeout_s=600, idle_countdown_s=3, staff_timeout_s=60)
MONDAY_NOON = datetime(2026, 11, 30, 12, 0)


def make_controller(
    open_kiosk_window: OpenKioskWindow,
    start_kiosk_controller: StartKioskController,
    root: ContentRoot,
    catalogue: Catalogue,
) -> KioskController:
    window = open_kiosk_window(root, catalogue, (1280, 800))
    controller = start_kiosk_controller(window, SETTINGS, clock=lambda: MONDAY_NOON, start=False)
    controller.network.start_syncthing = False  # no daemon in this test
    controller.start()
    return controller


@pytest.fixture
def member(
    sample_catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> Iterator[tuple[ContentRoot, Catalogue]]:
    """Kiosk B, a member of A's network (A: the sample catalogue), a release of A arrived."""
    create_keys(content_root)
    key = load_private_key(content_root)
    publication_a = tmp_path / "pub-a"
    publish(content_root, sample_catalogue, publication_a, key, network=NETWORK)
    root = ContentRoot(tmp_path / "b")
    root.home.mkdir()
    root.ensure_folders()
    trust_key(root, public_key_text(key))
    shutil.copytree(publication_a, membership.publication_dir(root))
    membership.save_membership(
        root,
        membership.Membership(
            network=NETWORK,
            network_id="abcdef0123",
            role=membership.MEMBER,
            kiosk_id="bbbbbbb",
            name="La Péniche",
            place="Moulins",
            reach="loopback",
            listen_port=1,
            gui_port=1,
            device_id="B",
        ),
    )
    catalogue = Catalogue(root.db_path)
    yield root, catalogue
    catalogue.close()


def places(catalogue: Catalogue) -> list[str]:
    with catalogue.session() as session:
        return sorted(place.name for place in session.query(Place))


def test_a_release_waits_for_the_attract_loop_then_applies_in_the_background(
    qtbot: QtBot,
    open_kiosk_window: OpenKioskWindow,
    start_kiosk_controller: StartKioskController,
    member: tuple[ContentRoot, Catalogue],
) -> None:
    root, catalogue = member
    controller = make_controller(open_kiosk_window, start_kiosk_controller, root, catalogue)
    assert controller.network.timer.isActive()
    # A visit is going on (the home screen): the round only writes the status.
    assert not controller.visitor_away()
    with qtbot.waitSignal(controller.network.round_done, timeout=20_000):
        controller.network.tick()
    assert places(catalogue) == []
    assert controller.attract.films == []
    assert load_state(root).applied is None
    assert (membership.status_dir(root) / "bbbbbbb.json").is_file()
    # The visitor walked away: the attract loop, and the release applies in a worker.
    controller.sleep()
    assert controller.visitor_away()
    with qtbot.waitSignal(controller.network.applied, timeout=20_000) as applied:
        controller.network.tick()
    assert applied.args and applied.args[0] == load_state(root).applied
    assert places(catalogue) == ["La MAGIC", "Le Mazier"]
    # The loop took the release's film.
    assert len(controller.attract.films) == 1
    # A touch on the loop: a visit again, no second round switches anything.
    controller.network.visitor_came()
    assert not controller.network._away


def test_a_kiosk_in_no_network_starts_no_round(
    sample_catalogue: Catalogue,
    content_root: ContentRoot,
    open_kiosk_window: OpenKioskWindow,
    start_kiosk_controller: StartKioskController,
) -> None:
    controller = make_controller(
        open_kiosk_window, start_kiosk_controller, content_root, sample_catalogue
    )
    assert not controller.network.timer.isActive()
    controller.sleep()
    assert not controller.network.busy
    assert not network_dir(content_root).exists()
