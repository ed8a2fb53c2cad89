"""The staff area's screens and their main actions (offscreen, real catalogue and files)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.config import ContentRoot
from kiosk.kit.context import UiContext
from kiosk.kit.i18n import LanguageManager
from kiosk.kit.theme import Metrics
from kiosk.library import pin, settings
from kiosk.library.media_admin import list_media
from kiosk.store.database import Catalogue
from kiosk.store.models import Album, GeoPoint, Page, Place
from tests.media_factory import make_image
from tests.staff_touch_helpers import read_plainly
from tests.test_media_admin import add_media_rows


@pytest.fixture
def context(
    qapp: QApplication, sample_catalogue: Catalogue, content_root: ContentRoot
) -> UiContext:
    languages = LanguageManager(qapp)
    return UiContext(content_root, sample_catalogue, languages, Metrics(0.7))


@pytest.fixture
def area(qtbot: QtBot, context: UiContext, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    from kiosk.staff import StaffArea

    answers: list[bool] = []
    monkeypatch.setattr(
        "kiosk.staff.dialogs.confirm", lambda *_a: answers.pop(0) if answers else True
    )
    for module in (
        "media_tab",
        "catalogue_tabs.places_tab",
        "admin_tabs.backup_tab",
        "area",
    ):
        monkeypatch.setattr(
            f"kiosk.staff.{module}.confirm", lambda *_a: answers.pop(0) if answers else True
        )
    # Unsaved edits: the kiosk's question is answered « Ne pas enregistrer » unless a test says.
    from kiosk.staff.catalogue_tabs import unsaved

    unsaved_answers: list[unsaved.Choice] = []
    monkeypatch.setattr(
        unsaved,
        "ask",
        lambda *_a: unsaved_answers.pop(0) if unsaved_answers else unsaved.Choice.DISCARD,
    )
    widget = StaffArea(context)
    widget.answers = answers  # type: ignore[attr-defined]
    widget.unsaved_answers = unsaved_answers  # type: ignore[attr-defined]
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    yield widget


def test_every_tab_opens_and_the_exits_signal(area: object, qtbot: QtBot) -> None:
    from kiosk.staff import StaffArea

    assert isinstance(area, StaffArea)
    for name in (
        "media",
        "places",
        "map",
        "albums",
        "pages",
        "settings",
        "stats",
        "backup",
        "health",
    ):
        page = area.open_tab(name)
        assert area.stack.currentWidget() is page
    with qtbot.waitSignal(area.closed):
        area.back_button.click()
    with qtbot.waitSignal(area.quit_kiosk_requested):
        area.quit_button.click()


def test_another_tab_opens_at_its_top(area: object, qtbot: QtBot) -> None:
    """Réseau opened after a long tab scrolled to its end showed its middle, its title cut."""
    area.open_tab("albums")  # type: ignore[attr-defined]
    bar = area.page_scroll.verticalScrollBar()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=5000)
    bar.setValue(bar.maximum())
    area.open_tab("stats")  # type: ignore[attr-defined]
    assert bar.value() == 0


def test_media_import_with_progress_then_remove(
    area: object, qtbot: QtBot, tmp_path: Path, sample_catalogue: Catalogue
) -> None:
    from kiosk.staff.media_tab import MediaTab

    tab = area.open_tab("media")  # type: ignore[attr-defined]
    assert isinstance(tab, MediaTab)
    usb = tmp_path / "usb"
    usb.mkdir()
    make_image(usb / "nouveau.png", (640, 480), "#123456")
    (usb / "broken.jpg").write_bytes(b"nope")
    tab.browser.open_folder(usb)
    assert tab.browser.list.count() == 2
    tab.browser.list.selectAll()
    before = tab.model.rowCount()
    tab.import_selected.click()
    qtbot.waitUntil(lambda: not tab.progress.busy, timeout=20000)
    assert tab.last_report is not None
    assert "1 importé(s), 0 déjà présent(s), 1 refusé(s)" in read_plainly(tab.results.text())
    assert "broken.jpg : refusé" in read_plainly(tab.results.text())
    assert tab.model.rowCount() == before + 1
    row = next(i for i, e in enumerate(tab.entries) if e.name == "nouveau")
    tab.table.selectRow(row)
    tab.remove_selected()
    assert "nouveau" not in [e.name for e in list_media(sample_catalogue)]


def test_media_list_of_10000_shows_them_all_and_filters(
    area: object, qtbot: QtBot, sample_catalogue: Catalogue
) -> None:
    from kiosk.staff.media_tab import SHOW_IMAGES, SHOW_UNUSED, SHOW_VIDEOS

    add_media_rows(sample_catalogue, 10_000)
    tab = area.open_tab("media")  # type: ignore[attr-defined]
    model = tab.model
    assert model.rowCount() == 10_006
    assert tab.table.model() is model
    tab.grab()
    texts = [model.data(model.index(0, column)) for column in range(5)]
    first = tab.entries[0]
    # The first line is the name (a second says "à renommer" when it is still a file name).
    assert [texts[0].split("\n")[0], *texts[1:3]] == [
        first.name,
        model.labels[first.kind],
        model.labels[first.role],
    ]
    vignette = next(row for row in range(10_006) if model.entry_at(row).title == "Le Mazier")
    assert model.data(model.index(vignette, 4)) == "vidéo du lieu « Le Mazier »"
    photo = next(row for row in range(10_006) if model.entry_at(row).role.value == "photo")
    assert model.data(model.index(photo, 4)) == "inutilisé"
    # Every vignette is on the visitors' videos screen: never "inutilisé".
    lone = next(row for row in range(10_006) if model.entry_at(row).path.endswith("/00003.bin"))
    assert model.data(model.index(lone, 4)) == "vidéo de l'écran Vidéos"

    def show(what: str) -> int:
        tab.show_choice.setCurrentIndex(tab.show_choice.findData(what))
        return int(model.rowCount())

    assert show(SHOW_VIDEOS) == 3334 + 2
    assert {entry.kind.value for entry in tab.entries} == {"video"}
    assert show(SHOW_IMAGES) == 6666 + 4
    # The vignettes are on the videos screen, the sample's aftermovie is the film: used.
    assert show(SHOW_UNUSED) == 6666
    tab.search.setText("Le Mazier")
    assert model.rowCount() == 0  # the vignette of Le Mazier is used
    show("all")
    assert [entry.title for entry in tab.entries] == ["Le Mazier"]
    tab.search.setText("FAITES des tiers")  # a use, whatever the case
    assert [entry.role.value for entry in tab.entries] == ["drawing"] * 3
    tab.search.setText("lot/00042.bin")
    (target,) = tab.entries
    tab.table.selectRow(0)
    tab.search.setText("")
    assert model.rowCount() == 10_006
    assert tab.selected_entry() == target  # the selection follows the media, not the row
    tab.search.setText("00042")
    tab.remove_selected()
    assert model.rowCount() == 0
    assert "00042" not in {Path(e.path).stem for e in list_media(sample_catalogue)}
    tab.search.clear()
    assert model.rowCount() == 10_005


def test_media_import_can_be_cancelled(area: object, qtbot: QtBot, tmp_path: Path) -> None:
    from PIL import Image

    tab = area.open_tab("media")  # type: ignore[attr-defined]
    big = tmp_path / "big.png"
    Image.effect_noise((3000, 3000), 80).convert("RGB").save(big)
    files = [big] + [make_image(tmp_path / f"{i}.png", (300 + i, 200)) for i in range(3)]
    tab.start_import(files)
    tab.progress.cancel_button.click()
    qtbot.waitUntil(lambda: not tab.progress.busy, timeout=20000)
    assert (
        tab.last_report is not None and tab.last_report.cancelled
    ) or "Annul" in tab.results.text()
    assert not list((tab.context.root.assets_dir).glob(".partial-*"))


def test_place_edit_pin_and_publish(area: object, sample_catalogue: Catalogue) -> None:
    tab = area.open_tab("places")  # type: ignore[attr-defined]
    row = next(i for i, r in enumerate(tab.rows) if r[1] == "La MAGIC")
    tab.places.setCurrentRow(row)
    tab.commune.setText("Moulins")
    tab.tags.setText("ESS, culture")
    tab.description.setPlainText("# Titre\n\nUn **lieu**.")
    assert "lieu" in tab.preview.toPlainText()
    tab.map.tapped.emit(0.25, 0.75)
    tab.published.setChecked(False)
    assert tab.save()
    with sample_catalogue.session() as session:
        place = session.scalars(select(Place).where(Place.slug == "la-magic")).one()
        assert (place.commune, place.map_x, place.map_y, place.published) == (
            "Moulins",
            0.25,
            0.75,
            False,
        )
        assert [t.name for t in place.tags] == ["ESS", "culture"]
    tab.latitude.setText("abc")
    assert not tab.save() and "nombre" in read_plainly(tab.message.text())
    tab.new_place()
    tab.latitude.clear()
    tab.name.setText("Bardane")
    assert tab.save()
    with sample_catalogue.session() as session:
        assert session.scalars(select(Place).where(Place.slug == "bardane")).one()


def test_map_reference_points_show_their_error(area: object, sample_catalogue: Catalogue) -> None:
    tab = area.open_tab("map")  # type: ignore[attr-defined]
    for label, lat, lon, fx, fy in (
        ("Moulins", 46.5653, 3.3333, 0.8, 0.4),
        ("Montluçon", 46.3408, 2.6033, 0.1, 0.7),
        ("Vichy", 46.1244, 3.4283, 0.9, 0.9),
    ):
        tab.point_label.setText(label)
        tab.latitude.setValue(lat)
        tab.longitude.setValue(lon)
        tab.add_point(fx, fy)
    assert tab.points.rowCount() == 3
    assert tab.points.item(0, 3).text().endswith("px")
    tab.title.setText("Carte des tiers-lieux")
    tab.save()
    with sample_catalogue.session() as session:
        assert len(session.scalars(select(GeoPoint)).all()) == 3


def test_album_order_by_buttons_and_caption(area: object, sample_catalogue: Catalogue) -> None:
    tab = area.open_tab("albums")  # type: ignore[attr-defined]
    before = tab.item_order()
    tab.items.setCurrentRow(0)
    tab.caption.setText("Le forum")
    tab.caption.textEdited.emit("Le forum")
    tab.move_item(1)
    tab.save()
    with sample_catalogue.session() as session:
        album = session.scalars(select(Album)).one()
        assert [item.id for item in album.items] == [before[1], before[0], before[2]]
        assert album.items[1].caption == "Le forum"


def test_page_edit_with_live_preview(area: object, sample_catalogue: Catalogue) -> None:
    tab = area.open_tab("pages")  # type: ignore[attr-defined]
    tab.body_en.setPlainText("# Hello\n\nSome *text*.")
    assert "Hello" in tab.preview_en.toPlainText()
    tab.save()
    with sample_catalogue.session() as session:
        assert session.scalars(select(Page)).one().body_en == "# Hello\n\nSome *text*."


def test_settings_and_pin(area: object, sample_catalogue: Catalogue) -> None:
    tab = area.open_tab("settings")  # type: ignore[attr-defined]
    tab.idle.setValue(120)
    grid = tab.hours
    assert grid.always.isChecked()  # the sample sets no hours: always open
    grid.always.setChecked(False)
    for day in ("tue", "wed", "thu", "fri", "sat", "sun"):
        grid.open_day[day].setChecked(False)
    grid.opening["mon"].setCurrentText("09:30")
    grid.closing["mon"].setCurrentText("18:00")
    tab.drawings_per_film.setValue(2)
    tab.attract_volume.setValue(35)
    assert tab.save()
    assert read_plainly(tab.message.text()) == "Réglages enregistrés."
    stored = settings.load(sample_catalogue)
    assert stored.idle_timeout_s == 120 and stored.opening_hours == {"mon": ["09:30", "18:00"]}
    assert (stored.attract_drawings_per_film, stored.attract_volume) == (2, 35)
    tab.refresh()
    assert not grid.open_day["tue"].isChecked() and grid.opening["mon"].currentText() == "09:30"
    grid.closing["mon"].setCurrentText("08:00")
    assert not tab.save() and "Heures d'ouverture, Lundi" in read_plainly(tab.message.text())
    assert "opening_hours" not in tab.message.text()  # the day in French, no setting's key
    grid.closing["mon"].setCurrentText("18:00")
    grid.open_day["mon"].setChecked(False)
    assert not tab.save() and "au moins un jour" in read_plainly(tab.message.text())
    grid.open_day["mon"].setChecked(True)
    tab.rotation.setCurrentIndex(tab.rotation.findData(90))
    assert tab.save() and "prochain démarrage" in read_plainly(tab.message.text())
    tab.pin1.setText("2468")
    tab.pin2.setText("2469")
    assert not tab.change_pin()
    tab.pin2.setText("2468")
    assert tab.change_pin()
    assert pin.check_pin(sample_catalogue, "2468")


def test_stats_export_csv(area: object, sample_catalogue: Catalogue, tmp_path: Path) -> None:
    from kiosk.library import usage

    usage.record(
        sample_catalogue, [usage.Event(usage.PLACE, "le-mazier"), usage.Event(usage.VISIT, "40")]
    )
    tab = area.open_tab("stats")  # type: ignore[attr-defined]
    assert read_plainly(tab.totals.text()).startswith(
        "1 visite, 1 minute en tout, du "
    )  # 40 s: one minute
    assert tab.places_chart.values == [("Le Mazier", 1.0)]
    assert tab.export_csv() is None  # no folder open yet: nothing written anywhere
    assert "Ouvrez d'abord" in read_plainly(tab.message.text())
    usb = tmp_path / "usb"
    usb.mkdir()
    tab.export_button.click()
    tab.browser.open_folder(usb)
    tab.write_button.click()
    (path,) = usb.glob("statistiques-borne-*.csv")
    assert "Lieu;Le Mazier;1" in path.read_text(encoding="utf-8-sig")
    assert path.name in [tab.browser.list.item(i).text() for i in range(tab.browser.list.count())]


def test_backup_export_examine_and_merge(area: object, qtbot: QtBot, tmp_path: Path) -> None:
    tab = area.open_tab("backup")  # type: ignore[attr-defined]
    usb = tmp_path / "usb-backup"
    usb.mkdir()
    tab.browser.open_folder(usb)
    tab.export_button.click()
    qtbot.waitUntil(lambda: not tab.progress.busy, timeout=20000)
    (bundle,) = usb.glob("*.tar")
    assert "Lot écrit" in read_plainly(tab.message.text())
    tab.examine(bundle)
    qtbot.waitUntil(lambda: not tab.progress.busy, timeout=20000)
    assert tab.merge_button.isEnabled()
    assert "rien n'a encore changé" in read_plainly(tab.message.text())
    tab.apply(replace=False)
    qtbot.waitUntil(lambda: not tab.progress.busy, timeout=20000)
    assert read_plainly(tab.message.text()) == "Lot appliqué."
    bad = tmp_path / "bad.tar"
    bad.write_bytes(b"not a tar" * 100)
    tab.examine(bad)
    qtbot.waitUntil(lambda: not tab.progress.busy, timeout=20000)
    assert "bad.tar" in read_plainly(tab.message.text()) and not tab.merge_button.isEnabled()


def test_health_check_and_fix(area: object, qtbot: QtBot, content_root: ContentRoot) -> None:
    from kiosk.library.durable import TEMP_PREFIX
    from tests.test_staff_plain_words import JARGON

    orphan = make_image(content_root.assets_dir / "oublie.png")
    (content_root.assets_dir / f"{TEMP_PREFIX}x.png").write_bytes(b"half")
    tab = area.open_tab("health")  # type: ignore[attr-defined]
    tab.run_check()
    qtbot.waitUntil(lambda: tab.report is not None and not tab.progress.busy, timeout=20000)
    found = tab.card_texts()
    # Titled by what it is, the path in the technical detail (a path means nothing to staff).
    assert any(
        text.startswith("Un fichier image que rien n'utilise\n")
        and "Détail technique : assets/oublie.png (aucun média de la borne ne le nomme)" in text
        for text in found
    )
    assert any(text.startswith(f"assets/{TEMP_PREFIX}x.png : copie interrompue") for text in found)
    tab.run_fix()
    assert not orphan.exists()
    assert list((content_root.home / "trash").rglob("oublie.png"))
    done = tab.card_texts()
    assert any(
        text.startswith(
            "fichier que rien n'utilise mis de côté (dans la Corbeille de la borne) : "
            "assets/oublie.png"
        )
        for text in done
    )
    # A volunteer's words, before and after the fix (the file names aside).
    words = " ".join(found + done).replace(TEMP_PREFIX, "").casefold()
    assert not [word for word in (*JARGON, "partiel", "intègre") if word in words]


def test_health_cards_name_damaged_media_and_open_them_in_the_media_tab(
    area: object,
    qtbot: QtBot,
    sample_catalogue: Catalogue,
    content_root: ContentRoot,
    tmp_path: Path,
) -> None:
    from kiosk.staff.admin_tabs import HealthTab
    from kiosk.staff.media_tab import MediaTab
    from tests.test_health import damage_the_sample

    paths = damage_the_sample(sample_catalogue, content_root, tmp_path)
    tab = area.open_tab("health")  # type: ignore[attr-defined]
    assert isinstance(tab, HealthTab)
    tab.run_check()
    qtbot.waitUntil(lambda: tab.report is not None and not tab.progress.busy, timeout=20000)
    texts = tab.card_texts()
    errors = [card for card in tab.cards if card.objectName() == "HealthError"]
    assert len(errors) == 4 and tab.cards[:4] == errors  # errors first
    film = next(text for text in texts if text.startswith("Film « Le film »"))
    assert "fichier tronqué" in film and "Utilisé par : le film de l'écran Vidéos." in film
    assert "Pour les visiteurs : hors des listes des visiteurs jusqu'à réparation." in film
    assert "À faire : Réimportez le fichier d'origine depuis la clé" in film
    assert f"Détail technique : {paths['film']}" in film
    mazier = next(text for text in texts if text.startswith("Vidéo d'un lieu « Le Mazier »"))
    assert "Utilisé par : vidéo du lieu « Le Mazier »." in mazier
    assert "Le fichier a disparu : réimportez-le" in mazier
    assert any(t.startswith("Vidéo « La fête du village »") and "abîmé" in t for t in texts)
    drawing = next(text for text in texts if text.startswith("Dessin sans titre"))
    assert "dessin du carnet « Faites des tiers-lieux »" in drawing
    # Each media card has a finger-sized button; the film's opens the Médias tab on the film.
    for card in errors:
        button = card.open_button
        assert button is not None
        # A card added to a shown list is shown by a queued call: let the event loop run it.
        qtbot.waitUntil(button.isVisible)
        assert button.height() >= tab.context.metrics.touch
    film_card = next(card for card in errors if card.headline.text().startswith("Film"))
    assert film_card.open_button is not None
    film_card.open_button.click()
    media = area.stack.currentWidget()  # type: ignore[attr-defined]
    assert isinstance(media, MediaTab)
    selected = media.selected_entry()
    assert selected is not None and selected.path == paths["film"]
    assert read_plainly(media.search.text()) == "Le film" and media.replace_button.isEnabled()


def test_portrait_layout_builds(
    qtbot: QtBot, qapp: QApplication, sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    from kiosk.staff import StaffArea

    context = UiContext(content_root, sample_catalogue, LanguageManager(qapp), Metrics(0.6), True)
    widget = StaffArea(context)
    qtbot.addWidget(widget)
    for name in widget.factories:
        widget.open_tab(name)
    assert read_plainly(widget.tab_buttons["media"].text()) == ""


def test_the_media_list_says_kinds_and_roles_in_the_staff_s_words(
    qtbot: QtBot, context: UiContext
) -> None:
    from kiosk.staff.media_tab import MediaTab

    tab = MediaTab(context)
    qtbot.addWidget(tab)
    shown = {
        (tab.model.index(row, 1).data(), tab.model.index(row, 2).data())
        for row in range(tab.model.rowCount())
    }
    assert ("image", "dessin") in shown and ("vidéo", "film") in shown
    assert not {role for _kind, role in shown} & {"drawing", "aftermovie", "map"}


def _click(qtbot: QtBot, widget: object) -> None:
    """A tap on ``widget``, scrolled into view first as a finger would (a form taller than the
    window scrolls)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QScrollArea, QWidget

    assert isinstance(widget, QWidget)
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget)
        parent = parent.parentWidget()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _type(qtbot: QtBot, field: object, text: str) -> None:
    field.clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(field, text)
    assert read_plainly(field.text()) == text  # type: ignore[attr-defined]


