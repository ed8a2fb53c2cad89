"""Open data as it comes, through the content gate: the national tiers-lieux CSV (CGET-like,
written by the test), departments from any column, bad websites dropped with a warning, hostile
text refused row by row, oversized cells, odd GeoJSON."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.cli import main
from kiosk.config import ContentRoot
from kiosk.library.places_io import (
    ImportOptions,
    ImportReport,
    IncomingPlace,
    PlacesFileError,
    apply_places,
    department_of,
    import_places,
    normalise_department,
    prepare_website,
    read_csv,
)
from kiosk.library.printable import shown
from kiosk.store.database import Catalogue
from kiosk.store.models import Place, Tag
from tests.opendata_factory import ALLIER_NAMES, write_cget_csv


def run_import(catalogue: Catalogue, path: Path, **options: object) -> ImportReport:
    with catalogue.session() as session:
        return import_places(session, path, ImportOptions(**options))  # type: ignore[arg-type]


def places(catalogue: Catalogue) -> dict[str, Place]:
    with catalogue.session() as session:
        return {p.name: p for p in session.scalars(select(Place))}


def place_count(catalogue: Catalogue) -> int:
    with catalogue.session() as session:
        return int(session.scalar(select(func.count()).select_from(Place)) or 0)


@pytest.mark.parametrize("encoding", ["latin-1", "utf-8"])
def test_the_national_csv_keeps_its_four_allier_rows_and_says_why_it_left_the_rest(
    content_root: ContentRoot,
    catalogue: Catalogue,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    encoding: str,
) -> None:
    path = write_cget_csv(tmp_path / "tiers-lieux.csv", encoding=encoding)
    home = ["--home", str(content_root.home)]
    assert main([*home, "places", "import", str(path), "--department", "03", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "4 lieux seraient ajoutés" in out
    assert "department=INSEEDEP" in out and "insee=INSEECOM" in out and "postcode=CP" in out
    assert (
        "1 508 écartées : 1 505 d'un autre département que 03 (colonne INSEEDEP) ; "
        "3 sans département connu (colonnes INSEEDEP, INSEECOM, CP vides, à 0 ou illisibles)"
    ) in out
    for name in ALLIER_NAMES:
        assert f" : {name} (" in out
    assert "site web ignoré (nom de site invalide) : « www.la-cordee.netla-cordee-opera »" in out
    assert "site web ignoré (ce n'est pas une adresse web) : « en cours »" in out
    assert "site web ignoré (une adresse e-mail n'est pas un site web)" in out
    assert place_count(catalogue) == 0  # a dry run writes nothing

    assert main([*home, "places", "import", str(path), "--department", "3"]) == 0
    assert "4 lieux ont été ajoutés" in capsys.readouterr().out
    kept = places(catalogue)
    assert set(kept) == set(ALLIER_NAMES)
    assert kept["Le Mazier"].website == "https://www.bocage-numerique.fr"
    assert kept["Le Mazier"].latitude == pytest.approx(46.5842)  # a decimal comma
    assert kept["Le Mazier"].commune == "Bourbon-l'Archambault"
    assert all(kept[name].website is None for name in ALLIER_NAMES[1:])  # dropped, place kept
    assert kept["Espace numérique de Cérilly"].commune == "Cérilly"  # Latin-1 read right


def test_a_filter_that_keeps_nothing_says_which_departments_the_file_has(
    catalogue: Catalogue,
    tmp_path: Path,
    content_root: ContentRoot,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = write_cget_csv(tmp_path / "tl.csv", others=40, unknown=0)
    home = ["--home", str(content_root.home)]
    assert main([*home, "places", "import", str(path), "--department", "13", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "0 ligne gardée, 44 écartées" in out
    assert "Aucune ligne gardée : départements trouvés dans le fichier : " in out
    assert "03 (4)" in out
    assert main([*home, "places", "import", str(path), "--department", "Allier"]) == 2
    assert "code de département attendu" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("header", "cells", "column"),
    [
        ("nom;INSEEDEP;INSEECOM;CP", "A;03;03036;0", "INSEEDEP"),
        ("nom;code_departement", "A;03 - Allier", "code_departement"),
        ("nom;dep", "A;3", "dep"),
        ("nom;departement;code_insee", "A;Allier;03190", "code_insee"),  # a name, not a code
        ("nom;INSEEDEP;INSEECOM;CP", "A;0;3036;0", "INSEECOM"),  # leading zero lost
        ("nom;INSEEDEP;INSEECOM;CP", "A;;00000;03160", "CP"),
        ("nom;CP", "A;3160", "CP"),
    ],
)
def test_the_department_comes_from_the_first_column_that_knows_it(
    catalogue: Catalogue, tmp_path: Path, header: str, cells: str, column: str
) -> None:
    path = tmp_path / "one.csv"
    path.write_text(f"{header}\n{cells}\n", encoding="utf-8")
    report = run_import(catalogue, path, department="03", dry_run=True)
    assert [c.name for c in report.added] == ["A"]
    assert report.kept_by == {column: 1}


def test_department_codes_as_open_data_writes_them() -> None:
    for raw, code in (
        ("3", "03"),
        ("03", "03"),
        ("03 - Allier", "03"),
        ("Allier (03)", "03"),
        ("2a", "2A"),
        ("971", "971"),
    ):
        assert normalise_department(raw) == code
    for raw in ("0", "00", "", "Allier", "999"):
        assert normalise_department(raw) is None
    columns = {"insee": "INSEE", "postcode": "CP"}
    assert department_of({"INSEE": "2B033", "CP": "0"}, columns) == ("2B", "INSEE")
    assert department_of({"INSEE": "", "CP": "20000"}, columns) == ("2A", "CP")
    assert department_of({"INSEE": "97105", "CP": ""}, columns) == ("971", "INSEE")
    assert department_of({"INSEE": "0", "CP": "00000"}, columns) == (None, None)


def test_websites_are_parsed_by_the_gate() -> None:
    assert prepare_website("www.bocage-numerique.fr") == ("https://www.bocage-numerique.fr", None)
    assert prepare_website("HTTP://Example.org/page?x=1") == ("HTTP://Example.org/page?x=1", None)
    assert prepare_website("www.site.fr:8080/x") == ("https://www.site.fr:8080/x", None)
    assert prepare_website("  ") == (None, None)
    for bad, reason in (
        ("www.la-cordee.netla-cordee-opera", "nom de site invalide"),
        ("en cours", "pas une adresse web"),
        ("contact@lieu.fr", "e-mail"),
        ("mailto:contact@lieu.fr", "e-mail"),
        ("javascript:alert(1)", "http:// et https://"),
        ("http://<img src=%2ftmp%2fx.png>.fr", "caractère interdit"),
        ("http://192.168.1.1/admin", "locale ou privée"),
        ("https://user:pw@lieu.fr", "nom d'utilisateur"),
    ):
        address, problem = prepare_website(bad)
        assert address is None and problem is not None and reason in problem, (bad, problem)


def test_hostile_text_is_refused_row_by_row_with_the_field_and_the_rest_imports(
    catalogue: Catalogue,
    tmp_path: Path,
    content_root: ContentRoot,
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = (
        "nom;commune;description;tags\r\n"  # line 1
        'Bon lieu;Moulins;"Deux\r\nlignes";ESS\r\n'  # 2 (ends on line 3: CRLF inside a cell)
        'La Ferme <img src="/dev/zero">;Moulins;;\r\n'  # 4
        "\x1b[2J\x1b[HTout effacé;Vichy;;\r\n"  # 5: a terminal escape
        "\u200b\u200b\u200b;Vichy;;\r\n"  # 6: zero-width only
        "Bidi\u202eeman;Vichy;;\r\n"  # 7: a direction override
        "Commune piégée;Vi\x07chy;;\r\n"  # 8
        "Mot-clé piégé;Vichy;;<b>gras</b>\r\n"  # 9
        "Texte piégé;Vichy;une cloche \x07;\r\n"  # 10
        "Trop long " + "x" * 300 + ";Vichy;;\r\n"  # 11
        "Dernier bon;Cérilly;;\r\n"  # 12
    )
    path = tmp_path / "hostile.csv"
    path.write_text(text, encoding="utf-8", newline="")
    report = run_import(catalogue, path)
    assert [c.name for c in report.added] == ["Bon lieu", "Dernier bon"]
    reasons = {r.location: r.reason for r in report.rejected}
    assert (
        reasons["ligne 4"]
        == "nom (colonne nom) : balise HTML interdite (un nom est du texte simple)"
    )
    assert reasons["ligne 5"].startswith(
        "nom (colonne nom) : caractère de contrôle interdit (U+001B)"
    )
    assert "invisibles" in reasons["ligne 6"]
    assert "direction du texte" in reasons["ligne 7"]
    assert reasons["ligne 8"].startswith("commune (colonne commune) : caractère de contrôle")
    assert reasons["ligne 9"].startswith("mot-clé (colonne tags) : balise HTML interdite")
    assert reasons["ligne 10"].startswith("description (colonne description) : caractère de")
    assert reasons["ligne 11"].startswith("nom (colonne nom) : trop long")
    stored = places(catalogue)
    assert stored["Bon lieu"].description == "Deux\nlignes"  # CRLF in a cell normalised
    with catalogue.session() as session:
        assert set(session.scalars(select(Tag.name))) == {"ESS"}
    # The report printed to staff never carries the escape sequences themselves.
    assert main(["--home", str(content_root.home), "places", "import", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out and "\u200b" not in out
    assert "« \\u001b[2J\\u001b[HTout effacé »" in out
    assert "erreur inattendue" not in out


def test_the_flush_never_raises_a_validation_error(catalogue: Catalogue) -> None:
    """A place that did not come through check_row (a caller of apply_places) is refused as a
    row, with its location: the gate's ValidationError never escapes."""
    bad = IncomingPlace("ligne 9", "Nom\x1b", None, None, None, None, None, ())
    good = IncomingPlace("ligne 10", "Bon", None, None, None, None, None, ())
    report = ImportReport()
    with catalogue.session() as session:
        apply_places(session, [bad, good], report, write=True)
    assert [r.location for r in report.rejected] == ["ligne 9"]
    assert "caractère de contrôle" in report.rejected[0].reason
    assert set(places(catalogue)) == {"Bon"}


