"""Hostile bundles, generated from the gate's own declaration of every column (issue 14).

For every column of every table (:data:`kiosk.store.validation.COLUMNS`, so a column added
tomorrow is covered without a word here): values of the wrong type; for path columns ``..``,
absolute paths, ``data.db`` and names that lead out through a link planted in the content root;
for numbers out-of-range values and non-finite ones (``Infinity``, ``NaN``, ``1e999``); for texts
HTML and terminal escapes. Then settings of the machine scope and unknown ones, unknown tables
and columns, and what only whole sets of rows can say (an id twice, two current maps…).

Each case goes through every door staff have: the command line (``kiosk bundle import``, merge
and replace) and the Sauvegarde tab of the staff area, in process (examine, and apply as if the
file had changed between the two). After each, every file of the content root, ``data.db``
included, has the same bytes: a refused bundle writes nothing at all.

Quick by default (a wrong type per column, every path, setting and structural case, the CLI in
merge mode, the staff tab on a few); ``KIOSK_RELIABILITY_FULL=1`` runs every value through both
doors and both modes.
"""

from __future__ import annotations

import gc
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Float, Integer, String, Text

from kiosk.cli import main
from kiosk.config import ContentRoot
from kiosk.library import content_lock, settings
from kiosk.library.bundles import MANIFEST_NAME, export_bundle
from kiosk.store import validation
from kiosk.store.database import Catalogue
from kiosk.store.models import Base, GeoPoint, MapImage, Place, Setting, Tag
from tests.reliability import is_full, record
from tests.test_bundles import write_zip

# Every table a bundle carries, with every column the gate declares for it.
TRAVELLING = {table: validation.COLUMNS[table] for table in validation.TRAVELLING_TABLES}

Change = Callable[[dict[str, Any]], None]
LINK_TO_DB = "assets/lien-vers-la-base.srt"  # planted in the content root: -> ../data.db
LINK_OUT = "videos/dehors"  # planted: a folder link -> a folder outside the root


@dataclass(frozen=True)
class Case:
    name: str
    change: Change
    expect: tuple[str, ...]  # every one of these is in the refusal
    raw: tuple[str, str] | None = None  # a text replacement in the manifest's JSON
    extra: tuple[tuple[str, bytes], ...] = ()  # files added to the archive, honestly listed
    quick: bool = True


def set_value(table: str, column: str, value: Any) -> Change:
    def change(manifest: dict[str, Any]) -> None:
        manifest["tables"][table][0][column] = value

    return change


def refused_by_gate(table: str, column: str, value: Any) -> bool:
    try:
        validation.check_value(table, column, value)
    except validation.ValidationError:
        return True
    return False


WRONG_TYPES: tuple[Any, ...] = ([1], {"a": 1}, "texte", 7, 2.5, True, False, "")
ESCAPES = ("\x1b[2J\x1b[HTout va bien", "Nom\x07", "A\u202eB", "x\x00y", "\x9b31m")
HTML = ('La Ferme <img src="/dev/zero">', "<script>alert(1)</script>", "<b>gras</b>")
BAD_PATHS = (
    "../elsewhere/x.srt",
    "/tmp/x.srt",
    "data.db",
    "assets/../data.db",
    "videos/./x.srt",
    "videos\\x.srt",
    "videos/.cache.srt",
    "trash/x.srt",
    "logs/kiosk.log",
    "C:/x.srt",
    "file:///etc/passwd",
)
OUT_OF_RANGE = (10**18, -(10**18), 2**63, 10**300 * 1.0)
NON_FINITE = ("Infinity", "-Infinity", "NaN", "1e999", "-1e400")


def column_cases() -> Iterator[Case]:
    """Cases generated from the declaration of every column."""
    for table, columns in TRAVELLING.items():
        sql = Base.metadata.tables[table]
        for column in columns:
            field = (f"table {table}", f"colonne {column}")
            wrong = [v for v in WRONG_TYPES if refused_by_gate(table, column, v)]
            for index, value in enumerate(wrong):
                yield Case(
                    f"{table}.{column} = {value!r}",
                    set_value(table, column, value),
                    field,
                    quick=index == 0,
                )
            kind = sql.columns[column].type
            if (table, column) in validation.PATH_COLUMNS:
                for value in BAD_PATHS:
                    yield Case(
                        f"{table}.{column} = {value!r}", set_value(table, column, value), field
                    )
            elif isinstance(kind, Integer | Float) and not isinstance(kind, String):
                for index, number in enumerate(OUT_OF_RANGE):
                    if refused_by_gate(table, column, number):
                        yield Case(
                            f"{table}.{column} = {number!r}",
                            set_value(table, column, number),
                            field,
                            quick=index == 0,
                        )
                for index, literal in enumerate(NON_FINITE):
                    yield Case(
                        f"{table}.{column} = {literal}",
                        set_value(table, column, "@@NUMBER@@"),
                        ("manifeste illisible",),
                        raw=('"@@NUMBER@@"', literal),
                        quick=index == 0 and table == "media_assets",
                    )
            elif isinstance(kind, String | Text) and table != "settings":
                texts = [t for t in (*ESCAPES, *HTML) if refused_by_gate(table, column, t)]
                for index, text in enumerate(texts):
                    yield Case(
                        f"{table}.{column} = {text!r}",
                        set_value(table, column, text),
                        field,
                        quick=index == 0,
                    )


