"""The kiosk's settings: typed, validated, stored as JSON values in the ``settings`` table.

Every setting has a default, so a new kiosk works without any row. ``load`` returns a frozen
:class:`KioskSettings`; ``save`` validates every field (a bad value raises :class:`SettingsError`
naming the field and changes nothing).

Every setting also has a scope (:data:`SCOPES`): *content* settings belong to the content and
travel with it in bundles and releases; *machine* settings belong to this kiosk (its opening
hours, its screen, its sound, its PIN) and never leave it: no export carries them and no import
changes them.
"""

from __future__ import annotations

import dataclasses
import enum
import itertools
import json
import logging
import re
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.store.database import Catalogue

TIME_PATTERN = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")  # ASCII digits, with fullmatch
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = dict(
    zip(
        WEEKDAYS,
        ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
        strict=True,
    )
)


class SettingsError(ValueError):
    """A setting with a value it cannot take; the message names the field and the reason."""


@dataclass(frozen=True)
class KioskSettings:
    idle_timeout_s: int = 90
    idle_countdown_s: int = 10
    attract_muted: bool = True
    attract_drawings: bool = True
    attract_film: bool = True  # the aftermovie plays in the attract loop
    attract_drawings_per_film: int = 4  # drawings between two showings (0: the film loops alone)
    attract_film_first: bool = True  # the loop begins with the film (else with the drawings)
    attract_volume: int = 20  # the film's sound in the loop when not muted (attract_muted)
    volume: int = 80
    autoplay_interval_s: int = 8
    default_language: str = "fr"
    rotation: int = 0
    hide_cursor: bool = True
    staff_timeout_s: int = 300
    # Opening hours: {"mon": ["09:00", "18:00"], "tue": ["09:00", "12:00", "14:00", "18:00"], …}
    # (one range, or the morning and the afternoon); a missing day means closed all day; an
    # empty mapping means always open.
    opening_hours: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    closed_display: str = "dark"  # "dark" (an "à bientôt" screen) or "blank" (display off)
    # The videos screen shows the film of the road trip (media_assets.is_film) first; the other
    # aftermovie-role videos ("autres films") after it, or not at all.
    show_other_films: bool = True

    def validate(self) -> None:
        def check(condition: bool, name: str, reason: str) -> None:
            if not condition:
                raise SettingsError(f"{name} : {reason}.")

        for field in fields(self):
            value = getattr(self, field.name)
            expected = EXPECTED_TYPES[field.name]
            check(
                isinstance(value, expected) and not (expected is int and isinstance(value, bool)),
                field.name,
                f"valeur de type {type(value).__name__} au lieu de {expected.__name__}",
            )
        check(15 <= self.idle_timeout_s <= 3600, "idle_timeout_s", "entre 15 et 3600 secondes")
        check(3 <= self.idle_countdown_s <= 60, "idle_countdown_s", "entre 3 et 60 secondes")
        check(0 <= self.volume <= 100, "volume", "entre 0 et 100")
        check(0 <= self.attract_volume <= 100, "attract_volume", "entre 0 et 100")
        check(
            0 <= self.attract_drawings_per_film <= 100,
            "attract_drawings_per_film",
            "entre 0 et 100 dessins",
        )
        check(
            3 <= self.autoplay_interval_s <= 120, "autoplay_interval_s", "entre 3 et 120 secondes"
        )
        check(self.default_language in ("fr", "en"), "default_language", "« fr » ou « en »")
        check(self.rotation in (0, 90, 180, 270), "rotation", "0, 90, 180 ou 270")
        check(60 <= self.staff_timeout_s <= 3600, "staff_timeout_s", "entre 60 et 3600 secondes")
        check(self.closed_display in ("dark", "blank"), "closed_display", "« dark » ou « blank »")
        for day, hours in self.opening_hours.items():
            check(day in WEEKDAYS, "opening_hours", f"jour inconnu « {day} »")
            check(
                isinstance(hours, list)
                and len(hours) in (2, 4)
                and all(isinstance(h, str) and TIME_PATTERN.fullmatch(h) for h in hours)
                and all(earlier < later for earlier, later in itertools.pairwise(hours)),
                "opening_hours",
                f"{DAY_NAMES.get(day, day)} : il faut l'heure d'ouverture puis celle de fermeture "
                "(par exemple 09:00 et 18:00), ou le matin puis l'après-midi (quatre heures), "
                "chaque heure après la précédente (l'ouverture avant la fermeture)",
            )


class Scope(enum.StrEnum):
    CONTENT = "content"  # travels with the content (bundles, releases)
    MACHINE = "machine"  # this kiosk's own: never exported, never changed by an import