def test_cells_over_the_csv_field_limit(
    catalogue: Catalogue,
    tmp_path: Path,
    content_root: ContentRoot,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # 200,000 characters: over Python's default csv limit (131,072), under the kiosk's bound;
    # the gate's length limit refuses the row, the others import.
    long_cell = "d" * 200_000
    path = tmp_path / "long.csv"
    path.write_text(f"nom;description\nA;court\nB;{long_cell}\nC;court\n", encoding="utf-8")
    report = run_import(catalogue, path)
    assert [c.name for c in report.added] == ["A", "C"]
    (refusal,) = report.rejected
    assert refusal.location == "ligne 3" and "trop long (200000 caractères" in refusal.reason
    # Over the bound (a quote never closed, often): the file is refused, naming the line.
    huge = tmp_path / "huge.csv"
    huge.write_text('nom;description\nD;court\nE;"' + "e" * 1_100_000 + "\n", encoding="utf-8")
    with pytest.raises(PlacesFileError, match=r"ligne 3 : une cellule dépasse 1 000 000"):
        run_import(catalogue, huge)
    assert main(["--home", str(content_root.home), "places", "import", str(huge)]) == 1
    err = capsys.readouterr().err
    assert "huge.csv : ligne 3 : une cellule dépasse" in err and "inattendue" not in err
    assert set(places(catalogue)) == {"A", "C"}


def test_geojson_with_non_finite_coordinates(catalogue: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "odd.geojson"
    path.write_text(
        '{"type": "FeatureCollection", "features": ['
        '{"type": "Feature", "geometry": {"type": "Point", "coordinates": [NaN, 46.5]},'
        ' "properties": {"nom": "NaN"}},'
        '{"type": "Feature", "geometry": {"type": "Point", "coordinates": [3.3, Infinity]},'
        ' "properties": {"nom": "Infini"}},'
        '{"type": "Feature", "geometry": {"type": "Point", "coordinates": [3.3, 1e999]},'
        ' "properties": {"nom": "Trop grand"}},'
        '{"type": "Feature", "geometry": {"type": "Point", "coordinates": [3.3333, 46.5653]},'
        ' "properties": {"nom": "Moulins", "site_web": "en cours", "commune": NaN}}]}',
        encoding="utf-8",
    )
    report = run_import(catalogue, path)
    assert [c.name for c in report.added] == ["Moulins"]
    assert [(r.location, "infinies ou indéfinies" in r.reason) for r in report.rejected] == [
        ("entité 1", True),
        ("entité 2", True),
        ("entité 3", True),
    ]
    assert [w.location for w in report.warnings] == ["entité 4"]
    assert places(catalogue)["Moulins"].commune is None  # NaN in a property is no value
    nested = tmp_path / "deep.geojson"
    nested.write_text('{"type": "FeatureCollection", "features": ' + "[" * 100_000, "utf-8")
    with pytest.raises(PlacesFileError, match="GeoJSON"):
        run_import(catalogue, nested)


def test_a_csv_with_a_bom_and_crlf(catalogue: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(
        "\ufeffNom;Commune;Site web\r\nLe Lieu;Moulins;www.lieu.fr\r\n".encode("utf-8")
    )
    report = run_import(catalogue, path)
    assert report.columns["name"] == "Nom" and not report.rejected and not report.warnings
    assert places(catalogue)["Le Lieu"].website == "https://www.lieu.fr"
    utf16 = tmp_path / "unicode.csv"
    utf16.write_bytes("nom\tcommune\r\nCafé\tCérilly\r\n".encode("utf-16"))
    run_import(catalogue, utf16)
    assert places(catalogue)["Café"].commune == "Cérilly"


def test_shown_makes_any_text_safe_to_print() -> None:
    assert shown("a\x1b[2Jb") == "a\\u001b[2Jb"
    assert shown("\u200b\u202e") == "\\u200b\\u202e"
    assert shown("x" * 100, 10) == "x" * 10 + "…"
    assert shown("Cérilly ") == "Cérilly "


def test_read_csv_names_the_line_of_a_cell_too_long() -> None:
    with pytest.raises(PlacesFileError, match="ligne 2"):
        read_csv('nom\n"' + "x" * 1_000_001 + '"\n')


def test_a_spreadsheet_given_for_a_csv_is_a_clear_refusal(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    from zipfile import ZipFile

    path = tmp_path / "tiers-lieux.xlsx"
    with ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(PlacesFileError, match=r"c'est un classeur .* enregistrez-le au format CSV"):
        run_import(catalogue, path)


def test_a_refusal_at_a_flush_is_one_clear_error_and_nothing_is_written(
    catalogue: Catalogue,
    tmp_path: Path,
    content_root: ContentRoot,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The import flushes in steps; if the gate still refused something at a flush (a slug
    made wrong, say), the whole import is one French error, and nothing of it stays."""
    from kiosk.library.places_io import applying as places_io

    made = places_io._new_place

    def wrong_slug(item: IncomingPlace, slugs: set[str], tags: dict[str, Tag]) -> Place:
        place = made(item, slugs, tags)
        if item.name == "Lieu 7":
            place.slug = "Pas un identifiant !"
        return place

    monkeypatch.setattr(places_io, "FLUSH_EVERY", 3)
    monkeypatch.setattr(places_io, "_new_place", wrong_slug)
    path = tmp_path / "ten.csv"
    path.write_text("nom\n" + "".join(f"Lieu {i}\n" for i in range(10)), encoding="utf-8")
    home = ["--home", str(content_root.home)]
    assert main([*home, "places", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "ten.csv : identifiant : un identifiant en minuscules" in err
    assert "rien n'a été importé" in err and "inattendue" not in err
    assert place_count(catalogue) == 0
    monkeypatch.setattr(places_io, "_new_place", made)
    assert main([*home, "places", "import", str(path)]) == 0
    assert place_count(catalogue) == 10


def test_a_dry_run_on_a_new_home_creates_no_catalogue(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "nouvelle-borne"
    path = write_cget_csv(tmp_path / "tl.csv", others=20, unknown=1)
    assert main(["--home", str(home), "places", "import", str(path), "--dry-run"]) == 0
    assert "25 lieux seraient ajoutés" in capsys.readouterr().out
    made = {p.name for p in home.iterdir()} if home.exists() else set()
    assert not made & {"data.db", "assets", "videos", "cache"}