def link_cases() -> Iterator[Case]:
    """Paths the gate finds well formed, which lead out through links planted in the root."""
    data = b"1\n00:00:00,000 --> 00:00:01,000\nBonjour\n"
    for target in (LINK_TO_DB, f"{LINK_OUT}/x.srt"):
        yield Case(
            f"subtitles_path through a link, not in the archive: {target}",
            set_video("subtitles_path", target),
            ("colonne subtitles_path", "absent du lot"),
        )
        yield Case(
            f"subtitles_path through a link, in the archive: {target}",
            set_video("subtitles_path", target),
            ("mènerait hors de assets/ et videos/",),
            extra=((target, data),),
        )


def set_video(column: str, value: Any) -> Change:
    def change(manifest: dict[str, Any]) -> None:
        row = next(r for r in manifest["tables"]["media_assets"] if r["kind"] == "video")
        row[column] = value

    return change


def add_row(table: str, row: dict[str, Any]) -> Change:
    return lambda manifest: manifest["tables"].setdefault(table, []).append(row)


def structure_cases() -> Iterator[Case]:
    defaults = settings.KioskSettings()
    for key in sorted(settings.MACHINE_KEYS):
        value = json.dumps(getattr(defaults, key, "x"))
        yield Case(
            f"machine setting {key}",
            add_row("settings", {"key": key, "value": value}),
            ("table settings", f"« {key} »", "propre à chaque borne"),
        )
    yield Case(
        "unknown setting",
        add_row("settings", {"key": "mystere", "value": "1"}),
        ("table settings", "réglage inconnu"),
    )
    for key in sorted(settings.CONTENT_KEYS):
        yield Case(
            f"content setting {key} with a bad value",
            add_row("settings", {"key": key, "value": '"\\u001b[2J"'}),
            ("table settings", f"« {key} »"),
        )
    for name in (
        *sorted(validation.LOCAL_TABLES),
        "usage_events",
        "alembic_version",
        "sqlite_master",
        "Places",
        "places ",
    ):
        yield Case(
            f"unknown table {name!r}",
            lambda m, n=name: m["tables"].__setitem__(n, []),  # type: ignore[misc]
            ("table inconnue",),
        )
    for table in TRAVELLING:
        yield Case(
            f"unknown column in {table}",
            set_value(table, "__proto__", 1),
            (f"table {table}", "colonne inconnue"),
        )
    yield Case(
        "an id twice",
        lambda m: m["tables"]["places"][1].__setitem__("id", m["tables"]["places"][0]["id"]),
        ("table places", "présente deux fois"),
    )
    yield Case(
        "two current maps",
        lambda m: m["tables"]["maps"].append(
            dict(m["tables"]["maps"][0], id=77, title="Autre", is_current=True)
        ),
        ("table maps",),
    )
    yield Case(
        "a map image pointing nowhere",
        set_value("maps", "image_id", 4242),
        ("table maps", "colonne image_id", "n°4242"),
    )
    yield Case(
        "a manifest nested 50,000 deep",
        set_value("pages", "title", "@@DEEP@@"),
        ("imbrication trop profonde",),
        raw=('"@@DEEP@@"', "[" * 50_000 + "]" * 50_000),
    )


def all_cases() -> list[Case]:
    return [*column_cases(), *link_cases(), *structure_cases()]


def test_the_corpus_covers_every_column_of_every_table() -> None:
    cases = all_cases()
    for table, columns in TRAVELLING.items():
        for column in columns:
            prefix = f"{table}.{column} = "
            assert any(c.name.startswith(prefix) and c.quick for c in cases), prefix
    for table, column in validation.PATH_COLUMNS:
        assert sum(c.name.startswith(f"{table}.{column} = ") for c in cases) >= len(BAD_PATHS)
    assert len({c.name for c in cases}) == len(cases)


# --- the content root and its bundle ------------------------------------------------------------


