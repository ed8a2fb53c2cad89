"""Importing places from open-data files the tests write, exporting them, and the CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.cli import main
from kiosk.config import ContentRoot
from kiosk.library.places_io import (
    ImportOptions,
    PlacesFileError,
    export_places,
    import_places,
    is_web_link,
)
from kiosk.store.database import Catalogue
from kiosk.store.models import Place


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def run_import(catalogue: Catalogue, path: Path, **options: object):  # type: ignore[no-untyped-def]
    with catalogue.session() as session:
        return import_places(session, path, ImportOptions(**options))  # type: ignore[arg-type]


def all_places(catalogue: Catalogue) -> dict[str, Place]:
    with catalogue.session() as session:
        return {p.name: p for p in session.scalars(select(Place))}


OPEN_DATA_SEMICOLON = (
    "NOM_TL;NOMCOM;CODE_POSTAL;LAT;LONG;WEB\n"
    "Le Mazier;Bourbon-l'Archambault;03160;46,5842;3,0572;bocagenumerique.com\n"
    "Polymorphe;Cérilly;03350;46.6186;2.8217;https://polymorphecorp.com\n"
)


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", False), ("utf-8", True), ("latin-1", False), ("cp1252", False)],
)
def test_semicolon_open_data_in_every_encoding(
    catalogue: Catalogue, tmp_path: Path, encoding: str, bom: bool
) -> None:
    data = OPEN_DATA_SEMICOLON.encode(encoding)
    path = tmp_path / "tl.csv"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    report = run_import(catalogue, path)
    assert [c.name for c in report.added] == ["Le Mazier", "Polymorphe"]
    assert report.columns["name"] == "NOM_TL" and report.columns["commune"] == "NOMCOM"
    places = all_places(catalogue)
    assert places["Polymorphe"].commune == "Cérilly"  # the accent survived the encoding
    assert places["Le Mazier"].latitude == pytest.approx(46.5842)  # a French decimal comma
    assert places["Le Mazier"].website == "https://bocagenumerique.com"


def test_comma_csv_with_quotes_english_names_and_crlf(catalogue: Catalogue, tmp_path: Path) -> None:
    text = (
        "name,city,lat,lon,url,description\r\n"
        '"Café, atelier",Moulins,46.5653,3.3333,http://example.org,"Deux lignes\r\nde texte"\r\n'
        "Sans site,Vichy,46.1244,3.4283,,\r\n"
    )
    report = run_import(catalogue, write(tmp_path / "p.csv", text))
    assert len(report.added) == 2 and not report.rejected
    places = all_places(catalogue)
    assert places["Café, atelier"].description == "Deux lignes\nde texte"
    assert places["Sans site"].website is None


def test_bad_rows_are_rejected_with_line_numbers_and_reasons(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    text = (
        "nom;commune;latitude;longitude;site_web\n"  # line 1
        "Bon lieu;Moulins;46.56;3.33;https://ok.example\n"  # 2
        ";Moulins;46.56;3.33;\n"  # 3: no name
        "Trop au nord;Moulins;146.5;3.3;\n"  # 4: out of range
        "Illisible;Moulins;quarante-six;3.3;\n"  # 5
        "Moitié;Moulins;46.5;;\n"  # 6
        "Piège;Moulins;46.5;3.3;javascript:alert(1)\n"  # 7: bad URL
        '"Sur deux\nlignes";Moulins;46.5;3.3;ftp://files.example\n'  # 8-9: bad URL
        "Bon lieu;Moulins;46.56;3.33;\n"  # 10: duplicate of line 2
    )
    report = run_import(catalogue, write(tmp_path / "bad.csv", text))
    reasons = {r.location: r.reason for r in report.rejected}
    # A bad website is dropped with a warning; the place is kept.
    assert [c.name for c in report.added] == ["Bon lieu", "Piège", "Sur deux lignes"]
    assert "pas de nom" in reasons["ligne 3"]
    assert "hors limites" in reasons["ligne 4"]
    assert "illisibles" in reasons["ligne 5"]
    assert "incomplètes" in reasons["ligne 6"]
    assert "doublon de la ligne 2" in reasons["ligne 10"]
    warnings = {w.location: w.reason for w in report.warnings}
    assert set(warnings) == {"ligne 7", "ligne 8"}
    assert warnings["ligne 7"].startswith("site web ignoré (seules les adresses http:// et https")
    places = all_places(catalogue)
    assert set(places) == {"Bon lieu", "Piège", "Sur deux lignes"}
    assert places["Piège"].website is None and places["Sur deux lignes"].website is None


def test_missing_name_column_is_an_error_that_changes_nothing_and_map_fixes_it(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    path = write(tmp_path / "odd.csv", "intitule;ville\nLa Forge;Moulins\n")
    with pytest.raises(PlacesFileError, match="aucune colonne de nom"):
        run_import(catalogue, path)
    assert all_places(catalogue) == {}
    report = run_import(catalogue, path, column_map={"name": "intitule"})
    assert [c.name for c in report.added] == ["La Forge"]
    assert all_places(catalogue)["La Forge"].commune == "Moulins"
    with pytest.raises(PlacesFileError, match="pas de colonne"):
        run_import(catalogue, path, column_map={"name": "absente"})


def test_missing_optional_columns_are_fine(catalogue: Catalogue, tmp_path: Path) -> None:
    report = run_import(catalogue, write(tmp_path / "names.csv", "nom\nA\nB\n"))
    assert len(report.added) == 2
    assert all(p.latitude is None and p.commune is None for p in all_places(catalogue).values())


def test_reimporting_the_same_file_changes_nothing(catalogue: Catalogue, tmp_path: Path) -> None:
    path = write(tmp_path / "tl.csv", OPEN_DATA_SEMICOLON)
    run_import(catalogue, path)
    with catalogue.session() as session:
        session.scalars(select(Place).where(Place.name == "Le Mazier")).one().map_x = 0.4
    before = {n: (p.slug, p.updated_at) for n, p in all_places(catalogue).items()}
    again = run_import(catalogue, path)
    assert not again.added and not again.updated and again.unchanged == 2
    after = all_places(catalogue)
    assert {n: (p.slug, p.updated_at) for n, p in after.items()} == before
    assert after["Le Mazier"].map_x == 0.4  # a manual position is never touched by an import
    # Name and commune match whatever the case and accents; a changed website updates.
    changed = OPEN_DATA_SEMICOLON.replace("Polymorphe;Cérilly", "POLYMORPHE;cerilly").replace(
        "https://polymorphecorp.com", "https://polymorphe.example"
    )
    report = run_import(catalogue, write(tmp_path / "tl2.csv", changed))
    assert not report.added and [c.fields for c in report.updated] == [("site web",)]
    assert len(all_places(catalogue)) == 2


def test_dry_run_reports_and_writes_nothing(catalogue: Catalogue, tmp_path: Path) -> None:
    report = run_import(catalogue, write(tmp_path / "tl.csv", OPEN_DATA_SEMICOLON), dry_run=True)
    assert len(report.added) == 2
    assert all_places(catalogue) == {}


def test_department_and_bbox_filters(catalogue: Catalogue, tmp_path: Path) -> None:
    text = (
        "nom,commune,code_postal,latitude,longitude\n"
        "Allier,Moulins,03000,46.56,3.33\n"
        "Allier sans zéro,Vichy,3200,46.12,3.42\n"
        "Puy-de-Dôme,Clermont-Ferrand,63000,45.77,3.08\n"
        "Sans code,Quelque part,,46.3,3.1\n"
    )
    path = write(tmp_path / "deps.csv", text)
    report = run_import(catalogue, path, department="3", dry_run=True)
    assert [c.name for c in report.added] == ["Allier", "Allier sans zéro"]
    assert report.filtered == 2
    report = run_import(catalogue, path, bbox=(45.93, 2.28, 46.80, 4.01), dry_run=True)
    assert [c.name for c in report.added] == ["Allier", "Allier sans zéro", "Sans code"]


def test_geojson_points_and_properties(catalogue: Catalogue, tmp_path: Path) -> None:
    document = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [3.3333, 46.5653]},
                "properties": {
                    "nom": "La Péniche d'abord",
                    "commune": "Moulins",
                    "site_web": "https://lapenichedabord.com",
                    "tags": ["ESS", "réseau"],
                },
            },
            {"type": "Feature", "geometry": None, "properties": {"nom": "Sans géométrie"}},
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [3.3, 95.0]},
                "properties": {"nom": "Hors limites"},
            },
        ],
    }
    path = tmp_path / "tl.geojson"
    path.write_text(json.dumps(document), encoding="utf-8")
    report = run_import(catalogue, path)
    assert [c.name for c in report.added] == ["La Péniche d'abord", "Sans géométrie"]
    assert [(r.location, "hors limites" in r.reason) for r in report.rejected] == [
        ("entité 3", True)
    ]
    with catalogue.session() as session:
        peniche = session.scalars(select(Place).where(Place.commune == "Moulins")).one()
        assert (peniche.latitude, peniche.longitude) == (46.5653, 3.3333)
        assert sorted(t.name for t in peniche.tags) == ["ESS", "réseau"]


def test_a_5000_row_file_imports_in_one_go(catalogue: Catalogue, tmp_path: Path) -> None:
    lines = ["NOM_TL;NOMCOM;LAT;LONG;WEB;TYPE"]
    for i in range(5000):
        lines.append(
            f"Lieu {i};Commune {i % 300};{45.95 + (i % 80) / 100:.4f};{2.3 + (i % 170) / 100:.4f};"
            f"https://lieu{i}.example;{'atelier' if i % 2 else 'coworking'}"
        )
    path = write(tmp_path / "big.csv", "\n".join(lines) + "\n")
    report = run_import(catalogue, path)
    assert len(report.added) == 5000 and not report.rejected
    with catalogue.session() as session:
        assert session.scalar(select(func.count()).select_from(Place)) == 5000
        assert len(set(session.scalars(select(Place.slug)))) == 5000
    again = run_import(catalogue, path)
    assert again.unchanged == 5000 and not again.added and not again.updated


def test_export_neutralises_formulas_and_round_trips(catalogue: Catalogue, tmp_path: Path) -> None:
    text = (
        "nom;commune;latitude;longitude;description\n"
        '=HYPERLINK("http://evil");Moulins;46.5;3.3;- une liste\n'
        "Normal;Vichy;46.1;-1.5;+33 4 70\n"
    )
    run_import(catalogue, write(tmp_path / "f.csv", text))
    out = io.StringIO()
    with catalogue.session() as session:
        assert export_places(session, out) == 2
    rows = list(csv.reader(io.StringIO(out.getvalue()), delimiter=";"))
    assert rows[0][:2] == ["nom", "commune"]
    cells = [cell for row in rows[1:] for cell in row]
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)
    assert '\'=HYPERLINK("http://evil")' in cells
    assert "-1.5" in cells  # numbers stay numbers
    exported = write(tmp_path / "export.csv", out.getvalue())
    again = run_import(catalogue, exported)
    assert not again.added and not again.updated and again.unchanged == 2


def test_only_http_and_https_are_web_links() -> None:
    assert is_web_link("https://bocagenumerique.com")
    assert is_web_link("http://example.org/page?x=1")
    for bad in (
        "javascript:alert(1)",
        "ftp://x.org",
        "mailto:a@b.fr",
        "file:///etc/passwd",
        "https://",
        "bocagenumerique.com",
        "",
        None,
    ):
        assert not is_web_link(bad)


def test_cli_import_dry_run_export_and_list(
    content_root: ContentRoot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = ["--home", str(content_root.home)]
    path = write(tmp_path / "tl.csv", OPEN_DATA_SEMICOLON + ";Moulins;46;3;\n")
    assert main([*home, "places", "import", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Essai à blanc" in out and "2 lieux seraient ajoutés" in out
    assert "ligne 4" in out and "pas de nom" in out
    assert main([*home, "places", "import", str(path), "--department", "03"]) == 0
    assert "2 lieux ont été ajoutés" in capsys.readouterr().out
    assert main([*home, "places", "list"]) == 0
    assert "pas encore sur la carte" in capsys.readouterr().out
    target = tmp_path / "export.csv"
    assert main([*home, "places", "export", str(target)]) == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbfnom;commune")
    assert main([*home, "places", "export", str(target)]) == 2  # never overwritten silently
    assert main([*home, "places", "import", str(path), "--map", "nom"]) == 2
    assert main([*home, "places", "import", str(path), "--bbox", "1,2,3"]) == 2
    assert main([*home, "places", "fit"]) == 0


@pytest.mark.parametrize("text", ["4_6", "٤٦", "４６", "46.5.3", "12,5,3", "0x2E", "1e309"])
def test_coordinates_are_plain_decimal_numbers(text: str) -> None:
    from kiosk.library.places_io import parse_number

    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize(("text", "value"), [("46,5653", 46.5653), ("-3.33", -3.33), ("2", 2.0)])
def test_decimal_commas_and_points_are_read(text: str, value: float) -> None:
    from kiosk.library.places_io import parse_number

    assert parse_number(text) == value
