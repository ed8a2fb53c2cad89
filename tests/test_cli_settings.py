"""``kiosk settings list|get|set``: through ``kiosk.cli.main`` on a temporary ``--home``, with the
real catalogue file; an impossible value or an unknown key is one French line, status 2, and
changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.cli import EXIT_OK, EXIT_USAGE, main
from kiosk.library import pin, settings
from kiosk.store.database import Catalogue


def kiosk(home: Path, *args: str) -> int:
    return main(["--home", str(home), *args])


def stored(home: Path) -> settings.KioskSettings:
    catalogue = Catalogue(home / "data.db")
    try:
        return settings.load(catalogue)
    finally:
        catalogue.close()


def test_list_shows_every_setting_its_value_default_and_scope(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "borne"
    assert kiosk(home, "settings", "list") == EXIT_OK
    assert not (home / "data.db").exists()  # reading creates nothing
    out = capsys.readouterr().out
    lines = {line.split()[0]: line for line in out.splitlines() if line and line[0] != "*"}
    assert set(lines) == set(settings.FIELD_TYPES)
    assert "90  (par défaut : 90 ; portée : cette borne)" in lines["idle_timeout_s"]
    assert "portée : contenu" in lines["default_language"]
    assert '"dark"' in lines["closed_display"]

    assert kiosk(home, "settings", "set", "idle_timeout_s", "120") == EXIT_OK
    capsys.readouterr()
    assert kiosk(home, "settings", "list") == EXIT_OK
    out = capsys.readouterr().out
    assert "120 *  (par défaut : 90 ; portée : cette borne)" in out


@pytest.mark.parametrize(
    ("key", "text", "expected"),
    [
        ("idle_timeout_s", "120", 120),
        ("closed_display", "blank", "blank"),  # a plain word
        ("closed_display", '"dark"', "dark"),  # or JSON
        ("attract_muted", "false", False),
        ("hide_cursor", "non", False),
        ("rotation", "90", 90),
        ("opening_hours", '{"sat": ["10:00", "19:00"]}', {"sat": ["10:00", "19:00"]}),
        ("opening_hours", "{}", {}),
    ],
)
def test_set_then_get(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], key: str, text: str, expected: object
) -> None:
    home = tmp_path / "borne"
    assert kiosk(home, "settings", "set", key, text) == EXIT_OK
    out = capsys.readouterr().out
    assert f"{key} = {json.dumps(expected, ensure_ascii=False)}" in out
    assert getattr(stored(home), key) == expected
    assert kiosk(home, "settings", "get", key) == EXIT_OK
    assert json.loads(capsys.readouterr().out) == expected


@pytest.mark.parametrize(
    ("key", "text", "reason"),
    [
        ("idle_timeout_s", "5", "entre 15 et 3600"),
        ("idle_timeout_s", "NaN", "idle_timeout_s"),
        ("idle_timeout_s", "Infinity", "idle_timeout_s"),
        ("volume", "beaucoup", "volume"),
        ("rotation", "45", "0, 90, 180 ou 270"),
        ("closed_display", "gris", "« dark » ou « blank »"),
        ("opening_hours", '{"sam": ["10:00", "19:00"]}', "jour inconnu « sam »"),
        ("opening_hours", '{"sat": ["19:00", "10:00"]}', "l'ouverture avant la fermeture"),
    ],
)
def test_an_impossible_value_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], key: str, text: str, reason: str
) -> None:
    home = tmp_path / "borne"
    assert kiosk(home, "settings", "set", "volume", "55") == EXIT_OK
    before = stored(home)
    capsys.readouterr()
    assert kiosk(home, "settings", "set", key, text) == EXIT_USAGE
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and reason in lines[0] and "Rien n'a changé" in lines[0]
    assert "Traceback" not in captured.err
    assert stored(home) == before


@pytest.mark.parametrize("action", [["get"], ["set"]])
@pytest.mark.parametrize("key", ["couleur", "staff_pin", "staff_pin_lockout"])
def test_an_unknown_key_is_one_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], action: list[str], key: str
) -> None:
    home = tmp_path / "borne"
    extra = ["1234"] if action == ["set"] else []
    assert kiosk(home, "settings", *action, key, *extra) == EXIT_USAGE
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and key in err[0]
    assert ("kiosk pin set" in err[0]) == key.startswith("staff_pin")
    assert not (home / "data.db").exists()


def test_the_pin_is_not_a_setting_one_can_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "borne"
    home.mkdir()
    catalogue = Catalogue(home / "data.db")
    pin.set_pin(catalogue, "4821")
    catalogue.close()
    assert kiosk(home, "settings", "set", "staff_pin", '"0000"') == EXIT_USAGE
    catalogue = Catalogue(home / "data.db")
    try:
        assert pin.check_pin(catalogue, "4821")
    finally:
        catalogue.close()


def test_help_is_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["settings", "--help"])
    out = capsys.readouterr().out
    assert "cette borne" in out and "list" in out and "set" in out


def test_a_value_nested_too_deep_is_ignored_then_check_names_it_and_fix_resets_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert kiosk(tmp_path, "settings", "set", "volume", "40") == EXIT_OK
    catalogue = Catalogue(tmp_path / "data.db")
    try:
        with catalogue.engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO settings (key, value) VALUES ('opening_hours', ?)",
                ("[" * 1100 + "]" * 1100,),
            )
    finally:
        catalogue.close()
    capsys.readouterr()
    assert kiosk(tmp_path, "settings", "list") == EXIT_OK
    assert "opening_hours" in capsys.readouterr().out
    assert kiosk(tmp_path, "settings", "get", "opening_hours") == EXIT_OK
    assert json.loads(capsys.readouterr().out) == settings.KioskSettings().opening_hours
    assert kiosk(tmp_path, "check", "--quick") == EXIT_OK
    out = capsys.readouterr().out
    assert "réglage opening_hours" in out and "imbriquée trop profondément" in out
    assert kiosk(tmp_path, "check", "--quick", "--fix") == EXIT_OK
    assert "réglage opening_hours remis à sa valeur par défaut" in capsys.readouterr().out
    assert kiosk(tmp_path, "check", "--quick") == EXIT_OK
    assert "opening_hours" not in capsys.readouterr().out
    assert stored(tmp_path).volume == 40  # the others kept