def tree_digest(root: ContentRoot) -> dict[str, str]:
    """Every file of the content root and its bytes' hash, ``data.db`` and its write-ahead log
    included; aside: logs, the lock file, and SQLite's ``-shm`` (a shared-memory index that a
    mere read may touch, rebuilt from the log)."""
    gc.collect()
    digest = {}
    for path in sorted(root.home.rglob("*")):
        relative = path.relative_to(root.home).as_posix()
        if relative.startswith("logs/") or path.name == content_lock.LOCK_NAME:
            continue
        if relative.endswith("-shm") or not path.is_file():
            continue
        digest[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digest


@pytest.fixture
def hostile_home(
    sample_catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> Iterator[tuple[ContentRoot, Path]]:
    """The sample content with a row in every table, its bundle, links planted in the root."""
    with sample_catalogue.session() as session:
        place = session.query(Place).filter_by(slug="le-mazier").one()
        place.tags.append(Tag(name="Café"))
        map_image = session.query(MapImage).one()
        session.add(
            GeoPoint(map=map_image, label="Moulins", latitude=46.56, longitude=3.33, x=1, y=2)
        )
        session.add(Setting(key="autoplay_interval_s", value="9"))
    bundle = export_bundle(sample_catalogue, content_root, tmp_path / "bon" / "lot.zip").path
    outside = tmp_path / "dehors"
    outside.mkdir()
    (content_root.home / LINK_TO_DB).symlink_to("../data.db")
    (content_root.home / LINK_OUT).symlink_to(outside, target_is_directory=True)
    yield content_root, bundle


def make_bundle(good: Path, case: Case, folder: Path) -> Path:
    import zipfile

    with zipfile.ZipFile(good) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    manifest = json.loads(entries[MANIFEST_NAME])
    assert all(manifest["tables"][t] for t in TRAVELLING), "a table has no row"
    for path, data in case.extra:
        manifest["files"].append(
            {"path": path, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        )
        entries[path] = data
    case.change(manifest)
    text = json.dumps(manifest, ensure_ascii=False)
    if case.raw is not None:
        assert case.raw[0] in text
        text = text.replace(case.raw[0], case.raw[1], 1)
    entries[MANIFEST_NAME] = text.encode()
    folder.mkdir(parents=True, exist_ok=True)
    return write_zip(folder / "hostile.zip", list(entries.items()))


def chosen(quick_only: bool) -> list[Case]:
    return [case for case in all_cases() if case.quick or not quick_only]


# --- the doors ------------------------------------------------------------------------------------


def test_every_hostile_bundle_through_the_cli_leaves_the_content_root_byte_identical(
    sample_catalogue: Catalogue,
    hostile_home: tuple[ContentRoot, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root, good = hostile_home
    sample_catalogue.close()
    before = tree_digest(root)
    assert "data.db" in before and LINK_TO_DB in before
    cases = chosen(quick_only=not is_full())
    modes = ([], ["--replace"]) if is_full() else ([],)
    wrong: list[str] = []
    runs = 0
    for case in cases:
        bad = make_bundle(good, case, tmp_path / "cas")
        for mode in modes:
            runs += 1
            status = main(["--home", str(root.home), "bundle", "import", str(bad), *mode])
            output = capsys.readouterr()
            text = output.out + output.err
            lines = output.out.strip().splitlines()
            if status != 1 or not all(part in text for part in case.expect):
                wrong.append(f"{case.name} {mode}: status {status}, {text.strip()[-300:]!r}")
            elif len(lines) != 1 or "\x1b" in text or "Traceback" in text or "inattendue" in text:
                wrong.append(f"{case.name} {mode}: not one clean line: {text[-300:]!r}")
            if tree_digest(root) != before:
                wrong.append(f"{case.name} {mode}: the content root changed")
                before = tree_digest(root)
    record(
        "Lots hostiles, chaque colonne (CLI)",
        runs,
        len(wrong),
        "rien" if not wrong else "contenu modifié ou refus mal dit",
        f"{len(cases)} cas générés de validation.COLUMNS",
    )
    assert not wrong, "\n".join(wrong[:40])
    # The honest bundle still goes in afterwards: the checks refuse the bad, not everything.
    assert main(["--home", str(root.home), "bundle", "import", str(good), "--dry-run"]) == 0


STAFF_QUICK = (
    "media_assets.subtitles_path = 'data.db'",
    "media_assets.subtitles_path = '../elsewhere/x.srt'",
    "media_assets.duration_s = Infinity",
    "places.photo_id = [1]",
    "a map image pointing nowhere",
    "a manifest nested 50,000 deep",
    "machine setting opening_hours",
    "places.name = '\\x1b[2J\\x1b[HTout va bien'",
    f"subtitles_path through a link, in the archive: {LINK_TO_DB}",
)


def test_every_hostile_bundle_through_the_staff_tab_leaves_the_content_root_byte_identical(
    qapp: Any,
    qtbot: Any,
    sample_catalogue: Catalogue,
    hostile_home: tuple[ContentRoot, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from kiosk.staff.admin_tabs import BackupTab

    # "Remplacer tout" asks first: staff say yes.
    monkeypatch.setattr("kiosk.staff.admin_tabs.backup_tab.confirm", lambda *_args: True)
    from kiosk.kit.context import UiContext
    from kiosk.kit.i18n import LanguageManager
    from kiosk.kit.theme import Metrics

    root, good = hostile_home
    context = UiContext(root, sample_catalogue, LanguageManager(qapp), Metrics(0.7))
    tab = BackupTab(context)
    qtbot.addWidget(tab)
    tab.show()
    # The running kiosk's catalogue stays open: compare with its write-ahead log checkpointed.
    with sample_catalogue.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    before = tree_digest(root)
    every = {case.name: case for case in all_cases()}
    cases = list(every.values()) if is_full() else [every[name] for name in STAFF_QUICK]
    wrong: list[str] = []
    runs = 0

    def settle() -> None:
        qtbot.waitUntil(lambda: not tab.progress.busy, timeout=30000)

    for case in cases:
        bad = make_bundle(good, case, tmp_path / "cas")
        runs += 1
        tab.examine(bad)
        settle()
        message = tab.message.text()
        if tab.merge_button.isEnabled() or not all(p in message for p in case.expect):
            wrong.append(f"{case.name} (examiner): {message[-300:]!r}")
        if "\x1b" in message or "\n" in message:
            wrong.append(f"{case.name} (examiner): not one clean line")
        # As if the file had changed on the stick between "examine" and "merge".
        for replace in (False, True) if is_full() else (False,):
            runs += 1
            tab.bundle = bad
            tab.apply(replace=replace)
            settle()
            message = tab.message.text()
            if not all(p in message for p in case.expect) or message == "Lot appliqué.":
                wrong.append(f"{case.name} (appliquer {replace}): {message[-300:]!r}")
        if tree_digest(root) != before:
            wrong.append(f"{case.name}: the content root changed")
            before = tree_digest(root)
    record(
        "Lots hostiles (onglet Sauvegarde)",
        runs,
        len(wrong),
        "rien" if not wrong else "contenu modifié ou refus mal dit",
        f"{len(cases)} cas, examiner puis appliquer",
    )
    assert not wrong, "\n".join(wrong[:40])
    assert (root.home / LINK_TO_DB).is_symlink() and root.db_path.is_file()


def test_the_staff_tab_never_moves_a_file_a_poisoned_catalogue_names(
    qapp: Any,
    qtbot: Any,
    sample_catalogue: Catalogue,
    hostile_home: tuple[ContentRoot, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A row written before the gate (subtitles = data.db): export refuses it, and an honest
    bundle applied over it, in either mode, moves neither data.db nor anything outside."""
    import sqlite3

    from kiosk.kit.context import UiContext
    from kiosk.kit.i18n import LanguageManager
    from kiosk.kit.theme import Metrics
    from kiosk.staff.admin_tabs import BackupTab

    monkeypatch.setattr("kiosk.staff.admin_tabs.backup_tab.confirm", lambda *_args: True)
    root, good = hostile_home
    tab = BackupTab(UiContext(root, sample_catalogue, LanguageManager(qapp), Metrics(0.7)))
    qtbot.addWidget(tab)
    usb = tmp_path / "usb"
    usb.mkdir()
    runs = 0
    for subtitles in ("data.db", "../dehors/x.srt", LINK_TO_DB):
        connection = sqlite3.connect(root.db_path)
        with connection:
            connection.execute(
                "UPDATE media_assets SET subtitles_path = ? WHERE kind = 'video'", (subtitles,)
            )
        connection.close()
        tab.export(usb)
        qtbot.waitUntil(lambda: not tab.progress.busy, timeout=30000)
        assert "subtitles_path" in tab.message.text() or "hors de assets" in tab.message.text()
        assert not list(usb.iterdir())
        for replace in (False, True):
            runs += 1
            tab.bundle = good
            tab.apply(replace=replace)
            qtbot.waitUntil(lambda: not tab.progress.busy, timeout=30000)
            assert tab.message.text() == "Lot appliqué.", tab.message.text()
            assert root.db_path.is_file() and (root.home / LINK_TO_DB).is_symlink()
            assert not [p for p in (root.home / "trash").rglob("*") if "data.db" in p.name]
            assert not list((root.home / "trash").rglob("*.srt"))
    record("Catalogue empoisonné (onglet Sauvegarde)", runs, 0, "rien", "data.db jamais déplacé")
