from __future__ import annotations

import json

import pytest

from kiosk.library import settings
from kiosk.library.settings import KioskSettings, SettingsError
from kiosk.store.database import Catalogue


def test_a_new_kiosk_has_the_defaults(catalogue: Catalogue) -> None:
    assert settings.load(catalogue) == KioskSettings()
    assert KioskSettings().idle_timeout_s == 90


def test_saved_values_are_read_back(catalogue: Catalogue) -> None:
    settings.save(
        catalogue,
        idle_timeout_s=120,
        attract_muted=False,
        opening_hours={"mon": ["09:00", "18:00"]},
    )
    loaded = settings.load(catalogue)
    assert loaded.idle_timeout_s == 120
    assert loaded.attract_muted is False
    assert loaded.opening_hours == {"mon": ["09:00", "18:00"]}


@pytest.mark.parametrize(
    "changes,field",
    [
        ({"idle_timeout_s": 5}, "idle_timeout_s"),
        ({"idle_timeout_s": "90"}, "idle_timeout_s"),
        ({"volume": True}, "volume"),
        ({"rotation": 45}, "rotation"),
        ({"default_language": "de"}, "default_language"),
        ({"opening_hours": {"mon": ["18:00", "09:00"]}}, "opening_hours"),
        ({"opening_hours": {"lundi": ["09:00", "18:00"]}}, "opening_hours"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_a_bad_value_names_the_field_and_changes_nothing(
    catalogue: Catalogue, changes: dict[str, object], field: str
) -> None:
    settings.save(catalogue, idle_timeout_s=100)
    with pytest.raises(SettingsError, match=field):
        settings.save(catalogue, **changes)
    assert settings.load(catalogue).idle_timeout_s == 100


def test_a_damaged_stored_value_falls_back_to_the_default(catalogue: Catalogue) -> None:
    # Damage from outside the kiosk (the gate refuses "not json" from any door of its own).
    with catalogue.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO settings (key, value) VALUES ('volume', 'not json'), ('rotation', '33')"
        )
    loaded = settings.load(catalogue)
    assert loaded.volume == KioskSettings().volume
    assert loaded.rotation == 0


NESTED = "[" * 1100 + "]" * 1100  # 2,200 characters: json.loads raises RecursionError


def test_a_value_nested_too_deep_is_ignored_and_logged_once(
    catalogue: Catalogue, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Once per process: an earlier test (a CLI one) may have logged this same value already.
    monkeypatch.setattr(settings, "_logged", set())
    with catalogue.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO settings (key, value) VALUES ('opening_hours', ?), ('volume', '40')",
            (NESTED,),
        )
    with caplog.at_level("WARNING", logger="kiosk.library.settings"):
        loaded = settings.load(catalogue)
        settings.load(catalogue)
    assert loaded.opening_hours == KioskSettings().opening_hours and loaded.volume == 40
    logged = [r.getMessage() for r in caplog.records if "opening_hours" in r.getMessage()]
    assert len(logged) == 1 and "imbriquée trop profondément" in logged[0]
    assert settings.stored_problems({"opening_hours": NESTED, "volume": "40"}) == {
        "opening_hours": "opening_hours : valeur illisible (imbriquée trop profondément)."
    }


@pytest.mark.parametrize(
    "hours",
    [
        ["09:00\n", "18:00"],  # "$" matched before a final newline
        ["09:00", "09:00\n"],  # ...which also made a zero-length day
        ["0٩:00", "18:00"],  # an Arabic-Indic nine: "\d" took any Unicode digit
        ["09:00", "１８:00"],  # full-width digits
        ["09:00", "09:00"],  # a zero-length day
        ["09:00", "12:00", "12:00", "18:00"],  # a zero-length break
        ["09:00", "12:00", "14:00", "14:00"],  # a zero-length afternoon
    ],
)
def test_opening_hours_are_ascii_times_of_non_empty_ranges(
    catalogue: Catalogue, hours: list[str]
) -> None:
    with pytest.raises(SettingsError, match="opening_hours"):
        settings.save(catalogue, opening_hours={"mon": hours})
    assert settings.load(catalogue).opening_hours == {}
    assert settings.stored_problem("opening_hours", json.dumps({"mon": hours})) is not None
