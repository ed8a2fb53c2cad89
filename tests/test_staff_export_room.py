"""Room for the file lists and whole button texts: the Statistiques export at 1280x800 (its
buttons were cut: « Écrire le fichier dans ce dossi », « Ferm »), the Médias file list of five
rows at least with a gap before the role drop-down, and the CSV's place named as the file
browser names it (never a raw path)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.config import ContentRoot
from kiosk.store.database import Catalogue
from tests.staff_touch_helpers import read_plainly
from tests.test_staff_touch_keyboard import build_area


@pytest.mark.parametrize("size", ["1920x1080", "1280x800"])
def test_the_export_buttons_show_their_whole_text_and_the_place_by_its_name(
    qapp: QApplication,
    qtbot: QtBot,
    sample_catalogue: Catalogue,
    content_root: ContentRoot,
    tmp_path: Path,
    size: str,
) -> None:
    area = build_area(qtbot, qapp, sample_catalogue, content_root, size)
    tab = area.open_tab("stats")  # type: ignore[attr-defined]
    stick = tmp_path / "mnt" / "CLE_JULIE"
    stick.mkdir(parents=True)
    tab.browser.removable_roots = (tmp_path / "mnt",)
    tab.export_button.click()
    QApplication.processEvents()
    for widget in (tab.write_button, tab.close_export):
        assert widget.isVisible()
        assert widget.width() >= widget.sizeHint().width(), read_plainly(widget.text())
    # The list of files has the room the charts leave while the export is open.
    assert not tab.charts.isVisible()
    assert tab.browser.list.height() >= 3 * tab.browser.thumb_size.height()
    tab.browser.open_folder(stick)
    tab.write_button.click()
    message = read_plainly(tab.message.text())
    assert "Clé USB « CLE_JULIE »" in message and str(tmp_path) not in message
    tab.close_export.click()
    assert tab.charts.isVisible() and not tab.export_panel.isVisible()


def test_the_medias_file_list_has_five_rows_and_a_gap_before_the_role(
    qapp: QApplication, qtbot: QtBot, sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    area = build_area(qtbot, qapp, sample_catalogue, content_root, "1920x1080")
    importer = area.pages["media"].importer  # type: ignore[attr-defined]
    QApplication.processEvents()
    files = importer.browser.list
    assert files.height() >= 5 * importer.browser.thumb_size.height()
    list_bottom = files.mapTo(area, QPoint(0, files.height())).y()
    role_top = importer.role_choice.mapTo(area, QPoint(0, 0)).y()
    assert role_top - list_bottom >= 16
    assert not importer.results_area.isVisible()  # no empty band before an import