def _places_rows(catalogue: Catalogue) -> list[tuple[object, ...]]:
    with catalogue.session() as session:
        return [
            (
                p.id,
                p.slug,
                p.name,
                p.commune,
                p.website,
                p.description,
                tuple(t.name for t in p.tags),
            )
            for p in session.scalars(select(Place).order_by(Place.id))
        ]


def test_the_place_editor_says_what_the_gate_refuses_and_changes_nothing(
    area: object, qtbot: QtBot, sample_catalogue: Catalogue
) -> None:
    tab = area.open_tab("places")  # type: ignore[attr-defined]
    tab.places.setCurrentRow(next(i for i, r in enumerate(tab.rows) if r[1] == "La MAGIC"))
    before = _places_rows(sample_catalogue)
    rien = " ; rien n'a changé."

    _type(qtbot, tab.name, 'La Ferme <img src="/dev/zero">')
    _click(qtbot, tab.save_button)
    assert (
        read_plainly(tab.message.text())
        == "Nom : balise HTML interdite (un nom est du texte simple)" + rien
    )
    assert _places_rows(sample_catalogue) == before

    _type(qtbot, tab.name, "La MAGIC")
    _type(qtbot, tab.website, "javascript:alert(1)")
    _click(qtbot, tab.save_button)
    assert read_plainly(tab.message.text()) == (
        "Site web : seules les adresses http:// et https:// sont acceptées" + rien
    )
    _type(qtbot, tab.website, "http://<img src=%2ftmp%2fx.png>.fr")
    _click(qtbot, tab.save_button)
    assert read_plainly(tab.message.text()).startswith(
        "Site web : caractère interdit dans une adresse web"
    )
    _type(qtbot, tab.website, "www.lamagic.fr")
    _type(qtbot, tab.tags, "ESS, <b>gras</b>")
    _click(qtbot, tab.save_button)
    assert (
        read_plainly(tab.message.text())
        == "Mots-clés : balise HTML interdite (un nom est du texte simple)" + rien
    )
    _type(qtbot, tab.tags, "ESS")
    _type(qtbot, tab.slug, "La MAGIC !")
    _click(qtbot, tab.save_button)
    assert read_plainly(tab.message.text()).startswith("Identifiant : un identifiant en minuscules")
    tab.description.setPlainText("Une cloche \x07 dans le texte")
    _type(qtbot, tab.slug, "la-magic")
    _click(qtbot, tab.save_button)
    assert read_plainly(tab.message.text()) == (
        "Texte : caractère de contrôle interdit (U+0007)" + rien
    )
    assert _places_rows(sample_catalogue) == before

    tab.description.setPlainText("Un lieu.")
    _click(qtbot, tab.save_button)
    assert read_plainly(tab.message.text()) == "Enregistré."
    with sample_catalogue.session() as session:
        place = session.scalars(select(Place).where(Place.slug == "la-magic")).one()
        assert place.website == "https://www.lamagic.fr" and place.description == "Un lieu."

    # A new place whose name is only zero-width spaces is no place.
    count = len(_places_rows(sample_catalogue))
    tab.new_button.click()
    tab.name.setText("\u200b\u200b")
    _click(qtbot, tab.save_button)
    assert read_plainly(tab.message.text()).startswith("Nom : vide ou fait seulement d'espaces")
    assert len(_places_rows(sample_catalogue)) == count