SCOPES: dict[str, Scope] = {
    "idle_timeout_s": Scope.MACHINE,
    "idle_countdown_s": Scope.MACHINE,
    "attract_muted": Scope.MACHINE,
    "attract_drawings": Scope.CONTENT,
    "attract_film": Scope.CONTENT,
    "attract_drawings_per_film": Scope.CONTENT,
    "attract_film_first": Scope.CONTENT,
    "attract_volume": Scope.MACHINE,
    "volume": Scope.MACHINE,
    "autoplay_interval_s": Scope.CONTENT,
    "default_language": Scope.CONTENT,
    "rotation": Scope.MACHINE,
    "hide_cursor": Scope.MACHINE,
    "staff_timeout_s": Scope.MACHINE,
    "opening_hours": Scope.MACHINE,
    "closed_display": Scope.MACHINE,
    "show_other_films": Scope.CONTENT,
}
# Rows of the settings table that are not KioskSettings fields, all of this machine: the staff
# PIN's hash and the PIN pad's lockout (kiosk.library.pin).
MACHINE_ROWS = frozenset({"staff_pin", "staff_pin_lockout"})
MACHINE_KEYS = frozenset(
    {key for key, scope in SCOPES.items() if scope is Scope.MACHINE} | MACHINE_ROWS
)
CONTENT_KEYS = frozenset(key for key, scope in SCOPES.items() if scope is Scope.CONTENT)


def check_content_setting(key: str, stored_value: str) -> None:
    """Raise :class:`SettingsError` unless ``key`` is a content setting and ``stored_value``
    (JSON text) a value it can take: what a bundle or a release may bring."""
    if key in MACHINE_KEYS:
        raise SettingsError(
            f"{key} : réglage propre à chaque borne ; un lot ne peut pas le changer."
        )
    if key not in CONTENT_KEYS:
        raise SettingsError(f"{key} : réglage inconnu.")

    def refuse_constant(name: str) -> Any:
        raise ValueError(name)

    try:
        value = json.loads(stored_value, parse_constant=refuse_constant)
        dataclasses.replace(KioskSettings(), **{key: value}).validate()
    except SettingsError:
        raise
    except (ValueError, TypeError, RecursionError):
        raise SettingsError(f"{key} : valeur illisible.") from None


EXPECTED_TYPES: dict[str, type] = {
    field.name: type(getattr(KioskSettings(), field.name)) for field in fields(KioskSettings)
}
FIELD_TYPES = EXPECTED_TYPES


def load(catalogue: Catalogue) -> KioskSettings:
    """The settings, defaults filled in; a stored value that no longer validates is ignored."""
    from sqlalchemy import select

    from kiosk.store.models import Setting

    with catalogue.session() as session:
        stored = {row.key: row.value for row in session.scalars(select(Setting))}
    return from_stored(stored)


def from_stored(stored: dict[str, str]) -> KioskSettings:
    """The settings from the stored JSON texts by name (the ``settings`` table's rows).

    SQLAlchemy is imported only by :func:`load` and :func:`save`: the kiosk's first screen reads
    the rows with sqlite3 (:mod:`kiosk.library.first_screen`) before SQLAlchemy is imported.
    """
    values: dict[str, Any] = {}
    for name in FIELD_TYPES:
        if name in stored and stored_problem(name, stored[name]) is None:
            values[name] = json.loads(stored[name])
    return dataclasses.replace(KioskSettings(), **values)


_logged: set[tuple[str, str]] = set()  # each unreadable stored value is logged once


def stored_problem(name: str, text: str) -> str | None:
    """Why the stored JSON ``text`` of setting ``name`` cannot be taken (not JSON, nested too
    deep, a value the setting refuses), in French; None when it can. Logged once."""
    try:
        candidate = dataclasses.replace(KioskSettings(), **{name: json.loads(text)})
        candidate.validate()
    except SettingsError as error:
        problem = str(error)
    except (ValueError, TypeError):
        problem = f"{name} : valeur illisible."
    except RecursionError:
        problem = f"{name} : valeur illisible (imbriquée trop profondément)."
    else:
        return None
    if (name, text) not in _logged:
        _logged.add((name, text))
        logging.getLogger(__name__).warning(
            "réglage %s : la valeur enregistrée est ignorée, la valeur par défaut sert (%s)",
            name,
            problem,
        )
    return problem


def stored_problems(stored: dict[str, str]) -> dict[str, str]:
    """The known settings whose stored value is ignored, with why (for ``kiosk check``)."""
    return {
        name: problem
        for name in FIELD_TYPES
        if name in stored and (problem := stored_problem(name, stored[name])) is not None
    }


def save(catalogue: Catalogue, **changes: Any) -> KioskSettings:
    """Validate and store ``changes``; return the new settings."""
    unknown = set(changes) - set(FIELD_TYPES)
    if unknown:
        raise SettingsError(f"{', '.join(sorted(unknown))} : réglage inconnu.")
    updated = dataclasses.replace(load(catalogue), **changes)
    updated.validate()
    from kiosk.store.models import Setting

    with catalogue.session() as session:
        for name, value in changes.items():
            text = json.dumps(value, ensure_ascii=False)
            row = session.get(Setting, name)
            if row is None:
                session.add(Setting(key=name, value=text))
            else:
                row.value = text
    return updated
