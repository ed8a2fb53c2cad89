"""Hostile input through the staff's own doors (the ``kiosk`` command): malicious bundles leave
the content root byte-identical; odd CSV files are read or refused clearly; formulas never reach
a spreadsheet; a ``javascript:`` or ``file:`` website never becomes a link or a QR code.

The malicious bundles themselves are built by ``tests/test_bundles.py`` (23 kinds, checked there
at the library level); here each goes through the command line as staff would use it.
"""

from __future__ import annotations

import csv
import gc
import hashlib
import io
import json
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.cli import main
from kiosk.config import ContentRoot
from kiosk.library import content_lock, usage
from kiosk.library.bundles import MANIFEST_NAME, export_bundle
from kiosk.store.database import Catalogue
from kiosk.store.models import Place
from tests.reliability import record
from tests.test_bundles import MALICIOUS, entries_of, malicious, write_zip

FORMULAS = ("=", "+", "-", "@", "\t", "\r")


def tree_digest(root: ContentRoot) -> dict[str, str]:
    """Every file of the content root (the catalogue included) and its hash; logs and the
    empty lock file that says which processes use the root aside."""
    gc.collect()
    return {
        p.relative_to(root.home).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.home.rglob("*"))
        if p.is_file()
        and not p.relative_to(root.home).as_posix().startswith("logs/")
        and p.name != content_lock.LOCK_NAME
    }


def kiosk(root: ContentRoot, *args: str) -> int:
    return main(["--home", str(root.home), *args])


@pytest.fixture
def closed_sample(sample_catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path) -> Path:
    """The sample content, its bundle exported, the catalogue closed (checkpointed) on disk."""
    bundle = export_bundle(sample_catalogue, content_root, tmp_path / "out" / "lot.zip").path
    sample_catalogue.close()
    return bundle


# zipfile warns "Duplicate name" while the test builds a bundle that repeats a member on
# purpose (an attack the import must refuse); the warning is the test's own doing.
@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_every_malicious_bundle_through_the_cli_leaves_the_content_root_byte_identical(
    content_root: ContentRoot,
    closed_sample: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = tree_digest(content_root)
    assert "data.db" in before
    wrong: list[str] = []
    for kind in sorted(MALICIOUS):
        bad = malicious(kind, closed_sample, tmp_path)
        for mode in ([], ["--replace"]):
            status = kiosk(content_root, "bundle", "import", str(bad), *mode)
            output = capsys.readouterr()
            if status != 1 or MALICIOUS[kind] not in output.out:
                wrong.append(f"{kind} {mode}: status {status}, {output.out.strip()[-200:]}")
            if "Traceback" in output.out + output.err:
                wrong.append(f"{kind} {mode}: traceback shown")
            if tree_digest(content_root) != before:
                wrong.append(f"{kind} {mode}: the content root changed")
                before = tree_digest(content_root)
    runs = 2 * len(MALICIOUS)
    record("Lots malveillants (CLI)", runs, len(wrong), "rien" if not wrong else "contenu modifié")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    "website",
    [
        "javascript:alert(document.cookie)",
        "file:///etc/passwd",
        " JavaScript:void(0)",
        "data:text/html,<b>x</b>",
    ],
)
def test_a_bundle_bringing_a_script_or_file_link_is_refused(
    content_root: ContentRoot,
    closed_sample: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    website: str,
) -> None:
    entries = entries_of(closed_sample)
    manifest = json.loads(entries[MANIFEST_NAME])
    manifest["tables"]["places"][0]["website"] = website
    entries[MANIFEST_NAME] = json.dumps(manifest).encode()
    bad = write_zip(tmp_path / "lien.zip", list(entries.items()))
    before = tree_digest(content_root)
    assert kiosk(content_root, "bundle", "import", str(bad), "--replace") == 1
    out = capsys.readouterr().out
    assert "table places, ligne n°" in out and "colonne website" in out and "lot refusé" in out
    assert tree_digest(content_root) == before


# --- CSV files ------------------------------------------------------------------------------


def places_of(root: ContentRoot) -> dict[str, Place]:
    catalogue = Catalogue(root.db_path)
    try:
        with catalogue.session() as session:
            return {p.name: p for p in session.scalars(select(Place))}
    finally:
        catalogue.close()


CSV_CASES: dict[str, tuple[bytes, dict[str, str | None]]] = {
    "latin-1 with semicolons": (
        "nom;commune;latitude;longitude\nLa Pépinière;Cérilly;46,6186;2,8217\n".encode("latin-1"),
        {"La Pépinière": "Cérilly"},
    ),
    "utf-8 with a BOM and CRLF": (
        "\ufeffnom,commune\r\nLe Mazier,Bourbon-l'Archambault\r\n".encode(),
        {"Le Mazier": "Bourbon-l'Archambault"},
    ),
    "only a name column": (b"name\nLa MAGIC\n", {"La MAGIC": None}),
}


