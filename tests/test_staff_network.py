"""The staff area's Réseau tab: read only, from real status files written by
:func:`kiosk.library.network.status.write_status` (read in a thread), the state in words on a
coloured band, the network's name and the trusted key's fingerprint; one line for a single
kiosk."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.config import ContentRoot
from kiosk.kit.context import UiContext
from kiosk.kit.i18n import LanguageManager
from kiosk.kit.theme import Metrics
from kiosk.library.network.keys import create_keys
from kiosk.library.network.membership import (
    MEMBER,
    Membership,
    save_membership,
    status_dir,
)
from kiosk.library.network.status import HealthSummary, write_status
from kiosk.staff.admin_tabs import network_tab as network_tab_module
from kiosk.staff.admin_tabs.network_tab import NetworkTab
from kiosk.store.database import Catalogue
from tests.staff_touch_helpers import tap
from tests.test_staff_touch_keyboard import build_area


def network_tab(area: object, qtbot: QtBot) -> object:
    tab = area.open_tab("network")  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: tab.view is not None and not tab.job.running)
    return tab


def test_a_single_kiosk_says_so_and_points_to_the_network_guide(
    qapp: QApplication, qtbot: QtBot, sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    area = build_area(qtbot, qapp, sample_catalogue, content_root, "1920x1080")
    tab = network_tab(area, qtbot)
    assert "ne fait partie d'aucun réseau" in tab.summary.text()  # type: ignore[attr-defined]
    assert "docs/reseau.md" in tab.summary.text()  # type: ignore[attr-defined]
    assert not tab.table.isVisible()  # type: ignore[attr-defined]


def test_a_member_shows_every_kiosk_with_its_state_in_words(
    qapp: QApplication, qtbot: QtBot, sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    fingerprint = create_keys(content_root)
    save_membership(
        content_root,
        Membership(
            network="Tiers-lieux de l'Allier",
            network_id="allier",
            role=MEMBER,
            kiosk_id="mazier",
            name="Le Mazier",
            place="Bost",
            reach="lan",
            listen_port=22000,
            gui_port=8384,
            device_id="DEVICE",
        ),
    )
    folder = status_dir(content_root)
    folder.mkdir(parents=True, exist_ok=True)
    now = datetime.now().astimezone()
    write_status(content_root, folder, "mazier", name="Le Mazier", place="Bost", now=now)
    write_status(
        content_root,
        folder,
        "peniche",
        name="La Péniche",
        place="Montluçon",
        now=now - timedelta(hours=5),
    )
    write_status(
        content_root,
        folder,
        "stand",
        name="Stand",
        place="Moulins",
        health=HealthSummary(errors=2, lines=("Vidéo manquante",)),
        now=now - timedelta(minutes=10),
    )
    area = build_area(qtbot, qapp, sample_catalogue, content_root, "1920x1080")
    tab = network_tab(area, qtbot)
    assert "Tiers-lieux de l'Allier" in tab.summary.text()  # type: ignore[attr-defined]
    assert fingerprint in tab.key_line.text()  # type: ignore[attr-defined]
    table = tab.table  # type: ignore[attr-defined]
    assert table.isVisible()
    rows = {
        table.item(row, 0).text(): [table.item(row, c).text() for c in range(table.columnCount())]
        for row in range(table.rowCount())
    }
    assert set(rows) == {"Le Mazier (cette borne)", "La Péniche", "Stand"}
    this = rows["Le Mazier (cette borne)"]
    assert this[1] == "Bost" and this[5] == "En ordre" and this[4] == "à l'instant"
    assert rows["La Péniche"][5].startswith("En retard")
    assert rows["La Péniche"][4] == "il y a 5 h"
    assert rows["Stand"][5].startswith("En panne")
    details = tab.details.text()  # type: ignore[attr-defined]
    assert "La Péniche : pas de nouvelles depuis 5 h" in details
    assert "2 erreur(s) au contrôle de santé" in details
    # A new status file shows at « Actualiser ».
    write_status(content_root, folder, "peniche", name="La Péniche", place="Montluçon")
    tap(qtbot, tab.refresh_button)  # type: ignore[attr-defined]
    qtbot.waitUntil(
        lambda: any(
            table.item(r, 0).text() == "La Péniche" and table.item(r, 5).text() == "En ordre"
            for r in range(table.rowCount())
        )
    )


def test_a_failed_reading_says_so_and_a_tab_gone_under_its_job_is_left_alone(
    qapp: QApplication,
    qtbot: QtBot,
    sample_catalogue: Catalogue,
    content_root: ContentRoot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    release = threading.Event()

    def unreadable(_root: ContentRoot) -> object:
        release.wait(10)
        raise OSError("disque illisible")

    monkeypatch.setattr(network_tab_module, "read_view", unreadable)
    context = UiContext(content_root, sample_catalogue, LanguageManager(qapp), Metrics(1.0))
    tab = NetworkTab(context)
    qtbot.addWidget(tab)
    release.set()
    assert tab.job is not None
    qtbot.waitUntil(lambda: "disque illisible" in tab.message.text(), timeout=5000)
    assert "n'a pas pu être lu" in tab.message.text()
    # Again, and the tab deleted while its job runs (the staff area closed): its failure
    # reaches nobody (a lambda would call the deleted tab).
    release.clear()
    gone = NetworkTab(context)
    job = gone.job
    assert job is not None
    shiboken6.delete(gone)
    release.set()
    job.wait(10)
    assert not job.running
    qtbot.wait(100)  # its failure signal is delivered: to nobody