def test_album_page_and_map_editors_say_what_the_gate_refuses(
    area: object, qtbot: QtBot, sample_catalogue: Catalogue
) -> None:
    from kiosk.store.models import MapImage

    rien = " ; rien n'a changé."
    albums = area.open_tab("albums")  # type: ignore[attr-defined]
    with sample_catalogue.session() as session:
        album_before = [(a.title, a.credit) for a in session.scalars(select(Album))]
    _type(qtbot, albums.title, "<img src=x>")
    _click(qtbot, albums.save_button)
    assert read_plainly(albums.message.text()) == (
        "Titre : balise HTML interdite (un nom est du texte simple)" + rien
    )
    albums.title.setText("Carnet")
    albums.items.setCurrentRow(0)
    albums.caption.setText("bip \x1b[2J")
    albums.caption.textEdited.emit("bip \x1b[2J")
    _click(qtbot, albums.save_button)
    assert (
        read_plainly(albums.message.text())
        == "Légende : caractère de contrôle interdit (U+001B)" + rien
    )
    with sample_catalogue.session() as session:
        assert [(a.title, a.credit) for a in session.scalars(select(Album))] == album_before

    pages = area.open_tab("pages")  # type: ignore[attr-defined]
    with sample_catalogue.session() as session:
        page_before = [(p.title, p.body) for p in session.scalars(select(Page))]
    _type(qtbot, pages.title, "<script>alert(1)</script>")
    _click(qtbot, pages.save_button)
    assert read_plainly(pages.message.text()).startswith("Titre : balise HTML interdite")
    pages.title.setText("Infos")
    pages.body.setPlainText("Texte \x1b[31m rouge")
    _click(qtbot, pages.save_button)
    assert read_plainly(pages.message.text()) == (
        "Texte en français : caractère de contrôle interdit (U+001B)" + rien
    )
    with sample_catalogue.session() as session:
        assert [(p.title, p.body) for p in session.scalars(select(Page))] == page_before

    map_tab = area.open_tab("map")  # type: ignore[attr-defined]
    with sample_catalogue.session() as session:
        map_before = [(m.title, m.credit) for m in session.scalars(select(MapImage))]
    _type(qtbot, map_tab.title, "<img src=/dev/zero>")
    _click(qtbot, map_tab.save_button)
    assert read_plainly(map_tab.message.text()).startswith("Titre : balise HTML interdite")
    _type(qtbot, map_tab.point_label, "<b>Moulins</b>")
    assert not map_tab.add_point(0.5, 0.5)
    assert read_plainly(map_tab.message.text()).startswith("Commune : balise HTML interdite")
    with sample_catalogue.session() as session:
        assert [(m.title, m.credit) for m in session.scalars(select(MapImage))] == map_before
        assert not session.scalars(select(GeoPoint)).all()
