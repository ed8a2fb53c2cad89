"""The one gate: every content column declared, every kind of value checked, every ORM door."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from kiosk.config import ContentRoot, UnsafePathError
from kiosk.library import settings
from kiosk.store import validation
from kiosk.store.database import Catalogue
from kiosk.store.models import Base, Page, Place, Tag
from kiosk.store.validation import ValidationError, check_row, check_value, media_path_problem

NON_CONTENT_TABLES = {"usage_events", "alembic_version"}


def test_every_column_of_every_content_table_is_declared() -> None:
    content = {name for name in Base.metadata.tables if name not in NON_CONTENT_TABLES}
    assert content == set(validation.COLUMNS)
    for name in content:
        assert set(Base.metadata.tables[name].columns.keys()) == set(validation.COLUMNS[name])


def test_bundles_carry_every_declared_table_but_the_local_ones() -> None:
    from kiosk.library.bundles import CONTENT_TABLES

    assert set(CONTENT_TABLES) == set(validation.TRAVELLING_TABLES)
    assert "trash_items" in validation.LOCAL_TABLES and "trash_items" in validation.COLUMNS


def test_every_setting_has_a_scope() -> None:
    assert set(settings.SCOPES) == set(settings.FIELD_TYPES)
    assert settings.MACHINE_KEYS.isdisjoint(settings.CONTENT_KEYS)
    assert {"opening_hours", "volume", "rotation", "idle_timeout_s", "staff_pin"} <= (
        settings.MACHINE_KEYS
    )


@pytest.mark.parametrize(
    "value",
    [
        "data.db",
        "/etc/passwd",
        "../elsewhere/x.txt",
        "assets/../data.db",
        "assets/./x.png",
        "assets//x.png",
        "assets\\x.png",
        "C:/x.png",
        "logs/kiosk.log",
        "cache/x.png",
        "assets/.partial-abc.png",
        "assets/x\x00.png",
        "assets/x\x1b[2J.png",
        "assets",
        "",
        42,
        "Assets/x.png",
    ],
)
def test_media_paths_stay_under_the_media_folders(value: object) -> None:
    assert media_path_problem(value) is not None
    with pytest.raises(ValidationError, match=r"media_assets.subtitles_path"):
        check_value("media_assets", "subtitles_path", value)


def test_a_file_name_longer_than_the_file_system_allows_is_refused() -> None:
    assert "trop long" in (media_path_problem("assets/" + "é" * 128 + ".png") or "")
    assert media_path_problem("assets/" + "a" * 250 + ".png") is None


@pytest.mark.parametrize("value", ["assets/0123abcd.png", "videos/film.fr.srt", "assets/a/b.jpg"])
def test_good_media_paths_pass(value: str) -> None:
    assert media_path_problem(value) is None


@pytest.mark.parametrize(
    "value", [math.inf, -math.inf, math.nan, "12", True, 1e300, -1.0, [1], {"a": 1}]
)
def test_durations_are_finite_numbers_in_bounds(value: object) -> None:
    with pytest.raises(ValidationError):
        check_value("media_assets", "duration_s", value)


def test_ids_are_integers_not_lists_or_booleans() -> None:
    for value in ([1], True, "1", 1.0, 0, -3, 2**60):
        with pytest.raises(ValidationError, match=r"places.photo_id"):
            check_value("places", "photo_id", value)
    check_value("places", "photo_id", 7)
    check_value("places", "photo_id", None)


@pytest.mark.parametrize(
    "value",
    [
        'La Ferme <img src="/dev/zero">',
        "Le Mazier\x1b]0;pwned\x07",
        "\u200b\u200b",
        " \u2060 ",
        "",
        "Nom\nsur deux lignes",
        "Nom \u202eeman",
        "x" * 201,
        "<b>gras</b>",
        "<!-- commentaire -->",
        "Nom \u061c caché",
        # Each shows nothing on its own (found by the attacker review).
        "\ufe0f",
        "\u2800",
        "\u034f",
        "\uffa0",
        "\u180b",
        "\u17b4",
        "\U000e0100",
        "\u0332",
        "\ufe0f\ufe0f",
    ],
)
def test_names_are_plain_visible_single_lines(value: str) -> None:
    with pytest.raises(ValidationError, match=r"places.name"):
        check_value("places", "name", value)


@pytest.mark.parametrize("value", ["Le Mazier", "1,2,3 Bocage", "Café < 3 € « ouvert »", "Ça"])
def test_real_names_pass(value: str) -> None:
    check_value("places", "name", value)


def test_long_text_keeps_lines_but_refuses_escapes() -> None:
    check_value("pages", "body", "# Titre\n\nUn paragraphe\tavec une tabulation.")
    check_value("pages", "body", "<b>du HTML</b> : gardé, mais jamais rendu (voir page_view)")
    with pytest.raises(ValidationError, match=r"contrôle"):
        check_value("pages", "body", "texte \x1b[31m rouge")


@pytest.mark.parametrize(
    "value",
    [
        "http://<img src=%2ftmp%2fx.png>.fr",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "ftp://exemple.fr",
        "https://user:pass@exemple.fr",
        "https://exemple.fr@evil.fr",
        "http://localhost/",
        "http://127.0.0.1/",
        "http://192.168.1.1/",
        "https://exemple",
        "https://exemple.fr/a b",
        "https://-exemple.fr",
        "www.la-cordee.netla-cordee-opera",
        "en cours",
        "contact@exemple.fr",
        "https://exemple.fr:99999/",
        "https://exemple.123/",
        "https://\u0430pple.com",  # a Cyrillic а among Latin letters: a look-alike address
    ],
)
def test_web_addresses_are_parsed(value: str) -> None:
    assert validation.web_address_problem(value) is not None


@pytest.mark.parametrize(
    "value",
    [
        "https://bocagenumerique.com",
        "http://www.polymorphecorp.com/page?x=1#a",
        "https://movilab.org/wiki/Accueil",
        "https://xn--caf-dma.fr",
        "https://café.fr",
        "https://exemple.fr:8443/",
    ],
)
def test_real_web_addresses_pass(value: str) -> None:
    assert validation.web_address_problem(value) is None


def test_check_row_names_unknown_and_missing_columns() -> None:
    with pytest.raises(ValidationError, match=r"places.evil"):
        check_row("places", {"id": 1, "slug": "a", "name": "A", "evil": 1})
    with pytest.raises(ValidationError, match=r"places.name"):
        check_row("places", {"id": 1, "slug": "a"})
    with pytest.raises(ValidationError, match=r"usage_events"):
        check_row("usage_events", {"id": 1})


def test_check_references_names_the_dangling_key() -> None:
    rows = {"media_assets": [], "maps": [{"id": 1, "image_id": 9, "title": "Carte"}]}
    with pytest.raises(ValidationError, match=r"maps.image_id : renvoie à media_assets n°9"):
        validation.check_references(rows)


def test_settings_values_are_json_with_finite_numbers() -> None:
    check_value("settings", "value", '{"mon": ["09:00", "18:00"]}')
    for bad in ("NaN", "Infinity", "[" * 50_000, "{nope"):
        with pytest.raises(ValidationError):
            check_value("settings", "value", bad)


def test_content_settings_only_travel(tmp_path: Path) -> None:
    settings.check_content_setting("autoplay_interval_s", "10")
    with pytest.raises(settings.SettingsError, match=r"propre à chaque borne"):
        settings.check_content_setting("opening_hours", '{"wed": ["09:00", "18:00"]}')
    with pytest.raises(settings.SettingsError, match=r"inconnu"):
        settings.check_content_setting("evil", "1")
    with pytest.raises(settings.SettingsError):
        settings.check_content_setting("autoplay_interval_s", "1e999")


def test_every_orm_door_goes_through_the_gate(tmp_path: Path) -> None:
    catalogue = Catalogue(tmp_path / "data.db")
    try:
        with (
            pytest.raises(ValidationError, match=r"places.website"),
            catalogue.session() as session,
        ):
            session.add(Place(slug="ferme", name="La Ferme", website="javascript:alert(1)"))
        with pytest.raises(ValidationError, match=r"tags.name"), catalogue.session() as session:
            session.add(Tag(name="\u200b"))
        with catalogue.session() as session:
            session.add(Page(slug="ess", title="L'ESS", body="Texte"))
        with pytest.raises(ValidationError, match=r"pages.title"), catalogue.session() as session:
            page = session.query(Page).one()
            page.title = "Titre\x1b[2J"
        with catalogue.session() as session:
            assert session.query(Place).count() == 0
            assert session.query(Page).one().title == "L'ESS"
    finally:
        catalogue.close()


@pytest.mark.parametrize(
    "relative", ["data.db", "/etc/passwd", "../x", "assets/../data.db", "logs/kiosk.log", ""]
)
def test_content_root_refuses_paths_outside_the_media_folders(
    tmp_path: Path, relative: str
) -> None:
    root = ContentRoot(tmp_path)
    with pytest.raises(UnsafePathError):
        root.absolute(relative)


def test_content_root_refuses_links_out_of_the_media_folders(tmp_path: Path) -> None:
    root = ContentRoot(tmp_path)
    root.ensure_folders()
    (tmp_path / "secret.txt").write_text("secret")
    (root.assets_dir / "link.png").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(UnsafePathError, match=r"lien"):
        root.absolute("assets/link.png")
    assert root.absolute("assets/real.png") == root.assets_dir / "real.png"


def test_screens_get_no_path_for_a_row_the_content_root_refuses(tmp_path: Path) -> None:
    root = ContentRoot(tmp_path)
    root.ensure_folders()
    (tmp_path / "outside.png").write_bytes(b"x")
    (root.assets_dir / "link.png").symlink_to(tmp_path / "outside.png")
    assert root.media_file("assets/link.png") is None
    assert root.media_file("/etc/passwd") is None
    assert root.media_file("assets/ok.png") == root.assets_dir / "ok.png"