def test_odd_csv_files_are_read_and_exports_never_start_a_formula(
    content_root: ContentRoot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, (data, expected) in CSV_CASES.items():
        source = tmp_path / f"{name}.csv"
        source.write_bytes(data)
        assert kiosk(content_root, "places", "import", str(source)) == 0, name
        places = places_of(content_root)
        for place, commune in expected.items():
            assert place in places and places[place].commune == commune, name
    formulas = tmp_path / "formules.csv"
    formulas.write_text(
        "nom;commune;description;site\n"
        '"=HYPERLINK(""http://evil"";""clic"")";=1+1;@SUM(A1:A9);https://ok.example\n'
        "+33 4 70 00 00 00;-2;\tcachée;\n",
        encoding="utf-8",
    )
    assert kiosk(content_root, "places", "import", str(formulas)) == 0
    exported = tmp_path / "export.csv"
    assert kiosk(content_root, "places", "export", str(exported)) == 0
    rows = list(csv.reader(io.StringIO(exported.read_text(encoding="utf-8-sig")), delimiter=";"))
    cells = [cell for row in rows[1:] for cell in row]
    assert '\'=HYPERLINK("http://evil";"clic")' in cells
    assert not [c for c in cells if c.startswith(FORMULAS) and not _is_number(c)]
    capsys.readouterr()


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_missing_name_column_changes_nothing(
    content_root: ContentRoot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Catalogue(content_root.db_path).close()
    before = tree_digest(content_root)
    source = tmp_path / "sans-nom.csv"
    source.write_text("commune;latitude\nMoulins;46.5\n", encoding="utf-8")
    assert kiosk(content_root, "places", "import", str(source)) == 1
    assert "aucune colonne de nom" in capsys.readouterr().err
    assert tree_digest(content_root) == before


def test_a_100000_row_file_is_imported_in_one_transaction(
    content_root: ContentRoot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "enorme.csv"
    lines = ["nom;commune;latitude;longitude;site"]
    lines += [
        f"Lieu {i};Commune {i % 300};46.{i % 1000:03d};3.{i % 997:03d};" for i in range(100_000)
    ]
    source.write_text("\n".join(lines) + "\n", encoding="cp1252")
    started = time.perf_counter()
    assert kiosk(content_root, "places", "import", str(source)) == 0
    seconds = time.perf_counter() - started
    capsys.readouterr()
    assert len(places_of(content_root)) == 100_000
    record("CSV de 100 000 lignes", 1, 0, "rien", f"{seconds:.0f} s")


@pytest.mark.parametrize(
    "website", ["javascript:alert(1)", "file:///etc/passwd", "JAVASCRIPT:alert(1)", "ftp://x.fr"]
)
def test_a_script_or_file_website_in_a_csv_is_never_stored_nor_shown_as_a_qr_code(
    content_root: ContentRoot, tmp_path: Path, capsys: pytest.CaptureFixture[str], website: str
) -> None:
    from kiosk.ui.screens.place_sheet import qr_image

    source = tmp_path / "liens.csv"
    source.write_text(f"nom;site\nLieu piégé;{website}\nLieu sûr;https://ok.example\n")
    kiosk(content_root, "places", "import", str(source))
    output = capsys.readouterr().out
    places = places_of(content_root)
    trapped = places.get("Lieu piégé")
    assert trapped is None or trapped.website is None, trapped and trapped.website
    assert "Lieu piégé" in output  # the staff report names the rejected row
    assert places["Lieu sûr"].website == "https://ok.example"
    assert qr_image(website) is None
    assert qr_image("https://ok.example") is not None


def test_the_usage_statistics_csv_never_starts_a_formula(
    content_root: ContentRoot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalogue = Catalogue(content_root.db_path)
    try:
        hostile = ['=cmd|" /C calc"!A0', "+1+1", "-2", "@SUM(A1)", "\tx", "\rx"]
        events = [usage.Event(usage.PLACE, item) for item in hostile]
        events += [usage.Event(usage.SCREEN, item) for item in hostile]
        usage.record(catalogue, events)
    finally:
        catalogue.close()
    target = tmp_path / "stats.csv"
    assert kiosk(content_root, "stats", "--csv", str(target)) == 0
    capsys.readouterr()
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig")), delimiter=";"))
    items = [row[1] for row in rows[1:]]
    assert '\'=cmd|" /C calc"!A0' in items
    assert not [c for row in rows for c in row if c.startswith(FORMULAS) and not _is_number(c)]


def test_the_staff_place_editor_refuses_a_script_website(
    qapp: object, content_root: ContentRoot, catalogue: Catalogue
) -> None:
    from kiosk.staff.catalogue_tabs import PlacesTab
    from kiosk.ui.app import RunOptions, build_context

    context = build_context(qapp, content_root, catalogue, RunOptions(size=(1280, 800)))  # type: ignore[arg-type]
    tab = PlacesTab(context)
    tab.new_place()
    tab.name.setText("Lieu piégé")
    tab.website.setText("javascript:alert(1)")
    tab.save()
    with catalogue.session() as session:
        stored = session.scalars(select(Place.website).where(Place.name == "Lieu piégé")).first()
    tab.deleteLater()
    assert stored is None
